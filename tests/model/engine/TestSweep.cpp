#include "ScenarioFixtures.h"
#include "engine/Sweep.h"

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
    const ScenarioBatch grid = gridScenarios(base, {*gpus, *pue});
    QCOMPARE(grid.size(), Eigen::Index(6));
    QCOMPARE(gridSize({*gpus, *pue}), Eigen::Index(6));
    const auto g = static_cast<std::size_t>(InputId::clusterGpus);
    const auto p = static_cast<std::size_t>(InputId::facilityPue);
    const double expectedGpus[6] = {100000, 100000, 200000, 200000, 300000, 300000};
    const double expectedPue[6] = {1.1, 1.3, 1.1, 1.3, 1.1, 1.3};
    for (int row = 0; row < 6; ++row) {
      const InputValues scenario = grid.scenario(row);
      QCOMPARE(scenario[g], expectedGpus[row]);
      GIGAPLAN_COMPARE_NEAR(scenario[p], expectedPue[row], 1e-12);
      // Untouched inputs keep the base scenario's values.
      QCOMPARE(scenario[static_cast<std::size_t>(InputId::systemGpuTdpW)],
               base[static_cast<std::size_t>(InputId::systemGpuTdpW)]);
    }
    // A block from the middle of the grid continues where the whole grid is.
    const ScenarioBatch block = gridBatch(base, {*gpus, *pue}, 3, 2);
    QCOMPARE(block.scenario(0)[g], 200000.0);
    GIGAPLAN_COMPARE_NEAR(block.scenario(0)[p], 1.3, 1e-12);
    QCOMPARE(block.scenario(1)[g], 300000.0);
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
    // An efficiency varies in its losses: the UPS's 3 % loss (an estimate, +-30 %) is 2.1 % to 3.9 %.
    const auto ups = std::find_if(uncertain.begin(), uncertain.end(),
                                  [](const UncertainInput& u) { return u.input == InputId::electricalUpsEfficiency; });
    QVERIFY(ups != uncertain.end());
    const double loss = 1.0 - resolved->values[static_cast<std::size_t>(InputId::electricalUpsEfficiency)];
    QVERIFY(std::fabs(ups->low - (1.0 - 1.3 * loss)) < 1e-12);
    QVERIFY(std::fabs(ups->high - (1.0 - 0.7 * loss)) < 1e-12);
    const ScenarioBatch a = monteCarloScenarios(resolved->values, uncertain, 500, 42);
    const ScenarioBatch b = monteCarloScenarios(resolved->values, uncertain, 500, 42);
    QVERIFY((a.values == b.values).all());
    QCOMPARE(a.varied.size(), static_cast<std::size_t>(uncertain.size()));
    for (int u = 0; u < uncertain.size(); ++u) {
      const auto column = a.values.col(u);
      QVERIFY(column.minCoeff() >= uncertain[u].low && column.maxCoeff() <= uncertain[u].high);
      QVERIFY(column.maxCoeff() > column.minCoeff());
      // The GPU count is the planner's own and is not drawn.
      QVERIFY(a.varied[static_cast<std::size_t>(u)] != InputId::clusterGpus);
    }
  }
};

QTEST_APPLESS_MAIN(TestSweep)
#include "TestSweep.moc"
