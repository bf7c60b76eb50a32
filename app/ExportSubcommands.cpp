// gigaplan-cli export: the plan in the formats of the teams that build and run it.
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <memory>

#include "CliSupport.h"
#include "ProjectSubcommands.h"
#include "export/CablePlan.h"
#include "export/FabricSimulators.h"
#include "export/FloorGltf.h"
#include "export/NetBoxExport.h"
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

/// "topo.txt" -> "topo-fabric2.txt": one file per fabric of a phased site.
QString siblingOf(const QString& path, int fabric) {
  const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
  const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
  const QString suffix = QStringLiteral("-fabric%1").arg(fabric);
  return dot > slash + 1 ? path.left(dot) + suffix + path.mid(dot) : path + suffix;
}

/// Why an output may not go to `path` (a project, the input, a file named twice), or empty, and
/// then the path is claimed.
QString refuseOutput(const QString& path, const QString& source, QStringList& targets) {
  QString refused = outputRefused(path, {source});
  const QString target = finalTarget(path, nullptr);
  if (refused.isEmpty() && targets.contains(target)) refused = QStringLiteral("named twice among the outputs");
  targets << target;
  return refused.isEmpty() ? refused : QStringLiteral("%1: %2").arg(path, refused);
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
  // Folders made for the outputs, removed again (when still empty) if the export fails.
  QStringList madeFolders;
  auto makeFolder = [&](const QString& path) {
    QStringList missing;
    for (QDir dir(path); !dir.exists(); dir.setPath(QFileInfo(dir.path()).path())) missing.prepend(dir.path());
    if (!QDir().mkpath(path)) return false;
    madeFolders += missing;
    return true;
  };
  auto fail = [&](const QString& option, const QString& why) {
    files.clear();  // discards every temporary file
    for (auto folder = madeFolders.crbegin(); folder != madeFolders.crend(); ++folder) QDir().rmdir(*folder);
    return failed(option, why);
  };
  QString task;
  int shown = -1;  // the percentage last shown: every one on a terminal, every tenth in a log
  const ExportProgress progress = [&](double done) {
    const int percent = qRound(done * 100);
    if (showProgress && percent != shown && (terminal || shown < 0 || percent / 10 != shown / 10)) {
      shown = percent;
      err() << (terminal ? "\r" : "") << "export: " << task << " " << percent << " %" << (terminal ? "" : "\n");
      err().flush();
    }
    return !cancelRequested.load();
  };
  auto begin = [&](const QString& what) {
    if (showProgress && terminal && shown >= 0) err() << "\n";
    task = what;
    shown = -1;
  };

  std::optional<CablePlan> plan;
  if (parser.isSet(cablesOption) || parser.isSet(simaiOption) || parser.isSet(astraOption) ||
      parser.isSet(netboxOption)) {
    QString why;
    plan = CablePlan::of(*project, result, &why, stockLengths);
    if (!plan)
      return fail(parser.isSet(cablesOption)   ? QStringLiteral("--cables")
                  : parser.isSet(netboxOption) ? QStringLiteral("--netbox")
                  : parser.isSet(simaiOption)  ? QStringLiteral("--simai")
                                               : QStringLiteral("--astra-sim"),
                  why);
  }
  if (parser.isSet(cablesOption)) {
    begin(QStringLiteral("cable plan"));
    QString why;
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
    if (!ok) return fail(QStringLiteral("--cables"), why.isEmpty() ? QStringLiteral("cancelled") : why);
    written << QStringLiteral("%1: %2 links").arg(cablesPath).arg(plan->linkCount());
  }

  const std::vector<SimulatorFabric> fabrics =
      plan ? simulatorFabrics(*project, result, *plan) : std::vector<SimulatorFabric>();
  const bool severalFabrics = fabrics.size() > 1;
  auto summary = [](const QString& path, const SimulatorFabric& fabric) {
    return QStringLiteral("%1: %2 GPUs, %3 scale-up switches, %4 switches, %5 links")
        .arg(path)
        .arg(fabric.gpus)
        .arg(fabric.domains)
        .arg(fabric.switches)
        .arg(fabric.links());
  };
  // A topology file streamed into `file`, then prepared.
  auto writeTopology = [&](const QString& option, const QString& path, const auto& writer) -> bool {
    if (const QString refused = refuseOutput(path, source, targets); !refused.isEmpty()) {
      fail(option, refused);
      return false;
    }
    AtomicFile* file = open(path);
    const bool ok = file && writer([&](const QByteArray& bytes) { return file->write(bytes); }) && file->prepare();
    if (!ok)
      fail(option, files.back()->errorString().isEmpty() ? QStringLiteral("cancelled") : files.back()->errorString());
    return ok;
  };
  if (parser.isSet(simaiOption)) {
    if (fabrics.empty()) return fail(QStringLiteral("--simai"), QStringLiteral("the floor has no fabric"));
    for (const SimulatorFabric& fabric : fabrics) {
      const QString path =
          severalFabrics ? siblingOf(parser.value(simaiOption), fabric.fabric) : parser.value(simaiOption);
      begin(QStringLiteral("SimAI topology of fabric %1").arg(fabric.fabric));
      if (!writeTopology(QStringLiteral("--simai"), path, [&](const auto& write) {
            return writeSimAiTopology(*project, result, *plan, fabric, write, progress);
          }))
        return cancelRequested.load() ? kExitCancelled : kExitBadInput;
      written << summary(path, fabric);
    }
  }
  if (parser.isSet(astraOption)) {
    if (fabrics.empty()) return fail(QStringLiteral("--astra-sim"), QStringLiteral("the floor has no fabric"));
    for (const SimulatorFabric& fabric : fabrics) {
      const QString folder =
          severalFabrics ? QDir(parser.value(astraOption)).filePath(QStringLiteral("fabric-%1").arg(fabric.fabric))
                         : parser.value(astraOption);
      if (!makeFolder(folder))
        return fail(QStringLiteral("--astra-sim"), QStringLiteral("cannot make the folder %1").arg(folder));
      const QString yaml = QDir(folder).filePath(QStringLiteral("network.yml"));
      if (const QString refused = refuseOutput(yaml, source, targets); !refused.isEmpty())
        return fail(QStringLiteral("--astra-sim"), refused);
      AtomicFile* file = open(yaml);
      if (!file || !file->write(astraSimNetworkYaml(fabric)) || !file->prepare())
        return fail(QStringLiteral("--astra-sim"), files.back()->errorString());
      begin(QStringLiteral("ASTRA-sim topology of fabric %1").arg(fabric.fabric));
      const QString topology = QDir(folder).filePath(QStringLiteral("topology.txt"));
      if (!writeTopology(QStringLiteral("--astra-sim"), topology, [&](const auto& write) {
            return writeAstraSimTopology(*project, result, *plan, fabric, write, progress);
          }))
        return cancelRequested.load() ? kExitCancelled : kExitBadInput;
      written << summary(folder, fabric);
    }
  }
  if (parser.isSet(netboxOption)) {
    const QString folder = parser.value(netboxOption);
    for (const auto& [name, bytes] : NetBoxExport::tables(*project, result, *plan)) {
      const QString path = QDir(folder).filePath(name);
      if (!makeFolder(QFileInfo(path).path()))
        return fail(QStringLiteral("--netbox"),
                    QStringLiteral("cannot make the folder %1").arg(QFileInfo(path).path()));
      if (const QString refused = refuseOutput(path, source, targets); !refused.isEmpty())
        return fail(QStringLiteral("--netbox"), refused);
      AtomicFile* file = open(path);
      if (!file || !file->write(bytes) || !file->prepare())
        return fail(QStringLiteral("--netbox"), files.back()->errorString());
    }
    begin(QStringLiteral("NetBox cables"));
    if (!writeTopology(QStringLiteral("--netbox"), QDir(folder).filePath(QStringLiteral("cables.csv")),
                       [&](const auto& write) { return NetBoxExport::writeCables(*plan, write, progress); }))
      return cancelRequested.load() ? kExitCancelled : kExitBadInput;
    written << QStringLiteral("%1: %2 racks, %3 cables")
                   .arg(folder)
                   .arg(project->layout.racks.size())
                   .arg(plan->linkCount());
  }
  if (showProgress && terminal && shown >= 0) err() << "\n";
  if (parser.isSet(gltfOption)) {
    AtomicFile* file = open(parser.value(gltfOption));
    if (!file || !file->write(floorGlb(project->layout)) || !file->prepare())
      return fail(QStringLiteral("--gltf"), files.back()->errorString());
    written << QStringLiteral("%1: %2 halls, %3 rows, %4 racks")
                   .arg(parser.value(gltfOption))
                   .arg(project->layout.halls.size())
                   .arg(project->layout.rows.size())
                   .arg(project->layout.racks.size());
  }
  if (cancelRequested.load()) return fail(QString(), QString());
  for (const auto& file : files)
    if (!file->commit()) return failed(file->targetPath(), file->errorString());
  for (const QString& line : written) out() << line << "\n";
  return 0;
}

}  // namespace gigaplan::cli
