#pragma once

#include <vector>

#include "engine/Scenario.h"
#include "layout/SiteLayout.h"
#include "plan/Phase.h"
#include "plan/Tenant.h"

namespace gigaplan {

/// An alternative to the project's plan kept beside it for comparison: another scenario and
/// phases (another GPU type, 2:1 oversubscription, a PUE, a price), on the same site.
struct Variant {
  QString name;
  Scenario scenario;
  std::vector<Phase> phases;
  std::vector<Tenant> tenants;
};

/// Everything a project file holds.
struct Project {
  Scenario scenario;  ///< the base every phase starts from; its cluster.gpus is unused with phases
  SiteLayout layout;
  std::vector<Phase> phases;  ///< in date order; none means one build of the scenario as it is
  std::vector<Variant> variants;
  std::vector<Tenant> tenants;  ///< who uses the cluster; GPUs no tenant rents are the operator's spare
};

}  // namespace gigaplan
