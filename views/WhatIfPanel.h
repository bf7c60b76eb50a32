#pragma once

#include <QWidget>
#include <atomic>
#include <memory>
#include <optional>

#include "engine/OutputSchema.h"
#include "engine/Scenario.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace gigaplan {

class ProjectDocument;
class HorizontalBarsChart;

/// What-if analysis of the open project's scenario:
///  - Tornado: the inputs that move TCO, facility MW or $ per GPU-hour most at -10 % and +10 %;
///  - Uncertainty: P10/P50/P90 of those figures over Monte Carlo samples, run on a worker thread
///    with progress and cancel;
///  - Compare: every figure of the project now (B) against a baseline kept earlier or a saved
///    variant (A), after every phase or after one, with the difference, the % and the better
///    value marked, and a chart of the headline differences. Variants are saved (the whole plan
///    or one phase of it), renamed, removed, or made the plan being edited.
class WhatIfPanel : public QWidget {
  Q_OBJECT
 public:
  explicit WhatIfPanel(QWidget* parent = nullptr);
  ~WhatIfPanel() override;

  void setDocument(ProjectDocument* document);

  /// Keeps the current figures as variant A of the comparison (in this window only).
  void keepBaseline();
  /// Keeps the current scenario and phases as a named variant of the project (saved with it)
  /// and compares with it; with `throughPhase` >= 0 the variant copies that phase (the plan up
  /// to it) and the comparison is made after that phase.
  bool saveVariant(const QString& name, QString* error, int throughPhase = -1);
  /// Compares with a saved variant (index into the project's variants).
  void compareWithVariant(int variant);
  /// Compares A and B after phase `phase` of each (their last, when they have fewer); -1 = after
  /// every phase.
  void compareAfterPhase(int phase);
  /// The saved variant chosen as A, or -1.
  int chosenVariant() const;
  /// Starts the Monte Carlo run; finished() follows (or cancelled()).
  void runUncertainty(int samples);
  void cancelUncertainty();
  bool uncertaintyRunning() const { return running_ != nullptr; }

  QTableWidget* tornadoTable() const { return tornadoTable_; }
  QTableWidget* bandsTable() const { return bandsTable_; }
  /// What the bands shown are ("10,000 samples", or that a run was cancelled and these remain).
  QString bandsStatus() const;
  QSpinBox* samplesBox() const { return samples_; }
  QTableWidget* comparisonTable() const { return comparisonTable_; }
  HorizontalBarsChart* tornadoChart() const { return tornadoChart_; }
  HorizontalBarsChart* comparisonChart() const { return comparisonChart_; }

 signals:
  void uncertaintyFinished();
  void uncertaintyCancelled();

 private:
  struct Run;
  /// The scenario the tornado and the bands study: the project's own, or for a phased project
  /// its largest system group once every phase is built (whose inputs the tornado shows).
  std::optional<ResolvedScenario> studiedScenario() const;
  /// Every group of systems of the site once every phase is built; one without phases.
  std::vector<ResolvedScenario> siteGroups() const;
  double siteGpus() const;
  void refresh();
  void showTornado();
  void showComparison();

  ProjectDocument* document_ = nullptr;
  QComboBox* tornadoFigure_;
  QLabel* studied_;
  QTableWidget* tornadoTable_;
  HorizontalBarsChart* tornadoChart_;
  QSpinBox* samples_;
  QPushButton* runButton_;
  QProgressBar* progress_;
  QTableWidget* bandsTable_;
  QLabel* bandsStatus_;  ///< what the bands shown are: the last run's, or kept through a cancel
  QLabel* baselineLabel_;
  QTableWidget* comparisonTable_;
  HorizontalBarsChart* comparisonChart_;
  /// The figures of the site now, after its last phase: what B shows.
  std::optional<OutputValues> currentFigures() const;
  void updateBaselineChoices();
  void chooseBaseline();

  void renameChosenVariant();
  void switchToChosenVariant();
  void askToSaveVariant();
  int comparedPhase() const;

  QComboBox* baselineChoice_ = nullptr;
  QComboBox* phaseChoice_ = nullptr;
  std::optional<OutputValues> kept_;  ///< figures kept with "Keep Current as A"
  std::optional<OutputValues> baseline_;
  std::shared_ptr<Run> running_;
};

}  // namespace gigaplan
