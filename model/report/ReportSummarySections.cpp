// The report's first pages: the title page, the contents and the executive summary.

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "engine/HardwareCatalog.h"
#include "engine/ResultFormat.h"
#include "plan/ProjectFindings.h"
#include "report/ReportBuilder.h"
#include "report/ReportCharts.h"

namespace gigaplan::report {

namespace {

/// The GPUs on the floor by system type, in the order the types first appear in the plan's groups.
std::vector<std::pair<QString, double>> gpusBySystemType(const PhasePlan& plan) {
  std::vector<std::pair<QString, double>> types;
  for (std::size_t g = 0; g < plan.groups.size() && g < plan.groupOutputs.size(); ++g) {
    const QString& type = plan.groups[g].systemType;
    const double gpus = valueOf(plan.groupOutputs[g], OutputId::clusterGpus);
    auto it = std::find_if(types.begin(), types.end(), [&](const auto& t) { return t.first == type; });
    if (it == types.end())
      types.emplace_back(type, gpus);
    else
      it->second += gpus;
  }
  return types;
}

}  // namespace

void ReportBuilder::titlePage() {
  cursor_.newPage(QString());
  const Project& project = report_.project();
  const QString name = project.scenario.name.isEmpty() ? QStringLiteral("Unnamed project") : project.scenario.name;
  cursor_.place(90, [](QPainter& painter, const QRectF& rect) {
    painter.fillRect(QRectF(rect.left(), rect.top() + 40, 60, 5), kAccent);
  });
  const QFont titleFont = reportFont(24, true);
  cursor_.place(textHeight(name, titleFont, cursor_.width()), [=](QPainter& painter, const QRectF& rect) {
    painter.setPen(kText);
    drawWrappedText(painter, rect, name, titleFont);
  });
  cursor_.skip(8);
  paragraph(QStringLiteral("GPU supercomputer build-out plan"), 13, kAccent, 22);
  // The description's own line breaks stay: a text layout takes line separators, not newlines.
  if (!project.scenario.description.isEmpty())
    paragraph(QString(project.scenario.description).replace(QLatin1Char('\n'), QChar::LineSeparator), 10, kText, 22);

  const OutputValues& site = report_.siteOutputs();
  const auto& plan = phases();
  QStringList systems;
  const std::vector<std::pair<QString, double>> types =
      report_.result().plan ? gpusBySystemType(*report_.result().plan) : std::vector<std::pair<QString, double>>{};
  for (const auto& [type, gpus] : types) {
    const CatalogEntry* entry = HardwareCatalog::bundled().system(type);
    systems << QStringLiteral("%1 GPUs: %2").arg(ProjectReport::formatCount(gpus), entry ? entry->name : type);
  }
  Table facts{{{QString(), 0.28}, {QString(), 0.72}}, {}, 10};
  facts.rows = {
      {{QStringLiteral("Issued"), ProjectReport::formatDate(issued_)}},
      {{QStringLiteral("Total GPUs"), ProjectReport::formatCount(valueOf(site, OutputId::clusterGpus))}},
      {{QStringLiteral("Phases"), QString::number(plan.size())}},
      {{QStringLiteral("Build-out"),
        QStringLiteral("%1 to %2")
            .arg(ProjectReport::formatDate(plan.front().start), ProjectReport::formatDate(plan.back().training))}},
      {{QStringLiteral("Facility power"), ProjectReport::formatMw(valueOf(site, OutputId::powerFacilityMw))}},
      {{QStringLiteral("Capex"), ProjectReport::formatUsd(valueOf(site, OutputId::costCapexUsd))}},
      {{QStringLiteral("GPU systems"), systems.join(QChar(QChar::LineSeparator))}},
  };
  placeTable(facts);
  cursor_.skip(30);
  paragraph(QStringLiteral("All figures come from the Gigaplan engine and the project's floor layout. Every default "
                           "input carries its source and a confidence (see Assumptions); the engine's agreement "
                           "with published figures is in Calibration."),
            8, kMuted);
}

void ReportBuilder::contentsPage() {
  cursor_.newPage(QStringLiteral("Contents"));
  const QFont headingFont = reportFont(16, true);
  cursor_.place(30, [=](QPainter& painter, const QRectF& rect) {
    painter.setFont(headingFont);
    painter.setPen(kAccent);
    painter.drawText(rect.adjusted(0, 0, 0, -8), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Contents"));
  });
  cursor_.skip(10);
  for (std::size_t i = 0; i < plannedContents_.size(); ++i) {
    const bool top = plannedContents_[i].level == 1;
    const QFont font = reportFont(top ? 10.5 : 9.0, top);
    const auto contents = contents_;
    cursor_.place(top ? 20 : 15, [=](QPainter& painter, const QRectF& rect) {
      if (i >= contents->size()) return;
      const ContentsEntry& entry = (*contents)[i];
      const double indent = top ? 0.0 : 16.0;
      const QFontMetricsF metrics(font, painter.device());
      const QString page = QString::number(entry.page);
      const double pageWidth = metrics.horizontalAdvance(page);
      const QString title = metrics.elidedText(entry.title, Qt::ElideRight, rect.width() - indent - pageWidth - 30);
      const double titleWidth = metrics.horizontalAdvance(title);
      painter.setFont(font);
      painter.setPen(kText);
      painter.drawText(rect.adjusted(indent, 0, 0, 0), Qt::AlignLeft | Qt::AlignBottom, title);
      painter.drawText(rect, Qt::AlignRight | Qt::AlignBottom, page);
      painter.setPen(QPen(kRule, 0.8, Qt::DotLine));
      const double y = rect.bottom() - 3;
      painter.drawLine(QPointF(rect.left() + indent + titleWidth + 6, y), QPointF(rect.right() - pageWidth - 6, y));
    });
  }
}

void ReportBuilder::executiveSummary() {
  section(QStringLiteral("Executive summary"));
  const OutputValues& site = report_.siteOutputs();
  const auto& plan = phases();
  auto at = [&](OutputId id) { return valueOf(site, id); };
  const QString name =
      report_.project().scenario.name.isEmpty() ? QStringLiteral("The project") : report_.project().scenario.name;
  const qint64 days = plan.front().start.daysTo(plan.back().training);
  const double availableMw = at(OutputId::sitePowerAvailableMw);
  QString intro =
      QStringLiteral("%1 brings %2 GPUs online in %3 %4, from %5 until the last GPUs train on %6 (%7 days). ")
          .arg(name, ProjectReport::formatCount(at(OutputId::clusterGpus)))
          .arg(plan.size())
          .arg(plan.size() == 1 ? QStringLiteral("phase") : QStringLiteral("phases"),
               ProjectReport::formatDate(plan.front().start), ProjectReport::formatDate(plan.back().training))
          .arg(days);
  intro += QStringLiteral("At full IT load the site draws %1 at a PUE of %2")
               .arg(ProjectReport::formatMw(at(OutputId::powerFacilityMw)))
               .arg(at(OutputId::powerPue), 0, 'f', 2);
  intro += availableMw > 0 ? QStringLiteral(", of the %1 it has. ").arg(ProjectReport::formatMw(availableMw))
                           : QStringLiteral(". ");
  intro += QStringLiteral("It costs %1 to build and %2 a year to own, %3 per GPU-hour.")
               .arg(ProjectReport::formatUsd(at(OutputId::costCapexUsd)),
                    ProjectReport::formatUsd(at(OutputId::costTcoUsdPerYear)),
                    ProjectReport::formatUsd(at(OutputId::costUsdPerGpuHour)));
  // With tenants, what they pay and what the operator keeps, in the same paragraph: one line more.
  if (const std::optional<TenantPlan>& tenants = report_.result().tenants; tenants && !tenants->tenants.empty()) {
    const TenantFigures& site = tenants->operatorTotal;
    const std::size_t count = tenants->tenants.size();
    intro +=
        QStringLiteral(" %1 %2 GPUs for %3 a year, a margin of %4 a year after the cost of ownership; %5.")
            .arg(count == 1 ? QStringLiteral("Its tenant rents") : QStringLiteral("Its %1 tenants rent").arg(count),
                 ProjectReport::formatCount(site.gpus - tenants->spare.gpus),
                 ProjectReport::formatUsd(site.revenueUsdPerYear), ProjectReport::formatUsd(site.marginUsdPerYear),
                 std::isfinite(site.paybackYears)
                     ? QStringLiteral("the capex pays back in %1 years").arg(paybackText(site.paybackYears))
                     : QStringLiteral("the capex never pays back"));
  }
  paragraph(intro, 9.5);

  subsection(QStringLiteral("Headline figures of the site after the last phase"));
  const SiteLayout& layout = report_.project().layout;
  Table figures{{{QStringLiteral("Figure"), 0.31},
                 {QStringLiteral("Value"), 0.15, Qt::AlignRight},
                 {QStringLiteral("Detail"), 0.54}},
                {},
                8.5};
  figures.rows = {
      {{QStringLiteral("GPUs"), ProjectReport::formatCount(at(OutputId::clusterGpus)),
        QStringLiteral("%1 nodes in %2 racks")
            .arg(ProjectReport::formatCount(at(OutputId::clusterNodes)),
                 ProjectReport::formatCount(at(OutputId::clusterRacks)))}},
      {{QStringLiteral("IT power at full load"), ProjectReport::formatMw(at(OutputId::powerItMw)),
        QStringLiteral("%1 kW per GPU, all in").arg(formatQuantity(at(OutputId::powerItPerGpuKw)))}},
      {{QStringLiteral("Facility power"), ProjectReport::formatMw(at(OutputId::powerFacilityMw)),
        QStringLiteral("PUE %1; %2 on average over a year")
            .arg(at(OutputId::powerPue), 0, 'f', 2)
            .arg(ProjectReport::formatMw(at(OutputId::powerAverageFacilityMw)))}},
      {{QStringLiteral("Power available"), ProjectReport::formatMw(availableMw),
        availableMw > 0 ? QStringLiteral("margin %1").arg(ProjectReport::formatMw(at(OutputId::sitePowerMarginMw)))
                        : QStringLiteral("not set (site.gridMw, site.onsiteGenerationMw)")}},
      {{QStringLiteral("Training power swing"), ProjectReport::formatMw(at(OutputId::powerTrainingSwingMw)),
        QStringLiteral("battery of %1 MWh carries it").arg(formatQuantity(at(OutputId::powerBatteryMwh)))}},
      {{QStringLiteral("Bisection bandwidth"),
        formatQuantity(at(OutputId::networkBisectionPbps)) + QStringLiteral(" Pb/s"),
        QStringLiteral("%1 Gb/s per GPU; %2 switches in %3 tiers")
            .arg(formatQuantity(at(OutputId::networkBisectionPerGpuGbps)),
                 ProjectReport::formatCount(at(OutputId::networkSwitches)),
                 ProjectReport::formatCount(at(OutputId::networkTiers)))}},
      {{QStringLiteral("Capex"), ProjectReport::formatUsd(at(OutputId::costCapexUsd)),
        QStringLiteral("%1 per GPU").arg(ProjectReport::formatUsd(at(OutputId::costCapexPerGpuUsd)))}},
      {{QStringLiteral("TCO per year"), ProjectReport::formatUsd(at(OutputId::costTcoUsdPerYear)),
        QStringLiteral("energy %1 a year").arg(ProjectReport::formatUsd(at(OutputId::costEnergyUsdPerYear)))}},
      {{QStringLiteral("Cost per GPU-hour"), ProjectReport::formatUsd(at(OutputId::costUsdPerGpuHour)),
        QStringLiteral("at %1 % utilization")
            .arg(valueOf(report_.result().resolved->values, InputId::costUtilization) * 100, 0, 'f', 0)}},
      {{QStringLiteral("Interruptions per day"), formatQuantity(at(OutputId::reliabilityUnexpectedPerDay)),
        QStringLiteral("unexpected, of a full-cluster job; %1 with planned ones")
            .arg(formatQuantity(at(OutputId::reliabilityInterruptionsPerDay)))}},
      {{QStringLiteral("Mean time between interruptions"),
        at(OutputId::reliabilityMtbiHours) < 1
            ? formatQuantity(at(OutputId::reliabilityMtbiHours) * 60) + QStringLiteral(" min")
            : formatQuantity(at(OutputId::reliabilityMtbiHours)) + QStringLiteral(" h"),
        QStringLiteral("checkpoint every %1 min (Daly); %2 % effective training time")
            .arg(formatQuantity(at(OutputId::reliabilityDalyIntervalMinutes)))
            .arg(at(OutputId::reliabilityEttr) * 100, 0, 'f', 1)}},
      {{QStringLiteral("Build days"), ProjectReport::formatCount(static_cast<double>(days)),
        QStringLiteral("%1 to %2; the last phase %3 days from its start")
            .arg(ProjectReport::formatDate(plan.front().start), ProjectReport::formatDate(plan.back().training),
                 ProjectReport::formatCount(valueOf(plan.back().added, OutputId::scheduleBuildDays)))}},
      {{QStringLiteral("Floor"),
        ProjectReport::formatCount(static_cast<double>(layout.racks.size())) + QStringLiteral(" racks"),
        QStringLiteral("on the floor, network racks and CDUs included; %1 halls in %2 buildings; %3 m\u00b2 of "
                       "halls, site %4 m\u00b2")
            .arg(layout.halls.size())
            .arg(layout.buildings.size())
            .arg(ProjectReport::formatCount(at(OutputId::clusterWhiteSpaceM2)),
                 ProjectReport::formatCount(at(OutputId::clusterSiteAreaM2)))}},
      {{QStringLiteral("Heat rejection"), ProjectReport::formatMw(at(OutputId::coolingHeatRejectionMw)),
        QStringLiteral("%1 RT; %2 m\u00b3 of water a year")
            .arg(ProjectReport::formatCount(at(OutputId::coolingHeatRejectionRt)),
                 ProjectReport::formatCount(at(OutputId::coolingWaterM3PerYear)))}},
  };
  placeTable(figures);

  // Limits broken and warnings are counted apart: a warning is a legal plan that is bad.
  subsection(QStringLiteral("Findings"));
  const ProjectFindings found = ProjectFindings::of(report_.project(), report_.result());
  paragraph(found.summary() + QStringLiteral("."));
  QStringList findings;
  if (availableMw <= 0)
    findings << QStringLiteral(
        "No site power is set (site.gridMw, site.onsiteGenerationMw), so the phases are not "
        "checked against it.");
  const std::size_t shown = std::min<std::size_t>(found.brokenLimits.size(), 12);
  for (std::size_t i = 0; i < shown; ++i) findings << QStringLiteral("Limit broken: ") + found.brokenLimits[i].text();
  if (found.brokenLimits.size() > shown)
    findings << QStringLiteral("%1 more limits broken on the floor.").arg(found.brokenLimits.size() - shown);
  for (const ProjectFindings::Finding& warning : found.warnings)
    findings << QStringLiteral("Warning: ") + warning.text();
  if (found.brokenLimits.empty())
    findings << QStringLiteral(
        "No limit is broken: every hall fits its feed, cooling and floor rating, every link a module's reach.");
  for (const QString& finding : findings) bullet(finding);

  subsection(QStringLiteral("Where the money goes"));
  Table money{{{QStringLiteral("Item"), 0.56},
               {QStringLiteral("USD"), 0.24, Qt::AlignRight},
               {QStringLiteral("Share"), 0.2, Qt::AlignRight}},
              {},
              8};
  auto share = [&](double part, double whole) {
    return whole > 0 ? QLocale(QLocale::English).toString(part / whole * 100, 'f', 1) + QStringLiteral(" %")
                     : QString();
  };
  const double capex = at(OutputId::costCapexUsd);
  money.rows.push_back({{QStringLiteral("Capex: %1").arg(ProjectReport::formatUsd(capex))}, true});
  for (const CapexCategory& category : capexCategories())
    money.rows.push_back({{QString::fromLatin1(category.name), ProjectReport::formatUsd(at(category.id)),
                           share(at(category.id), capex)}});
  const double tco = at(OutputId::costTcoUsdPerYear);
  money.rows.push_back({{QStringLiteral("Cost of ownership per year: %1").arg(ProjectReport::formatUsd(tco))}, true});
  const std::pair<OutputId, const char*> yearly[] = {
      {OutputId::costItCapitalUsdPerYear, "IT capital, over its life"},
      {OutputId::costFacilityCapitalUsdPerYear, "facility capital, over its life"},
      {OutputId::costLandCapitalUsdPerYear, "capital tied up in land"},
      {OutputId::costEnergyUsdPerYear, "electricity"},
      {OutputId::costMaintenanceUsdPerYear, "maintenance and support"},
      {OutputId::costStaffUsdPerYear, "staff"}};
  for (const auto& [id, name] : yearly)
    money.rows.push_back({{QString::fromLatin1(name), ProjectReport::formatUsd(at(id)), share(at(id), tco)}});
  placeTable(money);
}

}  // namespace gigaplan::report
