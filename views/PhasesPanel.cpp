#include "PhasesPanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ProjectDocument.h"

namespace gigaplan {

namespace {
QString thousands(double value) {
  return QLocale().toString(value, 'f', 0);
}
QString billions(double usd) {
  return QStringLiteral("%1").arg(usd / 1e9, 0, 'f', 2);
}
}  // namespace

PhasesPanel::PhasesPanel(QWidget* parent) : QWidget(parent), shown_(new QComboBox(this)), table_(new QTableWidget(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* row = new QHBoxLayout;
  row->addWidget(new QLabel(tr("Floor shows the site after:"), this));
  row->addWidget(shown_, 1);
  layout->addLayout(row);
  layout->addWidget(table_);
  table_->setColumnCount(10);
  table_->setHorizontalHeaderLabels({tr("Phase"), tr("Start"), tr("First rack"), tr("Training"), tr("GPUs added"),
                                     tr("GPUs online"), tr("Facility MW"), tr("Available MW"), tr("Margin MW"),
                                     tr("Capex $B")});
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  connect(shown_, &QComboBox::currentIndexChanged, this, [this] { emit shownPhaseChanged(shownPhase()); });
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

void PhasesPanel::refresh() {
  const bool hasPlan = document_ && document_->result().plan;
  const std::vector<PhaseResult> phases = hasPlan ? document_->result().plan->phases : std::vector<PhaseResult>{};
  table_->setRowCount(static_cast<int>(phases.size()));
  for (int r = 0; r < static_cast<int>(phases.size()); ++r) {
    const PhaseResult& p = phases[static_cast<std::size_t>(r)];
    const double margin = valueOf(p.site, OutputId::sitePowerMarginMw);
    const double available = valueOf(p.site, OutputId::sitePowerAvailableMw);
    const QStringList cells = {p.name,
                               p.start.toString(Qt::ISODate),
                               p.firstRack.toString(Qt::ISODate),
                               p.training.toString(Qt::ISODate),
                               thousands(p.gpusAdded),
                               thousands(valueOf(p.site, OutputId::clusterGpus)),
                               QString::number(valueOf(p.site, OutputId::powerFacilityMw), 'f', 1),
                               available > 0 ? QString::number(available, 'f', 1) : tr("not planned"),
                               available > 0 ? QString::number(margin, 'f', 1) : QString(),
                               billions(valueOf(p.added, OutputId::costCapexUsd))};
    for (int c = 0; c < cells.size(); ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      if (c == 8 && available > 0 && margin < 0) item->setForeground(Qt::red);
      table_->setItem(r, c, item);
    }
  }
  // The phase choice keeps its place when the figures change, and starts at the whole site.
  const int chosen = shownPhase();
  const QSignalBlocker quiet(shown_);
  shown_->clear();
  shown_->addItem(tr("all phases"), -1);
  for (int r = 0; r < static_cast<int>(phases.size()); ++r) shown_->addItem(phases[static_cast<std::size_t>(r)].name, r);
  shown_->setCurrentIndex(std::max(0, shown_->findData(chosen)));
  if (shownPhase() != chosen) emit shownPhaseChanged(shownPhase());
}

}  // namespace gigaplan
