// Kills a process with SIGKILL while it saves projects A and B over one file, again and again at seeded random
// moments across its saves: after every kill the file must open and hold exactly A or exactly B.
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <cstring>
#include <random>

#include "storage/ProjectStore.h"

using namespace gigaplan;

namespace {

/// Which project a file holds, and a digest of every rack field to tell a whole project from a mix.
struct Fingerprint {
  QString name;
  std::size_t racks = 0;
  std::uint64_t rackChecksum = 0;
  bool operator==(const Fingerprint&) const = default;
};

Fingerprint fingerprint(const Project& project) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a over the rack fields
  auto mix = [&](std::uint64_t value) {
    for (int byte = 0; byte < 8; ++byte, value >>= 8) hash = (hash ^ (value & 0xff)) * 1099511628211ull;
  };
  for (const Rack& rack : project.layout.racks) {
    mix(rack.id);
    mix(static_cast<std::uint64_t>(rack.row));
    mix(static_cast<std::uint64_t>(rack.slot));
    mix(static_cast<std::uint64_t>(rack.role) | std::uint64_t{rack.system} << 8 | std::uint64_t{rack.phase} << 16 |
        std::uint64_t{rack.units} << 24);
    std::uint32_t power = 0;
    std::uint32_t mass = 0;
    std::memcpy(&power, &rack.powerKw, sizeof power);
    std::memcpy(&mass, &rack.massKg, sizeof mass);
    mix(std::uint64_t{power} << 32 | mass);
  }
  return {project.scenario.name, project.layout.racks.size(), hash};
}

QString describe(const Fingerprint& print) {
  return QStringLiteral("'%1' with %2 racks, checksum %3")
      .arg(print.name)
      .arg(print.racks)
      .arg(print.rackChecksum, 0, 16);
}

bool runWorker(const QStringList& arguments) {
  QProcess worker;
  worker.start(QStringLiteral(GIGAPLAN_PROJECT_SAVE_WORKER_PATH), arguments);
  return worker.waitForFinished(60'000) && worker.exitStatus() == QProcess::NormalExit && worker.exitCode() == 0;
}

/// Temporary files of saves into `folder`, all of them or those of one process.
QStringList temporaryFiles(const QString& folder, qint64 pid = 0) {
  const QString pattern = pid ? QStringLiteral(".*.saving-%1-*").arg(pid) : QStringLiteral(".*.saving-*");
  return QDir(folder).entryList({pattern}, QDir::Files | QDir::Hidden);
}

}  // namespace

class TestProjectKillDuringSave : public QObject {
  Q_OBJECT
 private slots:
  void everyKillLeavesExactlyOneWholeProject() {
    QTemporaryDir folder;
    const QString pathA = folder.filePath(QStringLiteral("a.gigaplan"));
    const QString pathB = folder.filePath(QStringLiteral("b.gigaplan"));
    QVERIFY(runWorker({QStringLiteral("write"), pathA, QStringLiteral("a")}));
    QVERIFY(runWorker({QStringLiteral("write"), pathB, QStringLiteral("b")}));
    QString error;
    const std::optional<Project> projectA = ProjectStore::open(pathA, &error);
    QVERIFY2(projectA, qPrintable(error));
    const std::optional<Project> projectB = ProjectStore::open(pathB, &error);
    QVERIFY2(projectB, qPrintable(error));
    const Fingerprint expectedA = fingerprint(*projectA);
    const Fingerprint expectedB = fingerprint(*projectB);
    QVERIFY(expectedA.name != expectedB.name && expectedA.racks != expectedB.racks);

    // Kill moments spread over three cycles of the worker (a save of A, then one of B), so that kills land in every
    // phase of both saves, with either project in the file.
    const QString scratch = folder.filePath(QStringLiteral("scratch.gigaplan"));
    QElapsedTimer timer;
    timer.start();
    const int measuredCycles = 3;
    for (int cycle = 0; cycle < measuredCycles; ++cycle) {
      QVERIFY(ProjectStore::save(*projectA, scratch, &error));
      QVERIFY(ProjectStore::save(*projectB, scratch, &error));
    }
    const qint64 cycleUs = std::max<qint64>(timer.nsecsElapsed() / 1000 / measuredCycles, 1000);

    const QString target = folder.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(QFile::copy(pathA, target));
    std::mt19937 random(7'919);
    std::uniform_int_distribution<qint64> delayUs(0, 3 * cycleUs);
    int holdsA = 0;
    int holdsB = 0;
    int killsMidSave = 0;
    const int kills = 220;
    timer.restart();
    for (int kill = 0; kill < kills; ++kill) {
      QProcess worker;
      worker.start(QStringLiteral(GIGAPLAN_PROJECT_SAVE_WORKER_PATH), {QStringLiteral("loop"), target});
      QVERIFY(worker.waitForStarted(10'000));
      const qint64 pid = worker.processId();
      QVERIFY2(worker.waitForReadyRead(10'000), worker.readAllStandardError().constData());
      QCOMPARE(worker.readLine(), QByteArray("ready\n"));
      QThread::usleep(static_cast<unsigned long>(delayUs(random)));
      worker.kill();  // SIGKILL: no handler, no cleanup
      QVERIFY(worker.waitForFinished(10'000));
      QCOMPARE(worker.exitStatus(), QProcess::CrashExit);
      if (!temporaryFiles(folder.path(), pid).isEmpty()) ++killsMidSave;

      const std::optional<Project> project = ProjectStore::open(target, &error);
      QVERIFY2(project, qPrintable(QStringLiteral("after kill %1: %2").arg(kill).arg(error)));
      const Fingerprint found = fingerprint(*project);
      QVERIFY2(found == expectedA || found == expectedB,
               qPrintable(QStringLiteral("after kill %1 the file holds %2").arg(kill).arg(describe(found))));
      ++(found == expectedA ? holdsA : holdsB);
    }
    qInfo("%d kills in %lld ms (cycle of two saves %lld us): %d left A, %d left B, %d hit a save in progress", kills,
          timer.elapsed(), cycleUs, holdsA, holdsB, killsMidSave);
    QVERIFY(holdsA > 0 && holdsB > 0);
    QVERIFY2(killsMidSave >= kills / 4, "too few kills landed inside a save to test anything");

    // Temporary files of the killed workers go with the next save.
    QVERIFY(ProjectStore::save(*projectB, target, &error));
    QVERIFY2(temporaryFiles(folder.path()).isEmpty(), qPrintable(temporaryFiles(folder.path()).join(u' ')));
  }
};

QTEST_GUILESS_MAIN(TestProjectKillDuringSave)
#include "TestProjectKillDuringSave.moc"
