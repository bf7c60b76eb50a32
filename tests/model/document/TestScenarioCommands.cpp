#include <QTest>
#include <QUndoStack>

#include "document/ScenarioCommands.h"
#include "plan/PresetLibrary.h"

using namespace gigaplan;

namespace {

Scenario preset(const char* id) {
  ScenarioErrors errors;
  auto scenario = PresetLibrary::load(QString::fromLatin1(id), errors);
  if (!scenario) qFatal("preset %s does not load", id);
  return *scenario;
}

ResolvedScenario resolved(const Scenario& scenario) {
  ScenarioErrors errors;
  const auto result = scenario.resolve(HardwareCatalog::bundled(), errors);
  if (!result) qFatal("scenario does not resolve: %s", qPrintable(errors.value(0).text()));
  return *result;
}

double resolvedValue(const Scenario& scenario, InputId id) {
  return valueOf(resolved(scenario).values, id);
}

}  // namespace

class TestScenarioCommands : public QObject {
  Q_OBJECT
 private slots:
  void setUndoRedoRestoresExactValues() {
    Scenario scenario = preset("gb200-nvl72-1m");
    const QJsonObject original = scenario.toJson();
    QString error = QStringLiteral("stale");
    auto command = ScenarioCommands::set(scenario, QStringLiteral("facility.pue"), QStringLiteral(" 1.2 "), &error);
    QVERIFY(command);
    QVERIFY(error.isEmpty());
    QCOMPARE(command->text(), QStringLiteral("Set facility.pue to 1.2"));
    QCOMPARE(scenario.toJson(), original);  // checking an edit does not apply it

    QUndoStack stack;
    stack.push(command.release());
    QCOMPARE(scenario.values.value(InputId::facilityPue), 1.2);
    QCOMPARE(resolvedValue(scenario, InputId::facilityPue), 1.2);
    stack.undo();
    QCOMPARE(scenario.toJson(), original);
    QVERIFY(!scenario.values.contains(InputId::facilityPue));
    QCOMPARE(resolvedValue(scenario, InputId::facilityPue), 1.3);  // the documented default
    stack.redo();
    QCOMPARE(scenario.values.value(InputId::facilityPue), 1.2);
    QCOMPARE(scenario.values.value(InputId::clusterGpus), 1000000.0);
  }

  void choiceInputTakesItsName() {
    Scenario scenario = preset("gb200-nvl72-1m");
    QUndoStack stack;
    QString error;
    stack.push(ScenarioCommands::set(scenario, QStringLiteral("electrical.redundancy"), QStringLiteral("2N"), &error)
                   .release());
    QCOMPARE(scenario.values.value(InputId::electricalRedundancy), 2.0);
    stack.undo();
    QVERIFY(!scenario.values.contains(InputId::electricalRedundancy));
  }

  void refusesBadEdits_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("out of range") << "facility.pue"
                                  << "0.5"
                                  << "facility.pue: 0.5 ratio is out of range [1, 5]";
    QTest::newRow("not a number") << "facility.pue"
                                  << "abc"
                                  << "facility.pue: expected a number in ratio";
    QTest::newRow("unknown path") << "facility.pew"
                                  << "1.2"
                                  << "facility.pew: unknown input (did you mean facility.pue?)";
    QTest::newRow("fractional count") << "cluster.gpus"
                                      << "1.5"
                                      << "cluster.gpus: must be a whole number, got 1.5";
    QTest::newRow("unknown choice") << "electrical.redundancy"
                                    << "3N"
                                    << "electrical.redundancy: '3N' is not one of N, N+1, 2N, 4N/3, catcher";
    QTest::newRow("consistency") << "cooling.returnTempC"
                                 << "25"
                                 << "cooling.returnTempC: must be above cooling.supplyTempC (30 degC)";
    QTest::newRow("unknown system") << "system.type"
                                    << "gb999"
                                    << "system.type: unknown system 'gb999' (known: hgx-h100, hgx-h100-liquid, "
                                       "hgx-h200, dgx-b200, gb200-nvl72, gb300-nvl72, dgx-b300, hgx-b300-liquid, "
                                       "vera-rubin-nvl72, amd-mi300x, amd-mi355x, hgx-b200-liquid, custom)";
    QTest::newRow("optic of another reach") << "optics.copper.module"
                                            << "osfp-400g-sr4"
                                            << "optics.copper.module: 'osfp-400g-sr4' is a multimode part";
  }
  void refusesBadEdits() {
    QFETCH(QString, path);
    QFETCH(QString, text);
    QFETCH(QString, message);
    Scenario scenario = preset("gb200-nvl72-1m");
    const QJsonObject original = scenario.toJson();
    QString error;
    QVERIFY(!ScenarioCommands::set(scenario, path, text, &error));
    QCOMPARE(error, message);
    QCOMPARE(scenario.toJson(), original);
  }

  void unchangedValueIsNoCommand() {
    Scenario scenario = preset("gb200-nvl72-1m");
    QString error = QStringLiteral("stale");
    QVERIFY(!ScenarioCommands::set(scenario, QStringLiteral("cluster.gpus"), QStringLiteral("1000000"), &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!ScenarioCommands::set(scenario, QStringLiteral("system.type"), QStringLiteral("gb200-nvl72"), &error));
    QVERIFY(error.isEmpty());
    error = QStringLiteral("stale");
    QVERIFY(!ScenarioCommands::reset(scenario, QStringLiteral("facility.pue"), &error));  // not set explicitly
    QVERIFY(error.isEmpty());
  }

  void resetFallsBackToTheDefault() {
    Scenario scenario = preset("gb200-nvl72-1m");
    QUndoStack stack;
    QString error;
    auto command = ScenarioCommands::reset(scenario, QStringLiteral("cluster.gpus"), &error);
    QVERIFY(command);
    QCOMPARE(command->text(), QStringLiteral("Reset cluster.gpus to default"));
    stack.push(command.release());
    QVERIFY(!scenario.values.contains(InputId::clusterGpus));
    QCOMPARE(resolvedValue(scenario, InputId::clusterGpus), 150000.0);
    stack.undo();
    QCOMPARE(scenario.values.value(InputId::clusterGpus), 1000000.0);
  }

  void resetCatalogChoices() {
    Scenario scenario = preset("gb200-nvl72-1m");
    QUndoStack stack;
    QString error;
    stack.push(ScenarioCommands::set(scenario, QStringLiteral("optics.multimode.module"),
                                     QStringLiteral("osfp-400g-sr4"), &error)
                   .release());
    QCOMPARE(scenario.opticModules[static_cast<int>(ReachClass::Multimode)], QStringLiteral("osfp-400g-sr4"));
    for (const char* path : {"system.type", "network.switch", "optics.multimode.module"}) {
      auto command = ScenarioCommands::reset(scenario, QString::fromLatin1(path), &error);
      QVERIFY2(command, qPrintable(error));
      stack.push(command.release());
    }
    QCOMPARE(scenario.systemType, QStringLiteral("hgx-h100"));
    QCOMPARE(scenario.switchModel, QStringLiteral("quantum-2-qm9700"));
    QVERIFY(scenario.opticModules[static_cast<int>(ReachClass::Multimode)].isEmpty());
    QCOMPARE(resolvedValue(scenario, InputId::systemGpusPerNode), 8.0);
    stack.undo();
    QCOMPARE(scenario.opticModules[static_cast<int>(ReachClass::Multimode)], QStringLiteral("osfp-400g-sr4"));
  }

  void resetRefusesUnknownPathsAndBrokenResults() {
    Scenario scenario = preset("gb200-nvl72-1m");
    QString error;
    QVERIFY(!ScenarioCommands::reset(scenario, QStringLiteral("cluster.gpu"), &error));
    QCOMPARE(error, QStringLiteral("cluster.gpu: unknown input (did you mean cluster.gpus?)"));
    // A custom system has no catalog values: dropping one of its inputs leaves it undefined.
    ScenarioErrors errors;
    Scenario custom = preset("gb200-nvl72-1m");
    const ResolvedScenario gb200 = resolved(custom);
    for (const InputSpec& spec : inputSpecs())
      if (QByteArray(spec.path).startsWith("system.")) custom.values.insert(spec.id, valueOf(gb200.values, spec.id));
    QVERIFY(custom.set(QStringLiteral("system.type"), QStringLiteral("custom"), errors));
    QVERIFY(!ScenarioCommands::reset(custom, QStringLiteral("system.gpuTdpW"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("system.gpuTdpW: no value")), qPrintable(error));
  }

  void systemTypeChangeResolvesFromTheCatalog() {
    Scenario scenario;  // hgx-h100, 150,000 GPUs
    QCOMPARE(resolvedValue(scenario, InputId::systemGpusPerNode), 8.0);
    QUndoStack stack;
    QString error;
    auto command =
        ScenarioCommands::set(scenario, QStringLiteral("system.type"), QStringLiteral("gb200-nvl72"), &error);
    QVERIFY2(command, qPrintable(error));
    stack.push(command.release());
    QCOMPARE(scenario.systemType, QStringLiteral("gb200-nvl72"));
    const ResolvedScenario result = resolved(scenario);
    QCOMPARE(result.systemName, QStringLiteral("GB200 NVL72 rack, 72 GPUs, liquid-cooled"));
    QCOMPARE(valueOf(result.values, InputId::systemGpusPerNode), 4.0);
    QCOMPARE(valueOf(result.values, InputId::systemNodesPerRack), 18.0);
    stack.undo();
    QCOMPARE(scenario.systemType, QStringLiteral("hgx-h100"));
  }

  void repeatedSetsOfOnePathMerge() {
    Scenario scenario = preset("gb200-nvl72-1m");
    const QJsonObject original = scenario.toJson();
    QUndoStack stack;
    QString error;
    for (const char* text : {"1.2", "1.25", "1.4"})
      stack.push(
          ScenarioCommands::set(scenario, QStringLiteral("facility.pue"), QString::fromLatin1(text), &error).release());
    QCOMPARE(stack.count(), 1);
    QCOMPARE(stack.undoText(), QStringLiteral("Set facility.pue to 1.4"));
    QCOMPARE(scenario.values.value(InputId::facilityPue), 1.4);
    stack.push(
        ScenarioCommands::set(scenario, QStringLiteral("cluster.gpus"), QStringLiteral("900000"), &error).release());
    QCOMPARE(stack.count(), 2);  // another path is another step
    stack.undo();
    stack.undo();
    QCOMPARE(scenario.toJson(), original);

    // Typing back the starting value leaves nothing to undo.
    stack.clear();
    stack.push(
        ScenarioCommands::set(scenario, QStringLiteral("cluster.gpus"), QStringLiteral("900000"), &error).release());
    stack.push(
        ScenarioCommands::set(scenario, QStringLiteral("cluster.gpus"), QStringLiteral("1000000"), &error).release());
    QCOMPARE(stack.count(), 0);
    QCOMPARE(scenario.toJson(), original);
  }

  void propertiesAreOneStepTrimmedAndUndone() {
    Scenario scenario = preset("gb200-nvl72-1m");
    const QJsonObject original = scenario.toJson();
    QString error = QStringLiteral("stale");
    auto command = ScenarioCommands::setProperties(scenario, QStringLiteral("  Abilene campus  "),
                                                   QStringLiteral("Two phases.\nGrid power from 2026.\n"), &error);
    QVERIFY(command);
    QVERIFY(error.isEmpty());
    QCOMPARE(scenario.toJson(), original);  // checking an edit does not apply it
    QUndoStack stack;
    stack.push(command.release());
    QCOMPARE(stack.count(), 1);
    QCOMPARE(scenario.name, QStringLiteral("Abilene campus"));
    QCOMPARE(scenario.description, QStringLiteral("Two phases.\nGrid power from 2026."));
    QCOMPARE(scenario.values.value(InputId::clusterGpus), 1000000.0);  // the inputs stay
    stack.undo();
    QCOMPARE(scenario.toJson(), original);
    stack.redo();
    QCOMPARE(scenario.name, QStringLiteral("Abilene campus"));

    // The same again changes nothing: no step to undo.
    error = QStringLiteral("stale");
    QVERIFY(!ScenarioCommands::setProperties(scenario, QStringLiteral("Abilene campus"),
                                             QStringLiteral("Two phases.\nGrid power from 2026."), &error));
    QVERIFY(error.isEmpty());
  }

  void refusesBadProperties_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty name") << ""
                                << "a plan"
                                << "name: empty: a project needs a name";
    QTest::newRow("blank name") << " \t "
                                << ""
                                << "name: empty: a project needs a name";
    QTest::newRow("long name") << QString(201, QLatin1Char('x')) << ""
                               << "name: 201 characters; at most 200";
    QTest::newRow("two lines") << "Abilene\ncampus"
                               << ""
                               << "name: one line, without tabs or control characters";
    QTest::newRow("long description") << "Abilene" << QString(2001, QLatin1Char('x'))
                                      << "description: 2001 characters; at most 2000";
  }
  void refusesBadProperties() {
    QFETCH(QString, name);
    QFETCH(QString, description);
    QFETCH(QString, message);
    Scenario scenario = preset("gb200-nvl72-1m");
    const QJsonObject original = scenario.toJson();
    QString error;
    QVERIFY(!ScenarioCommands::setProperties(scenario, name, description, &error));
    QCOMPARE(error, message);
    QCOMPARE(scenario.toJson(), original);
    // A name and a description at their longest are taken.
    QVERIFY(ScenarioCommands::setProperties(scenario, QString(ScenarioCommands::kMaxNameChars, QLatin1Char('n')),
                                            QString(ScenarioCommands::kMaxDescriptionChars, QLatin1Char('d')), &error));
  }
};

QTEST_GUILESS_MAIN(TestScenarioCommands)
#include "TestScenarioCommands.moc"
