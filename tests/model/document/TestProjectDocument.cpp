// The open project of the workspace: edits through the undo stack, figures evaluated off the
// GUI thread, modified state, files, and a selection that never points at a removed object.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "document/LayoutCommands.h"
#include "document/ProjectDocument.h"
#include "engine/Evaluator.h"
#include "storage/ProjectStore.h"

using namespace gigaplan;

namespace {
double figure(const ProjectDocument& document, OutputId id) {
  return valueOf(document.result().evaluation.outputs, id);
}
}  // namespace

class TestProjectDocument : public QObject {
  Q_OBJECT
 private slots:
  void aNewProjectIsEvaluatedOffTheGuiThread() {
    ProjectDocument document;
    QSignalSpy ready(&document, &ProjectDocument::resultReady);
    QString error;
    QVERIFY2(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error), qPrintable(error));
    QVERIFY(document.isModified());  // never saved
    QVERIFY(document.isEvaluating());
    QVERIFY(ready.wait(10000));
    QVERIFY(!document.isEvaluating());
    QCOMPARE(document.result().revision, document.revision());
    QVERIFY(document.result().resolved);
    QVERIFY(document.result().error.isEmpty());
    QVERIFY(!document.project().layout.racks.empty());
    QCOMPARE(figure(document, OutputId::clusterGpus), 150000.0);
  }

  void anInputEditChangesTheFiguresAndUndoRestoresThem() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    document.waitForResult();
    // With a fixed PUE, facility power is IT power times the PUE.
    QVERIFY2(document.setInput(QStringLiteral("facility.pueMode"), QStringLiteral("fixed"), &error), qPrintable(error));
    document.waitForResult();
    const double facilityMw = figure(document, OutputId::powerFacilityMw);
    const double itMw = figure(document, OutputId::powerItMw);
    QVERIFY(std::fabs(facilityMw - 1.3 * itMw) < 1e-6 * itMw);
    QSignalSpy scenarioChanged(&document, &ProjectDocument::scenarioChanged);
    QVERIFY2(document.setInput(QStringLiteral("facility.pue"), QStringLiteral("1.5"), &error), qPrintable(error));
    QCOMPARE(scenarioChanged.count(), 1);
    document.waitForResult();
    QVERIFY(std::fabs(figure(document, OutputId::powerFacilityMw) - 1.5 * itMw) < 1e-6 * itMw);
    document.undoStack()->undo();
    QCOMPARE(scenarioChanged.count(), 2);
    document.waitForResult();
    QCOMPARE(figure(document, OutputId::powerFacilityMw), facilityMw);
    document.undoStack()->redo();
    document.waitForResult();
    QVERIFY(std::fabs(figure(document, OutputId::powerFacilityMw) - 1.5 * itMw) < 1e-6 * itMw);
  }

  void aRefusedEditNamesTheFieldAndChangesNothing() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    document.waitForResult();
    const std::uint64_t revision = document.revision();
    QVERIFY(!document.setInput(QStringLiteral("facility.pue"), QStringLiteral("0.5"), &error));
    QVERIFY2(error.contains(QStringLiteral("facility.pue")), qPrintable(error));
    QVERIFY(!document.setInput(QStringLiteral("cluster.gpus"), QStringLiteral("many"), &error));
    QVERIFY2(error.contains(QStringLiteral("cluster.gpus")), qPrintable(error));
    QCOMPARE(document.undoStack()->count(), 0);
    QCOMPARE(document.revision(), revision);
    QVERIFY(!document.pushLayoutCommand(LayoutCommands::removeRow(document.layoutForCommands(), -4, &error)));
    QCOMPARE(document.undoStack()->count(), 0);
  }

  void editsWhileEvaluatingEndWithTheLatestFigures() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("gb200-nvl72-1m"), &error));
    QVERIFY(document.setInput(QStringLiteral("facility.pueMode"), QStringLiteral("fixed"), &error));
    // Ten edits in a row, without waiting: the figures end up matching the last one.
    for (int i = 1; i <= 10; ++i)
      QVERIFY(document.setInput(QStringLiteral("facility.pue"), QString::number(1.0 + i / 100.0), &error));
    document.waitForResult();
    QCOMPARE(document.result().revision, document.revision());
    QVERIFY(std::fabs(figure(document, OutputId::powerFacilityMw) - 1.10 * figure(document, OutputId::powerItMw)) <
            1e-6 * figure(document, OutputId::powerFacilityMw));
    // Typing into one field merges into one undo step (after the mode's).
    QCOMPARE(document.undoStack()->count(), 2);
  }

  void aLayoutEditDropsASelectionItRemoves() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    const int lastRow = static_cast<int>(document.project().layout.rows.size()) - 1;
    QSignalSpy selectionChanged(&document, &ProjectDocument::selectionChanged);
    document.setSelection(LayoutSelection::row(lastRow));
    QCOMPARE(selectionChanged.count(), 1);
    QSignalSpy layoutChanged(&document, &ProjectDocument::layoutChanged);
    QVERIFY(document.pushLayoutCommand(LayoutCommands::removeRow(document.layoutForCommands(), lastRow, &error)));
    QCOMPARE(layoutChanged.count(), 1);
    QVERIFY(document.selection().isEmpty());
    // A rack selection survives an edit elsewhere.
    const std::uint32_t id = document.project().layout.racks.front().id;
    document.setSelection(LayoutSelection::racks({id}));
    QVERIFY(document.pushLayoutCommand(LayoutCommands::removeRow(document.layoutForCommands(), lastRow - 1, &error)));
    QCOMPARE(document.selection(), LayoutSelection::racks({id}));
  }

  void viewsNeverMeetASelectionOfARemovedObject() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    SiteLayout& layout = document.layoutForCommands();
    const int rows = static_cast<int>(layout.rows.size());
    QVERIFY(document.pushLayoutCommand(LayoutCommands::addRow(layout, 0, 3.0, 3.0, 10, &error)));
    document.setSelection(LayoutSelection::row(rows));
    bool validWhenAnnounced = true;
    connect(&document, &ProjectDocument::layoutChanged, this,
            [&] { validWhenAnnounced = document.selection().isValidFor(document.project().layout); });
    document.undoStack()->undo();  // the selected row goes
    QVERIFY(validWhenAnnounced);
    QVERIFY(document.selection().isEmpty());
    // Removing a hall shifts the indices of the halls after it: a hall selection goes.
    document.setSelection(LayoutSelection::hall(1));
    QVERIFY(document.pushLayoutCommand(LayoutCommands::removeHall(layout, 0, &error)));
    QVERIFY(document.selection().isEmpty());
    // A regenerated floor starts rack ids over: a rack selection goes.
    document.setSelection(LayoutSelection::racks({document.project().layout.racks.front().id}));
    QVERIFY(document.regenerateLayout(&error));
    QVERIFY(document.selection().isEmpty());
  }

  void figuresOfAProjectNoLongerOpenAreNeverShown() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("gb200-nvl72-1m"), &error));
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    QVERIFY(!document.result().resolved);  // the first project's figures are gone
    QList<double> announced;
    connect(&document, &ProjectDocument::resultReady, this,
            [&] { announced.append(valueOf(document.result().evaluation.outputs, OutputId::clusterGpus)); });
    document.waitForResult();
    QCOMPARE(announced, QList<double>{150000.0});
  }

  void anInputThatShapesTheFloorLaysItOutAnewInTheSameStep() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    const SiteLayout original = document.project().layout;
    const int steps = document.undoStack()->count();

    // The electricity price shapes nothing on the floor: the floor stays as it is.
    QVERIFY(document.setInput(QStringLiteral("cost.electricityUsdPerKwh"), QStringLiteral("0.09"), &error));
    QVERIFY(document.project().layout == original);

    // Half the GPUs: the floor is laid out anew with the input, and the figures count it.
    QVERIFY(document.setInput(QStringLiteral("cluster.gpus"), QStringLiteral("75000"), &error));
    QCOMPARE(document.undoStack()->count(), steps + 2);
    QVERIFY(document.project().layout.racks.size() < original.racks.size() * 3 / 4);
    document.waitForResult();
    QCOMPARE(valueOf(document.result().evaluation.outputs, OutputId::clusterGpus), 75000.0);
    double computeRacks = 0;
    for (const Rack& rack : document.project().layout.racks) computeRacks += rack.role == RackRole::Compute;
    QCOMPARE(valueOf(document.result().evaluation.outputs, OutputId::clusterComputeRacks), computeRacks);

    // One undo takes back the input and the floor together.
    document.undoStack()->undo();
    ScenarioErrors errors;
    const auto resolved = document.project().scenario.resolve(HardwareCatalog::bundled(), errors);
    QVERIFY(resolved);
    QCOMPARE(valueOf(resolved->values, InputId::clusterGpus), 150000.0);
    QVERIFY(document.project().layout == original);
  }

  void handEditsSurviveAnInputThatLaysTheFloorOutAnew() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    // Remove the first compute rack and remember where it stood.
    const SiteLayout& layout = document.project().layout;
    const auto compute = std::find_if(layout.racks.begin(), layout.racks.end(),
                                      [](const Rack& rack) { return rack.role == RackRole::Compute; });
    const int row = compute->row, slot = compute->slot, nodes = compute->units;
    QVERIFY(
        document.pushLayoutCommand(LayoutCommands::removeRacks(document.layoutForCommands(), {compute->id}, &error)));
    QSignalSpy relaid(&document, &ProjectDocument::floorLaidOutAnew);
    QVERIFY(document.setInput(QStringLiteral("cluster.gpus"), QStringLiteral("140000"), &error));
    QCOMPARE(relaid.count(), 1);
    QCOMPARE(relaid.front().at(0).toInt(), 1);               // one hand edit
    QVERIFY(relaid.front().at(1).toStringList().isEmpty());  // and it still applies
    // The slot stays empty on the new floor, and the figures count the floor without that rack.
    const SiteLayout& now = document.project().layout;
    QVERIFY(std::none_of(now.racks.begin(), now.racks.end(),
                         [&](const Rack& rack) { return rack.row == row && rack.slot == slot; }));
    document.waitForResult();
    QCOMPARE(valueOf(document.result().evaluation.outputs, OutputId::clusterGpus), 140000.0 - nodes * 8);
  }

  void aLockedHallStaysExactlyAsItIsThroughARelay() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    // Hall 0 edited by hand (a rack removed), then locked.
    const auto& racks = document.project().layout.racks;
    const auto inHall0 = std::find_if(racks.begin(), racks.end(), [&](const Rack& rack) {
      return rack.role == RackRole::Compute && document.project().layout.rows[rack.row].hall == 0;
    });
    QVERIFY(
        document.pushLayoutCommand(LayoutCommands::removeRacks(document.layoutForCommands(), {inHall0->id}, &error)));
    QVERIFY(document.pushLayoutCommand(LayoutCommands::setHallLocked(document.layoutForCommands(), 0, true, &error)));
    QVERIFY(!LayoutCommands::setHallLocked(document.layoutForCommands(), 0, true, &error));
    QVERIFY2(error.contains(QStringLiteral("already locked")), qPrintable(error));
    const auto hallContent = [&document](const QString& name) {
      const SiteLayout& layout = document.project().layout;
      std::vector<std::tuple<double, double, int, int, int, int>> content;
      for (const Rack& rack : layout.racks) {
        const Row& row = layout.rows[static_cast<std::size_t>(rack.row)];
        if (layout.halls[static_cast<std::size_t>(row.hall)].name == name)
          content.emplace_back(row.xM, row.yM, rack.slot, static_cast<int>(rack.role), rack.units, rack.phase);
      }
      return content;
    };
    const QString name = document.project().layout.halls[0].name;
    const auto before = hallContent(name);
    const std::size_t racksBefore = document.project().layout.racks.size();
    // Twice the fabric's oversubscription at the leaves: every hall is laid out anew but the locked one.
    QVERIFY(document.setInput(QStringLiteral("network.oversubscriptionTier1"), QStringLiteral("2"), &error));
    QCOMPARE(document.project().layout.halls[0].name, name);
    QVERIFY(document.project().layout.halls[0].locked);
    QVERIFY(hallContent(name) == before);
    QVERIFY(document.project().layout.racks.size() != racksBefore);  // the rest was laid out anew
  }

  void aPhasedProjectRefusesClusterGpus() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-to-1m"), &error));
    const SiteLayout original = document.project().layout;
    QVERIFY(!document.setInput(QStringLiteral("cluster.gpus"), QStringLiteral("900000"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("cluster.gpus: ")), qPrintable(error));
    QVERIFY(document.project().layout == original);
  }

  void deletingAComputeRackTakesItsGpusOutOfTheFigures() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    document.waitForResult();
    const OutputValues before = document.result().evaluation.outputs;
    std::uint32_t compute = 0;
    int nodes = 0;
    for (const Rack& rack : document.project().layout.racks)
      if (rack.role == RackRole::Compute) compute = rack.id, nodes = rack.units;
    QVERIFY(document.pushLayoutCommand(LayoutCommands::removeRacks(document.layoutForCommands(), {compute}, &error)));
    document.waitForResult();
    const OutputValues& after = document.result().evaluation.outputs;
    const double gpusPerNode = 8;  // HGX H100
    QCOMPARE(valueOf(after, OutputId::clusterGpus), valueOf(before, OutputId::clusterGpus) - nodes * gpusPerNode);
    QCOMPARE(valueOf(after, OutputId::clusterComputeRacks), valueOf(before, OutputId::clusterComputeRacks) - 1);
    QVERIFY(valueOf(after, OutputId::powerItMw) < valueOf(before, OutputId::powerItMw));
    QVERIFY(valueOf(after, OutputId::costCapexUsd) < valueOf(before, OutputId::costCapexUsd));
  }

  void variantsAreKeptComparedAndRemoved() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    QVERIFY(!document.addVariant(QStringLiteral("  "), &error));
    QVERIFY(error.contains(QStringLiteral("name")));
    QVERIFY2(document.addVariant(QStringLiteral("non-blocking"), &error), qPrintable(error));
    QVERIFY(document.setInput(QStringLiteral("network.oversubscriptionTier1"), QStringLiteral("2"), &error));
    document.waitForResult();
    // The variant keeps the plan as it was: more bisection per GPU than the plan now.
    const auto variant = document.variantFigures(0, &error);
    QVERIFY2(variant, qPrintable(error));
    QVERIFY(valueOf(*variant, OutputId::networkBisectionPerGpuGbps) >
            valueOf(document.result().plan->phases.back().site, OutputId::networkBisectionPerGpuGbps));
    QVERIFY(!document.variantFigures(5, &error));
    QVERIFY(document.removeVariant(0));
    QVERIFY(document.project().variants.empty());
    QVERIFY(!document.removeVariant(0));
    document.undoStack()->undo();
    QCOMPARE(document.project().variants.size(), std::size_t{1});
  }

  void aPhaseIsCopiedIntoAVariantThatCanBeRenamedAndEdited() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-to-1m"), &error));
    document.waitForResult();
    QVERIFY(!document.addVariant(QStringLiteral("too far"), &error, 7));
    QVERIFY(error.contains(QStringLiteral("phase")));
    // A copy of phase 2 holds the plan up to it; compared after phase 2 it matches the plan.
    QVERIFY2(document.addVariant(QStringLiteral("H200 phase"), &error, 1), qPrintable(error));
    QCOMPARE(document.project().variants[0].phases.size(), std::size_t{2});
    const auto copied = document.variantFigures(0, &error, 1);
    QVERIFY2(copied, qPrintable(error));
    const OutputValues& planAfterTwo = document.result().plan->phases[1].site;
    QCOMPARE(valueOf(*copied, OutputId::costCapexUsd), valueOf(planAfterTwo, OutputId::costCapexUsd));
    // Asked after phase 3, a variant of two phases gives its last.
    QCOMPARE(valueOf(*document.variantFigures(0, &error, 2), OutputId::clusterGpus), 200000.0);

    QVERIFY(!document.renameVariant(0, QStringLiteral(" "), &error));
    QVERIFY(!document.renameVariant(3, QStringLiteral("x"), &error));
    QVERIFY(document.renameVariant(0, QStringLiteral("B200 instead of H200"), &error));
    QCOMPARE(document.project().variants[0].name, QStringLiteral("B200 instead of H200"));

    // Editing the variant: it becomes the plan (with its floor), the plan becomes a variant.
    const std::size_t racksBefore = document.project().layout.racks.size();
    QSignalSpy scenarioChanged(&document, &ProjectDocument::scenarioChanged);
    QSignalSpy layoutChanged(&document, &ProjectDocument::layoutChanged);
    QVERIFY2(document.switchToVariant(0, &error), qPrintable(error));
    QCOMPARE(scenarioChanged.count(), 1);
    QCOMPARE(layoutChanged.count(), 1);
    QCOMPARE(document.project().phases.size(), std::size_t{2});
    QCOMPARE(document.project().variants[0].phases.size(), std::size_t{3});
    QVERIFY(document.project().variants[0].name.contains(QStringLiteral("B200 instead of H200")));
    QVERIFY(document.project().layout.racks.size() < racksBefore);
    std::vector<Phase> phases = document.project().phases;
    phases[1].systems = {{QStringLiteral("dgx-b200"), 100000}};
    QVERIFY2(document.setPhases(phases, &error), qPrintable(error));
    document.waitForResult();
    QCOMPARE(valueOf(document.result().plan->phases.back().site, OutputId::clusterGpus), 200000.0);
    // Undo twice: the plan of three phases is back, with its floor.
    document.undoStack()->undo();
    document.undoStack()->undo();
    QCOMPARE(document.project().phases.size(), std::size_t{3});
    QCOMPARE(document.project().layout.racks.size(), racksBefore);
    QCOMPARE(document.project().variants[0].name, QStringLiteral("B200 instead of H200"));
  }

  void tenantsAreSetCheckedAndTheirRacksMarked() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    document.waitForResult();
    const auto marked = [&document](int tenant) {
      return std::count_if(document.project().layout.racks.begin(), document.project().layout.racks.end(),
                           [tenant](const Rack& rack) { return rack.tenant == tenant; });
    };
    QCOMPARE(marked(1), 0);
    Tenant lab;
    lab.name = QStringLiteral("lab");
    lab.gpus = 200000;  // more than the 150,000 there are
    lab.isolation = TenantIsolation::OwnHalls;
    QVERIFY(!document.setTenants({lab}, &error));
    QVERIFY2(error.startsWith(QStringLiteral("tenants[1].gpus")), qPrintable(error));
    lab.gpus = 50000;
    QSignalSpy layoutChanged(&document, &ProjectDocument::layoutChanged);
    QVERIFY2(document.setTenants({lab}, &error), qPrintable(error));
    QCOMPARE(layoutChanged.count(), 1);
    QVERIFY(marked(1) > 0);
    document.waitForResult();
    QVERIFY(document.result().tenants);
    QCOMPARE(valueOf(document.result().evaluation.outputs, OutputId::tenantsRentedGpus), 50000.0);
    // Undo takes the tenant and its marks away in one step.
    document.undoStack()->undo();
    QVERIFY(document.project().tenants.empty());
    QCOMPARE(marked(1), 0);

    // A tenant of 0 GPUs is marked by hand: it rents the compute racks marked for it.
    Tenant byHand;
    byHand.name = QStringLiteral("by hand");
    byHand.priceUsdPerGpuHour = 3.0;
    QVERIFY2(document.setTenants({byHand}, &error), qPrintable(error));
    std::vector<std::uint32_t> ids;
    for (const Rack& rack : document.project().layout.racks)
      if (rack.role == RackRole::Compute && ids.size() < 10) ids.push_back(rack.id);
    QVERIFY(document.pushLayoutCommand(LayoutCommands::setRackTenant(document.layoutForCommands(), ids, 1, &error)));
    document.waitForResult();
    const double gpusPerRack = 64;  // HGX H100: 8 nodes of 8 GPUs
    QCOMPARE(document.result().tenants->tenants[0].gpus, 10 * gpusPerRack);
    QCOMPARE(document.result().tenants->tenants[0].revenueUsdPerYear, 10 * gpusPerRack * 8760 * 0.9 * 3.0);
    // Editing its terms keeps its marks; adding a tenant before it keeps them too, by name.
    byHand.priceUsdPerGpuHour = 2.5;
    QVERIFY(document.setTenants({byHand}, &error));
    QCOMPARE(marked(1), 10);
    Tenant other = lab;
    other.name = QStringLiteral("other");
    QVERIFY2(document.setTenants({other, byHand}, &error), qPrintable(error));
    QCOMPARE(marked(2), 10);
    document.waitForResult();
    QCOMPARE(document.result().tenants->tenants[1].gpus, 10 * gpusPerRack);
    // A floor laid out anew keeps the marks made by hand, slot by slot.
    QVERIFY2(document.regenerateLayout(&error), qPrintable(error));
    QCOMPARE(marked(2), 10);
  }

  void saveAndOpenKeepTheProjectAndTheCleanState() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    QVERIFY(!document.save(&error));  // no file yet
    QVERIFY(!error.isEmpty());
    QVERIFY(document.setInput(QStringLiteral("facility.pue"), QStringLiteral("1.25"), &error));
    QSignalSpy modified(&document, &ProjectDocument::modifiedChanged);
    QVERIFY2(document.saveAs(path, &error), qPrintable(error));
    QVERIFY(!document.isModified());
    QVERIFY(modified.count() >= 1);
    QCOMPARE(document.displayName(), QStringLiteral("plan.gigaplan"));
    QVERIFY(document.setInput(QStringLiteral("facility.pue"), QStringLiteral("1.3"), &error));
    QVERIFY(document.isModified());
    document.undoStack()->undo();
    QVERIFY(!document.isModified());  // back at the saved state

    ProjectDocument reopened;
    QVERIFY2(reopened.openFile(path, &error), qPrintable(error));
    QVERIFY(!reopened.isModified());
    QCOMPARE(reopened.project().scenario.values.value(InputId::facilityPue), 1.25);
    QCOMPARE(reopened.project().layout.racks.size(), document.project().layout.racks.size());
    reopened.waitForResult();
    QVERIFY(reopened.result().resolved);

    // A file that is not a project is refused and the open project stays.
    const QString junk = dir.filePath(QStringLiteral("junk.gigaplan"));
    QFile file(junk);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("SQLite format 3");
    file.close();
    QVERIFY(!reopened.openFile(junk, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(reopened.filePath(), QFileInfo(path).absoluteFilePath());
  }

  void anotherProgramsSaveIsNoticedAndNeverOverwrittenUnasked() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    QString error;
    {
      ProjectDocument first;
      QVERIFY(first.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
      QVERIFY2(first.saveAs(path, &error), qPrintable(error));
    }
    ProjectDocument document;
    QVERIFY2(document.openFile(path, &error), qPrintable(error));
    QSignalSpy changed(&document, &ProjectDocument::fileChangedOnDisk);

    // Another program saves the file: the document hears of it.
    std::optional<Project> theirs = ProjectStore::open(path, &error);
    QVERIFY(theirs);
    theirs->scenario.name = QStringLiteral("Their plan");
    QVERIFY2(ProjectStore::save(*theirs, path, &error), qPrintable(error));
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().first().toString(), QStringLiteral("another program replaced it"));

    // Saving here would lose their change: refused, the file stays theirs.
    QVERIFY(document.setInput(QStringLiteral("facility.pue"), QStringLiteral("1.4"), &error));
    bool changedOnDisk = false;
    QVERIFY(!document.save(&error, &changedOnDisk));
    QVERIFY(changedOnDisk);
    QVERIFY2(error.contains(QStringLiteral("since it was opened; nothing saved")), qPrintable(error));
    QCOMPARE(ProjectStore::open(path, &error)->scenario.name, QStringLiteral("Their plan"));

    // The planner chooses: overwrite keeps theirs out, and later saves check against this one.
    QVERIFY2(document.overwriteOnDisk(&error), qPrintable(error));
    QCOMPARE(ProjectStore::open(path, &error)->scenario.values.value(InputId::facilityPue), 1.4);
    QVERIFY(document.setInput(QStringLiteral("facility.pue"), QStringLiteral("1.35"), &error));
    QVERIFY2(document.save(&error, &changedOnDisk), qPrintable(error));

    // Or reload: their file, and nothing of ours.
    theirs->scenario.name = QStringLiteral("Their plan, again");
    QVERIFY(ProjectStore::save(*theirs, path, &error));
    QVERIFY2(document.reloadFromDisk(&error), qPrintable(error));
    QCOMPARE(document.project().scenario.name, QStringLiteral("Their plan, again"));
    QVERIFY(!document.isModified());
  }

  void nameAndDescriptionAreOneUndoableEditKeptInTheFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("named.gigaplan"));
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    QVERIFY2(document.saveAs(path, &error), qPrintable(error));
    document.waitForResult();
    const Scenario before = document.project().scenario;
    QSignalSpy scenarioChanged(&document, &ProjectDocument::scenarioChanged);
    QVERIFY2(document.setProperties(QStringLiteral("Memphis, phase A"),
                                    QStringLiteral("150,000 H100 on the old Electrolux site.\nGrid: 150 MW."), &error),
             qPrintable(error));
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(scenarioChanged.count(), 1);
    QVERIFY(document.isModified());
    QCOMPARE(document.project().scenario.name, QStringLiteral("Memphis, phase A"));
    document.waitForResult();
    QCOMPARE(document.result().resolved->name, QStringLiteral("Memphis, phase A"));
    QCOMPARE(figure(document, OutputId::clusterGpus), 150000.0);  // the figures stand

    // A refused edit names the field and leaves the one step as it was.
    QVERIFY(!document.setProperties(QString(), QStringLiteral("no name"), &error));
    QCOMPARE(error, QStringLiteral("name: empty: a project needs a name"));
    QCOMPARE(document.undoStack()->count(), 1);

    QVERIFY2(document.save(&error), qPrintable(error));
    ProjectDocument reopened;
    QVERIFY2(reopened.openFile(path, &error), qPrintable(error));
    QCOMPARE(reopened.project().scenario.name, QStringLiteral("Memphis, phase A"));
    QCOMPARE(reopened.project().scenario.description,
             QStringLiteral("150,000 H100 on the old Electrolux site.\nGrid: 150 MW."));

    // One undo restores both, and the file's clean state follows the stack.
    document.undoStack()->undo();
    QCOMPARE(document.project().scenario.name, before.name);
    QCOMPARE(document.project().scenario.description, before.description);
    QVERIFY(document.isModified());
  }
};

QTEST_GUILESS_MAIN(TestProjectDocument)
#include "TestProjectDocument.moc"
