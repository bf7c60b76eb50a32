#include <QImage>
#include <QTest>
#include <algorithm>
#include <cmath>

#include "ChartsPanel.h"
#include "engine/Evaluator.h"
#include "plan/PresetLibrary.h"

using namespace gigaplan;

namespace {
struct Evaluation {
  ResolvedScenario scenario;
  OutputValues outputs{};
};

Evaluation evaluatePreset(const QString& preset) {
  ScenarioErrors errors;
  const auto resolved = PresetLibrary::load(preset, errors)->resolve(HardwareCatalog::bundled(), errors);
  return {*resolved, evaluate(resolved->values)};
}

double sum(const ChartsPanel::Breakdown& parts, qsizetype count = -1) {
  double total = 0.0;
  for (qsizetype i = 0; i < (count < 0 ? parts.size() : count); ++i) total += parts[i].second;
  return total;
}

/// Equal within floating-point rounding of a sum of a dozen parts.
bool nearlyEqual(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b));
}
QByteArray pair(double a, double b) {
  return QByteArray::number(a, 'g', 12) + " vs " + QByteArray::number(b, 'g', 12);
}

/// The two presets at either end of the planned range, and optionally a one-SU pilot: small
/// numbers and a two-tier fabric (axis decimals, the tiers left out).
void addPresetRows(bool withPilot) {
  QTest::addColumn<QString>("preset");
  QTest::newRow("1M GB200") << QStringLiteral("gb200-nvl72-1m");
  QTest::newRow("Colossus") << QStringLiteral("colossus-150k-h100");
  if (withPilot) QTest::newRow("SuperPOD 1 SU") << QStringLiteral("superpod-h100-1su");
}
}  // namespace

class TestChartsPanel : public QObject {
  Q_OBJECT
 private slots:
  void breakdownsAddUpToTheirTotals_data() { addPresetRows(false); }
  void breakdownsAddUpToTheirTotals() {
    QFETCH(QString, preset);
    const Evaluation e = evaluatePreset(preset);
    ChartsPanel panel;
    panel.showResult(e.scenario, e.outputs);

    const ChartsPanel::Breakdown power = panel.powerBreakdownMw();
    QCOMPARE(power.size(), 10);
    QCOMPARE(power.front(), qMakePair(QStringLiteral("GPUs"), valueOf(e.outputs, OutputId::powerGpuMw)));
    const double facilityMw = valueOf(e.outputs, OutputId::powerFacilityMw);
    QVERIFY2(nearlyEqual(sum(power), facilityMw), pair(sum(power), facilityMw));
    // The first seven parts are the IT load, the rest the facility's overhead on it.
    const double itMw = valueOf(e.outputs, OutputId::powerItMw);
    QVERIFY2(nearlyEqual(sum(power, 7), itMw), pair(sum(power, 7), itMw));
    // Every part is drawn; the headroom is nothing where the vendor publishes no maximum.
    for (const auto& part : power)
      QVERIFY2(part.first == QStringLiteral("Provisioning headroom") ? part.second >= 0 : part.second > 0,
               qPrintable(part.first));

    const ChartsPanel::Breakdown capex = panel.capexBreakdownUsd();
    QCOMPARE(capex.size(), 8);
    QCOMPARE(capex.front().first, QStringLiteral("GPU systems"));
    QVERIFY(nearlyEqual(capex.front().second, valueOf(e.outputs, OutputId::costSystemsUsd)));
    const double capexUsd = valueOf(e.outputs, OutputId::costCapexUsd);
    QVERIFY2(nearlyEqual(sum(capex), capexUsd), pair(sum(capex), capexUsd));
  }

  void fabricShowsEveryTierInUse_data() { addPresetRows(true); }
  void fabricShowsEveryTierInUse() {
    QFETCH(QString, preset);
    const Evaluation e = evaluatePreset(preset);
    ChartsPanel panel;
    panel.showResult(e.scenario, e.outputs);
    const ChartsPanel::Breakdown switches = panel.fabricSwitchesPerTier();
    const ChartsPanel::Breakdown links = panel.fabricLinksPerTier();
    QCOMPARE(switches.size(), static_cast<qsizetype>(valueOf(e.outputs, OutputId::networkTiers)));
    QCOMPARE(links.size(), switches.size());
    const OutputId tierSwitches[] = {OutputId::networkSwitchesTier1, OutputId::networkSwitchesTier2,
                                     OutputId::networkSwitchesTier3, OutputId::networkSwitchesTier4};
    const OutputId tierLinks[] = {OutputId::networkLinksTier1, OutputId::networkLinksTier2, OutputId::networkLinksTier3,
                                  OutputId::networkLinksTier4};
    for (qsizetype t = 0; t < switches.size(); ++t) {
      QCOMPARE(switches[t].second, valueOf(e.outputs, tierSwitches[t]));
      QCOMPARE(links[t].second, valueOf(e.outputs, tierLinks[t]));
      QCOMPARE(links[t].first, switches[t].first);
    }
    QCOMPARE(switches.front().first, QStringLiteral("Tier 1 (leaf)"));
    QCOMPARE(sum(switches), valueOf(e.outputs, OutputId::networkSwitches));
  }

  void anotherResultReplacesTheValuesInPlace() {
    const Evaluation million = evaluatePreset(QStringLiteral("gb200-nvl72-1m"));
    const Evaluation colossus = evaluatePreset(QStringLiteral("colossus-150k-h100"));
    ChartsPanel panel;
    panel.showResult(million.scenario, million.outputs);
    const ChartsPanel::Breakdown millionPower = panel.powerBreakdownMw();
    QWidget* const powerView = panel.widget(0);

    panel.showResult(colossus.scenario, colossus.outputs);
    QCOMPARE(panel.widget(0), powerView);  // updated, not rebuilt
    QCOMPARE(panel.powerBreakdownMw().front().second, valueOf(colossus.outputs, OutputId::powerGpuMw));
    QVERIFY(panel.powerBreakdownMw().front().second < millionPower.front().second / 4);
    QVERIFY(nearlyEqual(sum(panel.capexBreakdownUsd()), valueOf(colossus.outputs, OutputId::costCapexUsd)));
    QCOMPARE(panel.fabricSwitchesPerTier().front().second, valueOf(colossus.outputs, OutputId::networkSwitchesTier1));

    panel.showResult(million.scenario, million.outputs);
    QCOMPARE(panel.powerBreakdownMw(), millionPower);
  }

  /// Renders each tab as a planner sees it, for a look at labels and legends (saved beside the test).
  void rendersEveryTab_data() { addPresetRows(true); }
  void rendersEveryTab() {
    QFETCH(QString, preset);
    const Evaluation e = evaluatePreset(preset);
    ChartsPanel panel;
    panel.resize(600, 500);
    panel.showResult(e.scenario, e.outputs);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QStringList names{"power", "capex", "fabric"};
    QCOMPARE(panel.count(), names.size());
    for (int tab = 0; tab < panel.count(); ++tab) {
      panel.setCurrentIndex(tab);
      const QImage image = panel.grab().toImage();
      QCOMPARE(image.size(), QSize(600, 500) * image.devicePixelRatio());
      QVERIFY(image.save(QStringLiteral("charts-%1-%2.png").arg(preset, names[tab])));
    }
  }
};

QTEST_MAIN(TestChartsPanel)
#include "TestChartsPanel.moc"
