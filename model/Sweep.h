#pragma once

#include "Evaluator.h"
#include "InputSchema.h"
#include "Scenario.h"

#include <QList>
#include <QString>

#include <optional>

namespace gigaplan {

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
/// derived, +-30 % estimate; clamped to the input's valid range. Planner inputs and counts stay fixed.
QList<UncertainInput> uncertaintyFromConfidence(const ResolvedScenario& scenario);

/// Every combination of the axes' values (the first axis varies slowest), other inputs from `base`.
ScenarioMatrix gridScenarios(const InputValues& base, const QList<SweepAxis>& axes);
/// `samples` scenarios with the uncertain inputs drawn from a seeded generator.
ScenarioMatrix monteCarloScenarios(const InputValues& base, const QList<UncertainInput>& uncertain, int samples,
                                   quint64 seed);

/// Rows whose inputs violate a range or whose fabric cannot be built.
Eigen::Index countInfeasible(const ScenarioMatrix& outputs);

}  // namespace gigaplan
