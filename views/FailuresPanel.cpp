#include "FailuresPanel.h"

#include <QAbstractTableModel>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "document/ProjectDocument.h"
#include "plan/AvailabilityOptions.h"
#include "resilience/SiteAvailability.h"

namespace gigaplan {

/// Every component of the analysis, worst first: one row each.
class FailureTableModel : public QAbstractTableModel {
 public:
  enum Column { kComponent, kKind, kRacksDown, kGpusDown, kGpusSlower, kAsGpusLost, kMw, kRate, kRepair, kTenants };
  static constexpr int kColumns = 10;
  static constexpr int kComponentRole = Qt::UserRole;  ///< the component's index in the analysis
  static constexpr int kSortRole = Qt::UserRole + 1;   ///< numbers sort as numbers
  static constexpr int kKindRole = Qt::UserRole + 2;

  using QAbstractTableModel::QAbstractTableModel;

  void setFailures(std::shared_ptr<const SiteFailures> failures) {
    beginResetModel();
    failures_ = std::move(failures);
    order_ = failures_ ? failures_->domains.worstFirst() : std::vector<int>{};
    endResetModel();
  }
  const SiteFailures* failures() const { return failures_.get(); }
  std::shared_ptr<const SiteFailures> shared() const { return failures_; }
  int rowOf(int component) const {
    const auto it = std::find(order_.begin(), order_.end(), component);
    return it == order_.end() ? -1 : static_cast<int>(it - order_.begin());
  }

  int rowCount(const QModelIndex& parent = {}) const override {
    return parent.isValid() ? 0 : static_cast<int>(order_.size());
  }
  int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : kColumns; }

  QVariant headerData(int section, Qt::Orientation orientation, int role) const override {
    static const char* names[kColumns] = {"Component",    "Kind", "Racks down",      "GPUs down", "GPUs slower",
                                          "As GPUs lost", "MW",   "Failures a year", "Repair, h", "Tenants reached"};
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return FailuresPanel::tr(names[section]);
  }

  QVariant data(const QModelIndex& index, int role) const override {
    if (!failures_ || !index.isValid()) return {};
    const int component = order_[static_cast<std::size_t>(index.row())];
    const Component& c = failures_->domains.components[static_cast<std::size_t>(component)];
    const RedundancyGroup& group = failures_->domains.groups[static_cast<std::size_t>(c.group)];
    if (role == kComponentRole) return component;
    if (role == kKindRole) return static_cast<int>(c.kind);
    const QLocale english(QLocale::English);
    const auto number = [&](double value, int decimals) -> QVariant {
      if (role == kSortRole) return value;
      if (role == Qt::DisplayRole) return english.toString(value, 'f', decimals);
      if (role == Qt::TextAlignmentRole) return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
      return {};
    };
    switch (index.column()) {
      case kComponent:
        if (role == Qt::DisplayRole || role == kSortRole) return c.name;
        if (role == Qt::ToolTipRole && group.units > group.needed)
          return FailuresPanel::tr("One of %1 units that need %2: the others carry its load")
              .arg(group.units)
              .arg(group.needed);
        return {};
      case kKind:
        return role == Qt::DisplayRole || role == kSortRole ? QVariant(componentKindName(c.kind)) : QVariant();
      case kRacksDown:
        return number(c.impact.racksDown, 0);
      case kGpusDown:
        return number(c.impact.gpusDown, 0);
      case kGpusSlower:
        return number(c.impact.gpusDegraded, 0);
      case kAsGpusLost:
        return number(c.impact.gpuEquivalent, 0);
      case kMw:
        return number(c.impact.mwLost, 2);
      case kRate:
        return number(group.failuresPerYear, 4);
      case kRepair:
        return number(group.repairHours, 1);
      case kTenants:
        return role == Qt::DisplayRole || role == kSortRole
                   ? QVariant(failures_->tenantsHit(c).join(QStringLiteral(", ")))
                   : QVariant();
    }
    return {};
  }

 private:
  std::shared_ptr<const SiteFailures> failures_;
  std::vector<int> order_;
};

namespace {
/// Rows of one kind (or all), whose name holds the filter's words.
class FailureFilter : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setKind(int kind) {
    kind_ = kind;
    invalidateFilter();
  }
  void setText(const QString& text) {
    text_ = text.trimmed();
    invalidateFilter();
  }

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
    const QModelIndex index = sourceModel()->index(row, 0, parent);
    if (kind_ >= 0 && index.data(FailureTableModel::kKindRole).toInt() != kind_) return false;
    return text_.isEmpty() || index.data(Qt::DisplayRole).toString().contains(text_, Qt::CaseInsensitive);
  }

 private:
  int kind_ = -1;
  QString text_;
};
}  // namespace

/// A simulation shared with its worker thread: the worker fills it, the panel polls it.
struct FailuresPanel::Run {
  std::shared_ptr<const SiteFailures> failures;
  std::atomic<bool> cancel{false};
  std::atomic<bool> finished{false};
  std::atomic<int> done{0};
  int years = 0;
  std::optional<SimulatedYears> result;
};

/// A study of the redundancy options shared with its worker thread.
struct FailuresPanel::OptionsRun {
  Project project;
  ProjectResult result;
  std::atomic<bool> finished{false};
  AvailabilityStudy study;
};

FailuresPanel::FailuresPanel(QWidget* parent)
    : QWidget(parent),
      summary_(new QLabel(this)),
      kind_(new QComboBox(this)),
      filter_(new QLineEdit(this)),
      table_(new QTableView(this)),
      model_(new FailureTableModel(this)),
      proxy_(new FailureFilter(this)),
      simulate_(new QPushButton(tr("Simulate 1,000 Years"), this)),
      progress_(new QProgressBar(this)),
      simulation_(new QLabel(this)),
      tabs_(new QTabWidget(this)),
      options_(new QTableWidget(this)),
      optionsStatus_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(summary_);
  auto* controls = new QHBoxLayout;
  kind_->addItem(tr("every kind"), -1);
  for (int k = 0; k < kComponentKinds; ++k) kind_->addItem(componentKindName(static_cast<ComponentKind>(k)), k);
  filter_->setPlaceholderText(tr("Filter by name (e.g. B1-H2, UPS, plane)"));
  filter_->setClearButtonEnabled(true);
  controls->addWidget(kind_);
  controls->addWidget(filter_, 1);
  controls->addWidget(simulate_);
  controls->addWidget(progress_);
  progress_->setMaximumWidth(140);
  progress_->setRange(0, 1);
  progress_->setValue(0);
  layout->addLayout(controls);
  simulation_->setWordWrap(true);
  layout->addWidget(simulation_);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(FailureTableModel::kSortRole);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(-1, Qt::AscendingOrder);  // worst first, as the analysis lists them
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 4);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->setColumnWidth(FailureTableModel::kComponent, 240);
  // Components worst first, and what each other redundancy scheme would cost and buy.
  auto* optionsPage = new QWidget(tabs_);
  auto* optionsLayout = new QVBoxLayout(optionsPage);
  optionsLayout->setContentsMargins(0, 0, 0, 0);
  optionsStatus_->setWordWrap(true);
  optionsLayout->addWidget(optionsStatus_);
  optionsLayout->addWidget(options_, 1);
  options_->setColumnCount(7);
  options_->setHorizontalHeaderLabels({tr("Change"), tr("Units added"), tr("Capex added"), tr("GPU-hours saved a year"),
                                       tr("$ a year per GPU-hour saved"), tr("Delivered after"),
                                       tr("Job goodput after")});
  options_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  options_->verticalHeader()->hide();
  options_->horizontalHeader()->setStretchLastSection(true);
  options_->setColumnWidth(0, 300);
  for (int c = 1; c < 6; ++c) options_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  tabs_->addTab(table_, tr("Components"));
  tabs_->addTab(optionsPage, tr("Redundancy Options"));
  layout->addWidget(tabs_, 1);
  connect(tabs_, &QTabWidget::currentChanged, this, [this](int tab) {
    if (tab == 1 && options_->rowCount() == 0 && !studying_) studyOptions();
  });

  connect(kind_, &QComboBox::currentIndexChanged, this,
          [this] { static_cast<FailureFilter*>(proxy_)->setKind(kind_->currentData().toInt()); });
  connect(filter_, &QLineEdit::textChanged, this,
          [this](const QString& text) { static_cast<FailureFilter*>(proxy_)->setText(text); });
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
    emit componentChosen(current.isValid() ? current.data(FailureTableModel::kComponentRole).toInt() : -1);
  });
  connect(simulate_, &QPushButton::clicked, this, [this] {
    if (running_)
      cancelSimulation();
    else
      simulate(kDefaultSimulatedYears);
  });
}

FailuresPanel::~FailuresPanel() {
  if (running_) running_->cancel = true;  // the worker holds the run and ends on its own
}

void FailuresPanel::setDocument(ProjectDocument* document) {
  if (document_) disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  if (document_) connect(document_, &ProjectDocument::resultReady, this, &FailuresPanel::refresh);
  refresh();
}

void FailuresPanel::refresh() {
  const std::shared_ptr<const SiteFailures> failures = document_ ? document_->result().failures : nullptr;
  if (failures == model_->shared()) return;
  // The chosen component stays chosen when its name is still there (an edit elsewhere on the floor).
  const QModelIndex current = table_->currentIndex();
  const QString chosen = current.isValid() ? current.siblingAtColumn(0).data().toString() : QString();
  model_->setFailures(failures);
  options_->setRowCount(0);
  optionsStatus_->setText(tr("Each other redundancy scheme of each level, tried on the floor as it stands."));
  if (tabs_->currentIndex() == 1 && failures) QTimer::singleShot(0, this, &FailuresPanel::studyOptions);
  if (!failures) {
    summary_->setText(tr("No failure analysis: the project has no floor or no figures."));
    emit componentChosen(-1);
    return;
  }
  const QLocale english(QLocale::English);
  const AvailabilityEstimate& expected = failures->expected;
  summary_->setText(tr("Site availability %1 %: %2 GPU-hours lost a year to %3 failures that reach GPUs "
                       "(expected). A full-site job's goodput %4 % (effective training time %5 %). %6 components "
                       "in %7 electrical blocks.")
                        .arg(100 * expected.siteAvailability, 0, 'f', 4)
                        .arg(english.toString(expected.gpuHoursLostPerYear, 'f', 0))
                        .arg(expected.interruptionsPerYear, 0, 'f', 1)
                        .arg(100 * failures->job.goodput, 0, 'f', 2)
                        .arg(100 * failures->ettr, 0, 'f', 2)
                        .arg(english.toString(static_cast<qlonglong>(failures->domains.components.size())))
                        .arg(failures->domains.blocks));
  simulation_->setText(tr("Simulated years give the spread of a year's losses around the expected figure."));
  if (!chosen.isEmpty()) {
    const QModelIndexList found = proxy_->match(proxy_->index(0, 0), Qt::DisplayRole, chosen, 1, Qt::MatchExactly);
    if (!found.isEmpty()) {
      table_->setCurrentIndex(found.first());
      return;
    }
  }
  emit componentChosen(-1);
}

QString FailuresPanel::summary() const {
  return summary_->text();
}

QString FailuresPanel::simulationStatus() const {
  return simulation_->text();
}

bool FailuresPanel::chooseComponent(int component) {
  const int row = model_->rowOf(component);
  if (row < 0) return false;
  const QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
  if (!index.isValid()) return false;
  table_->setCurrentIndex(index);
  table_->scrollTo(index);
  return true;
}

int FailuresPanel::componentOfRack(int rack) const {
  const SiteFailures* failures = model_->failures();
  if (!failures || rack < 0) return -1;
  for (std::size_t c = 0; c < failures->domains.components.size(); ++c)
    if (failures->domains.components[c].rack == rack) return static_cast<int>(c);
  return -1;
}

void FailuresPanel::simulate(int years) {
  const std::shared_ptr<const SiteFailures> failures = model_->shared();
  if (running_ || !failures) return;
  auto run = std::make_shared<Run>();
  run->failures = failures;
  run->years = years;
  running_ = run;
  simulate_->setText(tr("Cancel"));
  progress_->setRange(0, years);
  progress_->setValue(0);
  progress_->setFormat(QStringLiteral("%p%"));
  QThreadPool::globalInstance()->start([run] {
    run->result = SimulatedYears::run(
        run->failures->domains, run->years, kDefaultSimulationSeed, [run](int done, int) { run->done = done; },
        &run->cancel);
    run->finished = true;
  });
  // Polling keeps the worker free of Qt objects; ten updates a second are enough for a bar.
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, [this, timer, run] {
    progress_->setValue(run->done.load());
    if (!run->finished) return;
    timer->deleteLater();
    running_.reset();
    simulate_->setText(tr("Simulate 1,000 Years"));
    const QLocale english(QLocale::English);
    if (!run->result) {
      progress_->setFormat(tr("cancelled at %p%"));
      simulation_->setText(tr("Cancelled after %1 of %2 site-years.").arg(run->done.load()).arg(run->years));
      emit simulationCancelled();
      return;
    }
    progress_->setValue(progress_->maximum());
    const SimulatedYears& years = *run->result;
    simulation_->setText(tr("Over %1 simulated site-years: %2 ± %3 GPU-hours lost a year; P10 %4, P50 %5, "
                            "P90 %6; the worst year %7.")
                             .arg(english.toString(years.years))
                             .arg(english.toString(years.meanGpuHoursLost, 'f', 0))
                             .arg(english.toString(years.standardError, 'f', 0))
                             .arg(english.toString(years.p10, 'f', 0))
                             .arg(english.toString(years.p50, 'f', 0))
                             .arg(english.toString(years.p90, 'f', 0))
                             .arg(english.toString(years.worstYear, 'f', 0)));
    emit simulationFinished();
  });
  timer->start(100);
}

void FailuresPanel::cancelSimulation() {
  if (running_) running_->cancel = true;
}

void FailuresPanel::studyOptions() {
  if (!document_ || !document_->result().failures || studying_) return;
  auto run = std::make_shared<OptionsRun>();
  run->project = document_->project();
  run->result = document_->result();
  studying_ = run;
  optionsStatus_->setText(tr("Trying every other scheme of each level on the floor…"));
  QThreadPool::globalInstance()->start([run] {
    run->study = AvailabilityStudy::of(run->project, run->result);
    run->finished = true;
  });
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, [this, timer, run] {
    if (!run->finished) return;
    timer->deleteLater();
    studying_.reset();
    // An edit while the study ran has its own figures: study those instead.
    if (!document_ || document_->result().failures != run->result.failures) {
      if (tabs_->currentIndex() == 1) studyOptions();
      return;
    }
    const AvailabilityStudy& study = run->study;
    const QLocale english(QLocale::English);
    optionsStatus_->setText(tr("The site delivers %1 % of its GPU-hours against a target of %2 % "
                               "(reliability.targetUptime): %3. Capex at the unit prices cost.*; the cheapest "
                               "GPU-hour saved first.")
                                .arg(100 * study.delivered, 0, 'f', 3)
                                .arg(100 * study.target, 0, 'f', 2)
                                .arg(study.met() ? tr("met") : tr("missed")));
    options_->setRowCount(static_cast<int>(study.options.size()));
    for (int r = 0; r < static_cast<int>(study.options.size()); ++r) {
      const AvailabilityOption& option = study.options[static_cast<std::size_t>(r)];
      const QStringList cells = {option.change,
                                 english.toString(option.extraUnits, 'f', 0),
                                 QStringLiteral("$") + english.toString(option.capexUsd, 'f', 0),
                                 english.toString(option.gpuHoursSavedPerYear, 'f', 0),
                                 std::isfinite(option.usdPerGpuHourSaved)
                                     ? QStringLiteral("$") + english.toString(option.usdPerGpuHourSaved, 'f', 2)
                                     : QStringLiteral("\u2014"),
                                 english.toString(100 * option.delivered, 'f', 3) + QStringLiteral(" %"),
                                 english.toString(100 * option.jobGoodput, 'f', 2) + QStringLiteral(" %")};
      for (int c = 0; c < cells.size(); ++c) {
        auto* item = new QTableWidgetItem(cells[c]);
        if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        item->setToolTip(option.inputPath + QLatin1Char('=') + option.value);
        options_->setItem(r, c, item);
      }
    }
    emit optionsReady();
  });
  timer->start(50);
}

}  // namespace gigaplan
