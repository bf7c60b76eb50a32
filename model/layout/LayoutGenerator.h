#pragma once

#include <QString>
#include <optional>

#include "engine/InputSchema.h"
#include "engine/OutputSchema.h"
#include "layout/SiteLayout.h"

namespace gigaplan {

/// Lays out a scenario on a site: compute racks fill halls of the template up to each hall's
/// space, power and cooling limits; halls fill buildings.
///
/// In every hall, from the entrance: network rows (spines of the hall's pods; in a building's
/// first hall also the core and tier-4 switches of the building), compute rows each ending in
/// the leaf racks of its rail groups, and a CDU row along the back wall. Leaves, spines and
/// cores are spread over rows, halls and buildings in proportion to their compute racks.
class LayoutGenerator {
 public:
  /// Returns nothing and sets `error` (naming the template field) when the template cannot
  /// hold even one rack, e.g. a hall power limit below one rack's power.
  static std::optional<SiteLayout> generate(const InputValues& inputs, const OutputValues& outputs,
                                            const QString& systemType, const HallTemplate& hallTemplate,
                                            QString* error);
};

}  // namespace gigaplan
