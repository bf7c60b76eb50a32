// Project files: every field survives a save and an open, saves replace files whole, and every kind of broken
// file is refused with a message that names the problem while the file stays exactly as it was.
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <functional>

#include "plan/PresetLibrary.h"
#include "plan/ProjectEvaluation.h"
#include "storage/ProjectStore.h"

using namespace gigaplan;

// A new field in these structs must be saved, read and compared here: the sizes make the compiler say so.
static_assert(sizeof(Rack) == 28, "Rack changed: store the new field in ProjectStore and compare it in this test");
static_assert(sizeof(Row) == 32, "Row changed: store the new field in ProjectStore and compare it in this test");
static_assert(sizeof(HallTemplate) == 112, "HallTemplate changed: store the new field in ProjectStore");
static_assert(sizeof(Hall) == 96, "Hall changed: store the new field in ProjectStore and compare it in this test");
static_assert(sizeof(Building) == 56, "Building changed: store the new field in ProjectStore");
static_assert(sizeof(Phase) == 64, "Phase changed: store the new field in ProjectStore and compare it in this test");
static_assert(sizeof(PhaseSystems) == 32, "PhaseSystems changed: store the new field in ProjectStore");
static_assert(sizeof(Tenant) == 80, "Tenant changed: store the new field in ProjectStore and compare it in this test");

namespace {

/// Three phases: two system types in one, inputs of every kind (real, count, choice) set again by a later phase,
/// and two phases on the same day.
std::vector<Phase> samplePhases() {
  Phase first{QStringLiteral("Phase 1 — Halle A"), QDate(2026, 3, 1), {{QStringLiteral("gb200-nvl72"), 36'864.0}}, {}};
  first.inputs.insert(InputId::costElectricityUsdPerKwh, 0.0712345678901234);
  Phase second{QStringLiteral("Expansion: H100 beside GB200"),
               QDate(2027, 1, 15),
               {{QStringLiteral("gb200-nvl72"), 72'000.0}, {QStringLiteral("hgx-h100"), 16'384.0}},
               {}};
  second.inputs.insert(InputId::networkPlanes, 2.0);
  second.inputs.insert(InputId::electricalRedundancy, 2.0);
  second.inputs.insert(InputId::systemPriceUsdPerNode, 3.1e6);
  Phase third{QStringLiteral("Power upgrade"), QDate(2027, 1, 15), {{QStringLiteral("custom"), 1'234.5}}, {}};
  third.inputs.insert(InputId::costElectricityUsdPerKwh, 0.0655);
  return {first, second, third};
}

/// A project from a preset with a layout that uses every field: several buildings and halls, rows of two lengths,
/// racks of every role, system, phase and unit count, ids with gaps and racks out of id order.
Project sampleProject(int rackCount) {
  ScenarioErrors errors;
  std::optional<Scenario> scenario = PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors);
  if (!scenario) qFatal("preset gb200-nvl72-1m does not load");
  Project project{*scenario, {}, samplePhases(), {}, {}};
  Scenario& s = project.scenario;
  s.name = QStringLiteral("Campus Süd — 250k ✓");
  s.description = QStringLiteral("Two phases,\nthree system types; quotes ' \" and a tab\t.");
  const bool settingsApply =
      s.set(QStringLiteral("cluster.gpus"), QJsonValue(250000), errors) &&
      s.set(QStringLiteral("electrical.redundancy"), QJsonValue(QStringLiteral("2N")), errors) &&
      s.set(QStringLiteral("network.oversubscriptionTier1"), QJsonValue(1.5), errors) &&
      s.set(QStringLiteral("cost.electricityUsdPerKwh"), QJsonValue(0.0712345678901234), errors) &&
      s.set(QStringLiteral("optics.multimode.module"), QJsonValue(QStringLiteral("osfp-400g-sr4")), errors) &&
      s.set(QStringLiteral("optics.singlemodeDr.module"), QJsonValue(QStringLiteral("osfp-400g-dr4")), errors);
  if (!settingsApply) qFatal("sample settings do not apply: %s", qPrintable(errors.value(0).text()));

  SiteLayout& layout = project.layout;
  HallTemplate& shape = layout.hallTemplate;
  shape.rowsPerHall = 20;
  shape.slotsPerRow = 42;
  shape.rackWidthM = 0.6;
  shape.rackDepthM = 1.27;
  shape.coldAisleM = 1.8;
  shape.hotAisleM = 1.5;
  shape.wallClearanceM = 2.5;
  shape.hallPowerLimitMw = 36.5;
  shape.hallCoolingLimitMw = 38.25;
  shape.floorLoadLimitKgM2 = 1650.0;
  shape.hallsPerBuilding = 3;
  shape.electricalRoomDepthM = 11.0;
  shape.buildingGapM = 27.5;
  shape.cableRiseM = 3.75;
  shape.cableSlackFraction = 0.125;
  layout.systemTypes = {QStringLiteral("gb200-nvl72"), QStringLiteral("hgx-h100"), QStringLiteral("custom")};
  layout.droppedEdits = {QStringLiteral("Hall 9 row 3 removed"), QStringLiteral("rack at Hall 2 row 1 slot 4 moved ✓")};

  const int rows = (rackCount + shape.slotsPerRow - 2) / (shape.slotsPerRow - 1);  // most rows are one slot short
  const int halls = (rows + shape.rowsPerHall - 1) / shape.rowsPerHall;
  const int buildings = (halls + shape.hallsPerBuilding - 1) / shape.hallsPerBuilding;
  for (int b = 0; b < buildings; ++b)
    layout.buildings.push_back({QStringLiteral("Gebäude %1").arg(b), -150.0 + 110.25 * b, 12.5, 95.5, 240.0 + b});
  for (int h = 0; h < halls; ++h)
    layout.halls.push_back({h / shape.hallsPerBuilding, QStringLiteral("Hall %1").arg(h), -140.0 + 110.25 * h, 20.0,
                            40.2 + h * 0.01, 60.0, 36.5 - h * 0.5, 38.0 + h, 1500.0 + h, h % 3 == 1});
  for (int r = 0; r < rows; ++r)
    layout.rows.push_back(Row{r / shape.rowsPerHall, 2.5, 3.0 + 2.92 * (r % shape.rowsPerHall),
                              r % 5 == 4 ? shape.slotsPerRow : shape.slotsPerRow - 1});
  std::uint32_t id = 1000;
  for (int r = 0; r < rows && static_cast<int>(layout.racks.size()) < rackCount; ++r) {
    for (int slot = 0; slot < layout.rows[r].slotCount && static_cast<int>(layout.racks.size()) < rackCount; ++slot) {
      Rack rack;
      id += 1 + static_cast<std::uint32_t>(slot % 3);
      rack.id = id;
      rack.row = r;
      rack.slot = slot;
      rack.role = static_cast<RackRole>((slot * 7 + r) % 5);
      rack.system = static_cast<std::uint8_t>(rack.role == RackRole::Compute ? (slot + r) % 3 : 0);
      rack.phase = static_cast<std::uint8_t>(r % project.phases.size());
      rack.units = static_cast<std::uint8_t>(rack.role == RackRole::Compute ? 1 + slot % 18 : 8 + slot % 9);
      rack.powerKw = 1.0f / 3.0f + 131.7f * static_cast<float>(slot % 11);
      rack.massKg = 700.123f + 17.0f * static_cast<float>(r % 13);
      layout.racks.push_back(rack);
    }
  }
  // Editing leaves racks out of id order; the file keeps the order.
  std::reverse(layout.racks.begin() + layout.racks.size() / 3, layout.racks.begin() + layout.racks.size() / 2);
  layout.nextRackId = id + 17;
  return project;
}

/// Tenants of every isolation, with and without a system type, a price and the operator's own share.
std::vector<Tenant> sampleTenants() {
  return {{QStringLiteral("Lab Nord — ✓"), QStringLiteral("gb200-nvl72"), 36'864.0, TenantIsolation::OwnHalls, 2.75,
           0.8512345678901234},
          {QStringLiteral("Lab \"B\"'s share"), {}, 8'192.5, TenantIsolation::SharedFabric, 3.1, 0.9},
          {QStringLiteral("Research"), QStringLiteral("hgx-h100"), 4'096.0, TenantIsolation::OwnLeaves, 0.0, 1.0},
          {QStringLiteral("Sovereign"), {}, 1.0, TenantIsolation::OwnPlane, 1000.0, 1e-9}};
}

/// Marks some racks of every role for each tenant and leaves the others with none.
void markRacks(Project& project) {
  for (std::size_t i = 0; i < project.layout.racks.size(); ++i)
    project.layout.racks[i].tenant = static_cast<std::uint8_t>(i % 7 < 3 ? 0 : 1 + i % project.tenants.size());
}

/// Two tenants written into a saved file, as damage tests start from.
constexpr char kTwoTenantRows[] =
    "INSERT INTO tenant VALUES (0, 'Lab A', 'gb200-nvl72', 36864, 'own-halls', 2.75, 0.85), "
    "(1, 'Lab B', '', 8192, 'shared-fabric', 3.1, 0.9);";

QByteArray fileBytes(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll();
}

QByteArray sha256(const QString& path) {
  return QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256);
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// Changes a saved file behind the store's back, as another program or a damaged disk would.
void executeSql(const QString& path, const QByteArray& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK)
    qFatal("cannot open %s", qPrintable(path));
  char* message = nullptr;
  if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) != SQLITE_OK)
    qFatal("%s fails: %s", sql.constData(), message);
  sqlite3_close(db);
}

QStringList folderEntries(const QString& folder) {
  return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

/// Files before schema 5 held whole compute racks as 1 unit: they open holding the full nodes per
/// rack of their system (18 for a GB200 NVL72 rack).
void asOpenedFromBeforeSchema5(Project& project) {
  project.layout.droppedEdits.clear();  // listed from schema 6 on
  for (Rack& rack : project.layout.racks) {
    if (rack.role != RackRole::Compute || rack.units != 1) continue;
    ScenarioErrors errors;
    // A custom system does not resolve without its system.* inputs: its racks keep one node.
    if (const auto full = rackOfSystem(project.scenario, project.layout.systemTypes[rack.system], errors))
      rack.units = static_cast<std::uint8_t>(full->nodes);
  }
}

void compareProjects(const Project& actual, const Project& expected) {
  const Scenario& a = actual.scenario;
  const Scenario& e = expected.scenario;
  QCOMPARE(a.name, e.name);
  QCOMPARE(a.description, e.description);
  QCOMPARE(a.systemType, e.systemType);
  QCOMPARE(a.switchModel, e.switchModel);
  for (std::size_t reach = 0; reach < e.opticModules.size(); ++reach)
    QCOMPARE(a.opticModules[reach], e.opticModules[reach]);
  QCOMPARE(a.values.keys(), e.values.keys());
  for (auto it = e.values.begin(); it != e.values.end(); ++it) QCOMPARE(a.values.value(it.key()), it.value());

  const SiteLayout& al = actual.layout;
  const SiteLayout& el = expected.layout;
  const HallTemplate& at = al.hallTemplate;
  const HallTemplate& et = el.hallTemplate;
  QCOMPARE(at.rowsPerHall, et.rowsPerHall);
  QCOMPARE(at.slotsPerRow, et.slotsPerRow);
  QCOMPARE(at.rackWidthM, et.rackWidthM);
  QCOMPARE(at.rackDepthM, et.rackDepthM);
  QCOMPARE(at.coldAisleM, et.coldAisleM);
  QCOMPARE(at.hotAisleM, et.hotAisleM);
  QCOMPARE(at.wallClearanceM, et.wallClearanceM);
  QCOMPARE(at.hallPowerLimitMw, et.hallPowerLimitMw);
  QCOMPARE(at.hallCoolingLimitMw, et.hallCoolingLimitMw);
  QCOMPARE(at.floorLoadLimitKgM2, et.floorLoadLimitKgM2);
  QCOMPARE(at.hallsPerBuilding, et.hallsPerBuilding);
  QCOMPARE(at.electricalRoomDepthM, et.electricalRoomDepthM);
  QCOMPARE(at.buildingGapM, et.buildingGapM);
  QCOMPARE(at.cableRiseM, et.cableRiseM);
  QCOMPARE(at.cableSlackFraction, et.cableSlackFraction);
  QCOMPARE(al.systemTypes, el.systemTypes);
  QCOMPARE(al.nextRackId, el.nextRackId);

  QCOMPARE(al.buildings.size(), el.buildings.size());
  for (std::size_t i = 0; i < el.buildings.size(); ++i) {
    QCOMPARE(al.buildings[i].name, el.buildings[i].name);
    QCOMPARE(al.buildings[i].xM, el.buildings[i].xM);
    QCOMPARE(al.buildings[i].yM, el.buildings[i].yM);
    QCOMPARE(al.buildings[i].widthM, el.buildings[i].widthM);
    QCOMPARE(al.buildings[i].depthM, el.buildings[i].depthM);
  }
  QCOMPARE(al.halls.size(), el.halls.size());
  for (std::size_t i = 0; i < el.halls.size(); ++i) {
    const Hall& ah = al.halls[i];
    const Hall& eh = el.halls[i];
    QCOMPARE(ah.building, eh.building);
    QCOMPARE(ah.name, eh.name);
    QCOMPARE(ah.xM, eh.xM);
    QCOMPARE(ah.yM, eh.yM);
    QCOMPARE(ah.widthM, eh.widthM);
    QCOMPARE(ah.depthM, eh.depthM);
    QCOMPARE(ah.powerLimitMw, eh.powerLimitMw);
    QCOMPARE(ah.coolingLimitMw, eh.coolingLimitMw);
    QCOMPARE(ah.floorLoadLimitKgM2, eh.floorLoadLimitKgM2);
    QCOMPARE(ah.locked, eh.locked);
  }
  QCOMPARE(al.droppedEdits, el.droppedEdits);
  QCOMPARE(al.rows.size(), el.rows.size());
  for (std::size_t i = 0; i < el.rows.size(); ++i) {
    QCOMPARE(al.rows[i].hall, el.rows[i].hall);
    QCOMPARE(al.rows[i].xM, el.rows[i].xM);
    QCOMPARE(al.rows[i].yM, el.rows[i].yM);
    QCOMPARE(al.rows[i].slotCount, el.rows[i].slotCount);
  }
  QCOMPARE(al.racks.size(), el.racks.size());
  for (std::size_t i = 0; i < el.racks.size(); ++i) {
    const Rack& ar = al.racks[i];
    const Rack& er = el.racks[i];
    QCOMPARE(ar.id, er.id);
    QCOMPARE(ar.row, er.row);
    QCOMPARE(ar.slot, er.slot);
    QCOMPARE(ar.role, er.role);
    QCOMPARE(ar.system, er.system);
    QCOMPARE(ar.phase, er.phase);
    QCOMPARE(ar.units, er.units);
    QCOMPARE(ar.tenant, er.tenant);
    QCOMPARE(ar.powerKw, er.powerKw);  // exact: a float survives a REAL column bit for bit
    QCOMPARE(ar.massKg, er.massKg);
  }

  QCOMPARE(actual.phases.size(), expected.phases.size());
  for (std::size_t i = 0; i < expected.phases.size(); ++i) {
    const Phase& ap = actual.phases[i];
    const Phase& ep = expected.phases[i];
    QCOMPARE(ap.name, ep.name);
    QCOMPARE(ap.start, ep.start);
    QCOMPARE(ap.systems.size(), ep.systems.size());
    for (std::size_t k = 0; k < ep.systems.size(); ++k) {
      QCOMPARE(ap.systems[k].systemType, ep.systems[k].systemType);
      QCOMPARE(ap.systems[k].gpus, ep.systems[k].gpus);
    }
    QCOMPARE(ap.inputs.keys(), ep.inputs.keys());
    for (auto it = ep.inputs.begin(); it != ep.inputs.end(); ++it) QCOMPARE(ap.inputs.value(it.key()), it.value());
    QVERIFY(ap == ep);  // and whatever a later field of Phase adds
  }

  QCOMPARE(actual.tenants.size(), expected.tenants.size());
  for (std::size_t i = 0; i < expected.tenants.size(); ++i) {
    const Tenant& at = actual.tenants[i];
    const Tenant& et = expected.tenants[i];
    QCOMPARE(at.name, et.name);
    QCOMPARE(at.systemType, et.systemType);
    QCOMPARE(at.gpus, et.gpus);
    QCOMPARE(at.isolation, et.isolation);
    QCOMPARE(at.priceUsdPerGpuHour, et.priceUsdPerGpuHour);
    QCOMPARE(at.utilization, et.utilization);
    QVERIFY(at == et);  // and whatever a later field of Tenant adds
  }
}

/// The first column of every row a query gives, as text, read straight from the file.
QStringList queryColumn(const QString& path, const char* sql) {
  sqlite3* db = nullptr;
  QStringList values;
  if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    qFatal("cannot open %s", qPrintable(path));
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK)
    qFatal("%s fails: %s", sql, sqlite3_errmsg(db));
  while (sqlite3_step(statement) == SQLITE_ROW)
    values.append(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return values;
}

/// A way to break a saved project and a fragment the open message must contain.
struct Damage {
  const char* name;
  std::function<void(const QString& path)> apply;
  QStringList expected;
};

/// A way to break the tenants of a project in memory and the problem `firstProblem` must name.
struct TenantDamage {
  const char* name;
  std::function<void(Project& project)> apply;
  QString expected;
};

/// A way to break the phases of a project in memory and the problem `firstProblem` must name.
struct PhaseDamage {
  const char* name;
  std::function<void(std::vector<Phase>& phases)> apply;
  QString expected;
};

}  // namespace

class TestProjectStore : public QObject {
  Q_OBJECT
 private slots:
  void roundTripKeepsEveryField() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("campus.gigaplan"));
    const Project project = sampleProject(4'000);
    QSet<RackRole> roles;
    for (const Rack& rack : project.layout.racks) roles.insert(rack.role);
    QCOMPARE(roles.size(), 5);
    QVERIFY(ProjectStore::firstProblem(project).isEmpty());

    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    compareProjects(*reopened, project);
    // The file says what it is, to SQLite tools and to `file`.
    QCOMPARE(fileBytes(path).mid(68, 4), QByteArray("GPLN"));
    QCOMPARE(folderEntries(folder.path()), QStringList{QStringLiteral("campus.gigaplan")});
  }

  void phasesRoundTripWithTheirSystemsInputsAndDates() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("phased.gigaplan"));
    const Project project = sampleProject(300);
    QCOMPARE(project.phases.size(), std::size_t{3});
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    QVERIFY(reopened->phases == project.phases);
    const Phase& expansion = reopened->phases[1];
    QCOMPARE(expansion.systems.size(), std::size_t{2});
    QCOMPARE(expansion.systems[1].systemType, QStringLiteral("hgx-h100"));
    QCOMPARE(expansion.systems[1].gpus, 16'384.0);
    QCOMPARE(expansion.inputs.value(InputId::electricalRedundancy), 2.0);
    QCOMPARE(reopened->phases[0].inputs.value(InputId::costElectricityUsdPerKwh), 0.0712345678901234);
    QCOMPARE(reopened->phases[2].start, QDate(2027, 1, 15));
    // The file holds what other tools can read: ISO dates and input paths as in scenario_input.
    QCOMPARE(queryColumn(path, "SELECT start_date FROM phase ORDER BY idx"),
             (QStringList{QStringLiteral("2026-03-01"), QStringLiteral("2027-01-15"), QStringLiteral("2027-01-15")}));
    QCOMPARE(queryColumn(path, "SELECT path FROM phase_input WHERE phase = 1 ORDER BY path"),
             (QStringList{QStringLiteral("electrical.redundancy"), QStringLiteral("network.planes"),
                          QStringLiteral("system.priceUsdPerNode")}));
    QCOMPARE(queryColumn(path, "PRAGMA user_version"), QStringList{QString::number(ProjectStore::kSchemaVersion)});
  }

  void projectWithoutPhasesRoundTripsWithNone() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("single.gigaplan"));
    Project project = sampleProject(300);
    project.phases.clear();
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    QVERIFY(reopened->phases.empty());
    compareProjects(*reopened, project);
    QVERIFY(queryColumn(path, "SELECT idx FROM phase").isEmpty());
  }

  void schemaVersion1FileOpensWithNoPhases() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("before-phases.gigaplan"));
    Project project = sampleProject(500);
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    // What a Gigaplan of schema version 1 wrote: no phase tables at all.
    executeSql(path, "DROP TABLE phase; DROP TABLE phase_system; DROP TABLE phase_input; PRAGMA user_version = 1");
    QCOMPARE(queryColumn(path, "PRAGMA user_version"), QStringList{QStringLiteral("1")});
    const QByteArray before = sha256(path);
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    QVERIFY(reopened->phases.empty());
    project.phases.clear();
    asOpenedFromBeforeSchema5(project);
    compareProjects(*reopened, project);
    QCOMPARE(sha256(path), before);
    // Saved again, it becomes a file of the current version.
    QVERIFY2(ProjectStore::save(*reopened, path, &error), qPrintable(error));
    QCOMPARE(queryColumn(path, "PRAGMA user_version"), QStringList{QString::number(ProjectStore::kSchemaVersion)});
  }

  void variantsRoundTripAsScenarioDocuments() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("variants.gigaplan"));
    Project project = sampleProject(300);
    Variant oversubscribed{QStringLiteral("2:1 at the leaves"), project.scenario, project.phases, {}};
    oversubscribed.scenario.values.insert(InputId::networkOversubscriptionTier1, 2);
    Variant blackwell{QStringLiteral("GB200 instead"), project.scenario, {}, {}};
    blackwell.scenario.systemType = QStringLiteral("gb200-nvl72");
    project.variants = {oversubscribed, blackwell};
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(reopened->variants.size(), std::size_t{2});
    for (std::size_t i = 0; i < 2; ++i) {
      QCOMPARE(reopened->variants[i].name, project.variants[i].name);
      QCOMPARE(reopened->variants[i].scenario.toJson(), project.variants[i].scenario.toJson());
      QVERIFY(reopened->variants[i].phases == project.variants[i].phases);
    }
    compareProjects(*reopened, project);

    // A damaged document is refused, naming the variant, and the file is left alone.
    executeSql(path, "UPDATE variant SET document = '{\"system\": {\"type\": 7}}' WHERE idx = 1");
    const QByteArray before = sha256(path);
    QVERIFY(!ProjectStore::open(path, &error));
    QVERIFY2(error.contains(QStringLiteral("variant 1")) && error.contains(QStringLiteral("document")),
             qPrintable(error));
    QCOMPARE(sha256(path), before);
    // So is a variant without a name, before it is saved.
    project.variants[0].name.clear();
    QVERIFY(!ProjectStore::save(project, path, &error));
    QVERIFY2(error.contains(QStringLiteral("variant 0, name")), qPrintable(error));
  }

  void schemaVersion2FileOpensWithNoVariants() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("before-variants.gigaplan"));
    Project project = sampleProject(300);
    project.variants = {{QStringLiteral("other"), project.scenario, {}, {}}};
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    executeSql(path, "DROP TABLE variant; PRAGMA user_version = 2");
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    QVERIFY(reopened->variants.empty());
    QCOMPARE(reopened->phases.size(), project.phases.size());
  }

  void tenantsAndRackMarksRoundTrip() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("tenants.gigaplan"));
    Project project = sampleProject(2'000);
    project.tenants = sampleTenants();
    markRacks(project);
    Variant leased{
        QStringLiteral("Two labs only"), project.scenario, project.phases, {project.tenants[0], project.tenants[1]}};
    leased.tenants[1].isolation = TenantIsolation::OwnPlane;
    const Variant plain{QStringLiteral("No tenants"), project.scenario, {}, {}};
    project.variants = {leased, plain};
    QVERIFY(ProjectStore::firstProblem(project).isEmpty());

    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    compareProjects(*reopened, project);
    QCOMPARE(reopened->variants.size(), std::size_t{2});
    QVERIFY(reopened->variants[0].tenants == leased.tenants);
    QVERIFY(reopened->variants[0].phases == leased.phases);
    QVERIFY(reopened->variants[1].tenants.empty());

    // The file holds what other tools can read: isolations by name, marks only for racks that have a tenant.
    QCOMPARE(queryColumn(path, "SELECT isolation FROM tenant ORDER BY idx"),
             (QStringList{QStringLiteral("own-halls"), QStringLiteral("shared-fabric"), QStringLiteral("own-leaves"),
                          QStringLiteral("own-plane")}));
    const auto marked = std::count_if(project.layout.racks.begin(), project.layout.racks.end(),
                                      [](const Rack& rack) { return rack.tenant != 0; });
    QVERIFY(marked > 0 && marked < static_cast<qsizetype>(project.layout.racks.size()));
    QCOMPARE(queryColumn(path, "SELECT COUNT(*) FROM rack_tenant"), QStringList{QString::number(marked)});
    QCOMPARE(queryColumn(path, "SELECT COUNT(*) FROM rack_tenant WHERE tenant NOT BETWEEN 1 AND 4"),
             QStringList{QStringLiteral("0")});
    // A variant without tenants keeps its document as before tenants existed.
    QVERIFY(
        !queryColumn(path, "SELECT document FROM variant WHERE idx = 1").value(0).contains(QStringLiteral("tenants")));
    QVERIFY(
        queryColumn(path, "SELECT document FROM variant WHERE idx = 0").value(0).contains(QStringLiteral("own-plane")));

    // A variant's tenants are read back through TenantPlan's checks: a damaged one names the variant and the field.
    executeSql(path,
               "UPDATE variant SET document = json_set(document, '$.tenants[1].isolation', 'private-cage') "
               "WHERE idx = 0");
    const QByteArray damaged = sha256(path);
    QVERIFY(!ProjectStore::open(path, &error));
    QVERIFY2(error.contains(QStringLiteral("variant 0, document: tenants[2].isolation: 'private-cage'")),
             qPrintable(error));
    QCOMPARE(sha256(path), damaged);

    // Tenants removed again leave no rows behind.
    Project without = *reopened;
    without.tenants.clear();
    for (Rack& rack : without.layout.racks) rack.tenant = 0;
    QVERIFY2(ProjectStore::save(without, path, &error), qPrintable(error));
    QVERIFY(queryColumn(path, "SELECT idx FROM tenant").isEmpty());
    QVERIFY(queryColumn(path, "SELECT rack FROM rack_tenant").isEmpty());
    const std::optional<Project> emptied = ProjectStore::open(path, &error);
    QVERIFY2(emptied, qPrintable(error));
    compareProjects(*emptied, without);
  }

  void schemaVersion3FileOpensWithNoTenants() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("before-tenants.gigaplan"));
    Project project = sampleProject(500);
    project.variants = {{QStringLiteral("other"), project.scenario, project.phases, {}}};
    project.tenants = sampleTenants();
    markRacks(project);
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    // What a Gigaplan of schema version 3 wrote: no tenant tables at all.
    executeSql(path, "DROP TABLE tenant; DROP TABLE rack_tenant; PRAGMA user_version = 3");
    const QByteArray before = sha256(path);
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    QVERIFY(reopened->tenants.empty());
    for (const Rack& rack : reopened->layout.racks) QCOMPARE(rack.tenant, std::uint8_t{0});
    QCOMPARE(reopened->variants.size(), std::size_t{1});
    QVERIFY(reopened->variants[0].phases == project.phases);
    project.tenants.clear();
    for (Rack& rack : project.layout.racks) rack.tenant = 0;
    asOpenedFromBeforeSchema5(project);
    compareProjects(*reopened, project);
    QCOMPARE(sha256(path), before);
    // Saved again, it becomes a file of the current version.
    QVERIFY2(ProjectStore::save(*reopened, path, &error), qPrintable(error));
    QCOMPARE(queryColumn(path, "PRAGMA user_version"), QStringList{QString::number(ProjectStore::kSchemaVersion)});
    QVERIFY(ProjectStore::open(path, &error));
  }

  void saveRefusesBadTenants_data() {
    QTest::addColumn<int>("damage");
    for (int i = 0; i < static_cast<int>(tenantDamages().size()); ++i) QTest::newRow(tenantDamages()[i].name) << i;
  }

  void saveRefusesBadTenants() {
    QFETCH(int, damage);
    const TenantDamage& d = tenantDamages()[static_cast<std::size_t>(damage)];
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    Project project = sampleProject(100);
    project.tenants = sampleTenants();
    markRacks(project);
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const QByteArray before = sha256(path);
    d.apply(project);
    QCOMPARE(ProjectStore::firstProblem(project), d.expected);
    QVERIFY(!ProjectStore::save(project, path, &error));
    QCOMPARE(error, QStringLiteral("Cannot save project %1: %2").arg(path, d.expected));
    QCOMPARE(sha256(path), before);
    QCOMPARE(folderEntries(folder.path()), QStringList{QStringLiteral("plan.gigaplan")});
  }

  void saveRefusesBadPhases_data() {
    QTest::addColumn<int>("damage");
    for (int i = 0; i < static_cast<int>(phaseDamages().size()); ++i) QTest::newRow(phaseDamages()[i].name) << i;
  }

  void saveRefusesBadPhases() {
    QFETCH(int, damage);
    const PhaseDamage& d = phaseDamages()[static_cast<std::size_t>(damage)];
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    QString error;
    QVERIFY2(ProjectStore::save(sampleProject(100), path, &error), qPrintable(error));
    const QByteArray before = sha256(path);
    Project broken = sampleProject(100);
    d.apply(broken.phases);
    QCOMPARE(ProjectStore::firstProblem(broken), d.expected);
    QVERIFY(!ProjectStore::save(broken, path, &error));
    QCOMPARE(error, QStringLiteral("Cannot save project %1: %2").arg(path, d.expected));
    QCOMPARE(sha256(path), before);
    QCOMPARE(folderEntries(folder.path()), QStringList{QStringLiteral("plan.gigaplan")});
  }

  void emptyLayoutRoundTrips() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("empty.gigaplan"));
    ScenarioErrors errors;
    const Project project{*PresetLibrary::load(QStringLiteral("colossus-150k-h100"), errors), {}, {}, {}, {}};
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    compareProjects(*reopened, project);
    QVERIFY(reopened->phases.empty());
  }

  void saveReplacesTheFileWholeAndLeavesNothingBehind() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    Project first = sampleProject(3'000);
    first.scenario.name = QStringLiteral("first");
    const Project second = sampleProject(500);
    QString error;
    QVERIFY2(ProjectStore::save(first, path, &error), qPrintable(error));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);
    const QByteArray firstBytes = fileBytes(path);

    QVERIFY2(ProjectStore::save(second, path, &error), qPrintable(error));
    QVERIFY(fileBytes(path) != firstBytes);
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    compareProjects(*reopened, second);
    QCOMPARE(folderEntries(folder.path()), QStringList{QStringLiteral("plan.gigaplan")});
    struct stat info {};
    QVERIFY(::stat(QFile::encodeName(path).constData(), &info) == 0);
    QCOMPARE(info.st_mode & 07777, 0640u);  // the replacement keeps the permissions the planner gave the file
  }

  void pathsWithCharactersThatMeanSomethingInAUri() {
    QTemporaryDir folder;
    const QString subfolder = folder.filePath(QStringLiteral("plans?mode=rw&x=1 #2 100% Süd"));
    QVERIFY(QDir().mkpath(subfolder));
    const QString path = subfolder + QStringLiteral("/file:%41 ü?.gigaplan");
    const Project project = sampleProject(50);
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    compareProjects(*reopened, project);
    QCOMPARE(folderEntries(subfolder), QStringList{QStringLiteral("file:%41 ü?.gigaplan")});
  }

  void saveThroughASymbolicLinkKeepsTheLink() {
    QTemporaryDir folder;
    const QString real = folder.filePath(QStringLiteral("real.gigaplan"));
    const QString link = folder.filePath(QStringLiteral("link.gigaplan"));
    QString error;
    QVERIFY2(ProjectStore::save(sampleProject(50), real, &error), qPrintable(error));
    QVERIFY(QFile::link(real, link));
    const Project second = sampleProject(80);
    QVERIFY2(ProjectStore::save(second, link, &error), qPrintable(error));
    QVERIFY(QFileInfo(link).isSymLink());
    const std::optional<Project> reopened = ProjectStore::open(real, &error);
    QVERIFY2(reopened, qPrintable(error));
    compareProjects(*reopened, second);
  }

  void saveRemovesOnlyAbandonedTemporaryFiles() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    // A process that has ended, as a save killed halfway leaves it.
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    QVERIFY(child > 0);
    QVERIFY(::waitpid(child, nullptr, 0) == child);
    const QString abandoned = QStringLiteral(".plan.gigaplan.saving-%1-0").arg(child);
    const QString living = QStringLiteral(".plan.gigaplan.saving-%1-999").arg(::getpid());
    const QString unrelated = QStringLiteral(".other.gigaplan.saving-%1-0").arg(child);
    for (const QString& name : {abandoned, living, unrelated}) QVERIFY(writeBytes(folder.filePath(name), "partial"));

    QString error;
    QVERIFY2(ProjectStore::save(sampleProject(10), path, &error), qPrintable(error));
    QStringList expected = {living, unrelated, QStringLiteral("plan.gigaplan")};
    expected.sort();
    QStringList entries = folderEntries(folder.path());
    entries.sort();
    QCOMPARE(entries, expected);
  }

  void saveIntoAMissingFolderFailsAndWritesNothing() {
    QTemporaryDir folder;
    const QString missing = folder.filePath(QStringLiteral("no/such/folder"));
    const QString path = missing + QStringLiteral("/plan.gigaplan");
    QString error;
    QVERIFY(!ProjectStore::save(sampleProject(100), path, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("does not exist")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(missing));
    QVERIFY(folderEntries(folder.path()).isEmpty());
  }

  void saveRefusesAProjectItCouldNotOpen() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    QString error;
    QVERIFY2(ProjectStore::save(sampleProject(1'000), path, &error), qPrintable(error));
    const QByteArray before = sha256(path);
    Project broken = sampleProject(1'000);
    broken.layout.halls[1].widthM = -3.0;
    QVERIFY(!ProjectStore::save(broken, path, &error));
    QVERIFY2(error.contains(QStringLiteral("hall 1, width_m: -3 is not a positive size")), qPrintable(error));
    broken = sampleProject(1'000);
    broken.layout.racks[5].row = 4000;
    QVERIFY(!ProjectStore::save(broken, path, &error));
    QVERIFY2(error.contains(QStringLiteral("row: 4000 is not a layout_row")), qPrintable(error));
    broken = sampleProject(1'000);
    broken.layout.racks[7].id = broken.layout.racks[6].id;
    QVERIFY(!ProjectStore::save(broken, path, &error));
    QVERIFY2(error.contains(QStringLiteral("appears twice")), qPrintable(error));
    QCOMPARE(sha256(path), before);
    QCOMPARE(folderEntries(folder.path()), QStringList{QStringLiteral("plan.gigaplan")});
  }

  void largeProjectSavesAndOpensQuickly() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("large.gigaplan"));
    const Project project = sampleProject(35'000);
    QString error;
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const qint64 saveMs = timer.elapsed();
    timer.restart();
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    const qint64 openMs = timer.elapsed();
    QVERIFY2(reopened, qPrintable(error));
    QCOMPARE(reopened->layout.racks.size(), std::size_t{35'000});
    qInfo("35,000 racks: save %lld ms, open %lld ms, file %lld bytes", saveMs, openMs, QFileInfo(path).size());
    QVERIFY2(saveMs < 1000, qPrintable(QStringLiteral("save took %1 ms").arg(saveMs)));
    QVERIFY2(openMs < 1000, qPrintable(QStringLiteral("open took %1 ms").arg(openMs)));
  }

  void newerSchemaVersionIsRefusedAndLeftAlone() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("future.gigaplan"));
    QString error;
    QVERIFY2(ProjectStore::save(sampleProject(200), path, &error), qPrintable(error));
    executeSql(path, QByteArray("PRAGMA user_version = ") + QByteArray::number(ProjectStore::kSchemaVersion + 1));
    const QByteArray before = sha256(path);
    QVERIFY(!ProjectStore::open(path, &error));
    QVERIFY2(error.contains(path) && error.contains(QStringLiteral("written by a newer Gigaplan")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("schema version %1; this Gigaplan reads up to %2")
                                .arg(ProjectStore::kSchemaVersion + 1)
                                .arg(ProjectStore::kSchemaVersion)),
             qPrintable(error));
    QCOMPARE(sha256(path), before);
  }

  void openIgnoresAJournalBesideTheFileAndWritesNothing() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    const Project project = sampleProject(300);
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    // A leftover journal would be replayed, and so change the file, by an ordinary SQLite open.
    const QString journal = path + QStringLiteral("-journal");
    QVERIFY(writeBytes(journal, QByteArray(4096, '\x5a')));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0444) == 0);
    const QByteArray before = sha256(path);
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    compareProjects(*reopened, project);
    QCOMPARE(sha256(path), before);
    QCOMPARE(fileBytes(journal), QByteArray(4096, '\x5a'));
    QCOMPARE(folderEntries(folder.path()).size(), 2);
  }

  void unreadableFileIsNamed() {
    if (::geteuid() == 0) QSKIP("root reads every file");
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("secret.gigaplan"));
    QString error;
    QVERIFY2(ProjectStore::save(sampleProject(10), path, &error), qPrintable(error));
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0) == 0);
    QVERIFY(!ProjectStore::open(path, &error));
    QVERIFY2(error.contains(QStringLiteral("cannot be read")), qPrintable(error));
  }

  void brokenFilesAreRefusedWithTheirProblemAndLeftAlone_data() {
    QTest::addColumn<int>("damage");
    for (int i = 0; i < static_cast<int>(damages().size()); ++i) QTest::newRow(damages()[i].name) << i;
  }

  void brokenFilesAreRefusedWithTheirProblemAndLeftAlone() {
    QFETCH(int, damage);
    const Damage& d = damages()[static_cast<std::size_t>(damage)];
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("broken.gigaplan"));
    QString error;
    QVERIFY2(ProjectStore::save(sampleProject(1'000), path, &error), qPrintable(error));
    d.apply(path);
    const QStringList entriesBefore = folderEntries(folder.path());
    const QByteArray before = sha256(path);

    QElapsedTimer timer;
    timer.start();
    QVERIFY(!ProjectStore::open(path, &error));
    qInfo("%s (%lld ms)", qPrintable(error), timer.elapsed());
    QVERIFY2(error.startsWith(QStringLiteral("Cannot open project %1: ").arg(path)), qPrintable(error));
    for (const QString& fragment : d.expected)
      QVERIFY2(error.contains(fragment), qPrintable(QStringLiteral("'%1' lacks '%2'").arg(error, fragment)));
    QCOMPARE(sha256(path), before);
    QCOMPARE(folderEntries(folder.path()), entriesBefore);
  }

 private:
  static const std::vector<TenantDamage>& tenantDamages() {
    static const std::vector<TenantDamage> list = {
        {"tenant without a name", [](Project& p) { p.tenants[1].name = QStringLiteral("  "); },
         QStringLiteral("tenant 1, name: missing")},
        {"two tenants of one name", [](Project& p) { p.tenants[2].name = p.tenants[0].name; },
         QStringLiteral("tenant 2, name: 'Lab Nord — ✓' is taken by another tenant")},
        {"unknown system", [](Project& p) { p.tenants[0].systemType = QStringLiteral("tpu-v9"); },
         QStringLiteral("tenant 0, system_type: unknown system 'tpu-v9'")},
        {"GPUs below zero", [](Project& p) { p.tenants[3].gpus = -1.0; },
         QStringLiteral("tenant 3, gpus: must be from 1 to 10,000,000, or 0 for the racks marked for it by hand")},
        {"GPUs not a number", [](Project& p) { p.tenants[1].gpus = std::nan(""); },
         QStringLiteral("tenant 1, gpus: must be from 1 to 10,000,000, or 0 for the racks marked for it by hand")},
        {"negative price", [](Project& p) { p.tenants[1].priceUsdPerGpuHour = -0.5; },
         QStringLiteral("tenant 1, price_usd_per_gpu_hour: must be from 0 to 1,000 USD")},
        {"utilization above 1", [](Project& p) { p.tenants[2].utilization = 1.5; },
         QStringLiteral("tenant 2, utilization: must be above 0 and at most 1")},
        {"isolation out of the enum", [](Project& p) { p.tenants[2].isolation = static_cast<TenantIsolation>(7); },
         QStringLiteral("tenant 2, isolation: 7 is not an isolation (0 to 3)")},
        {"255 tenants",
         [](Project& p) {
           for (int i = static_cast<int>(p.tenants.size()); i < 255; ++i)
             p.tenants.push_back({QStringLiteral("Lab %1").arg(i), {}, 8.0, TenantIsolation::SharedFabric, 1.0, 0.5});
         },
         QStringLiteral("tenant: 255 tenants; a project holds at most 254")},
        {"rack of a fifth tenant", [](Project& p) { p.layout.racks[9].tenant = 5; },
         QStringLiteral("rack id %1, tenant: 5 is not a tenant (the project has 4: marks 1 to 4, one above their idx)")
             .arg(sampleProject(100).layout.racks[9].id)},
        {"racks of tenants that are gone", [](Project& p) { p.tenants.clear(); },
         QStringLiteral("rack id %1, tenant: 4 is not a tenant (the project has none)")
             .arg(sampleProject(100).layout.racks[3].id)},
        {"variant with a bad tenant",
         [](Project& p) {
           p.variants = {{QStringLiteral("leased"), p.scenario, {}, sampleTenants()}};
           p.variants[0].tenants[1].utilization = 0.0;
         },
         QStringLiteral("variant 0, document: tenants[2].utilization: must be above 0 and at most 1")},
        {"variant tenant isolation out of the enum",
         [](Project& p) {
           p.variants = {{QStringLiteral("leased"), p.scenario, {}, sampleTenants()}};
           p.variants[0].tenants[0].isolation = static_cast<TenantIsolation>(200);
         },
         QStringLiteral("variant 0, document: tenants[1].isolation: 200 is not an isolation (0 to 3)")},
    };
    return list;
  }

  static const std::vector<PhaseDamage>& phaseDamages() {
    static const std::vector<PhaseDamage> list = {
        {"empty name", [](std::vector<Phase>& p) { p[1].name.clear(); }, QStringLiteral("phase 1, name: empty")},
        {"name of 201 characters", [](std::vector<Phase>& p) { p[0].name = QString(201, QLatin1Char('x')); },
         QStringLiteral("phase 0, name: 201 characters; a phase name has at most 200")},
        {"no date", [](std::vector<Phase>& p) { p[2].start = QDate(); },
         QStringLiteral("phase 2, start_date: not a date from year 1 to 9999")},
        {"year 10000", [](std::vector<Phase>& p) { p[2].start = QDate(10'000, 1, 1); },
         QStringLiteral("phase 2, start_date: not a date from year 1 to 9999")},
        {"dates out of order", [](std::vector<Phase>& p) { p[1].start = QDate(2025, 12, 31); },
         QStringLiteral("phase 1, start_date: 2025-12-31 is before phase 0's 2026-03-01 (phases are kept in date "
                        "order)")},
        {"empty system type", [](std::vector<Phase>& p) { p[1].systems[1].systemType.clear(); },
         QStringLiteral("phase_system (1, 1), system_type: empty")},
        {"no GPUs", [](std::vector<Phase>& p) { p[1].systems[0].gpus = 0.0; },
         QStringLiteral("phase_system (1, 0), gpus: 0 is not above 0")},
        {"negative GPUs", [](std::vector<Phase>& p) { p[2].systems[0].gpus = -72.0; },
         QStringLiteral("phase_system (2, 0), gpus: -72 is not above 0")},
        {"GPUs not a number", [](std::vector<Phase>& p) { p[0].systems[0].gpus = std::nan(""); },
         QStringLiteral("phase_system (0, 0), gpus: nan is not a finite number")},
        {"more GPUs than a cluster may have", [](std::vector<Phase>& p) { p[0].systems[0].gpus = 10'000'001.0; },
         QStringLiteral("phase_system (0, 0), gpus: 10000001 is above 10,000,000")},
        {"65 system types in a phase",
         [](std::vector<Phase>& p) {
           p[2].systems.resize(65, {QStringLiteral("hgx-h100"), 8.0});
         },
         QStringLiteral("phase_system: phase 2 adds 65 system types; a phase adds at most 64")},
        // A rack records its phase in one byte: files keep the limit evaluate keeps.
        {"256 phases", [](std::vector<Phase>& p) { p.resize(256, p.back()); },
         QStringLiteral("phase: 256 phases; a project holds at most 255")},
        {"input below its minimum", [](std::vector<Phase>& p) { p[1].inputs[InputId::networkPlanes] = -1.0; },
         QStringLiteral("phase_input (1, network.planes), value: -1 planes is out of range [0, 8]")},
        {"input above its maximum",
         [](std::vector<Phase>& p) { p[2].inputs[InputId::costElectricityUsdPerKwh] = 10.5; },
         QStringLiteral("phase_input (2, cost.electricityUsdPerKwh), value: 10.5 USD/kWh is out of range [0, 10]")},
        {"infinite input", [](std::vector<Phase>& p) { p[0].inputs[InputId::costElectricityUsdPerKwh] = qInf(); },
         QStringLiteral("phase_input (0, cost.electricityUsdPerKwh), value: inf is not a finite number")},
        {"count not whole", [](std::vector<Phase>& p) { p[1].inputs[InputId::networkPlanes] = 2.5; },
         QStringLiteral("phase_input (1, network.planes), value: 2.5 is not a whole number")},
        {"choice not whole", [](std::vector<Phase>& p) { p[1].inputs[InputId::electricalRedundancy] = 0.5; },
         QStringLiteral("phase_input (1, electrical.redundancy), value: 0.5 is not a whole number")},
    };
    return list;
  }

  static const std::vector<Damage>& damages() {
    static const std::vector<Damage> list = {
        {"missing file", [](const QString& path) { QFile::remove(path); }, {QStringLiteral("does not exist")}},
        {"folder",
         [](const QString& path) {
           QFile::remove(path);
           QDir().mkdir(path);
         },
         {QStringLiteral("folder")}},
        {"empty file", [](const QString& path) { writeBytes(path, {}); }, {QStringLiteral("empty")}},
        {"text file",
         [](const QString& path) {
           writeBytes(path, QByteArray("{\"format\": \"gigaplan-scenario/1\"}\n").repeated(20));
         },
         {QStringLiteral("not a Gigaplan project (not an SQLite database)")}},
        {"shorter than a header",
         [](const QString& path) { writeBytes(path, QByteArray("SQLite format 3\0", 16)); },
         {QStringLiteral("not an SQLite database")}},
        {"truncated",
         [](const QString& path) {
           const QByteArray bytes = fileBytes(path);
           writeBytes(path, bytes.left(bytes.size() * 3 / 5 + 123));
         },
         {QStringLiteral("truncated")}},
        {"foreign SQLite database",
         [](const QString& path) {
           QFile::remove(path);
           executeSql(path,
                      "CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customer VALUES (1, 'x')");
         },
         {QStringLiteral("not a Gigaplan project (an SQLite database without Gigaplan's meta table)")}},
        {"another program's meta",
         [](const QString& path) {
           executeSql(path, "UPDATE meta SET value = 'spreadsheet' WHERE key = 'application'");
         },
         {QStringLiteral("not a Gigaplan project (meta application is 'spreadsheet')")}},
        {"missing table",
         [](const QString& path) { executeSql(path, "DROP TABLE layout_row"); },
         {QStringLiteral("table layout_row is missing")}},
        {"negative hall width",
         [](const QString& path) { executeSql(path, "UPDATE hall SET width_m = -12.5 WHERE idx = 1"); },
         {QStringLiteral("hall 1, width_m: -12.5 is not a positive size")}},
        {"rack on a missing row",
         [](const QString& path) { executeSql(path, "UPDATE rack SET row = 99999 WHERE seq = 10"); },
         {QStringLiteral("rack id "), QStringLiteral("row: 99999 is not a layout_row (the project has 25)")}},
        {"rack beyond its row",
         [](const QString& path) { executeSql(path, "UPDATE rack SET slot = 41 WHERE seq = 0"); },
         {QStringLiteral("rack id 1001, slot: 41 is outside its row's 41 slots (0 to 40)")}},
        {"hall of a missing building",
         [](const QString& path) { executeSql(path, "UPDATE hall SET building = 7"); },
         {QStringLiteral("hall 0, building: 7 is not a building (the project has 1)")}},
        {"unknown rack role",
         [](const QString& path) { executeSql(path, "UPDATE rack SET role = 9 WHERE seq = 3"); },
         {QStringLiteral("role: 9 is not a rack role")}},
        {"system out of a byte",
         [](const QString& path) { executeSql(path, "UPDATE rack SET system = 300 WHERE seq = 3"); },
         {QStringLiteral("rack id "), QStringLiteral("system: 300 is out of range")}},
        {"lock of a missing hall",
         [](const QString& path) { executeSql(path, "INSERT INTO hall_lock(hall) VALUES (4096)"); },
         {QStringLiteral("hall_lock 4096, hall: 4096 is not a hall of the floor")}},
        {"dropped hand edit too long to be words",
         [](const QString& path) {
           executeSql(path, "INSERT INTO dropped_edit(seq, text) VALUES (7, printf('%.*c', 3000000, 'x'))");
         },
         {QStringLiteral("dropped_edit 7, text: longer than 1000 characters")}},
        {"dropped hand edit that is not text",
         [](const QString& path) {
           executeSql(path,
                      "DROP TABLE dropped_edit; CREATE TABLE dropped_edit(seq INTEGER PRIMARY KEY, text); "
                      "INSERT INTO dropped_edit VALUES (0, x'00ff')");
         },
         {QStringLiteral("dropped_edit 0, text: expected text")}},
        {"gap in the hall numbers",
         [](const QString& path) { executeSql(path, "UPDATE hall SET idx = 5 WHERE idx = 0"); },
         {QStringLiteral("hall 1, idx: out of sequence: expected 0")}},
        {"next rack id not above the ids",
         [](const QString& path) { executeSql(path, "UPDATE meta SET value = '1001' WHERE key = 'next_rack_id'"); },
         {QStringLiteral("rack id 1001, id: not below meta next_rack_id 1001")}},
        {"infinite input",
         [](const QString& path) {
           executeSql(path, "UPDATE scenario_input SET value = 9e999 WHERE path = 'cluster.gpus'");
         },
         {QStringLiteral("scenario_input cluster.gpus, value: inf is not a finite number")}},
        {"unknown input",
         [](const QString& path) { executeSql(path, "INSERT INTO scenario_input VALUES ('cluster.gpu', 5)"); },
         {QStringLiteral("scenario_input cluster.gpu: unknown input (did you mean cluster.gpus?)")}},
        {"choice out of range",
         [](const QString& path) {
           executeSql(path, "UPDATE scenario_input SET value = 7 WHERE path = 'electrical.redundancy'");
         },
         {QStringLiteral("scenario_input electrical.redundancy: 7 is not a choice index (0 to 4")}},
        {"empty system type",
         [](const QString& path) {
           executeSql(path, "UPDATE scenario_choice SET value = '' WHERE path = 'system.type'");
         },
         {QStringLiteral("scenario_choice system.type: expected a catalog id")}},
        {"missing template field",
         [](const QString& path) { executeSql(path, "DELETE FROM hall_template WHERE key = 'rack_width_m'"); },
         {QStringLiteral("hall_template: the row for rack_width_m is missing")}},
        {"template slots out of range",
         [](const QString& path) {
           executeSql(path, "UPDATE hall_template SET value = 1001 WHERE key = 'slots_per_row'");
         },
         {QStringLiteral("hall_template slots_per_row: 1001 is not a whole number from 1 to 1,000")}},
        {"text where a number belongs",
         [](const QString& path) {
           // STRICT tables refuse this; an older or foreign writer need not have used them.
           executeSql(path,
                      "CREATE TABLE loose(idx INTEGER PRIMARY KEY, name, x_m, y_m, width_m, depth_m);"
                      "INSERT INTO loose SELECT * FROM building; UPDATE loose SET depth_m = 'deep';"
                      "DROP TABLE building; ALTER TABLE loose RENAME TO building");
         },
         {QStringLiteral("building 0, depth_m: expected a number, found text")}},
        {"1,000,001 halls",
         [](const QString& path) {
           executeSql(path,
                      "WITH RECURSIVE n(i) AS (SELECT COUNT(*) FROM hall UNION ALL SELECT i + 1 FROM n "
                      "WHERE i + 1 < 1000001) INSERT INTO hall SELECT i, 0, 'h', 0, 0, 10, 10, 1, 1, 1 FROM n");
         },
         {QStringLiteral("table hall has 1,000,001 rows; a project holds at most 10,000 halls")}},
        {"phase date that is no date",
         [](const QString& path) { executeSql(path, "UPDATE phase SET start_date = '2027-02-30' WHERE idx = 1"); },
         {QStringLiteral("phase 1, start_date: '2027-02-30' is not a date (yyyy-MM-dd)")}},
        {"phase date with a time",
         [](const QString& path) {
           executeSql(path, "UPDATE phase SET start_date = '2027-01-15T08:00:00' WHERE idx = 2");
         },
         {QStringLiteral("phase 2, start_date: '2027-01-15T08:00:00' is not a date (yyyy-MM-dd)")}},
        {"gap in the phase numbers",
         [](const QString& path) { executeSql(path, "UPDATE phase SET idx = 5 WHERE idx = 1"); },
         {QStringLiteral("phase 2, idx: out of sequence: expected 1")}},
        {"phases out of date order",
         [](const QString& path) { executeSql(path, "UPDATE phase SET start_date = '2025-12-31' WHERE idx = 2"); },
         {QStringLiteral("phase 2, start_date: 2025-12-31 is before phase 1's 2027-01-15")}},
        {"empty phase name",
         [](const QString& path) { executeSql(path, "UPDATE phase SET name = '' WHERE idx = 0"); },
         {QStringLiteral("phase 0, name: empty")}},
        {"256 phases",
         [](const QString& path) {
           executeSql(path,
                      "WITH RECURSIVE n(i) AS (SELECT COUNT(*) FROM phase UNION ALL SELECT i + 1 FROM n "
                      "WHERE i + 1 < 256) INSERT INTO phase SELECT i, 'p', '2030-01-01' FROM n");
         },
         {QStringLiteral("table phase has 256 rows; a project holds at most 255 phases")}},
        {"systems of a missing phase",
         [](const QString& path) { executeSql(path, "INSERT INTO phase_system VALUES (3, 0, 'hgx-h100', 8)"); },
         {QStringLiteral("phase_system (3, 0), phase: 3 is not a phase (the project has 3)")}},
        {"systems of a negative phase",
         [](const QString& path) { executeSql(path, "INSERT INTO phase_system VALUES (-1, 0, 'hgx-h100', 8)"); },
         {QStringLiteral("phase_system (-1, 0), phase: -1 is not a phase (the project has 3)")}},
        {"gap in a phase's systems",
         [](const QString& path) { executeSql(path, "UPDATE phase_system SET seq = 2 WHERE phase = 1 AND seq = 1"); },
         {QStringLiteral("phase_system (1, 2), seq: out of sequence: expected 1")}},
        {"65 system types in a phase",
         [](const QString& path) {
           executeSql(path,
                      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 64) "
                      "INSERT INTO phase_system SELECT 2, i, 'hgx-h100', 8 FROM n");
         },
         {QStringLiteral("phase_system (2, 64), seq: a phase adds at most 64 system types")}},
        {"phase without GPUs",
         [](const QString& path) { executeSql(path, "UPDATE phase_system SET gpus = 0 WHERE phase = 1 AND seq = 1"); },
         {QStringLiteral("phase_system (1, 1), gpus: 0 is not above 0")}},
        {"phase with negative GPUs",
         [](const QString& path) { executeSql(path, "UPDATE phase_system SET gpus = -8 WHERE phase = 0"); },
         {QStringLiteral("phase_system (0, 0), gpus: -8 is not above 0")}},
        {"phase with infinite GPUs",
         [](const QString& path) { executeSql(path, "UPDATE phase_system SET gpus = -9e999 WHERE phase = 0"); },
         {QStringLiteral("phase_system (0, 0), gpus: -inf is not a finite number")}},
        {"empty phase system type",
         [](const QString& path) { executeSql(path, "UPDATE phase_system SET system_type = '' WHERE phase = 2"); },
         {QStringLiteral("phase_system (2, 0), system_type: empty")}},
        {"unknown phase input",
         [](const QString& path) {
           executeSql(path, "INSERT INTO phase_input VALUES (1, 'cost.electricityUsdPerKw', 0.1)");
         },
         {QStringLiteral("phase_input (1, cost.electricityUsdPerKw), path: unknown input (did you mean "
                         "cost.electricityUsdPerKwh?)")}},
        {"phase input out of range",
         [](const QString& path) {
           executeSql(path, "UPDATE phase_input SET value = 9 WHERE phase = 1 AND path = 'network.planes'");
         },
         {QStringLiteral("phase_input (1, network.planes), value: 9 planes is out of range [0, 8]")}},
        {"phase choice out of range",
         [](const QString& path) {
           executeSql(path, "UPDATE phase_input SET value = 5 WHERE path = 'electrical.redundancy'");
         },
         {QStringLiteral("phase_input (1, electrical.redundancy), value: 5 scheme is out of range [0, 4]")}},
        {"input of a missing phase",
         [](const QString& path) { executeSql(path, "INSERT INTO phase_input VALUES (7, 'network.planes', 1)"); },
         {QStringLiteral("phase_input (7, network.planes), phase: 7 is not a phase (the project has 3)")}},
        {"phase input twice",
         [](const QString& path) {
           // The primary key forbids this; a table of the same name written by another program need not have one.
           executeSql(path,
                      "CREATE TABLE loose(phase INTEGER, path TEXT, value REAL);"
                      "INSERT INTO loose SELECT * FROM phase_input; INSERT INTO loose VALUES (1, 'network.planes', 3);"
                      "DROP TABLE phase_input; ALTER TABLE loose RENAME TO phase_input");
         },
         {QStringLiteral("phase_input (1, network.planes) appears twice")}},
        {"missing phase table",
         [](const QString& path) { executeSql(path, "DROP TABLE phase_system"); },
         {QStringLiteral("table phase_system is missing")}},
        {"tenant isolation that is no isolation",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "UPDATE tenant SET isolation = 'private-cage' WHERE idx = 1");
         },
         {QStringLiteral("tenant 1, isolation: 'private-cage' is not an isolation (shared-fabric, own-leaves, "
                         "own-halls, own-plane)")}},
        {"tenant isolation as a number",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) +
                                "CREATE TABLE loose(idx INTEGER PRIMARY KEY, name, system_type, gpus, isolation, "
                                "price_usd_per_gpu_hour, utilization); INSERT INTO loose SELECT * FROM tenant;"
                                "UPDATE loose SET isolation = 2 WHERE idx = 0; DROP TABLE tenant;"
                                "ALTER TABLE loose RENAME TO tenant");
         },
         {QStringLiteral("tenant 0, isolation: expected text, found a whole number")}},
        {"tenant GPUs as text",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) +
                                "CREATE TABLE loose(idx INTEGER PRIMARY KEY, name, system_type, gpus, isolation, "
                                "price_usd_per_gpu_hour, utilization); INSERT INTO loose SELECT * FROM tenant;"
                                "UPDATE loose SET gpus = 'many' WHERE idx = 1; DROP TABLE tenant;"
                                "ALTER TABLE loose RENAME TO tenant");
         },
         {QStringLiteral("tenant 1, gpus: expected a number, found text")}},
        {"tenant name missing (NULL)",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) +
                                "CREATE TABLE loose(idx INTEGER PRIMARY KEY, name, system_type, gpus, isolation, "
                                "price_usd_per_gpu_hour, utilization); INSERT INTO loose SELECT * FROM tenant;"
                                "UPDATE loose SET name = NULL WHERE idx = 1; DROP TABLE tenant;"
                                "ALTER TABLE loose RENAME TO tenant");
         },
         {QStringLiteral("tenant 1, name: expected text, found nothing (NULL)")}},
        {"gap in the tenant numbers",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "UPDATE tenant SET idx = 4 WHERE idx = 1");
         },
         {QStringLiteral("tenant 4, idx: out of sequence: expected 1")}},
        {"tenant of infinite GPUs",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "UPDATE tenant SET gpus = 9e999 WHERE idx = 1");
         },
         {QStringLiteral("tenant 1, gpus: inf is not a finite number")}},
        {"tenant of half a GPU",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "UPDATE tenant SET gpus = 0.5 WHERE idx = 0");
         },
         {QStringLiteral("tenant 0, gpus: must be from 1 to 10,000,000, or 0 for the racks marked for it by hand")}},
        {"two tenants of one name",
         [](const QString& path) { executeSql(path, QByteArray(kTwoTenantRows) + "UPDATE tenant SET name = 'Lab A'"); },
         {QStringLiteral("tenant 1, name: 'Lab A' is taken by another tenant")}},
        {"tenant of an unknown system",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "UPDATE tenant SET system_type = 'tpu-v9' WHERE idx = 1");
         },
         {QStringLiteral("tenant 1, system_type: unknown system 'tpu-v9'")}},
        {"255 tenants",
         [](const QString& path) {
           executeSql(path,
                      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 254) "
                      "INSERT INTO tenant SELECT i, 'Lab ' || i, '', 8, 'shared-fabric', 1, 0.5 FROM n");
         },
         {QStringLiteral("table tenant has 255 rows; a project holds at most 254 tenants")}},
        {"rack of tenant 9 of 2",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "INSERT INTO rack_tenant VALUES (1001, 1), (1003, 9)");
         },
         {QStringLiteral("rack_tenant 1003, tenant: 9 is not a tenant (the project has 2: marks 1 to 2, one above "
                         "their idx)")}},
        {"rack of tenant 0",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "INSERT INTO rack_tenant VALUES (1001, 0)");
         },
         {QStringLiteral("rack_tenant 1001, tenant: 0 is not a tenant")}},
        {"rack of a tenant in a file without tenants",
         [](const QString& path) { executeSql(path, "INSERT INTO rack_tenant VALUES (1001, 1)"); },
         {QStringLiteral("rack_tenant 1001, tenant: 1 is not a tenant (the project has none)")}},
        {"rack tenant far out of a byte",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "INSERT INTO rack_tenant VALUES (1001, 9223372036854775807)");
         },
         {QStringLiteral("rack_tenant 1001, tenant: 9223372036854775807 is not a tenant")}},
        {"tenant of a missing rack",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "INSERT INTO rack_tenant VALUES (1001, 2), (77, 1)");
         },
         {QStringLiteral("rack_tenant 77, rack: 77 is not the id of a rack")}},
        {"tenant of a negative rack",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) + "INSERT INTO rack_tenant VALUES (-5, 1)");
         },
         {QStringLiteral("rack_tenant -5, rack: -5 is not the id of a rack")}},
        {"rack tenant as text",
         [](const QString& path) {
           executeSql(path, QByteArray(kTwoTenantRows) +
                                "CREATE TABLE loose(rack INTEGER PRIMARY KEY, tenant); "
                                "INSERT INTO loose VALUES (1001, 'Lab A'); DROP TABLE rack_tenant; "
                                "ALTER TABLE loose RENAME TO rack_tenant");
         },
         {QStringLiteral("rack_tenant 1001, tenant: expected a whole number, found text")}},
        {"rack with two tenants",
         [](const QString& path) {
           // The primary key forbids this; a table of the same name written by another program need not have one.
           executeSql(path, QByteArray(kTwoTenantRows) +
                                "CREATE TABLE loose(rack INTEGER, tenant INTEGER); "
                                "INSERT INTO loose VALUES (1001, 1), (1003, 2), (1001, 2); DROP TABLE rack_tenant; "
                                "ALTER TABLE loose RENAME TO rack_tenant");
         },
         {QStringLiteral("rack_tenant 1001 appears twice")}},
        {"missing tenant table",
         [](const QString& path) { executeSql(path, "DROP TABLE rack_tenant"); },
         {QStringLiteral("table rack_tenant is missing")}},
        {"another application id",
         [](const QString& path) { executeSql(path, "PRAGMA application_id = 1"); },
         {QStringLiteral("application id 1")}},
    };
    return list;
  }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "TestProjectStore.moc"
