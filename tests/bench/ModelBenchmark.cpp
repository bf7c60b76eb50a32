// gigaplan-bench: speed of the planning engine, scalar and batched, measured in the same run.
// Targets: one evaluation of the 1,000,000-GPU preset under 20 us; batched evaluation at least
// 2 million scenarios per second on one core and at least 4x the scalar path.
#include "Evaluator.h"
#include "PresetLibrary.h"
#include "Sweep.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>

#include <algorithm>
#include <cstdio>

using namespace gigaplan;

namespace {

double secondsSince(const QElapsedTimer& timer) { return static_cast<double>(timer.nsecsElapsed()) * 1e-9; }

const char* verdict(bool met) { return met ? "met" : "MISSED"; }

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QStringList arguments = QCoreApplication::arguments();
  const bool quick = arguments.contains(QStringLiteral("--quick"));
  const bool check = arguments.contains(QStringLiteral("--check"));
  const int singleRepeats = quick ? 20000 : 200000;
  const int scenarios = quick ? 100000 : 2000000;

  ScenarioErrors errors;
  auto scenario = PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors);
  const auto resolved = scenario ? scenario->resolve(HardwareCatalog::bundled(), errors) : std::nullopt;
  if (!resolved) {
    std::fprintf(stderr, "error: %s\n", qPrintable(errors.value(0).text()));
    return 2;
  }

  // 1. One evaluation of the 1M-GPU preset, averaged over many calls.
  double sink = 0.0;
  QElapsedTimer timer;
  timer.start();
  for (int i = 0; i < singleRepeats; ++i) {
    InputValues inputs = resolved->values;
    inputs[static_cast<std::size_t>(InputId::clusterGpus)] += (i & 1);  // keep the compiler from hoisting the call
    sink += evaluate(inputs)[static_cast<std::size_t>(OutputId::costTcoUsdPerYear)];
  }
  const double singleUs = secondsSince(timer) / singleRepeats * 1e6;

  // 2. The same Monte Carlo scenarios through the scalar path and through the batched path. Each
  // path gets its best memory layout (scalar: one scenario per contiguous row; batched: one input
  // per contiguous column) and output memory touched beforehand, so only evaluation is timed.
  QList<UncertainInput> uncertain = uncertaintyFromConfidence(*resolved);
  const ScenarioMatrix inputs = monteCarloScenarios(resolved->values, uncertain, scenarios, 1);
  using RowMajor = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const RowMajor scalarInputs = inputs;
  RowMajor scalarOutputs = RowMajor::Zero(inputs.rows(), static_cast<Eigen::Index>(kOutputCount));
  timer.restart();
  for (Eigen::Index r = 0; r < inputs.rows(); ++r) {
    InputValues row;
    std::copy_n(scalarInputs.row(r).data(), kInputCount, row.begin());
    const OutputValues out = evaluate(row);
    std::copy(out.begin(), out.end(), scalarOutputs.row(r).data());
  }
  const double scalarSeconds = secondsSince(timer);

  ScenarioMatrix batchOutputs = ScenarioMatrix::Zero(inputs.rows(), static_cast<Eigen::Index>(kOutputCount));
  timer.restart();
  BatchEvaluator().evaluate(inputs, batchOutputs);
  const double batchSeconds = secondsSince(timer);
  const double maxDifference = ((batchOutputs - scalarOutputs).abs() / scalarOutputs.abs().max(1.0)).maxCoeff();

  const double scalarRate = scenarios / scalarSeconds;
  const double batchRate = scenarios / batchSeconds;
  const double speedup = batchRate / scalarRate;
  std::printf("gigaplan-bench: planning engine, one thread, %d Monte Carlo scenarios of the 1M-GPU preset (%d inputs varied)\n",
              scenarios, static_cast<int>(uncertain.size()));
  std::printf("  one evaluation, 1M-GPU preset     %10.3f us     target < 20 us            %s\n", singleUs, verdict(singleUs < 20));
  std::printf("  scalar path (baseline)            %10.0f eval/s\n", scalarRate);
  std::printf("  batched path                      %10.0f eval/s  target >= 2,000,000/s     %s\n", batchRate,
              verdict(batchRate >= 2e6));
  std::printf("  batched / scalar                  %10.2f x       target >= 4x              %s\n", speedup, verdict(speedup >= 4));
  std::printf("  largest relative difference batch vs scalar: %.2e (checksum %.6g)\n", maxDifference, sink);
  if (maxDifference > 1e-9) {
    std::fprintf(stderr, "error: batched and scalar results differ\n");
    return 1;
  }
  const bool allMet = singleUs < 20 && batchRate >= 2e6 && speedup >= 4;
  return check && !allMet ? 1 : 0;
}
