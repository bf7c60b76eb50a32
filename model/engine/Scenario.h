#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <array>
#include <optional>

#include "engine/HardwareCatalog.h"
#include "engine/InputSchema.h"
#include "engine/OutputSchema.h"
#include "engine/ReachClass.h"

namespace gigaplan {

/// A problem with one input: the field's path and what is wrong with it.
struct ScenarioError {
  QString field;
  QString message;
  QString text() const { return field + QStringLiteral(": ") + message; }
};
using ScenarioErrors = QList<ScenarioError>;

/// A scenario with every input numeric, checked, and traced to its source.
struct ResolvedScenario {
  QString name;
  InputValues values{};
  std::array<QString, kInputCount> source;
  std::array<QString, kInputCount> confidence;
  QString systemName;
  QString switchName;
};

/// One build-out as the planner describes it: catalog choices plus the inputs set explicitly.
/// Everything not set comes from the catalog entry or the input's documented default.
class Scenario {
 public:
  static constexpr const char* kSystemTypePath = "system.type";
  static constexpr const char* kSwitchPath = "network.switch";

  QString name;
  QString description;
  QString systemType = QStringLiteral("hgx-h100");
  QString switchModel = QStringLiteral("quantum-2-qm9700");
  std::array<QString, 5> opticModules;  ///< by ReachClass; empty = the catalog's default
  QMap<InputId, double> values;         ///< inputs set explicitly

  /// Reads a scenario document: nested objects whose leaf paths are input paths.
  static std::optional<Scenario> fromJson(const QJsonObject& json, ScenarioErrors& errors);
  QJsonObject toJson() const;

  /// Sets one input or catalog choice from text (as given to --set); false and an error if bad.
  bool set(const QString& path, const QString& text, ScenarioErrors& errors);
  bool set(const QString& path, const QJsonValue& value, ScenarioErrors& errors);

  /// Fills every input from catalog and defaults, then checks ranges and consistency.
  std::optional<ResolvedScenario> resolve(const HardwareCatalog& catalog, ScenarioErrors& errors) const;

  /// Every path `set` accepts: the input paths and the catalog choice paths.
  static QStringList settablePaths();

 private:
  static std::optional<int> opticPathIndex(const QString& path);
};

/// After evaluation: an error naming the switch when it cannot build the fabric.
std::optional<ScenarioError> fabricProblem(const InputValues& inputs, const OutputValues& outputs);

}  // namespace gigaplan
