// Capex by category, annualized with the capital recovery factor
//   CRF(r, n) = r / (1 - (1 + r)^-n)   (1/n when r = 0 or cost.amortization is straightLine)
// plus opex (energy, non-energy opex per MW and any service contracts, staff); TCO per year and per
// GPU-hour at the utilization.
// Switches and media are priced by the fabric estimator, which knows the media of each tier.
#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

namespace cost_detail {
template <class V>
V capitalRecoveryFactor(const V& rate, const V& years) {
  const V safeRate = maxOf(rate, 1e-9);
  // (1 + r)^-n as exp(-n log(1 + r)): Eigen's vectorized exp and log are far cheaper than its pow.
  return where(greater(rate, 1e-9), V(safeRate / (1.0 - expOf(V(-years * logOf(V(1.0 + safeRate)))))), V(1.0 / years));
}
}  // namespace cost_detail

template <class V>
void estimateCost(ModelFrame<V>& f) {
  const V& gpus = f.in(InputId::clusterGpus);
  const V& itMw = f.out(OutputId::powerItMw);
  const V systems = f.out(OutputId::clusterNodes) * f.in(InputId::systemPriceUsdPerNode);
  const V storage = gpus * f.in(InputId::costStorageUsdPerGpu);
  const V electrical = itMw * f.in(InputId::costElectricalUsdPerMw);
  const V cooling = itMw * f.in(InputId::costCoolingUsdPerMw);
  const V building = itMw * f.in(InputId::costBuildingUsdPerMw);
  const V land = f.out(OutputId::clusterSiteAreaM2) * f.in(InputId::costLandUsdPerM2);
  const V itCapex = systems + f.out(OutputId::costSwitchesUsd) + f.out(OutputId::costOpticsCablesUsd) + storage;
  const V facilityCapex = electrical + cooling + building;
  const V capex = itCapex + facilityCapex + land;

  f.out(OutputId::costSystemsUsd) = systems;
  f.out(OutputId::costStorageUsd) = storage;
  f.out(OutputId::costElectricalUsd) = electrical;
  f.out(OutputId::costCoolingUsd) = cooling;
  f.out(OutputId::costBuildingUsd) = building;
  f.out(OutputId::costLandUsd) = land;
  f.out(OutputId::costCapexUsd) = capex;
  f.out(OutputId::costCapexPerGpuUsd) = capex / gpus;
  f.out(OutputId::costFacilityUsdPerMw) = facilityCapex / itMw;

  const V rate = where(greater(f.in(InputId::costAmortization), 0.5), 0.0, f.in(InputId::costCapitalRate));
  const V itFactor = cost_detail::capitalRecoveryFactor(rate, f.in(InputId::costItLifetimeYears));
  const V facilityFactor = cost_detail::capitalRecoveryFactor(rate, f.in(InputId::costFacilityLifetimeYears));
  const V itCapital = itCapex * itFactor;
  const V facilityCapital = facilityCapex * facilityFactor;
  const V landCapital = land * rate;
  const V energy = f.out(OutputId::powerAnnualEnergyGwh) * 1e6 * f.in(InputId::costElectricityUsdPerKwh);
  const V maintenance = itMw * f.in(InputId::costNonEnergyOpexUsdPerMwYear) +
                        itCapex * f.in(InputId::costItMaintenanceFraction) +
                        facilityCapex * f.in(InputId::costFacilityMaintenanceFraction);
  const V staff = itMw * f.in(InputId::costStaffPerMw)*f.in(InputId::costStaffUsdPerYear);
  const V tco = itCapital + facilityCapital + landCapital + energy + maintenance + staff;

  f.out(OutputId::costItCapitalUsdPerYear) = itCapital;
  f.out(OutputId::costFacilityCapitalUsdPerYear) = facilityCapital;
  f.out(OutputId::costLandCapitalUsdPerYear) = landCapital;
  f.out(OutputId::costEnergyUsdPerYear) = energy;
  f.out(OutputId::costMaintenanceUsdPerYear) = maintenance;
  f.out(OutputId::costStaffUsdPerYear) = staff;
  f.out(OutputId::costTcoUsdPerYear) = tco;
  f.out(OutputId::costTcoUsdPerItMwYear) = tco / itMw;
  f.out(OutputId::costSystemsShareOfTco) = systems * itFactor / tco;
  f.out(OutputId::costUsdPerGpuHour) = tco / (gpus * 8760.0 * f.in(InputId::costUtilization));
}

}  // namespace gigaplan
