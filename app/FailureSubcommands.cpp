// gigaplan-cli failures: every failure domain of a project's floor with its blast radius, worst
// first, and the site's availability (closed form and simulated site-years).
#include <unistd.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <cmath>

#include "CliSupport.h"
#include "ProjectSubcommands.h"
#include "engine/ResultFormat.h"
#include "plan/AvailabilityOptions.h"
#include "plan/ProjectEvaluation.h"

namespace gigaplan::cli {

namespace {
QString number(double value, int decimals) {
  return QString::number(value, 'f', decimals);
}
}  // namespace

int runFailures(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A project file, preset id or scenario file."));
  const QCommandLineOption yearsOption(QStringLiteral("years"),
                                       QStringLiteral("Site-years to simulate (default 1000; 0 for none)."),
                                       QStringLiteral("N"), QString::number(kDefaultSimulatedYears));
  const QCommandLineOption topOption(QStringLiteral("top"),
                                     QStringLiteral("Components listed, worst first (default: all of them; the "
                                                    "table, 40)."),
                                     QStringLiteral("N"));
  const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed of the simulation (default 1)."),
                                      QStringLiteral("N"), QString::number(kDefaultSimulationSeed));
  parser.addOptions(
      {formatOption(QStringLiteral("table")), outputOption(), yearsOption, topOption, seedOption, setOption()});
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli failures FILE [--format table|json|csv] [--years N] [--top N] [--seed N] "
          "[--set path=value]... [-o FILE]\n"
          "Every component of the floor whose loss takes something down (utility feeds, switchgear,\n"
          "transformers, UPS modules, busways, heat rejection, water loops, CDUs, leaf, spine and core\n"
          "switches, fabric planes), worst first: the racks and GPUs it takes down, the GPUs that lose\n"
          "bandwidth, the MW and GPU-hours lost over its repair, the tenants it reaches. Then the\n"
          "site's availability: expected GPU-hours lost a year (closed form), the same over simulated\n"
          "site-years, and the goodput of a job on the whole site.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("failures takes one FILE"));
  const QString format = parser.value(QStringLiteral("format"));
  if (format != QLatin1String("table") && format != QLatin1String("json") && format != QLatin1String("csv"))
    return usageError(QStringLiteral("--format: '%1' is not table, json or csv").arg(format));
  bool ok = false;
  const int years = parser.value(yearsOption).toInt(&ok);
  if (!ok || years < 0 || years > 10'000'000)
    return reportErrors({{QStringLiteral("--years"), QStringLiteral("must be from 0 to 10,000,000")}});
  const quint64 seed = parser.value(seedOption).toULongLong(&ok);
  if (!ok) return reportErrors({{QStringLiteral("--seed"), QStringLiteral("must be a whole number")}});
  int top = format == QLatin1String("table") ? 40 : -1;
  if (parser.isSet(topOption)) {
    top = parser.value(topOption).toInt(&ok);
    if (!ok || top < 0) return reportErrors({{QStringLiteral("--top"), QStringLiteral("must be 0 or more")}});
  }

  ScenarioErrors errors;
  const auto project = projectOnFloor(parser.positionalArguments().first(), parser.values(setOption()), errors);
  if (!project) return errors.isEmpty() ? kExitBadInput : reportErrors(errors);
  // The analysis of the one evaluation every command, the report and the workspace read.
  const ProjectResult result = evaluateProject(*project);
  if (!result.failures) {
    err() << "error: " << (result.error.isEmpty() ? QStringLiteral("the project has no floor") : result.error) << "\n";
    return kExitBadInput;
  }
  const std::shared_ptr<const SiteFailures>& failures = result.failures;
  const FailureDomains& domains = failures->domains;
  std::optional<SimulatedYears> simulated;
  if (years > 0) {
    cancelOnSignals();
    const bool terminal = isatty(fileno(stderr));
    int shown = -1;
    simulated = SimulatedYears::run(
        domains, years, seed,
        [&](int done, int total) {
          const int percent = 100 * done / std::max(1, total);
          if (!terminal || years < 10'000 || percent == shown) return;
          shown = percent;
          err() << "\rfailures: " << percent << " % of " << total << " site-years";
          err().flush();
        },
        &cancelRequested);
    if (terminal && years >= 10'000) err() << "\n";
    if (!simulated) {
      err() << "cancelled\n";
      return kExitCancelled;
    }
  }

  static const std::vector<ListingColumn> columns = {{"rank", true},
                                                     {"component", false},
                                                     {"kind", false},
                                                     {"units", true},
                                                     {"needed", true},
                                                     {"racks_down", true},
                                                     {"gpus_down", true},
                                                     {"gpus_degraded", true},
                                                     {"gpu_equivalent", true},
                                                     {"mw_lost", true},
                                                     {"failures_per_year", true},
                                                     {"repair_hours", true},
                                                     {"gpu_hours_per_failure", true},
                                                     {"tenants", false}};
  std::vector<QStringList> rows;
  const std::vector<int> order = domains.worstFirst();
  const std::size_t listed = top < 0 ? order.size() : std::min(order.size(), static_cast<std::size_t>(top));
  for (std::size_t i = 0; i < listed; ++i) {
    const Component& c = domains.components[static_cast<std::size_t>(order[i])];
    const RedundancyGroup& group = domains.groups[static_cast<std::size_t>(c.group)];
    rows.push_back({QString::number(i + 1), c.name, componentKindName(c.kind), QString::number(group.units),
                    QString::number(group.needed), number(c.impact.racksDown, 0), number(c.impact.gpusDown, 0),
                    number(c.impact.gpusDegraded, 0), number(c.impact.gpuEquivalent, 1), number(c.impact.mwLost, 3),
                    QString::number(group.failuresPerYear, 'g', 4), QString::number(group.repairHours, 'g', 4),
                    number(c.gpuHoursLost(group.repairHours), 0), failures->tenantsHit(c).join(QStringLiteral("; "))});
  }

  const AvailabilityEstimate& expected = failures->expected;
  const std::array<int, kComponentKinds> units = domains.unitsByKind();
  QJsonObject availability{{QStringLiteral("gpus"), domains.siteGpus},
                           {QStringLiteral("electricalBlocks"), domains.blocks},
                           {QStringLiteral("gpuHoursLostPerYear"), expected.gpuHoursLostPerYear},
                           {QStringLiteral("siteAvailability"), expected.siteAvailability},
                           {QStringLiteral("interruptionsPerYear"), expected.interruptionsPerYear},
                           {QStringLiteral("effectiveTrainingTime"), failures->ettr},
                           {QStringLiteral("jobFacilityHoursLostPerYear"), failures->job.facilityHoursLostPerYear},
                           {QStringLiteral("jobGoodput"), failures->job.goodput}};
  QJsonObject byKind;
  for (int k = 0; k < kComponentKinds; ++k)
    byKind.insert(
        componentKindName(static_cast<ComponentKind>(k)),
        QJsonObject{
            {QStringLiteral("units"), units[static_cast<std::size_t>(k)]},
            {QStringLiteral("gpuHoursLostPerYear"), expected.gpuHoursLostByKind[static_cast<std::size_t>(k)]},
            {QStringLiteral("interruptionsPerYear"), expected.interruptionsByKind[static_cast<std::size_t>(k)]}});
  availability.insert(QStringLiteral("byKind"), byKind);
  if (simulated)
    availability.insert(QStringLiteral("simulated"),
                        QJsonObject{{QStringLiteral("years"), simulated->years},
                                    {QStringLiteral("seed"), static_cast<double>(seed)},
                                    {QStringLiteral("meanGpuHoursLost"), simulated->meanGpuHoursLost},
                                    {QStringLiteral("p10"), simulated->p10},
                                    {QStringLiteral("p50"), simulated->p50},
                                    {QStringLiteral("p90"), simulated->p90},
                                    {QStringLiteral("worstYear"), simulated->worstYear},
                                    {QStringLiteral("meanAvailability"), simulated->meanAvailability}});

  // What it takes to hold the uptime target: every other redundancy scheme, tried on this floor.
  const AvailabilityStudy study = AvailabilityStudy::of(*project, result);
  availability.insert(QStringLiteral("delivered"), study.delivered);
  availability.insert(QStringLiteral("targetUptime"), study.target);
  QJsonArray options;
  for (const AvailabilityOption& option : study.options)
    options.append(QJsonObject{{QStringLiteral("change"), option.change},
                               {QStringLiteral("set"), option.inputPath + QLatin1Char('=') + option.value},
                               {QStringLiteral("extraUnits"), option.extraUnits},
                               {QStringLiteral("capexUsd"), option.capexUsd},
                               {QStringLiteral("gpuHoursSavedPerYear"), option.gpuHoursSavedPerYear},
                               {QStringLiteral("usdPerGpuHourSaved"), option.usdPerGpuHourSaved},
                               {QStringLiteral("siteAvailability"), option.siteAvailability},
                               {QStringLiteral("delivered"), option.delivered},
                               {QStringLiteral("jobGoodput"), option.jobGoodput}});

  QByteArray bytes;
  if (format == QLatin1String("json")) {
    bytes = formatListing(
        columns, rows, format, QStringLiteral("components"),
        QJsonObject{{QStringLiteral("availability"), availability}, {QStringLiteral("redundancyOptions"), options}});
  } else if (format == QLatin1String("csv")) {
    bytes = formatListing(columns, rows, format, QString());
  } else {
    const QLocale locale(QLocale::English);
    QString text;
    text += QStringLiteral("%1 GPUs, %2 electrical blocks, %3 components in %4 groups that back each other up\n")
                .arg(locale.toString(domains.siteGpus, 'f', 0))
                .arg(domains.blocks)
                .arg(domains.components.size())
                .arg(domains.groups.size());
    QStringList counts;
    for (int k = 0; k < kComponentKinds; ++k)
      if (units[static_cast<std::size_t>(k)] > 0)
        counts << QStringLiteral("%1 %2").arg(locale.toString(units[static_cast<std::size_t>(k)]),
                                              componentKindName(static_cast<ComponentKind>(k)));
    text += QStringLiteral("Units: %1\n").arg(counts.join(QStringLiteral(", ")));
    text +=
        QStringLiteral("Expected GPU-hours lost a year: %1 (site availability %2 %), %3 failures a year reach GPUs\n")
            .arg(locale.toString(expected.gpuHoursLostPerYear, 'f', 0))
            .arg(100 * expected.siteAvailability, 0, 'f', 4)
            .arg(expected.interruptionsPerYear, 0, 'f', 1);
    if (simulated)
      text += QStringLiteral("Simulated over %1 site-years: mean %2, P10 %3, P50 %4, P90 %5, worst %6 GPU-hours\n")
                  .arg(locale.toString(simulated->years))
                  .arg(locale.toString(simulated->meanGpuHoursLost, 'f', 0))
                  .arg(locale.toString(simulated->p10, 'f', 0))
                  .arg(locale.toString(simulated->p50, 'f', 0))
                  .arg(locale.toString(simulated->p90, 'f', 0))
                  .arg(locale.toString(simulated->worstYear, 'f', 0));
    text += QStringLiteral(
                "Goodput of a job on the whole site: %1 % (effective training time %2 %, less %3 h a year "
                "of restarts and repairs after these failures)\n\n")
                .arg(100 * failures->job.goodput, 0, 'f', 2)
                .arg(100 * failures->ettr, 0, 'f', 2)
                .arg(failures->job.facilityHoursLostPerYear, 0, 'f', 1);
    text += QStringLiteral("GPU-hours delivered: %1 % against a target of %2 % (%3)\n")
                .arg(100 * study.delivered, 0, 'f', 3)
                .arg(100 * study.target, 0, 'f', 3)
                .arg(study.met() ? QStringLiteral("met") : QStringLiteral("missed"));
    static const std::vector<ListingColumn> optionColumns = {{"redundancy_option", false},
                                                             {"set", false},
                                                             {"extra_units", true},
                                                             {"capex_usd", true},
                                                             {"gpu_hours_saved_a_year", true},
                                                             {"usd_per_gpu_hour_saved", true},
                                                             {"delivered_percent", true}};
    std::vector<QStringList> optionRows;
    for (const AvailabilityOption& option : study.options)
      optionRows.push_back(
          {option.change, option.inputPath + QLatin1Char('=') + option.value, number(option.extraUnits, 0),
           number(option.capexUsd, 0), number(option.gpuHoursSavedPerYear, 0),
           std::isfinite(option.usdPerGpuHourSaved) ? number(option.usdPerGpuHourSaved, 2) : QStringLiteral("-"),
           number(100 * option.delivered, 4)});
    text += QString::fromUtf8(formatListing(optionColumns, optionRows, format, QString())) + QLatin1Char('\n');
    text += QString::fromUtf8(formatListing(columns, rows, format, QString()));
    if (listed < order.size())
      text += QStringLiteral("... %1 more; --top 0 lists them all\n").arg(locale.toString(order.size() - listed));
    bytes = text.toUtf8();
  }
  return writeOutput(parser.value(outputOption()), bytes, parser.positionalArguments()) ? 0 : kExitBadInput;
}

}  // namespace gigaplan::cli
