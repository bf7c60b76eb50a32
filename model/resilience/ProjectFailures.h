#pragma once

#include <QString>
#include <QStringList>
#include <optional>

#include "plan/Project.h"
#include "plan/ProjectEvaluation.h"
#include "resilience/FailureDomains.h"
#include "resilience/SiteAvailability.h"

namespace gigaplan {

/// A project's failure domains and availability, from its floor and its figures: the one
/// analysis the command line, the report and the workspace show.
struct ProjectFailures {
  FailureDomains domains;
  AvailabilityEstimate expected;
  JobGoodput job;
  QStringList tenantNames;  ///< by Rack::tenant: 0 is "no tenant", then the project's tenants
  double ettr = 0.0;        ///< the engine's effective training time the goodput starts from

  /// Nothing, with `error` set, when the project has no figures or no floor.
  static std::optional<ProjectFailures> analyze(const Project& project, const ProjectResult& result, QString* error);
  /// The inputs the analysis reads from a project and its figures.
  static std::optional<FailureModelInputs> modelInputs(const Project& project, const ProjectResult& result,
                                                       QString* error);
  /// The tenants a component's failure reaches, by name ("no tenant" for racks of none).
  QStringList tenantsHit(const Component& component) const;
};

}  // namespace gigaplan
