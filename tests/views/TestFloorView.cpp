// Renders the floor through the VTK bridge in a real OpenGL context (needs an X server:
// run under xvfb-run) and checks the pixels.
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QVector3D>
#include <QWheelEvent>

#include "Evaluator.h"
#include "FloorView.h"
#include "LayoutGenerator.h"
#include "PresetLibrary.h"

using namespace gigaplan;

namespace {
SiteLayout presetLayout(const char* preset) {
  ScenarioErrors errors;
  const auto scenario = PresetLibrary::load(QString::fromLatin1(preset), errors);
  const auto resolved = scenario->resolve(HardwareCatalog::bundled(), errors);
  QString error;
  return *LayoutGenerator::generate(resolved->values, evaluate(resolved->values), scenario->systemType, HallTemplate{},
                                    &error);
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
}  // namespace

class TestFloorView : public QObject {
  Q_OBJECT
 private slots:
  void aFrameShowsTheRacks() {
    FloorView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage empty = view.grabFramebuffer();
    QCOMPARE(computeBluePixels(empty), 0);

    view.showLayout(presetLayout("colossus-150k-h100"));
    const QImage frame = view.grabFramebuffer();
    QVERIFY(!frame.isNull());
    const int blue = computeBluePixels(frame);
    // A good share of the window is racks, not background and not a black frame.
    QVERIFY2(blue > frame.width() * frame.height() / 50, qPrintable(QString::number(blue)));
    QVERIFY(frame.pixelColor(2, 2) == QColor(245, 245, 247) || frame.pixelColor(2, 2).lightness() > 200);
    frame.save(QStringLiteral("floor-view.png"));
  }

  void draggingOrbitsAndTheWheelZooms() {
    FloorView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showLayout(presetLayout("colossus-150k-h100"));
    vtkCamera* camera = view.renderer()->GetActiveCamera();
    auto position = [&] {
      double p[3];
      camera->GetPosition(p);
      return QVector3D(static_cast<float>(p[0]), static_cast<float>(p[1]), static_cast<float>(p[2]));
    };
    const QVector3D start = position();
    const double startDistance = camera->GetDistance();
    auto send = [&](QEvent::Type type, QPointF at, Qt::MouseButton button, Qt::MouseButtons buttons) {
      QMouseEvent event(type, at, view.mapToGlobal(at), button, buttons, Qt::NoModifier);
      QApplication::sendEvent(&view, &event);
    };
    send(QEvent::MouseButtonPress, {400, 300}, Qt::LeftButton, Qt::LeftButton);
    for (int step = 1; step <= 10; ++step)
      send(QEvent::MouseMove, {400.0 + 15 * step, 300}, Qt::NoButton, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, {550, 300}, Qt::LeftButton, Qt::NoButton);
    QVERIFY((position() - start).length() > 1.0f);
    // Orbiting keeps the distance to the site.
    QVERIFY(std::fabs(camera->GetDistance() - startDistance) < 1e-6 * startDistance);

    QWheelEvent wheel({400, 300}, view.mapToGlobal(QPointF(400, 300)), {}, {0, 120}, Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    QVERIFY(camera->GetDistance() < startDistance);
    QVERIFY(computeBluePixels(view.grabFramebuffer()) > 0);
  }

  void aClickOnARackSelectsIt() {
    FloorView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const SiteLayout layout = presetLayout("colossus-150k-h100");
    view.showLayout(layout);
    view.viewFromAbove();
    view.grabFramebuffer();  // renders once, so the camera's projection matches the window
    // The centre of a compute rack in the middle of the site, projected to the window.
    std::size_t target = layout.racks.size() / 2;
    while (layout.racks[target].role != RackRole::Compute) ++target;
    const Rack& rack = layout.racks[target];
    vtkRenderer* scene = view.renderer();
    scene->SetWorldPoint(layout.rackXM(rack) + 0.3, layout.rackYM(rack) + 0.6, RackPicker::kRackHeightM, 1.0);
    scene->WorldToDisplay();
    double display[3];
    scene->GetDisplayPoint(display);
    const qreal ratio = view.devicePixelRatioF();
    const QPoint click(qRound(display[0] / ratio), qRound(view.height() - display[1] / ratio));
    QSignalSpy selected(&view, &FloorView::rackSelected);
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, click);
    QCOMPARE(view.selectedRack(), static_cast<int>(target));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.first().first().value<std::uint32_t>(), rack.id);
    // The highlight is drawn: yellow pixels appear.
    const QImage frame = view.grabFramebuffer();
    int yellow = 0;
    for (int y = 0; y < frame.height(); ++y)
      for (int x = 0; x < frame.width(); ++x) {
        const QColor c = frame.pixelColor(x, y);
        yellow += c.red() > 220 && c.green() > 190 && c.blue() < 80;
      }
    QVERIFY(yellow > 0);
    // A click on empty ground clears the selection.
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(3, 3));
    QCOMPARE(view.selectedRack(), -1);
  }

  void aMillionGpuSiteRenders() {
    FloorView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showLayout(presetLayout("gb200-nvl72-1m"));
    QVERIFY(computeBluePixels(view.grabFramebuffer()) > 1000);
  }
};

int main(int argc, char** argv) {
  VtkOpenGLWidget::prepareSurfaceFormat();
  QApplication app(argc, argv);
  TestFloorView test;
  return QTest::qExec(&test, argc, argv);
}

#include "TestFloorView.moc"
