// IT power: the component estimate, the vendor maximum, and what the plant is provisioned for.
//   node estimate (AC) = (GPUs x TDP + CPUs + memory/storage + NVLink switch share + NICs + fans) / PSU efficiency
//   node vendor maximum = the system's published maximum + its share of the rack's shared gear
//                         (the estimate when no maximum is published)
//   node expected peak = the measured peak where published, else the estimate
//   node provisioned = vendor maximum | expected peak | min(vendor maximum, rack cap / nodes per rack)
//   IT = nodes x node + fabric (switches + media) + storage
//   The component lines (GPU, host, fans, PSU loss) add up to the estimate; the provisioning
//   headroom is what the provisioned figure adds to them (negative when a cap cuts below them).
//   Under a cap the job runs at (capped / uncapped peak) ^ power.capThroughputExponent of its speed.
//   Average IT = the vendor-maximum IT x power.averageLoadFraction, never above the provisioned IT.
#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

template <class V>
void estimatePower(ModelFrame<V>& f) {
  const V& gpus = f.in(InputId::clusterGpus);
  const V& nodes = f.out(OutputId::clusterNodes);
  const V& gpusPerNode = f.in(InputId::systemGpusPerNode);
  const V& nodesPerRack = f.in(InputId::systemNodesPerRack);
  const V& tdpW = f.in(InputId::systemGpuTdpW);
  const V nicsPerNode = gpusPerNode * f.in(InputId::networkNicsPerGpu);
  const V hostWPerNode = f.in(InputId::systemCpuPowerWPerNode) + f.in(InputId::systemMemoryStoragePowerWPerNode) +
                         f.in(InputId::systemScaleUpSwitchPowerWPerNode) + nicsPerNode * f.in(InputId::systemNicPowerW);
  const V& fanWPerNode = f.in(InputId::systemFanPowerWPerNode);
  const V lossFactor = 1.0 / f.in(InputId::systemPsuEfficiency)-1.0;

  const V gpuMw = gpus * tdpW * 1e-6;
  const V hostMw = nodes * hostWPerNode * 1e-6;
  const V fanMw = nodes * fanWPerNode * 1e-6;
  const V psuLossMw = (gpuMw + hostMw + fanMw) * lossFactor;
  const V networkMw = f.out(OutputId::networkSwitchPowerMw) + f.out(OutputId::networkMediaPowerMw);
  const V storageMw = gpus * f.in(InputId::powerStorageWPerGpu)*1e-6;

  // One node under each basis, in W.
  const V estimateW = (gpusPerNode * tdpW + hostWPerNode + fanWPerNode) * (1.0 + lossFactor);
  const V& publishedMaxW = f.in(InputId::systemMaxPowerWPerNode);
  const V vendorW = where(greater(publishedMaxW, 0.0), publishedMaxW, estimateW) +
                    f.in(InputId::systemRackSharedMaxPowerW) / nodesPerRack;
  const V& measuredW = f.in(InputId::systemMeasuredPeakWPerNode);
  const V peakW = where(greater(measuredW, 0.0), measuredW, estimateW);
  const V& basis = f.in(InputId::powerProvisioningBasis);
  const V& rackCapKw = f.in(InputId::powerRackCapKw);
  const V capW = where(greater(rackCapKw, 0.0), V(rackCapKw * 1e3 / nodesPerRack), V(vendorW));
  const V cappedVendorW = minOf(vendorW, capW);
  const V provisionedW = where(less(basis, 0.5), vendorW, where(less(basis, 1.5), peakW, cappedVendorW));
  const auto capped = greater(basis, 1.5);
  const V runningPeakW = where(capped, minOf(peakW, capW), peakW);
  // Uncapped scenarios (most) skip the power law.
  const V throughput =
      anyOf(capped)
          ? V(where(
                capped,
                V(expOf(V(logOf(maxOf(V(runningPeakW / peakW), 1e-12)) * f.in(InputId::powerCapThroughputExponent)))),
                1.0))
          : constant<V>(1.0);

  const V itMw = nodes * provisionedW * 1e-6 + networkMw + storageMw;
  const V vendorItMw = nodes * vendorW * 1e-6 + networkMw + storageMw;
  const V peakItMw = nodes * runningPeakW * 1e-6 + networkMw + storageMw;

  f.out(OutputId::powerGpuMw) = gpuMw;
  f.out(OutputId::powerHostMw) = hostMw;
  f.out(OutputId::powerFanMw) = fanMw;
  f.out(OutputId::powerPsuLossMw) = psuLossMw;
  f.out(OutputId::powerNetworkMw) = networkMw;
  f.out(OutputId::powerStorageMw) = storageMw;
  f.out(OutputId::powerProvisioningHeadroomMw) = nodes * (provisionedW - estimateW) * 1e-6;
  f.out(OutputId::powerItMw) = itMw;
  f.out(OutputId::powerPeakItMw) = peakItMw;
  f.out(OutputId::powerAverageItMw) = minOf(V(vendorItMw * f.in(InputId::powerAverageLoadFraction)), itMw);
  f.out(OutputId::powerNodeKw) = provisionedW * 1e-3;
  f.out(OutputId::powerNodeVendorMaxKw) = vendorW * 1e-3;
  f.out(OutputId::powerNodeEstimateKw) = estimateW * 1e-3;
  f.out(OutputId::powerComputeRackKw) = provisionedW * 1e-3 * nodesPerRack;
  f.out(OutputId::powerNodePeakKw) = peakW * 1e-3;
  f.out(OutputId::powerServerOverGpuTdp) = vendorW / (gpusPerNode * tdpW);
  f.out(OutputId::powerComputeRackVendorMaxKw) = vendorW * 1e-3 * nodesPerRack;
  f.out(OutputId::powerCapThroughputFraction) = throughput;
  const V& suppliesPerNode = f.in(InputId::systemPowerSuppliesPerNode);
  f.out(OutputId::powerPowerSupplies) = ceilOf(V(nodes * suppliesPerNode - 1e-9));
  f.out(OutputId::powerPowerSupplyMarginKw) =
      where(greater(suppliesPerNode, 0.0),
            V((suppliesPerNode * (1.0 - f.in(InputId::systemPowerSupplyRedundantFraction)) *
               f.in(InputId::systemPowerSupplyW)-vendorW) *
              1e-3),
            0.0);
  f.out(OutputId::powerItPerGpuKw) = itMw * 1e3 / gpus;
  f.out(OutputId::powerItOverGpuTdp) = itMw / gpuMw;
  f.out(OutputId::powerGpuEnergyAtTdpGwh) = gpuMw * 8760.0 * 1e-3;
  // Synchronous training moves every GPU between compute and communication together.
  f.out(OutputId::powerTrainingSwingMw) = gpuMw * f.in(InputId::powerTrainingSwingFraction);
  f.out(OutputId::powerBatteryMwh) =
      f.out(OutputId::powerTrainingSwingMw) * f.in(InputId::powerBatteryBufferMinutes) / 60.0;
}

}  // namespace gigaplan
