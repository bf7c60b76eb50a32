// gigaplan-floor-bench: the 3D floor of the 1,000,000-GPU sample on this machine's renderer
// (needs an X server: run under xvfb-run). Measures
//   - the first frame: the desktop program started on the sample until its screenshot is saved;
//   - frame time while orbiting, against an empty scene in the same window and run (<= 2x);
//   - selecting the rack under the mouse, click to selection (< 50 ms);
//   - a one-rack edit: time to the next frame, and how many hall meshes it rebuilt.
// Prints each figure with its target; --check fails when one is missed.
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <QApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <vector>

#include "BenchmarkReport.h"
#include "FloorView.h"
#include "VtkMessageGuard.h"
#include "document/LayoutCommands.h"
#include "document/ProjectDocument.h"

using namespace gigaplan;
using namespace gigaplan::bench;

namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0.0 : values[values.size() / 2];
}

/// Milliseconds per frame while the camera orbits the focal point, one full repaint per step.
double orbitFrameMs(FloorView& view, int frames) {
  std::vector<double> times;
  vtkCamera* camera = view.renderer()->GetActiveCamera();
  for (int i = 0; i < frames; ++i) {
    camera->Azimuth(360.0 / frames);
    QElapsedTimer timer;
    timer.start();
    view.repaint();
    QCoreApplication::processEvents();
    times.push_back(millisecondsSince(timer));
  }
  return median(times);
}

/// The desktop program from start to its saved screenshot of the sample, in seconds.
double firstFrameSeconds() {
  QTemporaryDir dir;
  QProcess program;
  QElapsedTimer timer;
  timer.start();
  program.start(QStringLiteral(GIGAPLAN_DESKTOP_PATH),
                {QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("first.png"))});
  if (!program.waitForFinished(120000) || program.exitCode() != 0) {
    std::fprintf(stderr, "error: gigaplan --screenshot failed: %s\n", program.readAllStandardError().constData());
    return -1;
  }
  return secondsSince(timer);
}

}  // namespace

int main(int argc, char** argv) {
  VtkOpenGLWidget::prepareSurfaceFormat();
  QApplication app(argc, argv);
  auto* vtkMessages = gigaplan::test::VtkMessageGuard::install();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as soon as it is measured
  const bool check = app.arguments().contains(QStringLiteral("--check"));
  const int frames = app.arguments().contains(QStringLiteral("--quick")) ? 12 : 48;
  bool allMet = true;
  auto report = [&](const char* what, double value, const char* unit, const char* target, bool met) {
    std::printf("%-52s %10.1f %-4s  target %-18s %s\n", what, value, unit, target, verdict(met));
    allMet = allMet && met;
  };

  const double firstFrame = firstFrameSeconds();
  report("first frame of the 1M-GPU sample (program start)", firstFrame, "s", "< 3 s",
         firstFrame > 0 && firstFrame < 3);

  ProjectDocument document;
  QString error;
  if (!document.newFromScenario(QStringLiteral("gb200-nvl72-1m"), &error)) {
    std::fprintf(stderr, "error: %s\n", qPrintable(error));
    return 2;
  }
  document.waitForResult();
  const SiteLayout& layout = document.project().layout;
  std::printf("1M-GPU sample: %zu racks in %zu halls, window 1280x800\n", layout.racks.size(), layout.halls.size());

  FloorView view;
  view.resize(1280, 800);
  view.show();
  if (!QTest::qWaitForWindowExposed(&view)) return 2;
  // Baseline: the same window with nothing in it.
  const double emptyMs = orbitFrameMs(view, frames);
  view.setDocument(&document);
  view.repaint();
  const double siteMs = orbitFrameMs(view, frames);
  const int siteDetailed = view.detailedHallsInLastFrame();
  view.frameHall();
  view.repaint();
  const double hallMs = orbitFrameMs(view, frames);
  const int hallDetailed = view.detailedHallsInLastFrame();
  std::printf("%-52s %10.1f ms\n", "empty scene, orbit frame (baseline)", emptyMs);
  report("site view, orbit frame / empty", siteMs / emptyMs, "x", "<= 2x", siteMs <= 2 * emptyMs);
  std::printf("%-52s %10.1f ms  (%d of %zu halls rack by rack)\n", "  site view, orbit frame", siteMs, siteDetailed,
              layout.halls.size());
  report("hall view, orbit frame / empty", hallMs / emptyMs, "x", "<= 2x", hallMs <= 2 * emptyMs);
  std::printf("%-52s %10.1f ms  (%d of %zu halls rack by rack)\n", "  hall view, orbit frame", hallMs, hallDetailed,
              layout.halls.size());

  // Selecting: a click on a rack near the centre of the hall view, until the selection is set
  // and its outline and fabric links are built.
  view.setPlanMode(true);
  view.repaint();
  std::vector<double> pickTimes;
  int selected = 0;
  const HallTemplate& t = layout.hallTemplate;
  for (std::size_t i = 0; i < layout.racks.size() && pickTimes.size() < 20; i += 7) {
    const Rack& rack = layout.racks[i];
    if (layout.rows[static_cast<std::size_t>(rack.row)].hall != 0) continue;
    vtkRenderer* scene = view.renderer();
    scene->SetWorldPoint(layout.rackXM(rack) + t.rackWidthM / 2, layout.rackYM(rack) + t.rackDepthM / 2,
                         RackPicker::kRackHeightM, 1.0);
    scene->WorldToDisplay();
    double display[3];
    scene->GetDisplayPoint(display);
    const QPoint at(qRound(display[0] / view.devicePixelRatioF()),
                    qRound(view.height() - display[1] / view.devicePixelRatioF()));
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, at);
    pickTimes.push_back(millisecondsSince(timer));
    selected += document.selection() == LayoutSelection::racks({rack.id});
  }
  const bool picked = selected == static_cast<int>(pickTimes.size());
  std::printf("%d of %zu clicks selected the rack aimed at\n", selected, pickTimes.size());
  const double pickMs = *std::max_element(pickTimes.begin(), pickTimes.end());
  report("select the rack under the mouse (slowest of 20)", pickMs, "ms", "< 50 ms", picked && pickMs < 50);

  // A one-rack edit, seen rack by rack in the hall view: the selected rack moves to a free slot
  // of its hall.
  view.setPlanMode(false);
  view.frameHall();
  if (document.selection().level == LayoutSelection::Level::Racks) {
    const std::uint32_t id = document.selection().rackIds.front();
    const Rack& rack = layout.racks[static_cast<std::size_t>(LayoutCommands::rackIndex(layout, id))];
    const int hall = layout.rows[static_cast<std::size_t>(rack.row)].hall;
    std::unique_ptr<QUndoCommand> move;
    for (std::size_t row = 0; row < layout.rows.size() && !move; ++row)
      for (int slot = 0; layout.rows[row].hall == hall && slot < layout.rows[row].slotCount && !move; ++slot)
        move = LayoutCommands::moveRack(document.layoutForCommands(), id, static_cast<int>(row), slot, &error);
    view.grabFramebuffer();
    const int buildsBefore = view.rackMeshBuilds();
    QElapsedTimer timer;
    timer.start();
    document.pushLayoutCommand(std::move(move));
    view.grabFramebuffer();  // renders the next frame now (and reads it back)
    const double editMs = millisecondsSince(timer);
    const int rebuilt = view.rackMeshBuilds() - buildsBefore;
    report("one-rack move to the next frame", editMs, "ms", "(reported)", true);
    report("  hall meshes rebuilt by it", rebuilt, "", "1", rebuilt == 1);
  } else {
    report("one-rack move: no rack selected", 0, "", "", false);
  }
  return vtkMessages->exitStatus(check && !allMet ? 1 : 0);
}
