#include "report/ReportFloorPlan.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTransform>
#include <algorithm>
#include <limits>
#include <map>
#include <utility>

#include "layout/FloorPalette.h"
#include "report/ReportStyle.h"

namespace gigaplan::report {

namespace {

/// A scale bar length in metres that is a round number and about `targetPt` long on the page.
double scaleBarMetres(double pointsPerMetre, double targetPt) {
  double best = 1.0;
  for (double metres : {1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 5000.0}) {
    if (metres * pointsPerMetre <= targetPt) best = metres;
  }
  return best;
}

}  // namespace

FloorPlanScope floorPlanScope(const SiteLayout& layout, const LayoutMetrics& metrics, int shown, bool lastPhase) {
  FloorPlanScope scope;
  scope.hallPhase.assign(layout.halls.size(), std::numeric_limits<int>::max());
  for (const Rack& rack : layout.racks) {
    const auto hall = static_cast<std::size_t>(layout.rows[static_cast<std::size_t>(rack.row)].hall);
    scope.hallPhase[hall] = std::min(scope.hallPhase[hall], static_cast<int>(rack.phase));
  }
  scope.halls.assign(layout.halls.size(), false);
  scope.buildings.assign(layout.buildings.size(), false);
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    const bool empty = scope.hallPhase[h] == std::numeric_limits<int>::max();
    if (!(scope.hallPhase[h] <= shown || (empty && lastPhase))) continue;
    scope.halls[h] = true;
    const Hall& hall = layout.halls[h];
    scope.buildings[static_cast<std::size_t>(hall.building)] = true;
    const double roomDepth = h < metrics.halls.size() ? metrics.halls[h].electricalRoomDepthM : 0.0;
    scope.extentM |= QRectF(hall.xM, hall.yM, hall.widthM, hall.depthM + roomDepth);
  }
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    const Building& building = layout.buildings[b];
    if (scope.buildings[b]) scope.extentM |= QRectF(building.xM, building.yM, building.widthM, building.depthM);
  }
  return scope;
}

void paintFloorPlan(QPainter& painter, const QRectF& rect, const SiteLayout& layout, const LayoutMetrics& metrics,
                    const FloorPlanScope& scope, int shown, const QStringList& phaseNames) {
  const QRectF& extent = scope.extentM;
  if (extent.isEmpty()) {
    painter.setFont(reportFont(8));
    painter.setPen(kMuted);
    painter.drawText(rect, Qt::AlignCenter, QStringLiteral("No halls on the floor at this phase."));
    return;
  }
  const QRectF area = rect.adjusted(0, kPlanTopPt, 0, -kPlanLegendPt);
  const double scale = std::min(area.width() / extent.width(), area.height() / extent.height());
  const double left = area.left() + (area.width() - extent.width() * scale) / 2;
  // Site metres (y north) to page points (y down).
  const QTransform toPage(scale, 0, 0, -scale, left - extent.left() * scale, area.top() + extent.bottom() * scale);

  // Electrical rooms, then buildings and halls as outlines.
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(kElectricalRoomColour.red, kElectricalRoomColour.green, kElectricalRoomColour.blue));
  for (std::size_t h = 0; h < layout.halls.size() && h < metrics.halls.size(); ++h) {
    if (!scope.halls[h]) continue;
    const HallMetrics& m = metrics.halls[h];
    painter.drawRect(
        toPage.mapRect(QRectF(m.electricalRoomXM, m.electricalRoomYM, m.electricalRoomWidthM, m.electricalRoomDepthM)));
  }
  painter.setBrush(Qt::NoBrush);
  painter.setPen(QPen(kText, 0.8));
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    if (!scope.buildings[b]) continue;
    const Building& building = layout.buildings[b];
    painter.drawRect(toPage.mapRect(QRectF(building.xM, building.yM, building.widthM, building.depthM)));
  }
  painter.setPen(QPen(kMuted, 0.35));
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    if (!scope.halls[h]) continue;
    const Hall& hall = layout.halls[h];
    painter.drawRect(toPage.mapRect(QRectF(hall.xM, hall.yM, hall.widthM, hall.depthM)));
  }

  // Racks: one batch of rectangles per colour keeps the PDF small.
  const double rackWidth = layout.hallTemplate.rackWidthM;
  const double rackDepth = layout.hallTemplate.rackDepthM;
  std::map<std::pair<int, int>, QVector<QRectF>> batches;  // (phase, shade) -> racks
  for (const Rack& rack : layout.racks) {
    if (rack.phase > shown) continue;
    const int shade = rack.role == RackRole::Compute ? 0 : rack.role == RackRole::Cdu ? 2 : 1;
    batches[{rack.phase, shade}].push_back(
        toPage.mapRect(QRectF(layout.rackXM(rack), layout.rackYM(rack), rackWidth, rackDepth)));
  }
  // Where a rack is wide enough to see on paper, a hairline between neighbours shows each one.
  painter.setPen(rackWidth * scale > 1.5 ? QPen(Qt::white, 0.25) : QPen(Qt::NoPen));
  for (const auto& [key, racks] : batches) {
    const QColor colour = phaseColour(key.first);
    painter.setBrush(key.second == 0 ? colour : key.second == 1 ? colour.darker(190) : colour.lighter(150));
    painter.drawRects(racks.constData(), static_cast<int>(racks.size()));
  }
  painter.setBrush(Qt::NoBrush);

  // Names where they fit: a hall's in its electrical room, a building's above its outline.
  const QFont labelFont = reportFont(5.5);
  const QFontMetricsF labelMetrics(labelFont, painter.device());
  painter.setFont(labelFont);
  painter.setPen(kText);
  for (std::size_t h = 0; h < layout.halls.size() && h < metrics.halls.size(); ++h) {
    if (!scope.halls[h]) continue;
    const HallMetrics& m = metrics.halls[h];
    const QRectF room =
        toPage.mapRect(QRectF(m.electricalRoomXM, m.electricalRoomYM, m.electricalRoomWidthM, m.electricalRoomDepthM));
    if (room.height() >= 7 && labelMetrics.horizontalAdvance(layout.halls[h].name) + 4 <= room.width())
      painter.drawText(room, Qt::AlignCenter, layout.halls[h].name);
  }
  for (std::size_t b = 0; b < layout.buildings.size(); ++b) {
    if (!scope.buildings[b]) continue;
    const Building& building = layout.buildings[b];
    const QRectF outline = toPage.mapRect(QRectF(building.xM, building.yM, building.widthM, building.depthM));
    if (labelMetrics.horizontalAdvance(building.name) > outline.width()) continue;
    painter.drawText(QRectF(outline.left(), outline.top() - 8, outline.width(), 7.5), Qt::AlignLeft | Qt::AlignBottom,
                     building.name);
  }

  // Legend (phases, wrapped), then what the shades mean; scale bar and north at the right.
  const QFont legendFont = reportFont(6.5);
  const QFontMetricsF legendMetrics(legendFont, painter.device());
  painter.setFont(legendFont);
  const double legendRight = rect.right() - 150;
  double x = rect.left();
  double y = rect.bottom() - kPlanLegendPt + 12;
  for (int p = 0; p <= shown && p < phaseNames.size(); ++p) {
    const QString name = legendMetrics.elidedText(phaseNames[p], Qt::ElideRight, legendRight - rect.left() - 16);
    const double width = 13 + legendMetrics.horizontalAdvance(name) + 12;
    if (x > rect.left() && x + width > legendRight) {
      x = rect.left();
      y += 10;
    }
    if (y > rect.bottom() - 12) break;  // more phases than the legend holds; the colours repeat anyway
    painter.setPen(Qt::NoPen);
    painter.setBrush(phaseColour(p));
    painter.drawRect(QRectF(x, y - 3, 10, 6));
    painter.setBrush(Qt::NoBrush);
    painter.setPen(kText);
    painter.drawText(QRectF(x + 13, y - 5, width, 10), Qt::AlignLeft | Qt::AlignVCenter, name);
    x += width;
  }
  painter.setPen(kMuted);
  painter.drawText(QRectF(rect.left(), rect.bottom() - 10, legendRight - rect.left(), 10),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("Compute racks in the phase colour; network racks darker, CDUs lighter; electrical "
                                  "rooms sandstone, as on the 3D floor."));

  const double baseY = rect.bottom() - kPlanLegendPt + 12;
  const double metres = scaleBarMetres(scale, 100.0);
  const double barLength = metres * scale;
  const double barLeft = rect.right() - barLength - 34;
  painter.setPen(QPen(kText, 0.6));
  for (int i = 0; i < 4; ++i) {
    painter.setBrush(i % 2 == 0 ? kText : Qt::white);
    painter.drawRect(QRectF(barLeft + barLength / 4 * i, baseY - 2, barLength / 4, 4));
  }
  painter.setBrush(Qt::NoBrush);
  painter.setPen(kText);
  painter.drawText(QRectF(barLeft - 20, baseY + 3, 40, 10), Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("0"));
  painter.drawText(QRectF(barLeft + barLength - 30, baseY + 3, 60, 10), Qt::AlignHCenter | Qt::AlignTop,
                   QLocale(QLocale::English).toString(metres, 'f', 0) + QStringLiteral(" m"));

  const QPointF tip(rect.right() - 10, baseY - 8);
  QPainterPath arrow;
  arrow.moveTo(tip);
  arrow.lineTo(tip + QPointF(4.5, 15));
  arrow.lineTo(tip + QPointF(0, 11));
  arrow.lineTo(tip + QPointF(-4.5, 15));
  arrow.closeSubpath();
  painter.setPen(Qt::NoPen);
  painter.setBrush(kText);
  painter.drawPath(arrow);
  painter.setBrush(Qt::NoBrush);
  painter.setPen(kText);
  painter.setFont(reportFont(6.5, true));
  painter.drawText(QRectF(tip.x() - 6, tip.y() + 16, 12, 9), Qt::AlignCenter, QStringLiteral("N"));
}

}  // namespace gigaplan::report
