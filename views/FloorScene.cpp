#include "FloorScene.h"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>

#include "document/LayoutCommands.h"
#include "document/ProjectDocument.h"
#include "layout/FloorPalette.h"
#include "layout/LayoutMetrics.h"
#include "layout/RackPicker.h"

namespace gigaplan::floorscene {

namespace {

constexpr double kRackHeightM = RackPicker::kRackHeightM;

/// One mesh of coloured boxes, built up and then handed to an actor.
struct BoxMesh {
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> quads;
  vtkNew<vtkUnsignedCharArray> colours;
  BoxMesh() { colours->SetNumberOfComponents(3); }

  /// An axis-aligned box as five quads (the floor hides its bottom) of one colour, each face
  /// shaded by its direction. The shading is baked into the colours and the actors draw
  /// unlit: per-pixel lighting is most of a frame's cost on a software renderer.
  void add(double x0, double y0, double z0, double x1, double y1, double z1, const QColor& colour) {
    const vtkIdType first = points->GetNumberOfPoints();
    const double corners[8][3] = {{x0, y0, z0}, {x1, y0, z0}, {x1, y1, z0}, {x0, y1, z0},
                                  {x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}};
    for (const auto& corner : corners) points->InsertNextPoint(corner);
    // Top, south, east, north, west; counter-clockwise seen from outside, for back-face culling.
    static const int faces[5][4] = {{4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
    static const double shade[5] = {1.0, 0.82, 0.68, 0.6, 0.74};
    for (int f = 0; f < 5; ++f) {
      const vtkIdType ids[4] = {first + faces[f][0], first + faces[f][1], first + faces[f][2], first + faces[f][3]};
      quads->InsertNextCell(4, ids);
      const unsigned char rgb[3] = {static_cast<unsigned char>(colour.red() * shade[f]),
                                    static_cast<unsigned char>(colour.green() * shade[f]),
                                    static_cast<unsigned char>(colour.blue() * shade[f])};
      colours->InsertNextTypedTuple(rgb);
    }
  }

  vtkSmartPointer<vtkActor> actor(vtkRenderer* renderer) const {
    vtkNew<vtkPolyData> mesh;
    mesh->SetPoints(points);
    mesh->SetPolys(quads);
    mesh->GetCellData()->SetScalars(colours);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(mesh);
    mapper->SetScalarModeToUseCellData();
    auto made = vtkSmartPointer<vtkActor>::New();
    made->SetMapper(mapper);
    made->GetProperty()->LightingOff();
    made->GetProperty()->BackfaceCullingOn();
    renderer->AddActor(made);
    return made;
  }
};

void hashInto(std::size_t& seed, double value) {
  seed ^= std::hash<double>{}(value) + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

QColor categorical(int index) {
  const PaletteColour c = categoryColour(index);
  return QColor(c.red, c.green, c.blue);
}

/// A perceptually ordered ramp (dark blue to yellow) for quantities; t from 0 to 1.
QColor ramp(double t) {
  static const QColor stops[] = {QColor(68, 1, 84), QColor(59, 82, 139), QColor(33, 145, 140), QColor(94, 201, 98),
                                 QColor(253, 231, 37)};
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 4.0;
  const int i = std::min(3, static_cast<int>(t));
  const double f = t - i;
  const QColor& a = stops[i];
  const QColor& b = stops[i + 1];
  return QColor::fromRgbF(static_cast<float>(a.redF() + f * (b.redF() - a.redF())),
                          static_cast<float>(a.greenF() + f * (b.greenF() - a.greenF())),
                          static_cast<float>(a.blueF() + f * (b.blueF() - a.blueF())));
}

const QColor kNeutral(150, 150, 155);
QColor qColour(PaletteColour c) {
  return QColor(c.red, c.green, c.blue);
}
// The areas under the racks (FloorPalette), as the report's plans show them too.
const QColor kBuildingColour = qColour(kBuildingAreaColour);
const QColor kHallFloor = qColour(kHallFloorColour);
const QColor kElectricalRoom = qColour(kElectricalRoomColour);
const QColor kHighlight(255, 215, 0);

QColor roleColour(RackRole role) {
  return qColour(rackRoleColour(role));
}

}  // namespace

Colouring colourRacks(FloorView::ColourBy colourBy, const ProjectDocument* document, int failureComponent) {
  using ColourBy = FloorView::ColourBy;
  Colouring colouring;
  colouring.title = FloorView::colourByName(colourBy);
  if (!document) return colouring;
  std::vector<FloorView::LegendEntry>& legend = colouring.legend;
  std::vector<QColor>& colours = colouring.colours;
  const SiteLayout& layout = document->project().layout;
  const HallTemplate& t = layout.hallTemplate;
  colours.assign(layout.racks.size(), kNeutral);
  auto fill = [&](auto colourOf) {
    for (std::size_t i = 0; i < layout.racks.size(); ++i) colours[i] = colourOf(layout.racks[i]);
  };
  auto rampLegend = [&](double maximum, const QString& unit) {
    for (int stop = 4; stop >= 0; --stop)
      legend.push_back({ramp(stop / 4.0), QStringLiteral("%1 %2").arg(maximum * stop / 4.0, 0, 'f', 1).arg(unit)});
  };
  switch (colourBy) {
    case ColourBy::Role: {
      fill([](const Rack& rack) { return roleColour(rack.role); });
      for (int role = 0; role < 5; ++role)
        legend.push_back({roleColour(static_cast<RackRole>(role)), rackRoleName(static_cast<RackRole>(role))});
      break;
    }
    case ColourBy::Power: {
      double maximum = 0;
      for (const Rack& rack : layout.racks) maximum = std::max(maximum, static_cast<double>(rack.powerKw));
      fill([&](const Rack& rack) { return ramp(maximum > 0 ? rack.powerKw / maximum : 0); });
      colouring.title += FloorView::tr(" at full load");
      rampLegend(maximum, QStringLiteral("kW"));
      break;
    }
    case ColourBy::Heat: {
      // The heat each row gives off over its floor: the racks' footprint and half of each aisle.
      std::vector<double> rowKw(layout.rows.size(), 0.0);
      for (const Rack& rack : layout.racks) rowKw[static_cast<std::size_t>(rack.row)] += rack.powerKw;
      std::vector<double> density(layout.rows.size(), 0.0);
      double maximum = 0;
      for (std::size_t r = 0; r < layout.rows.size(); ++r) {
        const double areaM2 =
            layout.rows[r].slotCount * t.rackWidthM * (t.rackDepthM + (t.coldAisleM + t.hotAisleM) / 2);
        density[r] = areaM2 > 0 ? rowKw[r] / areaM2 : 0;
        maximum = std::max(maximum, density[r]);
      }
      fill([&](const Rack& rack) {
        return ramp(maximum > 0 ? density[static_cast<std::size_t>(rack.row)] / maximum : 0);
      });
      colouring.title += FloorView::tr(" of each row's floor");
      rampLegend(maximum, QStringLiteral("kW/m²"));
      break;
    }
    case ColourBy::System: {
      fill([](const Rack& rack) { return rack.role == RackRole::Compute ? categorical(rack.system) : kNeutral; });
      for (int s = 0; s < layout.systemTypes.size(); ++s) legend.push_back({categorical(s), layout.systemTypes[s]});
      legend.push_back({kNeutral, FloorView::tr("network and CDU")});
      break;
    }
    case ColourBy::Phase: {
      int phases = 0;
      for (const Rack& rack : layout.racks) phases = std::max(phases, rack.phase + 1);
      fill([](const Rack& rack) { return categorical(rack.phase); });
      for (int p = 0; p < phases; ++p) legend.push_back({categorical(p), FloorView::tr("phase %1").arg(p + 1)});
      break;
    }
    case ColourBy::Tenant: {
      static const std::vector<Tenant> none;
      const std::vector<Tenant>& tenants = document ? document->project().tenants : none;
      fill([](const Rack& rack) { return rack.tenant == 0 ? kNeutral : categorical(rack.tenant - 1); });
      for (std::size_t t = 0; t < tenants.size(); ++t)
        legend.push_back({categorical(static_cast<int>(t)), tenants[t].name});
      legend.push_back({kNeutral, FloorView::tr("no tenant (shared or spare)")});
      break;
    }
    case ColourBy::CableClass: {
      // The class of each rack's longest fabric link: which media its cables need.
      static const char* classes[] = {"copper (DAC)",   "active copper (AEC)", "multimode optics",
                                      "single-mode DR", "single-mode FR",      "beyond reach"};
      static const QColor classColours[] = {QColor(60, 150, 60),  QColor(150, 200, 60), QColor(240, 200, 40),
                                            QColor(240, 130, 40), QColor(200, 60, 50),  QColor(120, 0, 120)};
      const ProjectResult& result = document->result();
      if (result.resolved && result.error.isEmpty()) {
        const std::vector<float> longest = gigaplan::longestLinkPerRack(document->project(), result);
        const auto& reach = result.evaluation.cabling.reachLimitM;
        for (std::size_t i = 0; i < layout.racks.size(); ++i) {
          if (longest[i] <= 0) continue;
          std::size_t c = 0;
          while (c < reach.size() && longest[i] > reach[c]) ++c;
          colours[i] = classColours[c];
        }
        for (int c = 0; c < 6; ++c) {
          const QString reachText =
              c < 5 ? FloorView::tr(" (≤ %1 m)").arg(reach[static_cast<std::size_t>(c)]) : QString();
          legend.push_back({classColours[c], FloorView::tr(classes[c]) + reachText});
        }
      }
      legend.push_back({kNeutral, FloorView::tr("no fabric links")});
      break;
    }
    case ColourBy::PowerPath:
    case ColourBy::CoolingLoop: {
      // Racks of one colour hang on the same UPS module, pair or pool (or the same CDU loop or
      // header): the colour is the group's number within its block (or hall).
      const std::shared_ptr<const SiteFailures>& failures = document->result().failures;
      if (!failures || !failures->domains.describes(layout)) break;  // stale until the edited floor's figures
      const FailureDomains& domains = failures->domains;
      const ComponentKind kind = colourBy == ColourBy::PowerPath ? ComponentKind::Ups : ComponentKind::Cdu;
      int number = 0, most = 0;
      int previousBlockRack = -1;
      for (const RedundancyGroup& group : domains.groups) {
        if (group.kind != kind || group.servedCount == 0) continue;
        // A new block (or hall) starts the numbering again: its first rack follows the last one's.
        const int first = domains.served(group).front();
        if (previousBlockRack < 0 ||
            layout.rows[static_cast<std::size_t>(layout.racks[static_cast<std::size_t>(first)].row)].hall !=
                layout.rows[static_cast<std::size_t>(layout.racks[static_cast<std::size_t>(previousBlockRack)].row)]
                    .hall)
          number = 0;
        previousBlockRack = first;
        const QColor colour = categorical(number);
        for (int rack : domains.served(group)) colours[static_cast<std::size_t>(rack)] = colour;
        if (kind == ComponentKind::Cdu)
          for (int u = 0; u < group.units; ++u) {
            const int cduRack = domains.components[static_cast<std::size_t>(group.firstComponent + u)].rack;
            if (cduRack >= 0) colours[static_cast<std::size_t>(cduRack)] = colour;
          }
        most = std::max(most, ++number);
      }
      const QString unit = kind == ComponentKind::Ups ? FloorView::tr("UPS module, pair or pool")
                                                      : FloorView::tr("CDU loop or shared header");
      for (int n = 0; n < std::min(most, 8); ++n)
        legend.push_back(
            {categorical(n), FloorView::tr("%1 %2 of its %3")
                                 .arg(unit)
                                 .arg(n + 1)
                                 .arg(kind == ComponentKind::Ups ? FloorView::tr("block") : FloorView::tr("hall"))});
      if (most > 8) legend.push_back({categorical(8), FloorView::tr("… %1 in the largest").arg(most)});
      legend.push_back(
          {kNeutral, kind == ComponentKind::Ups ? FloorView::tr("on no UPS") : FloorView::tr("not liquid-cooled")});
      break;
    }
    case ColourBy::Failure: {
      // One component's blast radius: what goes down with it, what slows, and what its
      // redundancy group carries without it.
      const std::shared_ptr<const SiteFailures>& failures = document->result().failures;
      const QColor down(200, 30, 40), slower(240, 150, 30), carried(240, 220, 90), itself(150, 40, 170),
          untouched(130, 140, 155);
      colours.assign(layout.racks.size(), untouched);
      if (failures && failures->domains.describes(layout) && failureComponent >= 0 &&
          failureComponent < static_cast<int>(failures->domains.components.size())) {
        const FailureDomains& domains = failures->domains;
        const Component& c = domains.components[static_cast<std::size_t>(failureComponent)];
        colouring.title = c.name;
        for (int rack : domains.served(domains.groups[static_cast<std::size_t>(c.group)]))
          colours[static_cast<std::size_t>(rack)] = carried;
        for (int rack : domains.racksDegraded(layout, failureComponent))
          colours[static_cast<std::size_t>(rack)] = slower;
        for (int rack : domains.racksDown(layout, failureComponent)) colours[static_cast<std::size_t>(rack)] = down;
        if (c.rack >= 0) colours[static_cast<std::size_t>(c.rack)] = itself;
      }
      legend.push_back({down, FloorView::tr("down: no power, cooling or fabric")});
      legend.push_back({slower, FloorView::tr("slower: less fabric bandwidth")});
      legend.push_back({carried, FloorView::tr("served by its group, carried by the others")});
      legend.push_back({itself, FloorView::tr("the failed unit's own rack")});
      legend.push_back({untouched, FloorView::tr("not reached")});
      break;
    }
  }
  // Every colour on screen is explained: the plant in the electrical rooms and the areas under the racks too.
  if (document->result().failures && document->result().failures->domains.describes(layout))
    for (const ComponentKind kind :
         {ComponentKind::Switchgear, ComponentKind::Transformer, ComponentKind::Ups, ComponentKind::HeatRejection})
      legend.push_back({plantColour(kind), componentKindName(kind)});
  legend.push_back({kHallFloor, FloorView::tr("hall floor")});
  legend.push_back({kElectricalRoom, FloorView::tr("electrical room")});
  legend.push_back({kBuildingColour, FloorView::tr("building")});
  return colouring;
}

std::size_t hallSignature(const SiteLayout& layout, const Hall& hall, const std::vector<int>& racks,
                          const std::vector<QColor>& colours) {
  const HallTemplate& t = layout.hallTemplate;
  std::size_t signature = 0;
  for (double v : {hall.xM, hall.yM, hall.widthM, hall.depthM, t.rackWidthM, t.rackDepthM}) hashInto(signature, v);
  for (int i : racks) {
    const Rack& rack = layout.racks[static_cast<std::size_t>(i)];
    const Row& row = layout.rows[static_cast<std::size_t>(rack.row)];
    for (double v :
         {double(rack.row), double(rack.slot), row.xM, row.yM, double(colours[static_cast<std::size_t>(i)].rgb())})
      hashInto(signature, v);
  }
  return signature;
}

vtkSmartPointer<vtkActor> rowBoxes(vtkRenderer* renderer, const SiteLayout& layout, const Hall& hall,
                                   const std::vector<int>& racks, const std::vector<QColor>& colours) {
  const HallTemplate& t = layout.hallTemplate;
  struct Extent {
    int first = INT32_MAX, last = -1;
    double r = 0, g = 0, b = 0;
    int count = 0;
  };
  std::map<int, Extent> rows;
  for (int i : racks) {
    const Rack& rack = layout.racks[static_cast<std::size_t>(i)];
    Extent& e = rows[rack.row];
    e.first = std::min(e.first, rack.slot);
    e.last = std::max(e.last, rack.slot);
    const QColor& c = colours[static_cast<std::size_t>(i)];
    e.r += c.redF(), e.g += c.greenF(), e.b += c.blueF(), ++e.count;
  }
  BoxMesh mesh;
  for (const auto& [r, e] : rows) {
    const Row& row = layout.rows[static_cast<std::size_t>(r)];
    const double x = hall.xM + row.xM, y = hall.yM + row.yM;
    mesh.add(x + e.first * t.rackWidthM, y, 0.0, x + (e.last + 1) * t.rackWidthM, y + t.rackDepthM, kRackHeightM,
             QColor::fromRgbF(static_cast<float>(e.r / e.count), static_cast<float>(e.g / e.count),
                              static_cast<float>(e.b / e.count)));
  }
  return mesh.actor(renderer);
}

vtkSmartPointer<vtkActor> rackBoxes(vtkRenderer* renderer, const SiteLayout& layout, const std::vector<int>& racks,
                                    const std::vector<QColor>& colours) {
  const HallTemplate& t = layout.hallTemplate;
  BoxMesh mesh;
  for (int i : racks) {
    const Rack& rack = layout.racks[static_cast<std::size_t>(i)];
    const double x = layout.rackXM(rack), y = layout.rackYM(rack);
    // A hair narrower than the slot, so neighbouring racks read as separate boxes.
    mesh.add(x + 0.02, y, 0.0, x + t.rackWidthM - 0.02, y + t.rackDepthM, kRackHeightM,
             colours[static_cast<std::size_t>(i)]);
  }
  return mesh.actor(renderer);
}

vtkSmartPointer<vtkActor> floorSlabs(vtkRenderer* renderer, const SiteLayout& layout,
                                     const std::vector<std::vector<int>>& racksByHall, int shownPhase) {
  std::vector<bool> hallBuilt(layout.halls.size(), shownPhase < 0);
  std::vector<bool> buildingBuilt(layout.buildings.size(), shownPhase < 0);
  std::vector<bool> hallHasRacks(layout.halls.size(), false);
  for (const Rack& rack : layout.racks)
    hallHasRacks[static_cast<std::size_t>(layout.rows[static_cast<std::size_t>(rack.row)].hall)] = true;
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    if (!racksByHall[h].empty() || !hallHasRacks[h]) hallBuilt[h] = true;
    if (hallBuilt[h]) buildingBuilt[static_cast<std::size_t>(layout.halls[h].building)] = true;
  }
  BoxMesh floors;
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    if (!buildingBuilt[b]) continue;
    const Building& building = layout.buildings[b];
    floors.add(building.xM - 2, building.yM - 2, -0.25, building.xM + building.widthM + 2,
               building.yM + building.depthM + 2, -0.1, kBuildingColour);
  }
  const LayoutMetrics metrics = LayoutMetrics::measure(layout);
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    if (!hallBuilt[h]) continue;
    const Hall& hall = layout.halls[h];
    floors.add(hall.xM, hall.yM, -0.1, hall.xM + hall.widthM, hall.yM + hall.depthM, 0.0, kHallFloor);
    const HallMetrics& m = metrics.halls[h];
    floors.add(m.electricalRoomXM, m.electricalRoomYM, -0.1, m.electricalRoomXM + m.electricalRoomWidthM,
               m.electricalRoomYM + m.electricalRoomDepthM, 0.0, kElectricalRoom);
  }
  return floors.actor(renderer);
}

QColor plantColour(ComponentKind kind) {
  switch (kind) {
    case ComponentKind::Switchgear:
      return QColor(95, 95, 120);
    case ComponentKind::Transformer:
      return QColor(150, 140, 70);
    case ComponentKind::Ups:
      return QColor(60, 115, 170);
    default:
      return QColor(70, 160, 165);  // heat rejection
  }
}

std::vector<PlantBox> plantBoxes(const SiteLayout& layout, const SiteFailures* failures, int failureComponent,
                                 const std::vector<std::vector<int>>& racksByHall, int shownPhase) {
  std::vector<PlantBox> boxes;
  if (!failures || !failures->domains.describes(layout)) return boxes;  // stale until the edited floor's figures
  const FailureDomains& domains = failures->domains;
  static constexpr ComponentKind kinds[] = {ComponentKind::Switchgear, ComponentKind::Transformer, ComponentKind::Ups,
                                            ComponentKind::HeatRejection};
  // Each block's units by kind, in the room of the hall its first served rack stands in.
  std::vector<std::array<std::vector<int>, 4>> unitsByHall(layout.halls.size());
  for (const RedundancyGroup& group : domains.groups) {
    const auto kind = std::find(std::begin(kinds), std::end(kinds), group.kind);
    if (kind == std::end(kinds) || group.servedCount == 0) continue;
    const int rack = domains.served(group).front();
    const auto hall = static_cast<std::size_t>(
        layout.rows[static_cast<std::size_t>(layout.racks[static_cast<std::size_t>(rack)].row)].hall);
    for (int u = 0; u < group.units; ++u)
      unitsByHall[hall][static_cast<std::size_t>(kind - std::begin(kinds))].push_back(group.firstComponent + u);
  }
  const int chosenGroup = failureComponent >= 0 && failureComponent < static_cast<int>(domains.components.size())
                              ? domains.components[static_cast<std::size_t>(failureComponent)].group
                              : -1;
  const LayoutMetrics metrics = LayoutMetrics::measure(layout);
  static const double heights[4] = {2.2, 2.6, 2.0, 2.8};
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    if (shownPhase >= 0 && h < racksByHall.size() && racksByHall[h].empty()) continue;
    const HallMetrics& room = metrics.halls[h];
    const double laneDepth = room.electricalRoomDepthM / 4.0;
    for (std::size_t k = 0; k < 4; ++k) {
      const std::vector<int>& units = unitsByHall[h][k];
      if (units.empty()) continue;
      const double pitch = (room.electricalRoomWidthM - 2.0) / static_cast<double>(units.size());
      const double width = std::min(2.4, pitch * 0.8);
      const double y0 = room.electricalRoomYM + laneDepth * static_cast<double>(k) + laneDepth * 0.15;
      for (std::size_t u = 0; u < units.size(); ++u) {
        PlantBox box;
        box.component = units[u];
        const double x0 = room.electricalRoomXM + 1.0 + pitch * static_cast<double>(u) + (pitch - width) / 2;
        const double bounds[6] = {x0, x0 + width, y0, y0 + laneDepth * 0.7, 0.0, heights[k]};
        std::copy(std::begin(bounds), std::end(bounds), box.bounds);
        box.colour = plantColour(kinds[k]);
        if (box.component == failureComponent)
          box.colour = QColor(200, 30, 40);
        else if (chosenGroup >= 0 && domains.components[static_cast<std::size_t>(box.component)].group == chosenGroup)
          box.colour = QColor(240, 220, 90);
        boxes.push_back(box);
      }
    }
  }
  return boxes;
}

vtkSmartPointer<vtkActor> plantActor(vtkRenderer* renderer, const std::vector<PlantBox>& boxes) {
  BoxMesh mesh;
  for (const PlantBox& box : boxes)
    mesh.add(box.bounds[0], box.bounds[2], box.bounds[4], box.bounds[1], box.bounds[3], box.bounds[5], box.colour);
  return mesh.actor(renderer);
}

std::vector<FloorName> floorNames(const SiteLayout& layout, const std::vector<std::vector<int>>& racksByHall,
                                  int shownPhase) {
  std::vector<FloorName> names;
  std::vector<bool> buildingShown(layout.buildings.size(), false);
  std::vector<FloorName> halls;
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    // As the floors: with a phase shown, halls not built yet are not named.
    if (shownPhase >= 0 && h < racksByHall.size() && racksByHall[h].empty()) continue;
    const Hall& hall = layout.halls[h];
    buildingShown[static_cast<std::size_t>(hall.building)] = true;
    halls.push_back({hall.name, hall.xM + hall.widthM / 2, hall.yM + hall.depthM / 2});
  }
  // Buildings first, at their south edge: where names would overlap, a building's is kept.
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    if (!buildingShown[b]) continue;
    const Building& building = layout.buildings[b];
    names.push_back({building.name, building.xM + building.widthM / 2, building.yM - 8.0});
  }
  names.insert(names.end(), halls.begin(), halls.end());
  return names;
}

vtkSmartPointer<vtkActor> selectionOutline(vtkRenderer* renderer, const SiteLayout& layout,
                                           const LayoutSelection& selection) {
  const HallTemplate& t = layout.hallTemplate;
  BoxMesh outline;
  const double margin = 0.08;
  switch (selection.level) {
    case LayoutSelection::Level::None:
      return nullptr;
    case LayoutSelection::Level::Racks:
      for (std::uint32_t id : selection.rackIds) {
        const int i = LayoutCommands::rackIndex(layout, id);
        if (i < 0) continue;
        const Rack& rack = layout.racks[static_cast<std::size_t>(i)];
        const double x = layout.rackXM(rack), y = layout.rackYM(rack);
        outline.add(x - margin, y - margin, 0.0, x + t.rackWidthM + margin, y + t.rackDepthM + margin,
                    kRackHeightM + margin, kHighlight);
      }
      break;
    case LayoutSelection::Level::Row: {
      const Row& row = layout.rows[static_cast<std::size_t>(selection.index)];
      const Hall& hall = layout.halls[static_cast<std::size_t>(row.hall)];
      const double x = hall.xM + row.xM, y = hall.yM + row.yM;
      outline.add(x - margin, y - margin, 0.0, x + row.slotCount * t.rackWidthM + margin, y + t.rackDepthM + margin,
                  kRackHeightM + margin, kHighlight);
      break;
    }
    case LayoutSelection::Level::Hall: {
      const Hall& hall = layout.halls[static_cast<std::size_t>(selection.index)];
      outline.add(hall.xM, hall.yM, 0.0, hall.xM + hall.widthM, hall.yM + hall.depthM, kRackHeightM + 0.5, kHighlight);
      break;
    }
    case LayoutSelection::Level::Building: {
      const Building& b = layout.buildings[static_cast<std::size_t>(selection.index)];
      outline.add(b.xM - 2, b.yM - 2, 0.0, b.xM + b.widthM + 2, b.yM + b.depthM + 2, kRackHeightM + 1.0, kHighlight);
      break;
    }
  }
  vtkSmartPointer<vtkActor> highlight = outline.actor(renderer);
  highlight->GetProperty()->SetRepresentationToWireframe();
  highlight->GetProperty()->SetLineWidth(3.0);
  highlight->GetProperty()->BackfaceCullingOff();
  return highlight;
}

vtkSmartPointer<vtkActor> linkLines(vtkRenderer* renderer, const SiteLayout& layout, int rack,
                                    const std::vector<RackLink>& links) {
  const HallTemplate& t = layout.hallTemplate;
  const Rack& from = layout.racks[static_cast<std::size_t>(rack)];
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> lines;
  vtkNew<vtkUnsignedCharArray> colours;
  colours->SetNumberOfComponents(3);
  const double z = kRackHeightM + 0.6;
  points->InsertNextPoint(layout.rackXM(from) + t.rackWidthM / 2, layout.rackYM(from) + t.rackDepthM / 2, z);
  static const QColor tierColours[4] = {QColor(255, 140, 0), QColor(220, 30, 30), QColor(150, 40, 200),
                                        QColor(20, 20, 20)};
  for (const RackLink& link : links) {
    const Rack& to = layout.racks[static_cast<std::size_t>(link.rack)];
    const vtkIdType end =
        points->InsertNextPoint(layout.rackXM(to) + t.rackWidthM / 2, layout.rackYM(to) + t.rackDepthM / 2, z);
    const vtkIdType ids[2] = {0, end};
    lines->InsertNextCell(2, ids);
    const QColor& c = tierColours[link.tier];
    const unsigned char rgb[3] = {static_cast<unsigned char>(c.red()), static_cast<unsigned char>(c.green()),
                                  static_cast<unsigned char>(c.blue())};
    colours->InsertNextTypedTuple(rgb);
  }
  vtkNew<vtkPolyData> mesh;
  mesh->SetPoints(points);
  mesh->SetLines(lines);
  mesh->GetCellData()->SetScalars(colours);
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputData(mesh);
  mapper->SetScalarModeToUseCellData();
  auto made = vtkSmartPointer<vtkActor>::New();
  made->SetMapper(mapper);
  made->GetProperty()->SetLineWidth(2.0);
  made->GetProperty()->LightingOff();
  renderer->AddActor(made);
  return made;
}

}  // namespace gigaplan::floorscene
