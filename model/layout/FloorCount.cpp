#include "layout/FloorCount.h"

namespace gigaplan {

FloorCount FloorCount::of(const SiteLayout& layout) {
  FloorCount count;
  for (const Rack& rack : layout.racks) {
    const double units = rack.units;
    switch (rack.role) {
      case RackRole::Compute:
        count.computeRacks += 1;
        count.nodes += units;
        break;
      case RackRole::Leaf:
        count.leafSwitches += units;
        break;
      case RackRole::Spine:
        count.spineSwitches += units;
        break;
      case RackRole::Core:
        count.coreSwitches += units;
        break;
      case RackRole::Cdu:
        count.cduRacks += 1;
        break;
    }
    if (rack.role != RackRole::Compute && rack.role != RackRole::Cdu && rack.units > 0) count.networkRacks += 1;
  }
  return count;
}

}  // namespace gigaplan
