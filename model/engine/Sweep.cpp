#include "engine/Sweep.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "engine/OutputSchema.h"

namespace gigaplan {

namespace {
std::optional<std::pair<InputId, QStringList>> splitSpec(const QString& text, int parts, const QString& shape,
                                                         ScenarioErrors& errors) {
  const int equals = text.indexOf(QLatin1Char('='));
  const QString path = equals < 0 ? text : text.left(equals);
  const auto id = findInput(path);
  if (!id) {
    const QString suggestion = closestInputPath(path);
    errors.append({path, suggestion.isEmpty() ? QStringLiteral("unknown input")
                                              : QStringLiteral("unknown input (did you mean %1?)").arg(suggestion)});
    return std::nullopt;
  }
  const QStringList fields = equals < 0 ? QStringList() : text.mid(equals + 1).split(QLatin1Char(':'));
  if (fields.size() != parts) {
    errors.append({path, QStringLiteral("expected %1=%2").arg(path, shape)});
    return std::nullopt;
  }
  return std::make_pair(*id, fields);
}

bool parseNumber(const QString& text, const QString& path, const QString& what, double& value, ScenarioErrors& errors) {
  bool ok = false;
  value = text.toDouble(&ok);
  if (!ok || !std::isfinite(value)) {
    errors.append({path, QStringLiteral("%1 '%2' is not a finite number").arg(what, text)});
    return false;
  }
  const InputSpec& spec = inputSpec(*findInput(path));
  if (value < spec.minimum || value > spec.maximum) {
    errors.append({path, QStringLiteral("%1 %2 is out of range [%3, %4]")
                             .arg(what, text, QString::number(spec.minimum), QString::number(spec.maximum))});
    return false;
  }
  return true;
}
}  // namespace

std::optional<SweepAxis> parseSweepAxis(const QString& text, ScenarioErrors& errors) {
  const auto spec = splitSpec(text, 3, QStringLiteral("from:to:steps"), errors);
  if (!spec) return std::nullopt;
  const QString path = QString::fromLatin1(inputSpec(spec->first).path);
  SweepAxis axis{spec->first};
  if (!parseNumber(spec->second[0], path, QStringLiteral("from"), axis.from, errors) ||
      !parseNumber(spec->second[1], path, QStringLiteral("to"), axis.to, errors))
    return std::nullopt;
  bool ok = false;
  axis.steps = spec->second[2].toInt(&ok);
  if (!ok || axis.steps < 1 || axis.steps > 10000000) {
    errors.append(
        {path, QStringLiteral("steps '%1' must be a whole number from 1 to 10,000,000").arg(spec->second[2])});
    return std::nullopt;
  }
  return axis;
}

std::optional<UncertainInput> parseUncertainInput(const QString& text, ScenarioErrors& errors) {
  const auto spec = splitSpec(text, 2, QStringLiteral("low:high"), errors);
  if (!spec) return std::nullopt;
  const QString path = QString::fromLatin1(inputSpec(spec->first).path);
  UncertainInput input{spec->first};
  if (!parseNumber(spec->second[0], path, QStringLiteral("low"), input.low, errors) ||
      !parseNumber(spec->second[1], path, QStringLiteral("high"), input.high, errors))
    return std::nullopt;
  if (input.low > input.high) {
    errors.append({path, QStringLiteral("low must not exceed high")});
    return std::nullopt;
  }
  return input;
}

QList<UncertainInput> uncertaintyFromConfidence(const ResolvedScenario& scenario) {
  QList<UncertainInput> result;
  for (const InputSpec& spec : inputSpecs()) {
    if (spec.kind != InputKind::Real) continue;
    const auto i = static_cast<std::size_t>(spec.id);
    const QString& confidence = scenario.confidence[i];
    double spread = 0.0;
    if (confidence == QLatin1String("verified"))
      spread = 0.05;
    else if (confidence == QLatin1String("secondary") || confidence == QLatin1String("derived"))
      spread = 0.15;
    else if (confidence == QLatin1String("estimate"))
      spread = 0.30;
    const double value = scenario.values[i];
    if (spread == 0.0 || value == 0.0) continue;
    // An efficiency is uncertain in its losses: 97 % +-30 % would be 68 % to 100 %, while the
    // estimate is that the 3 % lost may be 2 % to 4 %.
    const bool efficiency = QLatin1String(spec.path).endsWith(QLatin1String("Efficiency")) && value < 1.0;
    const double low = std::clamp(efficiency ? 1.0 - (1.0 - value) * (1.0 + spread) : value * (1.0 - spread),
                                  spec.minimum, spec.maximum);
    const double high = std::clamp(efficiency ? 1.0 - (1.0 - value) * (1.0 - spread) : value * (1.0 + spread),
                                   spec.minimum, spec.maximum);
    result.append({spec.id, std::min(low, high), std::max(low, high)});
  }
  return result;
}

Eigen::Index gridSize(const QList<SweepAxis>& axes) {
  Eigen::Index rows = 1;
  for (const SweepAxis& axis : axes) rows *= axis.steps;
  return rows;
}

namespace {
/// A grid point as the planner would write it: the arithmetic's last-bit error (31.259999999999998
/// for 31.26) rounded off at 15 significant digits, so the value reads back as it was meant.
double gridPoint(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.15g", value);
  return std::strtod(text, nullptr);
}
}  // namespace

ScenarioBatch gridBatch(const InputValues& base, const QList<SweepAxis>& axes, Eigen::Index firstRow,
                        Eigen::Index rows) {
  ScenarioBatch batch{base, {}, ScenarioMatrix(rows, axes.size())};
  Eigen::Index repeat = gridSize(axes);
  for (int a = 0; a < axes.size(); ++a) {
    const SweepAxis& axis = axes[a];
    batch.varied.push_back(axis.input);
    repeat /= axis.steps;
    const bool whole = inputSpec(axis.input).kind != InputKind::Real;
    for (Eigen::Index row = 0; row < rows; ++row) {
      const Eigen::Index step = ((firstRow + row) / repeat) % axis.steps;
      const double value = axis.steps == 1 ? axis.from : axis.from + (axis.to - axis.from) * step / (axis.steps - 1);
      batch.values(row, a) = whole ? std::round(value) : gridPoint(value);
    }
  }
  return batch;
}

ScenarioBatch gridScenarios(const InputValues& base, const QList<SweepAxis>& axes) {
  return gridBatch(base, axes, 0, gridSize(axes));
}

ScenarioBatch monteCarloBatch(const InputValues& base, const QList<UncertainInput>& uncertain, Eigen::Index samples,
                              SampleGenerator& random) {
  ScenarioBatch batch{base, {}, ScenarioMatrix(samples, uncertain.size())};
  for (int u = 0; u < uncertain.size(); ++u) {
    const UncertainInput& input = uncertain[u];
    batch.varied.push_back(input.input);
    const bool whole = inputSpec(input.input).kind != InputKind::Real;
    for (Eigen::Index row = 0; row < samples; ++row) {
      const double value = input.low + (input.high - input.low) * uniformSample(random);
      batch.values(row, u) = whole ? std::round(value) : value;
    }
  }
  return batch;
}

ScenarioBatch monteCarloScenarios(const InputValues& base, const QList<UncertainInput>& uncertain, Eigen::Index samples,
                                  quint64 seed) {
  SampleGenerator random(seed);
  return monteCarloBatch(base, uncertain, samples, random);
}

}  // namespace gigaplan
