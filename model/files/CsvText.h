#pragma once

#include <QString>

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

}  // namespace gigaplan
