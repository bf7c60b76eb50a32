#include "engine/WhatIf.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

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
  return computeSite({scenario}, fraction);
}

Tornado Tornado::computeSite(const std::vector<ResolvedScenario>& groups, double fraction) {
  Tornado tornado;
  if (groups.empty()) return tornado;
  // Every real input that is not 0 in some group moves, in every group at once, by the fraction of
  // that group's own value (an H100's board power and a GB200's each by 10 %).
  std::vector<InputId> varied;
  for (const InputSpec& spec : inputSpecs()) {
    if (spec.kind != InputKind::Real) continue;  // counts and choices move in steps, not by a fraction
    const bool nonzero = std::any_of(groups.begin(), groups.end(),
                                     [&](const ResolvedScenario& g) { return valueOf(g.values, spec.id) != 0.0; });
    if (nonzero) varied.push_back(spec.id);
  }
  const auto inputs = static_cast<Eigen::Index>(varied.size());
  const auto rows = 2 * inputs + 1;  // the last row is the scenario itself
  // Per row: the site's TCO, facility MW and GPU-hours (TCO / $ per GPU-hour), summed over groups.
  Eigen::ArrayXd tco = Eigen::ArrayXd::Zero(rows), mw = Eigen::ArrayXd::Zero(rows), hours = Eigen::ArrayXd::Zero(rows);
  std::vector<TornadoBar> bars(static_cast<std::size_t>(inputs));
  for (std::size_t g = 0; g < groups.size(); ++g) {
    ScenarioBatch batch;
    batch.base = groups[g].values;
    batch.varied = varied;
    batch.values.resize(rows, inputs);
    for (Eigen::Index c = 0; c < inputs; ++c)
      batch.values.col(c).setConstant(valueOf(groups[g].values, varied[static_cast<std::size_t>(c)]));
    for (Eigen::Index i = 0; i < inputs; ++i) {
      const InputSpec& spec = inputSpec(varied[static_cast<std::size_t>(i)]);
      const double value = valueOf(groups[g].values, spec.id);
      batch.values(2 * i, i) = std::clamp(value * (1.0 - fraction), spec.minimum, spec.maximum);
      batch.values(2 * i + 1, i) = std::clamp(value * (1.0 + fraction), spec.minimum, spec.maximum);
      TornadoBar& bar = bars[static_cast<std::size_t>(i)];
      bar.input = spec.id;
      bar.clipped = bar.clipped || batch.values(2 * i, i) != value * (1.0 - fraction) ||
                    batch.values(2 * i + 1, i) != value * (1.0 + fraction);
      if (g == 0) {  // the values shown are the first group's
        bar.low = batch.values(2 * i, i);
        bar.high = batch.values(2 * i + 1, i);
      }
    }
    ScenarioMatrix figures;
    BatchEvaluator().evaluate(batch, std::vector<OutputId>(kWhatIfFigures.begin(), kWhatIfFigures.end()), figures);
    tco += figures.col(0);
    mw += figures.col(1);
    hours += figures.col(0) / figures.col(2);
  }
  const Eigen::ArrayXd perGpuHour = tco / hours;
  auto figureAt = [&](std::size_t f, Eigen::Index row) {
    return f == 0 ? tco(row) : f == 1 ? mw(row) : perGpuHour(row);
  };
  for (std::size_t f = 0; f < kWhatIfFigures.size(); ++f) tornado.base[f] = figureAt(f, 2 * inputs);
  for (Eigen::Index i = 0; i < inputs; ++i) {
    TornadoBar& bar = bars[static_cast<std::size_t>(i)];
    for (std::size_t f = 0; f < kWhatIfFigures.size(); ++f) {
      bar.atLow[f] = figureAt(f, 2 * i);
      bar.atHigh[f] = figureAt(f, 2 * i + 1);
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

namespace {
/// Fills `figures` (rows x figures) with the figures of `rows` scenarios drawn from `random`.
using BlockSource = std::function<void(Eigen::Index rows, SampleGenerator& random, ScenarioMatrix& figures)>;

/// P10, P50 and P90 of each column of `samples` rows drawn block by block from `draw`.
std::optional<std::vector<UncertaintyBand>> bandsOver(Eigen::Index samples, quint64 seed,
                                                      const std::vector<OutputId>& figures, const BlockSource& draw,
                                                      const BatchEvaluator::Progress& progress,
                                                      const std::atomic<bool>* cancel, Eigen::Index exactUpTo) {
  // Drawn and evaluated in blocks, so that cancel and progress come often. Up to exactUpTo the
  // values are kept and the bands are exact order statistics; beyond, the same samples (same seed)
  // are drawn twice: once for each figure's range, once into a fine histogram of it. Memory then
  // stays bounded at any count, and a band is exact to a millionth of its figure's range.
  constexpr Eigen::Index kBlock = 65536;
  constexpr Eigen::Index kHistogramBins = 1 << 20;
  const auto figureCount = static_cast<Eigen::Index>(figures.size());
  const bool exact = samples <= exactUpTo;
  const Eigen::Index work = exact ? samples : 2 * samples;
  const auto pass = [&](Eigen::Index doneBefore, const std::function<void(Eigen::Index, const ScenarioMatrix&)>& take) {
    SampleGenerator random(seed);
    ScenarioMatrix block;
    for (Eigen::Index first = 0; first < samples; first += kBlock) {
      if (cancel && cancel->load()) return false;
      const Eigen::Index rows = std::min(kBlock, samples - first);
      draw(rows, random, block);
      take(first, block);
      if (progress) progress(doneBefore + first + rows, work);
    }
    return !(cancel && cancel->load());  // cancelled during the last block
  };

  std::vector<UncertaintyBand> bands;
  if (exact) {
    ScenarioMatrix outputs(samples, figureCount);
    if (!pass(0, [&](Eigen::Index first, const ScenarioMatrix& block) {
          outputs.middleRows(first, block.rows()) = block;
        }))
      return std::nullopt;
    for (Eigen::Index f = 0; f < figureCount; ++f) {
      std::vector<double> values;
      values.reserve(static_cast<std::size_t>(samples));
      for (Eigen::Index r = 0; r < outputs.rows(); ++r)
        if (const double v = outputs(r, f); std::isfinite(v)) values.push_back(v);
      if (values.empty()) continue;
      bands.push_back({figures[static_cast<std::size_t>(f)], percentile(values, 0.1), percentile(values, 0.5),
                       percentile(values, 0.9)});
    }
    return bands;
  }

  Eigen::ArrayXd low = Eigen::ArrayXd::Constant(figureCount, std::numeric_limits<double>::infinity());
  Eigen::ArrayXd high = Eigen::ArrayXd::Constant(figureCount, -std::numeric_limits<double>::infinity());
  if (!pass(0, [&](Eigen::Index, const ScenarioMatrix& block) {
        for (Eigen::Index f = 0; f < figureCount; ++f)
          for (Eigen::Index r = 0; r < block.rows(); ++r)
            if (const double v = block(r, f); std::isfinite(v)) {
              low(f) = std::min(low(f), v);
              high(f) = std::max(high(f), v);
            }
      }))
    return std::nullopt;
  std::vector<std::vector<qint64>> counts(static_cast<std::size_t>(figureCount),
                                          std::vector<qint64>(static_cast<std::size_t>(kHistogramBins), 0));
  const auto binOf = [&](Eigen::Index f, double v) {
    const double width = high(f) - low(f);
    if (!(width > 0)) return Eigen::Index{0};
    return std::min(kHistogramBins - 1,
                    static_cast<Eigen::Index>((v - low(f)) / width * static_cast<double>(kHistogramBins)));
  };
  if (!pass(samples, [&](Eigen::Index, const ScenarioMatrix& block) {
        for (Eigen::Index f = 0; f < figureCount; ++f)
          for (Eigen::Index r = 0; r < block.rows(); ++r)
            if (const double v = block(r, f); std::isfinite(v))
              ++counts[static_cast<std::size_t>(f)][static_cast<std::size_t>(binOf(f, v))];
      }))
    return std::nullopt;
  for (Eigen::Index f = 0; f < figureCount; ++f) {
    const std::vector<qint64>& histogram = counts[static_cast<std::size_t>(f)];
    qint64 finite = 0;
    for (const qint64 count : histogram) finite += count;
    if (finite == 0) continue;
    // The nearest rank, as in the exact case, read at the middle of its bin.
    const auto at = [&](double fraction) {
      const auto rank = static_cast<qint64>(
          std::clamp(std::ceil(fraction * static_cast<double>(finite)) - 1.0, 0.0, static_cast<double>(finite - 1)));
      qint64 seen = 0;
      std::size_t bin = 0;
      while (seen + histogram[bin] <= rank) seen += histogram[bin++];
      const double width = (high(f) - low(f)) / static_cast<double>(kHistogramBins);
      return width > 0 ? low(f) + (static_cast<double>(bin) + 0.5) * width : low(f);
    };
    bands.push_back({figures[static_cast<std::size_t>(f)], at(0.1), at(0.5), at(0.9)});
  }
  return bands;
}
}  // namespace

std::optional<std::vector<UncertaintyBand>> uncertaintyBands(const ResolvedScenario& scenario,
                                                             const QList<UncertainInput>& uncertain,
                                                             Eigen::Index samples, quint64 seed,
                                                             const std::vector<OutputId>& figures,
                                                             const BatchEvaluator::Progress& progress,
                                                             const std::atomic<bool>* cancel, Eigen::Index exactUpTo) {
  return bandsOver(
      samples, seed, figures,
      [&](Eigen::Index rows, SampleGenerator& random, ScenarioMatrix& block) {
        BatchEvaluator().evaluate(monteCarloBatch(scenario.values, uncertain, rows, random), figures, block);
      },
      progress, cancel, exactUpTo);
}

std::optional<std::vector<UncertaintyBand>> siteUncertaintyBands(const std::vector<ResolvedScenario>& groups,
                                                                 Eigen::Index samples, quint64 seed,
                                                                 const BatchEvaluator::Progress& progress,
                                                                 const std::atomic<bool>* cancel,
                                                                 Eigen::Index exactUpTo) {
  if (groups.empty()) return std::vector<UncertaintyBand>{};
  // Each group's ranges come from its own defaults' confidence. One draw per input and sample is
  // shared by every group that has the input: a site buys its power at one price, and a vendor's
  // figures err the same way in every hall.
  std::vector<QList<UncertainInput>> ranges;
  std::vector<InputId> drawn;  // every input some group draws, in InputId order
  for (const ResolvedScenario& group : groups) {
    ranges.push_back(uncertaintyFromConfidence(group));
    for (const UncertainInput& input : ranges.back())
      if (std::find(drawn.begin(), drawn.end(), input.input) == drawn.end()) drawn.push_back(input.input);
  }
  std::sort(drawn.begin(), drawn.end());
  const std::vector<OutputId> figures(kWhatIfFigures.begin(), kWhatIfFigures.end());
  return bandsOver(
      samples, seed, figures,
      [&](Eigen::Index rows, SampleGenerator& random, ScenarioMatrix& block) {
        ScenarioMatrix draws(rows, static_cast<Eigen::Index>(drawn.size()));
        for (Eigen::Index c = 0; c < draws.cols(); ++c)
          for (Eigen::Index r = 0; r < rows; ++r) draws(r, c) = uniformSample(random);
        // Per row: the site's TCO, facility MW and GPU-hours (TCO / $ per GPU-hour), as the tornado sums them.
        Eigen::ArrayXd tco = Eigen::ArrayXd::Zero(rows), mw = Eigen::ArrayXd::Zero(rows),
                       hours = Eigen::ArrayXd::Zero(rows);
        for (std::size_t g = 0; g < groups.size(); ++g) {
          const QList<UncertainInput>& uncertain = ranges[g];
          ScenarioBatch batch{groups[g].values, {}, ScenarioMatrix(rows, uncertain.size())};
          for (int u = 0; u < uncertain.size(); ++u) {
            const UncertainInput& input = uncertain[u];
            batch.varied.push_back(input.input);
            const auto column = std::find(drawn.begin(), drawn.end(), input.input) - drawn.begin();
            batch.values.col(u) = input.low + (input.high - input.low) * draws.col(column);
            if (inputSpec(input.input).kind != InputKind::Real) batch.values.col(u) = batch.values.col(u).round();
          }
          ScenarioMatrix groupFigures;
          BatchEvaluator().evaluate(batch, figures, groupFigures);
          tco += groupFigures.col(0);
          mw += groupFigures.col(1);
          hours += groupFigures.col(0) / groupFigures.col(2);
        }
        block.resize(rows, 3);
        block.col(0) = tco;
        block.col(1) = mw;
        block.col(2) = tco / hours;
      },
      progress, cancel, exactUpTo);
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
