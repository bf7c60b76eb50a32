#pragma once

#include <vector>

#include "Phase.h"
#include "Scenario.h"
#include "SiteLayout.h"

namespace gigaplan {

/// Everything a project file holds. Later versions add variants and tenants.
struct Project {
  Scenario scenario;  ///< the base every phase starts from; its cluster.gpus is unused with phases
  SiteLayout layout;
  std::vector<Phase> phases;  ///< in date order; none means one build of the scenario as it is
};

}  // namespace gigaplan
