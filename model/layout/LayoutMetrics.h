#pragma once

#include <QString>
#include <vector>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// A limit the layout breaks, naming the object that breaks it.
struct LayoutFinding {
  enum class Kind { HallPower, HallCooling, FloorLoad, LinkReach };
  Kind kind;
  QString object;  ///< e.g. "hall B1-H2", "rack 1234"
  QString message;
};

struct HallMetrics {
  double itKw = 0.0;  ///< racks at maximum load
  int computeRacks = 0;
  int networkRacks = 0;
  int cdus = 0;
  double floorAreaM2 = 0.0;
  double kwPerComputeRack = 0.0;
  double kwPerM2 = 0.0;
  double maxFloorLoadKgM2 = 0.0;
  /// The hall's electrical room: the strip along its north wall, template depth deep.
  double electricalRoomXM = 0.0;
  double electricalRoomYM = 0.0;
  double electricalRoomWidthM = 0.0;
  double electricalRoomDepthM = 0.0;
  /// What the room holds for the hall's load, with the scenario's redundancy (LayoutEvaluation).
  double transformers = 0.0;
  double upsModules = 0.0;
};

struct RowMetrics {
  double kw = 0.0;
  int racks = 0;
  double kwPerRack = 0.0;
};

/// Figures derived from the layout alone: areas, power density, floor load, and the findings
/// of halls over their power or cooling limit and racks over the floor's load limit.
struct LayoutMetrics {
  double hallFloorM2 = 0.0;      ///< data-hall floor
  double buildingFloorM2 = 0.0;  ///< halls and electrical rooms
  double siteAreaM2 = 0.0;       ///< bounding box of the buildings
  double itKw = 0.0;
  int computeRacks = 0;
  int networkRacks = 0;
  int cdus = 0;
  double maxFloorLoadKgM2 = 0.0;
  std::vector<HallMetrics> halls;
  std::vector<RowMetrics> rows;
  std::vector<LayoutFinding> findings;

  /// Load of a rack spread over its footprint and half of each adjacent aisle.
  static double floorLoadKgM2(const SiteLayout& layout, const Rack& rack);
  static LayoutMetrics measure(const SiteLayout& layout);
};

}  // namespace gigaplan
