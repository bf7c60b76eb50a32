#include "PhasesPanel.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include "document/ProjectDocument.h"

namespace gigaplan {

namespace {
QString thousands(double value) {
  return QLocale().toString(value, 'f', 0);
}
QString billions(double usd) {
  return QStringLiteral("%1").arg(usd / 1e9, 0, 'f', 2);
}
}  // namespace

PhasesPanel::PhasesPanel(QWidget* parent)
    : QWidget(parent),
      shown_(new QComboBox(this)),
      error_(new EditMessage(this)),
      table_(new QTableWidget(this)),
      timeline_(new QChart) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Floor shows the site after:"), this));
  row->addWidget(shown_, 1);
  auto* add = new QPushButton(tr("Add Phase"), this);
  auto* remove = new QPushButton(tr("Remove Phase"), this);
  row->addWidget(add);
  row->addWidget(remove);
  layout->addLayout(row);
  auto* split = new QHBoxLayout;
  split->addWidget(table_, 3);
  auto* chartView = new QChartView(timeline_, this);
  chartView->setRenderHint(QPainter::Antialiasing);
  chartView->setMinimumWidth(480);
  timeline_->setMargins(QMargins(2, 2, 2, 2));
  // The legend on the right leaves the plot the dock's height for its value labels.
  timeline_->legend()->setAlignment(Qt::AlignRight);
  split->addWidget(chartView, 2);
  layout->addLayout(split);
  layout->addWidget(error_);
  table_->setColumnCount(kColumnCount);
  table_->setHorizontalHeaderLabels({tr("Phase"), tr("Start"), tr("Systems added (type: GPUs)"),
                                     tr("Inputs set (path=value)"), tr("First rack"), tr("Training"), tr("GPUs added"),
                                     tr("GPUs online"), tr("Facility MW"), tr("Available MW"), tr("Margin MW"),
                                     tr("Capex $B")});
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  connect(shown_, &QComboBox::currentIndexChanged, this, [this] { emit shownPhaseChanged(shownPhase()); });
  connect(table_, &QTableWidget::itemChanged, this, &PhasesPanel::cellEdited);
  connect(add, &QPushButton::clicked, this, &PhasesPanel::addPhase);
  connect(remove, &QPushButton::clicked, this, [this] { removePhase(table_->currentRow()); });
}

void PhasesPanel::setDocument(ProjectDocument* document) {
  if (document_) disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  if (document_) connect(document_, &ProjectDocument::resultReady, this, &PhasesPanel::refresh);
  refresh();
}

int PhasesPanel::shownPhase() const {
  return shown_->currentData().isValid() ? shown_->currentData().toInt() : -1;
}

QString PhasesPanel::lastError() const {
  return error_->shown();
}

QString PhasesPanel::systemsText(const std::vector<PhaseSystems>& systems) {
  QStringList parts;
  for (const PhaseSystems& s : systems) parts << QStringLiteral("%1: %2").arg(s.systemType).arg(s.gpus, 0, 'f', 0);
  return parts.join(QStringLiteral("; "));
}

QString PhasesPanel::inputsText(const QMap<InputId, double>& inputs) {
  QStringList parts;
  for (auto it = inputs.begin(); it != inputs.end(); ++it)
    parts << QStringLiteral("%1=%2").arg(QString::fromLatin1(inputSpec(it.key()).path)).arg(it.value(), 0, 'g', 10);
  return parts.join(QStringLiteral("; "));
}

std::optional<QMap<InputId, double>> PhasesPanel::parseInputs(const QString& text) {
  QMap<InputId, double> inputs;
  for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
    const QStringList fields = part.split(QLatin1Char('='));
    const auto id = findInput(fields.value(0).trimmed());
    bool ok = false;
    const double value = fields.value(1).trimmed().toDouble(&ok);
    if (fields.size() != 2 || !id || !ok) return std::nullopt;
    inputs.insert(*id, value);
  }
  return inputs;
}

std::optional<std::vector<PhaseSystems>> PhasesPanel::parseSystems(const QString& text) {
  std::vector<PhaseSystems> systems;
  for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
    const QStringList fields = part.split(QLatin1Char(':'));
    bool ok = false;
    const double gpus = fields.value(1).trimmed().remove(QLatin1Char(',')).toDouble(&ok);
    if (fields.size() != 2 || !ok) return std::nullopt;
    systems.push_back({fields[0].trimmed(), gpus});
  }
  return systems;
}

QString PhasesPanel::plannedText(int row, int column) const {
  const std::vector<Phase>& own = document_->project().phases;
  if (row < 0 || static_cast<std::size_t>(row) >= own.size()) return {};
  const Phase& phase = own[static_cast<std::size_t>(row)];
  switch (column) {
    case kName:
      return phase.name;
    case kStart:
      return phase.start.toString(Qt::ISODate);
    case kSystems:
      return systemsText(phase.systems);
    case kInputs:
      return inputsText(phase.inputs);
    default:
      return {};
  }
}

void PhasesPanel::refuse(QTableWidgetItem* edited, const QString& message) {
  // The cell goes back at once: the table is not rebuilt while its editor is still closing.
  filling_ = true;
  edited->setText(plannedText(edited->row(), edited->column()));
  filling_ = false;
  error_->refuse(message);
}

void PhasesPanel::apply(std::vector<Phase> phases, QTableWidgetItem* edited) {
  QString error;
  if (document_ && !document_->setPhases(std::move(phases), &error) && !error.isEmpty()) {
    if (edited) return refuse(edited, error);
    refresh();  // the table shows the phases as they are
    error_->refuse(error);
    return;
  }
  error_->accept();
}

void PhasesPanel::cellEdited(QTableWidgetItem* item) {
  if (filling_ || !document_) return;
  std::vector<Phase> phases = document_->project().phases;
  const auto row = static_cast<std::size_t>(item->row());
  if (row >= phases.size()) return;
  const QString text = item->text().trimmed();
  if (item->column() == kName) {
    phases[row].name = text;
  } else if (item->column() == kStart) {
    phases[row].start = QDate::fromString(text, Qt::ISODate);
  } else if (item->column() == kSystems) {
    const auto systems = parseSystems(text);
    if (!systems) return refuse(item, tr("phases[%1].systems: write them as \"type: GPUs; type: GPUs\"").arg(row + 1));
    phases[row].systems = *systems;
  } else if (item->column() == kInputs) {
    const auto inputs = parseInputs(text);
    if (!inputs)
      return refuse(item,
                    tr("phases[%1].set: write them as \"path=value; path=value\" with known input paths").arg(row + 1));
    phases[row].inputs = *inputs;
  }
  apply(std::move(phases), item);
}

void PhasesPanel::addPhase() {
  if (!document_) return;
  std::vector<Phase> phases = document_->project().phases;
  // A project without phases is one build: it becomes the first phase.
  if (phases.empty() && document_->result().resolved)
    phases = PhasePlan::phasesOf(document_->project(), *document_->result().resolved);
  Phase next;
  next.name = tr("Phase %1").arg(phases.size() + 1);
  next.start = phases.empty() ? QDate::currentDate() : phases.back().start.addMonths(6);
  // A new phase buys nothing until the planner says what: its systems start empty (a phase may
  // also only change inputs, such as the site's power).
  if (phases.empty()) next.systems = {{document_->project().scenario.systemType, 8192}};
  if (!phases.empty() && !phases.back().start.isValid()) next.start = QDate::currentDate();
  phases.push_back(next);
  apply(std::move(phases));
}

void PhasesPanel::removePhase(int index) {
  if (!document_ || index < 0 || index >= static_cast<int>(document_->project().phases.size())) return;
  std::vector<Phase> phases = document_->project().phases;
  phases.erase(phases.begin() + index);
  apply(std::move(phases));
}

void PhasesPanel::refresh() {
  // Rebuilding the items would throw away what the planner is typing; the next figures refresh.
  // (An open cell editor is a child of the table holding the focus.)
  if (QWidget* focus = QApplication::focusWidget(); focus && focus != table_ && table_->isAncestorOf(focus)) return;
  const ProjectResult* result = document_ ? &document_->result() : nullptr;
  // Figures only when they belong to the phases shown: an edit is evaluated a moment later.
  const bool current = result && result->plan && result->revision == document_->revision();
  const std::vector<PhaseResult> figures = current ? result->plan->phases : std::vector<PhaseResult>{};
  const std::vector<Phase>& own = document_ ? document_->project().phases : std::vector<Phase>{};
  // A project without phases shows its one build (from the figures) and is not edited here.
  const bool editable = !own.empty();
  const int rows = editable ? static_cast<int>(own.size()) : static_cast<int>(figures.size());
  filling_ = true;
  table_->setRowCount(rows);
  for (int r = 0; r < rows; ++r) {
    const auto k = static_cast<std::size_t>(r);
    const PhaseResult* p = k < figures.size() ? &figures[k] : nullptr;
    QStringList cells(kColumnCount);
    for (int c : {kName, kStart, kSystems, kInputs}) cells[c] = editable ? plannedText(r, c) : QString();
    if (!editable) {
      cells[kName] = p->name;
      cells[kStart] = p->start.toString(Qt::ISODate);
    }
    const double available = p ? valueOf(p->site, OutputId::sitePowerAvailableMw) : 0.0;
    const double margin = p ? valueOf(p->site, OutputId::sitePowerMarginMw) : 0.0;
    if (p) {
      cells[kFirstRack] = p->firstRack.toString(Qt::ISODate);
      cells[kTraining] = p->training.toString(Qt::ISODate);
      cells[kGpusAdded] = thousands(p->gpusAdded);
      cells[kGpusOnline] = thousands(valueOf(p->site, OutputId::clusterGpus));
      cells[kFacilityMw] = QString::number(valueOf(p->site, OutputId::powerFacilityMw), 'f', 1);
      cells[kAvailableMw] = available > 0 ? QString::number(available, 'f', 1) : tr("not planned");
      cells[kMarginMw] = available > 0 ? QString::number(margin, 'f', 1) : QString();
      cells[kCapex] = billions(valueOf(p->added, OutputId::costCapexUsd));
    }
    for (int c = 0; c < kColumnCount; ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      const bool edits = editable && (c == kName || c == kStart || c == kSystems || c == kInputs);
      item->setFlags(edits ? item->flags() | Qt::ItemIsEditable : item->flags() & ~Qt::ItemIsEditable);
      if (c > kInputs) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      if (c == kMarginMw && available > 0 && margin < 0) item->setForeground(Qt::red);
      table_->setItem(r, c, item);
    }
  }
  filling_ = false;
  // Phases that check out can still fail to evaluate (a fabric the switch cannot build): say so.
  const bool failed = result && result->revision == document_->revision() && !result->error.isEmpty();
  error_->setEvaluationError(failed ? result->error : QString());
  showTimeline(figures);
  // The phase choice follows its phase by name when phases come or go (else keeps its place),
  // and starts at the whole site.
  const int chosen = shownPhase();
  const QString chosenName = chosen >= 0 ? shown_->currentText() : QString();
  const QSignalBlocker quiet(shown_);
  shown_->clear();
  shown_->addItem(tr("all phases"), -1);
  for (int r = 0; r < rows; ++r) shown_->addItem(table_->item(r, kName)->text(), r);
  const int byName = chosen >= 0 ? shown_->findText(chosenName) : -1;
  shown_->setCurrentIndex(byName > 0 ? byName : std::max(0, shown_->findData(chosen)));
  if (shownPhase() != chosen) emit shownPhaseChanged(shownPhase());
}

void PhasesPanel::showTimeline(const std::vector<PhaseResult>& phases) {
  timeline_->removeAllSeries();
  for (QAbstractAxis* axis : timeline_->axes()) {
    timeline_->removeAxis(axis);
    delete axis;
  }
  if (phases.empty()) return;
  // Steps: GPUs and facility power come online at each phase's training date; the power the
  // site has changes at each phase's start.
  auto* gpus = new QLineSeries;
  gpus->setName(tr("GPUs online (thousands)"));
  auto* facility = new QLineSeries;
  facility->setName(tr("facility MW"));
  auto* available = new QLineSeries;
  available->setName(tr("MW available"));
  auto* peak = new QLineSeries;
  peak->setName(tr("with batteries"));
  QPen dashed = peak->pen();
  dashed.setStyle(Qt::DashLine);
  peak->setPen(dashed);
  auto at = [](const QDate& date) { return static_cast<qreal>(QDateTime(date, QTime(0, 0)).toMSecsSinceEpoch()); };
  const QDate first = phases.front().start;
  QDate last = phases.back().training.addMonths(3);
  // A small late phase may train before a large earlier one: the steps go in date order, each
  // adding what its phase adds.
  struct Step {
    QDate date;
    double gpus;
    double facilityMw;
  };
  std::vector<Step> online;
  double facilityBefore = 0;
  for (const PhaseResult& p : phases) {
    const double facilityAfter = valueOf(p.site, OutputId::powerFacilityMw);
    online.push_back({p.training, p.gpusAdded / 1000.0, facilityAfter - facilityBefore});
    facilityBefore = facilityAfter;
  }
  std::stable_sort(online.begin(), online.end(), [](const Step& a, const Step& b) { return a.date < b.date; });
  double gpusNow = 0, facilityNow = 0, availableBefore = 0, highest = 1;
  for (const Step& step : online) {
    gpus->append(at(step.date), gpusNow);
    facility->append(at(step.date), facilityNow);
    gpusNow += step.gpus;
    facilityNow += step.facilityMw;
    gpus->append(at(step.date), gpusNow);
    facility->append(at(step.date), facilityNow);
    highest = std::max({highest, gpusNow, facilityNow});
    last = std::max(last, step.date.addMonths(3));
  }
  double peakBefore = 0;
  for (const PhaseResult& p : phases) {
    const double availableAfter = valueOf(p.site, OutputId::sitePowerAvailableMw);
    const double peakAfter = valueOf(p.site, OutputId::sitePeakPowerAvailableMw);
    available->append(at(p.start), availableBefore);
    available->append(at(p.start), availableAfter);
    peak->append(at(p.start), peakBefore);
    peak->append(at(p.start), peakAfter);
    availableBefore = availableAfter;
    peakBefore = peakAfter;
    highest = std::max({highest, availableAfter, peakAfter});
  }
  for (QLineSeries* series : {gpus, facility, available, peak}) {
    series->append(at(last), series->at(series->count() - 1).y());
    timeline_->addSeries(series);
  }
  auto* time = new QDateTimeAxis;
  time->setFormat(QStringLiteral("yyyy-MM"));
  time->setRange(QDateTime(first, QTime(0, 0)), QDateTime(last, QTime(0, 0)));
  time->setTickCount(5);
  auto* values = new QValueAxis;
  values->setRange(0, highest * 1.1);
  values->setLabelFormat(QStringLiteral("%.0f"));
  values->setTickCount(4);
  timeline_->addAxis(time, Qt::AlignBottom);
  timeline_->addAxis(values, Qt::AlignLeft);
  for (QAbstractSeries* series : timeline_->series()) {
    series->attachAxis(time);
    series->attachAxis(values);
  }
}

}  // namespace gigaplan
