#include "resilience/FailureDomains.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "layout/FloorPlaces.h"

namespace gigaplan {

QString componentKindName(ComponentKind kind) {
  static const char* names[kComponentKinds] = {"utility feed", "MV switchgear",       "transformer", "UPS module",
                                               "busway",       "heat-rejection unit", "water loop",  "CDU",
                                               "leaf switch",  "spine switch",        "core switch", "fabric plane"};
  return QString::fromLatin1(names[static_cast<int>(kind)]);
}

ComponentPath pathOf(ComponentKind kind) {
  switch (kind) {
    case ComponentKind::HeatRejection:
    case ComponentKind::WaterLoop:
    case ComponentKind::Cdu:
      return ComponentPath::Cooling;
    case ComponentKind::LeafSwitch:
    case ComponentKind::SpineSwitch:
    case ComponentKind::CoreSwitch:
    case ComponentKind::Plane:
      return ComponentPath::Fabric;
    default:
      return ComponentPath::Power;
  }
}

/// The input that sets a level's redundancy, if it has one.
std::optional<InputId> schemeInput(ComponentKind kind) {
  switch (kind) {
    case ComponentKind::UtilityFeed:
      return InputId::electricalFeedRedundancy;
    case ComponentKind::Switchgear:
      return InputId::electricalSwitchgearRedundancy;
    case ComponentKind::Transformer:
    case ComponentKind::Ups:
      return InputId::electricalRedundancy;
    case ComponentKind::Busway:
      return InputId::electricalBusRedundancy;
    case ComponentKind::HeatRejection:
      return InputId::coolingHeatRejectionRedundancy;
    case ComponentKind::WaterLoop:
      return InputId::coolingLoopRedundancy;
    case ComponentKind::Cdu:
      return InputId::coolingCduLoops;
    default:
      return std::nullopt;
  }
}

/// The inputs that give a level's failure rate and its repair time.
std::pair<InputId, InputId> failureRateInputs(ComponentKind kind) {
  static constexpr std::pair<InputId, InputId> rates[kComponentKinds] = {
      {InputId::failuresUtilityFeedPerYear, InputId::failuresUtilityFeedRepairHours},
      {InputId::failuresSwitchgearPerYear, InputId::failuresSwitchgearRepairHours},
      {InputId::failuresTransformerPerYear, InputId::failuresTransformerRepairHours},
      {InputId::failuresUpsPerYear, InputId::failuresUpsRepairHours},
      {InputId::failuresBuswayPerYear, InputId::failuresBuswayRepairHours},
      {InputId::failuresHeatRejectionPerYear, InputId::failuresHeatRejectionRepairHours},
      {InputId::failuresLoopPerYear, InputId::failuresLoopRepairHours},
      {InputId::failuresCduPerYear, InputId::failuresCduRepairHours},
      {InputId::failuresSwitchPerYear, InputId::failuresSwitchRepairHours},
      {InputId::failuresSwitchPerYear, InputId::failuresSwitchRepairHours},
      {InputId::failuresSwitchPerYear, InputId::failuresSwitchRepairHours},
      {InputId::failuresPlanePerYear, InputId::failuresPlaneRepairHours}};
  return rates[static_cast<int>(kind)];
}

namespace {

/// Redundancy schemes as the inputs number them (electrical.redundancy: N, N+1, 2N, 4N/3).
enum Scheme { kN = 0, kNPlus1 = 1, k2N = 2, k4NOver3 = 3, kCatcher = 4 };
/// Active units a catcher's reserve unit stands in for.
constexpr int kCatcherGroup = 4;

/// Facts of the floor the analysis reads again and again: per rack, row, hall and fabric.
struct SiteIndex {
  const SiteLayout& layout;
  std::vector<int> hallOfRow;
  std::vector<std::vector<int>> racksOfRow, rowsOfHall, hallsOfBuilding;
  std::vector<int> fabricOfRack;
  std::vector<double> rackGpus;
  std::vector<double> rowGpus, rowLeaves, hallGpus, hallSpines, fabricGpus, fabricSpines, fabricCores;
  std::vector<std::bitset<256>> rowTenants, hallTenants, fabricTenants;
  std::vector<double> planes, tiers;

  SiteIndex(const FailureModelInputs& in) : layout(*in.layout) {
    const std::size_t fabrics = in.fabricInputs.size();
    hallOfRow.resize(layout.rows.size());
    racksOfRow.resize(layout.rows.size());
    rowsOfHall.resize(layout.halls.size());
    hallsOfBuilding.resize(layout.buildings.size());
    for (std::size_t h = 0; h < layout.halls.size(); ++h)
      hallsOfBuilding[static_cast<std::size_t>(layout.halls[h].building)].push_back(static_cast<int>(h));
    for (std::size_t r = 0; r < layout.rows.size(); ++r) {
      hallOfRow[r] = layout.rows[r].hall;
      rowsOfHall[static_cast<std::size_t>(layout.rows[r].hall)].push_back(static_cast<int>(r));
    }
    rowGpus.assign(layout.rows.size(), 0.0);
    rowLeaves.assign(layout.rows.size(), 0.0);
    rowTenants.assign(layout.rows.size(), {});
    hallGpus.assign(layout.halls.size(), 0.0);
    hallSpines.assign(layout.halls.size(), 0.0);
    hallTenants.assign(layout.halls.size(), {});
    fabricGpus.assign(fabrics, 0.0);
    fabricSpines.assign(fabrics, 0.0);
    fabricCores.assign(fabrics, 0.0);
    fabricTenants.assign(fabrics, {});
    planes = in.fabricPlanes;
    tiers = in.fabricTiers;
    fabricOfRack.resize(layout.racks.size());
    rackGpus.assign(layout.racks.size(), 0.0);
    for (std::size_t i = 0; i < layout.racks.size(); ++i) {
      const Rack& rack = layout.racks[i];
      const auto row = static_cast<std::size_t>(rack.row);
      const auto hall = static_cast<std::size_t>(hallOfRow[row]);
      const int ownFabric = rack.tenant < in.fabricOfTenant.size() ? in.fabricOfTenant[rack.tenant] : -1;
      const int fabric =
          ownFabric >= 0 ? ownFabric : in.fabricOfBuilding[static_cast<std::size_t>(layout.halls[hall].building)];
      fabricOfRack[i] = fabric;
      racksOfRow[row].push_back(static_cast<int>(i));
      rowTenants[row].set(rack.tenant);
      hallTenants[hall].set(rack.tenant);
      if (fabric >= 0) fabricTenants[static_cast<std::size_t>(fabric)].set(rack.tenant);
      if (rack.role == RackRole::Compute && rack.system < in.gpusPerNode.size()) {
        rackGpus[i] = rack.units * in.gpusPerNode[rack.system];
        rowGpus[row] += rackGpus[i];
        hallGpus[hall] += rackGpus[i];
        if (fabric >= 0) fabricGpus[static_cast<std::size_t>(fabric)] += rackGpus[i];
      } else if (rack.role == RackRole::Leaf) {
        rowLeaves[row] += rack.units;
      } else if (rack.role == RackRole::Spine) {
        hallSpines[hall] += rack.units;
        if (fabric >= 0) fabricSpines[static_cast<std::size_t>(fabric)] += rack.units;
      } else if (rack.role == RackRole::Core && fabric >= 0) {
        fabricCores[static_cast<std::size_t>(fabric)] += rack.units;
      }
    }
  }

  int fabricOfHall(int hall) const {
    return hall >= 0 ? fabricOfBuildingOf(layout.halls[static_cast<std::size_t>(hall)].building) : -1;
  }
  int fabricOfBuildingOf(int building) const {
    for (int hall : hallsOfBuilding[static_cast<std::size_t>(building)])
      for (int row : rowsOfHall[static_cast<std::size_t>(hall)])
        for (int rack : racksOfRow[static_cast<std::size_t>(row)]) return fabricOfRack[static_cast<std::size_t>(rack)];
    return -1;
  }
  double planesOf(int fabric) const {
    return fabric >= 0 ? std::max(1.0, planes[static_cast<std::size_t>(fabric)]) : 1.0;
  }
  /// Spines serve the leaves of their hall in three tiers and more (a pod per hall), all leaves in two.
  bool spinesPerHall(int fabric) const { return fabric >= 0 && tiers[static_cast<std::size_t>(fabric)] >= 3; }
};

/// Switches lost beyond the racks that lose power: one switch that fails by itself.
struct SwitchLoss {
  RackRole role = RackRole::Leaf;
  int rack = -1;
  double units = 0.0;
};

/// What losing racks (and switches) takes down, with what it does to the fabric: switches in
/// racks down are lost, and the GPUs they connect lose their share of bandwidth.
class ImpactCalculator {
 public:
  explicit ImpactCalculator(const SiteIndex& index) : x_(index) {}

  Impact of(std::span<const int> down, const SwitchLoss* extra, std::bitset<256>* tenants) {
    Impact impact;
    leafLost_.clear();
    spineLost_.clear();
    coreLost_.clear();
    downGpusByRow_.clear();
    downGpusByHall_.clear();
    downGpusByFabric_.clear();
    const SiteLayout& layout = x_.layout;
    auto loseSwitches = [&](RackRole role, int rack, double units) {
      const auto i = static_cast<std::size_t>(rack);
      const int row = layout.racks[i].row;
      const int hall = x_.hallOfRow[static_cast<std::size_t>(row)];
      const int fabric = x_.fabricOfRack[i];
      if (role == RackRole::Leaf) leafLost_[row] += units;
      if (role == RackRole::Spine) spineLost_[x_.spinesPerHall(fabric) ? hall : -2 - fabric] += units;
      if (role == RackRole::Core && fabric >= 0) coreLost_[fabric] += units;
    };
    for (const int rack : down) {
      const auto i = static_cast<std::size_t>(rack);
      const Rack& r = layout.racks[i];
      impact.racksDown += 1;
      impact.mwLost += r.powerKw * 1e-3;
      if (tenants) tenants->set(r.tenant);
      if (r.role == RackRole::Compute) {
        impact.gpusDown += x_.rackGpus[i];
        downGpusByRow_[r.row] += x_.rackGpus[i];
        downGpusByHall_[x_.hallOfRow[static_cast<std::size_t>(r.row)]] += x_.rackGpus[i];
        downGpusByFabric_[x_.fabricOfRack[i]] += x_.rackGpus[i];
      } else if (r.role != RackRole::Cdu) {
        loseSwitches(r.role, rack, r.units);
      }
    }
    if (extra) loseSwitches(extra->role, extra->rack, extra->units);

    // GPUs that lose bandwidth, per fabric: a GPU slowed by a leaf and by a spine counts once, and
    // no fabric loses more than the GPUs it still has.
    degradedByFabric_.clear();
    equivalentByFabric_.clear();
    for (const auto& [row, lost] : leafLost_) {
      const auto r = static_cast<std::size_t>(row);
      if (x_.rowLeaves[r] <= 0) continue;
      const double alive = x_.rowGpus[r] - valueIn(downGpusByRow_, row);
      if (alive <= 0) continue;
      const int fabric = x_.fabricOfHall(x_.hallOfRow[r]);
      const double share = std::min(1.0, lost / x_.rowLeaves[r]);
      const double planes = x_.planesOf(fabric);
      if (tenants) *tenants |= x_.rowTenants[r];
      if (planes <= 1) {
        impact.gpusDown += alive * share;  // one plane: a GPU without its leaf has no fabric at all
      } else {
        degradedByFabric_[fabric] += std::min(alive, alive * share * planes);
        equivalentByFabric_[fabric] += alive * share;
      }
    }
    for (const auto& [population, lost] : spineLost_) {
      const bool hall = population >= 0;
      const auto index = static_cast<std::size_t>(hall ? population : -2 - population);
      const double spines = hall ? x_.hallSpines[index] : x_.fabricSpines[index];
      const double gpus = hall ? x_.hallGpus[index] : x_.fabricGpus[index];
      const double alive =
          gpus - (hall ? valueIn(downGpusByHall_, population) : valueIn(downGpusByFabric_, -2 - population));
      if (spines <= 0 || alive <= 0) continue;
      if (tenants) *tenants |= hall ? x_.hallTenants[index] : x_.fabricTenants[index];
      const int fabric = hall ? x_.fabricOfHall(population) : -2 - population;
      degradedByFabric_[fabric] += alive;
      equivalentByFabric_[fabric] += alive * std::min(1.0, lost / spines);
    }
    for (const auto& [fabric, lost] : coreLost_) {
      const auto f = static_cast<std::size_t>(fabric);
      const double alive = x_.fabricGpus[f] - valueIn(downGpusByFabric_, fabric);
      if (x_.fabricCores[f] <= 0 || alive <= 0) continue;
      if (tenants) *tenants |= x_.fabricTenants[f];
      degradedByFabric_[fabric] += alive;
      equivalentByFabric_[fabric] += alive * std::min(1.0, lost / x_.fabricCores[f]);
    }
    double equivalent = 0.0;
    for (const auto& [fabric, degraded] : degradedByFabric_) {
      const double alive =
          fabric >= 0 ? x_.fabricGpus[static_cast<std::size_t>(fabric)] - valueIn(downGpusByFabric_, fabric) : degraded;
      impact.gpusDegraded += std::clamp(degraded, 0.0, std::max(0.0, alive));
      equivalent += std::clamp(valueIn(equivalentByFabric_, fabric), 0.0, std::max(0.0, alive));
    }
    impact.gpuEquivalent = impact.gpusDown + equivalent;
    return impact;
  }

 private:
  static double valueIn(const std::unordered_map<int, double>& map, int key) {
    const auto it = map.find(key);
    return it == map.end() ? 0.0 : it->second;
  }
  const SiteIndex& x_;
  std::unordered_map<int, double> leafLost_, spineLost_, coreLost_;
  std::unordered_map<int, double> downGpusByRow_, downGpusByHall_, downGpusByFabric_;
  std::unordered_map<int, double> degradedByFabric_, equivalentByFabric_;
};

/// Builds the groups and components level by level.
class Builder {
 public:
  Builder(const FailureModelInputs& in, FailureDomains& out) : in_(in), out_(out), index_(in), impacts_(index_) {}

  /// Units of one level serving `racks` (in floor order), `needed` of them carrying the load,
  /// with a redundancy scheme; `label` names a unit ("B1-H2 UPS").
  void addLevel(ComponentKind kind, int scheme, int needed, double unitRating, const std::vector<int>& racks,
                const QString& label, double failuresPerYear, double repairHours) {
    const std::size_t firstGroup = out_.groups.size();
    needed = std::max(1, needed);
    const auto share = [&](int i, int of) {
      const std::size_t from = racks.size() * static_cast<std::size_t>(i) / static_cast<std::size_t>(of);
      const std::size_t to = racks.size() * static_cast<std::size_t>(i + 1) / static_cast<std::size_t>(of);
      return std::vector<int>(racks.begin() + static_cast<std::ptrdiff_t>(from),
                              racks.begin() + static_cast<std::ptrdiff_t>(to));
    };
    int number = 0;
    switch (scheme) {
      case kN:
        for (int i = 0; i < needed; ++i)
          addGroup(kind, 1, 1, share(i, needed), {label + QStringLiteral(" %1").arg(++number)}, failuresPerYear,
                   repairHours);
        break;
      case k2N:
        for (int i = 0; i < needed; ++i) {
          ++number;
          addGroup(kind, 2, 1, share(i, needed),
                   {label + QStringLiteral(" %1A").arg(number), label + QStringLiteral(" %1B").arg(number)},
                   failuresPerYear, repairHours);
        }
        break;
      case kCatcher: {
        // Active units in groups of up to four, each with a reserve switched in for any one of
        // them: a group serves its actives' share of the racks.
        const int groups = (needed + kCatcherGroup - 1) / kCatcherGroup;
        int firstActive = 0;
        for (int g = 0; g < groups; ++g) {
          const int actives = needed * (g + 1) / groups - needed * g / groups;
          QStringList names;
          for (int a = 0; a < actives; ++a) names << label + QStringLiteral(" %1").arg(firstActive + a + 1);
          names << label + QStringLiteral(" reserve %1").arg(g + 1);
          const std::size_t from =
              racks.size() * static_cast<std::size_t>(firstActive) / static_cast<std::size_t>(needed);
          const std::size_t to =
              racks.size() * static_cast<std::size_t>(firstActive + actives) / static_cast<std::size_t>(needed);
          addGroup(kind, actives + 1, actives,
                   std::vector<int>(racks.begin() + static_cast<std::ptrdiff_t>(from),
                                    racks.begin() + static_cast<std::ptrdiff_t>(to)),
                   names, failuresPerYear, repairHours);
          firstActive += actives;
        }
        break;
      }
      default: {  // N+1 and 4N/3: one pool of units carrying the level together
        const int units = scheme == kNPlus1 ? needed + 1 : static_cast<int>(std::ceil(needed * 4.0 / 3.0 - 1e-9));
        QStringList names;
        for (int i = 0; i < units; ++i) names << label + QStringLiteral(" %1").arg(i + 1);
        addGroup(kind, units, needed, racks, names, failuresPerYear, repairHours);
      }
    }
    for (std::size_t g = firstGroup; g < out_.groups.size(); ++g) out_.groups[g].unitRating = unitRating;
  }

  /// A unit of one or two (2N) serving `racks`: a busway, a switchgear line-up, a water loop.
  void addPath(ComponentKind kind, bool twoPaths, const std::vector<int>& racks, const QString& label,
               double failuresPerYear, double repairHours) {
    if (twoPaths)
      addGroup(kind, 2, 1, racks, {label + QStringLiteral(" A"), label + QStringLiteral(" B")}, failuresPerYear,
               repairHours);
    else
      addGroup(kind, 1, 1, racks, {label}, failuresPerYear, repairHours);
  }

  void addGroup(ComponentKind kind, int units, int needed, const std::vector<int>& racks, const QStringList& names,
                double failuresPerYear, double repairHours, int rack = -1) {
    RedundancyGroup group;
    group.kind = kind;
    group.units = units;
    group.needed = needed;
    group.failuresPerYear = failuresPerYear;
    group.repairHours = repairHours;
    group.firstComponent = static_cast<int>(out_.components.size());
    group.firstServed = static_cast<std::uint32_t>(out_.servedRacks.size());
    group.servedCount = static_cast<std::uint32_t>(racks.size());
    out_.servedRacks.insert(out_.servedRacks.end(), racks.begin(), racks.end());
    std::bitset<256> tenants;
    group.allDown = impacts_.of(racks, nullptr, &tenants);
    const int g = static_cast<int>(out_.groups.size());
    out_.groups.push_back(group);
    for (int u = 0; u < units; ++u) {
      Component component;
      component.kind = kind;
      component.name = names.value(u);
      component.group = g;
      component.rack = rack;
      if (units == needed) {  // nothing backs it up: its racks go down with it
        component.impact = group.allDown;
        component.tenantsHit = tenants;
      }
      out_.components.push_back(std::move(component));
    }
  }

  /// One switch failing by itself.
  void addSwitch(RackRole role, int rack, const QString& name, DegradedScope scope, int scopeIndex,
                 double failuresPerYear, double repairHours) {
    const ComponentKind kind = role == RackRole::Leaf    ? ComponentKind::LeafSwitch
                               : role == RackRole::Spine ? ComponentKind::SpineSwitch
                                                         : ComponentKind::CoreSwitch;
    RedundancyGroup group;
    group.kind = kind;
    group.failuresPerYear = failuresPerYear;
    group.repairHours = repairHours;
    group.firstComponent = static_cast<int>(out_.components.size());
    group.firstServed = static_cast<std::uint32_t>(out_.servedRacks.size());
    Component component;
    component.kind = kind;
    component.name = name;
    component.group = static_cast<int>(out_.groups.size());
    component.rack = rack;
    const SwitchLoss loss{role, rack, 1.0};
    component.impact = impacts_.of({}, &loss, &component.tenantsHit);
    component.degradedScope = scope;
    component.degradedIndex = scopeIndex;
    group.allDown = component.impact;
    out_.groups.push_back(group);
    out_.components.push_back(std::move(component));
  }

  void build() {
    const SiteLayout& layout = *in_.layout;
    const auto inputOf = [&](int fabric, InputId id) {
      return valueOf(fabric >= 0 ? in_.fabricInputs[static_cast<std::size_t>(fabric)] : in_.siteInputs, id);
    };
    out_.rackFabric = index_.fabricOfRack;
    for (const auto gpus : index_.rackGpus) out_.siteGpus += gpus;
    for (const Rack& rack : layout.racks) out_.siteItMw += rack.powerKw * 1e-3;

    // Electrical blocks: halls of one building taken electrical.hallsPerBlock at a time.
    struct Block {
      QString name;
      int fabric = -1;
      std::vector<int> halls;
      std::vector<int> racks;
      double itMw = 0.0;
    };
    std::vector<Block> blocks;
    for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
      const std::vector<int>& halls = index_.hallsOfBuilding[b];
      const int fabric = index_.fabricOfBuildingOf(static_cast<int>(b));
      const auto perBlock = static_cast<std::size_t>(std::max(1.0, inputOf(fabric, InputId::electricalHallsPerBlock)));
      for (std::size_t first = 0; first < halls.size(); first += perBlock) {
        Block block;
        block.fabric = fabric;
        block.halls.assign(halls.begin() + static_cast<std::ptrdiff_t>(first),
                           halls.begin() + static_cast<std::ptrdiff_t>(std::min(halls.size(), first + perBlock)));
        block.name = layout.halls[static_cast<std::size_t>(block.halls.front())].name;
        if (block.halls.size() > 1)
          block.name += QStringLiteral(" to ") + layout.halls[static_cast<std::size_t>(block.halls.back())].name;
        for (int hall : block.halls)
          for (int row : index_.rowsOfHall[static_cast<std::size_t>(hall)])
            for (int rack : index_.racksOfRow[static_cast<std::size_t>(row)]) {
              block.racks.push_back(rack);
              block.itMw += layout.racks[static_cast<std::size_t>(rack)].powerKw * 1e-3;
            }
        if (!block.racks.empty()) blocks.push_back(std::move(block));
      }
    }
    out_.blocks = static_cast<int>(blocks.size());

    // Utility feeds for the whole site: blocks in order, each feed's share of them.
    {
      std::vector<int> racks;
      double facilityMva = 0.0;
      for (const Block& block : blocks) {
        racks.insert(racks.end(), block.racks.begin(), block.racks.end());
        facilityMva += block.itMw * pueOf(block.fabric) / inputOf(block.fabric, InputId::electricalPowerFactor);
      }
      const int feedScheme = static_cast<int>(valueOf(in_.siteInputs, InputId::electricalFeedRedundancy));
      addLevel(ComponentKind::UtilityFeed,
               feedScheme == 2   ? k2N
               : feedScheme == 1 ? kNPlus1
                                 : kN,
               unitsFor(facilityMva, valueOf(in_.siteInputs, InputId::electricalFeedMva)),
               valueOf(in_.siteInputs, InputId::electricalFeedMva), racks, QStringLiteral("Utility feed"),
               valueOf(in_.siteInputs, failureRateInputs(ComponentKind::UtilityFeed).first),
               valueOf(in_.siteInputs, failureRateInputs(ComponentKind::UtilityFeed).second));
    }

    for (const Block& block : blocks) {
      const int f = block.fabric;
      const auto in = [&](InputId id) { return inputOf(f, id); };
      const double facilityMva = block.itMw * pueOf(f) / in(InputId::electricalPowerFactor);
      const int scheme = static_cast<int>(in(InputId::electricalRedundancy));
      addPath(ComponentKind::Switchgear, in(InputId::electricalSwitchgearRedundancy) > 0.5, block.racks,
              block.name + QStringLiteral(" switchgear"), in(failureRateInputs(ComponentKind::Switchgear).first),
              in(failureRateInputs(ComponentKind::Switchgear).second));
      addLevel(ComponentKind::Transformer, scheme, unitsFor(facilityMva, in(InputId::electricalTransformerMva)),
               in(InputId::electricalTransformerMva), block.racks, block.name + QStringLiteral(" transformer"),
               in(failureRateInputs(ComponentKind::Transformer).first),
               in(failureRateInputs(ComponentKind::Transformer).second));
      addLevel(ComponentKind::Ups, scheme, unitsFor(block.itMw, in(InputId::electricalUpsModuleMw)),
               in(InputId::electricalUpsModuleMw), block.racks, block.name + QStringLiteral(" UPS"),
               in(failureRateInputs(ComponentKind::Ups).first), in(failureRateInputs(ComponentKind::Ups).second));
      for (int hall : block.halls)
        for (int row : index_.rowsOfHall[static_cast<std::size_t>(hall)]) {
          const std::vector<int>& racks = index_.racksOfRow[static_cast<std::size_t>(row)];
          if (racks.empty()) continue;
          addPath(ComponentKind::Busway, in(InputId::electricalBusRedundancy) > 0.5, racks,
                  FloorPlaces::rowName(layout, row) + QStringLiteral(" busway"),
                  in(failureRateInputs(ComponentKind::Busway).first),
                  in(failureRateInputs(ComponentKind::Busway).second));
        }
      // Cooling: the block's heat (its facility power, all of which ends up as heat) and its loops.
      const int heatScheme = static_cast<int>(in(InputId::coolingHeatRejectionRedundancy));
      addLevel(ComponentKind::HeatRejection,
               heatScheme == 2   ? k2N
               : heatScheme == 1 ? kNPlus1
                                 : kN,
               unitsFor(block.itMw * pueOf(f), in(InputId::coolingHeatRejectionUnitMw)),
               in(InputId::coolingHeatRejectionUnitMw), block.racks, block.name + QStringLiteral(" heat rejection"),
               in(failureRateInputs(ComponentKind::HeatRejection).first),
               in(failureRateInputs(ComponentKind::HeatRejection).second));
      addPath(ComponentKind::WaterLoop, in(InputId::coolingLoopRedundancy) > 0.5, block.racks,
              block.name + QStringLiteral(" water loop"), in(failureRateInputs(ComponentKind::WaterLoop).first),
              in(failureRateInputs(ComponentKind::WaterLoop).second));
      for (int hall : block.halls) addCdus(hall, f, in);
    }
    addFabrics(inputOf);
  }

 private:
  double pueOf(int fabric) const {
    return fabric >= 0 ? in_.fabricPue[static_cast<std::size_t>(fabric)]
                       : (in_.fabricPue.empty() ? 1.0 : in_.fabricPue[0]);
  }
  static int unitsFor(double load, double unit) {
    return unit > 0 ? std::max(1, static_cast<int>(std::ceil(load / unit - 1e-9))) : 1;
  }

  /// A hall's CDUs, as the floor places them, and the hall's liquid-cooled compute racks they serve.
  template <class In>
  void addCdus(int hall, int fabric, const In& in) {
    const SiteLayout& layout = *in_.layout;
    std::vector<int> cdus, computeRacks;
    double liquidKw = 0.0;
    const double liquidShare = fabric >= 0 ? in_.fabricLiquidShare[static_cast<std::size_t>(fabric)] : 0.0;
    for (int row : index_.rowsOfHall[static_cast<std::size_t>(hall)])
      for (int rack : index_.racksOfRow[static_cast<std::size_t>(row)]) {
        const Rack& r = layout.racks[static_cast<std::size_t>(rack)];
        if (r.role == RackRole::Cdu) cdus.push_back(rack);
        if (r.role == RackRole::Compute) {
          computeRacks.push_back(rack);
          liquidKw += r.powerKw * liquidShare;
        }
      }
    if (cdus.empty() || computeRacks.empty()) return;
    const QString hallName = layout.halls[static_cast<std::size_t>(hall)].name;
    const double rate = in(failureRateInputs(ComponentKind::Cdu).first),
                 repair = in(failureRateInputs(ComponentKind::Cdu).second);
    const auto n = static_cast<int>(cdus.size());
    if (in(InputId::coolingCduLoops) > 0.5) {
      // One header: the hall's CDUs carry its racks together, spares covering failed units.
      const int needed = std::min(n, unitsFor(liquidKw, in(InputId::coolingCduCapacityKw)));
      QStringList names;
      for (int c = 0; c < n; ++c)
        names << QStringLiteral("%1 CDU %2 (rack %3)").arg(hallName).arg(c + 1).arg(layout.racks[cdus[c]].id);
      const auto first = static_cast<std::size_t>(out_.components.size());
      addGroup(ComponentKind::Cdu, n, needed, computeRacks, names, rate, repair);
      for (int c = 0; c < n; ++c)
        out_.components[first + static_cast<std::size_t>(c)].rack = cdus[static_cast<std::size_t>(c)];
      return;
    }
    // A loop per CDU: each carries its own share of the hall's racks.
    for (int c = 0; c < n; ++c) {
      const std::size_t from = computeRacks.size() * static_cast<std::size_t>(c) / static_cast<std::size_t>(n);
      const std::size_t to = computeRacks.size() * static_cast<std::size_t>(c + 1) / static_cast<std::size_t>(n);
      addGroup(ComponentKind::Cdu, 1, 1,
               std::vector<int>(computeRacks.begin() + static_cast<std::ptrdiff_t>(from),
                                computeRacks.begin() + static_cast<std::ptrdiff_t>(to)),
               {QStringLiteral("%1 CDU %2 (rack %3)").arg(hallName).arg(c + 1).arg(layout.racks[cdus[c]].id)}, rate,
               repair, cdus[static_cast<std::size_t>(c)]);
    }
  }

  template <class InputOf>
  void addFabrics(const InputOf& inputOf) {
    const SiteLayout& layout = *in_.layout;
    // Switches, each of its own, numbered as the workspace and the exports number them.
    const std::vector<int> firstSwitch = FloorPlaces::firstSwitchNumbers(layout);
    for (std::size_t i = 0; i < layout.racks.size(); ++i) {
      const Rack& rack = layout.racks[i];
      if (rack.role == RackRole::Compute || rack.role == RackRole::Cdu) continue;
      const int fabric = index_.fabricOfRack[i];
      const int hall = index_.hallOfRow[static_cast<std::size_t>(rack.row)];
      const auto planes = static_cast<int>(index_.planesOf(fabric));
      const ComponentKind kind = rack.role == RackRole::Leaf    ? ComponentKind::LeafSwitch
                                 : rack.role == RackRole::Spine ? ComponentKind::SpineSwitch
                                                                : ComponentKind::CoreSwitch;
      const double rate = inputOf(fabric, failureRateInputs(kind).first);
      const double repair = inputOf(fabric, failureRateInputs(kind).second);
      const QString hallName = layout.halls[static_cast<std::size_t>(hall)].name;
      for (int u = 0; u < rack.units; ++u) {
        const int n = firstSwitch[i] + u;
        const int plane = FloorPlaces::planeOfSwitch(n, planes);
        if (rack.role == RackRole::Leaf) {
          addSwitch(
              rack.role, static_cast<int>(i),
              QStringLiteral("%1 leaf %2 (plane %3)").arg(FloorPlaces::rowName(layout, rack.row)).arg(n).arg(plane),
              DegradedScope::Row, rack.row, rate, repair);
        } else if (rack.role == RackRole::Spine) {
          const bool perHall = index_.spinesPerHall(fabric);
          addSwitch(rack.role, static_cast<int>(i),
                    QStringLiteral("%1 spine %2 (plane %3)").arg(hallName).arg(n).arg(plane),
                    perHall ? DegradedScope::Hall : DegradedScope::Fabric, perHall ? hall : fabric, rate, repair);
        } else {
          addSwitch(rack.role, static_cast<int>(i),
                    QStringLiteral("%1 core %2 (plane %3)").arg(hallName).arg(n).arg(plane), DegradedScope::Fabric,
                    fabric, rate, repair);
        }
      }
    }
    // Each plane of each fabric as a whole (its fabric manager, a configuration pushed to all of it).
    for (std::size_t f = 0; f < in_.fabricInputs.size(); ++f) {
      const double gpus = index_.fabricGpus[f];
      if (gpus <= 0) continue;
      const auto planes = static_cast<int>(index_.planesOf(static_cast<int>(f)));
      for (int p = 0; p < planes; ++p) {
        RedundancyGroup group;
        group.kind = ComponentKind::Plane;
        group.failuresPerYear = valueOf(in_.fabricInputs[f], failureRateInputs(ComponentKind::Plane).first);
        group.repairHours = valueOf(in_.fabricInputs[f], failureRateInputs(ComponentKind::Plane).second);
        group.firstComponent = static_cast<int>(out_.components.size());
        group.firstServed = static_cast<std::uint32_t>(out_.servedRacks.size());
        Component component;
        component.kind = ComponentKind::Plane;
        component.name = QStringLiteral("%1, plane %2").arg(in_.fabricNames[f]).arg(p + 1);
        component.group = static_cast<int>(out_.groups.size());
        // Without a second plane the GPUs have no fabric; with P planes each loses 1/P of it.
        if (planes == 1) {
          component.impact.gpusDown = gpus;
          component.impact.gpuEquivalent = gpus;
        } else {
          component.impact.gpusDegraded = gpus;
          component.impact.gpuEquivalent = gpus / planes;
        }
        component.degradedScope = DegradedScope::Fabric;
        component.degradedIndex = static_cast<int>(f);
        component.tenantsHit = index_.fabricTenants[f];
        group.allDown = component.impact;
        out_.groups.push_back(group);
        out_.components.push_back(std::move(component));
      }
    }
  }

  const FailureModelInputs& in_;
  FailureDomains& out_;
  SiteIndex index_;
  ImpactCalculator impacts_;
};

}  // namespace

std::size_t FailureDomains::signatureOf(const SiteLayout& layout) {
  std::size_t seed = layout.rows.size() * 1000003u + layout.halls.size();
  for (const Rack& rack : layout.racks)
    seed ^= (static_cast<std::size_t>(rack.id) * 31u + static_cast<std::size_t>(rack.row) * 7u +
             static_cast<std::size_t>(rack.role)) +
            0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
  return seed;
}

FailureDomains FailureDomains::analyze(const FailureModelInputs& inputs) {
  FailureDomains domains;
  if (!inputs.layout) return domains;
  domains.layoutSignature = signatureOf(*inputs.layout);
  Builder(inputs, domains).build();
  return domains;
}

std::vector<int> FailureDomains::racksDown(const SiteLayout&, int component) const {
  const Component& c = components[static_cast<std::size_t>(component)];
  const RedundancyGroup& group = groups[static_cast<std::size_t>(c.group)];
  if (group.units > group.needed || c.impact.racksDown <= 0) return {};
  const auto racks = served(group);
  return {racks.begin(), racks.end()};
}

std::vector<int> FailureDomains::racksDegraded(const SiteLayout& layout, int component) const {
  const Component& c = components[static_cast<std::size_t>(component)];
  std::vector<int> racks;
  if (c.degradedScope == DegradedScope::None || c.impact.gpusDegraded <= 0) return racks;
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    if (rack.role != RackRole::Compute) continue;
    const int hall = layout.rows[static_cast<std::size_t>(rack.row)].hall;
    switch (c.degradedScope) {
      case DegradedScope::Row:
        if (rack.row == c.degradedIndex) racks.push_back(static_cast<int>(i));
        break;
      case DegradedScope::Hall:
        if (hall == c.degradedIndex) racks.push_back(static_cast<int>(i));
        break;
      case DegradedScope::Fabric:
        if (rackFabric[i] == c.degradedIndex) racks.push_back(static_cast<int>(i));
        break;
      case DegradedScope::None:
        break;
    }
  }
  return racks;
}

std::vector<int> FailureDomains::worstFirst() const {
  std::vector<int> order(components.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const Impact& x = components[static_cast<std::size_t>(a)].impact;
    const Impact& y = components[static_cast<std::size_t>(b)].impact;
    if (x.gpuEquivalent != y.gpuEquivalent) return x.gpuEquivalent > y.gpuEquivalent;
    if (x.mwLost != y.mwLost) return x.mwLost > y.mwLost;
    return x.gpusDegraded > y.gpusDegraded;
  });
  return order;
}

std::array<int, kComponentKinds> FailureDomains::unitsByKind() const {
  std::array<int, kComponentKinds> units{};
  for (const Component& c : components) ++units[static_cast<std::size_t>(c.kind)];
  return units;
}

}  // namespace gigaplan
