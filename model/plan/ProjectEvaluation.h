#pragma once

#include <QString>
#include <cstdint>
#include <memory>
#include <optional>

#include "engine/Scenario.h"
#include "layout/LayoutEvaluation.h"
#include "plan/PhasePlan.h"
#include "plan/Project.h"
#include "plan/TenantPlan.h"
#include "resilience/SiteAvailability.h"

namespace gigaplan {

/// A scenario and its floor evaluated together: what every view of the workspace shows.
struct ProjectResult {
  std::optional<ResolvedScenario> resolved;  ///< empty when the scenario does not resolve
  LayoutEvaluation evaluation;
  std::optional<PhasePlan> plan;      ///< phase by phase; the figures above are the last phase's site
  std::optional<TenantPlan> tenants;  ///< per tenant once every phase is built; empty without tenants
  /// What fails on the floor and what goes down with it, once every phase is built; empty without
  /// a floor. Its figures (availability.*, the power and cooling units) are in the site's outputs.
  std::shared_ptr<const SiteFailures> failures;
  QString tenantError;           ///< why the tenants do not fit the plan (the other figures stand), empty otherwise
  QString error;                 ///< why there are no figures (a field and its problem), empty otherwise
  std::uint64_t revision = 0;    ///< the document revision these figures belong to
  std::uint64_t generation = 0;  ///< the project (of those opened in a document) they belong to
};

/// Resolves the scenario and evaluates it on the project's floor with the bundled catalog. A
/// phased project's figures are those of its site after the last phase (PhasePlan), each system
/// group measured on its own buildings of the floor (media, cable lengths, areas), with the
/// floor's findings; the plan's phases are measured the same way, each on the floor as built
/// by then.
ProjectResult evaluateProject(const Project& project);

/// The group each building is counted with: the one most of its compute racks belong to (a
/// rack's group is its phase and system type); -1 for a building without such racks. With one
/// group, every building is its.
std::vector<int> groupsOfBuildings(const SiteLayout& layout, const std::vector<PhaseGroup>& phaseGroups);

/// The floor as the failure analysis sees it: each group of systems a fabric with its own
/// inputs and figures, the utility feeds with the last group's inputs. Nothing, with `error`,
/// when the project has no figures or no floor.
std::optional<FailureModelInputs> failureModelInputs(const Project& project, const ProjectResult& result,
                                                     QString* error);

/// Compute racks that the figures count with another system group than their own phase and system
/// (racks set by hand to another system or phase in a building of another group: the group a
/// building is measured with is the one most of its racks belong to).
struct StrayRacks {
  int count = 0;
  QString example;  ///< the first, in words
};
StrayRacks racksCountedWithAnotherGroup(const SiteLayout& layout, const std::vector<PhaseGroup>& groups);

/// Per rack of the project's floor (by index), its longest fabric link in metres, and one rack's
/// links: for a phased project each system group is routed on its own buildings with its own
/// fabric (FabricCabling's rule), as the figures measure it.
std::vector<float> longestLinkPerRack(const Project& project, const ProjectResult& result);
std::vector<RackLink> linksOfRack(const Project& project, const ProjectResult& result, int rack);

/// The fabric links of one group of systems (an index into the plan's groups), rack pair by rack
/// pair with the racks' indices on the project's floor: the links its figures count
/// (FabricCabling::rackPairs on the group's own buildings).
struct GroupLinks {
  std::size_t group = 0;
  std::vector<RackPairLinks> pairs;
};
/// Every group's links; empty when the project has no figures. A group without racks on the floor
/// has none.
std::vector<GroupLinks> fabricLinks(const Project& project, const ProjectResult& result);

/// A new floor for the project: its phases' systems (PhasePlan::layOut), or its scenario's, with
/// the racks of each tenant marked (TenantPlan::assignRacks).
std::optional<SiteLayout> layOutProject(const Project& project, const HallTemplate& hallTemplate,
                                        ScenarioErrors& errors);

/// A variant as a project of its own, evaluated as the plan is: its scenario, phases and tenants
/// on its floor. That floor is the project's own when the variant lays out the same floor as the
/// project's inputs do (a copy of the plan keeps the plan's hand edits), else one laid out for
/// it; tenants marked by hand keep the racks marked for tenants of their names. Nothing, with
/// `errors` naming the field, when the variant cannot be laid out.
std::optional<Project> variantProject(const Project& project, const Variant& variant, ScenarioErrors& errors);

/// Why the project takes no value for an input, or empty when it does: a phased project's GPUs
/// and systems come from its phases, and an input its first phase sets is never read from the
/// base scenario. The message starts with the input's path.
QString inputRefusedByProject(const Project& project, const QString& path);

/// A floor laid out anew, with the planner's hand edits of the floor it replaces carried over.
struct RelaidFloor {
  SiteLayout layout;
  int handEdits = 0;    ///< edits of the old floor (moved, removed, added, marked)
  QStringList notKept;  ///< those that no longer apply, in words
};

/// The floor for `planned` (the project with other inputs, phases or tenants): laid out anew, and
/// the hand edits of the project's floor (its differences from the floor its own inputs lay out)
/// applied to it where they still apply. Nothing, with `errors`, when it cannot be laid out.
std::optional<RelaidFloor> relayFloor(const Project& project, const Project& planned, ScenarioErrors& errors);

/// The floor an input edit calls for: when the edited scenario lays out another floor than the
/// current scenario does (an input that shapes the floor: GPUs, systems, fabric, power, ...), that
/// floor with the hand edits carried over; nothing when the floor stays as it is, or when either
/// cannot be laid out.
std::optional<RelaidFloor> floorForScenarioEdit(const Project& project, const Scenario& edited);

/// The floor laid out anew from the project's inputs, on the planner's request (Regenerate
/// Layout): hand edits are replaced (`handEdits` counts them), locked halls stay as they are.
std::optional<RelaidFloor> regeneratedFloor(const Project& project, ScenarioErrors& errors);

/// Lays a scenario out on a new floor. Returns nothing and fills `errors` (naming the field)
/// when the scenario does not resolve, its fabric cannot be built or no hall holds a rack.
std::optional<SiteLayout> layOut(const Scenario& scenario, const HallTemplate& hallTemplate, ScenarioErrors& errors);

/// A full rack of another system in the scenario: its power at full load (kW), its mass (kg) and nodes,
/// for turning compute racks into that system. Nothing, with `errors` naming the field, when
/// the scenario with that system does not resolve.
struct RackOfSystem {
  float powerKw = 0.0f;
  float massKg = 0.0f;
  int nodes = 1;  ///< nodes a full rack holds
};
std::optional<RackOfSystem> rackOfSystem(const Scenario& scenario, const QString& systemType, ScenarioErrors& errors);

}  // namespace gigaplan
