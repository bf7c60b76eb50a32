// Emissions of the site's energy over a year (scope 2, and scope 1 of on-site generation).
//   on-site share = min(on-site generation MW, average facility MW) / average facility MW
//   (on-site generation runs first, up to the site's average draw; the grid supplies the rest)
//   tCO2e = annual energy x (share x on-site intensity + (1 - share) x grid intensity)
#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

template <class V>
void estimateCarbon(ModelFrame<V>& f) {
  const V& averageMw = f.out(OutputId::powerAverageFacilityMw);
  const V share = minOf(f.in(InputId::siteOnsiteGenerationMw), averageMw) / maxOf(averageMw, 1e-12);
  const V energyMwh = f.out(OutputId::powerAnnualEnergyGwh) * 1e3;
  // kg/kWh equals t/MWh.
  const V onsiteT = energyMwh * share * f.in(InputId::siteOnsiteCarbonKgPerKwh);
  const V gridT = energyMwh * (1.0 - share) * f.in(InputId::siteGridCarbonKgPerKwh);
  f.out(OutputId::carbonOnsiteEnergyShare) = share;
  f.out(OutputId::carbonGridTco2ePerYear) = gridT;
  f.out(OutputId::carbonOnsiteTco2ePerYear) = onsiteT;
  f.out(OutputId::carbonTco2ePerYear) = gridT + onsiteT;
  f.out(OutputId::carbonKgPerGpuHour) = (gridT + onsiteT) * 1e3 / (f.in(InputId::clusterGpus)*8760.0);
}

}  // namespace gigaplan
