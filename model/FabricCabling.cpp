#include "FabricCabling.h"

#include <algorithm>
#include <cmath>

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
      : riseM_(t.cableRiseM), slack_(1.0 + t.cableSlackFraction), reach_(reach), cabling_(cabling) {}

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
    return (std::fabs(a.xM - b.xM) + std::fabs(a.yM - b.yM) + riseM_) * slack_;
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

  double riseM_;
  double slack_;
  const std::array<double, 5>& reach_;
  FabricCabling& cabling_;
};

}  // namespace

FabricCabling FabricCabling::route(const SiteLayout& layout, const OutputValues& outputs,
                                   const std::array<double, 5>& reachLimitM) {
  FabricCabling cabling;
  cabling.reachLimitM = reachLimitM;
  const HallTemplate& t = layout.hallTemplate;

  // Group the racks: compute and leaf racks by row, leaf and spine racks by hall, spine and
  // core racks site-wide. Positions are rack centres.
  std::vector<RackGroup> computeByRow(layout.rows.size()), leavesByRow(layout.rows.size());
  std::vector<RackGroup> leavesByHall(layout.halls.size()), spinesByHall(layout.halls.size());
  RackGroup allSpines, allCores;
  for (const Rack& rack : layout.racks) {
    const RackPoint point{layout.rackXM(rack) + t.rackWidthM / 2, layout.rackYM(rack) + t.rackDepthM / 2,
                          static_cast<double>(rack.units)};
    const auto row = static_cast<std::size_t>(rack.row);
    const auto hall = static_cast<std::size_t>(layout.rows[row].hall);
    switch (rack.role) {
      case RackRole::Compute:
        computeByRow[row].add({point.xM, point.yM, 1.0});
        break;
      case RackRole::Leaf:
        leavesByRow[row].add(point);
        leavesByHall[hall].add(point);
        break;
      case RackRole::Spine:
        spinesByHall[hall].add(point);
        allSpines.add(point);
        break;
      case RackRole::Core:
        allCores.add(point);
        break;
      case RackRole::Cdu:
        break;
    }
  }

  Router router(t, cabling.reachLimitM, cabling);
  double computeRacks = 0;
  for (const RackGroup& group : computeByRow) computeRacks += group.units;
  double leafUnits = 0;
  for (const RackGroup& group : leavesByHall) leafUnits += group.units;
  const double links[4] = {valueOf(outputs, OutputId::networkLinksTier1), valueOf(outputs, OutputId::networkLinksTier2),
                           valueOf(outputs, OutputId::networkLinksTier3),
                           valueOf(outputs, OutputId::networkLinksTier4)};
  const bool twoTier = valueOf(outputs, OutputId::networkTiers) < 2.5;

  for (std::size_t row = 0; row < layout.rows.size(); ++row) {
    if (computeByRow[row].units <= 0) continue;
    // A row whose leaves did not fit beside it uses the leaves of its hall.
    const RackGroup& leaves =
        leavesByRow[row].units > 0 ? leavesByRow[row] : leavesByHall[static_cast<std::size_t>(layout.rows[row].hall)];
    router.connect(0, computeByRow[row], leaves, links[0] * computeByRow[row].units / computeRacks);
  }
  for (std::size_t hall = 0; hall < layout.halls.size(); ++hall) {
    const RackGroup& spines = twoTier || spinesByHall[hall].units <= 0 ? allSpines : spinesByHall[hall];
    router.connect(1, leavesByHall[hall], spines, leafUnits > 0 ? links[1] * leavesByHall[hall].units / leafUnits : 0);
  }
  router.connect(2, allSpines, allCores, links[2]);
  router.connect(3, allCores, allCores, links[3]);

  static const char* kTierNames[4] = {"NIC-to-leaf", "leaf-to-spine", "spine-to-core", "core-to-tier-4"};
  for (std::size_t tier = 0; tier < 4; ++tier) {
    const TierCabling& tc = cabling.tiers[tier];
    if (tc.beyondReach > 0)
      cabling.findings.push_back(
          {LayoutFinding::Kind::LinkReach, QStringLiteral("%1 links").arg(kTierNames[tier]),
           QStringLiteral("%1 links up to %2 m long, beyond the %3 m of the longest-reach module")
               .arg(std::llround(tc.beyondReach))
               .arg(tc.longestM, 0, 'f', 0)
               .arg(cabling.reachLimitM.back(), 0, 'f', 0)});
  }
  return cabling;
}

void FabricCabling::applyTo(const InputValues& inputs, OutputValues& outputs) const {
  using namespace fabric_detail;
  const double linkGbps = valueOf(outputs, OutputId::networkLinkGbps);
  const double nicGbps = valueOf(inputs, InputId::networkNicSpeedGbps);
  const double portsPerEnd = portsPerLinkEnd(linkGbps, valueOf(inputs, InputId::networkSwitchPortSpeedGbps));
  static const InputId priceOf[5] = {
      InputId::opticsCopperPriceUsdPer400G, InputId::opticsAecPriceUsdPer400G, InputId::opticsMultimodePriceUsdPer400G,
      InputId::opticsSinglemodeDrPriceUsdPer400G, InputId::opticsSinglemodeFrPriceUsdPer400G};
  static const InputId powerOf[5] = {InputId::opticsCopperPowerWPer400G, InputId::opticsAecPowerWPer400G,
                                     InputId::opticsMultimodePowerWPer400G, InputId::opticsSinglemodeDrPowerWPer400G,
                                     InputId::opticsSinglemodeFrPowerWPer400G};
  std::array<double, 5> modules{}, cables{};
  double mediaUsd = 0, mediaW = 0, fiberM = 0;
  for (int tier = 0; tier < 4; ++tier) {
    const TierCabling& tc = tiers[static_cast<std::size_t>(tier)];
    // Links beyond every reach still need the longest-reach media: they are counted there and
    // reported as findings.
    std::array<double, 5> byReach = tc.linksByReach;
    std::array<double, 5> lengthM = tc.lengthByReachM;
    byReach[4] += tc.beyondReach;
    lengthM[4] += tc.beyondLengthM;
    for (std::size_t media = 0; media < 5; ++media) {
      const double links = byReach[media];
      if (links <= 0) continue;
      cables[media] += links;
      const double ends = linkEndsPer400G(links, linkGbps);
      mediaUsd += ends * valueOf(inputs, priceOf[media]);
      mediaW += ends * valueOf(inputs, powerOf[media]);
      if (media >= static_cast<std::size_t>(ReachClass::Multimode)) {
        modules[media] += modulesForLinks(tier, links, linkGbps, nicGbps, portsPerEnd);
        fiberM += lengthM[media];
      }
    }
  }
  const double fiberCables = cables[2] + cables[3] + cables[4];
  valueOf(outputs, OutputId::networkTransceiversMultimode) = modules[2];
  valueOf(outputs, OutputId::networkTransceiversSinglemodeDr) = modules[3];
  valueOf(outputs, OutputId::networkTransceiversSinglemodeFr) = modules[4];
  valueOf(outputs, OutputId::networkCablesCopper) = cables[0];
  valueOf(outputs, OutputId::networkCablesAec) = cables[1];
  valueOf(outputs, OutputId::networkCablesFiber) = fiberCables;
  valueOf(outputs, OutputId::networkFiberKm) = fiberM * 1e-3;
  valueOf(outputs, OutputId::networkMediaPowerMw) = mediaW * 1e-6;
  valueOf(outputs, OutputId::costOpticsCablesUsd) = mediaUsd +
                                                    fiberCables * valueOf(inputs, InputId::opticsFiberCableUsd) +
                                                    fiberM * valueOf(inputs, InputId::opticsFiberUsdPerM);
}

}  // namespace gigaplan
