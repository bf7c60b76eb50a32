// IT power at maximum load, built up from the node:
//   node DC = GPUs x TDP + CPUs + memory/storage + NVLink switch share + NICs + fans
//   node AC = node DC / PSU efficiency
//   IT      = nodes x node AC + fabric (switches + media) + storage
#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

template <class V>
void estimatePower(ModelFrame<V>& f) {
  const V& gpus = f.in(InputId::clusterGpus);
  const V& nodes = f.out(OutputId::clusterNodes);
  const V& gpusPerNode = f.in(InputId::systemGpusPerNode);
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
  const V itMw = gpuMw + hostMw + fanMw + psuLossMw + networkMw + storageMw;
  const V nodeKw = (gpusPerNode * tdpW + hostWPerNode + fanWPerNode) * (1.0 + lossFactor) * 1e-3;

  f.out(OutputId::powerGpuMw) = gpuMw;
  f.out(OutputId::powerHostMw) = hostMw;
  f.out(OutputId::powerFanMw) = fanMw;
  f.out(OutputId::powerPsuLossMw) = psuLossMw;
  f.out(OutputId::powerNetworkMw) = networkMw;
  f.out(OutputId::powerStorageMw) = storageMw;
  f.out(OutputId::powerItMw) = itMw;
  f.out(OutputId::powerNodeKw) = nodeKw;
  f.out(OutputId::powerComputeRackKw) = nodeKw * f.in(InputId::systemNodesPerRack);
  f.out(OutputId::powerItPerGpuKw) = itMw * 1e3 / gpus;
  f.out(OutputId::powerItOverGpuTdp) = itMw / gpuMw;
  f.out(OutputId::powerGpuEnergyAtTdpGwh) = gpuMw * 8760.0 * 1e-3;
  // Synchronous training moves every GPU between compute and communication together.
  f.out(OutputId::powerTrainingSwingMw) = gpuMw * f.in(InputId::powerTrainingSwingFraction);
  f.out(OutputId::powerBatteryMwh) =
      f.out(OutputId::powerTrainingSwingMw) * f.in(InputId::powerBatteryBufferMinutes) / 60.0;
}

}  // namespace gigaplan
