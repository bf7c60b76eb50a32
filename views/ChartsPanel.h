#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QTabWidget>
#include <memory>

#include "engine/OutputSchema.h"
#include "engine/Scenario.h"

namespace gigaplan {

class BreakdownChart;
class FabricChart;

/// The planner's charts of one evaluation, one tab each: where the facility's megawatts go,
/// what the capex buys, and how many switches and links each fabric tier needs.
///
/// The charts are built once; showResult only replaces values and labels, because it runs on
/// every edit of the scenario.
class ChartsPanel : public QTabWidget {
  Q_OBJECT
 public:
  /// Part names with their values, in the order the chart lists them (top to bottom, left to right).
  using Breakdown = QList<QPair<QString, double>>;

  explicit ChartsPanel(QWidget* parent = nullptr);
  ~ChartsPanel() override;

  void showResult(const ResolvedScenario& scenario, const OutputValues& outputs);

  /// What the charts currently show, for tests and copying. The power parts add up to
  /// power.facilityMw and the capex parts to cost.capexUsd.
  Breakdown powerBreakdownMw() const;
  Breakdown capexBreakdownUsd() const;
  /// Tiers without switches are left out, so both lists have one entry per tier in use.
  Breakdown fabricSwitchesPerTier() const;
  Breakdown fabricLinksPerTier() const;

 private:
  std::unique_ptr<BreakdownChart> power_;
  std::unique_ptr<BreakdownChart> capex_;
  std::unique_ptr<FabricChart> fabric_;
};

}  // namespace gigaplan
