#pragma once

#include <QString>
#include <QUndoCommand>
#include <memory>

#include "engine/Scenario.h"

namespace gigaplan {

/// The edits a planner makes to a scenario's inputs, each an undoable command on a Scenario that
/// the caller keeps alive while the command lives (push them on a QUndoStack).
///
/// Each factory checks the edit first: it applies it to a copy and resolves the copy against the
/// bundled catalog, and returns nothing with `error` set to the first problem (naming the field)
/// when that fails, so a command on the stack always leaves a scenario that resolves. An edit that
/// would change nothing returns nothing with `error` cleared: there is nothing to undo.
namespace ScenarioCommands {

/// Sets one input or catalog choice (any path of Scenario::settablePaths()) from text as a user
/// types it, e.g. ("facility.pue", "1.2") or ("system.type", "gb200-nvl72"). Consecutive sets of the
/// same path merge into one undo step, so trying values one after another is undone at once.
std::unique_ptr<QUndoCommand> set(Scenario& scenario, const QString& path, const QString& text, QString* error);

/// Drops an explicit setting so the value falls back to the catalog or the documented default:
/// an input leaves Scenario::values, system.type and network.switch return to Scenario's defaults,
/// and an optics module returns to the catalog's default for its reach class.
std::unique_ptr<QUndoCommand> reset(Scenario& scenario, const QString& path, QString* error);

}  // namespace ScenarioCommands

}  // namespace gigaplan
