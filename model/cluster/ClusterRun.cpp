#include "cluster/ClusterRun.h"

#include <cmath>
#include <cstdlib>
#include <numeric>

#include "plan/PhasePlan.h"

#ifdef GIGAPLAN_WITH_MPI
// The C interface only: MPI's C++ bindings are deprecated and would need their own library.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace gigaplan {

std::pair<std::size_t, std::size_t> shareOf(std::size_t count, int rank, int size) {
  const auto ranks = static_cast<std::size_t>(std::max(size, 1));
  const auto r = static_cast<std::size_t>(rank);
  const std::size_t base = count / ranks, extra = count % ranks;
  const std::size_t first = r * base + std::min(r, extra);
  return {first, first + base + (r < extra ? 1 : 0)};
}

std::vector<std::vector<std::size_t>> dealByRacks(const OptimizeSpec& spec, const std::vector<Genome>& designs,
                                                  int size) {
  std::vector<double> racks(designs.size(), 1.0);
  for (std::size_t d = 0; d < designs.size(); ++d) {
    ScenarioErrors errors;
    if (const auto plan = PhasePlan::evaluate(spec.projectOf(designs[d]), errors))
      racks[d] = std::max(1.0, valueOf(plan->phases.back().site, OutputId::clusterRacks));
  }
  std::vector<std::size_t> order(designs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return racks[a] > racks[b]; });
  std::vector<std::vector<std::size_t>> shares(static_cast<std::size_t>(std::max(size, 1)));
  std::vector<double> load(shares.size(), 0.0);
  for (std::size_t d : order) {
    const auto least = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    shares[least].push_back(d);
    load[least] += racks[d];
  }
  for (auto& share : shares) std::sort(share.begin(), share.end());
  return shares;
}

bool ClusterRun::startedUnderMpi() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "SLURM_NTASKS"}) {
    const char* value = std::getenv(variable);
    if (value && std::atoi(value) > 1) return true;
  }
  return false;
}

bool ClusterRun::builtWithMpi() {
#ifdef GIGAPLAN_WITH_MPI
  return true;
#else
  return false;
#endif
}

ClusterRun& ClusterRun::join(int* argc, char*** argv) {
  static ClusterRun run;
#ifdef GIGAPLAN_WITH_MPI
  if (!run.joined_ && startedUnderMpi()) {
    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &run.rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &run.size_);
    run.joined_ = true;
  }
#else
  (void)argc;
  (void)argv;
#endif
  return run;
}

bool ClusterRun::everyRank(bool mine) const {
#ifdef GIGAPLAN_WITH_MPI
  if (joined_) {
    int local = mine ? 1 : 0, all = 0;
    MPI_Allreduce(&local, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return all == 1;
  }
#endif
  return mine;
}

ClusterRun::~ClusterRun() {
#ifdef GIGAPLAN_WITH_MPI
  if (joined_) MPI_Finalize();
#endif
}

#ifdef GIGAPLAN_WITH_MPI
namespace {

/// Every rank's share of the items (`items[r]` of them from rank r, in rank order), `width`
/// doubles each, gathered on every rank.
std::vector<double> gatherShares(const std::vector<double>& mine, const std::vector<int>& items, std::size_t width) {
  std::vector<int> counts, offsets;
  int offset = 0;
  for (int share : items) {
    counts.push_back(share * static_cast<int>(width));
    offsets.push_back(offset);
    offset += counts.back();
  }
  std::vector<double> all(static_cast<std::size_t>(offset));
  MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), MPI_DOUBLE, all.data(), counts.data(), offsets.data(),
                 MPI_DOUBLE, MPI_COMM_WORLD);
  return all;
}

std::vector<double> gatherShares(const std::vector<double>& mine, std::size_t count, std::size_t width, int size) {
  std::vector<int> items;
  for (int r = 0; r < size; ++r) {
    const auto [first, last] = shareOf(count, r, size);
    items.push_back(static_cast<int>(last - first));
  }
  return gatherShares(mine, items, width);
}

}  // namespace
#endif

SearchEvaluators ClusterRun::evaluators(const OptimizeSpec& spec, DesignScreen& screen) const {
  SearchEvaluators evaluators;
  evaluators.screen = [&screen](const std::vector<Genome>& designs) { return screen.screen(designs); };
  if (size_ <= 1) return evaluators;  // the search's own, in this process
#ifdef GIGAPLAN_WITH_MPI
  const int rank = rank_, size = size_;
  evaluators.screen = [&screen, &spec, rank, size](const std::vector<Genome>& designs) {
    const auto [first, last] = shareOf(designs.size(), rank, size);
    const std::vector<DesignFigures> mine = screen.screen(std::vector<Genome>(
        designs.begin() + static_cast<std::ptrdiff_t>(first), designs.begin() + static_cast<std::ptrdiff_t>(last)));
    const std::size_t width = spec.objectives.size() + 1;
    std::vector<double> packed;
    for (const DesignFigures& f : mine) {
      packed.insert(packed.end(), f.objectives.begin(), f.objectives.end());
      packed.push_back(f.violation);
    }
    const std::vector<double> all = gatherShares(packed, designs.size(), width, size);
    std::vector<DesignFigures> figures(designs.size());
    for (std::size_t d = 0; d < designs.size(); ++d) {
      figures[d].objectives.assign(all.begin() + static_cast<std::ptrdiff_t>(d * width),
                                   all.begin() + static_cast<std::ptrdiff_t>(d * width + width - 1));
      figures[d].violation = all[d * width + width - 1];
    }
    return figures;
  };
  evaluators.onFloor = [&spec, rank, size](const std::vector<Genome>& ordered) {
    // A floor's cost follows its racks: each design goes, largest first, to the rank with the
    // least work so far (the engine's rack count as the measure; every rank deals alike).
    // `designs` lists them rank by rank, `dealt` where each came from.
    const std::vector<std::vector<std::size_t>> shares = dealByRacks(spec, ordered, size);
    std::vector<std::size_t> dealt;
    for (const auto& share : shares) dealt.insert(dealt.end(), share.begin(), share.end());
    std::vector<Genome> designs;
    for (std::size_t d : dealt) designs.push_back(ordered[d]);
    std::size_t first = 0;
    for (int r = 0; r < rank; ++r) first += shares[static_cast<std::size_t>(r)].size();
    const std::size_t last = first + shares[static_cast<std::size_t>(rank)].size();
    // Each finalist as its figures, its broken limits and whether it had a floor at all.
    const std::size_t width = kOutputCount + 2;
    std::vector<double> packed;
    for (std::size_t d = first; d < last; ++d) {
      const Finalist finalist = evaluateOnFloor(spec, designs[d]);
      packed.insert(packed.end(), finalist.figures.begin(), finalist.figures.end());
      packed.push_back(finalist.brokenLimits);
      // What the figures of the last phase do not show: a constraint broken in an earlier phase, no floor.
      packed.push_back(finalist.judged.violation -
                       judge(spec, finalist.figures, true, finalist.brokenLimits).violation);
    }
    std::vector<int> counts;
    for (const auto& share : shares) counts.push_back(static_cast<int>(share.size()));
    const std::vector<double> all = gatherShares(packed, counts, width);
    std::vector<Finalist> finalists(designs.size());
    for (std::size_t d = 0; d < designs.size(); ++d) {
      Finalist& finalist = finalists[dealt[d]];
      finalist.genes = designs[d];
      std::copy(all.begin() + static_cast<std::ptrdiff_t>(d * width),
                all.begin() + static_cast<std::ptrdiff_t>(d * width + kOutputCount), finalist.figures.begin());
      finalist.brokenLimits = static_cast<int>(all[d * width + kOutputCount]);
      finalist.judged = judge(spec, finalist.figures, true, finalist.brokenLimits, &finalist.problems);
      const double unexplained = all[d * width + kOutputCount + 1];
      if (unexplained > 0) {
        finalist.judged.violation += unexplained;
        finalist.problems << QStringLiteral(
            "breaks a constraint in an earlier phase, or has no floor or no figures (run it alone for the reason)");
      }
    }
    return finalists;
  };
#else
  (void)spec;
#endif
  return evaluators;
}

}  // namespace gigaplan
