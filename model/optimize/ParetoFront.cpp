#include "optimize/ParetoFront.h"

#include <QJsonArray>
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

}  // namespace

namespace {

/// Where `design` stands against the reference in objective `o`: below 0 better, 0 as good.
double againstReference(const OptimizeSpec& spec, const Finalist& design, std::size_t o) {
  const Objective& objective = spec.objectives[o];
  const double mine = valueOf(design.figures, objective.output);
  const double theirs = valueOf(spec.referenceFigures, objective.output);
  if (std::isnan(mine) || std::isnan(theirs)) return std::nan("");
  return objective.maximize ? theirs - mine : mine - theirs;
}

}  // namespace

bool beatsReference(const OptimizeSpec& spec, const Finalist& design) {
  if (spec.reference.isEmpty() || design.judged.violation > 0) return false;
  for (std::size_t o = 0; o < spec.objectives.size(); ++o) {
    const double standing = againstReference(spec, design, o);
    if (std::isnan(standing) || (o == 0 ? standing >= 0 : standing > 0)) return false;
  }
  return true;
}

QString referenceVerdict(const OptimizeSpec& spec, const SearchResult& result) {
  const QString first = QString::fromLatin1(outputSpec(spec.objectives.front().output).path);
  int beating = 0;
  for (const Finalist& design : result.front) beating += beatsReference(spec, design) ? 1 : 0;
  if (beating > 0)
    return QStringLiteral(
               "%1 of the %2 designs of the front beat %3: a better %4, and no worse in the other "
               "objectives")
        .arg(beating)
        .arg(result.front.size())
        .arg(spec.reference, first);
  if (result.front.empty() || result.front.front().judged.violation > 0) {
    // The finalist that comes closest, and what it breaks.
    const Finalist* closest = nullptr;
    for (const Finalist& design : result.finalists)
      if (!closest || design.judged.violation < closest->judged.violation) closest = &design;
    return QStringLiteral("none beats %1: no design found keeps the constraints%2")
        .arg(
            spec.reference,
            closest
                ? QStringLiteral("; the closest breaks them where %1").arg(closest->problems.join(QStringLiteral("; ")))
                : QString());
  }
  // Why not: where the design best in the first objective falls short.
  const Finalist& best = result.front.front();
  if (spec.baseDesign() == best.genes && spec.reference.isEmpty() == false)
    return QStringLiteral(
               "none of the front beats %1; the best in %2 is the base plan itself: no design of the "
               "space does better there while keeping the constraints")
        .arg(spec.reference, first);
  QStringList shortOf;
  for (std::size_t o = 0; o < spec.objectives.size(); ++o) {
    const double standing = againstReference(spec, best, o);
    if (std::isnan(standing) || (o == 0 ? standing >= 0 : standing > 0))
      shortOf << QStringLiteral("%1 %2 against %3")
                     .arg(QString::fromLatin1(outputSpec(spec.objectives[o].output).path))
                     .arg(valueOf(best.figures, spec.objectives[o].output), 0, 'g', 6)
                     .arg(valueOf(spec.referenceFigures, spec.objectives[o].output), 0, 'g', 6);
  }
  return QStringLiteral("none of the front beats %1; its best in %2 falls short in %3")
      .arg(spec.reference, first, shortOf.join(QStringLiteral("; ")));
}

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
  // The plan to beat: its figures, and which designs beat it (better in the first objective, no
  // worse in the others, keeping the constraints).
  const bool hasReference = !spec.reference.isEmpty();
  if (hasReference) {
    QJsonObject figures;
    for (OutputId id : shownFigures(spec)) {
      const double value = valueOf(spec.referenceFigures, id);
      figures.insert(QString::fromLatin1(outputSpec(id).path), std::isfinite(value) ? QJsonValue(value) : QJsonValue());
    }
    json.insert(QStringLiteral("reference"),
                QJsonObject{{QStringLiteral("plan"), spec.reference}, {QStringLiteral("figures"), figures}});
  }
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
    if (hasReference) entry.insert(QStringLiteral("beatsReference"), beatsReference(spec, design));
    if (!design.problems.isEmpty())
      entry.insert(QStringLiteral("problems"), QJsonArray::fromStringList(design.problems));
    front.append(entry);
  }
  json.insert(QStringLiteral("front"), front);
  if (hasReference) json.insert(QStringLiteral("verdict"), referenceVerdict(spec, result));
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
      line << (value.isDouble() ? shortestText(value.toDouble()) : csvField(value.toString()));
    }
    for (OutputId id : shown) line << shortestText(valueOf(design.figures, id));
    line << (design.judged.violation == 0.0 ? QStringLiteral("yes") : QStringLiteral("no"))
         << QString::number(design.brokenLimits);
    csv += line.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return csv.toUtf8();
}

}  // namespace gigaplan
