#include "layout/LayoutEvaluation.h"

#include <cmath>

#include "engine/Evaluator.h"
#include "engine/PlanningModel.h"
#include "layout/FloorCount.h"

namespace gigaplan {

std::vector<LayoutFinding> LayoutEvaluation::findings() const {
  std::vector<LayoutFinding> all = metrics.findings;
  all.insert(all.end(), cabling.findings.begin(), cabling.findings.end());
  return all;
}

namespace {

/// The floor's counts in place of the engine's: racks by role and switches per tier as they stand,
/// links above the leaves in proportion to the switches below them (each switch keeps its
/// uplinks), and the bisection, all-reduce time and switch power and price those counts give.
void applyFloorCounts(const FloorCount& count, ModelFrame<double>& frame) {
  OutputValues& outputs = frame.outputs;
  const double switchesPerTier[4] = {
      valueOf(outputs, OutputId::networkSwitchesTier1), valueOf(outputs, OutputId::networkSwitchesTier2),
      valueOf(outputs, OutputId::networkSwitchesTier3), valueOf(outputs, OutputId::networkSwitchesTier4)};
  // Core racks hold tiers 3 and 4 together; they keep the engine's split between the two, in
  // whole switches.
  const double upper = switchesPerTier[2] + switchesPerTier[3];
  const double tier3 = upper > 0 ? std::round(count.coreSwitches * switchesPerTier[2] / upper) : 0.0;
  const double onFloor[4] = {count.leafSwitches, count.spineSwitches, tier3,
                             upper > 0 ? count.coreSwitches - tier3 : 0.0};
  static constexpr OutputId kSwitches[4] = {OutputId::networkSwitchesTier1, OutputId::networkSwitchesTier2,
                                            OutputId::networkSwitchesTier3, OutputId::networkSwitchesTier4};
  static constexpr OutputId kLinks[4] = {OutputId::networkLinksTier1, OutputId::networkLinksTier2,
                                         OutputId::networkLinksTier3, OutputId::networkLinksTier4};
  double links = valueOf(outputs, kLinks[0]);
  for (std::size_t tier = 1; tier < 4; ++tier) {
    const double below = switchesPerTier[tier - 1];
    double& tierLinks = valueOf(outputs, kLinks[tier]);
    tierLinks = below > 0 ? std::round(tierLinks * onFloor[tier - 1] / below) : 0.0;  // whole links
    links += tierLinks;
  }
  double switches = 0.0;
  for (std::size_t tier = 0; tier < 4; ++tier) {
    valueOf(outputs, kSwitches[tier]) = onFloor[tier];
    switches += onFloor[tier];
  }
  valueOf(outputs, OutputId::networkSwitches) = switches;
  valueOf(outputs, OutputId::networkLinks) = links;
  valueOf(outputs, OutputId::clusterComputeRacks) = count.computeRacks;
  valueOf(outputs, OutputId::clusterNetworkRacks) = count.networkRacks;
  valueOf(outputs, OutputId::clusterRacks) = count.computeRacks + count.networkRacks;
  estimateFabricCapacity(frame);
  estimateSwitchPowerAndCost(frame);
}

}  // namespace

LayoutEvaluation LayoutEvaluation::evaluate(const InputValues& inputs, const SiteLayout& layout,
                                            const std::array<double, 5>& reachLimitM) {
  LayoutEvaluation result;
  // The floor is the build-out: its compute racks' nodes are the GPUs the figures count. A floor
  // without compute racks has nothing to count, and the engine's build-out stands.
  const FloorCount count = FloorCount::of(layout);
  result.inputs = inputs;
  if (count.nodes > 0)
    result.inputs[static_cast<std::size_t>(InputId::clusterGpus)] =
        count.nodes * valueOf(inputs, InputId::systemGpusPerNode);
  result.outputs = gigaplan::evaluate(result.inputs);
  ModelFrame<double> frame{result.inputs, result.outputs};
  if (count.nodes > 0) applyFloorCounts(count, frame);
  result.cabling = FabricCabling::route(layout, result.outputs, reachLimitM);
  result.cabling.applyTo(result.inputs, result.outputs);
  result.metrics = LayoutMetrics::measure(layout);
  valueOf(result.outputs, OutputId::clusterWhiteSpaceM2) = result.metrics.hallFloorM2;
  valueOf(result.outputs, OutputId::clusterSiteAreaM2) = result.metrics.siteAreaM2;
  // Media power and cost, and the site area, feed power, cooling, facility and cost again.
  estimateFromBuildOut(frame);
  // The generator places CDUs row by row, with their spares: the floor's are the count (set after
  // the cooling estimate, which sizes them from the heat; nothing downstream reads the count).
  if (count.nodes > 0 && count.cduRacks > 0) valueOf(result.outputs, OutputId::coolingCdus) = count.cduRacks;

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
