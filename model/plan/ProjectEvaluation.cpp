#include "plan/ProjectEvaluation.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "engine/Evaluator.h"
#include "layout/HandEdits.h"
#include "layout/LayoutGenerator.h"

namespace gigaplan {

namespace {

/// The floor of one system group and where its racks are on the site's floor.
struct GroupFloor {
  SiteLayout layout;
  std::vector<int> siteRack;  ///< index into the site's racks of each of the group's racks
};

/// The group of each (phase, system type index) pair the plan has.
std::map<std::pair<int, int>, std::size_t> groupsByPhaseAndSystem(const SiteLayout& layout,
                                                                  const std::vector<PhaseGroup>& phaseGroups) {
  std::map<std::pair<int, int>, std::size_t> groupOf;
  for (std::size_t g = 0; g < phaseGroups.size(); ++g) {
    const auto type = static_cast<int>(layout.systemTypes.indexOf(phaseGroups[g].systemType));
    if (type >= 0) groupOf[{static_cast<int>(std::min<std::size_t>(phaseGroups[g].phase, 255)), type}] = g;
  }
  return groupOf;
}

int buildingOfRack(const SiteLayout& layout, const Rack& rack) {
  return layout.halls[static_cast<std::size_t>(layout.rows[static_cast<std::size_t>(rack.row)].hall)].building;
}

/// The floor of each system group: every building goes to the group most of its compute racks
/// belong to (groupsOfBuildings), with its halls, rows and racks.
std::vector<GroupFloor> floorsOfGroups(const SiteLayout& layout, const std::vector<PhaseGroup>& phaseGroups) {
  const std::size_t groups = phaseGroups.size();
  // One group has the whole floor, whatever stands on it.
  if (groups == 1) {
    GroupFloor whole{layout, std::vector<int>(layout.racks.size())};
    for (std::size_t i = 0; i < layout.racks.size(); ++i) whole.siteRack[i] = static_cast<int>(i);
    return {whole};
  }
  const std::vector<int> groupOfBuilding = groupsOfBuildings(layout, phaseGroups);
  const auto buildingOf = [&layout](const Rack& rack) { return buildingOfRack(layout, rack); };

  std::vector<GroupFloor> floors(groups);
  std::vector<int> newBuilding(layout.buildings.size(), -1), newHall(layout.halls.size(), -1),
      newRow(layout.rows.size(), -1);
  for (GroupFloor& floor : floors) {
    floor.layout.hallTemplate = layout.hallTemplate;
    floor.layout.systemTypes = layout.systemTypes;
  }
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    if (groupOfBuilding[b] < 0) continue;
    SiteLayout& floor = floors[static_cast<std::size_t>(groupOfBuilding[b])].layout;
    newBuilding[b] = static_cast<int>(floor.buildings.size());
    floor.buildings.push_back(layout.buildings[b]);
  }
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    const auto b = static_cast<std::size_t>(layout.halls[h].building);
    if (newBuilding[b] < 0) continue;
    SiteLayout& floor = floors[static_cast<std::size_t>(groupOfBuilding[b])].layout;
    Hall hall = layout.halls[h];
    hall.building = newBuilding[b];
    newHall[h] = static_cast<int>(floor.halls.size());
    floor.halls.push_back(hall);
  }
  for (std::size_t r = 0; r < layout.rows.size(); ++r) {
    const auto h = static_cast<std::size_t>(layout.rows[r].hall);
    if (newHall[h] < 0) continue;
    SiteLayout& floor =
        floors[static_cast<std::size_t>(groupOfBuilding[static_cast<std::size_t>(layout.halls[h].building)])].layout;
    Row row = layout.rows[r];
    row.hall = newHall[h];
    newRow[r] = static_cast<int>(floor.rows.size());
    floor.rows.push_back(row);
  }
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    const auto r = static_cast<std::size_t>(rack.row);
    if (newRow[r] < 0) continue;
    GroupFloor& floor = floors[static_cast<std::size_t>(groupOfBuilding[static_cast<std::size_t>(buildingOf(rack))])];
    Rack copy = rack;
    copy.row = newRow[r];
    floor.layout.racks.push_back(copy);
    floor.siteRack.push_back(static_cast<int>(i));
  }
  return floors;
}

/// Each group of the plan evaluated as it stands on its own buildings of the floor
/// (LayoutEvaluation), the engine's estimate for a group with nothing on the floor. The last
/// evaluation of each group (the site after the last phase) is kept for its cabling.
class FloorGroups {
 public:
  FloorGroups(const Project& project, const std::vector<PhaseGroup>& groups, const std::array<double, 5>& reachLimitM)
      : floors_(floorsOfGroups(project.layout, groups)), reachLimitM_(reachLimitM), measured_(groups.size()) {}

  OutputValues operator()(std::size_t group, const InputValues& inputs) {
    Measured& last = measured_[group];
    if (last.valid && last.inputs == inputs) return last.evaluation.outputs;
    last.valid = true;
    last.inputs = inputs;
    last.onFloor = !floors_[group].layout.racks.empty();
    if (last.onFloor)
      last.evaluation = LayoutEvaluation::evaluate(inputs, floors_[group].layout, reachLimitM_);
    else
      last.evaluation.outputs = gigaplan::evaluate(inputs);
    return last.evaluation.outputs;
  }

  /// The last evaluation of a group.
  const LayoutEvaluation& evaluation(std::size_t group) const { return measured_[group].evaluation; }

  /// The site's cabling: every group's links on the floor, tier by tier, with their findings.
  FabricCabling cabling() const {
    FabricCabling sum;
    sum.reachLimitM = reachLimitM_;
    for (const Measured& group : measured_) {
      if (!group.onFloor) continue;
      for (std::size_t t = 0; t < sum.tiers.size(); ++t) {
        TierCabling& total = sum.tiers[t];
        const TierCabling& part = group.evaluation.cabling.tiers[t];
        total.links += part.links;
        total.totalLengthM += part.totalLengthM;
        total.longestM = std::max(total.longestM, part.longestM);
        total.beyondReach += part.beyondReach;
        total.beyondLengthM += part.beyondLengthM;
        for (std::size_t c = 0; c < total.linksByReach.size(); ++c) {
          total.linksByReach[c] += part.linksByReach[c];
          total.lengthByReachM[c] += part.lengthByReachM[c];
        }
      }
      const auto& findings = group.evaluation.cabling.findings;
      sum.findings.insert(sum.findings.end(), findings.begin(), findings.end());
    }
    return sum;
  }

 private:
  struct Measured {
    bool valid = false;
    bool onFloor = false;
    InputValues inputs{};
    LayoutEvaluation evaluation;
  };
  std::vector<GroupFloor> floors_;
  std::array<double, 5> reachLimitM_;
  std::vector<Measured> measured_;
};

/// The tenants on the plan, their site-wide figures written into the site's. A tenant problem
/// is kept apart: the rest of the figures stand and every view keeps working.
/// The floor's failure domains and availability, and their figures in the site's outputs.
void analyzeFailures(const Project& project, ProjectResult& result) {
  const auto inputs = failureModelInputs(project, result, nullptr);
  if (!inputs) return;
  auto failures = std::make_shared<SiteFailures>();
  failures->domains = FailureDomains::analyze(*inputs);
  failures->expected = AvailabilityEstimate::of(failures->domains);
  const OutputValues& site = result.evaluation.outputs;
  failures->ettr = valueOf(site, OutputId::reliabilityEttr);
  const double nodes = valueOf(site, OutputId::clusterNodes);
  const double gpusPerNode = nodes > 0 ? valueOf(site, OutputId::clusterGpus) / nodes : 0.0;
  // A failure costs the job a restart and half a checkpoint interval of work, or its repair when
  // it takes down more GPUs than the hot spares replace.
  failures->job = JobGoodput::of(failures->domains, failures->ettr,
                                 valueOf(inputs->siteInputs, InputId::reliabilityRestartMinutes) / 60.0,
                                 valueOf(site, OutputId::reliabilityCheckpointIntervalMinutes) / 120.0,
                                 valueOf(site, OutputId::reliabilityHotSpareNodes) * gpusPerNode);
  failures->tenantNames << QStringLiteral("no tenant");
  for (const Tenant& tenant : project.tenants) failures->tenantNames << tenant.name;
  failures->applyTo(result.evaluation.outputs);
  if (result.plan) failures->applyTo(result.plan->phases.back().site);
  result.failures = std::move(failures);
}

void evaluateTenants(const Project& project, ProjectResult& result) {
  if (project.tenants.empty() || !result.plan) return;
  ScenarioErrors errors;
  // The floor may hold fewer GPUs than the contracts (racks removed by hand): a finding, not a failure.
  result.tenants = TenantPlan::evaluate(project, *result.plan, errors, false);
  if (!result.tenants) {
    result.tenantError = errors.value(0).text();
    return;
  }
  result.tenants->applyTo(result.evaluation.outputs);
  result.tenants->applyTo(result.plan->phases.back().site);
}
}  // namespace

std::vector<int> groupsOfBuildings(const SiteLayout& layout, const std::vector<PhaseGroup>& phaseGroups) {
  const std::size_t groups = phaseGroups.size();
  if (groups == 1) return std::vector<int>(layout.buildings.size(), 0);
  const auto groupOf = groupsByPhaseAndSystem(layout, phaseGroups);
  std::vector<std::vector<int>> votes(layout.buildings.size(), std::vector<int>(groups, 0));
  for (const Rack& rack : layout.racks) {
    const auto group = groupOf.find({rack.phase, rack.system});
    if (rack.role == RackRole::Compute && group != groupOf.end())
      ++votes[static_cast<std::size_t>(buildingOfRack(layout, rack))][group->second];
  }
  std::vector<int> groupOfBuilding(layout.buildings.size(), -1);
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    const auto most = std::max_element(votes[b].begin(), votes[b].end());
    if (most != votes[b].end() && *most > 0) groupOfBuilding[b] = static_cast<int>(most - votes[b].begin());
  }
  return groupOfBuilding;
}

ProjectResult evaluateProject(const Project& project) {
  ProjectResult result;
  ScenarioErrors errors;
  result.resolved = project.scenario.resolve(HardwareCatalog::bundled(), errors);
  if (!result.resolved) {
    result.error = errors.value(0).text();
    return result;
  }
  // One evaluation: the plan evaluates every group as it stands on the floor, after every phase,
  // and the site's figures are those of the site after the last phase.
  const auto reachLimitM = LayoutEvaluation::reachLimits(project.scenario, HardwareCatalog::bundled());
  const std::vector<PhaseGroup> groups = PhasePlan::groupsOf(PhasePlan::phasesOf(project, *result.resolved));
  FloorGroups onFloor(project, groups, reachLimitM);
  if (project.phases.empty()) {
    // One build: a fabric the switch cannot build is reported with the figures, as ever.
    result.evaluation.outputs = onFloor(0, result.resolved->values);
    if (const auto problem = fabricProblem(result.resolved->values, result.evaluation.outputs))
      result.error = problem->text();
    ScenarioErrors planErrors;
    result.plan = PhasePlan::evaluate(project, planErrors, std::ref(onFloor));
    if (result.plan) result.evaluation.outputs = result.plan->phases.back().site;
    // The whole floor is the one group's: its halls carry their electrical rooms' figures.
    result.evaluation.metrics = onFloor.evaluation(0).metrics;
  } else {
    result.plan = PhasePlan::evaluate(project, errors, std::ref(onFloor));
    if (!result.plan) {
      result.error = errors.value(0).text();
      return result;
    }
    result.evaluation.outputs = result.plan->phases.back().site;
    result.evaluation.metrics = LayoutMetrics::measure(project.layout);
  }
  result.evaluation.inputs = result.resolved->values;
  result.evaluation.cabling = onFloor.cabling();
  evaluateTenants(project, result);
  analyzeFailures(project, result);
  return result;
}

std::optional<FailureModelInputs> failureModelInputs(const Project& project, const ProjectResult& result,
                                                     QString* error) {
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return std::optional<FailureModelInputs>();
  };
  if (!result.plan) return fail(result.error.isEmpty() ? QStringLiteral("the project has no figures") : result.error);
  if (project.layout.racks.empty()) return fail(QStringLiteral("the project has no floor"));
  const PhasePlan& plan = *result.plan;
  FailureModelInputs in;
  in.layout = &project.layout;
  // Each group of systems is a fabric of its own in buildings of its own.
  in.fabricOfBuilding = groupsOfBuildings(project.layout, plan.groups);
  for (std::size_t g = 0; g < plan.groups.size(); ++g) {
    const InputValues& inputs = plan.groupInputs[g];
    const OutputValues& outputs = plan.groupOutputs[g];
    in.fabricInputs.push_back(inputs);
    in.fabricPlanes.push_back(valueOf(outputs, OutputId::networkPlanes));
    in.fabricTiers.push_back(valueOf(outputs, OutputId::networkTiers));
    in.fabricPue.push_back(valueOf(outputs, OutputId::powerPue));
    const double itMw = valueOf(outputs, OutputId::powerItMw);
    in.fabricLiquidShare.push_back(itMw > 0 ? std::min(1.0, valueOf(outputs, OutputId::coolingLiquidHeatMw) / itMw)
                                            : 0.0);
    const CatalogEntry* system = HardwareCatalog::bundled().system(plan.groups[g].systemType);
    const QString systemName = system ? system->name : plan.groups[g].systemType;
    in.fabricNames.push_back(
        plan.groups.size() == 1
            ? QStringLiteral("Fabric of %1").arg(systemName)
            : QStringLiteral("Fabric of %1 (phase %2)").arg(systemName).arg(plan.groups[g].phase + 1));
  }
  in.systemTypes = project.layout.systemTypes;
  for (const QString& type : project.layout.systemTypes) {
    double gpus = 0.0;
    for (std::size_t g = 0; g < plan.groups.size() && gpus == 0.0; ++g)
      if (plan.groups[g].systemType == type) gpus = valueOf(plan.groupInputs[g], InputId::systemGpusPerNode);
    if (gpus == 0.0)
      if (const CatalogEntry* system = HardwareCatalog::bundled().system(type))
        gpus = system->values.value(InputId::systemGpusPerNode).value;
    in.gpusPerNode.push_back(gpus);
  }
  // A tenant isolated on a plane of its own has a fabric of its own: its planes and switches
  // fail apart from the operator's. It is built as the group of the system it rents (or the first).
  in.fabricOfTenant.assign(project.tenants.size() + 1, -1);
  for (std::size_t t = 0; t < project.tenants.size(); ++t) {
    const Tenant& tenant = project.tenants[t];
    if (tenant.isolation != TenantIsolation::OwnPlane) continue;
    std::size_t like = 0;
    for (std::size_t g = 0; g < plan.groups.size(); ++g)
      if (plan.groups[g].systemType == tenant.systemType) like = g;
    in.fabricOfTenant[t + 1] = static_cast<int>(in.fabricInputs.size());
    in.fabricInputs.push_back(in.fabricInputs[like]);
    in.fabricPlanes.push_back(in.fabricPlanes[like]);
    in.fabricTiers.push_back(in.fabricTiers[like]);
    in.fabricPue.push_back(in.fabricPue[like]);
    in.fabricLiquidShare.push_back(in.fabricLiquidShare[like]);
    in.fabricNames.push_back(QStringLiteral("Fabric of %1 (its own plane)").arg(tenant.name));
  }
  // The utility feeds are the site's, as the last phase leaves it.
  in.siteInputs = plan.groupInputs.empty() ? result.evaluation.inputs : plan.groupInputs.back();
  return in;
}

StrayRacks racksCountedWithAnotherGroup(const SiteLayout& layout, const std::vector<PhaseGroup>& groups) {
  StrayRacks stray;
  if (groups.empty()) return stray;
  const std::vector<int> groupOfBuilding = groupsOfBuildings(layout, groups);
  const auto groupOf = groupsByPhaseAndSystem(layout, groups);
  for (const Rack& rack : layout.racks) {
    if (rack.role != RackRole::Compute) continue;
    const int counted = groupOfBuilding[static_cast<std::size_t>(buildingOfRack(layout, rack))];
    const auto own = groupOf.find({rack.phase, rack.system});
    if (counted < 0 || (own != groupOf.end() && own->second == static_cast<std::size_t>(counted))) continue;
    if (++stray.count > 1) continue;
    const PhaseGroup& group = groups[static_cast<std::size_t>(counted)];
    stray.example = QStringLiteral("rack %1, %2 in phase %3, counted as %4 of phase %5")
                        .arg(rack.id)
                        .arg(layout.systemTypes.value(rack.system))
                        .arg(rack.phase + 1)
                        .arg(group.systemType)
                        .arg(group.phase + 1);
  }
  return stray;
}

namespace {
/// Marks made by hand for tenants marked by hand, carried from the old floor to a new one: a rack
/// in the same slot of the same row (counted within its hall) of a hall of the same name.
void carryHandMarks(const Project& project, SiteLayout& layout) {
  using Slot = std::tuple<QString, int, int>;
  const auto slotsOf = [](const SiteLayout& floor) {
    std::vector<int> rowInHall(floor.rows.size(), 0);
    std::map<int, int> rowsSoFar;
    for (std::size_t r = 0; r < floor.rows.size(); ++r) rowInHall[r] = rowsSoFar[floor.rows[r].hall]++;
    return [&floor, rowInHall](const Rack& rack) {
      const auto r = static_cast<std::size_t>(rack.row);
      return Slot{floor.halls[static_cast<std::size_t>(floor.rows[r].hall)].name, rowInHall[r], rack.slot};
    };
  };
  std::map<Slot, std::uint8_t> marks;
  const auto oldSlot = slotsOf(project.layout);
  for (const Rack& rack : project.layout.racks)
    if (rack.tenant > 0 && rack.tenant <= project.tenants.size() && project.tenants[rack.tenant - 1u].byHand())
      marks[oldSlot(rack)] = rack.tenant;
  if (marks.empty()) return;
  const auto newSlot = slotsOf(layout);
  for (Rack& rack : layout.racks)
    if (const auto mark = marks.find(newSlot(rack)); mark != marks.end()) rack.tenant = mark->second;
}
}  // namespace

std::optional<SiteLayout> layOutProject(const Project& project, const HallTemplate& hallTemplate,
                                        ScenarioErrors& errors) {
  auto layout = project.phases.empty() ? layOut(project.scenario, hallTemplate, errors)
                                       : PhasePlan::layOut(project, hallTemplate, errors);
  if (layout && !project.tenants.empty()) {
    carryHandMarks(project, *layout);
    ScenarioErrors planErrors;
    if (const auto plan = PhasePlan::evaluate(project, planErrors)) TenantPlan::assignRacks(project, *plan, *layout);
  }
  return layout;
}

std::optional<Project> variantProject(const Project& project, const Variant& variant, ScenarioErrors& errors) {
  Project other = project;
  other.scenario = variant.scenario;
  other.phases = variant.phases;
  other.tenants = variant.tenants;
  auto own = layOutProject(other, project.layout.hallTemplate, errors);
  if (!own) return std::nullopt;
  ScenarioErrors planErrors;
  const auto plans = layOutProject(project, project.layout.hallTemplate, planErrors);
  if (!plans || !(*plans == *own)) other.layout = std::move(*own);
  TenantPlan::carryMarks(project.tenants, other.tenants, false, other.layout);
  return other;
}

QString inputRefusedByProject(const Project& project, const QString& path) {
  if (project.phases.empty()) return {};
  if (path == QLatin1String(inputSpec(InputId::clusterGpus).path))
    return QStringLiteral("cluster.gpus: a phased project's GPUs are those its phases add (edit the phases)");
  if (path == QLatin1String(Scenario::kSystemTypePath))
    return QStringLiteral("%1: a phased project's systems are those its phases add (edit the phases)").arg(path);
  // An input the first phase sets is never read from the base scenario: setting it there would change nothing.
  const Phase& first = project.phases.front();
  for (auto it = first.inputs.begin(); it != first.inputs.end(); ++it)
    if (path == QLatin1String(inputSpec(it.key()).path))
      return QStringLiteral("%1: the first phase (%2) sets it, so the base value is never used (edit the phases)")
          .arg(path, first.name);
  return {};
}

namespace {
RelaidFloor withHandEdits(const Project& project, const SiteLayout& generated, SiteLayout fresh) {
  const HandEdits edits = HandEdits::between(generated, project.layout);
  RelaidFloor relaid;
  relaid.handEdits = edits.count();
  relaid.notKept = edits.applyTo(fresh);
  HandEdits::keepLockedHalls(project.layout, fresh);
  // Edits dropped by earlier re-lays stay listed until the planner dismisses them.
  fresh.droppedEdits = project.layout.droppedEdits;
  for (const QString& edit : relaid.notKept)
    if (!fresh.droppedEdits.contains(edit)) fresh.droppedEdits.append(edit);
  if (fresh.droppedEdits.size() > kMaxDroppedEdits)
    fresh.droppedEdits.remove(0, fresh.droppedEdits.size() - kMaxDroppedEdits);
  relaid.layout = std::move(fresh);
  return relaid;
}
}  // namespace

std::optional<RelaidFloor> relayFloor(const Project& project, const Project& planned, ScenarioErrors& errors) {
  auto fresh = layOutProject(planned, project.layout.hallTemplate, errors);
  if (!fresh) return std::nullopt;
  // The floor the project's own inputs lay out: what the planner's edits are edits of.
  ScenarioErrors ownErrors;
  const auto generated = layOutProject(project, project.layout.hallTemplate, ownErrors);
  if (!generated) return RelaidFloor{std::move(*fresh), 0, {}};
  return withHandEdits(project, *generated, std::move(*fresh));
}

std::optional<RelaidFloor> regeneratedFloor(const Project& project, ScenarioErrors& errors) {
  auto fresh = layOutProject(project, project.layout.hallTemplate, errors);
  if (!fresh) return std::nullopt;
  RelaidFloor relaid;
  // The edits replaced are those outside the locked halls, which stay as they are.
  QStringList locked;
  for (const Hall& hall : project.layout.halls)
    if (hall.locked) locked << hall.name;
  relaid.handEdits = HandEdits::between(*fresh, project.layout).countOutside(locked);
  HandEdits::keepLockedHalls(project.layout, *fresh);
  relaid.layout = std::move(*fresh);
  return relaid;
}

std::optional<RelaidFloor> floorForScenarioEdit(const Project& project, const Scenario& edited) {
  Project planned = project;
  planned.scenario = edited;
  ScenarioErrors errors;
  const auto generated = layOutProject(project, project.layout.hallTemplate, errors);
  auto fresh = layOutProject(planned, project.layout.hallTemplate, errors);
  if (!generated || !fresh || *generated == *fresh) return std::nullopt;
  return withHandEdits(project, *generated, std::move(*fresh));
}

std::optional<SiteLayout> layOut(const Scenario& scenario, const HallTemplate& hallTemplate, ScenarioErrors& errors) {
  const auto resolved = scenario.resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) return std::nullopt;
  const OutputValues outputs = evaluate(resolved->values);
  if (const auto problem = fabricProblem(resolved->values, outputs)) {
    errors.append(*problem);
    return std::nullopt;
  }
  QString error;
  auto layout = LayoutGenerator::generate(resolved->values, outputs, scenario.systemType, hallTemplate, &error);
  if (!layout) errors.append({QStringLiteral("layout"), error});
  return layout;
}

std::vector<float> longestLinkPerRack(const Project& project, const ProjectResult& result) {
  if (project.phases.empty() || !result.plan)
    return FabricCabling::longestLinkPerRack(project.layout, result.evaluation.outputs);
  std::vector<float> longest(project.layout.racks.size(), 0.0f);
  const std::vector<GroupFloor> floors = floorsOfGroups(project.layout, result.plan->groups);
  for (std::size_t g = 0; g < floors.size(); ++g) {
    if (floors[g].layout.racks.empty()) continue;
    const std::vector<float> group = FabricCabling::longestLinkPerRack(floors[g].layout, result.plan->groupOutputs[g]);
    for (std::size_t i = 0; i < group.size(); ++i) longest[static_cast<std::size_t>(floors[g].siteRack[i])] = group[i];
  }
  return longest;
}

std::vector<RackLink> linksOfRack(const Project& project, const ProjectResult& result, int rack) {
  if (project.phases.empty() || !result.plan)
    return FabricCabling::linksOfRack(project.layout, result.evaluation.outputs, rack);
  const std::vector<GroupFloor> floors = floorsOfGroups(project.layout, result.plan->groups);
  for (std::size_t g = 0; g < floors.size(); ++g) {
    const auto at = std::find(floors[g].siteRack.begin(), floors[g].siteRack.end(), rack);
    if (at == floors[g].siteRack.end()) continue;
    std::vector<RackLink> links = FabricCabling::linksOfRack(floors[g].layout, result.plan->groupOutputs[g],
                                                             static_cast<int>(at - floors[g].siteRack.begin()));
    for (RackLink& link : links) link.rack = floors[g].siteRack[static_cast<std::size_t>(link.rack)];
    return links;
  }
  return {};
}

std::vector<GroupLinks> fabricLinks(const Project& project, const ProjectResult& result) {
  std::vector<GroupLinks> all;
  if (!result.plan) return all;
  const std::vector<GroupFloor> floors = floorsOfGroups(project.layout, result.plan->groups);
  for (std::size_t g = 0; g < floors.size(); ++g) {
    GroupLinks links{g, FabricCabling::rackPairs(floors[g].layout, result.plan->groupOutputs[g])};
    for (RackPairLinks& pair : links.pairs) {
      pair.a = floors[g].siteRack[static_cast<std::size_t>(pair.a)];
      pair.b = floors[g].siteRack[static_cast<std::size_t>(pair.b)];
    }
    all.push_back(std::move(links));
  }
  return all;
}

std::optional<RackOfSystem> rackOfSystem(const Scenario& scenario, const QString& systemType, ScenarioErrors& errors) {
  Scenario other = scenario;
  other.systemType = systemType;
  const auto resolved = other.resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) return std::nullopt;
  const OutputValues outputs = evaluate(resolved->values);
  return RackOfSystem{static_cast<float>(valueOf(outputs, OutputId::powerComputeRackKw)),
                      static_cast<float>(valueOf(resolved->values, InputId::systemRackMassKg)),
                      static_cast<int>(valueOf(resolved->values, InputId::systemNodesPerRack))};
}

}  // namespace gigaplan
