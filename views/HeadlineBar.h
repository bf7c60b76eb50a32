#pragma once

#include <QToolBar>
#include <vector>

#include "engine/OutputSchema.h"

class QToolButton;

namespace gigaplan {

/// The figures a planner looks at first, always in view above the floor: GPUs, facility power
/// against the power available, capex, TCO a year, $ per GPU-hour, bisection per GPU, effective
/// training time and the findings. Each reads the site's evaluation the Figures dock shows; a
/// click asks for the figure's detail there (or for the findings).
class HeadlineBar : public QToolBar {
  Q_OBJECT
 public:
  explicit HeadlineBar(QWidget* parent = nullptr);

  /// Shows the site's figures and the findings' summary (with each finding in its tooltip).
  void showResult(const OutputValues& site, const QString& findings, const QString& findingsDetail);
  /// The text of the entry for a figure (or of the findings when `id` is not one of them).
  QString entryText(OutputId id) const;
  QString findingsText() const;

 signals:
  void figureRequested(OutputId id);
  void findingsRequested();

 private:
  struct Entry {
    OutputId id;
    QToolButton* button;
  };
  std::vector<Entry> entries_;
  QToolButton* findings_ = nullptr;
};

}  // namespace gigaplan
