#pragma once

#include <QString>
#include <QStringList>
#include <bitset>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "engine/InputSchema.h"
#include "layout/SiteLayout.h"

namespace gigaplan {

/// What a component of the site is: a level of the power path, of the cooling path, or of the fabric.
enum class ComponentKind : std::uint8_t {
  UtilityFeed,
  Switchgear,
  Transformer,
  Ups,
  Busway,
  HeatRejection,
  WaterLoop,
  Cdu,
  LeafSwitch,
  SpineSwitch,
  CoreSwitch,
  Plane,
};
inline constexpr int kComponentKinds = 12;

/// "utility feed", "UPS module", ... as a planner calls it.
QString componentKindName(ComponentKind kind);
/// Whether the kind is on the power path (feed to busway), the cooling path or the fabric.
enum class ComponentPath : std::uint8_t { Power, Cooling, Fabric };
ComponentPath pathOf(ComponentKind kind);
/// The input that sets a level's redundancy (electrical.redundancy for transformers and UPS, ...);
/// none for switches and planes, which stand each alone.
std::optional<InputId> schemeInput(ComponentKind kind);
/// The inputs that give a kind's failure rate and its repair time.
std::pair<InputId, InputId> failureRateInputs(ComponentKind kind);

/// What one failure takes away.
struct Impact {
  double racksDown = 0.0;     ///< racks without power or cooling
  double gpusDown = 0.0;      ///< GPUs that stop: no power, no cooling, or no fabric at all
  double gpusDegraded = 0.0;  ///< GPUs that keep running with less fabric bandwidth
  /// GPUs down plus the degraded ones weighted by the share of bandwidth they lose: what the
  /// failure costs in GPU-hours per hour.
  double gpuEquivalent = 0.0;
  double mwLost = 0.0;  ///< power of the racks down
};

/// Units that back each other up. `units` of them serve the same racks, which need `needed` of
/// them: more than units - needed down at once, and the racks lose their share of the load.
/// Without redundancy a group is one unit that needs itself.
struct RedundancyGroup {
  ComponentKind kind = ComponentKind::UtilityFeed;
  int units = 1;
  int needed = 1;
  double failuresPerYear = 0.0;  ///< of each unit
  double repairHours = 0.0;
  double unitRating = 0.0;        ///< MVA of a transformer or feed, MW of a UPS module or heat-rejection unit
  Impact allDown;                 ///< the racks it serves, all down (with what that takes down of the fabric)
  int firstComponent = 0;         ///< its units are components [first, first + units)
  std::uint32_t firstServed = 0;  ///< the racks it serves: FailureDomains::servedRacks
  std::uint32_t servedCount = 0;
  /// Units that may fail without any rack losing power or cooling.
  int tolerance() const { return units - needed; }
};

/// Where the GPUs that lose bandwidth are: the racks of a row, of a hall, or of a whole fabric.
enum class DegradedScope : std::uint8_t { None, Row, Hall, Fabric };

/// One component of the site and what goes down with it alone (N-1).
struct Component {
  ComponentKind kind = ComponentKind::UtilityFeed;
  QString name;   ///< "B1-H2 UPS 3", "B1-H2/5 busway A", "B1-H2/5 leaf 4 (plane 2)"
  int group = 0;  ///< its RedundancyGroup
  int rack = -1;  ///< the rack that holds it (switches, CDUs), else -1
  Impact impact;  ///< when it alone fails
  DegradedScope degradedScope = DegradedScope::None;
  int degradedIndex = -1;       ///< the row, hall or fabric whose GPUs lose bandwidth
  std::bitset<256> tenantsHit;  ///< Rack::tenant values of the racks it reaches (0: no tenant)
  double gpuHoursLost(double repairHours) const { return impact.gpuEquivalent * repairHours; }
};

/// The site as the failure analysis sees it: the floor, and for each fabric (a phased site has
/// one per group of systems) its inputs and figures.
struct FailureModelInputs {
  const SiteLayout* layout = nullptr;
  std::vector<int> fabricOfBuilding;  ///< the fabric each building's racks are on; -1 for none
  /// By Rack::tenant: a fabric of the tenant's own (isolation by own plane) its racks are on
  /// wherever they stand, or -1 (empty: none has one).
  std::vector<int> fabricOfTenant;
  std::vector<InputValues> fabricInputs;  ///< each fabric's inputs: redundancy, units, failure rates
  std::vector<double> fabricPlanes;       ///< fabric planes (network.planes)
  std::vector<double> fabricTiers;        ///< switch tiers of each plane (network.tiers)
  std::vector<double> fabricPue;          ///< each fabric's PUE, for its blocks' facility load
  std::vector<double> fabricLiquidShare;  ///< share of its IT heat the liquid loops carry
  std::vector<QString> fabricNames;       ///< "fabric of hgx-h100-liquid (phase 1)"
  QStringList systemTypes;                ///< as SiteLayout::systemTypes
  std::vector<double> gpusPerNode;        ///< per system type
  InputValues siteInputs{};               ///< the site's: utility feeds
};

/// Every component of the site's power path, cooling path and fabric, grouped by the units that
/// back each other up, each with its blast radius when it fails alone.
///
/// Power and cooling are laid out per electrical block (electrical.hallsPerBlock halls of one
/// building): MV switchgear, transformers, UPS modules and heat-rejection units sized for the
/// block's load with the redundancy of their level, one busway per row (two for 2N), one facility
/// water loop per block (two for 2N), the floor's CDUs per hall; utility feeds for the whole
/// site. Units without redundancy each serve a contiguous share of the rows (or blocks); 2N pairs
/// each serve a share; N+1 and 4N/3 groups serve all of their level's racks together; a catcher's
/// groups of up to four active units and a reserve each serve their actives' share. The fabric:
/// every leaf switch (its row's GPUs on its plane), spine switch (its hall's GPUs, or the fabric's
/// in two tiers), core rack and plane. A rack down also takes its switches down.
struct FailureDomains {
  std::vector<Component> components;
  std::vector<RedundancyGroup> groups;
  std::vector<int> servedRacks;  ///< flat lists, one range per group
  std::vector<int> rackFabric;   ///< the fabric of each rack of the floor; -1 for none
  double siteGpus = 0.0;
  double siteItMw = 0.0;
  int blocks = 0;

  static FailureDomains analyze(const FailureModelInputs& inputs);
  /// Whether the analysis is of this floor (its racks by id, row and role, in order): an edit
  /// makes it stale until the figures of the edited floor replace it.
  bool describes(const SiteLayout& layout) const { return layoutSignature == signatureOf(layout); }
  static std::size_t signatureOf(const SiteLayout& layout);
  std::size_t layoutSignature = 0;

  /// The racks a component's failure reaches: those it takes down (power or cooling), then those
  /// whose GPUs lose bandwidth.
  std::vector<int> racksDown(const SiteLayout& layout, int component) const;
  std::vector<int> racksDegraded(const SiteLayout& layout, int component) const;
  std::span<const int> served(const RedundancyGroup& group) const {
    return {servedRacks.data() + group.firstServed, group.servedCount};
  }
  /// Components by blast radius, the worst first (GPU-equivalents lost, then MW, then GPUs degraded).
  std::vector<int> worstFirst() const;
  /// Units of each kind, for the bill of materials.
  std::array<int, kComponentKinds> unitsByKind() const;
};

}  // namespace gigaplan
