#include "plan/PhasePlan.h"

#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <cmath>

#include "engine/Evaluator.h"
#include "engine/HardwareCatalog.h"
#include "layout/LayoutGenerator.h"

namespace gigaplan {

namespace {

enum class Combine { Sum, ByGpus, ByItMw, ByGpuHours, Min, SiteWide, LargestGroup };

/// How an output of several system groups combines into one site figure: extensive quantities
/// add up; ratios weigh by what they are a ratio of; a fabric's shape is the largest group's.
Combine combineRule(OutputId id) {
  switch (id) {
    case OutputId::powerPue:
    case OutputId::costFacilityUsdPerMw:
    case OutputId::costTcoUsdPerItMwYear:
      return Combine::ByItMw;
    case OutputId::costUsdPerGpuHour:
      return Combine::ByGpuHours;
    case OutputId::costCapexPerGpuUsd:  // recomputed from the sums (recomputeRatios)
      return Combine::ByGpus;
    case OutputId::networkFeasible:
      return Combine::Min;
    case OutputId::networkPlanes:  // a configuration, not a quantity: the largest group's
    case OutputId::networkTiers:
    case OutputId::networkLinkGbps:
    case OutputId::networkUplinkGbps:
    case OutputId::networkCoreLinkGbps:
    case OutputId::networkEffectiveRadix:
    case OutputId::networkEndpointsPerPlane:
    case OutputId::networkMaxEndpointsPerPlane:
      return Combine::LargestGroup;
    case OutputId::scheduleRacksPerDay:  // the site's crews and deliveries install every group
    case OutputId::sitePeakPowerAvailableMw:
    case OutputId::sitePowerAvailableMw:  // the site's, the same in every group
    case OutputId::sitePowerMarginMw:     // recomputed from the combined facility power
      return Combine::SiteWide;
    default:
      break;
  }
  static const QSet<QString> extensive = {
      QStringLiteral("GPUs"),    QStringLiteral("nodes"),     QStringLiteral("domains"),   QStringLiteral("racks"),
      QStringLiteral("m2"),      QStringLiteral("switches"),  QStringLiteral("links"),     QStringLiteral("modules"),
      QStringLiteral("cables"),  QStringLiteral("km"),        QStringLiteral("MW"),        QStringLiteral("GWh"),
      QStringLiteral("MWh"),     QStringLiteral("MVA"),       QStringLiteral("units"),     QStringLiteral("L/s"),
      QStringLiteral("RT"),      QStringLiteral("m3"),        QStringLiteral("USD"),       QStringLiteral("USD/year"),
      QStringLiteral("per day"), QStringLiteral("Pb/s"),      QStringLiteral("endpoints"), QStringLiteral("PSUs"),
      QStringLiteral("pods"),    QStringLiteral("tCO2e/year")};
  return extensive.contains(QString::fromLatin1(outputSpec(id).unit)) ? Combine::Sum : Combine::ByGpus;
}

double weightOf(Combine rule, const OutputValues& group) {
  switch (rule) {
    case Combine::ByItMw:
      return valueOf(group, OutputId::powerItMw);
    case Combine::ByGpuHours: {
      const double perHour = valueOf(group, OutputId::costUsdPerGpuHour);
      return perHour > 0 ? valueOf(group, OutputId::costTcoUsdPerYear) / perHour : 0.0;
    }
    default:
      return valueOf(group, OutputId::clusterGpus);
  }
}

/// Figures that are ratios or rates of the whole, recomputed from the combined sums: capex per
/// GPU, the site's interruptions (planned ones count once, not once per group) and the mean time
/// between them, the schedule of all racks at the site's install rate, and the power margin.
/// `anyGroup` gives what every group shares (planned interruptions, site-ready and bring-up days).
void recomputeRatios(OutputValues& site, const OutputValues& anyGroup) {
  const auto at = [&site](OutputId id) -> double& { return valueOf(site, id); };
  const auto of = [&anyGroup](OutputId id) { return valueOf(anyGroup, id); };
  if (at(OutputId::clusterGpus) > 0)
    at(OutputId::costCapexPerGpuUsd) = at(OutputId::costCapexUsd) / at(OutputId::clusterGpus);
  if (at(OutputId::powerItMw) > 0) at(OutputId::powerPue) = at(OutputId::powerFacilityMw) / at(OutputId::powerItMw);
  const double plannedPerDay = of(OutputId::reliabilityInterruptionsPerDay) - of(OutputId::reliabilityUnexpectedPerDay);
  at(OutputId::reliabilityInterruptionsPerDay) = at(OutputId::reliabilityUnexpectedPerDay) + plannedPerDay;
  if (at(OutputId::reliabilityUnexpectedPerDay) > 0)
    at(OutputId::reliabilityMtbiHours) = 24.0 / at(OutputId::reliabilityUnexpectedPerDay);
  if (at(OutputId::reliabilityInterruptionsPerDay) > 0)
    at(OutputId::reliabilityMttiHours) = 24.0 / at(OutputId::reliabilityInterruptionsPerDay);
  const double bringUpDays = of(OutputId::scheduleFirstRackToTrainingDays) - of(OutputId::scheduleInstallDays);
  const double readyDays = of(OutputId::scheduleBuildDays) - of(OutputId::scheduleFirstRackToTrainingDays);
  if (at(OutputId::scheduleRacksPerDay) > 0)
    at(OutputId::scheduleInstallDays) = at(OutputId::clusterRacks) / at(OutputId::scheduleRacksPerDay);
  at(OutputId::scheduleFirstRackToTrainingDays) = at(OutputId::scheduleInstallDays) + bringUpDays;
  at(OutputId::scheduleBuildDays) = readyDays + at(OutputId::scheduleFirstRackToTrainingDays);
  at(OutputId::sitePowerMarginMw) = at(OutputId::sitePowerAvailableMw) - at(OutputId::powerFacilityMw);
  if (at(OutputId::powerFacilityMw) > 0)
    at(OutputId::siteComputeRacksSupported) = std::floor(
        at(OutputId::sitePowerAvailableMw) * at(OutputId::clusterComputeRacks) / at(OutputId::powerFacilityMw));
}

// Phases, and a phase's systems, are numbered from 1 in messages, as the workspace numbers them.
QString phaseField(std::size_t phase, const QString& field) {
  return QStringLiteral("phases[%1].%2").arg(phase + 1).arg(field);
}

}  // namespace

OutputValues PhasePlan::combine(const std::vector<OutputValues>& groups) {
  OutputValues site{};
  if (groups.empty()) return site;
  if (groups.size() == 1) return groups.front();
  for (std::size_t o = 0; o < kOutputCount; ++o) {
    const auto id = static_cast<OutputId>(o);
    const Combine rule = combineRule(id);
    double sum = 0, weights = 0, least = std::numeric_limits<double>::infinity(), largestGpus = -1;
    for (const OutputValues& group : groups) {
      const double value = group[o];
      if (rule == Combine::LargestGroup) {
        if (valueOf(group, OutputId::clusterGpus) > largestGpus) {
          largestGpus = valueOf(group, OutputId::clusterGpus);
          sum = value;
        }
      } else if (rule == Combine::Sum) {
        sum += value;
      } else if (rule == Combine::SiteWide) {
        sum = value;
      } else if (rule == Combine::Min) {
        least = std::min(least, value);
      } else {
        const double weight = weightOf(rule, group);
        sum += weight * value;
        weights += weight;
      }
    }
    site[o] = rule == Combine::Sum || rule == Combine::SiteWide || rule == Combine::LargestGroup ? sum
              : rule == Combine::Min ? (groups.empty() ? 0.0 : least)
                                     : (weights > 0 ? sum / weights : 0.0);
  }
  recomputeRatios(site, groups.front());
  return site;
}

std::vector<Phase> PhasePlan::phasesOf(const Project& project, const ResolvedScenario& base) {
  if (!project.phases.empty()) return project.phases;
  Phase only;
  only.name = project.scenario.name.isEmpty() ? QStringLiteral("Build") : project.scenario.name;
  only.start = QDate::currentDate();
  only.systems.push_back({project.scenario.systemType, valueOf(base.values, InputId::clusterGpus)});
  return {only};
}

std::vector<PhaseGroup> PhasePlan::groupsOf(const std::vector<Phase>& phases) {
  std::vector<PhaseGroup> groups;
  for (std::size_t k = 0; k < phases.size(); ++k) {
    const std::size_t first = groups.size();
    for (const PhaseSystems& systems : phases[k].systems) {
      const auto same = std::find_if(groups.begin() + static_cast<std::ptrdiff_t>(first), groups.end(),
                                     [&](const PhaseGroup& g) { return g.systemType == systems.systemType; });
      if (same != groups.end())
        same->gpus += systems.gpus;
      else
        groups.push_back({k, systems.systemType, systems.gpus});
    }
  }
  return groups;
}

bool PhasePlan::isOperatingInput(InputId id) {
  switch (id) {
    case InputId::costElectricityUsdPerKwh:
    case InputId::costUtilization:
    case InputId::costStaffPerMw:
    case InputId::costStaffUsdPerYear:
    case InputId::powerAverageLoadFraction:
    case InputId::powerTrainingSwingFraction:
    case InputId::networkAllReduceSizeGB:
      return true;
    default: {
      const QLatin1StringView path(inputSpec(id).path);
      return path.startsWith(QLatin1StringView("reliability.")) || path.startsWith(QLatin1StringView("schedule.")) ||
             path.startsWith(QLatin1StringView("site."));
    }
  }
}

Scenario PhasePlan::groupScenario(const Project& project, const PhaseGroup& group, std::size_t at) {
  Scenario scenario = project.scenario;
  for (std::size_t p = 0; p <= std::max(at, group.phase) && p < project.phases.size(); ++p)
    for (auto it = project.phases[p].inputs.begin(); it != project.phases[p].inputs.end(); ++it)
      if (p <= group.phase || isOperatingInput(it.key())) scenario.values.insert(it.key(), it.value());
  scenario.systemType = group.systemType;
  scenario.values.insert(InputId::clusterGpus, group.gpus);
  return scenario;
}

Scenario PhasePlan::studiedScenario(const Project& project) {
  const std::vector<PhaseGroup> groups = groupsOf(project.phases);
  const auto largest = std::max_element(groups.begin(), groups.end(),
                                        [](const PhaseGroup& a, const PhaseGroup& b) { return a.gpus < b.gpus; });
  if (largest == groups.end()) return project.scenario;
  Scenario studied = groupScenario(project, *largest, project.phases.size() - 1);
  studied.name = QStringLiteral("%1: %2 GPUs of %3 (%4)")
                     .arg(project.scenario.name)
                     .arg(largest->gpus)
                     .arg(largest->systemType, project.phases[largest->phase].name);
  return studied;
}

std::vector<Scenario> PhasePlan::siteScenarios(const Project& project) {
  std::vector<PhaseGroup> groups = groupsOf(project.phases);
  if (groups.empty()) return {project.scenario};
  std::stable_sort(groups.begin(), groups.end(),
                   [](const PhaseGroup& a, const PhaseGroup& b) { return a.gpus > b.gpus; });
  std::vector<Scenario> scenarios;
  for (const PhaseGroup& group : groups) scenarios.push_back(groupScenario(project, group, project.phases.size() - 1));
  return scenarios;
}

std::optional<PhasePlan> PhasePlan::evaluate(const Project& project, ScenarioErrors& errors,
                                             const GroupEvaluator& evaluateGroup) {
  const auto base = project.scenario.resolve(HardwareCatalog::bundled(), errors);
  if (!base) return std::nullopt;
  Project planned = project;
  planned.phases = phasesOf(project, *base);
  if (const ScenarioErrors problems = check(planned.phases); !problems.isEmpty()) {
    errors.append(problems);
    return std::nullopt;
  }
  PhasePlan plan;
  plan.groups = groupsOf(planned.phases);

  for (std::size_t k = 0; k < planned.phases.size(); ++k) {
    const Phase& phase = planned.phases[k];
    // Every group bought so far, seen at phase k; the site before k is the same without k's own.
    std::vector<OutputValues> before, after;
    for (std::size_t g = 0; g < plan.groups.size(); ++g) {
      const PhaseGroup& group = plan.groups[g];
      if (group.phase > k) break;
      ScenarioErrors groupErrors;
      const auto resolved = groupScenario(planned, group, k).resolve(HardwareCatalog::bundled(), groupErrors);
      if (!resolved) {
        for (const ScenarioError& e : groupErrors)
          errors.append({phaseField(group.phase, e.field), QStringLiteral("%1 (%2)").arg(e.message, group.systemType)});
        return std::nullopt;
      }
      const OutputValues outputs =
          evaluateGroup ? evaluateGroup(g, resolved->values) : gigaplan::evaluate(resolved->values);
      if (const auto problem = fabricProblem(resolved->values, outputs)) {
        errors.append({phaseField(group.phase, problem->field),
                       QStringLiteral("%1 (%2)").arg(problem->message, group.systemType)});
        return std::nullopt;
      }
      after.push_back(outputs);
      if (group.phase < k) before.push_back(outputs);
      if (k + 1 == planned.phases.size()) {
        plan.groupInputs.push_back(resolved->values);
        plan.groupOutputs.push_back(outputs);
      }
    }
    PhaseResult result;
    result.name = phase.name;
    result.start = phase.start;
    result.site = combine(after);
    const OutputValues previous = combine(before);
    // What a phase adds: the extensive figures' differences. A ratio of the site is not the
    // phase's, so the added ratios are left out (NaN), but for PUE and capex per GPU of what it adds.
    for (std::size_t o = 0; o < kOutputCount; ++o)
      result.added[o] = combineRule(static_cast<OutputId>(o)) == Combine::Sum
                            ? result.site[o] - previous[o]
                            : std::numeric_limits<double>::quiet_NaN();
    // The GPUs it adds are those its groups hold (on the floor, when evaluated there); what it
    // buys is the plan's.
    for (const PhaseSystems& systems : phase.systems) result.gpusPlanned += systems.gpus;
    result.gpusAdded = valueOf(result.added, OutputId::clusterGpus);
    const auto added = [&result](OutputId id) { return valueOf(result.added, id); };
    valueOf(result.added, OutputId::powerPue) = added(OutputId::powerItMw) > 0
                                                    ? added(OutputId::powerFacilityMw) / added(OutputId::powerItMw)
                                                    : std::numeric_limits<double>::quiet_NaN();
    valueOf(result.added, OutputId::costCapexPerGpuUsd) = result.gpusAdded > 0
                                                              ? added(OutputId::costCapexUsd) / result.gpusAdded
                                                              : std::numeric_limits<double>::quiet_NaN();
    valueOf(result.added, OutputId::scheduleRacksPerDay) = valueOf(result.site, OutputId::scheduleRacksPerDay);

    // The phase's own schedule: its racks at the install rate its inputs give.
    const double racksPerDay = valueOf(result.site, OutputId::scheduleRacksPerDay);
    const double installDays = racksPerDay > 0 ? valueOf(result.added, OutputId::clusterRacks) / racksPerDay : 0.0;
    const Scenario inputsAtPhase = groupScenario(planned, PhaseGroup{k, project.scenario.systemType, 1.0}, k);
    const InputSpec& ready = inputSpec(InputId::scheduleSiteReadyDays);
    const InputSpec& bringUp = inputSpec(InputId::scheduleBringUpDays);
    const double readyDays = inputsAtPhase.values.value(InputId::scheduleSiteReadyDays, ready.defaultValue);
    const double bringUpDays = inputsAtPhase.values.value(InputId::scheduleBringUpDays, bringUp.defaultValue);
    valueOf(result.added, OutputId::scheduleInstallDays) = installDays;
    valueOf(result.added, OutputId::scheduleFirstRackToTrainingDays) = installDays + bringUpDays;
    valueOf(result.added, OutputId::scheduleBuildDays) = readyDays + installDays + bringUpDays;
    result.firstRack = phase.start.addDays(static_cast<qint64>(std::ceil(readyDays)));
    result.training = phase.start.addDays(static_cast<qint64>(std::ceil(readyDays + installDays + bringUpDays)));
    plan.phases.push_back(result);
  }
  return plan;
}

std::optional<SiteLayout> PhasePlan::layOut(const Project& project, const HallTemplate& hallTemplate,
                                            ScenarioErrors& errors) {
  SiteLayout site;
  site.hallTemplate = hallTemplate;
  double eastM = 0.0;  // where the next group's buildings start
  const std::vector<PhaseGroup> groups = groupsOf(project.phases);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const PhaseGroup& group = groups[g];
    // The floor is built once, with what each group was bought with.
    ScenarioErrors blockErrors;
    const auto resolved = groupScenario(project, group, group.phase).resolve(HardwareCatalog::bundled(), blockErrors);
    const OutputValues outputs = resolved ? gigaplan::evaluate(resolved->values) : OutputValues{};
    if (resolved)
      if (const auto problem = fabricProblem(resolved->values, outputs)) blockErrors.append(*problem);
    QString error;
    const auto block = blockErrors.isEmpty() ? LayoutGenerator::generate(resolved->values, outputs, group.systemType,
                                                                         hallTemplate, &error)
                                             : std::nullopt;
    if (!block) {
      if (blockErrors.isEmpty()) blockErrors.append({QStringLiteral("layout"), error});
      for (const ScenarioError& e : blockErrors)
        errors.append({phaseField(group.phase, e.field), QStringLiteral("%1 (%2)").arg(e.message, group.systemType)});
      return std::nullopt;
    }
    // Buildings are named by phase, plus a letter when a phase buys several groups: P2-B1, P3b-B4.
    const bool several =
        (g > 0 && groups[g - 1].phase == group.phase) || (g + 1 < groups.size() && groups[g + 1].phase == group.phase);
    std::size_t letter = 0;
    while (letter < g && groups[g - letter - 1].phase == group.phase) ++letter;
    const QString prefix =
        QStringLiteral("P%1%2-")
            .arg(group.phase + 1)
            .arg(several ? QString(QChar(static_cast<char16_t>(u'a' + std::min<std::size_t>(letter, 25)))) : QString());
    // Append the block: its buildings moved east of the site so far, indices and ids renumbered.
    const int buildings = static_cast<int>(site.buildings.size());
    const int halls = static_cast<int>(site.halls.size());
    const int rows = static_cast<int>(site.rows.size());
    double blockEastM = eastM;
    for (Building building : block->buildings) {
      building.xM += eastM;
      building.name = prefix + building.name;
      blockEastM = std::max(blockEastM, building.xM + building.widthM);
      site.buildings.push_back(building);
    }
    for (Hall hall : block->halls) {
      hall.building += buildings;
      hall.xM += eastM;
      hall.name = prefix + hall.name;
      site.halls.push_back(hall);
    }
    for (Row row : block->rows) {
      row.hall += halls;
      site.rows.push_back(row);
    }
    for (Rack rack : block->racks) {
      rack.row += rows;
      rack.phase = static_cast<std::uint8_t>(std::min<std::size_t>(group.phase, 255));
      if (rack.role == RackRole::Compute) {
        const QString type = block->systemTypes.value(rack.system);
        if (!site.systemTypes.contains(type)) site.systemTypes.append(type);
        rack.system = static_cast<std::uint8_t>(site.systemTypes.indexOf(type));
      }
      rack.id = site.nextRackId++;
      site.racks.push_back(rack);
    }
    eastM = blockEastM + hallTemplate.buildingGapM;
  }
  return site;
}

ScenarioErrors PhasePlan::check(const std::vector<Phase>& phases) {
  ScenarioErrors errors;
  if (phases.size() > static_cast<std::size_t>(kMaxPhases))
    errors.append(
        {QStringLiteral("phases"), QStringLiteral("at most %1 phases, not %2").arg(kMaxPhases).arg(phases.size())});
  for (std::size_t at = 0; at < phases.size(); ++at) {
    const Phase& phase = phases[at];
    if (phase.name.trimmed().isEmpty())
      errors.append({phaseField(at, QStringLiteral("name")), QStringLiteral("missing")});
    else if (phase.name.size() > kMaxNameChars)
      errors.append(
          {phaseField(at, QStringLiteral("name")), QStringLiteral("at most %1 characters").arg(kMaxNameChars)});
    if (!phase.start.isValid())
      errors.append({phaseField(at, QStringLiteral("start")), QStringLiteral("must be a date like 2026-03-01")});
    else if (at > 0 && phases[at - 1].start.isValid() && phase.start < phases[at - 1].start)
      errors.append({phaseField(at, QStringLiteral("start")), QStringLiteral("is before the previous phase's")});
    for (std::size_t s = 0; s < phase.systems.size(); ++s) {
      const PhaseSystems& added = phase.systems[s];
      const QString field = phaseField(at, QStringLiteral("systems[%1]").arg(s + 1));
      if (!HardwareCatalog::bundled().system(added.systemType))
        errors.append({field + QStringLiteral(".type"), QStringLiteral("unknown system '%1'").arg(added.systemType)});
      if (!(added.gpus >= 1) || added.gpus > 1e7)
        errors.append({field + QStringLiteral(".gpus"), QStringLiteral("must be from 1 to 10,000,000")});
    }
    for (auto it = phase.inputs.begin(); it != phase.inputs.end(); ++it) {
      const InputSpec& spec = inputSpec(it.key());
      const QString field = phaseField(at, QStringLiteral("set.") + QString::fromLatin1(spec.path));
      if (it.key() == InputId::clusterGpus)
        errors.append({field, QStringLiteral("a phase adds GPUs through its systems, not by setting cluster.gpus")});
      else if (!std::isfinite(it.value()) || it.value() < spec.minimum || it.value() > spec.maximum)
        errors.append({field, QStringLiteral("must be a number from %1 to %2 %3")
                                  .arg(spec.minimum)
                                  .arg(spec.maximum)
                                  .arg(QString::fromLatin1(spec.unit))});
    }
  }
  return errors;
}

std::optional<std::vector<Phase>> PhasePlan::fromJson(const QJsonValue& json, ScenarioErrors& errors) {
  std::vector<Phase> phases;
  if (json.isUndefined()) return phases;
  if (!json.isArray()) {
    errors.append({QStringLiteral("phases"), QStringLiteral("must be a list of phases")});
    return std::nullopt;
  }
  const QJsonArray list = json.toArray();
  const int errorsBefore = errors.size();
  for (qsizetype i = 0; i < list.size(); ++i) {
    const QJsonObject object = list[i].toObject();
    Phase phase;
    phase.name = object.value(QStringLiteral("name")).toString();
    phase.start = QDate::fromString(object.value(QStringLiteral("start")).toString(), Qt::ISODate);
    const QJsonArray systems = object.value(QStringLiteral("systems")).toArray();
    for (const QJsonValue& system : systems)
      phase.systems.push_back({system.toObject().value(QStringLiteral("type")).toString(),
                               system.toObject().value(QStringLiteral("gpus")).toDouble()});
    const QJsonObject set = object.value(QStringLiteral("set")).toObject();
    for (auto it = set.begin(); it != set.end(); ++it) {
      const auto id = findInput(it.key());
      if (!id) {
        errors.append({phaseField(static_cast<std::size_t>(i), QStringLiteral("set.") + it.key()),
                       QStringLiteral("unknown input")});
        continue;
      }
      phase.inputs.insert(*id, it.value().toDouble(std::numeric_limits<double>::quiet_NaN()));
    }
    phases.push_back(phase);
  }
  errors.append(check(phases));
  if (errors.size() > errorsBefore) return std::nullopt;
  return phases;
}

QJsonArray PhasePlan::toJson(const std::vector<Phase>& phases) {
  QJsonArray list;
  for (const Phase& phase : phases) {
    QJsonArray systems;
    for (const PhaseSystems& s : phase.systems)
      systems.append(QJsonObject{{QStringLiteral("type"), s.systemType}, {QStringLiteral("gpus"), s.gpus}});
    QJsonObject set;
    for (auto it = phase.inputs.begin(); it != phase.inputs.end(); ++it)
      set.insert(QString::fromLatin1(inputSpec(it.key()).path), it.value());
    QJsonObject object{{QStringLiteral("name"), phase.name},
                       {QStringLiteral("start"), phase.start.toString(Qt::ISODate)},
                       {QStringLiteral("systems"), systems}};
    if (!set.isEmpty()) object.insert(QStringLiteral("set"), set);
    list.append(object);
  }
  return list;
}

}  // namespace gigaplan
