#include "ProjectSubcommands.h"

#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QUndoStack>
#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>

#include "CliSupport.h"
#include "FloorView.h"
#include "document/LayoutCommands.h"
#include "document/ProjectDocument.h"
#include "document/ScenarioCommands.h"
#include "engine/Evaluator.h"
#include "engine/ResultFormat.h"
#include "export/Spreadsheet.h"
#include "files/AtomicFile.h"
#include "files/FileGuard.h"
#include "files/FileProblem.h"
#include "layout/FloorPlaces.h"
#include "layout/LayoutEvaluation.h"
#include "layout/LayoutGenerator.h"
#include "plan/PhasePlan.h"
#include "plan/PresetLibrary.h"
#include "plan/ProjectEvaluation.h"
#include "plan/TenantPlan.h"
#include "report/ProjectReport.h"
#include "storage/ProjectStore.h"

namespace gigaplan::cli {

namespace {

/// A project file, or a new project from a preset id or scenario file (its phases, no layout yet).
std::optional<Project> projectOrPreset(const QString& source, ScenarioErrors& errors) {
  return ProjectStore::isMeantAsProject(source) ? openProject(source) : PresetLibrary::loadProject(source, errors);
}

/// Parses "a:b:c" into numbers; false when the count or a number is wrong.
bool parseFields(const QString& text, int count, std::vector<double>& values) {
  const QStringList fields = text.split(QLatin1Char(':'));
  if (fields.size() != count) return false;
  values.clear();
  for (const QString& field : fields) {
    bool ok = false;
    values.push_back(field.toDouble(&ok));
    if (!ok || !std::isfinite(values.back())) return false;
  }
  return true;
}

}  // namespace

std::optional<Project> openProject(const QString& path) {
  QString error;
  auto project = ProjectStore::open(path, &error);
  if (!project) {
    err() << "error: " << error << "\n";
    err().flush();
  }
  return project;
}

bool applyProjectSettings(Project& project, const QStringList& settings, ScenarioErrors& errors, QStringList* notes) {
  for (const QString& setting : settings)
    if (const QString refused = inputRefusedByProject(project, setting.section(QLatin1Char('='), 0, 0).trimmed());
        !refused.isEmpty())
      errors.append({QStringLiteral("--set"), refused});
  if (!errors.isEmpty()) return false;
  Scenario edited = project.scenario;
  if (!applySettings(edited, settings, errors)) return false;
  // Inputs that shape the floor lay it out anew, as in the desktop.
  if (auto floor = floorForScenarioEdit(project, edited)) {
    project.layout = std::move(floor->layout);
    QStringList said{QStringLiteral("the floor was laid out anew for the inputs")};
    if (floor->handEdits > 0)
      said.first() += QStringLiteral("; %1 of %2 hand edits kept")
                          .arg(floor->handEdits - floor->notKept.size())
                          .arg(floor->handEdits);
    for (const QString& edit : floor->notKept) said << QStringLiteral("a hand edit no longer applies: ") + edit;
    if (notes)
      *notes += said;
    else
      for (const QString& note : said) err() << "note: " << note << "\n";
  }
  project.scenario = std::move(edited);
  return true;
}

std::optional<Project> projectOnFloor(const QString& source, const QStringList& settings, ScenarioErrors& errors) {
  if (ProjectStore::isMeantAsProject(source)) {
    auto project = openProject(source);
    if (!project || !applyProjectSettings(*project, settings, errors)) return std::nullopt;
    return project;
  }
  auto project = PresetLibrary::loadProject(source, errors);
  if (!project || !applySettings(project->scenario, settings, errors)) return std::nullopt;
  // A preset or scenario file is laid out as `new` would lay it: its figures are that floor's.
  auto layout = layOutProject(*project, HallTemplate{}, errors);
  if (!layout) return std::nullopt;
  project->layout = std::move(*layout);
  return project;
}

QJsonObject layoutJson(const SiteLayout& layout, const LayoutEvaluation& evaluation) {
  const LayoutMetrics& m = evaluation.metrics;
  QJsonArray tiers;
  static const char* names[4] = {"nicToLeaf", "leafToSpine", "spineToCore", "coreToTier4"};
  for (std::size_t t = 0; t < 4; ++t) {
    const TierCabling& c = evaluation.cabling.tiers[t];
    QJsonObject byReach;
    for (int r = 0; r < 5; ++r)
      byReach.insert(HardwareCatalog::reachName(static_cast<ReachClass>(r)),
                     c.linksByReach[static_cast<std::size_t>(r)]);
    byReach.insert(QStringLiteral("beyondReach"), c.beyondReach);
    tiers.append(QJsonObject{{QStringLiteral("tier"), QString::fromLatin1(names[t])},
                             {QStringLiteral("links"), c.links},
                             {QStringLiteral("averageLengthM"), c.links > 0 ? c.totalLengthM / c.links : 0.0},
                             {QStringLiteral("longestM"), c.longestM},
                             {QStringLiteral("linksByReach"), byReach}});
  }
  QJsonArray halls;
  for (std::size_t h = 0; h < m.halls.size(); ++h) {
    const HallMetrics& hall = m.halls[h];
    halls.append(QJsonObject{{QStringLiteral("name"), layout.halls[h].name},
                             {QStringLiteral("itMw"), hall.itKw / 1e3},
                             {QStringLiteral("powerLimitMw"), layout.halls[h].powerLimitMw},
                             {QStringLiteral("locked"), layout.halls[h].locked},
                             {QStringLiteral("computeRacks"), hall.computeRacks},
                             {QStringLiteral("kwPerComputeRack"), hall.kwPerComputeRack},
                             {QStringLiteral("kwPerM2"), hall.kwPerM2},
                             {QStringLiteral("maxFloorLoadKgM2"), hall.maxFloorLoadKgM2},
                             {QStringLiteral("transformers"), hall.transformers},
                             {QStringLiteral("upsModules"), hall.upsModules}});
  }
  QJsonArray findings;
  for (const LayoutFinding& finding : evaluation.findings())
    findings.append(
        QJsonObject{{QStringLiteral("object"), finding.object}, {QStringLiteral("problem"), finding.message}});
  double maxHallKwPerM2 = 0;
  for (const HallMetrics& hall : m.halls) maxHallKwPerM2 = std::max(maxHallKwPerM2, hall.kwPerM2);
  return QJsonObject{{QStringLiteral("buildings"), static_cast<double>(layout.buildings.size())},
                     {QStringLiteral("halls"), static_cast<double>(layout.halls.size())},
                     {QStringLiteral("rows"), static_cast<double>(layout.rows.size())},
                     {QStringLiteral("computeRacks"), m.computeRacks},
                     {QStringLiteral("networkRacks"), m.networkRacks},
                     {QStringLiteral("cdus"), m.cdus},
                     {QStringLiteral("hallFloorM2"), m.hallFloorM2},
                     {QStringLiteral("buildingFloorM2"), m.buildingFloorM2},
                     // The site's area as the figures count it (each phase group's buildings).
                     {QStringLiteral("siteAreaM2"), valueOf(evaluation.outputs, OutputId::clusterSiteAreaM2)},
                     {QStringLiteral("rackItMw"), m.itKw / 1e3},
                     {QStringLiteral("maxHallKwPerM2"), maxHallKwPerM2},
                     {QStringLiteral("maxFloorLoadKgM2"), m.maxFloorLoadKgM2},
                     {QStringLiteral("hallFigures"), halls},
                     {QStringLiteral("cabling"), tiers},
                     {QStringLiteral("findings"), findings}};
}

int runNew(const QStringList& arguments) {
  QCommandLineParser parser;
  const QCommandLineOption presetOption(QStringLiteral("preset"), QStringLiteral("Preset id (see presets)."),
                                        QStringLiteral("NAME"));
  const QCommandLineOption scenarioOption(
      QStringLiteral("scenario"), QStringLiteral("Scenario JSON file instead of a preset."), QStringLiteral("FILE"));
  const QCommandLineOption hallPowerOption(QStringLiteral("hall-power-mw"),
                                           QStringLiteral("Power and cooling limit of each hall (default 40)."),
                                           QStringLiteral("MW"));
  const QCommandLineOption forceOption(QStringLiteral("force"),
                                       QStringLiteral("Replace FILE even when it is not a Gigaplan project."));
  parser.addOptions({presetOption, scenarioOption, hallPowerOption, setOption(), outputOption(), forceOption});
  if (const auto done =
          parseSubcommand(parser, arguments,
                          "Usage: gigaplan-cli new (--preset NAME | --scenario FILE) [--set path=value]... "
                          "[--hall-power-mw MW] [--force] -o FILE\n"
                          "Creates a project: the scenario and its generated floor layout. An existing FILE\n"
                          "is replaced only when it is a Gigaplan project (or with --force).\n"))
    return *done;
  const QString path = parser.value(outputOption());
  if (path.isEmpty()) return usageError(QStringLiteral("new needs -o FILE"));
  // -o may name a link or a file someone cares about: only a project is replaced unasked.
  QString targetProblem;
  const QString target = finalTarget(path, &targetProblem);
  if (target.isEmpty()) return reportErrors({{QStringLiteral("-o"), targetProblem}});
  if (QFileInfo(target).isFile() && !parser.isSet(forceOption)) {
    if (QFile existing(target); !existing.open(QIODevice::ReadOnly))
      return reportErrors({{QStringLiteral("-o"), fileProblem("cannot read", target, errno)}});
  }
  if (QFileInfo(target).isFile() && !parser.isSet(forceOption) && !ProjectStore::isProjectFile(target))
    return reportErrors({{QStringLiteral("-o"), QStringLiteral("%1 exists and is not a Gigaplan project; nothing "
                                                               "written (--force replaces it)")
                                                    .arg(QDir::toNativeSeparators(target))}});
  if (parser.isSet(presetOption) == parser.isSet(scenarioOption))
    return usageError(QStringLiteral("new needs either --preset or --scenario"));
  ScenarioErrors errors;
  auto project = PresetLibrary::loadProject(
      parser.isSet(presetOption) ? parser.value(presetOption) : parser.value(scenarioOption), errors);
  if (!project || !applySettings(project->scenario, parser.values(setOption()), errors)) return reportErrors(errors);
  HallTemplate hallTemplate;
  if (parser.isSet(hallPowerOption)) {
    bool ok = false;
    const double mw = parser.value(hallPowerOption).toDouble(&ok);
    if (!ok || !(mw > 0) || mw > 10000)
      return reportErrors(
          {{QStringLiteral("--hall-power-mw"),
            QStringLiteral("'%1' is not a power from 0 to 10,000 MW").arg(parser.value(hallPowerOption))}});
    hallTemplate.hallPowerLimitMw = mw;
    hallTemplate.hallCoolingLimitMw = mw;
  }
  auto layout = layOutProject(*project, hallTemplate, errors);
  if (!layout) return reportErrors(errors);
  project->layout = std::move(*layout);
  QString error;
  if (!ProjectStore::save(*project, path, &error)) {
    err() << "error: " << error << "\n";
    return kExitBadInput;
  }
  // Racks as the figures count them (compute and network), CDUs apart.
  const auto cdus = std::count_if(project->layout.racks.begin(), project->layout.racks.end(),
                                  [](const Rack& rack) { return rack.role == RackRole::Cdu; });
  out() << path << ": " << project->scenario.name << ", " << static_cast<qsizetype>(project->layout.racks.size()) - cdus
        << " racks and " << cdus << " CDUs in " << project->layout.halls.size() << " halls of "
        << project->layout.buildings.size() << " buildings"
        << (project->phases.empty() ? QString() : QStringLiteral(", %1 phases").arg(project->phases.size())) << "\n";
  return 0;
}

int runPhases(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("project"),
                               QStringLiteral("A project file, preset id or scenario file."));
  parser.addOptions({formatOption(QStringLiteral("table")), outputOption()});
  if (const auto done = parseSubcommand(parser, arguments,
                                        "Usage: gigaplan-cli phases PROJECT [--format table|json|csv] [-o FILE]\n"
                                        "The build-out phase by phase: dates from the schedule, GPUs online, facility "
                                        "power against the power available, capex of each phase.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("phases takes one PROJECT"));
  const QString source = parser.positionalArguments().first();
  const QString format = parser.value(QStringLiteral("format"));
  if (format != QLatin1String("table") && format != QLatin1String("json") && format != QLatin1String("csv"))
    return usageError(QStringLiteral("--format: '%1' is not table, json or csv").arg(format));
  ScenarioErrors errors;
  const std::optional<Project> project = projectOnFloor(source, {}, errors);
  if (!project) return errors.isEmpty() ? kExitBadInput : reportErrors(errors);
  // The phases as they stand on the floor: the same evaluation as evaluate, info and the report.
  const ProjectResult result = gigaplan::evaluateProject(*project);
  if (!result.plan) {
    err() << "error: " << result.error << "\n";
    return kExitBadInput;
  }
  const std::optional<PhasePlan>& plan = result.plan;

  // One row per phase: what it adds, and the site once it is built.
  struct Column {
    const char* name;
    std::function<QString(const PhaseResult&)> value;
  };
  auto number = [](double v, int decimals) { return QString::number(v, 'f', decimals); };
  const std::vector<Column> columns = {
      {"phase", [](const PhaseResult& p) { return p.name; }},
      {"start", [](const PhaseResult& p) { return p.start.toString(Qt::ISODate); }},
      {"first_rack", [](const PhaseResult& p) { return p.firstRack.toString(Qt::ISODate); }},
      {"training", [](const PhaseResult& p) { return p.training.toString(Qt::ISODate); }},
      {"build_days", [&](const PhaseResult& p) { return number(valueOf(p.added, OutputId::scheduleBuildDays), 0); }},
      {"gpus_added", [&](const PhaseResult& p) { return number(p.gpusAdded, 0); }},
      {"racks_added", [&](const PhaseResult& p) { return number(valueOf(p.added, OutputId::clusterRacks), 0); }},
      {"gpus_online", [&](const PhaseResult& p) { return number(valueOf(p.site, OutputId::clusterGpus), 0); }},
      {"facility_mw", [&](const PhaseResult& p) { return number(valueOf(p.site, OutputId::powerFacilityMw), 1); }},
      {"available_mw",
       [&](const PhaseResult& p) { return number(valueOf(p.site, OutputId::sitePowerAvailableMw), 1); }},
      {"margin_mw", [&](const PhaseResult& p) { return number(valueOf(p.site, OutputId::sitePowerMarginMw), 1); }},
      {"capex_added_usd", [&](const PhaseResult& p) { return number(valueOf(p.added, OutputId::costCapexUsd), 0); }},
      {"tco_usd_per_year",
       [&](const PhaseResult& p) { return number(valueOf(p.site, OutputId::costTcoUsdPerYear), 0); }},
  };
  QByteArray text;
  if (format == QLatin1String("json")) {
    QJsonArray rows;
    for (const PhaseResult& phase : plan->phases) {
      QJsonObject row;
      for (const Column& c : columns) row.insert(QString::fromLatin1(c.name), c.value(phase));
      QJsonObject site, added;
      for (std::size_t o = 0; o < kOutputCount; ++o) {
        site.insert(QString::fromLatin1(outputSpec(static_cast<OutputId>(o)).path), phase.site[o]);
        added.insert(QString::fromLatin1(outputSpec(static_cast<OutputId>(o)).path), phase.added[o]);
      }
      row.insert(QStringLiteral("site"), site);
      row.insert(QStringLiteral("added"), added);
      rows.append(row);
    }
    text = QJsonDocument(QJsonObject{{QStringLiteral("phases"), rows}}).toJson(QJsonDocument::Indented);
  } else {
    const QLatin1Char separator(format == QLatin1String("csv") ? ',' : ' ');
    std::vector<int> widths;
    for (const Column& c : columns) {
      int width = static_cast<int>(std::strlen(c.name));
      for (const PhaseResult& phase : plan->phases) width = std::max(width, static_cast<int>(c.value(phase).size()));
      widths.push_back(format == QLatin1String("csv") ? 0 : width);
    }
    QStringList lines;
    QStringList header;
    for (std::size_t c = 0; c < columns.size(); ++c)
      header << QString::fromLatin1(columns[c].name).leftJustified(widths[c]);
    lines << header.join(separator).trimmed();
    for (const PhaseResult& phase : plan->phases) {
      QStringList cells;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        QString cell = columns[c].value(phase);
        if (format == QLatin1String("csv") && cell.contains(QLatin1Char(',')))
          cell = QLatin1Char('"') + cell + QLatin1Char('"');
        cells << (c == 0 ? cell.leftJustified(widths[c]) : cell.rightJustified(widths[c]));
      }
      lines << cells.join(separator);
    }
    text = (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
  }
  return writeOutput(parser.value(outputOption()), text, parser.positionalArguments()) ? 0 : kExitBadInput;
}

namespace {

/// The 3D floor after each phase, drawn by the desktop program's floor view in a window never put
/// on screen. Empty, with `error` set, when no frame is drawn.
std::vector<QImage> floorViews(const QString& source, QString* error) {
  ProjectDocument document;
  const bool opened = ProjectStore::isMeantAsProject(source) ? document.openFile(source, error)
                                                             : document.newFromScenario(source, error);
  if (!opened) return {};
  return FloorView::renderPhaseViews(document, FloorView::printSize(), error);
}

}  // namespace

bool canDraw3d() {
  // A local X display answers on its socket; remote and missing displays get plans only, since
  // Qt cannot fall back once it has failed to connect.
  const QString display = QString::fromLocal8Bit(qgetenv("DISPLAY"));
  if (!display.startsWith(QLatin1Char(':'))) return false;
  const QString number = display.mid(1).section(QLatin1Char('.'), 0, 0);
  return QFileInfo::exists(QStringLiteral("/tmp/.X11-unix/X") + number);
}

namespace {
/// The bill of materials as a sheet: group, item, quantity, unit and the figure it comes from.
Sheet billOfMaterialsSheet(const ProjectReport& report) {
  Sheet sheet{QStringLiteral("Bill of materials"), {"group", "item", "quantity", "unit", "from"}, {}};
  for (const BillOfMaterialsItem& item : report.billOfMaterials())
    sheet.rows.push_back({item.group, item.item, item.quantity, item.unit, item.origin});
  return sheet;
}

/// Every figure after each phase as a sheet: path, unit, meaning, then a column per phase.
Sheet figuresSheet(const ProjectReport& report) {
  Sheet sheet{QStringLiteral("Figures per phase"), {"path", "unit", "meaning"}, {}};
  for (const PhaseResult& phase : report.plan().phases) sheet.header << phase.name;
  for (const OutputSpec& spec : outputSpecs()) {
    std::vector<Sheet::Cell> row{QString::fromLatin1(spec.path), QString::fromLatin1(spec.unit),
                                 QString::fromLatin1(spec.meaning)};
    for (const PhaseResult& phase : report.plan().phases) row.emplace_back(valueOf(phase.site, spec.id));
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}
}  // namespace

int runReport(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("project"),
                               QStringLiteral("A project file, preset id or scenario file."));
  const QCommandLineOption bomOption(QStringLiteral("bom-csv"),
                                     QStringLiteral("Also write the bill of materials (CSV)."), QStringLiteral("FILE"));
  const QCommandLineOption figuresOption(QStringLiteral("figures-csv"),
                                         QStringLiteral("Also write every figure after each phase (CSV)."),
                                         QStringLiteral("FILE"));
  const QCommandLineOption bomXlsxOption(QStringLiteral("bom-xlsx"),
                                         QStringLiteral("Also write the bill of materials as a workbook (XLSX)."),
                                         QStringLiteral("FILE"));
  const QCommandLineOption figuresXlsxOption(
      QStringLiteral("figures-xlsx"), QStringLiteral("Also write every figure after each phase as a workbook (XLSX)."),
      QStringLiteral("FILE"));
  const QCommandLineOption scenarioOption(QStringLiteral("scenario-json"),
                                          QStringLiteral("Also write the scenario document with its phases (JSON)."),
                                          QStringLiteral("FILE"));
  const QCommandLineOption quietOption(QStringLiteral("quiet"), QStringLiteral("No progress on standard error."));
  const QCommandLineOption no3dOption(QStringLiteral("no-3d"),
                                      QStringLiteral("Plans only: no 3D view of the floor (these need an X display)."));
  parser.addOptions({outputOption(), bomOption, figuresOption, bomXlsxOption, figuresXlsxOption, scenarioOption,
                     quietOption, no3dOption});
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli report PROJECT -o FILE.pdf [--bom-csv FILE] [--figures-csv FILE] "
          "[--bom-xlsx FILE] [--figures-xlsx FILE] [--scenario-json FILE] [--no-3d]\n"
          "The A4 PDF report of a project: summary, phases and timeline, floor plans with a 3D view of\n"
          "the floor after each phase (drawn on the X display; without one, plans only), bill of\n"
          "materials, assumptions and calibration. Ctrl-C cancels; a cancelled or failed report writes\n"
          "no file.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("report takes one PROJECT"));
  const QString pdfPath = parser.value(outputOption());
  if (pdfPath.isEmpty() || pdfPath == QLatin1String("-")) return usageError(QStringLiteral("report needs -o FILE.pdf"));
  cancelOnSignals();
  ScenarioErrors errors;
  const std::optional<Project> project = projectOrPreset(parser.positionalArguments().first(), errors);
  if (!project) return errors.isEmpty() ? kExitBadInput : reportErrors(errors);
  QString error;
  auto report = ProjectReport::prepare(*project, &error);
  if (cancelRequested.load()) {
    err() << "report: cancelled, nothing written\n";
    return kExitCancelled;
  }
  if (!report) {
    err() << "error: " << error << "\n";
    return kExitBadInput;
  }

  // Every output is written and prepared first, then all are committed: a bad path, a full disk
  // or a Ctrl-C leaves every one of them as it was. No output replaces a project, the input, or
  // another output of the same run.
  const QString source = parser.positionalArguments().first();
  QStringList taken{source};
  const auto refuse = [&](const QString& option, const QString& path) {
    QString refused = taken.mid(1).contains(finalTarget(path, nullptr))
                          ? QStringLiteral("%1 is also another output of this report; nothing written").arg(path)
                          : outputRefused(path, {source});
    if (refused.isEmpty()) {
      taken << finalTarget(path, nullptr);
      return false;
    }
    err() << "error: " << option << ": " << refused << "\n";
    return true;
  };
  if (refuse(QStringLiteral("-o"), pdfPath)) return kExitBadInput;
  std::vector<std::unique_ptr<AtomicFile>> exports;
  // The workbooks hold what the CSV files hold, numbers as numbers.
  QString workbookError;
  const QByteArray bomWorkbook =
      parser.isSet(bomXlsxOption) ? xlsxWorkbook({billOfMaterialsSheet(*report)}, &workbookError) : QByteArray();
  const QByteArray figuresWorkbook =
      parser.isSet(figuresXlsxOption) ? xlsxWorkbook({figuresSheet(*report)}, &workbookError) : QByteArray();
  if (!workbookError.isEmpty()) {
    err() << "error: " << workbookError << "; nothing written\n";
    return kExitBadInput;
  }
  for (const auto& [option, bytes] :
       {std::pair{bomOption, report->billOfMaterialsCsv().toUtf8()},
        std::pair{figuresOption, report->figuresCsv().toUtf8()}, std::pair{bomXlsxOption, bomWorkbook},
        std::pair{figuresXlsxOption, figuresWorkbook},
        std::pair{scenarioOption,
                  QJsonDocument(ProjectReport::scenarioJson(*project)).toJson(QJsonDocument::Indented)}}) {
    if (!parser.isSet(option)) continue;
    if (refuse(QStringLiteral("--") + option.names().first(), parser.value(option))) return kExitBadInput;
    auto file = std::make_unique<AtomicFile>(parser.value(option));
    if (!file->open() || !file->write(bytes) || !file->prepare()) {
      err() << "error: --" << option.names().first() << ": " << file->errorString() << "; nothing written\n";
      return kExitBadInput;
    }
    exports.push_back(std::move(file));
  }

  const bool showProgress = !parser.isSet(quietOption);
  const bool terminal = isatty(fileno(stderr));
  if (!parser.isSet(no3dOption)) {
    if (!canDraw3d() || QGuiApplication::platformName() != QLatin1String("xcb")) {
      if (showProgress) err() << "report: no X display, so the floor is drawn as plans only\n";
    } else {
      if (showProgress) err() << "report: drawing the floor in 3D\n";
      QString drawError;
      std::vector<QImage> views = floorViews(parser.positionalArguments().first(), &drawError);
      if (views.empty()) err() << "report: no 3D views (" << drawError << "), plans only\n";
      report->setFloorSnapshots(std::move(views));
    }
  }
  int pages = 0;
  AtomicFile pdf(pdfPath);
  const bool written = pdf.open() && report->writePdf(pdf, &error, [&](int done, int total) {
    pages = total;
    if (showProgress) {
      err() << (terminal ? "\r" : "") << "report: page " << done << " of " << total << (terminal ? "" : "\n");
      err().flush();
    }
    return !cancelRequested.load();
  });
  if (showProgress && terminal) err() << "\n";
  if (cancelRequested.load()) {
    err() << "report: cancelled, nothing written\n";
    return kExitCancelled;
  }
  if (!written) {
    err() << "error: " << (error.isEmpty() ? pdf.errorString() : error) << "; nothing written\n";
    return kExitBadInput;
  }
  // Prepared, they can only fail at their renames now.
  for (const auto& file : exports) {
    if (!file->commit()) {
      err() << "error: " << file->errorString() << "\n";
      return kExitBadInput;
    }
  }
  if (!pdf.commit()) {
    err() << "error: " << pdf.errorString() << "\n";
    return kExitBadInput;
  }
  // A PDF sent to standard output must not get this line in it.
  (pdf.inPlace() ? err() : out()) << pdfPath << ": " << pages << " pages\n";
  return 0;
}

namespace {

QJsonObject tenantJson(const TenantFigures& t) {
  const auto finite = [](double value) { return std::isfinite(value) ? QJsonValue(value) : QJsonValue(); };
  return QJsonObject{{QStringLiteral("name"), t.name},
                     {QStringLiteral("gpus"), t.gpus},
                     {QStringLiteral("itMw"), t.itMw},
                     {QStringLiteral("facilityMw"), t.facilityMw},
                     {QStringLiteral("powerShare"), t.powerShare},
                     {QStringLiteral("capexUsd"), t.capexUsd},
                     {QStringLiteral("costUsdPerYear"), t.costUsdPerYear},
                     {QStringLiteral("costShare"), t.costShare},
                     {QStringLiteral("revenueUsdPerYear"), t.revenueUsdPerYear},
                     {QStringLiteral("marginUsdPerYear"), t.marginUsdPerYear},
                     {QStringLiteral("paybackYears"), finite(t.paybackYears)},
                     {QStringLiteral("shortGpus"), t.shortGpus},
                     {QStringLiteral("isolationSwitches"), t.isolationSwitches},
                     {QStringLiteral("strandedPorts"), t.strandedPorts},
                     {QStringLiteral("isolationCapexUsd"), t.isolationCapexUsd},
                     {QStringLiteral("bisectionLostPbps"), t.bisectionLostPbps},
                     {QStringLiteral("largestJobGpus"), t.largestJobGpus},
                     {QStringLiteral("interruptionsPerDay"), t.interruptionsPerDay},
                     {QStringLiteral("mtbiHours"), finite(t.mtbiHours)}};
}

QJsonObject tenantsJson(const TenantPlan& tenants) {
  QJsonArray list;
  for (const TenantFigures& t : tenants.tenants) list.append(tenantJson(t));
  return QJsonObject{{QStringLiteral("tenants"), list},
                     {QStringLiteral("spare"), tenantJson(tenants.spare)},
                     {QStringLiteral("operator"), tenantJson(tenants.operatorTotal)}};
}

QString tenantsTable(const TenantPlan& tenants) {
  QString text;
  QTextStream stream(&text);
  const auto money = [](double usd) { return QStringLiteral("%1 M").arg(formatQuantity(usd / 1e6)); };
  stream << "\nper tenant\n";
  stream << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                .arg(QStringLiteral("name").leftJustified(24), QStringLiteral("GPUs").rightJustified(10),
                     QStringLiteral("power").rightJustified(7), QStringLiteral("cost").rightJustified(7),
                     QStringLiteral("revenue $/y").rightJustified(14), QStringLiteral("margin $/y").rightJustified(14),
                     QStringLiteral("payback y").rightJustified(10), QStringLiteral("isolation sw").rightJustified(13),
                     QStringLiteral("job interr./day").rightJustified(16));
  const auto row = [&](const TenantFigures& t) {
    stream << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                  .arg(t.name.left(24).leftJustified(24), formatQuantity(t.gpus).rightJustified(10),
                       QStringLiteral("%1 %").arg(100.0 * t.powerShare, 0, 'f', 1).rightJustified(7),
                       QStringLiteral("%1 %").arg(100.0 * t.costShare, 0, 'f', 1).rightJustified(7),
                       money(t.revenueUsdPerYear).rightJustified(14), money(t.marginUsdPerYear).rightJustified(14),
                       (std::isfinite(t.paybackYears) ? QString::number(t.paybackYears, 'f', 1)
                                                      : QStringLiteral("never"))
                           .rightJustified(10),
                       formatQuantity(t.isolationSwitches).rightJustified(13),
                       (t.largestJobGpus > 0 ? formatQuantity(t.interruptionsPerDay) : QString()).rightJustified(16));
  };
  for (const TenantFigures& t : tenants.tenants) row(t);
  if (tenants.spare.gpus > 0) row(tenants.spare);
  row(tenants.operatorTotal);
  return text;
}

}  // namespace

int evaluateSource(const QString& source, const QStringList& settings, const QString& format,
                   const QString& outputPath) {
  if (format != QLatin1String("json") && format != QLatin1String("table"))
    return usageError(QStringLiteral("--format: '%1' is not json or table").arg(format));
  ScenarioErrors errors;
  const auto project = projectOnFloor(source, settings, errors);
  if (!project) return errors.isEmpty() ? kExitBadInput : reportErrors(errors);
  const ProjectResult result = gigaplan::evaluateProject(*project);
  if (!result.resolved || !result.error.isEmpty() || !result.tenantError.isEmpty()) {
    err() << "error: " << (result.error.isEmpty() ? result.tenantError : result.error) << "\n";
    return kExitBadInput;
  }
  const LayoutEvaluation& evaluation = result.evaluation;
  QByteArray bytes;
  if (format == QLatin1String("json")) {
    QJsonObject root = resultJson(*result.resolved, evaluation.outputs);
    root.insert(QStringLiteral("layout"), layoutJson(project->layout, evaluation));
    if (result.tenants) root.insert(QStringLiteral("tenants"), tenantsJson(*result.tenants));
    bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
  } else {
    QString text = resultTable(*result.resolved, evaluation.outputs);
    if (result.tenants) text += tenantsTable(*result.tenants);
    text += QStringLiteral("\nlayout findings: %1\n").arg(evaluation.findings().size());
    for (const LayoutFinding& finding : evaluation.findings())
      text += QStringLiteral("  %1: %2\n").arg(finding.object, finding.message);
    bytes = text.toUtf8();
  }
  return writeOutput(outputPath, bytes, {source}) ? 0 : kExitBadInput;
}

int runEdit(const QStringList& arguments) {
  QCommandLineParser parser;
  const QCommandLineOption nameOption(QStringLiteral("name"), QStringLiteral("Name the project."),
                                      QStringLiteral("TEXT"));
  const QCommandLineOption descriptionOption(QStringLiteral("description"),
                                             QStringLiteral("Describe the project (the report's title page)."),
                                             QStringLiteral("TEXT"));
  const QCommandLineOption regenerate(QStringLiteral("regenerate-layout"),
                                      QStringLiteral("Lay the edited scenario out anew (replaces hand edits; locked "
                                                     "halls stay)."));
  parser.addOptions({setOption(), nameOption, descriptionOption, regenerate});

  // The layout edits, each the undoable command the desktop program runs for it, applied in the
  // order they are given.
  struct LayoutEdit {
    QCommandLineOption option;
    std::function<std::unique_ptr<QUndoCommand>(SiteLayout&, const QString&, QString*)> command;
  };
  std::optional<Project> project;
  ScenarioErrors errors;
  const auto numbers = [](const QString& text, int count, std::vector<double>& values) {
    return parseFields(text, count, values) && std::all_of(values.begin(), values.end(), [](double v) {
             return v == std::floor(v) && v >= 0 && v <= 4294967295.0;
           });
  };
  const auto shapeError = [](const QString& value, const char* shape, QString* error) {
    *error = QStringLiteral("'%1' is not %2").arg(value, QString::fromLatin1(shape));
    return std::unique_ptr<QUndoCommand>();
  };
  const std::vector<LayoutEdit> edits = {
      {{QStringLiteral("move-hall"), QStringLiteral("Move a hall by DX, DY metres."), QStringLiteral("HALL:DX:DY")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         const QStringList parts = value.split(QLatin1Char(':'));
         std::vector<double> f;
         if (parts.size() != 3 || !parseFields(parts.mid(1).join(QLatin1Char(':')), 2, f))
           return shapeError(value, "HALL:DX:DY", error);
         const int hall = FloorPlaces::findHall(layout, parts[0], error);
         if (hall < 0) return std::unique_ptr<QUndoCommand>();
         return LayoutCommands::moveHall(layout, hall, f[0], f[1], error);
       }},
      {{QStringLiteral("move-row"), QStringLiteral("Place a row in its hall."), QStringLiteral("ROW:X:Y")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         const QStringList parts = value.split(QLatin1Char(':'));
         std::vector<double> f;
         if (parts.size() != 3 || !parseFields(parts.mid(1).join(QLatin1Char(':')), 2, f))
           return shapeError(value, "ROW:X:Y", error);
         const int row = FloorPlaces::findRow(layout, parts[0], error);
         if (row < 0) return std::unique_ptr<QUndoCommand>();
         return LayoutCommands::moveRow(layout, row, f[0], f[1], error);
       }},
      {{QStringLiteral("remove-row"), QStringLiteral("Remove a row and its racks."), QStringLiteral("ROW")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         const int row = FloorPlaces::findRow(layout, value, error);
         if (row < 0) return std::unique_ptr<QUndoCommand>();
         return LayoutCommands::removeRow(layout, row, error);
       }},
      {{QStringLiteral("remove-rack"), QStringLiteral("Remove a rack."), QStringLiteral("ID")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         std::vector<double> f;
         if (!numbers(value, 1, f)) return shapeError(value, "a rack id", error);
         return LayoutCommands::removeRacks(layout, {static_cast<std::uint32_t>(f[0])}, error);
       }},
      {{QStringLiteral("move-rack"), QStringLiteral("Move a rack to a free slot of a row (slots from 1)."),
        QStringLiteral("ID:ROW:SLOT")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         const QStringList parts = value.split(QLatin1Char(':'));
         std::vector<double> id;
         std::vector<double> slot;
         if (parts.size() != 3 || !numbers(parts[0], 1, id) || !numbers(parts[2], 1, slot))
           return shapeError(value, "ID:ROW:SLOT", error);
         const int row = FloorPlaces::findRow(layout, parts[1], error);
         if (row < 0) return std::unique_ptr<QUndoCommand>();
         // Slots count from 1, as rows, phases and tenants do.
         return LayoutCommands::moveRack(layout, static_cast<std::uint32_t>(id[0]), row, static_cast<int>(slot[0]) - 1,
                                         error);
       }},
      {{QStringLiteral("insert-row"), QStringLiteral("Add an empty row at the back of a hall, as the desktop does."),
        QStringLiteral("HALL")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         const int hall = FloorPlaces::findHall(layout, value, error);
         if (hall < 0) return std::unique_ptr<QUndoCommand>();
         return LayoutCommands::insertRow(layout, hall, error);
       }},
      {{QStringLiteral("lock-hall"), QStringLiteral("Lock a hall: a floor laid out anew keeps it as it is."),
        QStringLiteral("HALL")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         const int hall = FloorPlaces::findHall(layout, value, error);
         if (hall < 0) return std::unique_ptr<QUndoCommand>();
         return LayoutCommands::setHallLocked(layout, hall, true, error);
       }},
      {{QStringLiteral("dismiss-dropped-edits"),
        QStringLiteral("Clear the list of hand edits that a re-lay could not keep (info lists them).")},
       [&](SiteLayout& layout, const QString&, QString* error) {
         return LayoutCommands::dismissDroppedEdits(layout, error);
       }},
      {{QStringLiteral("unlock-hall"), QStringLiteral("Unlock a hall."), QStringLiteral("HALL")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         const int hall = FloorPlaces::findHall(layout, value, error);
         if (hall < 0) return std::unique_ptr<QUndoCommand>();
         return LayoutCommands::setHallLocked(layout, hall, false, error);
       }},
      {{QStringLiteral("insert-rack"),
        QStringLiteral("Add a compute rack in a row's first free slot, as the desktop does."), QStringLiteral("ROW")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         const int row = FloorPlaces::findRow(layout, value, error);
         if (row < 0) return std::unique_ptr<QUndoCommand>();
         return LayoutCommands::insertRack(layout, row, error);
       }},
      {{QStringLiteral("set-rack-system"), QStringLiteral("Change a compute rack's system."),
        QStringLiteral("ID:TYPE")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         const QStringList parts = value.split(QLatin1Char(':'));
         bool ok = false;
         const uint id = parts.value(0).toUInt(&ok);
         if (parts.size() != 2 || !ok) return shapeError(value, "ID:TYPE", error);
         if (!HardwareCatalog::bundled().system(parts[1])) {
           *error = QStringLiteral("unknown system '%1'").arg(parts[1]);
           return std::unique_ptr<QUndoCommand>();
         }
         ScenarioErrors systemErrors;
         const auto rack = rackOfSystem(project->scenario, parts[1], systemErrors);
         if (!rack) {
           *error = systemErrors.value(0).text();
           return std::unique_ptr<QUndoCommand>();
         }
         return LayoutCommands::setRackSystem(layout, {id}, parts[1], rack->powerKw, rack->massKg, rack->nodes, error);
       }},
      {{QStringLiteral("set-rack-phase"),
        QStringLiteral("Assign a rack to phase N (1 = the first, as the desktop numbers them)."),
        QStringLiteral("ID:PHASE")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         std::vector<double> f;
         if (!numbers(value, 2, f)) return shapeError(value, "ID:PHASE", error);
         // A project without phases is one build: phase 1.
         const int phases = std::max<int>(1, static_cast<int>(project->phases.size()));
         if (f[1] < 1 || f[1] > phases) {
           *error = QStringLiteral("'%1': a rack id and a phase from 1 (the first) to %2, the project's phases")
                        .arg(value)
                        .arg(phases);
           return std::unique_ptr<QUndoCommand>();
         }
         return LayoutCommands::setRackPhase(layout, {static_cast<std::uint32_t>(f[0])}, static_cast<int>(f[1]) - 1,
                                             error);
       }},
      {{QStringLiteral("set-rack-tenant"), QStringLiteral("Assign a rack to tenant N (1 = the first; 0 = no tenant)."),
        QStringLiteral("ID:TENANT")},
       [&](SiteLayout& layout, const QString& value, QString* error) {
         std::vector<double> f;
         if (!numbers(value, 2, f) || f[1] > static_cast<double>(project->tenants.size())) {
           *error = QStringLiteral("'%1': a rack id and a tenant from 0 (no tenant) to %2")
                        .arg(value)
                        .arg(project->tenants.size());
           return std::unique_ptr<QUndoCommand>();
         }
         return LayoutCommands::setRackTenant(layout, {static_cast<std::uint32_t>(f[0])}, static_cast<int>(f[1]),
                                              error);
       }},
  };
  for (const LayoutEdit& edit : edits) parser.addOption(edit.option);
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A project file."));
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli edit FILE [--set path=value]... [--name TEXT] [--description TEXT]\n"
          "       [--regenerate-layout] [--move-hall HALL:DX:DY] [--move-row ROW:X:Y] [--remove-row ROW]\n"
          "       [--remove-rack ID] [--move-rack ID:ROW:SLOT] [--insert-row HALL] [--insert-rack ROW]\n"
          "       [--set-rack-system ID:TYPE] [--set-rack-phase ID:PHASE] [--set-rack-tenant ID:TENANT]\n"
          "       [--lock-hall HALL] [--unlock-hall HALL] [--dismiss-dropped-edits]\n"
          "Edits a project and saves it atomically; with any bad edit nothing is saved. Inputs (--set) come\n"
          "first, then the name and description, then --regenerate-layout, then the layout edits in the\n"
          "order given. Racks are named by id; a HALL by its name (B1-H2) or index, a ROW as HALL/N (B1-H2/3:\n"
          "the hall's third row, as the workspace shows it) or by its index ('gigaplan-cli racks FILE' lists\n"
          "them all); phases and tenants count from 1 (tenant 0: none).\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("edit takes one FILE"));
  const QString path = parser.positionalArguments().first();
  // The file stays locked from reading to saving: two edits at once take turns, and both land.
  QString lockProblem;
  const auto lock = FileLock::acquire(path, ProjectStore::kLockTimeoutMs, &lockProblem, [&] {
    err() << "edit: waiting for another program that is editing " << path << "\n";
    err().flush();
  });
  if (!lock) {
    err() << "error: " << lockProblem << "\n";
    return kExitBadInput;
  }
  FileStamp read;
  {
    QString error;
    project = ProjectStore::open(path, &error, &read);
    if (!project) {
      err() << "error: " << error << "\n";
      return kExitBadInput;
    }
  }

  // What the inputs did to the floor is said once the project is saved.
  QStringList notes;
  if (!applyProjectSettings(*project, parser.values(setOption()), errors, &notes)) return reportErrors(errors);
  const auto resolved = project->scenario.resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) return reportErrors(errors);

  // The name and description as the desktop's Project Properties sets them: one checked edit.
  const bool describes = parser.isSet(nameOption) || parser.isSet(descriptionOption);
  if (describes) {
    const QString name = parser.isSet(nameOption) ? parser.value(nameOption) : project->scenario.name;
    const QString description =
        parser.isSet(descriptionOption) ? parser.value(descriptionOption) : project->scenario.description;
    const ScenarioErrors problems = ScenarioCommands::checkProperties(name, description);
    for (const ScenarioError& problem : problems)
      errors.append({QStringLiteral("--") + problem.field, problem.message});
    if (!errors.isEmpty()) return reportErrors(errors);
    QString error;
    if (auto command = ScenarioCommands::setProperties(project->scenario, name, description, &error)) command->redo();
  }

  if (parser.isSet(regenerate)) {
    auto relaid = regeneratedFloor(*project, errors);
    if (!relaid) return reportErrors(errors);
    project->layout = std::move(relaid->layout);
    err() << "note: the floor was laid out anew from the inputs; " << relaid->handEdits
          << (relaid->handEdits == 1 ? " hand edit" : " hand edits") << " replaced, locked halls kept as they are\n";
  }

  QUndoStack stack;
  std::map<QString, int> taken;  // values of each option used so far
  for (const QString& name : parser.optionNames()) {
    const auto edit =
        std::find_if(edits.begin(), edits.end(), [&](const LayoutEdit& e) { return e.option.names().contains(name); });
    if (edit == edits.end()) continue;
    const QString value = parser.values(edit->option).value(taken[name]++);
    QString error;
    if (auto command = edit->command(project->layout, value, &error))
      stack.push(command.release());
    else
      errors.append({QStringLiteral("--") + name, error});
  }
  if (!errors.isEmpty()) return reportErrors(errors);
  QString error;
  ProjectStore::SaveCheck check;
  check.expected = &read;
  if (!ProjectStore::save(*project, path, &error, &check)) {
    err() << "error: " << error << "\n";
    return kExitBadInput;
  }
  for (const QString& note : notes) err() << "note: " << note << "\n";
  out() << path << ": saved (" << stack.count() << " layout edits";
  if (!parser.values(setOption()).isEmpty()) out() << ", " << parser.values(setOption()).size() << " inputs set";
  if (describes) out() << ", name and description set";
  out() << ")\n";
  return 0;
}

}  // namespace gigaplan::cli
