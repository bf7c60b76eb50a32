#include "ScenarioFixtures.h"
#include "engine/PowerEstimator.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestPowerEstimator : public QObject {
  Q_OBJECT
 private slots:
  void dgxH100Node() {
    // 8 x 700 W GPUs + 700 W CPUs + 600 W memory/storage + 400 W NVSwitch + 8 x 25 W NICs
    // + 1,500 W fans = 9,000 W DC; / 0.95 PSU efficiency = 9.4737 kW.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerNodeKw), 9.0 / 0.95, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerComputeRackKw), 4 * 9.0 / 0.95, 1e-12);
  }

  void itPowerAddsUp() {
    // Llama cluster: 16,384 GPUs in 2,048 nodes.
    //   GPUs 11.4688 MW, host 2,048 x 1,900 W = 3.8912 MW, fans 3.072 MW,
    //   PSU losses 18.432 x (1/0.95 - 1) = 0.970105 MW, storage 16,384 x 30 W = 0.49152 MW,
    //   switches (512 + 512 + 256) x 1,100 W = 1.408 MW,
    //   media 32,768 link ends per tier x (7.5 + 8 + 8.5) W = 0.786432 MW.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerGpuMw), 11.4688, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerHostMw), 3.8912, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerFanMw), 3.072, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerPsuLossMw), 18.432 * (1 / 0.95 - 1), 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerNetworkMw), 1.408 + 0.786432, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerStorageMw), 0.49152, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerItMw), 22.088057263157896, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerItOverGpuTdp), 22.088057263157896 / 11.4688, 1e-12);
  }

  void trainingSwingAndBattery() {
    // Half the GPU power swings: 0.5 x 11.4688 MW; 10 minutes of it is 0.95573 MWh.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerTrainingSwingMw), 5.7344, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerBatteryMwh), 5.7344 / 6.0, 1e-12);
    const OutputValues steady = evaluatePreset("llama3-16k-h100", {{"power.trainingSwingFraction", "0"}});
    QCOMPARE(at(steady, OutputId::powerBatteryMwh), 0.0);
  }

  void gpuEnergyOfLlama31() {
    // 3,521 GPUs x 700 W x 8,760 h = 21.591 GWh (Llama 3.1: 30.84 M GPU-hours, about 21.6 GWh).
    const OutputValues out = evaluatePreset("llama3-16k-h100", {{"cluster.gpus", "3521"}});
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerGpuEnergyAtTdpGwh), 3521 * 700 * 8760e-9, 1e-12);
  }

  void overridesReachTheFormula() {
    const OutputValues hotter = evaluatePreset("llama3-16k-h100", {{"system.gpuTdpW", "1000"}});
    GIGAPLAN_COMPARE_NEAR(at(hotter, OutputId::powerGpuMw), 16.384, 1e-12);
  }
};

QTEST_APPLESS_MAIN(TestPowerEstimator)
#include "TestPowerEstimator.moc"
