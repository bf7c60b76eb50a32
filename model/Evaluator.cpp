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
  ScenarioMatrix outputs;
  evaluate(inputs, outputs, progress, cancel);
  return outputs;
}

void BatchEvaluator::evaluate(const ScenarioMatrix& inputs, ScenarioMatrix& outputs, const Progress& progress,
                              const std::atomic<bool>* cancel) const {
  const Eigen::Index rows = inputs.rows();
  outputs.resize(rows, static_cast<Eigen::Index>(kOutputCount));
  std::array<Lanes, kInputCount> laneInputs;
  std::array<Lanes, kOutputCount> laneOutputs;
  for (Lanes& lane : laneOutputs) lane.setZero();  // every chunk writes the same outputs
  // Report progress about every 64k rows: often enough for a bar, rare enough to cost nothing.
  constexpr Eigen::Index kProgressEvery = 65536;
  Eigen::Index nextReport = kProgressEvery;
  for (Eigen::Index start = 0; start < rows; start += kLaneWidth) {
    if (cancel && cancel->load(std::memory_order_relaxed)) {
      outputs.bottomRows(rows - start).setConstant(std::numeric_limits<double>::quiet_NaN());
      break;
    }
    const Eigen::Index count = std::min<Eigen::Index>(kLaneWidth, rows - start);
    if (count == kLaneWidth) {
      for (std::size_t c = 0; c < kInputCount; ++c)
        laneInputs[c] = inputs.col(static_cast<Eigen::Index>(c)).segment<kLaneWidth>(start);
    } else {
      for (std::size_t c = 0; c < kInputCount; ++c) {
        const auto column = inputs.col(static_cast<Eigen::Index>(c));
        laneInputs[c].head(count) = column.segment(start, count);
        // A short last lane repeats its first row so the unused slots stay finite.
        laneInputs[c].tail(kLaneWidth - count).setConstant(column(start));
      }
    }
    ModelFrame<Lanes> frame{laneInputs, laneOutputs};
    evaluatePlanningModel(frame);
    if (count == kLaneWidth) {
      for (std::size_t c = 0; c < kOutputCount; ++c)
        outputs.col(static_cast<Eigen::Index>(c)).segment<kLaneWidth>(start) = laneOutputs[c];
    } else {
      for (std::size_t c = 0; c < kOutputCount; ++c)
        outputs.col(static_cast<Eigen::Index>(c)).segment(start, count) = laneOutputs[c].head(count);
    }
    if (progress && (start + count >= nextReport || start + count == rows)) {
      progress(start + count, rows);
      nextReport += kProgressEvery;
    }
  }
}

}  // namespace gigaplan
