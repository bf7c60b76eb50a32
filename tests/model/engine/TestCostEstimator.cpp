#include "ScenarioFixtures.h"
#include "engine/CostEstimator.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestCostEstimator : public QObject {
  Q_OBJECT
 private slots:
  void capitalRecoveryFactor() {
    // 8 % over 5 years: 0.08 / (1 - 1.08^-5) = 0.250456; 0 % is straight-line 1/5.
    GIGAPLAN_COMPARE_NEAR(cost_detail::capitalRecoveryFactor(0.08, 5.0), 0.2504564545668364, 1e-12);
    GIGAPLAN_COMPARE_NEAR(cost_detail::capitalRecoveryFactor(0.0, 5.0), 0.2, 1e-15);
    GIGAPLAN_COMPARE_NEAR(cost_detail::capitalRecoveryFactor(0.08, 14.0), 0.12129685282784076, 1e-12);
  }

  void capexByCategory() {
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    const double it = at(out, OutputId::powerItMw);
    QCOMPARE(at(out, OutputId::costSystemsUsd), 2048 * 300000.0);
    QCOMPARE(at(out, OutputId::costSwitchesUsd), 1280 * 30000.0);
    QCOMPARE(at(out, OutputId::costStorageUsd), 16384 * 1500.0);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costElectricalUsd), it * 5.3e6, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costFacilityUsdPerMw), 11.7e6, 1e-12);
    // Media: 32,768 link ends per tier at $425 (multimode), $500 (DR), $650 (FR) per 400G;
    // fiber: 49,152 cables x $40 + 6,553,600 m x $1.5.
    const double media = 32768 * (425.0 + 500.0 + 650.0) + 49152 * 40.0 + 6553600 * 1.5;
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costOpticsCablesUsd), media, 1e-12);
    const double sum = at(out, OutputId::costSystemsUsd) + at(out, OutputId::costSwitchesUsd) + media +
                       at(out, OutputId::costStorageUsd) + it * 11.7e6 + at(out, OutputId::costLandUsd);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costCapexUsd), sum, 1e-12);
  }

  void tcoAndGpuHour() {
    const OutputValues out = evaluatePreset("llama3-16k-h100", {{"cost.amortization", "straightLine"}});
    const double itCapex = at(out, OutputId::costSystemsUsd) + at(out, OutputId::costSwitchesUsd) +
                           at(out, OutputId::costOpticsCablesUsd) + at(out, OutputId::costStorageUsd);
    const double facilityCapex =
        at(out, OutputId::costElectricalUsd) + at(out, OutputId::costCoolingUsd) + at(out, OutputId::costBuildingUsd);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costItCapitalUsdPerYear), itCapex / 5, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costFacilityCapitalUsdPerYear), facilityCapex / 14, 1e-12);
    QCOMPARE(at(out, OutputId::costLandCapitalUsdPerYear), 0.0);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costEnergyUsdPerYear),
                          at(out, OutputId::powerAnnualEnergyGwh) * 1e6 * 0.0623, 1e-12);
    // Opex: the non-energy opex per MW of IT (Epoch AI's) and the staff; no service contracts by default.
    const double tco = itCapex / 5 + facilityCapex / 14 + at(out, OutputId::costEnergyUsdPerYear) +
                       at(out, OutputId::powerItMw) * (255000 + 0.3 * 150000);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costTcoUsdPerYear), tco, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costUsdPerGpuHour), tco / (16384 * 8760 * 0.8), 1e-12);
    // Service contracts, where bought, come on top.
    const OutputValues contracts = evaluatePreset(
        "llama3-16k-h100", {{"cost.amortization", "straightLine"}, {"cost.itMaintenanceFraction", "0.03"}});
    GIGAPLAN_COMPARE_NEAR(
        at(contracts, OutputId::costMaintenanceUsdPerYear) - at(out, OutputId::costMaintenanceUsdPerYear),
        0.03 * itCapex, 1e-9);
  }

  void costOfCapitalAnnuity() {
    // At 8 %: CRF(0.08, 5) = 0.250456 and CRF(0.08, 14) = 0.121297; land carries 8 % a year.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    const double itCapex = at(out, OutputId::costSystemsUsd) + at(out, OutputId::costSwitchesUsd) +
                           at(out, OutputId::costOpticsCablesUsd) + at(out, OutputId::costStorageUsd);
    auto crf = [](double r, double n) { return r / (1 - std::pow(1 + r, -n)); };
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costItCapitalUsdPerYear), itCapex * crf(0.08, 5), 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::costLandCapitalUsdPerYear), at(out, OutputId::costLandUsd) * 0.08, 1e-9);
    // Straight-line ignores the rate.
    const OutputValues straight = evaluatePreset("llama3-16k-h100", {{"cost.amortization", "straightLine"}});
    GIGAPLAN_COMPARE_NEAR(at(straight, OutputId::costItCapitalUsdPerYear), itCapex / 5, 1e-12);
  }
};

QTEST_APPLESS_MAIN(TestCostEstimator)
#include "TestCostEstimator.moc"
