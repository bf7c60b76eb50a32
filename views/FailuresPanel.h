#pragma once

#include <QWidget>
#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QTabWidget;

namespace gigaplan {

class ProjectDocument;
class FailureTableModel;

/// What fails on the floor: the site's availability, and every component of its power path,
/// cooling path and fabric with its blast radius, worst first, filtered by kind or by name.
/// Choosing one shows what goes down with it on the floor (componentChosen). Simulated
/// site-years run on a worker thread with progress and Cancel, and give the spread of a year's
/// losses around the closed form.
class FailuresPanel : public QWidget {
  Q_OBJECT
 public:
  explicit FailuresPanel(QWidget* parent = nullptr);
  ~FailuresPanel() override;

  void setDocument(ProjectDocument* document);
  QTableView* table() const { return table_; }
  QLineEdit* filter() const { return filter_; }
  QString summary() const;
  QString simulationStatus() const;
  /// Selects a component's row (showing it), as a click on it would; false when it is filtered out.
  bool chooseComponent(int component);
  /// The component of a rack of the floor (a CDU or a switch rack), or -1.
  int componentOfRack(int rack) const;
  /// Simulates site-years of the current analysis on a worker; cancelSimulation stops it.
  void simulate(int years);
  void cancelSimulation();
  bool simulating() const { return static_cast<bool>(running_); }
  /// Every other redundancy scheme of each level tried on the floor (AvailabilityStudy), on a
  /// worker; the Redundancy Options tab shows them when optionsReady is emitted.
  void studyOptions();
  QTableWidget* optionsTable() const { return options_; }
  QTabWidget* tabs() const { return tabs_; }

 signals:
  /// The planner chose a component (an index into the analysis' components), or -1.
  void componentChosen(int component);
  void simulationFinished();
  void simulationCancelled();
  void optionsReady();

 private:
  struct Run;
  struct OptionsRun;
  void refresh();

  ProjectDocument* document_ = nullptr;
  QLabel* summary_;
  QComboBox* kind_;
  QLineEdit* filter_;
  QTableView* table_;
  FailureTableModel* model_;
  QSortFilterProxyModel* proxy_;
  QPushButton* simulate_;
  QProgressBar* progress_;
  QLabel* simulation_;
  std::shared_ptr<Run> running_;
  QTabWidget* tabs_;
  QTableWidget* options_;
  QLabel* optionsStatus_;
  std::shared_ptr<OptionsRun> studying_;
};

}  // namespace gigaplan
