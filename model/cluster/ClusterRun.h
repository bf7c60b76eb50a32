#pragma once

#include "optimize/DesignSearch.h"

namespace gigaplan {

/// This process's place in a run of several: an MPI job started by mpirun or srun, where every
/// rank runs the same search and each evaluates its share of every generation, or a process of its
/// own (rank 0 of 1) when started alone or built without MPI.
///
/// The search itself needs no messages: every rank draws the same designs from the same seed, so
/// only the evaluations are split. Each rank screens a contiguous share of a generation's new
/// designs and all ranks gather every share (MPI_Allgatherv: one objective vector and violation per
/// design, (objectives + 1) x 8 bytes each); the finalists are dealt by their expected cost
/// (dealByRacks), each gathered as its figures ((kOutputCount + 2) x 8 bytes). Every rank ends with the
/// same front; rank 0 reports it.
class ClusterRun {
 public:
  /// Joins the MPI job the program was started in, once; alone otherwise.
  static ClusterRun& join(int* argc, char*** argv);
  /// Whether the environment says the program was started by mpirun or srun with more than one rank.
  static bool startedUnderMpi();
  /// Whether this build can run under MPI.
  static bool builtWithMpi();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool isRoot() const { return rank_ == 0; }

  /// Whether every rank says true (a collective: every rank calls it); `mine` alone without MPI.
  bool everyRank(bool mine) const;

  /// The search's evaluations shared among the ranks; this process's own when it runs alone.
  SearchEvaluators evaluators(const OptimizeSpec& spec, DesignScreen& screen) const;

  ~ClusterRun();
  ClusterRun(const ClusterRun&) = delete;
  ClusterRun& operator=(const ClusterRun&) = delete;

 private:
  ClusterRun() = default;
  int rank_ = 0;
  int size_ = 1;
  bool joined_ = false;
};

/// Designs shared among `size` ranks for their floors: largest first (the engine's rack count,
/// which a floor's cost follows), each to the rank with the fewest racks so far. Each share lists
/// indices into `designs`, ascending; every rank deals alike.
std::vector<std::vector<std::size_t>> dealByRacks(const OptimizeSpec& spec, const std::vector<Genome>& designs,
                                                  int size);

/// The share [first, last) of `count` items that rank `rank` of `size` takes: contiguous, the
/// first `count % size` ranks one more.
std::pair<std::size_t, std::size_t> shareOf(std::size_t count, int rank, int size);

}  // namespace gigaplan
