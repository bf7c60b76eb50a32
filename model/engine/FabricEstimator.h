// Rail-optimized fat tree over one switch model, in one or more identical planes.
//
// Per plane, with k ports at link speed and oversubscription o_i at tier i:
//   down ports d_i = floor(k o_i / (1 + o_i)), up ports u_i = k - d_i
//   most endpoints with T tiers: k * d_{T-1} * ... * d_1   (k^2/2, k^3/4, k^4/8 when non-blocking)
//   leaves = rails * ceil(nodes / d_1)          (rails = NICs per node; one leaf per rail group)
//   tier i+1 = ceil(tier i * u_i / d_{i+1}),  top tier = ceil(below * u / k)
// Tiers above the leaves are sized for cluster.designGpus when it is larger (growth headroom).
// Bisection (one direction) = planes * link * min(endpoints, uplinks of each tier) / 2.
#pragma once

#include "engine/LaneMath.h"
#include "engine/ModelFrame.h"
#include "engine/ReachClass.h"

namespace gigaplan {

namespace fabric_detail {

template <class V>
struct PlaneShape {
  V linkGbps;      // NIC-to-leaf links
  V upLinkGbps;    // leaf-to-spine links
  V coreLinkGbps;  // links above the spines
  V radix;         // leaf ports at the NIC-to-leaf link speed
  V upRadix;       // ports at the leaf-to-spine link speed
  V coreRadix;     // ports at the speed of the links above the spines
  V down1, up1, down2, up2, down3, up3;
  V maxEndpoints2, maxEndpoints3, maxEndpoints4;
};

/// What decides module and cable counts: the link and NIC speeds, the switch's transceiver cages
/// and whether its optics are co-packaged, and how many NIC ports share one cage.
template <class V>
struct MediaShape {
  V linkGbps, upLinkGbps, coreLinkGbps, nicGbps, nicPortsPerCage, switchCageGbps, switchOpticsIntegrated;
  /// The speed of a tier's links: NIC-to-leaf (tier 0), leaf-to-spine (tier 1), above (2 and 3).
  const V& gbps(int tier) const { return tier == 0 ? linkGbps : tier == 1 ? upLinkGbps : coreLinkGbps; }
};

/// `in` reads an input (a frame's or a plain InputValues').
template <class V, class In>
MediaShape<V> mediaShape(In in, const V& linkGbps, const V& upLinkGbps, const V& coreLinkGbps) {
  return {linkGbps,
          upLinkGbps,
          coreLinkGbps,
          in(InputId::networkNicSpeedGbps),
          in(InputId::systemNicPortsPerCage),
          in(InputId::networkSwitchPortSpeedGbps)*in(InputId::networkSwitchPortsPerCage),
          in(InputId::networkSwitchOpticsIntegrated)};
}

/// Ports of a switch at a link speed: a port faster than the link breaks out into several links;
/// a link faster than a port bonds ports.
template <class V>
V portsAtSpeed(const V& ports, const V& portGbps, const V& linkGbps) {
  return where(lessEqual(linkGbps, portGbps), V(ports * floorOf(V(portGbps / linkGbps))),
               floorOf(V(ports / ceilOf(V(linkGbps / portGbps)))));
}

/// One plane's shape. Oversubscription is down bandwidth over up bandwidth; a leaf gives its
/// share of ports to NIC links at their speed and the rest to uplinks at theirs.
/// Ports at the upper link speeds given (network.uplinkGbps, network.coreLinkGbps). They do not
/// depend on the planes, so the plane search computes them once; unused where no speed is given.
template <class V>
struct GivenSpeedPorts {
  V uplinkPorts, corePorts;
};

template <class V>
GivenSpeedPorts<V> givenSpeedPorts(const ModelFrame<V>& f) {
  const V& ports = f.in(InputId::networkSwitchRadix);
  const V& portGbps = f.in(InputId::networkSwitchPortSpeedGbps);
  const V& uplinkIn = f.in(InputId::networkUplinkGbps);
  const V& coreIn = f.in(InputId::networkCoreLinkGbps);
  // Most scenarios give neither speed: skip the divisions then.
  GivenSpeedPorts<V> given{constant<V>(0.0), constant<V>(0.0)};
  if (anyOf(greater(uplinkIn, 0.0))) given.uplinkPorts = portsAtSpeed(ports, portGbps, V(maxOf(uplinkIn, 1.0)));
  if (anyOf(greater(coreIn, 0.0))) given.corePorts = portsAtSpeed(ports, portGbps, V(maxOf(coreIn, 1.0)));
  return given;
}

/// One plane's shape. Oversubscription is down bandwidth over up bandwidth; a switch gives its
/// share of ports to the links below at their speed and the rest to the links above at theirs.
template <class V>
PlaneShape<V> planeShape(const ModelFrame<V>& f, const V& planes, const GivenSpeedPorts<V>& given) {
  PlaneShape<V> s;
  const V& portGbps = f.in(InputId::networkSwitchPortSpeedGbps);
  const V& ports = f.in(InputId::networkSwitchRadix);
  const auto uplinkGiven = greater(f.in(InputId::networkUplinkGbps), 0.0);
  const auto coreGiven = greater(f.in(InputId::networkCoreLinkGbps), 0.0);
  s.linkGbps = f.in(InputId::networkNicSpeedGbps) / planes;
  s.upLinkGbps = where(uplinkGiven, f.in(InputId::networkUplinkGbps), s.linkGbps);
  s.coreLinkGbps = where(coreGiven, f.in(InputId::networkCoreLinkGbps), s.upLinkGbps);
  s.radix = portsAtSpeed(ports, portGbps, s.linkGbps);
  s.upRadix = where(uplinkGiven, given.uplinkPorts, s.radix);
  s.coreRadix = where(coreGiven, given.corePorts, s.upRadix);
  const V& o1 = f.in(InputId::networkOversubscriptionTier1);
  const V& o2 = f.in(InputId::networkOversubscriptionTier2);
  const V& o3 = f.in(InputId::networkOversubscriptionTier3);
  s.down1 = floorOf(V(s.radix * o1 / (o1 + 1.0)));
  // Without a speed of their own, uplinks take the rest of the ports (the same value, no division).
  s.up1 = anyOf(uplinkGiven) ? V(floorOf(V((s.radix - s.down1) * s.upRadix / s.radix + 1e-9))) : V(s.radix - s.down1);
  s.down2 = floorOf(V(s.upRadix * o2 / (o2 + 1.0)));
  s.up2 =
      anyOf(coreGiven) ? V(floorOf(V((s.upRadix - s.down2) * s.coreRadix / s.upRadix + 1e-9))) : V(s.upRadix - s.down2);
  s.down3 = floorOf(V(s.coreRadix * o3 / (o3 + 1.0)));
  s.up3 = s.coreRadix - s.down3;
  // The top tier turns every port down: a 2-tier plane's spines at the leaf-to-spine speed, a
  // taller plane's top at the speed above the spines.
  s.maxEndpoints2 = s.upRadix * s.down1;
  s.maxEndpoints3 = s.coreRadix * s.down2 * s.down1;
  s.maxEndpoints4 = s.coreRadix * s.down3 * s.down2 * s.down1;
  return s;
}

template <class V>
PlaneShape<V> planeShape(const ModelFrame<V>& f, const V& planes) {
  return planeShape(f, planes, givenSpeedPorts(f));
}

/// Endpoints on one plane beyond the GPUs' NICs (fabric managers, storage, management nodes):
/// a fixed count plus a count per scalable unit.
template <class V>
V extraEndpoints(const ModelFrame<V>& f, const V& gpus) {
  const V& suGpus = f.in(InputId::networkScalableUnitGpus);
  const V units = where(greater(suGpus, 0.0), ceilOf(V(gpus / maxOf(suGpus, 1.0))), 0.0);
  return f.in(InputId::networkExtraEndpoints) + units * f.in(InputId::networkExtraEndpointsPerSu);
}

/// Pluggable transceiver modules for `links` optical links of a tier, by the ports each carries:
/// at a NIC, one module per cage (nicPortsPerCage NIC ports share one); at a switch, links share a
/// module up to what it carries (a twin-port 800G module takes two 400G links), none where the
/// switch's optics are co-packaged. Tier 0 links a NIC to a leaf, upper tiers two switches.
template <class V>
V modulesForLinks(int tier, const V& links, const MediaShape<V>& m, const V& moduleGbps) {
  const V switchEnd = where(greater(m.switchOpticsIntegrated, 0.5), 0.0,
                            ceilOf(V(links * m.gbps(tier) / minOf(moduleGbps, m.switchCageGbps) - 1e-9)));
  // A NIC cage shares one module between its ports only when the module carries them all.
  const V nicPortsPerModule = minOf(m.nicPortsPerCage, maxOf(floorOf(V(moduleGbps / m.nicGbps)), 1.0));
  return tier == 0 ? V(ceilOf(V(links * m.linkGbps / m.nicGbps / nicPortsPerModule - 1e-9)) + switchEnd)
                   : V(2.0 * switchEnd);
}

/// Physical cables of copper or active electrical links: a cable carries links up to its speed
/// (an 800G breakout cable serves two 400G links); optical links have a cable each.
template <class V>
V cablesForLinks(bool isCopperOrAec, const V& links, const V& linkGbps, const V& cableGbps) {
  return isCopperOrAec ? V(ceilOf(V(links * linkGbps / maxOf(cableGbps, linkGbps) - 1e-9))) : links;
}

/// Link ends that carry bought media, in units of 400 Gb/s (the unit media are priced and powered
/// in): both ends, less the switch ends whose optics are co-packaged (priced with the switch).
template <class V>
V mediaEndsPer400G(int tier, const V& links, const MediaShape<V>& m, bool optical) {
  const V switchEnds = tier == 0 ? constant<V>(1.0) : constant<V>(2.0);
  const V boughtSwitchEnds = optical ? V(where(greater(m.switchOpticsIntegrated, 0.5), 0.0, switchEnds)) : switchEnds;
  const V ends = (tier == 0 ? V(boughtSwitchEnds + 1.0) : boughtSwitchEnds);
  return ends * links * m.gbps(tier) / 400.0;
}

/// What the links of every tier and reach class buy: modules and cables by class, the media's
/// price and power, and the optical cable length. The engine adds its assumed reach per tier, a
/// floor (FabricCabling) the reach its routed lengths need; both write the same outputs.
template <class V>
struct MediaTotals {
  V modules[5]{}, cables[5]{};
  V usd{}, watts{}, fiberM{};

  /// `links` of one tier in one reach class, with their optical length; `in` reads an input.
  template <class In>
  void add(int tier, int reach, const V& links, const V& lengthM, const MediaShape<V>& m, In in) {
    const bool optical = reach >= static_cast<int>(ReachClass::Multimode);
    const V& gbps = in(kMediaGbps[reach]);
    cables[reach] += cablesForLinks(!optical, links, m.gbps(tier), gbps);
    const V ends = mediaEndsPer400G(tier, links, m, optical);
    usd += ends * in(kMediaPricePer400G[reach]);
    watts += ends * in(kMediaPowerPer400G[reach]);
    if (optical) {
      modules[reach] += modulesForLinks(tier, links, m, gbps);
      fiberM += lengthM;
    }
  }

  /// Writes the counts, the media power and the media and optical cable price; `out` gives an output.
  template <class In, class Out>
  void write(In in, Out out) const {
    const V fiberCables = cables[2] + cables[3] + cables[4];
    out(OutputId::networkTransceiversMultimode) = modules[2];
    out(OutputId::networkTransceiversSinglemodeDr) = modules[3];
    out(OutputId::networkTransceiversSinglemodeFr) = modules[4];
    out(OutputId::networkCablesCopper) = cables[0];
    out(OutputId::networkCablesAec) = cables[1];
    out(OutputId::networkCablesFiber) = fiberCables;
    out(OutputId::networkFiberKm) = fiberM * 1e-3;
    out(OutputId::networkMediaPowerMw) = watts * 1e-6;
    // The fabric knows its media per tier, so it prices them here rather than in the cost estimator.
    out(OutputId::costOpticsCablesUsd) =
        usd + fiberCables * in(InputId::opticsFiberCableUsd) + fiberM * in(InputId::opticsFiberUsdPerM);
  }
};

/// Fewest tiers (2, 3 or 4) that connect `endpoints`; 5 when even four tiers cannot.
template <class V>
V tiersNeeded(const PlaneShape<V>& s, const V& endpoints) {
  return where(
      lessEqual(endpoints, s.maxEndpoints2), 2.0,
      where(lessEqual(endpoints, s.maxEndpoints3), 3.0, where(lessEqual(endpoints, s.maxEndpoints4), 4.0, 5.0)));
}

}  // namespace fabric_detail

/// Bisection and all-reduce time from the fabric's counts (planes, tiers, link speed, endpoints and
/// links per tier): the engine's own counts, or those of a floor (LayoutEvaluation).
template <class V>
void estimateFabricCapacity(ModelFrame<V>& f) {
  const V& gpus = f.in(InputId::clusterGpus);
  const V& nicsPerGpu = f.in(InputId::networkNicsPerGpu);
  const V& nicGbps = f.in(InputId::networkNicSpeedGbps);
  const V& planes = f.out(OutputId::networkPlanes);
  const V& tiers = f.out(OutputId::networkTiers);
  const V& endpoints = f.out(OutputId::networkEndpointsPerPlane);
  const V links2 = f.out(OutputId::networkLinksTier2) / planes;
  const V links3 = f.out(OutputId::networkLinksTier3) / planes;
  const V links4 = f.out(OutputId::networkLinksTier4) / planes;

  // Bisection: the narrowest tier boundary of each plane (in Gb/s, each tier at its link speed), halved.
  const V& coreGbps = f.out(OutputId::networkCoreLinkGbps);
  V narrowest = minOf(V(endpoints * f.out(OutputId::networkLinkGbps)), V(links2 * f.out(OutputId::networkUplinkGbps)));
  narrowest = where(greater(tiers, 2.5), minOf(narrowest, V(links3 * coreGbps)), narrowest);
  narrowest = where(greater(tiers, 3.5), minOf(narrowest, V(links4 * coreGbps)), narrowest);
  const V bisectionGbps = planes * narrowest * 0.5;
  f.out(OutputId::networkBisectionPbps) = bisectionGbps * 1e-6;
  f.out(OutputId::networkBisectionPerGpuGbps) = bisectionGbps / (gpus * 0.5);

  // Hierarchical all-reduce: reduce-scatter and all-gather inside the scale-up domain, ring
  // all-reduce of each GPU's shard across domains at the GPU's share of the fabric.
  const V domain = minOf(f.in(InputId::systemGpusPerScaleUpDomain), gpus);
  const V domains = ceilOf(V(gpus / domain));
  const V bytes = f.in(InputId::networkAllReduceSizeGB)*1e9;
  const V scaleUpBytesPerS = f.in(InputId::systemScaleUpBandwidthGBps)*1e9;
  const V fabricBytesPerS = minOf(V(nicsPerGpu * nicGbps), f.out(OutputId::networkBisectionPerGpuGbps)) * (1e9 / 8.0);
  const V seconds = 2.0 * (domain - 1.0) / domain * bytes / scaleUpBytesPerS +
                    2.0 * (domains - 1.0) / domains * (bytes / domain) / fabricBytesPerS +
                    2.0 * log2Of(domain) * f.in(InputId::networkScaleUpLatencyUs)*1e-6 +
                    2.0 * log2Of(domains) * f.in(InputId::networkFabricLatencyUs)*1e-6;
  f.out(OutputId::networkAllReduceMs) = seconds * 1e3;
  f.out(OutputId::networkAllReduceBusGBps) = 2.0 * (gpus - 1.0) / gpus * bytes / seconds * 1e-9;
}

/// The switches' power and price, from the switch count.
template <class V>
void estimateSwitchPowerAndCost(ModelFrame<V>& f) {
  f.out(OutputId::networkSwitchPowerMw) = f.out(OutputId::networkSwitches) * f.in(InputId::networkSwitchPowerW)*1e-6;
  f.out(OutputId::costSwitchesUsd) = f.out(OutputId::networkSwitches) * f.in(InputId::networkSwitchPriceUsd);
}

template <class V>
void estimateFabric(ModelFrame<V>& f) {
  using namespace fabric_detail;
  const V& gpus = f.in(InputId::clusterGpus);
  const V designGpus = maxOf(gpus, f.in(InputId::clusterDesignGpus));
  const V& nicsPerGpu = f.in(InputId::networkNicsPerGpu);
  const V& gpusPerNode = f.in(InputId::systemGpusPerNode);
  const V extra = extraEndpoints(f, gpus);
  const V designExtra = extraEndpoints(f, designGpus);
  const V endpoints = gpus * nicsPerGpu + extra;
  const V designEndpoints = designGpus * nicsPerGpu + designExtra;

  // Planes: as given, or the fewest of 1, 2, 4, 8 that keep the fabric within the wanted tiers
  // (as given, else 3) without splitting a NIC below network.minPlaneLinkGbps.
  const V& planesIn = f.in(InputId::networkPlanes);
  const V& tiersIn = f.in(InputId::networkTiers);
  const V tierTarget = where(greater(tiersIn, 0.5), tiersIn, 3.0);
  const GivenSpeedPorts<V> given = givenSpeedPorts(f);
  V autoPlanes = constant<V>(1.0);
  V chosen = constant<V>(0.0);  // 1 once a plane count has been chosen
  for (double candidate : {1.0, 2.0, 4.0, 8.0}) {
    const V candidatePlanes = constant<V>(candidate);
    const PlaneShape<V> shape = planeShape(f, candidatePlanes, given);
    const V linkFast = candidate == 1.0
                           ? constant<V>(1.0)
                           : where(greaterEqual(shape.linkGbps, f.in(InputId::networkMinPlaneLinkGbps)), 1.0, 0.0);
    const V fits = where(lessEqual(tiersNeeded(shape, designEndpoints), tierTarget), linkFast, 0.0);
    autoPlanes = where(both(less(chosen, 0.5), greater(fits, 0.5)), candidatePlanes, autoPlanes);
    chosen = maxOf(chosen, fits);
    // Once every scenario has its planes, larger candidates change nothing.
    if (allOf(greater(chosen, 0.5))) break;
  }
  const V planes = where(greater(planesIn, 0.5), planesIn, autoPlanes);
  const PlaneShape<V> s = planeShape(f, planes, given);
  const V needed = tiersNeeded(s, designEndpoints);
  const V tiers = where(greater(tiersIn, 0.5), tiersIn, minOf(needed, 4.0));
  const V maxEndpoints =
      where(less(tiers, 2.5), s.maxEndpoints2, where(less(tiers, 3.5), s.maxEndpoints3, s.maxEndpoints4));
  f.out(OutputId::networkPlanes) = planes;
  f.out(OutputId::networkTiers) = tiers;
  f.out(OutputId::networkLinkGbps) = s.linkGbps;
  f.out(OutputId::networkUplinkGbps) = s.upLinkGbps;
  f.out(OutputId::networkCoreLinkGbps) = s.coreLinkGbps;
  f.out(OutputId::networkEffectiveRadix) = s.radix;
  f.out(OutputId::networkEndpointsPerPlane) = endpoints;
  f.out(OutputId::networkMaxEndpointsPerPlane) = maxEndpoints;

  // Switch counts of one plane: leaves as built, upper tiers for the design size. Extra endpoints
  // take leaf ports spread over the rails.
  const V rails = gpusPerNode * nicsPerGpu;
  const V nodes = ceilOf(V(gpus / gpusPerNode));
  const V designNodes = ceilOf(V(designGpus / gpusPerNode));
  const V leaves = rails * ceilOf(V((nodes + extra / rails) / s.down1 - 1e-9));
  const V designLeaves = rails * ceilOf(V((designNodes + designExtra / rails) / s.down1 - 1e-9));
  const V twoTier = where(less(tiers, 2.5), 1.0, 0.0);
  const V threeUp = 1.0 - twoTier;
  const V fourTier = where(greater(tiers, 3.5), 1.0, 0.0);
  const V threeTier = threeUp - fourTier;
  // Pods (3 and 4 tiers): groups of leaves under their own spines. Given a pod size, each pod's
  // spines are counted for its own leaves (the last pod may be partly filled); otherwise the
  // spines are counted for all leaves at once and a pod is as many leaves as one spine reaches.
  const V& podGpus = f.in(InputId::networkPodGpus);
  const auto podsGiven = greater(podGpus, 0.0);
  const V podNodes = ceilOf(V(maxOf(podGpus, 1.0) / gpusPerNode));
  const V fullPods = floorOf(V(designNodes / podNodes));
  const V restNodes = designNodes - fullPods * podNodes;
  const V podLeaves = rails * ceilOf(V(podNodes / s.down1 - 1e-9));
  const V restLeaves = rails * ceilOf(V(restNodes / s.down1 - 1e-9));
  const V pods =
      where(podsGiven, V(fullPods + where(greater(restNodes, 0.0), 1.0, 0.0)), ceilOf(V(designLeaves / s.down2)));
  const V spinesAtOnce = ceilOf(V(designLeaves * s.up1 / s.down2));
  const V spinesByPod = fullPods * ceilOf(V(podLeaves * s.up1 / s.down2)) + ceilOf(V(restLeaves * s.up1 / s.down2));
  // A given pod must fit under its spines: every leaf of a pod reaches each of the pod's spines.
  const V podFits = where(both(both(podsGiven, greater(tiers, 2.5)), greater(podLeaves, s.down2)), 0.0, 1.0);
  f.out(OutputId::networkFeasible) = where(lessEqual(designEndpoints, maxEndpoints), podFits, 0.0);
  const V tier2 =
      where(less(tiers, 2.5), ceilOf(V(designLeaves * s.up1 / s.upRadix)), where(podsGiven, spinesByPod, spinesAtOnce));
  const V tier3 = threeTier * ceilOf(V(tier2 * s.up2 / s.coreRadix)) + fourTier * ceilOf(V(tier2 * s.up2 / s.down3));
  const V tier4 = fourTier * ceilOf(V(tier3 * s.up3 / s.coreRadix));
  f.out(OutputId::networkPods) = threeUp * pods;
  const V links1 = endpoints;
  const V links2 = leaves * s.up1;
  const V links3 = threeUp * tier2 * s.up2;
  const V links4 = fourTier * tier3 * s.up3;

  f.out(OutputId::networkSwitchesTier1) = planes * leaves;
  f.out(OutputId::networkSwitchesTier2) = planes * tier2;
  f.out(OutputId::networkSwitchesTier3) = planes * tier3;
  f.out(OutputId::networkSwitchesTier4) = planes * tier4;
  f.out(OutputId::networkSwitches) = planes * (leaves + tier2 + tier3 + tier4);
  f.out(OutputId::networkLinksTier1) = planes * links1;
  f.out(OutputId::networkLinksTier2) = planes * links2;
  f.out(OutputId::networkLinksTier3) = planes * links3;
  f.out(OutputId::networkLinksTier4) = planes * links4;
  f.out(OutputId::networkLinks) = planes * (links1 + links2 + links3 + links4);

  estimateFabricCapacity(f);

  // Media, by the reach class each tier's links are assumed to need.
  const MediaShape<V> media =
      mediaShape<V>([&](InputId id) { return f.in(id); }, s.linkGbps, s.upLinkGbps, s.coreLinkGbps);
  const V allLinks[4] = {planes * links1, planes * links2, planes * links3, planes * links4};
  const V reach[4] = {f.in(InputId::networkTier1Reach), f.in(InputId::networkTier2Reach),
                      f.in(InputId::networkTier3Reach), f.in(InputId::networkTier3Reach)};
  const V lengthM[4] = {f.in(InputId::networkTier1CableLengthM), f.in(InputId::networkTier2CableLengthM),
                        f.in(InputId::networkTier3CableLengthM), f.in(InputId::networkTier3CableLengthM)};
  auto in = [&](InputId id) -> const V& { return f.in(id); };
  MediaTotals<V> totals;
  for (int tier = 0; tier < 4; ++tier) {
    for (int m = 0; m < 5; ++m) {
      const V links = where(equal(reach[tier], static_cast<double>(m)), allLinks[tier], 0.0);
      totals.add(tier, m, links, V(links * lengthM[tier]), media, in);
    }
  }
  totals.write(in, [&](OutputId id) -> V& { return f.out(id); });
  estimateSwitchPowerAndCost(f);
}

}  // namespace gigaplan
