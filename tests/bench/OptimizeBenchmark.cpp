// gigaplan-optimize-bench: the design optimizer's three speeds, each against a baseline of the
// same run. Targets: screening at least 1,000,000 designs per minute on one core through the
// batched engine (baseline: the batched engine on the same scenarios, without the optimizer's
// grouping and judging); the floor-based evaluation of finalists at least 100 designs per second
// per core at 150,000 GPUs (baseline: the engine alone on the same designs); and the same search
// under `mpirun -n 2` at least 1.8 times as fast as one process (the goal in
// optimize-bench-goal.json: 1,000,000 GPUs, about 700 designs judged on their floors).
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <algorithm>
#include <cstdio>

#include "BenchmarkReport.h"
#include "engine/Evaluator.h"
#include "engine/Sweep.h"
#include "optimize/DesignSearch.h"

using namespace gigaplan;
using namespace gigaplan::bench;

namespace {

/// The screening and floor benchmarks' space: 150,000 Hopper GPUs, three systems, the fabric's
/// oversubscription and planes, the electrical redundancy.
std::optional<OptimizeSpec> spec150k() {
  const QJsonObject json = QJsonDocument::fromJson(R"({
    "base": "colossus-150k-h100",
    "objectives": [ {"minimize": "cost.tcoUsdPerYear"}, {"maximize": "network.bisectionPerGpuGbps"} ],
    "constraints": [ {"output": "power.facilityMw", "max": 400} ],
    "space": [
      {"path": "system.type", "values": ["hgx-h100", "hgx-h100-liquid", "hgx-h200"]},
      {"path": "network.oversubscriptionTier1", "from": 1, "to": 4, "step": 0.25},
      {"path": "network.oversubscriptionTier2", "from": 1, "to": 4, "step": 0.25},
      {"path": "network.planes", "values": [1, 2, 4]},
      {"path": "electrical.redundancy", "values": [1, 2]}
    ] })")
                               .object();
  ScenarioErrors errors;
  auto spec = OptimizeSpec::fromJson(json, QString(), errors);
  if (!spec) std::fprintf(stderr, "error: %s\n", qPrintable(errors.value(0).text()));
  return spec;
}

std::vector<Genome> randomDesigns(const OptimizeSpec& spec, std::size_t count, quint64 seed) {
  SampleGenerator random(seed);
  std::vector<Genome> designs(count, Genome(spec.space.size()));
  for (Genome& genes : designs)
    for (std::size_t v = 0; v < genes.size(); ++v)
      genes[v] = static_cast<int>(
          std::min(spec.space[v].values.size() - 1,
                   static_cast<std::size_t>(uniformSample(random) * static_cast<double>(spec.space[v].values.size()))));
  return designs;
}

/// Seconds `gigaplan-cli optimize GOAL` takes, alone or under `mpirun -n ranks`; negative when it fails.
double timedSearch(const QString& goal, int ranks, QByteArray* front) {
  QProcess process;
  QStringList arguments = {QStringLiteral(GIGAPLAN_CLI_PATH), QStringLiteral("optimize"), goal,
                           QStringLiteral("--format"),        QStringLiteral("json"),     QStringLiteral("-q")};
  QString program = arguments.takeFirst();
  if (ranks > 1) {
    arguments.prepend(program);
    arguments =
        QStringList{QStringLiteral("--oversubscribe"), QStringLiteral("-n"), QString::number(ranks)} + arguments;
    if (geteuid() == 0) arguments.prepend(QStringLiteral("--allow-run-as-root"));
    program = QStringLiteral("mpirun");
  }
  QElapsedTimer timer;
  timer.start();
  process.start(program, arguments);
  if (!process.waitForFinished(600'000) || process.exitCode() != 0) {
    std::fprintf(stderr, "error: %s: %s\n", qPrintable(program), process.readAllStandardError().constData());
    return -1;
  }
  *front = process.readAllStandardOutput();
  return secondsSince(timer);
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const bool check = QCoreApplication::arguments().contains(QStringLiteral("--check"));
  const bool quick = QCoreApplication::arguments().contains(QStringLiteral("--quick"));
  auto spec = spec150k();
  if (!spec) return 2;
  bool allMet = true;

  // Screening: distinct random designs through DesignScreen, against the batched engine alone.
  const std::size_t count = quick ? 100'000 : 400'000;
  const std::vector<Genome> designs = randomDesigns(*spec, count, 1);
  double screenS = 1e300, engineS = 1e300;
  for (int run = 0; run < 3; ++run) {
    DesignScreen screen(*spec);
    QElapsedTimer timer;
    timer.start();
    const std::vector<DesignFigures> figures = screen.screen(designs);
    screenS = std::min(screenS, secondsSince(timer));
    // The engine alone: the same number of scenarios in one batch of the first system.
    ScenarioErrors errors;
    const auto base = spec->base.resolve(HardwareCatalog::bundled(), errors);
    if (!base || figures.size() != count) return 2;
    ScenarioBatch batch;
    batch.base = base->values;
    for (const DesignVariable& variable : spec->space)
      if (variable.input) batch.varied.push_back(*variable.input);
    batch.values.resize(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(batch.varied.size()));
    for (std::size_t d = 0; d < count; ++d)
      for (std::size_t v = 1; v < spec->space.size(); ++v)
        batch.values(static_cast<Eigen::Index>(d), static_cast<Eigen::Index>(v - 1)) =
            spec->space[v].values[static_cast<std::size_t>(designs[d][v])].toDouble();
    ScenarioMatrix outputs;
    timer.restart();
    BatchEvaluator().evaluate(batch,
                              {OutputId::costTcoUsdPerYear, OutputId::networkBisectionPerGpuGbps,
                               OutputId::powerFacilityMw, OutputId::networkFeasible},
                              outputs);
    engineS = std::min(engineS, secondsSince(timer));
  }
  const double perMinute = static_cast<double>(count) / screenS * 60.0;
  const bool screenMet = perMinute >= 1e6;
  allMet = allMet && screenMet;
  std::printf("The design optimizer, best of 3 (one core unless said):\n");
  std::printf("  baseline: the batched engine, %zu scenarios          %8.1f ms\n", count, engineS * 1e3);
  std::printf(
      "  screening %zu designs (grouped, judged)             %8.1f ms  %.2f M designs/min  (%.2f x baseline)  "
      "target >= 1 M/min  %s\n",
      count, screenS * 1e3, perMinute * 1e-6, screenS / engineS, verdict(screenMet));

  // Finalists: designs judged on their own floors at 150,000 GPUs, against the engine alone.
  const std::vector<Genome> finalists = randomDesigns(*spec, quick ? 10 : 40, 2);
  QElapsedTimer timer;
  timer.start();
  int broken = 0;
  for (const Genome& genes : finalists) broken += evaluateOnFloor(*spec, genes).judged.violation > 0 ? 1 : 0;
  const double floorS = secondsSince(timer);
  timer.restart();
  for (const Genome& genes : finalists) {
    ScenarioErrors errors;
    const auto resolved = spec->scenarioOf(genes).resolve(HardwareCatalog::bundled(), errors);
    if (resolved) (void)evaluate(resolved->values);
  }
  const double engineOnlyS = secondsSince(timer);
  const double perSecond = static_cast<double>(finalists.size()) / floorS;
  const bool floorMet = perSecond >= 100;
  allMet = allMet && floorMet;
  std::printf("  baseline: the engine alone on %zu designs                %8.1f ms\n", finalists.size(),
              engineOnlyS * 1e3);
  std::printf(
      "  %zu designs laid out and judged on their floors        %8.1f ms  %.0f designs/s  (%.1f ms each)  "
      "target >= 100/s  %s\n",
      finalists.size(), floorS * 1e3, perSecond, floorS * 1e3 / static_cast<double>(finalists.size()),
      verdict(floorMet));

  // Scaling: the same search alone and under mpirun -n 2.
  if (QStandardPaths::findExecutable(QStringLiteral("mpirun")).isEmpty()) {
    std::printf("  scaling: mpirun is not installed, not measured\n");
  } else {
    const QString goal = QStringLiteral(GIGAPLAN_BENCH_GOAL);
    QByteArray alone, split;
    double aloneS = 1e300, splitS = 1e300;
    for (int run = 0; run < (quick ? 1 : 3); ++run) {
      const double a = timedSearch(goal, 1, &alone);
      const double b = timedSearch(goal, 2, &split);
      if (a < 0 || b < 0) return 2;
      aloneS = std::min(aloneS, a);
      splitS = std::min(splitS, b);
    }
    const double speedup = aloneS / splitS;
    const bool same = alone == split;
    const bool scalingMet = speedup >= 1.8 && same;
    allMet = allMet && scalingMet;
    const QJsonObject front = QJsonDocument::fromJson(alone).object();
    std::printf("  baseline: optimize alone (%d designs screened, %d on floors)  %8.1f ms\n",
                front.value(QStringLiteral("designsScreened")).toInt(),
                front.value(QStringLiteral("designsOnFloor")).toInt(), aloneS * 1e3);
    std::printf(
        "  the same under mpirun -n 2                            %8.1f ms  %.2f x  same front: %s  target >= 1.8 x  "
        "%s\n",
        splitS * 1e3, speedup, same ? "yes" : "NO", verdict(scalingMet));
  }
  (void)broken;
  return check && !allMet ? 1 : 0;
}
