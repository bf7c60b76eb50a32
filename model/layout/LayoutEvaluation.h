#pragma once

#include <array>
#include <vector>

#include "engine/HardwareCatalog.h"
#include "engine/Scenario.h"
#include "layout/FabricCabling.h"
#include "layout/LayoutMetrics.h"
#include "layout/SiteLayout.h"

namespace gigaplan {

/// A scenario evaluated on its floor. The floor is the build-out: GPUs and nodes from its compute
/// racks, racks by role, switches per tier and the links they carry (FloorCount), media, cable
/// lengths and areas from the layout; power, cooling, cost, reliability and schedule follow from
/// those counts. With the layout's own figures, and every limit it breaks.
struct LayoutEvaluation {
  InputValues inputs{};  ///< the inputs the figures follow: the scenario's, with the floor's GPUs
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
