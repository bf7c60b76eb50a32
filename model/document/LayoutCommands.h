#pragma once

#include <QString>
#include <QUndoCommand>
#include <memory>
#include <vector>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// The edits a planner makes to a layout, each an undoable command on a SiteLayout that the
/// caller keeps alive while the command lives (push them on a QUndoStack).
///
/// Each factory checks the edit first: it returns nothing and sets `error` (naming the object)
/// when the edit is impossible, so a command on the stack always applies cleanly. Racks are
/// named by their stable ids, rows and halls by index.
namespace LayoutCommands {

/// A new empty hall in a building (rows come with addRow).
std::unique_ptr<QUndoCommand> addHall(SiteLayout& layout, const Hall& hall, QString* error);
/// Removes a hall with its rows and racks.
std::unique_ptr<QUndoCommand> removeHall(SiteLayout& layout, int hall, QString* error);
std::unique_ptr<QUndoCommand> moveHall(SiteLayout& layout, int hall, double dxM, double dyM, QString* error);
/// Locks a hall so that a floor laid out anew keeps it exactly as it is, or unlocks it.
std::unique_ptr<QUndoCommand> setHallLocked(SiteLayout& layout, int hall, bool locked, QString* error);
std::unique_ptr<QUndoCommand> moveRow(SiteLayout& layout, int row, double xM, double yM, QString* error);
/// Clears the list of hand edits that re-lays could not keep, once the planner has read it.
std::unique_ptr<QUndoCommand> dismissDroppedEdits(SiteLayout& layout, QString* error);
/// A new empty row of `slotCount` slots in a hall, placed relative to the hall.
std::unique_ptr<QUndoCommand> addRow(SiteLayout& layout, int hall, double xM, double yM, int slotCount, QString* error);
/// Removes a row and every rack in it.
std::unique_ptr<QUndoCommand> removeRow(SiteLayout& layout, int row, QString* error);
/// A new empty row of the hall template's slots at the back of a hall (LayoutPlacement::nextRowPlace).
std::unique_ptr<QUndoCommand> insertRow(SiteLayout& layout, int hall, QString* error);
/// A new rack in a free slot; its id is the layout's next.
std::unique_ptr<QUndoCommand> addRack(SiteLayout& layout, const Rack& rack, QString* error);
/// A compute rack like the layout's first in the row's first free slot (LayoutPlacement).
std::unique_ptr<QUndoCommand> insertRack(SiteLayout& layout, int row, QString* error);
std::unique_ptr<QUndoCommand> removeRacks(SiteLayout& layout, const std::vector<std::uint32_t>& rackIds,
                                          QString* error);
std::unique_ptr<QUndoCommand> moveRack(SiteLayout& layout, std::uint32_t rackId, int row, int slot, QString* error);
/// Changes compute racks to another system type (a catalog id, added to the layout's list),
/// with that system's full-rack power, mass and nodes.
std::unique_ptr<QUndoCommand> setRackSystem(SiteLayout& layout, const std::vector<std::uint32_t>& rackIds,
                                            const QString& systemType, float powerKw, float massKg, int nodes,
                                            QString* error);
std::unique_ptr<QUndoCommand> setRackPhase(SiteLayout& layout, const std::vector<std::uint32_t>& rackIds, int phase,
                                           QString* error);
/// Marks racks as a tenant's: 0 = no tenant, else 1 + its index in Project::tenants.
std::unique_ptr<QUndoCommand> setRackTenant(SiteLayout& layout, const std::vector<std::uint32_t>& rackIds, int tenant,
                                            QString* error);

/// Replaces the whole layout (a regenerated floor) with `replacement`.
std::unique_ptr<QUndoCommand> replaceLayout(SiteLayout& layout, SiteLayout replacement, const QString& text);

/// Index into layout.racks of a rack id, or -1.
int rackIndex(const SiteLayout& layout, std::uint32_t rackId);

}  // namespace LayoutCommands

}  // namespace gigaplan
