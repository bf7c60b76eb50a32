#include "report/ReportStyle.h"

#include <QDate>
#include <QLocale>
#include <QPainter>
#include <QSet>
#include <QTextLayout>
#include <cmath>

#include "engine/ResultFormat.h"
#include "layout/FloorPalette.h"
#include "plan/TenantPlan.h"
#include "report/ProjectReport.h"

namespace gigaplan {

// ---------------------------------------------------------------------------------------------
// ProjectReport's public number formats.

QString ProjectReport::formatCount(double value) {
  return QLocale(QLocale::English).toString(std::round(value), 'f', 0);
}

QString ProjectReport::formatMw(double mw) {
  return QLocale(QLocale::English).toString(mw, 'f', 1) + QStringLiteral(" MW");
}

QString ProjectReport::formatUsd(double usd) {
  const QLocale locale(QLocale::English);
  const double magnitude = std::fabs(usd);
  const QString sign = usd < 0 ? QStringLiteral("-") : QString();
  if (magnitude >= 1e9) return sign + QLatin1Char('$') + locale.toString(magnitude / 1e9, 'f', 2) + QLatin1Char('B');
  if (magnitude >= 1e6) return sign + QLatin1Char('$') + locale.toString(magnitude / 1e6, 'f', 1) + QLatin1Char('M');
  if (magnitude >= 1e3) return sign + QLatin1Char('$') + locale.toString(magnitude, 'f', 0);
  return sign + QLatin1Char('$') + locale.toString(magnitude, 'f', 2);
}

QString ProjectReport::formatDate(const QDate& date) {
  return date.toString(Qt::ISODate);
}

namespace report {

namespace {

bool isCountUnit(const QString& unit) {
  static const QSet<QString> counts = {
      QStringLiteral("GPUs"),     QStringLiteral("nodes"),     QStringLiteral("domains"), QStringLiteral("racks"),
      QStringLiteral("switches"), QStringLiteral("links"),     QStringLiteral("modules"), QStringLiteral("cables"),
      QStringLiteral("units"),    QStringLiteral("endpoints"), QStringLiteral("ports"),   QStringLiteral("planes"),
      QStringLiteral("tiers")};
  return counts.contains(unit);
}

/// Lays `text` out in lines `width` wide: at word boundaries, and inside a word longer than a line
/// (an input path in a narrow column) anywhere, so that nothing is cut off. Returns the height.
double layOutText(QTextLayout& layout, double width, Qt::Alignment align) {
  QTextOption option(align);
  option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
  layout.setTextOption(option);
  layout.beginLayout();
  double height = 0;
  for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
    line.setLineWidth(width);
    line.setPosition(QPointF(0, height));
    height += line.height();
  }
  layout.endLayout();
  return height;
}

}  // namespace

QFont reportFont(double pointSize, bool bold) {
  QFont font(QStringLiteral("DejaVu Sans"));
  font.setPointSizeF(pointSize);
  font.setBold(bold);
  // Unhinted advances: glyphs sit where the font designer put them at any zoom of the PDF.
  font.setHintingPreference(QFont::PreferNoHinting);
  // No ligatures: "fi" stays two letters, so the PDF's text can be searched and copied.
  font.setStyleStrategy(QFont::PreferNoShaping);
  return font;
}

QColor phaseColour(int phase) {
  const PaletteColour c = categoryColour(phase);
  return QColor(c.red, c.green, c.blue);
}

QString percentText(double fraction, int decimals) {
  return QLocale(QLocale::English).toString(fraction * 100, 'f', decimals) + QStringLiteral(" %");
}

bool wholePercent(double fraction) {
  return std::fabs(fraction * 100 - std::round(fraction * 100)) < 1e-9;
}

QString paybackText(double years) {
  return std::isfinite(years) ? QLocale(QLocale::English).toString(years, 'f', 1) : QStringLiteral("never");
}

QString mtbiText(double hours) {
  if (!std::isfinite(hours)) return QStringLiteral("no failures");
  return hours < 1 ? formatQuantity(hours * 60) + QStringLiteral(" min") : formatQuantity(hours) + QStringLiteral(" h");
}

QString isolationText(TenantIsolation isolation) {
  return TenantPlan::isolationName(isolation).replace(QLatin1Char('-'), QLatin1Char(' '));
}

QString formatFigure(double value, const QString& unit) {
  if (std::isnan(value)) return formatQuantity(value);
  if (std::isinf(value) && unit == QLatin1String("years")) return paybackText(value);  // tenants.paybackYears
  if (unit.startsWith(QLatin1String("USD"))) return ProjectReport::formatUsd(value);
  if (unit == QLatin1String("MW")) return QLocale(QLocale::English).toString(value, 'f', 1);
  if (isCountUnit(unit)) return ProjectReport::formatCount(value);
  return formatQuantity(value);
}

QString countOf(double count, const char* singular, const char* plural) {
  return ProjectReport::formatCount(count) + QLatin1Char(' ') + QString::fromLatin1(count == 1 ? singular : plural);
}

double wrappedTextHeight(const QString& text, const QFont& font, double width, const QPaintDevice* device) {
  QTextLayout layout(text, font, device);
  return layOutText(layout, width, Qt::AlignLeft);
}

void drawWrappedText(QPainter& painter, const QRectF& rect, const QString& text, const QFont& font,
                     Qt::Alignment align) {
  QTextLayout layout(text, font, painter.device());
  layOutText(layout, rect.width(), align);
  layout.draw(&painter, rect.topLeft());
}

}  // namespace report

}  // namespace gigaplan
