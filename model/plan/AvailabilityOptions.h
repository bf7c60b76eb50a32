#pragma once

#include <QString>
#include <vector>

#include "plan/ProjectEvaluation.h"

namespace gigaplan {

/// One change to the site's redundancy, with what it costs and what it buys.
struct AvailabilityOption {
  QString change;                     ///< "UPS and transformers: N+1 to 2N"
  QString inputPath;                  ///< the input it sets ("electrical.redundancy")
  QString value;                      ///< to this choice ("2N")
  double extraUnits = 0.0;            ///< units added; negative when the change removes some
  double capexUsd = 0.0;              ///< capex added at the unit prices (cost.*Usd*)
  double gpuHoursSavedPerYear = 0.0;  ///< fewer GPU-hours lost a year; negative when more are lost
  /// The capex a year (annualized as the facility's) per GPU-hour saved; NaN when none is saved.
  double usdPerGpuHourSaved = 0.0;
  double siteAvailability = 0.0;  ///< availability.site after the change
  double delivered = 0.0;         ///< availability.delivered after the change
  double jobGoodput = 0.0;        ///< availability.jobGoodput after the change
};

/// What it takes to hold the uptime target (reliability.targetUptime): the share of GPU-hours the
/// site delivers now, every other redundancy scheme of each level of the power and cooling paths
/// tried on the floor as it stands, and the full-site job's levers (twice the hot spares, half the
/// restart time, twice the checkpoint bandwidth) through the engine, cheapest GPU-hour saved first.
/// A job lever's GPU-hours are the job's goodput gained; its capex is the engine's capex added.
struct AvailabilityStudy {
  double target = 0.0;
  double delivered = 0.0;  ///< now
  std::vector<AvailabilityOption> options;

  bool met() const { return delivered >= target; }
  /// Empty when the project has no failure analysis (no floor or no figures).
  static AvailabilityStudy of(const Project& project, const ProjectResult& result);
  /// The capex of the units the analysis counts, at the unit prices of `inputs`.
  static double plantCapexUsd(const FailureDomains& domains, const InputValues& inputs);
};

}  // namespace gigaplan
