// What-if analysis: the tornado of inputs against TCO, facility MW and $ per GPU-hour, Monte
// Carlo bands, and two variants compared figure by figure.
#include <QElapsedTimer>
#include <QTest>

#include "engine/Evaluator.h"
#include "engine/ResultFormat.h"
#include "engine/WhatIf.h"
#include "plan/PresetLibrary.h"

using namespace gigaplan;

namespace {
bool near(double a, double b, double relative = 1e-9) {
  return std::fabs(a - b) <= relative * std::max(1.0, std::fabs(b));
}
ResolvedScenario preset(const char* id) {
  ScenarioErrors errors;
  const auto scenario = PresetLibrary::load(QString::fromLatin1(id), errors);
  const auto resolved = scenario ? scenario->resolve(HardwareCatalog::bundled(), errors) : std::nullopt;
  if (!resolved) qFatal("%s", qPrintable(errors.value(0).text()));
  return *resolved;
}
}  // namespace

class TestWhatIf : public QObject {
  Q_OBJECT
 private slots:
  void theTornadoMovesEachInputAndRanksTheSwings() {
    const ResolvedScenario scenario = preset("colossus-150k-h100");
    const Tornado tornado = Tornado::compute(scenario, 0.1);
    const OutputValues base = evaluate(scenario.values);
    QCOMPARE(tornado.base[0], valueOf(base, OutputId::costTcoUsdPerYear));
    QVERIFY(tornado.bars.size() > 20);
    for (std::size_t i = 1; i < tornado.bars.size(); ++i)
      QVERIFY(tornado.bars[i - 1].swing(0) >= tornado.bars[i].swing(0));
    // Electricity price: TCO moves by exactly the energy bill of +-10 % of the price.
    const auto electricity = std::find_if(tornado.bars.begin(), tornado.bars.end(), [](const TornadoBar& bar) {
      return bar.input == InputId::costElectricityUsdPerKwh;
    });
    QVERIFY(electricity != tornado.bars.end());
    const double price = valueOf(scenario.values, InputId::costElectricityUsdPerKwh);
    const double energyGwh = valueOf(base, OutputId::powerAnnualEnergyGwh);
    QVERIFY(std::fabs(electricity->swing(0) - 0.2 * price * energyGwh * 1e6) < 1e-6 * electricity->swing(0));
    QCOMPARE(electricity->low, price * 0.9);
    // ... and facility power not at all: its swing is 0 while others move it.
    QCOMPARE(electricity->swing(1), 0.0);
    const auto byPower = tornado.orderedBy(1);
    QVERIFY(byPower.front().swing(1) > 0);
    // Each end is the scalar evaluation of that scenario.
    InputValues high = scenario.values;
    high[static_cast<std::size_t>(electricity->input)] = electricity->high;
    QVERIFY(std::fabs(electricity->atHigh[2] - valueOf(evaluate(high), OutputId::costUsdPerGpuHour)) < 1e-9);
  }

  void theTornadoStaysWithinEachInputsRangeAndSaysSo() {
    // PSU efficiency 0.95 + 10 % would be 1.045: held at 1, its valid maximum, and marked clipped
    // (Colossus's liquid-cooled HGX has no published maximum: its power is the component
    // estimate). A price moves the full 10 %.
    const Tornado tornado = Tornado::compute(preset("colossus-150k-h100"), 0.1);
    auto barOf = [&](InputId id) -> const TornadoBar* {
      for (const TornadoBar& bar : tornado.bars)
        if (bar.input == id) return &bar;
      return nullptr;
    };
    for (const TornadoBar& bar : tornado.bars) {
      const InputSpec& spec = inputSpec(bar.input);
      QVERIFY2(bar.low >= spec.minimum && bar.high <= spec.maximum, spec.path);
    }
    const TornadoBar* psu = barOf(InputId::systemPsuEfficiency);
    QVERIFY(psu);
    QCOMPARE(psu->high, 1.0);
    QVERIFY(psu->clipped);
    const TornadoBar* price = barOf(InputId::costElectricityUsdPerKwh);
    QVERIFY(price);
    QVERIFY(!price->clipped);
    QCOMPARE(shortName(inputSpec(InputId::systemPsuEfficiency).meaning), QStringLiteral("Power-supply efficiency"));
  }

  void aSiteTornadoMovesEveryGroupAtOnce() {
    // Two groups of systems, as a phased site has: the base is the site's (TCO and MW summed, the
    // price of a GPU-hour over all GPU-hours), and the electricity price moves both groups' bills.
    const ResolvedScenario h100 = preset("colossus-150k-h100");
    const ResolvedScenario gb200 = preset("gb200-nvl72-1m");
    const Tornado site = Tornado::computeSite({gb200, h100}, 0.1);
    const OutputValues a = evaluate(gb200.values), b = evaluate(h100.values);
    auto out = [](const OutputValues& o, OutputId id) { return valueOf(o, id); };
    QVERIFY(near(site.base[0], out(a, OutputId::costTcoUsdPerYear) + out(b, OutputId::costTcoUsdPerYear)));
    QVERIFY(near(site.base[1], out(a, OutputId::powerFacilityMw) + out(b, OutputId::powerFacilityMw)));
    const double hours = out(a, OutputId::costTcoUsdPerYear) / out(a, OutputId::costUsdPerGpuHour) +
                         out(b, OutputId::costTcoUsdPerYear) / out(b, OutputId::costUsdPerGpuHour);
    QVERIFY(near(site.base[2], site.base[0] / hours));
    const auto price = std::find_if(site.bars.begin(), site.bars.end(), [](const TornadoBar& bar) {
      return bar.input == InputId::costElectricityUsdPerKwh;
    });
    QVERIFY(price != site.bars.end());
    // +10 % on the price adds 10 % of both energy bills.
    const double bills = out(a, OutputId::costEnergyUsdPerYear) + out(b, OutputId::costEnergyUsdPerYear);
    QVERIFY(near(price->atHigh[0] - site.base[0], 0.1 * bills, 1e-6));
    // One group alone is the plain tornado.
    const Tornado one = Tornado::computeSite({h100}, 0.1);
    QCOMPARE(one.base[0], Tornado::compute(h100, 0.1).base[0]);
  }

  void bandsOrderAndStayWithinTheDraws() {
    const ResolvedScenario scenario = preset("colossus-150k-h100");
    // Only the electricity price is uncertain: TCO is linear in it, so its P10/P50/P90 are the
    // TCO at the price's 10th, 50th and 90th percentiles of a uniform draw, within sampling noise.
    const double price = valueOf(scenario.values, InputId::costElectricityUsdPerKwh);
    const QList<UncertainInput> uncertain = {{InputId::costElectricityUsdPerKwh, price * 0.5, price * 1.5}};
    QElapsedTimer timer;
    timer.start();
    const auto bands =
        uncertaintyBands(scenario, uncertain, 10000, 7, {OutputId::costTcoUsdPerYear, OutputId::powerFacilityMw});
    qInfo("10,000 samples: %.1f ms", timer.nsecsElapsed() * 1e-6);
    QVERIFY(bands);
    QCOMPARE(bands->size(), std::size_t{2});
    const UncertaintyBand& tco = (*bands)[0];
    QVERIFY(tco.p10 < tco.p50 && tco.p50 < tco.p90);
    auto tcoAt = [&](double p) {
      InputValues values = scenario.values;
      values[static_cast<std::size_t>(InputId::costElectricityUsdPerKwh)] = p;
      return valueOf(evaluate(values), OutputId::costTcoUsdPerYear);
    };
    const double spread = tcoAt(price * 1.5) - tcoAt(price * 0.5);
    QVERIFY(std::fabs(tco.p10 - tcoAt(price * 0.6)) < 0.02 * spread);
    QVERIFY(std::fabs(tco.p50 - tcoAt(price * 1.0)) < 0.02 * spread);
    QVERIFY(std::fabs(tco.p90 - tcoAt(price * 1.4)) < 0.02 * spread);
    // Facility power does not depend on the price: one value.
    const UncertaintyBand& power = (*bands)[1];
    QCOMPARE(power.p10, power.p90);

    std::atomic<bool> cancel{true};
    QVERIFY(!uncertaintyBands(scenario, uncertain, 10000, 7, {OutputId::costTcoUsdPerYear}, {}, &cancel));
  }

  void bandsOfAnyCountStayInBoundedMemoryAndAgreeWithExactOnes() {
    const ResolvedScenario scenario = preset("colossus-150k-h100");
    const QList<UncertainInput> uncertain = uncertaintyFromConfidence(scenario);
    const std::vector<OutputId> figures = {OutputId::costTcoUsdPerYear, OutputId::powerFacilityMw,
                                           OutputId::costUsdPerGpuHour};
    const auto exact = uncertaintyBands(scenario, uncertain, 50'000, 3, figures);
    // Past `exactUpTo` the same draws go through a histogram of a million bins instead of memory.
    Eigen::Index lastDone = 0;
    Eigen::Index lastTotal = 0;
    const auto binned = uncertaintyBands(
        scenario, uncertain, 50'000, 3, figures,
        [&](Eigen::Index done, Eigen::Index total) {
          lastDone = done;
          lastTotal = total;
        },
        nullptr, 1'000);
    QVERIFY(exact && binned);
    QCOMPARE(lastTotal, Eigen::Index{100'000});  // two passes over the draws, both reported
    QCOMPARE(lastDone, lastTotal);
    for (std::size_t f = 0; f < figures.size(); ++f) {
      const UncertaintyBand& a = (*exact)[f];
      const UncertaintyBand& b = (*binned)[f];
      const double tolerance = std::max(1e-9, std::fabs(a.p90 - a.p10)) * 1e-4;
      QVERIFY2(std::fabs(a.p10 - b.p10) <= tolerance && std::fabs(a.p50 - b.p50) <= tolerance &&
                   std::fabs(a.p90 - b.p90) <= tolerance,
               qPrintable(QStringLiteral("%1: %2/%3/%4 vs %5/%6/%7")
                              .arg(QString::fromLatin1(outputSpec(a.figure).path))
                              .arg(a.p10)
                              .arg(a.p50)
                              .arg(a.p90)
                              .arg(b.p10)
                              .arg(b.p50)
                              .arg(b.p90)));
    }
  }

  void bandsOfAPhasedSiteDrawEveryGroupAtOnce() {
    const ResolvedScenario h100 = preset("colossus-150k-h100");
    // One group: the bands of that scenario over its own confidence ranges, draw for draw.
    const auto one = siteUncertaintyBands({h100}, 2'000, 5);
    const auto alone = uncertaintyBands(h100, uncertaintyFromConfidence(h100), 2'000, 5,
                                        std::vector<OutputId>(kWhatIfFigures.begin(), kWhatIfFigures.end()));
    QVERIFY(one && alone);
    QCOMPARE(one->size(), alone->size());
    for (std::size_t f = 0; f < one->size(); ++f) {
      QCOMPARE((*one)[f].p10, (*alone)[f].p10);
      QCOMPARE((*one)[f].p90, (*alone)[f].p90);
    }
    // Two equal groups share every draw: twice the TCO and megawatts, the same price per GPU-hour.
    // Independent draws would narrow the summed band instead.
    const auto twice = siteUncertaintyBands({h100, h100}, 2'000, 5);
    QVERIFY(twice);
    for (std::size_t f = 0; f < 2; ++f) {
      QVERIFY(near((*twice)[f].p10, 2 * (*one)[f].p10, 1e-12));
      QVERIFY(near((*twice)[f].p90, 2 * (*one)[f].p90, 1e-12));
    }
    QVERIFY(near((*twice)[2].p50, (*one)[2].p50, 1e-12));
    // A mixed site: the bands hold the site's own figures between them (P10 below base below P90)
    // and are wider than either group's alone.
    const ResolvedScenario gb200 = preset("gb200-nvl72-1m");
    const auto site = siteUncertaintyBands({gb200, h100}, 4'000, 5);
    QVERIFY(site);
    const double baseTco = valueOf(evaluate(gb200.values), OutputId::costTcoUsdPerYear) +
                           valueOf(evaluate(h100.values), OutputId::costTcoUsdPerYear);
    QVERIFY((*site)[0].p10 < baseTco && baseTco < (*site)[0].p90);
    QVERIFY((*site)[0].p90 - (*site)[0].p10 > (*one)[0].p90 - (*one)[0].p10);
    std::atomic<bool> cancel{true};
    QVERIFY(!siteUncertaintyBands({gb200, h100}, 4'000, 5, {}, &cancel));
  }

  void twoVariantsComparedFigureByFigure() {
    const ResolvedScenario nonBlocking = preset("colossus-150k-h100");
    InputValues oversubscribed = nonBlocking.values;
    oversubscribed[static_cast<std::size_t>(InputId::networkOversubscriptionTier1)] = 2;
    const OutputValues a = evaluate(nonBlocking.values);
    const OutputValues b = evaluate(oversubscribed);
    const auto rows = compareFigures(a, b);
    QCOMPARE(rows.size(), kOutputCount);
    auto row = [&](OutputId id) { return rows[static_cast<std::size_t>(id)]; };
    // 2:1 at the leaves: fewer spine switches, less bisection, lower capex.
    const FigureComparison capex = row(OutputId::costCapexUsd);
    QVERIFY(capex.difference < 0);
    QCOMPARE(capex.better, 2);
    QVERIFY(std::fabs(capex.percent - 100 * (capex.b - capex.a) / capex.a) < 1e-9);
    const FigureComparison bisection = row(OutputId::networkBisectionPerGpuGbps);
    QVERIFY(bisection.difference < 0);
    QCOMPARE(bisection.better, 1);
    QCOMPARE(row(OutputId::networkSwitchesTier2).better, 0);  // a count of parts: neither
    QCOMPARE(row(OutputId::clusterGpus).difference, 0.0);
    QCOMPARE(row(OutputId::clusterGpus).better, 0);
  }
};

QTEST_GUILESS_MAIN(TestWhatIf)
#include "TestWhatIf.moc"
