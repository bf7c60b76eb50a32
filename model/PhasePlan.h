#pragma once

#include <QDate>
#include <QJsonArray>
#include <QString>
#include <optional>
#include <vector>

#include "OutputSchema.h"
#include "Project.h"
#include "Scenario.h"

namespace gigaplan {

/// The figures of one phase of a build-out.
struct PhaseResult {
  QString name;
  double gpusAdded = 0.0;
  OutputValues site{};   ///< the whole site once this phase is built, at this phase's inputs
  OutputValues added{};  ///< what this phase adds, at its prices; its schedule outputs are the phase's own
  QDate start;           ///< the phase's build starts
  QDate firstRack;       ///< its first rack is on the floor
  QDate training;        ///< all its GPUs train
};

/// A build-out evaluated phase by phase.
///
/// The site after phase k holds every system added up to k, evaluated with the base scenario's
/// inputs as changed by phases 1..k (later phases win). Each system type is one group with its
/// own fabric: the groups are evaluated apart and combined: extensive figures (MW, $, racks,
/// switches, links, interruptions per day, ...) add up; PUE and $ per MW weigh by IT MW, $ per
/// GPU-hour by GPU-hours, the fabric's shape (planes, tiers, link speed) is the largest group's,
/// the site's power is the site's, everything else (per-GPU and per-job figures) weighs by GPUs. A phase adds the
/// difference between the site after it and the site before it, both at its own inputs, so its
/// capex is what it buys at its prices. Its schedule: racks added / racks per day + bring-up,
/// after the site-ready days from its start.
///
/// A project without phases is one phase: the scenario's systems, starting today.
struct PhasePlan {
  std::vector<PhaseResult> phases;

  static std::optional<PhasePlan> evaluate(const Project& project, ScenarioErrors& errors);
  /// Sums of extensive figures, weighted means of the rest (see above), over groups of GPUs.
  static OutputValues combine(const std::vector<OutputValues>& groups);
  /// The phases a project runs: its own, or the one phase of its scenario.
  static std::vector<Phase> phasesOf(const Project& project, const ResolvedScenario& base);
  /// The one scenario what-if analysis studies: the project's own, or for a phased project its
  /// largest system group (by GPUs) once every phase is built.
  static Scenario studiedScenario(const Project& project);
  /// The scenario one system group is evaluated with at a phase.
  static Scenario groupScenario(const Project& project, std::size_t phase, const QString& systemType, double gpus);

  /// The floor of a phased project: each phase's systems laid out in buildings of their own,
  /// east of the buildings of the phases before, their racks marked with the phase.
  static std::optional<SiteLayout> layOut(const Project& project, const HallTemplate& hallTemplate,
                                          ScenarioErrors& errors);

  /// Every problem of a list of phases, named like "phases[1].start": names, dates in order,
  /// known systems, GPU counts, inputs in range (and not cluster.gpus).
  static ScenarioErrors check(const std::vector<Phase>& phases);

  /// Phases in a scenario document ("phases": [{"name", "start", "systems": [{"type", "gpus"}],
  /// "set": {"input.path": value}}]); errors name the phase and field.
  static std::optional<std::vector<Phase>> fromJson(const QJsonValue& json, ScenarioErrors& errors);
  static QJsonArray toJson(const std::vector<Phase>& phases);
};

}  // namespace gigaplan
