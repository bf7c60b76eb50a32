// Shared by the model tests: a bundled preset, resolved with optional overrides.
#pragma once

#include <QTest>
#include <initializer_list>
#include <utility>

#include "engine/Evaluator.h"
#include "plan/PresetLibrary.h"

namespace gigaplan::test {

inline InputValues presetInputs(const QString& preset,
                                std::initializer_list<std::pair<const char*, const char*>> settings = {}) {
  ScenarioErrors errors;
  auto scenario = PresetLibrary::load(preset, errors);
  if (!scenario) qFatal("preset %s does not load", qPrintable(preset));
  for (const auto& [path, value] : settings)
    scenario->set(QString::fromLatin1(path), QString::fromLatin1(value), errors);
  const auto resolved = scenario->resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) qFatal("preset %s does not resolve: %s", qPrintable(preset), qPrintable(errors.value(0).text()));
  return resolved->values;
}

inline OutputValues evaluatePreset(const QString& preset,
                                   std::initializer_list<std::pair<const char*, const char*>> settings = {}) {
  return evaluate(presetInputs(preset, settings));
}

inline double at(const OutputValues& outputs, OutputId id) {
  return outputs[static_cast<std::size_t>(id)];
}

/// Relative comparison for hand-computed values.
inline bool near(double actual, double expected, double relative = 1e-9) {
  return std::fabs(actual - expected) <= relative * std::max(1.0, std::fabs(expected));
}

}  // namespace gigaplan::test

#define GIGAPLAN_COMPARE_NEAR(actual, expected, relative)     \
  QVERIFY2(                                                   \
      gigaplan::test::near((actual), (expected), (relative)), \
      qPrintable(                                             \
          QStringLiteral("%1 is %2, expected %3").arg(#actual).arg((actual), 0, 'g', 12).arg((expected), 0, 'g', 12)))
