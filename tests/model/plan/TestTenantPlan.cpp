// Tenants on one cluster: GPUs taken from the system groups, what isolation costs in switches,
// ports and bisection (checked by hand below), each tenant's economics and reliability, the
// racks each holds on the floor, and tenants read from scenario documents.
#include <QJsonDocument>
#include <QTest>
#include <set>

#include "engine/Evaluator.h"
#include "plan/PresetLibrary.h"
#include "plan/ProjectEvaluation.h"
#include "plan/TenantPlan.h"

using namespace gigaplan;

namespace {

/// 16,384 H100 on a non-blocking fabric of 64-port 400G switches: 8 GPUs and 8 rails a node,
/// 32 ports down and 32 up at each tier, three tiers. One shared fabric has 8 x 64 = 512
/// leaves, 512 spines and 256 core switches: 1,280.
Project h100Cluster() {
  Project project;
  project.scenario.systemType = QStringLiteral("hgx-h100");
  project.scenario.switchModel = QStringLiteral("quantum-2-qm9700");
  project.scenario.values.insert(InputId::clusterGpus, 16384);
  return project;
}

Tenant tenant(const QString& name, double gpus, TenantIsolation isolation, double price = 2.0,
              double utilization = 0.8) {
  Tenant t;
  t.name = name;
  t.gpus = gpus;
  t.isolation = isolation;
  t.priceUsdPerGpuHour = price;
  t.utilization = utilization;
  return t;
}

struct Evaluated {
  PhasePlan plan;
  TenantPlan tenants;
};

Evaluated evaluateTenants(const Project& project) {
  ScenarioErrors errors;
  const auto plan = PhasePlan::evaluate(project, errors);
  if (!plan) qFatal("%s", qPrintable(errors.value(0).text()));
  const auto tenants = TenantPlan::evaluate(project, *plan, errors);
  if (!tenants) qFatal("%s", qPrintable(errors.value(0).text()));
  return {*plan, *tenants};
}

bool close(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

}  // namespace

class TestTenantPlan : public QObject {
  Q_OBJECT
 private slots:
  void theSharedFabricIsTheEnginesFabric() {
    Project project = h100Cluster();
    project.tenants = {tenant(QStringLiteral("lab"), 4000, TenantIsolation::SharedFabric)};
    const Evaluated e = evaluateTenants(project);
    const OutputValues& site = e.plan.groupOutputs.front();
    QCOMPARE(valueOf(site, OutputId::networkSwitches), 1280.0);
    QCOMPARE(valueOf(site, OutputId::networkTiers), 3.0);
    QCOMPARE(e.tenants.tenants[0].isolationSwitches, 0.0);
    QCOMPARE(e.tenants.tenants[0].strandedPorts, 0.0);
    QCOMPARE(e.tenants.tenants[0].bisectionLostPbps, 0.0);
  }

  void ownLeavesCostLeavesAndTheSpinePortsTheirUplinksTake() {
    Project project = h100Cluster();
    project.tenants = {tenant(QStringLiteral("lab"), 4000, TenantIsolation::OwnLeaves)};
    const Evaluated e = evaluateTenants(project);
    const TenantFigures& lab = e.tenants.tenants[0];
    // The lab: 500 nodes on 8 x ceil(500 / 32) = 128 leaves; the rest: 1,548 nodes on
    // 8 x ceil(1,548 / 32) = 392. 520 leaves instead of 512: 8 more, whose 256 uplinks take
    // 8 more spines, whose uplinks take 4 more core switches. 20 switches.
    QCOMPARE(lab.isolationSwitches, 20.0);
    // 520 leaves x 32 down-ports carry the same 16,384 NIC links: 256 ports stand unused.
    QCOMPARE(lab.strandedPorts, 256.0);
    QCOMPARE(lab.bisectionLostPbps, 0.0);
    const double switchPrice = valueOf(e.plan.groupInputs.front(), InputId::networkSwitchPriceUsd);
    QVERIFY(switchPrice > 0);
    QCOMPARE(lab.isolationCapexUsd, 20 * switchPrice);
    QCOMPARE(valueOf(
                 [&] {
                   OutputValues site{};
                   e.tenants.applyTo(site);
                   return site;
                 }(),
                 OutputId::tenantsIsolationSwitches),
             20.0);
  }

  void anOwnPlaneLosesTheBisectionToTheRest() {
    Project project = h100Cluster();
    project.tenants = {tenant(QStringLiteral("lab"), 4000, TenantIsolation::OwnPlane)};
    const Evaluated e = evaluateTenants(project);
    const TenantFigures& lab = e.tenants.tenants[0];
    // Two fabrics of three tiers: 128 + 128 + 64 and 392 + 392 + 196 = 1,300, 20 more.
    QCOMPARE(lab.isolationSwitches, 20.0);
    // Non-blocking: 400 Gb/s per GPU across any cut; the 4,000 GPUs lose it to the rest, 1.6 Pb/s.
    QCOMPARE(valueOf(e.plan.groupOutputs.front(), OutputId::networkBisectionPerGpuGbps), 400.0);
    QVERIFY(close(lab.bisectionLostPbps, 1.6));
  }

  void ownHallsKeepLeavesAndSpinesApart() {
    Project project = h100Cluster();
    project.scenario.values.insert(InputId::networkOversubscriptionTier1, 2);  // leaves: 42 down, 22 up
    project.tenants = {tenant(QStringLiteral("lab"), 4000, TenantIsolation::OwnHalls)};
    const Evaluated e = evaluateTenants(project);
    // Shared: 8 x ceil(2,048 / 42) = 392 leaves, ceil(392 x 22 / 32) = 270 spines,
    // ceil(270 x 32 / 64) = 135 core: 797.
    QCOMPARE(valueOf(e.plan.groupOutputs.front(), OutputId::networkSwitches), 797.0);
    // The lab: 8 x ceil(500 / 42) = 96 leaves, ceil(96 x 22 / 32) = 66 spines; the rest:
    // 8 x ceil(1,548 / 42) = 296 leaves, ceil(296 x 22 / 32) = 204 spines; core
    // ceil(270 x 32 / 64) = 135. 392 + 270 + 135 = 797: this split costs no switch.
    QCOMPARE(e.tenants.tenants[0].isolationSwitches, 0.0);
    // With 4,200 GPUs (525 nodes): 8 x 13 = 104 leaves, 72 spines; the rest 1,523 nodes:
    // 8 x 37 = 296 leaves, 204 spines; core ceil(276 x 32 / 64) = 138. Against 797:
    // 104 + 296 + 72 + 204 + 138 = 814, 17 more.
    project.tenants[0].gpus = 4200;
    QCOMPARE(evaluateTenants(project).tenants.tenants[0].isolationSwitches, 17.0);
  }

  void eachTenantEarnsAndPaysItsShare() {
    Project project = h100Cluster();
    project.tenants = {tenant(QStringLiteral("lab"), 4096, TenantIsolation::SharedFabric, 2.0, 0.8),
                       tenant(QStringLiteral("own use"), 8192, TenantIsolation::SharedFabric, 0.0, 1.0)};
    const Evaluated e = evaluateTenants(project);
    const OutputValues& site = e.plan.groupOutputs.front();
    const TenantFigures& lab = e.tenants.tenants[0];
    // A quarter of the GPUs: a quarter of the power, capex and TCO.
    QVERIFY(close(lab.facilityMw, valueOf(site, OutputId::powerFacilityMw) / 4));
    QVERIFY(close(lab.capexUsd, valueOf(site, OutputId::costCapexUsd) / 4));
    QVERIFY(close(lab.costUsdPerYear, valueOf(site, OutputId::costTcoUsdPerYear) / 4));
    QVERIFY(close(lab.powerShare, 0.25));
    // 4,096 GPUs x 8,760 h x 0.8 x $2 = $57,409,536 a year.
    QVERIFY(close(lab.revenueUsdPerYear, 57409536.0));
    QVERIFY(close(lab.marginUsdPerYear, 57409536.0 - valueOf(site, OutputId::costTcoUsdPerYear) / 4));
    const double opex =
        (valueOf(site, OutputId::costEnergyUsdPerYear) + valueOf(site, OutputId::costMaintenanceUsdPerYear) +
         valueOf(site, OutputId::costStaffUsdPerYear)) /
        4;
    QVERIFY(close(lab.paybackYears, lab.capexUsd / (57409536.0 - opex)));
    // The operator's own use earns nothing: it never pays back on its own.
    QVERIFY(std::isinf(e.tenants.tenants[1].paybackYears));
    // The 4,096 GPUs nobody rents are spare; the operator bears every cost and earns every revenue.
    QCOMPARE(e.tenants.spare.gpus, 4096.0);
    QVERIFY(close(e.tenants.operatorTotal.costUsdPerYear, valueOf(site, OutputId::costTcoUsdPerYear)));
    QVERIFY(close(e.tenants.operatorTotal.revenueUsdPerYear, 57409536.0));
    // Its largest job spans its 4,096 GPUs: a quarter of the unexpected interruptions, plus every planned one.
    const double unexpected = valueOf(site, OutputId::reliabilityUnexpectedPerDay);
    const double planned = valueOf(site, OutputId::reliabilityInterruptionsPerDay) - unexpected;
    QCOMPARE(lab.largestJobGpus, 4096.0);
    QVERIFY(close(lab.interruptionsPerDay, unexpected / 4 + planned));
    QVERIFY(close(lab.mtbiHours, 24.0 / (unexpected / 4)));
  }

  void tenantsTakeTheirSystemAndNoMoreThanThereIs() {
    ScenarioErrors errors;
    auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
    QVERIFY2(project, qPrintable(errors.value(0).text()));
    QCOMPARE(project->tenants.size(), std::size_t{2});
    const Evaluated e = evaluateTenants(*project);
    // The partner rents GB200 only; the operator's 600,000 come first, in phase order.
    const TenantFigures& partner = e.tenants.tenants[1];
    QCOMPARE(partner.shares.size(), std::size_t{1});
    QCOMPARE(e.plan.groups[partner.shares[0].group].systemType, QStringLiteral("gb200-nvl72"));
    QCOMPARE(e.tenants.tenants[0].shares.size(), std::size_t{3});
    QCOMPARE(e.tenants.spare.gpus, 0.0);
    project->tenants[1].gpus = 500000;
    const auto plan = PhasePlan::evaluate(*project, errors);
    QVERIFY(!TenantPlan::evaluate(*project, *plan, errors));
    QCOMPARE(errors.back().field, QStringLiteral("tenants[2].gpus"));
    QVERIFY2(errors.back().message.contains(QStringLiteral("400000")), qPrintable(errors.back().message));
  }

  void tenantsThatDoNotFitLeaveTheOtherFiguresStanding() {
    Project project = h100Cluster();
    project.tenants = {tenant(QStringLiteral("lab"), 20000, TenantIsolation::SharedFabric)};
    const ProjectResult result = evaluateProject(project);
    QVERIFY(result.error.isEmpty());
    QVERIFY2(result.tenantError.startsWith(QStringLiteral("tenants[1].gpus")), qPrintable(result.tenantError));
    QVERIFY(!result.tenants);
    QCOMPARE(valueOf(result.evaluation.outputs, OutputId::clusterGpus), 16384.0);
  }

  void theFloorMarksEachTenantsRacks() {
    ScenarioErrors errors;
    auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
    QVERIFY(project);
    const auto layout = layOutProject(*project, HallTemplate{}, errors);
    QVERIFY2(layout, qPrintable(errors.value(0).text()));
    project->layout = *layout;
    const std::vector<double> gpus = TenantPlan::floorGpus(*project, *PhasePlan::evaluate(*project, errors));
    // Every GPU is rented: no compute rack is left without a tenant.
    QCOMPARE(gpus[0], 0.0);
    // The partner holds whole halls: every rack of a hall it is in is its own. It gets at least
    // its 400,000 GPUs and less than one hall more; the operator's shared racks take the rest.
    std::map<int, std::set<int>> tenantsOfHall;
    std::map<int, double> gpusOfHall;
    for (const Rack& rack : layout->racks) {
      const int hall = layout->rows[static_cast<std::size_t>(rack.row)].hall;
      tenantsOfHall[hall].insert(rack.tenant);
      if (rack.role == RackRole::Compute) gpusOfHall[hall] += 72;  // only GB200 halls are counted below
    }
    int partnerHalls = 0;
    double largestHall = 0;
    for (const auto& [hall, tenants] : tenantsOfHall)
      if (tenants.count(2)) {
        ++partnerHalls;
        QCOMPARE(tenants.size(), std::size_t{1});
        largestHall = std::max(largestHall, gpusOfHall[hall]);
      }
    QVERIFY(partnerHalls > 0);
    QVERIFY2(gpus[2] >= 400000 && gpus[2] < 400000 + largestHall, qPrintable(QString::number(gpus[2])));
    QVERIFY(gpus[1] > 500000);
  }

  void tenantsReadFromADocumentNameTheirFaults() {
    const auto json = QJsonDocument::fromJson(R"([
      {"name": "a", "gpus": 1000, "isolation": "own-leaves", "priceUsdPerGpuHour": 2.5},
      {"name": "a", "gpus": -5, "system": "warp-drive", "isolation": "walls", "utilization": 1.5, "colour": "red"}
    ])");
    ScenarioErrors errors;
    QVERIFY(!TenantPlan::fromJson(json.array(), errors));
    QStringList fields;
    for (const ScenarioError& e : errors) fields << e.field;
    for (const char* field : {"tenants[2].name", "tenants[2].gpus", "tenants[2].system", "tenants[2].isolation",
                              "tenants[2].utilization", "tenants[2].colour"})
      QVERIFY2(fields.contains(QString::fromLatin1(field)),
               qPrintable(fields.join(',') + QStringLiteral(" lacks ") + field));
    // What toJson writes, fromJson reads back.
    const std::vector<Tenant> tenants = {tenant(QStringLiteral("lab"), 4000, TenantIsolation::OwnPlane, 3.0, 0.7)};
    ScenarioErrors none;
    const auto back = TenantPlan::fromJson(TenantPlan::toJson(tenants), none);
    QVERIFY(back);
    QVERIFY(*back == tenants);
  }
};

QTEST_GUILESS_MAIN(TestTenantPlan)
#include "TestTenantPlan.moc"
