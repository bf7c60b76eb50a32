#include "MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include "ChartsPanel.h"
#include "FailuresPanel.h"
#include "FiguresPanel.h"
#include "FloorView.h"
#include "HeadlineBar.h"
#include "InputsEditor.h"
#include "OptimizePanel.h"
#include "PhasesPanel.h"
#include "ProjectPropertiesDialog.h"
#include "ProjectTreeModel.h"
#include "SelectionPanel.h"
#include "TenantsPanel.h"
#include "WhatIfPanel.h"
#include "document/LayoutCommands.h"
#include "export/PlanExports.h"
#include "files/AtomicFile.h"
#include "layout/FloorPlaces.h"
#include "plan/PresetLibrary.h"
#include "plan/ProjectFindings.h"
#include "report/ProjectReport.h"
#include "storage/ProjectStore.h"

namespace gigaplan {

namespace {

constexpr int kMaxRecentFiles = 8;
const QString kFileFilter = QStringLiteral("Gigaplan projects (*.gigaplan);;All files (*)");

QDockWidget* dock(QMainWindow* window, const QString& title, const char* name, QWidget* content,
                  Qt::DockWidgetArea area) {
  auto* made = new QDockWidget(title, window);
  made->setObjectName(QString::fromLatin1(name));
  made->setWidget(content);
  window->addDockWidget(area, made);
  return made;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      floor_(new FloorView(this)),
      figures_(new FiguresPanel(this)),
      headline_(new HeadlineBar(this)),
      inputs_(new InputsEditor(this)),
      charts_(new ChartsPanel(this)),
      properties_(new SelectionPanel(this)),
      phases_(new PhasesPanel(this)),
      tenants_(new TenantsPanel(this)),
      failures_(new FailuresPanel(this)),
      whatIf_(new WhatIfPanel(this)),
      optimize_(new OptimizePanel(this)),
      tree_(new QTreeView(this)),
      treeModel_(new ProjectTreeModel(this)) {
  setCentralWidget(floor_);
  setAcceptDrops(true);
  createDocks();
  createActions();
  connectDocument();
  resize(1600, 1000);
  sizeDocks();
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  updateTitle();
}

MainWindow::~MainWindow() {
  // The document is a member and goes before the child widgets: unhook them from it first.
  disconnect(tree_->selectionModel(), nullptr, this, nullptr);
  treeModel_->setLayout(nullptr);
  floor_->setDocument(nullptr);
  properties_->setDocument(nullptr);
  phases_->setDocument(nullptr);
  tenants_->setDocument(nullptr);
  failures_->setDocument(nullptr);
  whatIf_->setDocument(nullptr);
  optimize_->setDocument(nullptr);
}

QString MainWindow::samplePreset() {
  return QStringLiteral("colossus-to-1m");
}

QString MainWindow::startupProject() {
  const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  return !recent.isEmpty() && QFileInfo::exists(recent.first()) ? recent.first() : samplePreset();
}

void MainWindow::createDocks() {
  tree_->setObjectName(QStringLiteral("projectTree"));
  tree_->setModel(treeModel_);
  tree_->setUniformRowHeights(true);
  tree_->header()->setStretchLastSection(false);
  tree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);  // names take what the numbers leave
  tree_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  tree_->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  treeModel_->setLayout(&document_.project().layout);
  QDockWidget* treeDock = dock(this, tr("Project"), "projectDock", tree_, Qt::LeftDockWidgetArea);
  dock(this, tr("Selection"), "selectionDock", properties_, Qt::LeftDockWidgetArea);
  QDockWidget* inputsDock = dock(this, tr("Inputs"), "inputsDock", inputs_, Qt::LeftDockWidgetArea);
  // Figures with a filter above them: a hundred and more rows are found by a word of their name.
  auto* figuresBox = new QWidget(this);
  auto* figuresLayout = new QVBoxLayout(figuresBox);
  figuresLayout->setContentsMargins(0, 0, 0, 0);
  auto* filter = new QLineEdit(figuresBox);
  filter->setObjectName(QStringLiteral("figuresFilter"));
  filter->setPlaceholderText(tr("Filter figures by name or path (e.g. capex, power.pue)"));
  filter->setClearButtonEnabled(true);
  figuresLayout->addWidget(filter);
  figuresLayout->addWidget(figures_);
  connect(filter, &QLineEdit::textChanged, figures_, &FiguresPanel::setFilter);
  connect(figures_, &FiguresPanel::filterCleared, filter, [filter] {
    const QSignalBlocker quiet(filter);
    filter->clear();
  });
  QDockWidget* figuresDock = dock(this, tr("Figures"), "figuresDock", figuresBox, Qt::RightDockWidgetArea);
  QDockWidget* chartsDock = dock(this, tr("Charts"), "chartsDock", charts_, Qt::RightDockWidgetArea);
  tabifyDockWidget(treeDock, inputsDock);
  treeDock->raise();
  QDockWidget* phasesDock = dock(this, tr("Phases"), "phasesDock", phases_, Qt::BottomDockWidgetArea);
  QDockWidget* tenantsDock = dock(this, tr("Tenants"), "tenantsDock", tenants_, Qt::BottomDockWidgetArea);
  tabifyDockWidget(phasesDock, tenantsDock);
  QDockWidget* failuresDock = dock(this, tr("Failures"), "failuresDock", failures_, Qt::BottomDockWidgetArea);
  tabifyDockWidget(tenantsDock, failuresDock);
  phasesDock->raise();
  splitDockWidget(figuresDock, chartsDock, Qt::Vertical);
  QDockWidget* whatIfDock = dock(this, tr("What-if"), "whatIfDock", whatIf_, Qt::RightDockWidgetArea);
  tabifyDockWidget(chartsDock, whatIfDock);
  QDockWidget* optimizeDock = dock(this, tr("Optimize"), "optimizeDock", optimize_, Qt::RightDockWidgetArea);
  tabifyDockWidget(whatIfDock, optimizeDock);
  // A design kept from the optimizer is compared with the plan in the What-if dock.
  connect(optimize_, &OptimizePanel::variantKept, this, [this, whatIfDock](int variant) {
    whatIf_->compareWithVariant(variant);
    whatIfDock->raise();
  });
  chartsDock->raise();
}

void MainWindow::sizeDocks() {
  // Sizes take effect once the window has its own size; a saved window state overrides them.
  const auto byName = [this](const char* name) { return findChild<QDockWidget*>(QString::fromLatin1(name)); };
  resizeDocks({byName("projectDock"), byName("figuresDock")}, {360, 540}, Qt::Horizontal);
  resizeDocks({byName("projectDock"), byName("selectionDock")}, {560, 300}, Qt::Vertical);
  resizeDocks({byName("phasesDock")}, {230}, Qt::Vertical);
  resizeDocks({byName("figuresDock"), byName("chartsDock")}, {360, 340}, Qt::Vertical);
}

void MainWindow::createActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* newAction = file->addAction(tr("&New from Preset…"), this, &MainWindow::newFromPreset);
  newAction->setShortcut(QKeySequence::New);
  QAction* openAction = file->addAction(tr("&Open…"), this, &MainWindow::openWithDialog);
  openAction->setShortcut(QKeySequence::Open);
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  file->addSeparator();
  QAction* saveAction = file->addAction(tr("&Save"), this, &MainWindow::saveProject);
  saveAction->setShortcut(QKeySequence::Save);
  // Qt's SaveAs key is empty outside KDE and GNOME: Ctrl+Shift+S, as those desktops have it.
  QAction* saveAsAction = file->addAction(tr("Save &As…"), this, &MainWindow::saveProjectAs);
  saveAsAction->setObjectName(QStringLiteral("saveAs"));
  saveAsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  file->addSeparator();
  file->addAction(tr("Project &Properties…"), this, &MainWindow::editProjectProperties)
      ->setObjectName(QStringLiteral("projectProperties"));
  file->addSeparator();
  QMenu* exports = file->addMenu(tr("&Export"));
  exports->addAction(tr("&Report (PDF)…"), this, &MainWindow::exportReport)
      ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  exports->addAction(tr("&Bill of Materials (CSV)…"), this, [this] {
    exportText(tr("Export Bill of Materials"), tr("CSV files (*.csv)"), QStringLiteral("csv"), 0);
  });
  exports->addAction(tr("&Figures per Phase (CSV)…"), this,
                     [this] { exportText(tr("Export Figures"), tr("CSV files (*.csv)"), QStringLiteral("csv"), 1); });
  exports->addAction(tr("&Scenario with Phases (JSON)…"), this, [this] {
    exportText(tr("Export Scenario"), tr("JSON files (*.json)"), QStringLiteral("json"), 2);
  });
  exports->addSeparator();
  exports->addAction(tr("&Cable Plan (CSV or XLSX)…"), this, &MainWindow::exportCablePlan)
      ->setObjectName(QStringLiteral("exportCables"));
  exports->addAction(tr("&NetBox Import…"), this, [this] { exportToFolder(ExportKind::NetBox); })
      ->setObjectName(QStringLiteral("exportNetBox"));
  exports->addAction(tr("Fabric for &SimAI…"), this, &MainWindow::exportSimAi)
      ->setObjectName(QStringLiteral("exportSimAi"));
  exports->addAction(tr("Fabric for &ASTRA-sim…"), this, [this] { exportToFolder(ExportKind::AstraSim); })
      ->setObjectName(QStringLiteral("exportAstraSim"));
  exports->addAction(tr("3D &Floor (glTF)…"), this, &MainWindow::exportFloorGltf)
      ->setObjectName(QStringLiteral("exportGltf"));
  file->addSeparator();
  file->addAction(tr("&Quit"), this, &QWidget::close)->setShortcut(QKeySequence::Quit);
  updateRecentMenu();

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = document_.undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  undo->setObjectName(QStringLiteral("undo"));
  QAction* redo = document_.undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  redo->setObjectName(QStringLiteral("redo"));
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  edit->addAction(tr("Select &None"), this, [this] { document_.setSelection({}); })->setShortcut(Qt::Key_Escape);
  QAction* findAction = edit->addAction(tr("&Find…"), this, [this] {
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Find"), tr("Building, hall, row (as B1-H2/3) or rack id:"),
                                               QLineEdit::Normal, QString(), &ok);
    if (!ok || text.trimmed().isEmpty()) return;
    QString error;
    if (!findPlace(text, &error)) QMessageBox::information(this, tr("Find"), error);
  });
  findAction->setObjectName(QStringLiteral("find"));
  findAction->setShortcut(QKeySequence::Find);

  QMenu* layout = menuBar()->addMenu(tr("&Layout"));
  pickGroup_ = new QActionGroup(this);
  const std::pair<QString, FloorView::PickLevel> levels[] = {{tr("Pick &Racks"), FloorView::PickLevel::Rack},
                                                             {tr("Pick R&ows"), FloorView::PickLevel::Row},
                                                             {tr("Pick &Halls"), FloorView::PickLevel::Hall}};
  int key = Qt::Key_1;
  for (const auto& [text, level] : levels) {
    QAction* action = layout->addAction(text, this, [this, level = level] { floor_->setPickLevel(level); });
    action->setCheckable(true);
    action->setChecked(level == FloorView::PickLevel::Rack);
    action->setShortcut(QKeySequence(Qt::ALT | key++));
    pickGroup_->addAction(action);
  }
  layout->addSeparator();
  layout->addAction(tr("Insert R&ow in Hall"), this, &MainWindow::insertRow)
      ->setObjectName(QStringLiteral("insertRow"));
  QAction* insertRackAction = layout->addAction(tr("Insert Rac&k in Row"), this, &MainWindow::insertRack);
  insertRackAction->setObjectName(QStringLiteral("insertRack"));
  insertRackAction->setShortcut(Qt::Key_Insert);
  // Delete works where a selection is made (the floor and the project tree), not in tables and
  // editors, where the key edits text.
  QAction* deleteAction = layout->addAction(tr("&Delete Selection"), floor_, &FloorView::removeSelection);
  deleteAction->setObjectName(QStringLiteral("deleteSelection"));
  deleteAction->setShortcut(QKeySequence::Delete);
  deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  floor_->addAction(deleteAction);
  tree_->addAction(deleteAction);
  layout->addSeparator();
  layout->addAction(tr("Set &Phase of Selection…"), this, &MainWindow::setPhaseOfSelection)
      ->setObjectName(QStringLiteral("setPhase"));
  layout->addAction(tr("Set S&ystem of Selection…"), this, &MainWindow::setSystemOfSelection)
      ->setObjectName(QStringLiteral("setSystem"));
  layout->addAction(tr("Set &Tenant of Selection…"), this, &MainWindow::setTenantOfSelection)
      ->setObjectName(QStringLiteral("setTenant"));
  layout->addSeparator();
  layout->addAction(tr("&Dismiss Dropped Hand Edits"), this, &MainWindow::dismissDroppedEdits);
  layout->addAction(tr("&Lock or Unlock Hall"), this, &MainWindow::toggleHallLock)
      ->setObjectName(QStringLiteral("toggleHallLock"));
  layout->addAction(tr("Re&generate Layout from Inputs"), this, &MainWindow::regenerateLayout)
      ->setObjectName(QStringLiteral("regenerateLayout"));

  viewMenu_ = menuBar()->addMenu(tr("&View"));
  QToolBar* toolbar = addToolBar(tr("View"));
  toolbar->setObjectName(QStringLiteral("viewToolbar"));
  // The headline figures on a row of their own under the view tools, always in view.
  addToolBarBreak();
  addToolBar(Qt::TopToolBarArea, headline_);
  connect(headline_, &HeadlineBar::figureRequested, this, &MainWindow::showFigure);
  connect(headline_, &HeadlineBar::findingsRequested, this, &MainWindow::showFindings);
  toolbar->setObjectName(QStringLiteral("viewToolbar"));
  auto camera = [&](const QString& text, auto slot, const QList<QKeySequence>& shortcuts) {
    QAction* action = viewMenu_->addAction(text, floor_, slot);
    action->setShortcuts(shortcuts);
    toolbar->addAction(action);
    return action;
  };
  // Zoom to fit is the whole site, under the key other programs give it (Ctrl+0) and as the
  // first of the three camera presets.
  QAction* site = camera(tr("&Site (Zoom to Fit)"), &FloorView::frameSite,
                         {QKeySequence(Qt::CTRL | Qt::Key_0), QKeySequence(Qt::CTRL | Qt::Key_1)});
  site->setObjectName(QStringLiteral("zoomToFit"));
  site->setIconText(tr("Site"));
  camera(tr("&Building"), &FloorView::frameBuilding, {QKeySequence(Qt::CTRL | Qt::Key_2)});
  camera(tr("&Hall"), &FloorView::frameHall, {QKeySequence(Qt::CTRL | Qt::Key_3)});
  QAction* zoomIn = viewMenu_->addAction(tr("Zoom &In"), floor_, [this] { floor_->zoomBy(1.25); });
  zoomIn->setObjectName(QStringLiteral("zoomIn"));
  zoomIn->setShortcuts({QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
  QAction* zoomOut = viewMenu_->addAction(tr("Zoom &Out"), floor_, [this] { floor_->zoomBy(1 / 1.25); });
  zoomOut->setObjectName(QStringLiteral("zoomOut"));
  zoomOut->setShortcuts(QKeySequence::ZoomOut);
  QAction* plan = viewMenu_->addAction(tr("&Plan View"));
  plan->setCheckable(true);
  plan->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
  connect(plan, &QAction::toggled, floor_, &FloorView::setPlanMode);
  toolbar->addAction(plan);
  QAction* measure = viewMenu_->addAction(tr("&Measure"));
  measure->setObjectName(QStringLiteral("measure"));
  measure->setCheckable(true);
  measure->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  measure->setToolTip(tr("Two clicks on the floor: the distance between them, along the floor and in the cable trays"));
  connect(measure, &QAction::toggled, floor_, &FloorView::setMeasuring);
  connect(floor_, &FloorView::measured, this, [this](const QString& text) { statusBar()->showMessage(text, 20000); });
  toolbar->addAction(measure);
  toolbar->addSeparator();
  viewMenu_->addSeparator();
  QMenu* colourMenu = viewMenu_->addMenu(tr("&Colour Racks by"));
  colourGroup_ = new QActionGroup(this);
  for (auto mode :
       {FloorView::ColourBy::Role, FloorView::ColourBy::Power, FloorView::ColourBy::Heat, FloorView::ColourBy::System,
        FloorView::ColourBy::Phase, FloorView::ColourBy::CableClass, FloorView::ColourBy::Tenant,
        FloorView::ColourBy::PowerPath, FloorView::ColourBy::CoolingLoop, FloorView::ColourBy::Failure}) {
    QAction* action = colourMenu->addAction(FloorView::colourByName(mode), this, [this, mode] {
      floor_->setColourBy(mode);
      QSettings().setValue(QStringLiteral("view/colourBy"), static_cast<int>(mode));
    });
    action->setCheckable(true);
    action->setData(static_cast<int>(mode));
    colourGroup_->addAction(action);
    toolbar->addAction(action);
  }
  // A failure's colouring needs a component chosen: a new window starts from the rack roles instead.
  int savedMode = QSettings().value(QStringLiteral("view/colourBy"), 0).toInt();
  if (savedMode == static_cast<int>(FloorView::ColourBy::Failure)) savedMode = 0;
  for (QAction* action : colourGroup_->actions())
    if (action->data().toInt() == savedMode) action->trigger();
  viewMenu_->addSeparator();
  for (QDockWidget* d : findChildren<QDockWidget*>()) viewMenu_->addAction(d->toggleViewAction());

  busy_ = new QProgressBar(this);
  busy_->setRange(0, 0);  // busy indicator: an evaluation has no meaningful fraction
  busy_->setMaximumWidth(120);
  busy_->setVisible(false);
  summary_ = new QLabel(this);
  statusBar()->addPermanentWidget(summary_);
  statusBar()->addPermanentWidget(busy_);
}

void MainWindow::connectDocument() {
  floor_->setDocument(&document_);
  properties_->setDocument(&document_);
  phases_->setDocument(&document_);
  tenants_->setDocument(&document_);
  failures_->setDocument(&document_);
  whatIf_->setDocument(&document_);
  optimize_->setDocument(&document_);
  // A component chosen in the Failures dock: the floor shows what goes down with it.
  connect(failures_, &FailuresPanel::componentChosen, this, [this](int component) {
    floor_->setFailureComponent(component);
    if (component < 0) return;
    for (QAction* action : colourGroup_->actions())
      if (action->data().toInt() == static_cast<int>(FloorView::ColourBy::Failure) && !action->isChecked())
        action->trigger();
  });
  // A CDU or switch rack picked on the floor while the Failures dock is in view is chosen there.
  connect(&document_, &ProjectDocument::selectionChanged, this, [this] {
    const LayoutSelection& selection = document_.selection();
    if (!failures_->isVisible() || selection.level != LayoutSelection::Level::Racks || selection.rackIds.size() != 1)
      return;
    const int rack = LayoutCommands::rackIndex(document_.project().layout, selection.rackIds.front());
    if (const int component = failures_->componentOfRack(rack); component >= 0) failures_->chooseComponent(component);
  });
  connect(phases_, &PhasesPanel::shownPhaseChanged, floor_, &FloorView::setShownPhase);
  connect(&document_, &ProjectDocument::resultReady, this, &MainWindow::showResult);
  // A re-laid floor says what became of the planner's hand edits; those that no longer apply are
  // listed, never dropped silently.
  connect(&document_, &ProjectDocument::fileChangedOnDisk, this, &MainWindow::fileChangedOnDisk);
  connect(&document_, &ProjectDocument::floorLaidOutAnew, this, [this](int handEdits, const QStringList& notKept) {
    if (handEdits == 0) return;
    QString message =
        tr("Floor laid out anew: %1 of %2 hand edits kept").arg(handEdits - notKept.size()).arg(handEdits);
    if (!notKept.isEmpty()) {
      message += tr("; no longer apply: %1").arg(notKept.mid(0, 3).join(QStringLiteral("; ")));
      if (notKept.size() > 3) message += tr(" and %1 more").arg(notKept.size() - 3);
    }
    statusBar()->showMessage(message, 15000);
  });
  connect(&document_, &ProjectDocument::evaluatingChanged, busy_, &QWidget::setVisible);
  connect(&document_, &ProjectDocument::modifiedChanged, this, &MainWindow::updateTitle);
  connect(&document_, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
  connect(&document_, &ProjectDocument::scenarioChanged, this, &MainWindow::updateTitle);  // the name
  connect(&document_, &ProjectDocument::projectReplaced, this, [this] {
    treeModel_->refresh();
    tree_->expandToDepth(0);
    updateTitle();
  });
  connect(&document_, &ProjectDocument::layoutChanged, this, [this] {
    // Keep what the planner expanded: the tree is rebuilt, its open branches reopened.
    std::vector<LayoutSelection> expanded;
    const QModelIndex site = treeModel_->index(0, 0);
    for (int b = 0; b < treeModel_->rowCount(site); ++b) {
      const QModelIndex building = treeModel_->index(b, 0, site);
      if (tree_->isExpanded(building)) expanded.push_back(treeModel_->selectionAt(building));
      for (int h = 0; h < treeModel_->rowCount(building); ++h)
        if (const QModelIndex hall = treeModel_->index(h, 0, building); tree_->isExpanded(hall))
          expanded.push_back(treeModel_->selectionAt(hall));
    }
    treeModel_->refresh();
    tree_->expand(treeModel_->index(0, 0));
    for (const LayoutSelection& s : expanded) tree_->expand(treeModel_->indexOf(s));
    syncingSelection_ = true;  // the selection itself is unchanged: show it again
    if (const QModelIndex current = treeModel_->indexOf(document_.selection()); current.isValid())
      tree_->setCurrentIndex(current);
    syncingSelection_ = false;
  });
  connect(&document_, &ProjectDocument::selectionChanged, this, &MainWindow::showInputOfSelection);
  connect(&document_, &ProjectDocument::selectionChanged, this, [this] {
    if (syncingSelection_) return;
    syncingSelection_ = true;
    const QModelIndex index = treeModel_->indexOf(document_.selection());
    if (index.isValid()) {
      tree_->setCurrentIndex(index);
      tree_->scrollTo(index);
    } else {
      tree_->selectionModel()->clearCurrentIndex();
      tree_->clearSelection();
    }
    syncingSelection_ = false;
  });
  connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& index) {
    if (syncingSelection_) return;
    syncingSelection_ = true;
    document_.setSelection(treeModel_->selectionAt(index));
    syncingSelection_ = false;
  });
  connect(inputs_, &InputsEditor::editRequested, this, [this](const QString& path, const QString& text) {
    QString error;
    if (!document_.setInput(path, text, &error))
      inputs_->showError(error);
    else
      inputs_->showError({});
  });
  connect(inputs_, &InputsEditor::resetRequested, this, [this](const QString& path) {
    QString error;
    inputs_->showError(document_.resetInput(path, &error) ? QString() : error);
  });
  connect(floor_, &FloorView::editRefused, this, &MainWindow::reportRefusal);
}

void MainWindow::showResult() {
  const ProjectResult& result = document_.result();
  if (!result.resolved) {
    statusBar()->showMessage(result.error);
    return;
  }
  inputs_->showScenario(document_.project().scenario, *result.resolved);
  figures_->showResult(*result.resolved, result.evaluation.outputs);
  charts_->showResult(*result.resolved, result.evaluation.outputs);
  const SiteLayout& layout = document_.project().layout;
  // Limits broken and warnings are counted apart, as in the report and `info`.
  const ProjectFindings findings = ProjectFindings::of(document_.project(), result);
  // Racks as the figures count them (compute and network), CDUs apart: one value for each.
  summary_->setText(tr("%1 racks, %2 CDUs · %3 halls · %4")
                        .arg(QLocale().toString(valueOf(result.evaluation.outputs, OutputId::clusterRacks), 'f', 0))
                        .arg(QLocale().toString(valueOf(result.evaluation.outputs, OutputId::coolingCdus), 'f', 0))
                        .arg(layout.halls.size())
                        .arg(findings.summary()));
  const QString findingLines = [&] {
    QStringList lines;
    for (const ProjectFindings::Finding& finding : findings.brokenLimits)
      lines << tr("Limit broken: ") + finding.text();
    for (const ProjectFindings::Finding& finding : findings.warnings) lines << tr("Warning: ") + finding.text();
    return lines.join(QLatin1Char('\n'));
  }();
  summary_->setToolTip(findingLines);
  headline_->showResult(result.evaluation.outputs, findings.summary(), findingLines);
  if (!result.error.isEmpty()) statusBar()->showMessage(result.error);
}

bool MainWindow::findPlace(const QString& text, QString* error) {
  const SiteLayout& layout = document_.project().layout;
  const auto place = FloorPlaces::find(layout, text, error);
  if (!place) return false;
  using Kind = FloorPlaces::Place::Kind;
  switch (place->kind) {
    case Kind::Building:
      document_.setSelection(LayoutSelection::building(place->index));
      floor_->frameBuilding();
      break;
    case Kind::Hall:
      document_.setSelection(LayoutSelection::hall(place->index));
      floor_->frameHall();
      break;
    case Kind::Row:
      document_.setSelection(LayoutSelection::row(place->index));
      floor_->frameHall();
      break;
    case Kind::Rack:
      document_.setSelection(LayoutSelection::racks({layout.racks[static_cast<std::size_t>(place->index)].id}));
      floor_->frameHall();
      break;
  }
  return true;
}

void MainWindow::showFigure(OutputId id) {
  if (auto* figuresDock = findChild<QDockWidget*>(QStringLiteral("figuresDock"))) {
    figuresDock->show();
    figuresDock->raise();
  }
  figures_->reveal(id);
}

void MainWindow::showFindings() {
  const QString detail = summary_->toolTip();
  QMessageBox::information(this, tr("Findings"), detail.isEmpty() ? tr("No limit broken and no warning.") : detail);
}

void MainWindow::updateTitle() {
  // The project's name, and its file once it has one.
  const QString name = document_.project().scenario.name;
  QString shown = document_.filePath().isEmpty() || name.isEmpty() ? document_.displayName()
                                                                   : tr("%1 (%2)").arg(name, document_.displayName());
  shown.replace(QStringLiteral("[*]"), QStringLiteral("[*][*]"));  // shown as is, not as the modified mark
  setWindowTitle(tr("%1[*] - Gigaplan").arg(shown));
  setWindowModified(document_.isModified());
}

bool MainWindow::open(const QString& fileOrPreset, QString* error) {
  if (ProjectStore::isMeantAsProject(fileOrPreset)) {
    if (!document_.openFile(fileOrPreset, error)) return false;
    rememberRecent(document_.filePath());
    return true;
  }
  return document_.newFromScenario(fileOrPreset, error);
}

void MainWindow::openAndReport(const QString& path) {
  if (!maybeSave()) return;
  QString error;
  if (!open(path, &error)) QMessageBox::warning(this, tr("Cannot open"), error);
}

void MainWindow::newFromPreset() {
  if (!maybeSave()) return;
  QStringList items;
  QStringList ids;
  for (const auto& preset : PresetLibrary::list()) {
    ids << preset.id;
    items << QStringLiteral("%1 — %2").arg(preset.id, preset.name);
  }
  bool ok = false;
  const QString chosen =
      QInputDialog::getItem(this, tr("New Project"), tr("Start from preset:"), items,
                            static_cast<int>(std::max<qsizetype>(0, ids.indexOf(samplePreset()))), false, &ok);
  if (!ok) return;
  QString error;
  if (!document_.newFromScenario(ids.value(items.indexOf(chosen)), &error))
    QMessageBox::warning(this, tr("Cannot create the project"), error);
}

void MainWindow::openWithDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), kFileFilter);
  if (!path.isEmpty()) openAndReport(path);
}

bool MainWindow::saveProject() {
  if (document_.filePath().isEmpty()) return saveProjectAs();
  QString error;
  bool changedOnDisk = false;
  if (document_.save(&error, &changedOnDisk)) {
    statusBar()->showMessage(tr("Saved %1").arg(document_.filePath()), 4000);
    return true;
  }
  if (!changedOnDisk) {
    QMessageBox::warning(this, tr("Cannot save"), error);
    return false;
  }
  // Another program saved the file since it was opened here: the planner decides whose work stays.
  QMessageBox ask(QMessageBox::Warning, tr("The file changed on disk"),
                  tr("%1\n\nReload it (your changes here are dropped), save yours under another name, or "
                     "overwrite the other program's version?")
                      .arg(error),
                  QMessageBox::Cancel, this);
  QPushButton* reload = ask.addButton(tr("Reload"), QMessageBox::DestructiveRole);
  QPushButton* saveAs = ask.addButton(tr("Save As…"), QMessageBox::AcceptRole);
  QPushButton* overwrite = ask.addButton(tr("Overwrite"), QMessageBox::DestructiveRole);
  ask.setDefaultButton(saveAs);
  ask.exec();
  if (ask.clickedButton() == saveAs) return saveProjectAs();
  if (ask.clickedButton() == reload) {
    if (!document_.reloadFromDisk(&error)) QMessageBox::warning(this, tr("Cannot reload"), error);
    return false;
  }
  if (ask.clickedButton() != overwrite) return false;
  if (!document_.overwriteOnDisk(&error)) {
    QMessageBox::warning(this, tr("Cannot save"), error);
    return false;
  }
  statusBar()->showMessage(tr("Saved %1 over the other program's version").arg(document_.filePath()), 6000);
  return true;
}

void MainWindow::fileChangedOnDisk(const QString& change) {
  const QString name = document_.displayName();
  QString error;
  // Nothing of the planner's is at stake: show the file as it now is.
  if (!document_.isModified()) {
    if (document_.reloadFromDisk(&error))
      statusBar()->showMessage(tr("%1: %2; reloaded").arg(name, change), 8000);
    else
      statusBar()->showMessage(tr("%1: %2, and it cannot be read: %3").arg(name, change, error), 12000);
    return;
  }
  statusBar()->showMessage(
      tr("%1: %2. Your changes are kept here; saving will ask whether to reload, save as or overwrite")
          .arg(name, change),
      12000);
}

bool MainWindow::saveProjectAs() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save Project As"), document_.displayName(), kFileFilter);
  if (path.isEmpty()) return false;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".gigaplan");
  QString error;
  if (!document_.saveAs(path, &error)) {
    QMessageBox::warning(this, tr("Cannot save"), error);
    return false;
  }
  rememberRecent(document_.filePath());
  statusBar()->showMessage(tr("Saved %1").arg(document_.filePath()), 4000);
  return true;
}

void MainWindow::editProjectProperties() {
  ProjectPropertiesDialog dialog(document_, this);
  dialog.exec();
}

bool MainWindow::maybeSave() {
  if (!document_.isModified()) return true;
  const auto answer = QMessageBox::warning(this, tr("Unsaved changes"),
                                           tr("%1 has changes that are not saved.").arg(document_.displayName()),
                                           QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Save) return saveProject();
  return answer == QMessageBox::Discard;
}

void MainWindow::exportReport() {
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export Report"), QFileInfo(document_.displayName()).completeBaseName() + QStringLiteral(".pdf"),
      tr("PDF files (*.pdf)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".pdf");
  QString error;
  if (exportReportTo(path, &error))
    statusBar()->showMessage(tr("Report written to %1").arg(path), 6000);
  else if (!error.isEmpty())
    QMessageBox::warning(this, tr("Cannot write the report"), error);
}

bool MainWindow::exportReportTo(const QString& path, QString* error) {
  QProgressDialog progress(tr("Writing the report…"), tr("Cancel"), 0, 1, this);
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(300);
  return ProjectReport::write(
      document_.project(), path, error,
      [&](int done, int total) {
        progress.setMaximum(total);
        progress.setValue(done);
        QCoreApplication::processEvents();
        return !progress.wasCanceled();
      },
      floorSnapshots());
}

std::vector<QImage> MainWindow::floorSnapshots() {
  if (!floor_->isVisible() || !document_.result().plan) return {};
  // Drawn off screen at print size: the window's view is a fraction of what a page needs.
  QString error;
  std::vector<QImage> views = FloorView::renderPhaseViews(document_, FloorView::printSize(), &error);
  if (views.empty()) statusBar()->showMessage(tr("No 3D views in the report: %1").arg(error), 8000);
  return views;
}

void MainWindow::exportText(const QString& title, const QString& filter, const QString& suffix, int what) {
  QString path = QFileDialog::getSaveFileName(
      this, title, QFileInfo(document_.displayName()).completeBaseName() + QLatin1Char('.') + suffix, filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + suffix;
  QString error;
  const auto report = ProjectReport::prepare(document_.project(), &error);
  if (!report) return (void)QMessageBox::warning(this, title, error);
  const QByteArray bytes = what == 0   ? report->billOfMaterialsCsv().toUtf8()
                           : what == 1 ? report->figuresCsv().toUtf8()
                                       : QJsonDocument(ProjectReport::scenarioJson(document_.project())).toJson();
  if (!writeFileAtomically(path, bytes, &error)) return (void)QMessageBox::warning(this, title, error);
  statusBar()->showMessage(tr("Written to %1").arg(path), 6000);
}

void MainWindow::exportFloorGltf() {
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export 3D Floor"), QFileInfo(document_.displayName()).completeBaseName() + QStringLiteral(".glb"),
      tr("glTF binary (*.glb)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".glb");
  ExportRequest request;
  request.gltf = path;
  runExport(tr("Export 3D Floor"), request);
}

void MainWindow::exportCablePlan() {
  QString filter = tr("CSV files (*.csv)");
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export Cable Plan"),
      QFileInfo(document_.displayName()).completeBaseName() + QStringLiteral("-cables.csv"),
      tr("CSV files (*.csv);;Excel workbooks (*.xlsx)"), &filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += filter.contains(QLatin1String("xlsx")) ? ".xlsx" : ".csv";
  ExportRequest request;
  request.cables = path;
  runExport(tr("Export Cable Plan"), request);
}

void MainWindow::exportSimAi() {
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export Fabric for SimAI"),
      QFileInfo(document_.displayName()).completeBaseName() + QStringLiteral("-simai.txt"), tr("Text files (*.txt)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".txt");
  ExportRequest request;
  request.simai = path;
  runExport(tr("Export Fabric for SimAI"), request);
}

void MainWindow::exportToFolder(ExportKind kind) {
  const QString title = kind == ExportKind::NetBox ? tr("Export NetBox Import") : tr("Export Fabric for ASTRA-sim");
  const QString folder = QFileDialog::getExistingDirectory(this, title);
  if (folder.isEmpty()) return;
  ExportRequest request;
  (kind == ExportKind::NetBox ? request.netbox : request.astraSim) = folder;
  runExport(title, request);
}

bool MainWindow::runExport(const QString& title, const ExportRequest& request, QString* error) {
  // The figures the workspace shows, once they are those of the project as it stands.
  document_.waitForResult();
  QProgressDialog progress(tr("Exporting…"), tr("Cancel"), 0, 1000, this);
  progress.setWindowTitle(title);
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(300);
  const QString projectPath = document_.filePath();
  const ExportOutcome outcome = exportPlan(
      document_.project(), document_.result(), request,
      [&](const QString& path) -> QString {
        const QString target = finalTarget(path, nullptr);
        if ((!projectPath.isEmpty() && target == finalTarget(projectPath, nullptr)) ||
            (QFileInfo(target).isFile() && ProjectStore::isProjectFile(target)))
          return tr("%1 is a Gigaplan project; an export never replaces one").arg(path);
        return {};
      },
      [&](const QString& task, double done) {
        if (!task.isEmpty()) progress.setLabelText(tr("Writing the %1…").arg(task));
        progress.setValue(static_cast<int>(done * 1000));
        QCoreApplication::processEvents();
        return !progress.wasCanceled();
      });
  progress.reset();
  if (outcome.cancelled) {
    statusBar()->showMessage(tr("Export cancelled; nothing written"), 6000);
    if (error) *error = tr("cancelled");
    return false;
  }
  if (!outcome.ok()) {
    if (error)
      *error = outcome.error;
    else
      QMessageBox::warning(this, title, tr("%1\n\nNothing was written.").arg(outcome.error));
    return false;
  }
  statusBar()->showMessage(tr("Written: %1").arg(outcome.written.join(QStringLiteral("; "))), 10000);
  return true;
}

void MainWindow::rememberRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecentFiles) recent.removeLast();
  settings.setValue(QStringLiteral("recentFiles"), recent);
  updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& path : recent)
    recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openAndReport(path); })->setToolTip(path);
  recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::reportRefusal(const QString& message) {
  statusBar()->showMessage(tr("Not done: %1").arg(message), 6000);
}

void MainWindow::insertRow() {
  const SiteLayout& layout = document_.project().layout;
  const LayoutSelection& s = document_.selection();
  int hall = s.level == LayoutSelection::Level::Hall  ? s.index
             : s.level == LayoutSelection::Level::Row ? layout.rows[static_cast<std::size_t>(s.index)].hall
                                                      : -1;
  if (s.level == LayoutSelection::Level::Racks)
    if (const int rack = LayoutCommands::rackIndex(layout, s.rackIds.front()); rack >= 0)
      hall = layout.rows[static_cast<std::size_t>(layout.racks[static_cast<std::size_t>(rack)].row)].hall;
  if (hall < 0) return reportRefusal(tr("select a hall, row or rack to insert a row into"));
  QString error;
  if (!document_.pushLayoutCommand(LayoutCommands::insertRow(document_.layoutForCommands(), hall, &error)))
    return reportRefusal(error);
  document_.setSelection(LayoutSelection::row(static_cast<int>(document_.project().layout.rows.size()) - 1));
}

void MainWindow::insertRack() {
  const SiteLayout& layout = document_.project().layout;
  const LayoutSelection& s = document_.selection();
  int row = s.level == LayoutSelection::Level::Row ? s.index : -1;
  if (s.level == LayoutSelection::Level::Racks)
    if (const int rack = LayoutCommands::rackIndex(layout, s.rackIds.front()); rack >= 0)
      row = layout.racks[static_cast<std::size_t>(rack)].row;
  if (row < 0) return reportRefusal(tr("select a row or a rack to insert a rack into"));
  QString error;
  if (!document_.pushLayoutCommand(LayoutCommands::insertRack(document_.layoutForCommands(), row, &error)))
    return reportRefusal(error);
  document_.setSelection(LayoutSelection::racks({document_.project().layout.racks.back().id}));
}

void MainWindow::regenerateLayout() {
  QString error;
  int replaced = 0;
  if (!document_.regenerateLayout(&error, &replaced)) return reportRefusal(error);
  statusBar()->showMessage(tr("Floor laid out anew from the inputs: %1 hand edits replaced, locked halls kept "
                              "(Edit › Undo brings them back)")
                               .arg(replaced),
                           8000);
}

std::vector<std::uint32_t> MainWindow::selectedRackIds(bool computeOnly) const {
  const SiteLayout& layout = document_.project().layout;
  const LayoutSelection& s = document_.selection();
  std::vector<std::uint32_t> ids;
  for (const Rack& rack : layout.racks) {
    if (computeOnly && rack.role != RackRole::Compute) continue;
    const Row& row = layout.rows[static_cast<std::size_t>(rack.row)];
    const bool covered = (s.level == LayoutSelection::Level::Racks &&
                          std::find(s.rackIds.begin(), s.rackIds.end(), rack.id) != s.rackIds.end()) ||
                         (s.level == LayoutSelection::Level::Row && rack.row == s.index) ||
                         (s.level == LayoutSelection::Level::Hall && row.hall == s.index) ||
                         (s.level == LayoutSelection::Level::Building &&
                          layout.halls[static_cast<std::size_t>(row.hall)].building == s.index);
    if (covered) ids.push_back(rack.id);
  }
  return ids;
}

void MainWindow::setPhaseOfSelection() {
  const std::vector<std::uint32_t> ids = selectedRackIds(false);
  if (ids.empty()) return reportRefusal(tr("select racks, a row, a hall or a building first"));
  bool ok = false;
  const int phase = QInputDialog::getInt(this, tr("Set Phase"), tr("Phase the %1 racks arrive in:").arg(ids.size()), 1,
                                         1, 255, 1, &ok);
  if (!ok) return;
  QString error;
  if (!document_.pushLayoutCommand(LayoutCommands::setRackPhase(document_.layoutForCommands(), ids, phase - 1, &error)))
    reportRefusal(error);
}

void MainWindow::dismissDroppedEdits() {
  QString error;
  if (!document_.pushLayoutCommand(LayoutCommands::dismissDroppedEdits(document_.layoutForCommands(), &error)))
    return reportRefusal(error);
  statusBar()->showMessage(tr("Dropped hand edits dismissed (Edit › Undo lists them again)"), 6000);
}

void MainWindow::toggleHallLock() {
  // The selected hall, or the hall of the selected row or rack.
  const SiteLayout& layout = document_.project().layout;
  const LayoutSelection& s = document_.selection();
  int hall = s.level == LayoutSelection::Level::Hall  ? s.index
             : s.level == LayoutSelection::Level::Row ? layout.rows[static_cast<std::size_t>(s.index)].hall
                                                      : -1;
  if (s.level == LayoutSelection::Level::Racks)
    if (const int rack = LayoutCommands::rackIndex(layout, s.rackIds.front()); rack >= 0)
      hall = layout.rows[static_cast<std::size_t>(layout.racks[static_cast<std::size_t>(rack)].row)].hall;
  if (hall < 0) return reportRefusal(tr("select a hall, row or rack to lock or unlock its hall"));
  const bool lock = !layout.halls[static_cast<std::size_t>(hall)].locked;
  QString error;
  if (!document_.pushLayoutCommand(LayoutCommands::setHallLocked(document_.layoutForCommands(), hall, lock, &error)))
    return reportRefusal(error);
  statusBar()->showMessage(
      lock ? tr("Hall %1 locked: a re-laid floor keeps it as it is")
                 .arg(document_.project().layout.halls[static_cast<std::size_t>(hall)].name)
           : tr("Hall %1 unlocked").arg(document_.project().layout.halls[static_cast<std::size_t>(hall)].name),
      6000);
}

void MainWindow::setTenantOfSelection() {
  const std::vector<std::uint32_t> ids = selectedRackIds(false);
  if (ids.empty()) return reportRefusal(tr("select racks, a row, a hall or a building first"));
  QStringList names{tr("no tenant")};
  for (const Tenant& tenant : document_.project().tenants) names << tenant.name;
  if (names.size() == 1) return reportRefusal(tr("the project has no tenants: add them in the Tenants panel"));
  bool ok = false;
  const QString chosen = QInputDialog::getItem(this, tr("Set Tenant"), tr("Tenant of the %1 racks:").arg(ids.size()),
                                               names, 0, false, &ok);
  if (!ok) return;
  setTenantOfRacks(ids, static_cast<int>(names.indexOf(chosen)));
}

bool MainWindow::setTenantOfRacks(const std::vector<std::uint32_t>& rackIds, int tenant) {
  QString error;
  if (document_.pushLayoutCommand(
          LayoutCommands::setRackTenant(document_.layoutForCommands(), rackIds, tenant, &error)))
    return true;
  reportRefusal(error);
  return false;
}

void MainWindow::setSystemOfSelection() {
  const std::vector<std::uint32_t> ids = selectedRackIds(true);
  if (ids.empty()) return reportRefusal(tr("select compute racks, a row, a hall or a building first"));
  QStringList names;
  QStringList systemIds;
  for (const CatalogEntry& system : HardwareCatalog::bundled().systems()) {
    systemIds << system.id;
    names << QStringLiteral("%1 (%2)").arg(system.name, system.id);
  }
  bool ok = false;
  const QString chosen = QInputDialog::getItem(
      this, tr("Set System"), tr("System of the %1 compute racks:").arg(ids.size()), names, 0, false, &ok);
  if (!ok) return;
  const QString systemType = systemIds.value(names.indexOf(chosen));
  ScenarioErrors errors;
  const auto rack = rackOfSystem(document_.project().scenario, systemType, errors);
  if (!rack) return reportRefusal(errors.value(0).text());
  QString error;
  if (!document_.pushLayoutCommand(LayoutCommands::setRackSystem(document_.layoutForCommands(), ids, systemType,
                                                                 rack->powerKw, rack->massKg, rack->nodes, &error)))
    reportRefusal(error);
}

void MainWindow::showInputOfSelection() {
  const LayoutSelection& s = document_.selection();
  if (s.level != LayoutSelection::Level::Racks || s.rackIds.size() != 1) return;
  const SiteLayout& layout = document_.project().layout;
  const int index = LayoutCommands::rackIndex(layout, s.rackIds.front());
  if (index < 0) return;
  switch (layout.racks[static_cast<std::size_t>(index)].role) {
    case RackRole::Compute:
      return inputs_->selectPath(QString::fromLatin1(Scenario::kSystemTypePath));
    case RackRole::Cdu:
      return inputs_->selectPath(QStringLiteral("cooling.cduCapacityKw"));
    default:
      return inputs_->selectPath(QString::fromLatin1(Scenario::kSwitchPath));
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.size() == 1 && urls.first().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QString path = event->mimeData()->urls().value(0).toLocalFile();
  if (path.isEmpty()) return;
  event->acceptProposedAction();
  // Let the drop finish before a dialog might open.
  QMetaObject::invokeMethod(
      this, [this, path] { openAndReport(path); }, Qt::QueuedConnection);
}

}  // namespace gigaplan
