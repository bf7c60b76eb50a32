#include "layout/LayoutPlacement.h"

#include <vector>

#include "layout/FloorPlaces.h"

namespace gigaplan::LayoutPlacement {

std::optional<RowPlace> nextRowPlace(const SiteLayout& layout, int hall, QString* error) {
  if (hall < 0 || hall >= static_cast<int>(layout.halls.size())) {
    if (error) *error = QStringLiteral("hall %1: no such hall").arg(hall);
    return std::nullopt;
  }
  const HallTemplate& t = layout.hallTemplate;
  double lastY = -1;
  double x = t.wallClearanceM;
  for (const Row& row : layout.rows)
    if (row.hall == hall && row.yM > lastY) lastY = row.yM, x = row.xM;
  const double y = lastY < 0 ? t.wallClearanceM : lastY + t.rackDepthM + (t.coldAisleM + t.hotAisleM) / 2;
  const Hall& target = layout.halls[static_cast<std::size_t>(hall)];
  if (y + t.rackDepthM > target.depthM || x + t.slotsPerRow * t.rackWidthM > target.widthM) {
    if (error) *error = QStringLiteral("hall %1 has no room for another row").arg(target.name);
    return std::nullopt;
  }
  return RowPlace{x, y};
}

std::optional<int> firstFreeSlot(const SiteLayout& layout, int row, QString* error) {
  if (row < 0 || row >= static_cast<int>(layout.rows.size())) {
    if (error) *error = QStringLiteral("row %1: no such row").arg(row);
    return std::nullopt;
  }
  std::vector<bool> taken(static_cast<std::size_t>(layout.rows[static_cast<std::size_t>(row)].slotCount), false);
  for (const Rack& rack : layout.racks)
    if (rack.row == row && rack.slot >= 0 && rack.slot < static_cast<int>(taken.size()))
      taken[static_cast<std::size_t>(rack.slot)] = true;
  for (std::size_t slot = 0; slot < taken.size(); ++slot)
    if (!taken[slot]) return static_cast<int>(slot);
  if (error) *error = QStringLiteral("%1 has no free slot").arg(FloorPlaces::rowName(layout, row));
  return std::nullopt;
}

Rack newComputeRack(const SiteLayout& layout, int row, int slot) {
  Rack rack;
  for (const Rack& existing : layout.racks)
    if (existing.role == RackRole::Compute) {
      rack = existing;
      break;
    }
  rack.row = row;
  rack.slot = slot;
  return rack;
}

}  // namespace gigaplan::LayoutPlacement
