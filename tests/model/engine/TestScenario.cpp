#include <QJsonDocument>

#include "ScenarioFixtures.h"

using namespace gigaplan;
using namespace gigaplan::test;

namespace {
ScenarioErrors resolveErrors(const QByteArray& json) {
  ScenarioErrors errors;
  auto scenario = PresetLibrary::parse(json, QStringLiteral("test.json"), errors);
  if (scenario) scenario->resolve(HardwareCatalog::bundled(), errors);
  return errors;
}
}  // namespace

class TestScenario : public QObject {
  Q_OBJECT
 private slots:
  void everyPresetResolvesAndEvaluates() {
    const QList<PresetInfo> presets = PresetLibrary::list();
    QVERIFY(presets.size() >= 15);
    bool hasMillion = false;
    for (const PresetInfo& preset : presets) {
      const OutputValues out = evaluate(presetInputs(preset.id));
      QVERIFY2(at(out, OutputId::networkFeasible) == 1.0, qPrintable(preset.id));
      for (const OutputSpec& spec : outputSpecs())  // what only a floor counts is not a number here
        QVERIFY2(std::isfinite(at(out, spec.id)) != needsFloor(spec.id),
                 qPrintable(preset.id + QLatin1Char(' ') + QLatin1String(spec.path)));
      hasMillion |= preset.id.contains(QStringLiteral("1m")) && at(out, OutputId::clusterGpus) == 1e6;
    }
    QVERIFY(hasMillion);
  }

  void jsonRoundTrip() {
    ScenarioErrors errors;
    auto scenario = PresetLibrary::load(QStringLiteral("colossus-150k-h100"), errors);
    QVERIFY(scenario);
    QVERIFY(scenario->set(QStringLiteral("electrical.redundancy"), QStringLiteral("2N"), errors));
    QVERIFY(scenario->set(QStringLiteral("optics.multimode.module"), QStringLiteral("osfp-400g-sr4"), errors));
    const QByteArray json = QJsonDocument(scenario->toJson()).toJson();
    auto reread = PresetLibrary::parse(json, QStringLiteral("round trip"), errors);
    QVERIFY2(reread, qPrintable(errors.value(0).text()));
    const auto a = scenario->resolve(HardwareCatalog::bundled(), errors);
    const auto b = reread->resolve(HardwareCatalog::bundled(), errors);
    QVERIFY(a && b);
    QVERIFY(a->values == b->values);
    QCOMPARE(b->values[static_cast<std::size_t>(InputId::electricalRedundancy)], 2.0);
    // 400G SR4 at $500 per 400 Gb/s
    QCOMPARE(b->values[static_cast<std::size_t>(InputId::opticsMultimodePriceUsdPer400G)], 500.0);
  }

  void sourcesFollowTheValue() {
    ScenarioErrors errors;
    auto scenario = PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors);
    const auto resolved = scenario->resolve(HardwareCatalog::bundled(), errors);
    const auto tdp = static_cast<std::size_t>(InputId::systemGpuTdpW);
    QVERIFY(resolved->source[tdp].contains(QStringLiteral("Power Service")));
    QCOMPARE(resolved->confidence[tdp], QStringLiteral("verified"));
    scenario->set(QStringLiteral("system.gpuTdpW"), QStringLiteral("1100"), errors);
    const auto overridden = scenario->resolve(HardwareCatalog::bundled(), errors);
    QCOMPARE(overridden->values[tdp], 1100.0);
    QCOMPARE(overridden->source[tdp], QStringLiteral("set in scenario"));
    for (const QString& source : resolved->source) QVERIFY(!source.isEmpty());
  }

  void badInputNamesTheField_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("words");
    QTest::newRow("unknown key") << QByteArray(R"({"network": {"swichRadix": 64}})") << "network.swichRadix"
                                 << "did you mean network.switchRadix";
    QTest::newRow("wrong type") << QByteArray(R"({"cluster": {"gpus": "many"}})") << "cluster.gpus"
                                << "expected a number";
    QTest::newRow("zero count") << QByteArray(R"({"cluster": {"gpus": 0}})") << "cluster.gpus"
                                << "out of range";
    QTest::newRow("negative") << QByteArray(R"({"network": {"nicSpeedGbps": -400}})") << "network.nicSpeedGbps"
                              << "out of range";
    QTest::newRow("fractional count") << QByteArray(R"({"cluster": {"gpus": 1000.5}})") << "cluster.gpus"
                                      << "whole number";
    QTest::newRow("PUE below 1") << QByteArray(R"({"facility": {"pue": 0.9}})") << "facility.pue"
                                 << "out of range";
    QTest::newRow("unknown choice") << QByteArray(R"({"electrical": {"redundancy": "3N"}})") << "electrical.redundancy"
                                    << "not one of";
    QTest::newRow("unknown system") << QByteArray(R"({"system": {"type": "tpu-v5"}})") << "system.type"
                                    << "unknown system";
    QTest::newRow("wrong media class") << QByteArray(R"({"optics": {"copper": {"module": "osfp-400g-sr4"}}})")
                                       << "optics.copper.module"
                                       << "multimode part";
    QTest::newRow("custom needs values") << QByteArray(R"({"system": {"type": "custom"}})") << "system.gpusPerNode"
                                         << "set it explicitly";
    QTest::newRow("return below supply") << QByteArray(R"({"cooling": {"supplyTempC": 45}})") << "cooling.returnTempC"
                                         << "above cooling.supplyTempC";
    QTest::newRow("one tier") << QByteArray(R"({"network": {"tiers": 1}})") << "network.tiers"
                              << "2, 3 or 4";
    QTest::newRow("not JSON") << QByteArray("{\"cluster\": ") << "test.json"
                              << "not valid JSON";
    QTest::newRow("not an object") << QByteArray("[1, 2]") << "test.json"
                                   << "JSON object";
    QTest::newRow("wrong format") << QByteArray(R"({"format": "other/2"})") << "format"
                                  << "gigaplan-scenario/1";
  }
  void badInputNamesTheField() {
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, words);
    const ScenarioErrors errors = resolveErrors(json);
    QVERIFY2(!errors.isEmpty(), "bad input was accepted");
    QCOMPARE(errors.first().field, field);
    QVERIFY2(errors.first().message.contains(words), qPrintable(errors.first().text()));
  }

  void textOverridesRejectNonFiniteNumbers() {
    ScenarioErrors errors;
    Scenario scenario;
    QVERIFY(!scenario.set(QStringLiteral("facility.pue"), QStringLiteral("nan"), errors));
    QVERIFY(!scenario.set(QStringLiteral("cluster.gpus"), QStringLiteral("inf"), errors));
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors[0].field, QStringLiteral("facility.pue"));
    QVERIFY(scenario.values.isEmpty());
  }

  void customSystemWithEveryValue() {
    ScenarioErrors errors;
    Scenario scenario;
    scenario.systemType = QStringLiteral("custom");
    const QList<QPair<QString, QString>> values = {{"system.gpusPerNode", "8"},
                                                   {"system.nodesPerRack", "4"},
                                                   {"system.gpusPerScaleUpDomain", "8"},
                                                   {"system.scaleUpBandwidthGBps", "450"},
                                                   {"system.gpuTdpW", "750"},
                                                   {"system.cpuPowerWPerNode", "500"},
                                                   {"system.memoryStoragePowerWPerNode", "500"},
                                                   {"system.scaleUpSwitchPowerWPerNode", "300"},
                                                   {"system.fanPowerWPerNode", "1000"},
                                                   {"system.nicPowerW", "20"},
                                                   {"system.psuEfficiency", "0.94"},
                                                   {"system.liquidFraction", "0"},
                                                   {"system.priceUsdPerNode", "250000"},
                                                   {"system.rackMassKg", "600"}};
    for (const auto& [path, value] : values) QVERIFY(scenario.set(path, value, errors));
    const auto resolved = scenario.resolve(HardwareCatalog::bundled(), errors);
    QVERIFY2(resolved, qPrintable(errors.value(0).text()));
    // (8 x 750 + 500 + 500 + 300 + 8 x 20 + 1000) / 0.94 W
    GIGAPLAN_COMPARE_NEAR(at(evaluate(resolved->values), OutputId::powerNodeKw), 8460.0 / 0.94 / 1000, 1e-12);
  }

  void catalogErrorsNameTheEntry() {
    QString error;
    QVERIFY(!HardwareCatalog::fromJson("not json", &error));
    QVERIFY(error.contains(QStringLiteral("not a JSON object")));
    QVERIFY(!HardwareCatalog::fromJson(
        R"({"systems": [{"id": "x", "name": "X", "values": {"system.gpuTdpW": {"value": 700}}}]})", &error));
    QVERIFY2(error.contains(QStringLiteral("systems[0].system.gpuTdpW")) && error.contains(QStringLiteral("source")),
             qPrintable(error));
    QVERIFY(!HardwareCatalog::fromJson(
        R"({"switches": [{"id": "s", "name": "S", "values": {"network.radix": {"value": 1, "source": "x", "confidence": "verified"}}}]})",
        &error));
    QVERIFY2(error.contains(QStringLiteral("network.radix")), qPrintable(error));
  }

  void everyCatalogValueHasASource() {
    const HardwareCatalog& catalog = HardwareCatalog::bundled();
    QVERIFY(catalog.systems().size() >= 6);
    QVERIFY(catalog.switches().size() >= 3);
    for (const CatalogEntry& entry : catalog.systems() + catalog.switches())
      for (const SourcedValue& value : entry.values)
        QVERIFY2(!value.source.isEmpty() && !value.confidence.isEmpty(), qPrintable(entry.id));
    for (const char* id : {"hgx-h100", "hgx-h200", "dgx-b200", "gb200-nvl72", "gb300-nvl72", "custom"})
      QVERIFY2(catalog.system(QString::fromLatin1(id)), id);
  }
};

QTEST_APPLESS_MAIN(TestScenario)
#include "TestScenario.moc"
