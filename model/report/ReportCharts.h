#pragma once

#include <QColor>
#include <vector>

#include "engine/OutputSchema.h"
#include "plan/PhasePlan.h"

class QPainter;
class QRectF;

// The timeline charts of the Phases section, painted as vectors: GPUs online, facility power
// against power available, and capex per phase stacked by category.

namespace gigaplan::report {

/// A category of capex: the output that holds it, its name in the report and its colour.
struct CapexCategory {
  OutputId id;
  const char* name;
  QColor colour;
};

/// The categories of capex in the order the bars stack them and the tables list them.
const std::vector<CapexCategory>& capexCategories();

/// GPUs online over time: a step at each phase's training date, dashed ramps while its racks go in.
void paintGpusOnline(QPainter& painter, const QRectF& rect, const std::vector<PhaseResult>& phases);

/// Facility power at full IT load (from each phase's training) against the power the site has
/// (from each phase's start).
void paintPower(QPainter& painter, const QRectF& rect, const std::vector<PhaseResult>& phases);

/// Capex each phase adds, as bars stacked by category.
void paintCapex(QPainter& painter, const QRectF& rect, const std::vector<PhaseResult>& phases);

}  // namespace gigaplan::report
