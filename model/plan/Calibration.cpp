#include "plan/Calibration.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

#include "engine/Evaluator.h"
#include "plan/PresetLibrary.h"

namespace gigaplan {

std::optional<QList<CalibrationReference>> Calibration::fromJson(const QByteArray& json, QString* error) {
  const QJsonArray array = QJsonDocument::fromJson(json).object().value(QStringLiteral("references")).toArray();
  if (array.isEmpty()) {
    if (error) *error = QStringLiteral("calibration: no \"references\" array");
    return std::nullopt;
  }
  QList<CalibrationReference> references;
  for (int i = 0; i < array.size(); ++i) {
    const QJsonObject object = array.at(i).toObject();
    CalibrationReference reference;
    reference.id = object.value(QStringLiteral("id")).toString();
    reference.title = object.value(QStringLiteral("title")).toString();
    reference.source = object.value(QStringLiteral("source")).toString();
    reference.confidence = object.value(QStringLiteral("confidence")).toString();
    reference.preset = object.value(QStringLiteral("preset")).toString();
    const QJsonObject settings = object.value(QStringLiteral("set")).toObject();
    for (auto it = settings.begin(); it != settings.end(); ++it)
      reference.settings.append(
          {it.key(), it.value().isString() ? it.value().toString() : QString::number(it.value().toDouble(), 'g', 17)});
    reference.checkInput = object.contains(QStringLiteral("input"));
    reference.path = object.value(reference.checkInput ? QStringLiteral("input") : QStringLiteral("output")).toString();
    reference.expected = object.value(QStringLiteral("expected")).toDouble(std::nan(""));
    reference.tolerance = object.value(QStringLiteral("tolerance")).toDouble(0.0);
    if (object.value(QStringLiteral("comparison")).toString() == QLatin1String("atLeast"))
      reference.comparison = CalibrationReference::Comparison::AtLeast;
    if (reference.id.isEmpty() || reference.preset.isEmpty() || reference.path.isEmpty() ||
        std::isnan(reference.expected)) {
      if (error)
        *error = QStringLiteral("calibration: references[%1] needs id, preset, output or input, expected").arg(i);
      return std::nullopt;
    }
    reference.explanation = object.value(QStringLiteral("explained")).toString();
    const double allowed = maximumTolerance(reference.confidence);
    if (reference.tolerance > allowed + 1e-12) {
      if (error)
        *error = QStringLiteral(
                     "calibration: references[%1] (%2): tolerance %3 % is wider than the %4 % a %5 "
                     "reference may have")
                     .arg(i)
                     .arg(reference.id)
                     .arg(reference.tolerance * 100)
                     .arg(allowed * 100)
                     .arg(reference.confidence.isEmpty() ? QStringLiteral("unclassified") : reference.confidence);
      return std::nullopt;
    }
    references.append(reference);
  }
  return references;
}

double Calibration::maximumTolerance(const QString& confidence) {
  if (confidence == QLatin1String("secondary")) return 0.15;
  if (confidence == QLatin1String("verified") || confidence == QLatin1String("derived")) return 0.05;
  return 0.0;
}

QList<CalibrationReference> Calibration::bundled(QString* error) {
  QFile file(QStringLiteral(":/gigaplan/calibration/references.json"));
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) *error = QStringLiteral("calibration: bundled references are missing");
    return {};
  }
  return fromJson(file.readAll(), error).value_or(QList<CalibrationReference>{});
}

CalibrationResult Calibration::run(const CalibrationReference& reference) {
  CalibrationResult result;
  result.reference = reference;
  ScenarioErrors errors;
  auto scenario = PresetLibrary::load(reference.preset, errors);
  if (scenario) {
    for (const auto& [path, value] : reference.settings) scenario->set(path, value, errors);
  }
  std::optional<ResolvedScenario> resolved;
  if (scenario && errors.isEmpty()) resolved = scenario->resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) {
    result.problem = errors.isEmpty() ? QStringLiteral("scenario did not resolve") : errors.first().text();
    return result;
  }
  if (reference.checkInput) {
    const auto id = findInput(reference.path);
    if (!id) {
      result.problem = QStringLiteral("%1: not an input").arg(reference.path);
      return result;
    }
    result.modelValue = resolved->values[static_cast<std::size_t>(*id)];
  } else {
    const auto id = findOutput(reference.path);
    if (!id) {
      result.problem = QStringLiteral("%1: not an output").arg(reference.path);
      return result;
    }
    result.modelValue = evaluate(resolved->values)[static_cast<std::size_t>(*id)];
  }
  // An expected zero (a tier that must not exist) is compared absolutely.
  result.relativeError =
      reference.expected == 0.0 ? result.modelValue : (result.modelValue - reference.expected) / reference.expected;
  if (reference.comparison == CalibrationReference::Comparison::AtLeast)
    result.passed = result.modelValue >= reference.expected;
  else
    result.passed = std::fabs(result.relativeError) <= reference.tolerance + 1e-12;
  return result;
}

}  // namespace gigaplan
