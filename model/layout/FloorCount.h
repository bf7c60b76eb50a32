#pragma once

#include <array>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// What stands on a floor, counted rack by rack: the build-out the figures follow once a project
/// has a floor. A compute rack holds nodes (Rack::units), a network rack switches of its tier.
struct FloorCount {
  double computeRacks = 0.0;
  double nodes = 0.0;         ///< in compute racks
  double networkRacks = 0.0;  ///< racks holding at least one switch
  double cduRacks = 0.0;
  double leafSwitches = 0.0;
  double spineSwitches = 0.0;
  double coreSwitches = 0.0;  ///< the tiers above the spines (3 and 4), placed in core racks

  static FloorCount of(const SiteLayout& layout);
};

}  // namespace gigaplan
