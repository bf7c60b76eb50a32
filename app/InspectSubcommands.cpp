// gigaplan-cli info and racks: what a project file holds, the site after every phase and every rack.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <limits>

#include "CliSupport.h"
#include "ProjectSubcommands.h"
#include "engine/Evaluator.h"
#include "engine/HardwareCatalog.h"
#include "engine/ResultFormat.h"
#include "layout/FloorPlaces.h"
#include "plan/PhasePlan.h"
#include "plan/ProjectEvaluation.h"
#include "plan/ProjectFindings.h"
#include "plan/TenantPlan.h"

namespace gigaplan::cli {

namespace {

/// GPUs in a full compute rack of each of the layout's system types, as the project's scenario
/// resolves that system (catalog GPUs per node x nodes per rack, or the scenario's own values);
/// NaN for a type the scenario cannot resolve.
/// GPUs per node of each of the floor's system types, with the project's inputs.
std::vector<double> gpusPerNodeOfSystems(const Project& project) {
  std::vector<double> gpus;
  for (const QString& type : project.layout.systemTypes) {
    Scenario scenario = project.scenario;
    scenario.systemType = type;
    ScenarioErrors errors;
    const auto resolved = scenario.resolve(HardwareCatalog::bundled(), errors);
    gpus.push_back(resolved ? valueOf(resolved->values, InputId::systemGpusPerNode) : std::nan(""));
  }
  return gpus;
}

}  // namespace

int runRacks(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A project file."));
  const QCommandLineOption findOption(QStringLiteral("find"),
                                      QStringLiteral("Only the racks of a building, hall, row (HALL/N) or rack id."),
                                      QStringLiteral("place"));
  parser.addOptions({formatOption(QStringLiteral("table")), outputOption(), findOption});
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli racks FILE [--find PLACE] [--format table|csv|json] [-o FILE]\n"
          "Every rack of the project's floor: its id, building, hall (by name, and the index edit takes),\n"
          "row (numbered in its hall from 1 as the desktop's project tree shows it, and the index edit\n"
          "takes), slot, role, system, GPUs, kW at full load, phase (from 1) and tenant. --find keeps the\n"
          "racks of one place, named as the desktop's Find takes it: a rack id, HALL/N, a hall or a building.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("racks takes one FILE"));
  const QString format = parser.value(QStringLiteral("format"));
  if (format != QLatin1String("table") && format != QLatin1String("json") && format != QLatin1String("csv"))
    return usageError(QStringLiteral("--format: '%1' is not table, csv or json").arg(format));
  const auto project = openProject(parser.positionalArguments().first());
  if (!project) return kExitBadInput;
  const SiteLayout& layout = project->layout;
  std::vector<int> listed(layout.racks.size());
  for (std::size_t i = 0; i < listed.size(); ++i) listed[i] = static_cast<int>(i);
  if (parser.isSet(findOption)) {
    QString error;
    const auto place = FloorPlaces::find(layout, parser.value(findOption), &error);
    if (!place) {
      err() << "error: --find: " << error << "\n";
      return kExitBadInput;
    }
    listed = FloorPlaces::racksIn(layout, *place);
  }
  const std::vector<double> gpusPerNode = gpusPerNodeOfSystems(*project);
  for (std::size_t t = 0; t < gpusPerNode.size(); ++t)
    if (std::isnan(gpusPerNode[t]))
      err() << "warning: system " << layout.systemTypes[static_cast<qsizetype>(t)]
            << ": does not resolve with the project's inputs, so its racks have no GPU count\n";
  // A row's number in its hall, as the project tree counts them.
  std::vector<int> rowNumber(layout.rows.size(), 0);
  std::map<int, int> rowsInHall;
  for (std::size_t r = 0; r < layout.rows.size(); ++r) rowNumber[r] = ++rowsInHall[layout.rows[r].hall];

  static constexpr ListingColumn columns[] = {
      {"id", true},        {"building", false}, {"hall", false},  {"hall_index", true}, {"row", true},
      {"row_index", true}, {"slot", true},      {"role", false},  {"system", false},    {"gpus", true},
      {"kw", true},        {"phase", true},     {"tenant", false}};
  std::vector<QStringList> rows;
  rows.reserve(listed.size());
  for (int index : listed) {
    const Rack& rack = layout.racks[static_cast<std::size_t>(index)];
    const auto r = static_cast<std::size_t>(rack.row);
    const auto h = static_cast<std::size_t>(layout.rows[r].hall);
    const Hall& hall = layout.halls[h];
    const bool compute = rack.role == RackRole::Compute;
    // A compute rack holds `units` nodes: the last rack of a build may be partly filled.
    const double gpus = compute ? rack.units * gpusPerNode.at(rack.system) : 0.0;
    rows.push_back({QString::number(rack.id), layout.buildings[static_cast<std::size_t>(hall.building)].name, hall.name,
                    QString::number(h), QString::number(rowNumber[r]), QString::number(r),
                    QString::number(rack.slot + 1), rackRoleName(rack.role),
                    compute ? layout.systemTypes.value(rack.system) : QString(),
                    std::isnan(gpus) ? QString() : QString::number(gpus, 'f', 0),
                    QString::number(static_cast<double>(rack.powerKw), 'f', 1), QString::number(rack.phase + 1),
                    rack.tenant > 0 ? project->tenants.at(rack.tenant - 1u).name : QString()});
  }

  const QByteArray bytes = formatListing(std::vector<ListingColumn>(std::begin(columns), std::end(columns)), rows,
                                         format, QStringLiteral("racks"));
  return writeOutput(parser.value(outputOption()), bytes, parser.positionalArguments()) ? 0 : kExitBadInput;
}

namespace {

/// The figures `info` headlines for the site after the last phase, by output path.
constexpr OutputId kHeadlineFigures[] = {OutputId::clusterGpus,       OutputId::clusterRacks,
                                         OutputId::powerFacilityMw,   OutputId::costCapexUsd,
                                         OutputId::costTcoUsdPerYear, OutputId::costUsdPerGpuHour};
/// What `info` says a phase adds, by output path.
constexpr OutputId kPhaseFigures[] = {OutputId::clusterGpus, OutputId::clusterRacks, OutputId::powerFacilityMw,
                                      OutputId::costCapexUsd};

QString withUnit(double value, OutputId id) {
  return formatQuantity(value) + QLatin1Char(' ') + QString::fromLatin1(outputSpec(id).unit);
}

/// Text broken into lines of at most `width` characters at spaces, keeping its own line breaks.
QStringList wrapped(const QString& text, int width) {
  QStringList lines;
  for (const QString& paragraph : text.split(QLatin1Char('\n'))) {
    QString line;
    for (const QString& word : paragraph.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
      if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
        lines << line;
        line.clear();
      }
      line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    lines << line;
  }
  return lines;
}

/// The systems one phase buys: "100,000 hgx-h100" per system type.
/// The system types a phase adds ("hgx-h100-liquid + gb200-nvl72"); its GPUs are counted on the floor.
QString systemsOfPhase(const PhasePlan& plan, std::size_t phase) {
  QStringList systems;
  for (const PhaseGroup& group : plan.groups)
    if (group.phase == phase) systems << group.systemType;
  return systems.join(QStringLiteral(" + "));
}

}  // namespace

namespace {
/// Findings as JSON: the limits broken and the warnings, each with its object and problem.
QJsonObject findingsJson(const ProjectFindings& findings) {
  const auto list = [](const std::vector<ProjectFindings::Finding>& items) {
    QJsonArray array;
    for (const ProjectFindings::Finding& item : items)
      array.append(QJsonObject{{QStringLiteral("object"), item.object}, {QStringLiteral("problem"), item.message}});
    return array;
  };
  return {{QStringLiteral("brokenLimits"), list(findings.brokenLimits)},
          {QStringLiteral("warnings"), list(findings.warnings)}};
}
}  // namespace

int runInfo(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A project file."));
  parser.addOptions({formatOption(QStringLiteral("table")), outputOption()});
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli info FILE [--format table|json] [-o FILE]\n"
          "What a project holds: the site after its last phase (GPUs, racks, facility power, capex, TCO,\n"
          "$ per GPU-hour, as 'evaluate' gives them), what each phase adds, the floor's figures and findings.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("info takes one FILE"));
  const QString format = parser.value(QStringLiteral("format"));
  if (format != QLatin1String("table") && format != QLatin1String("json"))
    return usageError(QStringLiteral("--format: '%1' is not table or json").arg(format));
  const auto project = openProject(parser.positionalArguments().first());
  if (!project) return kExitBadInput;
  // The figures `evaluate` gives for the file: one evaluation, so one value everywhere.
  const ProjectResult result = gigaplan::evaluateProject(*project);
  if (!result.resolved || !result.plan) {
    err() << "error: " << result.error << "\n";
    return kExitBadInput;
  }
  const ResolvedScenario& resolved = *result.resolved;
  const PhasePlan& plan = *result.plan;
  const ProjectFindings findings = ProjectFindings::of(*project, result);
  const LayoutEvaluation& evaluation = result.evaluation;
  const OutputValues& site = evaluation.outputs;
  const LayoutMetrics& m = evaluation.metrics;
  const QString name = resolved.name.isEmpty() ? QStringLiteral("(unnamed)") : resolved.name;
  QStringList problems;
  if (!result.error.isEmpty()) problems << result.error;
  if (!result.tenantError.isEmpty()) problems << result.tenantError;

  QByteArray bytes;
  if (format == QLatin1String("json")) {
    QJsonObject figures;
    for (OutputId id : kHeadlineFigures) figures.insert(QString::fromLatin1(outputSpec(id).path), valueOf(site, id));
    QJsonArray phases;
    for (std::size_t k = 0; k < plan.phases.size(); ++k) {
      const PhaseResult& phase = plan.phases[k];
      QJsonObject added;
      for (OutputId id : kPhaseFigures)
        added.insert(QString::fromLatin1(outputSpec(id).path), valueOf(phase.added, id));
      QJsonArray systems;
      for (const PhaseGroup& group : plan.groups)
        if (group.phase == k)
          // What the phase buys, as planned; what stands on the floor is in "added".
          systems.append(
              QJsonObject{{QStringLiteral("type"), group.systemType}, {QStringLiteral("plannedGpus"), group.gpus}});
      phases.append(QJsonObject{{QStringLiteral("phase"), static_cast<int>(k) + 1},
                                {QStringLiteral("name"), phase.name},
                                {QStringLiteral("start"), phase.start.toString(Qt::ISODate)},
                                {QStringLiteral("firstRack"), phase.firstRack.toString(Qt::ISODate)},
                                {QStringLiteral("training"), phase.training.toString(Qt::ISODate)},
                                {QStringLiteral("systems"), systems},
                                {QStringLiteral("added"), added}});
    }
    QJsonObject root{
        {QStringLiteral("project"), resolved.name},
        {QStringLiteral("description"), project->scenario.description},
        {QStringLiteral("system"), resolved.systemName},
        {QStringLiteral("switch"), resolved.switchName},
        {QStringLiteral("site"), QJsonObject{{QStringLiteral("afterPhase"), static_cast<int>(plan.phases.size())},
                                             {QStringLiteral("figures"), figures}}},
        {QStringLiteral("phases"), phases},
        {QStringLiteral("layout"), layoutJson(project->layout, evaluation)},
        {QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
        {QStringLiteral("findings"), findingsJson(findings)}};
    bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
  } else {
    QString text;
    QTextStream stream(&text);
    const auto figure = [&](OutputId id) { return withUnit(valueOf(site, id), id); };
    stream << "project   " << name << "\n";
    if (!project->scenario.description.isEmpty())
      for (const QString& line : wrapped(project->scenario.description, 90)) stream << "          " << line << "\n";
    if (project->phases.empty()) stream << "system    " << resolved.systemName << "\n";
    stream << "switch    " << resolved.switchName << "\n"
           << "site      after "
           << (plan.phases.size() == 1 ? QStringLiteral("its one phase")
                                       : QStringLiteral("all %1 phases").arg(plan.phases.size()))
           << ", training from " << plan.phases.back().training.toString(Qt::ISODate) << "\n"
           << "GPUs      " << figure(OutputId::clusterGpus) << "\n"
           << "racks     " << figure(OutputId::clusterRacks) << "\n"
           << "power     facility " << figure(OutputId::powerFacilityMw) << ", IT " << figure(OutputId::powerItMw)
           << "\n"
           << "cost      capex " << figure(OutputId::costCapexUsd) << ", TCO " << figure(OutputId::costTcoUsdPerYear)
           << ", " << figure(OutputId::costUsdPerGpuHour) << " per GPU-hour\n";
    for (std::size_t k = 0; k < plan.phases.size(); ++k) {
      const PhaseResult& phase = plan.phases[k];
      const auto added = [&](OutputId id) { return withUnit(valueOf(phase.added, id), id); };
      stream << QStringLiteral("phase %1").arg(k + 1).leftJustified(10) << phase.name << " ("
             << phase.start.toString(Qt::ISODate) << ", training " << phase.training.toString(Qt::ISODate) << "): adds "
             << added(OutputId::clusterGpus) << " of " << systemsOfPhase(plan, k) << ", "
             << added(OutputId::clusterRacks) << ", facility " << added(OutputId::powerFacilityMw) << ", capex "
             << added(OutputId::costCapexUsd) << "\n";
    }
    QStringList locked;
    for (const Hall& hall : project->layout.halls)
      if (hall.locked) locked << hall.name;
    stream << "layout    " << project->layout.buildings.size() << " buildings, " << project->layout.halls.size()
           << " halls, " << project->layout.rows.size() << " rows, " << m.computeRacks << " compute racks, "
           << m.networkRacks << " network racks, " << m.cdus << " CDUs\n";
    if (!locked.isEmpty())
      stream << "locked    " << locked.join(QStringLiteral(", ")) << " (a re-lay keeps them as they are)\n";
    stream << "floor     " << figure(OutputId::clusterWhiteSpaceM2) << " of halls, site "
           << figure(OutputId::clusterSiteAreaM2) << "\n"
           << "fabric    " << figure(OutputId::networkSwitches) << ", bisection "
           << figure(OutputId::networkBisectionPbps) << ", fiber " << figure(OutputId::networkFiberKm) << "\n";
    for (const QString& problem : problems) stream << "problem   " << problem << "\n";
    stream << "findings  " << findings.summary() << "\n";
    for (const ProjectFindings::Finding& finding : findings.brokenLimits)
      stream << "  limit broken: " << finding.text() << "\n";
    for (const ProjectFindings::Finding& finding : findings.warnings) stream << "  warning: " << finding.text() << "\n";
    stream.flush();
    bytes = text.toUtf8();
  }
  return writeOutput(parser.value(outputOption()), bytes, parser.positionalArguments()) ? 0 : kExitBadInput;
}

}  // namespace gigaplan::cli
