// The one list of scenario inputs. Each row: identifier, path, unit, default, minimum, maximum,
// kind, meaning, source of the default, confidence of the default.
//
// A default of kFromCatalog means the value comes from the hardware catalog entry the scenario
// selects (system type, switch, optics modules); the catalog names its source per entry.
// Kinds: Real (any finite number in range), Count (whole number in range), Choice (one of the
// names in InputSchema's choice table, stored as its index).
#pragma once

// clang-format off
#define GIGAPLAN_INPUTS(X) \
  /* cluster */ \
  X(clusterGpus, "cluster.gpus", "GPUs", 150000, 1, 10000000, Count, \
    "GPUs in the build-out", "planner input", "input") \
  X(clusterDesignGpus, "cluster.designGpus", "GPUs", 0, 0, 10000000, Count, \
    "size the upper fabric tiers for this many GPUs (growth headroom); 0 = cluster.gpus", \
    "planner input; DGX SuperPOD builds size spines for the 4-SU build", "input") \
  /* system (catalog) */ \
  X(systemGpusPerNode, "system.gpusPerNode", "GPUs", kFromCatalog, 1, 144, Count, \
    "GPUs in one node (server or compute tray)", "catalog", "catalog") \
  X(systemNodesPerRack, "system.nodesPerRack", "nodes", kFromCatalog, 1, 72, Count, \
    "nodes in one compute rack", "catalog", "catalog") \
  X(systemGpusPerScaleUpDomain, "system.gpusPerScaleUpDomain", "GPUs", kFromCatalog, 1, 576, Count, \
    "GPUs joined by the scale-up (NVLink) domain", "catalog", "catalog") \
  X(systemScaleUpBandwidthGBps, "system.scaleUpBandwidthGBps", "GB/s", kFromCatalog, 1, 100000, Real, \
    "scale-up bandwidth per GPU, one direction", "catalog", "catalog") \
  X(systemGpuTdpW, "system.gpuTdpW", "W", kFromCatalog, 1, 5000, Real, \
    "board power of one GPU", "catalog", "catalog") \
  X(systemCpuPowerWPerNode, "system.cpuPowerWPerNode", "W", kFromCatalog, 0, 20000, Real, \
    "host CPUs of one node at TDP", "catalog", "catalog") \
  X(systemMemoryStoragePowerWPerNode, "system.memoryStoragePowerWPerNode", "W", kFromCatalog, 0, 20000, Real, \
    "host memory, local drives and management of one node", "catalog", "catalog") \
  X(systemScaleUpSwitchPowerWPerNode, "system.scaleUpSwitchPowerWPerNode", "W", kFromCatalog, 0, 20000, Real, \
    "NVLink switch power attributed to one node", "catalog", "catalog") \
  X(systemFanPowerWPerNode, "system.fanPowerWPerNode", "W", kFromCatalog, 0, 20000, Real, \
    "fans of one node at full load", "catalog", "catalog") \
  X(systemNicPortsPerCage, "system.nicPortsPerCage", "ports", 1, 1, 8, Count, \
    "scale-out NIC ports behind one transceiver cage of a node (2 where two NICs share a twin-port OSFP cage)", \
    "catalog", "catalog") \
  X(systemNicPowerW, "system.nicPowerW", "W", kFromCatalog, 0, 1000, Real, \
    "one scale-out NIC", "catalog", "catalog") \
  X(systemPsuEfficiency, "system.psuEfficiency", "fraction", kFromCatalog, 0.5, 1, Real, \
    "power-supply efficiency (AC in to DC out)", "catalog", "catalog") \
  X(systemMaxPowerWPerNode, "system.maxPowerWPerNode", "W", 0, 0, 100000, Real, \
    "vendor maximum of one node (server at its AC inlet, or compute tray); 0 = not published: the component estimate", \
    "catalog", "catalog") \
  X(systemRackSharedMaxPowerW, "system.rackSharedMaxPowerW", "W", 0, 0, 1000000, Real, \
    "vendor maximum of a compute rack's shared gear outside its nodes (NVLink switch trays, management)", \
    "catalog", "catalog") \
  X(systemMeasuredPeakWPerNode, "system.measuredPeakWPerNode", "W", 0, 0, 100000, Real, \
    "highest draw of one node measured under training where published; 0 = none: the component estimate", \
    "catalog", "catalog") \
  X(systemPowerSuppliesPerNode, "system.powerSuppliesPerNode", "PSUs", 0, 0, 100, Real, \
    "power supplies of one node, redundant ones included (a rack's shelf rectifiers shared over its nodes)", \
    "catalog", "catalog") \
  X(systemPowerSupplyW, "system.powerSupplyW", "W", 0, 0, 100000, Real, \
    "rating of one power supply or shelf rectifier", "catalog", "catalog") \
  X(systemPowerSupplyRedundantFraction, "system.powerSupplyRedundantFraction", "fraction", 0, 0, 0.9, Real, \
    "share of the power supplies that are redundant (2 of 6 for 4+2)", "catalog", "catalog") \
  X(systemLiquidFraction, "system.liquidFraction", "fraction", kFromCatalog, 0, 1, Real, \
    "share of a node's heat removed by liquid", "catalog", "catalog") \
  X(systemRackMassKg, "system.rackMassKg", "kg", kFromCatalog, 1, 10000, Real, \
    "one full compute rack", "catalog", "catalog") \
  X(systemPriceUsdPerNode, "system.priceUsdPerNode", "USD", kFromCatalog, 0, 1e9, Real, \
    "purchase price of one node with its share of the rack", "catalog", "catalog") \
  /* network (switch from catalog) */ \
  X(networkNicsPerGpu, "network.nicsPerGpu", "NICs", 1, 1, 8, Count, \
    "scale-out NICs per GPU", "NVIDIA DGX H100/B200/GB200 reference architectures: one NIC per GPU", "verified") \
  X(networkNicSpeedGbps, "network.nicSpeedGbps", "Gb/s", 400, 1, 3200, Count, \
    "speed of one scale-out NIC", "ConnectX-7 / BlueField-3 400G NICs of DGX H100 and B200", "verified") \
  X(networkSwitchRadix, "network.switchRadix", "ports", kFromCatalog, 4, 1024, Count, \
    "ports of one fabric switch", "catalog", "catalog") \
  X(networkSwitchPortSpeedGbps, "network.switchPortSpeedGbps", "Gb/s", kFromCatalog, 1, 3200, Count, \
    "speed of one switch port", "catalog", "catalog") \
  X(networkSwitchPortsPerCage, "network.switchPortsPerCage", "ports", 1, 1, 8, Count, \
    "switch ports behind one transceiver cage (2 for twin-port OSFP cages)", "catalog", "catalog") \
  X(networkSwitchOpticsIntegrated, "network.switchOpticsIntegrated", "0/1", 0, 0, 1, Count, \
    "1 when the switch's optics are co-packaged: no pluggable modules at its ports, their power in the switch's", \
    "catalog", "catalog") \
  X(networkSwitchPowerW, "network.switchPowerW", "W", kFromCatalog, 0, 100000, Real, \
    "one switch without its optics", "catalog", "catalog") \
  X(networkSwitchPriceUsd, "network.switchPriceUsd", "USD", kFromCatalog, 0, 1e8, Real, \
    "one switch without optics", "catalog", "catalog") \
  X(networkSwitchesPerRack, "network.switchesPerRack", "switches", kFromCatalog, 1, 64, Count, \
    "switches in one network rack", "catalog", "catalog") \
  X(networkRackMassKg, "network.rackMassKg", "kg", 700, 1, 10000, Real, \
    "one full network rack", "estimate: 16 1U switches, cabling and rack", "estimate") \
  X(networkPlanes, "network.planes", "planes", 0, 0, 8, Count, \
    "parallel fabric planes; each NIC's bandwidth is split over them; 0 = automatic", \
    "planner input", "input") \
  X(networkTiers, "network.tiers", "tiers", 0, 0, 4, Count, \
    "switch tiers of each plane (2, 3 or 4); 0 = automatic (fewest that fit)", "planner input", "input") \
  X(networkOversubscriptionTier1, "network.oversubscriptionTier1", "down:up", 1, 1, 16, Real, \
    "leaf down bandwidth per up bandwidth (1 = non-blocking)", "planner input", "input") \
  X(networkOversubscriptionTier2, "network.oversubscriptionTier2", "down:up", 1, 1, 16, Real, \
    "spine down bandwidth per up bandwidth in 3- and 4-tier fabrics", "planner input", "input") \
  X(networkOversubscriptionTier3, "network.oversubscriptionTier3", "down:up", 1, 1, 16, Real, \
    "tier-3 down bandwidth per up bandwidth in 4-tier fabrics", "planner input", "input") \
  X(networkUplinkGbps, "network.uplinkGbps", "Gb/s", 0, 0, 3200, Count, \
    "speed of the leaf-to-spine links; 0 = the NIC-to-leaf link speed (Alibaba HPN: 200G down, 400G up)", \
    "planner input", "input") \
  X(networkCoreLinkGbps, "network.coreLinkGbps", "Gb/s", 0, 0, 3200, Count, \
    "speed of the links above the spines (3 and 4 tiers); 0 = the leaf-to-spine link speed", "planner input", \
    "input") \
  X(networkExtraEndpoints, "network.extraEndpoints", "endpoints", 0, 0, 1000000, Count, \
    "endpoints on each plane beyond the GPUs' NICs: fabric managers, storage or management nodes", \
    "planner input; DGX SuperPOD H100: 4 UFM links on the compute fabric", "input") \
  X(networkExtraEndpointsPerSu, "network.extraEndpointsPerSu", "endpoints", 0, 0, 100000, Count, \
    "endpoints on each plane beyond the GPUs' NICs, per scalable unit", "planner input", "input") \
  X(networkScalableUnitGpus, "network.scalableUnitGpus", "GPUs", 0, 0, 10000000, Count, \
    "GPUs of one scalable unit, for the extra endpoints per unit; 0 = no scalable units", \
    "planner input; DGX SuperPOD H100 and B200: 32 nodes, 256 GPUs", "input") \
  X(networkPodGpus, "network.podGpus", "GPUs", 0, 0, 10000000, Count, \
    "GPUs of one pod (leaves under their own spines, 3 and 4 tiers); 0 = as many leaves as one spine reaches", \
    "planner input; Meta 24K clusters: pods of 3,072 GPUs", "input") \
  X(networkMinPlaneLinkGbps, "network.minPlaneLinkGbps", "Gb/s", 200, 1, 3200, Count, \
    "automatic planes never split a NIC into links slower than this", \
    "NDR and XDR ports split into at most two links (NDR200 / 2x400G)", "secondary") \
  X(networkTier1Reach, "network.tier1Reach", "class", 2, 0, 4, Choice, \
    "media of NIC-to-leaf links when no layout is given", \
    "leaves at the end of a row, 10-50 m away: multimode", "estimate") \
  X(networkTier2Reach, "network.tier2Reach", "class", 3, 0, 4, Choice, \
    "media of leaf-to-spine links when no layout is given", \
    "spines in the hall's network room, up to a few hundred m: single-mode DR", "estimate") \
  X(networkTier3Reach, "network.tier3Reach", "class", 4, 0, 4, Choice, \
    "media of links above the spine when no layout is given", \
    "core across halls and buildings, up to 2 km: single-mode FR", "estimate") \
  X(networkTier1CableLengthM, "network.tier1CableLengthM", "m", 20, 0.1, 10000, Real, \
    "average NIC-to-leaf cable length when no layout is given", "estimate", "estimate") \
  X(networkTier2CableLengthM, "network.tier2CableLengthM", "m", 80, 0.1, 10000, Real, \
    "average leaf-to-spine cable length when no layout is given", "estimate", "estimate") \
  X(networkTier3CableLengthM, "network.tier3CableLengthM", "m", 300, 0.1, 10000, Real, \
    "average cable length above the spine when no layout is given", "estimate", "estimate") \
  X(networkAllReduceSizeGB, "network.allReduceSizeGB", "GB", 1, 0.000001, 100000, Real, \
    "message size of the all-reduce whose time is reported", "planner input", "input") \
  X(networkScaleUpLatencyUs, "network.scaleUpLatencyUs", "us", 3, 0, 10000, Real, \
    "latency of one step inside the scale-up domain", "estimate: NCCL NVLink small-message latency", "estimate") \
  X(networkFabricLatencyUs, "network.fabricLatencyUs", "us", 10, 0, 10000, Real, \
    "latency of one step across the fabric", "estimate: NCCL InfiniBand/RoCE small-message latency", "estimate") \
  /* optics and cables (per 400 Gb/s at one link end, from the catalog module of each class) */ \
  X(opticsCopperGbps, "optics.copper.gbps", "Gb/s", kFromCatalog, 1, 12800, Real, \
    "copper (DAC) cable: Gb/s one cable carries (a breakout cable serves several links)", "catalog", "catalog") \
  X(opticsCopperPriceUsdPer400G, "optics.copper.priceUsdPer400G", "USD", kFromCatalog, 0, 1e6, Real, \
    "copper (DAC): cost per 400 Gb/s at one link end (half a cable)", "catalog", "catalog") \
  X(opticsCopperPowerWPer400G, "optics.copper.powerWPer400G", "W", kFromCatalog, 0, 1000, Real, \
    "copper (DAC): power per 400 Gb/s at one link end", "catalog", "catalog") \
  X(opticsAecGbps, "optics.aec.gbps", "Gb/s", kFromCatalog, 1, 12800, Real, \
    "active electrical cable: Gb/s one cable carries", "catalog", "catalog") \
  X(opticsAecPriceUsdPer400G, "optics.aec.priceUsdPer400G", "USD", kFromCatalog, 0, 1e6, Real, \
    "active electrical cable: cost per 400 Gb/s at one link end", "catalog", "catalog") \
  X(opticsAecPowerWPer400G, "optics.aec.powerWPer400G", "W", kFromCatalog, 0, 1000, Real, \
    "active electrical cable: power per 400 Gb/s at one link end", "catalog", "catalog") \
  X(opticsMultimodeGbps, "optics.multimode.gbps", "Gb/s", kFromCatalog, 1, 12800, Real, \
    "multimode transceiver: Gb/s one module carries (800 for a twin-port 2x400G module)", "catalog", "catalog") \
  X(opticsMultimodePriceUsdPer400G, "optics.multimode.priceUsdPer400G", "USD", kFromCatalog, 0, 1e6, Real, \
    "multimode transceiver: cost per 400 Gb/s", "catalog", "catalog") \
  X(opticsMultimodePowerWPer400G, "optics.multimode.powerWPer400G", "W", kFromCatalog, 0, 1000, Real, \
    "multimode transceiver: power per 400 Gb/s", "catalog", "catalog") \
  X(opticsSinglemodeDrGbps, "optics.singlemodeDr.gbps", "Gb/s", kFromCatalog, 1, 12800, Real, \
    "single-mode DR transceiver: Gb/s one module carries", "catalog", "catalog") \
  X(opticsSinglemodeDrPriceUsdPer400G, "optics.singlemodeDr.priceUsdPer400G", "USD", kFromCatalog, 0, 1e6, Real, \
    "single-mode DR (500 m) transceiver: cost per 400 Gb/s", "catalog", "catalog") \
  X(opticsSinglemodeDrPowerWPer400G, "optics.singlemodeDr.powerWPer400G", "W", kFromCatalog, 0, 1000, Real, \
    "single-mode DR (500 m) transceiver: power per 400 Gb/s", "catalog", "catalog") \
  X(opticsSinglemodeFrGbps, "optics.singlemodeFr.gbps", "Gb/s", kFromCatalog, 1, 12800, Real, \
    "single-mode FR transceiver: Gb/s one module carries", "catalog", "catalog") \
  X(opticsSinglemodeFrPriceUsdPer400G, "optics.singlemodeFr.priceUsdPer400G", "USD", kFromCatalog, 0, 1e6, Real, \
    "single-mode FR (2 km) transceiver: cost per 400 Gb/s", "catalog", "catalog") \
  X(opticsSinglemodeFrPowerWPer400G, "optics.singlemodeFr.powerWPer400G", "W", kFromCatalog, 0, 1000, Real, \
    "single-mode FR (2 km) transceiver: power per 400 Gb/s", "catalog", "catalog") \
  X(opticsFiberCableUsd, "optics.fiberCableUsd", "USD", 40, 0, 1e6, Real, \
    "one optical patch cable: connectors and assembly", "estimate: MPO-12 trunk assembly list prices", "estimate") \
  X(opticsFiberUsdPerM, "optics.fiberUsdPerM", "USD/m", 1.5, 0, 1e4, Real, \
    "optical cable per metre", "estimate: MPO-12 OS2/OM4 cable list prices", "estimate") \
  /* power */ \
  X(powerProvisioningBasis, "power.provisioningBasis", "basis", 0, 0, 2, Choice, \
    "what electrical and cooling plant is sized for: the vendor maximum of each system, the expected peak " \
    "(measured where published, else the component estimate), or a power cap per compute rack", \
    "planner input; plant is commonly provisioned against the vendor maximum", "input") \
  X(powerRackCapKw, "power.rackCapKw", "kW", 0, 0, 10000, Real, \
    "power cap of one compute rack when power.provisioningBasis is rackCap; 0 = no cap", "planner input", "input") \
  X(powerCapThroughputExponent, "power.capThroughputExponent", "exponent", 0.3333333333333333, 0, 1, Real, \
    "throughput under a cap = (capped power / uncapped peak) ^ exponent", \
    "estimate: DVFS, dynamic power grows with frequency times voltage squared, about frequency cubed", "estimate") \
  X(powerAverageLoadFraction, "power.averageLoadFraction", "fraction", 0.76, 0.01, 1, Real, \
    "average IT draw over a year as a share of the IT power at the vendor maximum", \
    "arXiv 2506.14551: HGX H100 under intensive training draws about 76 % of the 10.2 kW maximum", "verified") \
  X(powerStorageWPerGpu, "power.storageWPerGpu", "W", 30, 0, 10000, Real, \
    "shared training storage per GPU", "estimate: all-flash storage at about 2 % of IT power", "estimate") \
  X(powerTrainingSwingFraction, "power.trainingSwingFraction", "fraction", 0.5, 0, 1, Real, \
    "share of GPU power that drops between compute and communication phases of synchronous training", \
    "estimate: Llama 3 paper reports swings of tens of MW at 16k-24k GPUs", "estimate") \
  X(powerBatteryBufferMinutes, "power.batteryBufferMinutes", "min", 10, 0, 1440, Real, \
    "minutes the battery must carry the swing and ride-through", "estimate: UPS autonomy of 5-15 min", "estimate") \
  /* electrical */ \
  X(electricalRedundancy, "electrical.redundancy", "scheme", 1, 0, 4, Choice, \
    "redundancy of transformers and UPS: N, N+1, 2N, distributed 4N/3, or catcher (a reserve unit switched in " \
    "for any of up to four active ones)", \
    "Uptime Institute Tier III allows N+1 on the power path", "secondary") \
  X(electricalDistribution, "electrical.distribution", "scheme", 0, 0, 1, Choice, \
    "power to the racks: AC through UPS and rack power supplies, or 800 V DC to rack-scale systems", \
    "planner input", "input") \
  X(electricalDc800EfficiencyGain, "electrical.dc800EfficiencyGain", "fraction", 0.05, 0, 0.2, Real, \
    "share of IT power 800 V DC distribution saves in conversion losses (UPS, distribution and rack supplies)", \
    "NVIDIA 800 VDC architecture for AI factories: up to 5 % end-to-end efficiency; SemiAnalysis: about 5 % " \
    "at the facility", "secondary") \
  X(electricalTransformerMva, "electrical.transformerMva", "MVA", 3, 0.1, 1000, Real, \
    "rating of one medium-voltage transformer", "estimate: 2.5-3 MVA unit substations", "estimate") \
  X(electricalPowerFactor, "electrical.powerFactor", "fraction", 0.95, 0.5, 1, Real, \
    "power factor of the IT load at the transformers", "estimate: PFC power supplies", "estimate") \
  X(electricalUpsModuleMw, "electrical.upsModuleMw", "MW", 1.5, 0.01, 1000, Real, \
    "rating of one UPS module", "estimate: large static UPS modules of 1.2-1.6 MW", "estimate") \
  X(electricalUpsEfficiency, "electrical.upsEfficiency", "fraction", 0.97, 0.5, 1, Real, \
    "UPS efficiency at typical load", "estimate: double-conversion UPS at 50-75 % load", "estimate") \
  X(electricalTransformerEfficiency, "electrical.transformerEfficiency", "fraction", 0.99, 0.5, 1, Real, \
    "transformer and distribution efficiency", "estimate: DOE 2016 efficiency levels for MV transformers", "estimate") \
  X(electricalHallsPerBlock, "electrical.hallsPerBlock", "halls", 1, 1, 1000, Count, \
    "halls of one building that share an electrical block (switchgear, transformers, UPS, heat rejection)", \
    "planner input; a hall per block as its electrical room is laid out", "input") \
  X(electricalFeedMva, "electrical.feedMva", "MVA", 100, 1, 10000, Real, \
    "rating of one utility feed and its substation transformer", \
    "estimate: 69-230 kV substations of 50-150 MVA feed hyperscale campuses", "estimate") \
  X(electricalFeedRedundancy, "electrical.feedRedundancy", "scheme", 1, 0, 2, Choice, \
    "redundancy of the utility feeds: N, N+1 or 2N", "Uptime Institute Tier III: N+1 capacity components", \
    "secondary") \
  X(electricalSwitchgearRedundancy, "electrical.switchgearRedundancy", "scheme", 1, 0, 1, Choice, \
    "medium-voltage switchgear of a block: N (one line-up) or 2N (main-tie-main, two line-ups)", \
    "Uptime Institute Tier III: concurrently maintainable distribution paths", "secondary") \
  X(electricalBusRedundancy, "electrical.busRedundancy", "scheme", 1, 0, 1, Choice, \
    "busways of a row: N (one busway) or 2N (A and B busways to dual-corded racks)", \
    "Uptime Institute Tier III: dual distribution paths to dual-corded IT", "secondary") \
  /* facility */ \
  X(facilityPueMode, "facility.pueMode", "mode", 0, 0, 1, Choice, \
    "model: PUE from the cooling and electrical model; fixed: use facility.pue", "planner input", "input") \
  X(facilityPue, "facility.pue", "ratio", 1.3, 1, 5, Real, \
    "power usage effectiveness when facility.pueMode is fixed", \
    "Uptime Institute survey: new large facilities at or below 1.3", "secondary") \
  X(facilityMiscOverheadFraction, "facility.miscOverheadFraction", "fraction", 0.02, 0, 1, Real, \
    "lighting, offices and security as a share of IT power", "estimate", "estimate") \
  X(facilityWhiteSpacePerRackM2, "facility.whiteSpacePerRackM2", "m2", 3, 0.5, 100, Real, \
    "data-hall floor per rack including aisles", "estimate: 0.6 x 1.2 m racks on 1.2 m hot and cold aisles", "estimate") \
  X(facilitySitePerRackM2, "facility.sitePerRackM2", "m2", 15, 0.5, 1000, Real, \
    "site area per rack: halls, plant rooms, yards and substations", "estimate", "estimate") \
  /* cooling */ \
  X(coolingLiquidCop, "cooling.liquidCop", "W/W", 25, 1, 1000, Real, \
    "heat removed by the liquid loop per W of pumps and dry coolers", \
    "estimate: warm-water (ASHRAE W32-W45) loops need 3-5 % of their heat", "estimate") \
  X(coolingAirCop, "cooling.airCop", "W/W", 4, 0.5, 100, Real, \
    "heat removed by air cooling per W of chillers and air handlers", "estimate: chilled-water CRAH plant", "estimate") \
  X(coolingCduCapacityKw, "cooling.cduCapacityKw", "kW", 1350, 1, 100000, Real, \
    "heat one coolant distribution unit moves", "Vertiv CoolChip CDU 1350 liquid-to-liquid rating", "secondary") \
  X(coolingCduSpareFraction, "cooling.cduSpareFraction", "fraction", 0.125, 0, 1, Real, \
    "spare CDUs as a share of those needed (one per eight)", "estimate", "estimate") \
  X(coolingCduMassKg, "cooling.cduMassKg", "kg", 1500, 1, 20000, Real, \
    "one coolant distribution unit, filled", "estimate: rack-format 1-1.5 MW CDUs", "estimate") \
  X(coolingSupplyTempC, "cooling.supplyTempC", "degC", 30, 0, 90, Real, \
    "coolant supply temperature", "ASHRAE liquid-cooling class W32", "secondary") \
  X(coolingReturnTempC, "cooling.returnTempC", "degC", 40, 0, 100, Real, \
    "coolant return temperature", "estimate: 10 K rise across cold plates", "estimate") \
  X(coolingCoolantDensityKgM3, "cooling.coolantDensityKgM3", "kg/m3", 1020, 500, 2000, Real, \
    "coolant density", "PG25 propylene glycol near 35 degC (ASHRAE Handbook, Fundamentals)", "secondary") \
  X(coolingCoolantHeatCapacityJKgK, "cooling.coolantHeatCapacityJKgK", "J/(kg K)", 3900, 1000, 5000, Real, \
    "coolant specific heat", "PG25 propylene glycol near 35 degC (ASHRAE Handbook, Fundamentals)", "secondary") \
  X(coolingWueLPerKwh, "cooling.wueLPerKwh", "L/kWh", 1.8, 0, 20, Real, \
    "water used per kWh of IT energy", "LBNL 2016 US Data Center Energy Usage Report: 1.8 L/kWh average", "secondary") \
  X(coolingKwPerRefrigerationTon, "cooling.kwPerRefrigerationTon", "kW/RT", 3.517, 3.5, 3.6, Real, \
    "kW of heat in one refrigeration ton", "ASHRAE: 1 RT = 3.517 kW", "verified") \
  X(coolingCduLoops, "cooling.cduLoops", "scheme", 1, 0, 1, Choice, \
    "perCdu: each CDU has a secondary loop of its own racks; sharedHeader: a hall's CDUs feed one header, " \
    "spares carrying a failed unit's load", "estimate: in-row CDU deployments run either way", "estimate") \
  X(coolingHeatRejectionUnitMw, "cooling.heatRejectionUnitMw", "MW", 2.5, 0.01, 1000, Real, \
    "heat one dry cooler or chiller rejects", "estimate: large dry coolers and air-cooled chillers of 1.5-3 MW", \
    "estimate") \
  X(coolingHeatRejectionRedundancy, "cooling.heatRejectionRedundancy", "scheme", 1, 0, 2, Choice, \
    "redundancy of a block's heat-rejection units: N, N+1 or 2N", \
    "Uptime Institute Tier III: N+1 capacity components", "secondary") \
  X(coolingLoopRedundancy, "cooling.loopRedundancy", "scheme", 1, 0, 1, Choice, \
    "facility water loops of a block: N (one loop) or 2N (two paths)", \
    "Uptime Institute Tier III: concurrently maintainable distribution paths", "secondary") \
  /* cost */ \
  X(costElectricityUsdPerKwh, "cost.electricityUsdPerKwh", "USD/kWh", 0.0623, 0, 10, Real, \
    "price of electricity", "EIA Electric Power Annual: Tennessee industrial average 2023, 6.23 c/kWh", "verified") \
  X(costElectricalUsdPerMw, "cost.electricalUsdPerMw", "USD/MW", 5.3e6, 0, 1e9, Real, \
    "electrical plant per MW of critical IT load", \
    "Cushman & Wakefield 2025: $11.7M/MW average build cost; electrical about 45 % of it", "estimate") \
  X(costCoolingUsdPerMw, "cost.coolingUsdPerMw", "USD/MW", 2.9e6, 0, 1e9, Real, \
    "mechanical (cooling) plant per MW of critical IT load", \
    "Cushman & Wakefield 2025: $11.7M/MW average build cost; mechanical about 25 % of it", "estimate") \
  X(costBuildingUsdPerMw, "cost.buildingUsdPerMw", "USD/MW", 3.5e6, 0, 1e9, Real, \
    "shell, fit-out and site work per MW of critical IT load", \
    "Cushman & Wakefield 2025: $11.7M/MW average build cost; shell and fit-out about 30 % of it", "estimate") \
  X(costLandUsdPerM2, "cost.landUsdPerM2", "USD/m2", 50, 0, 1e5, Real, \
    "land price", "estimate: rural industrial land near $200,000 per acre", "estimate") \
  X(costStorageUsdPerGpu, "cost.storageUsdPerGpu", "USD", 1500, 0, 1e6, Real, \
    "shared training storage per GPU", "estimate: all-flash parallel file system", "estimate") \
  X(costItLifetimeYears, "cost.itLifetimeYears", "years", 5, 1, 50, Real, \
    "depreciation life of systems, network and storage", "Epoch AI data-center cost breakdown: IT life 5 years", "verified") \
  X(costFacilityLifetimeYears, "cost.facilityLifetimeYears", "years", 14, 1, 100, Real, \
    "depreciation life of electrical, cooling and building", \
    "Epoch AI data-center cost breakdown: facility life 14 years", "verified") \
  X(costAmortization, "cost.amortization", "method", 0, 0, 1, Choice, \
    "how capex becomes a yearly cost: costOfCapital (annuity at cost.capitalRate over each life) or straightLine " \
    "(capex over its life, no cost of capital)", "planner input", "input") \
  X(costFeedUsdPerMva, "cost.feedUsdPerMva", "USD/MVA", 150000, 0, 1e9, Real, \
    "one utility feed with its substation, per MVA (for redundancy options)", \
    "estimate: 100 MVA transmission substations at 10-20 million USD", "estimate") \
  X(costSwitchgearUsdPerLineup, "cost.switchgearUsdPerLineup", "USD", 1.5e6, 0, 1e10, Real, \
    "one medium-voltage switchgear line-up (for redundancy options)", "estimate", "estimate") \
  X(costTransformerUsdPerMva, "cost.transformerUsdPerMva", "USD/MVA", 50000, 0, 1e9, Real, \
    "a medium-voltage transformer, per MVA (for redundancy options)", \
    "estimate: 2.5-3 MVA unit substations at 120,000-180,000 USD", "estimate") \
  X(costUpsUsdPerMw, "cost.upsUsdPerMw", "USD/MW", 300000, 0, 1e9, Real, \
    "a UPS module with its batteries, per MW (for redundancy options)", \
    "estimate: large static UPS at 250-400 USD per kW", "estimate") \
  X(costBuswayUsdPerRow, "cost.buswayUsdPerRow", "USD", 40000, 0, 1e9, Real, \
    "one row busway with its tap-off boxes (for redundancy options)", "estimate: 30 m of 800 A busway", \
    "estimate") \
  X(costHeatRejectionUsdPerMw, "cost.heatRejectionUsdPerMw", "USD/MW", 300000, 0, 1e9, Real, \
    "chillers or dry coolers, per MW rejected (for redundancy options)", \
    "estimate: about 1,000 USD per refrigeration ton", "estimate") \
  X(costWaterLoopUsd, "cost.waterLoopUsd", "USD", 2e6, 0, 1e10, Real, \
    "one facility water loop of a block, pumps and piping (for redundancy options)", "estimate", "estimate") \
  X(costCduUsd, "cost.cduUsd", "USD", 200000, 0, 1e9, Real, \
    "one coolant distribution unit (for redundancy options)", "estimate: 1-1.5 MW liquid-to-liquid CDUs", \
    "estimate") \
  X(costCapitalRate, "cost.capitalRate", "1/year", 0.08, 0, 1, Real, \
    "cost of capital used to annualize capex when cost.amortization is costOfCapital", \
    "estimate: data-center WACC of 7-9 %", "estimate") \
  X(costNonEnergyOpexUsdPerMwYear, "cost.nonEnergyOpexUsdPerMwYear", "USD/(MW year)", 255000, 0, 1e8, Real, \
    "yearly maintenance, repairs, insurance and services per MW of IT, staff apart", \
    "derived: Epoch AI 1 GW GB200 case, $0.9B opex less $0.6B energy = $0.3M per MW-year, less the staff " \
    "counted apart (0.3 FTE/MW x $150,000)", "derived") \
  X(costItMaintenanceFraction, "cost.itMaintenanceFraction", "1/year", 0, 0, 1, Real, \
    "yearly vendor support contracts as a share of IT capex, beyond the non-energy opex", \
    "planner input: an owner-operator repairing with its own spares buys none (Epoch AI's hyperscaler case)", \
    "input") \
  X(costFacilityMaintenanceFraction, "cost.facilityMaintenanceFraction", "1/year", 0, 0, 1, Real, \
    "yearly facility service contracts as a share of facility capex, beyond the non-energy opex", "planner input", \
    "input") \
  X(costStaffPerMw, "cost.staffPerMw", "FTE/MW", 0.3, 0, 100, Real, \
    "operations staff per MW of IT", "estimate: about 100 staff for a 300 MW campus", "estimate") \
  X(costStaffUsdPerYear, "cost.staffUsdPerYear", "USD", 150000, 0, 1e7, Real, \
    "loaded cost of one staff member per year", \
    "estimate: US data-center technician and engineer wages with 30-40 % benefits and overhead", "estimate") \
  X(costUtilization, "cost.utilization", "fraction", 0.8, 0.01, 1, Real, \
    "share of GPU-hours sold or used, for the price per GPU-hour", "planner input", "input") \
  /* reliability */ \
  X(reliabilityGpuFailuresPerMillionHours, "reliability.gpuFailuresPerMillionHours", "per 1e6 h", 12.62, 0, 1e6, Real, \
    "job-interrupting GPU failures per GPU (GPU, HBM, SRAM, system processor, SDC, thermal)", \
    "Llama 3 paper Table 5: 268 of 419 interruptions on 16,384 GPUs in 54 days", "secondary") \
  X(reliabilityHostFailuresPerMillionHours, "reliability.hostFailuresPerMillionHours", "per 1e6 h", 19.97, 0, 1e6, Real, \
    "job-interrupting host failures per node (maintenance, NIC, SSD, PSU, chassis, IO, CPU, memory)", \
    "Llama 3 paper Table 5: 53 of 419 interruptions on 2,048 nodes in 54 days", "secondary") \
  X(reliabilityNetworkFailuresPerMillionHours, "reliability.networkFailuresPerMillionHours", "per 1e6 h", 1.648, 0, 1e6, Real, \
    "job-interrupting switch and cable failures per NIC-to-leaf link (the link, its optics and its share of the leaf)", \
    "Llama 3 paper Table 5: 35 of 419 interruptions on 16,384 single-plane NIC links in 54 days", "secondary") \
  X(reliabilityPlaneFailover, "reliability.planeFailover", "mode", 0, 0, 1, Choice, \
    "with several fabric planes, whether a job stops when one NIC-to-leaf link fails or carries on over the other planes", \
    "planner input: NCCL stops on a lost link unless the collective library fails over between planes", "input") \
  X(reliabilitySoftwareFailuresPerMillionHours, "reliability.softwareFailuresPerMillionHours", "per 1e6 h", 2.967, 0, 1e6, Real, \
    "job-interrupting software failures per GPU (bugs, NCCL watchdog, dependencies)", \
    "Llama 3 paper Table 5: 63 of 419 interruptions on 16,384 GPUs in 54 days", "secondary") \
  X(reliabilityPlannedPerDay, "reliability.plannedPerDay", "per day", 0.87, 0, 1000, Real, \
    "planned interruptions of the full-cluster job per day", "Llama 3 paper Table 5: 47 planned in 54 days", "secondary") \
  X(reliabilityFailureRateScale, "reliability.failureRateScale", "factor", 1, 0, 100, Real, \
    "multiplies every failure rate (fleet maturity, newer generation)", "planner input", "input") \
  X(reliabilityCheckpointWriteMinutes, "reliability.checkpointWriteMinutes", "min", 0, 0, 1440, Real, \
    "time the job pauses to write one checkpoint; 0 = checkpoint state over storage write bandwidth", \
    "planner input", "input") \
  X(reliabilityModelParametersBillions, "reliability.modelParametersBillions", "1e9 parameters", 405, 0.001, 1e6, Real, \
    "parameters of the model the job trains (sets the checkpoint size)", \
    "Llama 3 paper: the 405B-parameter model trained on 16,384 H100", "verified") \
  X(reliabilityCheckpointBytesPerParameter, "reliability.checkpointBytesPerParameter", "bytes", 14, 0.1, 100, Real, \
    "checkpoint bytes per parameter: 16-bit weights and the optimizer's fp32 master weights, momentum and variance", \
    "ZeRO (Rajbhandari et al., SC 2020): 2 bytes of fp16 weights plus 12 bytes of Adam state per parameter", \
    "verified") \
  X(reliabilityCheckpointWriteGBpsPerGpu, "reliability.checkpointWriteGBpsPerGpu", "GB/s", 0.1220703125, 0.000001, 1000, Real, \
    "sustained write bandwidth of the shared storage per GPU", \
    "derived: Llama 3 paper, Tectonic sustains 2 TB/s for the 16,384-GPU cluster (2,000 / 16,384 GB/s)", "derived") \
  X(reliabilityCheckpointIntervalMode, "reliability.checkpointIntervalMode", "mode", 0, 0, 1, Choice, \
    "optimal: checkpoint at Daly's optimum; fixed: every reliability.checkpointIntervalMinutes", "planner input", \
    "input") \
  X(reliabilityCheckpointIntervalMinutes, "reliability.checkpointIntervalMinutes", "min", 30, 0.01, 100000, Real, \
    "checkpoint interval when reliability.checkpointIntervalMode is fixed", "planner input", "input") \
  X(reliabilityRestartMinutes, "reliability.restartMinutes", "min", 10, 0, 10000, Real, \
    "time from an interruption to training again (detect, replace, reload)", "estimate", "estimate") \
  X(reliabilityHotSpareFraction, "reliability.hotSpareFraction", "fraction", 0.01, 0, 0.5, Real, \
    "nodes kept powered and burned in outside the job, to replace a failed node at once, as a share of all nodes", \
    "estimate: a spare pool of about 1 % of nodes", "estimate") \
  X(reliabilityNoSpareRestartMinutes, "reliability.noSpareRestartMinutes", "min", 60, 0, 100000, Real, \
    "extra time to resume after a node failure when no spare is free (drain, re-shard onto the nodes left, reload)", \
    "estimate", "estimate") \
  X(reliabilityRepairHours, "reliability.repairHours", "h", 24, 0, 10000, Real, \
    "time a failed node stays out of service", "estimate: next-business-day parts", "estimate") \
  X(reliabilityTargetUptime, "reliability.targetUptime", "fraction", 0.99, 0, 1, Real, \
    "share of GPU-hours the site should deliver: GPUs in service on power, cooling and fabric", \
    "planner input; xAI reports 99 % uptime across more than 150,000 GPUs on Colossus", "input") \
  X(reliabilityMinEttr, "reliability.minEttr", "fraction", 0.9, 0, 1, Real, \
    "effective training time below which the plan gets a warning", \
    "planner input; Meta reports above 90 % effective training time for Llama 3 on 16k GPUs", "input") \
  /* schedule */ \
  X(scheduleCrews, "schedule.crews", "crews", 20, 1, 10000, Count, \
    "installation crews setting racks in parallel", "estimate: a large build staffs tens of crews", "estimate") \
  X(scheduleRacksPerCrewPerDay, "schedule.racksPerCrewPerDay", "racks/day", 4, 0.01, 1000, Real, \
    "racks one crew places, connects to power, coolant and fabric, and tests per day", "estimate", "estimate") \
  X(scheduleRacksDeliveredPerDay, "schedule.racksDeliveredPerDay", "racks/day", 100, 0.01, 100000, Real, \
    "racks the supply chain and the loading docks deliver per day", "estimate", "estimate") \
  X(scheduleSiteReadyDays, "schedule.siteReadyDays", "days", 100, 0, 10000, Real, \
    "from the start of a build to the first rack on the floor: building, power and cooling fit-out", \
    "estimate: a fit-out of an existing building; a new campus takes a year or more", "estimate") \
  X(scheduleBringUpDays, "schedule.bringUpDays", "days", 5, 0, 1000, Real, \
    "from the last rack installed to training: burn-in, fabric validation, first job", "estimate", "estimate") \
  /* site power */ \
  X(siteGridMw, "site.gridMw", "MW", 0, 0, 100000, Real, \
    "power the utility grid delivers to the site (0 when not yet planned)", "planner input", "input") \
  X(siteOnsiteGenerationMw, "site.onsiteGenerationMw", "MW", 0, 0, 100000, Real, \
    "power of turbines and other generation on the site", "planner input", "input") \
  X(siteGridCarbonKgPerKwh, "site.gridCarbonKgPerKwh", "kg/kWh", 0.348, 0, 2, Real, \
    "CO2-equivalent of one kWh from the grid", \
    "US EPA eGRID (2023 data): US total output emission rate, about 348 g/kWh", "secondary") \
  X(siteOnsiteCarbonKgPerKwh, "site.onsiteCarbonKgPerKwh", "kg/kWh", 0.411, 0, 2, Real, \
    "CO2 of one kWh from the on-site generation", \
    "derived: EIA, natural gas 53.07 kg CO2/MMBtu x the gas fleet's heat rate of 7,740 Btu/kWh", "derived") \
  X(siteBatteryMw, "site.batteryMw", "MW", 0, 0, 100000, Real, \
    "power the site's batteries deliver (for peaks and ride-through, not for days)", "planner input", "input") \
  /* failure rates and repair times of the floor's components */ \
  X(failuresUtilityFeedPerYear, "failures.utilityFeedPerYear", "per year", 0.736, 0, 1000, Real, \
    "outages of one utility feed", "EIA Electric Power Annual 2023, Table 11.3: SAIFI 0.736 (Middle Atlantic, " \
    "major events excluded), a distribution-level proxy for a substation feed", "derived") \
  X(failuresUtilityFeedRepairHours, "failures.utilityFeedRepairHours", "h", 2.04, 0, 100000, Real, \
    "mean duration of a utility outage", "EIA Electric Power Annual 2023, Table 11.3: CAIDI 122 min (Middle " \
    "Atlantic, major events excluded)", "derived") \
  X(failuresSwitchgearPerYear, "failures.switchgearPerYear", "per year", 0.03, 0, 1000, Real, \
    "failures of one medium-voltage switchgear line-up that drop its load", \
    "estimate: IEEE 493 transfer switch above 600 A, 0.030 per year, as Wiboonrat (2020) Table 2 quotes it", \
    "estimate") \
  X(failuresSwitchgearRepairHours, "failures.switchgearRepairHours", "h", 24, 0, 100000, Real, \
    "mean time to restore a switchgear line-up", "estimate: a breaker swapped from on-site spares", "estimate") \
  X(failuresTransformerPerYear, "failures.transformerPerYear", "per year", 0.045, 0, 1000, Real, \
    "failures of one medium-voltage transformer", \
    "estimate: Weibull database, transformers beta 1.1, eta 200,000 h (mean 193,000 h)", "estimate") \
  X(failuresTransformerRepairHours, "failures.transformerRepairHours", "h", 168, 0, 100000, Real, \
    "mean time to replace a failed transformer", "estimate: a spare unit on site, a week to swap and test", \
    "estimate") \
  X(failuresUpsPerYear, "failures.upsPerYear", "per year", 0.07, 0, 1000, Real, \
    "failures of one UPS module that drop its load", \
    "Kohler Uninterruptible Power: about 125,000 h MTBF for a single UPS (vendor figure)", "secondary") \
  X(failuresUpsRepairHours, "failures.upsRepairHours", "h", 6, 0, 100000, Real, \
    "mean time to restore a UPS module", "Suri and Perra (1992), UPS reliability: 6 h repair", "secondary") \
  X(failuresBuswayPerYear, "failures.buswayPerYear", "per year", 0.005, 0, 1000, Real, \
    "failures of one row busway", "estimate: no public field rate found", "estimate") \
  X(failuresBuswayRepairHours, "failures.buswayRepairHours", "h", 24, 0, 100000, Real, \
    "mean time to repair a busway section", "estimate", "estimate") \
  X(failuresCduPerYear, "failures.cduPerYear", "per year", 0.0876, 0, 1000, Real, \
    "failures of one CDU that stop its flow", "estimate: 100,000 h MTBF with redundant pumps; no vendor " \
    "figure published", "estimate") \
  X(failuresCduRepairHours, "failures.cduRepairHours", "h", 8, 0, 100000, Real, \
    "mean time to restore a CDU", "estimate: hot-swappable pumps and controllers", "estimate") \
  X(failuresHeatRejectionPerYear, "failures.heatRejectionPerYear", "per year", 0.666, 0, 1000, Real, \
    "failures of one chiller or dry cooler", "OREDA-2009 as a plant availability study quotes it: motor-driven " \
    "compressor 0.588 plus heat exchanger 0.078 per year", "secondary") \
  X(failuresHeatRejectionRepairHours, "failures.heatRejectionRepairHours", "h", 12, 0, 100000, Real, \
    "mean time to restore a chiller or dry cooler", "OREDA-2009 (as above): compressor repair 12 h", \
    "secondary") \
  X(failuresLoopPerYear, "failures.loopPerYear", "per year", 0.01, 0, 1000, Real, \
    "failures of one facility water loop (a leak or a pump header that has to be isolated)", "estimate", \
    "estimate") \
  X(failuresLoopRepairHours, "failures.loopRepairHours", "h", 48, 0, 100000, Real, \
    "mean time to repair a facility water loop", "estimate", "estimate") \
  X(failuresSwitchPerYear, "failures.switchPerYear", "per year", 0.05, 0, 1000, Real, \
    "failures of one fabric switch", "Gill, Jain and Nagappan, SIGCOMM 2011: about 5 % of top-of-rack " \
    "switches failed in a year", "secondary") \
  X(failuresSwitchRepairHours, "failures.switchRepairHours", "h", 4, 0, 100000, Real, \
    "mean time to replace a fabric switch from on-site spares", "estimate", "estimate") \
  X(failuresPlanePerYear, "failures.planePerYear", "per year", 0, 0, 1000, Real, \
    "outages of a whole fabric plane (its fabric manager or a configuration push)", "planner input", "input") \
  X(failuresPlaneRepairHours, "failures.planeRepairHours", "h", 2, 0, 100000, Real, \
    "mean time to restore a fabric plane", "planner input", "input")
// clang-format on
