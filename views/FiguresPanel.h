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

 private:
  QHash<int, QTreeWidgetItem*> itemByOutput_;
};

}  // namespace gigaplan
