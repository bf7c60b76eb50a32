#include "plan/ProjectFindings.h"

#include <cmath>

namespace gigaplan {

namespace {

QString megawatts(double mw) {
  return QStringLiteral("%L1 MW").arg(mw, 0, 'f', 1);
}

QString countOf(std::size_t count, const char* one, const char* many) {
  if (count == 0) return QStringLiteral("no %1").arg(QString::fromLatin1(many));
  return QStringLiteral("%L1 %2").arg(count).arg(QString::fromLatin1(count == 1 ? one : many));
}

}  // namespace

ProjectFindings ProjectFindings::of(const Project& project, const ProjectResult& result) {
  ProjectFindings findings;
  for (const LayoutFinding& finding : result.evaluation.findings())
    findings.brokenLimits.push_back({finding.object, finding.message});
  // Hand edits a re-lay could not keep stay in view until the planner dismisses them.
  for (const QString& edit : project.layout.droppedEdits)
    findings.warnings.push_back(
        {QStringLiteral("a hand edit"), QStringLiteral("%1: no longer applies to the floor laid out anew").arg(edit)});
  if (!result.plan || !result.resolved) return findings;

  for (const PhaseResult& phase : result.plan->phases) {
    // Racks removed by hand, or a locked hall smaller than the one it stands for.
    if (phase.gpusAdded < phase.gpusPlanned - 0.5)
      findings.warnings.push_back({phase.name, QStringLiteral("the floor holds %L1 of the %L2 GPUs it buys (%L3 short)")
                                                   .arg(phase.gpusAdded, 0, 'f', 0)
                                                   .arg(phase.gpusPlanned, 0, 'f', 0)
                                                   .arg(phase.gpusPlanned - phase.gpusAdded, 0, 'f', 0)});
    const double available = valueOf(phase.site, OutputId::sitePowerAvailableMw);
    const double margin = valueOf(phase.site, OutputId::sitePowerMarginMw);
    if (available > 0 && margin < 0)
      findings.warnings.push_back({phase.name, QStringLiteral("needs %1 at full IT load, %2 more than the %3 available")
                                                   .arg(megawatts(valueOf(phase.site, OutputId::powerFacilityMw)),
                                                        megawatts(-margin), megawatts(available))});
  }
  if (const StrayRacks stray = racksCountedWithAnotherGroup(project.layout, result.plan->groups); stray.count > 0)
    findings.warnings.push_back(
        {QStringLiteral("the floor"),
         QStringLiteral("%L1 compute racks stand where another system group is measured and are counted as that "
                        "group's (%2): give them the building's system and phase, or move them")
             .arg(stray.count)
             .arg(stray.example)});
  const OutputValues& site = result.evaluation.outputs;
  if (result.tenants)
    for (const TenantFigures& tenant : result.tenants->tenants)
      if (tenant.shortGpus > 0)
        findings.warnings.push_back(
            {tenant.name, QStringLiteral("the floor holds %L1 GPUs for its contract of %L2 (%L3 short)")
                              .arg(tenant.gpus, 0, 'f', 0)
                              .arg(tenant.gpus + tenant.shortGpus, 0, 'f', 0)
                              .arg(tenant.shortGpus, 0, 'f', 0)});
  if (!project.tenants.empty() && result.tenants) {
    const double margin = valueOf(site, OutputId::tenantsMarginUsdPerYear);
    if (margin < 0)
      findings.warnings.push_back(
          {QStringLiteral("the tenants"),
           QStringLiteral("the operator's margin is negative: -$%L1B a year").arg(-margin * 1e-9, 0, 'f', 2)});
  }
  const double ettr = valueOf(site, OutputId::reliabilityEttr);
  const double minimum = valueOf(result.resolved->values, InputId::reliabilityMinEttr);
  if (std::isfinite(ettr) && ettr < minimum)
    findings.warnings.push_back(
        {QStringLiteral("the site"), QStringLiteral("effective training time %1 % is below the %2 % set "
                                                    "(reliability.minEttr)")
                                         .arg(ettr * 100, 0, 'f', 1)
                                         .arg(minimum * 100, 0, 'f', 1)});
  const double delivered = valueOf(site, OutputId::availabilityDelivered);
  const double target = valueOf(result.resolved->values, InputId::reliabilityTargetUptime);
  if (std::isfinite(delivered) && delivered < target)
    findings.warnings.push_back(
        {QStringLiteral("the site"), QStringLiteral("delivers %1 % of its GPU-hours, below the %2 % set "
                                                    "(reliability.targetUptime); gigaplan-cli failures lists what "
                                                    "each redundancy option buys")
                                         .arg(delivered * 100, 0, 'f', 3)
                                         .arg(target * 100, 0, 'f', 1)});
  return findings;
}

QString ProjectFindings::summary() const {
  const QString limits = brokenLimits.empty() ? QStringLiteral("No limit broken")
                                              : countOf(brokenLimits.size(), "limit broken", "limits broken");
  return QStringLiteral("%1, %2").arg(limits, countOf(warnings.size(), "warning", "warnings"));
}

}  // namespace gigaplan
