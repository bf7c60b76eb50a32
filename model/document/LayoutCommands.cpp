#include "document/LayoutCommands.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_set>

#include "layout/FloorPlaces.h"
#include "layout/LayoutPlacement.h"

namespace gigaplan::LayoutCommands {

namespace {

std::unique_ptr<QUndoCommand> refuse(QString* error, const QString& message) {
  if (error) *error = message;
  return nullptr;
}

/// A command given by its two directions; both capture what they need by value.
class LambdaCommand : public QUndoCommand {
 public:
  LambdaCommand(const QString& text, std::function<void()> redo, std::function<void()> undo)
      : QUndoCommand(text), redo_(std::move(redo)), undo_(std::move(undo)) {}
  void redo() override { redo_(); }
  void undo() override { undo_(); }

 private:
  std::function<void()> redo_;
  std::function<void()> undo_;
};

std::unique_ptr<QUndoCommand> command(const QString& text, std::function<void()> redo, std::function<void()> undo) {
  return std::make_unique<LambdaCommand>(text, std::move(redo), std::move(undo));
}

bool slotTaken(const SiteLayout& layout, int row, int slot) {
  return std::any_of(layout.racks.begin(), layout.racks.end(),
                     [&](const Rack& rack) { return rack.row == row && rack.slot == slot; });
}

bool validRow(const SiteLayout& layout, int row) {
  return row >= 0 && row < static_cast<int>(layout.rows.size());
}
bool validHall(const SiteLayout& layout, int hall) {
  return hall >= 0 && hall < static_cast<int>(layout.halls.size());
}

/// Checks that every id names a rack; on success fills their indices.
bool findRacks(const SiteLayout& layout, const std::vector<std::uint32_t>& ids, std::vector<int>& indices,
               QString* error) {
  if (ids.empty()) {
    if (error) *error = QStringLiteral("no racks given");
    return false;
  }
  for (std::uint32_t id : ids) {
    const int index = rackIndex(layout, id);
    if (index < 0) {
      if (error) *error = QStringLiteral("rack %1: no such rack").arg(id);
      return false;
    }
    indices.push_back(index);
  }
  return true;
}

}  // namespace

std::unique_ptr<QUndoCommand> replaceLayout(SiteLayout& layout, SiteLayout replacement, const QString& text) {
  // Both layouts are kept whole: a regenerated floor shares nothing index-stable with the old one.
  auto before = std::make_shared<SiteLayout>(layout);
  auto after = std::make_shared<SiteLayout>(std::move(replacement));
  return command(
      text, [&layout, after] { layout = *after; }, [&layout, before] { layout = *before; });
}

int rackIndex(const SiteLayout& layout, std::uint32_t rackId) {
  const auto it =
      std::find_if(layout.racks.begin(), layout.racks.end(), [&](const Rack& rack) { return rack.id == rackId; });
  return it == layout.racks.end() ? -1 : static_cast<int>(it - layout.racks.begin());
}

std::unique_ptr<QUndoCommand> addHall(SiteLayout& layout, const Hall& hall, QString* error) {
  if (hall.building < 0 || hall.building >= static_cast<int>(layout.buildings.size()))
    return refuse(error, QStringLiteral("building %1: no such building").arg(hall.building));
  if (!(hall.widthM > 0) || !(hall.depthM > 0) || !std::isfinite(hall.widthM) || !std::isfinite(hall.depthM))
    return refuse(error, QStringLiteral("hall %1: width and depth must be positive").arg(hall.name));
  if (!std::isfinite(hall.xM) || !std::isfinite(hall.yM))
    return refuse(error, QStringLiteral("hall %1: not a finite position").arg(hall.name));
  if (!(hall.powerLimitMw > 0) || !(hall.coolingLimitMw > 0) || !(hall.floorLoadLimitKgM2 > 0))
    return refuse(error, QStringLiteral("hall %1: power, cooling and floor limits must be positive").arg(hall.name));
  return command(
      QStringLiteral("Add hall %1").arg(hall.name), [&layout, hall] { layout.halls.push_back(hall); },
      [&layout] { layout.halls.pop_back(); });
}

std::unique_ptr<QUndoCommand> removeHall(SiteLayout& layout, int hall, QString* error) {
  if (!validHall(layout, hall)) return refuse(error, QStringLiteral("hall %1: no such hall").arg(hall));
  // The whole layout before the removal: rows and racks of every later hall are renumbered.
  auto before = std::make_shared<SiteLayout>();
  auto redo = [&layout, hall, before] {
    *before = layout;
    std::vector<int> newRow(layout.rows.size(), -1);
    std::vector<Row> rows;
    for (std::size_t r = 0; r < layout.rows.size(); ++r) {
      Row row = layout.rows[r];
      if (row.hall == hall) continue;
      if (row.hall > hall) --row.hall;
      newRow[r] = static_cast<int>(rows.size());
      rows.push_back(row);
    }
    std::vector<Rack> racks;
    for (Rack rack : layout.racks) {
      rack.row = newRow[static_cast<std::size_t>(rack.row)];
      if (rack.row >= 0) racks.push_back(rack);
    }
    layout.rows.swap(rows);
    layout.racks.swap(racks);
    layout.halls.erase(layout.halls.begin() + hall);
  };
  auto undo = [&layout, before] { layout = *before; };
  return command(QStringLiteral("Remove hall %1").arg(layout.halls[static_cast<std::size_t>(hall)].name), redo, undo);
}

std::unique_ptr<QUndoCommand> moveHall(SiteLayout& layout, int hall, double dxM, double dyM, QString* error) {
  if (!validHall(layout, hall)) return refuse(error, QStringLiteral("hall %1: no such hall").arg(hall));
  if (!std::isfinite(dxM) || !std::isfinite(dyM))
    return refuse(error, QStringLiteral("hall move: not a finite distance"));
  auto shift = [&layout, hall](double dx, double dy) {
    layout.halls[static_cast<std::size_t>(hall)].xM += dx;
    layout.halls[static_cast<std::size_t>(hall)].yM += dy;
  };
  return command(
      QStringLiteral("Move hall %1").arg(layout.halls[static_cast<std::size_t>(hall)].name),
      [shift, dxM, dyM] { shift(dxM, dyM); }, [shift, dxM, dyM] { shift(-dxM, -dyM); });
}

std::unique_ptr<QUndoCommand> setHallLocked(SiteLayout& layout, int hall, bool locked, QString* error) {
  if (!validHall(layout, hall)) return refuse(error, QStringLiteral("hall %1: no such hall").arg(hall));
  const QString& name = layout.halls[static_cast<std::size_t>(hall)].name;
  if (layout.halls[static_cast<std::size_t>(hall)].locked == locked)
    return refuse(error, QStringLiteral("hall %1: already %2").arg(name, locked ? "locked" : "unlocked"));
  auto set = [&layout, hall](bool value) { layout.halls[static_cast<std::size_t>(hall)].locked = value; };
  return command((locked ? QStringLiteral("Lock hall %1") : QStringLiteral("Unlock hall %1")).arg(name),
                 [set, locked] { set(locked); }, [set, locked] { set(!locked); });
}

std::unique_ptr<QUndoCommand> dismissDroppedEdits(SiteLayout& layout, QString* error) {
  if (layout.droppedEdits.isEmpty()) return refuse(error, QStringLiteral("no dropped hand edit is listed"));
  const QStringList dropped = layout.droppedEdits;
  return command(
      QStringLiteral("Dismiss %1 dropped hand edits").arg(dropped.size()), [&layout] { layout.droppedEdits.clear(); },
      [&layout, dropped] { layout.droppedEdits = dropped; });
}

std::unique_ptr<QUndoCommand> moveRow(SiteLayout& layout, int row, double xM, double yM, QString* error) {
  if (!validRow(layout, row)) return refuse(error, QStringLiteral("row %1: no such row").arg(row));
  if (!std::isfinite(xM) || !std::isfinite(yM))
    return refuse(error, QStringLiteral("%1: not a finite position").arg(FloorPlaces::rowName(layout, row)));
  const double oldX = layout.rows[static_cast<std::size_t>(row)].xM;
  const double oldY = layout.rows[static_cast<std::size_t>(row)].yM;
  auto place = [&layout, row](double x, double y) {
    layout.rows[static_cast<std::size_t>(row)].xM = x;
    layout.rows[static_cast<std::size_t>(row)].yM = y;
  };
  return command(
      QStringLiteral("Move %1").arg(FloorPlaces::rowName(layout, row)), [place, xM, yM] { place(xM, yM); },
      [place, oldX, oldY] { place(oldX, oldY); });
}

std::unique_ptr<QUndoCommand> addRow(SiteLayout& layout, int hall, double xM, double yM, int slotCount,
                                     QString* error) {
  if (!validHall(layout, hall)) return refuse(error, QStringLiteral("hall %1: no such hall").arg(hall));
  if (slotCount < 1 || slotCount > 1000)
    return refuse(error, QStringLiteral("row slots: %1 is not from 1 to 1000").arg(slotCount));
  if (!std::isfinite(xM) || !std::isfinite(yM)) return refuse(error, QStringLiteral("new row: not a finite position"));
  const Row row{hall, xM, yM, slotCount};
  return command(
      QStringLiteral("Add row"), [&layout, row] { layout.rows.push_back(row); }, [&layout] { layout.rows.pop_back(); });
}

std::unique_ptr<QUndoCommand> removeRow(SiteLayout& layout, int row, QString* error) {
  if (!validRow(layout, row)) return refuse(error, QStringLiteral("row %1: no such row").arg(row));
  // Undo puts the row back at its index and its racks back at theirs.
  struct Removed {
    Row row;
    std::vector<std::pair<std::size_t, Rack>> racks;
  };
  auto removed = std::make_shared<Removed>();
  auto redo = [&layout, row, removed] {
    removed->row = layout.rows[static_cast<std::size_t>(row)];
    removed->racks.clear();
    std::vector<Rack> kept;
    kept.reserve(layout.racks.size());
    for (std::size_t i = 0; i < layout.racks.size(); ++i) {
      Rack rack = layout.racks[i];
      if (rack.row == row) {
        removed->racks.emplace_back(i, rack);
        continue;
      }
      if (rack.row > row) --rack.row;
      kept.push_back(rack);
    }
    layout.racks.swap(kept);
    layout.rows.erase(layout.rows.begin() + row);
  };
  auto undo = [&layout, row, removed] {
    layout.rows.insert(layout.rows.begin() + row, removed->row);
    for (Rack& rack : layout.racks)
      if (rack.row >= row) ++rack.row;
    for (const auto& [index, rack] : removed->racks)
      layout.racks.insert(layout.racks.begin() + static_cast<long>(index), rack);
  };
  return command(QStringLiteral("Remove %1").arg(FloorPlaces::rowName(layout, row)), redo, undo);
}

std::unique_ptr<QUndoCommand> insertRow(SiteLayout& layout, int hall, QString* error) {
  const auto place = LayoutPlacement::nextRowPlace(layout, hall, error);
  if (!place) return nullptr;
  return addRow(layout, hall, place->xM, place->yM, layout.hallTemplate.slotsPerRow, error);
}

std::unique_ptr<QUndoCommand> addRack(SiteLayout& layout, const Rack& rack, QString* error) {
  if (!validRow(layout, rack.row)) return refuse(error, QStringLiteral("row %1: no such row").arg(rack.row));
  if (rack.slot < 0 || rack.slot >= layout.rows[static_cast<std::size_t>(rack.row)].slotCount)
    return refuse(error,
                  QStringLiteral("%1 has no slot %2").arg(FloorPlaces::rowName(layout, rack.row)).arg(rack.slot + 1));
  if (slotTaken(layout, rack.row, rack.slot))
    return refuse(error, QStringLiteral("%1, slot %2: already holds a rack")
                             .arg(FloorPlaces::rowName(layout, rack.row))
                             .arg(rack.slot + 1));
  if (rack.role == RackRole::Compute && rack.system >= layout.systemTypes.size())
    return refuse(error, QStringLiteral("rack system %1: not in the layout's system list").arg(rack.system));
  Rack added = rack;
  added.id = layout.nextRackId;
  return command(
      QStringLiteral("Add rack %1").arg(added.id),
      [&layout, added] {
        layout.racks.push_back(added);
        layout.nextRackId = std::max(layout.nextRackId, added.id + 1);
      },
      [&layout, added] {
        layout.racks.pop_back();
        layout.nextRackId = added.id;
      });
}

std::unique_ptr<QUndoCommand> insertRack(SiteLayout& layout, int row, QString* error) {
  const auto slot = LayoutPlacement::firstFreeSlot(layout, row, error);
  if (!slot) return nullptr;
  return addRack(layout, LayoutPlacement::newComputeRack(layout, row, *slot), error);
}

std::unique_ptr<QUndoCommand> removeRacks(SiteLayout& layout, const std::vector<std::uint32_t>& rackIds,
                                          QString* error) {
  std::vector<int> indices;
  if (!findRacks(layout, rackIds, indices, error)) return nullptr;
  const std::unordered_set<std::uint32_t> ids(rackIds.begin(), rackIds.end());
  auto removed = std::make_shared<std::vector<std::pair<std::size_t, Rack>>>();
  auto redo = [&layout, ids, removed] {
    removed->clear();
    std::vector<Rack> kept;
    kept.reserve(layout.racks.size());
    for (std::size_t i = 0; i < layout.racks.size(); ++i) {
      if (ids.count(layout.racks[i].id))
        removed->emplace_back(i, layout.racks[i]);
      else
        kept.push_back(layout.racks[i]);
    }
    layout.racks.swap(kept);
  };
  auto undo = [&layout, removed] {
    for (const auto& [index, rack] : *removed)
      layout.racks.insert(layout.racks.begin() + static_cast<long>(index), rack);
  };
  return command(rackIds.size() == 1 ? QStringLiteral("Remove rack %1").arg(rackIds.front())
                                     : QStringLiteral("Remove %1 racks").arg(rackIds.size()),
                 redo, undo);
}

std::unique_ptr<QUndoCommand> moveRack(SiteLayout& layout, std::uint32_t rackId, int row, int slot, QString* error) {
  const int index = rackIndex(layout, rackId);
  if (index < 0) return refuse(error, QStringLiteral("rack %1: no such rack").arg(rackId));
  if (!validRow(layout, row)) return refuse(error, QStringLiteral("row %1: no such row").arg(row));
  if (slot < 0 || slot >= layout.rows[static_cast<std::size_t>(row)].slotCount)
    return refuse(error, QStringLiteral("%1 has no slot %2").arg(FloorPlaces::rowName(layout, row)).arg(slot + 1));
  const Rack& rack = layout.racks[static_cast<std::size_t>(index)];
  if ((rack.row != row || rack.slot != slot) && slotTaken(layout, row, slot))
    return refuse(
        error,
        QStringLiteral("%1, slot %2: already holds a rack").arg(FloorPlaces::rowName(layout, row)).arg(slot + 1));
  const int oldRow = rack.row, oldSlot = rack.slot;
  auto place = [&layout, rackId](int r, int s) {
    Rack& moved = layout.racks[static_cast<std::size_t>(rackIndex(layout, rackId))];
    moved.row = r;
    moved.slot = s;
  };
  return command(
      QStringLiteral("Move rack %1").arg(rackId), [place, row, slot] { place(row, slot); },
      [place, oldRow, oldSlot] { place(oldRow, oldSlot); });
}

std::unique_ptr<QUndoCommand> setRackSystem(SiteLayout& layout, const std::vector<std::uint32_t>& rackIds,
                                            const QString& systemType, float powerKw, float massKg, int nodes,
                                            QString* error) {
  std::vector<int> indices;
  if (!findRacks(layout, rackIds, indices, error)) return nullptr;
  for (int index : indices)
    if (layout.racks[static_cast<std::size_t>(index)].role != RackRole::Compute)
      return refuse(
          error, QStringLiteral("rack %1: not a compute rack").arg(layout.racks[static_cast<std::size_t>(index)].id));
  if (systemType.isEmpty()) return refuse(error, QStringLiteral("system type: empty"));
  if (!(powerKw >= 0) || !(massKg > 0) || !std::isfinite(powerKw) || !std::isfinite(massKg))
    return refuse(error, QStringLiteral("system %1: rack power and mass must be positive").arg(systemType));
  if (nodes < 1 || nodes > 255)
    return refuse(error, QStringLiteral("system %1: nodes per rack must be from 1 to 255").arg(systemType));
  const bool known = layout.systemTypes.contains(systemType);
  if (!known && layout.systemTypes.size() >= 255)
    return refuse(error, QStringLiteral("system type: at most 255 per layout"));
  std::vector<Rack> before;
  for (int index : indices) before.push_back(layout.racks[static_cast<std::size_t>(index)]);
  auto redo = [&layout, rackIds, systemType, powerKw, massKg, nodes] {
    if (!layout.systemTypes.contains(systemType)) layout.systemTypes.append(systemType);
    const auto system = static_cast<std::uint8_t>(layout.systemTypes.indexOf(systemType));
    for (std::uint32_t id : rackIds) {
      Rack& rack = layout.racks[static_cast<std::size_t>(rackIndex(layout, id))];
      rack.system = system;
      rack.powerKw = powerKw;
      rack.massKg = massKg;
      rack.units = static_cast<std::uint8_t>(nodes);
    }
  };
  auto undo = [&layout, before, known, systemType] {
    for (const Rack& rack : before) layout.racks[static_cast<std::size_t>(rackIndex(layout, rack.id))] = rack;
    if (!known) layout.systemTypes.removeAll(systemType);
  };
  return command(QStringLiteral("Set system of %1 racks to %2").arg(rackIds.size()).arg(systemType), redo, undo);
}

namespace {
/// Sets a one-byte mark of racks (their phase or tenant) to `value`, undoably.
std::unique_ptr<QUndoCommand> setRackMark(SiteLayout& layout, const std::vector<std::uint32_t>& rackIds,
                                          std::uint8_t Rack::*mark, int value, const QString& name, QString* error) {
  std::vector<int> indices;
  if (!findRacks(layout, rackIds, indices, error)) return nullptr;
  if (value < 0 || value > 255)
    return refuse(error, QStringLiteral("%1: %2 is not from 0 to 255").arg(name).arg(value));
  std::vector<std::uint8_t> before;
  for (int index : indices) before.push_back(layout.racks[static_cast<std::size_t>(index)].*mark);
  auto redo = [&layout, rackIds, mark, value] {
    for (std::uint32_t id : rackIds)
      layout.racks[static_cast<std::size_t>(rackIndex(layout, id))].*mark = static_cast<std::uint8_t>(value);
  };
  auto undo = [&layout, rackIds, mark, before] {
    for (std::size_t i = 0; i < rackIds.size(); ++i)
      layout.racks[static_cast<std::size_t>(rackIndex(layout, rackIds[i]))].*mark = before[i];
  };
  return command(QStringLiteral("Set %1 of %2 racks to %3").arg(name).arg(rackIds.size()).arg(value), redo, undo);
}
}  // namespace

std::unique_ptr<QUndoCommand> setRackPhase(SiteLayout& layout, const std::vector<std::uint32_t>& rackIds, int phase,
                                           QString* error) {
  return setRackMark(layout, rackIds, &Rack::phase, phase, QStringLiteral("phase"), error);
}

std::unique_ptr<QUndoCommand> setRackTenant(SiteLayout& layout, const std::vector<std::uint32_t>& rackIds, int tenant,
                                            QString* error) {
  return setRackMark(layout, rackIds, &Rack::tenant, tenant, QStringLiteral("tenant"), error);
}

}  // namespace gigaplan::LayoutCommands
