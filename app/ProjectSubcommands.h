// gigaplan-cli subcommands on project files: new, edit, phases, report, and evaluate of a project;
// InspectSubcommands.cpp holds info and racks.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

#include "layout/LayoutEvaluation.h"
#include "plan/Project.h"

namespace gigaplan::cli {

int runNew(const QStringList& arguments);
int runInfo(const QStringList& arguments);
int runEdit(const QStringList& arguments);
int runPhases(const QStringList& arguments);
/// Every rack of a project's floor with where it stands and what it holds: the ids, rows and
/// halls `edit` takes.
int runRacks(const QStringList& arguments);
int runFailures(const QStringList& arguments);
int runExport(const QStringList& arguments);
int runOptimize(const QStringList& arguments);
/// The PDF report of a project, preset or scenario file, and its CSV and JSON exports.
int runReport(const QStringList& arguments);

/// Opens a project file; prints the error and returns nothing when it cannot be opened.
std::optional<Project> openProject(const QString& path);
/// Applies --set path=value settings to a project as the desktop does: inputs a project takes no
/// value for are refused, and inputs that shape the floor lay it out anew.
/// With `notes`, what the inputs did to the floor is added there instead of printed.
bool applyProjectSettings(Project& project, const QStringList& settings, ScenarioErrors& errors,
                          QStringList* notes = nullptr);
/// The floor's own figures (racks, halls, cabling per tier, hall figures, findings) as JSON.
QJsonObject layoutJson(const SiteLayout& layout, const LayoutEvaluation& evaluation);

/// True when a report can draw the floor in 3D: a local X display is there (xvfb-run will do).
bool canDraw3d();
/// The project a command evaluates: a project file (with `settings` applied as `edit --set`
/// would, the floor re-laid where they shape it), or a preset or scenario file laid out on a new
/// floor as `new` lays it. Nothing, with `errors` (or a message already printed), when it fails.
std::optional<Project> projectOnFloor(const QString& source, const QStringList& settings, ScenarioErrors& errors);
/// `evaluate`: the project on its floor (phases and tenants included), with the floor's figures.
int evaluateSource(const QString& source, const QStringList& settings, const QString& format,
                   const QString& outputPath);

}  // namespace gigaplan::cli
