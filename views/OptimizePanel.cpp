#include "OptimizePanel.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "ScatterChart.h"
#include "document/ProjectDocument.h"
#include "engine/ResultFormat.h"
#include "optimize/ParetoFront.h"

namespace gigaplan {

namespace {

constexpr int kProgressSteps = 1000;

QString figureName(OutputId id) {
  return QString::fromLatin1(outputSpec(id).meaning);
}

QString choiceText(const QJsonValue& value) {
  return value.isDouble() ? QString::number(value.toDouble()) : value.toString();
}

}  // namespace

struct OptimizePanel::Run {
  std::atomic<bool> cancel{false};
  std::atomic<bool> finished{false};
  std::atomic<int> progress{0};  ///< of kProgressSteps: screening the first half, floors the second
  OptimizeSpec spec;
  SearchResult result;
};

OptimizePanel::OptimizePanel(QWidget* parent)
    : QWidget(parent),
      goal_(new QPlainTextEdit(this)),
      runButton_(new QPushButton(tr("Run"), this)),
      keepButton_(new QPushButton(tr("Keep as Variant and Compare"), this)),
      progress_(new QProgressBar(this)),
      status_(new QLabel(this)),
      xAxis_(new QComboBox(this)),
      yAxis_(new QComboBox(this)),
      colour_(new QComboBox(this)),
      chart_(new ScatterChart(this)),
      frontTable_(new QTableWidget(this)) {
  goal_->setObjectName(QStringLiteral("optimizeGoal"));
  goal_->setLineWrapMode(QPlainTextEdit::NoWrap);
  goal_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  runButton_->setObjectName(QStringLiteral("optimizeRun"));
  keepButton_->setObjectName(QStringLiteral("optimizeKeep"));
  keepButton_->setEnabled(false);
  status_->setWordWrap(true);
  progress_->setRange(0, kProgressSteps);
  progress_->setValue(0);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(runButton_);
  buttons->addWidget(progress_, 1);
  auto* goalBox = new QWidget(this);
  auto* goalLayout = new QVBoxLayout(goalBox);
  goalLayout->setContentsMargins(0, 0, 0, 0);
  goalLayout->addWidget(
      new QLabel(tr("Goal (JSON; without \"base\" it starts from this plan's base scenario):"), goalBox));
  goalLayout->addWidget(goal_);
  goalLayout->addLayout(buttons);
  goalLayout->addWidget(status_);

  auto* axes = new QHBoxLayout;
  for (auto [label, box] : {std::pair{tr("X"), xAxis_}, std::pair{tr("Y"), yAxis_}, std::pair{tr("Colour"), colour_}}) {
    axes->addWidget(new QLabel(label, this));
    axes->addWidget(box, 1);
    connect(box, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
  }
  auto* chartBox = new QWidget(this);
  auto* chartLayout = new QVBoxLayout(chartBox);
  chartLayout->setContentsMargins(0, 0, 0, 0);
  chartLayout->addLayout(axes);
  chartLayout->addWidget(chart_, 1);
  auto* keepRow = new QHBoxLayout;
  keepRow->addStretch();
  keepRow->addWidget(keepButton_);
  chartLayout->addLayout(keepRow);

  frontTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  frontTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
  frontTable_->setSelectionMode(QAbstractItemView::SingleSelection);
  frontTable_->verticalHeader()->hide();

  auto* split = new QSplitter(Qt::Vertical, this);
  split->addWidget(goalBox);
  split->addWidget(chartBox);
  split->addWidget(frontTable_);
  split->setStretchFactor(1, 2);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(split);

  connect(runButton_, &QPushButton::clicked, this, [this] { running_ ? cancel() : (void)run(); });
  connect(chart_, &ScatterChart::pointClicked, this, [this](int point) { pick(point); });
  connect(frontTable_, &QTableWidget::cellClicked, this, [this](int row, int) {
    const QVariant finalist = frontTable_->item(row, 0)->data(Qt::UserRole);
    if (finalist.isValid()) pick(finalist.toInt());
  });
  connect(keepButton_, &QPushButton::clicked, this, [this] { keepAsVariant(picked_); });
}

OptimizePanel::~OptimizePanel() {
  if (running_) running_->cancel = true;
}

void OptimizePanel::setDocument(ProjectDocument* document) {
  if (document_) disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  if (!document_) return;
  // The default goal follows the plan's figures until the planner edits it.
  auto refreshDefault = [this] {
    if (goal_->toPlainText().trimmed().isEmpty() || goal_->toPlainText() == offeredGoal_) {
      offeredGoal_ = defaultGoal();
      goal_->setPlainText(offeredGoal_);
    }
  };
  connect(document_, &ProjectDocument::resultReady, this, refreshDefault);
  connect(document_, &ProjectDocument::projectReplaced, this, refreshDefault);
  refreshDefault();
}

QString OptimizePanel::defaultGoal() const {
  double facilityMw = 0;
  if (document_) facilityMw = valueOf(document_->result().evaluation.outputs, OutputId::powerFacilityMw);
  QJsonObject goal{{QStringLiteral("objectives"),
                    QJsonArray{QJsonObject{{QStringLiteral("minimize"), QStringLiteral("cost.tcoUsdPerYear")}},
                               QJsonObject{{QStringLiteral("maximize"), QStringLiteral("network.bisectionPerGpuGbps")}},
                               QJsonObject{{QStringLiteral("maximize"), QStringLiteral("availability.delivered")}}}},
                   {QStringLiteral("maxBrokenLimits"), 0},
                   {QStringLiteral("space"),
                    QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("network.oversubscriptionTier1")},
                                           {QStringLiteral("values"), QJsonArray{1, 1.5, 2, 3}}},
                               QJsonObject{{QStringLiteral("path"), QStringLiteral("network.oversubscriptionTier2")},
                                           {QStringLiteral("values"), QJsonArray{1, 1.5, 2, 3}}},
                               QJsonObject{{QStringLiteral("path"), QStringLiteral("network.planes")},
                                           {QStringLiteral("values"), QJsonArray{0, 1, 2, 4}}},
                               QJsonObject{{QStringLiteral("path"), QStringLiteral("electrical.redundancy")},
                                           {QStringLiteral("values"), QJsonArray{1, 2}}}}},
                   {QStringLiteral("seed"), 1},
                   {QStringLiteral("population"), 32},
                   {QStringLiteral("generations"), 20},
                   {QStringLiteral("finalists"), 16}};
  if (std::isfinite(facilityMw) && facilityMw > 0)
    goal.insert(QStringLiteral("constraints"),
                QJsonArray{QJsonObject{{QStringLiteral("output"), QStringLiteral("power.facilityMw")},
                                       {QStringLiteral("max"), std::ceil(facilityMw)}}});
  return QString::fromUtf8(QJsonDocument(goal).toJson(QJsonDocument::Indented));
}

bool OptimizePanel::run() {
  if (running_ || !document_) return false;
  QJsonParseError parseError;
  const QJsonDocument json = QJsonDocument::fromJson(goal_->toPlainText().toUtf8(), &parseError);
  if (parseError.error != QJsonParseError::NoError || !json.isObject()) {
    status_->setText(
        tr("The goal is not a JSON object: %1 at character %2").arg(parseError.errorString()).arg(parseError.offset));
    return false;
  }
  ScenarioErrors errors;
  auto spec = OptimizeSpec::fromJson(json.object(), QString(), errors, &document_->project());
  if (!spec) {
    QStringList problems;
    for (const ScenarioError& error : errors) problems << error.text();
    status_->setText(problems.join(QLatin1Char('\n')));
    return false;
  }
  auto run = std::make_shared<Run>();
  run->spec = std::move(*spec);
  running_ = run;
  runButton_->setText(tr("Cancel"));
  progress_->setValue(0);
  progress_->setFormat(QStringLiteral("%p%"));
  status_->setText(tr("Searching %L1 designs…").arg(run->spec.spaceSize(), 0, 'f', 0));
  QThreadPool::globalInstance()->start([run] {
    run->result = optimize(run->spec, [run](const QString& stage, double done) {
      const bool floors = stage == QLatin1String("floors");
      run->progress = static_cast<int>(kProgressSteps * (floors ? 0.5 + done / 2 : done / 2));
      return !run->cancel.load();
    });
    run->finished = true;
  });
  // Polling keeps the worker free of Qt objects; ten updates a second are enough for a bar.
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, [this, timer, run] {
    progress_->setValue(run->progress.load());
    if (!run->finished) return;
    timer->deleteLater();
    running_.reset();
    runButton_->setText(tr("Run"));
    if (run->result.cancelled) {
      progress_->setFormat(tr("cancelled at %p%"));
      status_->setText(tr("Cancelled; the designs shown are from the search before."));
      emit cancelled();
      return;
    }
    progress_->setValue(kProgressSteps);
    spec_ = run->spec;
    result_ = std::move(run->result);
    showResult();
    emit finished();
  });
  timer->start(100);
  return true;
}

void OptimizePanel::cancel() {
  if (running_) running_->cancel = true;
}

QString OptimizePanel::status() const {
  return status_->text();
}

void OptimizePanel::showResult() {
  const SearchResult& result = *result_;
  QString text = tr("%L1 designs screened in %2 generations; %3 judged on their floors; %4 on the front.")
                     .arg(result.screened)
                     .arg(result.generations)
                     .arg(result.finalists.size())
                     .arg(result.front.size());
  if (!spec_->reference.isEmpty()) text += QLatin1Char(' ') + referenceVerdict(*spec_, result);
  status_->setText(text);

  // The axes offer the goal's figures and the headline figures.
  std::vector<OutputId> figures;
  for (const Objective& objective : spec_->objectives) figures.push_back(objective.output);
  for (const Constraint& constraint : spec_->constraints) figures.push_back(constraint.output);
  for (OutputId id : frontFigures()) figures.push_back(id);
  for (QComboBox* box : {xAxis_, yAxis_, colour_}) {
    const QSignalBlocker quiet(box);
    box->clear();
    for (OutputId id : figures)
      if (box->findData(static_cast<int>(id)) < 0) box->addItem(figureName(id), static_cast<int>(id));
  }
  xAxis_->setCurrentIndex(0);
  yAxis_->setCurrentIndex(spec_->objectives.size() > 1 ? 1 : 0);
  colour_->setCurrentIndex(spec_->objectives.size() > 2 ? 2 : 0);

  // The front as a table: its choices, then the goal's figures.
  QStringList header{tr("#")};
  for (const DesignVariable& variable : spec_->space) header << variable.path;
  for (const Objective& objective : spec_->objectives) header << figureName(objective.output);
  if (!spec_->reference.isEmpty()) header << tr("Beats %1").arg(spec_->reference);
  frontTable_->clear();
  frontTable_->setColumnCount(static_cast<int>(header.size()));
  frontTable_->setHorizontalHeaderLabels(header);
  frontTable_->setRowCount(static_cast<int>(result.front.size()));
  for (int row = 0; row < static_cast<int>(result.front.size()); ++row) {
    const Finalist& design = result.front[static_cast<std::size_t>(row)];
    int finalist = -1;
    for (int f = 0; f < static_cast<int>(result.finalists.size()); ++f)
      if (result.finalists[static_cast<std::size_t>(f)].genes == design.genes) finalist = f;
    QStringList cells{QString::number(row + 1)};
    for (std::size_t v = 0; v < spec_->space.size(); ++v)
      cells << choiceText(spec_->space[v].values[static_cast<std::size_t>(design.genes[v])]);
    for (const Objective& objective : spec_->objectives)
      cells << formatQuantity(valueOf(design.figures, objective.output));
    if (!spec_->reference.isEmpty()) cells << (beatsReference(*spec_, design) ? tr("yes") : tr("no"));
    for (int c = 0; c < static_cast<int>(cells.size()); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if (c == 0) item->setData(Qt::UserRole, finalist);
      frontTable_->setItem(row, c, item);
    }
  }
  frontTable_->resizeColumnsToContents();
  picked_ = -1;
  keepButton_->setEnabled(false);
  redraw();
}

void OptimizePanel::redraw() {
  if (!result_ || xAxis_->count() == 0) return chart_->clear();
  const auto x = static_cast<OutputId>(xAxis_->currentData().toInt());
  const auto y = static_cast<OutputId>(yAxis_->currentData().toInt());
  const auto c = static_cast<OutputId>(colour_->currentData().toInt());
  std::vector<ScatterPoint> points;
  for (const Finalist& design : result_->finalists) {
    bool onFront = false;
    for (const Finalist& best : result_->front) onFront = onFront || best.genes == design.genes;
    QStringList tip;
    for (std::size_t v = 0; v < spec_->space.size(); ++v)
      tip << QStringLiteral("%1 = %2").arg(
          spec_->space[v].path, choiceText(spec_->space[v].values[static_cast<std::size_t>(design.genes[v])]));
    for (OutputId id : {x, y, c})
      tip << QStringLiteral("%1: %2 %3")
                 .arg(figureName(id), formatQuantity(valueOf(design.figures, id)),
                      QString::fromLatin1(outputSpec(id).unit));
    tip << (onFront ? tr("on the front") : tr("dominated by a design of the front"));
    if (!design.problems.isEmpty()) tip << tr("breaks: %1").arg(design.problems.join(QStringLiteral("; ")));
    points.push_back({valueOf(design.figures, x), valueOf(design.figures, y), valueOf(design.figures, c),
                      tip.join(QLatin1Char('\n')), design.judged.violation > 0});
  }
  chart_->setPoints(std::move(points), xAxis_->currentText(), yAxis_->currentText(), colour_->currentText());
  chart_->select(picked_);
}

void OptimizePanel::pick(int finalist) {
  if (!result_ || finalist < 0 || finalist >= static_cast<int>(result_->finalists.size())) return;
  picked_ = finalist;
  chart_->select(finalist);
  keepButton_->setEnabled(document_ != nullptr);
}

int OptimizePanel::keepAsVariant(int index) {
  if (!document_ || !result_ || !spec_ || index < 0 || index >= static_cast<int>(result_->finalists.size())) return -1;
  const Finalist& design = result_->finalists[static_cast<std::size_t>(index)];
  Variant variant;
  const Project plan = spec_->projectOf(design.genes);
  variant.scenario = plan.scenario;
  variant.phases = plan.phases;
  variant.tenants = plan.tenants;
  QStringList choices;
  for (std::size_t v = 0; v < spec_->space.size(); ++v)
    choices << QStringLiteral("%1=%2").arg(
        spec_->space[v].path.section(QLatin1Char('.'), -1),
        choiceText(spec_->space[v].values[static_cast<std::size_t>(design.genes[v])]));
  variant.name = tr("Optimized: %1").arg(choices.join(QLatin1Char(' '))).left(200);
  variant.scenario.name = variant.name;
  QString error;
  if (!document_->keepVariant(std::move(variant), &error)) {
    status_->setText(error);
    return -1;
  }
  const int kept = static_cast<int>(document_->project().variants.size()) - 1;
  emit variantKept(kept);
  return kept;
}

}  // namespace gigaplan
