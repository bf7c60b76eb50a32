#pragma once

#include <QStringList>
#include <QtGlobal>
#include <array>
#include <atomic>
#include <functional>
#include <optional>

#include "engine/OutputSchema.h"
#include "resilience/FailureDomains.h"

namespace gigaplan {

/// Expected losses of a year from component failures, in closed form. Each unit fails at its rate
/// while it runs and is repaired in its mean time, independently of the others, so it is down a
/// share q = rate x repair / (8,760 h + rate x repair) of the time; a group with d units down beyond
/// its tolerance loses min(d - tolerance, needed) / needed of what it serves. The chance of d down
/// is binomial.
struct AvailabilityEstimate {
  double gpuHoursLostPerYear = 0.0;
  double siteAvailability = 1.0;  ///< 1 - GPU-hours lost / (GPUs x 8,760 h)
  /// Failures a year that take GPUs down or cut their bandwidth: the events a job running on the
  /// whole site sees from the power path, the cooling path and the fabric.
  double interruptionsPerYear = 0.0;
  std::array<double, kComponentKinds> gpuHoursLostByKind{};
  std::array<double, kComponentKinds> interruptionsByKind{};

  static AvailabilityEstimate of(const FailureDomains& domains);
};

/// The site-years the report simulates and the command line does unless told otherwise, and the
/// seed they start from: the same draws give the same figures in both.
inline constexpr int kDefaultSimulatedYears = 1000;
inline constexpr quint64 kDefaultSimulationSeed = 1;

/// Site-years simulated: each unit's failures drawn as a Poisson process over a year (a unit under
/// repair does not fail again), each repair an exponential time with the group's mean; a unit
/// without redundancy loses its racks for its repair, a redundant group only while more of its
/// units are down than it tolerates.
struct SimulatedYears {
  int years = 0;
  double meanGpuHoursLost = 0.0;
  double p10 = 0.0, p50 = 0.0, p90 = 0.0;  ///< GPU-hours lost in a year
  double worstYear = 0.0;
  double standardError = 0.0;  ///< of the mean, from the spread of the years
  double meanAvailability = 1.0;
  std::array<double, kComponentKinds> meanByKind{};

  using Progress = std::function<void(int done, int total)>;
  /// Nothing when `cancel` is set before the last year.
  static std::optional<SimulatedYears> run(const FailureDomains& domains, int years, quint64 seed,
                                           const Progress& progress = {}, const std::atomic<bool>* cancel = nullptr);
};

/// What component failures cost a job that runs on the whole site, joined with the job-level
/// interruptions the engine's reliability model already counts (its effective training time).
struct JobGoodput {
  double facilityHoursLostPerYear = 0.0;  ///< of the job's time: restart and lost work, or waiting for repair
  double goodput = 0.0;                   ///< effective training time x (1 - facility hours lost / 8,760)

  /// `restartHours` and the work lost per interruption (half the checkpoint interval) come from
  /// the engine's figures; a failure that takes more GPUs down than `spareGpus` holds the job
  /// for the repair.
  static JobGoodput of(const FailureDomains& domains, double ettr, double restartHours, double lostWorkHours,
                       double spareGpus);
};

/// A site's failure domains with what they cost: the one analysis the figures, the command line,
/// the report and the workspace show.
struct SiteFailures {
  FailureDomains domains;
  AvailabilityEstimate expected;
  JobGoodput job;
  QStringList tenantNames;  ///< by Rack::tenant: 0 is "no tenant", then the project's tenants
  double ettr = 0.0;        ///< the engine's effective training time the goodput starts from

  /// The tenants a component's failure reaches, by name.
  QStringList tenantsHit(const Component& component) const;
  /// The floor's power and cooling units (per block, with their redundancy) and the
  /// availability figures in place of the engine's, which has no floor to count them on.
  void applyTo(OutputValues& outputs) const;
};

}  // namespace gigaplan
