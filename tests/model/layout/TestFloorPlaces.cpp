#include "ScenarioFixtures.h"
#include "layout/FloorPlaces.h"
#include "layout/LayoutGenerator.h"

using namespace gigaplan;
using namespace gigaplan::test;

namespace {
SiteLayout colossusLayout() {
  const InputValues inputs = presetInputs("colossus-150k-h100");
  QString error;
  return *LayoutGenerator::generate(inputs, evaluate(inputs), QStringLiteral("hgx-h100-liquid"), HallTemplate{},
                                    &error);
}
}  // namespace

class TestFloorPlaces : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { layout_ = colossusLayout(); }

  void findsRacksRowsHallsAndBuildingsByTheirNames() {
    QString error;
    using Kind = FloorPlaces::Place::Kind;
    // A rack by its id, with or without the word.
    const Rack& rack = layout_.racks[1234];
    for (const QString& text : {QString::number(rack.id), QStringLiteral("rack %1").arg(rack.id)}) {
      const auto place = FloorPlaces::find(layout_, text, &error);
      QVERIFY2(place && place->kind == Kind::Rack && place->index == 1234, qPrintable(error));
    }
    // A row as HALL/N; a hall and a building by name in any case.
    const Hall& hall = layout_.halls[1];
    const auto row = FloorPlaces::find(layout_, hall.name + QStringLiteral("/3"), &error);
    QVERIFY2(row && row->kind == Kind::Row, qPrintable(error));
    QCOMPARE(FloorPlaces::rowName(layout_, row->index), hall.name + QStringLiteral(" row 3"));
    const auto byHall = FloorPlaces::find(layout_, hall.name.toLower(), &error);
    QVERIFY(byHall && byHall->kind == Kind::Hall && byHall->index == 1);
    const auto building = FloorPlaces::find(layout_, layout_.buildings[0].name.toUpper(), &error);
    QVERIFY(building && building->kind == Kind::Building && building->index == 0);
    // The racks of a place are exactly those in it.
    const std::vector<int> inHall = FloorPlaces::racksIn(layout_, *byHall);
    QVERIFY(!inHall.empty());
    std::size_t count = 0;
    for (const Rack& r : layout_.racks) count += layout_.rows[static_cast<std::size_t>(r.row)].hall == 1 ? 1 : 0;
    QCOMPARE(inHall.size(), count);
  }

  void saysWhyNothingOrSeveralMatch() {
    QString error;
    QVERIFY(!FloorPlaces::find(layout_, QStringLiteral("999999999"), &error));
    QCOMPARE(error, QStringLiteral("rack 999999999: no such rack"));
    QVERIFY(!FloorPlaces::find(layout_, QStringLiteral("no such place"), &error));
    QVERIFY2(error.contains(QStringLiteral("no building, hall, row")), qPrintable(error));
    // "B" is part of every name: the planner is asked to say which.
    QVERIFY(!FloorPlaces::find(layout_, QStringLiteral("B"), &error));
    QVERIFY2(error.contains(QStringLiteral("say which")), qPrintable(error));
    QVERIFY(!FloorPlaces::find(layout_, layout_.halls[0].name + QStringLiteral("/999"), &error));
    QVERIFY2(error.contains(QStringLiteral("has rows 1 to")), qPrintable(error));
  }

 private:
  SiteLayout layout_;
};

QTEST_APPLESS_MAIN(TestFloorPlaces)
#include "TestFloorPlaces.moc"
