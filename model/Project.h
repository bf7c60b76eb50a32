#pragma once

#include "Scenario.h"
#include "SiteLayout.h"

namespace gigaplan {

/// Everything a project file holds. Later versions add phases, variants and tenants.
struct Project {
  Scenario scenario;
  SiteLayout layout;
};

}  // namespace gigaplan
