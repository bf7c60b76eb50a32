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
#include <functional>

#include "PresetLibrary.h"
#include "ProjectStore.h"

using namespace gigaplan;

// A new field in these structs must be saved, read and compared here: the sizes make the compiler say so.
static_assert(sizeof(Rack) == 24, "Rack changed: store the new field in ProjectStore and compare it in this test");
static_assert(sizeof(Row) == 32, "Row changed: store the new field in ProjectStore and compare it in this test");
static_assert(sizeof(HallTemplate) == 112, "HallTemplate changed: store the new field in ProjectStore");
static_assert(sizeof(Hall) == 88, "Hall changed: store the new field in ProjectStore and compare it in this test");
static_assert(sizeof(Building) == 56, "Building changed: store the new field in ProjectStore");

namespace {

/// A project from a preset with a layout that uses every field: several buildings and halls, rows of two lengths,
/// racks of every role, system, phase and unit count, ids with gaps and racks out of id order.
Project sampleProject(int rackCount) {
  ScenarioErrors errors;
  std::optional<Scenario> scenario = PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors);
  if (!scenario) qFatal("preset gb200-nvl72-1m does not load");
  Project project{*scenario, {}};
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

  const int rows = (rackCount + shape.slotsPerRow - 2) / (shape.slotsPerRow - 1);  // most rows are one slot short
  const int halls = (rows + shape.rowsPerHall - 1) / shape.rowsPerHall;
  const int buildings = (halls + shape.hallsPerBuilding - 1) / shape.hallsPerBuilding;
  for (int b = 0; b < buildings; ++b)
    layout.buildings.push_back({QStringLiteral("Gebäude %1").arg(b), -150.0 + 110.25 * b, 12.5, 95.5, 240.0 + b});
  for (int h = 0; h < halls; ++h)
    layout.halls.push_back({h / shape.hallsPerBuilding, QStringLiteral("Hall %1").arg(h), -140.0 + 110.25 * h, 20.0,
                            40.2 + h * 0.01, 60.0, 36.5 - h * 0.5, 38.0 + h, 1500.0 + h});
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
      rack.phase = static_cast<std::uint8_t>(r % 4);
      rack.units = static_cast<std::uint8_t>(rack.role == RackRole::Compute ? 1 : 8 + slot % 9);
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
  }
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
    QCOMPARE(ar.powerKw, er.powerKw);  // exact: a float survives a REAL column bit for bit
    QCOMPARE(ar.massKg, er.massKg);
  }
}

/// A way to break a saved project and a fragment the open message must contain.
struct Damage {
  const char* name;
  std::function<void(const QString& path)> apply;
  QStringList expected;
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

  void emptyLayoutRoundTrips() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("empty.gigaplan"));
    ScenarioErrors errors;
    const Project project{*PresetLibrary::load(QStringLiteral("colossus-150k-h100"), errors), {}};
    QString error;
    QVERIFY2(ProjectStore::save(project, path, &error), qPrintable(error));
    const std::optional<Project> reopened = ProjectStore::open(path, &error);
    QVERIFY2(reopened, qPrintable(error));
    compareProjects(*reopened, project);
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
    QVERIFY2(error.contains(QStringLiteral("schema version 2")), qPrintable(error));
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
         {QStringLiteral("scenario_input electrical.redundancy: 7 is not a choice index (0 to 3")}},
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
        {"another application id",
         [](const QString& path) { executeSql(path, "PRAGMA application_id = 1"); },
         {QStringLiteral("application id 1")}},
    };
    return list;
  }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "TestProjectStore.moc"
