#pragma once

#include <QList>
#include <QString>
#include <optional>
#include <random>

#include "engine/Evaluator.h"
#include "engine/InputSchema.h"
#include "engine/Scenario.h"

namespace gigaplan {

/// The generator of Monte Carlo samples: 64-bit Mersenne Twister, the same sequence on every
/// platform for a given seed.
using SampleGenerator = std::mt19937_64;
/// A uniform sample in [0, 1) from the top 53 bits of the generator.
inline double uniformSample(SampleGenerator& random) {
  return static_cast<double>(random() >> 11) * 0x1.0p-53;
}

/// One axis of a grid sweep: `steps` values from `from` to `to`, evenly spaced.
struct SweepAxis {
  InputId input;
  double from = 0.0;
  double to = 0.0;
  int steps = 1;
};

/// An input drawn uniformly from [low, high] in a Monte Carlo run.
struct UncertainInput {
  InputId input;
  double low = 0.0;
  double high = 0.0;
};

/// Parses "path=from:to:steps"; errors name the path.
std::optional<SweepAxis> parseSweepAxis(const QString& text, ScenarioErrors& errors);
/// Parses "path=low:high".
std::optional<UncertainInput> parseUncertainInput(const QString& text, ScenarioErrors& errors);

/// Uncertainty ranges from the confidence of each default: +-5 % verified, +-15 % secondary or
/// derived, +-30 % estimate (of the losses, for an efficiency); clamped to the input's valid
/// range. Planner inputs and counts stay fixed.
QList<UncertainInput> uncertaintyFromConfidence(const ResolvedScenario& scenario);

/// Scenarios in a grid: every combination of the axes' values, the first axis varying slowest.
Eigen::Index gridSize(const QList<SweepAxis>& axes);
/// Rows [firstRow, firstRow + rows) of the grid, other inputs from `base`.
ScenarioBatch gridBatch(const InputValues& base, const QList<SweepAxis>& axes, Eigen::Index firstRow,
                        Eigen::Index rows);
/// The whole grid.
ScenarioBatch gridScenarios(const InputValues& base, const QList<SweepAxis>& axes);

/// `samples` scenarios with the uncertain inputs drawn uniformly from `random`.
ScenarioBatch monteCarloBatch(const InputValues& base, const QList<UncertainInput>& uncertain, Eigen::Index samples,
                              SampleGenerator& random);
/// `samples` scenarios from a generator seeded with `seed`.
ScenarioBatch monteCarloScenarios(const InputValues& base, const QList<UncertainInput>& uncertain, Eigen::Index samples,
                                  quint64 seed);

}  // namespace gigaplan
