#pragma once

#include <QString>
#include <vector>

#include "plan/Project.h"
#include "plan/ProjectEvaluation.h"

namespace gigaplan {

/// What is wrong with a plan, in two kinds: limits it breaks (a hall over its feed, cooling or
/// floor rating, links beyond every module's reach) and warnings where the plan is legal but bad
/// (a phase short of power, a negative operator margin, effective training time below the
/// planner's threshold, reliability.minEttr). Every place that shows findings reads them here.
struct ProjectFindings {
  struct Finding {
    QString object;  ///< what it is about: "hall B1-H2", "Phase 3", "the site"
    QString message;
    QString text() const { return object + QStringLiteral(": ") + message; }
  };
  std::vector<Finding> brokenLimits;
  std::vector<Finding> warnings;

  static ProjectFindings of(const Project& project, const ProjectResult& result);

  /// "No limit broken, 2 warnings", "3 limits broken, no warnings".
  QString summary() const;
};

}  // namespace gigaplan
