#pragma once

#include <QWidget>
#include <memory>
#include <optional>

#include "optimize/DesignSearch.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace gigaplan {

class ProjectDocument;
class ScatterChart;

/// The design optimizer on the open plan: the goal as JSON (objectives, constraints, the design
/// space; it starts from the plan, its phases included, unless it names another), a search on a worker
/// thread with progress and Cancel, the designs judged on their floors as a scatter chart (two
/// chosen figures, coloured by a third; the front filled, designs breaking the goal as rings;
/// hover for figures) and the front as a table. A design picked in either is kept as a variant of
/// the project and compared with the plan (variantKept).
class OptimizePanel : public QWidget {
  Q_OBJECT
 public:
  explicit OptimizePanel(QWidget* parent = nullptr);
  ~OptimizePanel() override;

  void setDocument(ProjectDocument* document);

  /// A goal for the open plan: cheapest per year, widest bisection and most delivered
  /// availability within the plan's facility power, over its fabric's oversubscription and
  /// planes and the electrical redundancy.
  QString defaultGoal() const;
  QPlainTextEdit* goalEditor() const { return goal_; }
  /// Starts the search of the goal in the editor; false with the problem shown when it does not
  /// read. finished() or cancelled() follows.
  bool run();
  void cancel();
  bool running() const { return running_ != nullptr; }
  const std::optional<SearchResult>& result() const { return result_; }
  ScatterChart* chart() const { return chart_; }
  QTableWidget* frontTable() const { return frontTable_; }
  QString status() const;
  /// Keeps finalist `index` (into result()->finalists) as a variant of the project; its index
  /// among the variants, or -1 with the problem shown.
  int keepAsVariant(int index);

 signals:
  void finished();
  void cancelled();
  void variantKept(int variant);

 private:
  struct Run;
  void showResult();
  void redraw();
  void pick(int finalist);

  ProjectDocument* document_ = nullptr;
  QPlainTextEdit* goal_;
  QPushButton* runButton_;
  QPushButton* keepButton_;
  QProgressBar* progress_;
  QLabel* status_;
  QComboBox* xAxis_;
  QComboBox* yAxis_;
  QComboBox* colour_;
  ScatterChart* chart_;
  QTableWidget* frontTable_;
  std::shared_ptr<Run> running_;
  std::optional<OptimizeSpec> spec_;
  std::optional<SearchResult> result_;
  int picked_ = -1;      ///< a finalist
  QString offeredGoal_;  ///< the default goal last offered, replaced while the planner leaves it as it is
};

}  // namespace gigaplan
