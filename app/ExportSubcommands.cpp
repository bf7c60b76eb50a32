// gigaplan-cli export: the plan in the formats of the teams that build and run it.
#include <unistd.h>

#include <memory>

#include "CliSupport.h"
#include "ProjectSubcommands.h"
#include "export/CablePlan.h"
#include "export/FloorGltf.h"
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

/// "plan.csv" -> "plan-totals.csv": the cable plan's other tables beside its links.
QString siblingPath(const QString& path, const QString& suffix) {
  const QString base = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? path.chopped(4) : path;
  return base + QLatin1Char('-') + suffix + QStringLiteral(".csv");
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
  const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")},
                                       QStringLiteral("No progress on stderr."));
  parser.addOptions({gltfOption, cablesOption, lengthsOption, quietOption, setOption()});
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli export FILE [--cables X.csv|X.xlsx] [--gltf X.glb] [--set path=value]...\n"
          "The plan of a project (or of a preset or scenario as `new` lays it out) for the teams that build and "
          "run it, from the same evaluation of the floor the workspace shows: --cables the cable plan, --gltf the "
          "floor as glTF 2.0 binary. Every file is written whole or not at all, and none if one fails. Ctrl-C "
          "cancels.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("export takes one FILE"));
  if (!parser.isSet(gltfOption) && !parser.isSet(cablesOption))
    return usageError(QStringLiteral("export: name at least one output (--cables X.csv, --gltf X.glb)"));
  const QString source = parser.positionalArguments().first();

  std::vector<double> stockLengths = kStockCableLengthsM;
  if (parser.isSet(lengthsOption)) {
    QString why;
    const auto lengths = parseLengths(parser.value(lengthsOption), &why);
    if (!lengths) return reportErrors({{QStringLiteral("--cable-lengths"), why}});
    stockLengths = *lengths;
  }
  // Every output named, before any work: none may be a project or the input, or the same file twice.
  QStringList targets;
  ScenarioErrors refusals;
  auto claim = [&](const QString& option, const QString& path) {
    QString refused = outputRefused(path, {source});
    const QString target = finalTarget(path, nullptr);
    if (refused.isEmpty() && targets.contains(target)) refused = QStringLiteral("named twice among the outputs");
    if (!refused.isEmpty()) refusals.append({option, QStringLiteral("%1: %2").arg(path, refused)});
    targets << target;
  };
  const QString cablesPath = parser.value(cablesOption);
  const bool cablesXlsx = cablesPath.endsWith(QLatin1String(".xlsx"), Qt::CaseInsensitive);
  if (parser.isSet(gltfOption)) claim(QStringLiteral("--gltf"), parser.value(gltfOption));
  if (parser.isSet(cablesOption)) {
    claim(QStringLiteral("--cables"), cablesPath);
    if (!cablesXlsx) {
      claim(QStringLiteral("--cables"), siblingPath(cablesPath, QStringLiteral("totals")));
      claim(QStringLiteral("--cables"), siblingPath(cablesPath, QStringLiteral("racks")));
    }
  }
  if (!refusals.isEmpty()) return reportErrors(refusals);

  ScenarioErrors errors;
  const auto project = projectOnFloor(source, parser.values(setOption()), errors);
  if (!project) return errors.isEmpty() ? kExitBadInput : reportErrors(errors);
  cancelOnSignals();
  const bool showProgress = !parser.isSet(quietOption);
  const bool terminal = isatty(fileno(stderr));
  const ProjectResult result = evaluateProject(*project);

  std::vector<std::unique_ptr<AtomicFile>> files;
  auto open = [&](const QString& path) -> AtomicFile* {
    files.push_back(std::make_unique<AtomicFile>(path));
    return files.back()->open() ? files.back().get() : nullptr;
  };
  auto failed = [&](const QString& option, const QString& why) {
    if (cancelRequested.load()) {
      err() << "export: cancelled; nothing written\n";
      return kExitCancelled;
    }
    err() << "error: " << option << ": " << why << "; nothing written\n";
    return kExitBadInput;
  };
  QStringList written;

  if (parser.isSet(cablesOption)) {
    QString why;
    const auto plan = CablePlan::of(*project, result, &why, stockLengths);
    if (!plan) return failed(QStringLiteral("--cables"), why);
    int shown = -1;  // the percentage last shown: every one on a terminal, every tenth in a log
    const ExportProgress progress = [&](double done) {
      const int percent = qRound(done * 100);
      if (showProgress && percent != shown && (terminal || shown < 0 || percent / 10 != shown / 10)) {
        shown = percent;
        err() << (terminal ? "\r" : "") << "export: cable plan " << percent << " %" << (terminal ? "" : "\n");
        err().flush();
      }
      return !cancelRequested.load();
    };
    bool ok = false;
    if (cablesXlsx) {
      AtomicFile* file = open(cablesPath);
      ok = file && plan->writeXlsx(*file, progress, &why) && file->prepare();
      if (why.isEmpty()) why = files.back()->errorString();
    } else {
      AtomicFile* links = open(cablesPath);
      AtomicFile* totals = links ? open(siblingPath(cablesPath, QStringLiteral("totals"))) : nullptr;
      AtomicFile* racks = totals ? open(siblingPath(cablesPath, QStringLiteral("racks"))) : nullptr;
      ok = racks && plan->writeCsv(*links, *totals, *racks, progress) && links->prepare() && totals->prepare() &&
           racks->prepare();
      for (const auto& file : files)
        if (why.isEmpty()) why = file->errorString();
    }
    if (showProgress && terminal && shown >= 0) err() << "\n";
    if (!ok) return failed(QStringLiteral("--cables"), why.isEmpty() ? QStringLiteral("cancelled") : why);
    written << QStringLiteral("%1: %2 links").arg(cablesPath).arg(plan->linkCount());
  }
  if (parser.isSet(gltfOption)) {
    AtomicFile* file = open(parser.value(gltfOption));
    if (!file || !file->write(floorGlb(project->layout)) || !file->prepare())
      return failed(QStringLiteral("--gltf"), files.back()->errorString());
    written << QStringLiteral("%1: %2 halls, %3 rows, %4 racks")
                   .arg(parser.value(gltfOption))
                   .arg(project->layout.halls.size())
                   .arg(project->layout.rows.size())
                   .arg(project->layout.racks.size());
  }
  if (cancelRequested.load()) return failed(QString(), QString());
  for (const auto& file : files)
    if (!file->commit()) return failed(file->targetPath(), file->errorString());
  for (const QString& line : written) out() << line << "\n";
  return 0;
}

}  // namespace gigaplan::cli
