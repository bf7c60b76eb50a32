#pragma once

#include "InputSchema.h"
#include "OutputSchema.h"

#include <Eigen/Core>

#include <atomic>
#include <functional>

namespace gigaplan {

/// Evaluates one resolved scenario (all inputs numeric and validated).
OutputValues evaluate(const InputValues& inputs);

/// Scenarios in rows, inputs (or outputs) in columns, in InputId (OutputId) order.
using ScenarioMatrix = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic>;

/// Evaluates many scenarios at once with the same formulas as evaluate(), vectorized across
/// scenarios. `progress` (optional) is called with the number of rows done; a set `cancel`
/// stops the work early, leaving the remaining rows as NaN.
class BatchEvaluator {
 public:
  using Progress = std::function<void(Eigen::Index rowsDone, Eigen::Index rowsTotal)>;

  ScenarioMatrix evaluate(const ScenarioMatrix& inputs, const Progress& progress = {},
                          const std::atomic<bool>* cancel = nullptr) const;
  /// As above, into `outputs` (resized when its shape differs), so repeated runs reuse memory.
  void evaluate(const ScenarioMatrix& inputs, ScenarioMatrix& outputs, const Progress& progress = {},
                const std::atomic<bool>* cancel = nullptr) const;
};

/// One row of a ScenarioMatrix from resolved inputs.
Eigen::Array<double, 1, Eigen::Dynamic> toRow(const InputValues& inputs);

}  // namespace gigaplan
