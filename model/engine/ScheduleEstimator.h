// Build schedule and the site's power.
//   racks per day = min(crews x racks per crew per day, racks delivered per day)
//   install days = racks / racks per day; first rack to training = install + bring-up
//   build days = site ready (fit-out before the first rack) + first rack to training
//   power margin = grid + on-site generation - facility power at full IT load; batteries add to the
//   power for peaks only
#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"

namespace gigaplan {

template <class V>
void estimateSchedule(ModelFrame<V>& f) {
  const V racksPerDay = minOf(V(f.in(InputId::scheduleCrews)*f.in(InputId::scheduleRacksPerCrewPerDay)),
                              f.in(InputId::scheduleRacksDeliveredPerDay));
  f.out(OutputId::scheduleRacksPerDay) = racksPerDay;
  f.out(OutputId::scheduleInstallDays) = f.out(OutputId::clusterRacks) / racksPerDay;
  f.out(OutputId::scheduleFirstRackToTrainingDays) =
      f.out(OutputId::scheduleInstallDays) + f.in(InputId::scheduleBringUpDays);
  f.out(OutputId::scheduleBuildDays) =
      f.in(InputId::scheduleSiteReadyDays) + f.out(OutputId::scheduleFirstRackToTrainingDays);
  f.out(OutputId::sitePowerAvailableMw) = f.in(InputId::siteGridMw) + f.in(InputId::siteOnsiteGenerationMw);
  f.out(OutputId::sitePowerMarginMw) = f.out(OutputId::sitePowerAvailableMw) - f.out(OutputId::powerFacilityMw);
  // The racks the site's power carries at this facility power per compute rack (all loads shared out).
  f.out(OutputId::siteComputeRacksSupported) = floorOf(V(
      f.out(OutputId::sitePowerAvailableMw) * f.out(OutputId::clusterComputeRacks) / f.out(OutputId::powerFacilityMw)));
  f.out(OutputId::sitePeakPowerAvailableMw) = f.out(OutputId::sitePowerAvailableMw) + f.in(InputId::siteBatteryMw);
}

}  // namespace gigaplan
