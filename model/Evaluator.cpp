#include "Evaluator.h"

#include "PlanningModel.h"

#include <algorithm>
#include <limits>

namespace gigaplan {

OutputValues evaluate(const InputValues& inputs) {
  OutputValues outputs;
  outputs.fill(0.0);
  ModelFrame<double> frame{inputs, outputs};
  evaluatePlanningModel(frame);
  return outputs;
}

Eigen::Array<double, 1, Eigen::Dynamic> toRow(const InputValues& inputs) {
  Eigen::Array<double, 1, Eigen::Dynamic> row(static_cast<Eigen::Index>(kInputCount));
  for (std::size_t i = 0; i < kInputCount; ++i) row(static_cast<Eigen::Index>(i)) = inputs[i];
  return row;
}

ScenarioMatrix BatchEvaluator::evaluate(const ScenarioMatrix& inputs, const Progress& progress,
                                        const std::atomic<bool>* cancel) const {
  const Eigen::Index rows = inputs.rows();
  ScenarioMatrix outputs = ScenarioMatrix::Constant(rows, static_cast<Eigen::Index>(kOutputCount),
                                                    std::numeric_limits<double>::quiet_NaN());
  std::array<Lanes, kInputCount> laneInputs;
  std::array<Lanes, kOutputCount> laneOutputs;
  // Report progress about every 64k rows: often enough for a bar, rare enough to cost nothing.
  constexpr Eigen::Index kProgressEvery = 65536;
  Eigen::Index nextReport = kProgressEvery;
  for (Eigen::Index start = 0; start < rows; start += kLaneWidth) {
    if (cancel && cancel->load(std::memory_order_relaxed)) break;
    const Eigen::Index count = std::min<Eigen::Index>(kLaneWidth, rows - start);
    for (std::size_t c = 0; c < kInputCount; ++c) {
      Lanes& lane = laneInputs[c];
      const auto column = inputs.col(static_cast<Eigen::Index>(c));
      lane.head(count) = column.segment(start, count);
      // A short last lane repeats its first row so the unused slots stay finite.
      if (count < kLaneWidth) lane.tail(kLaneWidth - count).setConstant(column(start));
    }
    for (Lanes& lane : laneOutputs) lane.setZero();
    ModelFrame<Lanes> frame{laneInputs, laneOutputs};
    evaluatePlanningModel(frame);
    for (std::size_t c = 0; c < kOutputCount; ++c)
      outputs.col(static_cast<Eigen::Index>(c)).segment(start, count) = laneOutputs[c].head(count);
    if (progress && (start + count >= nextReport || start + count == rows)) {
      progress(start + count, rows);
      nextReport += kProgressEvery;
    }
  }
  return outputs;
}

}  // namespace gigaplan
