#pragma once

#include <array>
#include <vector>

#include "engine/HardwareCatalog.h"
#include "engine/Scenario.h"
#include "layout/FabricCabling.h"
#include "layout/LayoutMetrics.h"
#include "layout/SiteLayout.h"

namespace gigaplan {

/// A scenario evaluated on its floor: the engine's figures with media, cable lengths and areas
/// taken from the layout, the layout's own figures, and every limit it breaks.
struct LayoutEvaluation {
  OutputValues outputs{};
  LayoutMetrics metrics;
  FabricCabling cabling;

  std::vector<LayoutFinding> findings() const;

  static LayoutEvaluation evaluate(const InputValues& inputs, const SiteLayout& layout,
                                   const std::array<double, 5>& reachLimitM);
  /// The longest link each reach class carries, from the modules the scenario selects.
  static std::array<double, 5> reachLimits(const Scenario& scenario, const HardwareCatalog& catalog);
};

}  // namespace gigaplan
