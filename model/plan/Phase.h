#pragma once

#include <QDate>
#include <QMap>
#include <QString>
#include <vector>

#include "engine/InputSchema.h"

namespace gigaplan {

/// GPUs of one catalog system type that an expansion phase adds.
struct PhaseSystems {
  QString systemType;  ///< a catalog system id, e.g. "hgx-h100"
  double gpus = 0.0;
  bool operator==(const PhaseSystems&) const = default;
};

/// One step of a build-out: from its start date it adds GPU systems (mixed types allowed) and
/// changes inputs for itself and every later phase (prices as of its date, a new fabric plane or
/// tier, the power the site has). Halls and buildings follow from the systems it adds.
struct Phase {
  QString name;
  QDate start;
  std::vector<PhaseSystems> systems;
  QMap<InputId, double> inputs;  ///< set from this phase on; a later phase may set them again
  bool operator==(const Phase&) const = default;
};

}  // namespace gigaplan
