#pragma once

#include <QRectF>
#include <QStringList>
#include <vector>

#include "layout/LayoutMetrics.h"
#include "layout/SiteLayout.h"

class QPainter;

// The floor plans of the report: the site from above after each phase, north up and to scale.

namespace gigaplan::report {

/// What the plan after one phase shows: the halls holding racks of that phase or an earlier one,
/// their buildings, and the area they cover in site metres. Halls without racks show with the last phase.
struct FloorPlanScope {
  std::vector<int> hallPhase;  ///< the earliest phase of each hall's racks; max() for a hall without racks
  std::vector<bool> halls;
  std::vector<bool> buildings;
  QRectF extentM;
};

/// The scope of the plan after phase `shown`; the plan after the last phase also shows the halls without racks.
FloorPlanScope floorPlanScope(const SiteLayout& layout, const LayoutMetrics& metrics, int shown, bool lastPhase);

/// Room above a plan for the names of its northernmost buildings, and below it for the legend.
inline constexpr double kPlanTopPt = 9.0;
inline constexpr double kPlanLegendPt = 40.0;

/// Top view of the site after phase `shown`, north up: building and hall outlines, electrical
/// rooms, racks coloured by phase (network racks darker, CDUs lighter), fitted to the rectangle,
/// with a legend, a scale bar and north.
void paintFloorPlan(QPainter& painter, const QRectF& rect, const SiteLayout& layout, const LayoutMetrics& metrics,
                    const FloorPlanScope& scope, int shown, const QStringList& phaseNames);

}  // namespace gigaplan::report
