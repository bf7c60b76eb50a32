#pragma once

#include "ClusterEstimator.h"
#include "CoolingEstimator.h"
#include "CostEstimator.h"
#include "FabricEstimator.h"
#include "FacilityEstimator.h"
#include "PowerEstimator.h"
#include "ReliabilityEstimator.h"
#include "ScheduleEstimator.h"

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
