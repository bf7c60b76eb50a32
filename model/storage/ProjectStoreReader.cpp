#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonValue>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <new>
#include <vector>

#include "files/FileProblem.h"
#include "plan/TenantPlan.h"
#include "storage/ProjectStore.h"
#include "storage/ProjectStoreSchema.h"
#include "storage/SqliteDatabase.h"

// Opening a project file without trusting a byte of it: its header checked before SQLite sees it, the database
// opened read-only, and every table read value by value, each value's type and range checked before it is
// converted. What the values mean together is checked in ProjectFileValidation.cpp.

namespace gigaplan::storage {

namespace {

constexpr char kSqliteMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
constexpr int kSqliteHeaderBytes = 100;
/// Versions grow by one per format change; a number beyond this is a damaged header, not a future program.
constexpr int kMaxPlausibleSchemaVersion = 1'000;

/// Every isolation by the name the file gives it, for messages: "shared-fabric, own-leaves, ...".
QString isolationNames() {
  QStringList names;
  for (int i = 0; i <= static_cast<int>(TenantIsolation::OwnPlane); ++i)
    names.append(TenantPlan::isolationName(static_cast<TenantIsolation>(i)));
  return names.join(QStringLiteral(", "));
}

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
      return row.fail(2, QStringLiteral("%1 characters; a variant is at most %2")
                             .arg(document.size())
                             .arg(ProjectStore::kMaxVariantDocumentBytes));
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

/// Schema 5 adds the locked halls: each names a hall of the floor once.
bool readSchemaVersion5(DatabaseReader& reader, Project& project) {
  if (!readSchemaVersion4(reader, project) || !reader.requireTables({"hall_lock"})) return false;
  std::vector<Hall>& halls = project.layout.halls;
  reader.forEachRow("SELECT hall FROM hall_lock ORDER BY hall", [&](sqlite3_stmt* s) {
    RowReader row(s, "hall_lock", reader.problem());
    qint64 hall = 0;
    if (!row.integer(0, hall)) return false;
    row.setKey(hall);
    if (hall < 0 || hall >= static_cast<qint64>(halls.size()))
      return row.fail(0, QStringLiteral("%1 is not a hall of the floor").arg(hall));
    halls[static_cast<std::size_t>(hall)].locked = true;
    return true;
  });
  return reader.problem().isEmpty();
}

/// Schema 6 adds the hand edits a re-lay could not keep, each a line of words.
bool readSchemaVersion6(DatabaseReader& reader, Project& project) {
  if (!readSchemaVersion5(reader, project) || !reader.requireTables({"dropped_edit"})) return false;
  const auto count = reader.countRows("dropped_edit", kMaxDroppedEdits, "dropped hand edits");
  if (!count) return false;
  QStringList& dropped = project.layout.droppedEdits;
  // The length is checked in SQL, before a hostile cell is loaded.
  reader.forEachRow("SELECT seq, length(CAST(text AS BLOB)) AS text, text FROM dropped_edit ORDER BY seq",
                    [&](sqlite3_stmt* s) {
                      RowReader row(s, "dropped_edit", reader.problem());
                      qint64 seq = 0;
                      qint64 bytes = 0;
                      QString text;
                      if (!row.integer(0, seq) || !row.integer(1, bytes)) return false;
                      row.setKey(seq);
                      if (bytes > kMaxDroppedEditChars * 4)
                        return row.fail(2, QStringLiteral("longer than %1 characters").arg(kMaxDroppedEditChars));
                      if (!row.text(2, text)) return false;
                      dropped.append(text);
                      return true;
                    });
  return reader.problem().isEmpty();
}

/// One reader per schema version a file may have. A new version adds its reader here and keeps the old ones, so
/// that files of every earlier version still open (each reader fills what its version lacks with defaults).
struct SchemaReader {
  int version;
  bool (*read)(DatabaseReader&, Project&);
};
constexpr SchemaReader kSchemaReaders[] = {{1, &readSchemaVersion1}, {2, &readSchemaVersion2},
                                           {3, &readSchemaVersion3}, {4, &readSchemaVersion4},
                                           {5, &readSchemaVersion5}, {6, &readSchemaVersion6}};

/// Before schema 5 a compute rack's units were 1 for a whole rack: it holds its system's full
/// nodes per rack, as the scenario resolves them for that system.
void fillWholeComputeRacks(Project& project) {
  std::vector<std::uint8_t> nodesPerRack;
  for (const QString& systemType : project.layout.systemTypes) {
    Scenario scenario = project.scenario;
    scenario.systemType = systemType;
    ScenarioErrors errors;
    const auto resolved = scenario.resolve(HardwareCatalog::bundled(), errors);
    const double nodes = resolved ? valueOf(resolved->values, InputId::systemNodesPerRack) : 1.0;
    nodesPerRack.push_back(static_cast<std::uint8_t>(std::clamp(nodes, 1.0, 255.0)));
  }
  for (Rack& rack : project.layout.racks)
    if (rack.role == RackRole::Compute && rack.units == 1 && rack.system < nodesPerRack.size())
      rack.units = nodesPerRack[rack.system];
}

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

std::optional<Project> readProjectFile(const QString& path, QString& problem);

/// Copies `from` to `to`, checking every byte; empty on success.
QString copyFile(const QString& from, const QString& to) {
  QFile source(from);
  QFile copy(to);
  if (!source.open(QIODevice::ReadOnly)) return fileProblem("cannot read", from, errno);
  if (!copy.open(QIODevice::WriteOnly)) return fileProblem("cannot copy it to", to, errno);
  while (!source.atEnd()) {
    const QByteArray block = source.read(1 << 20);
    if (block.isEmpty() || copy.write(block) != block.size())
      return QStringLiteral("cannot copy %1 to read it").arg(nativeName(from));
  }
  return copy.flush() ? QString() : QStringLiteral("cannot copy %1 to read it").arg(nativeName(from));
}

/// A project that another SQLite program left with changes in a write-ahead log or a hot rollback journal beside it
/// is read as that program would see it: file and log are copied to a private folder, SQLite replays the log into
/// the copy (or rolls the journal back), and the copy is read. The files on disk are not touched.
std::optional<Project> readThroughCompanion(const QString& path, const QString& companion, QString& problem) {
  const QTemporaryDir folder;
  if (!folder.isValid()) {
    problem = QStringLiteral("cannot make a private folder to read it with its %1 file").arg(companion);
    return std::nullopt;
  }
  const QString copy = folder.filePath(QStringLiteral("project.gigaplan"));
  problem = copyFile(path, copy);
  if (!problem.isEmpty()) return std::nullopt;
  problem = copyFile(path + companion, copy + companion);
  // Gone since it was seen: the other program finished with it, and the file alone is current.
  if (!problem.isEmpty() && !QFileInfo::exists(path + companion)) return readProjectFile(path, problem);
  if (!problem.isEmpty()) return std::nullopt;
  {
    sqlite3* handle = nullptr;
    const int openCode = sqlite3_open_v2(QFile::encodeName(copy).constData(), &handle,
                                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    const Database db(handle);
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(db.get(), SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    const int code = openCode != SQLITE_OK
                         ? openCode
                         : sqlite3_exec(db.get(),
                                        "SELECT count(*) FROM sqlite_schema; PRAGMA wal_checkpoint(TRUNCATE); "
                                        "PRAGMA journal_mode = DELETE",
                                        nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) {
      problem =
          QStringLiteral("its %1 file beside it cannot be applied (%2)").arg(companion, sqliteProblem(db.get(), code));
      return std::nullopt;
    }
  }
  return readProjectFile(copy, problem);
}

std::optional<Project> readProjectFile(const QString& path, QString& problem) {
  const QByteArray nativePath = QFile::encodeName(QFileInfo(path).absoluteFilePath());
  problem = checkFileHeader(nativePath);
  if (!problem.isEmpty()) return std::nullopt;
  QString companionProblem;
  const QString companion = liveSqliteCompanion(path, &companionProblem);
  if (!companionProblem.isEmpty()) {
    problem = companionProblem;
    return std::nullopt;
  }
  if (!companion.isEmpty()) return readThroughCompanion(path, companion, problem);

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
  if (*version < 5) fillWholeComputeRacks(project);
  problem = ProjectStore::firstProblem(project);
  if (!problem.isEmpty()) return std::nullopt;
  return project;
}

}  // namespace

QString liveSqliteCompanion(const QString& path, QString* problem) {
  // The magic numbers of SQLite's file format: a WAL header is 32 bytes, frames follow it.
  const auto live = [&](const QString& file, std::initializer_list<QByteArray> magics, qint64 moreThan) {
    struct stat info {};
    if (::stat(QFile::encodeName(file).constData(), &info) != 0 || info.st_size <= moreThan) return false;
    QFile companion(file);
    if (!companion.open(QIODevice::ReadOnly)) {
      if (problem && problem->isEmpty())
        *problem = QStringLiteral("%1 beside it cannot be read (%2): it may hold changes another SQLite program made")
                       .arg(nativeName(file), fileProblemText(errno));
      return false;
    }
    const QByteArray head = companion.read(8);
    return std::any_of(magics.begin(), magics.end(), [&](const QByteArray& magic) { return head.startsWith(magic); });
  };
  if (live(path + QStringLiteral("-wal"), {QByteArray::fromHex("377f0682"), QByteArray::fromHex("377f0683")}, 32))
    return QStringLiteral("-wal");
  if (live(path + QStringLiteral("-journal"), {QByteArray::fromHex("d9d505f920a163d7")}, 0))
    return QStringLiteral("-journal");
  return {};
}

SqliteWriteLock::SqliteWriteLock(const QString& path, QString& problem) {
  const QByteArray native = QFile::encodeName(path);
  struct stat info {};
  if (::stat(native.constData(), &info) != 0) return;
  if (sqlite3_open_v2(native.constData(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    // A file SQLite cannot open for writing is no SQLite program's to change either.
    sqlite3_close(db_);
    db_ = nullptr;
    return;
  }
  sqlite3_busy_timeout(db_, 10'000);
  const int code = sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr);
  if (code == SQLITE_OK) return;
  // Busy: another program writes it. Anything else (not a database at all) leaves no SQLite writer to keep out.
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    problem = QStringLiteral("another SQLite program kept it locked for 10 s; nothing saved");
  sqlite3_close(db_);
  db_ = nullptr;
}

SqliteWriteLock::~SqliteWriteLock() {
  if (!db_) return;
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db_);
}

}  // namespace gigaplan::storage

namespace gigaplan {

bool ProjectStore::isProjectFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return false;
  const QByteArray header = file.read(storage::kSqliteHeaderBytes);
  return header.size() == storage::kSqliteHeaderBytes && header.startsWith(QByteArray("SQLite format 3\0", 16)) &&
         header.mid(68, 4) == QByteArray("GPLN");
}

bool ProjectStore::isMeantAsProject(const QString& path) {
  const QFileInfo info(path);
  if (!info.isFile()) return false;
  if (info.suffix().compare(QLatin1String("gigaplan"), Qt::CaseInsensitive) == 0) return true;
  QFile file(path);
  return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3\0", 16);
}

std::optional<Project> ProjectStore::open(const QString& path, QString* error, FileStamp* stamp) {
  QString problem = QStringLiteral("no file name given");
  try {
    // Stamped reads wait for a save in progress, so that the stamp is of the file read.
    std::optional<FileLock> lock;
    if (stamp && !path.isEmpty()) {
      lock = FileLock::acquire(path, kLockTimeoutMs, &problem);
      if (!lock) {
        if (error) *error = QStringLiteral("Cannot open project: %1").arg(problem);
        return std::nullopt;
      }
    }
    std::optional<Project> project;
    if (!stamp || path.isEmpty()) {
      project = path.isEmpty() ? std::nullopt : storage::readProjectFile(path, problem);
    } else {
      // Another SQLite program may commit while the file is read: the stamp is the file read only
      // when it is the same before and after the reading, else the file is read again.
      for (int attempt = 0; attempt < 20 && !project; ++attempt) {
        const auto before = FileStamp::of(path, &problem);
        if (!before) break;
        project = storage::readProjectFile(path, problem);
        const auto after = FileStamp::of(path, &problem);
        if (!project || !after) break;
        if (before->sameFileAs(*after)) {
          *stamp = *before;
        } else {
          project.reset();
          problem = QStringLiteral("another program kept changing it while it was read");
        }
      }
    }
    if (project) return project;
  } catch (const std::bad_alloc&) {
    problem = QStringLiteral("not enough memory to read it");
  } catch (const std::exception& exception) {
    problem = QString::fromLocal8Bit(exception.what());
  }
  if (error) *error = QStringLiteral("Cannot open project %1: %2").arg(storage::nativeName(path), problem);
  return std::nullopt;
}

}  // namespace gigaplan
