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

/// The longest project name and description a project takes: a name fits a title bar and the
/// report's title, a description the report's title page.
constexpr int kMaxNameChars = 200;
constexpr int kMaxDescriptionChars = 2000;

/// Every problem of a project name and description, each naming its field ("name",
/// "description"): a name is one line, not empty, and at most kMaxNameChars long (both are
/// checked as trimmed); a description at most kMaxDescriptionChars long. Empty when both are fine.
ScenarioErrors checkProperties(const QString& name, const QString& description);

/// Sets the project's name and description (the scenario's) in one undo step, both trimmed.
/// Refused with `error` naming the field when checkProperties finds a problem.
std::unique_ptr<QUndoCommand> setProperties(Scenario& scenario, const QString& name, const QString& description,
                                            QString* error);

}  // namespace ScenarioCommands

}  // namespace gigaplan
