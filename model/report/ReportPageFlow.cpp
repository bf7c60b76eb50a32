#include "report/ReportPageFlow.h"

#include <QFontMetricsF>
#include <QPainter>

#include "report/ReportStyle.h"

namespace gigaplan::report {

void paintPage(QPainter& painter, const ReportPage& page, const QRectF& pageRect, int number, int total,
               const QString& project, const QString& issued) {
  const double left = kMarginPt;
  const double right = pageRect.width() - kMarginPt;
  const QFont font = reportFont(7.5);
  const QFontMetricsF metrics(font, painter.device());
  painter.setFont(font);
  if (!page.section.isEmpty()) {
    painter.setPen(kMuted);
    const QRectF line(left, 28, right - left, 12);
    painter.drawText(line, Qt::AlignLeft | Qt::AlignBottom,
                     metrics.elidedText(project, Qt::ElideRight, line.width() * 0.6));
    painter.drawText(line, Qt::AlignRight | Qt::AlignBottom,
                     metrics.elidedText(page.section, Qt::ElideRight, line.width() * 0.38));
    painter.setPen(QPen(kRule, 0.5));
    painter.drawLine(QPointF(left, 43), QPointF(right, 43));
  }
  for (const PlacedBlock& block : page.blocks) {
    painter.save();
    block.paint(painter, block.rect);
    painter.restore();
  }
  const double footerY = pageRect.height() - 36;
  painter.setFont(font);
  painter.setPen(QPen(kRule, 0.5));
  painter.drawLine(QPointF(left, footerY), QPointF(right, footerY));
  painter.setPen(kMuted);
  const QRectF line(left, footerY + 3, right - left, 12);
  painter.drawText(line, Qt::AlignLeft | Qt::AlignTop, QStringLiteral("Gigaplan report, issued %1").arg(issued));
  painter.drawText(line, Qt::AlignRight | Qt::AlignTop, QStringLiteral("page %1 of %2").arg(number).arg(total));
}

}  // namespace gigaplan::report
