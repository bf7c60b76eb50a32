// The Tenants section (shares, economics, isolation and the largest job) and the Variants section
// (each variant's headline figures against the plan).

#include <cmath>
#include <iterator>

#include "engine/ResultFormat.h"
#include "engine/WhatIf.h"
#include "plan/ProjectEvaluation.h"
#include "report/ReportBuilder.h"

namespace gigaplan::report {

void ReportBuilder::tenantsSection() {
  const std::optional<TenantPlan>& plan = report_.result().tenants;
  if (!plan || plan->tenants.empty()) return;
  const std::vector<Tenant>& tenants = report_.project().tenants;
  const std::vector<double>& floor = report_.tenantFloorGpus();
  section(QStringLiteral("Tenants"));
  paragraph(
      QStringLiteral("Each tenant takes its GPUs from the system groups (the GPUs of one type a phase adds): of "
                     "its system type when it names one, else of any type, in phase order, tenants in their "
                     "order. Its share of a group's power, capex and cost of ownership is its share of the "
                     "GPUs the group's racks hold on the floor; GPUs no tenant rents are the operator's spare, "
                     "so the shares add up to the site's figures. Isolation needs switches a tenant does not "
                     "share, at the group's switch price and power: own leaves keeps its leaf switches apart, "
                     "own halls its leaves and spines, own plane a fabric of its own, whose bisection to the "
                     "rest is lost. A shared fabric needs none. Those switches are not on the floor: their "
                     "cost is shown apart and charged to the tenant's margin and payback."));
  paragraph(
      QStringLiteral("Revenue is GPUs \u00d7 8,760 h \u00d7 utilization \u00d7 price; margin is revenue less "
                     "the tenant's cost of ownership and its isolation's; payback is its capex with its "
                     "isolation's over revenue less energy, maintenance and staff. GPUs on the floor are those in the "
                     "racks marked for the tenant: "
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
  // The contract as signed (a tenant short on the floor has fewer GPUs than it), or the GPUs of the
  // racks marked by hand for a tenant without one.
  const auto economics = [&](const TenantFigures& t, const QString& isolation, double floorGpus, const QString& price,
                             const QString& utilization) {
    shares.rows.push_back({{t.name, isolation, ProjectReport::formatCount(t.gpus + t.shortGpus),
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

void ReportBuilder::variants() {
  const Project& project = report_.project();
  if (project.variants.empty()) return;
  section(QStringLiteral("Variants"));
  paragraph(
      QStringLiteral("Each variant is another scenario and phases on the same site, evaluated as the plan "
                     "is: on its floor, the plan's own when the variant lays out the same floor, else one "
                     "laid out for it. Columns give the site after the last phase; a variant with "
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
    subsection(QStringLiteral("Variant: %1").arg(variant.name), true);
    ScenarioErrors errors;
    const auto other = variantProject(project, variant, errors);
    const ProjectResult result = other ? evaluateProject(*other) : ProjectResult{};
    if (!result.plan) {
      paragraph(
          QStringLiteral("This variant does not evaluate: %1").arg(other ? result.error : errors.value(0).text()));
      continue;
    }
    const std::vector<PhaseResult>& variantPhases = result.plan->phases;
    const std::size_t at =
        variant.phases.empty() ? planPhases.size() - 1 : std::min(variantPhases.size(), planPhases.size()) - 1;
    if (at + 1 < planPhases.size())
      paragraph(QStringLiteral("Compared after %1, the variant's last phase.").arg(planPhases[at].name), 9, kMuted, 4);
    // Tenants rent the site once every phase is built: their figures join the comparison there.
    const OutputValues& variantSite = variantPhases.back().site;
    const bool withTenants = at + 1 == planPhases.size() && (!project.tenants.empty() || !variant.tenants.empty());
    if (!result.tenantError.isEmpty())
      paragraph(QStringLiteral("Its tenants do not fit: %1").arg(result.tenantError), 9, kMuted, 4);
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
      table.rows.push_back(
          {{QStringLiteral("%1 (%2)").arg(QString::fromLatin1(outputSpec(id).meaning), unit), formatFigure(row.a, unit),
            formatFigure(row.b, unit), std::isfinite(row.percent) ? QString::number(row.percent, 'f', 1) : QString(),
            row.better == 1   ? QStringLiteral("\u2713 plan")
            : row.better == 2 ? QStringLiteral("\u2713 variant")
                              : QString()}});
    }
    placeTable(table);
  }
}

}  // namespace gigaplan::report
