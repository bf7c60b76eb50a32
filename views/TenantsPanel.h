#pragma once

#include <QWidget>
#include <vector>

#include "EditMessage.h"
#include "plan/Tenant.h"

class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace gigaplan {

class ProjectDocument;
struct TenantFigures;

/// Who uses the cluster: each tenant's terms (name, system, GPUs, isolation, price, utilization)
/// edited in place, and its figures: GPUs on the floor, shares of power and cost, revenue,
/// margin and payback, what its isolation costs, and the interruptions its largest job sees.
/// The GPUs nobody rents and the operator's whole site follow as read-only rows. Each edit is one
/// undoable step of the document, which marks the tenants' racks on the floor anew.
class TenantsPanel : public QWidget {
  Q_OBJECT
 public:
  enum Column {
    kName,
    kSystem,
    kGpus,
    kIsolation,
    kPrice,
    kUtilization,
    kFloorGpus,
    kPowerShare,
    kCostShare,
    kRevenue,
    kMargin,
    kPayback,
    kIsolationSwitches,
    kStrandedPorts,
    kBisectionLost,
    kLargestJob,
    kInterruptions,
    kColumnCount
  };

  explicit TenantsPanel(QWidget* parent = nullptr);

  void setDocument(ProjectDocument* document);
  QTableWidget* table() const { return table_; }
  /// Adds a tenant renting what no tenant rents yet (or 1,000 GPUs); removes one.
  void addTenant();
  void removeTenant(int index);
  /// The message of the last refused edit; empty when the last edit was taken.
  QString lastError() const;

 private:
  void refresh();
  void cellEdited(QTableWidgetItem* item);
  /// Applies edited tenants; a refusal puts `edited` (the cell the planner changed) back as it was.
  void apply(std::vector<Tenant> tenants, QTableWidgetItem* edited = nullptr);
  /// What the project holds for an editable cell of a tenant.
  QString plannedText(int row, int column) const;
  /// Says why an edit was refused, with the edited cell put back as the project holds it (or the
  /// table shown anew when no cell was edited).
  void showError(const QString& message, QTableWidgetItem* edited = nullptr);
  QStringList figureCells(const TenantFigures& figures, double floorGpus) const;

  ProjectDocument* document_ = nullptr;
  EditMessage* error_;
  QLabel* summary_;
  QTableWidget* table_;
  bool filling_ = false;
};

}  // namespace gigaplan
