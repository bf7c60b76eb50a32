#pragma once

#include "engine/ClusterEstimator.h"
#include "engine/CoolingEstimator.h"
#include "engine/CostEstimator.h"
#include "engine/FabricEstimator.h"
#include "engine/FacilityEstimator.h"
#include "engine/PowerEstimator.h"
#include "engine/ReliabilityEstimator.h"
#include "engine/ScheduleEstimator.h"

namespace gigaplan {

/// Runs every estimator in dependency order on one frame (one scenario or one lane of them).
template <class V>
void evaluatePlanningModel(ModelFrame<V>& frame) {
  estimateCluster(frame);
  estimateFabric(frame);
  estimateClusterArea(frame);
  estimatePower(frame);
  estimateCooling(frame);
  estimateFacility(frame);
  estimateCost(frame);
  estimateReliability(frame);
  estimateSchedule(frame);
}

}  // namespace gigaplan
