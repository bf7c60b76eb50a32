#include "HeadlineBar.h"

#include <QLocale>
#include <QToolButton>

#include "report/ProjectReport.h"

namespace gigaplan {

namespace {

/// The headline figures, in reading order: what is built, what it draws, what it costs, what it does.
constexpr OutputId kHeadline[] = {OutputId::clusterGpus,       OutputId::powerFacilityMw,
                                  OutputId::costCapexUsd,      OutputId::costTcoUsdPerYear,
                                  OutputId::costUsdPerGpuHour, OutputId::networkBisectionPerGpuGbps,
                                  OutputId::reliabilityEttr};

QString label(OutputId id) {
  switch (id) {
    case OutputId::clusterGpus:
      return HeadlineBar::tr("GPUs");
    case OutputId::powerFacilityMw:
      return HeadlineBar::tr("Facility");
    case OutputId::costCapexUsd:
      return HeadlineBar::tr("Capex");
    case OutputId::costTcoUsdPerYear:
      return HeadlineBar::tr("TCO a year");
    case OutputId::costUsdPerGpuHour:
      return HeadlineBar::tr("per GPU-hour");
    case OutputId::networkBisectionPerGpuGbps:
      return HeadlineBar::tr("Bisection per GPU");
    case OutputId::reliabilityEttr:
      return HeadlineBar::tr("Effective training time");
    default:
      return QString::fromLatin1(outputSpec(id).path);
  }
}

QString valueText(OutputId id, const OutputValues& site) {
  const double value = valueOf(site, id);
  const QLocale locale(QLocale::English);
  switch (id) {
    case OutputId::clusterGpus:
      return ProjectReport::formatCount(value);
    case OutputId::powerFacilityMw: {
      const double available = valueOf(site, OutputId::sitePowerAvailableMw);
      return available > 0
                 ? HeadlineBar::tr("%1 of %2").arg(ProjectReport::formatMw(value), ProjectReport::formatMw(available))
                 : ProjectReport::formatMw(value);
    }
    case OutputId::costCapexUsd:
    case OutputId::costTcoUsdPerYear:
    case OutputId::costUsdPerGpuHour:
      return ProjectReport::formatUsd(value);
    case OutputId::networkBisectionPerGpuGbps:
      return locale.toString(value, 'f', 0) + QStringLiteral(" Gb/s");
    case OutputId::reliabilityEttr:
      return locale.toString(100.0 * value, 'f', 1) + QStringLiteral(" %");
    default:
      return locale.toString(value, 'g', 4);
  }
}

}  // namespace

HeadlineBar::HeadlineBar(QWidget* parent) : QToolBar(tr("Headline"), parent) {
  setObjectName(QStringLiteral("headlineBar"));
  setMovable(false);
  setFloatable(false);
  setToolButtonStyle(Qt::ToolButtonTextOnly);
  for (OutputId id : kHeadline) {
    auto* button = new QToolButton(this);
    button->setAutoRaise(true);
    button->setToolTip(tr("%1 (%2): show it in Figures")
                           .arg(QString::fromLatin1(outputSpec(id).meaning), QString::fromLatin1(outputSpec(id).path)));
    connect(button, &QToolButton::clicked, this, [this, id] { emit figureRequested(id); });
    addWidget(button);
    addSeparator();
    entries_.push_back({id, button});
  }
  findings_ = new QToolButton(this);
  findings_->setAutoRaise(true);
  connect(findings_, &QToolButton::clicked, this, &HeadlineBar::findingsRequested);
  addWidget(findings_);
}

void HeadlineBar::showResult(const OutputValues& site, const QString& findings, const QString& findingsDetail) {
  for (const Entry& entry : entries_)
    entry.button->setText(QStringLiteral("%1: %2").arg(label(entry.id), valueText(entry.id, site)));
  // Facility power beyond what the site has, and any broken limit, stand out.
  const double available = valueOf(site, OutputId::sitePowerAvailableMw);
  const bool short_ = available > 0 && valueOf(site, OutputId::powerFacilityMw) > available;
  for (const Entry& entry : entries_)
    if (entry.id == OutputId::powerFacilityMw)
      entry.button->setStyleSheet(short_ ? QStringLiteral("color: #b00020") : QString());
  findings_->setText(findings);
  findings_->setToolTip(findingsDetail);
}

QString HeadlineBar::entryText(OutputId id) const {
  for (const Entry& entry : entries_)
    if (entry.id == id) return entry.button->text();
  return {};
}

QString HeadlineBar::findingsText() const {
  return findings_->text();
}

}  // namespace gigaplan
