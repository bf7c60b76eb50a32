#include "ScenarioFixtures.h"
#include "engine/FacilityEstimator.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestFacilityEstimator : public QObject {
  Q_OBJECT
 private slots:
  void modelledPue() {
    // Llama cluster, air-cooled: PUE = 1 + 1/4 (air COP) + (1/(0.97 x 0.99) - 1) + 0.02 = 1.311341,
    // on the IT power provisioned at the vendor maximum.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    const double it = at(out, OutputId::powerItMw);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerPue), 1.3113412475268147, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerFacilityMw), it * 1.3113412475268147, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerAnnualEnergyGwh), it * 1.3113412475268147 * 0.76 * 8.76, 1e-12);
  }

  void fixedPueScalesTheOverheads() {
    const OutputValues out =
        evaluatePreset("llama3-16k-h100", {{"facility.pueMode", "fixed"}, {"facility.pue", "1.5"}});
    const double it = at(out, OutputId::powerItMw);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::powerPue), 1.5, 1e-12);
    GIGAPLAN_COMPARE_NEAR(
        at(out, OutputId::powerCoolingMw) + at(out, OutputId::powerElectricalLossMw) + at(out, OutputId::powerMiscMw),
        0.5 * it, 1e-12);
  }

  void redundancySchemes_data() {
    QTest::addColumn<double>("scheme");
    QTest::addColumn<double>("units");
    // 5.2 units of load: N = 6, N+1 = 7, 2N = 12, 4N/3 = ceil(6 x 4/3) = 8, catcher = 6 + 2 reserves.
    QTest::newRow("N") << 0.0 << 6.0;
    QTest::newRow("N+1") << 1.0 << 7.0;
    QTest::newRow("2N") << 2.0 << 12.0;
    QTest::newRow("4N/3") << 3.0 << 8.0;
    QTest::newRow("catcher") << 4.0 << 8.0;
  }
  void redundancySchemes() {
    QFETCH(double, scheme);
    QFETCH(double, units);
    QCOMPARE(facility_detail::redundantUnits(5.2, scheme), units);
  }

  void transformersAndUps() {
    // Llama cluster, N+1: facility MW / 0.95 PF / 3 MVA transformers, plus one; UPS on the IT load
    // in 1.5 MW modules, plus one.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    const double transformers = std::ceil(at(out, OutputId::powerFacilityMw) / 0.95 / 3) + 1;
    QCOMPARE(at(out, OutputId::electricalTransformers), transformers);
    QCOMPARE(at(out, OutputId::electricalTransformerMva), 3 * transformers);
    QCOMPARE(at(out, OutputId::electricalUpsModules), std::ceil(at(out, OutputId::powerItMw) / 1.5) + 1);
    const OutputValues twoN = evaluatePreset("llama3-16k-h100", {{"electrical.redundancy", "2N"}});
    QCOMPARE(at(twoN, OutputId::electricalTransformers), 2 * (transformers - 1));
    QCOMPARE(at(twoN, OutputId::electricalUpsMw), 1.5 * 2 * std::ceil(at(out, OutputId::powerItMw) / 1.5));
  }
};

QTEST_APPLESS_MAIN(TestFacilityEstimator)
#include "TestFacilityEstimator.moc"
