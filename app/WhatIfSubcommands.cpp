#include "WhatIfSubcommands.h"

#include <unistd.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <cmath>
#include <csignal>

#include "CliSupport.h"
#include "ProjectSubcommands.h"
#include "engine/Evaluator.h"
#include "engine/ResultFormat.h"
#include "engine/WhatIf.h"
#include "plan/PhasePlan.h"
#include "plan/ProjectEvaluation.h"

namespace gigaplan::cli {

namespace {
QString figureName(OutputId id) {
  return QString::fromLatin1(outputSpec(id).path);
}

/// The groups of systems a preset or file stands for in what-if analysis, largest first
/// (PhasePlan::siteScenarios: one without phases), with --set applied to each. The tornado and
/// the bands study them all at once.
std::optional<std::vector<ResolvedScenario>> loadSite(const QString& source, const QStringList& settings,
                                                      ScenarioErrors& errors) {
  auto project = PresetLibrary::loadProject(source, errors);
  if (!project) return std::nullopt;
  std::vector<ResolvedScenario> groups;
  for (Scenario scenario : PhasePlan::siteScenarios(*project)) {
    if (!applySettings(scenario, settings, errors)) return std::nullopt;
    auto resolved = scenario.resolve(HardwareCatalog::bundled(), errors);
    if (!resolved) return std::nullopt;
    groups.push_back(std::move(*resolved));
  }
  return groups;
}
}  // namespace

int runWhatIf(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A preset id or scenario file."));
  const QCommandLineOption fractionOption(QStringLiteral("fraction"),
                                          QStringLiteral("How far each input moves down and up (default 0.1)."),
                                          QStringLiteral("F"), QStringLiteral("0.1"));
  const QCommandLineOption samplesOption(QStringLiteral("samples"),
                                         QStringLiteral("Monte Carlo samples for the bands (default 10000)."),
                                         QStringLiteral("N"), QStringLiteral("10000"));
  const QCommandLineOption topOption(QStringLiteral("top"), QStringLiteral("Tornado bars shown (default 15)."),
                                     QStringLiteral("N"), QStringLiteral("15"));
  const QCommandLineOption quietOption(QStringLiteral("quiet"), QStringLiteral("No progress on standard error."));
  parser.addOptions({fractionOption, samplesOption, topOption, setOption(), quietOption});
  if (const auto done = parseSubcommand(parser, arguments,
                                        "Usage: gigaplan-cli whatif SCENARIO [--fraction F] [--samples N] [--top N] "
                                        "[--set path=value]... [--quiet]\n"
                                        "Which inputs move TCO, facility MW and $ per GPU-hour most (each input at "
                                        "-F and +F), and P10/P50/P90 of those figures over Monte Carlo samples of the "
                                        "uncertain defaults.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("whatif takes one SCENARIO"));
  bool ok = false;
  const double fraction = parser.value(fractionOption).toDouble(&ok);
  if (!ok || !(fraction > 0) || fraction >= 1)
    return reportErrors({{QStringLiteral("--fraction"), QStringLiteral("must be above 0 and below 1")}});
  const qlonglong samples = parser.value(samplesOption).toLongLong(&ok);
  if (!ok || samples < 10 || samples > 100'000'000)
    return reportErrors({{QStringLiteral("--samples"), QStringLiteral("must be from 10 to 100,000,000")}});
  const int top = parser.value(topOption).toInt(&ok);
  if (!ok || top < 1) return reportErrors({{QStringLiteral("--top"), QStringLiteral("must be a positive count")}});
  ScenarioErrors errors;
  const auto site = loadSite(parser.positionalArguments().first(), parser.values(setOption()), errors);
  if (!site) return reportErrors(errors);
  const ResolvedScenario* resolved = &site->front();

  const Tornado tornado = Tornado::computeSite(*site, fraction);
  // Thousands of evaluations need the engine's fast path: say so, since `evaluate` counts the floor.
  double siteGpus = 0;
  for (const ResolvedScenario& group : *site) siteGpus += valueOf(group.values, InputId::clusterGpus);
  if (site->size() > 1)
    out() << "Engine estimates of the whole site after its last phase (" << QLocale().toString(siteGpus, 'f', 0)
          << " GPUs in " << site->size() << " groups of systems), not a floor's counts:\n";
  else
    out() << "Engine estimates of the analytic build-out (" << QLocale().toString(siteGpus, 'f', 0) << " GPUs of "
          << resolved->systemName << "), not a floor's counts:\n";
  for (std::size_t f = 0; f < kWhatIfFigures.size(); ++f) {
    const OutputId figure = kWhatIfFigures[f];
    out() << "Tornado of " << figureName(figure) << " (" << outputSpec(figure).unit << "), base "
          << formatQuantity(tornado.base[f]) << ", each input at -" << fraction * 100 << " % and +" << fraction * 100
          << " %:\n";
    const auto bars = tornado.orderedBy(f);
    for (std::size_t i = 0; i < bars.size() && i < static_cast<std::size_t>(top); ++i) {
      if (bars[i].swing(f) <= 0) break;
      out() << "  " << QString::fromLatin1(inputSpec(bars[i].input).path).leftJustified(44) << " "
            << formatQuantity(bars[i].atLow[f]).rightJustified(12) << " .. "
            << formatQuantity(bars[i].atHigh[f]).rightJustified(12) << "\n";
    }
  }
  cancelOnSignals();
  // Large sample counts take seconds to minutes: say how far they are, once per percent.
  const bool showProgress = !parser.isSet(quietOption) && samples >= 1'000'000;
  const bool terminal = isatty(fileno(stderr));
  int shownPercent = -1;
  const auto progress = [&](Eigen::Index done, Eigen::Index total) {
    const int percent = static_cast<int>(100 * done / std::max<Eigen::Index>(total, 1));
    if (!showProgress || percent == shownPercent) return;
    shownPercent = percent;
    err() << (terminal ? "\r" : "") << "whatif: " << percent << " % of " << samples << " samples"
          << (terminal ? "" : "\n");
    err().flush();
  };
  const auto bands = siteUncertaintyBands(*site, samples, 1, progress, &cancelRequested);
  if (showProgress && terminal) err() << "\n";
  if (!bands) {
    err() << "cancelled\n";
    return kExitCancelled;
  }
  out() << "Uncertainty over " << samples << " samples (defaults drawn by their confidence):\n";
  for (const UncertaintyBand& band : *bands)
    out() << "  " << figureName(band.figure).leftJustified(24) << " P10 " << formatQuantity(band.p10).rightJustified(12)
          << "  P50 " << formatQuantity(band.p50).rightJustified(12) << "  P90 "
          << formatQuantity(band.p90).rightJustified(12) << " " << outputSpec(band.figure).unit << "\n";
  return 0;
}

int runCompare(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("a"),
                               QStringLiteral("The first variant: a project file, preset id or scenario file."));
  parser.addPositionalArgument(QStringLiteral("b"), QStringLiteral("The second variant."));
  const QCommandLineOption setBOption(QStringLiteral("set-b"),
                                      QStringLiteral("Set an input of the second variant only (path=value)."),
                                      QStringLiteral("path=value"));
  parser.addOptions({setOption(), setBOption, formatOption(QStringLiteral("table")), outputOption()});
  if (const auto done =
          parseSubcommand(parser, arguments,
                          "Usage: gigaplan-cli compare A [B] [--set path=value]... [--set-b path=value]... "
                          "[--format table|csv|json] [-o FILE]\n"
                          "Every figure of variant B against variant A, each evaluated on its floor after all "
                          "its phases: both values, the difference, the difference in % of A, and which is "
                          "better. Without B, B is A with the --set-b changes.\n"))
    return *done;
  const QStringList positional = parser.positionalArguments();
  if (positional.isEmpty() || positional.size() > 2) return usageError(QStringLiteral("compare takes A and B"));
  const QString format = parser.value(QStringLiteral("format"));
  if (format != QLatin1String("table") && format != QLatin1String("csv") && format != QLatin1String("json"))
    return usageError(QStringLiteral("--format: '%1' is not table, csv or json").arg(format));
  // Each side is a project on its floor, evaluated as evaluate, info and the report evaluate it
  // (a preset or scenario file laid out as new lays it): like for like, one evaluation.
  struct Side {
    QString name;
    OutputValues figures{};
  };
  const auto side = [&](const QString& source, const QStringList& settings) -> std::optional<Side> {
    ScenarioErrors errors;
    const auto project = projectOnFloor(source, settings, errors);
    if (!project) {
      if (!errors.isEmpty()) reportErrors(errors);
      return std::nullopt;
    }
    const ProjectResult result = gigaplan::evaluateProject(*project);
    if (!result.error.isEmpty() || !result.tenantError.isEmpty()) {
      err() << "error: " << source << ": " << (result.error.isEmpty() ? result.tenantError : result.error) << "\n";
      return std::nullopt;
    }
    return Side{project->scenario.name, result.evaluation.outputs};
  };
  const auto a = side(positional.first(), parser.values(setOption()));
  if (!a) return kExitBadInput;
  const auto b = side(positional.value(1, positional.first()), parser.values(setOption()) + parser.values(setBOption));
  if (!b) return kExitBadInput;
  const auto rows = compareFigures(a->figures, b->figures);

  QByteArray text;
  auto betterName = [](int better) { return better == 1 ? "A" : better == 2 ? "B" : ""; };
  if (format == QLatin1String("json")) {
    QJsonArray list;
    for (const FigureComparison& row : rows)
      list.append(
          QJsonObject{{QStringLiteral("path"), figureName(row.id)},
                      {QStringLiteral("unit"), QString::fromLatin1(outputSpec(row.id).unit)},
                      {QStringLiteral("a"), row.a},
                      {QStringLiteral("b"), row.b},
                      {QStringLiteral("difference"), row.difference},
                      {QStringLiteral("percent"), std::isfinite(row.percent) ? QJsonValue(row.percent) : QJsonValue()},
                      {QStringLiteral("better"), QString::fromLatin1(betterName(row.better))}});
    text = QJsonDocument(QJsonObject{{QStringLiteral("a"), a->name},
                                     {QStringLiteral("b"), b->name},
                                     {QStringLiteral("figures"), list}})
               .toJson(QJsonDocument::Indented);
  } else {
    const bool csv = format == QLatin1String("csv");
    QString lines = csv ? QStringLiteral("path,unit,a,b,difference,percent,better\n")
                        : QStringLiteral("%1 %2 %3 %4 %5 better\n")
                              .arg(QStringLiteral("figure"), -40)
                              .arg(QStringLiteral("A"), 14)
                              .arg(QStringLiteral("B"), 14)
                              .arg(QStringLiteral("B - A"), 14)
                              .arg(QStringLiteral("%"), 8);
    for (const FigureComparison& row : rows) {
      const QString percent = std::isfinite(row.percent) ? QString::number(row.percent, 'f', 1) : QString();
      if (csv)
        lines += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                     .arg(figureName(row.id), QString::fromLatin1(outputSpec(row.id).unit))
                     .arg(row.a, 0, 'g', 12)
                     .arg(row.b, 0, 'g', 12)
                     .arg(row.difference, 0, 'g', 12)
                     .arg(percent, QString::fromLatin1(betterName(row.better)));
      else
        lines += QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                     .arg(figureName(row.id), -40)
                     .arg(formatQuantity(row.a), 14)
                     .arg(formatQuantity(row.b), 14)
                     .arg(formatQuantity(row.difference), 14)
                     .arg(percent, 8)
                     .arg(QString::fromLatin1(betterName(row.better)));
    }
    text = lines.toUtf8();
  }
  return writeOutput(parser.value(outputOption()), text, parser.positionalArguments()) ? 0 : kExitBadInput;
}

}  // namespace gigaplan::cli
