#pragma once

#include <Eigen/Core>
#include <utility>
#include <vector>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// Finds racks under the mouse without a GPU: a ray against the racks' boxes, and a plan
/// rectangle against their footprints. Rows are tested as boxes first, then the slots the ray
/// crosses inside a row, so a pick costs about one box test per row.
class RackPicker {
 public:
  static constexpr double kRackHeightM = 2.3;

  explicit RackPicker(const SiteLayout& layout);

  /// Index into layout.racks of the first rack the ray hits, or -1.
  int pick(const Eigen::Vector3d& origin, const Eigen::Vector3d& direction) const;
  /// Indices of the racks whose footprint overlaps the plan rectangle (corners in any order).
  std::vector<int> racksInRectangle(double x0M, double y0M, double x1M, double y1M) const;
  /// The row and slot whose footprint holds a plan point, or {-1, -1}; for dropping a rack.
  std::pair<int, int> slotAt(double xM, double yM) const;

 private:
  struct RowBox {
    double x0, y0, x1, y1;
  };
  const SiteLayout& layout_;
  std::vector<RowBox> rowBoxes_;
  std::vector<std::vector<int>> rackAtSlot_;  ///< per row: rack index per slot, -1 when empty
};

}  // namespace gigaplan
