#pragma once

#include <cstdint>
#include <utility>
#include <vector>

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
  bool operator==(const LayoutSelection&) const = default;
};

}  // namespace gigaplan
