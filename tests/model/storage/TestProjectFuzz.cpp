// Damaged project files: random damage to real saved projects must never crash the reader and never change the
// file; each damaged copy either opens to a project that passes the store's checks or is refused with a message.
// GIGAPLAN_FUZZ_SEED and GIGAPLAN_FUZZ_CASES (cases of the small file; the large one gets a third as many)
// reproduce or widen a run.
#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <cmath>
#include <cstring>
#include <random>

#include "storage/ProjectStore.h"

using namespace gigaplan;

namespace {

constexpr qsizetype kPageBytes = 4096;  // SQLite's default page size, which the store keeps

enum class DamageKind { BitFlips, ByteOverwrite, Truncation, ZeroedPage, AppendedGarbage, SwappedPages };
constexpr int kDamageKinds = 6;
constexpr const char* kDamageNames[kDamageKinds] = {"bit flips",        "byte overwrite",   "truncation",
                                                    "zeroed 4 KB page", "appended garbage", "swapped pages"};

QByteArray fileBytes(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll();
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/// One random damage of the given kind.
QByteArray damaged(const QByteArray& original, DamageKind kind, std::mt19937_64& random) {
  QByteArray bytes = original;
  const qsizetype size = bytes.size();
  const qsizetype pages = size / kPageBytes;
  auto below = [&](qsizetype limit) { return std::uniform_int_distribution<qsizetype>(0, limit - 1)(random); };
  // A quarter of the byte damage lands on the first page: the SQLite header and the schema live there, and random
  // offsets in a large file would hardly ever reach them.
  auto offset = [&] { return below(4) == 0 ? below(std::min(size, kPageBytes)) : below(size); };
  auto randomByte = [&] { return static_cast<char>(below(256)); };
  switch (kind) {
    case DamageKind::BitFlips:
      for (qsizetype flips = 1 + below(8); flips > 0; --flips) bytes[offset()] ^= static_cast<char>(1 << below(8));
      break;
    case DamageKind::ByteOverwrite: {
      const qsizetype at = offset();
      for (qsizetype i = at, end = std::min(size, at + 1 + below(16)); i < end; ++i) bytes[i] = randomByte();
      break;
    }
    case DamageKind::Truncation:
      bytes.truncate(below(size));
      break;
    case DamageKind::ZeroedPage:
      std::memset(bytes.data() + below(pages) * kPageBytes, 0, kPageBytes);
      break;
    case DamageKind::AppendedGarbage:
      for (qsizetype extra = 1 + below(2 * kPageBytes); extra > 0; --extra) bytes.append(randomByte());
      break;
    case DamageKind::SwappedPages: {
      const qsizetype first = below(pages);
      const qsizetype second = (first + 1 + below(pages - 1)) % pages;
      std::array<char, kPageBytes> page;
      std::memcpy(page.data(), bytes.data() + first * kPageBytes, kPageBytes);
      std::memcpy(bytes.data() + first * kPageBytes, bytes.data() + second * kPageBytes, kPageBytes);
      std::memcpy(bytes.data() + second * kPageBytes, page.data(), kPageBytes);
      break;
    }
  }
  return bytes;
}

/// Valid phases with systems and inputs in their ranges, enough of them to fill several pages of the file, so that
/// damage lands in the phase tables too (the save worker's projects have none).
std::vector<Phase> randomPhases(std::mt19937_64& random) {
  auto below = [&](int limit) { return std::uniform_int_distribution<int>(0, limit - 1)(random); };
  const QString systemTypes[] = {QStringLiteral("gb200-nvl72"), QStringLiteral("hgx-h100"), QStringLiteral("hgx-b200")};
  std::vector<Phase> phases(200);
  QDate start(2026, 1, 1);
  for (std::size_t i = 0; i < phases.size(); ++i) {
    Phase& phase = phases[i];
    phase.name = QStringLiteral("Phase %1").arg(i + 1);
    start = start.addDays(below(45));  // some phases share a day
    phase.start = start;
    for (int k = 1 + below(3); k > 0; --k) phase.systems.push_back({systemTypes[below(3)], 72.0 * (1 + below(2'000))});
    for (int k = below(5); k > 0; --k) {
      const InputSpec& spec = inputSpecs()[static_cast<std::size_t>(below(static_cast<int>(kInputCount)))];
      double value = std::uniform_real_distribution<double>(spec.minimum, spec.maximum)(random);
      if (spec.kind != InputKind::Real) value = std::floor(value);
      phase.inputs.insert(spec.id, value);
    }
  }
  return phases;
}

/// What the store promises of a project it opens, checked independently of its own checks: every index can be
/// followed without leaving its vector, and phases come in date order with GPUs to add.
QString unsafeIndex(const Project& project) {
  for (std::size_t i = 0; i < project.phases.size(); ++i) {
    const Phase& phase = project.phases[i];
    if (!phase.start.isValid() || (i > 0 && phase.start < project.phases[i - 1].start))
      return QStringLiteral("phase %1 out of date order").arg(i);
    for (const PhaseSystems& systems : phase.systems)
      if (!(systems.gpus > 0.0) || !std::isfinite(systems.gpus))
        return QStringLiteral("phase %1 adding %2 GPUs").arg(i).arg(systems.gpus);
  }
  const SiteLayout& layout = project.layout;
  for (const Hall& hall : layout.halls)
    if (hall.building < 0 || static_cast<std::size_t>(hall.building) >= layout.buildings.size())
      return QStringLiteral("hall of building %1").arg(hall.building);
  for (const Row& row : layout.rows)
    if (row.hall < 0 || static_cast<std::size_t>(row.hall) >= layout.halls.size())
      return QStringLiteral("row of hall %1").arg(row.hall);
  for (const Rack& rack : layout.racks) {
    if (rack.row < 0 || static_cast<std::size_t>(rack.row) >= layout.rows.size())
      return QStringLiteral("rack %1 in row %2").arg(rack.id).arg(rack.row);
    if (rack.role == RackRole::Compute && rack.system >= layout.systemTypes.size())
      return QStringLiteral("rack %1 of system %2").arg(rack.id).arg(rack.system);
    if (!std::isfinite(layout.rackXM(rack)) || !std::isfinite(layout.rackYM(rack)))
      return QStringLiteral("rack %1 at no finite place").arg(rack.id);
  }
  return {};
}

int environmentNumber(const char* name, int fallback) {
  bool isNumber = false;
  const int value = qEnvironmentVariableIntValue(name, &isNumber);
  return isNumber ? value : fallback;
}

}  // namespace

class TestProjectFuzz : public QObject {
  Q_OBJECT
 private slots:
  void damagedFilesNeverCrashNeverChangeAndNeverOpenInvalid() {
    QTemporaryDir folder;
    const QString sources[] = {folder.filePath(QStringLiteral("small.gigaplan")),
                               folder.filePath(QStringLiteral("large.gigaplan"))};
    const char* variants[] = {"a", "large"};
    const auto seed = static_cast<std::uint64_t>(environmentNumber("GIGAPLAN_FUZZ_SEED", 20'240'611));
    std::mt19937_64 random(seed);
    // Fewer large cases: each costs a read of 35,000 racks, and damage lands in the same kinds of page.
    const int casesPerSource[] = {environmentNumber("GIGAPLAN_FUZZ_CASES", 2'300),
                                  environmentNumber("GIGAPLAN_FUZZ_CASES", 2'300) / 3};
    for (int s = 0; s < 2; ++s) {
      QProcess worker;
      worker.start(QStringLiteral(GIGAPLAN_PROJECT_SAVE_WORKER_PATH),
                   {QStringLiteral("write"), sources[s], QString::fromLatin1(variants[s])});
      QVERIFY(worker.waitForFinished(60'000));
      QVERIFY2(worker.exitCode() == 0, worker.readAllStandardError().constData());
      QString error;
      std::optional<Project> project = ProjectStore::open(sources[s], &error);
      QVERIFY2(project, qPrintable(error));
      if (s != 0) continue;  // the large file stays without phases: empty phase tables must survive damage too
      project->phases = randomPhases(random);
      QVERIFY2(ProjectStore::save(*project, sources[s], &error), qPrintable(error));
      project = ProjectStore::open(sources[s], &error);
      QVERIFY2(project && project->phases.size() == 200, qPrintable(error));
    }
    const QString damagedPath = folder.filePath(QStringLiteral("damaged.gigaplan"));
    const QString messagePrefix = QStringLiteral("Cannot open project %1: ").arg(damagedPath);
    const QStringList expectedEntries = {QStringLiteral("damaged.gigaplan"), QStringLiteral("large.gigaplan"),
                                         QStringLiteral("small.gigaplan")};
    int opened[kDamageKinds] = {};
    int refused[kDamageKinds] = {};
    int cases = 0;
    QElapsedTimer timer;
    timer.start();
    for (int s = 0; s < 2; ++s) {
      const QByteArray original = fileBytes(sources[s]);
      QVERIFY(original.size() >= 4 * kPageBytes);
      for (int i = 0; i < casesPerSource[s]; ++i, ++cases) {
        const int kind = i % kDamageKinds;
        const QByteArray bytes = damaged(original, static_cast<DamageKind>(kind), random);
        QVERIFY(writeBytes(damagedPath, bytes));
        const QString where = QStringLiteral("case %1 (%2 of %3, seed %4)")
                                  .arg(cases)
                                  .arg(QString::fromLatin1(kDamageNames[kind]), QFileInfo(sources[s]).fileName())
                                  .arg(seed);
        QString error;
        const std::optional<Project> project = ProjectStore::open(damagedPath, &error);
        if (fileBytes(damagedPath) != bytes ||
            QDir(folder.path()).entryList(QDir::Files | QDir::Hidden) != expectedEntries)
          keepAndFail(bytes, where + QStringLiteral(": opening changed the file or its folder"));
        if (project) {
          ++opened[kind];
          const QString problem = ProjectStore::firstProblem(*project) + unsafeIndex(*project);
          if (!problem.isEmpty()) keepAndFail(bytes, where + QStringLiteral(": opened an invalid project: ") + problem);
        } else {
          ++refused[kind];
          if (!error.startsWith(messagePrefix) || error.mid(messagePrefix.size()).trimmed().isEmpty())
            keepAndFail(bytes, where + QStringLiteral(": refused without a message: ") + error);
        }
        if (QTest::currentTestFailed()) return;
      }
    }
    const qint64 elapsedMs = timer.elapsed();

    int totalOpened = 0;
    for (int kind = 0; kind < kDamageKinds; ++kind) {
      qInfo("%-17s %5d opened %5d refused", kDamageNames[kind], opened[kind], refused[kind]);
      totalOpened += opened[kind];
    }
    qInfo("%d damaged files in %lld ms: %d opened, %d refused (seed %llu)", cases, elapsedMs, totalOpened,
          cases - totalOpened, static_cast<unsigned long long>(seed));
    QVERIFY(cases >= 3000 || qEnvironmentVariableIsSet("GIGAPLAN_FUZZ_CASES"));
    // Both outcomes occur: garbage after the last page is ignored, a zeroed header is refused.
    QVERIFY(opened[static_cast<int>(DamageKind::AppendedGarbage)] > 0);
    QVERIFY(refused[static_cast<int>(DamageKind::Truncation)] > 0);
  }

 private:
  /// Fails the test and keeps the damaged file in the working folder, so that the case can be examined.
  static void keepAndFail(const QByteArray& bytes, const QString& message) {
    const QString kept = QDir::current().filePath(QStringLiteral("fuzz-failure.gigaplan"));
    writeBytes(kept, bytes);
    QTest::qFail(qPrintable(message + QStringLiteral(" (kept as %1)").arg(kept)), __FILE__, __LINE__);
  }
};

QTEST_GUILESS_MAIN(TestProjectFuzz)
#include "TestProjectFuzz.moc"
