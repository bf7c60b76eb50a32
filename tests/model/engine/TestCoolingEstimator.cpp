#include "ScenarioFixtures.h"
#include "engine/CoolingEstimator.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestCoolingEstimator : public QObject {
  Q_OBJECT
 private slots:
  void airCooledClusterHasNoLiquidLoop() {
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    QCOMPARE(at(out, OutputId::coolingLiquidHeatMw), 0.0);
    QCOMPARE(at(out, OutputId::coolingCdus), 0.0);
    QCOMPARE(at(out, OutputId::coolingCoolantFlowLps), 0.0);
    // All IT heat goes to air: 2,048 nodes at the 10.2 kW maximum, switches, media and storage.
    const double it = 2048 * 10.2e-3 + 1.408 + 0.786432 + 0.49152;
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::coolingAirHeatMw), it, 1e-12);
    // Air plant COP 4: cooling draws a quarter of the IT heat.
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerCoolingMw), it / 4, 1e-12);
  }

  void liquidLoopOfNvl72Racks() {
    const OutputValues out = evaluatePreset("gb200-nvl72-1m");
    // The trays as provisioned: 250,000 at 6,667 W plus their share of the 12 kW switch trays.
    const double nodeMw = 250000 * (6667 + 12000.0 / 18) * 1e-6;
    const double liquidMw = 0.85 * nodeMw;
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::coolingLiquidHeatMw), liquidMw, 1e-12);
    // CDUs of 1,350 kW plus one spare in eight.
    QCOMPARE(at(out, OutputId::coolingCdus), std::ceil(std::ceil(liquidMw * 1000 / 1350) * 1.125));
    // Flow = P / (rho c dT) = P / (1020 kg/m3 x 3900 J/(kg K) x 10 K), in L/s.
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::coolingCoolantFlowLps), liquidMw * 1e6 / (1020.0 * 3900 * 10) * 1000,
                          1e-12);
  }

  void heatRejectionInTons() {
    const OutputValues out = evaluatePreset("gb200-nvl72-1m");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::coolingHeatRejectionRt),
                          at(out, OutputId::coolingHeatRejectionMw) * 1000 / 3.517, 1e-12);
  }

  void waterFollowsItEnergy() {
    // 1.8 L per kWh of IT energy at the 76 % average load.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::coolingWaterM3PerYear),
                          at(out, OutputId::powerAverageItMw) * 8760 * 1000 * 1.8 / 1000, 1e-12);
  }
};

QTEST_APPLESS_MAIN(TestCoolingEstimator)
#include "TestCoolingEstimator.moc"
