// gigaplan-cli export: the plan in the formats of the teams that build and run it.
#include <unistd.h>

#include "CliSupport.h"
#include "ProjectSubcommands.h"
#include "export/PlanExports.h"
#include "files/AtomicFile.h"

namespace gigaplan::cli {

namespace {

/// The lengths given to --cable-lengths ("0.5,1,2,3,5"); nothing, with `error`, when one is not a
/// positive number.
std::optional<std::vector<double>> parseLengths(const QString& text, QString* error) {
  std::vector<double> lengths;
  for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool ok = false;
    const double value = part.trimmed().toDouble(&ok);
    if (!ok || !(value > 0) || !std::isfinite(value)) {
      *error = QStringLiteral("'%1' is not a length in metres above 0").arg(part.trimmed());
      return std::nullopt;
    }
    lengths.push_back(value);
  }
  if (lengths.empty()) {
    *error = QStringLiteral("give the lengths cables are bought in, in metres, such as 1,2,3,5,10");
    return std::nullopt;
  }
  return lengths;
}

}  // namespace

int runExport(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A project file, preset id or scenario file."));
  const QCommandLineOption gltfOption(QStringLiteral("gltf"),
                                      QStringLiteral("The floor as glTF 2.0 binary: a node per hall, a child per row."),
                                      QStringLiteral("X.glb"));
  const QCommandLineOption cablesOption(
      QStringLiteral("cables"),
      QStringLiteral("The cable plan: every link with both ends to the port, medium, part and length. X.csv writes "
                     "the links there and the totals and racks beside it (X-totals.csv, X-racks.csv); X.xlsx "
                     "writes one workbook with the sheets links, totals and racks."),
      QStringLiteral("X.csv|X.xlsx"));
  const QCommandLineOption lengthsOption(
      QStringLiteral("cable-lengths"),
      QStringLiteral("The lengths cables are bought in, metres, comma-separated (default: 0.5 to 7 m for DAC and "
                     "AEC, 10 to 100 m for fibre; longer links are cut to order in 10 m steps)."),
      QStringLiteral("M,M,..."));
  const QCommandLineOption simaiOption(
      QStringLiteral("simai"),
      QStringLiteral("The fabric as SimAI's topology file (a site of several fabrics: X-fabric1.txt, ...)."),
      QStringLiteral("X.txt"));
  const QCommandLineOption astraOption(
      QStringLiteral("astra-sim"),
      QStringLiteral("The fabric as ASTRA-sim's network configuration (network.yml) and ns-3 topology "
                     "(topology.txt) in DIR (a site of several fabrics: DIR/fabric-1/, ...)."),
      QStringLiteral("DIR"));
  const QCommandLineOption netboxOption(
      QStringLiteral("netbox"),
      QStringLiteral("What NetBox imports in bulk, in DIR: device types (YAML, the device-type library's format) "
                     "and CSV files of manufacturers, roles, sites, locations, racks, devices and cables."),
      QStringLiteral("DIR"));
  const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")},
                                       QStringLiteral("No progress on stderr."));
  parser.addOptions(
      {gltfOption, cablesOption, lengthsOption, simaiOption, astraOption, netboxOption, quietOption, setOption()});
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli export FILE [--cables X.csv|X.xlsx] [--netbox DIR] [--simai X.txt]\n"
          "                           [--astra-sim DIR] [--gltf X.glb] [--set path=value]...\n"
          "The plan of a project (or of a preset or scenario as `new` lays it out) for the teams that build and "
          "run it, from the same evaluation of the floor the workspace shows: --cables the cable plan, --netbox the "
          "site, racks, devices and cables for NetBox, --simai and "
          "--astra-sim the fabric for network simulators, --gltf the floor as glTF 2.0 binary. Every file is written "
          "whole or not at all, and none if one fails. Ctrl-C "
          "cancels.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("export takes one FILE"));
  if (!parser.isSet(gltfOption) && !parser.isSet(cablesOption) && !parser.isSet(simaiOption) &&
      !parser.isSet(astraOption) && !parser.isSet(netboxOption))
    return usageError(
        QStringLiteral("export: name at least one output (--cables X.csv, --netbox DIR, --simai X.txt, --astra-sim "
                       "DIR, --gltf X.glb)"));
  const QString source = parser.positionalArguments().first();

  std::vector<double> stockLengths = kStockCableLengthsM;
  if (parser.isSet(lengthsOption)) {
    QString why;
    const auto lengths = parseLengths(parser.value(lengthsOption), &why);
    if (!lengths) return reportErrors({{QStringLiteral("--cable-lengths"), why}});
    stockLengths = *lengths;
  }
  ExportRequest request;
  request.stockLengthsM = stockLengths;
  request.cables = parser.value(cablesOption);
  request.netbox = parser.value(netboxOption);
  request.simai = parser.value(simaiOption);
  request.astraSim = parser.value(astraOption);
  request.gltf = parser.value(gltfOption);
  // Refused before any work: an output over a project or over the input.
  ScenarioErrors refusals;
  for (const auto& [option, path] : {std::pair{cablesOption, request.cables}, std::pair{netboxOption, request.netbox},
                                     std::pair{simaiOption, request.simai}, std::pair{astraOption, request.astraSim},
                                     std::pair{gltfOption, request.gltf}})
    if (!path.isEmpty())
      if (const QString refused = outputRefused(path, {source}); !refused.isEmpty())
        refusals.append({QStringLiteral("--") + option.names().first(), refused});
  if (!refusals.isEmpty()) return reportErrors(refusals);

  ScenarioErrors errors;
  const auto project = projectOnFloor(source, parser.values(setOption()), errors);
  if (!project) return errors.isEmpty() ? kExitBadInput : reportErrors(errors);
  cancelOnSignals();
  const bool showProgress = !parser.isSet(quietOption);
  const bool terminal = isatty(fileno(stderr));
  const ProjectResult result = evaluateProject(*project);

  QString task;
  int shown = -1;  // the percentage last shown: every one on a terminal, every tenth in a log
  const ExportOutcome outcome = exportPlan(
      *project, result, request, [&](const QString& path) { return outputRefused(path, {source}); },
      [&](const QString& what, double done) {
        if (what != task) {
          if (terminal && shown >= 0) err() << "\n";
          task = what;
          shown = -1;
        }
        const int percent = qRound(done * 100);
        if (showProgress && !what.isEmpty() && percent != shown &&
            (terminal || shown < 0 || percent / 10 != shown / 10)) {
          shown = percent;
          err() << (terminal ? "\r" : "") << "export: " << what << " " << percent << " %" << (terminal ? "" : "\n");
          err().flush();
        }
        return !cancelRequested.load();
      });
  if (outcome.cancelled) {
    err() << "export: cancelled; nothing written\n";
    return kExitCancelled;
  }
  if (!outcome.ok()) {
    err() << "error: --" << outcome.field << ": " << outcome.error << "; nothing written\n";
    return kExitBadInput;
  }
  for (const QString& line : outcome.written) out() << line << "\n";
  return 0;
}

}  // namespace gigaplan::cli
