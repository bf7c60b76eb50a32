#pragma once

#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>

#include "OutputSchema.h"
#include "Scenario.h"

class QChart;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace gigaplan {

class ProjectDocument;

/// What-if analysis of the open project's scenario:
///  - Tornado: the inputs that move TCO, facility MW or $ per GPU-hour most at -10 % and +10 %;
///  - Uncertainty: P10/P50/P90 of those figures over Monte Carlo samples, run on a worker thread
///    with progress and cancel;
///  - Compare: every figure of the project now (B) against a baseline kept earlier (A), with the
///    difference, the % and the better value marked, and a chart of the headline differences.
class WhatIfPanel : public QWidget {
  Q_OBJECT
 public:
  explicit WhatIfPanel(QWidget* parent = nullptr);
  ~WhatIfPanel() override;

  void setDocument(ProjectDocument* document);

  /// Keeps the current figures as variant A of the comparison (in this window only).
  void keepBaseline();
  /// Keeps the current scenario and phases as a named variant of the project (saved with it)
  /// and compares with it.
  bool saveVariant(const QString& name, QString* error);
  /// Compares with a saved variant (index into the project's variants).
  void compareWithVariant(int variant);
  /// Starts the Monte Carlo run; finished() follows (or cancelled()).
  void runUncertainty(int samples);
  void cancelUncertainty();
  bool uncertaintyRunning() const { return running_ != nullptr; }

  QTableWidget* tornadoTable() const { return tornadoTable_; }
  QTableWidget* bandsTable() const { return bandsTable_; }
  QTableWidget* comparisonTable() const { return comparisonTable_; }

 signals:
  void uncertaintyFinished();
  void uncertaintyCancelled();

 private:
  struct Run;
  /// The scenario the tornado and the bands study: the project's own, or for a phased project
  /// its largest system group once every phase is built.
  std::optional<ResolvedScenario> studiedScenario() const;
  void refresh();
  void showTornado();
  void showComparison();

  ProjectDocument* document_ = nullptr;
  QComboBox* tornadoFigure_;
  QLabel* studied_;
  QTableWidget* tornadoTable_;
  QChart* tornadoChart_;
  QSpinBox* samples_;
  QPushButton* runButton_;
  QProgressBar* progress_;
  QTableWidget* bandsTable_;
  QLabel* baselineLabel_;
  QTableWidget* comparisonTable_;
  QChart* comparisonChart_;
  /// The figures of the site now, after its last phase: what B shows.
  std::optional<OutputValues> currentFigures() const;
  void updateBaselineChoices();
  void chooseBaseline();

  QComboBox* baselineChoice_ = nullptr;
  std::optional<OutputValues> kept_;  ///< figures kept with "Keep Current as A"
  std::optional<OutputValues> baseline_;
  std::shared_ptr<Run> running_;
};

}  // namespace gigaplan
