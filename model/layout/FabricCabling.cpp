#include "layout/FabricCabling.h"

#include <algorithm>
#include <cmath>

#include "engine/FabricEstimator.h"

namespace gigaplan {

namespace {

struct RackPoint {
  double xM;
  double yM;
  double units;
};

struct RackGroup {
  std::vector<RackPoint> racks;
  double units = 0.0;
  void add(const RackPoint& point) {
    racks.push_back(point);
    units += point.units;
  }
};

class Router {
 public:
  Router(const HallTemplate& t, const std::array<double, 5>& reach, FabricCabling& cabling)
      : template_(t), reach_(reach), cabling_(cabling) {}

  /// `links` links between every rack of `from` and every rack of `to`, split in proportion
  /// to the switches (units) at each end.
  void connect(int tier, const RackGroup& from, const RackGroup& to, double links) {
    if (links <= 0 || from.units <= 0 || to.units <= 0) return;
    const double perUnitPair = links / (from.units * to.units);
    for (const RackPoint& a : from.racks)
      for (const RackPoint& b : to.racks) add(tier, perUnitPair * a.units * b.units, lengthM(a, b));
  }

 private:
  double lengthM(const RackPoint& a, const RackPoint& b) const {
    return FabricCabling::trayLengthM(template_, a.xM - b.xM, a.yM - b.yM);
  }
  void add(int tier, double count, double lengthM) {
    TierCabling& t = cabling_.tiers[static_cast<std::size_t>(tier)];
    t.links += count;
    t.totalLengthM += count * lengthM;
    t.longestM = std::max(t.longestM, lengthM);
    for (std::size_t c = 0; c < reach_.size(); ++c) {
      if (lengthM <= reach_[c]) {
        t.linksByReach[c] += count;
        t.lengthByReachM[c] += count * lengthM;
        return;
      }
    }
    t.beyondReach += count;
    t.beyondLengthM += count * lengthM;
  }

  const HallTemplate& template_;
  const std::array<double, 5>& reach_;
  FabricCabling& cabling_;
};

/// The racks of each group the assignment rule connects, as indices into layout.racks:
/// compute and leaf racks by row, leaf and spine racks by hall, spine and core racks site-wide.
struct FabricGroups {
  std::vector<std::vector<int>> computeByRow, leavesByRow, leavesByHall, spinesByHall;
  std::vector<int> allSpines, allCores;
  bool twoTier = false;

  FabricGroups(const SiteLayout& layout, const OutputValues& outputs)
      : computeByRow(layout.rows.size()),
        leavesByRow(layout.rows.size()),
        leavesByHall(layout.halls.size()),
        spinesByHall(layout.halls.size()),
        twoTier(valueOf(outputs, OutputId::networkTiers) < 2.5) {
    for (std::size_t i = 0; i < layout.racks.size(); ++i) {
      const Rack& rack = layout.racks[i];
      const auto row = static_cast<std::size_t>(rack.row);
      const auto hall = static_cast<std::size_t>(layout.rows[row].hall);
      const int index = static_cast<int>(i);
      // A network rack without switches carries no links.
      if (rack.role != RackRole::Compute && rack.role != RackRole::Cdu && rack.units == 0) continue;
      switch (rack.role) {
        case RackRole::Compute:
          computeByRow[row].push_back(index);
          break;
        case RackRole::Leaf:
          leavesByRow[row].push_back(index);
          leavesByHall[hall].push_back(index);
          break;
        case RackRole::Spine:
          spinesByHall[hall].push_back(index);
          allSpines.push_back(index);
          break;
        case RackRole::Core:
          allCores.push_back(index);
          break;
        case RackRole::Cdu:
          break;
      }
    }
  }
  /// The leaves a row's compute racks connect to: a row whose leaves did not fit beside it
  /// uses the leaves of its hall.
  const std::vector<int>& leavesOfRow(const SiteLayout& layout, std::size_t row) const {
    return leavesByRow[row].empty() ? leavesByHall[static_cast<std::size_t>(layout.rows[row].hall)] : leavesByRow[row];
  }
  /// The spines a hall's leaves connect to: all of them in a 2-tier fabric or a hall without.
  const std::vector<int>& spinesOfHall(std::size_t hall) const {
    return twoTier || spinesByHall[hall].empty() ? allSpines : spinesByHall[hall];
  }
};

RackGroup pointsOf(const SiteLayout& layout, const std::vector<int>& racks, bool countUnits) {
  const HallTemplate& t = layout.hallTemplate;
  RackGroup group;
  for (int index : racks) {
    const Rack& rack = layout.racks[static_cast<std::size_t>(index)];
    group.add({layout.rackXM(rack) + t.rackWidthM / 2, layout.rackYM(rack) + t.rackDepthM / 2,
               countUnits ? static_cast<double>(rack.units) : 1.0});
  }
  return group;
}

/// Calls visit(partner, tier) for every rack the assignment rule links to rack `index`, for
/// the tiers that have links (tier 0 = NIC to leaf).
template <typename Visit>
void forEachPartner(const SiteLayout& layout, const FabricGroups& groups, const std::array<double, 4>& tierLinks,
                    int index, Visit visit) {
  const Rack& rack = layout.racks[static_cast<std::size_t>(index)];
  const auto row = static_cast<std::size_t>(rack.row);
  const auto hall = static_cast<std::size_t>(layout.rows[row].hall);
  auto visitAll = [&](const std::vector<int>& racks, int tier) {
    if (tierLinks[static_cast<std::size_t>(tier)] <= 0) return;
    for (int other : racks)
      if (other != index) visit(other, tier);
  };
  auto contains = [](const std::vector<int>& racks, int i) {
    return std::find(racks.begin(), racks.end(), i) != racks.end();
  };
  switch (rack.role) {
    case RackRole::Compute:
      visitAll(groups.leavesOfRow(layout, row), 0);
      break;
    case RackRole::Leaf:
      for (std::size_t r = 0; r < layout.rows.size(); ++r)
        if (static_cast<std::size_t>(layout.rows[r].hall) == hall && contains(groups.leavesOfRow(layout, r), index))
          visitAll(groups.computeByRow[r], 0);
      visitAll(groups.spinesOfHall(hall), 1);
      break;
    case RackRole::Spine:
      for (std::size_t h = 0; h < layout.halls.size(); ++h)
        if (contains(groups.spinesOfHall(h), index)) visitAll(groups.leavesByHall[h], 1);
      visitAll(groups.allCores, 2);
      break;
    case RackRole::Core:
      visitAll(groups.allSpines, 2);
      visitAll(groups.allCores, 3);
      break;
    case RackRole::Cdu:
      break;
  }
}

std::array<double, 4> tierLinksOf(const OutputValues& outputs) {
  return {valueOf(outputs, OutputId::networkLinksTier1), valueOf(outputs, OutputId::networkLinksTier2),
          valueOf(outputs, OutputId::networkLinksTier3), valueOf(outputs, OutputId::networkLinksTier4)};
}

double linkLengthM(const SiteLayout& layout, const Rack& a, const Rack& b) {
  return FabricCabling::trayLengthM(layout.hallTemplate, layout.rackXM(a) - layout.rackXM(b),
                                    layout.rackYM(a) - layout.rackYM(b));
}

}  // namespace

FabricCabling FabricCabling::route(const SiteLayout& layout, const OutputValues& outputs,
                                   const std::array<double, 5>& reachLimitM) {
  FabricCabling cabling;
  cabling.reachLimitM = reachLimitM;
  const HallTemplate& t = layout.hallTemplate;
  const FabricGroups groups(layout, outputs);
  // Positions are rack centres; compute racks count by their nodes, network racks by their switches.
  std::vector<RackGroup> computeByRow, leavesByHall, spinesByHall;
  for (const auto& racks : groups.computeByRow) computeByRow.push_back(pointsOf(layout, racks, true));
  for (const auto& racks : groups.leavesByHall) leavesByHall.push_back(pointsOf(layout, racks, true));
  for (const auto& racks : groups.spinesByHall) spinesByHall.push_back(pointsOf(layout, racks, true));
  const RackGroup allSpines = pointsOf(layout, groups.allSpines, true);
  const RackGroup allCores = pointsOf(layout, groups.allCores, true);

  Router router(t, cabling.reachLimitM, cabling);
  double computeRacks = 0;
  for (const RackGroup& group : computeByRow) computeRacks += group.units;
  double leafUnits = 0;
  for (const RackGroup& group : leavesByHall) leafUnits += group.units;
  const double links[4] = {valueOf(outputs, OutputId::networkLinksTier1), valueOf(outputs, OutputId::networkLinksTier2),
                           valueOf(outputs, OutputId::networkLinksTier3),
                           valueOf(outputs, OutputId::networkLinksTier4)};

  for (std::size_t row = 0; row < layout.rows.size(); ++row) {
    if (computeByRow[row].units <= 0) continue;
    router.connect(0, computeByRow[row], pointsOf(layout, groups.leavesOfRow(layout, row), true),
                   links[0] * computeByRow[row].units / computeRacks);
  }
  for (std::size_t hall = 0; hall < layout.halls.size(); ++hall) {
    const RackGroup spines = pointsOf(layout, groups.spinesOfHall(hall), true);
    router.connect(1, leavesByHall[hall], spines, leafUnits > 0 ? links[1] * leavesByHall[hall].units / leafUnits : 0);
  }
  router.connect(2, allSpines, allCores, links[2]);
  router.connect(3, allCores, allCores, links[3]);

  for (std::size_t tier = 0; tier < 4; ++tier) {
    const TierCabling& tc = cabling.tiers[tier];
    if (tc.beyondReach > 0)
      cabling.findings.push_back(
          {LayoutFinding::Kind::LinkReach, QStringLiteral("%1 links").arg(fabricTierName(static_cast<int>(tier))),
           QStringLiteral("%1 links up to %2 m long, beyond the %3 m of the longest-reach module")
               .arg(std::llround(tc.beyondReach))
               .arg(tc.longestM, 0, 'f', 0)
               .arg(cabling.reachLimitM.back(), 0, 'f', 0)});
  }
  return cabling;
}

void FabricCabling::applyTo(const InputValues& inputs, OutputValues& outputs) const {
  using namespace fabric_detail;
  auto in = [&](InputId id) -> const double& { return inputs[static_cast<std::size_t>(id)]; };
  const MediaShape<double> media =
      mediaShape<double>(in, valueOf(outputs, OutputId::networkLinkGbps), valueOf(outputs, OutputId::networkUplinkGbps),
                         valueOf(outputs, OutputId::networkCoreLinkGbps));
  MediaTotals<double> totals;
  for (int tier = 0; tier < 4; ++tier) {
    const TierCabling& tc = tiers[static_cast<std::size_t>(tier)];
    // Links beyond every reach still need the longest-reach media: they are counted there and
    // reported as findings.
    std::array<double, 5> byReach = tc.linksByReach;
    std::array<double, 5> lengthM = tc.lengthByReachM;
    byReach[4] += tc.beyondReach;
    lengthM[4] += tc.beyondLengthM;
    for (int m = 0; m < 5; ++m)
      if (byReach[static_cast<std::size_t>(m)] > 0)
        totals.add(tier, m, byReach[static_cast<std::size_t>(m)], lengthM[static_cast<std::size_t>(m)], media, in);
  }
  totals.write(in, [&](OutputId id) -> double& { return valueOf(outputs, id); });
}

std::vector<RackLink> FabricCabling::linksOfRack(const SiteLayout& layout, const OutputValues& outputs, int rackIndex) {
  std::vector<RackLink> links;
  if (rackIndex < 0 || static_cast<std::size_t>(rackIndex) >= layout.racks.size()) return links;
  const FabricGroups groups(layout, outputs);
  const Rack& rack = layout.racks[static_cast<std::size_t>(rackIndex)];
  forEachPartner(layout, groups, tierLinksOf(outputs), rackIndex, [&](int other, int tier) {
    links.push_back({other, tier, linkLengthM(layout, rack, layout.racks[static_cast<std::size_t>(other)])});
  });
  return links;
}

std::vector<float> FabricCabling::longestLinkPerRack(const SiteLayout& layout, const OutputValues& outputs) {
  std::vector<float> longest(layout.racks.size(), 0.0f);
  const FabricGroups groups(layout, outputs);
  const std::array<double, 4> tierLinks = tierLinksOf(outputs);
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    forEachPartner(layout, groups, tierLinks, static_cast<int>(i), [&](int other, int) {
      longest[i] = std::max(
          longest[i], static_cast<float>(linkLengthM(layout, rack, layout.racks[static_cast<std::size_t>(other)])));
    });
  }
  return longest;
}

}  // namespace gigaplan
