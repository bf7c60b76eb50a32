#pragma once

#include <Eigen/Core>
#include <atomic>
#include <functional>
#include <vector>

#include "engine/InputSchema.h"
#include "engine/OutputSchema.h"

namespace gigaplan {

/// Evaluates one resolved scenario (all inputs numeric and validated).
OutputValues evaluate(const InputValues& inputs);

/// Scenarios in rows, one column per input or output.
using ScenarioMatrix = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic>;

/// Scenarios that share one base scenario and differ in a few inputs: `values` has one row per
/// scenario and one column per entry of `varied`. Only what varies is stored, so a sweep of
/// millions of scenarios stays small.
struct ScenarioBatch {
  InputValues base{};
  std::vector<InputId> varied;
  ScenarioMatrix values;

  Eigen::Index size() const { return values.rows(); }
  /// Every input of one scenario.
  InputValues scenario(Eigen::Index row) const;
};

/// Every output, in OutputId order.
std::vector<OutputId> allOutputs();

/// Evaluates many scenarios with the same formulas as evaluate(), four at a time in AVX2
/// registers. `progress` (optional) is called with the number of scenarios done; a set `cancel`
/// stops the work early, leaving the remaining rows as NaN.
class BatchEvaluator {
 public:
  using Progress = std::function<void(Eigen::Index done, Eigen::Index total)>;

  /// Fills `outputs` (resized to scenarios x wanted) with one column per wanted output.
  void evaluate(const ScenarioBatch& batch, const std::vector<OutputId>& wanted, ScenarioMatrix& outputs,
                const Progress& progress = {}, const std::atomic<bool>* cancel = nullptr) const;
  /// Every output, in OutputId order.
  ScenarioMatrix evaluate(const ScenarioBatch& batch, const Progress& progress = {},
                          const std::atomic<bool>* cancel = nullptr) const;
};

}  // namespace gigaplan
