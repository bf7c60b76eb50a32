#pragma once

#include <QTreeWidget>

#include "engine/OutputSchema.h"
#include "engine/Scenario.h"

namespace gigaplan {

/// Every planning output with its unit, grouped by section (cluster, network, power, ...).
class FiguresPanel : public QTreeWidget {
  Q_OBJECT
 public:
  explicit FiguresPanel(QWidget* parent = nullptr);

  void showResult(const ResolvedScenario& scenario, const OutputValues& outputs);
  /// The text shown for an output, as a user reads it (for tests and copy).
  QString displayedValue(OutputId id) const;
  /// Shows only the figures whose meaning, section or path contains `text` (any case); all when empty.
  void setFilter(const QString& text);
  /// Whether a figure's row is shown (not filtered out).
  bool isShown(OutputId id) const;
  /// Selects a figure's row and scrolls to it, clearing a filter that hides it.
  void reveal(OutputId id);

 signals:
  /// The filter changed from within (reveal cleared it).
  void filterCleared();

 private:
  QHash<int, QTreeWidgetItem*> itemByOutput_;
};

}  // namespace gigaplan
