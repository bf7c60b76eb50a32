#include "optimize/OptimizeSpec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <cmath>

#include "engine/HardwareCatalog.h"
#include "plan/PhasePlan.h"
#include "plan/PresetLibrary.h"
#include "plan/ProjectEvaluation.h"

namespace gigaplan {

namespace {

/// Largest design space a spec may describe through from/to/step (values per variable).
constexpr int kMaxValuesPerVariable = 10'000;

std::optional<OutputId> outputAt(const QJsonValue& value, const QString& field, ScenarioErrors& errors) {
  const auto id = findOutput(value.toString());
  if (!id)
    errors.append(
        {field, QStringLiteral("'%1' is not a figure (gigaplan-cli schema lists them)").arg(value.toString())});
  return id;
}

bool positiveCount(const QJsonObject& json, const char* key, int least, int most, int& into, ScenarioErrors& errors) {
  if (!json.contains(QLatin1String(key))) return true;
  const QJsonValue value = json.value(QLatin1String(key));
  const double number = value.toDouble(std::nan(""));
  if (!value.isDouble() || number != std::floor(number) || number < least || number > most) {
    errors.append(
        {QString::fromLatin1(key), QStringLiteral("must be a whole number from %1 to %2").arg(least).arg(most)});
    return false;
  }
  into = static_cast<int>(number);
  return true;
}

/// What a variable's path sets (DesignVariable::Target); false with an error naming the field.
bool parseTarget(DesignVariable& variable, const std::vector<Phase>& phases, ScenarioErrors& errors,
                 const QString& field) {
  static const QRegularExpression phasePath(QStringLiteral("^phases\\[(\\d+)\\]\\.(.+)$"));
  static const QRegularExpression systemPath(QStringLiteral("^systems\\[(\\d+)\\]\\.(type|gpus)$"));
  if (variable.path.startsWith(QLatin1String("hall."))) {
    static const QStringList hallFields = {QStringLiteral("hall.rowsPerHall"), QStringLiteral("hall.slotsPerRow"),
                                           QStringLiteral("hall.powerLimitMw"), QStringLiteral("hall.coolingLimitMw"),
                                           QStringLiteral("hall.hallsPerBuilding")};
    if (!hallFields.contains(variable.path)) {
      errors.append(
          {field + QStringLiteral(".path"),
           QStringLiteral("'%1' is not one of %2").arg(variable.path, hallFields.join(QStringLiteral(", ")))});
      return false;
    }
    variable.target = DesignVariable::Target::Hall;
    return true;
  }
  const QRegularExpressionMatch phase = phasePath.match(variable.path);
  if (!phase.hasMatch()) {
    variable.input = findInput(variable.path);
    return true;
  }
  variable.phase = phase.captured(1).toInt() - 1;  // phases count from 1, as the workspace shows them
  if (variable.phase < 0 || variable.phase >= static_cast<int>(phases.size())) {
    errors.append(
        {field + QStringLiteral(".path"),
         QStringLiteral("the base plan has %1 phases; '%2' names another").arg(phases.size()).arg(variable.path)});
    return false;
  }
  const QString rest = phase.captured(2);
  const QRegularExpressionMatch system = systemPath.match(rest);
  if (rest == QLatin1String("start")) {
    variable.target = DesignVariable::Target::PhaseStart;
  } else if (system.hasMatch()) {
    variable.system = system.captured(1).toInt() - 1;
    variable.target = system.captured(2) == QLatin1String("type") ? DesignVariable::Target::PhaseSystemType
                                                                  : DesignVariable::Target::PhaseSystemGpus;
    const auto& systems = phases[static_cast<std::size_t>(variable.phase)].systems;
    if (variable.system < 0 || variable.system >= static_cast<int>(systems.size())) {
      errors.append(
          {field + QStringLiteral(".path"), QStringLiteral("phase %1 buys %2 kinds of system; '%3' names another")
                                                .arg(variable.phase + 1)
                                                .arg(systems.size())
                                                .arg(variable.path)});
      return false;
    }
  } else if (const auto id = findInput(rest)) {
    variable.target = DesignVariable::Target::PhaseInput;
    variable.phaseInput = id;
  } else {
    errors.append(
        {field + QStringLiteral(".path"),
         QStringLiteral("'%1' is not a phase's start, systems[N].type, systems[N].gpus or an input").arg(rest)});
    return false;
  }
  return true;
}

/// Sets one dimension of the halls; false with an error when the value is out of its range.
bool setHall(const QString& path, const QJsonValue& value, HallTemplate& hall, ScenarioErrors& errors) {
  const double number = value.toDouble(std::nan(""));
  struct Range {
    double least, most;
    bool whole;
  };
  const Range range = path == QLatin1String("hall.rowsPerHall")        ? Range{1, 200, true}
                      : path == QLatin1String("hall.slotsPerRow")      ? Range{4, 400, true}
                      : path == QLatin1String("hall.hallsPerBuilding") ? Range{1, 64, true}
                                                                       : Range{0.1, 1000, false};
  if (!value.isDouble() || number < range.least || number > range.most ||
      (range.whole && number != std::floor(number))) {
    errors.append({path, QStringLiteral("must be %1 from %2 to %3")
                             .arg(range.whole ? QStringLiteral("a whole number") : QStringLiteral("a number"))
                             .arg(range.least)
                             .arg(range.most)});
    return false;
  }
  if (path == QLatin1String("hall.rowsPerHall")) hall.rowsPerHall = static_cast<int>(number);
  if (path == QLatin1String("hall.slotsPerRow")) hall.slotsPerRow = static_cast<int>(number);
  if (path == QLatin1String("hall.hallsPerBuilding")) hall.hallsPerBuilding = static_cast<int>(number);
  if (path == QLatin1String("hall.powerLimitMw")) hall.hallPowerLimitMw = number;
  if (path == QLatin1String("hall.coolingLimitMw")) hall.hallCoolingLimitMw = number;
  return true;
}

/// Sets one value of a variable in a plan; false with an error when it is not a value of it.
bool applyValue(const DesignVariable& variable, const QJsonValue& value, Project& project, ScenarioErrors& errors) {
  using Target = DesignVariable::Target;
  if (variable.target == Target::Scenario) return project.scenario.set(variable.path, value, errors);
  if (variable.target == Target::Hall) return setHall(variable.path, value, project.layout.hallTemplate, errors);
  Phase& phase = project.phases[static_cast<std::size_t>(variable.phase)];
  switch (variable.target) {
    case Target::PhaseStart: {
      const QDate date = QDate::fromString(value.toString(), Qt::ISODate);
      if (!date.isValid()) {
        errors.append({variable.path, QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(value.toString())});
        return false;
      }
      phase.start = date;
      return true;
    }
    case Target::PhaseSystemType:
      if (!HardwareCatalog::bundled().system(value.toString())) {
        errors.append({variable.path, QStringLiteral("'%1' is not a system of the catalog").arg(value.toString())});
        return false;
      }
      phase.systems[static_cast<std::size_t>(variable.system)].systemType = value.toString();
      return true;
    case Target::PhaseSystemGpus:
    case Target::PhaseInput:
      if (!value.isDouble()) {
        errors.append({variable.path, QStringLiteral("takes numbers")});
        return false;
      }
      if (variable.target == Target::PhaseSystemGpus)
        phase.systems[static_cast<std::size_t>(variable.system)].gpus = value.toDouble();
      else
        phase.inputs[*variable.phaseInput] = value.toDouble();
      return true;
    case Target::Scenario:
    case Target::Hall:
      break;
  }
  return true;
}

/// Whether a plan reads: the scenario resolves and the phases check as the workspace checks them.
bool planReads(const Project& project, ScenarioErrors& errors) {
  return PhasePlan::evaluate(project, errors).has_value();
}

}  // namespace

std::optional<OptimizeSpec> OptimizeSpec::fromJson(const QJsonObject& json, const QString& folder,
                                                   ScenarioErrors& errors, const Project* givenBase) {
  const qsizetype errorsBefore = errors.size();
  OptimizeSpec spec;
  static const QStringList known = {QStringLiteral("base"),        QStringLiteral("objectives"),
                                    QStringLiteral("constraints"), QStringLiteral("maxBrokenLimits"),
                                    QStringLiteral("space"),       QStringLiteral("seed"),
                                    QStringLiteral("population"),  QStringLiteral("generations"),
                                    QStringLiteral("finalists"),   QStringLiteral("description"),
                                    QStringLiteral("reference")};
  for (const QString& key : json.keys())
    if (!known.contains(key)) errors.append({key, QStringLiteral("is not a field of an optimize spec")});

  // The base: a preset, or a scenario file beside the spec.
  const QString base = json.value(QStringLiteral("base")).toString();
  if (base.isEmpty() && givenBase) {
    spec.base = givenBase->scenario;
    spec.basePhases = givenBase->phases;
    spec.baseTenants = givenBase->tenants;
    spec.baseHall = givenBase->layout.hallTemplate;
  } else if (base.isEmpty()) {
    errors.append({QStringLiteral("base"), QStringLiteral("name a preset id or a scenario file")});
  } else {
    const QString local = QDir(folder).filePath(base);
    ScenarioErrors baseErrors;
    auto project = PresetLibrary::loadProject(QFileInfo::exists(local) ? local : base, baseErrors);
    if (project) {
      spec.base = project->scenario;
      spec.basePhases = project->phases;
      spec.baseTenants = project->tenants;
    } else {
      for (const ScenarioError& error : baseErrors)
        errors.append({QStringLiteral("base: ") + error.field, error.message});
    }
  }

  // The plan to beat, on its own floor as `new` lays it out.
  spec.referenceFigures.fill(std::nan(""));
  spec.reference = json.value(QStringLiteral("reference")).toString();
  if (!spec.reference.isEmpty()) {
    const QString local = QDir(folder).filePath(spec.reference);
    ScenarioErrors referenceErrors;
    auto project = PresetLibrary::loadProject(QFileInfo::exists(local) ? local : spec.reference, referenceErrors);
    auto layout = project ? layOutProject(*project, HallTemplate{}, referenceErrors) : std::nullopt;
    if (layout) {
      project->layout = std::move(*layout);
      const ProjectResult result = evaluateProject(*project);
      if (result.error.isEmpty())
        spec.referenceFigures = result.evaluation.outputs;
      else
        referenceErrors.append({QStringLiteral("figures"), result.error});
    }
    if (!layout || std::isnan(valueOf(spec.referenceFigures, OutputId::clusterGpus)))
      for (const ScenarioError& error : referenceErrors)
        errors.append({QStringLiteral("reference: ") + error.field, error.message});
  }

  const QJsonArray objectives = json.value(QStringLiteral("objectives")).toArray();
  if (objectives.isEmpty()) errors.append({QStringLiteral("objectives"), QStringLiteral("name at least one")});
  for (qsizetype i = 0; i < objectives.size(); ++i) {
    const QJsonObject objective = objectives[i].toObject();
    const QString field = QStringLiteral("objectives[%1]").arg(i + 1);
    const bool maximize = objective.contains(QStringLiteral("maximize"));
    if (maximize == objective.contains(QStringLiteral("minimize")) || objective.size() != 1) {
      errors.append({field, QStringLiteral("give one of {\"minimize\": FIGURE} or {\"maximize\": FIGURE}")});
      continue;
    }
    if (const auto id = outputAt(objective.value(maximize ? QStringLiteral("maximize") : QStringLiteral("minimize")),
                                 field, errors))
      spec.objectives.push_back({*id, maximize});
  }

  const QJsonArray constraints = json.value(QStringLiteral("constraints")).toArray();
  for (qsizetype i = 0; i < constraints.size(); ++i) {
    const QJsonObject constraint = constraints[i].toObject();
    const QString field = QStringLiteral("constraints[%1]").arg(i + 1);
    const auto id = outputAt(constraint.value(QStringLiteral("output")), field + QStringLiteral(".output"), errors);
    Constraint c{id.value_or(OutputId::clusterGpus)};
    // A bound is a number, or "reference": the reference plan's own figure.
    auto bound = [&](const QString& key, double& into) {
      if (!constraint.contains(key)) return;
      const QJsonValue value = constraint.value(key);
      if (value.toString() == QLatin1String("reference")) {
        into = spec.reference.isEmpty() ? std::nan("") : valueOf(spec.referenceFigures, c.output);
        if (spec.reference.isEmpty())
          errors.append({field + QLatin1Char('.') + key, QStringLiteral("\"reference\" needs a reference plan")});
      } else {
        into = value.toDouble(std::nan(""));
      }
    };
    bound(QStringLiteral("min"), c.min);
    bound(QStringLiteral("max"), c.max);
    c.everyPhase = constraint.value(QStringLiteral("everyPhase")).toBool(false);
    if (std::isnan(c.min) || std::isnan(c.max) || (std::isinf(c.min) && std::isinf(c.max)) || c.min > c.max)
      errors.append({field, QStringLiteral("give a number \"min\", \"max\" or both, min not above max")});
    else if (id)
      spec.constraints.push_back(c);
  }
  if (json.contains(QStringLiteral("maxBrokenLimits")))
    positiveCount(json, "maxBrokenLimits", 0, 1'000'000, spec.maxBrokenLimits, errors);

  const QJsonArray space = json.value(QStringLiteral("space")).toArray();
  if (space.isEmpty()) errors.append({QStringLiteral("space"), QStringLiteral("name at least one input to vary")});
  for (qsizetype i = 0; i < space.size(); ++i) {
    const QJsonObject entry = space[i].toObject();
    const QString field = QStringLiteral("space[%1]").arg(i + 1);
    DesignVariable variable;
    variable.path = entry.value(QStringLiteral("path")).toString();
    if (!parseTarget(variable, spec.basePhases, errors, field)) continue;
    if (entry.contains(QStringLiteral("values"))) {
      for (const QJsonValue& value : entry.value(QStringLiteral("values")).toArray()) variable.values.push_back(value);
    } else if (entry.contains(QStringLiteral("from"))) {
      const double from = entry.value(QStringLiteral("from")).toDouble(std::nan(""));
      const double to = entry.value(QStringLiteral("to")).toDouble(std::nan(""));
      const double step = entry.value(QStringLiteral("step")).toDouble(std::nan(""));
      if (!(step > 0) || !(to >= from) || (to - from) / step > kMaxValuesPerVariable) {
        errors.append({field, QStringLiteral("give \"from\", \"to\" not below it and a \"step\" above 0 "
                                             "(at most %1 values)")
                                  .arg(kMaxValuesPerVariable)});
        continue;
      }
      for (double value = from; value <= to + step * 1e-9; value += step)
        variable.values.emplace_back(std::round(value / step) * step);
    }
    if (variable.values.empty()) {
      errors.append({field, QStringLiteral("give \"values\": [...] or \"from\", \"to\" and \"step\"")});
      continue;
    }
    // Each value as --set takes it, and the base plan with it resolves (ranges, catalog ids,
    // dates, phases in order): a bad one is named with its place.
    for (std::size_t v = 0; v < variable.values.size(); ++v) {
      ScenarioErrors valueErrors;
      Project probe = spec.projectOf({});
      if (!applyValue(variable, variable.values[v], probe, valueErrors) || !planReads(probe, valueErrors))
        for (const ScenarioError& error : valueErrors)
          errors.append({QStringLiteral("%1.values[%2]").arg(field).arg(v + 1), error.text()});
    }
    spec.space.push_back(variable);
  }

  int seed = 1;
  positiveCount(json, "seed", 0, 2'000'000'000, seed, errors);
  spec.seed = static_cast<quint64>(seed);
  positiveCount(json, "population", 4, 100'000, spec.population, errors);
  spec.population += spec.population % 2;  // pairs of parents
  positiveCount(json, "generations", 0, 100'000, spec.generations, errors);
  positiveCount(json, "finalists", 1, 10'000, spec.finalists, errors);
  if (errors.size() != errorsBefore) return std::nullopt;
  return spec;
}

std::optional<OptimizeSpec> OptimizeSpec::load(const QString& path, ScenarioErrors& errors) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    errors.append({path, file.errorString()});
    return std::nullopt;
  }
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(file.read(16 << 20), &parseError);
  if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
    errors.append(
        {path, parseError.error != QJsonParseError::NoError
                   ? QStringLiteral("not JSON at byte %1: %2").arg(parseError.offset).arg(parseError.errorString())
                   : QStringLiteral("not a JSON object")});
    return std::nullopt;
  }
  return fromJson(document.object(), QFileInfo(path).absolutePath(), errors);
}

double OptimizeSpec::spaceSize() const {
  double size = 1;
  for (const DesignVariable& variable : space) size *= static_cast<double>(variable.values.size());
  return size;
}

std::optional<std::vector<int>> OptimizeSpec::baseDesign() const {
  ScenarioErrors errors;
  const auto resolved = base.resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) return std::nullopt;
  using Target = DesignVariable::Target;
  std::vector<int> genes;
  for (const DesignVariable& variable : space) {
    // The base's own value of the variable, as the spec writes values.
    QJsonValue own;
    if (variable.target == Target::Scenario) {
      if (variable.path == QLatin1String(Scenario::kSystemTypePath))
        own = base.systemType;
      else if (variable.path == QLatin1String(Scenario::kSwitchPath))
        own = base.switchModel;
      else if (variable.input)
        own = base.values.contains(*variable.input) ? base.values.value(*variable.input)
                                                    : valueOf(resolved->values, *variable.input);
    } else if (variable.target == Target::Hall) {
      own = variable.path == QLatin1String("hall.rowsPerHall")        ? QJsonValue(baseHall.rowsPerHall)
            : variable.path == QLatin1String("hall.slotsPerRow")      ? QJsonValue(baseHall.slotsPerRow)
            : variable.path == QLatin1String("hall.hallsPerBuilding") ? QJsonValue(baseHall.hallsPerBuilding)
            : variable.path == QLatin1String("hall.powerLimitMw")     ? QJsonValue(baseHall.hallPowerLimitMw)
                                                                      : QJsonValue(baseHall.hallCoolingLimitMw);
    } else {
      const Phase& phase = basePhases[static_cast<std::size_t>(variable.phase)];
      if (variable.target == Target::PhaseStart) own = phase.start.toString(Qt::ISODate);
      if (variable.target == Target::PhaseSystemType)
        own = phase.systems[static_cast<std::size_t>(variable.system)].systemType;
      if (variable.target == Target::PhaseSystemGpus)
        own = phase.systems[static_cast<std::size_t>(variable.system)].gpus;
      if (variable.target == Target::PhaseInput && phase.inputs.contains(*variable.phaseInput))
        own = phase.inputs.value(*variable.phaseInput);
    }
    const auto at = std::find_if(variable.values.begin(), variable.values.end(), [&](const QJsonValue& value) {
      return value.isDouble() && own.isDouble() ? value.toDouble() == own.toDouble() : value == own;
    });
    if (own.isUndefined() || at == variable.values.end()) return std::nullopt;
    genes.push_back(static_cast<int>(at - variable.values.begin()));
  }
  return genes;
}

Project OptimizeSpec::projectOf(const std::vector<int>& genes) const {
  Project project;
  project.scenario = base;
  project.phases = basePhases;
  project.tenants = baseTenants;
  project.layout.hallTemplate = baseHall;
  ScenarioErrors ignored;  // every value was checked when the spec was read
  for (std::size_t v = 0; v < space.size() && v < genes.size(); ++v)
    applyValue(space[v], space[v].values[static_cast<std::size_t>(genes[v])], project, ignored);
  return project;
}

}  // namespace gigaplan
