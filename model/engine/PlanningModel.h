#pragma once

#include "engine/CarbonEstimator.h"
#include "engine/ClusterEstimator.h"
#include "engine/CoolingEstimator.h"
#include "engine/CostEstimator.h"
#include "engine/FabricEstimator.h"
#include "engine/FacilityEstimator.h"
#include "engine/PowerEstimator.h"
#include "engine/ReliabilityEstimator.h"
#include "engine/ScheduleEstimator.h"

namespace gigaplan {

/// The build-out: nodes, racks and domains, the fabric, and the floor and site area they need.
/// A floor measured by the layout replaces these counts, lengths and areas.
template <class V>
void estimateBuildOut(ModelFrame<V>& frame) {
  estimateCluster(frame);
  estimateFabric(frame);
  estimateClusterArea(frame);
}

/// Everything that follows from the build-out's counts, in dependency order: power, cooling,
/// facility plant, carbon, cost, reliability and schedule.
template <class V>
void estimateFromBuildOut(ModelFrame<V>& frame) {
  estimatePower(frame);
  estimateCooling(frame);
  estimateFacility(frame);
  estimateCarbon(frame);
  estimateCost(frame);
  estimateReliability(frame);
  estimateSchedule(frame);
}

/// Runs every estimator in dependency order on one frame (one scenario or one lane of them).
template <class V>
void evaluatePlanningModel(ModelFrame<V>& frame) {
  estimateBuildOut(frame);
  estimateFromBuildOut(frame);
}

}  // namespace gigaplan
