#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "FileFixtures.h"
#include "files/AtomicFile.h"
#include "files/FileGuard.h"

using namespace gigaplan;

using gigaplan::test::contentOf;
using gigaplan::test::entriesOf;
using gigaplan::test::put;
using gigaplan::test::SmallDisk;

class TestAtomicFile : public QObject {
  Q_OBJECT
 private slots:
  void aWriteReplacesTheFileWholeAndLeavesNothingBeside() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("out.csv"));
    put(path, "old\n");
    QString error;
    QVERIFY2(writeFileAtomically(path, "new\n", &error), qPrintable(error));
    QCOMPARE(contentOf(path), QByteArray("new\n"));
    QCOMPARE(entriesOf(folder.path()), QStringList{QStringLiteral("out.csv")});
  }

  void aDiscardedOrFailedWriteKeepsTheOldFile() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("report.pdf"));
    put(path, "old");
    {
      AtomicFile file(path);
      QVERIFY(file.open());
      QVERIFY(file.write(QByteArray(100'000, 'x')));
      // Dropped without commit (a cancel, an exception): the old file stays, the temporary goes.
    }
    QCOMPARE(contentOf(path), QByteArray("old"));
    QCOMPARE(entriesOf(folder.path()), QStringList{QStringLiteral("report.pdf")});
  }

  void aFullDiskFailsNamingItAndKeepsTheOldFile() {
    SmallDisk disk(256 * 1024);
    if (!disk.mounted()) QSKIP("mounting a small tmpfs needs root; the full-disk test runs in CI as root");
    const QString path = disk.path(QStringLiteral("figures.csv"));
    put(path, "the previous output\n");
    disk.fill();
    QString error;
    QVERIFY(!writeFileAtomically(path, QByteArray(64 * 1024, 'y'), &error));
    QVERIFY2(error.contains(QStringLiteral("the disk is full")) && error.contains(path), qPrintable(error));
    QCOMPARE(contentOf(path), QByteArray("the previous output\n"));
    QCOMPARE(entriesOf(disk.folder()).size(), 2);  // the output and the filler, no temporary
  }

  void savingThroughAChainOfLinksUpdatesTheFileTheyEndAt() {
    QTemporaryDir folder;
    QDir(folder.path()).mkdir(QStringLiteral("real"));
    const QString real = folder.filePath(QStringLiteral("real/plan.gigaplan"));
    put(real, "old");
    // c1 -> c2 (absolute), c2 -> real/plan.gigaplan (relative to c2's folder).
    QVERIFY(QFile::link(QStringLiteral("real/plan.gigaplan"), folder.filePath(QStringLiteral("c2"))));
    QVERIFY(QFile::link(folder.filePath(QStringLiteral("c2")), folder.filePath(QStringLiteral("c1"))));
    QString error;
    QCOMPARE(finalTarget(folder.filePath(QStringLiteral("c1")), &error), real);
    QVERIFY2(writeFileAtomically(folder.filePath(QStringLiteral("c1")), "new", &error), qPrintable(error));
    QCOMPARE(contentOf(real), QByteArray("new"));
    QVERIFY(QFileInfo(folder.filePath(QStringLiteral("c1"))).isSymLink());
    QVERIFY(QFileInfo(folder.filePath(QStringLiteral("c2"))).isSymLink());

    // A loop is named, and nothing is written.
    QVERIFY(QFile::link(folder.filePath(QStringLiteral("loop-b")), folder.filePath(QStringLiteral("loop-a"))));
    QVERIFY(QFile::link(folder.filePath(QStringLiteral("loop-a")), folder.filePath(QStringLiteral("loop-b"))));
    QVERIFY(!writeFileAtomically(folder.filePath(QStringLiteral("loop-a")), "x", &error));
    QVERIFY2(error.contains(QStringLiteral("too many symbolic links")), qPrintable(error));
  }

  void aReadOnlyFileIsRefusedEvenForRoot() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    put(path, "keep me");
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0444) == 0);
    QString error;
    QVERIFY(!writeFileAtomically(path, "changed", &error));
    QVERIFY2(error.contains(QStringLiteral("read-only (mode 0444)")), qPrintable(error));
    QCOMPARE(contentOf(path), QByteArray("keep me"));
  }

  void aFileWithOtherNamesIsNotPartedFromThem() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    put(path, "shared");
    QVERIFY(::link(QFile::encodeName(path).constData(),
                   QFile::encodeName(folder.filePath(QStringLiteral("other-name"))).constData()) == 0);
    QString error;
    QVERIFY(!writeFileAtomically(path, "changed", &error));
    QVERIFY2(error.contains(QStringLiteral("it has 2 names (hard links)")), qPrintable(error));
    QCOMPARE(contentOf(folder.filePath(QStringLiteral("other-name"))), QByteArray("shared"));
  }

  void theReplacedFileKeepsItsOwnerGroupAndMode() {
    if (::geteuid() != 0) QSKIP("giving a file to another owner needs root");
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    put(path, "someone else's");
    const QByteArray native = QFile::encodeName(path);
    QVERIFY(::chown(native.constData(), 1234, 4321) == 0);
    QVERIFY(::chmod(native.constData(), 0640) == 0);
    QString error;
    QVERIFY2(writeFileAtomically(path, "edited by root", &error), qPrintable(error));
    struct stat info {};
    QVERIFY(::stat(native.constData(), &info) == 0);
    QCOMPARE(info.st_uid, uid_t{1234});
    QCOMPARE(info.st_gid, gid_t{4321});
    QCOMPARE(info.st_mode & 07777, mode_t{0640});
  }

  void devicesAreWrittenInPlace() {
    QString error;
    QVERIFY2(writeFileAtomically(QStringLiteral("/dev/null"), "discarded", &error), qPrintable(error));
    struct stat info {};
    QVERIFY(::stat("/dev/null", &info) == 0);
    QVERIFY(S_ISCHR(info.st_mode));
    QVERIFY(!writeFileAtomically(QStringLiteral("/dev/full"), "no room", &error));
    QVERIFY2(error.contains(QStringLiteral("the disk is full")), qPrintable(error));
  }

  void aNameNearTheLimitStillSaves() {
    QTemporaryDir folder;
    // 250 bytes: the temporary name beside it must not overflow the file system's 255.
    const QString path = folder.filePath(QString(245, QLatin1Char('n')) + QStringLiteral(".json"));
    QString error;
    QVERIFY2(writeFileAtomically(path, "{}", &error), qPrintable(error));
    QCOMPARE(contentOf(path), QByteArray("{}"));
    QVERIFY(!writeFileAtomically(folder.filePath(QString(300, QLatin1Char('n'))), "{}", &error));
    QVERIFY2(error.contains(QStringLiteral("the name is too long")), qPrintable(error));
  }

  void aMissingFolderIsNamed() {
    QTemporaryDir folder;
    QString error;
    QVERIFY(!writeFileAtomically(folder.filePath(QStringLiteral("no/such/out.csv")), "x", &error));
    QVERIFY2(error.contains(QStringLiteral("the folder ")) && error.contains(QStringLiteral("does not exist")),
             qPrintable(error));
  }

  void aLockHeldByAnotherProgramMakesAWriterWaitThenGiveUp() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    put(path, "x");
    // flock(1), from util-linux, holds the lock the way another Gigaplan would.
    QProcess holder;
    holder.start(QStringLiteral("flock"), {path, QStringLiteral("sleep"), QStringLiteral("2")});
    QVERIFY(holder.waitForStarted());
    QTest::qWait(300);
    bool waited = false;
    QString error;
    QVERIFY(!FileLock::acquire(path, 300, &error, [&] { waited = true; }));
    QVERIFY(waited);
    QVERIFY2(error.contains(QStringLiteral("another program has kept it locked")), qPrintable(error));
    QVERIFY(holder.waitForFinished(10'000));
    // Free again; and a second lock in the same program is granted at once.
    auto lock = FileLock::acquire(path, 1000, &error);
    QVERIFY2(lock, qPrintable(error));
    QVERIFY(FileLock::acquire(path, 0, &error));
  }

  void aStampTellsAChangeFromTheSameBytes() {
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("plan.gigaplan"));
    put(path, "v1");
    QString error;
    const auto read = FileStamp::of(path, &error);
    QVERIFY2(read, qPrintable(error));
    put(path, "v1");  // written again, same bytes: no change to report
    QVERIFY(read->changeTo(*FileStamp::of(path, &error)).isEmpty());
    put(path, "v2");
    QCOMPARE(read->changeTo(*FileStamp::of(path, &error)), QStringLiteral("another program changed its content"));
    QVERIFY(writeFileAtomically(path, "v3", &error));
    QCOMPARE(read->changeTo(*FileStamp::of(path, &error)), QStringLiteral("another program replaced it"));
  }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "TestAtomicFile.moc"
