#include "TenantsPanel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "document/ProjectDocument.h"
#include "engine/HardwareCatalog.h"
#include "plan/TenantPlan.h"

namespace gigaplan {

namespace {

QString thousands(double value) {
  return QLocale().toString(value, 'f', 0);
}
QString millions(double usd) {
  return QLocale().toString(usd / 1e6, 'f', 0);
}
/// "$1,234 M", "-$8,167 M".
QString dollarsMillions(double usd) {
  return QStringLiteral("%1$%2 M").arg(usd < 0 ? QStringLiteral("-") : QString(), millions(std::fabs(usd)));
}
QString percent(double fraction) {
  return QStringLiteral("%1 %").arg(100.0 * fraction, 0, 'f', 1);
}

}  // namespace

TenantsPanel::TenantsPanel(QWidget* parent)
    : QWidget(parent), error_(new EditMessage(this)), summary_(new QLabel(this)), table_(new QTableWidget(this)) {
  auto* layout = new QVBoxLayout(this);
  auto* controls = new QHBoxLayout;
  auto* add = new QPushButton(tr("Add Tenant"), this);
  auto* remove = new QPushButton(tr("Remove Tenant"), this);
  controls->addWidget(summary_, 1);
  controls->addWidget(add);
  controls->addWidget(remove);
  layout->addLayout(controls);
  layout->addWidget(error_);
  layout->addWidget(table_, 1);
  summary_->setWordWrap(true);
  table_->setColumnCount(kColumnCount);
  table_->setHorizontalHeaderLabels({tr("Tenant"), tr("System (empty = any)"), tr("GPUs"), tr("Isolation"),
                                     tr("$/GPU-h"), tr("Utilization"), tr("GPUs on floor"), tr("Power"), tr("Cost"),
                                     tr("Revenue $M/y"), tr("Margin $M/y"), tr("Payback y"), tr("Isolation switches"),
                                     tr("Stranded ports"), tr("Bisection lost Pb/s"), tr("Largest job GPUs"),
                                     tr("Job interruptions/day")});
  table_->horizontalHeaderItem(kGpus)->setToolTip(
      tr("GPUs the tenant rents, or \"by hand\" (0): the compute racks marked for it with Layout › Set Tenant"));
  table_->horizontalHeaderItem(kIsolation)->setToolTip(tr("shared-fabric, own-leaves, own-halls or own-plane"));
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  connect(table_, &QTableWidget::itemChanged, this, &TenantsPanel::cellEdited);
  connect(add, &QPushButton::clicked, this, &TenantsPanel::addTenant);
  connect(remove, &QPushButton::clicked, this, [this] { removeTenant(table_->currentRow()); });
}

void TenantsPanel::setDocument(ProjectDocument* document) {
  if (document_) disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  if (document_) connect(document_, &ProjectDocument::resultReady, this, &TenantsPanel::refresh);
  refresh();
}

QString TenantsPanel::lastError() const {
  return error_->shown();
}

QString TenantsPanel::plannedText(int row, int column) const {
  const std::vector<Tenant>& tenants = document_->project().tenants;
  if (row < 0 || static_cast<std::size_t>(row) >= tenants.size()) return {};
  const Tenant& tenant = tenants[static_cast<std::size_t>(row)];
  switch (column) {
    case kName:
      return tenant.name;
    case kSystem:
      return tenant.systemType;
    case kGpus:
      return tenant.byHand() ? tr("by hand") : thousands(tenant.gpus);
    case kIsolation:
      return TenantPlan::isolationName(tenant.isolation);
    case kPrice:
      return QString::number(tenant.priceUsdPerGpuHour, 'f', 2);
    case kUtilization:
      return QStringLiteral("%1 %").arg(100.0 * tenant.utilization, 0, 'f', 0);
    default:
      return {};
  }
}

void TenantsPanel::showError(const QString& message, QTableWidgetItem* edited) {
  if (edited) {
    // The cell goes back at once: the table is not rebuilt while its editor is still closing.
    filling_ = true;
    edited->setText(plannedText(edited->row(), edited->column()));
    filling_ = false;
  } else {
    refresh();  // the table shows the tenants as they are
  }
  error_->refuse(message);
}

void TenantsPanel::apply(std::vector<Tenant> tenants, QTableWidgetItem* edited) {
  QString error;
  if (document_ && !document_->setTenants(std::move(tenants), &error) && !error.isEmpty())
    return showError(error, edited);
  error_->accept();
}

void TenantsPanel::cellEdited(QTableWidgetItem* item) {
  if (filling_ || !document_) return;
  std::vector<Tenant> tenants = document_->project().tenants;
  const auto row = static_cast<std::size_t>(item->row());
  if (row >= tenants.size()) return;
  Tenant& tenant = tenants[row];
  const QString text = item->text().trimmed();
  const auto number = [&](double& value, const char* field, double scale) {
    // As shown (in the planner's locale, digits grouped), else plain digits.
    bool ok = false;
    QString digits = text;
    digits.remove(QLatin1Char('%'));
    double parsed = QLocale().toDouble(digits.trimmed(), &ok);
    if (!ok) parsed = digits.remove(QLatin1Char(',')).trimmed().toDouble(&ok);
    if (!ok) {
      showError(tr("tenants[%1].%2: '%3' is not a number").arg(row + 1).arg(QLatin1StringView(field), text), item);
      return false;
    }
    value = parsed * scale;
    return true;
  };
  switch (item->column()) {
    case kName:
      tenant.name = text;
      break;
    case kSystem:
      tenant.systemType = text;
      break;
    case kGpus:
      if (text.compare(tr("by hand"), Qt::CaseInsensitive) == 0)
        tenant.gpus = 0;  // its racks, marked on the floor
      else if (!number(tenant.gpus, "gpus", 1.0))
        return;
      break;
    case kIsolation:
      if (const auto level = TenantPlan::isolationFromName(text))
        tenant.isolation = *level;
      else
        return showError(tr("tenants[%1].isolation: '%2' is not one of shared-fabric, own-leaves, own-halls, own-plane")
                             .arg(row + 1)
                             .arg(text),
                         item);
      break;
    case kPrice:
      if (!number(tenant.priceUsdPerGpuHour, "priceUsdPerGpuHour", 1.0)) return;
      break;
    case kUtilization:
      if (!number(tenant.utilization, "utilization", 0.01)) return;  // shown in %
      break;
    default:
      return;
  }
  apply(std::move(tenants), item);
}

void TenantsPanel::addTenant() {
  if (!document_) return;
  std::vector<Tenant> tenants = document_->project().tenants;
  Tenant next;
  for (int n = static_cast<int>(tenants.size()) + 1; next.name.isEmpty(); ++n) {
    const QString name = tr("Tenant %1").arg(n);
    if (std::none_of(tenants.begin(), tenants.end(), [&](const Tenant& t) { return t.name == name; })) next.name = name;
  }
  const ProjectResult& result = document_->result();
  next.gpus = result.tenants && result.tenants->spare.gpus >= 1 ? result.tenants->spare.gpus
              : !result.tenants && result.plan ? valueOf(result.plan->phases.back().site, OutputId::clusterGpus)
                                               : 1000.0;
  next.priceUsdPerGpuHour = 2.0;
  tenants.push_back(next);
  apply(std::move(tenants));
}

void TenantsPanel::removeTenant(int index) {
  if (!document_ || index < 0 || index >= static_cast<int>(document_->project().tenants.size())) return;
  std::vector<Tenant> tenants = document_->project().tenants;
  tenants.erase(tenants.begin() + index);
  apply(std::move(tenants));
}

QStringList TenantsPanel::figureCells(const TenantFigures& f, double floorGpus) const {
  QStringList cells(kColumnCount);
  cells[kFloorGpus] = floorGpus >= 0 ? thousands(floorGpus) : QString();
  cells[kPowerShare] = percent(f.powerShare);
  cells[kCostShare] = percent(f.costShare);
  cells[kRevenue] = millions(f.revenueUsdPerYear);
  cells[kMargin] = millions(f.marginUsdPerYear);
  cells[kPayback] = std::isfinite(f.paybackYears) ? QString::number(f.paybackYears, 'f', 1) : tr("never");
  cells[kIsolationSwitches] = thousands(f.isolationSwitches);
  cells[kStrandedPorts] = thousands(f.strandedPorts);
  cells[kBisectionLost] = QString::number(f.bisectionLostPbps, 'f', 2);
  cells[kLargestJob] = f.largestJobGpus > 0 ? thousands(f.largestJobGpus) : QString();
  cells[kInterruptions] = f.largestJobGpus > 0 ? QString::number(f.interruptionsPerDay, 'f', 1) : QString();
  return cells;
}

void TenantsPanel::refresh() {
  // Rebuilding the items would throw away what the planner is typing; the next figures refresh.
  if (QWidget* focus = QApplication::focusWidget(); focus && focus != table_ && table_->isAncestorOf(focus)) return;
  static const std::vector<Tenant> none;
  const std::vector<Tenant>& tenants = document_ ? document_->project().tenants : none;
  const ProjectResult* result = document_ ? &document_->result() : nullptr;
  // Figures only when they belong to the tenants shown: an edit is evaluated a moment later.
  const bool current = result && result->tenants && result->revision == document_->revision() &&
                       result->tenants->tenants.size() == tenants.size();
  const std::vector<double> onFloor =
      current && result->plan ? TenantPlan::floorGpus(document_->project(), *result->plan) : std::vector<double>{};
  const auto floorOf = [&onFloor](std::size_t index) { return index < onFloor.size() ? onFloor[index] : -1.0; };
  const int extraRows = current ? (result->tenants->spare.gpus > 0 ? 2 : 1) : 0;
  filling_ = true;
  table_->setRowCount(static_cast<int>(tenants.size()) + extraRows);
  const auto fillRow = [&](int r, QStringList cells, bool editable) {
    for (int c = 0; c < kColumnCount; ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      const bool edits = editable && c <= kUtilization;
      item->setFlags(edits ? item->flags() | Qt::ItemIsEditable : item->flags() & ~Qt::ItemIsEditable);
      if (c >= kGpus && c != kIsolation) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      if (!editable) item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
      if (c == kMargin && cells[c].startsWith(QLatin1Char('-'))) item->setForeground(Qt::red);
      table_->setItem(r, c, item);
    }
  };
  for (std::size_t t = 0; t < tenants.size(); ++t) {
    const Tenant& tenant = tenants[t];
    QStringList cells = current ? figureCells(result->tenants->tenants[t], floorOf(t + 1)) : QStringList(kColumnCount);
    for (int c : {kName, kSystem, kGpus, kIsolation, kPrice, kUtilization})
      cells[c] = plannedText(static_cast<int>(t), c);
    fillRow(static_cast<int>(t), cells, true);
    // Whole halls or rows taken by other tenants can leave a tenant short of what it rents.
    const double floorGpus = floorOf(t + 1);
    if (current && floorGpus >= 0 && floorGpus < tenant.gpus) {
      table_->item(static_cast<int>(t), kFloorGpus)->setForeground(Qt::red);
      table_->item(static_cast<int>(t), kFloorGpus)->setToolTip(tr("fewer GPUs on the floor than the tenant rents"));
    }
  }
  if (current) {
    int r = static_cast<int>(tenants.size());
    if (result->tenants->spare.gpus > 0) {
      QStringList cells = figureCells(result->tenants->spare, floorOf(0));
      cells[kName] = tr("no tenant (spare)");
      cells[kGpus] = thousands(result->tenants->spare.gpus);
      fillRow(r++, cells, false);
    }
    QStringList cells = figureCells(result->tenants->operatorTotal, -1.0);
    cells[kName] = tr("operator: whole site");
    cells[kGpus] = thousands(result->tenants->operatorTotal.gpus);
    cells[kLargestJob].clear();
    cells[kInterruptions].clear();
    fillRow(r, cells, false);
  }
  filling_ = false;
  const bool failed = result && result->revision == document_->revision() && !result->tenantError.isEmpty();
  error_->setEvaluationError(failed ? result->tenantError : QString());
  summary_->setText(
      tenants.empty()
          ? tr("No tenants: the operator uses the whole cluster. Add a tenant to plan rentals and isolation.")
      : current ? tr("Operator: revenue %1 a year, margin %2, payback %3; isolation adds %4 switches.")
                      .arg(dollarsMillions(result->tenants->operatorTotal.revenueUsdPerYear),
                           dollarsMillions(result->tenants->operatorTotal.marginUsdPerYear),
                           std::isfinite(result->tenants->operatorTotal.paybackYears)
                               ? tr("%1 years").arg(result->tenants->operatorTotal.paybackYears, 0, 'f', 1)
                               : tr("never"),
                           thousands(result->tenants->operatorTotal.isolationSwitches))
                : QString());
}

}  // namespace gigaplan
