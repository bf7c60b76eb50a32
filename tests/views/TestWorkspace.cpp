// The workspace window as a planner uses it (needs an X server for the 3D floor: xvfb-run):
// inputs change the figures, undo restores them, the tree and the floor share the selection,
// layout edits from the menus, save, and a dropped project file opens.
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QUrl>

#include "ChartsPanel.h"
#include "FailuresPanel.h"
#include "FiguresPanel.h"
#include "FloorView.h"
#include "HeadlineBar.h"
#include "HorizontalBarsChart.h"
#include "InputsEditor.h"
#include "MainWindow.h"
#include "OptimizePanel.h"
#include "PhasesPanel.h"
#include "ProjectPropertiesDialog.h"
#include "ProjectTreeModel.h"
#include "ScatterChart.h"
#include "SelectionPanel.h"
#include "TenantsPanel.h"
#include "VtkMessageGuard.h"
#include "WhatIfPanel.h"
#include "document/LayoutCommands.h"
#include "document/ProjectDocument.h"
#include "plan/ProjectFindings.h"
#include "plan/TenantPlan.h"
#include "report/ProjectReport.h"
#include "storage/ProjectStore.h"

using namespace gigaplan;

namespace {
/// Waits until the figures match the document's latest edit, with the event loop running.
bool waitForFigures(MainWindow& window) {
  return QTest::qWaitFor([&] {
    return !window.document().isEvaluating() && window.document().result().revision == window.document().revision();
  });
}

/// Opens a project, preset or scenario in the window and shows it, as a planner starts.
bool openAndShow(MainWindow& window, const QString& project) {
  QString error;
  if (!window.open(project, &error)) {
    qWarning("%s", qPrintable(error));
    return false;
  }
  window.show();
  return QTest::qWaitForWindowExposed(&window);
}

QAction* action(MainWindow& window, const char* name) {
  auto* found = window.findChild<QAction*>(QString::fromLatin1(name));
  if (!found) qFatal("no action %s", name);
  return found;
}
}  // namespace

class TestWorkspace : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);  // settings of the tests, not the user's
    QApplication::setOrganizationName(QStringLiteral("GigaplanTest"));
  }

  void anInputEditMovesTheFiguresAndUndoRestoresThem() {
    MainWindow window;
    QVERIFY(openAndShow(window, MainWindow::samplePreset()));
    QVERIFY(waitForFigures(window));
    QVERIFY(window.isWindowModified());  // a new project, never saved
    auto* figures = window.findChild<FiguresPanel*>();
    auto* inputs = window.findChild<InputsEditor*>();
    QCOMPARE(figures->displayedValue(OutputId::clusterGpus), QStringLiteral("1,000,000"));
    const QString facilityBefore = figures->displayedValue(OutputId::powerFacilityMw);

    // The planner types new values into the inputs editor.
    InputsModel* model = inputs->model();
    auto edit = [&](const char* path, const char* text) {
      const QModelIndex value = model->indexOfPath(QString::fromLatin1(path)).siblingAtColumn(InputsModel::ValueColumn);
      QVERIFY(model->setData(value, QString::fromLatin1(text), Qt::EditRole));
    };
    edit("facility.pueMode", "fixed");
    edit("facility.pue", "1.6");
    QVERIFY(waitForFigures(window));
    const QString facilityAfter = figures->displayedValue(OutputId::powerFacilityMw);
    QVERIFY2(facilityAfter != facilityBefore, qPrintable(facilityAfter));
    QCOMPARE(figures->displayedValue(OutputId::powerPue), QStringLiteral("1.600"));

    // A bad value is refused with the field named and nothing changes.
    edit("facility.pue", "0.2");
    QCOMPARE(window.document().undoStack()->count(), 2);

    action(window, "undo")->trigger();
    action(window, "undo")->trigger();
    QVERIFY(waitForFigures(window));
    QCOMPARE(figures->displayedValue(OutputId::powerFacilityMw), facilityBefore);
    action(window, "redo")->trigger();
    QVERIFY(waitForFigures(window));
    QVERIFY(window.findChild<InputsEditor*>()->model()->data(
                model->indexOfPath(QStringLiteral("facility.pueMode")).siblingAtColumn(InputsModel::ValueColumn)) ==
            QStringLiteral("fixed"));
  }

  void thePhasesPanelListsThePhasesAndPicksWhatTheFloorShows() {
    MainWindow window;
    QVERIFY(openAndShow(window, MainWindow::samplePreset()));
    QVERIFY(waitForFigures(window));
    auto* phases = window.findChild<PhasesPanel*>();
    QVERIFY(phases);
    const auto& plan = window.document().result().plan;
    QVERIFY(plan);
    QCOMPARE(phases->table()->rowCount(), static_cast<int>(plan->phases.size()));
    QVERIFY(phases->table()->rowCount() >= 3);
    QCOMPARE(phases->table()->item(0, 0)->text(), plan->phases[0].name);
    QCOMPARE(phases->table()->item(0, PhasesPanel::kTraining)->text(), plan->phases[0].training.toString(Qt::ISODate));
    // The timeline: GPUs online end at 1,000 thousand, facility power at the last phase's.
    const auto series = phases->timeline()->series();
    QCOMPARE(series.size(), 4);
    const auto* gpus = qobject_cast<QLineSeries*>(series[0]);
    QCOMPARE(gpus->at(gpus->count() - 1).y(), 1000.0);
    const auto* facility = qobject_cast<QLineSeries*>(series[1]);
    QCOMPARE(facility->at(facility->count() - 1).y(), valueOf(plan->phases.back().site, OutputId::powerFacilityMw));
    // The floor shows the site after phase 1: only that phase's racks.
    const SiteLayout& layout = window.document().project().layout;
    const int all = static_cast<int>(layout.racks.size());
    QCOMPARE(window.floor()->shownRacks(), all);
    auto* combo = phases->findChild<QComboBox*>();
    combo->setCurrentIndex(combo->findData(0));
    QCOMPARE(window.floor()->shownPhase(), 0);
    const int firstPhase = static_cast<int>(
        std::count_if(layout.racks.begin(), layout.racks.end(), [](const Rack& r) { return r.phase == 0; }));
    QVERIFY(firstPhase > 0 && firstPhase < all);
    QCOMPARE(window.floor()->shownRacks(), firstPhase);
    // New figures keep the choice.
    QString none;
    QVERIFY(window.document().setInput(QStringLiteral("cost.utilization"), QStringLiteral("0.7"), &none));
    QVERIFY(waitForFigures(window));
    QCOMPARE(window.floor()->shownPhase(), 0);

    // Phases are edited in place, each edit one undoable step.
    ProjectDocument& document = window.document();
    const int steps = document.undoStack()->count();
    phases->table()->item(1, PhasesPanel::kName)->setText(QStringLiteral("Hopper refresh"));
    QCOMPARE(document.project().phases[1].name, QStringLiteral("Hopper refresh"));
    QVERIFY(waitForFigures(window));
    phases->table()->item(1, PhasesPanel::kSystems)->setText(QStringLiteral("hgx-h200: 50000; gb200-nvl72: 50000"));
    QCOMPARE(document.project().phases[1].systems.size(), std::size_t{2});
    QVERIFY(waitForFigures(window));
    QCOMPARE(phases->table()->item(1, PhasesPanel::kGpusAdded)->text(), QStringLiteral("100,000"));
    // The inputs a phase sets: more grid power from phase 2 on.
    phases->table()->item(1, PhasesPanel::kInputs)->setText(QStringLiteral("site.gridMw=400"));
    QCOMPARE(document.project().phases[1].inputs.value(InputId::siteGridMw), 400.0);
    QVERIFY(waitForFigures(window));
    // 400 MW of grid and the 35 MW on site since phase 1.
    QCOMPARE(phases->table()->item(1, PhasesPanel::kAvailableMw)->text(), QStringLiteral("435.0"));
    phases->table()->item(1, PhasesPanel::kInputs)->setText(QStringLiteral("site.gridMegawatts=400"));
    QVERIFY2(phases->lastError().contains(QStringLiteral("phases[2].set")), qPrintable(phases->lastError()));
    // A start before the phase before it is refused, named, and the table shows the phases as they are.
    phases->table()->item(1, PhasesPanel::kStart)->setText(QStringLiteral("2020-01-01"));
    QVERIFY2(phases->lastError().contains(QStringLiteral("phases[2].start")), qPrintable(phases->lastError()));
    QCOMPARE(phases->table()->item(1, PhasesPanel::kStart)->text(),
             document.project().phases[1].start.toString(Qt::ISODate));
    const std::size_t racksBefore = document.project().layout.racks.size();
    phases->addPhase();
    QCOMPARE(document.project().phases.size(), std::size_t{4});
    // A new phase buys nothing until it is told what: no systems, no racks of its own.
    QVERIFY(document.project().phases[3].systems.empty());
    QCOMPARE(document.project().layout.racks.size(), racksBefore);
    // Given systems, the floor follows in the same step: the new phase's racks are laid out.
    QVERIFY(waitForFigures(window));
    QCOMPARE(phases->table()->rowCount(), 4);
    QVERIFY(phases->table()->item(3, PhasesPanel::kSystems));
    phases->table()->item(3, PhasesPanel::kSystems)->setText(QStringLiteral("gb300-nvl72: 7200"));
    QVERIFY2(phases->lastError().isEmpty(), qPrintable(phases->lastError()));
    const auto& racksNow = document.project().layout.racks;
    QVERIFY(std::any_of(racksNow.begin(), racksNow.end(), [](const Rack& r) { return r.phase == 3; }));
    QVERIFY(waitForFigures(window));
    QCOMPARE(phases->table()->rowCount(), 4);
    phases->removePhase(3);
    QCOMPARE(document.project().phases.size(), std::size_t{3});
    QCOMPARE(document.undoStack()->count(), steps + 6);
    for (int i = 0; i < 6; ++i) document.undoStack()->undo();
    QCOMPARE(document.project().phases[1].name, QStringLiteral("Phase 2: +100k H200"));
    // The floor keeps showing its phase when an earlier one goes.
    QVERIFY(waitForFigures(window));
    combo->setCurrentIndex(combo->findData(1));
    phases->removePhase(0);
    QVERIFY(waitForFigures(window));
    QCOMPARE(window.floor()->shownPhase(), 0);
    QCOMPARE(combo->currentText(), QStringLiteral("Phase 2: +100k H200"));
  }

  void whatIfComparesVariantsAndRunsTheBandsOffTheGuiThread() {
    MainWindow window;
    QString error;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-150k-h100")));
    QVERIFY(waitForFigures(window));
    auto* whatIf = window.findChild<WhatIfPanel*>();
    QVERIFY(whatIf->tornadoTable()->rowCount() > 5);
    // Variant A kept, then 2:1 oversubscription at the leaves: B is cheaper and has less bisection.
    whatIf->keepBaseline();
    QVERIFY(window.document().setInput(QStringLiteral("network.oversubscriptionTier1"), QStringLiteral("2"), &error));
    QVERIFY(waitForFigures(window));
    QTableWidget* table = whatIf->comparisonTable();
    QCOMPARE(table->rowCount(), static_cast<int>(kOutputCount));
    const int capex = static_cast<int>(OutputId::costCapexUsd);
    QCOMPARE(table->item(capex, 5)->text(), QStringLiteral("B"));
    QCOMPARE(table->item(static_cast<int>(OutputId::networkBisectionPerGpuGbps), 5)->text(), QStringLiteral("A"));
    // Saved as a variant of the project, A stays after B changes again.
    QVERIFY(window.document().setInput(QStringLiteral("network.oversubscriptionTier1"), QStringLiteral("1"), &error));
    QVERIFY(waitForFigures(window));
    QVERIFY2(whatIf->saveVariant(QStringLiteral("non-blocking"), &error), qPrintable(error));
    QCOMPARE(window.document().project().variants.size(), std::size_t{1});
    QVERIFY(window.document().setInput(QStringLiteral("network.oversubscriptionTier1"), QStringLiteral("3"), &error));
    QVERIFY(waitForFigures(window));
    QCOMPARE(table->item(static_cast<int>(OutputId::networkBisectionPerGpuGbps), 5)->text(), QStringLiteral("A"));
    QCOMPARE(table->item(capex, 5)->text(), QStringLiteral("B"));
    window.findChild<QDockWidget*>(QStringLiteral("whatIfDock"))->raise();
    window.grab().save(QStringLiteral("workspace-what-if.png"));  // for a person to look at
    // At the window's own size the charts name their rows in full, and say what they leave out.
    const auto readsWhole = [](const HorizontalBarsChart* chart, int rows, int atLeast) {
      const QStringList names = chart->shownNames();
      if (names.size() < atLeast || names.size() + chart->hiddenCategories() != rows) return false;
      return std::none_of(names.begin(), names.end(), [](const QString& name) {
        return name.contains(QChar(0x2026)) || name.endsWith(QLatin1String("..."));
      });
    };
    QVERIFY2(whatIf->tornadoChart()->isVisible(), "the tornado is on screen");
    QVERIFY2(readsWhole(whatIf->tornadoChart(), whatIf->tornadoTable()->rowCount(), 3),
             qPrintable(whatIf->tornadoChart()->shownNames().join(QLatin1String(" | "))));
    whatIf->findChild<QTabWidget*>()->setCurrentIndex(2);
    QVERIFY(QTest::qWaitForWindowExposed(whatIf->comparisonChart()));
    QVERIFY2(readsWhole(whatIf->comparisonChart(), 8, 4),
             qPrintable(whatIf->comparisonChart()->shownNames().join(QLatin1String(" | "))));
    whatIf->findChild<QTabWidget*>()->setCurrentIndex(0);
    // So do the Charts dock's breakdowns: every part's name, value and share.
    window.findChild<QDockWidget*>(QStringLiteral("chartsDock"))->raise();
    QApplication::processEvents();
    int chartsShown = 0;
    for (const HorizontalBarsChart* chart : window.findChild<ChartsPanel*>()->findChildren<HorizontalBarsChart*>()) {
      if (!chart->isVisible()) continue;
      ++chartsShown;
      QVERIFY2(readsWhole(chart, static_cast<int>(chart->shownNames().size() + chart->hiddenCategories()), 8),
               qPrintable(chart->shownNames().join(QLatin1String(" | "))));
      QVERIFY2(chart->hiddenCategories() == 0, qPrintable(chart->title()));
    }
    QCOMPARE(chartsShown, 1);  // the Power tab
    // Squeezed, a chart shows fewer rows rather than thinner ones, and says how many it left out.
    HorizontalBarsChart squeezed;
    squeezed.setBars(QStringLiteral("t"),
                     {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
                      QStringLiteral("e"), QStringLiteral("f")},
                     {{QStringLiteral("x"), Qt::blue, {1, -2, 3, -4, 5, -6}}}, QStringLiteral("%"));
    squeezed.resize(400, 600);
    QCOMPARE(squeezed.hiddenCategories(), 0);
    squeezed.resize(400, squeezed.minimumSizeHint().height());
    QVERIFY(squeezed.hiddenCategories() > 0);
    QVERIFY(squeezed.shownNames().size() >= 1);
    whatIf->resize(700, 700);
    whatIf->grab().save(QStringLiteral("what-if-panel.png"));
    // The Monte Carlo bands run on a worker; the window keeps handling events meanwhile.
    QSignalSpy finished(whatIf, &WhatIfPanel::uncertaintyFinished);
    whatIf->runUncertainty(200000);
    QVERIFY(whatIf->uncertaintyRunning());
    QVERIFY(finished.wait(30000));
    QCOMPARE(whatIf->bandsTable()->rowCount(), 3);
    // A run can be cancelled.
    QSignalSpy cancelled(whatIf, &WhatIfPanel::uncertaintyCancelled);
    whatIf->runUncertainty(5000000);
    whatIf->cancelUncertainty();
    QVERIFY(cancelled.wait(30000));
    QVERIFY(!whatIf->uncertaintyRunning());
    // ... and keeps the bands it had, saying so.
    QCOMPARE(whatIf->bandsTable()->rowCount(), 3);
    QVERIFY2(whatIf->bandsStatus().startsWith(QStringLiteral("Cancelled after")), qPrintable(whatIf->bandsStatus()));
    QVERIFY(whatIf->bandsStatus().contains(QStringLiteral("from the run before")));
    // The samples box takes what the command line takes, and says its limits.
    QCOMPARE(whatIf->samplesBox()->maximum(), 1'000'000'000);
    QVERIFY(whatIf->samplesBox()->toolTip().contains(QStringLiteral("1,000,000,000")));
    // Inputs read by name in the tornado, not by path.
    for (int r = 0; r < whatIf->tornadoTable()->rowCount(); ++r)
      QVERIFY2(!whatIf->tornadoTable()->item(r, 0)->text().contains(QLatin1Char('.')),
               qPrintable(whatIf->tornadoTable()->item(r, 0)->text()));
  }

  void aCopiedPhaseIsComparedAfterThatPhase() {
    MainWindow window;
    QString error;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-to-1m")));
    QVERIFY(waitForFigures(window));
    auto* whatIf = window.findChild<WhatIfPanel*>();
    // A copy of phase 1 compared after phase 1: the same plan, no difference.
    QVERIFY2(whatIf->saveVariant(QStringLiteral("phase 1 alone"), &error, 0), qPrintable(error));
    QCOMPARE(whatIf->chosenVariant(), 0);
    QTableWidget* table = whatIf->comparisonTable();
    const int gpus = static_cast<int>(OutputId::clusterGpus);
    QCOMPARE(table->item(gpus, 1)->text(), table->item(gpus, 2)->text());
    QCOMPARE(table->item(static_cast<int>(OutputId::costCapexUsd), 3)->text(), QStringLiteral("0"));
    // After every phase, the plan now has the later phases' GPUs too.
    whatIf->compareAfterPhase(-1);
    QVERIFY(table->item(gpus, 1)->text() != table->item(gpus, 2)->text());
    QCOMPARE(table->item(gpus, 5)->text(), QStringLiteral("B"));
    whatIf->findChild<QTabWidget*>()->setCurrentIndex(2);
    whatIf->resize(760, 720);
    whatIf->grab().save(QStringLiteral("what-if-compare.png"));  // for a person to look at
  }

  void tenantsAreEditedShownOnTheFloorAndMarkedByHand() {
    MainWindow window;
    QVERIFY(openAndShow(window, MainWindow::samplePreset()));
    QVERIFY(waitForFigures(window));
    ProjectDocument& document = window.document();
    auto* tenants = window.findChild<TenantsPanel*>();
    QTableWidget* table = tenants->table();
    // Two tenants and the operator's whole site; every GPU is rented.
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(1, TenantsPanel::kName)->text(), QStringLiteral("Partner lab"));
    QCOMPARE(table->item(1, TenantsPanel::kRevenue)->text(), QLocale().toString(11037.6, 'f', 0));
    // The partner rents less: the floor marks fewer of its racks and the rest is spare.
    const double partnerBefore = TenantPlan::floorGpus(document.project(), *document.result().plan)[2];
    table->item(1, TenantsPanel::kGpus)->setText(QStringLiteral("300,000"));
    QVERIFY2(tenants->lastError().isEmpty(), qPrintable(tenants->lastError()));
    QCOMPARE(document.project().tenants[1].gpus, 300000.0);
    QVERIFY(waitForFigures(window));
    QCOMPARE(table->rowCount(), 4);
    QVERIFY(TenantPlan::floorGpus(document.project(), *document.result().plan)[2] < partnerBefore);
    // A bad value is refused, naming the field.
    table->item(1, TenantsPanel::kIsolation)->setText(QStringLiteral("walls"));
    QVERIFY(tenants->lastError().contains(QStringLiteral("tenants[2].isolation")));
    QCOMPARE(document.project().tenants[1].isolation, TenantIsolation::OwnHalls);
    document.undoStack()->undo();
    QCOMPARE(document.project().tenants[1].gpus, 400000.0);
    QVERIFY(waitForFigures(window));

    // Colour by tenant: the legend names them; a rack marked by hand, undone.
    window.floor()->setColourBy(FloorView::ColourBy::Tenant);
    QCOMPARE(window.floor()->legend().front().label, QStringLiteral("Operator training"));
    const Rack first = document.project().layout.racks.front();
    QVERIFY(window.setTenantOfRacks({first.id}, 2));
    QCOMPARE(document.project().layout.racks.front().tenant, 2);
    QVERIFY(!window.setTenantOfRacks({first.id}, 300));
    document.undoStack()->undo();
    QCOMPARE(document.project().layout.racks.front().tenant, first.tenant);
    QVERIFY(waitForFigures(window));
    window.findChild<QDockWidget*>(QStringLiteral("tenantsDock"))->raise();
    QTest::qWait(200);
    window.grab().save(QStringLiteral("workspace-tenants.png"));  // for a person to look at
  }

  void exportsTheReportWithA3dViewOfEachPhase() {
    MainWindow window;
    QString error;
    QVERIFY(openAndShow(window, MainWindow::samplePreset()));
    QVERIFY(waitForFigures(window));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.pdf"));
    QVERIFY2(window.exportReportTo(path, &error), qPrintable(error));
    QFile pdf(path);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    // One 3D view under each phase's plan.
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(30000));
    const QString words = QString::fromUtf8(text.readAllStandardOutput());
    QCOMPARE(words.count(QStringLiteral("The same site in 3D")),
             static_cast<qsizetype>(window.document().project().phases.size()));
    QFile::copy(path, QStringLiteral("workspace-report.pdf"));  // for a person to look at
  }

  void exportsTheCablePlanOfTheFloorAsItStands() {
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("llama3-16k-h100")));
    QVERIFY(waitForFigures(window));
    QTemporaryDir dir;
    auto linksIn = [](const QString& path) {
      QFile csv(path);
      if (!csv.open(QIODevice::ReadOnly)) return qint64(-1);
      qint64 lines = 0;
      while (!csv.atEnd()) lines += csv.readLine().isEmpty() ? 0 : 1;
      return lines - 1;  // less the header
    };
    auto figureLinks = [&window] {
      const OutputValues& outputs = window.document().result().evaluation.outputs;
      return qRound64(valueOf(outputs, OutputId::networkLinksTier1) + valueOf(outputs, OutputId::networkLinksTier2) +
                      valueOf(outputs, OutputId::networkLinksTier3) + valueOf(outputs, OutputId::networkLinksTier4));
    };
    // File › Export lists every hand-off.
    QMenu* exports = nullptr;
    for (QMenu* menu : window.findChildren<QMenu*>())
      if (menu->title() == QStringLiteral("&Export")) exports = menu;
    QVERIFY(exports);
    QStringList entries;
    for (const QAction* action : exports->actions()) entries << action->objectName();
    for (const char* name : {"exportCables", "exportNetBox", "exportSimAi", "exportAstraSim", "exportGltf"})
      QVERIFY2(entries.contains(QLatin1String(name)), name);
    exports->popup(window.mapToGlobal(QPoint(40, 40)));
    QTest::qWait(200);
    exports->grab().save(QStringLiteral("workspace-export-menu.png"));  // for a person to look at
    exports->hide();

    ExportRequest request;
    request.cables = dir.filePath(QStringLiteral("before.csv"));
    request.simai = dir.filePath(QStringLiteral("before-simai.txt"));
    QString error;
    QVERIFY2(window.runExport(QStringLiteral("Export"), request, &error), qPrintable(error));
    const qint64 before = linksIn(request.cables);
    QCOMPARE(before, figureLinks());
    QVERIFY(QFileInfo::exists(request.simai));

    // A row's compute racks removed: the figures and the next export lose their links together.
    const SiteLayout& layout = window.document().project().layout;
    const auto firstCompute = std::find_if(layout.racks.begin(), layout.racks.end(),
                                           [](const Rack& rack) { return rack.role == RackRole::Compute; });
    QVERIFY(firstCompute != layout.racks.end());
    std::vector<std::uint32_t> ids;
    for (const Rack& rack : layout.racks)
      if (rack.row == firstCompute->row && rack.role == RackRole::Compute) ids.push_back(rack.id);
    QVERIFY(!ids.empty());
    auto command = LayoutCommands::removeRacks(window.document().layoutForCommands(), ids, &error);
    QVERIFY2(command, qPrintable(error));
    QVERIFY(window.document().pushLayoutCommand(std::move(command)));
    request.cables = dir.filePath(QStringLiteral("after.csv"));
    request.simai.clear();
    QVERIFY2(window.runExport(QStringLiteral("Export"), request, &error), qPrintable(error));
    const qint64 after = linksIn(request.cables);
    QVERIFY2(after < before, qPrintable(QStringLiteral("%1 links after, %2 before").arg(after).arg(before)));
    QCOMPARE(after, figureLinks());

    // Over the project itself: refused, and nothing written.
    const QString project = dir.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(window.document().saveAs(project, &error));
    request.cables = dir.filePath(QStringLiteral("refused.csv"));
    request.gltf = project;
    QVERIFY(!window.runExport(QStringLiteral("Export"), request, &error));
    QVERIFY2(error.contains(QStringLiteral("Gigaplan project")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(request.cables));
  }

  void optimizesThePlanAndKeepsADesignAsAVariant() {
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("llama3-16k-h100")));
    QVERIFY(waitForFigures(window));
    auto* panel = window.findChild<OptimizePanel*>();
    QVERIFY(panel);
    window.findChild<QDockWidget*>(QStringLiteral("optimizeDock"))->raise();
    // The default goal reads, and starts from the plan.
    QVERIFY(panel->goalEditor()->toPlainText().contains(QStringLiteral("power.facilityMw")));
    // A goal that does not read is named, and nothing runs.
    panel->goalEditor()->setPlainText(QStringLiteral("{\"objectives\": [{\"minimize\": \"cost.nothing\"}]}"));
    QVERIFY(!panel->run());
    QVERIFY2(panel->status().contains(QStringLiteral("objectives[1]")), qPrintable(panel->status()));

    panel->goalEditor()->setPlainText(panel->defaultGoal());
    QSignalSpy finished(panel, &OptimizePanel::finished);
    QVERIFY(panel->run());
    QVERIFY(panel->running());
    QVERIFY(finished.wait(60000));
    QVERIFY(panel->result().has_value());
    const SearchResult& result = *panel->result();
    QVERIFY(!result.front.empty());
    QCOMPARE(panel->frontTable()->rowCount(), static_cast<int>(result.front.size()));
    QCOMPARE(panel->chart()->points().size(), result.finalists.size());
    // The chart's first point says what it is when hovered.
    const QPointF where = panel->chart()->positionOf(0);
    const int hovered = panel->chart()->pointAt(where);  // 0, or a design with the same figures
    QVERIFY(hovered >= 0);
    QCOMPARE(panel->chart()->positionOf(hovered), where);
    QVERIFY(panel->chart()->points().front().tip.contains(QStringLiteral("network.oversubscriptionTier1")));
    QTest::qWait(100);
    window.grab().save(QStringLiteral("workspace-optimize.png"));  // for a person to look at

    // A design of the front kept as a variant, and compared with the plan.
    const int variants = static_cast<int>(window.document().project().variants.size());
    const QVariant finalist = panel->frontTable()->item(0, 0)->data(Qt::UserRole);
    QVERIFY(finalist.isValid());
    const int kept = panel->keepAsVariant(finalist.toInt());
    QCOMPARE(kept, variants);
    QCOMPARE(static_cast<int>(window.document().project().variants.size()), variants + 1);
    auto* whatIf = window.findChild<WhatIfPanel*>();
    QCOMPARE(whatIf->chosenVariant(), kept);
    QVERIFY(whatIf->comparisonTable()->rowCount() > 0);
    window.document().undoStack()->undo();
    QCOMPARE(static_cast<int>(window.document().project().variants.size()), variants);

    // Cancel stops a search, and the designs before stay.
    QSignalSpy cancelled(panel, &OptimizePanel::cancelled);
    QVERIFY(panel->run());
    panel->cancel();
    QVERIFY(cancelled.wait(60000) || finished.count() == 2);
    QVERIFY(panel->result().has_value());
  }

  void theTreeAndTheFloorShareTheSelection() {
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-150k-h100")));
    auto* tree = window.findChild<QTreeView*>(QStringLiteral("projectTree"));
    auto* treeModel = qobject_cast<ProjectTreeModel*>(tree->model());
    auto* properties = window.findChild<SelectionPanel*>();
    // Picking a hall in the tree selects it for the floor and the properties.
    const QModelIndex hall = treeModel->indexOf(LayoutSelection::hall(1));
    QVERIFY(hall.isValid());
    tree->setCurrentIndex(hall);
    QCOMPARE(window.document().selection(), LayoutSelection::hall(1));
    QCOMPARE(properties->property(QStringLiteral("Hall")), window.document().project().layout.halls[1].name);
    // A rack picked on the floor shows as its row in the tree.
    const Rack& rack = window.document().project().layout.racks[500];
    window.document().setSelection(LayoutSelection::racks({rack.id}));
    QCOMPARE(treeModel->selectionAt(tree->currentIndex()), LayoutSelection::row(rack.row));
    QCOMPARE(properties->property(QStringLiteral("Rack")), QString::number(rack.id));
    // ... and the inputs editor shows the input that defines it.
    const QString expected = rack.role == RackRole::Compute ? QStringLiteral("system.type")
                             : rack.role == RackRole::Cdu   ? QStringLiteral("cooling.cduCapacityKw")
                                                            : QStringLiteral("network.switch");
    auto* inputs = window.findChild<InputsEditor*>();
    QCOMPARE(inputs->view()->currentIndex().data(InputsModel::PathRole).toString(), expected);
  }

  void aRefusedEditRevertsItsCellAndSaysWhyNumberedFromOne() {
    // Typed into a cell's editor and committed with Enter, as a planner does: a refused entry goes
    // back to what the project holds, and the message numbers the phase or tenant from 1.
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-to-1m")));
    QVERIFY(waitForFigures(window));
    QApplication::setActiveWindow(&window);
    auto typeInto = [&](QTableWidget* table, int row, int column, const QString& text) {
      QTableWidgetItem* item = table->item(row, column);
      table->setCurrentItem(item);
      table->editItem(item);
      auto* editor = table->viewport()->findChild<QLineEdit*>();
      if (!editor) return false;
      editor->selectAll();
      QTest::keyClicks(editor, text);
      if (editor->text() != text) return false;
      // The delegate commits and closes its editor a moment after Enter (a queued call).
      QPointer<QLineEdit> open = editor;
      QTest::keyClick(editor, Qt::Key_Return);
      return QTest::qWaitFor([&] { return open.isNull() || !open->isVisible(); });
    };
    auto* phases = window.findChild<PhasesPanel*>();
    const QString systemsBefore = phases->table()->item(1, PhasesPanel::kSystems)->text();
    QVERIFY(typeInto(phases->table(), 1, PhasesPanel::kSystems, QStringLiteral("lots of GPUs")));
    QCOMPARE(phases->table()->item(1, PhasesPanel::kSystems)->text(), systemsBefore);
    QVERIFY2(phases->lastError().startsWith(QStringLiteral("phases[2].systems")), qPrintable(phases->lastError()));

    auto* tenants = window.findChild<TenantsPanel*>();
    const QString gpusBefore = tenants->table()->item(0, TenantsPanel::kGpus)->text();
    QVERIFY(typeInto(tenants->table(), 0, TenantsPanel::kGpus, QStringLiteral("many")));
    QCOMPARE(tenants->table()->item(0, TenantsPanel::kGpus)->text(), gpusBefore);
    QVERIFY2(tenants->lastError().startsWith(QStringLiteral("tenants[1].gpus")), qPrintable(tenants->lastError()));
    // Refused by the project rather than the parser: more GPUs than the site has.
    QVERIFY(typeInto(tenants->table(), 0, TenantsPanel::kGpus, QStringLiteral("90000000")));
    QCOMPARE(tenants->table()->item(0, TenantsPanel::kGpus)->text(), gpusBefore);
    QVERIFY2(tenants->lastError().startsWith(QStringLiteral("tenants[1].gpus")), qPrintable(tenants->lastError()));
  }

  void theHeadlineBarShowsTheSitesFiguresAndLeadsToThem() {
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-to-1m")));
    QVERIFY(waitForFigures(window));
    auto* headline = window.findChild<HeadlineBar*>();
    auto* figures = window.findChild<FiguresPanel*>();
    QVERIFY(headline && headline->isVisible());
    // One evaluation: the headline reads the values the Figures dock shows.
    const OutputValues& site = window.document().result().evaluation.outputs;
    QCOMPARE(headline->entryText(OutputId::clusterGpus),
             QStringLiteral("GPUs: ") + figures->displayedValue(OutputId::clusterGpus));
    QCOMPARE(headline->entryText(OutputId::powerFacilityMw),
             QStringLiteral("Facility: %1 of %2")
                 .arg(ProjectReport::formatMw(valueOf(site, OutputId::powerFacilityMw)),
                      ProjectReport::formatMw(valueOf(site, OutputId::sitePowerAvailableMw))));
    QCOMPARE(headline->entryText(OutputId::costCapexUsd),
             QStringLiteral("Capex: ") + ProjectReport::formatUsd(valueOf(site, OutputId::costCapexUsd)));
    const ProjectFindings findings = ProjectFindings::of(window.document().project(), window.document().result());
    QCOMPARE(headline->findingsText(), findings.summary());
    // The Figures filter narrows the rows; a headline click brings its figure back into view.
    auto* filter = window.findChild<QLineEdit*>(QStringLiteral("figuresFilter"));
    QVERIFY(filter);
    filter->setText(QStringLiteral("capex"));
    QVERIFY(figures->isShown(OutputId::costCapexUsd));
    QVERIFY(!figures->isShown(OutputId::clusterGpus));
    filter->setText(QStringLiteral("power.pue"));
    QVERIFY(figures->isShown(OutputId::powerPue));
    QVERIFY(!figures->isShown(OutputId::powerFacilityMw));
    emit headline->figureRequested(OutputId::networkBisectionPerGpuGbps);
    QVERIFY(figures->isShown(OutputId::networkBisectionPerGpuGbps));
    QVERIFY(filter->text().isEmpty());
    QCOMPARE(figures->currentItem()->toolTip(0), QStringLiteral("network.bisectionPerGpuGbps"));
  }

  void findSelectsAndShowsAPlaceByItsName() {
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-150k-h100")));
    QCOMPARE(action(window, "find")->shortcut(), QKeySequence(QKeySequence::Find));
    const SiteLayout& layout = window.document().project().layout;
    QString error;
    const Rack& rack = layout.racks[777];
    QVERIFY2(window.findPlace(QString::number(rack.id), &error), qPrintable(error));
    QCOMPARE(window.document().selection(), LayoutSelection::racks({rack.id}));
    QVERIFY2(window.findPlace(layout.halls[1].name + QStringLiteral("/2"), &error), qPrintable(error));
    QCOMPARE(window.document().selection().level, LayoutSelection::Level::Row);
    QVERIFY(window.findPlace(layout.buildings[0].name, &error));
    QCOMPARE(window.document().selection(), LayoutSelection::building(0));
    QVERIFY(!window.findPlace(QStringLiteral("nowhere"), &error));
    QVERIFY(error.contains(QStringLiteral("no building, hall, row")));
    QCOMPARE(window.document().selection(), LayoutSelection::building(0));  // a miss changes nothing
  }

  void keyboardShortcutsWorkFromTheTreeAndShowInTheMenus() {
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-150k-h100")));
    QCOMPARE(action(window, "deleteSelection")->shortcut(), QKeySequence(QKeySequence::Delete));
    QVERIFY(!action(window, "deleteSelection")->shortcut().isEmpty());
    QCOMPARE(action(window, "saveAs")->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
    // Delete with the project tree in focus removes what the tree has picked: a row's racks.
    auto* tree = window.findChild<QTreeView*>(QStringLiteral("projectTree"));
    auto* treeModel = qobject_cast<ProjectTreeModel*>(tree->model());
    const std::size_t racksBefore = window.document().project().layout.racks.size();
    const int row = window.document().project().layout.racks[500].row;
    tree->setCurrentIndex(treeModel->indexOf(LayoutSelection::row(row)));
    QCOMPARE(window.document().selection(), LayoutSelection::row(row));
    // Without a window manager the window is made active by hand, as a click would.
    QApplication::setActiveWindow(&window);
    tree->setFocus();
    QCOMPARE(QApplication::focusWidget(), tree);
    QTest::keyClick(tree, Qt::Key_Delete);
    QVERIFY(window.document().project().layout.racks.size() < racksBefore);
    window.document().undoStack()->undo();
    QCOMPARE(window.document().project().layout.racks.size(), racksBefore);
  }

  void undoRedoAndZoomWorkFromEveryDockDockedOrFloating() {
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-150k-h100")));
    QVERIFY(waitForFigures(window));
    QCOMPARE(action(window, "zoomToFit")->shortcut(), QKeySequence(QStringLiteral("Ctrl+0")));
    QCOMPARE(action(window, "zoomIn")->shortcut(), QKeySequence(QKeySequence::ZoomIn));
    QCOMPARE(action(window, "zoomOut")->shortcut(), QKeySequence(QKeySequence::ZoomOut));
    QUndoStack* undo = window.document().undoStack();
    const auto docks = window.findChildren<QDockWidget*>();
    QVERIFY(docks.size() >= 6);
    int input = 2;
    for (QDockWidget* dock : docks) {
      for (const bool floating : {false, true}) {
        dock->setFloating(floating);
        dock->show();
        dock->raise();
        // A view of the dock's own, as a click on it would leave focus: not a text field, whose
        // Ctrl+Z undoes its own typing.
        QWidget* view = nullptr;
        for (QAbstractItemView* candidate : dock->findChildren<QAbstractItemView*>())
          if (candidate->isVisible()) {
            view = candidate;
            break;
          }
        if (!view) view = dock->widget();
        QVERIFY(QTest::qWaitForWindowExposed(dock));
        QApplication::setActiveWindow(floating ? static_cast<QWidget*>(dock) : &window);
        view->setFocusPolicy(Qt::StrongFocus);
        view->setFocus();
        QString error;
        QVERIFY(window.document().setInput(QStringLiteral("schedule.crews"), QString::number(++input), &error));
        const int index = undo->index();
        const QString where = dock->objectName() + (floating ? QStringLiteral(" (floating)") : QString());
        QTest::keySequence(view, action(window, "undo")->shortcut());
        QVERIFY2(undo->index() == index - 1, qPrintable(where + QStringLiteral(": undo")));
        QTest::keySequence(view, action(window, "redo")->shortcut());
        QVERIFY2(undo->index() == index, qPrintable(where + QStringLiteral(": redo")));
        for (const char* name : {"zoomToFit", "zoomIn", "zoomOut"}) {
          QSignalSpy triggered(action(window, name), &QAction::triggered);
          QTest::keySequence(view, action(window, name)->shortcut());
          QVERIFY2(triggered.size() == 1, qPrintable(where + QLatin1Char(' ') + QLatin1String(name)));
        }
      }
      dock->setFloating(false);
    }
  }

  void aFailureChosenInTheDockShowsItsBlastRadiusOnTheFloor() {
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-150k-h100")));
    QVERIFY(waitForFigures(window));
    // UPS modules without redundancy: each carries a share of its block, and takes it down.
    QString error;
    QVERIFY(window.document().setInput(QStringLiteral("electrical.redundancy"), QStringLiteral("N"), &error));
    QVERIFY(waitForFigures(window));
    const std::shared_ptr<const SiteFailures> failures = window.document().result().failures;
    QVERIFY(failures);
    auto* panel = window.findChild<FailuresPanel*>();
    window.findChild<QDockWidget*>(QStringLiteral("failuresDock"))->raise();
    QVERIFY(panel->summary().contains(QStringLiteral("Site availability")));
    int ups = -1;
    for (std::size_t c = 0; c < failures->domains.components.size() && ups < 0; ++c)
      if (failures->domains.components[c].kind == ComponentKind::Ups) ups = static_cast<int>(c);
    QVERIFY(ups >= 0);
    panel->filter()->setText(QStringLiteral("UPS"));
    QVERIFY(panel->table()->model()->rowCount() > 0);
    QVERIFY(panel->chooseComponent(ups));
    auto* floor = window.floor();
    QCOMPARE(floor->colourBy(), FloorView::ColourBy::Failure);
    QCOMPARE(floor->failureComponent(), ups);
    QApplication::processEvents();
    // Exactly its racks are drawn as down; a rack of another block is not reached.
    const SiteLayout& layout = window.document().project().layout;
    const std::vector<int> down = failures->domains.racksDown(layout, ups);
    QVERIFY(!down.empty());
    const QColor red = floor->rackColour(down.front());
    int drawnDown = 0;
    for (std::size_t r = 0; r < layout.racks.size(); ++r) drawnDown += floor->rackColour(static_cast<int>(r)) == red;
    QCOMPARE(drawnDown, static_cast<int>(down.size()));
    QVERIFY(floor->legendTitle().contains(QStringLiteral("UPS")));
    // The plant stands in the electrical rooms: every switchgear line-up, transformer, UPS module
    // and heat-rejection unit of the analysis, the chosen UPS drawn as down.
    int plantUnits = 0;
    for (const Component& c : failures->domains.components)
      plantUnits += c.kind == ComponentKind::Switchgear || c.kind == ComponentKind::Transformer ||
                    c.kind == ComponentKind::Ups || c.kind == ComponentKind::HeatRejection;
    QCOMPARE(static_cast<int>(floor->plantBoxes().size()), plantUnits);
    const auto chosen = std::find_if(floor->plantBoxes().begin(), floor->plantBoxes().end(),
                                     [&](const floorscene::PlantBox& box) { return box.component == ups; });
    QVERIFY(chosen != floor->plantBoxes().end());
    QCOMPARE(chosen->colour, red);
    floor->frameHall();  // the first hall, where this UPS stands, close enough to see its room
    QApplication::processEvents();
    window.grab().save(QStringLiteral("workspace-failures.png"));  // for a person to look at
    // A CDU rack picked on the floor is chosen in the dock.
    int cduRack = -1;
    for (std::size_t r = 0; r < layout.racks.size() && cduRack < 0; ++r)
      if (layout.racks[r].role == RackRole::Cdu) cduRack = static_cast<int>(r);
    panel->filter()->clear();
    window.document().setSelection(LayoutSelection::racks({layout.racks[static_cast<std::size_t>(cduRack)].id}));
    QCOMPARE(floor->failureComponent(), panel->componentOfRack(cduRack));
    // Simulated years run on a worker and can be cancelled.
    QSignalSpy finished(panel, &FailuresPanel::simulationFinished);
    panel->simulate(200);
    QVERIFY(finished.wait(30000));
    QVERIFY(panel->simulationStatus().contains(QStringLiteral("200 simulated site-years")));
    QSignalSpy cancelled(panel, &FailuresPanel::simulationCancelled);
    panel->simulate(1'000'000);
    panel->cancelSimulation();
    QVERIFY(cancelled.wait(30000));
    QVERIFY(panel->simulationStatus().startsWith(QStringLiteral("Cancelled after")));
    // The redundancy options, studied on a worker when their tab is shown: UPS back to N+1 saves
    // GPU-hours at a price.
    QSignalSpy ready(panel, &FailuresPanel::optionsReady);
    panel->tabs()->setCurrentIndex(1);
    QVERIFY(ready.wait(30000));
    QTableWidget* options = panel->optionsTable();
    QVERIFY(options->rowCount() >= 8);
    window.grab().save(QStringLiteral("workspace-failure-options.png"));  // for a person to look at
    bool found = false;
    for (int r = 0; r < options->rowCount(); ++r)
      if (options->item(r, 0)->text() == QStringLiteral("UPS and transformers: N to N+1")) {
        found = true;
        QVERIFY(options->item(r, 4)->text().startsWith(QLatin1Char('$')));
      }
    QVERIFY(found);
  }

  void menusInsertRacksAndRowsAsUndoableEdits() {
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-150k-h100")));
    ProjectDocument& document = window.document();
    const std::size_t racks = document.project().layout.racks.size();
    const std::size_t rows = document.project().layout.rows.size();
    document.setSelection(LayoutSelection::hall(0));
    action(window, "insertRow")->trigger();
    QCOMPARE(document.project().layout.rows.size(), rows + 1);
    QCOMPARE(document.selection(), LayoutSelection::row(static_cast<int>(rows)));
    action(window, "insertRack")->trigger();
    QCOMPARE(document.project().layout.racks.size(), racks + 1);
    const Rack& added = document.project().layout.racks.back();
    QCOMPARE(added.row, static_cast<int>(rows));
    QCOMPARE(added.slot, 0);
    QCOMPARE(added.role, RackRole::Compute);
    QCOMPARE(document.undoStack()->count(), 2);
    action(window, "undo")->trigger();
    action(window, "undo")->trigger();
    QCOMPARE(document.project().layout.racks.size(), racks);
    QCOMPARE(document.project().layout.rows.size(), rows);
  }

  void projectPropertiesRenameTheProjectInTheTitleAndUndo() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("memphis.gigaplan"));
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-150k-h100")));
    QString error;
    QVERIFY2(window.document().saveAs(path, &error), qPrintable(error));
    QVERIFY(!window.isWindowModified());
    // File › Project Properties opens the dialog; the planner types and presses OK.
    bool filled = false;
    QTimer::singleShot(0, &window, [&] {
      auto* dialog = qobject_cast<ProjectPropertiesDialog*>(QApplication::activeModalWidget());
      if (!dialog) return;
      dialog->nameEdit()->setText(QStringLiteral("Memphis, 150k H100"));
      dialog->descriptionEdit()->setPlainText(QStringLiteral("The first hall opens in May."));
      dialog->accept();
      filled = true;
    });
    action(window, "projectProperties")->trigger();
    QVERIFY(filled);
    QCOMPARE(window.document().project().scenario.name, QStringLiteral("Memphis, 150k H100"));
    QCOMPARE(window.document().undoStack()->count(), 1);
    QVERIFY(window.isWindowModified());
    QCOMPARE(window.windowTitle(), QStringLiteral("Memphis, 150k H100 (memphis.gigaplan)[*] - Gigaplan"));
    action(window, "undo")->trigger();
    QVERIFY(!window.isWindowModified());
    QVERIFY2(window.windowTitle().startsWith(QStringLiteral("Colossus-like 150,000 Hopper GPUs (memphis.gigaplan)")),
             qPrintable(window.windowTitle()));
  }

  void aSavedProjectReopensByDrop() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("dropped.gigaplan"));
    QString error;
    {
      ProjectDocument document;
      QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
      QVERIFY(document.setInput(QStringLiteral("cluster.gpus"), QStringLiteral("120000"), &error));
      QVERIFY(document.saveAs(path, &error));
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(QTest::qWaitFor([&] { return window.document().filePath() == QFileInfo(path).absoluteFilePath(); }));
    QVERIFY(!window.isWindowModified());
    QVERIFY(window.windowTitle().contains(QStringLiteral("dropped.gigaplan")));
    QVERIFY(waitForFigures(window));
    QCOMPARE(window.findChild<FiguresPanel*>()->displayedValue(OutputId::clusterGpus), QStringLiteral("120,000"));
  }
  void aBadProjectFileGetsTheProjectsMessageAndTheWorkspaceKeepsItsOwn() {
    // An empty or foreign *.gigaplan file is a project that does not open, with the message the
    // command line gives, not a JSON parser's; the project open before stays open.
    QTemporaryDir dir;
    const QString empty = dir.filePath(QStringLiteral("empty.gigaplan"));
    const QString foreign = dir.filePath(QStringLiteral("notes.gigaplan"));
    QVERIFY(QFile(empty).open(QIODevice::WriteOnly));
    {
      QFile file(foreign);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write("meeting notes, not a plan\n");
    }
    MainWindow window;
    QVERIFY(openAndShow(window, QStringLiteral("colossus-150k-h100")));
    const QString before = window.document().project().scenario.name;
    QString error;
    QVERIFY(!window.open(empty, &error));
    QVERIFY2(error.contains(QStringLiteral("the file is empty (not a Gigaplan project)")), qPrintable(error));
    QVERIFY(!error.contains(QStringLiteral("JSON")));
    QVERIFY(!window.open(foreign, &error));
    QVERIFY2(error.contains(QStringLiteral("not a Gigaplan project")), qPrintable(error));
    QCOMPARE(window.document().project().scenario.name, before);
    QVERIFY(!window.document().project().layout.racks.empty());
  }

  void anotherProgramsSaveIsReloadedOrAskedAbout() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shared.gigaplan"));
    QString error;
    const auto saveElsewhere = [&](const char* word) {
      // Another program (another Gigaplan, a script) saves the file.
      auto project = ProjectStore::open(path, &error);
      QVERIFY2(project, qPrintable(error));
      project->scenario.name = QStringLiteral("Saved elsewhere with ") + QString::fromLatin1(word);
      QVERIFY2(ProjectStore::save(*project, path, &error), qPrintable(error));
    };
    {
      ProjectDocument document;
      QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
      QVERIFY(document.saveAs(path, &error));
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY2(window.document().openFile(path, &error), qPrintable(error));

    // Nothing unsaved here: the window shows the file as the other program left it.
    saveElsewhere("one");
    QVERIFY(QTest::qWaitFor(
        [&] { return window.document().project().scenario.name == QLatin1String("Saved elsewhere with one"); }, 5000));
    QVERIFY(!window.isWindowModified());

    // An edit here, then another save elsewhere: nothing is reloaded over the edit, and saving asks.
    QVERIFY(window.document().setInput(QStringLiteral("facility.pue"), QStringLiteral("1.4"), &error));
    saveElsewhere("two");
    QTest::qWait(300);
    QCOMPARE(window.document().project().scenario.values.value(InputId::facilityPue), 1.4);
    bool asked = false;
    QTimer::singleShot(200, [&asked] {
      auto* ask = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!ask) return;
      asked = ask->text().contains(QStringLiteral("another program replaced it since it was opened"));
      for (QAbstractButton* button : ask->buttons())
        if (button->text() == QLatin1String("Overwrite")) button->click();
    });
    const QList<QAction*> actions = window.findChildren<QAction*>();
    const auto save =
        std::find_if(actions.begin(), actions.end(), [](QAction* a) { return a->text() == QLatin1String("&Save"); });
    QVERIFY(save != actions.end());
    (*save)->trigger();
    const auto onDisk = ProjectStore::open(path, &error);
    QVERIFY2(onDisk, qPrintable(error));
    QVERIFY(asked);
    QCOMPARE(onDisk->scenario.values.value(InputId::facilityPue), 1.4);  // overwritten, as asked
    QVERIFY(!window.isWindowModified());
  }
};

int main(int argc, char** argv) {
  VtkOpenGLWidget::prepareSurfaceFormat();
  QApplication app(argc, argv);
  auto* vtkMessages = gigaplan::test::VtkMessageGuard::install();
  TestWorkspace test;
  return vtkMessages->exitStatus(QTest::qExec(&test, argc, argv));
}

#include "TestWorkspace.moc"
