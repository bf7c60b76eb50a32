#include <QSet>

#include "ScenarioFixtures.h"
#include "layout/FabricCabling.h"
#include "layout/LayoutEvaluation.h"
#include "layout/LayoutGenerator.h"

using namespace gigaplan;
using namespace gigaplan::test;

namespace {
SiteLayout generateFor(const InputValues& inputs, const HallTemplate& hallTemplate = {}) {
  QString error;
  const auto layout =
      LayoutGenerator::generate(inputs, evaluate(inputs), QStringLiteral("gb200-nvl72"), hallTemplate, &error);
  if (!layout) qFatal("layout not generated: %s", qPrintable(error));
  return *layout;
}

double unitsOf(const SiteLayout& layout, RackRole role) {
  double units = 0;
  for (const Rack& rack : layout.racks)
    if (rack.role == role) units += rack.units;
  return units;
}
double racksOf(const SiteLayout& layout, RackRole role) {
  return static_cast<double>(
      std::count_if(layout.racks.begin(), layout.racks.end(), [role](const Rack& rack) { return rack.role == role; }));
}
}  // namespace

class TestLayoutGenerator : public QObject {
  Q_OBJECT
 private slots:
  void millionGpusLaidOutCompletely() {
    const InputValues inputs = presetInputs("gb200-nvl72-1m");
    const OutputValues outputs = evaluate(inputs);
    const SiteLayout layout = generateFor(inputs);
    // Compute racks hold the nodes: all full but the last, which holds the nodes left over.
    QCOMPARE(racksOf(layout, RackRole::Compute), at(outputs, OutputId::clusterComputeRacks));
    QCOMPARE(unitsOf(layout, RackRole::Compute), at(outputs, OutputId::clusterNodes));
    QCOMPARE(unitsOf(layout, RackRole::Leaf), at(outputs, OutputId::networkSwitchesTier1));
    QCOMPARE(unitsOf(layout, RackRole::Spine), at(outputs, OutputId::networkSwitchesTier2));
    QCOMPARE(unitsOf(layout, RackRole::Core),
             at(outputs, OutputId::networkSwitchesTier3) + at(outputs, OutputId::networkSwitchesTier4));
    // CDUs are sized per hall, so at least as many as for the whole site at once.
    QVERIFY(unitsOf(layout, RackRole::Cdu) >= at(outputs, OutputId::coolingCdus));

    // Every rack in a slot of its row, no two in one slot, ids unique.
    QSet<qint64> occupied;
    QSet<std::uint32_t> ids;
    for (const Rack& rack : layout.racks) {
      QVERIFY(rack.row >= 0 && rack.row < static_cast<int>(layout.rows.size()));
      QVERIFY(rack.slot >= 0 && rack.slot < layout.rows[static_cast<std::size_t>(rack.row)].slotCount);
      QVERIFY(!occupied.contains(qint64(rack.row) * 100000 + rack.slot));
      occupied.insert(qint64(rack.row) * 100000 + rack.slot);
      QVERIFY(!ids.contains(rack.id));
      ids.insert(rack.id);
    }
    // The generated site respects every hall's limits.
    const LayoutMetrics metrics = LayoutMetrics::measure(layout);
    QVERIFY2(metrics.findings.empty(), metrics.findings.empty() ? "" : qPrintable(metrics.findings.front().message));
    for (std::size_t h = 0; h < layout.halls.size(); ++h)
      QVERIFY(metrics.halls[h].itKw <= layout.halls[h].powerLimitMw * 1e3);
    QCOMPARE(metrics.computeRacks, static_cast<int>(at(outputs, OutputId::clusterComputeRacks)));
  }

  void hallsFollowThePowerLimit() {
    const InputValues inputs = presetInputs("colossus-150k-h100");
    HallTemplate small;
    small.hallPowerLimitMw = 10;
    small.hallCoolingLimitMw = 10;
    const SiteLayout layout = generateFor(inputs, small);
    const SiteLayout large = generateFor(inputs);
    QVERIFY(layout.halls.size() > 3 * large.halls.size());
    const LayoutMetrics metrics = LayoutMetrics::measure(layout);
    for (const HallMetrics& hall : metrics.halls) QVERIFY(hall.itKw <= 10e3);
    // Halls of four fill buildings.
    QCOMPARE(layout.buildings.size(), (layout.halls.size() + 3) / 4);
  }

  void templatesThatCannotHoldARack_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("powerMw");
    QTest::addColumn<QString>("field");
    QTest::newRow("too few rows") << 2 << 40.0 << "hallTemplate.rowsPerHall";
    QTest::newRow("feed below one rack") << 24 << 0.05 << "hallTemplate.hallPowerLimitMw";
  }
  void templatesThatCannotHoldARack() {
    QFETCH(int, rows);
    QFETCH(double, powerMw);
    QFETCH(QString, field);
    HallTemplate t;
    t.rowsPerHall = rows;
    t.hallPowerLimitMw = powerMw;
    const InputValues inputs = presetInputs("gb200-nvl72-1m");
    QString error;
    QVERIFY(!LayoutGenerator::generate(inputs, evaluate(inputs), QStringLiteral("gb200-nvl72"), t, &error));
    QVERIFY2(error.startsWith(field), qPrintable(error));
  }

  void cableLengthsFromRackPositions() {
    // One hall at the origin; a compute rack at slot 0 of a row at y = 3 m and its leaf rack at
    // slot 2: centres 1.2 m apart. (1.2 m + 4 m rise) x 1.1 slack = 5.72 m: an AEC link.
    SiteLayout layout;
    layout.halls.push_back(Hall{0, QStringLiteral("H"), 0, 0, 30, 20, 40, 40, 1500});
    layout.buildings.push_back(Building{QStringLiteral("B"), 0, 0, 30, 30});
    layout.rows.push_back(Row{0, 0.0, 3.0, 10});
    layout.rows.push_back(Row{0, 0.0, 9.0, 10});
    layout.racks.push_back(Rack{1, 0, 0, RackRole::Compute, 0, 0, 1, 100, 1000});
    layout.racks.push_back(Rack{2, 0, 2, RackRole::Leaf, 0, 0, 2, 5, 600});
    // A spine rack one row over and 3 slots along: 1.8 m + 6 m apart -> (7.8 + 4) x 1.1 = 12.98 m, multimode.
    layout.racks.push_back(Rack{3, 1, 5, RackRole::Spine, 0, 0, 1, 5, 600});
    OutputValues outputs{};
    outputs[static_cast<std::size_t>(OutputId::networkLinksTier1)] = 64;
    outputs[static_cast<std::size_t>(OutputId::networkLinksTier2)] = 32;
    outputs[static_cast<std::size_t>(OutputId::networkTiers)] = 2;
    const std::array<double, 5> reach = {3, 7, 50, 500, 2000};
    const FabricCabling cabling = FabricCabling::route(layout, outputs, reach);
    QCOMPARE(cabling.tiers[0].links, 64.0);
    QCOMPARE(cabling.tiers[0].linksByReach[static_cast<std::size_t>(ReachClass::Aec)], 64.0);
    GIGAPLAN_COMPARE_NEAR(cabling.tiers[0].longestM, 5.72, 1e-12);
    GIGAPLAN_COMPARE_NEAR(cabling.tiers[0].totalLengthM, 64 * 5.72, 1e-12);
    QCOMPARE(cabling.tiers[1].linksByReach[static_cast<std::size_t>(ReachClass::Multimode)], 32.0);
    GIGAPLAN_COMPARE_NEAR(cabling.tiers[1].longestM, 12.98, 1e-12);
    QVERIFY(cabling.findings.empty());

    // Move the spine's hall 3 km away: the uplinks are beyond every module's reach.
    layout.halls.push_back(Hall{0, QStringLiteral("Far"), 3000, 0, 30, 20, 40, 40, 1500});
    layout.rows[1].hall = 1;
    const FabricCabling far = FabricCabling::route(layout, outputs, reach);
    QCOMPARE(far.tiers[1].beyondReach, 32.0);
    QCOMPARE(far.findings.size(), std::size_t(1));
    QVERIFY(far.findings.front().object.contains(QStringLiteral("leaf-to-spine")));
  }

  void derivedFiguresAndFindings() {
    // A 30 m x 20 m hall (600 m2) with a 0.15 MW feed and a 600 kg/m2 floor; two 100 kW compute
    // racks of 1,000 kg and a CDU. Each rack spreads over 0.6 m x (1.2 m + 1.2 m aisle) = 1.44 m2.
    SiteLayout layout;
    layout.buildings.push_back(Building{QStringLiteral("B"), 0, 0, 30, 32});
    layout.halls.push_back(Hall{0, QStringLiteral("H1"), 0, 0, 30, 20, 0.15, 0.25, 600});
    layout.rows.push_back(Row{0, 3.0, 3.0, 10});
    layout.racks.push_back(Rack{1, 0, 0, RackRole::Compute, 0, 0, 1, 100, 1000});
    layout.racks.push_back(Rack{2, 0, 1, RackRole::Compute, 0, 0, 1, 100, 500});
    layout.racks.push_back(Rack{3, 0, 2, RackRole::Cdu, 0, 0, 1, 8, 800});
    const LayoutMetrics metrics = LayoutMetrics::measure(layout);
    QCOMPARE(metrics.hallFloorM2, 600.0);
    QCOMPARE(metrics.buildingFloorM2, 960.0);
    QCOMPARE(metrics.itKw, 200.0);  // the CDU's pumps are cooling, not IT
    QCOMPARE(metrics.halls[0].kwPerComputeRack, 100.0);
    GIGAPLAN_COMPARE_NEAR(metrics.halls[0].kwPerM2, 200.0 / 600.0, 1e-12);
    GIGAPLAN_COMPARE_NEAR(metrics.maxFloorLoadKgM2, 1000.0 / 1.44, 1e-9);
    QCOMPARE(metrics.rows[0].kw, 200.0);
    // Over the 0.15 MW feed (not over the 0.25 MW cooling), rack 1 over the floor rating.
    QCOMPARE(metrics.findings.size(), std::size_t(2));
    QCOMPARE(metrics.findings[0].kind, LayoutFinding::Kind::FloorLoad);
    QCOMPARE(metrics.findings[0].object, QStringLiteral("rack 1"));
    QCOMPARE(metrics.findings[1].kind, LayoutFinding::Kind::HallPower);
    QCOMPARE(metrics.findings[1].object, QStringLiteral("hall H1"));
    QVERIFY(metrics.findings[1].message.contains(QStringLiteral("0.20 MW of racks on a 0.15 MW feed")));
  }

  void layoutMediaReplaceTheAssumption() {
    ScenarioErrors errors;
    const auto scenario = PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors);
    const InputValues inputs = presetInputs("gb200-nvl72-1m");
    const OutputValues engine = evaluate(inputs);
    const SiteLayout layout = generateFor(inputs);
    const LayoutEvaluation result = LayoutEvaluation::evaluate(
        inputs, layout, LayoutEvaluation::reachLimits(*scenario, HardwareCatalog::bundled()));
    // Every link measured, and the links per tier are the engine's.
    for (std::size_t tier = 0; tier < 3; ++tier)
      GIGAPLAN_COMPARE_NEAR(result.cabling.tiers[tier].links,
                            engine[static_cast<std::size_t>(OutputId::networkLinksTier1) + tier], 1e-9);
    QVERIFY(result.findings().empty());
    // IT power moves by exactly the change in media power.
    const double mediaDelta =
        at(result.outputs, OutputId::networkMediaPowerMw) - at(engine, OutputId::networkMediaPowerMw);
    QVERIFY(std::fabs(mediaDelta) > 0.1);
    GIGAPLAN_COMPARE_NEAR(at(result.outputs, OutputId::powerItMw), at(engine, OutputId::powerItMw) + mediaDelta, 1e-12);
    // Short in-row links: the layout finds copper and AEC links the engine's assumption did not.
    QVERIFY(at(result.outputs, OutputId::networkCablesAec) + at(result.outputs, OutputId::networkCablesCopper) > 0);
    QCOMPARE(at(result.outputs, OutputId::clusterSiteAreaM2), result.metrics.siteAreaM2);

    // Every hall has an electrical room on its north wall, inside its building, holding
    // transformers and UPS for the hall's load with N+1 redundancy.
    const HallMetrics& first = result.metrics.halls.front();
    const Hall& hall = layout.halls.front();
    const Building& building = layout.buildings[static_cast<std::size_t>(hall.building)];
    QCOMPARE(first.electricalRoomYM, hall.yM + hall.depthM);
    QVERIFY(first.electricalRoomYM + first.electricalRoomDepthM <= building.yM + building.depthM + 1e-9);
    const double hallFacilityMva = first.itKw * 1e-3 * at(result.outputs, OutputId::powerPue) / 0.95;
    QCOMPARE(first.transformers, std::ceil(hallFacilityMva / 3.0) + 1);
    QCOMPARE(first.upsModules, std::ceil(first.itKw * 1e-3 / 1.5) + 1);
  }
};

QTEST_APPLESS_MAIN(TestLayoutGenerator)
#include "TestLayoutGenerator.moc"
