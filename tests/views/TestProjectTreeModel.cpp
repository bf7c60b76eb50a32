#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QTest>

#include "ProjectTreeModel.h"
#include "engine/Evaluator.h"
#include "layout/LayoutGenerator.h"
#include "layout/LayoutMetrics.h"
#include "plan/PresetLibrary.h"

using namespace gigaplan;

namespace {
SiteLayout presetLayout(const char* preset) {
  ScenarioErrors errors;
  const auto scenario = PresetLibrary::load(QString::fromLatin1(preset), errors);
  const auto resolved = scenario->resolve(HardwareCatalog::bundled(), errors);
  QString error;
  return *LayoutGenerator::generate(resolved->values, evaluate(resolved->values), scenario->systemType, HallTemplate{},
                                    &error);
}

void addRacks(SiteLayout& layout, int row, int count, float powerKw) {
  for (int i = 0; i < count; ++i) layout.racks.push_back({.id = layout.nextRackId++, .row = row, .powerKw = powerKw});
}

/// Two buildings, three halls, five rows (one empty) and a CDU: small enough to count by hand.
SiteLayout smallLayout() {
  SiteLayout layout;
  layout.buildings = {{.name = "B1"}, {.name = "B2"}};
  layout.halls = {{.building = 0, .name = "B1-H1"}, {.building = 0, .name = "B1-H2"}, {.building = 1, .name = "B2-H1"}};
  layout.rows = {{.hall = 0}, {.hall = 0}, {.hall = 1}, {.hall = 2}, {.hall = 2}};
  addRacks(layout, 0, 3, 100.0f);
  addRacks(layout, 1, 2, 50.0f);
  addRacks(layout, 2, 1, 30.0f);
  addRacks(layout, 4, 4, 20.0f);
  // A CDU is a rack on the floor, but its pumps are cooling plant, not IT load.
  layout.racks.push_back({.id = layout.nextRackId++, .row = 4, .role = RackRole::Cdu, .powerKw = 15.0f});
  return layout;
}

QVariant value(const ProjectTreeModel& model, const QModelIndex& item, int column) {
  return model.data(item.siblingAtColumn(column), ProjectTreeModel::kValueRole);
}
}  // namespace

class TestProjectTreeModel : public QObject {
  Q_OBJECT
 private slots:
  void staysAValidModelAcrossChanges() {
    ProjectTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    SiteLayout layout = smallLayout();
    model.setLayout(&layout);
    QCOMPARE(model.rowCount(), 1);

    addRacks(layout, 3, 5, 10.0f);
    model.refresh();
    const QModelIndex site = model.index(0, 0);
    QCOMPARE(value(model, site, ProjectTreeModel::kRacksColumn).toInt(), 16);

    layout.racks.erase(layout.racks.begin(), layout.racks.begin() + 3);  // row 1 of hall B1-H1 is empty now
    model.refresh();
    QCOMPARE(value(model, model.index(0, 0), ProjectTreeModel::kRacksColumn).toInt(), 13);
    QCOMPARE(value(model, model.indexOf(LayoutSelection::row(0)), ProjectTreeModel::kRacksColumn).toInt(), 0);

    layout.rows.push_back({.hall = 1});
    model.refresh();
    QCOMPARE(model.rowCount(model.indexOf(LayoutSelection::hall(1))), 2);

    // A hall of a building that does not exist (a damaged file) stays out of the tree with its
    // rows and racks instead of crashing the view.
    layout.halls.push_back({.building = 7, .name = "lost"});
    layout.rows.push_back({.hall = 3});
    addRacks(layout, 6, 2, 10.0f);
    model.refresh();
    QVERIFY(!model.indexOf(LayoutSelection::hall(3)).isValid());
    QVERIFY(!model.indexOf(LayoutSelection::row(6)).isValid());
    QCOMPARE(value(model, model.index(0, 0), ProjectTreeModel::kRacksColumn).toInt(), 13);

    model.setLayout(nullptr);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.indexOf(LayoutSelection::hall(0)).isValid());
  }

  void countsRacksAndPowerBelowEachItem() {
    const SiteLayout layout = smallLayout();
    ProjectTreeModel model;
    model.setLayout(&layout);
    const QModelIndex site = model.index(0, 0);
    QCOMPARE(site.data().toString(), QStringLiteral("Site"));
    QCOMPARE(model.rowCount(site), 2);
    QCOMPARE(value(model, site, ProjectTreeModel::kRacksColumn).toInt(), 11);
    QCOMPARE(value(model, site, ProjectTreeModel::kItPowerColumn).toDouble(), 0.51);
    QCOMPARE(site.siblingAtColumn(ProjectTreeModel::kItPowerColumn).data().toString(), QStringLiteral("0.51"));

    const QModelIndex b1 = model.index(0, 0, site);
    QCOMPARE(b1.data().toString(), QStringLiteral("B1"));
    QCOMPARE(model.rowCount(b1), 2);
    const QModelIndex hall = model.index(0, 0, b1);
    QCOMPARE(hall.data().toString(), QStringLiteral("B1-H1"));
    QCOMPARE(value(model, hall, ProjectTreeModel::kRacksColumn).toInt(), 5);
    QCOMPARE(value(model, hall, ProjectTreeModel::kItPowerColumn).toDouble(), 0.4);
    // Rows are numbered within their hall, and the second hall's row starts again at 1.
    QCOMPARE(model.index(1, 0, hall).data().toString(), QStringLiteral("Row 2"));
    QCOMPARE(model.index(0, 0, model.index(1, 0, b1)).data().toString(), QStringLiteral("Row 1"));
    const QModelIndex b2 = model.index(1, 0, site);
    QCOMPARE(value(model, model.index(0, 0, b2), ProjectTreeModel::kRacksColumn).toInt(), 5);
    QCOMPARE(value(model, model.index(0, 0, b2), ProjectTreeModel::kItPowerColumn).toDouble(), 0.08);
    QCOMPARE(model.rowCount(model.index(0, 0, b2)), 2);
  }

  void selectionsRoundTrip() {
    const SiteLayout layout = smallLayout();
    ProjectTreeModel model;
    model.setLayout(&layout);
    for (const LayoutSelection& selection :
         {LayoutSelection::building(1), LayoutSelection::hall(1), LayoutSelection::row(4)}) {
      const QModelIndex index = model.indexOf(selection);
      QVERIFY(index.isValid());
      QVERIFY(model.selectionAt(index) == selection);
    }
    QCOMPARE(model.indexOf(LayoutSelection::row(4)).data().toString(), QStringLiteral("Row 2"));
    QCOMPARE(model.indexOf(LayoutSelection::row(4)).parent(), model.indexOf(LayoutSelection::hall(2)));
    QVERIFY(model.selectionAt(model.index(0, 0)).isEmpty());
    QVERIFY(!model.indexOf({}).isValid());
    QVERIFY(!model.indexOf(LayoutSelection::hall(3)).isValid());

    // A rack selection shows as the row of its first rack.
    const std::uint32_t rackInRow2 = layout.racks[5].id;
    QCOMPARE(model.indexOf(LayoutSelection::racks({rackInRow2, layout.racks[0].id})),
             model.indexOf(LayoutSelection::row(2)));
    QVERIFY(!model.indexOf(LayoutSelection::racks({layout.nextRackId})).isValid());
  }

  void showsAMillionGpuSite() {
    const SiteLayout layout = presetLayout("gb200-nvl72-1m");
    const LayoutMetrics metrics = LayoutMetrics::measure(layout);
    ProjectTreeModel model;
    model.setLayout(&layout);
    QElapsedTimer timer;
    timer.start();
    model.refresh();
    qInfo("refresh of %zu racks in %zu rows: %.2f ms", layout.racks.size(), layout.rows.size(),
          static_cast<double>(timer.nsecsElapsed()) / 1e6);

    const QModelIndex site = model.index(0, 0);
    QCOMPARE(model.rowCount(site), static_cast<int>(layout.buildings.size()));
    QCOMPARE(value(model, site, ProjectTreeModel::kRacksColumn).toInt(), static_cast<int>(layout.racks.size()));
    QVERIFY(qFuzzyCompare(value(model, site, ProjectTreeModel::kItPowerColumn).toDouble(), metrics.itKw / 1e3));
    std::size_t halls = 0;
    std::size_t rows = 0;
    for (int b = 0; b < model.rowCount(site); ++b) {
      const QModelIndex building = model.index(b, 0, site);
      for (int h = 0; h < model.rowCount(building); ++h, ++halls) {
        const QModelIndex hall = model.index(h, 0, building);
        rows += static_cast<std::size_t>(model.rowCount(hall));
        const LayoutSelection selection = model.selectionAt(hall);
        const HallMetrics& expected = metrics.halls[static_cast<std::size_t>(selection.index)];
        QCOMPARE(value(model, hall, ProjectTreeModel::kRacksColumn).toInt(),
                 expected.computeRacks + expected.networkRacks + expected.cdus);
        QVERIFY(qFuzzyCompare(value(model, hall, ProjectTreeModel::kItPowerColumn).toDouble(), expected.itKw / 1e3));
      }
    }
    QCOMPARE(halls, layout.halls.size());
    QCOMPARE(rows, layout.rows.size());
    // 1,000,000 GPUs / 72 per rack: 13,889 compute racks alone, in dozens of halls.
    QVERIFY(layout.racks.size() > 13889);
    QVERIFY(halls > 20);
  }
};

QTEST_MAIN(TestProjectTreeModel)
#include "TestProjectTreeModel.moc"
