#include "plan/AvailabilityOptions.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/Evaluator.h"

namespace gigaplan {

double AvailabilityStudy::plantCapexUsd(const FailureDomains& domains, const InputValues& inputs) {
  const auto in = [&](InputId id) { return valueOf(inputs, id); };
  double capex = 0.0;
  for (const RedundancyGroup& group : domains.groups) {
    switch (group.kind) {
      case ComponentKind::UtilityFeed:
        capex += group.units * group.unitRating * in(InputId::costFeedUsdPerMva);
        break;
      case ComponentKind::Switchgear:
        capex += group.units * in(InputId::costSwitchgearUsdPerLineup);
        break;
      case ComponentKind::Transformer:
        capex += group.units * group.unitRating * in(InputId::costTransformerUsdPerMva);
        break;
      case ComponentKind::Ups:
        capex += group.units * group.unitRating * in(InputId::costUpsUsdPerMw);
        break;
      case ComponentKind::Busway:
        capex += group.units * in(InputId::costBuswayUsdPerRow);
        break;
      case ComponentKind::HeatRejection:
        capex += group.units * group.unitRating * in(InputId::costHeatRejectionUsdPerMw);
        break;
      case ComponentKind::WaterLoop:
        capex += group.units * in(InputId::costWaterLoopUsd);
        break;
      case ComponentKind::Cdu:
        capex += group.units * in(InputId::costCduUsd);
        break;
      default:
        break;  // switches and planes are the fabric's, priced with it
    }
  }
  return capex;
}

AvailabilityStudy AvailabilityStudy::of(const Project& project, const ProjectResult& result) {
  AvailabilityStudy study;
  if (!result.failures) return study;
  const auto base = failureModelInputs(project, result, nullptr);
  if (!base) return study;
  const OutputValues& site = result.evaluation.outputs;
  const InputValues& prices = base->siteInputs;
  study.target = valueOf(prices, InputId::reliabilityTargetUptime);
  study.delivered = valueOf(site, OutputId::availabilityDelivered);
  const double inService = valueOf(site, OutputId::reliabilityGpuAvailability);
  // Capex a year, as the facility's capex is annualized (cost.amortization).
  const double life = valueOf(prices, InputId::costFacilityLifetimeYears);
  const double rate = valueOf(prices, InputId::costCapitalRate);
  const double perYear = valueOf(prices, InputId::costAmortization) < 0.5 && rate > 0
                             ? rate / (1.0 - std::pow(1.0 + rate, -life))
                             : 1.0 / life;
  const double capexNow = plantCapexUsd(result.failures->domains, prices);
  const double lostNow = result.failures->expected.gpuHoursLostPerYear;
  double unitsNow = 0.0;
  for (const RedundancyGroup& group : result.failures->domains.groups) unitsNow += group.units;

  struct Level {
    InputId input;
    const char* name;
  };
  static constexpr Level levels[] = {{InputId::electricalFeedRedundancy, "utility feeds"},
                                     {InputId::electricalSwitchgearRedundancy, "MV switchgear"},
                                     {InputId::electricalRedundancy, "UPS and transformers"},
                                     {InputId::electricalBusRedundancy, "row busways"},
                                     {InputId::coolingHeatRejectionRedundancy, "heat rejection"},
                                     {InputId::coolingLoopRedundancy, "facility water loops"},
                                     {InputId::coolingCduLoops, "CDU loops"}};
  for (const Level& level : levels) {
    const QStringList choices = choiceNames(level.input);
    const auto now = static_cast<int>(valueOf(prices, level.input));
    for (int choice = 0; choice < choices.size(); ++choice) {
      if (choice == now) continue;
      FailureModelInputs changed = *base;
      for (InputValues& inputs : changed.fabricInputs) inputs[static_cast<std::size_t>(level.input)] = choice;
      changed.siteInputs[static_cast<std::size_t>(level.input)] = choice;
      const FailureDomains domains = FailureDomains::analyze(changed);
      const AvailabilityEstimate expected = AvailabilityEstimate::of(domains);
      AvailabilityOption option;
      option.change =
          QStringLiteral("%1: %2 to %3").arg(QString::fromLatin1(level.name), choices.value(now), choices[choice]);
      option.inputPath = QString::fromLatin1(inputSpec(level.input).path);
      option.value = choices[choice];
      double unitsThen = 0.0;
      for (const RedundancyGroup& group : domains.groups) unitsThen += group.units;
      option.extraUnits = unitsThen - unitsNow;
      option.capexUsd = plantCapexUsd(domains, prices) - capexNow;
      option.gpuHoursSavedPerYear = lostNow - expected.gpuHoursLostPerYear;
      option.usdPerGpuHourSaved = option.gpuHoursSavedPerYear > 0
                                      ? option.capexUsd * perYear / option.gpuHoursSavedPerYear
                                      : std::numeric_limits<double>::quiet_NaN();
      option.siteAvailability = expected.siteAvailability;
      option.delivered = inService * expected.siteAvailability;
      option.jobGoodput = valueOf(site, OutputId::availabilityJobGoodput);
      study.options.push_back(option);
    }
  }

  // The job's levers act on its effective training time: each group evaluated by the engine
  // with and without the change, the site's figures combined as the plan combines them.
  struct Lever {
    InputId input;
    double factor;
    const char* change;
  };
  static constexpr Lever levers[] = {
      {InputId::reliabilityHotSpareFraction, 2.0, "hot spares: twice as many"},
      {InputId::reliabilityRestartMinutes, 0.5, "restart after a failure: half the time"},
      {InputId::reliabilityCheckpointWriteGBpsPerGpu, 2.0, "checkpoint writes: twice the bandwidth"}};
  const std::vector<InputValues>& groups = result.plan->groupInputs;
  std::vector<OutputValues> before;
  for (const InputValues& inputs : groups) before.push_back(evaluate(inputs));
  const OutputValues siteBefore = PhasePlan::combine(before);
  const double jobGpus = valueOf(site, OutputId::reliabilityJobGpus);
  for (const Lever& lever : levers) {
    const InputSpec& spec = inputSpec(lever.input);
    std::vector<OutputValues> after;
    double capexAdded = 0.0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      InputValues changed = groups[g];
      double& value = changed[static_cast<std::size_t>(lever.input)];
      value = std::clamp(value * lever.factor, spec.minimum, spec.maximum);
      after.push_back(evaluate(changed));
      capexAdded += valueOf(after.back(), OutputId::costCapexUsd) - valueOf(before[g], OutputId::costCapexUsd);
    }
    const OutputValues siteAfter = PhasePlan::combine(after);
    const double ettrBefore = valueOf(siteBefore, OutputId::reliabilityEttr);
    const double goodputNow = valueOf(site, OutputId::availabilityJobGoodput);
    const double goodput =
        ettrBefore > 0 ? goodputNow * valueOf(siteAfter, OutputId::reliabilityEttr) / ettrBefore : goodputNow;
    AvailabilityOption option;
    option.change = QString::fromLatin1(lever.change);
    option.inputPath = QString::fromLatin1(spec.path);
    option.value = QString::number(valueOf(groups.front(), lever.input) * lever.factor, 'g', 6);
    option.capexUsd = capexAdded;
    // More spares shrink the job: its GPU-hours are its GPUs times its goodput.
    const double jobBefore = valueOf(siteBefore, OutputId::reliabilityJobGpus);
    const double jobAfter =
        jobBefore > 0 ? jobGpus * valueOf(siteAfter, OutputId::reliabilityJobGpus) / jobBefore : jobGpus;
    option.gpuHoursSavedPerYear = (goodput * jobAfter - goodputNow * jobGpus) * 8760.0;
    option.usdPerGpuHourSaved = option.gpuHoursSavedPerYear > 0
                                    ? std::max(0.0, option.capexUsd) * perYear / option.gpuHoursSavedPerYear
                                    : std::numeric_limits<double>::quiet_NaN();
    option.siteAvailability = valueOf(site, OutputId::availabilitySite);
    option.delivered = study.delivered;
    option.jobGoodput = goodput;
    study.options.push_back(option);
  }
  // The cheapest GPU-hour saved first; changes that save none (or lose some) last, the largest capex saving first.
  std::stable_sort(
      study.options.begin(), study.options.end(), [](const AvailabilityOption& a, const AvailabilityOption& b) {
        const bool aSaves = std::isfinite(a.usdPerGpuHourSaved), bSaves = std::isfinite(b.usdPerGpuHourSaved);
        if (aSaves != bSaves) return aSaves;
        return aSaves ? a.usdPerGpuHourSaved < b.usdPerGpuHourSaved : a.capexUsd < b.capexUsd;
      });
  return study;
}

}  // namespace gigaplan
