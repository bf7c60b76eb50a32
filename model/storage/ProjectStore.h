#pragma once

#include <QString>
#include <optional>

#include "plan/Project.h"

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
  static constexpr int kMaxPhases = 1'000;
  static constexpr int kMaxSystemsPerPhase = 64;
  static constexpr int kMaxPhaseNameChars = 200;
  static constexpr int kMaxVariants = 100;
  static constexpr int kMaxVariantDocumentBytes = 4 * 1024 * 1024;
  static constexpr double kMaxPhaseGpus = 1.0e7;  ///< per system type of a phase; cluster.gpus has the same ceiling
  static constexpr int kMaxTenants = 254;         ///< Rack::tenant is one byte: 0 for none, 1 + index for a tenant

  /// Writes the whole project to `path` atomically. Returns false and sets `error` on failure.
  static bool save(const Project& project, const QString& path, QString* error);
  /// Reads a project; on any problem returns nothing and sets `error` to a clear message naming the
  /// file and the problem (and the table/row/field where one is at fault). Never modifies the file.
  static std::optional<Project> open(const QString& path, QString* error);

  /// The first value that keeps a project from being stored, named by table, row and field as in
  /// the file (e.g. "hall 3, width_m: -5 is not a positive size"); empty when there is none.
  /// `save` refuses such a project and `open` rejects a file holding one.
  static QString firstProblem(const Project& project);
};

}  // namespace gigaplan
