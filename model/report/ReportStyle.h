#pragma once

#include <QColor>
#include <QFont>
#include <QString>

#include "plan/Tenant.h"

class QPaintDevice;
class QPainter;
class QRectF;

// The report's look and its words for figures: the font, the colours, percentages, paybacks and
// figures by unit, and text wrapped to a width, the same on every page. ProjectReport's public
// number formats (formatCount, formatMw, formatUsd, formatDate) are defined with them, in
// ReportStyle.cpp.

namespace gigaplan::report {

inline constexpr QColor kText(32, 32, 36);
inline constexpr QColor kMuted(105, 108, 115);
inline constexpr QColor kRule(175, 180, 188);
inline constexpr QColor kGrid(222, 225, 230);
inline constexpr QColor kAccent(28, 72, 128);
inline constexpr QColor kStripe(242, 244, 248);
inline constexpr QColor kGroupFill(228, 234, 243);

QFont reportFont(double pointSize, bool bold = false);

/// A phase's colour, as the 3D floor's "colour by phase" shows it.
QColor phaseColour(int phase);

/// A fraction as a percentage: "57.7 %".
QString percentText(double fraction, int decimals = 1);
/// True when a fraction is a whole percentage (0.9, not 0.925).
bool wholePercent(double fraction);
/// Years to pay back a capex, one decimal; "never" when it does not (an infinite payback).
QString paybackText(double years);
/// A time between interruptions as the executive summary gives it: minutes under an hour, else hours.
QString mtbiText(double hours);
/// A tenant's isolation in words: "own halls".
QString isolationText(TenantIsolation isolation);
/// A figure in the report's format for its unit; the unit itself goes in its own column.
QString formatFigure(double value, const QString& unit);
/// "1 building", "12 buildings".
QString countOf(double count, const char* singular, const char* plural);

/// The height of `text` wrapped `width` wide for `device`, as drawWrappedText paints it.
double wrappedTextHeight(const QString& text, const QFont& font, double width, const QPaintDevice* device);
/// Paints text in the painter's pen, wrapped exactly as wrappedTextHeight measured it.
void drawWrappedText(QPainter& painter, const QRectF& rect, const QString& text, const QFont& font,
                     Qt::Alignment align = Qt::AlignLeft);

}  // namespace gigaplan::report
