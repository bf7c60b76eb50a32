// The one list of planning outputs. Each row: identifier, path, unit, meaning.
// Estimators fill them in this order; later estimators read earlier outputs.
#pragma once

// clang-format off
#define GIGAPLAN_OUTPUTS(X) \
  /* cluster */ \
  X(clusterGpus, "cluster.gpus", "GPUs", "GPUs in the build-out") \
  X(clusterNodes, "cluster.nodes", "nodes", "nodes (servers or compute trays)") \
  X(clusterScaleUpDomains, "cluster.scaleUpDomains", "domains", "scale-up (NVLink) domains") \
  X(clusterComputeRacks, "cluster.computeRacks", "racks", "compute racks") \
  X(clusterNetworkRacks, "cluster.networkRacks", "racks", "racks of fabric switches") \
  X(clusterRacks, "cluster.racks", "racks", "compute and network racks (CDUs apart)") \
  X(clusterWhiteSpaceM2, "cluster.whiteSpaceM2", "m2", "data-hall floor") \
  X(clusterSiteAreaM2, "cluster.siteAreaM2", "m2", "site area") \
  /* network */ \
  X(networkFeasible, "network.feasible", "0/1", "1 when the chosen switch can build the fabric") \
  X(networkPlanes, "network.planes", "planes", "fabric planes used") \
  X(networkTiers, "network.tiers", "tiers", "switch tiers of each plane") \
  X(networkLinkGbps, "network.linkGbps", "Gb/s", "speed of one NIC-to-leaf link") \
  X(networkUplinkGbps, "network.uplinkGbps", "Gb/s", "speed of one leaf-to-spine link") \
  X(networkCoreLinkGbps, "network.coreLinkGbps", "Gb/s", "speed of one link above the spines") \
  X(networkPods, "network.pods", "pods", "pods of each plane: leaves under their own spines (3 and 4 tiers)") \
  X(networkEffectiveRadix, "network.effectiveRadix", "ports", "leaf ports at the NIC-to-leaf link speed") \
  X(networkEndpointsPerPlane, "network.endpointsPerPlane", "endpoints", "NIC links in one plane, extra endpoints included") \
  X(networkMaxEndpointsPerPlane, "network.maxEndpointsPerPlane", "endpoints", "most endpoints one plane of this many tiers can connect") \
  X(networkSwitchesTier1, "network.switchesTier1", "switches", "leaf switches, all planes") \
  X(networkSwitchesTier2, "network.switchesTier2", "switches", "spine switches, all planes") \
  X(networkSwitchesTier3, "network.switchesTier3", "switches", "tier-3 (core) switches, all planes") \
  X(networkSwitchesTier4, "network.switchesTier4", "switches", "tier-4 switches, all planes") \
  X(networkSwitches, "network.switches", "switches", "fabric switches") \
  X(networkLinksTier1, "network.linksTier1", "links", "NIC-to-leaf links, all planes") \
  X(networkLinksTier2, "network.linksTier2", "links", "leaf-to-spine links, all planes") \
  X(networkLinksTier3, "network.linksTier3", "links", "spine-to-tier-3 links, all planes") \
  X(networkLinksTier4, "network.linksTier4", "links", "tier-3-to-tier-4 links, all planes") \
  X(networkLinks, "network.links", "links", "fabric links") \
  X(networkTransceiversMultimode, "network.transceiversMultimode", "modules", "multimode transceivers") \
  X(networkTransceiversSinglemodeDr, "network.transceiversSinglemodeDr", "modules", "single-mode DR transceivers") \
  X(networkTransceiversSinglemodeFr, "network.transceiversSinglemodeFr", "modules", "single-mode FR transceivers") \
  X(networkCablesCopper, "network.cablesCopper", "cables", "copper (DAC) cables") \
  X(networkCablesAec, "network.cablesAec", "cables", "active electrical cables") \
  X(networkCablesFiber, "network.cablesFiber", "cables", "optical cables") \
  X(networkFiberKm, "network.fiberKm", "km", "optical cable length") \
  X(networkBisectionPbps, "network.bisectionPbps", "Pb/s", "bisection bandwidth, one direction") \
  X(networkBisectionPerGpuGbps, "network.bisectionPerGpuGbps", "Gb/s", "bisection bandwidth per GPU of one half") \
  X(networkAllReduceMs, "network.allReduceMs", "ms", "time of one hierarchical ring all-reduce over all GPUs") \
  X(networkAllReduceBusGBps, "network.allReduceBusGBps", "GB/s", "all-reduce bus bandwidth per GPU") \
  X(networkSwitchPowerMw, "network.switchPowerMw", "MW", "switch power") \
  X(networkMediaPowerMw, "network.mediaPowerMw", "MW", "transceiver and active cable power") \
  /* power */ \
  X(powerGpuMw, "power.gpuMw", "MW", "GPUs at board power") \
  X(powerHostMw, "power.hostMw", "MW", "CPUs, memory, drives, NVLink switches and NICs") \
  X(powerFanMw, "power.fanMw", "MW", "node fans") \
  X(powerPsuLossMw, "power.psuLossMw", "MW", "power-supply losses") \
  X(powerNetworkMw, "power.networkMw", "MW", "fabric switches and optics") \
  X(powerStorageMw, "power.storageMw", "MW", "shared storage") \
  X(powerProvisioningHeadroomMw, "power.provisioningHeadroomMw", "MW", "provisioned IT power above the component estimate") \
  X(powerItMw, "power.itMw", "MW", "IT power as provisioned (sizes electrical and cooling plant)") \
  X(powerPeakItMw, "power.peakItMw", "MW", "expected peak IT draw (measured or estimated node peaks, capped)") \
  X(powerAverageItMw, "power.averageItMw", "MW", "average IT draw over a year") \
  X(powerNodeKw, "power.nodeKw", "kW", "one node as provisioned, with its share of the rack's shared gear") \
  X(powerNodeVendorMaxKw, "power.nodeVendorMaxKw", "kW", "one node at its vendor maximum") \
  X(powerNodeEstimateKw, "power.nodeEstimateKw", "kW", "one node from its components at full load") \
  X(powerNodePeakKw, "power.nodePeakKw", "kW", "one node at its expected peak (measured where published)") \
  X(powerServerOverGpuTdp, "power.serverOverGpuTdp", "ratio", "a node's vendor maximum over its GPUs' board power") \
  X(powerComputeRackVendorMaxKw, "power.computeRackVendorMaxKw", "kW", "one full compute rack at its vendor maximum") \
  X(powerComputeRackKw, "power.computeRackKw", "kW", "one full compute rack as provisioned") \
  X(powerCapThroughputFraction, "power.capThroughputFraction", "fraction", "training throughput left under the rack power cap") \
  X(powerPowerSupplies, "power.powerSupplies", "PSUs", "power supplies and shelf rectifiers, redundant ones included") \
  X(powerPowerSupplyMarginKw, "power.powerSupplyMarginKw", "kW", "one node's power supplies without the redundant ones, less its vendor maximum") \
  X(powerItPerGpuKw, "power.itPerGpuKw", "kW", "IT power per GPU, all in") \
  X(powerItOverGpuTdp, "power.itOverGpuTdp", "ratio", "IT power over GPU board power") \
  X(powerCoolingMw, "power.coolingMw", "MW", "cooling plant power") \
  X(powerElectricalLossMw, "power.electricalLossMw", "MW", "UPS and distribution losses (less what 800 V DC saves)") \
  X(powerDc800SavingMw, "power.dc800SavingMw", "MW", "conversion losses 800 V DC distribution saves") \
  X(powerMiscMw, "power.miscMw", "MW", "lighting, offices, security") \
  X(powerFacilityMw, "power.facilityMw", "MW", "facility power at maximum IT load") \
  X(powerPue, "power.pue", "ratio", "power usage effectiveness") \
  X(powerAverageFacilityMw, "power.averageFacilityMw", "MW", "average facility power over a year") \
  X(powerAnnualEnergyGwh, "power.annualEnergyGwh", "GWh", "facility energy per year") \
  X(powerGpuEnergyAtTdpGwh, "power.gpuEnergyAtTdpGwh", "GWh", "energy of all GPUs at board power for one year") \
  X(powerTrainingSwingMw, "power.trainingSwingMw", "MW", "swing between compute and communication phases") \
  X(powerBatteryMwh, "power.batteryMwh", "MWh", "battery energy to carry the swing for the buffer time") \
  /* electrical */ \
  X(electricalTransformers, "electrical.transformers", "units", "MV transformers including redundancy") \
  X(electricalTransformerMva, "electrical.transformerMva", "MVA", "installed transformer capacity") \
  X(electricalUpsModules, "electrical.upsModules", "units", "UPS modules including redundancy") \
  X(electricalUpsMw, "electrical.upsMw", "MW", "installed UPS capacity") \
  X(electricalBlocks, "electrical.blocks", "blocks", "electrical blocks of the floor (halls sharing switchgear, transformers and UPS)") \
  X(electricalUtilityFeeds, "electrical.utilityFeeds", "units", "utility feeds including redundancy") \
  X(electricalSwitchgearLineups, "electrical.switchgearLineups", "units", "MV switchgear line-ups, one or two per block") \
  X(electricalBusways, "electrical.busways", "units", "row busways, one or two per row") \
  /* cooling */ \
  X(coolingLiquidHeatMw, "cooling.liquidHeatMw", "MW", "heat to liquid") \
  X(coolingAirHeatMw, "cooling.airHeatMw", "MW", "heat to air") \
  X(coolingCdus, "cooling.cdus", "units", "coolant distribution units including spares") \
  X(coolingCoolantFlowLps, "cooling.coolantFlowLps", "L/s", "coolant flow of the liquid loop") \
  X(coolingHeatRejectionMw, "cooling.heatRejectionMw", "MW", "heat the plant rejects") \
  X(coolingHeatRejectionRt, "cooling.heatRejectionRt", "RT", "heat rejection in refrigeration tons") \
  X(coolingHeatRejectionUnits, "cooling.heatRejectionUnits", "units", "chillers or dry coolers including redundancy") \
  X(coolingWaterLoops, "cooling.waterLoops", "units", "facility water loops, one or two per block") \
  X(coolingWaterM3PerYear, "cooling.waterM3PerYear", "m3", "water used per year") \
  /* cost */ \
  X(costSystemsUsd, "cost.systemsUsd", "USD", "capex: GPU systems") \
  X(costSwitchesUsd, "cost.switchesUsd", "USD", "capex: fabric switches") \
  X(costOpticsCablesUsd, "cost.opticsCablesUsd", "USD", "capex: transceivers and cables") \
  X(costStorageUsd, "cost.storageUsd", "USD", "capex: shared storage") \
  X(costElectricalUsd, "cost.electricalUsd", "USD", "capex: electrical plant") \
  X(costCoolingUsd, "cost.coolingUsd", "USD", "capex: cooling plant") \
  X(costBuildingUsd, "cost.buildingUsd", "USD", "capex: building") \
  X(costLandUsd, "cost.landUsd", "USD", "capex: land") \
  X(costCapexUsd, "cost.capexUsd", "USD", "capex total") \
  X(costCapexPerGpuUsd, "cost.capexPerGpuUsd", "USD", "capex per GPU") \
  X(costFacilityUsdPerMw, "cost.facilityUsdPerMw", "USD/MW", "electrical, cooling and building per MW of IT") \
  X(costItCapitalUsdPerYear, "cost.itCapitalUsdPerYear", "USD/year", "IT capex annualized over its life") \
  X(costFacilityCapitalUsdPerYear, "cost.facilityCapitalUsdPerYear", "USD/year", "facility capex annualized over its life") \
  X(costLandCapitalUsdPerYear, "cost.landCapitalUsdPerYear", "USD/year", "cost of capital tied up in land") \
  X(costEnergyUsdPerYear, "cost.energyUsdPerYear", "USD/year", "opex: electricity") \
  X(costMaintenanceUsdPerYear, "cost.maintenanceUsdPerYear", "USD/year", "opex: maintenance and support") \
  X(costStaffUsdPerYear, "cost.staffUsdPerYear", "USD/year", "opex: staff") \
  X(costTcoUsdPerYear, "cost.tcoUsdPerYear", "USD/year", "total cost of ownership per year") \
  X(costTcoUsdPerItMwYear, "cost.tcoUsdPerItMwYear", "USD/(MW year)", "TCO per MW of IT per year") \
  X(costSystemsShareOfTco, "cost.systemsShareOfTco", "fraction", "share of TCO from GPU systems") \
  X(costUsdPerGpuHour, "cost.usdPerGpuHour", "USD", "cost per GPU-hour at the given utilization") \
  /* reliability */ \
  X(reliabilityUnexpectedPerDay, "reliability.unexpectedPerDay", "per day", "unexpected interruptions of a full-cluster job") \
  X(reliabilityInterruptionsPerDay, "reliability.interruptionsPerDay", "per day", "all interruptions, planned included") \
  X(reliabilityMtbiHours, "reliability.mtbiHours", "h", "mean time between unexpected interruptions") \
  X(reliabilityMttiHours, "reliability.mttiHours", "h", "mean time between interruptions, planned included") \
  X(reliabilityCheckpointStateTb, "reliability.checkpointStateTB", "TB", "model and optimizer state one checkpoint writes") \
  X(reliabilityCheckpointWriteMinutes, "reliability.checkpointWriteMinutes", "min", "time the job pauses for one checkpoint") \
  X(reliabilityYoungIntervalMinutes, "reliability.youngIntervalMinutes", "min", "optimal checkpoint interval, Young") \
  X(reliabilityDalyIntervalMinutes, "reliability.dalyIntervalMinutes", "min", "optimal checkpoint interval, Daly") \
  X(reliabilityCheckpointIntervalMinutes, "reliability.checkpointIntervalMinutes", "min", "checkpoint interval used: Daly's optimum or the fixed one") \
  X(reliabilityHotSpareNodes, "reliability.hotSpareNodes", "nodes", "spare nodes held out of the job") \
  X(reliabilitySpareShortfallProbability, "reliability.spareShortfallProbability", "fraction", "chance that no spare is free when a node fails") \
  X(reliabilityJobGpus, "reliability.jobGpus", "GPUs", "GPUs the full-cluster job runs on: all but the spares") \
  X(reliabilityEttr, "reliability.ettr", "fraction", "effective training time ratio at the checkpoint interval used") \
  X(reliabilityGoodputGpus, "reliability.goodputGpus", "GPUs", "GPUs of useful training: job GPUs x effective training time") \
  X(reliabilityJobUptime, "reliability.jobUptime", "fraction", "share of time the full-cluster job is running") \
  X(reliabilityNodesInRepair, "reliability.nodesInRepair", "nodes", "nodes out of service on average") \
  X(reliabilityGpuAvailability, "reliability.gpuAvailability", "fraction", "share of GPUs in service") \
  /* availability of the floor's power, cooling and fabric: its failure analysis */ \
  X(availabilityDelivered, "availability.delivered", "fraction", "share of GPU-hours delivered: GPUs in service (reliability.gpuAvailability) on power, cooling and fabric (availability.site)") \
  X(availabilitySite, "availability.site", "fraction", "share of GPU-hours the power, cooling and fabric deliver, component failures counted") \
  X(availabilityGpuHoursLostPerYear, "availability.gpuHoursLostPerYear", "GPU-h/year", "GPU-hours component failures take in a year, expected") \
  X(availabilityInterruptionsPerYear, "availability.interruptionsPerYear", "per year", "component failures a year that take GPUs down or cut their bandwidth") \
  X(availabilityWorstSingleFailureGpus, "availability.worstSingleFailureGpus", "GPUs", "GPUs the worst single failure takes, bandwidth lost counted as GPUs") \
  X(availabilityJobGoodput, "availability.jobGoodput", "fraction", "effective training time of a full-site job, less restarts and repairs after component failures") \
  /* schedule and site power */ \
  X(scheduleRacksPerDay, "schedule.racksPerDay", "racks/day", "racks installed per day: crews or deliveries, the lower") \
  X(scheduleInstallDays, "schedule.installDays", "days", "days to install every rack") \
  X(scheduleFirstRackToTrainingDays, "schedule.firstRackToTrainingDays", "days", "from the first rack on the floor to training") \
  X(scheduleBuildDays, "schedule.buildDays", "days", "from the start of the build to training") \
  X(sitePowerAvailableMw, "site.powerAvailableMw", "MW", "grid and on-site generation") \
  X(sitePowerMarginMw, "site.powerMarginMw", "MW", "power available less facility power at full IT load") \
  X(siteComputeRacksSupported, "site.computeRacksSupported", "racks", "compute racks the site's power carries at this provisioning (0 when no power is planned)") \
  X(sitePeakPowerAvailableMw, "site.peakPowerAvailableMw", "MW", "grid, on-site generation and batteries, for peaks") \
  /* carbon */ \
  X(carbonOnsiteEnergyShare, "carbon.onsiteEnergyShare", "fraction", "share of the year's energy the on-site generation supplies") \
  X(carbonGridTco2ePerYear, "carbon.gridTco2ePerYear", "tCO2e/year", "emissions of the grid energy") \
  X(carbonOnsiteTco2ePerYear, "carbon.onsiteTco2ePerYear", "tCO2e/year", "emissions of the on-site generation") \
  X(carbonTco2ePerYear, "carbon.tco2ePerYear", "tCO2e/year", "emissions of the site's energy per year") \
  X(carbonKgPerGpuHour, "carbon.kgPerGpuHour", "kg", "emissions per GPU-hour") \
  /* tenants (TenantPlan; zero without tenants) */ \
  X(tenantsRentedGpus, "tenants.rentedGpus", "GPUs", "GPUs the tenants rent") \
  X(tenantsRevenueUsdPerYear, "tenants.revenueUsdPerYear", "USD/year", "revenue from every tenant at its price and utilization") \
  X(tenantsMarginUsdPerYear, "tenants.marginUsdPerYear", "USD/year", "operator margin: revenue less TCO and isolation") \
  X(tenantsPaybackYears, "tenants.paybackYears", "years", "capex over revenue less opex; infinite when never") \
  X(tenantsIsolationSwitches, "tenants.isolationSwitches", "switches", "switches isolation adds beyond one shared fabric") \
  X(tenantsIsolationCapexUsd, "tenants.isolationCapexUsd", "USD", "capex of the switches isolation adds") \
  X(tenantsStrandedPorts, "tenants.strandedPorts", "ports", "switch down-ports isolation leaves unused") \
  X(tenantsBisectionLostPbps, "tenants.bisectionLostPbps", "Pb/s", "bisection between tenants lost to own fabric planes")
// clang-format on
