#include "engine/ResultFormat.h"

#include <QJsonValue>
#include <QLocale>
#include <QStringList>
#include <QTextStream>
#include <cmath>

namespace gigaplan {

namespace {
QPair<QString, QString> splitPath(const char* path) {
  const QString text = QString::fromLatin1(path);
  const int dot = text.indexOf(QLatin1Char('.'));
  return {text.left(dot), text.mid(dot + 1)};
}
}  // namespace

QString formatQuantity(double value) {
  if (std::isnan(value)) return QStringLiteral("\u2014");  // not known: what only a floor counts, without one
  if (!std::isfinite(value)) return QString::number(value);
  const QLocale locale(QLocale::English);
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e15 || (magnitude > 0 && magnitude < 1e-3)) return QString::number(value, 'g', 4);
  if (value == std::round(value) && magnitude < 1e15) return locale.toString(value, 'f', 0);
  const int digits = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 3 : 4;
  return locale.toString(value, 'f', digits);
}

QJsonObject resultJson(const ResolvedScenario& scenario, const OutputValues& outputs) {
  QJsonObject inputs;
  for (const InputSpec& spec : inputSpecs()) {
    const auto i = static_cast<std::size_t>(spec.id);
    QJsonObject entry{{QStringLiteral("value"), scenario.values[i]},
                      {QStringLiteral("unit"), QString::fromLatin1(spec.unit)},
                      {QStringLiteral("source"), scenario.source[i]},
                      {QStringLiteral("confidence"), scenario.confidence[i]}};
    if (spec.kind == InputKind::Choice)
      entry.insert(QStringLiteral("choice"), choiceNames(spec.id).value(static_cast<int>(scenario.values[i])));
    inputs.insert(QString::fromLatin1(spec.path), entry);
  }
  QJsonObject sections;
  for (const OutputSpec& spec : outputSpecs()) {
    const auto [section, key] = splitPath(spec.path);
    QJsonObject group = sections.value(section).toObject();
    group.insert(key, QJsonObject{{QStringLiteral("value"), outputs[static_cast<std::size_t>(spec.id)]},
                                  {QStringLiteral("unit"), QString::fromLatin1(spec.unit)}});
    sections.insert(section, group);
  }
  return QJsonObject{{QStringLiteral("scenario"), scenario.name},
                     {QStringLiteral("system"), scenario.systemName},
                     {QStringLiteral("switch"), scenario.switchName},
                     {QStringLiteral("inputs"), inputs},
                     {QStringLiteral("outputs"), sections}};
}

QString resultTable(const ResolvedScenario& scenario, const OutputValues& outputs) {
  QString text;
  QTextStream stream(&text);
  stream << scenario.name << "\n"
         << "  system: " << scenario.systemName << "\n  switch: " << scenario.switchName << "\n";
  QString currentSection;
  for (const OutputSpec& spec : outputSpecs()) {
    const auto [section, key] = splitPath(spec.path);
    if (section != currentSection) {
      stream << "\n" << section << "\n";
      currentSection = section;
    }
    stream << "  " << QString::fromLatin1(spec.path).leftJustified(36) << " "
           << formatQuantity(outputs[static_cast<std::size_t>(spec.id)]).rightJustified(20) << " "
           << QString::fromLatin1(spec.unit).leftJustified(14) << " " << spec.meaning << "\n";
  }
  return text;
}

QString shortName(const char* meaning) {
  QString name = QString::fromUtf8(meaning);
  for (const char* end : {" (", "; ", ": ", " when "}) {
    const auto at = name.indexOf(QLatin1String(end));
    if (at > 0) name.truncate(at);
  }
  if (!name.isEmpty()) name[0] = name[0].toUpper();
  return name;
}

}  // namespace gigaplan
