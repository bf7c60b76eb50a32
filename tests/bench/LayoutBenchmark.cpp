// gigaplan-layout-bench: the 1,000,000-GPU preset's floor, measured.
// Targets: layout and every cable length under 200 ms; save under 1 s, and within 2x a plain
// sqlite3 bulk insert of the same rows measured in the same run; open under 0.5 s; a file under
// 20 MB; one pick (ray to rack) under 1 ms.
#include <sqlite3.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QStringList>
#include <QTemporaryDir>
#include <cstdio>
#include <random>

#include "BenchmarkReport.h"
#include "engine/Evaluator.h"
#include "layout/LayoutEvaluation.h"
#include "layout/LayoutGenerator.h"
#include "layout/RackPicker.h"
#include "plan/PresetLibrary.h"
#include "storage/ProjectStore.h"

using namespace gigaplan;
using namespace gigaplan::bench;

namespace {

/// The baseline: the layout's rows written with the SQLite C API and nothing else, in one
/// transaction with prepared statements, to a fresh file.
double plainSqliteInsertMs(const SiteLayout& layout, const QString& path) {
  QElapsedTimer timer;
  timer.start();
  sqlite3* db = nullptr;
  sqlite3_open(path.toUtf8().constData(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
               "CREATE TABLE hall(idx INTEGER PRIMARY KEY, building INTEGER, name TEXT, x REAL, y REAL, w REAL, d REAL,"
               " p REAL, c REAL, f REAL);"
               "CREATE TABLE row(idx INTEGER PRIMARY KEY, hall INTEGER, x REAL, y REAL, slots INTEGER);"
               "CREATE TABLE rack(id INTEGER PRIMARY KEY, row INTEGER, slot INTEGER, role INTEGER, system INTEGER,"
               " phase INTEGER, units INTEGER, power REAL, mass REAL);",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* hall = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO hall VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &hall, nullptr);
  for (std::size_t i = 0; i < layout.halls.size(); ++i) {
    const Hall& h = layout.halls[i];
    sqlite3_bind_int64(hall, 1, static_cast<sqlite3_int64>(i));
    sqlite3_bind_int(hall, 2, h.building);
    const QByteArray name = h.name.toUtf8();
    sqlite3_bind_text(hall, 3, name.constData(), -1, SQLITE_TRANSIENT);
    const double values[7] = {h.xM, h.yM, h.widthM, h.depthM, h.powerLimitMw, h.coolingLimitMw, h.floorLoadLimitKgM2};
    for (int v = 0; v < 7; ++v) sqlite3_bind_double(hall, 4 + v, values[v]);
    sqlite3_step(hall);
    sqlite3_reset(hall);
  }
  sqlite3_stmt* row = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO row VALUES (?,?,?,?,?)", -1, &row, nullptr);
  for (std::size_t i = 0; i < layout.rows.size(); ++i) {
    const Row& r = layout.rows[i];
    sqlite3_bind_int64(row, 1, static_cast<sqlite3_int64>(i));
    sqlite3_bind_int(row, 2, r.hall);
    sqlite3_bind_double(row, 3, r.xM);
    sqlite3_bind_double(row, 4, r.yM);
    sqlite3_bind_int(row, 5, r.slotCount);
    sqlite3_step(row);
    sqlite3_reset(row);
  }
  sqlite3_stmt* rack = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO rack VALUES (?,?,?,?,?,?,?,?,?)", -1, &rack, nullptr);
  for (const Rack& r : layout.racks) {
    sqlite3_bind_int64(rack, 1, r.id);
    sqlite3_bind_int(rack, 2, r.row);
    sqlite3_bind_int(rack, 3, r.slot);
    sqlite3_bind_int(rack, 4, static_cast<int>(r.role));
    sqlite3_bind_int(rack, 5, r.system);
    sqlite3_bind_int(rack, 6, r.phase);
    sqlite3_bind_int(rack, 7, r.units);
    sqlite3_bind_double(rack, 8, r.powerKw);
    sqlite3_bind_double(rack, 9, r.massKg);
    sqlite3_step(rack);
    sqlite3_reset(rack);
  }
  sqlite3_finalize(hall);
  sqlite3_finalize(row);
  sqlite3_finalize(rack);
  sqlite3_exec(db, "COMMIT;", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return millisecondsSince(timer);
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const bool check = QCoreApplication::arguments().contains(QStringLiteral("--check"));
  const auto preset = millionGpuPreset();
  if (!preset) return 2;
  const Scenario* scenario = &preset->first;
  const ResolvedScenario* resolved = &preset->second;
  const auto reach = LayoutEvaluation::reachLimits(*scenario, HardwareCatalog::bundled());

  // Layout and cable lengths: best of five, since the first run also warms caches.
  double layoutMs = 1e9;
  Project project{*scenario, {}, {}, {}, {}};
  LayoutEvaluation evaluation;
  for (int run = 0; run < 5; ++run) {
    QElapsedTimer timer;
    timer.start();
    QString error;
    const OutputValues outputs = evaluate(resolved->values);
    auto layout = LayoutGenerator::generate(resolved->values, outputs, scenario->systemType, HallTemplate{}, &error);
    if (!layout) {
      std::fprintf(stderr, "error: %s\n", qPrintable(error));
      return 2;
    }
    evaluation = LayoutEvaluation::evaluate(resolved->values, *layout, reach);
    layoutMs = std::min(layoutMs, millisecondsSince(timer));
    project.layout = std::move(*layout);
  }
  double links = 0;
  for (const TierCabling& tier : evaluation.cabling.tiers) links += tier.links;

  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("million.gigaplan"));
  double saveMs = 1e9, baselineMs = 1e9, openMs = 1e9;
  for (int run = 0; run < 3; ++run) {
    baselineMs =
        std::min(baselineMs, plainSqliteInsertMs(project.layout, dir.filePath(QStringLiteral("plain-%1.db").arg(run))));
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!ProjectStore::save(project, path, &error)) {
      std::fprintf(stderr, "error: %s\n", qPrintable(error));
      return 2;
    }
    saveMs = std::min(saveMs, millisecondsSince(timer));
    timer.restart();
    if (!ProjectStore::open(path, &error)) {
      std::fprintf(stderr, "error: %s\n", qPrintable(error));
      return 2;
    }
    openMs = std::min(openMs, millisecondsSince(timer));
  }
  const double fileMb = static_cast<double>(QFileInfo(path).size()) / 1e6;

  // Picks from a camera above the site towards random racks, as hovering does.
  RackPicker picker(project.layout);
  std::mt19937_64 random(3);
  std::uniform_int_distribution<std::size_t> anyRack(0, project.layout.racks.size() - 1);
  const int picks = 2000;
  int hits = 0;
  QElapsedTimer timer;
  timer.start();
  for (int i = 0; i < picks; ++i) {
    const Rack& target = project.layout.racks[anyRack(random)];
    const Eigen::Vector3d aim(project.layout.rackXM(target) + 0.3, project.layout.rackYM(target) + 0.6, 1.0);
    const Eigen::Vector3d camera = aim + Eigen::Vector3d(-60.0, -80.0, 120.0);
    hits += picker.pick(camera, (aim - camera).normalized()) >= 0;
  }
  const double pickMs = millisecondsSince(timer) / picks;

  std::printf("gigaplan-layout-bench: 1M-GPU preset, %zu racks in %zu halls, %.0f fabric links measured\n",
              project.layout.racks.size(), project.layout.halls.size(), links);
  std::printf("  layout and every cable length   %8.1f ms   target < 200 ms                %s\n", layoutMs,
              verdict(layoutMs < 200));
  std::printf("  save                            %8.1f ms   target < 1000 ms               %s\n", saveMs,
              verdict(saveMs < 1000));
  std::printf("  plain sqlite3 bulk insert       %8.1f ms   (baseline, same rows)\n", baselineMs);
  std::printf("  save / baseline                 %8.2f x    target <= 2x                   %s\n", saveMs / baselineMs,
              verdict(saveMs <= 2 * baselineMs));
  std::printf("  open                            %8.1f ms   target < 500 ms                %s\n", openMs,
              verdict(openMs < 500));
  std::printf("  file size                       %8.2f MB   target < 20 MB                 %s\n", fileMb,
              verdict(fileMb < 20));
  std::printf("  one pick (ray to rack)          %8.4f ms   target < 1 ms                  %s  (%d of %d hit)\n",
              pickMs, verdict(pickMs < 1), hits, picks);
  const bool allMet =
      layoutMs < 200 && saveMs < 1000 && saveMs <= 2 * baselineMs && openMs < 500 && fileMb < 20 && pickMs < 1;
  return check && !allMet ? 1 : 0;
}
