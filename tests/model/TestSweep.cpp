#include "ScenarioFixtures.h"
#include "Sweep.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestSweep : public QObject {
  Q_OBJECT
 private slots:
  void gridVariesTheFirstAxisSlowest() {
    ScenarioErrors errors;
    const auto gpus = parseSweepAxis(QStringLiteral("cluster.gpus=100000:300000:3"), errors);
    const auto pue = parseSweepAxis(QStringLiteral("facility.pue=1.1:1.3:2"), errors);
    QVERIFY(gpus && pue && errors.isEmpty());
    const InputValues base = presetInputs("colossus-150k-h100");
    const ScenarioMatrix grid = gridScenarios(base, {*gpus, *pue});
    QCOMPARE(grid.rows(), Eigen::Index(6));
    const auto g = static_cast<Eigen::Index>(InputId::clusterGpus);
    const auto p = static_cast<Eigen::Index>(InputId::facilityPue);
    const double expectedGpus[6] = {100000, 100000, 200000, 200000, 300000, 300000};
    const double expectedPue[6] = {1.1, 1.3, 1.1, 1.3, 1.1, 1.3};
    for (int row = 0; row < 6; ++row) {
      QCOMPARE(grid(row, g), expectedGpus[row]);
      GIGAPLAN_COMPARE_NEAR(grid(row, p), expectedPue[row], 1e-12);
    }
    // Untouched inputs keep the base scenario's values.
    const auto tdp = static_cast<Eigen::Index>(InputId::systemGpuTdpW);
    QVERIFY((grid.col(tdp) == base[static_cast<std::size_t>(InputId::systemGpuTdpW)]).all());
  }

  void badAxesNameTheInput() {
    ScenarioErrors errors;
    QVERIFY(!parseSweepAxis(QStringLiteral("cluster.gpu=1:2:3"), errors));
    QVERIFY(errors.last().message.contains(QStringLiteral("cluster.gpus")));
    QVERIFY(!parseSweepAxis(QStringLiteral("cluster.gpus=1:2"), errors));
    QVERIFY(errors.last().message.contains(QStringLiteral("from:to:steps")));
    QVERIFY(!parseSweepAxis(QStringLiteral("facility.pue=0.5:1.2:3"), errors));
    QVERIFY(errors.last().message.contains(QStringLiteral("out of range")));
    QVERIFY(!parseSweepAxis(QStringLiteral("facility.pue=1.1:1.2:0"), errors));
    QCOMPARE(errors.last().field, QStringLiteral("facility.pue"));
    QVERIFY(!parseUncertainInput(QStringLiteral("facility.pue=1.5:1.2"), errors));
    QVERIFY(errors.last().message.contains(QStringLiteral("low must not exceed high")));
  }

  void monteCarloStaysInItsRangesAndRepeats() {
    ScenarioErrors errors;
    auto scenario = PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors);
    const auto resolved = scenario->resolve(HardwareCatalog::bundled(), errors);
    const QList<UncertainInput> uncertain = uncertaintyFromConfidence(*resolved);
    QVERIFY(uncertain.size() > 20);
    for (const UncertainInput& input : uncertain) {
      const InputSpec& spec = inputSpec(input.input);
      QVERIFY(input.low >= spec.minimum && input.high <= spec.maximum);
      QVERIFY(resolved->confidence[static_cast<std::size_t>(input.input)] != QLatin1String("input"));
    }
    const ScenarioMatrix a = monteCarloScenarios(resolved->values, uncertain, 500, 42);
    const ScenarioMatrix b = monteCarloScenarios(resolved->values, uncertain, 500, 42);
    QVERIFY((a == b).all());
    for (const UncertainInput& input : uncertain) {
      const auto column = a.col(static_cast<Eigen::Index>(input.input));
      QVERIFY(column.minCoeff() >= input.low && column.maxCoeff() <= input.high);
      QVERIFY(column.maxCoeff() > column.minCoeff());
    }
    // GPU count is the planner's own and is not drawn.
    const auto gpus = a.col(static_cast<Eigen::Index>(InputId::clusterGpus));
    QVERIFY((gpus == 1e6).all());
  }
};

QTEST_APPLESS_MAIN(TestSweep)
#include "TestSweep.moc"
