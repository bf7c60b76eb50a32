// The Failure domains and availability section: the power and cooling levels with their
// redundancy, the availability figures, the worst single failures and the tenants they reach.

#include <QLocale>
#include <algorithm>
#include <cmath>

#include "engine/InputSchema.h"
#include "engine/ResultFormat.h"
#include "plan/AvailabilityOptions.h"
#include "report/ReportBuilder.h"

namespace gigaplan::report {

namespace {

QString gpuHours(double hours) {
  return QLocale(QLocale::English).toString(hours, 'f', 0);
}

}  // namespace

void ReportBuilder::failuresSection() {
  const std::shared_ptr<const SiteFailures>& failures = report_.result().failures;
  if (!failures) return;
  const FailureDomains& domains = failures->domains;
  const ResolvedScenario& base = *report_.result().resolved;
  const InputValues& inputs = report_.plan().groupInputs.empty() ? base.values : report_.plan().groupInputs.front();
  section(QStringLiteral("Failure domains and availability"));
  paragraph(
      QStringLiteral(
          "Every component whose loss takes something down, laid out on the floor: utility feeds for the site; "
          "per electrical block (%1 of a building) MV switchgear, transformers, UPS modules and heat-rejection "
          "units sized for the block's load, one busway per row and one facility water loop per block, each level "
          "with its redundancy; the CDUs the floor places in each hall; and every leaf, spine and core switch and "
          "fabric plane. A unit without redundancy carries a share of its level's racks and takes them down with it; "
          "2N pairs carry a share each; N+1 and 4N/3 pools carry the level together and lose load only when more "
          "units are down than they tolerate. A rack down takes its switches down; a switch down cuts the bandwidth "
          "of the GPUs it connects (counted as GPUs in proportion). Each unit fails at its rate while it runs and is "
          "repaired in its mean time; the expected GPU-hours lost follow in closed form and over %2 simulated "
          "site-years.")
          .arg(valueOf(inputs, InputId::electricalHallsPerBlock) == 1
                   ? QStringLiteral("a hall")
                   : QStringLiteral("%1 halls").arg(valueOf(inputs, InputId::electricalHallsPerBlock)))
          .arg(QLocale(QLocale::English).toString(kDefaultSimulatedYears)));

  subsection(QStringLiteral("Levels, redundancy and what they cost a year"));
  Table levels{{{QStringLiteral("Level"), 0.17},
                {QStringLiteral("Units"), 0.07, Qt::AlignRight},
                {QStringLiteral("Redundancy"), 0.12},
                {QStringLiteral("Failures per unit-year"), 0.10, Qt::AlignRight},
                {QStringLiteral("Repair, h"), 0.07, Qt::AlignRight},
                {QStringLiteral("Failures a year reaching GPUs"), 0.11, Qt::AlignRight},
                {QStringLiteral("GPU-hours lost a year"), 0.11, Qt::AlignRight},
                {QStringLiteral("Rate from"), 0.25}},
               {},
               6.6};
  const std::array<int, kComponentKinds> units = domains.unitsByKind();
  for (int k = 0; k < kComponentKinds; ++k) {
    const auto kind = static_cast<ComponentKind>(k);
    if (units[static_cast<std::size_t>(k)] == 0) continue;
    const auto scheme = schemeInput(kind);
    const QString redundancy =
        scheme ? choiceNames(*scheme).value(static_cast<int>(valueOf(inputs, *scheme))) : QStringLiteral("each alone");
    const auto [rate, repair] = failureRateInputs(kind);
    levels.rows.push_back(
        {{componentKindName(kind), QLocale(QLocale::English).toString(units[static_cast<std::size_t>(k)]), redundancy,
          formatQuantity(valueOf(inputs, rate)), formatQuantity(valueOf(inputs, repair)),
          formatQuantity(failures->expected.interruptionsByKind[static_cast<std::size_t>(k)]),
          gpuHours(failures->expected.gpuHoursLostByKind[static_cast<std::size_t>(k)]),
          base.source[static_cast<std::size_t>(rate)]}});
  }
  placeTable(levels);

  subsection(QStringLiteral("Availability"), false, 160);  // with its table, not alone at a page's foot
  Table figures{{{QStringLiteral("Figure"), 0.55}, {QStringLiteral("Value"), 0.45, Qt::AlignRight}}, {}, 7.5};
  const AvailabilityEstimate& expected = failures->expected;
  figures.rows.push_back(
      {{QStringLiteral("GPU-hours lost a year, expected (closed form)"), gpuHours(expected.gpuHoursLostPerYear)}});
  if (const auto& years = report_.simulatedYears()) {
    figures.rows.push_back(
        {{QStringLiteral("the same over %1 simulated site-years: mean \u00b1 standard error")
              .arg(QLocale(QLocale::English).toString(years->years)),
          gpuHours(years->meanGpuHoursLost) + QStringLiteral(" \u00b1 ") + gpuHours(years->standardError)}});
    figures.rows.push_back(
        {{QStringLiteral("a year at P10, P50 and P90; the worst year"),
          QStringLiteral("%1, %2, %3; %4")
              .arg(gpuHours(years->p10), gpuHours(years->p50), gpuHours(years->p90), gpuHours(years->worstYear))}});
  }
  figures.rows.push_back({{QStringLiteral("site availability (GPU-hours the power, cooling and fabric deliver)"),
                           percentText(expected.siteAvailability, 4)}});
  figures.rows.push_back({{QStringLiteral("failures a year that take GPUs down or cut their bandwidth"),
                           formatQuantity(expected.interruptionsPerYear)}});
  figures.rows.push_back(
      {{QStringLiteral("GPUs the worst single failure takes (bandwidth lost counted as GPUs)"),
        ProjectReport::formatCount(valueOf(report_.siteOutputs(), OutputId::availabilityWorstSingleFailureGpus))}});
  figures.rows.push_back({{QStringLiteral("effective training time of a full-site job (node, network and software "
                                          "interruptions)"),
                           percentText(failures->ettr, 2)}});
  figures.rows.push_back({{QStringLiteral("its goodput, less restarts and repairs after these failures (%1 h a year)")
                               .arg(failures->job.facilityHoursLostPerYear, 0, 'f', 1),
                           percentText(failures->job.goodput, 2)}});
  placeTable(figures);

  const AvailabilityStudy study = AvailabilityStudy::of(report_.project(), report_.result());
  subsection(QStringLiteral("What it takes to hold %1").arg(percentText(study.target, 1)), false, 120);
  paragraph(
      QStringLiteral("The site delivers %1 of its GPU-hours: %2 of its GPUs in service (nodes out for repair "
                     "apart) on power, cooling and fabric %3 of the time, against a target of %4 (%5). Each "
                     "other redundancy scheme of a level, tried on this floor, and the full-site job's levers (hot "
                     "spares, restart time, checkpoint bandwidth, through the engine): the capex it adds at the "
                     "unit prices (cost.*), the GPU-hours it saves a year, and the capex a year (annualized as "
                     "the facility's) per GPU-hour saved, the cheapest first.")
          .arg(percentText(study.delivered, 3),
               percentText(valueOf(report_.siteOutputs(), OutputId::reliabilityGpuAvailability), 2),
               percentText(failures->expected.siteAvailability, 4), percentText(study.target, 1),
               study.met() ? QStringLiteral("met") : QStringLiteral("missed")));
  Table options{{{QStringLiteral("Change"), 0.29},
                 {QStringLiteral("Units added"), 0.08, Qt::AlignRight},
                 {QStringLiteral("Capex added"), 0.11, Qt::AlignRight},
                 {QStringLiteral("GPU-hours saved a year"), 0.14, Qt::AlignRight},
                 {QStringLiteral("$ a year per GPU-hour saved"), 0.14, Qt::AlignRight},
                 {QStringLiteral("Delivered after"), 0.12, Qt::AlignRight},
                 {QStringLiteral("Job goodput after"), 0.12, Qt::AlignRight}},
                {},
                6.8};
  for (const AvailabilityOption& option : study.options)
    options.rows.push_back(
        {{option.change, ProjectReport::formatCount(option.extraUnits), ProjectReport::formatUsd(option.capexUsd),
          gpuHours(option.gpuHoursSavedPerYear),
          std::isfinite(option.usdPerGpuHourSaved) ? ProjectReport::formatUsd(option.usdPerGpuHourSaved)
                                                   : QStringLiteral("\u2014"),
          percentText(option.delivered, 3), percentText(option.jobGoodput, 2)}});
  placeTable(options);

  subsection(QStringLiteral("The worst single failures"), false, 260);  // with its note and first rows
  paragraph(QStringLiteral("Each component failing alone (N-1), by what it takes: GPUs down, then bandwidth. "
                           "`gigaplan-cli failures` lists all %1.")
                .arg(QLocale(QLocale::English).toString(static_cast<qlonglong>(domains.components.size()))),
            8.5, kMuted, 4);
  Table worst{{{QStringLiteral("Component"), 0.30},
               {QStringLiteral("Kind"), 0.11},
               {QStringLiteral("Racks down"), 0.07, Qt::AlignRight},
               {QStringLiteral("GPUs down"), 0.08, Qt::AlignRight},
               {QStringLiteral("GPUs slower"), 0.08, Qt::AlignRight},
               {QStringLiteral("As GPUs lost"), 0.08, Qt::AlignRight},
               {QStringLiteral("MW"), 0.06, Qt::AlignRight},
               {QStringLiteral("Tenants reached"), 0.22}},
              {},
              6.6};
  const std::vector<int> order = domains.worstFirst();
  for (std::size_t i = 0; i < order.size() && i < 12; ++i) {
    const Component& c = domains.components[static_cast<std::size_t>(order[i])];
    worst.rows.push_back(
        {{c.name, componentKindName(c.kind), ProjectReport::formatCount(c.impact.racksDown),
          ProjectReport::formatCount(c.impact.gpusDown), ProjectReport::formatCount(c.impact.gpusDegraded),
          ProjectReport::formatCount(c.impact.gpuEquivalent),
          QLocale(QLocale::English).toString(c.impact.mwLost, 'f', 1),
          failures->tenantsHit(c).join(QStringLiteral(", "))}});
  }
  placeTable(worst);

  if (failures->tenantNames.size() > 1) {
    subsection(QStringLiteral("Failures that reach each tenant"));
    paragraph(QStringLiteral("Components whose failure reaches a tenant's racks, and how many of those also reach "
                             "another tenant: isolation in halls or planes of its own leaves fewer shared."),
              8.5, kMuted, 4);
    Table tenants{{{QStringLiteral("Tenant"), 0.40},
                   {QStringLiteral("Components reaching it"), 0.30, Qt::AlignRight},
                   {QStringLiteral("Shared with another tenant"), 0.30, Qt::AlignRight}},
                  {},
                  7.5};
    for (int t = 1; t < failures->tenantNames.size(); ++t) {
      int reaching = 0, shared = 0;
      for (const Component& c : domains.components) {
        if (!c.tenantsHit.test(static_cast<std::size_t>(t))) continue;
        if (c.impact.gpuEquivalent <= 0) continue;
        ++reaching;
        std::bitset<256> others = c.tenantsHit;
        others.reset(static_cast<std::size_t>(t));
        others.reset(0);
        if (others.any()) ++shared;
      }
      tenants.rows.push_back({{failures->tenantNames[t], QLocale(QLocale::English).toString(reaching),
                               QLocale(QLocale::English).toString(shared)}});
    }
    placeTable(tenants);
  }
}

}  // namespace gigaplan::report
