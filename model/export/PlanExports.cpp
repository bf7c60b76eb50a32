#include "export/PlanExports.h"

#include <QDir>
#include <QFileInfo>
#include <memory>

#include "export/FabricSimulators.h"
#include "export/FloorGltf.h"
#include "export/NetBoxExport.h"
#include "files/AtomicFile.h"

namespace gigaplan {

QString cablePlanSibling(const QString& path, const QString& table) {
  const QString base = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? path.chopped(4) : path;
  return base + QLatin1Char('-') + table + QStringLiteral(".csv");
}

namespace {

/// "topo.txt" -> "topo-fabric2.txt": one file per fabric of a phased site.
QString fabricSibling(const QString& path, int fabric) {
  const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
  const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
  const QString suffix = QStringLiteral("-fabric%1").arg(fabric);
  return dot > slash + 1 ? path.left(dot) + suffix + path.mid(dot) : path + suffix;
}

QString fabricSummary(const QString& path, const SimulatorFabric& fabric) {
  return QStringLiteral("%1: %2 GPUs, %3 scale-up switches, %4 switches, %5 links")
      .arg(path)
      .arg(fabric.gpus)
      .arg(fabric.domains)
      .arg(fabric.switches)
      .arg(fabric.links());
}

/// The files of one export request: opened as they come, prepared when written, committed together.
class ExportFiles {
 public:
  ExportFiles(const std::function<QString(const QString&)>& refuse) : refuse_(refuse) {}
  ~ExportFiles() {
    if (!committed_) abandon();
  }

  /// The file for `path`, open; nothing, with `error`, when it is refused or cannot be opened.
  /// Folders are made for a file inside a folder output (`inFolder`); a file named by itself
  /// needs its folder to exist, as every other output does.
  AtomicFile* open(const QString& path, QString* error, bool inFolder = false) {
    QString refused = refuse_ ? refuse_(path) : QString();
    const QString target = finalTarget(path, nullptr);
    if (refused.isEmpty() && targets_.contains(target))
      refused = QStringLiteral("%1 is named twice among the outputs").arg(path);
    targets_ << target;
    if (!refused.isEmpty()) {
      *error = refused;
      return nullptr;
    }
    if (inFolder && !makeFolder(QFileInfo(path).path())) {
      *error = QStringLiteral("cannot make the folder %1").arg(QFileInfo(path).path());
      return nullptr;
    }
    files_.push_back(std::make_unique<AtomicFile>(path));
    if (!files_.back()->open()) {
      *error = files_.back()->errorString();
      return nullptr;
    }
    return files_.back().get();
  }

  /// Commits every file; false with `error` at the first that fails.
  bool commit(QString* error) {
    for (const auto& file : files_)
      if (!file->commit()) {
        *error = file->errorString();
        return false;
      }
    committed_ = true;
    return true;
  }

  /// Discards the temporary files and removes the folders made for them (when still empty).
  void abandon() {
    files_.clear();
    for (auto folder = madeFolders_.crbegin(); folder != madeFolders_.crend(); ++folder) QDir().rmdir(*folder);
    madeFolders_.clear();
  }

 private:
  bool makeFolder(const QString& path) {
    QStringList missing;
    for (QDir dir(path); !dir.exists() && !dir.isRoot(); dir.setPath(QFileInfo(dir.path()).path()))
      missing.prepend(dir.path());
    if (missing.isEmpty()) return true;
    if (!QDir().mkpath(path)) return false;
    madeFolders_ += missing;
    return true;
  }

  std::function<QString(const QString&)> refuse_;
  std::vector<std::unique_ptr<AtomicFile>> files_;
  QStringList targets_;
  QStringList madeFolders_;
  bool committed_ = false;
};

}  // namespace

ExportOutcome exportPlan(const Project& project, const ProjectResult& result, const ExportRequest& request,
                         const std::function<QString(const QString& path)>& refuse,
                         const std::function<bool(const QString& task, double done)>& progress) {
  ExportOutcome outcome;
  ExportFiles files(refuse);
  bool cancelled = false;
  QString task;
  const ExportProgress report = [&](double done) {
    if (progress && !progress(task, done)) cancelled = true;
    return !cancelled;
  };
  auto fail = [&](const QString& field, const QString& why) {
    files.abandon();
    outcome.cancelled = cancelled;
    if (!cancelled) {
      outcome.field = field;
      outcome.error = why;
    }
    outcome.written.clear();
    return outcome;
  };
  // A file written through `writer(write)` and prepared.
  auto writeFile = [&](const QString& path, const auto& writer, QString* error, bool inFolder = false) -> bool {
    AtomicFile* file = files.open(path, error, inFolder);
    if (!file) return false;
    if (writer([&](const QByteArray& bytes) { return file->write(bytes); }) && file->prepare()) return true;
    *error = file->errorString();
    return false;
  };
  auto whole = [](const QByteArray& bytes) { return [&bytes](const auto& write) { return write(bytes); }; };

  std::optional<CablePlan> plan;
  if (!request.cables.isEmpty() || !request.netbox.isEmpty() || !request.simai.isEmpty() ||
      !request.astraSim.isEmpty()) {
    QString why;
    plan = CablePlan::of(project, result, &why, request.stockLengthsM);
    if (!plan)
      return fail(!request.cables.isEmpty()   ? QStringLiteral("cables")
                  : !request.netbox.isEmpty() ? QStringLiteral("netbox")
                  : !request.simai.isEmpty()  ? QStringLiteral("simai")
                                              : QStringLiteral("astra-sim"),
                  why);
  }

  if (!request.cables.isEmpty()) {
    task = QStringLiteral("cable plan");
    QString why;
    if (request.cables.endsWith(QLatin1String(".xlsx"), Qt::CaseInsensitive)) {
      AtomicFile* file = files.open(request.cables, &why);
      if (!file || !plan->writeXlsx(*file, report, &why) || !file->prepare())
        return fail(QStringLiteral("cables"), why.isEmpty() && file ? file->errorString() : why);
    } else {
      AtomicFile* links = files.open(request.cables, &why);
      AtomicFile* totals =
          links ? files.open(cablePlanSibling(request.cables, QStringLiteral("totals")), &why) : nullptr;
      AtomicFile* racks =
          totals ? files.open(cablePlanSibling(request.cables, QStringLiteral("racks")), &why) : nullptr;
      if (!racks) return fail(QStringLiteral("cables"), why);
      if (!plan->writeCsv(*links, *totals, *racks, report) || !links->prepare() || !totals->prepare() ||
          !racks->prepare()) {
        for (AtomicFile* file : {links, totals, racks})
          if (why.isEmpty()) why = file->errorString();
        return fail(QStringLiteral("cables"), why);
      }
    }
    outcome.written << QStringLiteral("%1: %2 links").arg(request.cables).arg(plan->linkCount());
  }

  if (!request.netbox.isEmpty()) {
    QString why;
    for (const auto& [name, bytes] : NetBoxExport::tables(project, result, *plan))
      if (!writeFile(QDir(request.netbox).filePath(name), whole(bytes), &why, true))
        return fail(QStringLiteral("netbox"), why);
    task = QStringLiteral("NetBox cables");
    if (!writeFile(
            QDir(request.netbox).filePath(QStringLiteral("cables.csv")),
            [&](const auto& write) { return NetBoxExport::writeCables(*plan, write, report); }, &why, true))
      return fail(QStringLiteral("netbox"), why);
    outcome.written << QStringLiteral("%1: %2 racks, %3 cables")
                           .arg(request.netbox)
                           .arg(project.layout.racks.size())
                           .arg(plan->linkCount());
  }

  const std::vector<SimulatorFabric> fabrics =
      plan ? simulatorFabrics(project, result, *plan) : std::vector<SimulatorFabric>();
  const bool severalFabrics = fabrics.size() > 1;
  if (!request.simai.isEmpty()) {
    if (fabrics.empty()) return fail(QStringLiteral("simai"), QStringLiteral("the floor has no fabric"));
    for (const SimulatorFabric& fabric : fabrics) {
      const QString path = severalFabrics ? fabricSibling(request.simai, fabric.fabric) : request.simai;
      task = QStringLiteral("SimAI topology of fabric %1").arg(fabric.fabric);
      QString why;
      if (!writeFile(
              path,
              [&](const auto& write) { return writeSimAiTopology(project, result, *plan, fabric, write, report); },
              &why))
        return fail(QStringLiteral("simai"), why);
      outcome.written << fabricSummary(path, fabric);
    }
  }
  if (!request.astraSim.isEmpty()) {
    if (fabrics.empty()) return fail(QStringLiteral("astra-sim"), QStringLiteral("the floor has no fabric"));
    for (const SimulatorFabric& fabric : fabrics) {
      const QString folder = severalFabrics
                                 ? QDir(request.astraSim).filePath(QStringLiteral("fabric-%1").arg(fabric.fabric))
                                 : request.astraSim;
      task = QStringLiteral("ASTRA-sim topology of fabric %1").arg(fabric.fabric);
      QString why;
      const QByteArray yaml = astraSimNetworkYaml(fabric);
      if (!writeFile(QDir(folder).filePath(QStringLiteral("network.yml")), whole(yaml), &why, true) ||
          !writeFile(
              QDir(folder).filePath(QStringLiteral("topology.txt")),
              [&](const auto& write) { return writeAstraSimTopology(project, result, *plan, fabric, write, report); },
              &why, true))
        return fail(QStringLiteral("astra-sim"), why);
      outcome.written << fabricSummary(folder, fabric);
    }
  }

  if (!request.gltf.isEmpty()) {
    QString why;
    const QByteArray glb = floorGlb(project.layout);
    if (!writeFile(request.gltf, whole(glb), &why)) return fail(QStringLiteral("gltf"), why);
    outcome.written << QStringLiteral("%1: %2 halls, %3 rows, %4 racks")
                           .arg(request.gltf)
                           .arg(project.layout.halls.size())
                           .arg(project.layout.rows.size())
                           .arg(project.layout.racks.size());
  }

  if (cancelled || (progress && !progress(QString(), 1.0))) {
    cancelled = true;
    return fail(QString(), QString());
  }
  QString why;
  if (!files.commit(&why)) return fail(QStringLiteral("commit"), why);
  return outcome;
}

}  // namespace gigaplan
