#pragma once

#include <QDate>
#include <QJsonArray>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

#include "engine/OutputSchema.h"
#include "engine/Scenario.h"
#include "plan/Project.h"

namespace gigaplan {

/// The figures of one phase of a build-out.
struct PhaseResult {
  QString name;
  double gpusAdded = 0.0;    ///< the GPUs it adds, as its figures count them (on the floor)
  double gpusPlanned = 0.0;  ///< the GPUs its systems buy, as planned
  OutputValues site{};       ///< the whole site once this phase is built, at this phase's inputs
  OutputValues added{};      ///< what this phase adds, at its prices; its schedule outputs are the phase's own
  QDate start;               ///< the phase's build starts
  QDate firstRack;           ///< its first rack is on the floor
  QDate training;            ///< all its GPUs train
};

/// The GPUs of one system type that one phase buys: a fabric of its own, in buildings of its own.
struct PhaseGroup {
  std::size_t phase = 0;
  QString systemType;
  double gpus = 0.0;
};

/// A build-out evaluated phase by phase.
///
/// Each phase buys groups of systems, one per system type (PhaseGroup). What a group buys is
/// fixed when it is bought: it keeps the inputs as of its own phase (hardware, fabric, optics,
/// prices, facility plant), while the operating inputs (electricity price, utilization, staff,
/// reliability, schedule, site power; `isOperatingInput`) follow the phase the site is seen at.
///
/// The site after phase k holds every group bought up to k. The groups are evaluated apart and
/// combined: extensive figures (MW, $, racks, switches, links, interruptions per day, ...) add
/// up; PUE and $ per MW weigh by IT MW, $ per GPU-hour by GPU-hours, the fabric's shape (planes,
/// tiers, link speed) is the largest group's, the site's power is the site's, everything else
/// (per-GPU and per-job figures) weighs by GPUs. A phase adds its own groups, so its capex is
/// what it buys at its prices. Its schedule: racks added / racks per day + bring-up, after the
/// site-ready days from its start.
///
/// A project without phases is one phase: the scenario's systems, starting today.
struct PhasePlan {
  std::vector<PhaseResult> phases;
  std::vector<PhaseGroup> groups;          ///< in phase order; the floor lays out one block per group
  std::vector<InputValues> groupInputs;    ///< each group's inputs once every phase is built
  std::vector<OutputValues> groupOutputs;  ///< each group's figures once every phase is built

  /// The figures of one group (an index into groups) with the inputs it is seen with: the
  /// engine's estimate, or the group as it stands on a floor (evaluateProject).
  using GroupEvaluator = std::function<OutputValues(std::size_t group, const InputValues& inputs)>;

  /// The plan with every group evaluated by `evaluateGroup`, or by the engine when it is empty.
  static std::optional<PhasePlan> evaluate(const Project& project, ScenarioErrors& errors,
                                           const GroupEvaluator& evaluateGroup = {});
  /// Sums of extensive figures, weighted means of the rest (see above), over groups of GPUs.
  static OutputValues combine(const std::vector<OutputValues>& groups);
  /// The phases a project runs: its own, or the one phase of its scenario.
  static std::vector<Phase> phasesOf(const Project& project, const ResolvedScenario& base);
  /// The groups the phases buy: one per phase and system type, in phase order.
  static std::vector<PhaseGroup> groupsOf(const std::vector<Phase>& phases);
  /// Inputs that follow the phase the site is seen at rather than the phase that bought the
  /// hardware: what it costs and how it runs, not what was built.
  static bool isOperatingInput(InputId id);
  /// The one scenario what-if analysis studies: the project's own, or for a phased project its
  /// largest group (by GPUs) once every phase is built.
  static Scenario studiedScenario(const Project& project);
  /// Every group of a phased project once every phase is built, largest (by GPUs) first; the
  /// project's own scenario when it has no phases. What a site-wide what-if moves.
  static std::vector<Scenario> siteScenarios(const Project& project);
  /// The scenario a group is evaluated with when the site is seen at phase `at` (at >= its phase).
  static Scenario groupScenario(const Project& project, const PhaseGroup& group, std::size_t at);

  /// The floor of a phased project: each group laid out in buildings of its own, east of the
  /// buildings of the groups before, its racks marked with its phase.
  static std::optional<SiteLayout> layOut(const Project& project, const HallTemplate& hallTemplate,
                                          ScenarioErrors& errors);

  /// A rack records its phase in one byte; project files and scenario documents keep this limit.
  static constexpr int kMaxPhases = 255;
  /// A phase's name, as long as a tenant's.
  static constexpr int kMaxNameChars = 200;

  /// Every problem of a list of phases, named like "phases[1].start": names, dates in order,
  /// known systems, GPU counts, inputs in range (and not cluster.gpus).
  static ScenarioErrors check(const std::vector<Phase>& phases);

  /// Phases in a scenario document ("phases": [{"name", "start", "systems": [{"type", "gpus"}],
  /// "set": {"input.path": value}}]); errors name the phase and field.
  static std::optional<std::vector<Phase>> fromJson(const QJsonValue& json, ScenarioErrors& errors);
  static QJsonArray toJson(const std::vector<Phase>& phases);
};

}  // namespace gigaplan
