#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

#include "engine/Scenario.h"
#include "plan/Project.h"

namespace gigaplan {

struct PresetInfo {
  QString id;  ///< what `evaluate` takes, e.g. "gb200-nvl72-1m"
  QString name;
  QString description;
};

/// The scenarios shipped in resources/presets, and loading a scenario by preset id or file.
class PresetLibrary {
 public:
  static QList<PresetInfo> list();
  static std::optional<Scenario> load(const QString& id, ScenarioErrors& errors);
  /// A preset id, or else the path of a scenario JSON file.
  static std::optional<Scenario> loadPresetOrFile(const QString& idOrPath, ScenarioErrors& errors);
  /// A new project from a preset id or scenario file: the scenario and its phases, no layout yet.
  static std::optional<Project> loadProject(const QString& idOrPath, ScenarioErrors& errors);
  /// Parses a scenario document; errors name the source (file or preset) on parse failure.
  static std::optional<Scenario> parse(const QByteArray& json, const QString& origin, ScenarioErrors& errors);

 private:
  static std::optional<QByteArray> readPresetOrFile(const QString& idOrPath, ScenarioErrors& errors);
  static std::optional<QJsonObject> parseDocument(const QByteArray& json, const QString& origin,
                                                  ScenarioErrors& errors);
};

}  // namespace gigaplan
