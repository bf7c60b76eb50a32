#include "optimize/ParetoFront.h"

#include <QJsonArray>
#include <charconv>
#include <cmath>

#include "files/CsvText.h"

namespace gigaplan {

namespace {

/// The figures a design shows: its objectives, its constraints, then the headline figures, once each.
std::vector<OutputId> shownFigures(const OptimizeSpec& spec) {
  std::vector<OutputId> shown;
  auto add = [&](OutputId id) {
    if (std::find(shown.begin(), shown.end(), id) == shown.end()) shown.push_back(id);
  };
  for (const Objective& objective : spec.objectives) add(objective.output);
  for (const Constraint& constraint : spec.constraints) add(constraint.output);
  for (OutputId id : frontFigures()) add(id);
  return shown;
}

QString exact(double value) {
  if (!std::isfinite(value)) return {};
  char buffer[32];
  return QString::fromLatin1(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr - buffer);
}

}  // namespace

const std::vector<OutputId>& frontFigures() {
  static const std::vector<OutputId> figures = {OutputId::clusterGpus,           OutputId::powerFacilityMw,
                                                OutputId::costCapexUsd,          OutputId::costTcoUsdPerYear,
                                                OutputId::costUsdPerGpuHour,     OutputId::networkBisectionPerGpuGbps,
                                                OutputId::availabilityDelivered, OutputId::scheduleBuildDays};
  return figures;
}

QJsonObject frontJson(const OptimizeSpec& spec, const SearchResult& result) {
  QJsonObject json;
  json.insert(QStringLiteral("seed"), static_cast<double>(spec.seed));
  json.insert(QStringLiteral("generations"), result.generations);
  json.insert(QStringLiteral("designsScreened"), static_cast<double>(result.screened));
  json.insert(QStringLiteral("designsOnFloor"), static_cast<int>(result.finalists.size()));
  json.insert(QStringLiteral("spaceSize"), spec.spaceSize());
  QJsonArray front;
  for (const Finalist& design : result.front) {
    QJsonObject entry, choices, figures;
    for (std::size_t v = 0; v < spec.space.size(); ++v)
      choices.insert(spec.space[v].path, spec.space[v].values[static_cast<std::size_t>(design.genes[v])]);
    for (OutputId id : shownFigures(spec)) {
      const double value = valueOf(design.figures, id);
      figures.insert(QString::fromLatin1(outputSpec(id).path), std::isfinite(value) ? QJsonValue(value) : QJsonValue());
    }
    entry.insert(QStringLiteral("choices"), choices);
    entry.insert(QStringLiteral("figures"), figures);
    entry.insert(QStringLiteral("keepsConstraints"), design.judged.violation == 0.0);
    entry.insert(QStringLiteral("limitsBroken"), design.brokenLimits);
    if (!design.problems.isEmpty())
      entry.insert(QStringLiteral("problems"), QJsonArray::fromStringList(design.problems));
    front.append(entry);
  }
  json.insert(QStringLiteral("front"), front);
  return json;
}

QByteArray frontCsv(const OptimizeSpec& spec, const SearchResult& result) {
  const std::vector<OutputId> shown = shownFigures(spec);
  QStringList header;
  for (const DesignVariable& variable : spec.space) header << csvField(variable.path);
  for (OutputId id : shown) header << QString::fromLatin1(outputSpec(id).path);
  header << QStringLiteral("keeps_constraints") << QStringLiteral("limits_broken");
  QString csv = header.join(QLatin1Char(',')) + QLatin1Char('\n');
  for (const Finalist& design : result.front) {
    QStringList line;
    for (std::size_t v = 0; v < spec.space.size(); ++v) {
      const QJsonValue value = spec.space[v].values[static_cast<std::size_t>(design.genes[v])];
      line << (value.isDouble() ? exact(value.toDouble()) : csvField(value.toString()));
    }
    for (OutputId id : shown) line << exact(valueOf(design.figures, id));
    line << (design.judged.violation == 0.0 ? QStringLiteral("yes") : QStringLiteral("no"))
         << QString::number(design.brokenLimits);
    csv += line.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return csv.toUtf8();
}

}  // namespace gigaplan
