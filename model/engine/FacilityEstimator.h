// Facility power, energy and the electrical chain.
//   overhead = cooling + UPS/distribution losses + miscellaneous; PUE = 1 + overhead / IT
//   800 V DC distribution takes its saving (a share of IT power) off the conversion losses.
//   In fixed-PUE mode the same overhead parts are scaled to add up to IT x (PUE - 1).
//   Transformers (MVA = facility MW / power factor) and UPS modules (IT MW) are sized for N,
//   then N+1 adds one unit, 2N doubles, distributed 4N/3 adds a third (rounded up).
#pragma once

#include <limits>

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

namespace facility_detail {
template <class V>
V redundantUnits(const V& loadPerUnit, const V& scheme) {
  const V base = ceilOf(loadPerUnit);
  // N, N+1, 2N, 4N/3, and catcher: one reserve unit for each group of up to four active ones.
  return where(less(scheme, 0.5), base,
               where(less(scheme, 1.5), V(base + 1.0),
                     where(less(scheme, 2.5), V(2.0 * base),
                           where(less(scheme, 3.5), ceilOf(V(base * (4.0 / 3.0))), V(base + ceilOf(V(base * 0.25)))))));
}
}  // namespace facility_detail

template <class V>
void estimateFacility(ModelFrame<V>& f) {
  const V& itMw = f.out(OutputId::powerItMw);
  const V modelCoolingMw = f.out(OutputId::powerCoolingMw);
  const V chainLossMw =
      itMw * (1.0 / (f.in(InputId::electricalUpsEfficiency)*f.in(InputId::electricalTransformerEfficiency)) - 1.0);
  // 800 V DC drops conversion stages between the utility and the racks: its saving comes off the
  // UPS and distribution losses and the rack power supplies' losses, never more than they are.
  const V dc800 = where(greater(f.in(InputId::electricalDistribution), 0.5), 1.0, 0.0);
  const V dcSavingMw = dc800 * minOf(V(f.in(InputId::electricalDc800EfficiencyGain)*itMw),
                                     V(chainLossMw + f.out(OutputId::powerPsuLossMw)));
  const V modelLossMw = chainLossMw - dcSavingMw;
  const V modelMiscMw = itMw * f.in(InputId::facilityMiscOverheadFraction);
  const V modelOverheadMw = modelCoolingMw + modelLossMw + modelMiscMw;
  const V fixedScale = (f.in(InputId::facilityPue)-1.0) * itMw / maxOf(modelOverheadMw, 1e-12);
  const V scale = where(greater(f.in(InputId::facilityPueMode), 0.5), fixedScale, 1.0);

  f.out(OutputId::powerCoolingMw) = modelCoolingMw * scale;
  f.out(OutputId::powerElectricalLossMw) = modelLossMw * scale;
  f.out(OutputId::powerMiscMw) = modelMiscMw * scale;
  const V facilityMw = itMw + modelOverheadMw * scale;
  f.out(OutputId::powerFacilityMw) = facilityMw;
  f.out(OutputId::powerPue) = facilityMw / itMw;
  f.out(OutputId::powerDc800SavingMw) = dcSavingMw * scale;
  // The plant's overhead follows the IT load it serves.
  f.out(OutputId::powerAverageFacilityMw) = facilityMw * f.out(OutputId::powerAverageItMw) / itMw;
  f.out(OutputId::powerAnnualEnergyGwh) = f.out(OutputId::powerAverageFacilityMw) * 8760.0 * 1e-3;

  // All power drawn ends up as heat; the plant rejects everything but what leaves as misc loads.
  const V rejectedMw = itMw + f.out(OutputId::powerCoolingMw) + f.out(OutputId::powerElectricalLossMw);
  f.out(OutputId::coolingHeatRejectionMw) = rejectedMw;
  f.out(OutputId::coolingHeatRejectionRt) = rejectedMw * 1e3 / f.in(InputId::coolingKwPerRefrigerationTon);

  const V& scheme = f.in(InputId::electricalRedundancy);
  const V loadMva = facilityMw / f.in(InputId::electricalPowerFactor);
  f.out(OutputId::electricalTransformers) =
      facility_detail::redundantUnits(V(loadMva / f.in(InputId::electricalTransformerMva)), scheme);
  f.out(OutputId::electricalTransformerMva) =
      f.out(OutputId::electricalTransformers) * f.in(InputId::electricalTransformerMva);
  f.out(OutputId::electricalUpsModules) =
      facility_detail::redundantUnits(V(itMw / f.in(InputId::electricalUpsModuleMw)), scheme);
  f.out(OutputId::electricalUpsMw) = f.out(OutputId::electricalUpsModules) * f.in(InputId::electricalUpsModuleMw);
  // The power and cooling topology and what its failures cost are counted on the floor, block by
  // block and rack by rack (FailureDomains): without a floor they are not known.
  for (const OutputId id : kFloorOnlyOutputs) f.out(id) = constant<V>(std::numeric_limits<double>::quiet_NaN());
}

}  // namespace gigaplan
