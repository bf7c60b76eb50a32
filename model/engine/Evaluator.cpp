#include "engine/Evaluator.h"

#include <algorithm>
#include <limits>

#include "engine/PlanningModel.h"

namespace gigaplan {

namespace {

// Moves kLaneWidth consecutive doubles into a lane and back. A short last chunk repeats its
// first scenario so the unused lanes stay finite.
Lanes loadLanes(const double* values, Eigen::Index count) {
#if defined(__AVX2__)
  if (count == kLaneWidth) return _mm256_loadu_pd(values);
#endif
  alignas(32) double buffer[kLaneWidth];
  for (int i = 0; i < kLaneWidth; ++i) buffer[i] = values[i < count ? i : 0];
#if defined(__AVX2__)
  return _mm256_load_pd(buffer);
#else
  return buffer[0];
#endif
}

void storeLanes(Lanes lanes, double* values, Eigen::Index count) {
#if defined(__AVX2__)
  if (count == kLaneWidth) return _mm256_storeu_pd(values, lanes);
  alignas(32) double buffer[kLaneWidth];
  _mm256_store_pd(buffer, lanes);
  std::copy_n(buffer, count, values);
#else
  if (count > 0) values[0] = lanes;
#endif
}

// One chunk of kLaneWidth scenarios, with every estimator inlined so lane values stay in registers.
__attribute__((flatten)) void evaluateLanes(const std::array<Lanes, kInputCount>& inputs,
                                            std::array<Lanes, kOutputCount>& outputs) {
  ModelFrame<Lanes> frame{inputs, outputs};
  evaluatePlanningModel(frame);
}

}  // namespace

OutputValues evaluate(const InputValues& inputs) {
  OutputValues outputs;
  outputs.fill(0.0);
  ModelFrame<double> frame{inputs, outputs};
  evaluatePlanningModel(frame);
  return outputs;
}

InputValues ScenarioBatch::scenario(Eigen::Index row) const {
  InputValues inputs = base;
  for (std::size_t v = 0; v < varied.size(); ++v)
    inputs[static_cast<std::size_t>(varied[v])] = values(row, static_cast<Eigen::Index>(v));
  return inputs;
}

std::vector<OutputId> allOutputs() {
  std::vector<OutputId> ids;
  for (const OutputSpec& spec : outputSpecs()) ids.push_back(spec.id);
  return ids;
}

ScenarioMatrix BatchEvaluator::evaluate(const ScenarioBatch& batch, const Progress& progress,
                                        const std::atomic<bool>* cancel) const {
  ScenarioMatrix outputs;
  evaluate(batch, allOutputs(), outputs, progress, cancel);
  return outputs;
}

void BatchEvaluator::evaluate(const ScenarioBatch& batch, const std::vector<OutputId>& wanted, ScenarioMatrix& outputs,
                              const Progress& progress, const std::atomic<bool>* cancel) const {
  const Eigen::Index rows = batch.size();
  const auto variedCount = static_cast<Eigen::Index>(batch.varied.size());
  const auto wantedCount = static_cast<Eigen::Index>(wanted.size());
  outputs.resize(rows, wantedCount);

  std::array<Lanes, kOutputCount> laneOutputs;
  laneOutputs.fill(constant<Lanes>(0.0));

  // Rows go in blocks. Each varied column is read as one contiguous run per block into the
  // blocks' lane inputs (the rest of which hold the base scenario), the chunks are evaluated,
  // and each wanted output is written as one run per block. Reading a hundred columns a few
  // values at a time would leave the processor waiting on memory instead of computing.
  constexpr Eigen::Index kBlockRows = 32;
  constexpr Eigen::Index kChunksPerBlock = kBlockRows / kLaneWidth;
  std::vector<std::array<Lanes, kInputCount>> chunkInputs(kChunksPerBlock);
  for (auto& inputs : chunkInputs)
    for (std::size_t i = 0; i < kInputCount; ++i) inputs[i] = constant<Lanes>(batch.base[i]);
  std::vector<Lanes> chunkOutputs(static_cast<std::size_t>(wantedCount * kChunksPerBlock));
  constexpr Eigen::Index kProgressEvery = 65536;
  Eigen::Index nextReport = kProgressEvery;

  for (Eigen::Index blockStart = 0; blockStart < rows; blockStart += kBlockRows) {
    if (cancel && (blockStart & 4095) == 0 && cancel->load(std::memory_order_relaxed)) {
      outputs.bottomRows(rows - blockStart).setConstant(std::numeric_limits<double>::quiet_NaN());
      return;
    }
    const Eigen::Index blockRows = std::min(kBlockRows, rows - blockStart);
    const Eigen::Index chunks = (blockRows + kLaneWidth - 1) / kLaneWidth;
    auto countOf = [&](Eigen::Index chunk) {
      return std::min<Eigen::Index>(kLaneWidth, blockRows - chunk * kLaneWidth);
    };
    for (Eigen::Index v = 0; v < variedCount; ++v) {
      const double* column = batch.values.col(v).data() + blockStart;
      const auto input = static_cast<std::size_t>(batch.varied[static_cast<std::size_t>(v)]);
      for (Eigen::Index chunk = 0; chunk < chunks; ++chunk)
        chunkInputs[static_cast<std::size_t>(chunk)][input] = loadLanes(column + chunk * kLaneWidth, countOf(chunk));
    }
    for (Eigen::Index chunk = 0; chunk < chunks; ++chunk) {
      evaluateLanes(chunkInputs[static_cast<std::size_t>(chunk)], laneOutputs);
      for (Eigen::Index w = 0; w < wantedCount; ++w)
        chunkOutputs[static_cast<std::size_t>(w * kChunksPerBlock + chunk)] =
            laneOutputs[static_cast<std::size_t>(wanted[static_cast<std::size_t>(w)])];
    }
    for (Eigen::Index w = 0; w < wantedCount; ++w) {
      double* column = outputs.col(w).data() + blockStart;
      for (Eigen::Index chunk = 0; chunk < chunks; ++chunk)
        storeLanes(chunkOutputs[static_cast<std::size_t>(w * kChunksPerBlock + chunk)], column + chunk * kLaneWidth,
                   countOf(chunk));
    }
    const Eigen::Index done = blockStart + blockRows;
    if (progress && (done >= nextReport || done == rows)) {
      progress(done, rows);
      nextReport = done + kProgressEvery;
    }
  }
}

}  // namespace gigaplan
