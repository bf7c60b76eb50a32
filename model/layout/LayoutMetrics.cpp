#include "layout/LayoutMetrics.h"

#include <algorithm>

namespace gigaplan {

double LayoutMetrics::floorLoadKgM2(const SiteLayout& layout, const Rack& rack) {
  const HallTemplate& t = layout.hallTemplate;
  const double areaM2 = t.rackWidthM * (t.rackDepthM + (t.coldAisleM + t.hotAisleM) / 2.0);
  return rack.massKg / areaM2;
}

LayoutMetrics LayoutMetrics::measure(const SiteLayout& layout) {
  LayoutMetrics metrics;
  metrics.halls.resize(layout.halls.size());
  metrics.rows.resize(layout.rows.size());
  for (const Rack& rack : layout.racks) {
    const Row& row = layout.rows[static_cast<std::size_t>(rack.row)];
    HallMetrics& hall = metrics.halls[static_cast<std::size_t>(row.hall)];
    RowMetrics& rowMetrics = metrics.rows[static_cast<std::size_t>(rack.row)];
    // CDU pumps are cooling plant, not IT load.
    if (rack.role != RackRole::Cdu) {
      hall.itKw += rack.powerKw;
      rowMetrics.kw += rack.powerKw;
    }
    ++rowMetrics.racks;
    switch (rack.role) {
      case RackRole::Compute:
        ++hall.computeRacks;
        break;
      case RackRole::Cdu:
        ++hall.cdus;
        break;
      default:
        ++hall.networkRacks;
        break;
    }
    const double load = floorLoadKgM2(layout, rack);
    hall.maxFloorLoadKgM2 = std::max(hall.maxFloorLoadKgM2, load);
    const double limit = layout.halls[static_cast<std::size_t>(row.hall)].floorLoadLimitKgM2;
    if (load > limit)
      metrics.findings.push_back(
          {LayoutFinding::Kind::FloorLoad, QStringLiteral("rack %1").arg(rack.id),
           QStringLiteral("%1 kg/m2 on a floor rated %2 kg/m2").arg(load, 0, 'f', 0).arg(limit, 0, 'f', 0)});
  }
  for (RowMetrics& row : metrics.rows) row.kwPerRack = row.racks > 0 ? row.kw / row.racks : 0.0;

  double minX = 0, minY = 0, maxX = 0, maxY = 0;
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    const Building& building = layout.buildings[b];
    metrics.buildingFloorM2 += building.widthM * building.depthM;
    if (b == 0) {
      minX = building.xM;
      minY = building.yM;
      maxX = building.xM + building.widthM;
      maxY = building.yM + building.depthM;
    }
    minX = std::min(minX, building.xM);
    minY = std::min(minY, building.yM);
    maxX = std::max(maxX, building.xM + building.widthM);
    maxY = std::max(maxY, building.yM + building.depthM);
  }
  metrics.siteAreaM2 = (maxX - minX) * (maxY - minY);

  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    const Hall& hall = layout.halls[h];
    HallMetrics& m = metrics.halls[h];
    m.floorAreaM2 = hall.widthM * hall.depthM;
    m.electricalRoomXM = hall.xM;
    m.electricalRoomYM = hall.yM + hall.depthM;
    m.electricalRoomWidthM = hall.widthM;
    m.electricalRoomDepthM = layout.hallTemplate.electricalRoomDepthM;
    m.kwPerComputeRack = m.computeRacks > 0 ? m.itKw / m.computeRacks : 0.0;
    m.kwPerM2 = m.floorAreaM2 > 0 ? m.itKw / m.floorAreaM2 : 0.0;
    metrics.hallFloorM2 += m.floorAreaM2;
    metrics.itKw += m.itKw;
    metrics.computeRacks += m.computeRacks;
    metrics.networkRacks += m.networkRacks;
    metrics.cdus += m.cdus;
    metrics.maxFloorLoadKgM2 = std::max(metrics.maxFloorLoadKgM2, m.maxFloorLoadKgM2);
    const QString name = QStringLiteral("hall %1").arg(hall.name);
    if (m.itKw > hall.powerLimitMw * 1e3)
      metrics.findings.push_back({LayoutFinding::Kind::HallPower, name,
                                  QStringLiteral("%1 MW of racks on a %2 MW feed")
                                      .arg(m.itKw / 1e3, 0, 'f', 2)
                                      .arg(hall.powerLimitMw, 0, 'f', 2)});
    if (m.itKw > hall.coolingLimitMw * 1e3)
      metrics.findings.push_back({LayoutFinding::Kind::HallCooling, name,
                                  QStringLiteral("%1 MW of heat for %2 MW of cooling")
                                      .arg(m.itKw / 1e3, 0, 'f', 2)
                                      .arg(hall.coolingLimitMw, 0, 'f', 2)});
  }
  return metrics;
}

}  // namespace gigaplan
