#include "optimize/DesignSearch.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>

#include "engine/Evaluator.h"
#include "engine/HardwareCatalog.h"
#include "engine/Sweep.h"
#include "plan/ProjectEvaluation.h"
#include "plan/ProjectFindings.h"

namespace gigaplan {

namespace {

/// How far `value` lies outside [min, max], relative to the bound it crosses.
double excess(double value, const Constraint& c) {
  if (std::isnan(value)) return 1.0;
  if (value < c.min) return (c.min - value) / std::max(std::fabs(c.min), 1.0);
  if (value > c.max) return (value - c.max) / std::max(std::fabs(c.max), 1.0);
  return 0.0;
}

/// An objective as a figure to make small.
double towardsSmall(const Objective& objective, double value) {
  return objective.maximize ? -value : value;
}

struct Member {
  Genome genes;
  DesignFigures figures;
  int rank = 0;
  double crowding = 0.0;
};

/// Fronts of `members` by constrained domination, best first; sets each member's rank.
std::vector<std::vector<std::size_t>> sortFronts(const OptimizeSpec& spec, std::vector<Member>& members) {
  const std::size_t n = members.size();
  std::vector<std::vector<std::size_t>> dominated(n);
  std::vector<int> dominatedBy(n, 0);
  std::vector<std::vector<std::size_t>> fronts(1);
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t q = 0; q < n; ++q) {
      if (p == q) continue;
      if (dominates(spec, members[p].figures, members[q].figures))
        dominated[p].push_back(q);
      else if (dominates(spec, members[q].figures, members[p].figures))
        ++dominatedBy[p];
    }
    if (dominatedBy[p] == 0) {
      members[p].rank = 0;
      fronts[0].push_back(p);
    }
  }
  for (std::size_t f = 0; !fronts[f].empty(); ++f) {
    std::vector<std::size_t> next;
    for (std::size_t p : fronts[f])
      for (std::size_t q : dominated[p])
        if (--dominatedBy[q] == 0) {
          members[q].rank = static_cast<int>(f + 1);
          next.push_back(q);
        }
    fronts.push_back(std::move(next));
  }
  fronts.pop_back();
  return fronts;
}

/// Crowding distance of each member of a front: the sides of the cuboid its neighbours span, per
/// objective, relative to the front's range; the ends of each objective are kept (infinite).
void setCrowding(const OptimizeSpec& spec, std::vector<Member>& members, const std::vector<std::size_t>& front) {
  for (std::size_t i : front) members[i].crowding = 0.0;
  for (std::size_t o = 0; o < spec.objectives.size(); ++o) {
    std::vector<std::size_t> order = front;
    auto value = [&](std::size_t i) {
      const double v = members[i].figures.objectives[o];
      return std::isnan(v) ? 0.0 : v;
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return value(a) < value(b); });
    const double range = value(order.back()) - value(order.front());
    members[order.front()].crowding = members[order.back()].crowding = std::numeric_limits<double>::infinity();
    if (range <= 0) continue;
    for (std::size_t k = 1; k + 1 < order.size(); ++k)
      members[order[k]].crowding += (value(order[k + 1]) - value(order[k - 1])) / range;
  }
}

/// The better of two by rank, then crowding; the first on a tie.
const Member& tournament(const Member& a, const Member& b) {
  if (a.rank != b.rank) return a.rank < b.rank ? a : b;
  return b.crowding > a.crowding ? b : a;
}

std::size_t uniformIndex(SampleGenerator& random, std::size_t count) {
  return std::min(count - 1, static_cast<std::size_t>(uniformSample(random) * static_cast<double>(count)));
}

}  // namespace

DesignFigures judge(const OptimizeSpec& spec, const OutputValues& figures, bool onFloor, int brokenLimits,
                    QStringList* problems, const std::vector<PhaseResult>* phases) {
  DesignFigures judged;
  for (const Objective& objective : spec.objectives) {
    const double value = valueOf(figures, objective.output);
    judged.objectives.push_back(!onFloor && needsFloor(objective.output) ? std::nan("") : value);
  }
  for (const Constraint& constraint : spec.constraints) {
    if (!onFloor && needsFloor(constraint.output)) continue;
    const double value = valueOf(figures, constraint.output);
    const double over = excess(value, constraint);
    judged.violation += over;
    if (over > 0 && problems)
      *problems << QStringLiteral("%1 is %2, outside [%3, %4]")
                       .arg(QString::fromLatin1(outputSpec(constraint.output).path))
                       .arg(value, 0, 'g', 6)
                       .arg(constraint.min, 0, 'g', 6)
                       .arg(constraint.max, 0, 'g', 6);
    // The earlier phases' sites (the last is the site above).
    if (constraint.everyPhase && phases)
      for (std::size_t k = 0; k + 1 < phases->size(); ++k) {
        const double early = valueOf((*phases)[k].site, constraint.output);
        const double before = excess(early, constraint);
        judged.violation += before;
        if (before > 0 && problems)
          *problems << QStringLiteral("%1 is %2 after %3, outside [%4, %5]")
                           .arg(QString::fromLatin1(outputSpec(constraint.output).path))
                           .arg(early, 0, 'g', 6)
                           .arg((*phases)[k].name)
                           .arg(constraint.min, 0, 'g', 6)
                           .arg(constraint.max, 0, 'g', 6);
      }
  }
  if (!(valueOf(figures, OutputId::networkFeasible) > 0.5)) {
    judged.violation += 1.0;
    if (problems) *problems << QStringLiteral("the switch cannot build the fabric");
  }
  if (spec.maxBrokenLimits >= 0 && brokenLimits > spec.maxBrokenLimits) {
    judged.violation += brokenLimits - spec.maxBrokenLimits;
    if (problems) *problems << QStringLiteral("%1 limits of the floor broken").arg(brokenLimits);
  }
  return judged;
}

bool dominates(const OptimizeSpec& spec, const DesignFigures& a, const DesignFigures& b) {
  if (a.violation > 0 || b.violation > 0) return a.violation < b.violation;
  bool better = false;
  for (std::size_t o = 0; o < spec.objectives.size(); ++o) {
    const double x = a.objectives[o], y = b.objectives[o];
    if (std::isnan(x) || std::isnan(y)) continue;
    const double small = towardsSmall(spec.objectives[o], x), other = towardsSmall(spec.objectives[o], y);
    if (small > other) return false;
    if (small < other) better = true;
  }
  return better;
}

DesignScreen::DesignScreen(const OptimizeSpec& spec) : spec_(spec) {
  for (const Objective& objective : spec.objectives) wanted_.push_back(objective.output);
  for (const Constraint& constraint : spec.constraints) wanted_.push_back(constraint.output);
  wanted_.push_back(OutputId::networkFeasible);
  for (std::size_t v = 0; v < spec.space.size(); ++v) (spec.space[v].batched() ? numeric_ : choices_).push_back(v);
}

std::vector<DesignFigures> DesignScreen::screenPlans(const std::vector<Genome>& designs) const {
  std::vector<DesignFigures> result(designs.size());
  for (std::size_t d = 0; d < designs.size(); ++d) {
    ScenarioErrors errors;
    const auto plan = PhasePlan::evaluate(spec_.projectOf(designs[d]), errors);
    if (!plan) {
      result[d].objectives.assign(spec_.objectives.size(), std::nan(""));
      result[d].violation = 1.0;
      continue;
    }
    result[d] = judge(spec_, plan->phases.back().site, false, 0, nullptr, &plan->phases);
  }
  return result;
}

std::vector<DesignFigures> DesignScreen::screen(const std::vector<Genome>& designs) {
  if (spec_.phased()) return screenPlans(designs);
  std::vector<DesignFigures> result(designs.size());
  // Designs by their catalog choices: each group one batch on one resolved base.
  std::map<Genome, std::vector<std::size_t>> groups;
  for (std::size_t d = 0; d < designs.size(); ++d) {
    Genome key;
    for (std::size_t v : choices_) key.push_back(designs[d][v]);
    groups[key].push_back(d);
  }
  const BatchEvaluator evaluator;
  ScenarioMatrix outputs;
  for (const auto& [key, members] : groups) {
    auto base = bases_.find(key);
    if (base == bases_.end()) {
      Genome genes(spec_.space.size(), 0);
      for (std::size_t c = 0; c < choices_.size(); ++c) genes[choices_[c]] = key[c];
      for (std::size_t v : numeric_) genes[v] = 0;
      ScenarioErrors errors;
      const auto resolved = spec_.scenarioOf(genes).resolve(HardwareCatalog::bundled(), errors);
      base = bases_.emplace(key, resolved ? std::optional<InputValues>(resolved->values) : std::nullopt).first;
    }
    if (!base->second) {  // the choices do not resolve: every design of them breaks the constraints
      for (std::size_t d : members) {
        result[d].objectives.assign(spec_.objectives.size(), std::nan(""));
        result[d].violation = 1.0;
      }
      continue;
    }
    ScenarioBatch batch;
    batch.base = *base->second;
    for (std::size_t v : numeric_) batch.varied.push_back(*spec_.space[v].input);
    batch.values.resize(static_cast<Eigen::Index>(members.size()), static_cast<Eigen::Index>(numeric_.size()));
    for (std::size_t m = 0; m < members.size(); ++m)
      for (std::size_t n = 0; n < numeric_.size(); ++n) {
        const DesignVariable& variable = spec_.space[numeric_[n]];
        batch.values(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(n)) =
            variable.values[static_cast<std::size_t>(designs[members[m]][numeric_[n]])].toDouble();
      }
    evaluator.evaluate(batch, wanted_, outputs);
    OutputValues figures{};
    for (std::size_t m = 0; m < members.size(); ++m) {
      for (std::size_t w = 0; w < wanted_.size(); ++w)
        valueOf(figures, wanted_[w]) = outputs(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(w));
      result[members[m]] = judge(spec_, figures, false, 0);
    }
  }
  return result;
}

Finalist evaluateOnFloor(const OptimizeSpec& spec, const Genome& genes) {
  Finalist finalist;
  finalist.genes = genes;
  finalist.figures.fill(std::nan(""));
  Project project = spec.projectOf(genes);
  ScenarioErrors errors;
  auto layout = layOutProject(project, project.layout.hallTemplate, errors);
  if (!layout) {
    finalist.judged.objectives.assign(spec.objectives.size(), std::nan(""));
    finalist.judged.violation = 1.0 + spec.constraints.size();
    finalist.problems << QStringLiteral("no floor: %1").arg(errors.value(0).text());
    return finalist;
  }
  project.layout = std::move(*layout);
  const ProjectResult result = evaluateProject(project);
  finalist.figures = result.evaluation.outputs;
  finalist.brokenLimits = static_cast<int>(ProjectFindings::of(project, result).brokenLimits.size());
  finalist.judged = judge(spec, finalist.figures, true, finalist.brokenLimits, &finalist.problems,
                          result.plan ? &result.plan->phases : nullptr);
  if (!result.error.isEmpty()) {
    finalist.judged.violation += 1.0;
    finalist.problems << result.error;
  }
  return finalist;
}

SearchResult optimize(const OptimizeSpec& spec, const std::function<bool(const QString&, double)>& progress,
                      SearchEvaluators evaluators) {
  SearchResult outcome;
  DesignScreen screen(spec);
  if (!evaluators.screen)
    evaluators.screen = [&screen](const std::vector<Genome>& designs) { return screen.screen(designs); };
  if (!evaluators.onFloor)
    evaluators.onFloor = [&spec](const std::vector<Genome>& designs) {
      std::vector<Finalist> finalists;
      for (const Genome& genes : designs) finalists.push_back(evaluateOnFloor(spec, genes));
      return finalists;
    };

  SampleGenerator random(spec.seed);
  std::map<Genome, DesignFigures> screened;  // each distinct design is screened once
  auto evaluate = [&](std::vector<Member>& members) {
    std::vector<Genome> fresh;
    std::set<Genome> asked;
    for (const Member& member : members)
      if (!screened.count(member.genes) && asked.insert(member.genes).second) fresh.push_back(member.genes);
    if (!fresh.empty()) {
      const std::vector<DesignFigures> figures = evaluators.screen(fresh);
      for (std::size_t i = 0; i < fresh.size(); ++i) screened.emplace(fresh[i], figures[i]);
    }
    for (Member& member : members) member.figures = screened.at(member.genes);
  };
  auto randomGenome = [&] {
    Genome genes(spec.space.size());
    for (std::size_t v = 0; v < genes.size(); ++v)
      genes[v] = static_cast<int>(uniformIndex(random, spec.space[v].values.size()));
    return genes;
  };
  auto rankAll = [&](std::vector<Member>& members) {
    const auto fronts = sortFronts(spec, members);
    for (const auto& front : fronts) setCrowding(spec, members, front);
    return fronts;
  };

  const auto size = static_cast<std::size_t>(spec.population);
  std::vector<Member> population(size);
  for (Member& member : population) member.genes = randomGenome();
  // The plan the search varies is a candidate from the start, when the space holds it.
  const std::optional<Genome> base = spec.baseDesign();
  if (base) population.front().genes = *base;
  evaluate(population);
  rankAll(population);
  const double mutation = 1.0 / static_cast<double>(std::max<std::size_t>(spec.space.size(), 1));
  for (int generation = 0; generation < spec.generations; ++generation) {
    if (progress && !progress(QStringLiteral("screening"), static_cast<double>(generation) / spec.generations)) {
      outcome.cancelled = true;
      return outcome;
    }
    std::vector<Member> children;
    while (children.size() < size) {
      const Member& mother = tournament(population[uniformIndex(random, size)], population[uniformIndex(random, size)]);
      const Member& father = tournament(population[uniformIndex(random, size)], population[uniformIndex(random, size)]);
      Member first, second;
      first.genes = mother.genes;
      second.genes = father.genes;
      for (std::size_t v = 0; v < spec.space.size(); ++v) {
        if (uniformSample(random) < 0.5) std::swap(first.genes[v], second.genes[v]);
        for (Member* child : {&first, &second}) {
          const std::size_t count = spec.space[v].values.size();
          if (count > 1 && uniformSample(random) < mutation)
            child->genes[v] = static_cast<int>(
                (static_cast<std::size_t>(child->genes[v]) + 1 + uniformIndex(random, count - 1)) % count);
        }
      }
      children.push_back(std::move(first));
      children.push_back(std::move(second));
    }
    evaluate(children);
    std::vector<Member> merged = population;
    merged.insert(merged.end(), children.begin(), children.end());
    const auto fronts = rankAll(merged);
    std::vector<Member> next;
    for (const auto& front : fronts) {
      std::vector<std::size_t> order = front;
      if (next.size() + order.size() > size)
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return merged[a].crowding > merged[b].crowding; });
      for (std::size_t i : order) {
        if (next.size() == size) break;
        next.push_back(merged[i]);
      }
      if (next.size() == size) break;
    }
    population = std::move(next);
    rankAll(population);
    ++outcome.generations;
  }
  outcome.screened = static_cast<std::int64_t>(screened.size());

  // The finalists: the best distinct designs of the last population, on their own floors.
  std::vector<std::size_t> order(population.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (population[a].rank != population[b].rank) return population[a].rank < population[b].rank;
    return population[a].crowding > population[b].crowding;
  });
  std::vector<Genome> chosen;
  std::set<Genome> seen;
  // The base plan is always judged on its floor too: screening's figures are the engine's, and a
  // base near a bound may look outside it there.
  if (base) {
    chosen.push_back(*base);
    seen.insert(*base);
  }
  for (std::size_t i : order)
    if (static_cast<int>(chosen.size()) < spec.finalists && seen.insert(population[i].genes).second)
      chosen.push_back(population[i].genes);
  if (progress && !progress(QStringLiteral("floors"), 0.0)) {
    outcome.cancelled = true;
    return outcome;
  }
  outcome.finalists = evaluators.onFloor(chosen);

  std::vector<Member> judged(outcome.finalists.size());
  for (std::size_t i = 0; i < judged.size(); ++i) judged[i].figures = outcome.finalists[i].judged;
  const auto fronts = sortFronts(spec, judged);
  if (!fronts.empty())
    for (std::size_t i : fronts.front()) outcome.front.push_back(outcome.finalists[i]);
  std::stable_sort(outcome.front.begin(), outcome.front.end(), [&](const Finalist& a, const Finalist& b) {
    return towardsSmall(spec.objectives.front(), a.judged.objectives.front()) <
           towardsSmall(spec.objectives.front(), b.judged.objectives.front());
  });
  if (progress) progress(QStringLiteral("floors"), 1.0);
  return outcome;
}

}  // namespace gigaplan
