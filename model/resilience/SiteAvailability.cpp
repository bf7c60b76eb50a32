#include "resilience/SiteAvailability.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace gigaplan {

namespace {

constexpr double kHoursPerYear = 8760.0;

/// Expected share of a group's load lost at any moment, and the chance that exactly
/// `tolerance` units are down (from which one more failure starts a loss).
struct GroupState {
  double shareLost = 0.0;
  double atTolerance = 0.0;
};

GroupState stateOf(const RedundancyGroup& group) {
  GroupState state;
  // A unit fails only while it runs: up for 1/rate on average, then down for its repair.
  const double downHours = group.failuresPerYear * group.repairHours;
  const double q = downHours / (kHoursPerYear + downHours);
  const int n = group.units, t = group.tolerance();
  if (q <= 0) {
    state.atTolerance = t == 0 ? 1.0 : 0.0;
    return state;
  }
  // Binomial terms by recurrence, from no unit down: p(j + 1) = p(j) (n - j) / (j + 1) q / (1 - q).
  double p = std::pow(1.0 - q, n);
  for (int j = 0; j <= n; ++j) {
    if (j == t) state.atTolerance = p;
    if (j > t) state.shareLost += p * std::min(j - t, group.needed) / group.needed;
    if (j > t + 1 && p < 1e-300) break;
    p *= static_cast<double>(n - j) / (j + 1) * q / (1.0 - q);
  }
  return state;
}

}  // namespace

AvailabilityEstimate AvailabilityEstimate::of(const FailureDomains& domains) {
  AvailabilityEstimate estimate;
  for (const RedundancyGroup& group : domains.groups) {
    if (group.allDown.gpuEquivalent <= 0 || group.failuresPerYear <= 0) continue;
    const GroupState state = stateOf(group);
    const auto kind = static_cast<std::size_t>(group.kind);
    const double lost = state.shareLost * kHoursPerYear * group.allDown.gpuEquivalent;
    // Losses start when one more unit fails with `tolerance` already down.
    const double starts = state.atTolerance * (group.units - group.tolerance()) * group.failuresPerYear;
    estimate.gpuHoursLostByKind[kind] += lost;
    estimate.interruptionsByKind[kind] += starts;
    estimate.gpuHoursLostPerYear += lost;
    estimate.interruptionsPerYear += starts;
  }
  if (domains.siteGpus > 0)
    estimate.siteAvailability = 1.0 - estimate.gpuHoursLostPerYear / (domains.siteGpus * kHoursPerYear);
  return estimate;
}

std::optional<SimulatedYears> SimulatedYears::run(const FailureDomains& domains, int years, quint64 seed,
                                                  const Progress& progress, const std::atomic<bool>* cancel) {
  SimulatedYears result;
  result.years = std::max(0, years);
  // The groups that can lose anything, with the rate at which any of their units fails.
  std::vector<int> sources;
  std::vector<double> cumulative;
  double total = 0.0;
  for (std::size_t g = 0; g < domains.groups.size(); ++g) {
    const RedundancyGroup& group = domains.groups[g];
    if (group.allDown.gpuEquivalent <= 0 || group.failuresPerYear <= 0) continue;
    total += group.failuresPerYear * group.units;
    sources.push_back(static_cast<int>(g));
    cumulative.push_back(total);
  }
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> lostPerYear(static_cast<std::size_t>(result.years), 0.0);
  struct Outage {
    int group, unit;
    double start, end;
  };
  std::vector<Outage> outages;
  std::vector<std::pair<double, int>> edges;
  for (int year = 0; year < result.years; ++year) {
    if (cancel && cancel->load()) return std::nullopt;
    double lost = 0.0;
    outages.clear();
    const long long failures = total > 0 ? std::poisson_distribution<long long>(total)(random) : 0;
    for (long long k = 0; k < failures; ++k) {
      const double pick = uniform(random) * total;
      const auto at =
          static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), pick) - cumulative.begin());
      const int g = sources[std::min(at, sources.size() - 1)];
      const RedundancyGroup& group = domains.groups[static_cast<std::size_t>(g)];
      const int unit = std::min(group.units - 1, static_cast<int>(uniform(random) * group.units));
      const double start = uniform(random) * kHoursPerYear;
      const double duration = -std::log(1.0 - uniform(random)) * group.repairHours;
      outages.push_back({g, unit, start, start + duration});
    }
    // A unit that is down cannot fail again until it is repaired: those draws fall away.
    std::sort(outages.begin(), outages.end(), [](const Outage& a, const Outage& b) {
      return a.group != b.group ? a.group < b.group : a.unit != b.unit ? a.unit < b.unit : a.start < b.start;
    });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < outages.size(); ++i) {
      if (kept > 0 && outages[kept - 1].group == outages[i].group && outages[kept - 1].unit == outages[i].unit &&
          outages[i].start < outages[kept - 1].end)
        continue;
      outages[kept++] = outages[i];
    }
    outages.resize(kept);
    // A group loses load while more of its units are down than it tolerates.
    for (std::size_t first = 0; first < outages.size();) {
      std::size_t last = first;
      while (last < outages.size() && outages[last].group == outages[first].group) ++last;
      const RedundancyGroup& group = domains.groups[static_cast<std::size_t>(outages[first].group)];
      double cost = 0.0;
      if (group.tolerance() == 0 && group.units == 1) {
        for (std::size_t i = first; i < last; ++i)
          cost += (outages[i].end - outages[i].start) * group.allDown.gpuEquivalent;
      } else if (static_cast<int>(last - first) > group.tolerance()) {
        edges.clear();
        for (std::size_t i = first; i < last; ++i) {
          edges.emplace_back(outages[i].start, +1);
          edges.emplace_back(outages[i].end, -1);
        }
        std::sort(edges.begin(), edges.end());
        int down = 0;
        for (std::size_t e = 0; e + 1 < edges.size(); ++e) {
          down += edges[e].second;
          const int missing = std::min(down - group.tolerance(), group.needed);
          if (missing > 0)
            cost += (edges[e + 1].first - edges[e].first) * missing / group.needed * group.allDown.gpuEquivalent;
        }
      }
      lost += cost;
      result.meanByKind[static_cast<std::size_t>(group.kind)] += cost;
      first = last;
    }
    lostPerYear[static_cast<std::size_t>(year)] = lost;
    if (progress && (year % 16 == 15 || year + 1 == result.years)) progress(year + 1, result.years);
  }
  if (result.years == 0) return result;
  double sum = 0.0;
  for (const double lost : lostPerYear) sum += lost;
  result.meanGpuHoursLost = sum / result.years;
  double squares = 0.0;
  for (const double lost : lostPerYear) squares += (lost - result.meanGpuHoursLost) * (lost - result.meanGpuHoursLost);
  if (result.years > 1) result.standardError = std::sqrt(squares / (result.years - 1) / result.years);
  for (double& kind : result.meanByKind) kind /= result.years;
  std::vector<double> sorted = lostPerYear;
  std::sort(sorted.begin(), sorted.end());
  const auto at = [&](double fraction) {
    const auto rank = static_cast<std::size_t>(std::clamp(
        std::ceil(fraction * static_cast<double>(sorted.size())) - 1.0, 0.0, static_cast<double>(sorted.size() - 1)));
    return sorted[rank];
  };
  result.p10 = at(0.1);
  result.p50 = at(0.5);
  result.p90 = at(0.9);
  result.worstYear = sorted.back();
  if (domains.siteGpus > 0)
    result.meanAvailability = 1.0 - result.meanGpuHoursLost / (domains.siteGpus * kHoursPerYear);
  return result;
}

JobGoodput JobGoodput::of(const FailureDomains& domains, double ettr, double restartHours, double lostWorkHours,
                          double spareGpus) {
  JobGoodput job;
  for (const RedundancyGroup& group : domains.groups) {
    if (group.allDown.gpuEquivalent <= 0 || group.failuresPerYear <= 0) continue;
    const GroupState state = stateOf(group);
    const double starts = state.atTolerance * (group.units - group.tolerance()) * group.failuresPerYear;
    // A loss takes the group's share of GPUs: beyond the spares, the job waits for the repair.
    const double gpusDown = group.allDown.gpusDown / group.needed;
    const double perEvent = restartHours + lostWorkHours + (gpusDown > spareGpus ? group.repairHours : 0.0);
    job.facilityHoursLostPerYear += starts * perEvent;
  }
  job.goodput = ettr * std::max(0.0, 1.0 - job.facilityHoursLostPerYear / kHoursPerYear);
  return job;
}

QStringList SiteFailures::tenantsHit(const Component& component) const {
  QStringList names;
  for (int t = 0; t < tenantNames.size(); ++t)
    if (component.tenantsHit.test(static_cast<std::size_t>(t))) names << tenantNames[t];
  return names;
}

void SiteFailures::applyTo(OutputValues& outputs) const {
  std::array<double, kComponentKinds> units{}, capacity{};
  for (const RedundancyGroup& group : domains.groups) {
    units[static_cast<std::size_t>(group.kind)] += group.units;
    capacity[static_cast<std::size_t>(group.kind)] += group.units * group.unitRating;
  }
  const auto of = [&](ComponentKind kind) { return units[static_cast<std::size_t>(kind)]; };
  valueOf(outputs, OutputId::electricalBlocks) = domains.blocks;
  valueOf(outputs, OutputId::electricalUtilityFeeds) = of(ComponentKind::UtilityFeed);
  valueOf(outputs, OutputId::electricalSwitchgearLineups) = of(ComponentKind::Switchgear);
  valueOf(outputs, OutputId::electricalBusways) = of(ComponentKind::Busway);
  valueOf(outputs, OutputId::electricalTransformers) = of(ComponentKind::Transformer);
  valueOf(outputs, OutputId::electricalTransformerMva) = capacity[static_cast<std::size_t>(ComponentKind::Transformer)];
  valueOf(outputs, OutputId::electricalUpsModules) = of(ComponentKind::Ups);
  valueOf(outputs, OutputId::electricalUpsMw) = capacity[static_cast<std::size_t>(ComponentKind::Ups)];
  valueOf(outputs, OutputId::coolingHeatRejectionUnits) = of(ComponentKind::HeatRejection);
  valueOf(outputs, OutputId::coolingWaterLoops) = of(ComponentKind::WaterLoop);
  valueOf(outputs, OutputId::availabilitySite) = expected.siteAvailability;
  valueOf(outputs, OutputId::availabilityDelivered) =
      valueOf(outputs, OutputId::reliabilityGpuAvailability) * expected.siteAvailability;
  valueOf(outputs, OutputId::availabilityGpuHoursLostPerYear) = expected.gpuHoursLostPerYear;
  valueOf(outputs, OutputId::availabilityInterruptionsPerYear) = expected.interruptionsPerYear;
  double worst = 0.0;
  for (const Component& component : domains.components) worst = std::max(worst, component.impact.gpuEquivalent);
  valueOf(outputs, OutputId::availabilityWorstSingleFailureGpus) = worst;
  valueOf(outputs, OutputId::availabilityJobGoodput) = job.goodput;
}

}  // namespace gigaplan
