#include "ScenarioFixtures.h"
#include "engine/Sweep.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestBatchEvaluator : public QObject {
  Q_OBJECT
 private slots:
  void batchMatchesScalar_data() {
    QTest::addColumn<QString>("preset");
    QTest::newRow("1M GB200") << "gb200-nvl72-1m";
    QTest::newRow("Colossus") << "colossus-150k-h100";
    QTest::newRow("SuperPOD 3 SU") << "superpod-h100-3su";
  }
  void batchMatchesScalar() {
    // Monte Carlo rows exercise every branch the lanes take (planes, tiers, redundancy, PUE mode).
    QFETCH(QString, preset);
    ScenarioErrors errors;
    auto scenario = PresetLibrary::load(preset, errors);
    const auto resolved = scenario->resolve(HardwareCatalog::bundled(), errors);
    QList<UncertainInput> uncertain = uncertaintyFromConfidence(*resolved);
    uncertain.append({InputId::clusterGpus, 100000, 1000000});
    uncertain.append({InputId::networkOversubscriptionTier1, 1, 3});
    uncertain.append({InputId::electricalRedundancy, 0, 3});
    uncertain.append({InputId::facilityPueMode, 0, 1});
    const ScenarioBatch batch = monteCarloScenarios(resolved->values, uncertain, 1001, 7);
    const ScenarioMatrix outputs = BatchEvaluator().evaluate(batch);
    QCOMPARE(outputs.rows(), batch.size());
    QCOMPARE(outputs.cols(), static_cast<Eigen::Index>(kOutputCount));
    for (Eigen::Index row = 0; row < batch.size(); ++row) {
      const OutputValues scalar = evaluate(batch.scenario(row));
      for (std::size_t c = 0; c < kOutputCount; ++c) {
        const double batched = outputs(row, static_cast<Eigen::Index>(c));
        const bool same = near(batched, scalar[c], 1e-9) || (std::isnan(batched) && std::isnan(scalar[c]));
        QVERIFY2(same, qPrintable(QStringLiteral("row %1 %2: batch %3, scalar %4")
                                      .arg(row)
                                      .arg(QString::fromLatin1(outputSpecs()[c].path))
                                      .arg(batched)
                                      .arg(scalar[c])));
      }
    }
  }

  void wantedOutputsOnly() {
    const ScenarioBatch batch =
        gridScenarios(presetInputs("colossus-150k-h100"), {{InputId::clusterGpus, 150000, 1000000, 7}});
    ScenarioMatrix outputs;
    BatchEvaluator().evaluate(batch, {OutputId::powerItMw, OutputId::networkSwitches}, outputs);
    QCOMPARE(outputs.cols(), Eigen::Index(2));
    for (Eigen::Index row = 0; row < batch.size(); ++row) {
      const OutputValues scalar = evaluate(batch.scenario(row));
      QVERIFY(near(outputs(row, 0), at(scalar, OutputId::powerItMw), 1e-12));
      QCOMPARE(outputs(row, 1), at(scalar, OutputId::networkSwitches));
    }
  }

  void progressAndCancel() {
    const InputValues base = presetInputs("gb200-nvl72-1m");
    const ScenarioBatch batch = gridScenarios(base, {{InputId::clusterGpus, 150000, 1000000, 200000}});
    Eigen::Index lastDone = 0;
    int calls = 0;
    BatchEvaluator().evaluate(batch, [&](Eigen::Index done, Eigen::Index total) {
      QVERIFY(done > lastDone);
      QCOMPARE(total, batch.size());
      lastDone = done;
      ++calls;
    });
    QCOMPARE(lastDone, batch.size());
    QVERIFY(calls >= 3);

    std::atomic<bool> cancel{false};
    const ScenarioMatrix partial = BatchEvaluator().evaluate(
        batch, [&](Eigen::Index, Eigen::Index) { cancel = true; }, &cancel);
    QVERIFY(std::isnan(partial(batch.size() - 1, 0)));
    QVERIFY(!std::isnan(partial(0, 0)));
  }
};

QTEST_APPLESS_MAIN(TestBatchEvaluator)
#include "TestBatchEvaluator.moc"
