#include "report/ReportCharts.h"

#include <QDate>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <functional>

#include "report/ProjectReport.h"
#include "report/ReportStyle.h"

namespace gigaplan::report {

namespace {

// Axes with round ticks, a date axis, a legend and value labels, shared by the charts.

/// Round steps (1, 2, 2.5 or 5 x 10^n) from 0 to at least `maximum`, about `count` of them.
std::vector<double> niceTicks(double maximum, int count) {
  if (!(maximum > 0)) maximum = 1.0;
  const double raw = maximum / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10.0 * magnitude;
  for (double factor : {1.0, 2.0, 2.5, 5.0}) {
    if (factor * magnitude >= raw) {
      step = factor * magnitude;
      break;
    }
  }
  const int steps = static_cast<int>(std::ceil(maximum / step - 1e-9));
  std::vector<double> ticks;
  for (int i = 0; i <= steps; ++i) ticks.push_back(i * step);
  return ticks;
}

/// Short axis labels: 250k, 1M, $20B.
QString compactNumber(double value) {
  const QLocale locale(QLocale::English);
  auto trimmed = [&](double v) { return locale.toString(v, 'g', 3); };
  if (std::fabs(value) >= 1e9) return trimmed(value / 1e9) + QLatin1Char('B');
  if (std::fabs(value) >= 1e6) return trimmed(value / 1e6) + QLatin1Char('M');
  if (std::fabs(value) >= 1e4) return trimmed(value / 1e3) + QLatin1Char('k');
  return locale.toString(value, 'g', 4);
}

/// A chart's plot area and value ranges: days (Julian) across, one quantity up.
struct ChartFrame {
  QRectF plot;
  double xMin = 0, xMax = 1, yMax = 1;
  double x(double value) const { return plot.left() + (value - xMin) / (xMax - xMin) * plot.width(); }
  double y(double value) const { return plot.bottom() - value / yMax * plot.height(); }
};

void drawChartTitle(QPainter& painter, const QRectF& rect, const QString& title, const QString& unit) {
  painter.setPen(kText);
  painter.setFont(reportFont(8.5, true));
  painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), 14), Qt::AlignLeft | Qt::AlignVCenter, title);
  painter.setFont(reportFont(6.5));
  painter.setPen(kMuted);
  painter.drawText(QRectF(rect.left(), rect.top() + 14, rect.width(), 10), Qt::AlignLeft | Qt::AlignVCenter, unit);
}

/// Horizontal grid lines with their labels at the left, and the plot's frame.
void drawValueAxis(QPainter& painter, const ChartFrame& frame, const std::vector<double>& ticks,
                   const std::function<QString(double)>& label) {
  painter.setFont(reportFont(6.5));
  for (double tick : ticks) {
    const double y = frame.y(tick);
    painter.setPen(QPen(kGrid, 0.5));
    painter.drawLine(QPointF(frame.plot.left(), y), QPointF(frame.plot.right(), y));
    painter.setPen(kMuted);
    painter.drawText(QRectF(frame.plot.left() - 44, y - 5, 40, 10), Qt::AlignRight | Qt::AlignVCenter, label(tick));
  }
  painter.setPen(QPen(kRule, 0.7));
  painter.drawLine(frame.plot.bottomLeft(), frame.plot.bottomRight());
  painter.drawLine(frame.plot.bottomLeft(), frame.plot.topLeft());
}

/// Month ticks along a date axis, every 1, 2, 3, 6 or 12 months so that about eight fit.
void drawDateAxis(QPainter& painter, const ChartFrame& frame) {
  const QDate first = QDate::fromJulianDay(static_cast<qint64>(std::ceil(frame.xMin)));
  const QDate last = QDate::fromJulianDay(static_cast<qint64>(std::floor(frame.xMax)));
  const int months = (last.year() - first.year()) * 12 + last.month() - first.month() + 1;
  int step = 24;
  for (int candidate : {1, 2, 3, 6, 12}) {
    if (months / candidate <= 8) {
      step = candidate;
      break;
    }
  }
  const QLocale locale(QLocale::English);
  painter.setFont(reportFont(6.5));
  for (QDate month(first.year(), first.month(), 1); month <= last; month = month.addMonths(1)) {
    if (month < first || (month.month() - 1) % step != 0) continue;
    const double x = frame.x(static_cast<double>(month.toJulianDay()));
    painter.setPen(QPen(kRule, 0.7));
    painter.drawLine(QPointF(x, frame.plot.bottom()), QPointF(x, frame.plot.bottom() + 3));
    painter.setPen(kMuted);
    painter.drawText(QRectF(x - 30, frame.plot.bottom() + 4, 60, 10), Qt::AlignHCenter | Qt::AlignTop,
                     locale.toString(month, step >= 12 ? QStringLiteral("yyyy") : QStringLiteral("MMM yyyy")));
  }
}

/// One legend line per entry, from the top right of the plot: a swatch (line or box) and its text.
struct LegendEntry {
  QColor colour;
  QString text;
  Qt::PenStyle line = Qt::NoPen;  ///< a line sample in this style; NoPen draws a filled box
};

/// Returns the box it fills.
QRectF drawLegend(QPainter& painter, const QPointF& topRight, const std::vector<LegendEntry>& entries) {
  const QFont font = reportFont(6.5);
  const QFontMetricsF metrics(font, painter.device());
  double width = 0;
  for (const LegendEntry& entry : entries) width = std::max(width, metrics.horizontalAdvance(entry.text));
  const double lineHeight = 10.0;
  const QRectF box(topRight.x() - width - 24, topRight.y(), width + 22, lineHeight * entries.size() + 4);
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(255, 255, 255, 230));
  painter.drawRect(box);
  painter.setFont(font);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const double y = box.top() + 2 + lineHeight * static_cast<double>(i) + lineHeight / 2;
    const LegendEntry& entry = entries[i];
    if (entry.line == Qt::NoPen) {
      painter.setPen(Qt::NoPen);
      painter.setBrush(entry.colour);
      painter.drawRect(QRectF(box.left() + 3, y - 3, 12, 6));
    } else {
      painter.setPen(QPen(entry.colour, 1.4, entry.line));
      painter.drawLine(QPointF(box.left() + 3, y), QPointF(box.left() + 15, y));
    }
    painter.setPen(kText);
    painter.drawText(QRectF(box.left() + 19, y - 5, width + 4, 10), Qt::AlignLeft | Qt::AlignVCenter, entry.text);
  }
  painter.setBrush(Qt::NoBrush);
  return box;
}

/// Value labels of one chart, each placed where no other label or legend is. A label goes beside
/// its point if it can; else it steps away from it one line at a time, on either side, with a thin
/// leader back to the point. One that finds no room is left out: the table above the chart has
/// every value.
class LabelPlacer {
 public:
  LabelPlacer(QPainter& painter, const QRectF& bounds) : painter_(painter), bounds_(bounds) {}

  /// Keeps labels off a region (a legend).
  void reserve(const QRectF& region) { taken_.push_back(region); }

  /// A label beside a point of a line, above or below it by preference, to its right or else left.
  bool besidePoint(const QPointF& at, const QString& text, bool above) {
    const double width = textWidth(text);
    std::vector<QRectF> candidates;
    for (int step = 0; step <= kMaxSteps; ++step)
      for (const bool up : {above, !above})
        for (const bool right : {true, false})
          candidates.emplace_back(right ? at.x() + 3 : at.x() - 3 - width,
                                  up ? at.y() - kLine - 1 - step * kLine : at.y() + 1 + step * kLine, width, kLine);
    return draw(at, text, candidates, Qt::AlignLeft | Qt::AlignVCenter);
  }

  /// A label centred above a point (a bar's top), stepping up while it is taken.
  bool centredAbove(const QPointF& at, const QString& text) {
    const double width = textWidth(text);
    std::vector<QRectF> candidates;
    for (int step = 0; step <= kMaxSteps; ++step)
      candidates.emplace_back(at.x() - width / 2, at.y() - kLine - 1 - step * kLine, width, kLine);
    return draw(at, text, candidates, Qt::AlignHCenter | Qt::AlignVCenter);
  }

 private:
  static constexpr double kLine = 10.0;  ///< a label's height in points
  static constexpr int kMaxSteps = 24;

  double textWidth(const QString& text) const {
    return QFontMetricsF(painter_.font(), painter_.device()).horizontalAdvance(text) + 1;
  }

  bool draw(const QPointF& at, const QString& text, const std::vector<QRectF>& candidates, Qt::Alignment align) {
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      const QRectF& box = candidates[i];
      if (!bounds_.contains(box)) continue;
      if (std::any_of(taken_.begin(), taken_.end(), [&](const QRectF& t) { return t.intersects(box); })) continue;
      taken_.push_back(box);
      if (!box.adjusted(-4, -1, 4, 1).contains(at)) {  // away from its point: a leader shows whose it is
        const QPen pen = painter_.pen();
        painter_.setPen(QPen(kMuted, 0.4));
        const QPointF end(std::clamp(at.x(), box.left(), box.right()), at.y() < box.top() ? box.top() : box.bottom());
        painter_.drawLine(at, end);
        painter_.setPen(pen);
      }
      painter_.fillRect(box, QColor(255, 255, 255, 210));  // a halo: the lines under a label stay faint
      painter_.drawText(box, align, text);
      return true;
    }
    return false;
  }

  QPainter& painter_;
  QRectF bounds_;
  std::vector<QRectF> taken_;
};

/// The date range of a build-out: from the first phase's start to a little after the last training.
ChartFrame timelineFrame(const std::vector<PhaseResult>& phases, const QRectF& plot, double yMax) {
  ChartFrame frame;
  frame.plot = plot;
  frame.xMin = static_cast<double>(phases.front().start.toJulianDay());
  double end = frame.xMin + 30;
  for (const PhaseResult& phase : phases) end = std::max(end, static_cast<double>(phase.training.toJulianDay()));
  frame.xMax = end + (end - frame.xMin) * 0.06;
  frame.yMax = yMax;
  return frame;
}

QRectF plotArea(const QRectF& rect) {
  return QRectF(rect.left() + 48, rect.top() + 30, rect.width() - 56, rect.height() - 48);
}

}  // namespace

void paintGpusOnline(QPainter& painter, const QRectF& rect, const std::vector<PhaseResult>& phases) {
  drawChartTitle(painter, rect, QStringLiteral("GPUs online"),
                 QStringLiteral("GPUs training, by date; dashed: racks being installed"));
  double top = 0;
  for (const PhaseResult& phase : phases) top = std::max(top, valueOf(phase.site, OutputId::clusterGpus));
  const std::vector<double> ticks = niceTicks(top * 1.08, 5);
  const ChartFrame frame = timelineFrame(phases, plotArea(rect), ticks.back());
  drawValueAxis(painter, frame, ticks, compactNumber);
  drawDateAxis(painter, frame);

  QPainterPath step;
  step.moveTo(frame.x(frame.xMin), frame.y(0));
  double online = 0;
  for (const PhaseResult& phase : phases) {
    const double x = frame.x(static_cast<double>(phase.training.toJulianDay()));
    step.lineTo(x, frame.y(online));
    online = valueOf(phase.site, OutputId::clusterGpus);
    step.lineTo(x, frame.y(online));
  }
  step.lineTo(frame.x(frame.xMax), frame.y(online));
  QPainterPath area = step;
  area.lineTo(frame.x(frame.xMax), frame.y(0));
  area.closeSubpath();
  painter.setPen(Qt::NoPen);
  painter.setBrush(QColor(kAccent.red(), kAccent.green(), kAccent.blue(), 28));
  painter.drawPath(area);
  painter.setBrush(Qt::NoBrush);

  double before = 0;
  painter.setFont(reportFont(6.5));
  LabelPlacer labels(painter, frame.plot);
  for (std::size_t k = 0; k < phases.size(); ++k) {
    const PhaseResult& phase = phases[k];
    const double after = valueOf(phase.site, OutputId::clusterGpus);
    const QPointF from(frame.x(static_cast<double>(phase.firstRack.toJulianDay())), frame.y(before));
    const QPointF to(frame.x(static_cast<double>(phase.training.toJulianDay())), frame.y(after));
    painter.setPen(QPen(phaseColour(static_cast<int>(k)), 1.0, Qt::DashLine));
    painter.drawLine(from, to);
    painter.setPen(kText);
    labels.besidePoint(to, QStringLiteral("P%1: %2").arg(k + 1).arg(ProjectReport::formatCount(after)), true);
    before = after;
  }
  painter.setPen(QPen(kAccent, 1.6));
  painter.drawPath(step);
}

void paintPower(QPainter& painter, const QRectF& rect, const std::vector<PhaseResult>& phases) {
  drawChartTitle(painter, rect, QStringLiteral("Facility power against power available"),
                 QStringLiteral("MW; facility power at full IT load once a phase trains"));
  double top = 0;
  for (const PhaseResult& phase : phases)
    top = std::max(
        {top, valueOf(phase.site, OutputId::powerFacilityMw), valueOf(phase.site, OutputId::sitePowerAvailableMw)});
  const std::vector<double> ticks = niceTicks(top * 1.08, 5);
  const ChartFrame frame = timelineFrame(phases, plotArea(rect), ticks.back());
  drawValueAxis(painter, frame, ticks, compactNumber);
  drawDateAxis(painter, frame);

  auto stepPath = [&](auto dateOf, OutputId id) {
    QPainterPath path;
    path.moveTo(frame.x(frame.xMin), frame.y(0));
    double value = 0;
    for (const PhaseResult& phase : phases) {
      const double x = frame.x(static_cast<double>(dateOf(phase).toJulianDay()));
      path.lineTo(x, frame.y(value));
      value = valueOf(phase.site, id);
      path.lineTo(x, frame.y(value));
    }
    path.lineTo(frame.x(frame.xMax), frame.y(value));
    return path;
  };
  const QColor available(40, 140, 70);
  painter.setPen(QPen(available, 1.4, Qt::DashLine));
  painter.drawPath(stepPath([](const PhaseResult& p) { return p.start; }, OutputId::sitePowerAvailableMw));
  painter.setPen(QPen(kAccent, 1.6));
  painter.drawPath(stepPath([](const PhaseResult& p) { return p.training; }, OutputId::powerFacilityMw));

  const QRectF legend = drawLegend(painter, QPointF(frame.plot.right(), frame.plot.top() - 24),
                                   {{kAccent, QStringLiteral("facility power at full IT load"), Qt::SolidLine},
                                    {available, QStringLiteral("power available (grid and on-site)"), Qt::DashLine}});
  painter.setFont(reportFont(6.5));
  LabelPlacer labels(painter, frame.plot);
  labels.reserve(legend);
  for (std::size_t k = 0; k < phases.size(); ++k) {
    const double mw = valueOf(phases[k].site, OutputId::powerFacilityMw);
    const QPointF at(frame.x(static_cast<double>(phases[k].training.toJulianDay())), frame.y(mw));
    // Above the line, unless the power-available line runs just above it there.
    double availableThen = 0;
    for (const PhaseResult& phase : phases)
      if (phase.start <= phases[k].training) availableThen = valueOf(phase.site, OutputId::sitePowerAvailableMw);
    const double gapPt = at.y() - frame.y(availableThen);
    const bool over = availableThen > 0 && valueOf(phases[k].site, OutputId::sitePowerMarginMw) < 0;
    painter.setPen(over ? QColor(190, 30, 40) : kText);
    labels.besidePoint(at,
                       QStringLiteral("P%1: %2%3")
                           .arg(k + 1)
                           .arg(ProjectReport::formatMw(mw), over ? QStringLiteral(" (over)") : QString()),
                       !(gapPt >= 0 && gapPt < 13));
  }
}

const std::vector<CapexCategory>& capexCategories() {
  static const std::vector<CapexCategory> categories = {
      {OutputId::costSystemsUsd, "GPU systems", QColor(46, 110, 190)},
      {OutputId::costSwitchesUsd, "switches", QColor(120, 170, 225)},
      {OutputId::costOpticsCablesUsd, "optics and cables", QColor(30, 170, 190)},
      {OutputId::costStorageUsd, "storage", QColor(140, 90, 180)},
      {OutputId::costElectricalUsd, "electrical", QColor(230, 120, 30)},
      {OutputId::costCoolingUsd, "cooling", QColor(50, 160, 70)},
      {OutputId::costBuildingUsd, "building", QColor(150, 150, 155)},
      {OutputId::costLandUsd, "land", QColor(180, 180, 40)}};
  return categories;
}

void paintCapex(QPainter& painter, const QRectF& rect, const std::vector<PhaseResult>& phases) {
  drawChartTitle(painter, rect, QStringLiteral("Capex per phase"),
                 QStringLiteral("USD each phase adds, at its own prices, by category"));
  double top = 0;
  for (const PhaseResult& phase : phases) top = std::max(top, valueOf(phase.added, OutputId::costCapexUsd));
  const std::vector<double> ticks = niceTicks(top * 1.12, 5);
  ChartFrame frame;
  frame.plot = plotArea(rect);
  frame.plot.setRight(frame.plot.right() - 86);  // room for the legend
  frame.yMax = ticks.back();
  drawValueAxis(painter, frame, ticks, [](double v) { return QLatin1Char('$') + compactNumber(v); });

  const double slot = frame.plot.width() / static_cast<double>(phases.size());
  const double barWidth = std::min(slot * 0.6, 60.0);
  const QFont font = reportFont(6.5);
  const QFontMetricsF metrics(font, painter.device());
  painter.setFont(font);
  LabelPlacer labels(
      painter, QRectF(frame.plot.left(), rect.top() + 26, frame.plot.width(), frame.plot.bottom() - rect.top() - 26));
  for (std::size_t k = 0; k < phases.size(); ++k) {
    const double centre = frame.plot.left() + slot * (static_cast<double>(k) + 0.5);
    double stacked = 0;
    for (const CapexCategory& category : capexCategories()) {
      const double value = std::max(0.0, valueOf(phases[k].added, category.id));
      if (value <= 0) continue;
      painter.setPen(Qt::NoPen);
      painter.setBrush(category.colour);
      painter.drawRect(QRectF(QPointF(centre - barWidth / 2, frame.y(stacked + value)),
                              QPointF(centre + barWidth / 2, frame.y(stacked))));
      stacked += value;
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(kMuted);
    const QString label = metrics.elidedText(phases[k].name, Qt::ElideRight, slot - 4);
    painter.drawText(QRectF(centre - slot / 2, frame.plot.bottom() + 4, slot, 10), Qt::AlignHCenter | Qt::AlignTop,
                     label);
  }
  // The totals after every bar, so that no bar covers a total that had to step aside.
  painter.setPen(kText);
  for (std::size_t k = 0; k < phases.size(); ++k) {
    double stacked = 0;
    for (const CapexCategory& category : capexCategories())
      stacked += std::max(0.0, valueOf(phases[k].added, category.id));
    labels.centredAbove(QPointF(frame.plot.left() + slot * (static_cast<double>(k) + 0.5), frame.y(stacked)),
                        ProjectReport::formatUsd(valueOf(phases[k].added, OutputId::costCapexUsd)));
  }
  std::vector<LegendEntry> legend;
  for (auto it = capexCategories().rbegin(); it != capexCategories().rend(); ++it)
    legend.push_back({it->colour, QString::fromLatin1(it->name)});
  drawLegend(painter, QPointF(rect.right(), frame.plot.top()), legend);
}

}  // namespace gigaplan::report
