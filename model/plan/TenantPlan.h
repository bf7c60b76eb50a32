#pragma once

#include <QJsonArray>
#include <optional>
#include <vector>

#include "plan/PhasePlan.h"
#include "plan/Project.h"
#include "plan/Tenant.h"

namespace gigaplan {

/// GPUs a tenant rents in one system group (PhasePlan::groups).
struct TenantShare {
  std::size_t group = 0;
  double gpus = 0.0;
};

/// The figures of one tenant, or of the GPUs nobody rents (the operator's spare).
struct TenantFigures {
  QString name;
  double gpus = 0.0;
  double shortGpus = 0.0;  ///< of its contract, that the floor does not hold for it
  std::vector<TenantShare> shares;

  // What isolation costs: switches beyond those of one shared fabric, the switch ports they
  // leave unused, and the bisection bandwidth between this tenant and the rest that is lost.
  double isolationSwitches = 0.0;
  double strandedPorts = 0.0;
  double isolationCapexUsd = 0.0;
  double isolationUsdPerYear = 0.0;      ///< the switches' capital, annualized, and their energy
  double isolationOpexUsdPerYear = 0.0;  ///< their energy
  double isolationFacilityMw = 0.0;
  double bisectionLostPbps = 0.0;

  // Its share of the site as it stands on the floor, by GPUs of each group. Isolation's switches
  // are not on the floor: they stay in the isolation figures above, so that the shares add up
  // to the site's figures.
  double itMw = 0.0;
  double facilityMw = 0.0;
  double powerShare = 0.0;  ///< of the site's facility power
  double capexUsd = 0.0;
  double costUsdPerYear = 0.0;  ///< TCO share
  double opexUsdPerYear = 0.0;  ///< energy, maintenance and staff share
  double costShare = 0.0;       ///< of the site's TCO

  // Economics at its utilization and price.
  double gpuHoursPerYear = 0.0;
  double revenueUsdPerYear = 0.0;
  double marginUsdPerYear = 0.0;
  double paybackYears = 0.0;  ///< see TenantPlan; infinite when the cash a year is not positive

  // Reliability: its largest job runs on its largest share of one fabric group.
  double largestJobGpus = 0.0;
  double interruptionsPerDay = 0.0;
  double mtbiHours = 0.0;
};

/// Tenants of a project evaluated on its plan once every phase is built.
///
/// Each tenant takes GPUs from the system groups: of its system type when it names one, else from
/// any group, in phase order, tenants in their order. A tenant of 0 GPUs is marked by hand: it
/// has the compute racks marked for it on the floor (a rack's group is its phase and system). Its share of a group's
/// power, capex and TCO is its share of the group's GPUs. Isolation needs switches (`isolationSwitches`), costed at
/// the group's switch price and power, annualized like the group's IT capex:
///   own leaves: leaf switches are not shared, rails * ceil(nodes / leaf down-ports) per part;
///   own halls: leaves and spines are not shared, spines = ceil(leaves * leaf up-ports / spine
///     down-ports); the tiers above take the extra spines' uplinks;
///   own plane: a fabric of its own, the engine's fabric for its GPUs and for the rest apart,
///     and the bisection between the two, min(tenant, rest) GPUs at the shared fabric's bisection
///     per GPU, is lost.
/// Stranded ports are the down-ports left unused on the switches a tenant does not share.
/// A group's GPUs are those its racks hold on the floor. Revenue = GPUs * 8,760 h * utilization *
/// price; margin = revenue - cost - isolation cost; payback = (capex + isolation capex) /
/// (revenue - opex - isolation energy). The operator earns every tenant's revenue and bears the
/// whole cost: its row is the site's figures, with isolation beside them.
struct TenantPlan {
  std::vector<TenantFigures> tenants;  ///< in the project's order
  TenantFigures spare;                 ///< the GPUs no tenant rents
  TenantFigures operatorTotal;         ///< the whole site: every tenant's revenue, the whole cost

  /// With `shortIsError`, a tenant whose contract the groups cannot fill is an error naming it
  /// (the check of a tenants edit against the plan); without, it gets what is left and its
  /// `shortGpus` say how many it lacks (the floor after hand edits, a finding).
  static std::optional<TenantPlan> evaluate(const Project& project, const PhasePlan& plan, ScenarioErrors& errors,
                                            bool shortIsError = true);
  /// Writes the site-wide tenant figures (tenants.*) into the site's outputs.
  void applyTo(OutputValues& site) const;

  /// Marks the racks of each tenant on the floor (Rack::tenant): whole halls for own halls and
  /// own plane, whole rows with their leaves for own leaves, single compute racks for a shared
  /// fabric, in floor order within the racks of each group. Racks left over have no tenant.
  /// The marks of tenants marked by hand (0 GPUs) stay as they are; their racks are not taken.
  static void assignRacks(const Project& project, const PhasePlan& plan, SiteLayout& layout);
  /// Makes the racks' tenant marks, made for `before`, name the same tenants in `after`: by
  /// position when `inPlace` (the same list edited), else by name; marks of tenants gone go.
  static void carryMarks(const std::vector<Tenant>& before, const std::vector<Tenant>& after, bool inPlace,
                         SiteLayout& layout);
  /// GPUs on the project's floor per tenant (index 0 = no tenant), from the racks' marks; a
  /// compute rack holds the GPUs of a full rack of its group as bought.
  static std::vector<double> floorGpus(const Project& project, const PhasePlan& plan);

  /// A rack records its tenant in one byte (0 for none); project files keep this limit.
  static constexpr int kMaxTenants = 254;
  static constexpr int kMaxNameChars = 200;

  /// Every problem of a list of tenants on its own, named like "tenants[1].gpus".
  static ScenarioErrors check(const std::vector<Tenant>& tenants);
  static QString isolationName(TenantIsolation isolation);
  static std::optional<TenantIsolation> isolationFromName(const QString& name);
  /// Tenants in a scenario document ("tenants": [{"name", "system", "gpus", "isolation",
  /// "priceUsdPerGpuHour", "utilization"}]); errors name the tenant and field.
  static std::optional<std::vector<Tenant>> fromJson(const QJsonValue& json, ScenarioErrors& errors);
  static QJsonArray toJson(const std::vector<Tenant>& tenants);
};

}  // namespace gigaplan
