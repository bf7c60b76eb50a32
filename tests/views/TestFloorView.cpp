// Renders the floor through the VTK bridge in a real OpenGL context (needs an X server:
// run under xvfb-run), checks the pixels, and edits the layout with the mouse.
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QVector3D>
#include <QWheelEvent>

#include "FloorView.h"
#include "VtkMessageGuard.h"
#include "document/LayoutCommands.h"
#include "document/ProjectDocument.h"
#include "layout/FabricCabling.h"

using namespace gigaplan;

namespace {

/// A document holding a preset's project, evaluated.
std::unique_ptr<ProjectDocument> presetDocument(const char* preset) {
  auto document = std::make_unique<ProjectDocument>();
  QString error;
  if (!document->newFromScenario(QString::fromLatin1(preset), &error)) qFatal("%s", qPrintable(error));
  document->waitForResult();
  return document;
}

/// Pixels whose colour is the compute racks' blue, lit or in shade: blue clearly ahead of red.
int computeBluePixels(const QImage& image) {
  int count = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) {
      const QColor c = image.pixelColor(x, y);
      count += c.blue() > c.red() + 60 && c.blue() > c.green() + 20;
    }
  return count;
}

int highlightPixels(const QImage& image) {
  int count = 0;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) {
      const QColor c = image.pixelColor(x, y);
      count += c.red() > 220 && c.green() > 190 && c.blue() < 80;
    }
  return count;
}

/// A shown view of a document, sized for the tests.
struct ShownView {
  FloorView view;
  explicit ShownView(ProjectDocument* document) {
    view.resize(800, 600);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) qFatal("the view was not exposed");
    view.setDocument(document);
    view.grabFramebuffer();  // renders once, so the camera's projection matches the window
  }
  /// Where a site point appears in the window.
  QPoint project(double x, double y, double z) {
    vtkRenderer* scene = view.renderer();
    scene->SetWorldPoint(x, y, z, 1.0);
    scene->WorldToDisplay();
    double display[3];
    scene->GetDisplayPoint(display);
    const qreal ratio = view.devicePixelRatioF();
    return QPoint(qRound(display[0] / ratio), qRound(view.height() - display[1] / ratio));
  }
  /// Looks straight down on the first hall, the view most tests click in.
  void planOfFirstHall() {
    view.frameHall();
    view.setPlanMode(true);
    view.grabFramebuffer();
  }
  QPoint rackCentre(const SiteLayout& layout, const Rack& rack) {
    const HallTemplate& t = layout.hallTemplate;
    return project(layout.rackXM(rack) + t.rackWidthM / 2, layout.rackYM(rack) + t.rackDepthM / 2,
                   RackPicker::kRackHeightM);
  }
  void send(QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons buttons,
            Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QMouseEvent event(type, at, view.mapToGlobal(at), button, buttons, modifiers);
    QApplication::sendEvent(&view, &event);
  }
  void drag(QPoint from, QPoint to, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    send(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton, modifiers);
    for (int step = 1; step <= 10; ++step)
      send(QEvent::MouseMove, from + (to - from) * step / 10.0, Qt::NoButton, Qt::LeftButton, modifiers);
    send(QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton, modifiers);
  }
};

/// The last compute rack of a hall.
std::size_t lastComputeRackOfHall(const SiteLayout& layout, int hall) {
  std::size_t found = 0;
  for (std::size_t i = 0; i < layout.racks.size(); ++i)
    if (layout.racks[i].role == RackRole::Compute &&
        layout.rows[static_cast<std::size_t>(layout.racks[i].row)].hall == hall)
      found = i;
  return found;
}

/// A compute rack near the middle of the layout.
std::size_t middleComputeRack(const SiteLayout& layout) {
  std::size_t index = layout.racks.size() / 2;
  while (layout.racks[index].role != RackRole::Compute) ++index;
  return index;
}

}  // namespace

class TestFloorView : public QObject {
  Q_OBJECT
 private slots:
  void aVtkWarningFailsTheRun() {
    auto* guard = gigaplan::test::VtkMessageGuard::SafeDownCast(vtkOutputWindow::GetInstance());
    QVERIFY(guard);
    const std::size_t before = guard->messages.size();
    vtkGenericWarningMacro("probe of the VTK message guard");
    QCOMPARE(guard->messages.size(), before + 1);
    QVERIFY(guard->messages.back().find("probe of the VTK message guard") != std::string::npos);
    QCOMPARE(guard->exitStatus(0), 1);
    guard->messages.pop_back();  // the probe was expected; any other message still fails the run
  }

  void aFrameShowsTheRacks() {
    FloorView empty;
    empty.resize(800, 600);
    empty.show();
    QVERIFY(QTest::qWaitForWindowExposed(&empty));
    QCOMPARE(computeBluePixels(empty.grabFramebuffer()), 0);

    auto document = presetDocument("colossus-150k-h100");
    ShownView shown(document.get());
    shown.view.frameHall();
    const QImage frame = shown.view.grabFramebuffer();
    const int blue = computeBluePixels(frame);
    // A good share of the window is racks, not background and not a black frame.
    QVERIFY2(blue > frame.width() * frame.height() / 50, qPrintable(QString::number(blue)));
    QVERIFY(frame.pixelColor(2, 2).lightness() > 200);
    QVERIFY(shown.view.detailedHallsInLastFrame() > 0);
  }

  void draggingOrbitsAndTheWheelZooms() {
    auto document = presetDocument("colossus-150k-h100");
    ShownView shown(document.get());
    vtkCamera* camera = shown.view.renderer()->GetActiveCamera();
    auto position = [&] {
      double p[3];
      camera->GetPosition(p);
      return QVector3D(static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2]));
    };
    const QVector3D start = position();
    const double startDistance = camera->GetDistance();
    shown.drag({400, 300}, {550, 300});
    QVERIFY((position() - start).length() > 1.0f);
    // Orbiting keeps the distance to the site and changes no selection.
    QVERIFY(std::fabs(camera->GetDistance() - startDistance) < 1e-6 * startDistance);

    QWheelEvent wheel({400, 300}, shown.view.mapToGlobal(QPointF(400, 300)), {}, {0, 120}, Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&shown.view, &wheel);
    QVERIFY(camera->GetDistance() < startDistance);
    QVERIFY(computeBluePixels(shown.view.grabFramebuffer()) > 0);
    // The View menu's Zoom In and Out: a quarter closer, then back.
    const double before = camera->GetDistance();
    shown.view.zoomBy(1.25);
    QVERIFY(std::fabs(camera->GetDistance() - before / 1.25) < 1e-6 * before);
    shown.view.zoomBy(1 / 1.25);
    QVERIFY(std::fabs(camera->GetDistance() - before) < 1e-6 * before);
    shown.view.setPlanMode(true);
    const double scale = camera->GetParallelScale();
    shown.view.zoomBy(2);
    QVERIFY(std::fabs(camera->GetParallelScale() - scale / 2) < 1e-9 * scale);
  }

  void aClickOnAKnownRackSelectsIt() {
    auto document = presetDocument("colossus-150k-h100");
    ShownView shown(document.get());
    shown.planOfFirstHall();
    const SiteLayout& layout = document->project().layout;
    // The first hall's middle compute rack.
    std::size_t target = lastComputeRackOfHall(layout, 0) - 100;
    while (layout.racks[target].role != RackRole::Compute) --target;
    QTest::mouseClick(&shown.view, Qt::LeftButton, Qt::NoModifier, shown.rackCentre(layout, layout.racks[target]));
    QCOMPARE(document->selection(), LayoutSelection::racks({layout.racks[target].id}));
    // The highlight and the rack's fabric links are drawn.
    QVERIFY(highlightPixels(shown.view.grabFramebuffer()) > 0);
    QVERIFY(shown.view.linkLinesShown() > 0);
    shown.view.grab().save(QStringLiteral("floor-selected-rack.png"));  // for a person to look at
    // A click on empty ground clears the selection.
    QTest::mouseClick(&shown.view, Qt::LeftButton, Qt::NoModifier, QPoint(3, 3));
    QVERIFY(document->selection().isEmpty());
  }

  void aDragMovesARowAndTheMoveSurvivesSaveAndReopen() {
    auto document = presetDocument("colossus-150k-h100");
    ShownView shown(document.get());
    shown.planOfFirstHall();
    shown.view.setPickLevel(FloorView::PickLevel::Row);
    const SiteLayout& layout = document->project().layout;
    const Rack rack = layout.racks[lastComputeRackOfHall(layout, 0)];
    const Row before = layout.rows[static_cast<std::size_t>(rack.row)];
    const QPoint grab = shown.rackCentre(layout, rack);
    QTest::mouseClick(&shown.view, Qt::LeftButton, Qt::NoModifier, grab);
    QCOMPARE(document->selection(), LayoutSelection::row(rack.row));

    // Drag the row 2 m west: project where a point 2 m west of the grab lands.
    const QPoint west = shown.project(layout.rackXM(rack) + 0.3 - 2.0, layout.rackYM(rack) + 0.6, 0.0);
    const QPoint drop = grab + (west - shown.project(layout.rackXM(rack) + 0.3, layout.rackYM(rack) + 0.6, 0.0));
    const int buildsBefore = shown.view.rackMeshBuilds();
    shown.drag(grab, drop);
    const Row& after = document->project().layout.rows[static_cast<std::size_t>(rack.row)];
    QVERIFY2(std::fabs(after.xM - (before.xM - 2.0)) < 0.3, qPrintable(QString::number(after.xM - before.xM)));
    QCOMPARE(after.yM, before.yM);
    QCOMPARE(document->undoStack()->count(), 1);
    QVERIFY(document->isModified());
    // Only the moved row's hall is rebuilt.
    shown.view.grabFramebuffer();
    QCOMPARE(shown.view.rackMeshBuilds() - buildsBefore, 1);

    // Undo puts it back, redo moves it again; the move survives save and reopen.
    const double movedX = after.xM;
    document->undoStack()->undo();
    QCOMPARE(document->project().layout.rows[static_cast<std::size_t>(rack.row)].xM, before.xM);
    document->undoStack()->redo();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("moved.gigaplan"));
    QString error;
    QVERIFY2(document->saveAs(path, &error), qPrintable(error));
    QVERIFY(!document->isModified());
    ProjectDocument reopened;
    QVERIFY2(reopened.openFile(path, &error), qPrintable(error));
    QCOMPARE(reopened.project().layout.rows[static_cast<std::size_t>(rack.row)].xM, movedX);
  }

  void aDragMovesARackIntoAFreeSlot() {
    auto document = presetDocument("colossus-150k-h100");
    ShownView shown(document.get());
    shown.planOfFirstHall();
    const SiteLayout& layout = document->project().layout;
    // Two compute racks side by side in hall 0: the first is removed, the second dragged into
    // the slot it left.
    std::size_t first = middleComputeRack(layout);
    while (layout.rows[static_cast<std::size_t>(layout.racks[first].row)].hall != 0 ||
           layout.racks[first + 1].role != RackRole::Compute || layout.racks[first + 1].row != layout.racks[first].row)
      first = (first + 1) % layout.racks.size();
    const Rack gone = layout.racks[first];
    const Rack moved = layout.racks[first + 1];
    QCOMPARE(moved.slot, gone.slot + 1);
    const QPoint goneAt = shown.rackCentre(layout, gone);
    const QPoint movedAt = shown.rackCentre(layout, moved);
    QTest::mouseClick(&shown.view, Qt::LeftButton, Qt::NoModifier, goneAt);
    QCOMPARE(document->selection(), LayoutSelection::racks({gone.id}));
    QTest::keyClick(&shown.view, Qt::Key_Delete);
    QCOMPARE(LayoutCommands::rackIndex(document->project().layout, gone.id), -1);
    QTest::mouseClick(&shown.view, Qt::LeftButton, Qt::NoModifier, movedAt);
    QCOMPARE(document->selection(), LayoutSelection::racks({moved.id}));
    shown.drag(movedAt, goneAt);
    const SiteLayout& after = document->project().layout;
    const Rack& landed = after.racks[static_cast<std::size_t>(LayoutCommands::rackIndex(after, moved.id))];
    QCOMPARE(landed.row, gone.row);
    QCOMPARE(landed.slot, gone.slot);
    QCOMPARE(document->undoStack()->count(), 2);  // the removal and the move
  }

  void aDragOutOfTheHallIsRefused() {
    auto document = presetDocument("colossus-150k-h100");
    ShownView shown(document.get());
    shown.planOfFirstHall();
    shown.view.setPickLevel(FloorView::PickLevel::Row);
    const SiteLayout& layout = document->project().layout;
    const Rack rack = layout.racks[0];
    const QPoint grab = shown.rackCentre(layout, rack);
    QTest::mouseClick(&shown.view, Qt::LeftButton, Qt::NoModifier, grab);
    QSignalSpy refused(&shown.view, &FloorView::editRefused);
    shown.drag(grab, QPoint(2, grab.y()));
    QCOMPARE(refused.count(), 1);
    QVERIFY(refused.first().first().toString().contains(QStringLiteral("would leave the hall")));
    QCOMPARE(document->undoStack()->count(), 0);
  }

  void shiftDragSelectsARectangleAndDeleteRemovesIt() {
    auto document = presetDocument("colossus-150k-h100");
    ShownView shown(document.get());
    shown.planOfFirstHall();
    const std::size_t racksBefore = document->project().layout.racks.size();
    shown.drag({380, 280}, {420, 320}, Qt::ShiftModifier);
    QCOMPARE(document->selection().level, LayoutSelection::Level::Racks);
    const std::size_t selected = document->selection().rackIds.size();
    QVERIFY(selected > 0);
    QTest::keyClick(&shown.view, Qt::Key_Delete);
    QCOMPARE(document->project().layout.racks.size(), racksBefore - selected);
    QVERIFY(document->selection().isEmpty());
    document->undoStack()->undo();
    QCOMPARE(document->project().layout.racks.size(), racksBefore);
  }

  void overlaysColourByPowerAndCableClass() {
    auto document = presetDocument("colossus-150k-h100");
    ShownView shown(document.get());
    const SiteLayout& layout = document->project().layout;
    shown.view.setColourBy(FloorView::ColourBy::Power);
    // Five steps of the ramp, the four kinds of plant in the electrical rooms, and the hall floor,
    // electrical room and building under the racks.
    QCOMPARE(shown.view.legend().size(), std::size_t{5 + 4 + 3});
    // Compute and network racks draw different power, so they get different colours.
    std::size_t leaf = 0;
    while (layout.racks[leaf].role != RackRole::Leaf) ++leaf;
    const std::size_t compute = middleComputeRack(layout);
    QVERIFY(layout.racks[leaf].powerKw != layout.racks[compute].powerKw);
    QVERIFY(shown.view.rackColour(static_cast<int>(leaf)) != shown.view.rackColour(static_cast<int>(compute)));

    shown.view.setColourBy(FloorView::ColourBy::CableClass);
    // Every reach class and "no links" are in the legend; compute racks reach their leaves
    // within the row, so they are not in the longest class.
    QCOMPARE(shown.view.legend().size(), std::size_t{7 + 4 + 3});
    QVERIFY(shown.view.rackColour(static_cast<int>(compute)) != shown.view.legend()[5].colour);

    shown.view.frameHall();
    shown.view.grab().save(QStringLiteral("floor-cable-class.png"));  // for a person to look at

    shown.view.setColourBy(FloorView::ColourBy::Phase);
    QCOMPARE(shown.view.legend().size(), std::size_t{1 + 4 + 3});
    QCOMPARE(shown.view.legendTitle(), FloorView::colourByName(FloorView::ColourBy::Phase));
  }

  void buildingAndHallNamesReadWithoutOverlapping() {
    auto document = presetDocument("colossus-to-1m");
    ShownView shown(document.get());
    const SiteLayout& layout = document->project().layout;
    auto names = [&] {
      shown.view.grabFramebuffer();
      QStringList texts;
      for (const auto& name : shown.view.shownNames()) texts << name.text;
      return texts;
    };
    auto noneOverlap = [&] {
      const auto& shownNames = shown.view.shownNames();
      for (std::size_t i = 0; i < shownNames.size(); ++i)
        for (std::size_t j = i + 1; j < shownNames.size(); ++j)
          if (shownNames[i].box.intersects(shownNames[j].box)) return false;
      return true;
    };
    // At site scale several buildings are named, none over another, all inside the view.
    shown.view.frameSite();
    const QStringList atSite = names();
    int buildings = 0;
    for (const Building& b : layout.buildings) buildings += atSite.contains(b.name) ? 1 : 0;
    QVERIFY2(buildings >= 3, qPrintable(atSite.join(QStringLiteral(", "))));
    QVERIFY(noneOverlap());
    for (const auto& name : shown.view.shownNames()) QVERIFY(QRectF(shown.view.rect()).contains(name.box));
    // Near a hall, the hall's own name shows.
    document->setSelection(LayoutSelection::hall(3));
    shown.view.frameHall();
    QVERIFY2(names().contains(layout.halls[3].name), qPrintable(names().join(QStringLiteral(", "))));
    QVERIFY(noneOverlap());
    shown.view.grab().save(QStringLiteral("floor-names.png"));  // for a person to look at
  }

  void twoClicksMeasureAlongTheFloorAndTheTrays() {
    auto document = presetDocument("colossus-150k-h100");
    ShownView shown(document.get());
    shown.planOfFirstHall();
    const SiteLayout& layout = document->project().layout;
    const Hall& hall = layout.halls[0];
    // Two points of the first hall, 20 m apart along x and 10 m along y.
    const double x0 = hall.xM + 5, y0 = hall.yM + 5, x1 = x0 + 20, y1 = y0 + 10;
    QSignalSpy said(&shown.view, &FloorView::measured);
    shown.view.setMeasuring(true);
    const QPoint a = shown.project(x0, y0, 0), b = shown.project(x1, y1, 0);
    QTest::mouseClick(&shown.view, Qt::LeftButton, Qt::NoModifier, a);
    QTest::mouseClick(&shown.view, Qt::LeftButton, Qt::NoModifier, b);
    QVERIFY(said.count() >= 3);
    const QString text = said.last().first().toString();
    // Clicks land on whole pixels: the distances agree to the floor a pixel covers.
    const QRegularExpression numbers(QStringLiteral("Measured: ([\\d.]+) m along the floor, ([\\d.]+) m"));
    const auto match = numbers.match(text);
    QVERIFY2(match.hasMatch(), qPrintable(text));
    const double floorM = match.captured(1).toDouble(), trayM = match.captured(2).toDouble();
    QVERIFY2(std::fabs(floorM - std::hypot(20.0, 10.0)) < 0.5, qPrintable(text));
    const HallTemplate& t = layout.hallTemplate;
    QVERIFY2(std::fabs(trayM - FabricCabling::trayLengthM(t, 20, 10)) < 0.8, qPrintable(text));
    // Measuring leaves the selection alone.
    QVERIFY(document->selection().isEmpty());
    shown.view.setMeasuring(false);
  }

  void aMillionGpuSiteUsesLevelOfDetail() {
    auto document = presetDocument("gb200-nvl72-1m");
    ShownView shown(document.get());
    // From afar every hall is drawn row by row, and it still shows the racks' colour.
    QCOMPARE(shown.view.detailedHallsInLastFrame(), 0);
    QCOMPARE(shown.view.rackMeshBuilds(), 0);
    QVERIFY(computeBluePixels(shown.view.grabFramebuffer()) > 1000);
    // Close to one hall only the halls near the camera get rack meshes.
    shown.view.frameHall();
    QVERIFY(computeBluePixels(shown.view.grabFramebuffer()) > 1000);
    const int detailed = shown.view.detailedHallsInLastFrame();
    QVERIFY(detailed >= 1);
    QVERIFY2(detailed < static_cast<int>(document->project().layout.halls.size()) / 2,
             qPrintable(QString::number(detailed)));
  }
};

int main(int argc, char** argv) {
  VtkOpenGLWidget::prepareSurfaceFormat();
  QApplication app(argc, argv);
  auto* vtkMessages = gigaplan::test::VtkMessageGuard::install();
  TestFloorView test;
  return vtkMessages->exitStatus(QTest::qExec(&test, argc, argv));
}

#include "TestFloorView.moc"
