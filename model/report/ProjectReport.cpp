#include "report/ProjectReport.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSet>
#include <QTextLayout>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "engine/Evaluator.h"
#include "engine/HardwareCatalog.h"
#include "engine/ResultFormat.h"
#include "engine/WhatIf.h"
#include "layout/FloorPalette.h"
#include "layout/LayoutMetrics.h"
#include "report/ReportCharts.h"
#include "report/ReportFloorPlan.h"
#include "report/ReportPageFlow.h"
#include "report/ReportStyle.h"

namespace gigaplan {

namespace report {

namespace {

/// The GPUs the phases add, by system type, in the order the types first appear.
std::vector<std::pair<QString, double>> gpusBySystemType(const std::vector<Phase>& phases) {
  std::vector<std::pair<QString, double>> types;
  for (const Phase& phase : phases)
    for (const PhaseSystems& added : phase.systems) {
      auto it = std::find_if(types.begin(), types.end(), [&](const auto& t) { return t.first == added.systemType; });
      if (it == types.end())
        types.emplace_back(added.systemType, added.gpus);
      else
        it->second += added.gpus;
    }
  return types;
}

// ---------------------------------------------------------------------------------------------
// The report's pages, section by section.

/// Lays the report out on pages. Built twice: the first run counts the contents entries, the
/// second reserves their lines, so the page numbers the contents give are those of the pages.
class ReportBuilder {
 public:
  ReportBuilder(const ProjectReport& report, QPaintDevice* device, const QRectF& page, const QDate& issued,
                const std::vector<ContentsEntry>& plannedContents)
      : report_(report),
        device_(device),
        issued_(issued),
        cursor_(QRectF(kMarginPt, kBodyTopPt, page.width() - 2 * kMarginPt,
                       page.height() - kBodyTopPt - kBodyBottomMarginPt)),
        plannedContents_(plannedContents),
        contents_(std::make_shared<std::vector<ContentsEntry>>()),
        metrics_(std::make_shared<LayoutMetrics>(report.result().evaluation.metrics)) {}

  std::vector<ReportPage> build() {
    titlePage();
    contentsPage();
    executiveSummary();
    phasesSection();
    tenantsSection();
    floorPlans();
    variants();
    billOfMaterials();
    assumptions();
    calibration();
    allFigures();
    return cursor_.takePages();
  }
  const std::vector<ContentsEntry>& contents() const { return *contents_; }

 private:
  const std::vector<PhaseResult>& phases() const { return report_.plan().phases; }

  double textHeight(const QString& text, const QFont& font, double width) const {
    return wrappedTextHeight(text, font, width, device_);
  }

  void paragraph(const QString& text, double pointSize = 9.0, const QColor& colour = kText, double spaceAfter = 6.0) {
    const QFont font = reportFont(pointSize);
    cursor_.place(textHeight(text, font, cursor_.width()), [=](QPainter& painter, const QRectF& rect) {
      painter.setPen(colour);
      drawWrappedText(painter, rect, text, font);
    });
    cursor_.skip(spaceAfter);
  }

  /// A list item: a bullet and text wrapped beside it.
  void bullet(const QString& text) {
    const QFont font = reportFont(9);
    const double indent = 12.0;
    cursor_.place(textHeight(text, font, cursor_.width() - indent), [=](QPainter& painter, const QRectF& rect) {
      painter.setFont(font);
      painter.setPen(kText);
      painter.drawText(QRectF(rect.left(), rect.top(), indent, 12), Qt::AlignLeft | Qt::AlignTop,
                       QStringLiteral("\u2022"));
      drawWrappedText(painter, rect.adjusted(indent, 0, 0, 0), text, font);
    });
    cursor_.skip(3);
  }

  /// A numbered section: starts a page and is listed in the contents.
  void section(const QString& title) {
    cursor_.newPage(title);
    contents_->push_back({title, cursor_.pageNumber(), 1});
    const QFont font = reportFont(16, true);
    cursor_.place(30, [=](QPainter& painter, const QRectF& rect) {
      painter.setFont(font);
      painter.setPen(kAccent);
      painter.drawText(rect.adjusted(0, 0, 0, -8), Qt::AlignLeft | Qt::AlignVCenter, title);
      painter.setPen(QPen(kAccent, 1.0));
      painter.drawLine(QPointF(rect.left(), rect.bottom() - 4), QPointF(rect.right(), rect.bottom() - 4));
    });
    cursor_.skip(6);
  }

  /// A heading inside a section, kept on the page with `keepPt` of what follows it.
  void subsection(const QString& title, bool inContents = false, double keepPt = 60.0) {
    const QFont font = reportFont(11, true);
    cursor_.skip(8);
    cursor_.place(
        textHeight(title, font, cursor_.width()) + 3,
        [=](QPainter& painter, const QRectF& rect) {
          painter.setPen(kAccent);
          drawWrappedText(painter, rect, title, font);
        },
        keepPt);
    if (inContents) contents_->push_back({title, cursor_.pageNumber(), 2});
    cursor_.skip(4);
  }

  /// A table, split between rows over as many pages as it needs, its header on each page.
  void placeTable(const Table& table) {
    const QFont font = reportFont(table.fontPt);
    const QFont bold = reportFont(table.fontPt, true);
    std::vector<double> widths;
    for (const TableColumn& column : table.columns) widths.push_back(column.widthFraction * cursor_.width());
    auto cellHeight = [&](const QString& text, const QFont& cellFont, double width) {
      return textHeight(text, cellFont, width - 2 * kCellPadXPt);
    };
    auto rowHeight = [&](const TableRow& row, const QFont& rowFont) {
      if (row.group) return cellHeight(row.cells.value(0), bold, cursor_.width()) + 2 * kCellPadYPt + 2;
      double height = 0;
      for (std::size_t c = 0; c < widths.size(); ++c)
        height = std::max(height, cellHeight(row.cells.value(static_cast<int>(c)), rowFont, widths[c]));
      return height + 2 * kCellPadYPt;
    };
    const std::vector<TableColumn> columns = table.columns;
    auto paintCells = [widths, columns](QPainter& painter, const QRectF& rect, const QStringList& cells,
                                        const QFont& cellFont) {
      double x = rect.left();
      for (std::size_t c = 0; c < widths.size(); ++c) {
        const QRectF cell(x + kCellPadXPt, rect.top() + kCellPadYPt, widths[c] - 2 * kCellPadXPt,
                          rect.height() - 2 * kCellPadYPt);
        drawWrappedText(painter, cell, cells.value(static_cast<int>(c)), cellFont, columns[c].align);
        x += widths[c];
      }
    };
    TableRow header;
    for (const TableColumn& column : table.columns) header.cells << column.header;
    const bool headed = std::any_of(table.columns.begin(), table.columns.end(),
                                    [](const TableColumn& column) { return !column.header.isEmpty(); });
    const double headerHeight = headed ? rowHeight(header, bold) + 1 : 0.0;
    const Paint paintHeader = [=](QPainter& painter, const QRectF& rect) {
      painter.setPen(kText);
      paintCells(painter, rect, header.cells, bold);
      painter.setPen(QPen(kText, 0.7));
      painter.drawLine(QPointF(rect.left(), rect.bottom() - 0.5), QPointF(rect.right(), rect.bottom() - 0.5));
    };

    std::vector<double> heights;
    for (const TableRow& row : table.rows) heights.push_back(rowHeight(row, font));
    if (headed) cursor_.place(headerHeight, paintHeader, heights.empty() ? 0.0 : heights.front());
    int stripe = 0;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const TableRow& row = table.rows[r];
      // A group title stays with its first row.
      const double keep = row.group && r + 1 < heights.size() ? heights[r + 1] : 0.0;
      if (!cursor_.fits(heights[r] + keep)) {
        cursor_.newPage(cursor_.section());
        if (headed) cursor_.place(headerHeight, paintHeader);
      }
      if (row.group) {
        stripe = 0;
        cursor_.place(heights[r], [=](QPainter& painter, const QRectF& rect) {
          painter.fillRect(rect.adjusted(0, 1, 0, 0), kGroupFill);
          painter.setPen(kAccent);
          drawWrappedText(painter, rect.adjusted(kCellPadXPt, kCellPadYPt + 1, -kCellPadXPt, -kCellPadYPt),
                          row.cells.value(0), bold);
        });
        continue;
      }
      const bool striped = stripe++ % 2 == 1;
      cursor_.place(heights[r], [=](QPainter& painter, const QRectF& rect) {
        if (striped) painter.fillRect(rect, kStripe);
        painter.setPen(kText);
        paintCells(painter, rect, row.cells, font);
      });
    }
    cursor_.place(1, [](QPainter& painter, const QRectF& rect) {
      painter.setPen(QPen(kRule, 0.6));
      painter.drawLine(rect.topLeft(), rect.topRight());
    });
    cursor_.skip(8);
  }

  void titlePage() {
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
    if (!project.scenario.description.isEmpty()) paragraph(project.scenario.description, 10, kText, 22);

    const OutputValues& site = report_.siteOutputs();
    const auto& plan = phases();
    QStringList systems;
    for (const auto& [type, gpus] : gpusBySystemType(PhasePlan::phasesOf(project, *report_.result().resolved))) {
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

  void contentsPage() {
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

  void executiveSummary() {
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
    const LayoutMetrics& floor = report_.result().evaluation.metrics;
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
              .arg(ProjectReport::formatCount(floor.hallFloorM2), ProjectReport::formatCount(floor.siteAreaM2))}},
        {{QStringLiteral("Heat rejection"), ProjectReport::formatMw(at(OutputId::coolingHeatRejectionMw)),
          QStringLiteral("%1 RT; %2 m\u00b3 of water a year")
              .arg(ProjectReport::formatCount(at(OutputId::coolingHeatRejectionRt)),
                   ProjectReport::formatCount(at(OutputId::coolingWaterM3PerYear)))}},
    };
    placeTable(figures);

    subsection(QStringLiteral("Findings"));
    QStringList findings;
    if (availableMw <= 0)
      findings << QStringLiteral(
          "No site power is set (site.gridMw, site.onsiteGenerationMw), so the phases are not "
          "checked against it.");
    else
      for (const PhaseResult& phase : plan)
        if (valueOf(phase.site, OutputId::sitePowerMarginMw) < 0)
          findings << QStringLiteral("%1 needs %2 at full IT load, %3 more than the %4 available.")
                          .arg(phase.name, ProjectReport::formatMw(valueOf(phase.site, OutputId::powerFacilityMw)),
                               ProjectReport::formatMw(-valueOf(phase.site, OutputId::sitePowerMarginMw)),
                               ProjectReport::formatMw(valueOf(phase.site, OutputId::sitePowerAvailableMw)));
    const std::vector<LayoutFinding> floorFindings = report_.result().evaluation.findings();
    const std::size_t shown = std::min<std::size_t>(floorFindings.size(), 12);
    for (std::size_t i = 0; i < shown; ++i)
      findings << QStringLiteral("%1: %2").arg(floorFindings[i].object, floorFindings[i].message);
    if (floorFindings.size() > shown)
      findings << QStringLiteral("%1 more findings on the floor.").arg(floorFindings.size() - shown);
    if (findings.isEmpty())
      findings << QStringLiteral(
          "No limit is broken: every phase fits the power available, every hall its feed, "
          "cooling and floor rating, every link a module's reach.");
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

  void phasesSection() {
    section(QStringLiteral("Phases"));
    const auto& plan = phases();
    paragraph(
        QStringLiteral("Each phase adds GPU systems from its start date. Its first rack is on the floor once "
                       "the site is ready; its GPUs train once every rack is installed and brought up. Power "
                       "and GPUs online are those of the whole site after the phase; capex is what the phase "
                       "adds, at its own prices."));
    Table table{{{QStringLiteral("Phase"), 0.175},
                 {QStringLiteral("Start"), 0.1},
                 {QStringLiteral("First rack"), 0.1},
                 {QStringLiteral("Training"), 0.1},
                 {QStringLiteral("GPUs added"), 0.095, Qt::AlignRight},
                 {QStringLiteral("GPUs online"), 0.1, Qt::AlignRight},
                 {QStringLiteral("Facility"), 0.11, Qt::AlignRight},
                 {QStringLiteral("Available"), 0.11, Qt::AlignRight},
                 {QStringLiteral("Capex added"), 0.11, Qt::AlignRight}},
                {},
                7};
    for (const PhaseResult& phase : plan)
      table.rows.push_back(
          {{phase.name, ProjectReport::formatDate(phase.start), ProjectReport::formatDate(phase.firstRack),
            ProjectReport::formatDate(phase.training), ProjectReport::formatCount(phase.gpusAdded),
            ProjectReport::formatCount(valueOf(phase.site, OutputId::clusterGpus)),
            ProjectReport::formatMw(valueOf(phase.site, OutputId::powerFacilityMw)),
            valueOf(phase.site, OutputId::sitePowerAvailableMw) > 0
                ? ProjectReport::formatMw(valueOf(phase.site, OutputId::sitePowerAvailableMw))
                : QStringLiteral("not set"),
            ProjectReport::formatUsd(valueOf(phase.added, OutputId::costCapexUsd))}});
    placeTable(table);

    subsection(QStringLiteral("Timeline"), false, 200);
    const std::vector<PhaseResult> copy = plan;
    cursor_.place(200, [copy](QPainter& painter, const QRectF& rect) { paintGpusOnline(painter, rect, copy); });
    cursor_.skip(10);
    cursor_.place(200, [copy](QPainter& painter, const QRectF& rect) { paintPower(painter, rect, copy); });
    cursor_.skip(10);
    cursor_.place(200, [copy](QPainter& painter, const QRectF& rect) { paintCapex(painter, rect, copy); });

    // The numbers behind the bars, and what else each phase adds.
    constexpr std::size_t kPhasesPerTable = 4;
    for (std::size_t first = 0; first < plan.size(); first += kPhasesPerTable) {
      const std::size_t count = std::min(kPhasesPerTable, plan.size() - first);
      const bool lastColumns = first + count == plan.size();
      Table capex{{{QStringLiteral("Capex by category"), 0.24}}, {}, 7.5};
      const double width = 0.76 / static_cast<double>(kPhasesPerTable + 1);
      for (std::size_t k = first; k < first + count; ++k)
        capex.columns.push_back({plan[k].name, width, Qt::AlignRight});
      if (lastColumns) capex.columns.push_back({QStringLiteral("All phases"), width, Qt::AlignRight});
      auto row = [&](const QString& name, OutputId id) {
        TableRow line{{name}};
        double sum = 0;
        for (const PhaseResult& phase : plan) sum += valueOf(phase.added, id);
        for (std::size_t k = first; k < first + count; ++k)
          line.cells << ProjectReport::formatUsd(valueOf(plan[k].added, id));
        if (lastColumns) line.cells << ProjectReport::formatUsd(sum);
        capex.rows.push_back(line);
      };
      for (const CapexCategory& category : capexCategories()) row(QString::fromLatin1(category.name), category.id);
      row(QStringLiteral("capex"), OutputId::costCapexUsd);
      placeTable(capex);

      Table adds{{{QStringLiteral("Each phase adds"), 0.24}}, {}, 7.5};
      for (std::size_t k = first; k < first + count; ++k) adds.columns.push_back({plan[k].name, width, Qt::AlignRight});
      auto add = [&](const QString& name, const std::function<QString(const PhaseResult&)>& value) {
        TableRow line{{name}};
        for (std::size_t k = first; k < first + count; ++k) line.cells << value(plan[k]);
        adds.rows.push_back(line);
      };
      auto added = [](OutputId id) { return [id](const PhaseResult& p) { return valueOf(p.added, id); }; };
      add(QStringLiteral("GPUs"), [](const PhaseResult& p) { return ProjectReport::formatCount(p.gpusAdded); });
      add(QStringLiteral("racks"),
          [&](const PhaseResult& p) { return ProjectReport::formatCount(added(OutputId::clusterRacks)(p)); });
      add(QStringLiteral("IT power at full load"),
          [&](const PhaseResult& p) { return ProjectReport::formatMw(added(OutputId::powerItMw)(p)); });
      add(QStringLiteral("facility power"),
          [&](const PhaseResult& p) { return ProjectReport::formatMw(added(OutputId::powerFacilityMw)(p)); });
      add(QStringLiteral("fabric switches"),
          [&](const PhaseResult& p) { return ProjectReport::formatCount(added(OutputId::networkSwitches)(p)); });
      add(QStringLiteral("capex per GPU"), [&](const PhaseResult& p) {
        return ProjectReport::formatUsd(p.gpusAdded > 0 ? added(OutputId::costCapexUsd)(p) / p.gpusAdded : 0.0);
      });
      add(QStringLiteral("days from start to training"),
          [&](const PhaseResult& p) { return ProjectReport::formatCount(added(OutputId::scheduleBuildDays)(p)); });
      add(QStringLiteral("site TCO per year after it"),
          [](const PhaseResult& p) { return ProjectReport::formatUsd(valueOf(p.site, OutputId::costTcoUsdPerYear)); });
      placeTable(adds);
    }
  }

  /// Who uses the cluster: each tenant's share of the site and what it earns, then what its
  /// isolation costs and what its largest job sees. Nothing without tenants.
  void tenantsSection() {
    const std::optional<TenantPlan>& plan = report_.result().tenants;
    if (!plan || plan->tenants.empty()) return;
    const std::vector<Tenant>& tenants = report_.project().tenants;
    const std::vector<double>& floor = report_.tenantFloorGpus();
    section(QStringLiteral("Tenants"));
    paragraph(
        QStringLiteral("Each tenant takes its GPUs from the system groups (the GPUs of one type a phase adds): of "
                       "its system type when it names one, else of any type, in phase order, tenants in their "
                       "order. Its share of a group's power, capex and cost of ownership is its share of the "
                       "group's GPUs; GPUs no tenant rents are the operator's spare. Isolation adds the switches "
                       "a tenant does not share, at the group's switch price and power: own leaves keeps its "
                       "leaf switches apart, own halls its leaves and spines, own plane a fabric of its own, "
                       "whose bisection to the rest is lost. A shared fabric adds nothing."));
    paragraph(
        QStringLiteral("Revenue is GPUs \u00d7 8,760 h \u00d7 utilization \u00d7 price; margin is revenue less "
                       "the tenant's cost of ownership; payback is its capex over revenue less energy, "
                       "maintenance and staff. GPUs on the floor are those in the racks marked for the tenant: "
                       "whole halls or rows can hold more than the contract and leave fewer for the other "
                       "tenants. The operator's row is the whole site: every tenant's revenue against the whole "
                       "cost."));

    subsection(QStringLiteral("Shares and economics"));
    // Widths from the widest cells at this size: "operator (whole site)", "1,000,000", "100.0 %", "GPU-hour".
    Table shares{{{QStringLiteral("Tenant"), 0.16},
                  {QStringLiteral("Isolation"), 0.085},
                  {QStringLiteral("Contract GPUs"), 0.085, Qt::AlignRight},
                  {QStringLiteral("GPUs on the floor"), 0.09, Qt::AlignRight},
                  {QStringLiteral("$ per GPU-hour"), 0.09, Qt::AlignRight},
                  {QStringLiteral("Utilization"), 0.095, Qt::AlignRight},
                  {QStringLiteral("Power share"), 0.072, Qt::AlignRight},
                  {QStringLiteral("Cost share"), 0.072, Qt::AlignRight},
                  {QStringLiteral("Revenue per year"), 0.085, Qt::AlignRight},
                  {QStringLiteral("Margin per year"), 0.081, Qt::AlignRight},
                  {QStringLiteral("Payback, years"), 0.085, Qt::AlignRight}},
                 {},
                 6.6};
    const QString none = QStringLiteral("\u2014");
    const auto economics = [&](const TenantFigures& t, const QString& isolation, double floorGpus, const QString& price,
                               const QString& utilization) {
      shares.rows.push_back({{t.name, isolation, ProjectReport::formatCount(t.gpus),
                              ProjectReport::formatCount(floorGpus), price, utilization, percentText(t.powerShare),
                              percentText(t.costShare), ProjectReport::formatUsd(t.revenueUsdPerYear),
                              ProjectReport::formatUsd(t.marginUsdPerYear), paybackText(t.paybackYears)}});
    };
    double floorTotal = 0;
    for (double gpus : floor) floorTotal += gpus;
    for (std::size_t t = 0; t < plan->tenants.size() && t < tenants.size(); ++t)
      economics(plan->tenants[t], isolationText(tenants[t].isolation), floor.size() > t + 1 ? floor[t + 1] : 0.0,
                ProjectReport::formatUsd(tenants[t].priceUsdPerGpuHour),
                percentText(tenants[t].utilization, wholePercent(tenants[t].utilization) ? 0 : 1));
    const double spareFloor = floor.empty() ? 0.0 : floor.front();
    if (plan->spare.gpus > 0 || spareFloor > 0) economics(plan->spare, none, spareFloor, none, none);
    economics(plan->operatorTotal, none, floorTotal, none, none);
    placeTable(shares);
    for (std::size_t t = 0; t < plan->tenants.size(); ++t) {
      const double onFloor = floor.size() > t + 1 ? floor[t + 1] : 0.0;
      if (std::round(onFloor) < std::round(plan->tenants[t].gpus))
        paragraph(QStringLiteral("%1 has %2 GPUs on the floor, %3 fewer than its contract.")
                      .arg(plan->tenants[t].name, ProjectReport::formatCount(onFloor),
                           ProjectReport::formatCount(plan->tenants[t].gpus - onFloor)),
                  8.5, kMuted, 4);
    }

    subsection(QStringLiteral("What isolation costs, and the largest job"));
    paragraph(QStringLiteral("Isolation against one fabric shared by every tenant. A tenant's largest job runs on its "
                             "largest share of one system group; it sees that share's unexpected interruptions and "
                             "the group's planned ones."),
              8.5, kMuted, 4);
    Table isolation{{{QStringLiteral("Tenant"), 0.21},
                     {QStringLiteral("Isolation"), 0.105},
                     {QStringLiteral("Extra switches"), 0.085, Qt::AlignRight},
                     {QStringLiteral("Stranded ports"), 0.085, Qt::AlignRight},
                     {QStringLiteral("Isolation capex"), 0.1, Qt::AlignRight},
                     {QStringLiteral("Bisection lost, Pb/s"), 0.09, Qt::AlignRight},
                     {QStringLiteral("Largest job, GPUs"), 0.11, Qt::AlignRight},
                     {QStringLiteral("Interruptions per day"), 0.12, Qt::AlignRight},
                     {QStringLiteral("MTBI"), 0.095, Qt::AlignRight}},
                    {},
                    6.6};
    const auto costs = [&](const TenantFigures& t) {
      return QStringList{ProjectReport::formatCount(t.isolationSwitches), ProjectReport::formatCount(t.strandedPorts),
                         ProjectReport::formatUsd(t.isolationCapexUsd), formatQuantity(t.bisectionLostPbps)};
    };
    for (std::size_t t = 0; t < plan->tenants.size() && t < tenants.size(); ++t) {
      const TenantFigures& figures = plan->tenants[t];
      const bool job = figures.largestJobGpus > 0;
      isolation.rows.push_back({QStringList{figures.name, isolationText(tenants[t].isolation)} + costs(figures) +
                                QStringList{job ? ProjectReport::formatCount(figures.largestJobGpus) : none,
                                            job ? formatQuantity(figures.interruptionsPerDay) : none,
                                            job ? mtbiText(figures.mtbiHours) : none}});
    }
    isolation.rows.push_back(
        {QStringList{plan->operatorTotal.name, none} + costs(plan->operatorTotal) + QStringList{none, none, none}});
    placeTable(isolation);
  }

  void floorPlans() {
    section(QStringLiteral("Floor plans"));
    paragraph(
        QStringLiteral("The site from above after each phase, north up and to scale: buildings in black, halls "
                       "in grey, racks coloured by the phase they arrive in; later phases are left out. Below "
                       "each plan, the halls the phase adds against their limits."));
    const auto& plan = phases();
    QStringList names;
    for (const PhaseResult& phase : plan) names << phase.name;
    const SiteLayout* layout = &report_.project().layout;
    const auto metrics = metrics_;
    for (std::size_t k = 0; k < plan.size(); ++k) {
      if (k > 0) cursor_.newPage(cursor_.section());
      const int shown = static_cast<int>(k);
      subsection(
          plan.size() == 1 ? QStringLiteral("Floor plan") : QStringLiteral("Floor plan after %1").arg(plan[k].name),
          true, 300);
      const auto scope =
          std::make_shared<FloorPlanScope>(floorPlanScope(*layout, *metrics, shown, k + 1 == plan.size()));
      int compute = 0, network = 0, cdus = 0;
      for (const Rack& rack : layout->racks) {
        if (rack.phase > k) continue;
        (rack.role == RackRole::Compute ? compute : rack.role == RackRole::Cdu ? cdus : network)++;
      }
      const auto halls = static_cast<double>(std::count(scope->halls.begin(), scope->halls.end(), true));
      const auto buildings = static_cast<double>(std::count(scope->buildings.begin(), scope->buildings.end(), true));
      paragraph(
          QStringLiteral("%1 GPUs online in %2, with %3 and %4, in %5 of %6; the plan covers %7 \u00d7 %8 m.")
              .arg(ProjectReport::formatCount(valueOf(plan[k].site, OutputId::clusterGpus)),
                   countOf(compute, "compute rack", "compute racks"), countOf(network, "network rack", "network racks"),
                   countOf(cdus, "CDU", "CDUs"), countOf(halls, "hall", "halls"),
                   countOf(buildings, "building", "buildings"), ProjectReport::formatCount(scope->extentM.width()),
                   ProjectReport::formatCount(scope->extentM.height())),
          8.5, kMuted);
      // As tall as the plan needs at the full width, within what is left of the page.
      const double natural =
          scope->extentM.isEmpty()
              ? 60.0
              : cursor_.width() * scope->extentM.height() / scope->extentM.width() + kPlanTopPt + kPlanLegendPt;
      cursor_.place(std::min(natural, std::max(cursor_.remaining(), 200.0)),
                    [=](QPainter& painter, const QRectF& rect) {
                      paintFloorPlan(painter, rect, *layout, *metrics, *scope, shown, names);
                    });
      if (k < report_.floorSnapshots().size() && !report_.floorSnapshots()[k].isNull()) {
        const QImage snapshot = report_.floorSnapshots()[k];
        const double height = cursor_.width() * snapshot.height() / std::max(1, snapshot.width());
        paragraph(QStringLiteral("The same site in 3D, racks coloured by role, as the program shows it."), 8.5, kMuted);
        cursor_.place(std::min(height, 330.0), [snapshot](QPainter& painter, const QRectF& rect) {
          // Fitted into the block, keeping its proportions.
          const QSizeF size = QSizeF(snapshot.size()).scaled(rect.size(), Qt::KeepAspectRatio);
          painter.drawImage(QRectF(rect.topLeft(), size), snapshot);
        });
      }
      hallsTable(*layout, *metrics, *scope, shown,
                 plan.size() == 1 ? QStringLiteral("Halls") : QStringLiteral("Halls added in %1").arg(plan[k].name));
    }
  }

  /// The halls a phase adds: their IT load against the feed, density and floor load.
  void hallsTable(const SiteLayout& layout, const LayoutMetrics& metrics, const FloorPlanScope& scope, int phase,
                  const QString& title) {
    Table table{{{QStringLiteral("Hall"), 0.19},
                 {QStringLiteral("IT at full load"), 0.14, Qt::AlignRight},
                 {QStringLiteral("Feed limit"), 0.13, Qt::AlignRight},
                 {QStringLiteral("Compute racks"), 0.13, Qt::AlignRight},
                 {QStringLiteral("kW per rack"), 0.13, Qt::AlignRight},
                 {QStringLiteral("kW per m\u00b2"), 0.13, Qt::AlignRight},
                 {QStringLiteral("Floor load, kg/m\u00b2"), 0.15, Qt::AlignRight}},
                {},
                6.4};
    for (std::size_t h = 0; h < layout.halls.size() && h < metrics.halls.size(); ++h) {
      if (scope.hallPhase[h] != phase) continue;
      const HallMetrics& m = metrics.halls[h];
      table.rows.push_back({{layout.halls[h].name, ProjectReport::formatMw(m.itKw / 1e3),
                             ProjectReport::formatMw(layout.halls[h].powerLimitMw),
                             ProjectReport::formatCount(m.computeRacks), formatQuantity(m.kwPerComputeRack),
                             formatQuantity(m.kwPerM2), ProjectReport::formatCount(m.maxFloorLoadKgM2)}});
    }
    if (table.rows.empty()) return;
    subsection(title, false, 40);
    placeTable(table);
  }

  /// The variants kept with the project against the plan: headline figures side by side, with
  /// the difference in % of the plan and the better value marked.
  void variants() {
    const Project& project = report_.project();
    if (project.variants.empty()) return;
    section(QStringLiteral("Variants"));
    paragraph(
        QStringLiteral("Each variant is another scenario and phases on the same site, evaluated as the plan "
                       "is: both with the engine's cable estimates, since a variant has no floor of its own, "
                       "so the plan's figures here can differ slightly from those measured on its floor "
                       "elsewhere in this report. Columns give the site after the last phase; a variant with "
                       "fewer phases than the "
                       "plan (a copy of one phase) is compared after its last phase with the plan after the "
                       "same phase. % is the variant's difference from the plan, and \u2713 marks the better "
                       "of the two where more or less is better."));
    const std::vector<PhaseResult>& planPhases = report_.plan().phases;
    static const OutputId headline[] = {OutputId::clusterGpus,       OutputId::powerFacilityMw,
                                        OutputId::costCapexUsd,      OutputId::costTcoUsdPerYear,
                                        OutputId::costUsdPerGpuHour, OutputId::networkBisectionPerGpuGbps,
                                        OutputId::reliabilityEttr,   OutputId::reliabilityInterruptionsPerDay,
                                        OutputId::scheduleBuildDays};
    for (const Variant& variant : project.variants) {
      Project other = project;
      other.scenario = variant.scenario;
      other.phases = variant.phases;
      ScenarioErrors errors;
      const auto plan2 = PhasePlan::evaluate(other, errors);
      subsection(QStringLiteral("Variant: %1").arg(variant.name), true);
      if (!plan2) {
        paragraph(QStringLiteral("This variant does not evaluate: %1").arg(errors.value(0).text()));
        continue;
      }
      const std::size_t at =
          variant.phases.empty() ? planPhases.size() - 1 : std::min(plan2->phases.size(), planPhases.size()) - 1;
      if (at + 1 < planPhases.size())
        paragraph(QStringLiteral("Compared after %1, the variant's last phase.").arg(planPhases[at].name), 9, kMuted,
                  4);
      // Tenants rent the site once every phase is built: their figures join the comparison there.
      OutputValues variantSite = plan2->phases.back().site;
      const bool withTenants = at + 1 == planPhases.size() && (!project.tenants.empty() || !variant.tenants.empty());
      if (withTenants && !variant.tenants.empty()) {
        other.tenants = variant.tenants;
        TenantPlan::carryMarks(project.tenants, other.tenants, false, other.layout);
        if (const auto tenants = TenantPlan::evaluate(other, *plan2, errors))
          tenants->applyTo(variantSite);
        else
          paragraph(QStringLiteral("Its tenants do not fit: %1").arg(errors.value(0).text()), 9, kMuted, 4);
      }
      const auto rows = compareFigures(planPhases[at].site, variantSite);
      Table table{{{QStringLiteral("Figure"), 0.40},
                   {QStringLiteral("Plan"), 0.19, Qt::AlignRight},
                   {QStringLiteral("Variant"), 0.19, Qt::AlignRight},
                   {QStringLiteral("%"), 0.12, Qt::AlignRight},
                   {QStringLiteral("Better"), 0.10}},
                  {},
                  8};
      std::vector<OutputId> shown(std::begin(headline), std::end(headline));
      if (withTenants)
        shown.insert(shown.end(), {OutputId::tenantsRevenueUsdPerYear, OutputId::tenantsMarginUsdPerYear,
                                   OutputId::tenantsPaybackYears});
      for (OutputId id : shown) {
        const FigureComparison& row = rows[static_cast<std::size_t>(id)];
        const QString unit = QString::fromLatin1(outputSpec(id).unit);
        table.rows.push_back({{QStringLiteral("%1 (%2)").arg(QString::fromLatin1(outputSpec(id).meaning), unit),
                               formatFigure(row.a, unit), formatFigure(row.b, unit),
                               std::isfinite(row.percent) ? QString::number(row.percent, 'f', 1) : QString(),
                               row.better == 1   ? QStringLiteral("\u2713 plan")
                               : row.better == 2 ? QStringLiteral("\u2713 variant")
                                                 : QString()}});
      }
      placeTable(table);
    }
  }

  void billOfMaterials() {
    section(QStringLiteral("Bill of materials"));
    paragraph(
        QStringLiteral("What the site holds after the last phase. GPU systems, switches, transceivers, cables "
                       "and plant are the engine's counts (the output named under \u201cfrom\u201d); racks by "
                       "role are counted on the floor layout."));
    Table table{{{QStringLiteral("Item"), 0.36},
                 {QStringLiteral("Quantity"), 0.16, Qt::AlignRight},
                 {QStringLiteral("Unit"), 0.12},
                 {QStringLiteral("From"), 0.36}},
                {},
                8};
    QString group, previous;
    for (const BillOfMaterialsItem& item : report_.billOfMaterials()) {
      if (item.group != group) {
        group = item.group;
        table.rows.push_back({{group}, true});
      }
      // A system's GPUs, nodes and racks follow each other: its name once.
      table.rows.push_back({{item.item == previous ? QString() : item.item, formatFigure(item.quantity, item.unit),
                             item.unit, item.origin}});
      previous = item.item;
    }
    placeTable(table);
  }

  void assumptions() {
    section(QStringLiteral("Assumptions"));
    paragraph(
        QStringLiteral("The inputs set in this project, the catalog values of its hardware, and the key "
                       "defaults, each with its source and how far to trust it: verified (published by the "
                       "maker), secondary (reported by others), derived (computed from published figures), "
                       "estimate (our judgement), input (the planner's own). \u2018gigaplan-cli schema\u2019 "
                       "documents every input."));
    Table table{{{QStringLiteral("Input"), 0.27},
                 {QStringLiteral("Value"), 0.12, Qt::AlignRight},
                 {QStringLiteral("Unit"), 0.09},
                 {QStringLiteral("Source"), 0.41},
                 {QStringLiteral("Confidence"), 0.11}},
                {},
                7};
    QString group;
    for (const ReportAssumption& assumption : report_.assumptions()) {
      if (assumption.group != group) {
        group = assumption.group;
        table.rows.push_back({{group}, true});
      }
      table.rows.push_back(
          {{assumption.path, assumption.value, assumption.unit, assumption.source, assumption.confidence}});
    }
    placeTable(table);
  }

  void calibration() {
    section(QStringLiteral("Calibration"));
    const QList<CalibrationResult>& results = report_.calibration();
    const auto passed =
        std::count_if(results.begin(), results.end(), [](const CalibrationResult& r) { return r.passed; });
    paragraph(QStringLiteral("The engine against published figures (DGX SuperPOD fabrics, fat-tree formulas, Llama 3 "
                             "interruptions, cost breakdowns), as \u2018gigaplan-cli calibrate\u2019 computes them: %1 "
                             "of %2 within tolerance.")
                  .arg(passed)
                  .arg(results.size()));
    Table table{{{QStringLiteral("Reference"), 0.3},
                 {QStringLiteral("Figure"), 0.27},
                 {QStringLiteral("Expected"), 0.12, Qt::AlignRight},
                 {QStringLiteral("Model"), 0.12, Qt::AlignRight},
                 {QStringLiteral("Error"), 0.1, Qt::AlignRight},
                 {QStringLiteral("Result"), 0.09}},
                {},
                6.4};
    const QLocale locale(QLocale::English);
    for (const CalibrationResult& result : results) {
      const CalibrationReference& reference = result.reference;
      const bool atLeast = reference.comparison == CalibrationReference::Comparison::AtLeast;
      const QString verdict = !result.problem.isEmpty() ? QStringLiteral("error")
                              : result.passed           ? QStringLiteral("pass")
                                                        : QStringLiteral("MISS");
      table.rows.push_back(
          {{reference.id, reference.path,
            (atLeast ? QStringLiteral("\u2265 ") : QString()) + formatQuantity(reference.expected),
            result.problem.isEmpty() ? formatQuantity(result.modelValue) : QStringLiteral("\u2014"),
            result.problem.isEmpty() ? locale.toString(result.relativeError * 100, 'f', 2) + QStringLiteral(" %")
                                     : QStringLiteral("\u2014"),
            verdict}});
    }
    placeTable(table);
  }

  void allFigures() {
    section(QStringLiteral("All figures"));
    paragraph(
        QStringLiteral("Every output of the engine for the whole site after each phase (the figures CSV holds "
                       "the same at full precision)."));
    const auto& plan = phases();
    constexpr std::size_t kPhasesPerTable = 3;
    for (std::size_t first = 0; first < plan.size(); first += kPhasesPerTable) {
      const std::size_t count = std::min(kPhasesPerTable, plan.size() - first);
      Table table{{{QStringLiteral("Output"), 0.34}, {QStringLiteral("Unit"), 0.12}}, {}, 7};
      for (std::size_t k = first; k < first + count; ++k)
        table.columns.push_back({plan[k].name, 0.54 / static_cast<double>(kPhasesPerTable), Qt::AlignRight});
      QString group;
      for (const OutputSpec& spec : outputSpecs()) {
        const QString path = QString::fromLatin1(spec.path);
        const QString section = path.section(QLatin1Char('.'), 0, 0);
        if (section != group) {
          group = section;
          table.rows.push_back({{group}, true});
        }
        TableRow row{{path, QString::fromLatin1(spec.unit)}};
        for (std::size_t k = first; k < first + count; ++k)
          row.cells << formatFigure(plan[k].site[static_cast<std::size_t>(spec.id)], QString::fromLatin1(spec.unit));
        table.rows.push_back(row);
      }
      placeTable(table);
    }
  }

  const ProjectReport& report_;
  QPaintDevice* device_;
  QDate issued_;
  PageCursor cursor_;
  std::vector<ContentsEntry> plannedContents_;
  std::shared_ptr<std::vector<ContentsEntry>> contents_;
  std::shared_ptr<const LayoutMetrics> metrics_;
};

}  // namespace

}  // namespace report

namespace {

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
    return text;
  QString quoted = text;
  quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

/// The shortest text that reads back as the same double, for CSV; without an exponent where that
/// stays short (1000000, not 1e+06).
QString exactNumber(double value) {
  char buffer[64];
  const double magnitude = std::fabs(value);
  const bool fixed = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e15);
  const auto result = fixed ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
                            : std::to_chars(buffer, buffer + sizeof buffer, value);
  return QString::fromLatin1(buffer, static_cast<int>(result.ptr - buffer));
}

QString inputValueText(InputId id, double value) {
  return inputSpec(id).kind == InputKind::Choice ? choiceNames(id).value(static_cast<int>(value))
                                                 : formatQuantity(value);
}

void setError(QString* error, const QString& message) {
  if (error) *error = message;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Evaluation and exports.

std::optional<ProjectReport> ProjectReport::prepare(const Project& project, QString* error) {
  ProjectReport report;
  report.project_ = project;
  if (report.project_.layout.racks.empty()) {
    ScenarioErrors errors;
    auto layout = layOutProject(project, HallTemplate{}, errors);
    if (!layout) {
      setError(error, errors.value(0).text());
      return std::nullopt;
    }
    report.project_.layout = std::move(*layout);
  }
  report.result_ = evaluateProject(report.project_);
  if (!report.result_.tenantError.isEmpty()) {  // a report for others must not drop the tenants quietly
    setError(error, report.result_.tenantError);
    return std::nullopt;
  }
  if (!report.result_.error.isEmpty() || !report.result_.plan || report.result_.plan->phases.empty()) {
    setError(error, report.result_.error.isEmpty() ? QStringLiteral("phases: the project has nothing to build")
                                                   : report.result_.error);
    return std::nullopt;
  }
  if (report.result_.tenants) report.tenantFloorGpus_ = TenantPlan::floorGpus(report.project_, *report.result_.plan);
  for (const CalibrationReference& reference : Calibration::bundled())
    report.calibration_.append(Calibration::run(reference));
  return report;
}

bool ProjectReport::write(const Project& project, const QString& pdfPath, QString* error, const Progress& progress,
                          const std::vector<QImage>& floorSnapshots) {
  auto report = prepare(project, error);
  if (!report) return false;
  report->setFloorSnapshots(floorSnapshots);
  return report->writePdf(pdfPath, error, progress);
}

bool ProjectReport::writePdf(const QString& pdfPath, QString* error, const Progress& progress) const {
  if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
    setError(error, QStringLiteral("the report needs a QGuiApplication for its fonts"));
    return false;
  }
  QSaveFile file(pdfPath);
  if (!file.open(QIODevice::WriteOnly)) {
    setError(error, QStringLiteral("%1: cannot write: %2").arg(pdfPath, file.errorString()));
    return false;
  }
  QPdfWriter writer(&file);
  writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF()));
  writer.setResolution(72);
  writer.setTitle(project_.scenario.name);
  writer.setCreator(QStringLiteral("Gigaplan"));
  const QRectF page(0, 0, writer.width(), writer.height());

  // Two layouts: the first finds the contents entries, the second reserves their lines.
  const QDate issued = QDate::currentDate();
  report::ReportBuilder first(*this, &writer, page, issued, {});
  first.build();
  report::ReportBuilder builder(*this, &writer, page, issued, first.contents());
  const std::vector<report::ReportPage> pages = builder.build();
  const int total = static_cast<int>(pages.size());

  QPainter painter;
  if (!painter.begin(&writer)) {
    setError(error, QStringLiteral("%1: cannot write the PDF").arg(pdfPath));
    return false;
  }
  painter.setRenderHint(QPainter::Antialiasing);
  for (int p = 0; p < total; ++p) {
    if (p > 0) writer.newPage();
    report::paintPage(painter, pages[static_cast<std::size_t>(p)], page, p + 1, total, project_.scenario.name,
                      formatDate(issued));
    if (progress && !progress(p + 1, total)) {
      painter.end();
      file.cancelWriting();
      setError(error, QStringLiteral("cancelled"));
      return false;
    }
  }
  if (!painter.end() || !file.commit()) {
    setError(error, QStringLiteral("%1: cannot write: %2").arg(pdfPath, file.errorString()));
    return false;
  }
  return true;
}

std::vector<BillOfMaterialsItem> ProjectReport::billOfMaterials() const {
  const OutputValues& site = siteOutputs();
  std::vector<BillOfMaterialsItem> items;
  auto engine = [&](const QString& group, const QString& item, OutputId id) {
    const OutputSpec& spec = outputSpec(id);
    items.push_back({group, item, valueOf(site, id), QString::fromLatin1(spec.unit), QString::fromLatin1(spec.path)});
  };

  // GPU systems by group (what each phase buys of one type): its GPUs, and the nodes and racks
  // the engine gives the group as bought (the site's figures are the sums of these groups).
  const HardwareCatalog& catalog = HardwareCatalog::bundled();
  const std::vector<Phase> phases = PhasePlan::phasesOf(project_, *result_.resolved);
  const QString systemsGroup = QStringLiteral("GPU systems");
  const bool phased = !project_.phases.empty();
  for (const PhaseGroup& group : PhasePlan::groupsOf(phases)) {
    const CatalogEntry* entry = catalog.system(group.systemType);
    const QString name =
        phased ? QStringLiteral("%1, %2").arg(entry ? entry->name : group.systemType, phases[group.phase].name)
               : (entry ? entry->name : group.systemType);
    items.push_back({systemsGroup, name, group.gpus, QStringLiteral("GPUs"),
                     phased ? QStringLiteral("phases[%1]").arg(group.phase) : QStringLiteral("cluster.gpus")});
    ScenarioErrors errors;
    const auto resolved = PhasePlan::groupScenario(project_, group, group.phase).resolve(catalog, errors);
    if (!resolved) continue;
    const OutputValues outputs = evaluate(resolved->values);
    items.push_back({systemsGroup, name, valueOf(outputs, OutputId::clusterNodes), QStringLiteral("nodes"),
                     QStringLiteral("cluster.nodes")});
    items.push_back({systemsGroup, name, valueOf(outputs, OutputId::clusterComputeRacks), QStringLiteral("racks"),
                     QStringLiteral("cluster.computeRacks")});
  }

  const QString racksGroup = QStringLiteral("Racks on the floor, by role");
  std::array<double, 5> byRole{};
  for (const Rack& rack : project_.layout.racks) byRole[static_cast<std::size_t>(rack.role)] += 1;
  static const char* roleNames[5] = {"compute", "leaf switches", "spine switches", "core switches", "CDUs"};
  for (std::size_t role = 0; role < byRole.size(); ++role)
    if (byRole[role] > 0 || role == 0)
      items.push_back({racksGroup, QString::fromLatin1(roleNames[role]), byRole[role], QStringLiteral("racks"),
                       QStringLiteral("layout")});
  items.push_back({racksGroup, QStringLiteral("all racks"), static_cast<double>(project_.layout.racks.size()),
                   QStringLiteral("racks"), QStringLiteral("layout")});

  const QString fabric = QStringLiteral("Fabric switches and links");
  static const std::array<std::pair<OutputId, const char*>, 4> tiers = {
      {{OutputId::networkSwitchesTier1, "tier 1 (leaf)"},
       {OutputId::networkSwitchesTier2, "tier 2 (spine)"},
       {OutputId::networkSwitchesTier3, "tier 3 (core)"},
       {OutputId::networkSwitchesTier4, "tier 4"}}};
  for (std::size_t t = 0; t < tiers.size(); ++t)
    if (t < 2 || valueOf(site, tiers[t].first) > 0)
      engine(fabric, QString::fromLatin1(tiers[t].second), tiers[t].first);
  engine(fabric, QStringLiteral("all tiers"), OutputId::networkSwitches);
  engine(fabric, QStringLiteral("fabric links"), OutputId::networkLinks);

  const QString transceivers = QStringLiteral("Transceivers, by reach class");
  engine(transceivers, QStringLiteral("multimode"), OutputId::networkTransceiversMultimode);
  engine(transceivers, QStringLiteral("single-mode DR"), OutputId::networkTransceiversSinglemodeDr);
  engine(transceivers, QStringLiteral("single-mode FR"), OutputId::networkTransceiversSinglemodeFr);

  const QString cables = QStringLiteral("Cables");
  engine(cables, QStringLiteral("copper (DAC)"), OutputId::networkCablesCopper);
  engine(cables, QStringLiteral("active electrical (AEC)"), OutputId::networkCablesAec);
  engine(cables, QStringLiteral("optical"), OutputId::networkCablesFiber);
  engine(cables, QStringLiteral("optical cable length"), OutputId::networkFiberKm);

  const QString cooling = QStringLiteral("Cooling plant");
  engine(cooling, QStringLiteral("coolant distribution units"), OutputId::coolingCdus);
  engine(cooling, QStringLiteral("heat rejection"), OutputId::coolingHeatRejectionRt);

  const QString electrical = QStringLiteral("Electrical plant");
  engine(electrical, QStringLiteral("MV transformers"), OutputId::electricalTransformers);
  engine(electrical, QStringLiteral("transformer capacity"), OutputId::electricalTransformerMva);
  engine(electrical, QStringLiteral("UPS modules"), OutputId::electricalUpsModules);
  engine(electrical, QStringLiteral("UPS capacity"), OutputId::electricalUpsMw);
  engine(electrical, QStringLiteral("battery for the training swing"), OutputId::powerBatteryMwh);
  return items;
}

std::vector<ReportAssumption> ProjectReport::assumptions() const {
  const HardwareCatalog& catalog = HardwareCatalog::bundled();
  const ResolvedScenario& base = *result_.resolved;
  std::vector<ReportAssumption> list;
  std::set<InputId> listed;
  auto add = [&](const QString& group, InputId id, double value, const QString& source, const QString& confidence) {
    const InputSpec& spec = inputSpec(id);
    list.push_back({group, QString::fromLatin1(spec.path), inputValueText(id, value), QString::fromLatin1(spec.unit),
                    source, confidence});
    listed.insert(id);
  };
  auto addResolved = [&](const QString& group, const ResolvedScenario& resolved, InputId id) {
    const auto i = static_cast<std::size_t>(id);
    add(group, id, resolved.values[i], resolved.source[i], resolved.confidence[i]);
  };

  const QString set = QStringLiteral("Set in the project");
  const std::vector<Phase> phases = PhasePlan::phasesOf(project_, base);
  for (std::size_t k = 0; k < phases.size(); ++k)
    for (std::size_t s = 0; s < phases[k].systems.size(); ++s)
      list.push_back({set, QStringLiteral("phases[%1].systems[%2]").arg(k).arg(s),
                      formatCount(phases[k].systems[s].gpus), QStringLiteral("GPUs"),
                      QStringLiteral("%1 adds %2").arg(phases[k].name, phases[k].systems[s].systemType),
                      QStringLiteral("input")});
  for (auto it = project_.scenario.values.begin(); it != project_.scenario.values.end(); ++it) {
    if (!project_.phases.empty() && it.key() == InputId::clusterGpus) continue;  // the phases' systems count
    add(set, it.key(), it.value(), base.source[static_cast<std::size_t>(it.key())], QStringLiteral("input"));
  }
  for (const Phase& phase : project_.phases)
    for (auto it = phase.inputs.begin(); it != phase.inputs.end(); ++it)
      add(set, it.key(), it.value(), QStringLiteral("set by %1").arg(phase.name), QStringLiteral("input"));

  // The catalog values that matter most for each group, as it was bought.
  for (const PhaseGroup& group : PhasePlan::groupsOf(phases)) {
    ScenarioErrors errors;
    const auto resolved = PhasePlan::groupScenario(project_, group, group.phase).resolve(catalog, errors);
    if (!resolved) continue;
    const QString heading = project_.phases.empty()
                                ? QStringLiteral("Hardware: %1 (%2)").arg(resolved->systemName, group.systemType)
                                : QStringLiteral("Hardware: %1 (%2), %3")
                                      .arg(resolved->systemName, group.systemType, phases[group.phase].name);
    for (InputId id : {InputId::systemGpusPerNode, InputId::systemNodesPerRack, InputId::systemGpuTdpW,
                       InputId::systemLiquidFraction, InputId::systemRackMassKg, InputId::systemPriceUsdPerNode})
      addResolved(heading, *resolved, id);
  }
  const QString fabric =
      QStringLiteral("Fabric: %1 (%2) and optics").arg(base.switchName, project_.scenario.switchModel);
  for (InputId id : {InputId::networkSwitchRadix, InputId::networkSwitchPortSpeedGbps, InputId::networkSwitchPowerW,
                     InputId::networkSwitchPriceUsd, InputId::opticsCopperPriceUsdPer400G,
                     InputId::opticsAecPriceUsdPer400G, InputId::opticsMultimodePriceUsdPer400G,
                     InputId::opticsSinglemodeDrPriceUsdPer400G, InputId::opticsSinglemodeFrPriceUsdPer400G})
    addResolved(fabric, base, id);

  const QString defaults = QStringLiteral("Key defaults");
  for (InputId id : {InputId::networkNicSpeedGbps,
                     InputId::networkOversubscriptionTier1,
                     InputId::powerAverageLoadFraction,
                     InputId::powerTrainingSwingFraction,
                     InputId::powerBatteryBufferMinutes,
                     InputId::electricalRedundancy,
                     InputId::facilityPueMode,
                     InputId::facilityPue,
                     InputId::coolingCduCapacityKw,
                     InputId::coolingWueLPerKwh,
                     InputId::costElectricityUsdPerKwh,
                     InputId::costElectricalUsdPerMw,
                     InputId::costCoolingUsdPerMw,
                     InputId::costBuildingUsdPerMw,
                     InputId::costStorageUsdPerGpu,
                     InputId::costItLifetimeYears,
                     InputId::costFacilityLifetimeYears,
                     InputId::costCapitalRate,
                     InputId::costUtilization,
                     InputId::reliabilityGpuFailuresPerMillionHours,
                     InputId::reliabilityHostFailuresPerMillionHours,
                     InputId::reliabilityNetworkFailuresPerMillionHours,
                     InputId::reliabilityCheckpointWriteMinutes,
                     InputId::reliabilityRestartMinutes,
                     InputId::scheduleCrews,
                     InputId::scheduleRacksPerCrewPerDay,
                     InputId::scheduleSiteReadyDays,
                     InputId::scheduleBringUpDays,
                     InputId::siteGridMw,
                     InputId::siteOnsiteGenerationMw})
    if (!listed.count(id)) addResolved(defaults, base, id);
  return list;
}

QString ProjectReport::billOfMaterialsCsv() const {
  QString csv = QStringLiteral("group,item,quantity,unit,from\n");
  for (const BillOfMaterialsItem& item : billOfMaterials())
    csv += QStringList{csvField(item.group), csvField(item.item), exactNumber(item.quantity), csvField(item.unit),
                       csvField(item.origin)}
               .join(QLatin1Char(',')) +
           QLatin1Char('\n');
  return csv;
}

QString ProjectReport::figuresCsv() const {
  QStringList header = {QStringLiteral("path"), QStringLiteral("unit"), QStringLiteral("meaning")};
  for (const PhaseResult& phase : plan().phases) header << csvField(phase.name);
  QString csv = header.join(QLatin1Char(',')) + QLatin1Char('\n');
  for (const OutputSpec& spec : outputSpecs()) {
    QStringList line = {QString::fromLatin1(spec.path), csvField(QString::fromLatin1(spec.unit)),
                        csvField(QString::fromLatin1(spec.meaning))};
    for (const PhaseResult& phase : plan().phases) line << exactNumber(phase.site[static_cast<std::size_t>(spec.id)]);
    csv += line.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return csv;
}

QJsonObject ProjectReport::scenarioJson(const Project& project) {
  QJsonObject json = project.scenario.toJson();
  if (!project.phases.empty()) json.insert(QStringLiteral("phases"), PhasePlan::toJson(project.phases));
  if (!project.tenants.empty()) json.insert(QStringLiteral("tenants"), TenantPlan::toJson(project.tenants));
  return json;
}

}  // namespace gigaplan
