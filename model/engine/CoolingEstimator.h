// Heat to liquid and air, CDUs and coolant flow, and the power the cooling plant draws:
//   liquid heat = node power x liquid fraction; air heat = the rest of the IT load
//   cooling power = liquid heat / liquid COP + air heat / air COP
//   coolant flow  = liquid heat / (density x specific heat x (return - supply))
#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

template <class V>
void estimateCooling(ModelFrame<V>& f) {
  // The nodes as provisioned: their component lines and the provisioning headroom above them.
  const V nodeMw = f.out(OutputId::powerGpuMw) + f.out(OutputId::powerHostMw) + f.out(OutputId::powerFanMw) +
                   f.out(OutputId::powerPsuLossMw) + f.out(OutputId::powerProvisioningHeadroomMw);
  const V liquidMw = nodeMw * f.in(InputId::systemLiquidFraction);
  const V airMw = f.out(OutputId::powerItMw) - liquidMw;
  const V cdusNeeded = ceilOf(V(liquidMw * 1e3 / f.in(InputId::coolingCduCapacityKw)));
  const V deltaK = f.in(InputId::coolingReturnTempC)-f.in(InputId::coolingSupplyTempC);
  const V flowM3PerS =
      liquidMw * 1e6 / (f.in(InputId::coolingCoolantDensityKgM3)*f.in(InputId::coolingCoolantHeatCapacityJKgK)*deltaK);
  const V itEnergyKwhPerYear = f.out(OutputId::powerAverageItMw) * 8760.0 * 1e3;

  f.out(OutputId::coolingLiquidHeatMw) = liquidMw;
  f.out(OutputId::coolingAirHeatMw) = airMw;
  f.out(OutputId::coolingCdus) = ceilOf(V(cdusNeeded * (1.0 + f.in(InputId::coolingCduSpareFraction))));
  f.out(OutputId::coolingCoolantFlowLps) = flowM3PerS * 1e3;
  f.out(OutputId::powerCoolingMw) = liquidMw / f.in(InputId::coolingLiquidCop) + airMw / f.in(InputId::coolingAirCop);
  f.out(OutputId::coolingWaterM3PerYear) = itEnergyKwhPerYear * f.in(InputId::coolingWueLPerKwh)*1e-3;
}

}  // namespace gigaplan
