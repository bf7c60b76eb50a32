#pragma once

#include <QMainWindow>

#include "document/ProjectDocument.h"
#include "export/PlanExports.h"

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;
class QTreeView;

namespace gigaplan {

class ChartsPanel;
class FiguresPanel;
class HeadlineBar;
class FloorView;
class InputsEditor;
class PhasesPanel;
class ProjectTreeModel;
class SelectionPanel;
class TenantsPanel;
class FailuresPanel;
class WhatIfPanel;
class OptimizePanel;

/// The planning workspace window: the site in 3D in the centre; the project tree, inputs, figures,
/// charts and the selection's properties in docks; menus for files, editing and the view.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Opens a project file, or starts a new project from a preset id or scenario file; false
  /// with `error` set when it cannot (the open project stays).
  bool open(const QString& fileOrPreset, QString* error);
  /// Selects the building, hall, row or rack `text` names and brings it into view (Edit › Find);
  /// false with `error` saying why when nothing or several things match.
  bool findPlace(const QString& text, QString* error);

  ProjectDocument& document() { return document_; }
  FloorView* floor() const { return floor_; }

  /// Writes the PDF report of the project, with a progress dialog and Cancel; false with
  /// `error` set (empty when cancelled) when no report was written.
  bool exportReportTo(const QString& path, QString* error);
  /// Writes the exports of `request` (File › Export: cable plan, NetBox, SimAI, ASTRA-sim, glTF)
  /// from the figures the workspace shows, with a progress dialog and Cancel; false with `error`
  /// (or a message box when `error` is null) when nothing was written.
  bool runExport(const QString& title, const ExportRequest& request, QString* error = nullptr);
  /// Marks racks as a tenant's (0 = no tenant, else 1 + its index) as one undoable edit; a
  /// refusal is shown in the status bar.
  bool setTenantOfRacks(const std::vector<std::uint32_t>& rackIds, int tenant);

  /// The bundled sample project's preset, opened on first start.
  static QString samplePreset();
  /// What to open without an argument: the last project used if its file is still there,
  /// else the sample.
  static QString startupProject();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void createDocks();
  void sizeDocks();
  void createActions();
  void connectDocument();
  void showResult();
  void updateTitle();
  void updateRecentMenu();
  void rememberRecent(const QString& path);
  /// Asks whether to save unsaved changes; false when the user cancels.
  bool maybeSave();
  void newFromPreset();
  void openWithDialog();
  bool saveProject();
  bool saveProjectAs();
  /// File › Project Properties: the name and description, as one undoable edit.
  void editProjectProperties();
  void openAndReport(const QString& path);
  /// File › Export: the PDF report (with progress and Cancel), the bill of materials and the
  /// figures as CSV, the scenario with its phases as JSON.
  void exportReport();
  /// File › Export › 3D Floor: the floor as glTF binary.
  void exportFloorGltf();
  /// File › Export › Cable Plan, NetBox Import, Fabric for SimAI or ASTRA-sim: from the figures the
  /// workspace shows, with progress that can be cancelled; all of an export's files or none.
  void exportCablePlan();
  void exportSimAi();
  enum class ExportKind { NetBox, AstraSim };
  void exportToFolder(ExportKind kind);

  void exportText(const QString& title, const QString& filter, const QString& suffix, int what);
  /// The 3D floor after each phase, for the report.
  std::vector<QImage> floorSnapshots();
  void insertRow();
  void insertRack();
  void regenerateLayout();
  /// The racks the selection covers: its racks, or every rack of its row, hall or building.
  std::vector<std::uint32_t> selectedRackIds(bool computeOnly) const;
  void setPhaseOfSelection();
  void setTenantOfSelection();
  void toggleHallLock();
  void dismissDroppedEdits();
  /// Another program changed the open file: reload when nothing here is unsaved, else say so.
  void fileChangedOnDisk(const QString& change);
  void setSystemOfSelection();
  /// Shows in the inputs editor the input that defines the selected rack.
  void showInputOfSelection();
  void reportRefusal(const QString& message);
  /// The Figures dock brought forward with a figure selected in it.
  void showFigure(OutputId id);
  /// Every broken limit and warning of the plan, in a message.
  void showFindings();

  ProjectDocument document_;
  FloorView* floor_ = nullptr;
  FiguresPanel* figures_ = nullptr;
  HeadlineBar* headline_ = nullptr;
  InputsEditor* inputs_ = nullptr;
  ChartsPanel* charts_ = nullptr;
  SelectionPanel* properties_ = nullptr;
  PhasesPanel* phases_ = nullptr;
  TenantsPanel* tenants_ = nullptr;
  FailuresPanel* failures_ = nullptr;
  WhatIfPanel* whatIf_ = nullptr;
  OptimizePanel* optimize_ = nullptr;
  QTreeView* tree_ = nullptr;
  ProjectTreeModel* treeModel_ = nullptr;
  QProgressBar* busy_ = nullptr;
  QLabel* summary_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QActionGroup* colourGroup_ = nullptr;
  QActionGroup* pickGroup_ = nullptr;
  bool syncingSelection_ = false;
};

}  // namespace gigaplan
