// The Phases section (dates, timeline charts, capex and what each phase adds) and the Floor plans
// section (the site after each phase, and the halls it adds).

#include <QImage>
#include <QPainter>
#include <algorithm>
#include <functional>
#include <memory>

#include "engine/ResultFormat.h"
#include "report/ReportBuilder.h"
#include "report/ReportCharts.h"
#include "report/ReportFloorPlan.h"

namespace gigaplan::report {

void ReportBuilder::phasesSection() {
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
    for (std::size_t k = first; k < first + count; ++k) capex.columns.push_back({plan[k].name, width, Qt::AlignRight});
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

void ReportBuilder::floorPlans() {
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
        plan.size() == 1 ? QStringLiteral("Floor plan") : QStringLiteral("Floor plan after %1").arg(plan[k].name), true,
        300);
    const auto scope = std::make_shared<FloorPlanScope>(floorPlanScope(*layout, *metrics, shown, k + 1 == plan.size()));
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
    cursor_.place(std::min(natural, std::max(cursor_.remaining(), 200.0)), [=](QPainter& painter, const QRectF& rect) {
      paintFloorPlan(painter, rect, *layout, *metrics, *scope, shown, names);
    });
    if (k < report_.floorSnapshots().size() && !report_.floorSnapshots()[k].isNull()) {
      const QImage snapshot = report_.floorSnapshots()[k];
      const double height = std::min(cursor_.width() * snapshot.height() / std::max(1, snapshot.width()), 330.0);
      // The caption goes with its picture: both on the next page when the picture does not fit here.
      const QString caption = QStringLiteral("The same site in 3D, racks coloured by role, as the program shows it.");
      if (!cursor_.fits(textHeight(caption, reportFont(8.5), cursor_.width()) + 6 + height))
        cursor_.newPage(cursor_.section());
      paragraph(caption, 8.5, kMuted);
      cursor_.place(height, [snapshot](QPainter& painter, const QRectF& rect) {
        // Fitted into the block, keeping its proportions.
        const QSizeF size = QSizeF(snapshot.size()).scaled(rect.size(), Qt::KeepAspectRatio);
        painter.drawImage(QRectF(rect.topLeft(), size), snapshot);
      });
    }
    hallsTable(*layout, *metrics, *scope, shown,
               plan.size() == 1 ? QStringLiteral("Halls") : QStringLiteral("Halls added in %1").arg(plan[k].name));
  }
}

void ReportBuilder::hallsTable(const SiteLayout& layout, const LayoutMetrics& metrics, const FloorPlanScope& scope,
                               int phase, const QString& title) {
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

}  // namespace gigaplan::report
