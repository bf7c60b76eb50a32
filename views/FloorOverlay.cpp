#include "FloorOverlay.h"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "FloorView.h"

namespace gigaplan {

namespace {

/// A round length for the scale bar: 1, 2 or 5 times a power of ten, at most `maximum`.
double roundLength(double maximum) {
  const double power = std::pow(10.0, std::floor(std::log10(maximum)));
  for (double step : {5.0, 2.0, 1.0})
    if (step * power <= maximum) return step * power;
  return power;
}

}  // namespace

FloorOverlay::FloorOverlay(FloorView* view, Kind kind) : QWidget(view), view_(view), kind_(kind) {
  setAttribute(Qt::WA_TransparentForMouseEvents);
}

void FloorOverlay::refresh() {
  QString content;
  if (kind_ == Kind::Legend) {
    content = view_->legendTitle();
    for (const auto& entry : view_->legend()) content += entry.colour.name() + entry.label;
  } else {
    const double metresPerPixel = view_->metresPerPixel();
    if (metresPerPixel > 0 && std::isfinite(metresPerPixel)) {
      metres_ = roundLength(160.0 * metresPerPixel);
      pixels_ = static_cast<int>(std::lround(metres_ / metresPerPixel));
      content = QStringLiteral("%1 %2 %3").arg(metres_).arg(pixels_).arg(view_->planMode());
    }
  }
  const QSize size = content.isEmpty() ? QSize() : contentSize();
  const QPoint corner = kind_ == Kind::Legend ? QPoint(10, 10) : QPoint(10, view_->height() - size.height() - 8);
  if (content == content_ && geometry() == QRect(corner, size)) return;
  content_ = content;
  setGeometry(QRect(corner, size));
  setVisible(!content.isEmpty());
  update();
}

void FloorOverlay::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(QColor(0, 0, 0, 60));
  painter.setBrush(QColor(255, 255, 255, 230));
  painter.drawRoundedRect(rect().adjusted(0, 0, -1, -1), 5, 5);
  if (kind_ == Kind::Legend)
    paintLegend(painter);
  else
    paintScaleBar(painter);
}

QString FloorOverlay::scaleLabel() const {
  const QString length = metres_ >= 1000 ? tr("%1 km").arg(metres_ / 1000) : tr("%1 m").arg(metres_);
  return view_->planMode() ? length : tr("%1 at the centre of view").arg(length);
}

QSize FloorOverlay::contentSize() const {
  const QFontMetrics metrics(font());
  if (kind_ == Kind::ScaleBar) return {pixels_ + 30 + metrics.horizontalAdvance(scaleLabel()), metrics.height() + 14};
  const int line = metrics.height() + 4;
  QFont bold = font();
  bold.setBold(true);
  int width = QFontMetrics(bold).horizontalAdvance(view_->legendTitle());
  for (const auto& entry : view_->legend()) width = std::max(width, 22 + metrics.horizontalAdvance(entry.label));
  return {width + 22, line * (static_cast<int>(view_->legend().size()) + 1) + 10};
}

void FloorOverlay::paintLegend(QPainter& painter) {
  const QFontMetrics metrics(font());
  const int line = metrics.height() + 4;
  painter.setPen(Qt::black);
  QFont bold = font();
  bold.setBold(true);
  painter.setFont(bold);
  painter.drawText(10, 6 + metrics.ascent(), view_->legendTitle());
  painter.setFont(font());
  int y = 6 + line;
  for (const auto& entry : view_->legend()) {
    painter.fillRect(QRect(10, y + 2, 14, metrics.height() - 4), entry.colour);
    painter.drawText(32, y + metrics.ascent(), entry.label);
    y += line;
  }
}

void FloorOverlay::paintScaleBar(QPainter& painter) {
  const int x = 8, y = height() / 2;
  painter.setPen(QPen(Qt::black, 2));
  painter.drawLine(x, y, x + pixels_, y);
  painter.drawLine(x, y - 5, x, y + 5);
  painter.drawLine(x + pixels_, y - 5, x + pixels_, y + 5);
  painter.drawText(x + pixels_ + 8, y + QFontMetrics(font()).ascent() / 2 - 1, scaleLabel());
}

}  // namespace gigaplan
