// Interruptions of a job spanning the whole cluster, and what checkpointing recovers.
//   rate (1/h) = scale x 1e-6 x (GPU rate x GPUs + host rate x nodes + network rate x endpoints
//                                + software rate x GPUs)
//   Young (1974): tau = sqrt(2 delta M)
//   Daly (2006):  tau = sqrt(2 delta M) [1 + sqrt(delta/2M)/3 + (delta/2M)/9] - delta, for delta < 2M; else M
//   ETTR at tau (Daly's exponential model): tau / (M e^(R/M) (e^((tau+delta)/M) - 1)),
//   then the planned interruptions' restart time is taken off.
//   Job uptime: MTTI / (MTTI + MTTR), MTTI = 24 h / interruptions a day (planned and not), MTTR the
//   restart time; the share of wall time the job runs, checkpoints aside.
#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

template <class V>
void estimateReliability(ModelFrame<V>& f) {
  const V& gpus = f.in(InputId::clusterGpus);
  const V& nodes = f.out(OutputId::clusterNodes);
  const V perHour = f.in(InputId::reliabilityFailureRateScale)*1e-6;
  const V hardwareNodeRate = perHour * (f.in(InputId::reliabilityGpuFailuresPerMillionHours)*gpus +
                                        f.in(InputId::reliabilityHostFailuresPerMillionHours)*nodes);
  const V rate = hardwareNodeRate + perHour * (f.in(InputId::reliabilityNetworkFailuresPerMillionHours)*gpus *
                                                   f.in(InputId::networkNicsPerGpu) +
                                               f.in(InputId::reliabilitySoftwareFailuresPerMillionHours)*gpus);
  const V& plannedPerDay = f.in(InputId::reliabilityPlannedPerDay);
  const V unexpectedPerDay = rate * 24.0;
  const V mtbiH = 1.0 / maxOf(rate, 1e-300);
  const V deltaH = f.in(InputId::reliabilityCheckpointWriteMinutes) / 60.0;
  const V restartH = f.in(InputId::reliabilityRestartMinutes) / 60.0;

  const V young = sqrtOf(V(2.0 * deltaH * mtbiH));
  const V ratio = deltaH / (2.0 * mtbiH);
  const V daly =
      where(less(deltaH, V(2.0 * mtbiH)), V(young * (1.0 + sqrtOf(ratio) / 3.0 + ratio / 9.0) - deltaH), mtbiH);
  const V ettrUnexpected = daly / (mtbiH * expOf(V(restartH / mtbiH)) * (expOf(V((daly + deltaH) / mtbiH)) - 1.0));
  const V plannedLoss = minOf(V(plannedPerDay * restartH / 24.0), 1.0);
  const V interruptionsPerDay = unexpectedPerDay + plannedPerDay;

  f.out(OutputId::reliabilityUnexpectedPerDay) = unexpectedPerDay;
  f.out(OutputId::reliabilityInterruptionsPerDay) = interruptionsPerDay;
  f.out(OutputId::reliabilityMtbiHours) = mtbiH;
  f.out(OutputId::reliabilityYoungIntervalMinutes) = young * 60.0;
  f.out(OutputId::reliabilityDalyIntervalMinutes) = daly * 60.0;
  f.out(OutputId::reliabilityEttr) = ettrUnexpected * (1.0 - plannedLoss);
  const V mttiH = 24.0 / maxOf(interruptionsPerDay, 1e-300);
  f.out(OutputId::reliabilityJobUptime) = mttiH / (mttiH + restartH);
  const V nodesInRepair = minOf(V(hardwareNodeRate * f.in(InputId::reliabilityRepairHours)), nodes);
  f.out(OutputId::reliabilityNodesInRepair) = nodesInRepair;
  f.out(OutputId::reliabilityGpuAvailability) = 1.0 - nodesInRepair / nodes;
}

}  // namespace gigaplan
