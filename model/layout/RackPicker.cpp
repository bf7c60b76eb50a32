#include "layout/RackPicker.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gigaplan {

namespace {
/// Slab test: the ray's parameter interval inside an axis-aligned box, empty when tExit < tEnter.
bool intersectBox(const Eigen::Vector3d& origin, const Eigen::Vector3d& direction, const Eigen::Vector3d& low,
                  const Eigen::Vector3d& high, double& tEnter, double& tExit) {
  tEnter = 0.0;
  tExit = std::numeric_limits<double>::infinity();
  for (int axis = 0; axis < 3; ++axis) {
    if (std::fabs(direction[axis]) < 1e-15) {
      if (origin[axis] < low[axis] || origin[axis] > high[axis]) return false;
      continue;
    }
    double t0 = (low[axis] - origin[axis]) / direction[axis];
    double t1 = (high[axis] - origin[axis]) / direction[axis];
    if (t0 > t1) std::swap(t0, t1);
    tEnter = std::max(tEnter, t0);
    tExit = std::min(tExit, t1);
    if (tExit < tEnter) return false;
  }
  return true;
}
}  // namespace

RackPicker::RackPicker(const SiteLayout& layout) : layout_(layout) {
  const HallTemplate& t = layout.hallTemplate;
  rowBoxes_.reserve(layout.rows.size());
  rackAtSlot_.resize(layout.rows.size());
  for (std::size_t r = 0; r < layout.rows.size(); ++r) {
    const Row& row = layout.rows[r];
    const Hall& hall = layout.halls[static_cast<std::size_t>(row.hall)];
    const double x0 = hall.xM + row.xM;
    const double y0 = hall.yM + row.yM;
    rowBoxes_.push_back({x0, y0, x0 + row.slotCount * t.rackWidthM, y0 + t.rackDepthM});
    rackAtSlot_[r].assign(static_cast<std::size_t>(std::max(0, row.slotCount)), -1);
  }
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    auto& slotRacks = rackAtSlot_[static_cast<std::size_t>(rack.row)];
    if (rack.slot >= 0 && rack.slot < static_cast<int>(slotRacks.size()))
      slotRacks[static_cast<std::size_t>(rack.slot)] = static_cast<int>(i);
  }
}

int RackPicker::pick(const Eigen::Vector3d& origin, const Eigen::Vector3d& direction) const {
  const double width = layout_.hallTemplate.rackWidthM;
  int best = -1;
  double bestT = std::numeric_limits<double>::infinity();
  for (std::size_t r = 0; r < rowBoxes_.size(); ++r) {
    const RowBox& box = rowBoxes_[r];
    double tEnter, tExit;
    if (!intersectBox(origin, direction, {box.x0, box.y0, 0.0}, {box.x1, box.y1, kRackHeightM}, tEnter, tExit))
      continue;
    if (tEnter >= bestT) continue;
    // Walk the slots the ray crosses inside the row box, nearest first.
    const double xEnter = origin.x() + tEnter * direction.x();
    const double xExit = origin.x() + tExit * direction.x();
    const auto& slotRacks = rackAtSlot_[r];
    const int last = static_cast<int>(slotRacks.size()) - 1;
    int slot = std::clamp(static_cast<int>(std::floor((xEnter - box.x0) / width)), 0, last);
    const int end = std::clamp(static_cast<int>(std::floor((xExit - box.x0) / width)), 0, last);
    const int step = end >= slot ? 1 : -1;
    for (;; slot += step) {
      const int rack = slotRacks[static_cast<std::size_t>(slot)];
      if (rack >= 0) {
        double t0, t1;
        const double sx = box.x0 + slot * width;
        if (intersectBox(origin, direction, {sx, box.y0, 0.0}, {sx + width, box.y1, kRackHeightM}, t0, t1)) {
          if (t0 < bestT) {
            bestT = t0;
            best = rack;
          }
          break;
        }
      }
      if (slot == end) break;
    }
  }
  return best;
}

std::vector<int> RackPicker::racksInRectangle(double x0M, double y0M, double x1M, double y1M) const {
  const double left = std::min(x0M, x1M), right = std::max(x0M, x1M);
  const double bottom = std::min(y0M, y1M), top = std::max(y0M, y1M);
  const double width = layout_.hallTemplate.rackWidthM;
  std::vector<int> found;
  for (std::size_t r = 0; r < rowBoxes_.size(); ++r) {
    const RowBox& box = rowBoxes_[r];
    if (box.y1 < bottom || box.y0 > top || box.x1 < left || box.x0 > right) continue;
    const auto& slotRacks = rackAtSlot_[r];
    const int first = std::max(0, static_cast<int>(std::floor((left - box.x0) / width)));
    const int last =
        std::min(static_cast<int>(slotRacks.size()) - 1, static_cast<int>(std::floor((right - box.x0) / width)));
    for (int slot = first; slot <= last; ++slot)
      if (slotRacks[static_cast<std::size_t>(slot)] >= 0) found.push_back(slotRacks[static_cast<std::size_t>(slot)]);
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::pair<int, int> RackPicker::slotAt(double xM, double yM) const {
  for (std::size_t r = 0; r < rowBoxes_.size(); ++r) {
    const RowBox& box = rowBoxes_[r];
    if (xM >= box.x0 && xM < box.x1 && yM >= box.y0 && yM < box.y1)
      return {static_cast<int>(r), std::min(layout_.rows[r].slotCount - 1,
                                            static_cast<int>((xM - box.x0) / layout_.hallTemplate.rackWidthM))};
  }
  return {-1, -1};
}

}  // namespace gigaplan
