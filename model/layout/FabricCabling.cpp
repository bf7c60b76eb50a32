#include "layout/FabricCabling.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "engine/FabricEstimator.h"

namespace gigaplan {

namespace {

/// `total` whole links shared out in proportion to `weights` (largest remainder: each share is
/// its quota rounded down, and the links left go to the largest fractions, earlier first), so
/// the shares add up to the total exactly.
std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<double>& weights) {
  std::vector<std::int64_t> shares(weights.size(), 0);
  double sum = 0;
  for (double w : weights) sum += std::max(w, 0.0);
  if (total <= 0 || sum <= 0) return shares;
  std::vector<std::pair<double, std::size_t>> fractions;
  fractions.reserve(weights.size());
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double quota = static_cast<double>(total) * std::max(weights[i], 0.0) / sum;
    shares[i] = static_cast<std::int64_t>(std::floor(quota));
    given += shares[i];
    fractions.emplace_back(quota - std::floor(quota), i);
  }
  std::stable_sort(fractions.begin(), fractions.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  for (std::size_t k = 0; given < total && k < fractions.size(); ++k, ++given)
    if (weights[fractions[k].second] > 0) ++shares[fractions[k].second];
  return shares;
}

class PairMaker {
 public:
  PairMaker(const SiteLayout& layout, std::vector<RackPairLinks>& pairs) : layout_(layout), pairs_(pairs) {}

  /// `links` whole links between the racks of `from` and those of `to`, shared in proportion to
  /// the switches (units) at each end.
  void connect(int tier, const std::vector<int>& from, const std::vector<int>& to, std::int64_t links) {
    if (links <= 0 || from.empty() || to.empty()) return;
    std::vector<double> weights;
    weights.reserve(from.size() * to.size());
    for (int a : from)
      for (int b : to) weights.push_back(static_cast<double>(unitsOf(a)) * unitsOf(b));
    const std::vector<std::int64_t> shares = apportion(links, weights);
    std::size_t k = 0;
    for (int a : from)
      for (int b : to) {
        const std::int64_t count = shares[k++];
        if (count > 0) pairs_.push_back({a, b, tier, count, lengthM(a, b)});
      }
  }

  double unitsOf(const std::vector<int>& racks) const {
    double units = 0;
    for (int r : racks) units += unitsOf(r);
    return units;
  }

 private:
  int unitsOf(int rack) const { return layout_.racks[static_cast<std::size_t>(rack)].units; }
  double lengthM(int a, int b) const {
    const Rack& ra = layout_.racks[static_cast<std::size_t>(a)];
    const Rack& rb = layout_.racks[static_cast<std::size_t>(b)];
    return FabricCabling::trayLengthM(layout_.hallTemplate, layout_.rackXM(ra) - layout_.rackXM(rb),
                                      layout_.rackYM(ra) - layout_.rackYM(rb));
  }

  const SiteLayout& layout_;
  std::vector<RackPairLinks>& pairs_;
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

std::vector<RackPairLinks> FabricCabling::rackPairs(const SiteLayout& layout, const OutputValues& outputs) {
  std::vector<RackPairLinks> pairs;
  const FabricGroups groups(layout, outputs);
  PairMaker maker(layout, pairs);
  std::array<std::int64_t, 4> links{};
  const std::array<double, 4> tierLinks = tierLinksOf(outputs);
  for (std::size_t tier = 0; tier < 4; ++tier)
    links[tier] = std::isfinite(tierLinks[tier]) && tierLinks[tier] > 0 ? std::llround(tierLinks[tier]) : 0;

  // NIC links: shared among the rows by their nodes, then within a row by nodes and leaf switches.
  std::vector<double> rowNodes(layout.rows.size(), 0.0);
  for (std::size_t row = 0; row < layout.rows.size(); ++row)
    if (!groups.leavesOfRow(layout, row).empty()) rowNodes[row] = maker.unitsOf(groups.computeByRow[row]);
  const std::vector<std::int64_t> rowLinks = apportion(links[0], rowNodes);
  for (std::size_t row = 0; row < layout.rows.size(); ++row)
    maker.connect(0, groups.computeByRow[row], groups.leavesOfRow(layout, row), rowLinks[row]);
  // Leaf uplinks: shared among the halls by their leaf switches.
  std::vector<double> hallLeaves(layout.halls.size(), 0.0);
  for (std::size_t hall = 0; hall < layout.halls.size(); ++hall)
    if (!groups.spinesOfHall(hall).empty()) hallLeaves[hall] = maker.unitsOf(groups.leavesByHall[hall]);
  const std::vector<std::int64_t> hallLinks = apportion(links[1], hallLeaves);
  for (std::size_t hall = 0; hall < layout.halls.size(); ++hall)
    maker.connect(1, groups.leavesByHall[hall], groups.spinesOfHall(hall), hallLinks[hall]);
  maker.connect(2, groups.allSpines, groups.allCores, links[2]);
  maker.connect(3, groups.allCores, groups.allCores, links[3]);
  return pairs;
}

FabricCabling FabricCabling::route(const SiteLayout& layout, const OutputValues& outputs,
                                   const std::array<double, 5>& reachLimitM) {
  return tally(rackPairs(layout, outputs), reachLimitM);
}

FabricCabling FabricCabling::tally(const std::vector<RackPairLinks>& pairs, const std::array<double, 5>& reachLimitM) {
  FabricCabling cabling;
  cabling.reachLimitM = reachLimitM;
  for (const RackPairLinks& pair : pairs) {
    TierCabling& t = cabling.tiers[static_cast<std::size_t>(pair.tier)];
    const auto count = static_cast<double>(pair.count);
    t.links += count;
    t.totalLengthM += count * pair.lengthM;
    t.longestM = std::max(t.longestM, pair.lengthM);
    const int reach = reachClassOf(pair.lengthM, reachLimitM);
    if (reach >= 0) {
      t.linksByReach[static_cast<std::size_t>(reach)] += count;
      t.lengthByReachM[static_cast<std::size_t>(reach)] += count * pair.lengthM;
    } else {
      t.beyondReach += count;
      t.beyondLengthM += count * pair.lengthM;
    }
  }

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

int FabricCabling::reachClassOf(double lengthM, const std::array<double, 5>& reachLimitM) {
  for (std::size_t c = 0; c < reachLimitM.size(); ++c)
    if (lengthM <= reachLimitM[c]) return static_cast<int>(c);
  return -1;
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
