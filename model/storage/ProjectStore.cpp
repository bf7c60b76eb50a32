#include "storage/ProjectStore.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <cerrno>
#include <exception>
#include <new>

#include "files/AtomicFile.h"
#include "plan/PhasePlan.h"
#include "plan/TenantPlan.h"
#include "storage/ProjectStoreSchema.h"
#include "storage/SqliteDatabase.h"

// The file's schema and how a project is written: into a new file beside the target, flushed, then renamed over
// it. Reading is in ProjectStoreReader.cpp, the checks of a project's values in ProjectFileValidation.cpp.

namespace gigaplan::storage {

// ---------------------------------------------------------------------------------------------
// Shared by writing, reading and checking: how the file spells values, and numbers in messages.

QString opticChoicePath(int reach) {
  return QStringLiteral("optics.%1.module").arg(HardwareCatalog::reachName(static_cast<ReachClass>(reach)));
}

QString formatNumber(double value) {
  return QString::number(value, 'g', 12);
}

/// Phase dates are stored as yyyy-MM-dd text: readable in any SQLite tool, and text order is date order.
QString isoDate(const QDate& date) {
  return date.toString(Qt::ISODate);
}

/// Invalid unless `text` is exactly the yyyy-MM-dd form `isoDate` writes (no time, no other spelling).
QDate parseIsoDate(const QString& text) {
  const QDate date = QDate::fromString(text, Qt::ISODate);
  return date.isValid() && isoDate(date) == text ? date : QDate();
}

/// Names a row of the phase tables by its primary key, as in "phase_system (2, 0)".
QString phaseRowKey(qint64 phase, const QString& second) {
  return QStringLiteral("(%1, %2)").arg(phase).arg(second.left(80));
}

QString formatCount(qint64 count) {
  return QLocale(QLocale::English).toString(count);
}

/// Text from a damaged file can be any length; messages quote only its start.
QString shortened(const QString& text) {
  constexpr qsizetype kMaxMessageChars = 400;
  return text.size() <= kMaxMessageChars ? text : text.left(kMaxMessageChars) + QStringLiteral("...");
}

QString nativeName(const QString& path) {
  return QDir::toNativeSeparators(path);
}

// ---------------------------------------------------------------------------------------------
// Variants, kept as scenario documents.

QByteArray variantDocument(const Variant& variant) {
  QJsonObject document = variant.scenario.toJson();
  if (!variant.phases.empty()) document.insert(QStringLiteral("phases"), PhasePlan::toJson(variant.phases));
  if (!variant.tenants.empty()) document.insert(QStringLiteral("tenants"), TenantPlan::toJson(variant.tenants));
  return QJsonDocument(document).toJson(QJsonDocument::Compact);
}

std::optional<VariantContent> parseVariantDocument(const QByteArray& json, ScenarioErrors& errors) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
    errors.append({QStringLiteral("document"), QStringLiteral("not a scenario document")});
    return std::nullopt;
  }
  const QJsonObject object = document.object();
  auto scenario = Scenario::fromJson(object, errors);
  auto phases = PhasePlan::fromJson(object.value(QStringLiteral("phases")), errors);
  auto tenants = TenantPlan::fromJson(object.value(QStringLiteral("tenants")), errors);
  if (!scenario || !phases || !tenants) return std::nullopt;
  return VariantContent{std::move(*scenario), std::move(*phases), std::move(*tenants)};
}

// ---------------------------------------------------------------------------------------------
// Writing.

namespace {

constexpr const char* kSchemaVersion1Tables[] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    "CREATE TABLE scenario_choice(path TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    "CREATE TABLE scenario_input(path TEXT PRIMARY KEY, value REAL NOT NULL) STRICT",
    "CREATE TABLE hall_template(key TEXT PRIMARY KEY, value REAL NOT NULL) STRICT",
    "CREATE TABLE system_type(idx INTEGER PRIMARY KEY, id TEXT NOT NULL) STRICT",
    "CREATE TABLE building(idx INTEGER PRIMARY KEY, name TEXT NOT NULL, x_m REAL NOT NULL, y_m REAL NOT NULL, "
    "width_m REAL NOT NULL, depth_m REAL NOT NULL) STRICT",
    "CREATE TABLE hall(idx INTEGER PRIMARY KEY, building INTEGER NOT NULL, name TEXT NOT NULL, x_m REAL NOT NULL, "
    "y_m REAL NOT NULL, width_m REAL NOT NULL, depth_m REAL NOT NULL, power_limit_mw REAL NOT NULL, "
    "cooling_limit_mw REAL NOT NULL, floor_load_limit_kg_m2 REAL NOT NULL) STRICT",
    "CREATE TABLE layout_row(idx INTEGER PRIMARY KEY, hall INTEGER NOT NULL, x_m REAL NOT NULL, y_m REAL NOT NULL, "
    "slots INTEGER NOT NULL) STRICT",
    // seq keeps the racks in the order of SiteLayout::racks; id is the rack's stable identity.
    "CREATE TABLE rack(id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, row INTEGER NOT NULL, slot INTEGER NOT NULL, "
    "role INTEGER NOT NULL, system INTEGER NOT NULL, phase INTEGER NOT NULL, units INTEGER NOT NULL, "
    "power_kw REAL NOT NULL, mass_kg REAL NOT NULL) STRICT",
};

/// Added in schema version 3: each variant as a scenario document (Scenario::toJson with
/// "phases"), read back through the same parser and checks as a scenario file.
constexpr const char* kSchemaVersion3Tables[] = {
    "CREATE TABLE variant(idx INTEGER PRIMARY KEY, name TEXT NOT NULL, document TEXT NOT NULL) STRICT",
};

/// Added in schema version 4: the project's tenants (isolation as TenantPlan::isolationName) and the tenant of
/// each rack that has one, by rack id and 1 + tenant idx as in Rack::tenant. Racks without a row have none, so the
/// rack table stays as files of earlier versions have it.
constexpr const char* kSchemaVersion4Tables[] = {
    "CREATE TABLE tenant(idx INTEGER PRIMARY KEY, name TEXT NOT NULL, system_type TEXT NOT NULL, gpus REAL NOT NULL, "
    "isolation TEXT NOT NULL, price_usd_per_gpu_hour REAL NOT NULL, utilization REAL NOT NULL) STRICT",
    "CREATE TABLE rack_tenant(rack INTEGER PRIMARY KEY, tenant INTEGER NOT NULL) STRICT",
};

/// Added in schema version 5: the halls a re-lay keeps as they are.
constexpr const char* kSchemaVersion5Tables[] = {
    "CREATE TABLE hall_lock(hall INTEGER PRIMARY KEY) STRICT",
};

/// Added in schema version 6: the hand edits a re-lay could not keep, in words, oldest first.
constexpr const char* kSchemaVersion6Tables[] = {
    "CREATE TABLE dropped_edit(seq INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT",
};

/// Added in schema version 2. seq keeps a phase's systems in the order of Phase::systems.
constexpr const char* kSchemaVersion2Tables[] = {
    "CREATE TABLE phase(idx INTEGER PRIMARY KEY, name TEXT NOT NULL, start_date TEXT NOT NULL) STRICT",
    "CREATE TABLE phase_system(phase INTEGER NOT NULL, seq INTEGER NOT NULL, system_type TEXT NOT NULL, "
    "gpus REAL NOT NULL, PRIMARY KEY(phase, seq)) STRICT",
    "CREATE TABLE phase_input(phase INTEGER NOT NULL, path TEXT NOT NULL, value REAL NOT NULL, "
    "PRIMARY KEY(phase, path)) STRICT",
};

bool writeProjectTables(DatabaseWriter& writer, const Project& project) {
  for (const char* sql : kSchemaVersion1Tables) writer.execute(sql);
  for (const char* sql : kSchemaVersion2Tables) writer.execute(sql);
  for (const char* sql : kSchemaVersion3Tables) writer.execute(sql);
  for (const char* sql : kSchemaVersion4Tables) writer.execute(sql);
  for (const char* sql : kSchemaVersion5Tables) writer.execute(sql);
  for (const char* sql : kSchemaVersion6Tables) writer.execute(sql);

  const Statement meta = writer.prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
  writer.insert(meta.get(), "application", kApplication);
  writer.insert(meta.get(), kNextRackIdKey, QString::number(project.layout.nextRackId));

  const Scenario& scenario = project.scenario;
  const Statement choice = writer.prepare("INSERT INTO scenario_choice(path, value) VALUES (?, ?)");
  writer.insert(choice.get(), kNameChoice, scenario.name);
  writer.insert(choice.get(), kDescriptionChoice, scenario.description);
  writer.insert(choice.get(), Scenario::kSystemTypePath, scenario.systemType);
  writer.insert(choice.get(), Scenario::kSwitchPath, scenario.switchModel);
  for (int reach = 0; reach < static_cast<int>(scenario.opticModules.size()); ++reach)
    if (!scenario.opticModules[reach].isEmpty())
      writer.insert(choice.get(), opticChoicePath(reach), scenario.opticModules[reach]);

  const Statement input = writer.prepare("INSERT INTO scenario_input(path, value) VALUES (?, ?)");
  for (auto it = scenario.values.begin(); it != scenario.values.end(); ++it)
    writer.insert(input.get(), inputSpec(it.key()).path, it.value());

  const SiteLayout& layout = project.layout;
  const Statement hallTemplate = writer.prepare("INSERT INTO hall_template(key, value) VALUES (?, ?)");
  for (const TemplateCountField& field : kTemplateCounts)
    writer.insert(hallTemplate.get(), field.key, static_cast<double>(layout.hallTemplate.*field.member));
  for (const TemplateRealField& field : kTemplateReals)
    writer.insert(hallTemplate.get(), field.key, layout.hallTemplate.*field.member);

  const Statement systemType = writer.prepare("INSERT INTO system_type(idx, id) VALUES (?, ?)");
  for (int i = 0; i < layout.systemTypes.size(); ++i) writer.insert(systemType.get(), i, layout.systemTypes[i]);

  const Statement building =
      writer.prepare("INSERT INTO building(idx, name, x_m, y_m, width_m, depth_m) VALUES (?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < layout.buildings.size(); ++i) {
    const Building& b = layout.buildings[i];
    writer.insert(building.get(), static_cast<qint64>(i), b.name, b.xM, b.yM, b.widthM, b.depthM);
  }

  const Statement hall = writer.prepare(
      "INSERT INTO hall(idx, building, name, x_m, y_m, width_m, depth_m, power_limit_mw, cooling_limit_mw, "
      "floor_load_limit_kg_m2) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < layout.halls.size(); ++i) {
    const Hall& h = layout.halls[i];
    writer.insert(hall.get(), static_cast<qint64>(i), h.building, h.name, h.xM, h.yM, h.widthM, h.depthM,
                  h.powerLimitMw, h.coolingLimitMw, h.floorLoadLimitKgM2);
  }

  const Statement row = writer.prepare("INSERT INTO layout_row(idx, hall, x_m, y_m, slots) VALUES (?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < layout.rows.size(); ++i) {
    const Row& r = layout.rows[i];
    writer.insert(row.get(), static_cast<qint64>(i), r.hall, r.xM, r.yM, r.slotCount);
  }

  const Statement rack = writer.prepare(
      "INSERT INTO rack(id, seq, row, slot, role, system, phase, units, power_kw, mass_kg) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < layout.racks.size() && writer.problem().isEmpty(); ++i) {
    const Rack& r = layout.racks[i];
    writer.insert(rack.get(), r.id, static_cast<qint64>(i), r.row, r.slot, static_cast<std::uint8_t>(r.role), r.system,
                  r.phase, r.units, r.powerKw, r.massKg);
  }

  const Statement phase = writer.prepare("INSERT INTO phase(idx, name, start_date) VALUES (?, ?, ?)");
  const Statement phaseSystem =
      writer.prepare("INSERT INTO phase_system(phase, seq, system_type, gpus) VALUES (?, ?, ?, ?)");
  const Statement phaseInput = writer.prepare("INSERT INTO phase_input(phase, path, value) VALUES (?, ?, ?)");
  for (std::size_t i = 0; i < project.phases.size(); ++i) {
    const Phase& p = project.phases[i];
    const auto idx = static_cast<qint64>(i);
    writer.insert(phase.get(), idx, p.name, isoDate(p.start));
    for (std::size_t seq = 0; seq < p.systems.size(); ++seq)
      writer.insert(phaseSystem.get(), idx, static_cast<qint64>(seq), p.systems[seq].systemType, p.systems[seq].gpus);
    for (auto it = p.inputs.begin(); it != p.inputs.end(); ++it)
      writer.insert(phaseInput.get(), idx, inputSpec(it.key()).path, it.value());
  }

  const Statement variant = writer.prepare("INSERT INTO variant(idx, name, document) VALUES (?, ?, ?)");
  for (std::size_t i = 0; i < project.variants.size(); ++i)
    writer.insert(variant.get(), static_cast<qint64>(i), project.variants[i].name,
                  QString::fromUtf8(variantDocument(project.variants[i])));

  const Statement tenant = writer.prepare(
      "INSERT INTO tenant(idx, name, system_type, gpus, isolation, price_usd_per_gpu_hour, utilization) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (std::size_t i = 0; i < project.tenants.size(); ++i) {
    const Tenant& t = project.tenants[i];
    writer.insert(tenant.get(), static_cast<qint64>(i), t.name, t.systemType, t.gpus,
                  TenantPlan::isolationName(t.isolation), t.priceUsdPerGpuHour, t.utilization);
  }
  const Statement rackTenant = writer.prepare("INSERT INTO rack_tenant(rack, tenant) VALUES (?, ?)");
  for (std::size_t i = 0; i < layout.racks.size() && writer.problem().isEmpty(); ++i)
    if (layout.racks[i].tenant != 0) writer.insert(rackTenant.get(), layout.racks[i].id, layout.racks[i].tenant);
  const Statement hallLock = writer.prepare("INSERT INTO hall_lock(hall) VALUES (?)");
  for (std::size_t h = 0; h < layout.halls.size() && writer.problem().isEmpty(); ++h)
    if (layout.halls[h].locked) writer.insert(hallLock.get(), static_cast<qint64>(h));
  const Statement droppedEdit = writer.prepare("INSERT INTO dropped_edit(seq, text) VALUES (?, ?)");
  for (qsizetype i = 0; i < layout.droppedEdits.size() && writer.problem().isEmpty(); ++i)
    writer.insert(droppedEdit.get(), static_cast<qint64>(i), layout.droppedEdits[i]);
  return writer.problem().isEmpty();
}

/// Writes the complete project into a new database file at `nativePath`; empty on success.
QString writeDatabase(const Project& project, const QByteArray& nativePath) {
  sqlite3* handle = nullptr;
  const int openCode = sqlite3_open_v2(nativePath.constData(), &handle,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(handle);
  if (openCode != SQLITE_OK)
    return QStringLiteral("cannot create a new file in the folder (%1)")
        .arg(QString::fromLocal8Bit(std::strerror(sqlite3_system_errno(db.get()))));
  DatabaseWriter writer(db.get());
  // The file is private until it is renamed over the target, and durability comes from the fsync before the
  // rename: a journal and syncs inside SQLite would only slow the save down.
  writer.execute("PRAGMA journal_mode = OFF");
  writer.execute("PRAGMA synchronous = OFF");
  writer.execute("BEGIN");
  writer.execute(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId).toLatin1().constData());
  writer.execute(QStringLiteral("PRAGMA user_version = %1").arg(ProjectStore::kSchemaVersion).toLatin1().constData());
  writeProjectTables(writer, project);
  writer.execute("COMMIT");
  if (!writer.problem().isEmpty()) return writer.problem();
  const int closeCode = sqlite3_close(db.release());
  if (closeCode != SQLITE_OK) return sqliteProblem(nullptr, closeCode);
  return {};
}

}  // namespace

}  // namespace gigaplan::storage

namespace gigaplan {

bool ProjectStore::save(const Project& project, const QString& path, QString* error, SaveCheck* check) {
  auto fail = [&](const QString& problem) {
    if (error) *error = QStringLiteral("Cannot save project %1: %2").arg(storage::nativeName(path), problem);
    return false;
  };
  // A file problem names its own path (the end of a link chain, or the folder).
  auto failWith = [&](const QString& problem) {
    if (error) *error = QStringLiteral("Cannot save project: %1").arg(problem);
    return false;
  };
  try {
    if (path.isEmpty()) return fail(QStringLiteral("no file name given"));
    const QString problem = firstProblem(project);
    if (!problem.isEmpty()) return fail(problem);
    // One writer at a time; and the file must still be the one read, or another program's save
    // would be lost without a word.
    QString lockProblem;
    const auto lock = FileLock::acquire(path, kLockTimeoutMs, &lockProblem);
    if (!lock) return failWith(lockProblem);
    // How the file on disk (`now`, nothing when it cannot be read) differs from the one read.
    const auto changedSinceRead = [&](const std::optional<FileStamp>& now) -> QString {
      const QString change = now ? check->expected->changeTo(*now) : QStringLiteral("another program removed it");
      if (!change.isEmpty()) check->changedOnDisk = true;
      return change;
    };
    const bool checked = check && check->expected;
    QString stampProblem;
    if (const QString change = checked ? changedSinceRead(FileStamp::of(path, &stampProblem)) : QString();
        !change.isEmpty())
      return fail(QStringLiteral("%1 since it was opened; nothing saved").arg(change));
    // Saving through symbolic links replaces the file they finally point at and keeps the links;
    // the new file keeps the old one's owner, group and mode (AtomicFile).
    AtomicFile file(path);
    if (!file.open()) return failWith(file.errorString());
    if (file.temporaryPath().isEmpty())
      return fail(QStringLiteral("a project is saved to a file, not a device or pipe"));
    const QString writeProblem = storage::writeDatabase(project, QFile::encodeName(file.temporaryPath()));
    if (!writeProblem.isEmpty()) return fail(writeProblem);
    if (!file.prepare()) return failWith(file.errorString());

    // Other SQLite programs do not see our lock: SQLite's own write lock on the old file keeps
    // them out while it is checked once more and replaced. Every look at the old file goes through
    // one descriptor opened before that lock and closed after it: closing another would drop it.
    const QByteArray nativeTarget = QFile::encodeName(file.targetPath());
    const storage::FileCloser old{[&] {
      const int fd = ::open(nativeTarget.constData(), O_RDWR | O_CLOEXEC);
      return fd >= 0 ? fd : ::open(nativeTarget.constData(), O_RDONLY | O_CLOEXEC);
    }()};
    QString sqliteProblem;
    const storage::SqliteWriteLock sqliteLock(file.targetPath(), sqliteProblem);
    if (!sqliteProblem.isEmpty()) return fail(sqliteProblem);
    if (checked) {
      const auto now = old.fd >= 0 ? FileStamp::ofOpen(old.fd, file.targetPath(), &stampProblem) : std::nullopt;
      if (const QString change = changedSinceRead(now); !change.isEmpty())
        return fail(QStringLiteral("%1 since it was opened; nothing saved").arg(change));
    }
    // What another SQLite program left beside the old file belongs to it: SQLite would replay it into the new
    // one and find it malformed. Its changes were read with the file (and checked unchanged above).
    QString companionProblem;
    const QString companion = storage::liveSqliteCompanion(file.targetPath(), &companionProblem);
    if (!companionProblem.isEmpty()) return fail(companionProblem);
    if (!file.commit()) return failWith(file.errorString());
    // The old file stays open in other SQLite programs (one may be waiting for the lock right now):
    // emptied once replaced, it makes their next write fail loudly instead of landing unseen in a
    // file that no longer has a name.
    if (old.fd >= 0 && ::ftruncate(old.fd, 0) == 0) ::fsync(old.fd);
    if (!companion.isEmpty()) {
      const QString target = file.targetPath();
      for (const char* suffix : {"-wal", "-shm", "-journal"})
        ::unlink(QFile::encodeName(target + QLatin1String(suffix)).constData());
    }
    if (check) check->written = FileStamp::of(path, &stampProblem);
    return true;
  } catch (const std::bad_alloc&) {
    return fail(QStringLiteral("not enough memory"));
  } catch (const std::exception& exception) {
    return fail(QString::fromLocal8Bit(exception.what()));
  }
}

}  // namespace gigaplan
