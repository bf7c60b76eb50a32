#pragma once

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <utility>
#include <vector>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// What the planner has selected on the floor, shared by the project tree, the 3D floor and
/// the property display: nothing, one building, hall or row (by index into the layout's
/// vectors), or a set of racks (by stable id).
struct LayoutSelection {
  enum class Level { None, Building, Hall, Row, Racks };
  Level level = Level::None;
  int index = -1;                      ///< building, hall or row index
  std::vector<std::uint32_t> rackIds;  ///< for Level::Racks

  static LayoutSelection building(int i) { return {Level::Building, i, {}}; }
  static LayoutSelection hall(int i) { return {Level::Hall, i, {}}; }
  static LayoutSelection row(int i) { return {Level::Row, i, {}}; }
  static LayoutSelection racks(std::vector<std::uint32_t> ids) {
    return {ids.empty() ? Level::None : Level::Racks, -1, std::move(ids)};
  }
  bool isEmpty() const { return level == Level::None; }
  /// Whether every index and rack id names an object of the layout.
  bool isValidFor(const SiteLayout& layout) const {
    const auto within = [](int i, std::size_t n) { return i >= 0 && static_cast<std::size_t>(i) < n; };
    switch (level) {
      case Level::None:
        return true;
      case Level::Building:
        return within(index, layout.buildings.size());
      case Level::Hall:
        return within(index, layout.halls.size());
      case Level::Row:
        return within(index, layout.rows.size());
      case Level::Racks: {
        std::unordered_set<std::uint32_t> ids;
        for (const Rack& rack : layout.racks) ids.insert(rack.id);
        return std::all_of(rackIds.begin(), rackIds.end(), [&](std::uint32_t id) { return ids.count(id) > 0; });
      }
    }
    return false;
  }
  bool operator==(const LayoutSelection&) const = default;
};

}  // namespace gigaplan
