#include "layout/LayoutEvaluation.h"

#include "engine/Evaluator.h"
#include "engine/PlanningModel.h"

namespace gigaplan {

std::vector<LayoutFinding> LayoutEvaluation::findings() const {
  std::vector<LayoutFinding> all = metrics.findings;
  all.insert(all.end(), cabling.findings.begin(), cabling.findings.end());
  return all;
}

LayoutEvaluation LayoutEvaluation::evaluate(const InputValues& inputs, const SiteLayout& layout,
                                            const std::array<double, 5>& reachLimitM) {
  LayoutEvaluation result;
  result.outputs = gigaplan::evaluate(inputs);
  result.cabling = FabricCabling::route(layout, result.outputs, reachLimitM);
  result.cabling.applyTo(inputs, result.outputs);
  result.metrics = LayoutMetrics::measure(layout);
  valueOf(result.outputs, OutputId::clusterWhiteSpaceM2) = result.metrics.hallFloorM2;
  valueOf(result.outputs, OutputId::clusterSiteAreaM2) = result.metrics.siteAreaM2;
  // Media power and cost, and the site area, feed power, cooling, facility and cost again.
  ModelFrame<double> frame{inputs, result.outputs};
  estimateFromBuildOut(frame);

  // Each hall's electrical room carries its hall's share of the facility load.
  const double pue = valueOf(result.outputs, OutputId::powerPue);
  for (HallMetrics& hall : result.metrics.halls) {
    const double itMw = hall.itKw * 1e-3;
    hall.transformers = facility_detail::redundantUnits(itMw * pue / valueOf(inputs, InputId::electricalPowerFactor) /
                                                            valueOf(inputs, InputId::electricalTransformerMva),
                                                        valueOf(inputs, InputId::electricalRedundancy));
    hall.upsModules = facility_detail::redundantUnits(itMw / valueOf(inputs, InputId::electricalUpsModuleMw),
                                                      valueOf(inputs, InputId::electricalRedundancy));
  }
  return result;
}

std::array<double, 5> LayoutEvaluation::reachLimits(const Scenario& scenario, const HardwareCatalog& catalog) {
  std::array<double, 5> limits{};
  for (int r = 0; r < 5; ++r) {
    const auto reach = static_cast<ReachClass>(r);
    const QString id = scenario.opticModules[static_cast<std::size_t>(r)].isEmpty()
                           ? catalog.defaultOptic(reach)
                           : scenario.opticModules[static_cast<std::size_t>(r)];
    const CatalogEntry* optic = catalog.optic(id);
    limits[static_cast<std::size_t>(r)] = optic ? optic->reachM : 0.0;
  }
  return limits;
}

}  // namespace gigaplan
