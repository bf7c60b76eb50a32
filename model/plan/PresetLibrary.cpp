#include "plan/PresetLibrary.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <cerrno>

#include "files/FileProblem.h"
#include "plan/PhasePlan.h"
#include "plan/TenantPlan.h"

namespace gigaplan {

namespace {
const QString kPresetDir = QStringLiteral(":/gigaplan/presets");
// Scenario files are small; anything far larger is not one, and is refused before parsing.
constexpr qint64 kMaxScenarioBytes = 16 * 1024 * 1024;
}  // namespace

std::optional<QJsonObject> PresetLibrary::parseDocument(const QByteArray& json, const QString& origin,
                                                        ScenarioErrors& errors) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    errors.append(
        {origin, QStringLiteral("not valid JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString())});
    return std::nullopt;
  }
  if (!document.isObject()) {
    errors.append({origin, QStringLiteral("a scenario must be a JSON object")});
    return std::nullopt;
  }
  return document.object();
}

std::optional<Scenario> PresetLibrary::parse(const QByteArray& json, const QString& origin, ScenarioErrors& errors) {
  const auto document = parseDocument(json, origin, errors);
  return document ? Scenario::fromJson(*document, errors) : std::nullopt;
}

std::optional<Project> PresetLibrary::loadProject(const QString& idOrPath, ScenarioErrors& errors) {
  const auto bytes = readPresetOrFile(idOrPath, errors);
  if (!bytes) return std::nullopt;
  const auto document = parseDocument(*bytes, idOrPath, errors);
  if (!document) return std::nullopt;
  auto scenario = Scenario::fromJson(*document, errors);
  auto phases = PhasePlan::fromJson(document->value(QStringLiteral("phases")), errors);
  auto tenants = TenantPlan::fromJson(document->value(QStringLiteral("tenants")), errors);
  if (!scenario || !phases || !tenants) return std::nullopt;
  Project project;
  project.scenario = std::move(*scenario);
  project.phases = std::move(*phases);
  project.tenants = std::move(*tenants);
  return project;
}
QList<PresetInfo> PresetLibrary::list() {
  QList<PresetInfo> presets;
  const QStringList files = QDir(kPresetDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
  for (const QString& file : files) {
    QFile f(kPresetDir + QLatin1Char('/') + file);
    if (!f.open(QIODevice::ReadOnly)) continue;
    const QJsonObject object = QJsonDocument::fromJson(f.readAll()).object();
    presets.append({QFileInfo(file).completeBaseName(), object.value(QStringLiteral("name")).toString(),
                    object.value(QStringLiteral("description")).toString()});
  }
  return presets;
}

std::optional<Scenario> PresetLibrary::load(const QString& id, ScenarioErrors& errors) {
  QFile file(kPresetDir + QLatin1Char('/') + id + QStringLiteral(".json"));
  if (!file.open(QIODevice::ReadOnly)) {
    errors.append(
        {QStringLiteral("preset"), QStringLiteral("no preset named '%1' (see gigaplan-cli presets)").arg(id)});
    return std::nullopt;
  }
  return parse(file.readAll(), QStringLiteral("preset %1").arg(id), errors);
}

std::optional<QByteArray> PresetLibrary::readPresetOrFile(const QString& idOrPath, ScenarioErrors& errors) {
  QFile preset(kPresetDir + QLatin1Char('/') + idOrPath + QStringLiteral(".json"));
  if (preset.open(QIODevice::ReadOnly)) return preset.readAll();
  QFile file(idOrPath);
  struct stat info {};
  if (::stat(QFile::encodeName(idOrPath).constData(), &info) != 0) {
    errors.append(
        {idOrPath, errno == ENOENT
                       ? QStringLiteral("neither a preset name (see gigaplan-cli presets) nor an existing file")
                       : QStringLiteral("cannot be read: %1").arg(fileProblemText(errno))});
    return std::nullopt;
  }
  if (S_ISDIR(info.st_mode)) {
    errors.append({idOrPath, QStringLiteral("is a folder, not a scenario file")});
    return std::nullopt;
  }
  if (!file.open(QIODevice::ReadOnly)) {
    errors.append({idOrPath, QStringLiteral("cannot be read: %1").arg(fileProblemText(errno))});
    return std::nullopt;
  }
  // Devices and pipes have no size: read at most one byte past the limit, whatever the source.
  const QByteArray bytes = file.read(kMaxScenarioBytes + 1);
  if (file.error() != QFileDevice::NoError) {
    errors.append({idOrPath, QStringLiteral("cannot be read: %1").arg(file.errorString())});
    return std::nullopt;
  }
  if (bytes.startsWith(QByteArray("SQLite format 3\0", 16))) {
    errors.append({idOrPath, S_ISREG(info.st_mode)
                                 ? QStringLiteral("is a project file; this command takes a preset or a scenario file "
                                                  "(report --scenario-json exports a project's)")
                                 : QStringLiteral("is a project read through a pipe or device; give its file name")});
    return std::nullopt;
  }
  if (bytes.size() > kMaxScenarioBytes) {
    errors.append({idOrPath, QStringLiteral("is larger than %L1 bytes, the most a scenario file may be")
                                 .arg(static_cast<qint64>(kMaxScenarioBytes))});
    return std::nullopt;
  }
  return bytes;
}

std::optional<Scenario> PresetLibrary::loadPresetOrFile(const QString& idOrPath, ScenarioErrors& errors) {
  const auto bytes = readPresetOrFile(idOrPath, errors);
  if (!bytes) return std::nullopt;
  const bool isPreset = QFile::exists(kPresetDir + QLatin1Char('/') + idOrPath + QStringLiteral(".json"));
  return parse(*bytes, isPreset ? QStringLiteral("preset %1").arg(idOrPath) : idOrPath, errors);
}

}  // namespace gigaplan
