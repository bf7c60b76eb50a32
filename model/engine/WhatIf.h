#pragma once

#include <QList>
#include <array>
#include <atomic>
#include <functional>
#include <optional>
#include <vector>

#include "engine/OutputSchema.h"
#include "engine/Scenario.h"
#include "engine/Sweep.h"

namespace gigaplan {

/// The figures what-if analysis asks about first: TCO, facility power and the price of a GPU-hour.
inline constexpr std::array<OutputId, 3> kWhatIfFigures = {OutputId::costTcoUsdPerYear, OutputId::powerFacilityMw,
                                                           OutputId::costUsdPerGpuHour};

/// One input moved down and up: the figures at each end.
struct TornadoBar {
  InputId input;
  double low = 0.0;      ///< the input's value at the low end
  double high = 0.0;     ///< and at the high end
  bool clipped = false;  ///< an end held at the input's valid range instead of the full fraction
  std::array<double, kWhatIfFigures.size()> atLow{};
  std::array<double, kWhatIfFigures.size()> atHigh{};
  /// How far a figure moves between the two ends.
  double swing(std::size_t figure) const { return std::fabs(atHigh[figure] - atLow[figure]); }
};

/// Which inputs move the figures most: every real-valued input set to (1 - fraction) and
/// (1 + fraction) times its value, within its valid range, the others kept; all of them in one
/// batched evaluation.
struct Tornado {
  std::array<double, kWhatIfFigures.size()> base{};
  std::vector<TornadoBar> bars;  ///< largest swing of the first figure first

  static Tornado compute(const ResolvedScenario& scenario, double fraction = 0.1);
  /// The same over a site of several groups of systems (a phased build-out's): each input moved in
  /// every group by the fraction of that group's value; TCO and facility power summed, the price of
  /// a GPU-hour of the whole site. The bars' input values are the first group's.
  static Tornado computeSite(const std::vector<ResolvedScenario>& groups, double fraction = 0.1);
  /// The bars ordered by one figure's swing, largest first.
  std::vector<TornadoBar> orderedBy(std::size_t figure) const;
};

/// P10, P50 and P90 of a figure over Monte Carlo samples.
struct UncertaintyBand {
  OutputId figure;
  double p10 = 0.0;
  double p50 = 0.0;
  double p90 = 0.0;
};

/// Draws `samples` scenarios (inputs uniform within their ranges), evaluates them batched and
/// returns the bands of `figures`. Memory stays bounded at any count: above `exactUpTo` samples
/// the draws are evaluated twice (range, then a histogram of a million bins), and a band is exact
/// to a millionth of the figure's range. `progress` reports
/// evaluations done of all to do; a set `cancel` stops it and returns nothing.
std::optional<std::vector<UncertaintyBand>> uncertaintyBands(
    const ResolvedScenario& scenario, const QList<UncertainInput>& uncertain, Eigen::Index samples, quint64 seed,
    const std::vector<OutputId>& figures, const BatchEvaluator::Progress& progress = {},
    const std::atomic<bool>* cancel = nullptr, Eigen::Index exactUpTo = 4'000'000);

/// The bands of kWhatIfFigures over a site of several groups of systems (a phased build-out's):
/// each group's defaults drawn within its own confidence ranges, one draw per input shared by
/// every group; TCO and facility power summed, the price of a GPU-hour of the whole site. Memory,
/// progress and cancel as uncertaintyBands; one group gives that group's bands.
std::optional<std::vector<UncertaintyBand>> siteUncertaintyBands(const std::vector<ResolvedScenario>& groups,
                                                                 Eigen::Index samples, quint64 seed,
                                                                 const BatchEvaluator::Progress& progress = {},
                                                                 const std::atomic<bool>* cancel = nullptr,
                                                                 Eigen::Index exactUpTo = 4'000'000);

/// Whether more of a figure is better for the planner, worse, or neither (counts of parts).
enum class Better { Higher, Lower, Neither };
Better betterDirection(OutputId id);

/// One figure of two variants side by side.
struct FigureComparison {
  OutputId id;
  double a = 0.0;
  double b = 0.0;
  double difference = 0.0;  ///< b - a
  double percent = 0.0;     ///< of a; NaN when a is 0
  int better = 0;           ///< 1 when a is better, 2 when b is, 0 when equal or neither
};

/// Every figure of variant b against variant a.
std::vector<FigureComparison> compareFigures(const OutputValues& a, const OutputValues& b);

}  // namespace gigaplan
