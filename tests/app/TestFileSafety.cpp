#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <chrono>
#include <thread>

#include "FileFixtures.h"

// The command line on real files when something around the save goes wrong: two editors at once,
// a full disk, links, a write-ahead log left by another SQLite program, read-only files and other
// owners, unbounded inputs. Each case runs gigaplan-cli as a child process.

using gigaplan::test::contentOf;
using gigaplan::test::put;
using gigaplan::test::SmallDisk;

namespace {

struct Run {
  int exitCode = -1;
  QString out;
  QString err;
};

Run cli(const QStringList& arguments, const QStringList& prefix = {}) {
  QProcess process;
  if (prefix.isEmpty()) {
    process.start(QStringLiteral(GIGAPLAN_CLI_PATH), arguments);
  } else {
    process.start(prefix.first(), prefix.mid(1) + QStringList{QStringLiteral(GIGAPLAN_CLI_PATH)} + arguments);
  }
  if (!process.waitForFinished(300'000)) qFatal("gigaplan-cli did not finish");
  return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
          QString::fromUtf8(process.readAllStandardError())};
}

QString newProject(const QString& path, const char* preset = "colossus-150k-h100") {
  const Run made =
      cli({QStringLiteral("new"), QStringLiteral("--preset"), QString::fromLatin1(preset), QStringLiteral("-o"), path});
  if (made.exitCode != 0) qFatal("new failed: %s", qPrintable(made.err));
  return path;
}

/// An input's value in a project, as `evaluate` reports it.
double inputOf(const QString& path, const QString& input) {
  const Run run = cli({QStringLiteral("evaluate"), path});
  const QJsonObject inputs =
      QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("inputs")).toObject();
  return inputs.value(input).toObject().value(QStringLiteral("value")).toDouble(-1);
}

QString projectName(const QString& path) {
  const Run run = cli({QStringLiteral("info"), path, QStringLiteral("--format"), QStringLiteral("json")});
  return QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("project")).toString();
}

/// Runs SQL on a file with SQLite itself, as another program would.
bool executeSql(sqlite3* db, const char* sql) {
  char* message = nullptr;
  const bool ok = sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK;
  if (!ok) qWarning("%s: %s", sql, message);
  sqlite3_free(message);
  return ok;
}

}  // namespace

class TestFileSafety : public QObject {
  Q_OBJECT
 private slots:
  void twoEditsAtOnceBothLand() {
    QTemporaryDir dir;
    const QString base = newProject(dir.filePath(QStringLiteral("base.gigaplan")), "colossus-to-1m");
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    for (int round = 1; round <= 10; ++round) {
      QFile::remove(path);
      QVERIFY(QFile::copy(base, path));
      const QString price = QStringLiteral("0.0%1").arg(10 + round);
      const QString utilization = QStringLiteral("0.%1").arg(60 + round);
      QProcess first;
      QProcess second;
      first.start(QStringLiteral(GIGAPLAN_CLI_PATH), {QStringLiteral("edit"), path, QStringLiteral("--set"),
                                                      QStringLiteral("cost.electricityUsdPerKwh=") + price});
      second.start(QStringLiteral(GIGAPLAN_CLI_PATH), {QStringLiteral("edit"), path, QStringLiteral("--set"),
                                                       QStringLiteral("cost.utilization=") + utilization});
      QVERIFY(first.waitForFinished(120'000) && second.waitForFinished(120'000));
      QCOMPARE(first.exitCode(), 0);
      QCOMPARE(second.exitCode(), 0);
      // Both edits are in the file: the second waited for the first and read its result.
      QCOMPARE(inputOf(path, QStringLiteral("cost.electricityUsdPerKwh")), price.toDouble());
      QCOMPARE(inputOf(path, QStringLiteral("cost.utilization")), utilization.toDouble());
    }
  }

  void anotherSqliteProgramsCommitsAreNeverLost() {
    QTemporaryDir dir;
    const QString path = newProject(dir.filePath(QStringLiteral("plan.gigaplan")));
    // Another program keeps one connection and commits a new project name every 80 ms, checking
    // each time that its last commit is still in the file (reconnecting when a save replaced it).
    std::atomic<bool> stop{false};
    int commits = 0;
    int lost = 0;
    std::thread writer([&] {
      const QByteArray native = QFile::encodeName(path);
      sqlite3* db = nullptr;
      sqlite3_open(native.constData(), &db);
      sqlite3_busy_timeout(db, 5000);
      QByteArray last;
      while (!stop.load()) {
        sqlite3_stmt* read = nullptr;
        bool ok = sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK &&
                  sqlite3_prepare_v2(db, "SELECT value FROM scenario_choice WHERE path = 'name'", -1, &read, nullptr) ==
                      SQLITE_OK &&
                  sqlite3_step(read) == SQLITE_ROW;
        if (ok) {
          const QByteArray now(reinterpret_cast<const char*>(sqlite3_column_text(read, 0)));
          if (!last.isEmpty() && now != last) ++lost;
        }
        sqlite3_finalize(read);
        const QByteArray name = "renamed " + QByteArray::number(commits);
        const QByteArray update = "UPDATE scenario_choice SET value = '" + name + "' WHERE path = 'name'";
        ok = ok && sqlite3_exec(db, update.constData(), nullptr, nullptr, nullptr) == SQLITE_OK &&
             sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        if (ok) {
          last = name;
          ++commits;
        } else {
          sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
          sqlite3_close(db);
          sqlite3_open(native.constData(), &db);
          sqlite3_busy_timeout(db, 5000);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(80));
      }
      sqlite3_close(db);
    });
    int saved = 0;
    for (int i = 0; i < 25; ++i) {
      saved += cli({QStringLiteral("edit"), path, QStringLiteral("--set"),
                    QStringLiteral("system.nicPowerW=%1").arg(30 + i % 5)})
                   .exitCode == 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // room for the other program
    }
    stop.store(true);
    writer.join();
    qInfo("%d edits saved, %d commits of the other program, %d lost", saved, commits, lost);
    // Both wrote (a save that found the file changed was refused), and nothing either wrote was lost.
    QVERIFY(commits > 5 && saved > 0);
    QCOMPARE(lost, 0);
  }

  void outputsOntoAFullDiskFailAndKeepThePreviousOutput() {
    SmallDisk disk(512 * 1024);
    if (!disk.mounted()) QSKIP("mounting a small tmpfs needs root; this test runs as root in CI");
    QTemporaryDir dir;
    const QString project = newProject(dir.filePath(QStringLiteral("plan.gigaplan")), "colossus-to-1m");
    const QStringList outputs = {QStringLiteral("evaluate.json"), QStringLiteral("phases.csv"),
                                 QStringLiteral("compare.txt"),   QStringLiteral("sweep.csv"),
                                 QStringLiteral("report.pdf"),    QStringLiteral("bom.csv")};
    for (const QString& name : outputs) put(disk.path(name), "previous " + name.toUtf8());
    disk.fill();
    const QList<QStringList> commands = {
        {QStringLiteral("evaluate"), project, QStringLiteral("-o"), disk.path(QStringLiteral("evaluate.json"))},
        {QStringLiteral("phases"), project, QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("-o"),
         disk.path(QStringLiteral("phases.csv"))},
        {QStringLiteral("compare"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--set-b"),
         QStringLiteral("cost.utilization=0.9"), QStringLiteral("-o"), disk.path(QStringLiteral("compare.txt"))},
        {QStringLiteral("sweep"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--vary"),
         QStringLiteral("cost.utilization=0.5:0.9:5"), QStringLiteral("--quiet"), QStringLiteral("-o"),
         disk.path(QStringLiteral("sweep.csv"))},
        {QStringLiteral("report"), project, QStringLiteral("--no-3d"), QStringLiteral("--quiet"),
         QStringLiteral("--bom-csv"), disk.path(QStringLiteral("bom.csv")), QStringLiteral("-o"),
         disk.path(QStringLiteral("report.pdf"))},
    };
    for (const QStringList& command : commands) {
      const Run run = cli(command);
      QVERIFY2(run.exitCode != 0, qPrintable(command.join(QLatin1Char(' '))));
      // A sweep sees from its first rows that its CSV cannot fit, and says so before writing.
      const QString expected = command.first() == QLatin1String("sweep") ? QStringLiteral("are free for")
                                                                         : QStringLiteral("the disk is full");
      QVERIFY2(run.err.contains(expected), qPrintable(command.first() + ": " + run.err));
    }
    for (const QString& name : outputs) QCOMPARE(contentOf(disk.path(name)), "previous " + name.toUtf8());
    QCOMPARE(disk.entries().size(), outputs.size() + 1);  // and the filler: no temporary file left

    // One output that cannot be written leaves the others of the same command as they were.
    const QString pdf = dir.filePath(QStringLiteral("kept.pdf"));
    put(pdf, "previous report");
    const Run partly =
        cli({QStringLiteral("report"), project, QStringLiteral("--no-3d"), QStringLiteral("--quiet"),
             QStringLiteral("--figures-csv"), disk.path(QStringLiteral("figures.csv")), QStringLiteral("-o"), pdf});
    QCOMPARE(partly.exitCode, 2);
    QVERIFY2(partly.err.contains(QStringLiteral("the disk is full")), qPrintable(partly.err));
    QCOMPARE(contentOf(pdf), QByteArray("previous report"));

    // An output larger than a write block names its cause too.
    const Run large = cli({QStringLiteral("racks"), project, QStringLiteral("-o"), QStringLiteral("/dev/full")});
    QCOMPARE(large.exitCode, 2);
    QVERIFY2(large.err.contains(QStringLiteral("cannot write /dev/full: the disk is full")), qPrintable(large.err));
  }

  void aSweepThatCannotFitIsRefusedBeforeItWrites() {
    SmallDisk disk(1024 * 1024);
    if (!disk.mounted()) QSKIP("mounting a small tmpfs needs root; this test runs as root in CI");
    const Run run = cli({QStringLiteral("sweep"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--samples"),
                         QStringLiteral("1000000000"), QStringLiteral("--quiet"), QStringLiteral("-o"),
                         disk.path(QStringLiteral("mc.csv"))});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("the sweep's CSV would take about")) &&
                 run.err.contains(QStringLiteral("nothing written")),
             qPrintable(run.err));
    QVERIFY(disk.entries().isEmpty());
  }

  void editingThroughAChainOfLinksUpdatesTheProjectAndKeepsTheLinks() {
    QTemporaryDir dir;
    QDir(dir.path()).mkdir(QStringLiteral("projects"));
    const QString real = newProject(dir.filePath(QStringLiteral("projects/real.gigaplan")));
    QVERIFY(QFile::link(QStringLiteral("projects/real.gigaplan"), dir.filePath(QStringLiteral("c2"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("c2")), dir.filePath(QStringLiteral("c1"))));
    const Run edited = cli({QStringLiteral("edit"), dir.filePath(QStringLiteral("c1")), QStringLiteral("--name"),
                            QStringLiteral("Linked")});
    QCOMPARE(edited.exitCode, 0);
    QCOMPARE(projectName(real), QStringLiteral("Linked"));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("c1"))).isSymLink());
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("c2"))).isSymLink());

    // A relative link inside a linked folder points where the kernel says, not where its text
    // collapses to: edited through d/lnk (d -> b/c, lnk -> ../target), b/target changes.
    QDir(dir.path()).mkpath(QStringLiteral("b/c"));
    QVERIFY(QFile::link(QStringLiteral("b/c"), dir.filePath(QStringLiteral("d"))));
    QVERIFY(QFile::copy(real, dir.filePath(QStringLiteral("b/target.gigaplan"))));
    put(dir.filePath(QStringLiteral("target.gigaplan")), "not a project");
    QVERIFY(QFile::link(QStringLiteral("../target.gigaplan"), dir.filePath(QStringLiteral("b/c/lnk"))));
    QCOMPARE(cli({QStringLiteral("edit"), dir.filePath(QStringLiteral("d/lnk")), QStringLiteral("--name"),
                  QStringLiteral("Through d")})
                 .exitCode,
             0);
    QCOMPARE(projectName(dir.filePath(QStringLiteral("b/target.gigaplan"))), QStringLiteral("Through d"));
    QCOMPARE(contentOf(dir.filePath(QStringLiteral("target.gigaplan"))), QByteArray("not a project"));

    // new -o through a link to a file that is not a project: refused unless asked.
    const QString notes = dir.filePath(QStringLiteral("notes.txt"));
    put(notes, "my notes");
    QVERIFY(QFile::link(notes, dir.filePath(QStringLiteral("to-notes"))));
    const Run refused = cli({QStringLiteral("new"), QStringLiteral("--preset"), QStringLiteral("colossus-150k-h100"),
                             QStringLiteral("-o"), dir.filePath(QStringLiteral("to-notes"))});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("is not a Gigaplan project")), qPrintable(refused.err));
    QCOMPARE(contentOf(notes), QByteArray("my notes"));
    const Run forced = cli({QStringLiteral("new"), QStringLiteral("--preset"), QStringLiteral("colossus-150k-h100"),
                            QStringLiteral("--force"), QStringLiteral("-o"), dir.filePath(QStringLiteral("to-notes"))});
    QCOMPARE(forced.exitCode, 0);
    QVERIFY(contentOf(notes).startsWith("SQLite format 3"));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("to-notes"))).isSymLink());
    // Replacing a project needs no asking.
    QCOMPARE(cli({QStringLiteral("new"), QStringLiteral("--preset"), QStringLiteral("colossus-150k-h100"),
                  QStringLiteral("-o"), real})
                 .exitCode,
             0);
  }

  void aWriteAheadLogLeftBesideTheProjectIsReadAndNeverCorruptsIt() {
    QTemporaryDir source;
    const QString original = newProject(source.filePath(QStringLiteral("plan.gigaplan")));
    QTemporaryDir left;
    const QString path = left.filePath(QStringLiteral("plan.gigaplan"));
    // Another SQLite program opens the project in WAL mode and renames it; its change sits in the
    // log when the files are copied away (as after a crash, or a copy of a folder in use).
    {
      sqlite3* db = nullptr;
      QCOMPARE(sqlite3_open(QFile::encodeName(original).constData(), &db), SQLITE_OK);
      QVERIFY(executeSql(db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0"));
      QVERIFY(executeSql(db, "UPDATE scenario_choice SET value = 'Renamed by another program' WHERE path = 'name'"));
      QVERIFY(QFile::copy(original, path));
      QVERIFY(QFile::copy(original + QStringLiteral("-wal"), path + QStringLiteral("-wal")));
      sqlite3_close(db);
    }
    QVERIFY(QFileInfo(path + QStringLiteral("-wal")).size() > 32);
    const QByteArray before = contentOf(path);
    // Read with the log: the change shows, and reading writes nothing.
    QCOMPARE(projectName(path), QStringLiteral("Renamed by another program"));
    QCOMPARE(contentOf(path), before);

    // A save keeps that change with its own and leaves a file every SQLite reader opens.
    const Run edited =
        cli({QStringLiteral("edit"), path, QStringLiteral("--set"), QStringLiteral("cost.utilization=0.77")});
    QCOMPARE(edited.exitCode, 0);
    QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    QCOMPARE(projectName(path), QStringLiteral("Renamed by another program"));
    QCOMPARE(inputOf(path, QStringLiteral("cost.utilization")), 0.77);
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* check = nullptr;
    QCOMPARE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr), SQLITE_OK);
    QCOMPARE(sqlite3_step(check), SQLITE_ROW);
    QCOMPARE(QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(check, 0))), QByteArray("ok"));
    sqlite3_finalize(check);
    sqlite3_close(db);
  }

  void standardOutputIsWrittenWhereTheShellSentIt() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.txt"));
    QProcess shell;
    shell.start(QStringLiteral("sh"),
                {QStringLiteral("-c"),
                 QStringLiteral("{ echo header; \"$0\" evaluate colossus-150k-h100 --format table -o "
                                "/dev/stdout; echo trailer; } > \"$1\"; \"$0\" sweep "
                                "colossus-150k-h100 --samples 5 --quiet -o /dev/stdout | wc -l"),
                 QStringLiteral(GIGAPLAN_CLI_PATH), out});
    QVERIFY(shell.waitForFinished(60'000));
    const QByteArray text = contentOf(out);
    QVERIFY2(text.startsWith("header\n") && text.endsWith("trailer\n") && text.contains("Colossus"), text.constData());
    QCOMPARE(shell.readAllStandardOutput().trimmed(), QByteArray("6"));  // the header and five rows
  }

  void anOutputNeverReplacesAProjectOrItsOwnInput() {
    QTemporaryDir dir;
    const QString project = newProject(dir.filePath(QStringLiteral("plan.gigaplan")));
    const QByteArray before = contentOf(project);
    const Run onItself = cli({QStringLiteral("evaluate"), project, QStringLiteral("-o"), project});
    QCOMPARE(onItself.exitCode, 2);
    QVERIFY2(onItself.err.contains(QStringLiteral("is the command's own input")), qPrintable(onItself.err));
    const QString other = newProject(dir.filePath(QStringLiteral("other.gigaplan")));
    const Run onAProject =
        cli({QStringLiteral("report"), project, QStringLiteral("--no-3d"), QStringLiteral("-o"), other});
    QCOMPARE(onAProject.exitCode, 2);
    QVERIFY2(onAProject.err.contains(QStringLiteral("is a Gigaplan project; an output never replaces one")),
             qPrintable(onAProject.err));
    const Run twice =
        cli({QStringLiteral("report"), project, QStringLiteral("--no-3d"), QStringLiteral("--bom-csv"),
             dir.filePath(QStringLiteral("r.pdf")), QStringLiteral("-o"), dir.filePath(QStringLiteral("r.pdf"))});
    QCOMPARE(twice.exitCode, 2);
    QVERIFY2(twice.err.contains(QStringLiteral("also another output of this report")), qPrintable(twice.err));
    QCOMPARE(contentOf(project), before);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("r.pdf"))));
  }

  void aKilledSweepLeavesNoFileBehind() {
    QTemporaryDir dir;
    QProcess sweep;
    sweep.start(QStringLiteral(GIGAPLAN_CLI_PATH),
                {QStringLiteral("sweep"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--samples"),
                 QStringLiteral("20000000"), QStringLiteral("--outputs"), QStringLiteral("cost.tcoUsdPerYear"),
                 QStringLiteral("--quiet"), QStringLiteral("-o"), dir.filePath(QStringLiteral("mc.csv"))});
    QVERIFY(sweep.waitForStarted());
    QTest::qWait(1500);
    QCOMPARE(sweep.state(), QProcess::Running);  // well inside its 20 million rows
    sweep.terminate();                           // SIGTERM, as timeout(1) or a scheduler sends
    QVERIFY(sweep.waitForFinished(30'000));
    QVERIFY(sweep.exitCode() != 0);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{});
  }

  void aReadOnlyProjectIsRefusedAndAnEditKeepsTheOwner() {
    QTemporaryDir dir;
    const QString path = newProject(dir.filePath(QStringLiteral("plan.gigaplan")));
    const QByteArray native = QFile::encodeName(path);
    QVERIFY(::chmod(native.constData(), 0444) == 0);
    const QByteArray before = contentOf(path);
    const Run refused = cli({QStringLiteral("edit"), path, QStringLiteral("--name"), QStringLiteral("x")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("the file is read-only (mode 0444)")), qPrintable(refused.err));
    QCOMPARE(contentOf(path), before);

    if (::geteuid() != 0) QSKIP("giving the project to another user needs root");
    // Root edits another user's project: it stays theirs, with its mode.
    QVERIFY(::chmod(native.constData(), 0640) == 0);
    QVERIFY(::chown(native.constData(), 65534, 65534) == 0);
    QCOMPARE(cli({QStringLiteral("edit"), path, QStringLiteral("--name"), QStringLiteral("Still theirs")}).exitCode, 0);
    struct stat info {};
    QVERIFY(::stat(native.constData(), &info) == 0);
    QCOMPARE(info.st_uid, uid_t{65534});
    QCOMPARE(info.st_gid, gid_t{65534});
    QCOMPARE(info.st_mode & 07777, mode_t{0640});
    QCOMPARE(projectName(path), QStringLiteral("Still theirs"));
  }

  void permissionAndReadOnlyFileSystemsAreNamedAsSuch() {
    if (::geteuid() != 0) QSKIP("running as another user and remounting need root");
    // Another user (nobody) cannot write root's project in root's folder: "permission denied".
    QTemporaryDir dir;
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    const QString path = newProject(dir.filePath(QStringLiteral("plan.gigaplan")));
    const QStringList asNobody = {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
                                  QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")};
    const Run denied = cli({QStringLiteral("edit"), path, QStringLiteral("--name"), QStringLiteral("x")}, asNobody);
    if (denied.err.contains(QStringLiteral("setpriv"))) QSKIP("setpriv cannot run the program as nobody here");
    QCOMPARE(denied.exitCode, 2);
    QVERIFY2(denied.err.contains(QStringLiteral("permission denied")), qPrintable(denied.err));
    QVERIFY2(!denied.err.contains(QStringLiteral("No such file")), qPrintable(denied.err));

    // Nobody's project with a write-ahead log nobody may read: refused, never saved from stale data.
    QTemporaryDir shared;
    QVERIFY(::chmod(QFile::encodeName(shared.path()).constData(), 0777) == 0);
    const QString theirs = newProject(shared.filePath(QStringLiteral("p.gigaplan")));
    {
      sqlite3* db = nullptr;
      QCOMPARE(sqlite3_open(QFile::encodeName(theirs).constData(), &db), SQLITE_OK);
      QVERIFY(executeSql(db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0"));
      QVERIFY(executeSql(db, "UPDATE scenario_choice SET value = 'In the log' WHERE path = 'name'"));
      QVERIFY(QFile::copy(theirs + QStringLiteral("-wal"), theirs + QStringLiteral(".kept-wal")));
      sqlite3_close(db);  // checkpoints; the log is put back below, as a crash would leave it
    }
    QFile::remove(theirs + QStringLiteral("-wal"));
    QVERIFY(QFile::rename(theirs + QStringLiteral(".kept-wal"), theirs + QStringLiteral("-wal")));
    QVERIFY(::chown(QFile::encodeName(theirs).constData(), 65534, 65534) == 0);
    QVERIFY(::chmod(QFile::encodeName(theirs + QStringLiteral("-wal")).constData(), 0600) == 0);
    const Run unreadable =
        cli({QStringLiteral("edit"), theirs, QStringLiteral("--name"), QStringLiteral("x")}, asNobody);
    QCOMPARE(unreadable.exitCode, 2);
    QVERIFY2(unreadable.err.contains(QStringLiteral("-wal beside it cannot be read (permission denied)")),
             qPrintable(unreadable.err));

    SmallDisk disk(4 * 1024 * 1024);
    if (!disk.mounted()) QSKIP("cannot mount a tmpfs here");
    const QString onDisk = newProject(disk.path(QStringLiteral("plan.gigaplan")));
    QVERIFY(disk.remountReadOnly());
    const Run readOnly = cli({QStringLiteral("edit"), onDisk, QStringLiteral("--name"), QStringLiteral("x")});
    QCOMPARE(readOnly.exitCode, 2);
    QVERIFY2(readOnly.err.contains(QStringLiteral("the file system is read-only")), qPrintable(readOnly.err));
    const Run output =
        cli({QStringLiteral("evaluate"), onDisk, QStringLiteral("-o"), disk.path(QStringLiteral("e.json"))});
    QCOMPARE(output.exitCode, 2);
    QVERIFY2(output.err.contains(QStringLiteral("the file system is read-only")), qPrintable(output.err));
  }

  void aHostileTextCellIsRefusedWithoutCopiesOfIt() {
    QTemporaryDir dir;
    const QString path = newProject(dir.filePath(QStringLiteral("plan.gigaplan")));
    {
      sqlite3* db = nullptr;
      QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
      QVERIFY(executeSql(db, "UPDATE scenario_choice SET value = printf('%.*c', 100000000, 'x') WHERE path = 'name'"));
      sqlite3_close(db);
    }
    // Read with 250 MB of data allowed (prlimit, from util-linux): one copy of the cell fits,
    // the several a conversion to text would make do not.
    const Run refused =
        cli({QStringLiteral("info"), path}, {QStringLiteral("prlimit"), QStringLiteral("--data=250000000")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("100,000,000 bytes of text; a cell holds at most 4,194,304")),
             qPrintable(refused.err));
  }

  void unboundedInputsAreCappedAndPipesRead() {
    // A device with no end is read no further than a scenario file may be long.
    const Run zero = cli({QStringLiteral("evaluate"), QStringLiteral("/dev/zero")});
    QCOMPARE(zero.exitCode, 2);
    QVERIFY2(zero.err.contains(QStringLiteral("is larger than 16,777,216 bytes")), qPrintable(zero.err));

    // A scenario read from a pipe is read whole, as from a file.
    QTemporaryDir dir;
    const QString scenario = dir.filePath(QStringLiteral("s.json"));
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--no-3d"),
                  QStringLiteral("--quiet"), QStringLiteral("--scenario-json"), scenario, QStringLiteral("-o"),
                  dir.filePath(QStringLiteral("r.pdf"))})
                 .exitCode,
             0);
    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    // The shell opens the pipe in the child: opening it here would wait for a reader.
    QProcess writer;
    writer.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("cat \"$0\" > \"$1\""), scenario, fifo});
    const Run piped = cli({QStringLiteral("evaluate"), fifo, QStringLiteral("--format"), QStringLiteral("table")});
    writer.waitForFinished(10'000);
    QVERIFY2(piped.exitCode == 0, qPrintable(piped.err));
    QVERIFY(piped.out.contains(QStringLiteral("Colossus")));

    // One input varied twice would label rows with values never evaluated.
    const Run twice = cli({QStringLiteral("sweep"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--vary"),
                           QStringLiteral("cost.utilization=0.5:0.9:3"), QStringLiteral("--vary"),
                           QStringLiteral("cost.utilization=0.6:0.7:2")});
    QCOMPARE(twice.exitCode, 2);
    QVERIFY2(twice.err.contains(QStringLiteral("cost.utilization is varied twice")), qPrintable(twice.err));

    // A long name (the temporary name beside it stays within the file system's limit).
    const QString longName = dir.filePath(QString(240, QLatin1Char('p')) + QStringLiteral(".gigaplan"));
    QCOMPARE(cli({QStringLiteral("new"), QStringLiteral("--preset"), QStringLiteral("colossus-150k-h100"),
                  QStringLiteral("-o"), longName})
                 .exitCode,
             0);
    QCOMPARE(cli({QStringLiteral("edit"), longName, QStringLiteral("--name"), QStringLiteral("Long")}).exitCode, 0);
  }
};

QTEST_GUILESS_MAIN(TestFileSafety)
#include "TestFileSafety.moc"
