// gigaplan-report-bench: the PDF report of the 1,000,000-GPU sample built out in three phases.
// Target: the whole report, from the project (floor laid out, phases, calibration) to the written
// PDF, under 5 s, in the first run of the process (fonts loaded cold), as `gigaplan-cli report` does.
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStringList>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

#include "BenchmarkReport.h"
#include "plan/PresetLibrary.h"
#include "report/ProjectReport.h"

using namespace gigaplan;
using namespace gigaplan::bench;

namespace {

struct ReportRun {
  double prepareMs = 0;
  double writeMs = 0;
  int pages = 0;
};

std::optional<ReportRun> writeReport(const Project& project, const QString& path) {
  ReportRun run;
  QString error;
  QElapsedTimer timer;
  timer.start();
  const auto report = ProjectReport::prepare(project, &error);
  run.prepareMs = millisecondsSince(timer);
  timer.restart();
  if (!report || !report->writePdf(path, &error, [&](int, int total) {
        run.pages = total;
        return true;
      })) {
    std::fprintf(stderr, "error: %s\n", qPrintable(error));
    return std::nullopt;
  }
  run.writeMs = millisecondsSince(timer);
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  // The report draws text, which takes a QGuiApplication; no display needed.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  const bool check = QCoreApplication::arguments().contains(QStringLiteral("--check"));
  ScenarioErrors errors;
  const auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
  if (!project) {
    std::fprintf(stderr, "error: %s\n", qPrintable(errors.value(0).text()));
    return 2;
  }
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("report.pdf"));

  // The first run is what a user waits for; the best of three more shows the steady state.
  const auto first = writeReport(*project, path);
  if (!first) return 2;
  ReportRun best{1e9, 1e9, first->pages};
  for (int run = 0; run < 3; ++run) {
    const auto again = writeReport(*project, path);
    if (!again) return 2;
    best.prepareMs = std::min(best.prepareMs, again->prepareMs);
    best.writeMs = std::min(best.writeMs, again->writeMs);
  }
  const double firstMs = first->prepareMs + first->writeMs;
  const double fileMb = static_cast<double>(QFileInfo(path).size()) / 1e6;

  std::printf("gigaplan-report-bench: \"%s\", %zu phases, 1,000,000 GPUs\n", qPrintable(project->scenario.name),
              project->phases.size());
  std::printf("  first report                    %8.1f ms   target < 5000 ms               %s\n", firstMs,
              verdict(firstMs < 5000));
  std::printf("    layout, phases, calibration   %8.1f ms\n", first->prepareMs);
  std::printf("    pages laid out and written    %8.1f ms\n", first->writeMs);
  std::printf("  report, best of 3               %8.1f ms   (%.1f + %.1f ms)\n", best.prepareMs + best.writeMs,
              best.prepareMs, best.writeMs);
  std::printf("  pages                           %8d\n", first->pages);
  std::printf("  file size                       %8.2f MB\n", fileMb);
  return check && firstMs >= 5000 ? 1 : 0;
}
