#pragma once

#include <QWidget>

class QComboBox;
class QTableWidget;

namespace gigaplan {

class ProjectDocument;

/// The build-out phase by phase: dates from the schedule, GPUs added and online, facility power
/// against the power the site has (a shortfall in red), and the capex of each phase; and which
/// phase the 3D floor shows the site at.
class PhasesPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PhasesPanel(QWidget* parent = nullptr);

  void setDocument(ProjectDocument* document);
  QTableWidget* table() const { return table_; }
  /// The phase the floor shows (index), or -1 for the whole site.
  int shownPhase() const;

 signals:
  void shownPhaseChanged(int phase);

 private:
  void refresh();

  ProjectDocument* document_ = nullptr;
  QComboBox* shown_;
  QTableWidget* table_;
};

}  // namespace gigaplan
