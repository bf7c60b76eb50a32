#include "engine/Scenario.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

#include "engine/FabricEstimator.h"
#include "engine/OutputSchema.h"

namespace gigaplan {

namespace {

QString formatNumber(double value) {
  return QString::number(value, 'g', 12);
}

const QStringList& metadataKeys() {
  // "phases" and "tenants" belong to the build-out around the scenario (PhasePlan and
  // TenantPlan read them).
  static const QStringList keys = {QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("format"),
                                   QStringLiteral("phases"), QStringLiteral("tenants")};
  return keys;
}

void flatten(const QJsonObject& object, const QString& prefix, QList<QPair<QString, QJsonValue>>& leaves) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
    if (it.value().isObject())
      flatten(it.value().toObject(), path, leaves);
    else
      leaves.append({path, it.value()});
  }
}

void insertNested(QJsonObject& root, const QStringList& parts, const QJsonValue& value) {
  if (parts.size() == 1) {
    root.insert(parts.first(), value);
    return;
  }
  QJsonObject child = root.value(parts.first()).toObject();
  insertNested(child, parts.mid(1), value);
  root.insert(parts.first(), child);
}

}  // namespace

std::optional<int> Scenario::opticPathIndex(const QString& path) {
  for (int r = 0; r < 5; ++r)
    if (path == QStringLiteral("optics.%1.module").arg(HardwareCatalog::reachName(static_cast<ReachClass>(r))))
      return r;
  return std::nullopt;
}

QStringList Scenario::settablePaths() {
  QStringList paths = {QString::fromLatin1(kSystemTypePath), QString::fromLatin1(kSwitchPath)};
  for (int r = 0; r < 5; ++r)
    paths << QStringLiteral("optics.%1.module").arg(HardwareCatalog::reachName(static_cast<ReachClass>(r)));
  for (const InputSpec& spec : inputSpecs()) paths << QString::fromLatin1(spec.path);
  return paths;
}

bool Scenario::set(const QString& path, const QJsonValue& value, ScenarioErrors& errors) {
  const int errorsBefore = errors.size();
  auto needString = [&]() -> QString {
    if (!value.isString() || value.toString().isEmpty())
      errors.append({path, QStringLiteral("expected a catalog id (text)")});
    return value.toString();
  };
  if (path == QLatin1String(kSystemTypePath)) {
    systemType = needString();
  } else if (path == QLatin1String(kSwitchPath)) {
    switchModel = needString();
  } else if (const auto optic = opticPathIndex(path)) {
    opticModules[*optic] = needString();
  } else if (const auto id = findInput(path)) {
    const InputSpec& spec = inputSpec(*id);
    double number = std::nan("");
    if (value.isDouble()) {
      number = value.toDouble();
    } else if (value.isString() && spec.kind == InputKind::Choice) {
      const int index = choiceNames(*id).indexOf(value.toString());
      if (index < 0)
        errors.append({path, QStringLiteral("'%1' is not one of %2")
                                 .arg(value.toString(), choiceNames(*id).join(QStringLiteral(", ")))});
      number = index;
    } else if (value.isString() && value.toString() == QLatin1String("auto") &&
               (*id == InputId::networkPlanes || *id == InputId::networkTiers)) {
      number = 0;
    } else {
      errors.append({path, spec.kind == InputKind::Choice
                               ? QStringLiteral("expected one of %1").arg(choiceNames(*id).join(QStringLiteral(", ")))
                               : QStringLiteral("expected a number in %1").arg(QString::fromLatin1(spec.unit))});
    }
    if (errors.size() == errorsBefore) values.insert(*id, number);
  } else {
    const QString suggestion = closestInputPath(path);
    errors.append({path, suggestion.isEmpty() ? QStringLiteral("unknown input")
                                              : QStringLiteral("unknown input (did you mean %1?)").arg(suggestion)});
  }
  return errors.size() == errorsBefore;
}

bool Scenario::set(const QString& path, const QString& text, ScenarioErrors& errors) {
  bool isNumber = false;
  const double number = text.trimmed().toDouble(&isNumber);
  if (isNumber && !std::isfinite(number)) {
    errors.append({path, QStringLiteral("'%1' is not a finite number").arg(text)});
    return false;
  }
  if (isNumber) return set(path, QJsonValue(number), errors);
  return set(path, QJsonValue(text.trimmed()), errors);
}

std::optional<Scenario> Scenario::fromJson(const QJsonObject& json, ScenarioErrors& errors) {
  Scenario scenario;
  const int errorsBefore = errors.size();
  const QJsonValue format = json.value(QStringLiteral("format"));
  if (!format.isUndefined() && format.toString() != QLatin1String("gigaplan-scenario/1"))
    errors.append({QStringLiteral("format"), QStringLiteral("expected \"gigaplan-scenario/1\"")});
  scenario.name = json.value(QStringLiteral("name")).toString();
  scenario.description = json.value(QStringLiteral("description")).toString();
  QJsonObject inputs = json;
  for (const QString& key : metadataKeys()) inputs.remove(key);
  QList<QPair<QString, QJsonValue>> leaves;
  flatten(inputs, QString(), leaves);
  for (const auto& [path, value] : leaves) scenario.set(path, value, errors);
  if (errors.size() != errorsBefore) return std::nullopt;
  return scenario;
}

QJsonObject Scenario::toJson() const {
  QJsonObject root;
  root.insert(QStringLiteral("format"), QStringLiteral("gigaplan-scenario/1"));
  if (!name.isEmpty()) root.insert(QStringLiteral("name"), name);
  if (!description.isEmpty()) root.insert(QStringLiteral("description"), description);
  insertNested(root, QString::fromLatin1(kSystemTypePath).split(QLatin1Char('.')), systemType);
  insertNested(root, QString::fromLatin1(kSwitchPath).split(QLatin1Char('.')), switchModel);
  for (int r = 0; r < 5; ++r) {
    if (opticModules[r].isEmpty()) continue;
    insertNested(
        root,
        {QStringLiteral("optics"), HardwareCatalog::reachName(static_cast<ReachClass>(r)), QStringLiteral("module")},
        opticModules[r]);
  }
  for (auto it = values.begin(); it != values.end(); ++it) {
    const InputSpec& spec = inputSpec(it.key());
    const QJsonValue value = spec.kind == InputKind::Choice
                                 ? QJsonValue(choiceNames(it.key()).value(static_cast<int>(it.value())))
                                 : QJsonValue(it.value());
    insertNested(root, QString::fromLatin1(spec.path).split(QLatin1Char('.')), value);
  }
  return root;
}

std::optional<ResolvedScenario> Scenario::resolve(const HardwareCatalog& catalog, ScenarioErrors& errors) const {
  ResolvedScenario resolved;
  resolved.name = name;
  const int errorsBefore = errors.size();
  for (const InputSpec& spec : inputSpecs()) {
    const auto i = static_cast<std::size_t>(spec.id);
    resolved.values[i] = spec.defaultValue;
    resolved.source[i] = QString::fromLatin1(spec.source);
    resolved.confidence[i] = QString::fromLatin1(spec.confidence);
  }
  auto applyEntry = [&](const CatalogEntry& entry) {
    for (auto it = entry.values.begin(); it != entry.values.end(); ++it) {
      const auto i = static_cast<std::size_t>(it.key());
      resolved.values[i] = it.value().value;
      resolved.source[i] = it.value().source;
      resolved.confidence[i] = it.value().confidence;
    }
  };
  if (const CatalogEntry* system = catalog.system(systemType)) {
    applyEntry(*system);
    resolved.systemName = system->name;
  } else {
    errors.append({QString::fromLatin1(kSystemTypePath),
                   QStringLiteral("unknown system '%1' (known: %2)")
                       .arg(systemType, HardwareCatalog::ids(catalog.systems()).join(QStringLiteral(", ")))});
  }
  if (const CatalogEntry* model = catalog.switchModel(switchModel)) {
    applyEntry(*model);
    resolved.switchName = model->name;
  } else {
    errors.append({QString::fromLatin1(kSwitchPath),
                   QStringLiteral("unknown switch '%1' (known: %2)")
                       .arg(switchModel, HardwareCatalog::ids(catalog.switches()).join(QStringLiteral(", ")))});
  }
  for (int r = 0; r < 5; ++r) {
    const auto reach = static_cast<ReachClass>(r);
    const QString id = opticModules[r].isEmpty() ? catalog.defaultOptic(reach) : opticModules[r];
    const CatalogEntry* optic = catalog.optic(id);
    const QString path = QStringLiteral("optics.%1.module").arg(HardwareCatalog::reachName(reach));
    if (!optic) {
      errors.append({path, QStringLiteral("unknown module '%1'").arg(id)});
      continue;
    }
    if (optic->reach != reach) {
      errors.append({path, QStringLiteral("'%1' is a %2 part").arg(id, HardwareCatalog::reachName(optic->reach))});
      continue;
    }
    const auto price = static_cast<std::size_t>(kMediaPricePer400G[r]);
    const auto power = static_cast<std::size_t>(kMediaPowerPer400G[r]);
    resolved.values[price] = optic->priceUsdPer400G();
    resolved.values[power] = optic->powerWPer400G();
    resolved.source[price] = QStringLiteral("derived from %1: %2").arg(optic->name, optic->priceUsd.source);
    resolved.source[power] = QStringLiteral("derived from %1: %2").arg(optic->name, optic->powerW.source);
    resolved.confidence[price] = optic->priceUsd.confidence;
    resolved.confidence[power] = optic->powerW.confidence;
    const auto gbps = static_cast<std::size_t>(kMediaGbps[r]);
    resolved.values[gbps] = optic->gbps;
    resolved.source[gbps] = QStringLiteral("%1 carries %2 Gb/s").arg(optic->name).arg(optic->gbps);
    resolved.confidence[gbps] = QStringLiteral("verified");
  }
  for (auto it = values.begin(); it != values.end(); ++it) {
    const auto i = static_cast<std::size_t>(it.key());
    resolved.values[i] = it.value();
    resolved.source[i] = QStringLiteral("set in scenario");
    resolved.confidence[i] = QStringLiteral("input");
  }

  for (const InputSpec& spec : inputSpecs()) {
    const double value = resolved.values[static_cast<std::size_t>(spec.id)];
    const QString field = QString::fromLatin1(spec.path);
    if (std::isnan(value)) {
      errors.append(
          {field, QStringLiteral("no value: system '%1' does not define it, set it explicitly").arg(systemType)});
    } else if (!std::isfinite(value)) {
      errors.append({field, QStringLiteral("must be a finite number")});
    } else if (value < spec.minimum || value > spec.maximum) {
      errors.append({field, QStringLiteral("%1 %2 is out of range [%3, %4]")
                                .arg(formatNumber(value), QString::fromLatin1(spec.unit), formatNumber(spec.minimum),
                                     formatNumber(spec.maximum))});
    } else if (spec.kind != InputKind::Real && value != std::floor(value)) {
      errors.append({field, QStringLiteral("must be a whole number, got %1").arg(formatNumber(value))});
    }
  }
  if (errors.size() != errorsBefore) return std::nullopt;

  auto value = [&](InputId id) { return valueOf(resolved.values, id); };
  if (value(InputId::coolingReturnTempC) <= value(InputId::coolingSupplyTempC))
    errors.append({QStringLiteral("cooling.returnTempC"), QStringLiteral("must be above cooling.supplyTempC (%1 degC)")
                                                              .arg(formatNumber(value(InputId::coolingSupplyTempC)))});
  if (value(InputId::networkTiers) == 1)
    errors.append({QStringLiteral("network.tiers"), QStringLiteral("must be 0 (automatic), 2, 3 or 4")});
  if (value(InputId::clusterGpus) < value(InputId::systemGpusPerNode))
    errors.append({QStringLiteral("cluster.gpus"), QStringLiteral("fewer GPUs (%1) than one node holds (%2)")
                                                       .arg(formatNumber(value(InputId::clusterGpus)),
                                                            formatNumber(value(InputId::systemGpusPerNode)))});
  if (errors.size() != errorsBefore) return std::nullopt;
  return resolved;
}

std::optional<ScenarioError> fabricProblem(const InputValues& inputs, const OutputValues& outputs) {
  if (outputs[static_cast<std::size_t>(OutputId::networkFeasible)] > 0.5) return std::nullopt;
  auto in = [&](InputId id) { return valueOf(inputs, id); };
  auto out = [&](OutputId id) { return valueOf(outputs, id); };
  const double designGpus = std::max(in(InputId::clusterGpus), in(InputId::clusterDesignGpus));
  const QLocale locale(QLocale::English);
  if (designGpus * in(InputId::networkNicsPerGpu) <= out(OutputId::networkMaxEndpointsPerPlane)) {
    // The endpoints fit: the pod is what does not.
    OutputValues scratch = outputs;
    const ModelFrame<double> frame{inputs, scratch};
    const auto shape = fabric_detail::planeShape(frame, out(OutputId::networkPlanes));
    const double rails = in(InputId::systemGpusPerNode)*in(InputId::networkNicsPerGpu);
    const double largestPod = shape.down2 / rails * shape.down1 * in(InputId::systemGpusPerNode);
    return ScenarioError{
        QStringLiteral("network.podGpus"),
        QStringLiteral("a pod of %1 GPUs needs more leaves than one spine reaches (%2 ports down); "
                       "a pod holds at most %3 GPUs")
            .arg(locale.toString(in(InputId::networkPodGpus), 'f', 0), locale.toString(shape.down2, 'f', 0),
                 locale.toString(std::floor(largestPod), 'f', 0))};
  }
  return ScenarioError{
      QString::fromLatin1(in(InputId::networkTiers) > 0 ? "network.tiers" : Scenario::kSwitchPath),
      QStringLiteral("a %1-port %2 Gb/s switch cannot build this fabric: %3 endpoints per plane, but %4 planes of %5 "
                     "tiers connect at most %6 each")
          .arg(formatNumber(in(InputId::networkSwitchRadix)), formatNumber(in(InputId::networkSwitchPortSpeedGbps)),
               locale.toString(designGpus * in(InputId::networkNicsPerGpu), 'f', 0),
               formatNumber(out(OutputId::networkPlanes)), formatNumber(out(OutputId::networkTiers)),
               locale.toString(out(OutputId::networkMaxEndpointsPerPlane), 'f', 0))};
}

}  // namespace gigaplan
