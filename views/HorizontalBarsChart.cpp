#include "HorizontalBarsChart.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace gigaplan {

namespace {

constexpr double kPadding = 6.0;
constexpr double kRowGap = 3.0;  ///< between the lines of two rows' names

/// A round step (1, 2 or 5 x 10^n) that cuts `extent` into about `parts`.
double niceStep(double extent, int parts) {
  const double raw = extent / std::max(1, parts);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 5.0})
    if (factor * magnitude >= raw) return factor * magnitude;
  return 10.0 * magnitude;
}

/// `text` broken at spaces into lines no wider than `width`; the last of `maxLines` is shortened
/// with an ellipsis when the rest would not fit.
QStringList wrapped(const QString& text, const QFontMetricsF& metrics, double width, int maxLines) {
  QStringList lines;
  QString current;
  const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
  for (int i = 0; i < words.size(); ++i) {
    const QString candidate = current.isEmpty() ? words[i] : current + QLatin1Char(' ') + words[i];
    if (metrics.horizontalAdvance(candidate) <= width || current.isEmpty()) {
      current = candidate;
      continue;
    }
    if (lines.size() + 1 == maxLines) {  // the last line takes the rest, shortened
      current = candidate + QLatin1Char(' ') + QStringList(words.mid(i + 1)).join(QLatin1Char(' '));
      break;
    }
    lines << current;
    current = words[i];
  }
  lines << metrics.elidedText(current.trimmed(), Qt::ElideRight, width);
  return lines;
}

QFont nameFont(const QFont& base) {
  QFont font = base;
  font.setPointSizeF(base.pointSizeF() * 0.92);
  return font;
}

QString tickText(double value) {
  return QLocale().toString(std::fabs(value) < 1e-12 ? 0.0 : value, 'g', 4);
}

}  // namespace

HorizontalBarsChart::HorizontalBarsChart(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void HorizontalBarsChart::setBars(const QString& title, const QStringList& categories, const std::vector<BarSet>& sets,
                                  const QString& axisTitle) {
  title_ = title;
  categories_ = categories;
  sets_ = sets;
  axisTitle_ = axisTitle;
  update();
}

void HorizontalBarsChart::clear() {
  setBars(QString(), {}, {}, QString());
}

QSize HorizontalBarsChart::sizeHint() const {
  return {520, 260};
}

QSize HorizontalBarsChart::minimumSizeHint() const {
  const QFontMetricsF metrics(font());
  // Title, axis, legend and two rows of names.
  return {240, static_cast<int>(std::ceil(6 * metrics.height() + 2 * kPadding + 30 + 2 * kRowGap))};
}

HorizontalBarsChart::Layout HorizontalBarsChart::layout() const {
  Layout layout;
  const QFontMetricsF metrics(font());
  const QFontMetricsF names(nameFont(font()));
  const double line = metrics.height();
  const QRectF area = QRectF(rect()).adjusted(kPadding, kPadding, -kPadding, -kPadding);
  layout.titleBox = QRectF(area.left(), area.top(), area.width(), line + 4);
  const bool legend = std::any_of(sets_.begin(), sets_.end(), [](const BarSet& set) { return !set.name.isEmpty(); });
  layout.legendBox = QRectF(area.left(), area.bottom() - (legend ? line : 0), area.width(), legend ? line : 0);
  const double axisHeight = 2 * line + 6;  // tick labels and the axis title
  const double top = layout.titleBox.bottom() + 4;
  const double bottom = layout.legendBox.top() - (legend ? 4 : 0) - axisHeight;

  // The value axis: round ticks over every finite value and zero.
  double low = 0, high = 0;
  for (qsizetype row = 0; row < categories_.size(); ++row) {
    double below = 0, above = 0;  // a stacked row's ends
    for (const BarSet& set : sets_) {
      const double v = set.values.value(row, 0.0);
      if (!std::isfinite(v)) continue;
      if (stacked_) (v < 0 ? below : above) += v;
      low = std::min(low, stacked_ ? below : v);
      high = std::max(high, stacked_ ? above : v);
    }
  }
  if (!(high > low)) high = low + 1;

  // Names take what they need, up to 45 % of the width; the rest is the plot.
  double natural = 0;
  for (const QString& name : categories_) natural = std::max(natural, names.horizontalAdvance(name));
  layout.labelWidth = std::min(natural + 2, area.width() * 0.45);
  const double tickHalf = metrics.horizontalAdvance(QStringLiteral("-0000.0")) / 2;
  layout.plot = QRectF(area.left() + layout.labelWidth + 8, top,
                       std::max(10.0, area.width() - layout.labelWidth - 8 - tickHalf), std::max(0.0, bottom - top));
  const int parts = std::max(2, static_cast<int>(layout.plot.width() / (tickHalf * 2 + 16)));
  const double step = niceStep(high - low, parts);
  layout.low = std::floor(low / step + 1e-9) * step;
  layout.high = std::ceil(high / step - 1e-9) * step;
  if (symmetric_ && low < 0 && high > 0) {  // symmetric about zero, so that a swing's two sides compare by eye
    layout.high = std::max(layout.high, -layout.low);
    layout.low = -layout.high;
  }
  for (double tick = layout.low; tick <= layout.high + step * 1e-6; tick += step) layout.ticks.push_back(tick);

  // Rows from the top while they fit: a name that is too long for one line takes two.
  const double lineHeight = names.height();
  double used = 0;
  std::vector<double> heights;
  for (const QString& name : categories_) {
    const QStringList lines = wrapped(name, names, layout.labelWidth, 2);
    const double height = lines.size() * lineHeight + kRowGap;
    if (used + height > layout.plot.height() + 0.5) break;
    used += height;
    heights.push_back(height);
    layout.names.push_back(lines.join(QLatin1Char('\n')));
  }
  layout.rows = static_cast<int>(heights.size());
  // The room left is shared evenly, so that bars are as thick as the widget allows.
  layout.rowHeight = layout.rows > 0 ? layout.plot.height() / layout.rows : 0;
  return layout;
}

QStringList HorizontalBarsChart::shownNames() const {
  QStringList shown;
  for (const QString& name : layout().names) shown << QString(name).replace(QLatin1Char('\n'), QLatin1Char(' '));
  return shown;
}

int HorizontalBarsChart::hiddenCategories() const {
  return static_cast<int>(categories_.size()) - layout().rows;
}

void HorizontalBarsChart::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(rect(), palette().base());
  const Layout l = layout();
  const QColor text = palette().color(QPalette::Text);
  const QColor muted = palette().color(QPalette::PlaceholderText);

  QFont bold = font();
  bold.setBold(true);
  painter.setFont(bold);
  painter.setPen(text);
  painter.drawText(l.titleBox, Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(bold).elidedText(title_, Qt::ElideRight, l.titleBox.width()));
  if (categories_.isEmpty()) return;
  painter.setFont(font());
  if (l.rows < categories_.size()) {
    painter.setPen(muted);
    painter.drawText(l.titleBox, Qt::AlignRight | Qt::AlignVCenter,
                     tr("top %1 of %2; all in the table").arg(l.rows).arg(categories_.size()));
  }

  // Grid and ticks.
  const QFontMetricsF metrics(font());
  for (const double tick : l.ticks) {
    const double x = l.x(tick);
    painter.setPen(QPen(std::abs(tick) < 1e-12 ? muted : palette().color(QPalette::Midlight), 1));
    painter.drawLine(QPointF(x, l.plot.top()), QPointF(x, l.plot.bottom()));
    painter.setPen(text);
    painter.drawText(QRectF(x - 40, l.plot.bottom() + 2, 80, metrics.height()), Qt::AlignHCenter | Qt::AlignTop,
                     tickText(tick));
  }
  QFont axisFont = font();
  axisFont.setBold(true);
  painter.setFont(axisFont);
  painter.drawText(QRectF(l.plot.left(), l.plot.bottom() + 2 + metrics.height(), l.plot.width(), metrics.height() + 2),
                   Qt::AlignHCenter | Qt::AlignTop, axisTitle_);

  // Rows: the name at the left, one bar per set from zero.
  painter.setFont(nameFont(font()));
  const double band = std::min(l.rowHeight * 0.7, metrics.height() * 1.6);
  const double thickness = sets_.empty() ? 0 : band / static_cast<double>(sets_.size());  // side by side
  for (int r = 0; r < l.rows; ++r) {
    const double top = l.plot.top() + r * l.rowHeight;
    painter.setPen(text);
    painter.drawText(QRectF(l.plot.left() - 8 - l.labelWidth, top, l.labelWidth, l.rowHeight),
                     Qt::AlignRight | Qt::AlignVCenter, l.names[static_cast<std::size_t>(r)]);
    const double first = top + (l.rowHeight - band) / 2;
    double below = 0, above = 0;  // where a stacked row's next bar starts
    for (std::size_t s = 0; s < sets_.size(); ++s) {
      const double value = sets_[s].values.value(r, 0.0);
      if (!std::isfinite(value) || value == 0) continue;
      double from = 0, to = value;
      if (stacked_) {
        double& end = value < 0 ? below : above;
        from = end;
        to = end += value;
      }
      const double x0 = l.x(std::clamp(from, l.low, l.high)), x1 = l.x(std::clamp(to, l.low, l.high));
      const double y0 = stacked_ ? first : first + s * thickness;
      const double y1 = stacked_ ? first + band : first + (s + 1) * thickness - 1;
      painter.setPen(Qt::NoPen);
      painter.setBrush(sets_[s].colour);
      painter.drawRect(QRectF(QPointF(std::min(x0, x1), y0), QPointF(std::max(x0, x1), y1)));
    }
  }
  painter.setBrush(Qt::NoBrush);

  // Legend: a swatch and a name per set, centred.
  painter.setFont(font());
  double width = 0;
  for (const BarSet& set : sets_) width += 14 + metrics.horizontalAdvance(set.name) + 16;
  double x = l.legendBox.center().x() - width / 2;
  for (const BarSet& set : sets_) {
    if (set.name.isEmpty()) continue;
    painter.fillRect(QRectF(x, l.legendBox.center().y() - 4, 10, 8), set.colour);
    painter.setPen(text);
    const double nameWidth = metrics.horizontalAdvance(set.name) + 1;
    painter.drawText(QRectF(x + 14, l.legendBox.top(), nameWidth, l.legendBox.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, set.name);
    x += 14 + nameWidth + 16;
  }
}

bool HorizontalBarsChart::event(QEvent* event) {
  if (event->type() != QEvent::ToolTip) return QWidget::event(event);
  const auto* help = static_cast<QHelpEvent*>(event);
  const Layout l = layout();
  const double y = help->pos().y() - l.plot.top();
  const int row = l.rowHeight > 0 && y >= 0 ? static_cast<int>(y / l.rowHeight) : -1;
  if (row < 0 || row >= l.rows) {
    QToolTip::hideText();
    event->ignore();
    return true;
  }
  QStringList lines{categories_[row]};
  for (const BarSet& set : sets_)
    if (!stacked_ || set.values.value(row) != 0)
      lines << QStringLiteral("%1: %2 %3").arg(set.name, QLocale().toString(set.values.value(row), 'f', 2), axisTitle_);
  QToolTip::showText(help->globalPos(), lines.join(QLatin1Char('\n')), this);
  return true;
}

}  // namespace gigaplan
