#include "ScenarioFixtures.h"
#include "engine/FabricEstimator.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestFabricEstimator : public QObject {
  Q_OBJECT
 private slots:
  void referenceFabrics_data() {
    QTest::addColumn<QString>("preset");
    QTest::addColumn<double>("tiers");
    QTest::addColumn<double>("leaf");
    QTest::addColumn<double>("spine");
    QTest::addColumn<double>("core");
    // NVIDIA DGX SuperPOD reference architectures and the k=64 fat-tree formulas.
    QTest::newRow("H100 1 SU") << "superpod-h100-1su" << 2.0 << 8.0 << 4.0 << 0.0;
    QTest::newRow("H100 3 SU, spines for 4 SU") << "superpod-h100-3su" << 2.0 << 24.0 << 16.0 << 0.0;
    QTest::newRow("B200 8 SU") << "superpod-b200-8su" << 2.0 << 64.0 << 32.0 << 0.0;
    QTest::newRow("B200 16 SU") << "superpod-b200-16su" << 3.0 << 128.0 << 128.0 << 64.0;
    QTest::newRow("B200 64 SU") << "superpod-b200-64su" << 3.0 << 512.0 << 512.0 << 256.0;
    QTest::newRow("k=64, 3 tiers full") << "fat-tree-k64-3tier" << 3.0 << 2048.0 << 2048.0 << 1024.0;
  }
  void referenceFabrics() {
    QFETCH(QString, preset);
    QFETCH(double, tiers);
    QFETCH(double, leaf);
    QFETCH(double, spine);
    QFETCH(double, core);
    const OutputValues out = evaluatePreset(preset);
    QCOMPARE(at(out, OutputId::networkFeasible), 1.0);
    QCOMPARE(at(out, OutputId::networkTiers), tiers);
    QCOMPARE(at(out, OutputId::networkSwitchesTier1), leaf);
    QCOMPARE(at(out, OutputId::networkSwitchesTier2), spine);
    QCOMPARE(at(out, OutputId::networkSwitchesTier3), core);
    QCOMPARE(at(out, OutputId::networkSwitchesTier4), 0.0);
  }

  void millionGpusTakeTwoPlanesOfThreeTiers() {
    // 800G NICs on 144 x 800G switches: one plane would need 4 tiers (144^3/4 = 746,496 < 1M);
    // two planes of 400G links give 288 ports per switch and 288^3/4 = 5,971,968 per plane.
    const OutputValues out = evaluatePreset("gb200-nvl72-1m");
    QCOMPARE(at(out, OutputId::networkPlanes), 2.0);
    QCOMPARE(at(out, OutputId::networkTiers), 3.0);
    QCOMPARE(at(out, OutputId::networkLinkGbps), 400.0);
    QCOMPARE(at(out, OutputId::networkEffectiveRadix), 288.0);
    QCOMPARE(at(out, OutputId::networkMaxEndpointsPerPlane), 5971968.0);
    // Leaves per plane: 4 rails x ceil(250,000 trays / 144) = 6,948; spines the same; core half.
    QCOMPARE(at(out, OutputId::networkSwitchesTier1), 2 * 6948.0);
    QCOMPARE(at(out, OutputId::networkSwitchesTier2), 2 * 6948.0);
    QCOMPARE(at(out, OutputId::networkSwitchesTier3), 2 * 3474.0);
    QCOMPARE(at(out, OutputId::networkLinksTier1), 2e6);
    // Non-blocking: 1M GPUs x 800 Gb/s / 2 = 400 Pb/s, the full NIC rate per GPU.
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkBisectionPbps), 400.0, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkBisectionPerGpuGbps), 800.0, 1e-12);
  }

  void fourTiersWhenPlanesCannotHelp() {
    // 64-port 400G switches: two planes of 200G give k=128 and 524,288 per plane, still short of
    // 1M; four planes would split below the 200G minimum. So one plane of four tiers (k^4/8).
    const OutputValues out =
        evaluatePreset("h100-100k-400g", {{"cluster.gpus", "1000000"}, {"network.switch", "quantum-2-qm9700"}});
    QCOMPARE(at(out, OutputId::networkPlanes), 1.0);
    QCOMPARE(at(out, OutputId::networkTiers), 4.0);
    QCOMPARE(at(out, OutputId::networkMaxEndpointsPerPlane), 2097152.0);
    QVERIFY(at(out, OutputId::networkSwitchesTier4) > 0);
  }

  void ethernetPortsBreakOut() {
    // A 64 x 800G switch serves 128 NICs of 400G.
    const OutputValues out = evaluatePreset("colossus-150k-h100");
    QCOMPARE(at(out, OutputId::networkEffectiveRadix), 128.0);
    QCOMPARE(at(out, OutputId::networkPlanes), 1.0);
    QCOMPARE(at(out, OutputId::networkTiers), 3.0);
  }

  void oversubscribedLeaves() {
    // 2:1 at the leaf of a 64-port switch: 42 down, 22 up. 2,048 nodes x 8 rails:
    // leaves 8 x ceil(2048/42) = 392; spines ceil(392 x 22 / 32) = 270; core ceil(270 x 32 / 64) = 135.
    // Narrowest boundary: 392 x 22 = 8,624 links -> bisection 8,624 x 400 / 2 Gb/s.
    const OutputValues out = evaluatePreset("llama3-16k-h100", {{"network.oversubscriptionTier1", "2"}});
    QCOMPARE(at(out, OutputId::networkSwitchesTier1), 392.0);
    QCOMPARE(at(out, OutputId::networkSwitchesTier2), 270.0);
    QCOMPARE(at(out, OutputId::networkSwitchesTier3), 135.0);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkBisectionPbps), 1.7248, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkBisectionPerGpuGbps), 210.546875, 1e-12);
  }

  void allReduceTime() {
    // 16,384 GPUs in domains of 8 at 450 GB/s, 50 GB/s per GPU across 2,048 domains, 1 GB:
    // 2(7/8)(1e9/450e9) + 2(2047/2048)(1.25e8/50e9) + 2 log2(8) 3 us + 2 log2(2048) 10 us = 9.12445 ms.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkAllReduceMs), 9.12444748263889, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkAllReduceBusGBps), 219.17797581636293, 1e-9);
  }

  void mediaFollowTheReachClasses() {
    // Llama cluster, 3 tiers of 400G links on QM9700s (64 ports in 32 twin-port cages), DGX H100
    // nodes (8 NICs in 4 twin-port cages), twin-port 800G modules: every module carries two links.
    // Tier 1 multimode: 8,192 at the NICs + 8,192 at the leaves; tiers 2 and 3: two ends of 8,192.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    QCOMPARE(at(out, OutputId::networkTransceiversMultimode), 16384.0);
    QCOMPARE(at(out, OutputId::networkTransceiversSinglemodeDr), 16384.0);
    QCOMPARE(at(out, OutputId::networkTransceiversSinglemodeFr), 16384.0);
    QCOMPARE(at(out, OutputId::networkCablesFiber), 3 * 16384.0);
    // 16,384 x (20 m + 80 m + 300 m)
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkFiberKm), 327.68 + 1310.72 + 4915.2, 1e-12);
    // Power and price stay per 400 Gb/s of link end: 32,768 ends per tier x (7.5 + 8 + 8.5) W.
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkMediaPowerMw), 32768 * (7.5 + 8 + 8.5) * 1e-6, 1e-12);
    // An 800G copper cable carries two 400G links (a twin-port cage at each end).
    const OutputValues copper = evaluatePreset("llama3-16k-h100", {{"network.tier1Reach", "copper"}});
    QCOMPARE(at(copper, OutputId::networkCablesCopper), 8192.0);
    QCOMPARE(at(copper, OutputId::networkTransceiversMultimode), 0.0);
    const OutputValues breakout =
        evaluatePreset("llama3-16k-h100", {{"network.tier1Reach", "copper"}, {"optics.copper.module", "dac-400g"}});
    QCOMPARE(at(breakout, OutputId::networkCablesCopper), 16384.0);
  }

  void singlePortModulesAreOnePerLinkEnd() {
    // 400G single-port modules: one per NIC port and one per leaf port.
    const OutputValues out = evaluatePreset("llama3-16k-h100", {{"optics.multimode.module", "osfp-400g-sr4"}});
    QCOMPARE(at(out, OutputId::networkTransceiversMultimode), 2 * 16384.0);
    // Servers with a cage per NIC take a module per NIC even with twin-port modules at the switch.
    const OutputValues oneNicPerCage = evaluatePreset("llama3-16k-h100", {{"system.nicPortsPerCage", "1"}});
    QCOMPARE(at(oneNicPerCage, OutputId::networkTransceiversMultimode), 16384.0 + 8192.0);
  }

  void coPackagedOpticsBuyNoSwitchModules() {
    // Quantum-X Photonics: 800G NICs to CPO leaves; only the NIC ends buy modules, and only their
    // media power and price is counted apart from the switch's.
    const OutputValues pluggable = evaluatePreset("superpod-b300-xdr-1su");
    const OutputValues cpo = evaluatePreset("superpod-b300-xdr-1su", {{"network.switch", "quantum-x-photonics-q3450"}});
    QCOMPARE(at(cpo, OutputId::networkTransceiversSinglemodeDr), 0.0);
    QCOMPARE(at(cpo, OutputId::networkTransceiversMultimode), 576.0);
    QVERIFY(at(pluggable, OutputId::networkTransceiversMultimode) > 576.0);
    // 576 NIC ends of 800G = 1,152 ends of 400G at the multimode price.
    GIGAPLAN_COMPARE_NEAR(at(cpo, OutputId::networkMediaPowerMw), 1152 * 7.5 * 1e-6, 1e-12);
  }

  void upperLinksAtTheirOwnSpeed() {
    // Alibaba HPN-style pod: 400G NICs as 2 x 200G over two planes, 51.2 Tb/s switches (64 x 800G),
    // 400G uplinks. A leaf: 256 ports at 200G, half the bandwidth down (128 links), half up at 400G
    // (64 links). 15,360 GPUs: 8 rails x ceil(1,920 / 128) = 120 leaves and 60 spines per plane.
    const OutputValues out = evaluatePreset("alibaba-hpn-pod");
    QCOMPARE(at(out, OutputId::networkLinkGbps), 200.0);
    QCOMPARE(at(out, OutputId::networkUplinkGbps), 400.0);
    QCOMPARE(at(out, OutputId::networkSwitchesTier1), 2 * 120.0);
    QCOMPARE(at(out, OutputId::networkSwitchesTier2), 2 * 60.0);
    QCOMPARE(at(out, OutputId::networkLinksTier2), 2 * 120 * 64.0);
    QCOMPARE(at(out, OutputId::networkMaxEndpointsPerPlane), 128 * 128.0);
    // Non-blocking: 15,360 x 200G down = 7,680 x 400G up per plane; 400 Gb/s per GPU.
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkBisectionPerGpuGbps), 400.0, 1e-12);
    // At one speed the same fabric needs twice the upper links, each module of 400G carrying one.
    const OutputValues flat = evaluatePreset("alibaba-hpn-pod", {{"network.uplinkGbps", "0"}});
    QCOMPARE(at(flat, OutputId::networkLinksTier2), 2 * 120 * 128.0);
    GIGAPLAN_COMPARE_NEAR(at(flat, OutputId::networkBisectionPerGpuGbps), 400.0, 1e-12);
    // Media are priced per 400G of link end: the same upper bandwidth costs the same either way.
    QVERIFY(at(out, OutputId::networkCablesFiber) < at(flat, OutputId::networkCablesFiber));
  }

  void coreLinksAtTheirOwnSpeed() {
    // Llama cluster on 64 x 400G switches with 800G links above the spines (two ports bonded): a
    // spine has 32 links down at 400G and 16 up at 800G; a core switch 32 ports of 800G. Half the
    // core links, the same bandwidth, and the same 256 core switches; a plane reaches 32 x 32 x 32.
    const OutputValues flat = evaluatePreset("llama3-16k-h100");
    const OutputValues out = evaluatePreset("llama3-16k-h100", {{"network.coreLinkGbps", "800"}});
    QCOMPARE(at(out, OutputId::networkCoreLinkGbps), 800.0);
    QCOMPARE(at(out, OutputId::networkUplinkGbps), 400.0);
    QCOMPARE(at(out, OutputId::networkLinksTier3), at(flat, OutputId::networkLinksTier3) / 2);
    QCOMPARE(at(out, OutputId::networkSwitchesTier3), at(flat, OutputId::networkSwitchesTier3));
    QCOMPARE(at(out, OutputId::networkMaxEndpointsPerPlane), 32.0 * 32 * 32);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkBisectionPbps), at(flat, OutputId::networkBisectionPbps), 1e-12);
    // Media are priced per 400G of link end: the same core bandwidth, the same FR media power.
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::networkMediaPowerMw), at(flat, OutputId::networkMediaPowerMw), 1e-12);
  }

  void extraEndpointsTakeLeafPortsAndLinks() {
    // DGX SuperPOD H100, 1 SU: 31 nodes and the UFM's 4 links fill 8 leaves of 32 down ports.
    const OutputValues out = evaluatePreset("superpod-h100-1su");
    QCOMPARE(at(out, OutputId::networkEndpointsPerPlane), 252.0);
    QCOMPARE(at(out, OutputId::networkLinksTier1), 252.0);
    QCOMPARE(at(out, OutputId::networkSwitchesTier1), 8.0);
    // A full SU of 32 nodes leaves no room: the UFM's links need another leaf per rail.
    const OutputValues full = evaluatePreset("superpod-h100-1su", {{"cluster.gpus", "256"}});
    QCOMPARE(at(full, OutputId::networkSwitchesTier1), 16.0);
    // Per scalable unit: 2 extra endpoints in each of 4 units of 256 GPUs.
    const OutputValues perUnit = evaluatePreset(
        "superpod-h100-4su",
        {{"network.extraEndpoints", "0"}, {"network.extraEndpointsPerSu", "2"}, {"network.scalableUnitGpus", "256"}});
    QCOMPARE(at(perUnit, OutputId::networkLinksTier1), 1016.0 + 8);
  }

  void podsCountSpinesPerPod() {
    // Llama cluster (2,048 nodes, 32 down ports): pods of 1,024 GPUs (128 nodes, 32 leaves under
    // 32 spines): 16 pods, 512 spines, as counting all leaves at once.
    const OutputValues out = evaluatePreset("llama3-16k-h100", {{"network.podGpus", "1024"}});
    QCOMPARE(at(out, OutputId::networkPods), 16.0);
    QCOMPARE(at(out, OutputId::networkSwitchesTier2), 512.0);
    const OutputValues uneven = evaluatePreset("llama3-16k-h100", {{"network.podGpus", "768"}});
    // 768 GPUs = 96 nodes = 24 leaves, 24 spines per pod: 21 full pods and one of 32 nodes (8 + 8).
    QCOMPARE(at(uneven, OutputId::networkPods), 22.0);
    QCOMPARE(at(uneven, OutputId::networkSwitchesTier2), 21 * 24.0 + 8);
    // A pod with more leaves than a spine reaches is refused, naming the field.
    const InputValues tooLarge = presetInputs("llama3-16k-h100", {{"network.podGpus", "3072"}});
    const OutputValues refused = evaluate(tooLarge);
    QCOMPARE(at(refused, OutputId::networkFeasible), 0.0);
    const auto problem = fabricProblem(tooLarge, refused);
    QVERIFY(problem.has_value());
    QCOMPARE(problem->field, QStringLiteral("network.podGpus"));
    QVERIFY2(problem->message.contains(QStringLiteral("at most 1,024 GPUs")), qPrintable(problem->message));
  }

  void switchThatCannotBuildTheFabric() {
    const InputValues inputs = presetInputs("gb200-nvl72-1m", {{"network.planes", "1"}, {"network.tiers", "2"}});
    const OutputValues out = evaluate(inputs);
    QCOMPARE(at(out, OutputId::networkFeasible), 0.0);
    const auto problem = fabricProblem(inputs, out);
    QVERIFY(problem.has_value());
    QCOMPARE(problem->field, QStringLiteral("network.tiers"));
    QVERIFY(problem->message.contains(QStringLiteral("1,000,000 endpoints")));
  }
};

QTEST_APPLESS_MAIN(TestFabricEstimator)
#include "TestFabricEstimator.moc"
