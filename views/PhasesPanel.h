#pragma once

#include <QWidget>
#include <optional>
#include <vector>

#include "EditMessage.h"
#include "plan/Phase.h"
#include "plan/PhasePlan.h"

class QChart;
class QComboBox;
class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace gigaplan {

class ProjectDocument;

/// The build-out phase by phase: dates from the schedule, GPUs added and online, facility power
/// against the power the site has (a shortfall in red), and the capex of each phase; and which
/// phase the 3D floor shows the site at.
///
/// A phase's name, start date, systems ("gb200-nvl72: 800000; hgx-h200: 1000") and the inputs it
/// sets ("site.gridMw=300; cost.electricityUsdPerKwh=0.07") are edited in place; Add and Remove
/// change the list. Each edit is one undoable step of the document.
class PhasesPanel : public QWidget {
  Q_OBJECT
 public:
  enum Column {
    kName,
    kStart,
    kSystems,
    kInputs,
    kFirstRack,
    kTraining,
    kGpusAdded,
    kGpusOnline,
    kFacilityMw,
    kAvailableMw,
    kMarginMw,
    kCapex,
    kColumnCount
  };

  explicit PhasesPanel(QWidget* parent = nullptr);

  void setDocument(ProjectDocument* document);
  QTableWidget* table() const { return table_; }
  /// The timeline chart: GPUs online, facility MW and MW available over time.
  QChart* timeline() const { return timeline_; }
  /// The phase the floor shows (index), or -1 for the whole site.
  int shownPhase() const;
  /// Adds a phase after the last (six months on, adding what the last one added); removes one.
  void addPhase();
  void removePhase(int index);
  /// The message of the last refused edit; empty when the last edit was taken.
  QString lastError() const;

  /// "path=value; path=value" (the inputs a phase sets) and back; nothing when a path is unknown
  /// or a value is not a number (range checks are PhasePlan::check's).
  static QString inputsText(const QMap<InputId, double>& inputs);
  static std::optional<QMap<InputId, double>> parseInputs(const QString& text);
  /// "type: gpus; type: gpus" and back.
  static QString systemsText(const std::vector<PhaseSystems>& systems);
  static std::optional<std::vector<PhaseSystems>> parseSystems(const QString& text);

 signals:
  void shownPhaseChanged(int phase);

 private:
  void refresh();
  void cellEdited(QTableWidgetItem* item);
  /// Applies edited phases; a refusal puts `edited` (the cell the planner changed) back as it was.
  void apply(std::vector<Phase> phases, QTableWidgetItem* edited = nullptr);
  /// What the project holds for an editable cell (name, start, systems, inputs) of a phase.
  QString plannedText(int row, int column) const;
  /// Puts a refused cell back as the project holds it and says why, where the edit was made.
  void refuse(QTableWidgetItem* edited, const QString& message);
  void showTimeline(const std::vector<PhaseResult>& phases);

  ProjectDocument* document_ = nullptr;
  QComboBox* shown_;
  EditMessage* error_;
  QTableWidget* table_;
  QChart* timeline_;
  bool filling_ = false;
};

}  // namespace gigaplan
