// gigaplan-bench: speed of the planning engine, scalar and batched, measured in the same run.
// Targets: one evaluation of the 1,000,000-GPU preset under 20 us; batched evaluation at least
// 2 million scenarios per second on one core and at least 4x the scalar path.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>
#include <algorithm>
#include <cstdio>

#include "BenchmarkReport.h"
#include "engine/Evaluator.h"
#include "engine/Sweep.h"
#include "engine/WhatIf.h"
#include "plan/PresetLibrary.h"

using namespace gigaplan;
using namespace gigaplan::bench;

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QStringList arguments = QCoreApplication::arguments();
  const bool quick = arguments.contains(QStringLiteral("--quick"));
  const bool check = arguments.contains(QStringLiteral("--check"));
  const int singleRepeats = quick ? 20000 : 200000;
  const int scenarios = quick ? 102400 : 2048000;

  const auto preset = millionGpuPreset();
  if (!preset) return 2;
  const ResolvedScenario* resolved = &preset->second;

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

  // 2. A Monte Carlo sweep as `gigaplan-cli sweep` runs one: blocks of scenarios drawn from the
  // preset's uncertain inputs, every output evaluated, the headline figures kept. Each block
  // goes through the scalar path (one scenario at a time: inputs assembled, evaluated, figures
  // stored) and through the batched path; drawing the samples is not timed.
  const QList<UncertainInput> uncertain = uncertaintyFromConfidence(*resolved);
  const std::vector<OutputId> headline = {OutputId::powerItMw,
                                          OutputId::powerFacilityMw,
                                          OutputId::costCapexUsd,
                                          OutputId::costTcoUsdPerYear,
                                          OutputId::costUsdPerGpuHour,
                                          OutputId::networkBisectionPbps,
                                          OutputId::reliabilityInterruptionsPerDay,
                                          OutputId::reliabilityEttr};
  constexpr Eigen::Index kBlock = 1024;
  SampleGenerator random(1);
  ScenarioMatrix scalarOutputs(kBlock, static_cast<Eigen::Index>(headline.size()));
  ScenarioMatrix batchOutputs(kBlock, static_cast<Eigen::Index>(headline.size()));
  double scalarSeconds = 0.0;
  double batchSeconds = 0.0;
  double maxDifference = 0.0;
  for (Eigen::Index done = 0; done < scenarios; done += kBlock) {
    const ScenarioBatch batch = monteCarloBatch(resolved->values, uncertain, kBlock, random);
    timer.restart();
    for (Eigen::Index r = 0; r < kBlock; ++r) {
      const OutputValues out = evaluate(batch.scenario(r));
      for (std::size_t w = 0; w < headline.size(); ++w)
        scalarOutputs(r, static_cast<Eigen::Index>(w)) = out[static_cast<std::size_t>(headline[w])];
    }
    scalarSeconds += secondsSince(timer);
    timer.restart();
    BatchEvaluator().evaluate(batch, headline, batchOutputs);
    batchSeconds += secondsSince(timer);
    maxDifference =
        std::max(maxDifference, ((batchOutputs - scalarOutputs).abs() / scalarOutputs.abs().max(1.0)).maxCoeff());
  }
  const double scalarRate = scenarios / scalarSeconds;
  const double batchRate = scenarios / batchSeconds;
  const double speedup = batchRate / scalarRate;
  std::printf(
      "gigaplan-bench: planning engine, one thread; sweep of %d Monte Carlo scenarios of the 1M-GPU preset\n"
      "(%d inputs drawn, every output evaluated, %d headline figures kept)\n",
      scenarios, static_cast<int>(uncertain.size()), static_cast<int>(headline.size()));
  std::printf("  one evaluation, 1M-GPU preset     %10.3f us     target < 20 us            %s\n", singleUs,
              verdict(singleUs < 20));
  std::printf("  scalar path (baseline)            %10.0f eval/s\n", scalarRate);
  std::printf("  batched path                      %10.0f eval/s  target >= 2,000,000/s     %s\n", batchRate,
              verdict(batchRate >= 2e6));
  std::printf("  batched / scalar                  %10.2f x       target >= 4x              %s\n", speedup,
              verdict(speedup >= 4));
  std::printf("  largest relative difference batch vs scalar: %.2e (checksum %.6g)\n", maxDifference, sink);
  if (maxDifference > 1e-9) {
    std::fprintf(stderr, "error: batched and scalar results differ\n");
    return 1;
  }
  // 4. What-if of the 1M-GPU preset: P10/P50/P90 of the headline figures over 10,000 Monte Carlo
  //    samples of every uncertain default, and the tornado of every real input at +-10 %.
  timer.restart();
  const auto bands = uncertaintyBands(*resolved, uncertaintyFromConfidence(*resolved), 10000, 1,
                                      std::vector<OutputId>(kWhatIfFigures.begin(), kWhatIfFigures.end()));
  const double bandsMs = millisecondsSince(timer);
  timer.restart();
  const Tornado tornado = Tornado::compute(*resolved, 0.1);
  const double tornadoMs = millisecondsSince(timer);
  std::printf("  Monte Carlo bands, 10,000 samples %10.1f ms      target < 1,000 ms         %s\n", bandsMs,
              verdict(bands && bandsMs < 1000));
  std::printf("  tornado, %3zu inputs at +-10 %%     %10.2f ms\n", tornado.bars.size(), tornadoMs);

  const bool allMet = singleUs < 20 && batchRate >= 2e6 && speedup >= 4 && bands && bandsMs < 1000;
  return check && !allMet ? 1 : 0;
}
