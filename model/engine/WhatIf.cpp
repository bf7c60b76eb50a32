#include "engine/WhatIf.h"

#include <algorithm>
#include <cmath>

namespace gigaplan {

namespace {
double percentile(std::vector<double>& values, double fraction) {
  // Nearest rank on the sorted values.
  const auto rank = static_cast<std::size_t>(
      std::clamp(std::ceil(fraction * values.size()) - 1.0, 0.0, static_cast<double>(values.size() - 1)));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank), values.end());
  return values[rank];
}
}  // namespace

Tornado Tornado::compute(const ResolvedScenario& scenario, double fraction) {
  Tornado tornado;
  ScenarioBatch batch;
  batch.base = scenario.values;
  for (const InputSpec& spec : inputSpecs()) {
    const double value = valueOf(scenario.values, spec.id);
    // Counts and choices move in steps, not by a fraction; an input at 0 has nothing to move.
    if (spec.kind == InputKind::Real && value != 0.0) batch.varied.push_back(spec.id);
  }
  const auto inputs = static_cast<Eigen::Index>(batch.varied.size());
  batch.values.resize(2 * inputs + 1, inputs);
  for (Eigen::Index c = 0; c < inputs; ++c)
    batch.values.col(c).setConstant(valueOf(scenario.values, batch.varied[static_cast<std::size_t>(c)]));
  for (Eigen::Index i = 0; i < inputs; ++i) {
    const InputSpec& spec = inputSpec(batch.varied[static_cast<std::size_t>(i)]);
    const double value = valueOf(scenario.values, spec.id);
    batch.values(2 * i, i) = std::clamp(value * (1.0 - fraction), spec.minimum, spec.maximum);
    batch.values(2 * i + 1, i) = std::clamp(value * (1.0 + fraction), spec.minimum, spec.maximum);
  }
  // The last row is the scenario itself.
  ScenarioMatrix figures;
  BatchEvaluator().evaluate(batch, std::vector<OutputId>(kWhatIfFigures.begin(), kWhatIfFigures.end()), figures);
  for (std::size_t f = 0; f < kWhatIfFigures.size(); ++f)
    tornado.base[f] = figures(2 * inputs, static_cast<Eigen::Index>(f));
  for (Eigen::Index i = 0; i < inputs; ++i) {
    TornadoBar bar;
    bar.input = batch.varied[static_cast<std::size_t>(i)];
    bar.low = batch.values(2 * i, i);
    bar.high = batch.values(2 * i + 1, i);
    for (std::size_t f = 0; f < kWhatIfFigures.size(); ++f) {
      bar.atLow[f] = figures(2 * i, static_cast<Eigen::Index>(f));
      bar.atHigh[f] = figures(2 * i + 1, static_cast<Eigen::Index>(f));
    }
    // An input that moves nothing (or breaks the fabric at one end) has no bar.
    bool moves = false, finite = true;
    for (std::size_t f = 0; f < kWhatIfFigures.size(); ++f) {
      moves = moves || bar.swing(f) > 1e-12 * std::max(1.0, std::fabs(tornado.base[f]));
      finite = finite && std::isfinite(bar.atLow[f]) && std::isfinite(bar.atHigh[f]);
    }
    if (moves && finite) tornado.bars.push_back(bar);
  }
  tornado.bars = tornado.orderedBy(0);
  return tornado;
}

std::vector<TornadoBar> Tornado::orderedBy(std::size_t figure) const {
  std::vector<TornadoBar> ordered = bars;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [figure](const TornadoBar& a, const TornadoBar& b) { return a.swing(figure) > b.swing(figure); });
  return ordered;
}

std::optional<std::vector<UncertaintyBand>> uncertaintyBands(
    const ResolvedScenario& scenario, const QList<UncertainInput>& uncertain, Eigen::Index samples, quint64 seed,
    const std::vector<OutputId>& figures, const BatchEvaluator::Progress& progress, const std::atomic<bool>* cancel) {
  // Drawn and evaluated in blocks, so memory stays small and cancel and progress come often.
  constexpr Eigen::Index kBlock = 65536;
  SampleGenerator random(seed);
  ScenarioMatrix outputs(samples, static_cast<Eigen::Index>(figures.size()));
  ScenarioMatrix block;
  for (Eigen::Index first = 0; first < samples; first += kBlock) {
    if (cancel && cancel->load()) return std::nullopt;
    const Eigen::Index rows = std::min(kBlock, samples - first);
    BatchEvaluator().evaluate(monteCarloBatch(scenario.values, uncertain, rows, random), figures, block);
    outputs.middleRows(first, rows) = block;
    if (progress) progress(first + rows, samples);
  }
  if (cancel && cancel->load()) return std::nullopt;  // cancelled during the last block
  std::vector<UncertaintyBand> bands;
  for (std::size_t f = 0; f < figures.size(); ++f) {
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(samples));
    for (Eigen::Index r = 0; r < outputs.rows(); ++r)
      if (const double v = outputs(r, static_cast<Eigen::Index>(f)); std::isfinite(v)) values.push_back(v);
    if (values.empty()) continue;
    bands.push_back({figures[f], percentile(values, 0.1), percentile(values, 0.5), percentile(values, 0.9)});
  }
  return bands;
}

Better betterDirection(OutputId id) {
  switch (id) {
    case OutputId::networkFeasible:
    case OutputId::networkBisectionPbps:
    case OutputId::networkBisectionPerGpuGbps:
    case OutputId::networkAllReduceBusGBps:
    case OutputId::reliabilityMtbiHours:
    case OutputId::reliabilityEttr:
    case OutputId::reliabilityJobUptime:
    case OutputId::reliabilityGpuAvailability:
    case OutputId::scheduleRacksPerDay:
    case OutputId::sitePowerMarginMw:
    case OutputId::clusterGpus:
    case OutputId::tenantsRevenueUsdPerYear:
    case OutputId::tenantsMarginUsdPerYear:
    case OutputId::tenantsRentedGpus:
      return Better::Higher;
    case OutputId::sitePowerAvailableMw:  // an input of the plan, not its result
    case OutputId::costSystemsShareOfTco:
    case OutputId::powerItOverGpuTdp:
      return Better::Neither;
    case OutputId::powerPue:
    case OutputId::networkAllReduceMs:
    case OutputId::reliabilityNodesInRepair:
    case OutputId::tenantsPaybackYears:
    case OutputId::tenantsStrandedPorts:
    case OutputId::tenantsBisectionLostPbps:
      return Better::Lower;
    default:
      break;
  }
  // Money, power, energy, water, interruptions and time: less is better. Counts of parts
  // (switches, racks, links) follow from the design and are neither.
  static const QStringList lower = {
      QStringLiteral("USD"),     QStringLiteral("USD/year"), QStringLiteral("USD/MW"), QStringLiteral("USD/(MW year)"),
      QStringLiteral("MW"),      QStringLiteral("GWh"),      QStringLiteral("MWh"),    QStringLiteral("m3"),
      QStringLiteral("per day"), QStringLiteral("days")};
  return lower.contains(QString::fromLatin1(outputSpec(id).unit)) ? Better::Lower : Better::Neither;
}

std::vector<FigureComparison> compareFigures(const OutputValues& a, const OutputValues& b) {
  std::vector<FigureComparison> rows;
  for (std::size_t o = 0; o < kOutputCount; ++o) {
    FigureComparison row;
    row.id = static_cast<OutputId>(o);
    row.a = a[o];
    row.b = b[o];
    row.difference = b[o] - a[o];
    row.percent = a[o] != 0.0 ? 100.0 * row.difference / std::fabs(a[o]) : std::numeric_limits<double>::quiet_NaN();
    const Better direction = betterDirection(row.id);
    if (direction != Better::Neither && row.difference != 0.0 && std::isfinite(row.difference))
      row.better = (row.difference > 0) == (direction == Better::Higher) ? 2 : 1;
    rows.push_back(row);
  }
  return rows;
}

}  // namespace gigaplan
