#include "ProjectEvaluation.h"

#include "Evaluator.h"
#include "LayoutGenerator.h"

namespace gigaplan {

namespace {
/// The tenants on the plan, their site-wide figures written into the site's; a tenant problem
/// is the result's error, the rest of the figures stand.
void evaluateTenants(const Project& project, ProjectResult& result) {
  if (project.tenants.empty() || !result.plan) return;
  ScenarioErrors errors;
  result.tenants = TenantPlan::evaluate(project, *result.plan, errors);
  if (!result.tenants) {
    if (result.error.isEmpty()) result.error = errors.value(0).text();
    return;
  }
  result.tenants->applyTo(result.evaluation.outputs);
  result.tenants->applyTo(result.plan->phases.back().site);
}
}  // namespace

ProjectResult evaluateProject(const Project& project) {
  ProjectResult result;
  ScenarioErrors errors;
  result.resolved = project.scenario.resolve(HardwareCatalog::bundled(), errors);
  if (!result.resolved) {
    result.error = errors.value(0).text();
    return result;
  }
  if (project.phases.empty()) {
    // One build: the scenario on its floor; a fabric the switch cannot build is reported with
    // the figures, as ever. The phase view of it follows when it evaluates.
    result.evaluation = LayoutEvaluation::evaluate(result.resolved->values, project.layout,
                                                   LayoutEvaluation::reachLimits(project.scenario, HardwareCatalog::bundled()));
    if (const auto problem = fabricProblem(result.resolved->values, result.evaluation.outputs))
      result.error = problem->text();
    ScenarioErrors planErrors;
    result.plan = PhasePlan::evaluate(project, planErrors);
    evaluateTenants(project, result);
    return result;
  }
  result.plan = PhasePlan::evaluate(project, errors);
  if (!result.plan) {
    result.error = errors.value(0).text();
    return result;
  }
  result.evaluation.outputs = result.plan->phases.back().site;
  result.evaluation.metrics = LayoutMetrics::measure(project.layout);
  result.evaluation.cabling.reachLimitM = LayoutEvaluation::reachLimits(project.scenario, HardwareCatalog::bundled());
  evaluateTenants(project, result);
  return result;
}

std::optional<SiteLayout> layOutProject(const Project& project, const HallTemplate& hallTemplate,
                                        ScenarioErrors& errors) {
  auto layout = project.phases.empty() ? layOut(project.scenario, hallTemplate, errors)
                                       : PhasePlan::layOut(project, hallTemplate, errors);
  if (layout && !project.tenants.empty()) {
    ScenarioErrors planErrors;
    if (const auto plan = PhasePlan::evaluate(project, planErrors)) TenantPlan::assignRacks(project, *plan, *layout);
  }
  return layout;
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

std::optional<RackOfSystem> rackOfSystem(const Scenario& scenario, const QString& systemType, ScenarioErrors& errors) {
  Scenario other = scenario;
  other.systemType = systemType;
  const auto resolved = other.resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) return std::nullopt;
  const OutputValues outputs = evaluate(resolved->values);
  return RackOfSystem{static_cast<float>(valueOf(outputs, OutputId::powerComputeRackKw)),
                      static_cast<float>(valueOf(resolved->values, InputId::systemRackMassKg))};
}

}  // namespace gigaplan
