#include <QTest>
#include <algorithm>

#include "ScenarioFixtures.h"
#include "layout/HandEdits.h"
#include "layout/LayoutGenerator.h"

using namespace gigaplan;
using namespace gigaplan::test;

namespace {

SiteLayout generatedFor(double gpus) {
  InputValues inputs = presetInputs("colossus-150k-h100");
  inputs[static_cast<std::size_t>(InputId::clusterGpus)] = gpus;
  QString error;
  auto layout =
      LayoutGenerator::generate(inputs, evaluate(inputs), QStringLiteral("hgx-h100-liquid"), HallTemplate{}, &error);
  if (!layout) qFatal("%s", qPrintable(error));
  return *layout;
}

/// The first compute rack of hall `hall` (by index), or -1.
int firstComputeOfHall(const SiteLayout& layout, int hall, int skip = 0) {
  for (std::size_t i = 0; i < layout.racks.size(); ++i)
    if (layout.racks[i].role == RackRole::Compute && layout.rows[layout.racks[i].row].hall == hall && skip-- == 0)
      return static_cast<int>(i);
  return -1;
}

/// A planner's afternoon on the floor: a hall moved, a rack removed, one moved to a free slot,
/// one marked for phase 2 and tenant 1, a row added at the back of hall 0 with a rack in it.
SiteLayout edited(SiteLayout layout) {
  layout.halls[1].xM += 25.0;
  const int removed = firstComputeOfHall(layout, 0, 0);
  const int moved = firstComputeOfHall(layout, 0, 1);
  const int marked = firstComputeOfHall(layout, 0, 2);
  const int row = layout.racks[static_cast<std::size_t>(removed)].row;
  const int slot = layout.racks[static_cast<std::size_t>(removed)].slot;
  layout.racks[static_cast<std::size_t>(marked)].phase = 1;
  layout.racks[static_cast<std::size_t>(marked)].tenant = 1;
  layout.racks[static_cast<std::size_t>(moved)].row = row;  // into the removed rack's slot
  layout.racks[static_cast<std::size_t>(moved)].slot = slot;
  layout.racks.erase(layout.racks.begin() + removed);
  layout.rows.push_back(Row{0, 3.0, 90.0, 20});
  Rack added = layout.racks.front();
  added.id = layout.nextRackId++;
  added.row = static_cast<int>(layout.rows.size()) - 1;
  added.slot = 4;
  layout.racks.push_back(added);
  return layout;
}

/// The floor as a planner sees it: per hall name, row position and slot, what stands there.
std::vector<std::tuple<QString, double, double, int, int, QString, int, int, int>> canonical(const SiteLayout& layout) {
  std::vector<std::tuple<QString, double, double, int, int, QString, int, int, int>> racks;
  for (const Rack& rack : layout.racks) {
    const Row& row = layout.rows[static_cast<std::size_t>(rack.row)];
    const Hall& hall = layout.halls[static_cast<std::size_t>(row.hall)];
    racks.emplace_back(hall.name, hall.xM + row.xM, hall.yM + row.yM, rack.slot, static_cast<int>(rack.role),
                       layout.systemTypes.value(rack.system), rack.phase, rack.tenant, rack.units);
  }
  std::sort(racks.begin(), racks.end());
  return racks;
}

}  // namespace

class TestHandEdits : public QObject {
  Q_OBJECT
 private slots:
  void theEditsOfAFloorRebuildItFromItsGeneratedFloor() {
    const SiteLayout generated = generatedFor(150000);
    const SiteLayout current = edited(generated);
    const HandEdits edits = HandEdits::between(generated, current);
    // Hall moved, rack removed, rack moved, rack marked, row added, rack added.
    QCOMPARE(edits.count(), 6);
    QVERIFY(HandEdits::between(generated, generated).isEmpty());
    SiteLayout rebuilt = generated;
    const QStringList notKept = edits.applyTo(rebuilt);
    QVERIFY2(notKept.isEmpty(), qPrintable(notKept.join(QLatin1Char('\n'))));
    QVERIFY(canonical(rebuilt) == canonical(current));
  }

  void aFloorLaidOutAnewKeepsTheEditsThatStillApply() {
    const SiteLayout generated = generatedFor(150000);
    const SiteLayout current = edited(generated);
    const HandEdits edits = HandEdits::between(generated, current);
    // Fewer GPUs: fewer halls, but hall 0 and 1 stand as before.
    SiteLayout smaller = generatedFor(100000);
    QVERIFY(smaller.halls.size() < generated.halls.size());
    const std::size_t racksBefore = smaller.racks.size();
    const QStringList notKept = edits.applyTo(smaller);
    QVERIFY2(notKept.isEmpty(), qPrintable(notKept.join(QLatin1Char('\n'))));
    QCOMPARE(smaller.halls[1].xM, generatedFor(100000).halls[1].xM + 25.0);
    QCOMPARE(smaller.racks.size(), racksBefore);  // one removed, one added
    QVERIFY(std::any_of(smaller.racks.begin(), smaller.racks.end(),
                        [](const Rack& rack) { return rack.phase == 1 && rack.tenant == 1; }));
    // A floor without hall B1-H2 cannot take that hall's move: it is listed, not dropped.
    SiteLayout tiny = generatedFor(5000);
    QVERIFY(tiny.halls.size() == 1);
    const QStringList missing = edits.applyTo(tiny);
    QCOMPARE(missing.size(), 1);
    QVERIFY2(missing.front().startsWith(QStringLiteral("hall %1 moved").arg(generated.halls[1].name)),
             qPrintable(missing.front()));
  }

  void removedRowsTakeTheirRacks() {
    const SiteLayout generated = generatedFor(150000);
    SiteLayout current = generated;
    const int row = current.racks[static_cast<std::size_t>(firstComputeOfHall(current, 0))].row;
    std::erase_if(current.racks, [row](const Rack& rack) { return rack.row == row; });
    current.rows.erase(current.rows.begin() + row);
    for (Rack& rack : current.racks)
      if (rack.row > row) --rack.row;
    const HandEdits edits = HandEdits::between(generated, current);
    QCOMPARE(edits.count(), 1);
    QVERIFY2(edits.descriptions().front().endsWith(QStringLiteral("removed")),
             qPrintable(edits.descriptions().front()));
    SiteLayout rebuilt = generated;
    QVERIFY(edits.applyTo(rebuilt).isEmpty());
    QVERIFY(canonical(rebuilt) == canonical(current));
  }
};

QTEST_APPLESS_MAIN(TestHandEdits)
#include "TestHandEdits.moc"
