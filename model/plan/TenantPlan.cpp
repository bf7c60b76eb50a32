#include "plan/TenantPlan.h"

#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "engine/FabricEstimator.h"
#include "engine/HardwareCatalog.h"

namespace gigaplan {

namespace {

// Tenants are numbered from 1 in messages, as the workspace and the command line number them.
QString tenantField(std::size_t tenant, const QString& field) {
  return QStringLiteral("tenants[%1].%2").arg(tenant + 1).arg(field);
}

/// One plane of a group's fabric, as the engine built it (fabric_detail::planeShape).
struct FabricShape {
  double planes = 1, tiers = 2, rails = 8, gpusPerNode = 8;
  double topRadix = 64;       ///< ports of a top-tier switch, all towards the tier below
  double down[3]{}, up[3]{};  ///< links of tiers 1..3 towards endpoints and towards the tier above

  FabricShape(const InputValues& inputs, const OutputValues& outputs) {
    planes = valueOf(outputs, OutputId::networkPlanes);
    tiers = valueOf(outputs, OutputId::networkTiers);
    gpusPerNode = valueOf(inputs, InputId::systemGpusPerNode);
    rails = gpusPerNode * valueOf(inputs, InputId::networkNicsPerGpu);
    OutputValues scratch = outputs;
    const ModelFrame<double> frame{inputs, scratch};
    const fabric_detail::PlaneShape<double> s = fabric_detail::planeShape(frame, planes);
    topRadix = tiers < 2.5 ? s.upRadix : s.coreRadix;
    down[0] = s.down1, down[1] = s.down2, down[2] = s.down3;
    up[0] = s.up1, up[1] = s.up2, up[2] = s.up3;
  }
  /// Ports of a tier-t switch (1-based) towards what is below it: all of them at the top tier.
  double downPorts(int t) const { return t >= tiers ? topRadix : down[t - 1]; }
  /// Switches of tier t+1 that take the uplinks of `below` switches of tier t.
  double above(int t, double below) const { return std::ceil(below * up[t - 1] / downPorts(t + 1)); }
  double nodes(double gpus) const { return std::ceil(gpus / gpusPerNode); }
};

/// Switches of one plane and the down-ports they leave unused, for GPUs split into `parts`
/// whose switches of tiers 1..separateTiers are their own; the tiers above are shared.
struct FabricCount {
  double switches = 0.0;
  double stranded = 0.0;
};

FabricCount countFabric(const FabricShape& s, const std::vector<double>& parts, int separateTiers) {
  const int tiers = static_cast<int>(std::lround(s.tiers));
  FabricCount count;
  double below = 0.0;  // switches of the tier below, all parts together
  // Each part's own chain of tiers; then the shared tiers above it.
  std::vector<double> chain;
  for (double gpus : parts) chain.push_back(gpus);
  for (int t = 1; t <= tiers; ++t) {
    double switches = 0.0, used = 0.0;
    if (t <= separateTiers) {
      for (std::size_t p = 0; p < parts.size(); ++p) {
        const double partBelow = chain[p];
        const double here = t == 1 ? s.rails * std::ceil(s.nodes(parts[p]) / s.down[0]) : s.above(t - 1, partBelow);
        used += t == 1 ? s.rails * s.nodes(parts[p]) : partBelow * s.up[t - 2];
        chain[p] = here;
        switches += here;
      }
    } else if (t == 1) {
      double nodes = 0.0;
      for (double gpus : parts) nodes += s.nodes(gpus);
      switches = s.rails * std::ceil(nodes / s.down[0]);
      used = s.rails * nodes;
    } else {
      switches = s.above(t - 1, below);
      used = below * s.up[t - 2];
    }
    count.switches += switches;
    count.stranded += switches * s.downPorts(t) - used;
    below = switches;
  }
  return count;
}

int separateTiers(TenantIsolation isolation, double tiers) {
  switch (isolation) {
    case TenantIsolation::SharedFabric:
      return 0;
    case TenantIsolation::OwnLeaves:
      return 1;
    case TenantIsolation::OwnHalls:
      return 2;
    case TenantIsolation::OwnPlane:
      return static_cast<int>(std::lround(tiers));
  }
  return 0;
}

/// Adds a fraction of a group's figures to a tenant's.
void addShare(TenantFigures& figures, const OutputValues& group, double fraction) {
  const auto of = [&group](OutputId id) { return valueOf(group, id); };
  figures.itMw += fraction * of(OutputId::powerItMw);
  figures.facilityMw += fraction * of(OutputId::powerFacilityMw);
  figures.capexUsd += fraction * of(OutputId::costCapexUsd);
  figures.costUsdPerYear += fraction * of(OutputId::costTcoUsdPerYear);
  figures.opexUsdPerYear += fraction * (of(OutputId::costEnergyUsdPerYear) + of(OutputId::costMaintenanceUsdPerYear) +
                                        of(OutputId::costStaffUsdPerYear));
}

void finishEconomics(TenantFigures& figures) {
  // Isolation's switches are not on the floor: they are paid for beside the tenant's share of it.
  figures.marginUsdPerYear = figures.revenueUsdPerYear - figures.costUsdPerYear - figures.isolationUsdPerYear;
  const double cashPerYear = figures.revenueUsdPerYear - figures.opexUsdPerYear - figures.isolationOpexUsdPerYear;
  figures.paybackYears = cashPerYear > 0 ? (figures.capexUsd + figures.isolationCapexUsd) / cashPerYear
                                         : std::numeric_limits<double>::infinity();
}

/// A group's GPUs as they stand on the floor (its figures count them there), or as bought when the
/// group has no figures.
double groupGpusOf(const PhasePlan& plan, std::size_t g) {
  const double onFloor = g < plan.groupOutputs.size() ? valueOf(plan.groupOutputs[g], OutputId::clusterGpus) : 0.0;
  return onFloor > 0 ? onFloor : plan.groups[g].gpus;
}

/// The system group of each rack (-1 for none): a compute rack belongs to the group of its phase
/// and system type; its GPUs are those of a full rack of that group, as bought.
struct RacksByGroup {
  std::vector<int> group;
  std::vector<double> gpus;
};

RacksByGroup racksByGroup(const PhasePlan& plan, const SiteLayout& layout) {
  std::map<std::pair<int, int>, std::size_t> groupOf;
  for (std::size_t g = 0; g < plan.groups.size(); ++g) {
    const auto type = static_cast<int>(layout.systemTypes.indexOf(plan.groups[g].systemType));
    if (type >= 0) groupOf[{static_cast<int>(std::min<std::size_t>(plan.groups[g].phase, 255)), type}] = g;
  }
  RacksByGroup racks{std::vector<int>(layout.racks.size(), -1), std::vector<double>(layout.racks.size(), 0.0)};
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    const auto group = groupOf.find({rack.phase, rack.system});
    if (rack.role != RackRole::Compute || group == groupOf.end() || group->second >= plan.groupInputs.size()) continue;
    const InputValues& inputs = plan.groupInputs[group->second];
    racks.group[i] = static_cast<int>(group->second);
    racks.gpus[i] = valueOf(inputs, InputId::systemGpusPerNode) * rack.units;  // a compute rack holds nodes
  }
  return racks;
}

/// GPUs of the compute racks marked for each tenant (index 0 = none, else 1 + tenant) in each group.
std::vector<std::vector<double>> markedGpus(const Project& project, const PhasePlan& plan) {
  std::vector<std::vector<double>> gpus(project.tenants.size() + 1, std::vector<double>(plan.groups.size(), 0.0));
  const RacksByGroup racks = racksByGroup(plan, project.layout);
  for (std::size_t i = 0; i < project.layout.racks.size(); ++i) {
    const std::size_t tenant = project.layout.racks[i].tenant;
    if (racks.group[i] >= 0 && tenant < gpus.size())
      gpus[tenant][static_cast<std::size_t>(racks.group[i])] += racks.gpus[i];
  }
  return gpus;
}

constexpr const char* kIsolationNames[] = {"shared-fabric", "own-leaves", "own-halls", "own-plane"};

}  // namespace

QString TenantPlan::isolationName(TenantIsolation isolation) {
  const auto index = static_cast<std::size_t>(isolation);
  return index < std::size(kIsolationNames) ? QString::fromLatin1(kIsolationNames[index]) : QStringLiteral("unknown");
}

std::optional<TenantIsolation> TenantPlan::isolationFromName(const QString& name) {
  for (int i = 0; i < 4; ++i)
    if (name == QLatin1StringView(kIsolationNames[i])) return static_cast<TenantIsolation>(i);
  return std::nullopt;
}

std::optional<TenantPlan> TenantPlan::evaluate(const Project& project, const PhasePlan& plan, ScenarioErrors& errors,
                                               bool shortIsError) {
  // A contract beyond what the plan buys is the planner's error whatever the floor holds; a floor
  // short of the plan (racks removed by hand) only leaves a tenant short.
  if (!shortIsError) {
    PhasePlan bought = plan;
    for (std::size_t g = 0; g < bought.groupOutputs.size() && g < bought.groups.size(); ++g)
      valueOf(bought.groupOutputs[g], OutputId::clusterGpus) = bought.groups[g].gpus;
    if (!evaluate(project, bought, errors, true)) return std::nullopt;
  }
  if (const ScenarioErrors problems = check(project.tenants); !problems.isEmpty()) {
    errors.append(problems);
    return std::nullopt;
  }
  const std::size_t groups = plan.groups.size();
  if (plan.groupOutputs.size() != groups || plan.groupInputs.size() != groups) {
    errors.append({QStringLiteral("tenants"), QStringLiteral("the plan has no figures per system group")});
    return std::nullopt;
  }
  // A tenant marked by hand (0 GPUs) has the GPUs of its racks on the floor, group by group;
  // the others take theirs from what is left, in phase order, in their order.
  std::vector<double> left(groups);
  for (std::size_t g = 0; g < groups; ++g) left[g] = groupGpusOf(plan, g);
  TenantPlan result;
  result.tenants.resize(project.tenants.size());
  const std::vector<std::vector<double>> marked = markedGpus(project, plan);
  for (std::size_t t = 0; t < project.tenants.size(); ++t) {
    if (!project.tenants[t].byHand()) continue;
    TenantFigures& figures = result.tenants[t];
    figures.name = project.tenants[t].name;
    for (std::size_t g = 0; g < groups; ++g) {
      const double taken = std::min(marked[t + 1][g], left[g]);
      if (taken <= 0) continue;
      figures.shares.push_back({g, taken});
      figures.gpus += taken;
      left[g] -= taken;
    }
  }
  // The others take their contracts: first from the racks marked for them on the floor, group by
  // group, then from what is left, in phase order, tenants in their order. So a rack removed by
  // hand leaves short the tenant whose rack it was.
  std::vector<double> wantedOf(project.tenants.size(), 0.0);
  const auto take = [&](std::size_t t, std::size_t g, double amount) {
    if (amount <= 0) return;
    TenantFigures& figures = result.tenants[t];
    const auto share =
        std::find_if(figures.shares.begin(), figures.shares.end(), [g](const TenantShare& s) { return s.group == g; });
    if (share == figures.shares.end())
      figures.shares.push_back({g, amount});
    else
      share->gpus += amount;
    left[g] -= amount;
    wantedOf[t] -= amount;
  };
  const auto fits = [&](const Tenant& tenant, std::size_t g) {
    return tenant.systemType.isEmpty() || plan.groups[g].systemType == tenant.systemType;
  };
  for (std::size_t t = 0; t < project.tenants.size(); ++t) {
    const Tenant& tenant = project.tenants[t];
    if (tenant.byHand()) continue;
    result.tenants[t].name = tenant.name;
    result.tenants[t].gpus = tenant.gpus;
    wantedOf[t] = tenant.gpus;
    for (std::size_t g = 0; g < groups && wantedOf[t] > 0; ++g)
      if (fits(tenant, g)) take(t, g, std::min({wantedOf[t], left[g], marked[t + 1][g]}));
  }
  for (std::size_t t = 0; t < project.tenants.size(); ++t) {
    const Tenant& tenant = project.tenants[t];
    if (tenant.byHand()) continue;
    TenantFigures& figures = result.tenants[t];
    for (std::size_t g = 0; g < groups && wantedOf[t] > 0; ++g)
      if (fits(tenant, g)) take(t, g, std::min(wantedOf[t], left[g]));
    std::sort(figures.shares.begin(), figures.shares.end(),
              [](const TenantShare& a, const TenantShare& b) { return a.group < b.group; });
    const double wanted = wantedOf[t];
    if (wanted > 0 && !shortIsError) {
      figures.gpus -= wanted;
      figures.shortGpus = wanted;
    } else if (wanted > 0) {
      const QString which =
          tenant.systemType.isEmpty() ? QStringLiteral("GPUs") : QStringLiteral("GPUs of %1").arg(tenant.systemType);
      errors.append(
          {tenantField(t, QStringLiteral("gpus")), QStringLiteral("%1 %2 asked, only %3 left after the tenants before")
                                                       .arg(tenant.gpus, 0, 'f', 0)
                                                       .arg(which)
                                                       .arg(tenant.gpus - wanted, 0, 'f', 0)});
      return std::nullopt;
    }
  }

  for (std::size_t t = 0; t < result.tenants.size(); ++t) {
    const Tenant& tenant = project.tenants[t];
    TenantFigures& figures = result.tenants[t];
    for (const TenantShare& share : figures.shares) {
      const InputValues& inputs = plan.groupInputs[share.group];
      const OutputValues& group = plan.groupOutputs[share.group];
      const double groupGpus = groupGpusOf(plan, share.group);
      addShare(figures, group, share.gpus / groupGpus);

      // Isolation: the group's fabric with this tenant's switches apart, against one shared fabric.
      const FabricShape shape(inputs, group);
      const int separate = separateTiers(tenant.isolation, shape.tiers);
      if (separate > 0 && share.gpus < groupGpus) {
        const FabricCount shared = countFabric(shape, {groupGpus}, 0);
        const FabricCount apart = countFabric(shape, {share.gpus, groupGpus - share.gpus}, separate);
        const double extra = shape.planes * (apart.switches - shared.switches);
        figures.isolationSwitches += extra;
        figures.strandedPorts += shape.planes * (apart.stranded - shared.stranded);
        const double capex = extra * valueOf(inputs, InputId::networkSwitchPriceUsd);
        const double itCapex = valueOf(group, OutputId::costSystemsUsd) + valueOf(group, OutputId::costSwitchesUsd) +
                               valueOf(group, OutputId::costOpticsCablesUsd) + valueOf(group, OutputId::costStorageUsd);
        const double itCapitalPerUsd = itCapex > 0 ? valueOf(group, OutputId::costItCapitalUsdPerYear) / itCapex : 0.0;
        const double itMw = extra * valueOf(inputs, InputId::networkSwitchPowerW) * 1e-6;
        const double pue = valueOf(group, OutputId::powerPue);
        const double energy = itMw * pue * 1000.0 * 8760.0 * valueOf(inputs, InputId::costElectricityUsdPerKwh);
        // Kept apart from the tenant's share of the floor: these switches are not on it.
        figures.isolationCapexUsd += capex;
        figures.isolationUsdPerYear += capex * itCapitalPerUsd + energy;
        figures.isolationOpexUsdPerYear += energy;
        figures.isolationFacilityMw += itMw * pue;
      }
      if (tenant.isolation == TenantIsolation::OwnPlane)
        figures.bisectionLostPbps +=
            std::min(share.gpus, groupGpus - share.gpus) * valueOf(group, OutputId::networkBisectionPerGpuGbps) * 1e-6;

      // Its largest job runs on its largest share of one fabric.
      if (share.gpus > figures.largestJobGpus) {
        figures.largestJobGpus = share.gpus;
        const double unexpected = valueOf(group, OutputId::reliabilityUnexpectedPerDay) * share.gpus / groupGpus;
        const double planned = valueOf(group, OutputId::reliabilityInterruptionsPerDay) -
                               valueOf(group, OutputId::reliabilityUnexpectedPerDay);
        figures.interruptionsPerDay = unexpected + planned;
        figures.mtbiHours = unexpected > 0 ? 24.0 / unexpected : std::numeric_limits<double>::infinity();
      }
    }
    figures.gpuHoursPerYear = figures.gpus * 8760.0 * tenant.utilization;
    figures.revenueUsdPerYear = figures.gpuHoursPerYear * tenant.priceUsdPerGpuHour;
    finishEconomics(figures);
  }

  // The GPUs nobody rents are the operator's spare: their share of the cost, no revenue.
  result.spare.name = QStringLiteral("spare (no tenant)");
  for (std::size_t g = 0; g < groups; ++g) {
    if (left[g] <= 0) continue;
    result.spare.gpus += left[g];
    result.spare.shares.push_back({g, left[g]});
    addShare(result.spare, plan.groupOutputs[g], left[g] / groupGpusOf(plan, g));
  }
  finishEconomics(result.spare);

  TenantFigures& site = result.operatorTotal;
  site.name = QStringLiteral("operator (whole site)");
  const auto addToSite = [&site](const TenantFigures& part) {
    site.gpus += part.gpus;
    site.itMw += part.itMw;
    site.facilityMw += part.facilityMw;
    site.capexUsd += part.capexUsd;
    site.costUsdPerYear += part.costUsdPerYear;
    site.opexUsdPerYear += part.opexUsdPerYear;
    site.gpuHoursPerYear += part.gpuHoursPerYear;
    site.revenueUsdPerYear += part.revenueUsdPerYear;
    site.isolationSwitches += part.isolationSwitches;
    site.strandedPorts += part.strandedPorts;
    site.isolationCapexUsd += part.isolationCapexUsd;
    site.isolationUsdPerYear += part.isolationUsdPerYear;
    site.isolationOpexUsdPerYear += part.isolationOpexUsdPerYear;
    site.isolationFacilityMw += part.isolationFacilityMw;
    site.bisectionLostPbps += part.bisectionLostPbps;
  };
  addToSite(result.spare);
  for (const TenantFigures& part : result.tenants) addToSite(part);
  finishEconomics(site);
  const auto shareOf = [&site](TenantFigures& part) {
    part.powerShare = site.facilityMw > 0 ? part.facilityMw / site.facilityMw : 0.0;
    part.costShare = site.costUsdPerYear > 0 ? part.costUsdPerYear / site.costUsdPerYear : 0.0;
  };
  shareOf(result.spare);
  shareOf(site);
  for (TenantFigures& part : result.tenants) shareOf(part);
  return result;
}

void TenantPlan::applyTo(OutputValues& site) const {
  if (tenants.empty()) return;
  double rented = 0;
  for (const TenantFigures& tenant : tenants) rented += tenant.gpus;
  valueOf(site, OutputId::tenantsRentedGpus) = rented;
  valueOf(site, OutputId::tenantsRevenueUsdPerYear) = operatorTotal.revenueUsdPerYear;
  valueOf(site, OutputId::tenantsMarginUsdPerYear) = operatorTotal.marginUsdPerYear;
  valueOf(site, OutputId::tenantsPaybackYears) = operatorTotal.paybackYears;
  valueOf(site, OutputId::tenantsIsolationSwitches) = operatorTotal.isolationSwitches;
  valueOf(site, OutputId::tenantsIsolationCapexUsd) = operatorTotal.isolationCapexUsd;
  valueOf(site, OutputId::tenantsStrandedPorts) = operatorTotal.strandedPorts;
  valueOf(site, OutputId::tenantsBisectionLostPbps) = operatorTotal.bisectionLostPbps;
}

void TenantPlan::assignRacks(const Project& project, const PhasePlan& plan, SiteLayout& layout) {
  // Marks made by hand stay (for tenants marked by hand); the rest are made anew.
  for (Rack& rack : layout.racks)
    if (rack.tenant > project.tenants.size() || (rack.tenant > 0 && !project.tenants[rack.tenant - 1u].byHand()))
      rack.tenant = 0;
  if (project.tenants.empty()) return;
  ScenarioErrors errors;
  Project marked = project;
  marked.layout = layout;
  const auto tenants = evaluate(marked, plan, errors);
  if (!tenants) return;
  const RacksByGroup racks = racksByGroup(plan, layout);
  const auto indexOf = [&layout](const Rack& rack) { return static_cast<std::size_t>(&rack - layout.racks.data()); };
  const auto hallOf = [&layout](const Rack& rack) { return layout.rows[static_cast<std::size_t>(rack.row)].hall; };

  for (std::size_t g = 0; g < plan.groups.size(); ++g) {
    const auto inGroup = [&](const Rack& rack) { return racks.group[indexOf(rack)] == static_cast<int>(g); };
    // The halls and rows holding the group's compute racks, in floor order.
    std::vector<int> halls, rows;
    for (const Rack& rack : layout.racks) {
      if (!inGroup(rack)) continue;
      if (std::find(halls.begin(), halls.end(), hallOf(rack)) == halls.end()) halls.push_back(hallOf(rack));
      if (std::find(rows.begin(), rows.end(), rack.row) == rows.end()) rows.push_back(rack.row);
    }
    const auto gpusOf = [&](const Rack& rack) { return racks.gpus[indexOf(rack)]; };
    // Whole halls first (they need halls nobody holds), then whole rows, then single racks.
    for (TenantIsolation pass : {TenantIsolation::OwnPlane, TenantIsolation::OwnHalls, TenantIsolation::OwnLeaves,
                                 TenantIsolation::SharedFabric}) {
      for (std::size_t t = 0; t < project.tenants.size(); ++t) {
        if (project.tenants[t].isolation != pass || project.tenants[t].byHand()) continue;
        const auto share = std::find_if(tenants->tenants[t].shares.begin(), tenants->tenants[t].shares.end(),
                                        [g](const TenantShare& s) { return s.group == g; });
        if (share == tenants->tenants[t].shares.end()) continue;
        const auto mark = static_cast<std::uint8_t>(t + 1);
        double placed = 0.0;
        const auto takeAll = [&](auto belongs) {
          // Takes a whole hall or row when none of its group's racks has a tenant yet; racks in
          // it marked already (by hand) stay as they are.
          for (const Rack& rack : layout.racks)
            if (belongs(rack) && inGroup(rack) && rack.tenant != 0) return;
          for (Rack& rack : layout.racks)
            if (belongs(rack) && rack.tenant == 0) {
              rack.tenant = mark;
              if (inGroup(rack)) placed += gpusOf(rack);
            }
        };
        if (pass == TenantIsolation::OwnPlane || pass == TenantIsolation::OwnHalls) {
          for (int hall : halls) {
            if (placed >= share->gpus) break;
            takeAll([&](const Rack& rack) { return hallOf(rack) == hall; });
          }
        } else if (pass == TenantIsolation::OwnLeaves) {
          for (int row : rows) {
            if (placed >= share->gpus) break;
            takeAll([&](const Rack& rack) { return rack.row == row; });
          }
        } else {
          for (Rack& rack : layout.racks) {
            if (placed >= share->gpus) break;
            if (!inGroup(rack) || rack.tenant != 0) continue;
            rack.tenant = mark;
            placed += gpusOf(rack);
          }
        }
      }
    }
  }
}

void TenantPlan::carryMarks(const std::vector<Tenant>& before, const std::vector<Tenant>& after, bool inPlace,
                            SiteLayout& layout) {
  std::vector<std::uint8_t> markAfter(before.size() + 1, 0);
  for (std::size_t b = 0; b < before.size(); ++b) {
    std::size_t a = b;
    if (!inPlace) {
      const auto same =
          std::find_if(after.begin(), after.end(), [&](const Tenant& t) { return t.name == before[b].name; });
      a = same == after.end() ? after.size() : static_cast<std::size_t>(same - after.begin());
    }
    markAfter[b + 1] = a < after.size() ? static_cast<std::uint8_t>(a + 1) : 0;
  }
  for (Rack& rack : layout.racks) rack.tenant = rack.tenant < markAfter.size() ? markAfter[rack.tenant] : 0;
}

std::vector<double> TenantPlan::floorGpus(const Project& project, const PhasePlan& plan) {
  std::vector<double> gpus(project.tenants.size() + 1, 0.0);
  const std::vector<std::vector<double>> marked = markedGpus(project, plan);
  for (std::size_t t = 0; t < marked.size(); ++t)
    for (double groupGpus : marked[t]) gpus[t] += groupGpus;
  return gpus;
}

ScenarioErrors TenantPlan::check(const std::vector<Tenant>& tenants) {
  ScenarioErrors errors;
  if (tenants.size() > static_cast<std::size_t>(kMaxTenants))
    errors.append(
        {QStringLiteral("tenants"), QStringLiteral("at most %1 tenants, not %2").arg(kMaxTenants).arg(tenants.size())});
  QSet<QString> names;
  for (std::size_t t = 0; t < tenants.size(); ++t) {
    const Tenant& tenant = tenants[t];
    if (tenant.name.trimmed().isEmpty())
      errors.append({tenantField(t, QStringLiteral("name")), QStringLiteral("missing")});
    else if (tenant.name.size() > kMaxNameChars)
      errors.append(
          {tenantField(t, QStringLiteral("name")), QStringLiteral("at most %1 characters").arg(kMaxNameChars)});
    else if (names.contains(tenant.name.trimmed()))
      errors.append(
          {tenantField(t, QStringLiteral("name")), QStringLiteral("'%1' is taken by another tenant").arg(tenant.name)});
    names.insert(tenant.name.trimmed());
    if (!tenant.systemType.isEmpty() && !HardwareCatalog::bundled().system(tenant.systemType))
      errors.append(
          {tenantField(t, QStringLiteral("system")), QStringLiteral("unknown system '%1'").arg(tenant.systemType)});
    if (!(tenant.gpus == 0 || tenant.gpus >= 1) || tenant.gpus > 1e7)
      errors.append({tenantField(t, QStringLiteral("gpus")),
                     QStringLiteral("must be from 1 to 10,000,000, or 0 for the racks marked for it by hand")});
    if (!(tenant.priceUsdPerGpuHour >= 0) || tenant.priceUsdPerGpuHour > 1000)
      errors.append(
          {tenantField(t, QStringLiteral("priceUsdPerGpuHour")), QStringLiteral("must be from 0 to 1,000 USD")});
    if (!(tenant.utilization > 0) || tenant.utilization > 1)
      errors.append({tenantField(t, QStringLiteral("utilization")), QStringLiteral("must be above 0 and at most 1")});
  }
  return errors;
}

std::optional<std::vector<Tenant>> TenantPlan::fromJson(const QJsonValue& json, ScenarioErrors& errors) {
  std::vector<Tenant> tenants;
  if (json.isUndefined()) return tenants;
  if (!json.isArray()) {
    errors.append({QStringLiteral("tenants"), QStringLiteral("must be a list of tenants")});
    return std::nullopt;
  }
  const int errorsBefore = errors.size();
  const QJsonArray list = json.toArray();
  for (qsizetype i = 0; i < list.size(); ++i) {
    const auto t = static_cast<std::size_t>(i);
    if (!list[i].isObject()) {
      errors.append({QStringLiteral("tenants[%1]").arg(i + 1), QStringLiteral("must be an object")});
      continue;
    }
    const QJsonObject object = list[i].toObject();
    static const QSet<QString> known = {QStringLiteral("name"),
                                        QStringLiteral("system"),
                                        QStringLiteral("gpus"),
                                        QStringLiteral("isolation"),
                                        QStringLiteral("priceUsdPerGpuHour"),
                                        QStringLiteral("utilization")};
    for (auto it = object.begin(); it != object.end(); ++it)
      if (!known.contains(it.key())) errors.append({tenantField(t, it.key()), QStringLiteral("unknown field")});
    const auto number = [&](const QString& key, double fallback) {
      const QJsonValue value = object.value(key);
      if (value.isUndefined()) return fallback;
      if (!value.isDouble()) {
        errors.append({tenantField(t, key), QStringLiteral("must be a number")});
        return fallback;
      }
      return value.toDouble();
    };
    Tenant tenant;
    tenant.name = object.value(QStringLiteral("name")).toString();
    tenant.systemType = object.value(QStringLiteral("system")).toString();
    tenant.gpus = number(QStringLiteral("gpus"), std::numeric_limits<double>::quiet_NaN());
    tenant.priceUsdPerGpuHour = number(QStringLiteral("priceUsdPerGpuHour"), 0.0);
    tenant.utilization = number(QStringLiteral("utilization"), tenant.utilization);
    const QString isolation = object.value(QStringLiteral("isolation")).toString(QStringLiteral("shared-fabric"));
    if (const auto level = isolationFromName(isolation))
      tenant.isolation = *level;
    else
      errors.append(
          {tenantField(t, QStringLiteral("isolation")),
           QStringLiteral("'%1' is not one of shared-fabric, own-leaves, own-halls, own-plane").arg(isolation)});
    tenants.push_back(tenant);
  }
  errors.append(check(tenants));
  if (errors.size() > errorsBefore) return std::nullopt;
  return tenants;
}

QJsonArray TenantPlan::toJson(const std::vector<Tenant>& tenants) {
  QJsonArray list;
  for (const Tenant& tenant : tenants) {
    QJsonObject object{{QStringLiteral("name"), tenant.name},
                       {QStringLiteral("gpus"), tenant.gpus},
                       {QStringLiteral("isolation"), isolationName(tenant.isolation)},
                       {QStringLiteral("priceUsdPerGpuHour"), tenant.priceUsdPerGpuHour},
                       {QStringLiteral("utilization"), tenant.utilization}};
    if (!tenant.systemType.isEmpty()) object.insert(QStringLiteral("system"), tenant.systemType);
    list.append(object);
  }
  return list;
}

}  // namespace gigaplan
