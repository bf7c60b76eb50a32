#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <limits>
#include <optional>
#include <vector>

#include "engine/OutputSchema.h"
#include "plan/Project.h"

namespace gigaplan {

/// One dimension of the design space: a path `Scenario::set` takes (an input such as
/// "network.oversubscriptionTier1", or a catalog choice: "system.type", "network.switch") and the
/// values it may take, in order.
struct DesignVariable {
  /// What the path sets: the base scenario's input or catalog choice, or a phase's start date,
  /// the system type or GPUs of one of its systems, or an input from that phase on.
  enum class Target { Scenario, PhaseStart, PhaseSystemType, PhaseSystemGpus, PhaseInput, Hall };
  /// "network.planes", "phases[2].start", "phases[3].systems[1].type", "phases[2].site.gridMw", or
  /// the halls the floor is laid out in: "hall.rowsPerHall", "hall.slotsPerRow", "hall.powerLimitMw",
  /// "hall.coolingLimitMw", "hall.hallsPerBuilding" (judged on the finalists' floors only).
  QString path;
  std::vector<QJsonValue> values;
  std::optional<InputId> input;  ///< the input, for a numeric variable of the base scenario
  Target target = Target::Scenario;
  int phase = -1;   ///< from 0, for a phase's variable
  int system = -1;  ///< from 0, for a phase's system
  std::optional<InputId> phaseInput;
  /// Whether the batched engine can screen it (an input of the base scenario).
  bool batched() const { return target == Target::Scenario && input.has_value(); }
};

/// A figure to make as small (or, with `maximize`, as large) as possible.
struct Objective {
  OutputId output;
  bool maximize = false;
};

/// A figure that must stay within [min, max].
struct Constraint {
  OutputId output;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool everyPhase = false;  ///< held in the site after every phase, not only the last ("everyPhase": true)
};

/// What the planner asks of the optimizer (gigaplan-cli optimize SPEC), read from JSON:
///
///     { "base": "colossus-150k-h100",            preset id or scenario file (relative to the spec)
///       "objectives": [ {"minimize": "cost.tcoUsdPerYear"}, {"maximize": "network.bisectionPerGpuGbps"} ],
///       "constraints": [ {"output": "power.facilityMw", "max": 300} ],
///       "maxBrokenLimits": 0,                    limits of the floor a design may break (findings)
///       "reference": "colossus-to-1m",           a plan to beat (optional)
///       "space": [ {"path": "system.type", "values": ["hgx-h100", "gb200-nvl72"]},
///                  {"path": "phases[3].systems[1].type", "values": ["gb200-nvl72", "gb300-nvl72"]},
///                  {"path": "phases[2].start", "values": ["2025-01-01", "2025-06-01"]},
///                  {"path": "network.oversubscriptionTier1", "from": 1, "to": 3, "step": 0.5} ],
///       "seed": 1, "population": 64, "generations": 40, "finalists": 24 }
///
/// Every value is checked as `--set` checks it; errors name the field as "space[2].values[1]".
struct OptimizeSpec {
  Scenario base;
  std::vector<Phase> basePhases;  ///< the base plan's phases, when it has them
  std::vector<Tenant> baseTenants;
  HallTemplate baseHall;  ///< the halls designs are laid out in, unless the space varies them
  std::vector<DesignVariable> space;
  std::vector<Objective> objectives;
  std::vector<Constraint> constraints;
  int maxBrokenLimits = -1;  ///< -1: not a constraint
  /// A plan to beat (a preset id or scenario file, phases included), evaluated on its own floor:
  /// the front says which designs beat it, and a constraint may take its bound from it
  /// ({"output": "power.facilityMw", "max": "reference"}).
  QString reference;
  OutputValues referenceFigures{};
  quint64 seed = 1;
  int population = 64;   ///< designs per generation (even)
  int generations = 40;  ///< generations of the evolutionary search
  int finalists = 24;    ///< designs evaluated on their own floor at the end

  /// `base` stands in for a spec without one (the desktop's goal starts from the open plan).
  static std::optional<OptimizeSpec> fromJson(const QJsonObject& json, const QString& folder, ScenarioErrors& errors,
                                              const Project* base = nullptr);
  /// Reads a spec file; errors name the file on a parse failure.
  static std::optional<OptimizeSpec> load(const QString& path, ScenarioErrors& errors);

  /// The number of designs in the space.
  double spaceSize() const;
  /// Whether designs are phased plans: the base has phases (every design is then evaluated as
  /// a plan, phase by phase, not through the batched engine).
  bool phased() const { return !basePhases.empty(); }
  /// The base plan with the design's choices (an index into each variable's values): its
  /// scenario, phases and tenants, no floor yet.
  Project projectOf(const std::vector<int>& genes) const;
  Scenario scenarioOf(const std::vector<int>& genes) const { return projectOf(genes).scenario; }
  /// The base plan as a design, when each variable's values include the base's own value: the
  /// search starts from it, so the front never misses the plan it varies.
  std::optional<std::vector<int>> baseDesign() const;
};

}  // namespace gigaplan
