#include <QUndoStack>

#include "ScenarioFixtures.h"
#include "document/LayoutCommands.h"
#include "layout/FloorPlaces.h"
#include "layout/LayoutGenerator.h"
#include "layout/LayoutPlacement.h"

using namespace gigaplan;
using namespace gigaplan::test;

namespace {
bool sameLayout(const SiteLayout& a, const SiteLayout& b) {
  if (a.systemTypes != b.systemTypes || a.nextRackId != b.nextRackId || a.halls.size() != b.halls.size() ||
      a.rows.size() != b.rows.size() || a.racks.size() != b.racks.size())
    return false;
  for (std::size_t i = 0; i < a.halls.size(); ++i)
    if (a.halls[i].xM != b.halls[i].xM || a.halls[i].yM != b.halls[i].yM) return false;
  for (std::size_t i = 0; i < a.rows.size(); ++i)
    if (a.rows[i].hall != b.rows[i].hall || a.rows[i].xM != b.rows[i].xM || a.rows[i].yM != b.rows[i].yM ||
        a.rows[i].slotCount != b.rows[i].slotCount)
      return false;
  for (std::size_t i = 0; i < a.racks.size(); ++i) {
    const Rack &x = a.racks[i], &y = b.racks[i];
    if (x.id != y.id || x.row != y.row || x.slot != y.slot || x.role != y.role || x.system != y.system ||
        x.phase != y.phase || x.units != y.units || x.powerKw != y.powerKw || x.massKg != y.massKg)
      return false;
  }
  return true;
}

SiteLayout colossusLayout() {
  const InputValues inputs = presetInputs("colossus-150k-h100");
  QString error;
  return *LayoutGenerator::generate(inputs, evaluate(inputs), QStringLiteral("hgx-h100-liquid"), HallTemplate{},
                                    &error);
}
}  // namespace

class TestLayoutCommands : public QObject {
  Q_OBJECT
 private slots:
  void everyEditUndoesAndRedoes() {
    SiteLayout layout = colossusLayout();
    const SiteLayout original = layout;
    QUndoStack stack;
    QString error;
    const std::uint32_t firstRack = layout.racks.front().id;
    const std::uint32_t lastRack = layout.racks.back().id;
    const int lastRow = static_cast<int>(layout.rows.size()) - 1;
    std::vector<std::uint32_t> compute;
    for (const Rack& rack : layout.racks)
      if (rack.role == RackRole::Compute) compute.push_back(rack.id);

    std::vector<std::unique_ptr<QUndoCommand>> edits;
    edits.push_back(LayoutCommands::moveHall(layout, 1, 12.5, -4.0, &error));
    edits.push_back(LayoutCommands::moveRow(layout, 3, 4.0, 20.0, &error));
    edits.push_back(LayoutCommands::addRow(layout, 0, 3.0, 70.0, 30, &error));
    edits.push_back(nullptr);  // filled below: needs the new row
    edits.push_back(LayoutCommands::removeRacks(layout, {firstRack, lastRack}, &error));
    edits.push_back(LayoutCommands::setRackSystem(layout, {compute[10], compute[11]}, QStringLiteral("gb200-nvl72"),
                                                  125.6f, 1360.0f, 18, &error));
    edits.push_back(LayoutCommands::setRackPhase(layout, {compute[12]}, 2, &error));
    edits.push_back(LayoutCommands::removeRow(layout, 5, &error));
    edits.push_back(
        LayoutCommands::addHall(layout, Hall{0, QStringLiteral("New"), 500, 500, 30, 60, 20, 20, 1500}, &error));
    edits.push_back(LayoutCommands::removeHall(layout, 2, &error));
    for (std::size_t i = 0; i < edits.size(); ++i) {
      if (i == 3) {
        // After the added row exists: put a rack in it, then move another rack there.
        stack.push(
            LayoutCommands::addRack(layout, Rack{0, lastRow + 1, 0, RackRole::Compute, 0, 0, 1, 100, 1200}, &error)
                .release());
        edits[i] = LayoutCommands::moveRack(layout, layout.racks[20].id, lastRow + 1, 7, &error);
      }
      QVERIFY2(edits[i], qPrintable(error));
      stack.push(edits[i].release());
    }
    const SiteLayout edited = layout;
    QVERIFY(!sameLayout(edited, original));
    QCOMPARE(layout.halls.size(), original.halls.size());  // one added, one removed
    QCOMPARE(layout.systemTypes.size(), 2);
    QCOMPARE(layout.racks[static_cast<std::size_t>(LayoutCommands::rackIndex(layout, compute[10]))].powerKw, 125.6f);
    QCOMPARE(layout.halls[1].xM, original.halls[1].xM + 12.5);

    while (stack.canUndo()) stack.undo();
    QVERIFY(sameLayout(layout, original));
    while (stack.canRedo()) stack.redo();
    QVERIFY(sameLayout(layout, edited));
  }

  void removingARowTakesItsRacksAndUndoPutsThemBack() {
    SiteLayout layout = colossusLayout();
    const SiteLayout original = layout;
    int racksInRow = 0;
    for (const Rack& rack : layout.racks) racksInRow += rack.row == 4;
    QVERIFY(racksInRow > 10);
    QString error;
    QUndoStack stack;
    stack.push(LayoutCommands::removeRow(layout, 4, &error).release());
    QCOMPARE(layout.racks.size(), original.racks.size() - static_cast<std::size_t>(racksInRow));
    for (const Rack& rack : layout.racks) QVERIFY(rack.row < static_cast<int>(layout.rows.size()));
    stack.undo();
    QVERIFY(sameLayout(layout, original));
  }

  void removingAHallRenumbersTheRest() {
    SiteLayout layout = colossusLayout();
    const SiteLayout original = layout;
    QVERIFY(layout.halls.size() >= 3);
    int racksInHall = 0;
    for (const Rack& rack : layout.racks) racksInHall += layout.rows[static_cast<std::size_t>(rack.row)].hall == 1;
    QString error;
    QUndoStack stack;
    stack.push(LayoutCommands::removeHall(layout, 1, &error).release());
    QCOMPARE(layout.halls.size(), original.halls.size() - 1);
    QCOMPARE(layout.racks.size(), original.racks.size() - static_cast<std::size_t>(racksInHall));
    for (const Rack& rack : layout.racks) {
      QVERIFY(rack.row >= 0 && rack.row < static_cast<int>(layout.rows.size()));
      QVERIFY(layout.rows[static_cast<std::size_t>(rack.row)].hall < static_cast<int>(layout.halls.size()));
    }
    // The racks of the hall after the removed one keep their positions on the site.
    const Rack& moved = layout.racks.back();
    const int originalIndex = LayoutCommands::rackIndex(original, moved.id);
    QCOMPARE(layout.rackXM(moved), original.rackXM(original.racks[static_cast<std::size_t>(originalIndex)]));
    stack.undo();
    QVERIFY(sameLayout(layout, original));
  }

  void impossibleEditsAreRefused() {
    SiteLayout layout = colossusLayout();
    QString error;
    const Rack& rack = layout.racks[0];
    QVERIFY(!LayoutCommands::moveRack(layout, layout.racks[1].id, rack.row, rack.slot, &error));
    QVERIFY2(error.contains(QStringLiteral("already holds a rack")), qPrintable(error));
    QVERIFY(!LayoutCommands::removeRacks(layout, {999999999u}, &error));
    QCOMPARE(error, QStringLiteral("rack 999999999: no such rack"));
    QVERIFY(!LayoutCommands::moveHall(layout, 9999, 1, 1, &error));
    QVERIFY(!LayoutCommands::addRow(layout, 0, 0, 0, 0, &error));
    QVERIFY(error.contains(QStringLiteral("row slots")));
    QVERIFY(!LayoutCommands::setRackPhase(layout, {rack.id}, 300, &error));
    std::uint32_t leaf = 0;
    for (const Rack& r : layout.racks)
      if (r.role == RackRole::Leaf) leaf = r.id;
    QVERIFY(!LayoutCommands::setRackSystem(layout, {leaf}, QStringLiteral("dgx-b200"), 57.0f, 750.0f, 4, &error));
    QVERIFY(error.contains(QStringLiteral("not a compute rack")));
  }

  void insertedRowsGoBehindTheLastRowUntilTheHallIsFull() {
    SiteLayout layout = colossusLayout();
    const HallTemplate& t = layout.hallTemplate;
    const int hall = 0;
    double lastY = -1;
    for (const Row& row : layout.rows)
      if (row.hall == hall) lastY = std::max(lastY, row.yM);
    QString error;
    const auto place = LayoutPlacement::nextRowPlace(layout, hall, &error);
    QVERIFY2(place, qPrintable(error));
    QCOMPARE(place->yM, lastY + t.rackDepthM + (t.coldAisleM + t.hotAisleM) / 2);

    // Rows go in one pitch apart until the next would cross the hall's back wall.
    QUndoStack stack;
    int added = 0;
    while (auto command = LayoutCommands::insertRow(layout, hall, &error)) {
      stack.push(command.release());
      const Row& row = layout.rows.back();
      QCOMPARE(row.hall, hall);
      QCOMPARE(row.slotCount, t.slotsPerRow);
      QVERIFY(row.yM + t.rackDepthM <= layout.halls[hall].depthM);
      QVERIFY(++added < 1000);
    }
    QVERIFY(added >= 1);
    QCOMPARE(error, QStringLiteral("hall %1 has no room for another row").arg(layout.halls[hall].name));
    QVERIFY(!LayoutCommands::insertRow(layout, 9999, &error));
    QCOMPARE(error, QStringLiteral("hall 9999: no such hall"));
  }

  void insertedRacksFillTheFirstFreeSlotWithAComputeRack() {
    SiteLayout layout = colossusLayout();
    QString error;
    // Empty slot 2 of the first compute rack's row: the next rack inserted there takes it.
    const int row = layout.racks.front().row;
    std::uint32_t inSlot2 = 0;
    for (const Rack& rack : layout.racks)
      if (rack.row == row && rack.slot == 2) inSlot2 = rack.id;
    QVERIFY(inSlot2 != 0);
    QUndoStack stack;
    stack.push(LayoutCommands::removeRacks(layout, {inSlot2}, &error).release());
    std::vector<bool> taken(static_cast<std::size_t>(layout.rows[static_cast<std::size_t>(row)].slotCount));
    for (const Rack& rack : layout.racks)
      if (rack.row == row) taken[static_cast<std::size_t>(rack.slot)] = true;
    const int expected = static_cast<int>(std::find(taken.begin(), taken.end(), false) - taken.begin());
    QVERIFY(expected <= 2);
    QCOMPARE(LayoutPlacement::firstFreeSlot(layout, row, &error).value_or(-1), expected);
    const std::uint32_t nextId = layout.nextRackId;
    auto command = LayoutCommands::insertRack(layout, row, &error);
    QVERIFY2(command, qPrintable(error));
    stack.push(command.release());
    const Rack& inserted = layout.racks.back();
    QCOMPARE(inserted.id, nextId);
    QCOMPARE(inserted.row, row);
    QCOMPARE(inserted.role, RackRole::Compute);
    QCOMPARE(inserted.slot, expected);

    // A full row refuses, naming it.
    while (auto more = LayoutCommands::insertRack(layout, row, &error)) stack.push(more.release());
    // Named as the workspace shows rows: by hall and number in the hall, from 1.
    QCOMPARE(error, QStringLiteral("%1 has no free slot").arg(FloorPlaces::rowName(layout, row)));
    QVERIFY(
        error.startsWith(layout.halls[static_cast<std::size_t>(layout.rows[static_cast<std::size_t>(row)].hall)].name +
                         QStringLiteral(" row ")));
    QVERIFY(!LayoutCommands::insertRack(layout, -1, &error));
    QCOMPARE(error, QStringLiteral("row -1: no such row"));
  }
};

QTEST_APPLESS_MAIN(TestLayoutCommands)
#include "TestLayoutCommands.moc"
