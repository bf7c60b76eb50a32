// A build-out phase by phase: figures of the site after each phase, what each phase adds at its
// own prices, mixed system types, the schedule, and phases read from scenario documents.
#include <QJsonDocument>
#include <QTest>
#include <set>

#include "document/LayoutCommands.h"
#include "engine/Evaluator.h"
#include "plan/PhasePlan.h"
#include "plan/PresetLibrary.h"
#include "plan/ProjectEvaluation.h"

using namespace gigaplan;

namespace {

/// The figures of one system group evaluated on its own: what the plan must combine.
OutputValues direct(Scenario scenario, const QString& systemType, double gpus,
                    const QMap<InputId, double>& inputs = {}) {
  scenario.systemType = systemType;
  for (auto it = inputs.begin(); it != inputs.end(); ++it) scenario.values.insert(it.key(), it.value());
  scenario.values.insert(InputId::clusterGpus, gpus);
  ScenarioErrors errors;
  const auto resolved = scenario.resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) qFatal("%s", qPrintable(errors.value(0).text()));
  return evaluate(resolved->values);
}

Project twoPhases(const QString& secondSystem) {
  Project project;
  project.scenario.systemType = QStringLiteral("hgx-h100");
  project.scenario.switchModel = QStringLiteral("quantum-2-qm9700");
  Phase first;
  first.name = QStringLiteral("first");
  first.start = QDate(2025, 1, 1);
  first.systems = {{QStringLiteral("hgx-h100"), 16384}};
  Phase second;
  second.name = QStringLiteral("second");
  second.start = QDate(2025, 7, 1);
  second.systems = {{secondSystem, 16384}};
  project.phases = {first, second};
  return project;
}

double out(const OutputValues& values, OutputId id) {
  return valueOf(values, id);
}

bool close(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

}  // namespace

class TestPhasePlan : public QObject {
  Q_OBJECT
 private slots:
  void combineAddsExtensiveFiguresAndWeighsRatios() {
    OutputValues a{}, b{};
    valueOf(a, OutputId::clusterGpus) = 1000;
    valueOf(b, OutputId::clusterGpus) = 3000;
    valueOf(a, OutputId::powerItMw) = 10;
    valueOf(b, OutputId::powerItMw) = 30;
    valueOf(a, OutputId::powerFacilityMw) = 12;
    valueOf(b, OutputId::powerFacilityMw) = 39;
    valueOf(a, OutputId::powerPue) = 1.2;
    valueOf(b, OutputId::powerPue) = 1.3;
    valueOf(a, OutputId::reliabilityEttr) = 0.9;
    valueOf(b, OutputId::reliabilityEttr) = 0.5;
    valueOf(a, OutputId::costTcoUsdPerYear) = 100;
    valueOf(b, OutputId::costTcoUsdPerYear) = 200;
    valueOf(a, OutputId::costUsdPerGpuHour) = 2;  // 50 GPU-hours
    valueOf(b, OutputId::costUsdPerGpuHour) = 4;  // 50 GPU-hours
    valueOf(a, OutputId::networkFeasible) = 1;
    valueOf(b, OutputId::networkFeasible) = 0;
    const OutputValues site = PhasePlan::combine({a, b});
    QCOMPARE(out(site, OutputId::clusterGpus), 4000.0);
    QCOMPARE(out(site, OutputId::powerFacilityMw), 51.0);
    // PUE by IT MW: (10 x 1.2 + 30 x 1.3) / 40 = 51 / 40, the site's facility over IT power.
    QVERIFY(close(out(site, OutputId::powerPue), 51.0 / 40.0));
    // Per-job figures by GPUs: (1000 x 0.9 + 3000 x 0.5) / 4000.
    QVERIFY(close(out(site, OutputId::reliabilityEttr), 0.6));
    // $ per GPU-hour by GPU-hours: 300 $ over 100 GPU-hours.
    QVERIFY(close(out(site, OutputId::costUsdPerGpuHour), 3.0));
    QCOMPARE(out(site, OutputId::networkFeasible), 0.0);
    // The power the site has is the site's, not each group's.
    valueOf(a, OutputId::sitePowerAvailableMw) = 100;
    valueOf(b, OutputId::sitePowerAvailableMw) = 100;
    const OutputValues withPower = PhasePlan::combine({a, b});
    QCOMPARE(out(withPower, OutputId::sitePowerAvailableMw), 100.0);
    QCOMPARE(out(withPower, OutputId::sitePowerMarginMw), 100.0 - 51.0);
  }

  void aPhaseOfTheSameSystemIsAFabricOfItsOwn() {
    const Project project = twoPhases(QStringLiteral("hgx-h100"));
    ScenarioErrors errors;
    const auto plan = PhasePlan::evaluate(project, errors);
    QVERIFY2(plan, qPrintable(errors.value(0).text()));
    QCOMPARE(plan->phases.size(), std::size_t{2});
    QCOMPARE(plan->groups.size(), std::size_t{2});
    const OutputValues half = direct(project.scenario, QStringLiteral("hgx-h100"), 16384);
    // Each phase buys its own fabric: the site after phase 2 is two builds of 16,384 GPUs.
    for (OutputId id : {OutputId::clusterGpus, OutputId::powerFacilityMw, OutputId::networkSwitches,
                        OutputId::costCapexUsd, OutputId::networkLinks})
      QVERIFY2(close(out(plan->phases[1].site, id), 2 * out(half, id)), outputSpec(id).path);
    QVERIFY(close(out(plan->phases[1].site, OutputId::reliabilityEttr), out(half, OutputId::reliabilityEttr)));
    QVERIFY(close(out(plan->phases[0].site, OutputId::costCapexUsd), out(half, OutputId::costCapexUsd)));
    QVERIFY(close(out(plan->phases[1].added, OutputId::costCapexUsd), out(half, OutputId::costCapexUsd)));
    QVERIFY(close(out(plan->phases[1].added, OutputId::networkSwitches), out(half, OutputId::networkSwitches)));
    QCOMPARE(plan->phases[1].gpusAdded, 16384.0);
  }

  void systemsOfOneTypeInOnePhaseAreOneGroup() {
    Project project = twoPhases(QStringLiteral("gb200-nvl72"));
    project.phases[1].systems.push_back({QStringLiteral("hgx-h100"), 8192});
    project.phases[1].systems.push_back({QStringLiteral("gb200-nvl72"), 8064});
    const std::vector<PhaseGroup> groups = PhasePlan::groupsOf(project.phases);
    QCOMPARE(groups.size(), std::size_t{3});
    QCOMPARE(groups[1].phase, std::size_t{1});
    QCOMPARE(groups[1].systemType, QStringLiteral("gb200-nvl72"));
    QCOMPARE(groups[1].gpus, 16384.0 + 8064.0);
    QCOMPARE(groups[2].systemType, QStringLiteral("hgx-h100"));
    QCOMPARE(groups[2].gpus, 8192.0);
  }

  void mixedSystemsAreSeparateGroups() {
    const Project project = twoPhases(QStringLiteral("gb200-nvl72"));
    ScenarioErrors errors;
    const auto plan = PhasePlan::evaluate(project, errors);
    QVERIFY2(plan, qPrintable(errors.value(0).text()));
    const OutputValues hopper = direct(project.scenario, QStringLiteral("hgx-h100"), 16384);
    const OutputValues blackwell = direct(project.scenario, QStringLiteral("gb200-nvl72"), 16384);
    const OutputValues& site = plan->phases[1].site;
    QCOMPARE(out(site, OutputId::clusterGpus), 32768.0);
    QVERIFY(close(out(site, OutputId::powerFacilityMw),
                  out(hopper, OutputId::powerFacilityMw) + out(blackwell, OutputId::powerFacilityMw)));
    QVERIFY(close(out(site, OutputId::clusterRacks),
                  out(hopper, OutputId::clusterRacks) + out(blackwell, OutputId::clusterRacks)));
    QVERIFY(close(out(plan->phases[1].added, OutputId::powerFacilityMw), out(blackwell, OutputId::powerFacilityMw)));
    // Ratios of the site come from its sums: capex per GPU, and interruptions with the planned
    // ones counted once, not once per group.
    QVERIFY(close(out(site, OutputId::costCapexPerGpuUsd),
                  (out(hopper, OutputId::costCapexUsd) + out(blackwell, OutputId::costCapexUsd)) / 32768.0));
    const double planned =
        out(hopper, OutputId::reliabilityInterruptionsPerDay) - out(hopper, OutputId::reliabilityUnexpectedPerDay);
    const double unexpected =
        out(hopper, OutputId::reliabilityUnexpectedPerDay) + out(blackwell, OutputId::reliabilityUnexpectedPerDay);
    QVERIFY(close(out(site, OutputId::reliabilityInterruptionsPerDay), unexpected + planned));
    QVERIFY(close(out(site, OutputId::reliabilityMtbiHours), 24.0 / unexpected));
    QVERIFY(close(out(site, OutputId::scheduleInstallDays),
                  out(site, OutputId::clusterRacks) / out(hopper, OutputId::scheduleRacksPerDay)));
    // What the phase adds is what adds up; its PUE is of what it adds.
    QVERIFY(close(out(plan->phases[1].added, OutputId::powerPue), out(blackwell, OutputId::powerPue)));
    QVERIFY(std::isnan(out(plan->phases[1].added, OutputId::reliabilityEttr)));
  }

  void aPhaseBuysAtItsOwnPrices() {
    Project project = twoPhases(QStringLiteral("hgx-h100"));
    // From phase 2 on a node costs less; what phase 1 bought is not bought again, nor re-priced.
    project.phases[1].inputs.insert(InputId::systemPriceUsdPerNode, 200000);
    ScenarioErrors errors;
    const auto plan = PhasePlan::evaluate(project, errors);
    QVERIFY2(plan, qPrintable(errors.value(0).text()));
    const QMap<InputId, double> cheaper{{InputId::systemPriceUsdPerNode, 200000}};
    const OutputValues first = direct(project.scenario, QStringLiteral("hgx-h100"), 16384);
    const OutputValues second = direct(project.scenario, QStringLiteral("hgx-h100"), 16384, cheaper);
    QVERIFY(close(out(plan->phases[1].added, OutputId::costCapexUsd), out(second, OutputId::costCapexUsd)));
    QVERIFY(close(out(plan->phases[1].site, OutputId::costCapexUsd),
                  out(first, OutputId::costCapexUsd) + out(second, OutputId::costCapexUsd)));
    // Systems: 2,048 nodes added at $200,000.
    QVERIFY(close(out(plan->phases[1].added, OutputId::costSystemsUsd), 2048 * 200000.0));
  }

  void aPhasesHardwareInputsLeaveEarlierHardwareAlone() {
    Project project = twoPhases(QStringLiteral("hgx-h100"));
    // Phase 2 buys servers of a 12 kW maximum; the H100s of phase 1 keep their catalog maximum. It
    // also sets an operating input, the electricity price, which every group pays from then on.
    project.phases[1].inputs.insert(InputId::systemMaxPowerWPerNode, 12000);
    project.phases[1].inputs.insert(InputId::costElectricityUsdPerKwh, 0.2);
    ScenarioErrors errors;
    const auto plan = PhasePlan::evaluate(project, errors);
    QVERIFY2(plan, qPrintable(errors.value(0).text()));
    const QMap<InputId, double> price{{InputId::costElectricityUsdPerKwh, 0.2}};
    QMap<InputId, double> hotterAndPrice = price;
    hotterAndPrice.insert(InputId::systemMaxPowerWPerNode, 12000);
    const OutputValues first = direct(project.scenario, QStringLiteral("hgx-h100"), 16384, price);
    const OutputValues second = direct(project.scenario, QStringLiteral("hgx-h100"), 16384, hotterAndPrice);
    QVERIFY(out(second, OutputId::powerItMw) > out(first, OutputId::powerItMw));
    for (OutputId id : {OutputId::powerItMw, OutputId::powerFacilityMw, OutputId::costEnergyUsdPerYear})
      QVERIFY2(close(out(plan->phases[1].site, id), out(first, id) + out(second, id)), outputSpec(id).path);
    // Phase 1 seen on its own is at its own price.
    const OutputValues firstAlone = direct(project.scenario, QStringLiteral("hgx-h100"), 16384);
    QVERIFY(close(out(plan->phases[0].site, OutputId::costEnergyUsdPerYear),
                  out(firstAlone, OutputId::costEnergyUsdPerYear)));
    QVERIFY(PhasePlan::isOperatingInput(InputId::costElectricityUsdPerKwh));
    QVERIFY(PhasePlan::isOperatingInput(InputId::siteGridMw));
    QVERIFY(!PhasePlan::isOperatingInput(InputId::systemGpuTdpW));
    QVERIFY(!PhasePlan::isOperatingInput(InputId::networkPlanes));
  }

  void theScheduleFollowsCrewsAndDeliveries() {
    Project project = twoPhases(QStringLiteral("hgx-h100"));
    // 10 crews of 4 racks a day: 40 racks a day, below 100 delivered.
    project.scenario.values.insert(InputId::scheduleCrews, 10);
    project.scenario.values.insert(InputId::scheduleRacksPerCrewPerDay, 4);
    project.scenario.values.insert(InputId::scheduleSiteReadyDays, 30);
    project.scenario.values.insert(InputId::scheduleBringUpDays, 5);
    // Phase 2 is limited by deliveries: 25 racks a day.
    project.phases[1].inputs.insert(InputId::scheduleRacksDeliveredPerDay, 25);
    ScenarioErrors errors;
    const auto plan = PhasePlan::evaluate(project, errors);
    QVERIFY2(plan, qPrintable(errors.value(0).text()));
    const PhaseResult& first = plan->phases[0];
    const double racks = out(first.added, OutputId::clusterRacks);
    QVERIFY(racks > 0);
    QVERIFY(close(out(first.added, OutputId::scheduleInstallDays), racks / 40.0));
    QVERIFY(close(out(first.added, OutputId::scheduleBuildDays), 30 + racks / 40.0 + 5));
    QCOMPARE(first.firstRack, QDate(2025, 1, 31));
    QCOMPARE(first.training, QDate(2025, 1, 1).addDays(static_cast<qint64>(std::ceil(35 + racks / 40.0))));
    const PhaseResult& second = plan->phases[1];
    QVERIFY(close(out(second.added, OutputId::scheduleInstallDays), out(second.added, OutputId::clusterRacks) / 25.0));
  }

  void aProjectWithoutPhasesIsOnePhase() {
    Project project;
    project.scenario.systemType = QStringLiteral("hgx-h100");
    project.scenario.values.insert(InputId::clusterGpus, 16384);
    ScenarioErrors errors;
    const auto plan = PhasePlan::evaluate(project, errors);
    QVERIFY(plan);
    QCOMPARE(plan->phases.size(), std::size_t{1});
    QCOMPARE(out(plan->phases[0].site, OutputId::clusterGpus), 16384.0);
  }

  void phasesReadFromADocumentNameTheirFaults() {
    const auto json = QJsonDocument::fromJson(R"([
      {"name": "a", "start": "2025-01-01", "systems": [{"type": "hgx-h100", "gpus": 1000}]},
      {"name": "b", "start": "2024-01-01", "systems": [{"type": "warp-drive", "gpus": 0}],
       "set": {"cost.electricityUsdPerKwh": -1, "cost.nonsense": 3}}
    ])");
    ScenarioErrors errors;
    QVERIFY(!PhasePlan::fromJson(json.array(), errors));
    QStringList fields;
    for (const ScenarioError& e : errors) fields << e.field;
    QVERIFY2(fields.contains(QStringLiteral("phases[2].start")), qPrintable(fields.join(',')));
    QVERIFY(fields.contains(QStringLiteral("phases[2].systems[1].type")));
    QVERIFY(fields.contains(QStringLiteral("phases[2].systems[1].gpus")));
    QVERIFY(fields.contains(QStringLiteral("phases[2].set.cost.electricityUsdPerKwh")));
    QVERIFY(fields.contains(QStringLiteral("phases[2].set.cost.nonsense")));

    // What toJson writes, fromJson reads back.
    const Project project = twoPhases(QStringLiteral("gb200-nvl72"));
    ScenarioErrors none;
    const auto back = PhasePlan::fromJson(PhasePlan::toJson(project.phases), none);
    QVERIFY(back);
    QVERIFY(*back == project.phases);
  }

  void theSampleHasThreePhasesAndAMillionGpus() {
    ScenarioErrors errors;
    const auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
    QVERIFY2(project, qPrintable(errors.value(0).text()));
    QVERIFY(project->phases.size() >= 3);
    const auto plan = PhasePlan::evaluate(*project, errors);
    QVERIFY2(plan, qPrintable(errors.value(0).text()));
    QCOMPARE(out(plan->phases.back().site, OutputId::clusterGpus), 1000000.0);
    // GPUs online only grow, each phase trains after it starts.
    for (std::size_t k = 1; k < plan->phases.size(); ++k) {
      QVERIFY(out(plan->phases[k].site, OutputId::clusterGpus) > out(plan->phases[k - 1].site, OutputId::clusterGpus));
      QVERIFY(plan->phases[k].training > plan->phases[k].start);
    }
  }

  void eachPhaseIsLaidOutInBuildingsOfItsOwn() {
    const Project project = twoPhases(QStringLiteral("gb200-nvl72"));
    ScenarioErrors errors;
    const auto layout = PhasePlan::layOut(project, HallTemplate{}, errors);
    QVERIFY2(layout, qPrintable(errors.value(0).text()));
    std::set<std::uint32_t> ids;
    double phaseOneEastM = 0, phaseTwoWestM = 1e300;
    for (const Rack& rack : layout->racks) {
      ids.insert(rack.id);
      QVERIFY(rack.phase <= 1);
      const Building& building = layout->buildings[static_cast<std::size_t>(
          layout->halls[static_cast<std::size_t>(layout->rows[static_cast<std::size_t>(rack.row)].hall)].building)];
      if (rack.phase == 0)
        phaseOneEastM = std::max(phaseOneEastM, building.xM + building.widthM);
      else
        phaseTwoWestM = std::min(phaseTwoWestM, building.xM);
      if (rack.role == RackRole::Compute)
        QCOMPARE(layout->systemTypes.value(rack.system),
                 rack.phase == 0 ? QStringLiteral("hgx-h100") : QStringLiteral("gb200-nvl72"));
    }
    QCOMPARE(ids.size(), layout->racks.size());  // every id once
    QVERIFY(phaseTwoWestM > phaseOneEastM);
  }

  void theFloorHoldsWhatTheFiguresCount() {
    ScenarioErrors errors;
    auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
    QVERIFY2(project, qPrintable(errors.value(0).text()));
    // Two types in one phase, and a phase that changes its hardware's power.
    project->phases[1].systems.push_back({QStringLiteral("hgx-h100-liquid"), 16384});
    project->phases[2].inputs.insert(InputId::systemGpuTdpW, 1400);
    const auto plan = PhasePlan::evaluate(*project, errors);
    QVERIFY2(plan, qPrintable(errors.value(0).text()));
    const auto layout = PhasePlan::layOut(*project, HallTemplate{}, errors);
    QVERIFY2(layout, qPrintable(errors.value(0).text()));
    // Per phase: compute racks and switches on the floor are those the phase's figures add.
    for (std::size_t k = 0; k < plan->phases.size(); ++k) {
      double computeRacks = 0, switches = 0;
      for (const Rack& rack : layout->racks) {
        if (rack.phase != k) continue;
        if (rack.role == RackRole::Compute)
          computeRacks += 1;
        else if (rack.role != RackRole::Cdu)
          switches += rack.units;
      }
      QCOMPARE(computeRacks, out(plan->phases[k].added, OutputId::clusterComputeRacks));
      QCOMPARE(switches, out(plan->phases[k].added, OutputId::networkSwitches));
    }
    // Building names stay unique when a phase buys two groups.
    std::set<QString> names;
    for (const Building& building : layout->buildings)
      QVERIFY2(names.insert(building.name).second, qPrintable(building.name));
  }

  void aPhasedSiteIsMeasuredOnItsFloor() {
    ScenarioErrors errors;
    auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
    QVERIFY(project);
    project->layout = *layOutProject(*project, HallTemplate{}, errors);
    const ProjectResult before = evaluateProject(*project);
    QVERIFY2(before.error.isEmpty(), qPrintable(before.error));
    // Every link the plan counts is routed on the floor, group by group.
    double routed = 0;
    for (const TierCabling& tier : before.evaluation.cabling.tiers) routed += tier.links;
    QVERIFY(std::fabs(routed - out(before.plan->phases.back().site, OutputId::networkLinks)) < 1e-6 * routed);
    // A rack links within its own group: the spines of the H200 phase reach no rack of another phase.
    const auto spine = std::find_if(project->layout.racks.begin(), project->layout.racks.end(),
                                    [](const Rack& r) { return r.phase == 1 && r.role == RackRole::Spine; });
    QVERIFY(spine != project->layout.racks.end());
    const auto links = linksOfRack(*project, before, static_cast<int>(spine - project->layout.racks.begin()));
    QVERIFY(!links.empty());
    for (const RackLink& link : links) QCOMPARE(project->layout.racks[static_cast<std::size_t>(link.rack)].phase, 1);
    const std::vector<float> longest = longestLinkPerRack(*project, before);
    QCOMPARE(longest.size(), project->layout.racks.size());
    QVERIFY(longest[static_cast<std::size_t>(spine - project->layout.racks.begin())] > 0);
    // The floor decides the media: a hall of the last phase moved 600 m away needs more fibre.
    int hall = -1;
    for (const Rack& rack : project->layout.racks)
      if (rack.phase == 2) hall = project->layout.rows[static_cast<std::size_t>(rack.row)].hall;
    QVERIFY(hall >= 0);
    QString error;
    auto move = LayoutCommands::moveHall(project->layout, hall, 0, 600, &error);
    QVERIFY2(move, qPrintable(error));
    move->redo();
    const ProjectResult after = evaluateProject(*project);
    QVERIFY(out(after.evaluation.outputs, OutputId::networkFiberKm) >
            out(before.evaluation.outputs, OutputId::networkFiberKm));
    // One evaluation: the plan's site after its last phase is the site's figures, output by output.
    for (std::size_t o = 0; o < kOutputCount; ++o) {
      const double site = after.evaluation.outputs[o], lastPhase = after.plan->phases.back().site[o];
      QVERIFY2(site == lastPhase || (std::isnan(site) && std::isnan(lastPhase)),
               outputSpec(static_cast<OutputId>(o)).path);
    }
  }

  void aFabricTheSwitchCannotBuildIsNotLaidOut() {
    Project project = twoPhases(QStringLiteral("hgx-h100"));
    project.phases[1].inputs.insert(InputId::networkTiers, 1);
    project.phases[1].systems = {{QStringLiteral("hgx-h100"), 500000}};
    ScenarioErrors errors;
    QVERIFY(!PhasePlan::layOut(project, HallTemplate{}, errors));
    QVERIFY(!errors.isEmpty());
    QVERIFY2(errors.front().field.startsWith(QStringLiteral("phases[2].")), qPrintable(errors.front().text()));
    ScenarioErrors planErrors;
    QVERIFY(!PhasePlan::evaluate(project, planErrors));
    QVERIFY(planErrors.front().field.startsWith(QStringLiteral("phases[2].")));
  }
};

QTEST_GUILESS_MAIN(TestPhasePlan)
#include "TestPhasePlan.moc"
