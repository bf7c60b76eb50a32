#pragma once

#include <QString>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace gigaplan {

/// A CSV field (RFC 4180): as it is, or quoted with its quotes doubled when it holds a comma, a
/// quote or a line break.
inline QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) &&
      !text.contains(QLatin1Char('\r')))
    return text;
  QString quoted = text;
  quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

/// A whole number appended as CSV text, for writers of millions of rows.
inline void appendWhole(std::string& out, std::int64_t value) {
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

/// The shortest text that reads back as the same double (std::to_chars): numbers written this way
/// add up to the figures they came from.
inline void appendShortest(std::string& out, double value) {
  char buffer[32];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

/// The same as text; empty for a value that is not finite (an empty CSV field).
inline QString shortestText(double value) {
  if (!std::isfinite(value)) return {};
  std::string text;
  appendShortest(text, value);
  return QString::fromStdString(text);
}

}  // namespace gigaplan
