#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace gigaplan {

/// What a rack holds. Network racks carry switches of one fabric tier.
enum class RackRole : std::uint8_t { Compute = 0, Leaf = 1, Spine = 2, Core = 3, Cdu = 4 };

/// What a rack of a role holds, as people call it: "compute", "leaf switches", ... "CDU".
inline QString rackRoleName(RackRole role) {
  static const char* names[] = {"compute", "leaf switches", "spine switches", "core switches", "CDU"};
  return QString::fromLatin1(names[static_cast<int>(role)]);
}

/// The links of a fabric tier (0 = NIC to leaf ... 3 = core to tier 4): "NIC-to-leaf", ...
inline QString fabricTierName(int tier) {
  static const char* names[] = {"NIC-to-leaf", "leaf-to-spine", "spine-to-core", "core-to-tier-4"};
  return QString::fromLatin1(names[tier]);
}

/// The shape every generated hall takes; the planner edits halls afterwards.
struct HallTemplate {
  int rowsPerHall = 24;
  int slotsPerRow = 40;  ///< rack positions in a row, network racks included
  double rackWidthM = 0.6;
  double rackDepthM = 1.2;
  double coldAisleM = 1.2;
  double hotAisleM = 1.2;
  double wallClearanceM = 3.0;       ///< between the walls and the rows
  double hallPowerLimitMw = 40.0;    ///< IT power the hall's electrical feed carries
  double hallCoolingLimitMw = 40.0;  ///< heat the hall's cooling removes
  double floorLoadLimitKgM2 = 1500.0;
  int hallsPerBuilding = 4;
  double electricalRoomDepthM = 12.0;  ///< strip beside each hall for transformers and UPS
  double buildingGapM = 30.0;          ///< between buildings on the site
  double cableRiseM = 4.0;             ///< up to the tray at one end and down at the other
  double cableSlackFraction = 0.10;    ///< service loops and routing around obstacles

  bool operator==(const HallTemplate&) const = default;
};

struct Building {
  QString name;
  double xM = 0.0;  ///< south-west corner on the site
  double yM = 0.0;
  double widthM = 0.0;  ///< along x
  double depthM = 0.0;  ///< along y

  bool operator==(const Building&) const = default;
};

struct Hall {
  int building = 0;
  QString name;
  double xM = 0.0;  ///< south-west corner on the site
  double yM = 0.0;
  double widthM = 0.0;
  double depthM = 0.0;
  double powerLimitMw = 0.0;
  double coolingLimitMw = 0.0;
  double floorLoadLimitKgM2 = 0.0;
  bool locked = false;  ///< a floor laid out anew keeps this hall exactly as it is

  bool operator==(const Hall&) const = default;
};

/// A row of rack slots running along x, placed relative to its hall so that moving a hall
/// moves its rows and racks with it. Slot s starts at xM + s x rack width.
struct Row {
  int hall = 0;
  double xM = 0.0;  ///< first slot's south-west corner, from the hall's south-west corner
  double yM = 0.0;
  int slotCount = 0;

  bool operator==(const Row&) const = default;
};

struct Rack {
  std::uint32_t id = 0;  ///< stable across edits, saves and undo
  int row = 0;
  int slot = 0;
  RackRole role = RackRole::Compute;
  std::uint8_t system = 0;  ///< index into SiteLayout::systemTypes (compute racks)
  std::uint8_t phase = 0;   ///< expansion phase the rack arrives in
  std::uint8_t units = 1;   ///< nodes in a compute rack, switches in a network rack; 1 for CDUs
  float powerKw = 0.0f;     ///< at maximum load
  float massKg = 0.0f;
  std::uint8_t tenant = 0;  ///< 0 = no tenant (shared or spare), else 1 + index into Project::tenants

  bool operator==(const Rack&) const = default;
};

/// The site: buildings, halls, rows and racks, with positions and sizes in metres.
/// Plain data; generation, derived figures, picking and edits live in their own classes.
/// At most this many dropped hand edits are kept listed (the oldest go first); a planner who has
/// lost that many has re-laid a different floor.
constexpr qsizetype kMaxDroppedEdits = 10'000;
/// A dropped edit's words are at most this long (they name a place and a change).
constexpr qsizetype kMaxDroppedEditChars = 1'000;

struct SiteLayout {
  HallTemplate hallTemplate;
  QStringList systemTypes;  ///< catalog ids the compute racks refer to
  std::vector<Building> buildings;
  std::vector<Hall> halls;
  std::vector<Row> rows;
  std::vector<Rack> racks;
  std::uint32_t nextRackId = 1;
  /// The planner's hand edits that a floor laid out anew could not keep, in words, oldest first:
  /// shown as warnings (status bar, info, report) until the planner dismisses them.
  QStringList droppedEdits;

  /// South-west corner of a rack on the site.
  double rackXM(const Rack& rack) const {
    const Row& row = rows[static_cast<std::size_t>(rack.row)];
    return halls[static_cast<std::size_t>(row.hall)].xM + row.xM + rack.slot * hallTemplate.rackWidthM;
  }
  double rackYM(const Rack& rack) const {
    const Row& row = rows[static_cast<std::size_t>(rack.row)];
    return halls[static_cast<std::size_t>(row.hall)].yM + row.yM;
  }

  /// Equal when every building, hall, row and rack is, in the same order with the same ids.
  bool operator==(const SiteLayout&) const = default;
};

}  // namespace gigaplan
