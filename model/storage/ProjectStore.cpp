#include "storage/ProjectStore.h"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <vector>

#include "plan/PhasePlan.h"
#include "plan/TenantPlan.h"

namespace gigaplan {

namespace {

constexpr char kApplication[] = "gigaplan";
/// Written to the SQLite header too, so that tools like `file` can tell a project from other databases.
constexpr int kApplicationId = 0x47504c4e;  // "GPLN"
constexpr char kSqliteMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
constexpr int kSqliteHeaderBytes = 100;
constexpr char kTemporaryInfix[] = ".saving-";
constexpr int kMaxRowsPerHall = 1'000;
/// Versions grow by one per format change; a number beyond this is a damaged header, not a future program.
constexpr int kMaxPlausibleSchemaVersion = 1'000;

// ---------------------------------------------------------------------------------------------
// Shared by writing, reading and checking: field names as they appear in the file.

/// What a measured value may be: a size is positive, a clearance or a capacity may be zero.
enum class Measure { Size, Clearance, Capacity, Coordinate };

struct TemplateCountField {
  const char* key;
  int HallTemplate::*member;
  int maximum;
};
const TemplateCountField kTemplateCounts[] = {
    {"rows_per_hall", &HallTemplate::rowsPerHall, kMaxRowsPerHall},
    {"slots_per_row", &HallTemplate::slotsPerRow, ProjectStore::kMaxSlotsPerRow},
    {"halls_per_building", &HallTemplate::hallsPerBuilding, ProjectStore::kMaxHalls},
};

struct TemplateRealField {
  const char* key;
  double HallTemplate::*member;
  Measure measure;
};
const TemplateRealField kTemplateReals[] = {
    {"rack_width_m", &HallTemplate::rackWidthM, Measure::Size},
    {"rack_depth_m", &HallTemplate::rackDepthM, Measure::Size},
    {"cold_aisle_m", &HallTemplate::coldAisleM, Measure::Clearance},
    {"hot_aisle_m", &HallTemplate::hotAisleM, Measure::Clearance},
    {"wall_clearance_m", &HallTemplate::wallClearanceM, Measure::Clearance},
    {"hall_power_limit_mw", &HallTemplate::hallPowerLimitMw, Measure::Capacity},
    {"hall_cooling_limit_mw", &HallTemplate::hallCoolingLimitMw, Measure::Capacity},
    {"floor_load_limit_kg_m2", &HallTemplate::floorLoadLimitKgM2, Measure::Capacity},
    {"electrical_room_depth_m", &HallTemplate::electricalRoomDepthM, Measure::Clearance},
    {"building_gap_m", &HallTemplate::buildingGapM, Measure::Clearance},
    {"cable_rise_m", &HallTemplate::cableRiseM, Measure::Clearance},
    {"cable_slack_fraction", &HallTemplate::cableSlackFraction, Measure::Capacity},
};

const char kNameChoice[] = "name";
const char kDescriptionChoice[] = "description";
const char kNextRackIdKey[] = "next_rack_id";

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

/// Empty when `value` is acceptable for its kind of measure, else what is wrong with it.
QString measureProblem(double value, Measure measure) {
  if (!std::isfinite(value)) return QStringLiteral("%1 is not a finite number").arg(formatNumber(value));
  switch (measure) {
    case Measure::Size:
      if (value <= 0.0) return QStringLiteral("%1 is not a positive size").arg(formatNumber(value));
      break;
    case Measure::Clearance:
    case Measure::Capacity:
      if (value < 0.0) return QStringLiteral("%1 is negative").arg(formatNumber(value));
      break;
    case Measure::Coordinate:
      break;
  }
  if (measure != Measure::Capacity && std::fabs(value) > ProjectStore::kMaxDistanceM)
    return QStringLiteral("%1 m is beyond %2 km")
        .arg(formatNumber(value), formatCount(static_cast<qint64>(ProjectStore::kMaxDistanceM / 1000)));
  return {};
}

QString sqliteProblem(sqlite3* db, int code) {
  const QString detail = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return QStringLiteral("the file is damaged (%1)").arg(detail);
    case SQLITE_FULL:
      return QStringLiteral("the disk is full (%1)").arg(detail);
    case SQLITE_NOMEM:
      return QStringLiteral("not enough memory (%1)").arg(detail);
    case SQLITE_IOERR:
      return QStringLiteral("input/output error (%1)").arg(detail);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return QStringLiteral("the file cannot be opened (%1)").arg(detail);
    default:
      return QStringLiteral("%1 (SQLite error %2)").arg(detail).arg(code);
  }
}

QString systemProblem(const char* what) {
  return QStringLiteral("%1 (%2)").arg(QString::fromLatin1(what), QString::fromLocal8Bit(std::strerror(errno)));
}

struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;

struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

struct FileCloser {
  int fd;
  ~FileCloser() {
    if (fd >= 0) ::close(fd);
  }
};

// ---------------------------------------------------------------------------------------------
// Variants, kept as scenario documents.

/// The first tenant whose isolation is none of TenantIsolation's values (only memory gone wrong makes one); such a
/// tenant has no name to write, so it is caught before anything names its isolation.
std::optional<std::size_t> tenantWithoutIsolation(const std::vector<Tenant>& tenants) {
  for (std::size_t i = 0; i < tenants.size(); ++i)
    if (tenants[i].isolation > TenantIsolation::OwnPlane) return i;
  return std::nullopt;
}

QString isolationValueProblem(const Tenant& tenant) {
  return QStringLiteral("%1 is not an isolation (0 to %2)")
      .arg(static_cast<int>(tenant.isolation))
      .arg(static_cast<int>(TenantIsolation::OwnPlane));
}

/// Every isolation by the name the file gives it, for messages: "shared-fabric, own-leaves, ...".
QString isolationNames() {
  QStringList names;
  for (int i = 0; i <= static_cast<int>(TenantIsolation::OwnPlane); ++i)
    names.append(TenantPlan::isolationName(static_cast<TenantIsolation>(i)));
  return names.join(QStringLiteral(", "));
}

/// Why `mark` names no tenant of a project of `count` tenants (a rack's mark is 1 + the tenant's idx).
QString tenantMarkProblem(qint64 mark, std::size_t count) {
  if (count == 0) return QStringLiteral("%1 is not a tenant (the project has none)").arg(mark);
  return QStringLiteral("%1 is not a tenant (the project has %2: marks 1 to %2, one above their idx)")
      .arg(mark)
      .arg(count);
}

QByteArray variantDocument(const Variant& variant) {
  QJsonObject document = variant.scenario.toJson();
  if (!variant.phases.empty()) document.insert(QStringLiteral("phases"), PhasePlan::toJson(variant.phases));
  if (!variant.tenants.empty()) document.insert(QStringLiteral("tenants"), TenantPlan::toJson(variant.tenants));
  return QJsonDocument(document).toJson(QJsonDocument::Compact);
}

/// What a variant document holds besides the variant's name.
struct VariantContent {
  Scenario scenario;
  std::vector<Phase> phases;
  std::vector<Tenant> tenants;
};

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

QString variantsProblem(const std::vector<Variant>& variants) {
  if (variants.size() > static_cast<std::size_t>(ProjectStore::kMaxVariants))
    return QStringLiteral("variant: %1 variants; a project keeps at most %2").arg(variants.size()).arg(ProjectStore::kMaxVariants);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const Variant& v = variants[i];
    const QString where = QStringLiteral("variant %1, ").arg(i);
    if (v.name.trimmed().isEmpty()) return where + QStringLiteral("name: empty");
    if (v.name.size() > ProjectStore::kMaxPhaseNameChars)
      return where + QStringLiteral("name: longer than %1 characters").arg(ProjectStore::kMaxPhaseNameChars);
    if (const auto t = tenantWithoutIsolation(v.tenants))
      return where + QStringLiteral("document: tenants[%1].isolation: ").arg(*t) + isolationValueProblem(v.tenants[*t]);
    // What is saved must read back: the document goes through the parser a file's would.
    ScenarioErrors errors;
    if (!parseVariantDocument(variantDocument(v), errors)) return where + QStringLiteral("document: ") + errors.value(0).text();
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Writing.

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

/// Added in schema version 2. seq keeps a phase's systems in the order of Phase::systems.
constexpr const char* kSchemaVersion2Tables[] = {
    "CREATE TABLE phase(idx INTEGER PRIMARY KEY, name TEXT NOT NULL, start_date TEXT NOT NULL) STRICT",
    "CREATE TABLE phase_system(phase INTEGER NOT NULL, seq INTEGER NOT NULL, system_type TEXT NOT NULL, "
    "gpus REAL NOT NULL, PRIMARY KEY(phase, seq)) STRICT",
    "CREATE TABLE phase_input(phase INTEGER NOT NULL, path TEXT NOT NULL, value REAL NOT NULL, "
    "PRIMARY KEY(phase, path)) STRICT",
};

/// Writes one new database; the first failure is kept as the problem and stops further work.
class DatabaseWriter {
 public:
  explicit DatabaseWriter(sqlite3* db) : db_(db) {}
  const QString& problem() const { return problem_; }

  bool execute(const char* sql) {
    if (!problem_.isEmpty()) return false;
    const int code = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    return code == SQLITE_OK || fail(code);
  }

  Statement prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (problem_.isEmpty()) {
      const int code = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
      if (code != SQLITE_OK) fail(code);
    }
    return Statement(statement);
  }

  /// Binds values by position (1-based, as SQLite counts) and runs one insert, leaving the statement ready for
  /// the next row.
  template <typename... Values>
  bool insert(sqlite3_stmt* statement, const Values&... values) {
    if (!problem_.isEmpty() || !statement) return false;
    int column = 0;
    const bool bound = (bind(statement, ++column, values) && ...);
    if (!bound) return false;
    const int code = sqlite3_step(statement);
    sqlite3_reset(statement);
    return code == SQLITE_DONE || fail(code);
  }

 private:
  bool fail(int code) {
    if (problem_.isEmpty()) problem_ = sqliteProblem(db_, code);
    return false;
  }
  bool check(int code) { return code == SQLITE_OK || fail(code); }
  bool bind(sqlite3_stmt* s, int column, const QString& value) {
    const QByteArray utf8 = value.toUtf8();
    return check(sqlite3_bind_text(s, column, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT));
  }
  bool bind(sqlite3_stmt* s, int column, const char* value) {
    return check(sqlite3_bind_text(s, column, value, -1, SQLITE_STATIC));
  }
  bool bind(sqlite3_stmt* s, int column, double value) { return check(sqlite3_bind_double(s, column, value)); }
  bool bind(sqlite3_stmt* s, int column, float value) { return bind(s, column, static_cast<double>(value)); }
  bool bind(sqlite3_stmt* s, int column, qint64 value) { return check(sqlite3_bind_int64(s, column, value)); }
  bool bind(sqlite3_stmt* s, int column, int value) { return check(sqlite3_bind_int64(s, column, value)); }
  bool bind(sqlite3_stmt* s, int column, std::uint32_t value) { return check(sqlite3_bind_int64(s, column, value)); }
  bool bind(sqlite3_stmt* s, int column, std::uint8_t value) { return check(sqlite3_bind_int64(s, column, value)); }

  sqlite3* db_;
  QString problem_;
};

bool writeProjectTables(DatabaseWriter& writer, const Project& project) {
  for (const char* sql : kSchemaVersion1Tables) writer.execute(sql);
  for (const char* sql : kSchemaVersion2Tables) writer.execute(sql);
  for (const char* sql : kSchemaVersion3Tables) writer.execute(sql);
  for (const char* sql : kSchemaVersion4Tables) writer.execute(sql);

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

/// Flushes the new file, gives it the permissions of the file it replaces, renames it over the target and flushes
/// the folder so that the rename itself survives a power cut.
QString replaceTarget(const QByteArray& temporary, const QByteArray& target, const QByteArray& folder) {
  {
    const FileCloser file{::open(temporary.constData(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) return systemProblem("cannot reopen the new file");
    if (::fsync(file.fd) != 0) return systemProblem("cannot flush the new file to disk");
    struct stat previous {};
    if (::stat(target.constData(), &previous) == 0 && ::fchmod(file.fd, previous.st_mode & 07777) != 0)
      return systemProblem("cannot give the new file the permissions of the old one");
  }
  if (::rename(temporary.constData(), target.constData()) != 0) return systemProblem("cannot replace the file");
  const FileCloser directory{::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (directory.fd < 0) return systemProblem("saved, but cannot open the folder to flush it");
  // Some file systems cannot flush a folder (EINVAL); there the rename is as durable as they make it.
  if (::fsync(directory.fd) != 0 && errno != EINVAL) return systemProblem("saved, but cannot flush the folder");
  return {};
}

QString temporaryPrefix(const QString& fileName) {
  return QLatin1Char('.') + fileName + QLatin1String(kTemporaryInfix);
}

/// Temporary files of saves whose process died (a crash, a kill, a power cut) are never renamed; the next save in
/// the same folder removes them. Names are `.<name>.saving-<pid>-<n>`; a living process's files stay.
void removeAbandonedTemporaryFiles(const QDir& folder, const QString& fileName) {
  const QString prefix = temporaryPrefix(fileName);
  const QStringList entries =
      folder.entryList({prefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
  for (const QString& entry : entries) {
    bool isNumber = false;
    const qint64 pid = entry.mid(prefix.size()).section(QLatin1Char('-'), 0, 0).toLongLong(&isNumber);
    if (!isNumber || pid <= 0 || pid == ::getpid() || pid > std::numeric_limits<pid_t>::max()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    ::unlink(QFile::encodeName(folder.filePath(entry)).constData());
  }
}

// ---------------------------------------------------------------------------------------------
// Reading.

QString typeName(int type) {
  switch (type) {
    case SQLITE_INTEGER:
      return QStringLiteral("a whole number");
    case SQLITE_FLOAT:
      return QStringLiteral("a real number");
    case SQLITE_TEXT:
      return QStringLiteral("text");
    case SQLITE_BLOB:
      return QStringLiteral("binary data");
    default:
      return QStringLiteral("nothing (NULL)");
  }
}

/// Reads one result row, checking every value's type and range before converting it; the first problem names the
/// table, the row and the column.
class RowReader {
 public:
  RowReader(sqlite3_stmt* statement, const char* table, QString& problem)
      : statement_(statement), table_(table), problem_(problem) {}

  /// Names the row in messages: "hall 3", or "rack id 4012" with a label. Formatted only when a message needs it.
  void setKey(qint64 key, const char* label = "") {
    key_ = key;
    keyLabel_ = label;
  }
  /// Names the row of a keyed table: "scenario_input cluster.gpus".
  void setTextKey(const QString& key) { textKey_ = key; }

  bool text(int column, QString& value) {
    if (sqlite3_column_type(statement_, column) != SQLITE_TEXT) return wrongType(column, "text");
    const auto* utf8 = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (!utf8) return fail(column, QStringLiteral("cannot be read (out of memory)"));
    value = QString::fromUtf8(utf8, sqlite3_column_bytes(statement_, column));
    return true;
  }

  bool number(int column, double& value) {
    const int type = sqlite3_column_type(statement_, column);
    if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) return wrongType(column, "a number");
    value = sqlite3_column_double(statement_, column);
    if (!std::isfinite(value))
      return fail(column, QStringLiteral("%1 is not a finite number").arg(formatNumber(value)));
    return true;
  }

  bool number(int column, float& value) {
    double wide = 0.0;
    if (!number(column, wide)) return false;
    if (std::fabs(wide) > std::numeric_limits<float>::max())
      return fail(column, QStringLiteral("%1 is too large").arg(formatNumber(wide)));
    value = static_cast<float>(wide);
    return true;
  }

  template <typename Integer>
  bool integer(int column, Integer& value) {
    if (sqlite3_column_type(statement_, column) != SQLITE_INTEGER) return wrongType(column, "a whole number");
    const qint64 wide = sqlite3_column_int64(statement_, column);
    if (wide < static_cast<qint64>(std::numeric_limits<Integer>::min()) ||
        wide > static_cast<qint64>(std::numeric_limits<Integer>::max()))
      return fail(column, QStringLiteral("%1 is out of range").arg(wide));
    value = static_cast<Integer>(wide);
    return true;
  }

  bool fail(int column, const QString& what) {
    if (!problem_.isEmpty()) return false;
    QString row = QString::fromLatin1(table_);
    if (!textKey_.isEmpty())
      row += QLatin1Char(' ') + textKey_.left(80);
    else if (key_)
      row += QLatin1Char(' ') + QString::fromLatin1(keyLabel_) + QString::number(*key_);
    problem_ = shortened(
        QStringLiteral("%1, %2: %3").arg(row, QString::fromUtf8(sqlite3_column_name(statement_, column)), what));
    return false;
  }

 private:
  bool wrongType(int column, const char* expected) {
    return fail(column, QStringLiteral("expected %1, found %2")
                            .arg(QString::fromLatin1(expected), typeName(sqlite3_column_type(statement_, column))));
  }

  sqlite3_stmt* statement_;
  const char* table_;
  QString& problem_;
  std::optional<qint64> key_;
  const char* keyLabel_ = "";
  QString textKey_;
};

/// Reads one database opened read-only; the first problem is kept and stops further reading.
class DatabaseReader {
 public:
  explicit DatabaseReader(sqlite3* db) : db_(db) {}
  QString& problem() { return problem_; }

  bool fail(const QString& problem) {
    if (problem_.isEmpty()) problem_ = shortened(problem);
    return false;
  }
  /// Past the header check, a plain SQL error (no such column, unsupported format) means a damaged file too.
  bool failSqlite(int code, const char* sql) {
    if ((code & 0xff) != SQLITE_ERROR) return fail(sqliteProblem(db_, code));
    const QString query = QString::fromLatin1(sql);
    const qsizetype from = query.indexOf(QLatin1String(" FROM "));
    const QString table = from < 0 ? query : query.mid(from + 6).section(QLatin1Char(' '), 0, 0);
    return fail(
        QStringLiteral("the file is damaged (%1, reading %2)").arg(QString::fromUtf8(sqlite3_errmsg(db_)), table));
  }

  Statement prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr);
    if (code != SQLITE_OK) failSqlite(code, sql);
    return Statement(statement);
  }

  /// Runs a query and calls `onRow(statement)` for each result row until it returns false.
  template <typename OnRow>
  bool forEachRow(const char* sql, OnRow onRow) {
    if (!problem_.isEmpty()) return false;
    const Statement statement = prepare(sql);
    if (!statement) return false;
    for (;;) {
      const int code = sqlite3_step(statement.get());
      if (code == SQLITE_DONE) return true;
      if (code != SQLITE_ROW) return failSqlite(code, sql);
      if (!onRow(statement.get())) return false;
    }
  }

  /// The one integer a query returns (a pragma, a count).
  std::optional<qint64> single(const char* sql) {
    std::optional<qint64> value;
    forEachRow(sql, [&](sqlite3_stmt* statement) {
      if (sqlite3_column_type(statement, 0) != SQLITE_INTEGER)
        return fail(QStringLiteral("%1 gave %2, not a whole number")
                        .arg(QString::fromLatin1(sql), typeName(sqlite3_column_type(statement, 0))));
      value = sqlite3_column_int64(statement, 0);
      return false;
    });
    if (!value && problem_.isEmpty()) fail(QStringLiteral("%1 gave no result").arg(QString::fromLatin1(sql)));
    return problem_.isEmpty() ? value : std::nullopt;
  }

  /// Rows in a table, checked against the project's limit before anything is reserved for them.
  std::optional<qint64> countRows(const char* table, qint64 limit, const char* whatPlural) {
    const QByteArray sql = QByteArray("SELECT COUNT(*) FROM ") + table;
    const std::optional<qint64> count = single(sql.constData());
    if (!count) return std::nullopt;
    if (*count > limit) {
      fail(QStringLiteral("table %1 has %2 rows; a project holds at most %3 %4")
               .arg(QString::fromLatin1(table), formatCount(*count), formatCount(limit),
                    QString::fromLatin1(whatPlural)));
      return std::nullopt;
    }
    return count;
  }

  /// Every table a schema version needs must be a real table: a view of the same name could run anything.
  bool requireTables(std::initializer_list<const char*> tables) {
    QSet<QString> present;
    forEachRow("SELECT name FROM sqlite_schema WHERE type = 'table'", [&](sqlite3_stmt* statement) {
      present.insert(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))));
      return true;
    });
    if (!problem_.isEmpty()) return false;
    for (const char* table : tables)
      if (!present.contains(QString::fromLatin1(table)))
        return fail(QStringLiteral("table %1 is missing").arg(QString::fromLatin1(table)));
    return true;
  }

 private:
  sqlite3* db_;
  QString problem_;
};

/// Tables numbered 0, 1, 2, ... by idx: the numbers are the indices other tables refer to.
bool checkSequence(RowReader& row, qint64 idx, std::size_t expected) {
  if (idx == static_cast<qint64>(expected)) return true;
  return row.fail(0, QStringLiteral("out of sequence: expected %1").arg(expected));
}

/// A damaged table can yield more rows than COUNT(*) said; reading stops there rather than grow past the limit.
bool checkRoom(RowReader& row, std::size_t have, qint64 counted) {
  if (static_cast<qint64>(have) < counted) return true;
  return row.fail(0, QStringLiteral("more rows than the %1 counted (the file is damaged)").arg(counted));
}

bool readScenario(DatabaseReader& reader, Scenario& scenario) {
  QSet<QString> seen;
  auto duplicate = [&](const char* table, const QString& key) {
    if (!seen.contains(key)) {
      seen.insert(key);
      return false;
    }
    reader.fail(QStringLiteral("%1 %2 appears twice").arg(QString::fromLatin1(table), key));
    return true;
  };
  reader.forEachRow("SELECT path, value FROM scenario_choice", [&](sqlite3_stmt* statement) {
    RowReader row(statement, "scenario_choice", reader.problem());
    QString path;
    QString value;
    if (!row.text(0, path) || duplicate("scenario_choice", path)) return false;
    row.setTextKey(path);
    if (!row.text(1, value)) return false;
    if (path == QLatin1String(kNameChoice)) {
      scenario.name = value;
    } else if (path == QLatin1String(kDescriptionChoice)) {
      scenario.description = value;
    } else {
      bool isChoice = path == QLatin1String(Scenario::kSystemTypePath) || path == QLatin1String(Scenario::kSwitchPath);
      for (int reach = 0; reach < static_cast<int>(scenario.opticModules.size()); ++reach)
        isChoice = isChoice || path == opticChoicePath(reach);
      if (!isChoice) return reader.fail(QStringLiteral("scenario_choice %1: not a catalog choice").arg(path));
      ScenarioErrors errors;
      if (!scenario.set(path, QJsonValue(value), errors))
        return reader.fail(QStringLiteral("scenario_choice %1").arg(errors.value(0).text()));
    }
    return true;
  });
  for (const char* required : {kNameChoice, kDescriptionChoice, Scenario::kSystemTypePath, Scenario::kSwitchPath})
    if (reader.problem().isEmpty() && !seen.contains(QString::fromLatin1(required)))
      reader.fail(QStringLiteral("scenario_choice: the row for %1 is missing").arg(QString::fromLatin1(required)));

  seen.clear();
  reader.forEachRow("SELECT path, value FROM scenario_input", [&](sqlite3_stmt* statement) {
    RowReader row(statement, "scenario_input", reader.problem());
    QString path;
    double value = 0.0;
    if (!row.text(0, path) || duplicate("scenario_input", path)) return false;
    row.setTextKey(path);
    if (!row.number(1, value)) return false;
    ScenarioErrors errors;
    if (!scenario.set(path, QJsonValue(value), errors))
      return reader.fail(QStringLiteral("scenario_input %1").arg(errors.value(0).text()));
    return true;
  });
  return reader.problem().isEmpty();
}

bool readHallTemplate(DatabaseReader& reader, HallTemplate& hallTemplate) {
  QSet<QString> seen;
  reader.forEachRow("SELECT key, value FROM hall_template", [&](sqlite3_stmt* statement) {
    RowReader row(statement, "hall_template", reader.problem());
    QString key;
    double value = 0.0;
    if (!row.text(0, key)) return false;
    if (seen.contains(key)) return reader.fail(QStringLiteral("hall_template %1 appears twice").arg(key));
    seen.insert(key);
    row.setTextKey(key);
    if (!row.number(1, value)) return false;
    for (const TemplateRealField& field : kTemplateReals) {
      if (key != QLatin1String(field.key)) continue;
      hallTemplate.*field.member = value;
      return true;
    }
    for (const TemplateCountField& field : kTemplateCounts) {
      if (key != QLatin1String(field.key)) continue;
      if (value != std::floor(value) || value < 1 || value > field.maximum)
        return reader.fail(QStringLiteral("hall_template %1: %2 is not a whole number from 1 to %3")
                               .arg(key, formatNumber(value), formatCount(field.maximum)));
      hallTemplate.*field.member = static_cast<int>(value);
      return true;
    }
    return reader.fail(QStringLiteral("hall_template %1: not a hall template field").arg(key));
  });
  auto require = [&](const char* key) {
    if (reader.problem().isEmpty() && !seen.contains(QString::fromLatin1(key)))
      reader.fail(QStringLiteral("hall_template: the row for %1 is missing").arg(QString::fromLatin1(key)));
  };
  for (const TemplateCountField& field : kTemplateCounts) require(field.key);
  for (const TemplateRealField& field : kTemplateReals) require(field.key);
  return reader.problem().isEmpty();
}

bool readMeta(DatabaseReader& reader, SiteLayout& layout) {
  bool hasNextRackId = false;
  reader.forEachRow("SELECT key, value FROM meta", [&](sqlite3_stmt* statement) {
    RowReader row(statement, "meta", reader.problem());
    QString key;
    QString value;
    if (!row.text(0, key)) return false;
    row.setTextKey(key);
    if (!row.text(1, value)) return false;
    if (key != QLatin1String(kNextRackIdKey)) return true;  // identification and notes; checked elsewhere
    if (hasNextRackId) return reader.fail(QStringLiteral("meta %1 appears twice").arg(key));
    bool isNumber = false;
    const qulonglong id = value.toULongLong(&isNumber);
    if (!isNumber || id > std::numeric_limits<std::uint32_t>::max())
      return reader.fail(QStringLiteral("meta %1: '%2' is not a rack id").arg(key, value.left(40)));
    layout.nextRackId = static_cast<std::uint32_t>(id);
    hasNextRackId = true;
    return true;
  });
  if (reader.problem().isEmpty() && !hasNextRackId)
    reader.fail(QStringLiteral("meta: the row for %1 is missing").arg(QString::fromLatin1(kNextRackIdKey)));
  return reader.problem().isEmpty();
}

bool readLayout(DatabaseReader& reader, SiteLayout& layout) {
  if (!readHallTemplate(reader, layout.hallTemplate) || !readMeta(reader, layout)) return false;

  const auto systemTypes = reader.countRows("system_type", ProjectStore::kMaxSystemTypes, "system types");
  if (!systemTypes) return false;
  reader.forEachRow("SELECT idx, id FROM system_type ORDER BY idx", [&](sqlite3_stmt* statement) {
    RowReader row(statement, "system_type", reader.problem());
    qint64 idx = 0;
    QString id;
    if (!row.integer(0, idx)) return false;
    row.setKey(idx);
    const auto have = static_cast<std::size_t>(layout.systemTypes.size());
    if (!checkSequence(row, idx, have) || !checkRoom(row, have, *systemTypes) || !row.text(1, id)) return false;
    layout.systemTypes.append(id);
    return true;
  });
  if (!reader.problem().isEmpty()) return false;

  const auto buildings = reader.countRows("building", ProjectStore::kMaxBuildings, "buildings");
  if (!buildings) return false;
  layout.buildings.reserve(static_cast<std::size_t>(*buildings));
  reader.forEachRow("SELECT idx, name, x_m, y_m, width_m, depth_m FROM building ORDER BY idx", [&](sqlite3_stmt* s) {
    RowReader row(s, "building", reader.problem());
    qint64 idx = 0;
    Building b;
    if (!row.integer(0, idx)) return false;
    row.setKey(idx);
    if (!checkSequence(row, idx, layout.buildings.size()) || !checkRoom(row, layout.buildings.size(), *buildings))
      return false;
    if (!row.text(1, b.name) || !row.number(2, b.xM) || !row.number(3, b.yM) || !row.number(4, b.widthM) ||
        !row.number(5, b.depthM))
      return false;
    layout.buildings.push_back(b);
    return true;
  });
  if (!reader.problem().isEmpty()) return false;

  const auto halls = reader.countRows("hall", ProjectStore::kMaxHalls, "halls");
  if (!halls) return false;
  layout.halls.reserve(static_cast<std::size_t>(*halls));
  reader.forEachRow(
      "SELECT idx, building, name, x_m, y_m, width_m, depth_m, power_limit_mw, cooling_limit_mw, "
      "floor_load_limit_kg_m2 FROM hall ORDER BY idx",
      [&](sqlite3_stmt* s) {
        RowReader row(s, "hall", reader.problem());
        qint64 idx = 0;
        Hall h;
        if (!row.integer(0, idx)) return false;
        row.setKey(idx);
        if (!checkSequence(row, idx, layout.halls.size()) || !checkRoom(row, layout.halls.size(), *halls)) return false;
        if (!row.integer(1, h.building) || !row.text(2, h.name) || !row.number(3, h.xM) || !row.number(4, h.yM) ||
            !row.number(5, h.widthM) || !row.number(6, h.depthM) || !row.number(7, h.powerLimitMw) ||
            !row.number(8, h.coolingLimitMw) || !row.number(9, h.floorLoadLimitKgM2))
          return false;
        layout.halls.push_back(h);
        return true;
      });
  if (!reader.problem().isEmpty()) return false;

  const auto rows = reader.countRows("layout_row", ProjectStore::kMaxRows, "rows");
  if (!rows) return false;
  layout.rows.reserve(static_cast<std::size_t>(*rows));
  reader.forEachRow("SELECT idx, hall, x_m, y_m, slots FROM layout_row ORDER BY idx", [&](sqlite3_stmt* s) {
    RowReader row(s, "layout_row", reader.problem());
    qint64 idx = 0;
    Row r;
    if (!row.integer(0, idx)) return false;
    row.setKey(idx);
    if (!checkSequence(row, idx, layout.rows.size()) || !checkRoom(row, layout.rows.size(), *rows)) return false;
    if (!row.integer(1, r.hall) || !row.number(2, r.xM) || !row.number(3, r.yM) || !row.integer(4, r.slotCount))
      return false;
    layout.rows.push_back(r);
    return true;
  });
  if (!reader.problem().isEmpty()) return false;

  const auto racks = reader.countRows("rack", ProjectStore::kMaxRacks, "racks");
  if (!racks) return false;
  layout.racks.reserve(static_cast<std::size_t>(*racks));
  const char* rackQuery =
      "SELECT id, seq, row, slot, role, system, phase, units, power_kw, mass_kg FROM rack ORDER BY seq";
  reader.forEachRow(rackQuery, [&](sqlite3_stmt* s) {
    RowReader row(s, "rack", reader.problem());
    qint64 seq = 0;
    std::uint8_t role = 0;
    Rack r;
    if (!row.integer(0, r.id)) return false;
    row.setKey(r.id, "id ");
    if (!row.integer(1, seq)) return false;
    if (seq != static_cast<qint64>(layout.racks.size()))
      return row.fail(1, QStringLiteral("%1 is out of sequence: expected %2").arg(seq).arg(layout.racks.size()));
    if (!checkRoom(row, layout.racks.size(), *racks)) return false;
    if (!row.integer(2, r.row) || !row.integer(3, r.slot) || !row.integer(4, role) || !row.integer(5, r.system) ||
        !row.integer(6, r.phase) || !row.integer(7, r.units) || !row.number(8, r.powerKw) || !row.number(9, r.massKg))
      return false;
    r.role = static_cast<RackRole>(role);
    layout.racks.push_back(r);
    return true;
  });
  return reader.problem().isEmpty();
}

bool readSchemaVersion1(DatabaseReader& reader, Project& project) {
  return reader.requireTables({"meta", "scenario_choice", "scenario_input", "hall_template", "system_type", "building",
                               "hall", "layout_row", "rack"}) &&
         readScenario(reader, project.scenario) && readLayout(reader, project.layout);
}

/// Reads the phase tables: their shape (indices in sequence, rows of existing phases, known input paths) here,
/// their values in ProjectStore::firstProblem, as for every other table.
bool readPhases(DatabaseReader& reader, std::vector<Phase>& phases) {
  const auto phaseCount = reader.countRows("phase", ProjectStore::kMaxPhases, "phases");
  if (!phaseCount) return false;
  phases.reserve(static_cast<std::size_t>(*phaseCount));
  reader.forEachRow("SELECT idx, name, start_date FROM phase ORDER BY idx", [&](sqlite3_stmt* s) {
    RowReader row(s, "phase", reader.problem());
    qint64 idx = 0;
    Phase phase;
    QString date;
    if (!row.integer(0, idx)) return false;
    row.setKey(idx);
    if (!checkSequence(row, idx, phases.size()) || !checkRoom(row, phases.size(), *phaseCount)) return false;
    if (!row.text(1, phase.name) || !row.text(2, date)) return false;
    phase.start = parseIsoDate(date);
    if (!phase.start.isValid())
      return row.fail(2, QStringLiteral("'%1' is not a date (yyyy-MM-dd)").arg(date.left(40)));
    phases.push_back(std::move(phase));
    return true;
  });
  if (!reader.problem().isEmpty()) return false;

  // A row of a phase the file does not have is damage.
  auto readPhaseNumber = [&](RowReader& row, qint64& phase) {
    if (!row.integer(0, phase)) return false;
    if (phase >= 0 && phase < static_cast<qint64>(phases.size())) return true;
    return row.fail(0, QStringLiteral("%1 is not a phase (the project has %2)").arg(phase).arg(phases.size()));
  };

  const auto systemCount = reader.countRows(
      "phase_system", qint64{ProjectStore::kMaxPhases} * ProjectStore::kMaxSystemsPerPhase, "phase systems");
  if (!systemCount) return false;
  std::size_t systemsRead = 0;
  reader.forEachRow("SELECT phase, seq, system_type, gpus FROM phase_system ORDER BY phase, seq", [&](sqlite3_stmt* s) {
    RowReader row(s, "phase_system", reader.problem());
    qint64 phase = 0;
    qint64 seq = 0;
    PhaseSystems systems;
    if (!row.integer(0, phase) || !row.integer(1, seq)) return false;
    row.setTextKey(phaseRowKey(phase, QString::number(seq)));
    if (!readPhaseNumber(row, phase) || !checkRoom(row, systemsRead, *systemCount)) return false;
    std::vector<PhaseSystems>& list = phases[static_cast<std::size_t>(phase)].systems;
    if (seq != static_cast<qint64>(list.size()))
      return row.fail(1, QStringLiteral("out of sequence: expected %1").arg(list.size()));
    if (seq >= ProjectStore::kMaxSystemsPerPhase)
      return row.fail(1, QStringLiteral("a phase adds at most %1 system types").arg(ProjectStore::kMaxSystemsPerPhase));
    if (!row.text(2, systems.systemType) || !row.number(3, systems.gpus)) return false;
    list.push_back(std::move(systems));
    ++systemsRead;
    return true;
  });
  if (!reader.problem().isEmpty()) return false;

  const auto inputCount = reader.countRows(
      "phase_input", qint64{ProjectStore::kMaxPhases} * static_cast<qint64>(kInputCount), "phase inputs");
  if (!inputCount) return false;
  std::size_t inputsRead = 0;
  reader.forEachRow("SELECT phase, path, value FROM phase_input ORDER BY phase, path", [&](sqlite3_stmt* s) {
    RowReader row(s, "phase_input", reader.problem());
    qint64 phase = 0;
    QString path;
    double value = 0.0;
    if (!row.integer(0, phase) || !row.text(1, path)) return false;
    row.setTextKey(phaseRowKey(phase, path));
    if (!readPhaseNumber(row, phase) || !checkRoom(row, inputsRead, *inputCount)) return false;
    const std::optional<InputId> id = findInput(path);
    if (!id) {
      const QString suggestion = closestInputPath(path);
      return row.fail(1, suggestion.isEmpty() ? QStringLiteral("unknown input")
                                              : QStringLiteral("unknown input (did you mean %1?)").arg(suggestion));
    }
    if (!row.number(2, value)) return false;
    QMap<InputId, double>& inputs = phases[static_cast<std::size_t>(phase)].inputs;
    // The primary key forbids this in files Gigaplan writes; a table of the same name from elsewhere may not.
    if (inputs.contains(*id))
      return reader.fail(QStringLiteral("phase_input %1 appears twice").arg(phaseRowKey(phase, path)));
    inputs.insert(*id, value);
    ++inputsRead;
    return true;
  });
  return reader.problem().isEmpty();
}

bool readSchemaVersion2(DatabaseReader& reader, Project& project) {
  return readSchemaVersion1(reader, project) && reader.requireTables({"phase", "phase_system", "phase_input"}) &&
         readPhases(reader, project.phases);
}

bool readVariants(DatabaseReader& reader, std::vector<Variant>& variants) {
  const auto count = reader.countRows("variant", ProjectStore::kMaxVariants, "variants");
  if (!count) return false;
  reader.forEachRow("SELECT idx, name, document FROM variant ORDER BY idx", [&](sqlite3_stmt* s) {
    RowReader row(s, "variant", reader.problem());
    qint64 idx = 0;
    Variant variant;
    QString document;
    if (!row.integer(0, idx)) return false;
    row.setKey(idx);
    if (!checkSequence(row, idx, variants.size()) || !checkRoom(row, variants.size(), *count)) return false;
    if (!row.text(1, variant.name) || !row.text(2, document)) return false;
    if (document.size() > ProjectStore::kMaxVariantDocumentBytes)
      return row.fail(2, QStringLiteral("%1 characters; a variant is at most %2").arg(document.size()).arg(ProjectStore::kMaxVariantDocumentBytes));
    ScenarioErrors errors;
    auto parsed = parseVariantDocument(document.toUtf8(), errors);
    if (!parsed) return row.fail(2, errors.value(0).text());
    variant.scenario = std::move(parsed->scenario);
    variant.phases = std::move(parsed->phases);
    variant.tenants = std::move(parsed->tenants);
    variants.push_back(std::move(variant));
    return true;
  });
  return reader.problem().isEmpty();
}

bool readSchemaVersion3(DatabaseReader& reader, Project& project) {
  return readSchemaVersion2(reader, project) && reader.requireTables({"variant"}) &&
         readVariants(reader, project.variants);
}

/// Reads the tenant tables: each row's shape (indices in sequence, an isolation by name, marks of existing racks
/// naming existing tenants, once each) here, the tenants' values in ProjectStore::firstProblem.
bool readTenants(DatabaseReader& reader, Project& project) {
  std::vector<Tenant>& tenants = project.tenants;
  const auto count = reader.countRows("tenant", ProjectStore::kMaxTenants, "tenants");
  if (!count) return false;
  tenants.reserve(static_cast<std::size_t>(*count));
  reader.forEachRow(
      "SELECT idx, name, system_type, gpus, isolation, price_usd_per_gpu_hour, utilization FROM tenant ORDER BY idx",
      [&](sqlite3_stmt* s) {
        RowReader row(s, "tenant", reader.problem());
        qint64 idx = 0;
        Tenant tenant;
        QString isolation;
        if (!row.integer(0, idx)) return false;
        row.setKey(idx);
        if (!checkSequence(row, idx, tenants.size()) || !checkRoom(row, tenants.size(), *count)) return false;
        if (!row.text(1, tenant.name) || !row.text(2, tenant.systemType) || !row.number(3, tenant.gpus) ||
            !row.text(4, isolation) || !row.number(5, tenant.priceUsdPerGpuHour) || !row.number(6, tenant.utilization))
          return false;
        const std::optional<TenantIsolation> level = TenantPlan::isolationFromName(isolation);
        if (!level)
          return row.fail(4, QStringLiteral("'%1' is not an isolation (%2)").arg(isolation.left(40), isolationNames()));
        tenant.isolation = *level;
        tenants.push_back(std::move(tenant));
        return true;
      });
  if (!reader.problem().isEmpty()) return false;

  const auto markCount = reader.countRows("rack_tenant", ProjectStore::kMaxRacks, "racks");
  if (!markCount) return false;
  std::vector<Rack>& racks = project.layout.racks;
  // Rack ids in order, each with its place in SiteLayout::racks, sorted at the first mark (a project without
  // tenants has none); repeated ids are firstProblem's to name.
  std::vector<std::pair<std::uint32_t, std::size_t>> byId;
  std::size_t marksRead = 0;
  reader.forEachRow("SELECT rack, tenant FROM rack_tenant ORDER BY rack", [&](sqlite3_stmt* s) {
    RowReader row(s, "rack_tenant", reader.problem());
    qint64 id = 0;
    qint64 tenant = 0;
    if (!row.integer(0, id)) return false;
    row.setKey(id);
    if (!checkRoom(row, marksRead, *markCount)) return false;
    if (byId.empty() && !racks.empty()) {
      byId.reserve(racks.size());
      for (std::size_t i = 0; i < racks.size(); ++i) byId.emplace_back(racks[i].id, i);
      std::sort(byId.begin(), byId.end());
    }
    const bool isRackId = id >= 0 && id <= static_cast<qint64>(std::numeric_limits<std::uint32_t>::max());
    const auto found =
        isRackId ? std::lower_bound(byId.begin(), byId.end(), std::pair{static_cast<std::uint32_t>(id), std::size_t{0}})
                 : byId.end();
    if (found == byId.end() || qint64{found->first} != id)
      return row.fail(0, QStringLiteral("%1 is not the id of a rack").arg(id));
    if (!row.integer(1, tenant)) return false;
    if (tenant < 1 || tenant > static_cast<qint64>(tenants.size()))
      return row.fail(1, tenantMarkProblem(tenant, tenants.size()));
    Rack& rack = racks[found->second];
    // The primary key forbids this in files Gigaplan writes; a table of the same name from elsewhere may not.
    if (rack.tenant != 0) return reader.fail(QStringLiteral("rack_tenant %1 appears twice").arg(id));
    rack.tenant = static_cast<std::uint8_t>(tenant);
    ++marksRead;
    return true;
  });
  return reader.problem().isEmpty();
}

bool readSchemaVersion4(DatabaseReader& reader, Project& project) {
  return readSchemaVersion3(reader, project) && reader.requireTables({"tenant", "rack_tenant"}) &&
         readTenants(reader, project);
}

/// One reader per schema version a file may have. A new version adds its reader here and keeps the old ones, so
/// that files of every earlier version still open (each reader fills what its version lacks with defaults).
struct SchemaReader {
  int version;
  bool (*read)(DatabaseReader&, Project&);
};
constexpr SchemaReader kSchemaReaders[] = {
    {1, &readSchemaVersion1}, {2, &readSchemaVersion2}, {3, &readSchemaVersion3}, {4, &readSchemaVersion4}};

/// Checks what can be checked before SQLite sees the file; empty when it may be handed to SQLite.
QString checkFileHeader(const QByteArray& nativePath) {
  struct stat info {};
  if (::stat(nativePath.constData(), &info) != 0)
    return errno == ENOENT ? QStringLiteral("the file does not exist") : systemProblem("cannot look at the file");
  if (S_ISDIR(info.st_mode)) return QStringLiteral("it is a folder, not a file");
  if (!S_ISREG(info.st_mode)) return QStringLiteral("it is not a regular file");
  const FileCloser file{::open(nativePath.constData(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) return systemProblem("the file cannot be read");
  if (info.st_size == 0) return QStringLiteral("the file is empty (not a Gigaplan project)");
  unsigned char header[kSqliteHeaderBytes] = {};
  ssize_t have = 0;
  while (have < kSqliteHeaderBytes) {
    const ssize_t got = ::read(file.fd, header + have, static_cast<std::size_t>(kSqliteHeaderBytes - have));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return systemProblem("the file cannot be read");
    if (got == 0) break;
    have += got;
  }
  if (have < kSqliteHeaderBytes || std::memcmp(header, kSqliteMagic, sizeof kSqliteMagic) != 0)
    return QStringLiteral("not a Gigaplan project (not an SQLite database)");
  auto bigEndian32 = [&](int offset) {
    return (std::uint32_t{header[offset]} << 24) | (std::uint32_t{header[offset + 1]} << 16) |
           (std::uint32_t{header[offset + 2]} << 8) | std::uint32_t{header[offset + 3]};
  };
  const std::uint32_t storedPageSize = (std::uint32_t{header[16]} << 8) | header[17];
  const std::uint32_t pageSize = storedPageSize == 1 ? 65536 : storedPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
    return QStringLiteral("the file is damaged (its SQLite header gives a page size of %1)").arg(storedPageSize);
  // The page count in the header is valid when the change counter matches the version it was written with.
  const std::uint32_t pageCount = bigEndian32(28);
  if (bigEndian32(24) == bigEndian32(92) && pageCount > 0) {
    const qint64 expectedBytes = qint64{pageCount} * pageSize;
    if (info.st_size < expectedBytes)
      return QStringLiteral("the file is truncated: it has %1 bytes of the %2 its header promises")
          .arg(formatCount(info.st_size), formatCount(expectedBytes));
  }
  return {};
}

std::optional<Project> readProjectFile(const QString& path, QString& problem) {
  const QByteArray nativePath = QFile::encodeName(QFileInfo(path).absoluteFilePath());
  problem = checkFileHeader(nativePath);
  if (!problem.isEmpty()) return std::nullopt;

  // Read-only and immutable: SQLite takes no lock, replays no journal and creates no file beside it, so opening
  // cannot change anything on disk.
  const QByteArray uri =
      "file://" + QUrl::toPercentEncoding(QFileInfo(path).absoluteFilePath(), "/") + "?mode=ro&immutable=1";
  sqlite3* handle = nullptr;
  const int openCode =
      sqlite3_open_v2(uri.constData(), &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  const Database db(handle);
  if (openCode != SQLITE_OK) {
    problem = sqliteProblem(db.get(), openCode);
    return std::nullopt;
  }
  // The file is untrusted: no schema-defined functions or views run, and damaged cells are caught early.
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  DatabaseReader reader(db.get());
  auto failed = [&] {
    problem = reader.problem();
    return std::nullopt;
  };
  if (!reader.forEachRow("PRAGMA cell_size_check = ON", [](sqlite3_stmt*) { return true; })) return failed();

  bool hasMeta = false;
  reader.forEachRow("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'", [&](sqlite3_stmt*) {
    hasMeta = true;
    return false;
  });
  if (!reader.problem().isEmpty()) return failed();
  if (!hasMeta) {
    problem = QStringLiteral("not a Gigaplan project (an SQLite database without Gigaplan's meta table)");
    return std::nullopt;
  }
  QString application;
  bool hasApplication = false;
  reader.forEachRow("SELECT value FROM meta WHERE key = 'application'", [&](sqlite3_stmt* statement) {
    RowReader row(statement, "meta", reader.problem());
    row.setTextKey(QStringLiteral("application"));
    hasApplication = row.text(0, application);
    return false;
  });
  if (!reader.problem().isEmpty()) return failed();
  if (!hasApplication || application != QLatin1String(kApplication)) {
    problem = hasApplication
                  ? QStringLiteral("not a Gigaplan project (meta application is '%1')").arg(application.left(40))
                  : QStringLiteral("not a Gigaplan project (meta has no application)");
    return std::nullopt;
  }
  const auto applicationId = reader.single("PRAGMA application_id");
  if (!applicationId) return failed();
  if (*applicationId != kApplicationId) {
    problem = QStringLiteral("the file is damaged (its SQLite header has application id %1, not Gigaplan's %2)")
                  .arg(*applicationId)
                  .arg(kApplicationId);
    return std::nullopt;
  }

  const auto version = reader.single("PRAGMA user_version");
  if (!version) return failed();
  if (*version > kMaxPlausibleSchemaVersion) {
    problem = QStringLiteral("the file is damaged (its SQLite header gives schema version %1)").arg(*version);
    return std::nullopt;
  }
  if (*version > ProjectStore::kSchemaVersion) {
    problem = QStringLiteral("it was written by a newer Gigaplan (schema version %1; this Gigaplan reads up to %2)")
                  .arg(*version)
                  .arg(ProjectStore::kSchemaVersion);
    return std::nullopt;
  }
  const auto schemaReader = std::find_if(std::begin(kSchemaReaders), std::end(kSchemaReaders),
                                         [&](const SchemaReader& candidate) { return candidate.version == *version; });
  if (schemaReader == std::end(kSchemaReaders)) {
    problem = QStringLiteral("the file is damaged (unknown schema version %1)").arg(*version);
    return std::nullopt;
  }

  reader.forEachRow("PRAGMA quick_check(1)", [&](sqlite3_stmt* statement) {
    const auto* result = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    if (result && std::strcmp(result, "ok") == 0) return false;
    QString finding = QString::fromUtf8(result ? result : "no result");
    finding.remove(QStringLiteral("*** in database main ***")).replace(QLatin1Char('\n'), QLatin1Char(' '));
    return reader.fail(QStringLiteral("the file is damaged (%1)").arg(finding.trimmed()));
  });
  if (!reader.problem().isEmpty()) return failed();

  Project project;
  if (!schemaReader->read(reader, project)) return failed();
  problem = ProjectStore::firstProblem(project);
  if (!problem.isEmpty()) return std::nullopt;
  return project;
}

/// The first value of the phases that keeps them from being stored; empty when there is none.
QString phasesProblem(const std::vector<Phase>& phases) {
  if (phases.size() > ProjectStore::kMaxPhases)
    return QStringLiteral("phase: %1 phases; a project holds at most %2")
        .arg(formatCount(static_cast<qint64>(phases.size())), formatCount(ProjectStore::kMaxPhases));
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const Phase& phase = phases[i];
    const QString where = QStringLiteral("phase %1, ").arg(i);
    if (phase.name.isEmpty()) return where + QStringLiteral("name: empty");
    if (phase.name.size() > ProjectStore::kMaxPhaseNameChars)
      return where + QStringLiteral("name: %1 characters; a phase name has at most %2")
                         .arg(phase.name.size())
                         .arg(ProjectStore::kMaxPhaseNameChars);
    // Only dates that yyyy-MM-dd can hold (years 1 to 9999) survive the file.
    if (!phase.start.isValid() || !parseIsoDate(isoDate(phase.start)).isValid())
      return where + QStringLiteral("start_date: not a date from year 1 to 9999");
    if (i > 0 && phase.start < phases[i - 1].start)
      return where + QStringLiteral("start_date: %1 is before phase %2's %3 (phases are kept in date order)")
                         .arg(isoDate(phase.start))
                         .arg(i - 1)
                         .arg(isoDate(phases[i - 1].start));
    if (phase.systems.size() > ProjectStore::kMaxSystemsPerPhase)
      return QStringLiteral("phase_system: phase %1 adds %2 system types; a phase adds at most %3")
          .arg(i)
          .arg(phase.systems.size())
          .arg(ProjectStore::kMaxSystemsPerPhase);
    for (std::size_t seq = 0; seq < phase.systems.size(); ++seq) {
      const PhaseSystems& systems = phase.systems[seq];
      const QString row =
          QStringLiteral("phase_system %1, ").arg(phaseRowKey(static_cast<qint64>(i), QString::number(seq)));
      // Whether the id is in the catalog is for the scenario resolve to say, as for the scenario's own system type.
      if (systems.systemType.isEmpty()) return row + QStringLiteral("system_type: empty");
      if (!std::isfinite(systems.gpus))
        return row + QStringLiteral("gpus: %1 is not a finite number").arg(formatNumber(systems.gpus));
      if (systems.gpus <= 0.0) return row + QStringLiteral("gpus: %1 is not above 0").arg(formatNumber(systems.gpus));
      if (systems.gpus > ProjectStore::kMaxPhaseGpus)
        return row +
               QStringLiteral("gpus: %1 is above %2")
                   .arg(formatNumber(systems.gpus), formatCount(static_cast<qint64>(ProjectStore::kMaxPhaseGpus)));
    }
    for (auto it = phase.inputs.begin(); it != phase.inputs.end(); ++it) {
      const InputSpec& spec = inputSpec(it.key());
      const QString row = QStringLiteral("phase_input %1, value: ")
                              .arg(phaseRowKey(static_cast<qint64>(i), QString::fromLatin1(spec.path)));
      const double value = it.value();
      if (!std::isfinite(value)) return row + QStringLiteral("%1 is not a finite number").arg(formatNumber(value));
      if (value < spec.minimum || value > spec.maximum)
        return row + QStringLiteral("%1 %2 is out of range [%3, %4]")
                         .arg(formatNumber(value), QString::fromLatin1(spec.unit), formatNumber(spec.minimum),
                              formatNumber(spec.maximum));
      if (spec.kind != InputKind::Real && value != std::floor(value))
        return row + QStringLiteral("%1 is not a whole number").arg(formatNumber(value));
    }
  }
  return {};
}

/// The first problem of the project's tenants, named by table, row and field as in the file: "tenant 1, gpus:
/// must be from 1 to 10,000,000"; empty when there is none. The values are TenantPlan's to judge.
QString tenantsProblem(const std::vector<Tenant>& tenants) {
  if (tenants.size() > static_cast<std::size_t>(ProjectStore::kMaxTenants))
    return QStringLiteral("tenant: %1 tenants; a project holds at most %2")
        .arg(tenants.size())
        .arg(ProjectStore::kMaxTenants);
  if (const auto t = tenantWithoutIsolation(tenants))
    return QStringLiteral("tenant %1, isolation: ").arg(*t) + isolationValueProblem(tenants[*t]);
  const ScenarioErrors errors = TenantPlan::check(tenants);
  if (errors.isEmpty()) return {};
  const ScenarioError& first = errors.first();
  // TenantPlan names fields as scenario documents do ("tenants[1].priceUsdPerGpuHour"); the file has columns.
  static const QRegularExpression field(QStringLiteral("^tenants\\[(\\d+)\\]\\.(\\w+)$"));
  const QRegularExpressionMatch match = field.match(first.field);
  if (!match.hasMatch()) return QStringLiteral("tenant: ") + first.text();
  static const QHash<QString, QString> columns = {
      {QStringLiteral("system"), QStringLiteral("system_type")},
      {QStringLiteral("priceUsdPerGpuHour"), QStringLiteral("price_usd_per_gpu_hour")}};
  const QString key = match.captured(2);
  return QStringLiteral("tenant %1, %2: %3").arg(match.captured(1), columns.value(key, key), first.message);
}

QString nativeName(const QString& path) {
  return QDir::toNativeSeparators(path);
}

}  // namespace

// ---------------------------------------------------------------------------------------------

QString ProjectStore::firstProblem(const Project& project) {
  const Scenario& scenario = project.scenario;
  if (scenario.systemType.isEmpty()) return QStringLiteral("scenario_choice system.type: empty");
  if (scenario.switchModel.isEmpty()) return QStringLiteral("scenario_choice network.switch: empty");
  for (auto it = scenario.values.begin(); it != scenario.values.end(); ++it) {
    const InputSpec& spec = inputSpec(it.key());
    const QString where = QStringLiteral("scenario_input %1: ").arg(QString::fromLatin1(spec.path));
    if (!std::isfinite(it.value()))
      return where + QStringLiteral("%1 is not a finite number").arg(formatNumber(it.value()));
    const QStringList choices = choiceNames(it.key());
    if (spec.kind == InputKind::Choice &&
        (it.value() != std::floor(it.value()) || it.value() < 0 || it.value() >= choices.size()))
      return where + QStringLiteral("%1 is not a choice index (0 to %2: %3)")
                         .arg(formatNumber(it.value()))
                         .arg(choices.size() - 1)
                         .arg(choices.join(QStringLiteral(", ")));
  }

  const SiteLayout& layout = project.layout;
  for (const TemplateCountField& field : kTemplateCounts) {
    const int value = layout.hallTemplate.*field.member;
    if (value < 1 || value > field.maximum)
      return QStringLiteral("hall_template %1: %2 is not from 1 to %3")
          .arg(QString::fromLatin1(field.key))
          .arg(value)
          .arg(formatCount(field.maximum));
  }
  for (const TemplateRealField& field : kTemplateReals) {
    const QString problem = measureProblem(layout.hallTemplate.*field.member, field.measure);
    if (!problem.isEmpty()) return QStringLiteral("hall_template %1: %2").arg(QString::fromLatin1(field.key), problem);
  }

  if (layout.systemTypes.size() > kMaxSystemTypes)
    return QStringLiteral("system_type: %1 system types; a project holds at most %2")
        .arg(layout.systemTypes.size())
        .arg(kMaxSystemTypes);
  for (int i = 0; i < layout.systemTypes.size(); ++i)
    if (layout.systemTypes[i].isEmpty()) return QStringLiteral("system_type %1, id: empty").arg(i);

  auto tooMany = [](const char* table, std::size_t count, int limit, const char* whatPlural) {
    return QStringLiteral("%1: %2 %3; a project holds at most %4")
        .arg(QString::fromLatin1(table), formatCount(static_cast<qint64>(count)), QString::fromLatin1(whatPlural),
             formatCount(limit));
  };
  if (layout.buildings.size() > kMaxBuildings)
    return tooMany("building", layout.buildings.size(), kMaxBuildings, "buildings");
  if (layout.halls.size() > kMaxHalls) return tooMany("hall", layout.halls.size(), kMaxHalls, "halls");
  if (layout.rows.size() > kMaxRows) return tooMany("layout_row", layout.rows.size(), kMaxRows, "rows");
  if (layout.racks.size() > kMaxRacks) return tooMany("rack", layout.racks.size(), kMaxRacks, "racks");

  auto fieldProblem = [](const char* table, std::size_t index, const char* field, double value, Measure measure) {
    const QString problem = measureProblem(value, measure);
    if (problem.isEmpty()) return problem;
    return QStringLiteral("%1 %2, %3: %4")
        .arg(QString::fromLatin1(table))
        .arg(index)
        .arg(QString::fromLatin1(field), problem);
  };
  for (std::size_t i = 0; i < layout.buildings.size(); ++i) {
    const Building& b = layout.buildings[i];
    for (const QString& problem : {fieldProblem("building", i, "x_m", b.xM, Measure::Coordinate),
                                   fieldProblem("building", i, "y_m", b.yM, Measure::Coordinate),
                                   fieldProblem("building", i, "width_m", b.widthM, Measure::Size),
                                   fieldProblem("building", i, "depth_m", b.depthM, Measure::Size)})
      if (!problem.isEmpty()) return problem;
  }
  for (std::size_t i = 0; i < layout.halls.size(); ++i) {
    const Hall& h = layout.halls[i];
    if (h.building < 0 || static_cast<std::size_t>(h.building) >= layout.buildings.size())
      return QStringLiteral("hall %1, building: %2 is not a building (the project has %3)")
          .arg(i)
          .arg(h.building)
          .arg(layout.buildings.size());
    for (const QString& problem :
         {fieldProblem("hall", i, "x_m", h.xM, Measure::Coordinate),
          fieldProblem("hall", i, "y_m", h.yM, Measure::Coordinate),
          fieldProblem("hall", i, "width_m", h.widthM, Measure::Size),
          fieldProblem("hall", i, "depth_m", h.depthM, Measure::Size),
          fieldProblem("hall", i, "power_limit_mw", h.powerLimitMw, Measure::Capacity),
          fieldProblem("hall", i, "cooling_limit_mw", h.coolingLimitMw, Measure::Capacity),
          fieldProblem("hall", i, "floor_load_limit_kg_m2", h.floorLoadLimitKgM2, Measure::Capacity)})
      if (!problem.isEmpty()) return problem;
  }
  for (std::size_t i = 0; i < layout.rows.size(); ++i) {
    const Row& r = layout.rows[i];
    if (r.hall < 0 || static_cast<std::size_t>(r.hall) >= layout.halls.size())
      return QStringLiteral("layout_row %1, hall: %2 is not a hall (the project has %3)")
          .arg(i)
          .arg(r.hall)
          .arg(layout.halls.size());
    if (r.slotCount < 1 || r.slotCount > kMaxSlotsPerRow)
      return QStringLiteral("layout_row %1, slots: %2 is not from 1 to %3")
          .arg(i)
          .arg(r.slotCount)
          .arg(kMaxSlotsPerRow);
    for (const QString& problem : {fieldProblem("layout_row", i, "x_m", r.xM, Measure::Coordinate),
                                   fieldProblem("layout_row", i, "y_m", r.yM, Measure::Coordinate)})
      if (!problem.isEmpty()) return problem;
  }

  if (layout.nextRackId < 1) return QStringLiteral("meta next_rack_id: 0 is not a rack id (ids start at 1)");
  std::vector<std::uint32_t> ids;
  ids.reserve(layout.racks.size());
  for (const Rack& r : layout.racks) {
    const auto where = [&r] { return QStringLiteral("rack id %1, ").arg(r.id); };
    if (r.id < 1) return where() + QStringLiteral("id: 0 is not a rack id (ids start at 1)");
    if (r.id >= layout.nextRackId)
      return where() + QStringLiteral("id: not below meta next_rack_id %1").arg(layout.nextRackId);
    if (r.row < 0 || static_cast<std::size_t>(r.row) >= layout.rows.size())
      return where() +
             QStringLiteral("row: %1 is not a layout_row (the project has %2)").arg(r.row).arg(layout.rows.size());
    const int slotsInRow = layout.rows[static_cast<std::size_t>(r.row)].slotCount;
    if (r.slot < 0 || r.slot >= slotsInRow)
      return where() + QStringLiteral("slot: %1 is outside its row's %2 slots (0 to %3)")
                           .arg(r.slot)
                           .arg(slotsInRow)
                           .arg(slotsInRow - 1);
    if (static_cast<int>(r.role) > static_cast<int>(RackRole::Cdu))
      return where() + QStringLiteral("role: %1 is not a rack role (0 to %2)")
                           .arg(static_cast<int>(r.role))
                           .arg(static_cast<int>(RackRole::Cdu));
    // Network and CDU racks hold no system and may carry 0 even in a layout without system types.
    const bool noSystem = r.role != RackRole::Compute && r.system == 0;
    if (r.system >= layout.systemTypes.size() && !noSystem)
      return where() + QStringLiteral("system: %1 is not a system_type (the project has %2)")
                           .arg(r.system)
                           .arg(layout.systemTypes.size());
    if (r.tenant > project.tenants.size())
      return where() + QStringLiteral("tenant: ") + tenantMarkProblem(r.tenant, project.tenants.size());
    for (const auto& [field, value] : {std::pair{"power_kw", r.powerKw}, std::pair{"mass_kg", r.massKg}}) {
      const QString problem = measureProblem(value, Measure::Capacity);
      if (!problem.isEmpty()) return where() + QString::fromLatin1(field) + QStringLiteral(": ") + problem;
    }
    ids.push_back(r.id);
  }
  std::sort(ids.begin(), ids.end());
  const auto repeated = std::adjacent_find(ids.begin(), ids.end());
  if (repeated != ids.end()) return QStringLiteral("rack id %1 appears twice").arg(*repeated);
  if (const QString problem = phasesProblem(project.phases); !problem.isEmpty()) return problem;
  if (const QString problem = tenantsProblem(project.tenants); !problem.isEmpty()) return problem;
  return variantsProblem(project.variants);
}

bool ProjectStore::save(const Project& project, const QString& path, QString* error) {
  auto fail = [&](const QString& problem) {
    if (error) *error = QStringLiteral("Cannot save project %1: %2").arg(nativeName(path), problem);
    return false;
  };
  try {
    if (path.isEmpty()) return fail(QStringLiteral("no file name given"));
    const QString problem = firstProblem(project);
    if (!problem.isEmpty()) return fail(problem);
    // Saving through a symbolic link replaces the file it points to and keeps the link.
    const QFileInfo requested(path);
    const QFileInfo target(requested.isSymLink() ? requested.symLinkTarget() : path);
    const QDir folder = target.absoluteDir();
    if (!folder.exists())
      return fail(QStringLiteral("the folder %1 does not exist").arg(nativeName(folder.absolutePath())));
    if (target.isDir()) return fail(QStringLiteral("it is a folder"));

    removeAbandonedTemporaryFiles(folder, target.fileName());
    static std::atomic<int> saveCount{0};
    const QString temporaryName =
        temporaryPrefix(target.fileName()) + QStringLiteral("%1-%2").arg(::getpid()).arg(saveCount++);
    const QByteArray temporary = QFile::encodeName(folder.filePath(temporaryName));
    // Never build on a stale file of the same name: SQLite would open it instead of starting afresh.
    ::unlink(temporary.constData());
    QString writeProblem = writeDatabase(project, temporary);
    if (writeProblem.isEmpty())
      writeProblem = replaceTarget(temporary, QFile::encodeName(target.absoluteFilePath()),
                                   QFile::encodeName(folder.absolutePath()));
    if (!writeProblem.isEmpty()) {
      ::unlink(temporary.constData());
      return fail(writeProblem);
    }
    return true;
  } catch (const std::bad_alloc&) {
    return fail(QStringLiteral("not enough memory"));
  } catch (const std::exception& exception) {
    return fail(QString::fromLocal8Bit(exception.what()));
  }
}

std::optional<Project> ProjectStore::open(const QString& path, QString* error) {
  QString problem = QStringLiteral("no file name given");
  try {
    std::optional<Project> project = path.isEmpty() ? std::nullopt : readProjectFile(path, problem);
    if (project) return project;
  } catch (const std::bad_alloc&) {
    problem = QStringLiteral("not enough memory to read it");
  } catch (const std::exception& exception) {
    problem = QString::fromLocal8Bit(exception.what());
  }
  if (error) *error = QStringLiteral("Cannot open project %1: %2").arg(nativeName(path), problem);
  return std::nullopt;
}

}  // namespace gigaplan
