#include "WhatIfPanel.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "HorizontalBarsChart.h"
#include "document/ProjectDocument.h"
#include "engine/ResultFormat.h"
#include "engine/WhatIf.h"
#include "plan/PhasePlan.h"

namespace gigaplan {

namespace {

constexpr int kTornadoBars = 12;      ///< in the table and the chart, as many as it has room for
constexpr int kProgressSteps = 1000;  ///< a bar's range in steps: a billion samples overflow an int

/// The headline figures the comparison chart shows.
const std::vector<OutputId>& headlineFigures() {
  static const std::vector<OutputId> figures = {OutputId::clusterGpus,       OutputId::powerFacilityMw,
                                                OutputId::costCapexUsd,      OutputId::costTcoUsdPerYear,
                                                OutputId::costUsdPerGpuHour, OutputId::networkBisectionPerGpuGbps,
                                                OutputId::reliabilityEttr,   OutputId::reliabilityInterruptionsPerDay};
  return figures;
}

QString figureLabel(OutputId id) {
  return QStringLiteral("%1 (%2)").arg(QString::fromLatin1(outputSpec(id).meaning),
                                       QString::fromLatin1(outputSpec(id).unit));
}

QTableWidget* newTable(QWidget* parent, const QStringList& headers) {
  auto* table = new QTableWidget(parent);
  table->setColumnCount(static_cast<int>(headers.size()));
  table->setHorizontalHeaderLabels(headers);
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table->verticalHeader()->hide();
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table->horizontalHeader()->setStretchLastSection(true);
  return table;
}

void setRow(QTableWidget* table, int row, const QStringList& cells) {
  for (int c = 0; c < cells.size(); ++c) {
    auto* item = new QTableWidgetItem(cells[c]);
    if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setItem(row, c, item);
  }
}

HorizontalBarsChart* newBarChart(QWidget* parent, QVBoxLayout* layout, int height) {
  auto* chart = new HorizontalBarsChart(parent);
  chart->setMinimumHeight(height);
  layout->addWidget(chart, 3);  // the chart takes the room the dock has beyond its minimum
  return chart;
}

const QColor kLowColour(52, 152, 219);
const QColor kHighColour(140, 200, 80);

}  // namespace

/// A Monte Carlo run shared with its worker thread: the worker fills it, the panel polls it.
struct WhatIfPanel::Run {
  std::atomic<bool> cancel{false};
  std::atomic<bool> finished{false};
  std::atomic<long long> done{0};  ///< evaluations done: past 4 million samples each is drawn twice
  std::atomic<long long> work{1};  ///< evaluations to do
  long long total = 0;             ///< samples asked for
  /// Samples done, in proportion to the evaluations (a two-pass run counts each pass as half).
  long long samplesDone() const { return std::min(total, done.load() * total / std::max(1LL, work.load())); }
  std::optional<std::vector<UncertaintyBand>> bands;
};

WhatIfPanel::WhatIfPanel(QWidget* parent)
    : QWidget(parent),
      tornadoFigure_(new QComboBox(this)),
      studied_(new QLabel(this)),
      tornadoTable_(newTable(this, {tr("Input"), tr("Low"), tr("High"), tr("Figure at low"), tr("Figure at high")})),
      samples_(new QSpinBox(this)),
      runButton_(new QPushButton(tr("Run"), this)),
      progress_(new QProgressBar(this)),
      bandsTable_(newTable(this, {tr("Figure"), tr("P10"), tr("P50"), tr("P90"), tr("Unit")})),
      bandsStatus_(new QLabel(this)),
      baselineLabel_(new QLabel(this)),
      comparisonTable_(newTable(this, {tr("Figure"), tr("A"), tr("B"), tr("B − A"), tr("%"), tr("Better")})) {
  baselineChoice_ = new QComboBox(this);
  auto* tabs = new QTabWidget(this);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  studied_->setWordWrap(true);
  outer->addWidget(studied_);
  outer->addWidget(tabs);

  // Tornado.
  auto* tornado = new QWidget(tabs);
  auto* tornadoLayout = new QVBoxLayout(tornado);
  for (OutputId id : kWhatIfFigures) tornadoFigure_->addItem(figureLabel(id), static_cast<int>(id));
  tornadoLayout->addWidget(tornadoFigure_);
  tornadoChart_ = newBarChart(tornado, tornadoLayout, 160);
  tornadoLayout->addWidget(tornadoTable_);
  tabs->addTab(tornado, tr("Tornado"));
  connect(tornadoFigure_, &QComboBox::currentIndexChanged, this, &WhatIfPanel::showTornado);

  // Uncertainty.
  auto* uncertainty = new QWidget(tabs);
  auto* uncertaintyLayout = new QVBoxLayout(uncertainty);
  auto* controls = new QHBoxLayout;
  controls->addWidget(new QLabel(tr("Samples:"), uncertainty));
  // The command line's limit; memory stays bounded at any count (histogram bands past 4 million).
  samples_->setRange(100, 1'000'000'000);
  samples_->setSingleStep(10000);
  samples_->setValue(10000);
  samples_->setGroupSeparatorShown(true);
  samples_->setToolTip(tr("from 100 to 1,000,000,000"));
  controls->addWidget(samples_);
  controls->addWidget(new QLabel(tr("(100 to 1,000,000,000)"), uncertainty));
  controls->addWidget(runButton_);
  controls->addWidget(progress_, 1);
  uncertaintyLayout->addLayout(controls);
  uncertaintyLayout->addWidget(new QLabel(tr("Every sourced default drawn within ±5 % (verified), ±15 % (secondary, "
                                             "derived) or ±30 % (estimate) of its value."),
                                          uncertainty));
  uncertaintyLayout->addWidget(bandsStatus_);
  uncertaintyLayout->addWidget(bandsTable_);
  tabs->addTab(uncertainty, tr("Uncertainty"));
  connect(runButton_, &QPushButton::clicked, this, [this] {
    if (running_)
      cancelUncertainty();
    else
      runUncertainty(samples_->value());
  });

  // Compare.
  auto* compare = new QWidget(tabs);
  auto* compareLayout = new QVBoxLayout(compare);
  auto* compareControls = new QHBoxLayout;
  auto* keep = new QPushButton(tr("Keep Current as A"), compare);
  auto* save = new QPushButton(tr("Save as Variant…"), compare);
  compareControls->addWidget(new QLabel(tr("A:"), compare));
  compareControls->addWidget(baselineChoice_, 1);
  compareControls->addWidget(keep);
  compareControls->addWidget(save);
  compareLayout->addLayout(compareControls);
  auto* variantControls = new QHBoxLayout;
  auto* rename = new QPushButton(tr("Rename…"), compare);
  auto* makeCurrent = new QPushButton(tr("Edit This Variant"), compare);
  makeCurrent->setToolTip(tr("Make variant A the plan being edited; the plan now is kept as a variant in its place."));
  auto* remove = new QPushButton(tr("Remove"), compare);
  phaseChoice_ = new QComboBox(compare);
  variantControls->addWidget(new QLabel(tr("Variant A:"), compare));
  variantControls->addWidget(rename);
  variantControls->addWidget(makeCurrent);
  variantControls->addWidget(remove);
  variantControls->addStretch(1);
  variantControls->addWidget(new QLabel(tr("Compare:"), compare));
  variantControls->addWidget(phaseChoice_);
  compareLayout->addLayout(variantControls);
  compareLayout->addWidget(baselineLabel_);
  connect(baselineChoice_, &QComboBox::activated, this, &WhatIfPanel::chooseBaseline);
  connect(phaseChoice_, &QComboBox::activated, this, &WhatIfPanel::chooseBaseline);
  connect(remove, &QPushButton::clicked, this, [this] {
    // Only a saved variant is removed; the figures kept in the window simply stay until replaced.
    if (document_ && chosenVariant() >= 0) document_->removeVariant(chosenVariant());
  });
  connect(rename, &QPushButton::clicked, this, &WhatIfPanel::renameChosenVariant);
  connect(makeCurrent, &QPushButton::clicked, this, &WhatIfPanel::switchToChosenVariant);
  connect(save, &QPushButton::clicked, this, &WhatIfPanel::askToSaveVariant);
  comparisonChart_ = newBarChart(compare, compareLayout, 160);
  comparisonChart_->setSymmetric(false);  // a few figures grow tenfold while others barely move
  compareLayout->addWidget(comparisonTable_);
  tabs->addTab(compare, tr("Compare"));
  connect(keep, &QPushButton::clicked, this, &WhatIfPanel::keepBaseline);
  baselineLabel_->setText(
      tr("Keep the figures now as A (or save them as a variant of the project), change inputs, "
         "phases or the layout, and B, the project now, shows the difference."));
  baselineLabel_->setWordWrap(true);
}

WhatIfPanel::~WhatIfPanel() {
  if (running_) running_->cancel = true;  // the worker holds the run and ends on its own
}

void WhatIfPanel::setDocument(ProjectDocument* document) {
  if (document_) disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  baseline_.reset();
  kept_.reset();
  if (document_) connect(document_, &ProjectDocument::resultReady, this, &WhatIfPanel::refresh);
  refresh();
}

std::vector<ResolvedScenario> WhatIfPanel::siteGroups() const {
  std::vector<ResolvedScenario> groups;
  if (!document_ || !document_->result().resolved) return groups;
  ScenarioErrors errors;
  for (const Scenario& group : PhasePlan::siteScenarios(document_->project()))
    if (auto resolved = group.resolve(HardwareCatalog::bundled(), errors)) groups.push_back(std::move(*resolved));
  return groups;
}

double WhatIfPanel::siteGpus() const {
  double gpus = 0;
  for (const ResolvedScenario& group : siteGroups()) gpus += valueOf(group.values, InputId::clusterGpus);
  return gpus;
}

std::optional<ResolvedScenario> WhatIfPanel::studiedScenario() const {
  if (!document_ || !document_->result().resolved) return std::nullopt;
  ScenarioErrors errors;
  return PhasePlan::studiedScenario(document_->project()).resolve(HardwareCatalog::bundled(), errors);
}

void WhatIfPanel::refresh() {
  updateBaselineChoices();
  // A variant's figures depend on the site it is laid on: compute them again.
  if (baselineChoice_->currentData().toInt() >= 0 && baselineChoice_->count() > 0) chooseBaseline();
  const auto scenario = studiedScenario();
  studied_->setText(
      !scenario ? tr("No figures to study: %1").arg(document_ ? document_->result().error : QString())
      : document_->project().phases.empty()
          ? tr("Tornado and bands of the scenario (%1 GPUs of %2): engine estimates of the analytic build-out, "
               "not the floor's counts, so a base may differ a little from the figures.")
                .arg(QLocale().toString(valueOf(scenario->values, InputId::clusterGpus), 'f', 0), scenario->systemName)
          : tr("Tornado and bands of the whole site after the last phase (%1 GPUs in %2 groups of systems), every "
               "group moved at once. Engine estimates of the analytic build-out, not the floor's counts.")
                .arg(QLocale().toString(siteGpus(), 'f', 0))
                .arg(siteGroups().size()));
  showTornado();
  showComparison();
}

void WhatIfPanel::showTornado() {
  tornadoTable_->setRowCount(0);
  const auto scenario = studiedScenario();
  if (!scenario) return;
  const auto figure = static_cast<std::size_t>(tornadoFigure_->currentIndex());
  // A phased site: every group of systems moves at once, and the figures are the whole site's.
  const std::vector<ResolvedScenario> groups = siteGroups();
  const Tornado tornado = groups.size() > 1 ? Tornado::computeSite(groups, 0.1) : Tornado::compute(*scenario, 0.1);
  const auto bars = tornado.orderedBy(figure);
  const int shown = std::min<int>(kTornadoBars, static_cast<int>(bars.size()));
  tornadoTable_->setRowCount(shown);
  QStringList categories;
  QList<qreal> lows, highs;
  const double base = tornado.base[figure];
  for (int i = 0; i < shown; ++i) {
    const TornadoBar& bar = bars[static_cast<std::size_t>(i)];
    categories << shortName(inputSpec(bar.input).meaning) + (bar.clipped ? tr(" (at its limit)") : QString());
    lows << (base != 0 ? 100.0 * (bar.atLow[figure] - base) / std::fabs(base) : 0.0);
    highs << (base != 0 ? 100.0 * (bar.atHigh[figure] - base) / std::fabs(base) : 0.0);
    setRow(tornadoTable_, i,
           {shortName(inputSpec(bar.input).meaning) + (bar.clipped ? tr(" (held at its valid range)") : QString()),
            formatQuantity(bar.low), formatQuantity(bar.high), formatQuantity(bar.atLow[figure]),
            formatQuantity(bar.atHigh[figure])});
  }
  const OutputId id = kWhatIfFigures[figure];
  tornadoChart_->setBars(tr("%1: %2 %3 at base")
                             .arg(shortName(outputSpec(id).meaning), formatQuantity(tornado.base[figure]),
                                  QString::fromLatin1(outputSpec(id).unit)),
                         categories, {{tr("input −10 %"), kLowColour, lows}, {tr("input +10 %"), kHighColour, highs}},
                         tr("change of the figure (%)"));
}

std::optional<OutputValues> WhatIfPanel::currentFigures() const {
  if (!document_ || !document_->result().plan) return std::nullopt;
  // The plan's figures, as a variant's are: both without the floor's measured cabling. Figures
  // kept in the window are of the whole plan, so they compare with the whole plan now.
  const auto& phases = document_->result().plan->phases;
  const int phase = chosenVariant() >= 0 ? comparedPhase() : -1;
  if (phase < 0) return phases.back().site;
  // After one phase, tenants are left out, as a variant's are.
  OutputValues figures = phases[std::min(phases.size() - 1, static_cast<std::size_t>(phase))].site;
  for (const OutputSpec& spec : outputSpecs())
    if (QLatin1StringView(spec.path).startsWith(QLatin1StringView("tenants."))) valueOf(figures, spec.id) = 0.0;
  return figures;
}

void WhatIfPanel::keepBaseline() {
  // Kept figures are of the whole plan, whatever phase a variant is compared after.
  if (document_ && document_->result().plan) kept_ = document_->result().plan->phases.back().site;
  if (!kept_) return;
  updateBaselineChoices();
  baselineChoice_->setCurrentIndex(baselineChoice_->findData(-1));
  chooseBaseline();
}

bool WhatIfPanel::saveVariant(const QString& name, QString* error, int throughPhase) {
  if (!document_ || !document_->addVariant(name, error, throughPhase)) return false;
  compareWithVariant(static_cast<int>(document_->project().variants.size()) - 1);
  if (throughPhase >= 0) compareAfterPhase(throughPhase);
  return true;
}

void WhatIfPanel::askToSaveVariant() {
  if (!document_) return;
  QDialog dialog(this);
  dialog.setWindowTitle(tr("Save as Variant"));
  auto* form = new QFormLayout(&dialog);
  auto* name = new QLineEdit(&dialog);
  auto* copied = new QComboBox(&dialog);
  copied->addItem(tr("the whole plan"), -1);
  for (int k = 0; k < static_cast<int>(document_->project().phases.size()); ++k)
    copied->addItem(tr("%1 (the plan up to it)").arg(document_->project().phases[static_cast<std::size_t>(k)].name), k);
  form->addRow(tr("Name:"), name);
  form->addRow(tr("Copy:"), copied);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() != QDialog::Accepted) return;
  QString error;
  if (!saveVariant(name->text(), &error, copied->currentData().toInt()) && !error.isEmpty())
    baselineLabel_->setText(error);
}

int WhatIfPanel::chosenVariant() const {
  return baselineChoice_->currentData().isValid() ? baselineChoice_->currentData().toInt() : -2;
}

void WhatIfPanel::renameChosenVariant() {
  const int variant = chosenVariant();
  if (!document_ || variant < 0) return;
  bool ok = false;
  const QString name =
      QInputDialog::getText(this, tr("Rename Variant"), tr("Name of the variant:"), QLineEdit::Normal,
                            document_->project().variants[static_cast<std::size_t>(variant)].name, &ok);
  QString error;
  if (ok && !document_->renameVariant(variant, name, &error) && !error.isEmpty()) baselineLabel_->setText(error);
}

void WhatIfPanel::switchToChosenVariant() {
  const int variant = chosenVariant();
  if (!document_ || variant < 0) return;
  QString error;
  if (!document_->switchToVariant(variant, &error)) baselineLabel_->setText(error);
}

void WhatIfPanel::compareWithVariant(int variant) {
  updateBaselineChoices();
  baselineChoice_->setCurrentIndex(baselineChoice_->findData(variant));
  chooseBaseline();
}

void WhatIfPanel::compareAfterPhase(int phase) {
  updateBaselineChoices();
  phaseChoice_->setCurrentIndex(std::max(0, phaseChoice_->findData(phase)));
  chooseBaseline();
}

int WhatIfPanel::comparedPhase() const {
  return phaseChoice_->currentData().isValid() ? phaseChoice_->currentData().toInt() : -1;
}

void WhatIfPanel::updateBaselineChoices() {
  const QVariant chosen = baselineChoice_->currentData();
  const QSignalBlocker quiet(baselineChoice_);
  baselineChoice_->clear();
  if (kept_) baselineChoice_->addItem(tr("figures kept in this window"), -1);
  if (document_)
    for (int v = 0; v < static_cast<int>(document_->project().variants.size()); ++v)
      baselineChoice_->addItem(tr("variant: %1").arg(document_->project().variants[static_cast<std::size_t>(v)].name),
                               v);
  baselineChoice_->setCurrentIndex(std::max(0, baselineChoice_->findData(chosen)));

  const int phase = comparedPhase();
  const QSignalBlocker quietPhase(phaseChoice_);
  phaseChoice_->clear();
  phaseChoice_->addItem(tr("after every phase"), -1);
  if (document_)
    for (int k = 0; k < static_cast<int>(document_->project().phases.size()); ++k)
      phaseChoice_->addItem(tr("after %1").arg(document_->project().phases[static_cast<std::size_t>(k)].name), k);
  phaseChoice_->setCurrentIndex(std::max(0, phaseChoice_->findData(phase)));
}

void WhatIfPanel::chooseBaseline() {
  const int choice = chosenVariant();
  QString error;
  baseline_ = choice == -1               ? kept_
              : choice >= 0 && document_ ? document_->variantFigures(choice, &error, comparedPhase())
                                         : std::nullopt;
  if (!error.isEmpty())
    baselineLabel_->setText(error);
  else if (baseline_)
    baselineLabel_->setText(choice == -1 ? tr("A: %1; B: the project now.").arg(baselineChoice_->currentText())
                                         : tr("A: %1; B: the project now; both %2.")
                                               .arg(baselineChoice_->currentText(), phaseChoice_->currentText()));
  showComparison();
}

void WhatIfPanel::showComparison() {
  comparisonTable_->setRowCount(0);
  comparisonChart_->clear();
  const auto current = currentFigures();
  if (!baseline_ || !current) return;
  const auto rows = compareFigures(*baseline_, *current);
  comparisonTable_->setRowCount(static_cast<int>(rows.size()));
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const FigureComparison& row = rows[static_cast<std::size_t>(r)];
    setRow(comparisonTable_, r,
           {figureLabel(row.id), formatQuantity(row.a), formatQuantity(row.b), formatQuantity(row.difference),
            std::isfinite(row.percent) ? QString::number(row.percent, 'f', 1) : QString(),
            row.better == 1   ? QStringLiteral("A")
            : row.better == 2 ? QStringLiteral("B")
                              : QString()});
    if (row.better != 0) {
      // The better value in bold green.
      QTableWidgetItem* item = comparisonTable_->item(r, row.better);
      QFont bold = item->font();
      bold.setBold(true);
      item->setFont(bold);
      item->setForeground(QColor(20, 130, 40));
    }
  }
  QStringList categories;
  QList<qreal> percents;
  for (auto it = headlineFigures().begin(); it != headlineFigures().end(); ++it) {
    const FigureComparison& row = rows[static_cast<std::size_t>(*it)];
    categories << shortName(outputSpec(*it).meaning);
    percents << (std::isfinite(row.percent) ? row.percent : 0.0);
  }
  comparisonChart_->setBars(tr("B against A"), categories, {{tr("difference in % of A"), kLowColour, percents}},
                            tr("%"));
}

void WhatIfPanel::runUncertainty(int samples) {
  std::vector<ResolvedScenario> groups = siteGroups();
  if (running_ || groups.empty()) return;
  auto run = std::make_shared<Run>();
  run->total = samples;
  running_ = run;
  runButton_->setText(tr("Cancel"));
  progress_->setRange(0, kProgressSteps);
  progress_->setValue(0);
  progress_->setFormat(QStringLiteral("%p%"));
  // The last bands stay until new ones replace them.
  if (bandsTable_->rowCount() > 0)
    bandsStatus_->setText(bandsStatus_->text() + tr(" (running %L1 samples)").arg(samples));
  QThreadPool::globalInstance()->start([run, groups = std::move(groups), samples] {
    run->bands = siteUncertaintyBands(
        groups, samples, 1,
        [run](Eigen::Index done, Eigen::Index work) {
          run->work = work;
          run->done = done;
        },
        &run->cancel);
    run->finished = true;
  });
  // Polling keeps the worker free of Qt objects; ten updates a second are enough for a bar.
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, [this, timer, run] {
    progress_->setValue(static_cast<int>(kProgressSteps * run->done.load() / std::max(1LL, run->work.load())));
    if (!run->finished) return;
    timer->deleteLater();
    running_.reset();
    runButton_->setText(tr("Run"));
    if (!run->bands) {
      progress_->setFormat(tr("cancelled at %p%"));
      bandsStatus_->setText(
          bandsTable_->rowCount() > 0
              ? tr("Cancelled after %L1 of %L2 samples: the bands shown are from the run before.")
                    .arg(run->samplesDone())
                    .arg(run->total)
              : tr("Cancelled after %L1 of %L2 samples: no bands yet.").arg(run->samplesDone()).arg(run->total));
      emit uncertaintyCancelled();
      return;
    }
    progress_->setFormat(QStringLiteral("%p%"));
    bandsStatus_->setText(tr("Bands over %L1 samples.").arg(run->total));
    progress_->setValue(progress_->maximum());
    bandsTable_->setRowCount(static_cast<int>(run->bands->size()));
    for (int r = 0; r < static_cast<int>(run->bands->size()); ++r) {
      const UncertaintyBand& band = (*run->bands)[static_cast<std::size_t>(r)];
      setRow(bandsTable_, r,
             {QString::fromLatin1(outputSpec(band.figure).meaning), formatQuantity(band.p10), formatQuantity(band.p50),
              formatQuantity(band.p90), QString::fromLatin1(outputSpec(band.figure).unit)});
    }
    emit uncertaintyFinished();
  });
  timer->start(100);
}

QString WhatIfPanel::bandsStatus() const {
  return bandsStatus_->text();
}

void WhatIfPanel::cancelUncertainty() {
  if (running_) running_->cancel = true;
}

}  // namespace gigaplan
