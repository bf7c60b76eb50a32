#include "resilience/ProjectFailures.h"

#include "engine/HardwareCatalog.h"

namespace gigaplan {

std::optional<FailureModelInputs> ProjectFailures::modelInputs(const Project& project, const ProjectResult& result,
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
  // The utility feeds are the site's, as the last phase leaves it.
  in.siteInputs = plan.groupInputs.empty() ? result.evaluation.inputs : plan.groupInputs.back();
  return in;
}

std::optional<ProjectFailures> ProjectFailures::analyze(const Project& project, const ProjectResult& result,
                                                        QString* error) {
  const auto inputs = modelInputs(project, result, error);
  if (!inputs) return std::nullopt;
  ProjectFailures failures;
  failures.domains = FailureDomains::analyze(*inputs);
  failures.expected = AvailabilityEstimate::of(failures.domains);
  const OutputValues& site = result.evaluation.outputs;
  failures.ettr = valueOf(site, OutputId::reliabilityEttr);
  const double nodes = valueOf(site, OutputId::clusterNodes);
  const double gpusPerNode = nodes > 0 ? valueOf(site, OutputId::clusterGpus) / nodes : 0.0;
  failures.job = JobGoodput::of(failures.domains, failures.ettr,
                                valueOf(inputs->siteInputs, InputId::reliabilityRestartMinutes) / 60.0,
                                valueOf(site, OutputId::reliabilityCheckpointIntervalMinutes) / 120.0,
                                valueOf(site, OutputId::reliabilityHotSpareNodes) * gpusPerNode);
  failures.tenantNames << QStringLiteral("no tenant");
  for (const Tenant& tenant : project.tenants) failures.tenantNames << tenant.name;
  return failures;
}

QStringList ProjectFailures::tenantsHit(const Component& component) const {
  QStringList names;
  for (int t = 0; t < tenantNames.size(); ++t)
    if (component.tenantsHit.test(static_cast<std::size_t>(t))) names << tenantNames[t];
  return names;
}

}  // namespace gigaplan
