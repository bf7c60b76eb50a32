#pragma once

#include <QString>
#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

#include "engine/OutputList.h"

namespace gigaplan {

/// Identifies one planning output; the order is the column order of batched evaluation.
enum class OutputId : int {
#define GIGAPLAN_OUTPUT_ENUM(id, ...) id,
  GIGAPLAN_OUTPUTS(GIGAPLAN_OUTPUT_ENUM)
#undef GIGAPLAN_OUTPUT_ENUM
};

inline constexpr std::size_t kOutputCount = 0
#define GIGAPLAN_OUTPUT_COUNT(...) +1
    GIGAPLAN_OUTPUTS(GIGAPLAN_OUTPUT_COUNT)
#undef GIGAPLAN_OUTPUT_COUNT
    ;

struct OutputSpec {
  OutputId id;
  const char* path;
  const char* unit;
  const char* meaning;
};

using OutputValues = std::array<double, kOutputCount>;

const std::array<OutputSpec, kOutputCount>& outputSpecs();
inline const OutputSpec& outputSpec(OutputId id) {
  return outputSpecs()[static_cast<std::size_t>(id)];
}
inline double valueOf(const OutputValues& outputs, OutputId id) {
  return outputs[static_cast<std::size_t>(id)];
}
inline double& valueOf(OutputValues& outputs, OutputId id) {
  return outputs[static_cast<std::size_t>(id)];
}
std::optional<OutputId> findOutput(const QString& path);

/// Outputs only a floor can count: the power and cooling units laid out block by block, and what
/// their failures cost (FailureDomains). The engine alone leaves them not a number.
inline constexpr std::array<OutputId, 12> kFloorOnlyOutputs = {OutputId::availabilityDelivered,
                                                               OutputId::electricalBlocks,
                                                               OutputId::electricalUtilityFeeds,
                                                               OutputId::electricalSwitchgearLineups,
                                                               OutputId::electricalBusways,
                                                               OutputId::coolingHeatRejectionUnits,
                                                               OutputId::coolingWaterLoops,
                                                               OutputId::availabilitySite,
                                                               OutputId::availabilityGpuHoursLostPerYear,
                                                               OutputId::availabilityInterruptionsPerYear,
                                                               OutputId::availabilityWorstSingleFailureGpus,
                                                               OutputId::availabilityJobGoodput};
inline bool needsFloor(OutputId id) {
  return std::find(kFloorOnlyOutputs.begin(), kFloorOnlyOutputs.end(), id) != kFloorOnlyOutputs.end();
}

}  // namespace gigaplan
