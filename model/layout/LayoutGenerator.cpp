#include "layout/LayoutGenerator.h"

#include <algorithm>
#include <cmath>

namespace gigaplan {

namespace {

/// Splits `total` items over parts in proportion to `weight` of `weightTotal`, so that the
/// parts always add up to `total` (cumulative rounding).
struct ProportionalSplit {
  double total;
  double weightTotal;
  double weightSoFar = 0.0;
  long long givenSoFar = 0;

  long long next(double weight) {
    weightSoFar += weight;
    const auto upTo = static_cast<long long>(std::llround(total * weightSoFar / weightTotal));
    const long long share = upTo - givenSoFar;
    givenSoFar = upTo;
    return share;
  }
};

double rowPitchM(const HallTemplate& t) {
  return t.rackDepthM + (t.coldAisleM + t.hotAisleM) / 2.0;
}

}  // namespace

std::optional<SiteLayout> LayoutGenerator::generate(const InputValues& inputs, const OutputValues& outputs,
                                                    const QString& systemType, const HallTemplate& hallTemplate,
                                                    QString* error) {
  auto fail = [&](const QString& message) -> std::optional<SiteLayout> {
    if (error) *error = message;
    return std::nullopt;
  };
  const HallTemplate& t = hallTemplate;
  if (t.rowsPerHall < 3)
    return fail(QStringLiteral("hallTemplate.rowsPerHall: at least 3 (network, compute, CDU rows)"));
  if (t.slotsPerRow < 2 || t.slotsPerRow > 1000)
    return fail(QStringLiteral("hallTemplate.slotsPerRow: must be from 2 to 1000"));
  if (!(t.rackWidthM > 0) || !(t.rackDepthM > 0) || t.coldAisleM < 0 || t.hotAisleM < 0 || t.wallClearanceM < 0)
    return fail(QStringLiteral("hallTemplate: rack sizes must be positive and aisles not negative"));
  if (t.hallsPerBuilding < 1) return fail(QStringLiteral("hallTemplate.hallsPerBuilding: at least 1"));

  const auto computeRacks = static_cast<long long>(valueOf(outputs, OutputId::clusterComputeRacks));
  // Every compute rack is full but the last, which holds the nodes that are left.
  const auto nodesPerRack = static_cast<long long>(valueOf(inputs, InputId::systemNodesPerRack));
  const auto nodes = static_cast<long long>(valueOf(outputs, OutputId::clusterNodes));
  const long long nodesInLastRack = nodes - (computeRacks - 1) * nodesPerRack;
  const double switchesPerRack = valueOf(inputs, InputId::networkSwitchesPerRack);
  const double leaves = valueOf(outputs, OutputId::networkSwitchesTier1);
  const double spines = valueOf(outputs, OutputId::networkSwitchesTier2);
  const double upperSwitches =
      valueOf(outputs, OutputId::networkSwitchesTier3) + valueOf(outputs, OutputId::networkSwitchesTier4);
  const double switches = valueOf(outputs, OutputId::networkSwitches);
  const double switchKw =
      switches > 0
          ? (valueOf(outputs, OutputId::networkSwitchPowerMw) + valueOf(outputs, OutputId::networkMediaPowerMw)) * 1e3 /
                switches
          : 0.0;
  const double itMw = valueOf(outputs, OutputId::powerItMw) - valueOf(outputs, OutputId::powerStorageMw);
  const double itKwPerComputeRack = itMw * 1e3 / static_cast<double>(computeRacks);
  const double liquidMw = valueOf(outputs, OutputId::coolingLiquidHeatMw);
  const double cduKw = valueOf(inputs, InputId::coolingCduCapacityKw);
  const double cduSpare = valueOf(inputs, InputId::coolingCduSpareFraction);
  const double cduPumpKw = liquidMw > 0 ? (liquidMw / valueOf(inputs, InputId::coolingLiquidCop)) * 1e3 /
                                              std::max(1.0, valueOf(outputs, OutputId::coolingCdus))
                                        : 0.0;

  // Compute racks per full row: the row also holds the leaf racks of its compute racks.
  const double leavesPerComputeRack = leaves / static_cast<double>(computeRacks);
  int computePerRow = t.slotsPerRow;
  while (computePerRow > 0 &&
         computePerRow + std::ceil(computePerRow * leavesPerComputeRack / switchesPerRack - 1e-9) > t.slotsPerRow)
    --computePerRow;
  if (computePerRow < 1) return fail(QStringLiteral("hallTemplate.slotsPerRow: too short for one rack and its leaves"));

  // Compute racks per hall: the fewest of what fits, what the feed powers and what the cooling
  // removes. A building's first hall also carries the building's core switches, so every hall
  // is sized as if it did.
  const double upperKwPerComputeRack = upperSwitches * switchKw / static_cast<double>(computeRacks);
  const double budgetKwPerComputeRack = itKwPerComputeRack + (t.hallsPerBuilding - 1) * upperKwPerComputeRack;
  const long long bySpace = static_cast<long long>(t.rowsPerHall - 2) * computePerRow;
  const auto byPower = static_cast<long long>(std::floor(t.hallPowerLimitMw * 1e3 / budgetKwPerComputeRack));
  const auto byCooling = static_cast<long long>(std::floor(t.hallCoolingLimitMw * 1e3 / budgetKwPerComputeRack));
  const long long perHall = std::min({bySpace, byPower, byCooling});
  if (perHall < 1)
    return fail(QStringLiteral("hallTemplate.hallPowerLimitMw: %1 MW cannot carry one compute rack with its share of "
                               "the fabric (%2 kW)")
                    .arg(t.hallPowerLimitMw)
                    .arg(budgetKwPerComputeRack, 0, 'f', 1));
  const long long hallCount = (computeRacks + perHall - 1) / perHall;
  if (hallCount > 10000) return fail(QStringLiteral("hallTemplate: %1 halls needed; at most 10,000").arg(hallCount));
  const long long buildingCount = (hallCount + t.hallsPerBuilding - 1) / t.hallsPerBuilding;

  SiteLayout layout;
  layout.hallTemplate = t;
  layout.systemTypes = {systemType};
  layout.halls.reserve(static_cast<std::size_t>(hallCount));
  layout.racks.reserve(static_cast<std::size_t>(computeRacks + switches / switchesPerRack + hallCount * 2 + 16));

  const float computeRackKw = static_cast<float>(valueOf(outputs, OutputId::powerComputeRackKw));
  const auto computeMassKg = static_cast<float>(valueOf(inputs, InputId::systemRackMassKg));
  const auto networkMassKg = static_cast<float>(valueOf(inputs, InputId::networkRackMassKg));
  const auto cduMassKg = static_cast<float>(valueOf(inputs, InputId::coolingCduMassKg));

  auto addRack = [&](int row, int slot, RackRole role, int units, float powerKw, float massKg) {
    Rack rack;
    rack.id = layout.nextRackId++;
    rack.row = row;
    rack.slot = slot;
    rack.role = role;
    rack.units = static_cast<std::uint8_t>(units);
    rack.powerKw = powerKw;
    rack.massKg = massKg;
    layout.racks.push_back(rack);
  };
  // Network racks of one role: full racks of switchesPerRack and a last partial one, filling
  // rows of the hall that start at `firstRowIndex`; returns the rows used.
  auto placeSwitchRacks = [&](int hall, long long switchCount, RackRole role, int& rowIndex, int& slot) {
    const auto perRack = static_cast<long long>(switchesPerRack);
    for (long long placed = 0; placed < switchCount; placed += perRack) {
      if (slot >= t.slotsPerRow) {
        Row row{hall, t.wallClearanceM, 0.0, t.slotsPerRow};
        layout.rows.push_back(row);
        rowIndex = static_cast<int>(layout.rows.size()) - 1;
        slot = 0;
      }
      const long long units = std::min(perRack, switchCount - placed);
      addRack(rowIndex, slot++, role, static_cast<int>(units), static_cast<float>(units * switchKw), networkMassKg);
    }
  };

  long long computeSoFar = 0;
  ProportionalSplit hallShare{static_cast<double>(computeRacks), static_cast<double>(hallCount)};
  ProportionalSplit leafSplit{leaves, static_cast<double>(computeRacks)};
  ProportionalSplit spineSplit{spines, static_cast<double>(computeRacks)};
  ProportionalSplit upperSplit{upperSwitches, static_cast<double>(computeRacks)};
  const double pitch = rowPitchM(t);
  const double hallWidth = 2 * t.wallClearanceM + t.slotsPerRow * t.rackWidthM;
  double buildingX = 0.0;
  double buildingY = 0.0;
  const auto buildingsPerSiteRow = static_cast<long long>(std::ceil(std::sqrt(static_cast<double>(buildingCount))));
  double siteRowDepth = 0.0;

  for (long long b = 0; b < buildingCount; ++b) {
    const long long firstHall = b * t.hallsPerBuilding;
    const long long hallsHere = std::min<long long>(t.hallsPerBuilding, hallCount - firstHall);
    // The building's compute racks decide its share of the upper tiers, placed in its first hall.
    ProportionalSplit preview = hallShare;
    long long buildingComputeRacks = 0;
    for (long long h = 0; h < hallsHere; ++h) buildingComputeRacks += preview.next(1.0);
    const long long buildingUpper = upperSplit.next(static_cast<double>(buildingComputeRacks));

    double hallX = buildingX;
    double buildingDepth = 0.0;
    for (long long h = 0; h < hallsHere; ++h) {
      const int hall = static_cast<int>(layout.halls.size());
      const long long racksHere = hallShare.next(1.0);
      const int firstRow = static_cast<int>(layout.rows.size());

      // Network rows at the entrance.
      layout.rows.push_back(Row{hall, t.wallClearanceM, 0.0, t.slotsPerRow});
      int networkRow = firstRow;
      int networkSlot = 0;
      placeSwitchRacks(hall, spineSplit.next(static_cast<double>(racksHere)), RackRole::Spine, networkRow, networkSlot);
      if (h == 0) placeSwitchRacks(hall, buildingUpper, RackRole::Core, networkRow, networkSlot);

      // Compute rows, each closed by its leaf racks.
      for (long long placed = 0; placed < racksHere; placed += computePerRow) {
        const int row = static_cast<int>(layout.rows.size());
        layout.rows.push_back(Row{hall, t.wallClearanceM, 0.0, t.slotsPerRow});
        const long long inRow = std::min<long long>(computePerRow, racksHere - placed);
        int slot = 0;
        for (; slot < inRow; ++slot) {
          const bool last = computeSoFar + 1 == computeRacks;
          const long long nodesHere = last ? nodesInLastRack : nodesPerRack;
          addRack(row, slot, RackRole::Compute, static_cast<int>(nodesHere),
                  computeRackKw * static_cast<float>(nodesHere) / static_cast<float>(nodesPerRack), computeMassKg);
          ++computeSoFar;
        }
        int leafRow = row;
        placeSwitchRacks(hall, leafSplit.next(static_cast<double>(inRow)), RackRole::Leaf, leafRow, slot);
      }

      // CDUs along the back wall, sized for the hall's share of the liquid heat.
      const double hallLiquidKw = liquidMw * 1e3 * static_cast<double>(racksHere) / static_cast<double>(computeRacks);
      const auto cdus =
          static_cast<long long>(std::ceil(std::ceil(hallLiquidKw / cduKw - 1e-9) * (1.0 + cduSpare) - 1e-9));
      if (cdus > 0) {
        int cduRow = static_cast<int>(layout.rows.size());
        layout.rows.push_back(Row{hall, t.wallClearanceM, 0.0, t.slotsPerRow});
        for (long long c = 0; c < cdus; ++c) {
          const int slot = static_cast<int>(c % t.slotsPerRow);
          if (c > 0 && slot == 0) {
            layout.rows.push_back(Row{hall, t.wallClearanceM, 0.0, t.slotsPerRow});
            cduRow = static_cast<int>(layout.rows.size()) - 1;
          }
          addRack(cduRow, slot, RackRole::Cdu, 1, static_cast<float>(cduPumpKw), cduMassKg);
        }
      }

      const int rowsHere = static_cast<int>(layout.rows.size()) - firstRow;
      for (int r = 0; r < rowsHere; ++r)
        layout.rows[static_cast<std::size_t>(firstRow + r)].yM = t.wallClearanceM + r * pitch;
      Hall hallRecord;
      hallRecord.building = static_cast<int>(b);
      hallRecord.name = QStringLiteral("B%1-H%2").arg(b + 1).arg(h + 1);
      hallRecord.xM = hallX;
      hallRecord.yM = buildingY;
      hallRecord.widthM = hallWidth;
      hallRecord.depthM = 2 * t.wallClearanceM + (rowsHere - 1) * pitch + t.rackDepthM;
      hallRecord.powerLimitMw = t.hallPowerLimitMw;
      hallRecord.coolingLimitMw = t.hallCoolingLimitMw;
      hallRecord.floorLoadLimitKgM2 = t.floorLoadLimitKgM2;
      layout.halls.push_back(hallRecord);
      hallX += hallWidth;
      buildingDepth = std::max(buildingDepth, hallRecord.depthM + t.electricalRoomDepthM);
    }
    Building building{QStringLiteral("Building %1").arg(b + 1), buildingX, buildingY, hallX - buildingX, buildingDepth};
    layout.buildings.push_back(building);
    siteRowDepth = std::max(siteRowDepth, buildingDepth);
    buildingX = hallX + t.buildingGapM;
    if ((b + 1) % buildingsPerSiteRow == 0) {
      buildingX = 0.0;
      buildingY += siteRowDepth + t.buildingGapM;
      siteRowDepth = 0.0;
    }
  }
  return layout;
}

}  // namespace gigaplan
