#pragma once

#include <QString>
#include <optional>

#include "files/FileGuard.h"
#include "plan/PhasePlan.h"
#include "plan/Project.h"
#include "plan/TenantPlan.h"

namespace gigaplan {

/// Project files: one SQLite database per project, written atomically and read without trusting
/// a single byte of it.
class ProjectStore {
 public:
  /// 1: scenario and layout; 2: adds the phase tables (files of version 1 open with no phases);
  /// 3: adds variants; 4: adds tenants and the racks' tenant marks (older files open with none);
  /// 5: a compute rack's units are the nodes it holds (older files held whole racks, as 1), and
  /// locked halls; 6: the hand edits a re-lay could not keep.
  static constexpr int kSchemaVersion = 6;

  /// Limits a project must keep; larger counts in a file are damage, not a plan.
  static constexpr int kMaxBuildings = 10'000;
  static constexpr int kMaxHalls = 10'000;
  static constexpr int kMaxRows = 1'000'000;
  static constexpr int kMaxRacks = 2'000'000;
  static constexpr int kMaxSlotsPerRow = 1'000;
  static constexpr int kMaxSystemTypes = 256;  ///< Rack::system is one byte
  static constexpr double kMaxDistanceM = 1.0e6;
  static constexpr int kMaxPhases = PhasePlan::kMaxPhases;
  static constexpr int kMaxSystemsPerPhase = 64;
  static constexpr int kMaxPhaseNameChars = PhasePlan::kMaxNameChars;
  static constexpr int kMaxVariants = 100;
  static constexpr int kMaxVariantDocumentBytes = 4 * 1024 * 1024;
  static constexpr double kMaxPhaseGpus = 1.0e7;  ///< per system type of a phase; cluster.gpus has the same ceiling
  static constexpr int kMaxTenants = TenantPlan::kMaxTenants;

  /// How long a save or an open waits for another program's lock on the file.
  static constexpr int kLockTimeoutMs = 30'000;

  /// What a save checks and tells beyond its success.
  struct SaveCheck {
    /// The file as it was read: when the file on disk is no longer that file (another program
    /// saved it, replaced or removed it), nothing is saved and `changedOnDisk` is set.
    const FileStamp* expected = nullptr;
    bool changedOnDisk = false;
    /// The file as written, for the next save's check.
    std::optional<FileStamp> written;
  };

  /// Writes the whole project to `path` atomically, under the file's lock (FileLock), through
  /// links to the file they end at, keeping its owner, group and mode. Returns false and sets
  /// `error` on failure; the file on disk is then as it was.
  static bool save(const Project& project, const QString& path, QString* error, SaveCheck* check = nullptr);
  /// Reads a project; on any problem returns nothing and sets `error` to a clear message naming the
  /// file and the problem (and the table/row/field where one is at fault). Never modifies the file.
  /// With `stamp`, reads under the file's lock and stamps the file read (for SaveCheck).
  static std::optional<Project> open(const QString& path, QString* error, FileStamp* stamp = nullptr);
  /// Whether `path` is a file Gigaplan wrote (an SQLite database with Gigaplan's application id),
  /// judged by its header alone.
  static bool isProjectFile(const QString& path);
  /// Whether `path` is to be opened as a project rather than read as a scenario: a regular file
  /// named *.gigaplan or starting like an SQLite database. An empty or damaged one then gets the
  /// project's message ("the file is empty (not a Gigaplan project)"), not a JSON parser's. Only a
  /// regular file is looked into: reading a pipe's first bytes would take them from its reader.
  static bool isMeantAsProject(const QString& path);

  /// The first value that keeps a project from being stored, named by table, row and field as in
  /// the file (e.g. "hall 3, width_m: -5 is not a positive size"); empty when there is none.
  /// `save` refuses such a project and `open` rejects a file holding one.
  static QString firstProblem(const Project& project);
};

}  // namespace gigaplan
