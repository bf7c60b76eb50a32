// Failure domains on small floors built by hand, whose blast radii can be counted on paper, and
// the site's availability in closed form against simulated site-years.
#include <QTest>
#include <algorithm>

#include "ScenarioFixtures.h"
#include "engine/FacilityEstimator.h"
#include "layout/FloorCount.h"
#include "plan/AvailabilityOptions.h"
#include "plan/ProjectEvaluation.h"
#include "resilience/SiteAvailability.h"

using namespace gigaplan;
using gigaplan::test::near;

namespace {

constexpr double kRackKw = 50.0;  ///< each compute rack: 4 nodes of 8 GPUs
constexpr int kNodesPerRack = 4;

/// One building per entry of `rowsPerBuilding`, one hall each; a row holds `computePerRow`
/// compute racks, then one leaf rack of `leavesPerRow` switches; each hall starts with a row of
/// one spine rack, and ends with a row of `cdusPerHall` CDUs. Racks of building b have tenant b + 1.
SiteLayout handBuiltFloor(const std::vector<int>& rowsPerBuilding, int computePerRow, int leavesPerRow,
                          int cdusPerHall) {
  SiteLayout layout;
  layout.systemTypes = {QStringLiteral("hgx-h100-liquid")};
  auto addRack = [&](int row, int slot, RackRole role, int units, float kw, int tenant) {
    Rack rack;
    rack.id = layout.nextRackId++;
    rack.row = row;
    rack.slot = slot;
    rack.role = role;
    rack.units = static_cast<std::uint8_t>(units);
    rack.powerKw = kw;
    rack.tenant = static_cast<std::uint8_t>(tenant);
    layout.racks.push_back(rack);
  };
  for (std::size_t b = 0; b < rowsPerBuilding.size(); ++b) {
    layout.buildings.push_back({QStringLiteral("Building %1").arg(b + 1), 100.0 * b, 0, 90, 60});
    Hall hall;
    hall.building = static_cast<int>(b);
    hall.name = QStringLiteral("B%1-H1").arg(b + 1);
    const int h = static_cast<int>(layout.halls.size());
    layout.halls.push_back(hall);
    const int tenant = static_cast<int>(b) + 1;
    layout.rows.push_back({h, 3, 0, 40});
    addRack(static_cast<int>(layout.rows.size()) - 1, 0, RackRole::Spine, 2, 2.0f, tenant);
    for (int r = 0; r < rowsPerBuilding[b]; ++r) {
      layout.rows.push_back({h, 3, 3.0 * (r + 1), 40});
      const int row = static_cast<int>(layout.rows.size()) - 1;
      for (int s = 0; s < computePerRow; ++s) addRack(row, s, RackRole::Compute, kNodesPerRack, kRackKw, tenant);
      addRack(row, computePerRow, RackRole::Leaf, leavesPerRow, 1.0f, tenant);
    }
    if (cdusPerHall > 0) {
      layout.rows.push_back({h, 3, 3.0 * (rowsPerBuilding[b] + 1), 40});
      for (int c = 0; c < cdusPerHall; ++c)
        addRack(static_cast<int>(layout.rows.size()) - 1, c, RackRole::Cdu, 1, 5.0f, tenant);
    }
  }
  return layout;
}

/// The default inputs, one fabric per building with `planes` planes of two tiers.
FailureModelInputs modelOf(const SiteLayout& layout, double planes,
                           std::initializer_list<std::pair<InputId, double>> settings = {}) {
  InputValues inputs = gigaplan::test::presetInputs(QStringLiteral("colossus-150k-h100"));
  for (const auto& [id, value] : settings) inputs[static_cast<std::size_t>(id)] = value;
  FailureModelInputs in;
  in.layout = &layout;
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    in.fabricOfBuilding.push_back(static_cast<int>(b));
    in.fabricInputs.push_back(inputs);
    in.fabricPlanes.push_back(planes);
    in.fabricTiers.push_back(2);
    in.fabricPue.push_back(1.25);
    in.fabricLiquidShare.push_back(0.8);
    in.fabricNames.push_back(QStringLiteral("Fabric %1").arg(b + 1));
  }
  in.systemTypes = layout.systemTypes;
  in.gpusPerNode = {8.0};
  in.siteInputs = inputs;
  return in;
}

std::vector<int> componentsOf(const FailureDomains& domains, ComponentKind kind) {
  std::vector<int> found;
  for (std::size_t c = 0; c < domains.components.size(); ++c)
    if (domains.components[c].kind == kind) found.push_back(static_cast<int>(c));
  return found;
}

std::vector<std::uint32_t> idsOf(const SiteLayout& layout, const std::vector<int>& racks) {
  std::vector<std::uint32_t> ids;
  for (int r : racks) ids.push_back(layout.racks[static_cast<std::size_t>(r)].id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace

class TestFailureDomains : public QObject {
  Q_OBJECT
 private slots:
  void upsWithoutRedundancyDropsItsShareAnd2NDropsNothing() {
    // One hall: 4 rows of 10 racks at 50 kW and a 1 kW leaf rack, 2.044 MW with the spine rack:
    // two 1.5 MW UPS modules carry it.
    const SiteLayout layout = handBuiltFloor({4}, 10, 4, 0);
    const FailureDomains n = FailureDomains::analyze(
        modelOf(layout, 1, {{InputId::electricalRedundancy, 0}, {InputId::electricalUpsModuleMw, 1.5}}));
    const std::vector<int> upsN = componentsOf(n, ComponentKind::Ups);
    QCOMPARE(upsN.size(), std::size_t{2});
    // Each module without redundancy carries half the hall's racks: losing one drops exactly those.
    double racksDown = 0;
    for (int c : upsN) {
      const Component& ups = n.components[static_cast<std::size_t>(c)];
      QVERIFY(ups.impact.racksDown > 0);
      QCOMPARE(ups.impact.racksDown, static_cast<double>(n.racksDown(layout, c).size()));
      racksDown += ups.impact.racksDown;
    }
    QCOMPARE(racksDown, static_cast<double>(layout.racks.size()));
    // The first module's racks: the first half of the hall in floor order (spine rack first).
    const std::vector<int> first = n.racksDown(layout, upsN[0]);
    QCOMPARE(first.size(), layout.racks.size() / 2);
    QCOMPARE(first.front(), 0);
    const double gpus =
        std::count_if(first.begin(), first.end(),
                      [&](int r) { return layout.racks[static_cast<std::size_t>(r)].role == RackRole::Compute; }) *
        kNodesPerRack * 8.0;
    QVERIFY(n.components[static_cast<std::size_t>(upsN[0])].impact.gpusDown >= gpus);

    const FailureDomains twoN = FailureDomains::analyze(
        modelOf(layout, 1, {{InputId::electricalRedundancy, 2}, {InputId::electricalUpsModuleMw, 1.5}}));
    const std::vector<int> ups2N = componentsOf(twoN, ComponentKind::Ups);
    QCOMPARE(ups2N.size(), std::size_t{4});
    for (int c : ups2N) {
      QCOMPARE(twoN.components[static_cast<std::size_t>(c)].impact.racksDown, 0.0);
      QCOMPARE(twoN.components[static_cast<std::size_t>(c)].impact.gpuEquivalent, 0.0);
      QVERIFY(twoN.racksDown(layout, c).empty());
    }
    // Each pair serves half the hall, and loses it only when both of its modules are down.
    const RedundancyGroup& pair = twoN.groups[static_cast<std::size_t>(twoN.components[ups2N[0]].group)];
    QCOMPARE(pair.units, 2);
    QCOMPARE(pair.needed, 1);
    QCOMPARE(pair.servedCount, static_cast<std::uint32_t>(layout.racks.size() / 2));
    // A catcher: the two active modules and one reserve that stands in for either; one failure
    // drops nothing, and the units are those the engine counts for the scheme.
    const FailureDomains catcher = FailureDomains::analyze(
        modelOf(layout, 1, {{InputId::electricalRedundancy, 4}, {InputId::electricalUpsModuleMw, 1.5}}));
    const std::vector<int> upsCatcher = componentsOf(catcher, ComponentKind::Ups);
    QCOMPARE(upsCatcher.size(), std::size_t{3});
    for (int c : upsCatcher) QCOMPARE(catcher.components[static_cast<std::size_t>(c)].impact.racksDown, 0.0);
    QCOMPARE(static_cast<double>(upsCatcher.size()), facility_detail::redundantUnits(2.0, 4.0));
    QVERIFY(catcher.components[static_cast<std::size_t>(upsCatcher.back())].name.contains(QStringLiteral("reserve")));
  }

  void losingOneOfTwoPlanesHalvesTheBandwidthOfExactlyItsGpus() {
    // Two buildings, a fabric each; the first has two planes, the second one.
    const SiteLayout layout = handBuiltFloor({3, 2}, 8, 4, 0);
    FailureModelInputs in = modelOf(layout, 2);
    in.fabricPlanes[1] = 1;
    const FailureDomains domains = FailureDomains::analyze(in);
    const double fabricGpus = 3 * 8 * kNodesPerRack * 8.0;  // first building: 3 rows of 8 racks
    const std::vector<int> planes = componentsOf(domains, ComponentKind::Plane);
    QCOMPARE(planes.size(), std::size_t{3});  // two of the first fabric, one of the second
    const Component& plane = domains.components[static_cast<std::size_t>(planes[0])];
    QCOMPARE(plane.impact.gpusDegraded, fabricGpus);
    QCOMPARE(plane.impact.gpuEquivalent, fabricGpus / 2);
    QCOMPARE(plane.impact.gpusDown, 0.0);
    // Exactly the first fabric's racks: every compute rack of building 1, none of building 2.
    const std::vector<int> degraded = domains.racksDegraded(layout, planes[0]);
    QCOMPARE(degraded.size(), std::size_t{24});
    for (int r : degraded) QCOMPARE(layout.racks[static_cast<std::size_t>(r)].tenant, std::uint8_t{1});
    QVERIFY(plane.tenantsHit.test(1) && !plane.tenantsHit.test(2));
    // The second fabric has one plane: losing it stops its GPUs.
    const Component& single = domains.components[static_cast<std::size_t>(planes[2])];
    QCOMPARE(single.impact.gpusDown, 2 * 8 * kNodesPerRack * 8.0);
    // A leaf of the two-plane fabric: its row's GPUs on its plane lose half their bandwidth.
    const std::vector<int> leaves = componentsOf(domains, ComponentKind::LeafSwitch);
    const Component& leaf = domains.components[static_cast<std::size_t>(leaves[0])];
    const double rowGpus = 8 * kNodesPerRack * 8.0;
    QCOMPARE(leaf.impact.gpusDegraded, 2 * rowGpus / 4);  // 4 leaves a row, 2 per plane
    QCOMPARE(leaf.impact.gpuEquivalent, rowGpus / 4);
    QVERIFY(leaf.name.contains(QStringLiteral("plane 1")));
    QVERIFY(domains.components[static_cast<std::size_t>(leaves[1])].name.contains(QStringLiteral("plane 2")));
  }

  void aCduTakesDownExactlyItsLoopsRacks() {
    const SiteLayout layout = handBuiltFloor({4}, 10, 4, 4);
    const FailureDomains perCdu = FailureDomains::analyze(modelOf(layout, 1, {{InputId::coolingCduLoops, 0}}));
    const std::vector<int> cdus = componentsOf(perCdu, ComponentKind::Cdu);
    QCOMPARE(cdus.size(), std::size_t{4});
    // 40 compute racks over 4 loops: each CDU's loop is 10 racks in floor order, and only those.
    std::vector<std::uint32_t> all;
    for (std::size_t c = 0; c < cdus.size(); ++c) {
      const std::vector<int> down = perCdu.racksDown(layout, cdus[c]);
      QCOMPARE(down.size(), std::size_t{10});
      for (int r : down) QCOMPARE(layout.racks[static_cast<std::size_t>(r)].role, RackRole::Compute);
      const Component& cdu = perCdu.components[static_cast<std::size_t>(cdus[c])];
      QCOMPARE(cdu.impact.gpusDown, 10 * kNodesPerRack * 8.0);
      QCOMPARE(cdu.impact.mwLost, 10 * kRackKw * 1e-3);
      QCOMPARE(cdu.rack >= 0, true);
      QCOMPARE(layout.racks[static_cast<std::size_t>(cdu.rack)].role, RackRole::Cdu);
      const auto ids = idsOf(layout, down);
      all.insert(all.end(), ids.begin(), ids.end());
    }
    std::sort(all.begin(), all.end());
    QVERIFY(std::adjacent_find(all.begin(), all.end()) == all.end());  // no rack in two loops
    QCOMPARE(all.size(), std::size_t{40});
    // On one header with a spare (2 MW of liquid heat needs 2 of the 4 CDUs), one failure drops nothing.
    const FailureDomains shared = FailureDomains::analyze(modelOf(layout, 1, {{InputId::coolingCduLoops, 1}}));
    for (int c : componentsOf(shared, ComponentKind::Cdu))
      QCOMPARE(shared.components[static_cast<std::size_t>(c)].impact.racksDown, 0.0);
  }

  void simulatedYearsMeetTheClosedForm() {
    // Without redundancy anywhere each failure costs its blast radius for its repair, so the
    // expected loss is the sum of rate x repair x GPU-equivalents (a unit fails only while it
    // runs: 8,760 h of a year less its repairs): the simulation's mean must fall within four
    // standard errors of it.
    const SiteLayout layout = handBuiltFloor({4, 3}, 10, 4, 4);
    const FailureDomains domains = FailureDomains::analyze(modelOf(layout, 2,
                                                                   {{InputId::electricalRedundancy, 0},
                                                                    {InputId::electricalFeedRedundancy, 0},
                                                                    {InputId::electricalSwitchgearRedundancy, 0},
                                                                    {InputId::electricalBusRedundancy, 0},
                                                                    {InputId::coolingHeatRejectionRedundancy, 0},
                                                                    {InputId::coolingLoopRedundancy, 0},
                                                                    {InputId::coolingCduLoops, 0},
                                                                    {InputId::failuresPlanePerYear, 0.5}}));
    double byHand = 0.0;
    for (const Component& c : domains.components) {
      const RedundancyGroup& group = domains.groups[static_cast<std::size_t>(c.group)];
      QCOMPARE(group.units, group.needed);
      const double downHours = group.failuresPerYear * group.repairHours;
      byHand += downHours * 8760 / (8760 + downHours) * c.impact.gpuEquivalent;
    }
    const AvailabilityEstimate expected = AvailabilityEstimate::of(domains);
    QVERIFY(byHand > 0);
    QVERIFY(near(expected.gpuHoursLostPerYear, byHand, 1e-9));
    QVERIFY(near(expected.siteAvailability, 1 - byHand / (domains.siteGpus * 8760), 1e-12));
    const auto simulated = SimulatedYears::run(domains, 20000, 7);
    QVERIFY(simulated);
    QVERIFY(simulated->standardError > 0);
    QVERIFY2(std::fabs(simulated->meanGpuHoursLost - byHand) < 4 * simulated->standardError,
             qPrintable(QStringLiteral("simulated %1 +- %2, closed form %3")
                            .arg(simulated->meanGpuHoursLost)
                            .arg(simulated->standardError)
                            .arg(byHand)));
    QVERIFY(simulated->p10 <= simulated->p50 && simulated->p50 <= simulated->p90);
    // Cancelled, it gives nothing.
    std::atomic<bool> cancel{true};
    QVERIFY(!SimulatedYears::run(domains, 100, 7, {}, &cancel));
  }

  void redundancyIsPaidForOnlyByOverlappingFailures() {
    // N+1 transformers: one failure loses nothing; the closed form counts two at once, and the
    // simulation agrees with it.
    const SiteLayout layout = handBuiltFloor({4}, 10, 4, 0);
    const FailureDomains domains = FailureDomains::analyze(
        modelOf(layout, 1, {{InputId::electricalRedundancy, 1}, {InputId::failuresTransformerPerYear, 20}}));
    const std::vector<int> transformers = componentsOf(domains, ComponentKind::Transformer);
    const RedundancyGroup& group =
        domains.groups[static_cast<std::size_t>(domains.components[static_cast<std::size_t>(transformers[0])].group)];
    QCOMPARE(group.units, group.needed + 1);
    for (int c : transformers) QCOMPARE(domains.components[static_cast<std::size_t>(c)].impact.racksDown, 0.0);
    const AvailabilityEstimate expected = AvailabilityEstimate::of(domains);
    const double transformerLoss = expected.gpuHoursLostByKind[static_cast<std::size_t>(ComponentKind::Transformer)];
    QVERIFY(transformerLoss > 0);
    const auto simulated = SimulatedYears::run(domains, 20000, 3);
    QVERIFY(simulated);
    const double simulatedLoss = simulated->meanByKind[static_cast<std::size_t>(ComponentKind::Transformer)];
    QVERIFY2(std::fabs(simulatedLoss - transformerLoss) < 0.1 * transformerLoss,
             qPrintable(QStringLiteral("simulated %1, closed form %2").arg(simulatedLoss).arg(transformerLoss)));
  }

  void theSampleProjectsDomainsCountItsFloor() {
    ScenarioErrors errors;
    auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
    QVERIFY(project);
    auto layout = layOutProject(*project, HallTemplate{}, errors);
    QVERIFY(layout);
    project->layout = std::move(*layout);
    const ProjectResult result = evaluateProject(*project);
    QVERIFY2(result.failures, qPrintable(result.error));
    const std::shared_ptr<const SiteFailures>& failures = result.failures;
    const FailureDomains& domains = failures->domains;
    // One truth: the GPUs are the figures', the switches and CDUs the floor's.
    QCOMPARE(domains.siteGpus, valueOf(result.evaluation.outputs, OutputId::clusterGpus));
    const FloorCount count = FloorCount::of(project->layout);
    const auto units = domains.unitsByKind();
    QCOMPARE(static_cast<double>(units[static_cast<std::size_t>(ComponentKind::LeafSwitch)]), count.leafSwitches);
    QCOMPARE(static_cast<double>(units[static_cast<std::size_t>(ComponentKind::SpineSwitch)]), count.spineSwitches);
    QCOMPARE(static_cast<double>(units[static_cast<std::size_t>(ComponentKind::Cdu)]), count.cduRacks);
    QCOMPARE(domains.blocks, static_cast<int>(project->layout.halls.size()));
    // Three groups of systems, three fabrics: each plane reaches its own fabric's GPUs, and the
    // fabrics' GPUs add up to the site's.
    double planeGpus = 0;
    for (int c : componentsOf(domains, ComponentKind::Plane)) {
      const Impact& impact = domains.components[static_cast<std::size_t>(c)].impact;
      planeGpus += std::max(impact.gpusDegraded, impact.gpusDown);
    }
    QVERIFY(planeGpus >= domains.siteGpus);  // every GPU is on at least one plane
    // The partner lab has halls of its own: some leaf reaches that tenant and no other.
    const int partner = static_cast<int>(failures->tenantNames.indexOf(QStringLiteral("Partner lab")));
    QVERIFY(partner > 0);
    const std::vector<int> leaves = componentsOf(domains, ComponentKind::LeafSwitch);
    QVERIFY(std::any_of(leaves.begin(), leaves.end(), [&](int c) {
      const std::bitset<256>& hit = domains.components[static_cast<std::size_t>(c)].tenantsHit;
      return hit.count() == 1 && hit.test(static_cast<std::size_t>(partner));
    }));
    QVERIFY(failures->expected.siteAvailability > 0.99 && failures->expected.siteAvailability < 1);
    QVERIFY(failures->job.goodput > 0 && failures->job.goodput <= failures->ettr);
    // One figure, one value: the site's outputs hold the analysis' figures and the floor's units.
    const OutputValues& site = result.evaluation.outputs;
    QCOMPARE(valueOf(site, OutputId::availabilitySite), failures->expected.siteAvailability);
    QCOMPARE(valueOf(site, OutputId::availabilityJobGoodput), failures->job.goodput);
    QCOMPARE(valueOf(result.plan->phases.back().site, OutputId::availabilitySite), failures->expected.siteAvailability);
    QCOMPARE(valueOf(site, OutputId::electricalUpsModules),
             static_cast<double>(units[static_cast<std::size_t>(ComponentKind::Ups)]));
    QCOMPARE(valueOf(site, OutputId::electricalBlocks), static_cast<double>(domains.blocks));
    QCOMPARE(valueOf(site, OutputId::availabilityDelivered),
             valueOf(site, OutputId::reliabilityGpuAvailability) * failures->expected.siteAvailability);
    // What it takes to hold the target: stronger schemes add units and capex and save GPU-hours,
    // weaker ones save capex and lose GPU-hours; each saving is priced per GPU-hour.
    const AvailabilityStudy study = AvailabilityStudy::of(*project, result);
    QCOMPARE(study.target, 0.99);
    QCOMPARE(study.delivered, valueOf(site, OutputId::availabilityDelivered));
    const auto option = [&](const QString& set) {
      return std::find_if(study.options.begin(), study.options.end(),
                          [&](const AvailabilityOption& o) { return o.inputPath + QLatin1Char('=') + o.value == set; });
    };
    const auto twoN = option(QStringLiteral("electrical.redundancy=2N"));
    QVERIFY(twoN != study.options.end());
    QVERIFY(twoN->extraUnits > 0 && twoN->capexUsd > 0 && twoN->gpuHoursSavedPerYear > 0);
    QVERIFY(twoN->usdPerGpuHourSaved > 0 && twoN->delivered > study.delivered);
    const auto n = option(QStringLiteral("electrical.redundancy=N"));
    QVERIFY(n != study.options.end());
    QVERIFY(n->capexUsd < 0 && n->gpuHoursSavedPerYear < 0 && std::isnan(n->usdPerGpuHourSaved));
    // The units 2N adds are those the floor then counts: UPS and transformers per block.
    double upsNow = 0;
    for (const RedundancyGroup& group : domains.groups)
      if (group.kind == ComponentKind::Ups || group.kind == ComponentKind::Transformer) upsNow += group.units;
    QVERIFY(twoN->extraUnits < 2 * upsNow);
    // The partner lab on a plane of its own: its planes reach it alone, and the operator's planes
    // and core switches no longer reach it.
    Project ownPlane = *project;
    ownPlane.tenants[1].isolation = TenantIsolation::OwnPlane;
    const ProjectResult isolated = evaluateProject(ownPlane);
    QVERIFY2(isolated.failures, qPrintable(isolated.error));
    const FailureDomains& apart = isolated.failures->domains;
    int partnerPlanes = 0;
    for (int c : componentsOf(apart, ComponentKind::Plane)) {
      const Component& plane = apart.components[static_cast<std::size_t>(c)];
      const bool partners = plane.name.contains(QStringLiteral("Partner lab"));
      partnerPlanes += partners;
      QCOMPARE(plane.tenantsHit.test(static_cast<std::size_t>(partner)), partners);
    }
    QVERIFY(partnerPlanes > 0);
    for (int c : componentsOf(apart, ComponentKind::CoreSwitch)) {
      const Component& core = apart.components[static_cast<std::size_t>(c)];
      if (!core.tenantsHit.test(static_cast<std::size_t>(partner))) continue;
      QVERIFY2(core.tenantsHit.count() <= 2, qPrintable(core.name));  // its own fabric's cores reach it alone
    }
    // Without a floor the engine cannot count them, and says so with no number.
    QVERIFY(std::isnan(valueOf(evaluate(result.evaluation.inputs), OutputId::availabilitySite)));
  }
};

QTEST_GUILESS_MAIN(TestFailureDomains)
#include "TestFailureDomains.moc"
