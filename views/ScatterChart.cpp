#include "ScatterChart.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace gigaplan {

namespace {

constexpr double kPointRadius = 5.0;
constexpr double kPickRadius = 9.0;

/// A step of 1, 2 or 5 times a power of ten that cuts [low, high] into about five.
double niceStep(double span) {
  const double raw = span / 5.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0})
    if (raw <= m * power) return m * power;
  return 10.0 * power;
}

/// Blue through green to red: where `t` (0 to 1) lies between the lowest and the highest.
QColor ramp(double t) {
  t = std::clamp(t, 0.0, 1.0);
  return QColor::fromHsvF(static_cast<float>((1.0 - t) * 0.66), 0.8f, 0.85f);
}

/// A value as an axis shows it, to the precision `span` (the distance between neighbouring
/// values) needs: thousands, millions and billions shortened to k, M and G.
QString compact(double value, double span) {
  static const std::pair<double, const char*> scales[] = {{1e9, " G"}, {1e6, " M"}, {1e3, " k"}, {1.0, ""}};
  for (const auto& [scale, suffix] : scales) {
    if (std::fabs(value) < scale && scale > 1.0) continue;
    const double step = span / scale;
    const int decimals = step > 0 ? std::clamp(static_cast<int>(std::ceil(-std::log10(step) + 1e-9)), 0, 6) : 2;
    return QString::number(value / scale, 'f', decimals) + QString::fromLatin1(suffix);
  }
  return QString::number(value);
}

}  // namespace

ScatterChart::ScatterChart(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

ScatterChart::Axis ScatterChart::axisOf(const std::vector<double>& values) {
  Axis axis;
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (double v : values)
    if (std::isfinite(v)) {
      low = std::min(low, v);
      high = std::max(high, v);
    }
  if (!std::isfinite(low)) return axis;
  if (high - low <= std::fabs(high) * 1e-12) {  // one value: a span around it
    const double pad = std::max(std::fabs(high) * 0.05, 1e-9);
    low -= pad;
    high += pad;
  }
  const double step = niceStep(high - low);
  axis.low = std::floor(low / step) * step;
  axis.high = std::ceil(high / step) * step;
  for (double tick = axis.low; tick <= axis.high + step * 1e-9; tick += step) axis.ticks.push_back(tick);
  return axis;
}

void ScatterChart::setPoints(std::vector<ScatterPoint> points, const QString& xTitle, const QString& yTitle,
                             const QString& colourTitle) {
  points_ = std::move(points);
  xTitle_ = xTitle;
  yTitle_ = yTitle;
  colourTitle_ = colourTitle;
  std::vector<double> xs, ys;
  colourLow_ = std::numeric_limits<double>::infinity();
  colourHigh_ = -colourLow_;
  for (const ScatterPoint& p : points_) {
    xs.push_back(p.x);
    ys.push_back(p.y);
    if (std::isfinite(p.colour)) {
      colourLow_ = std::min(colourLow_, p.colour);
      colourHigh_ = std::max(colourHigh_, p.colour);
    }
  }
  x_ = axisOf(xs);
  y_ = axisOf(ys);
  if (selected_ >= static_cast<int>(points_.size())) selected_ = -1;
  update();
}

void ScatterChart::clear() {
  setPoints({}, {}, {}, {});
  selected_ = -1;
}

void ScatterChart::select(int point) {
  selected_ = point >= 0 && point < static_cast<int>(points_.size()) ? point : -1;
  update();
}

QRectF ScatterChart::plot() const {
  const QFontMetricsF metrics(font());
  const double left = metrics.horizontalAdvance(QStringLiteral("0000.00 M")) + metrics.height() + 8;
  const double bottom = 2 * metrics.height() + 10;
  const double top = metrics.height() + 8;
  const double right = metrics.horizontalAdvance(QStringLiteral("0.000000 M")) + 6;
  return QRectF(left, top, std::max(10.0, width() - left - right), std::max(10.0, height() - top - bottom));
}

QPointF ScatterChart::positionOf(int point) const {
  const QRectF area = plot();
  const ScatterPoint& p = points_[static_cast<std::size_t>(point)];
  return {area.left() + (p.x - x_.low) / (x_.high - x_.low) * area.width(),
          area.bottom() - (p.y - y_.low) / (y_.high - y_.low) * area.height()};
}

int ScatterChart::pointAt(const QPointF& position) const {
  int nearest = -1;
  double best = kPickRadius;
  for (int i = 0; i < static_cast<int>(points_.size()); ++i) {
    if (!std::isfinite(points_[static_cast<std::size_t>(i)].x) ||
        !std::isfinite(points_[static_cast<std::size_t>(i)].y))
      continue;
    const double distance = QLineF(position, positionOf(i)).length();
    if (distance <= best) {
      best = distance;
      nearest = i;
    }
  }
  return nearest;
}

void ScatterChart::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().base());
  painter.setRenderHint(QPainter::Antialiasing);
  const QFontMetricsF metrics(font());
  if (points_.empty()) {
    painter.setPen(palette().placeholderText().color());
    painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Run the search to see its designs here."));
    return;
  }
  const QRectF area = plot();
  // Grid and ticks.
  painter.setPen(QPen(palette().mid().color(), 0.5));
  for (double tick : x_.ticks) {
    const double x = area.left() + (tick - x_.low) / (x_.high - x_.low) * area.width();
    painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
  }
  for (double tick : y_.ticks) {
    const double y = area.bottom() - (tick - y_.low) / (y_.high - y_.low) * area.height();
    painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
  }
  painter.setPen(palette().text().color());
  painter.drawRect(area);
  for (double tick : x_.ticks) {
    const double x = area.left() + (tick - x_.low) / (x_.high - x_.low) * area.width();
    const QString label = compact(tick, x_.ticks.size() > 1 ? x_.ticks[1] - x_.ticks[0] : 0.0);
    painter.drawText(QRectF(x - 60, area.bottom() + 2, 120, metrics.height()), Qt::AlignHCenter, label);
  }
  for (double tick : y_.ticks) {
    const double y = area.bottom() - (tick - y_.low) / (y_.high - y_.low) * area.height();
    painter.drawText(QRectF(0, y - metrics.height() / 2, area.left() - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter,
                     compact(tick, y_.ticks.size() > 1 ? y_.ticks[1] - y_.ticks[0] : 0.0));
  }
  painter.drawText(QRectF(area.left(), height() - metrics.height() - 2, area.width(), metrics.height()),
                   Qt::AlignHCenter, xTitle_);
  painter.drawText(QRectF(area.left(), 2, area.width(), metrics.height()), Qt::AlignLeft, yTitle_);
  // The colour scale, right of the plot.
  const QRectF scale(area.right() + 8, area.top() + metrics.height(), 10, area.height() - 2 * metrics.height());
  for (int i = 0; i < static_cast<int>(scale.height()); ++i)
    painter.fillRect(QRectF(scale.left(), scale.bottom() - i - 1, scale.width(), 1), ramp(i / scale.height()));
  // The colour scale's ends, to the precision their difference needs.
  const double colourSpan = (colourHigh_ - colourLow_) / 10.0;
  const double labelWidth = width() - area.right() - 2;
  painter.drawText(QRectF(area.right() + 2, area.top() - metrics.height(), labelWidth, metrics.height()), Qt::AlignLeft,
                   std::isfinite(colourHigh_) ? compact(colourHigh_, colourSpan) : QString());
  painter.drawText(QRectF(area.right() + 2, scale.bottom() + 2, labelWidth, metrics.height()), Qt::AlignLeft,
                   std::isfinite(colourLow_) ? compact(colourLow_, colourSpan) : QString());
  // The points: designs that keep their goal filled, others as rings; the selected one larger.
  for (int i = 0; i < static_cast<int>(points_.size()); ++i) {
    const ScatterPoint& p = points_[static_cast<std::size_t>(i)];
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) continue;
    const double t = colourHigh_ > colourLow_ ? (p.colour - colourLow_) / (colourHigh_ - colourLow_) : 0.5;
    const QColor colour = std::isfinite(p.colour) ? ramp(t) : palette().mid().color();
    const double radius = i == selected_ ? kPointRadius + 3 : kPointRadius;
    painter.setPen(QPen(i == selected_ ? palette().text().color() : colour.darker(140), i == selected_ ? 2 : 1));
    painter.setBrush(p.marked ? Qt::NoBrush : QBrush(colour));
    painter.drawEllipse(positionOf(i), radius, radius);
  }
}

void ScatterChart::mousePressEvent(QMouseEvent* event) {
  const int point = pointAt(event->position());
  if (point < 0) return QWidget::mousePressEvent(event);
  select(point);
  emit pointClicked(point);
}

bool ScatterChart::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int point = pointAt(help->pos());
    if (point < 0) {
      QToolTip::hideText();
      event->ignore();
      return true;
    }
    QToolTip::showText(help->globalPos(), points_[static_cast<std::size_t>(point)].tip, this);
    return true;
  }
  return QWidget::event(event);
}

}  // namespace gigaplan
