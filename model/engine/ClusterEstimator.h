#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

/// Counts nodes, scale-up domains and compute racks from the GPU count and the system packaging.
template <class V>
void estimateCluster(ModelFrame<V>& f) {
  const V gpus = f.in(InputId::clusterGpus);
  f.out(OutputId::clusterGpus) = gpus;
  f.out(OutputId::clusterNodes) = ceilOf(V(gpus / f.in(InputId::systemGpusPerNode)));
  f.out(OutputId::clusterScaleUpDomains) = ceilOf(V(gpus / f.in(InputId::systemGpusPerScaleUpDomain)));
  f.out(OutputId::clusterComputeRacks) = ceilOf(V(f.out(OutputId::clusterNodes) / f.in(InputId::systemNodesPerRack)));
}

/// Adds network racks and floor areas once the fabric is known.
template <class V>
void estimateClusterArea(ModelFrame<V>& f) {
  f.out(OutputId::clusterNetworkRacks) =
      ceilOf(V(f.out(OutputId::networkSwitches) / f.in(InputId::networkSwitchesPerRack)));
  f.out(OutputId::clusterRacks) = f.out(OutputId::clusterComputeRacks) + f.out(OutputId::clusterNetworkRacks);
  f.out(OutputId::clusterWhiteSpaceM2) = f.out(OutputId::clusterRacks) * f.in(InputId::facilityWhiteSpacePerRackM2);
  f.out(OutputId::clusterSiteAreaM2) = f.out(OutputId::clusterRacks) * f.in(InputId::facilitySitePerRackM2);
}

}  // namespace gigaplan
