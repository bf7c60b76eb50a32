#include "ScenarioFixtures.h"
#include "engine/PowerEstimator.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestPowerEstimator : public QObject {
  Q_OBJECT
 private slots:
  void dgxH100Node() {
    // Component estimate: 8 x 700 W GPUs + 700 W CPUs + 600 W memory/storage + 400 W NVSwitch
    // + 8 x 25 W NICs + 1,500 W fans = 9,000 W DC; / 0.95 PSU efficiency = 9.4737 kW. The plant is
    // provisioned for the vendor's 10.2 kW; the highest draw measured under training is 8.4 kW.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerNodeEstimateKw), 9.0 / 0.95, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerNodeVendorMaxKw), 10.2, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerNodeKw), 10.2, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerNodePeakKw), 8.4, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerComputeRackKw), 4 * 10.2, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerServerOverGpuTdp), 10.2 / 5.6, 1e-12);
    // 6 supplies of 3.3 kW, 2 of them redundant: 13.2 kW cover the 10.2 kW maximum by 3 kW.
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerPowerSupplyMarginKw), 3.0, 1e-12);
    QCOMPARE(at(out, OutputId::powerPowerSupplies), 6 * 2048.0);
  }

  void provisioningBasis() {
    const OutputValues vendor = evaluatePreset("llama3-16k-h100");
    const double rest = at(vendor, OutputId::powerNetworkMw) + at(vendor, OutputId::powerStorageMw);
    GIGAPLAN_COMPARE_NEAR(at(vendor, OutputId::powerItMw), 2048 * 10.2e-3 + rest, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(vendor, OutputId::powerPeakItMw), 2048 * 8.4e-3 + rest, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(vendor, OutputId::powerAverageItMw), 0.76 * at(vendor, OutputId::powerItMw), 1e-12);
    QCOMPARE(at(vendor, OutputId::powerCapThroughputFraction), 1.0);
    const OutputValues peak = evaluatePreset("llama3-16k-h100", {{"power.provisioningBasis", "estimatedPeak"}});
    GIGAPLAN_COMPARE_NEAR(at(peak, OutputId::powerItMw), 2048 * 8.4e-3 + rest, 1e-12);
    // The average draw is the same load whatever the plant is sized for.
    GIGAPLAN_COMPARE_NEAR(at(peak, OutputId::powerAverageItMw), at(vendor, OutputId::powerAverageItMw), 1e-12);
    QVERIFY(at(peak, OutputId::powerFacilityMw) < at(vendor, OutputId::powerFacilityMw));
  }

  void rackCapTradesThroughputForRacks() {
    // A 30 kW cap on a rack of 4: 7.5 kW per node, below the 8.4 kW peak: (7.5 / 8.4)^(1/3) of the speed.
    const OutputValues capped = evaluatePreset(
        "llama3-16k-h100", {{"power.provisioningBasis", "rackCap"}, {"power.rackCapKw", "30"}, {"site.gridMw", "25"}});
    GIGAPLAN_COMPARE_NEAR(at(capped, OutputId::powerNodeKw), 7.5, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(capped, OutputId::powerCapThroughputFraction), std::cbrt(7.5 / 8.4), 1e-9);
    // The same 25 MW carry more capped racks than racks provisioned at the vendor maximum.
    const OutputValues uncapped = evaluatePreset("llama3-16k-h100", {{"site.gridMw", "25"}});
    QVERIFY(at(capped, OutputId::siteComputeRacksSupported) > at(uncapped, OutputId::siteComputeRacksSupported));
    GIGAPLAN_COMPARE_NEAR(at(uncapped, OutputId::siteComputeRacksSupported),
                          std::floor(25 * 512 / at(uncapped, OutputId::powerFacilityMw)), 1e-12);
    // A cap above the maximum changes nothing.
    const OutputValues loose =
        evaluatePreset("llama3-16k-h100", {{"power.provisioningBasis", "rackCap"}, {"power.rackCapKw", "100"}});
    GIGAPLAN_COMPARE_NEAR(at(loose, OutputId::powerNodeKw), 10.2, 1e-12);
    QCOMPARE(at(loose, OutputId::powerCapThroughputFraction), 1.0);
  }

  void rackScaleSystemsShareTheirSwitchTrays() {
    // GB200 NVL72: 6,667 W per compute tray plus 12 kW of switch trays over 18 trays; 48 shelf
    // supplies of 5.5 kW per rack, half of them redundant.
    const OutputValues out = evaluatePreset("gb200-nvl72-1m");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerNodeVendorMaxKw), 6.667 + 12.0 / 18, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerComputeRackVendorMaxKw), 18 * 6.667 + 12.0, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerPowerSupplyMarginKw), 24 * 5.5 / 18 - (6.667 + 12.0 / 18), 1e-9);
  }

  void dc800SavesConversionLosses() {
    const OutputValues ac = evaluatePreset("gb200-nvl72-1m");
    const OutputValues dc = evaluatePreset("gb200-nvl72-1m", {{"electrical.distribution", "dc800"}});
    GIGAPLAN_COMPARE_NEAR(at(dc, OutputId::powerDc800SavingMw), 0.05 * at(ac, OutputId::powerItMw), 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(ac, OutputId::powerFacilityMw) - at(dc, OutputId::powerFacilityMw),
                          at(dc, OutputId::powerDc800SavingMw), 1e-9);
    QCOMPARE(at(ac, OutputId::powerDc800SavingMw), 0.0);
  }

  void itPowerAddsUp() {
    // Llama cluster: 16,384 GPUs in 2,048 nodes; the component lines and the headroom above them
    // make the provisioned IT power.
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
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerProvisioningHeadroomMw), 2048 * (10.2 - 9.0 / 0.95) * 1e-3, 1e-12);
    const double it = 2048 * 10.2e-3 + 1.408 + 0.786432 + 0.49152;
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerItMw), it, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerGpuMw) + at(out, OutputId::powerHostMw) +
                              at(out, OutputId::powerFanMw) + at(out, OutputId::powerPsuLossMw) +
                              at(out, OutputId::powerProvisioningHeadroomMw) + at(out, OutputId::powerNetworkMw) +
                              at(out, OutputId::powerStorageMw),
                          it, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerItOverGpuTdp), it / 11.4688, 1e-12);
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

  void carbonOfGridAndOnsiteEnergy() {
    // No on-site generation: every MWh at the grid's 0.348 t.
    const OutputValues grid = evaluatePreset("llama3-16k-h100");
    const double mwh = at(grid, OutputId::powerAnnualEnergyGwh) * 1e3;
    GIGAPLAN_COMPARE_NEAR(at(grid, OutputId::carbonTco2ePerYear), mwh * 0.348, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(grid, OutputId::carbonKgPerGpuHour), mwh * 0.348 * 1e3 / (16384 * 8760.0), 1e-12);
    // 10 MW of turbines run first: 10 MW x 8,760 h at 0.411 t, the rest from the grid.
    const OutputValues mixed = evaluatePreset("llama3-16k-h100", {{"site.onsiteGenerationMw", "10"}});
    GIGAPLAN_COMPARE_NEAR(at(mixed, OutputId::carbonOnsiteTco2ePerYear), 10 * 8760 * 0.411, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(mixed, OutputId::carbonGridTco2ePerYear), (mwh - 10 * 8760) * 0.348, 1e-9);
  }

  void overridesReachTheFormula() {
    const OutputValues hotter = evaluatePreset("llama3-16k-h100", {{"system.gpuTdpW", "1000"}});
    GIGAPLAN_COMPARE_NEAR(at(hotter, OutputId::powerGpuMw), 16.384, 1e-12);
  }
};

QTEST_APPLESS_MAIN(TestPowerEstimator)
#include "TestPowerEstimator.moc"
