#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/InputSchema.h"
#include "engine/OutputSchema.h"
#include "engine/ReachClass.h"
#include "layout/LayoutMetrics.h"
#include "layout/SiteLayout.h"

namespace gigaplan {

/// One rack's fabric links to another rack: tier 0 is NIC to leaf, 1 leaf to spine, 2 spine to
/// core, 3 core to tier 4. Links between the same two racks are one entry.
struct RackLink {
  int rack = -1;  ///< index into layout.racks
  int tier = 0;
  double lengthM = 0.0;
};

/// Whole links of one tier between two racks, all of one length: `a` is the lower end (the
/// compute rack of NIC links, the leaf rack of leaf uplinks, ...), `b` the upper; the same rack
/// at both ends for links between the core switches of one rack.
struct RackPairLinks {
  int a = -1;  ///< index into layout.racks
  int b = -1;
  int tier = 0;
  std::int64_t count = 0;
  double lengthM = 0.0;
};

/// The links of one fabric tier, by the media their length needs.
struct TierCabling {
  double links = 0.0;
  double totalLengthM = 0.0;
  double longestM = 0.0;
  std::array<double, 5> linksByReach{};    ///< by ReachClass
  std::array<double, 5> lengthByReachM{};  ///< total length of those links
  double beyondReach = 0.0;                ///< longer than the longest-reach module
  double beyondLengthM = 0.0;
};

/// The length of every fabric link from rack positions, and the media each needs.
///
/// Links run between rack centres along the cable trays (x then y, Manhattan), plus the rise to
/// the tray and down at the other end, plus slack. Assignment follows the generated fabric: a
/// compute rack's NIC links go to the leaf racks of its row; a leaf rack's uplinks to the spine
/// racks of its hall (all spine racks in a 2-tier fabric); a spine rack's uplinks to every core
/// rack; tier-4 links between core racks. Links between the same two racks share one length, so
/// each pair is measured once and counted as many times as it has links.
struct FabricCabling {
  std::array<TierCabling, 4> tiers;
  std::array<double, 5> reachLimitM{};  ///< longest link each class carries
  std::vector<LayoutFinding> findings;  ///< tiers with links beyond every module's reach

  /// Every link of the floor in whole links, rack pair by rack pair, in floor order (tier 0 row by
  /// row, tier 1 hall by hall, then tiers 2 and 3). Each tier's links (networkLinksTier1..4) are
  /// shared among the racks the rule connects in proportion to their nodes and switches, by
  /// largest remainder, so that they add up to the tier's count exactly: the figures, the cable
  /// plan and every other export count these same links.
  static std::vector<RackPairLinks> rackPairs(const SiteLayout& layout, const OutputValues& outputs);
  /// The figures of rackPairs: links, lengths and media per tier.
  static FabricCabling route(const SiteLayout& layout, const OutputValues& outputs,
                             const std::array<double, 5>& reachLimitM);
  /// Replaces the engine's layout-free media figures (transceivers, cables, fiber, media power
  /// and cost) with those of the measured links; power and cost estimators then use them.
  void applyTo(const InputValues& inputs, OutputValues& outputs) const;

  /// The figures of links given rack pair by rack pair (those of rackPairs).
  static FabricCabling tally(const std::vector<RackPairLinks>& pairs, const std::array<double, 5>& reachLimitM);
  /// The shortest reach class (ReachClass) whose limit carries a link of `lengthM`; -1 beyond all.
  static int reachClassOf(double lengthM, const std::array<double, 5>& reachLimitM);

  /// The racks one rack links to under the same assignment rule, with the cable lengths.
  static std::vector<RackLink> linksOfRack(const SiteLayout& layout, const OutputValues& outputs, int rackIndex);
  /// Per rack (by index), the longest of its links in metres; 0 for racks without links.
  static std::vector<float> longestLinkPerRack(const SiteLayout& layout, const OutputValues& outputs);
  /// A cable between two points of the floor `dx` and `dy` metres apart, as the trays carry it:
  /// along x then y, up to the tray and down again, with the template's slack.
  static double trayLengthM(const HallTemplate& t, double dx, double dy) {
    return (std::fabs(dx) + std::fabs(dy) + t.cableRiseM) * (1.0 + t.cableSlackFraction);
  }
};

}  // namespace gigaplan
