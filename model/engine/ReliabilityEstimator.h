// Interruptions of a job spanning the whole cluster but its hot spares, and what checkpointing
// recovers.
//   spares = round(nodes x hot-spare fraction); the job runs on the other nodes (share j)
//   rate (1/h) = scale x 1e-6 x j x (GPU rate x GPUs + host rate x nodes + software rate x GPUs
//                                    + network rate x NIC-to-leaf links)
//   The network term counts every plane's link of a NIC; it drops out when the job carries on
//   over the other planes (reliability.planeFailover = continue, more than one plane).
//   Checkpoint pause delta = state / storage write bandwidth (or as set), state = parameters x bytes.
//   Young (1974): tau = sqrt(2 delta M)
//   Daly (2006):  tau = sqrt(2 delta M) [1 + sqrt(delta/2M)/3 + (delta/2M)/9] - delta, for delta < 2M; else M
//   ETTR at tau (Daly's exponential model): tau / (M e^(R/M) (e^((tau+delta)/M) - 1)), tau the Daly
//   optimum or a fixed interval; then the planned interruptions' restart time is taken off.
//   Restart R: the restart time, plus the no-spare wait times the chance that every spare is in
//   repair when a node fails (Poisson, nodes in repair = node failure rate x repair time; its tail
//   by the Wilson-Hilferty approximation and the logistic normal CDF of Bowling et al., 2009).
//   Job uptime: MTTI / (MTTI + MTTR), MTTI = 24 h / interruptions a day (planned and not), MTTR the
//   restart time of each kind weighted by its count; the share of wall time the job runs,
//   checkpoints aside.
#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

namespace reliability_detail {
/// P(N > spares) for N ~ Poisson(mean): Wilson-Hilferty's normal approximation of the Poisson CDF,
/// P(N <= s) ~ Phi(3 sqrt(s+1) (1 - 1/(9(s+1)) - (mean/(s+1))^(1/3))), with Phi(z) ~ 1 / (1 + e^(-0.07056 z^3
/// - 1.5976 z)) (Bowling et al., J. Industrial Engineering and Management 2(1), 2009; error below 1.4e-4).
template <class V>
V poissonTailAbove(const V& mean, const V& spares) {
  // Far beyond the mean (more than 12 standard deviations and 12 above it) the tail is below
  // 1e-30: taken as 0, and skipped when every scenario is there.
  const auto negligible = greater(spares, V(mean + 12.0 * sqrtOf(mean) + 12.0));
  if (allOf(negligible)) return constant<V>(0.0);
  const V k = spares + 1.0;
  const V cubeRoot = expOf(V(logOf(maxOf(V(mean / k), 1e-300)) * (1.0 / 3.0)));
  const V z = 3.0 * sqrtOf(k) * (1.0 - 1.0 / (9.0 * k) - cubeRoot);
  const V exponent = minOf(V(0.07056 * z * z * z + 1.5976 * z), 700.0);
  return where(negligible, 0.0, V(1.0 / (1.0 + expOf(exponent))));
}
}  // namespace reliability_detail

template <class V>
void estimateReliability(ModelFrame<V>& f) {
  using namespace reliability_detail;
  const V& gpus = f.in(InputId::clusterGpus);
  const V& nodes = f.out(OutputId::clusterNodes);
  const V spares = floorOf(V(nodes * f.in(InputId::reliabilityHotSpareFraction) + 0.5));
  const V jobShare = maxOf(V(nodes - spares), 0.0) / nodes;
  const V perHour = f.in(InputId::reliabilityFailureRateScale)*1e-6;
  // Node failures (GPU and host) of every node, spares included; the job sees its share of them.
  const V allNodesRate = perHour * (f.in(InputId::reliabilityGpuFailuresPerMillionHours)*gpus +
                                    f.in(InputId::reliabilityHostFailuresPerMillionHours)*nodes);
  const V hardwareRate = allNodesRate * jobShare;
  const V planeStops =
      where(both(greater(f.out(OutputId::networkPlanes), 1.5), greater(f.in(InputId::reliabilityPlaneFailover), 0.5)),
            0.0, 1.0);
  const V networkRate = perHour *
                        f.in(InputId::reliabilityNetworkFailuresPerMillionHours)*f.out(OutputId::networkLinksTier1) *
                        jobShare * planeStops;
  const V softwareRate = perHour * f.in(InputId::reliabilitySoftwareFailuresPerMillionHours)*gpus * jobShare;
  const V rate = hardwareRate + networkRate + softwareRate;
  const V& plannedPerDay = f.in(InputId::reliabilityPlannedPerDay);
  const V unexpectedPerDay = rate * 24.0;
  const V mtbiH = 1.0 / maxOf(rate, 1e-300);

  const V stateTb =
      f.in(InputId::reliabilityModelParametersBillions)*f.in(InputId::reliabilityCheckpointBytesPerParameter)*1e-3;
  const V writeGBps = f.in(InputId::reliabilityCheckpointWriteGBpsPerGpu)*gpus;
  const V& writeMinutesSet = f.in(InputId::reliabilityCheckpointWriteMinutes);
  const V deltaH =
      where(greater(writeMinutesSet, 0.0), V(writeMinutesSet * (1.0 / 60.0)), V(stateTb * (1e3 / 3600.0) / writeGBps));

  // Every node in repair beyond the spares leaves the next node failure without a replacement.
  const V nodesInRepairAll = minOf(V(allNodesRate * f.in(InputId::reliabilityRepairHours)), nodes);
  const V shortfall = poissonTailAbove(nodesInRepairAll, spares);
  const V hardwareShare = hardwareRate / maxOf(rate, 1e-300);
  const V restartH = f.in(InputId::reliabilityRestartMinutes) * (1.0 / 60.0);
  const V failureRestartH =
      restartH + shortfall * hardwareShare * f.in(InputId::reliabilityNoSpareRestartMinutes) * (1.0 / 60.0);

  const V young = sqrtOf(V(2.0 * deltaH * mtbiH));
  const V ratio = deltaH / (2.0 * mtbiH);
  const V daly = where(less(deltaH, V(2.0 * mtbiH)),
                       V(young * (1.0 + sqrtOf(ratio) * (1.0 / 3.0) + ratio * (1.0 / 9.0)) - deltaH), mtbiH);
  const V intervalH = where(greater(f.in(InputId::reliabilityCheckpointIntervalMode), 0.5),
                            V(f.in(InputId::reliabilityCheckpointIntervalMinutes) * (1.0 / 60.0)), daly);
  const V ettrUnexpected =
      intervalH / (mtbiH * expOf(V(failureRestartH / mtbiH)) * (expOf(V((intervalH + deltaH) / mtbiH)) - 1.0));
  const V plannedLoss = minOf(V(plannedPerDay * restartH * (1.0 / 24.0)), 1.0);
  const V interruptionsPerDay = unexpectedPerDay + plannedPerDay;
  const V ettr = ettrUnexpected * (1.0 - plannedLoss);
  const V jobGpus = gpus * jobShare;

  f.out(OutputId::reliabilityUnexpectedPerDay) = unexpectedPerDay;
  f.out(OutputId::reliabilityInterruptionsPerDay) = interruptionsPerDay;
  f.out(OutputId::reliabilityMtbiHours) = mtbiH;
  f.out(OutputId::reliabilityCheckpointStateTb) = stateTb;
  f.out(OutputId::reliabilityCheckpointWriteMinutes) = deltaH * 60.0;
  f.out(OutputId::reliabilityYoungIntervalMinutes) = young * 60.0;
  f.out(OutputId::reliabilityDalyIntervalMinutes) = daly * 60.0;
  f.out(OutputId::reliabilityCheckpointIntervalMinutes) = intervalH * 60.0;
  f.out(OutputId::reliabilityHotSpareNodes) = spares;
  f.out(OutputId::reliabilitySpareShortfallProbability) = shortfall;
  f.out(OutputId::reliabilityJobGpus) = jobGpus;
  f.out(OutputId::reliabilityEttr) = ettr;
  f.out(OutputId::reliabilityGoodputGpus) = jobGpus * ettr;
  const V mttiH = 24.0 / maxOf(interruptionsPerDay, 1e-300);
  f.out(OutputId::reliabilityMttiHours) = mttiH;
  const V mttrH = (unexpectedPerDay * failureRestartH + plannedPerDay * restartH) / maxOf(interruptionsPerDay, 1e-300);
  f.out(OutputId::reliabilityJobUptime) = mttiH / (mttiH + mttrH);
  f.out(OutputId::reliabilityNodesInRepair) = nodesInRepairAll;
  f.out(OutputId::reliabilityGpuAvailability) = 1.0 - nodesInRepairAll / nodes;
}

}  // namespace gigaplan
