#pragma once

#include <QStringList>
#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "optimize/OptimizeSpec.h"
#include "plan/PhasePlan.h"

namespace gigaplan {

/// A design of the space: for each variable of the spec, the index of its value.
using Genome = std::vector<int>;

/// How a design fares: its objective figures (as the spec names them, NaN where unknown) and how
/// far it breaks the constraints (0 when it keeps them all; the sum of each broken bound's excess
/// relative to the bound, plus 1 for a fabric the switch cannot build, a floor that cannot be laid
/// out or each broken limit beyond those allowed).
struct DesignFigures {
  std::vector<double> objectives;
  double violation = 0.0;
};

/// A design judged on its own floor, as the workspace would show it.
struct Finalist {
  Genome genes;
  OutputValues figures{};  ///< the site's figures on the design's floor (evaluateProject)
  DesignFigures judged;
  int brokenLimits = 0;
  QStringList problems;  ///< why it breaks the constraints, in words
};

/// The engine's batched path for many designs at once: designs that share their catalog choices
/// (system, switch) share one resolved base scenario and go through BatchEvaluator together.
/// Phased designs are evaluated as plans, phase by phase, by the engine (PhasePlan::evaluate).
/// Figures only a floor gives (availability.*, ...) are NaN here and left to the finalists.
class DesignScreen {
 public:
  explicit DesignScreen(const OptimizeSpec& spec);
  std::vector<DesignFigures> screen(const std::vector<Genome>& designs);

 private:
  std::vector<DesignFigures> screenPlans(const std::vector<Genome>& designs) const;
  const OptimizeSpec& spec_;
  std::vector<OutputId> wanted_;                        ///< objectives, then constraints, then network.feasible
  std::vector<std::size_t> numeric_, choices_;          ///< variables by kind
  std::map<Genome, std::optional<InputValues>> bases_;  ///< by the catalog choices' genes
};

/// Evaluates one design on a floor laid out for it (layOut, evaluateProject, ProjectFindings).
Finalist evaluateOnFloor(const OptimizeSpec& spec, const Genome& genes);

/// Judges figures against the spec's objectives and constraints; `onFloor` when every figure is
/// known (finalists), else figures only a floor gives are skipped.
/// Constraints held in every phase are judged on `phases`' sites too, when given.
DesignFigures judge(const OptimizeSpec& spec, const OutputValues& figures, bool onFloor, int brokenLimits,
                    QStringList* problems = nullptr, const std::vector<PhaseResult>* phases = nullptr);

/// Constrained domination (Deb): a design keeping the constraints beats one breaking them; of two
/// breaking them the one breaking them less; of two keeping them, the one no worse in every
/// objective and better in one. Unknown (NaN) objectives are skipped.
bool dominates(const OptimizeSpec& spec, const DesignFigures& a, const DesignFigures& b);

/// The outcome of a search.
struct SearchResult {
  std::vector<Finalist> front;      ///< the finalists no other finalist dominates, by the first objective
  std::vector<Finalist> finalists;  ///< every design evaluated on its floor, in the order evaluated
  std::int64_t screened = 0;        ///< distinct designs screened by the engine
  int generations = 0;
  bool cancelled = false;
};

/// The hooks a search runs its evaluations through: by default in this process; the MPI runner
/// splits them across ranks. Each returns one entry per design, in order, whatever the split.
struct SearchEvaluators {
  std::function<std::vector<DesignFigures>(const std::vector<Genome>&)> screen;
  std::function<std::vector<Finalist>(const std::vector<Genome>&)> onFloor;
};

/// NSGA-II (Deb et al., 2002) over the spec's discrete space: a population of `population`
/// designs (the base plan among the first when the space holds it), each generation's children bred by binary
/// tournament on (rank, crowding distance), uniform crossover and a mutation of each gene with probability 1/variables;
/// parents and children merged and the best `population` kept by non-dominated rank, then crowding distance. Designs
/// are screened by the engine's batched path (each distinct design once); the final population's best `finalists` are
/// then evaluated on their own floors and the front is taken among them. The same spec and seed give the same front,
/// however the evaluations are split. `progress(stage, done)` hears of both stages; false cancels.
SearchResult optimize(const OptimizeSpec& spec, const std::function<bool(const QString&, double)>& progress,
                      SearchEvaluators evaluators = {});

}  // namespace gigaplan
