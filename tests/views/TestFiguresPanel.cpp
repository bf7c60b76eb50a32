#include <QTest>

#include "FiguresPanel.h"
#include "engine/Evaluator.h"
#include "engine/ResultFormat.h"
#include "plan/PresetLibrary.h"

using namespace gigaplan;

class TestFiguresPanel : public QObject {
  Q_OBJECT
 private slots:
  void showsEveryOutputWithItsUnit() {
    ScenarioErrors errors;
    const auto resolved =
        PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors)->resolve(HardwareCatalog::bundled(), errors);
    QVERIFY(resolved);
    const OutputValues outputs = evaluate(resolved->values);
    FiguresPanel panel;
    panel.showResult(*resolved, outputs);
    QCOMPARE(panel.displayedValue(OutputId::clusterGpus), QStringLiteral("1,000,000"));
    QCOMPARE(panel.displayedValue(OutputId::networkPlanes), QStringLiteral("2"));
    QCOMPARE(panel.displayedValue(OutputId::powerItMw),
             formatQuantity(outputs[static_cast<std::size_t>(OutputId::powerItMw)]));
    // One section per output group, each row with its unit.
    QStringList sections;
    int rows = 0;
    for (int i = 0; i < panel.topLevelItemCount(); ++i) {
      sections << panel.topLevelItem(i)->text(0);
      for (int j = 0; j < panel.topLevelItem(i)->childCount(); ++j, ++rows)
        QVERIFY(!panel.topLevelItem(i)->child(j)->text(2).isEmpty());
    }
    QCOMPARE(sections, (QStringList{"Cluster", "Network", "Power", "Electrical", "Cooling", "Cost", "Reliability",
                                    "Availability", "Schedule", "Site", "Carbon", "Tenants"}));
    QCOMPARE(rows, static_cast<int>(kOutputCount));
  }
};

QTEST_MAIN(TestFiguresPanel)
#include "TestFiguresPanel.moc"
