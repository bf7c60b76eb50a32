#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <set>

#include "optimize/DesignSearch.h"
#include "optimize/ParetoFront.h"

using namespace gigaplan;

namespace {

/// 32 designs: oversubscription at the leaves and spines, the system, the planes. Small enough to
/// enumerate on floors, larger than the population.
QJsonObject smallSpec(int seed = 7) {
  QJsonObject json = QJsonDocument::fromJson(R"({
    "base": "llama3-16k-h100",
    "objectives": [ {"minimize": "cost.tcoUsdPerYear"}, {"maximize": "network.bisectionPerGpuGbps"} ],
    "constraints": [ {"output": "power.facilityMw", "max": 60} ],
    "maxBrokenLimits": 0,
    "space": [
      {"path": "network.oversubscriptionTier1", "values": [1, 1.5, 2, 3]},
      {"path": "network.oversubscriptionTier2", "values": [1, 2]},
      {"path": "system.type", "values": ["hgx-h100", "hgx-h200"]},
      {"path": "network.planes", "from": 1, "to": 2, "step": 1}
    ],
    "population": 16, "generations": 20, "finalists": 16 })")
                         .object();
  json.insert(QStringLiteral("seed"), seed);
  return json;
}

OptimizeSpec parse(const QJsonObject& json) {
  ScenarioErrors errors;
  auto spec = OptimizeSpec::fromJson(json, QString(), errors);
  if (!spec) qFatal("%s", qPrintable(errors.value(0).text()));
  return *spec;
}

std::set<Genome> genomesOf(const std::vector<Finalist>& designs) {
  std::set<Genome> genomes;
  for (const Finalist& design : designs) genomes.insert(design.genes);
  return genomes;
}

}  // namespace

class TestDesignSearch : public QObject {
  Q_OBJECT

 private slots:
  void findsTheFrontThatEnumerationFinds() {
    const OptimizeSpec spec = parse(smallSpec());
    QCOMPARE(spec.spaceSize(), 32.0);
    // Every design on its floor, and the front among them by the same rule.
    std::vector<Finalist> all;
    Genome genes(spec.space.size(), 0);
    for (int a = 0; a < 4; ++a)
      for (int b = 0; b < 2; ++b)
        for (int c = 0; c < 2; ++c)
          for (int d = 0; d < 2; ++d) all.push_back(evaluateOnFloor(spec, {a, b, c, d}));
    std::set<Genome> best;
    for (const Finalist& x : all) {
      bool dominated = false;
      for (const Finalist& y : all) dominated = dominated || dominates(spec, y.judged, x.judged);
      if (!dominated) best.insert(x.genes);
    }
    QVERIFY(best.size() >= 2);  // a trade-off, not one winner

    const SearchResult result = optimize(spec, {});
    QVERIFY(!result.cancelled);
    QCOMPARE(genomesOf(result.front), best);
    QVERIFY(result.screened <= 32);
    for (const Finalist& design : result.front) {
      QCOMPARE(design.judged.violation, 0.0);
      QVERIFY(valueOf(design.figures, OutputId::powerFacilityMw) <= 60);
    }
  }

  void theSameSeedGivesTheSameFrontHoweverTheWorkIsSplit() {
    const OptimizeSpec spec = parse(smallSpec(11));
    const SearchResult first = optimize(spec, {});
    // The screening split in pieces and answered piece by piece, as ranks of a cluster would.
    DesignScreen screen(spec);
    SearchEvaluators split;
    split.screen = [&](const std::vector<Genome>& designs) {
      std::vector<DesignFigures> figures;
      for (std::size_t from = 0; from < designs.size(); from += 3) {
        const std::vector<Genome> piece(
            designs.begin() + static_cast<std::ptrdiff_t>(from),
            designs.begin() + static_cast<std::ptrdiff_t>(std::min(from + 3, designs.size())));
        for (DesignFigures& f : screen.screen(piece)) figures.push_back(std::move(f));
      }
      return figures;
    };
    const SearchResult second = optimize(spec, {}, split);
    QCOMPARE(QJsonDocument(frontJson(spec, first)).toJson(), QJsonDocument(frontJson(spec, second)).toJson());
  }

  void cancelsBetweenGenerations() {
    const OptimizeSpec spec = parse(smallSpec());
    int calls = 0;
    const SearchResult result = optimize(spec, [&](const QString&, double) { return ++calls < 3; });
    QVERIFY(result.cancelled);
    QVERIFY(result.front.empty());
  }

  void searchesPhasedPlansAsEnumerationDoes() {
    // A small plan in two phases; the second phase's system, its date and the fabric vary.
    QTemporaryDir dir;
    QFile plan(dir.filePath(QStringLiteral("two-phases.json")));
    QVERIFY(plan.open(QIODevice::WriteOnly));
    plan.write(R"({"format": "gigaplan-scenario/1", "name": "Two phases", "system": {"type": "hgx-h100"},
      "cluster": {"gpus": 4096}, "phases": [
        {"name": "Phase 1", "start": "2026-01-01", "systems": [{"type": "hgx-h100", "gpus": 4096}], "set": {"site.gridMw": 12}},
        {"name": "Phase 2", "start": "2026-07-01", "systems": [{"type": "hgx-h200", "gpus": 4096}], "set": {"site.gridMw": 40}}]})");
    plan.close();
    QJsonObject json = QJsonDocument::fromJson(R"({
      "base": "two-phases.json",
      "objectives": [ {"minimize": "cost.tcoUsdPerYear"}, {"maximize": "network.bisectionPerGpuGbps"} ],
      "constraints": [ {"output": "site.powerMarginMw", "min": 0, "everyPhase": true} ],
      "space": [
        {"path": "phases[2].systems[1].type", "values": ["hgx-h200", "hgx-b200-liquid"]},
        {"path": "phases[2].start", "values": ["2026-07-01", "2027-01-01"]},
        {"path": "network.oversubscriptionTier1", "values": [1, 2]}
      ],
      "seed": 3, "population": 8, "generations": 10, "finalists": 8 })")
                           .object();
    ScenarioErrors errors;
    const auto spec = OptimizeSpec::fromJson(json, dir.path(), errors);
    QVERIFY2(spec, qPrintable(errors.value(0).text()));
    QVERIFY(spec->phased());
    // The designs are plans: the second phase buys the system chosen, from the date chosen.
    const Project design = spec->projectOf({1, 1, 0});
    QCOMPARE(design.phases[1].systems[0].systemType, QStringLiteral("hgx-b200-liquid"));
    QCOMPARE(design.phases[1].start, QDate(2027, 1, 1));

    std::vector<Finalist> all;
    for (int a = 0; a < 2; ++a)
      for (int b = 0; b < 2; ++b)
        for (int c = 0; c < 2; ++c) all.push_back(evaluateOnFloor(*spec, {a, b, c}));
    std::set<Genome> best;
    for (const Finalist& x : all) {
      bool dominated = false;
      for (const Finalist& y : all) dominated = dominated || dominates(*spec, y.judged, x.judged);
      if (!dominated) best.insert(x.genes);
    }
    const SearchResult result = optimize(*spec, {});
    QCOMPARE(genomesOf(result.front), best);
    for (const Finalist& x : result.front) QVERIFY(valueOf(x.figures, OutputId::clusterGpus) == 8192);

    // A phase the plan does not have is named.
    QJsonArray space = json.value(QStringLiteral("space")).toArray();
    space.append(QJsonObject{{QStringLiteral("path"), QStringLiteral("phases[5].start")},
                             {QStringLiteral("values"), QJsonArray{QStringLiteral("2027-01-01")}}});
    space.append(QJsonObject{{QStringLiteral("path"), QStringLiteral("phases[2].start")},
                             {QStringLiteral("values"), QJsonArray{QStringLiteral("first of May")}}});
    json.insert(QStringLiteral("space"), space);
    errors.clear();
    QVERIFY(!OptimizeSpec::fromJson(json, dir.path(), errors));
    QStringList fields;
    for (const ScenarioError& error : errors) fields << error.field;
    QVERIFY2(fields.contains(QStringLiteral("space[4].path")), qPrintable(fields.join(QLatin1Char(' '))));
    QVERIFY2(fields.contains(QStringLiteral("space[5].values[1]")), qPrintable(fields.join(QLatin1Char(' '))));
  }

  void laysDesignsOutInTheHallsTheSpaceChooses() {
    const QJsonObject json = QJsonDocument::fromJson(R"({
      "base": "llama3-16k-h100",
      "objectives": [ {"minimize": "cost.tcoUsdPerYear"}, {"minimize": "cluster.siteAreaM2"} ],
      "space": [ {"path": "hall.rowsPerHall", "values": [12, 24]}, {"path": "hall.powerLimitMw", "values": [20, 40]} ],
      "population": 4, "generations": 2, "finalists": 4 })")
                                 .object();
    const OptimizeSpec spec = parse(json);
    QCOMPARE(spec.projectOf({0, 1}).layout.hallTemplate.rowsPerHall, 12);
    QCOMPARE(spec.projectOf({0, 1}).layout.hallTemplate.hallPowerLimitMw, 40.0);
    // The halls shape the floor the design is judged on.
    const Finalist narrow = evaluateOnFloor(spec, {0, 1});
    const Finalist wide = evaluateOnFloor(spec, {1, 1});
    QVERIFY(valueOf(narrow.figures, OutputId::clusterSiteAreaM2) != valueOf(wide.figures, OutputId::clusterSiteAreaM2));
    // The default halls are the base design.
    QCOMPARE(spec.baseDesign(), std::optional<Genome>(Genome{1, 1}));
  }

  void refusesABadSpecNamingTheField() {
    QJsonObject json = smallSpec();
    QJsonArray space = json.value(QStringLiteral("space")).toArray();
    space[1] = QJsonObject{{QStringLiteral("path"), QStringLiteral("network.oversubscriptionTier2")},
                           {QStringLiteral("values"), QJsonArray{1, 400}}};
    json.insert(QStringLiteral("space"), space);
    json.insert(QStringLiteral("objectives"),
                QJsonArray{QJsonObject{{QStringLiteral("minimize"), QStringLiteral("cost.nothing")}}});
    ScenarioErrors errors;
    QVERIFY(!OptimizeSpec::fromJson(json, QString(), errors));
    QStringList fields;
    for (const ScenarioError& error : errors) fields << error.field;
    QVERIFY2(fields.contains(QStringLiteral("space[2].values[2]")), qPrintable(fields.join(QLatin1Char(' '))));
    QVERIFY2(fields.contains(QStringLiteral("objectives[1]")), qPrintable(fields.join(QLatin1Char(' '))));
  }
};

QTEST_GUILESS_MAIN(TestDesignSearch)
#include "TestDesignSearch.moc"
