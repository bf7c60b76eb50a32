#include "report/ProjectReport.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QJsonArray>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <array>
#include <charconv>
#include <cmath>
#include <set>

#include "engine/Evaluator.h"
#include "engine/HardwareCatalog.h"
#include "engine/ResultFormat.h"
#include "files/AtomicFile.h"
#include "files/CsvText.h"
#include "report/ReportBuilder.h"
#include "report/ReportPageFlow.h"

namespace gigaplan {

namespace {

/// The shortest text that reads back as the same double, for CSV; without an exponent where that
/// stays short (1000000, not 1e+06).
QString exactNumber(double value) {
  if (std::isnan(value)) return {};  // not known (counted on the floor only): an empty field
  char buffer[64];
  const double magnitude = std::fabs(value);
  const bool fixed = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e15);
  const auto result = fixed ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
                            : std::to_chars(buffer, buffer + sizeof buffer, value);
  return QString::fromLatin1(buffer, static_cast<int>(result.ptr - buffer));
}

QString inputValueText(InputId id, double value) {
  return inputSpec(id).kind == InputKind::Choice ? choiceNames(id).value(static_cast<int>(value))
                                                 : formatQuantity(value);
}

void setError(QString* error, const QString& message) {
  if (error) *error = message;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Evaluation and exports.

std::optional<ProjectReport> ProjectReport::prepare(const Project& project, QString* error) {
  ProjectReport report;
  report.project_ = project;
  if (report.project_.layout.racks.empty()) {
    ScenarioErrors errors;
    auto layout = layOutProject(project, HallTemplate{}, errors);
    if (!layout) {
      setError(error, errors.value(0).text());
      return std::nullopt;
    }
    report.project_.layout = std::move(*layout);
  }
  report.result_ = evaluateProject(report.project_);
  if (!report.result_.tenantError.isEmpty()) {  // a report for others must not drop the tenants quietly
    setError(error, report.result_.tenantError);
    return std::nullopt;
  }
  if (!report.result_.error.isEmpty() || !report.result_.plan || report.result_.plan->phases.empty()) {
    setError(error, report.result_.error.isEmpty() ? QStringLiteral("phases: the project has nothing to build")
                                                   : report.result_.error);
    return std::nullopt;
  }
  if (report.result_.tenants) report.tenantFloorGpus_ = TenantPlan::floorGpus(report.project_, *report.result_.plan);
  if (report.result_.failures)
    report.simulatedYears_ =
        SimulatedYears::run(report.result_.failures->domains, kDefaultSimulatedYears, kDefaultSimulationSeed);
  for (const CalibrationReference& reference : Calibration::bundled())
    report.calibration_.append(Calibration::run(reference));
  return report;
}

bool ProjectReport::write(const Project& project, const QString& pdfPath, QString* error, const Progress& progress,
                          const std::vector<QImage>& floorSnapshots) {
  auto report = prepare(project, error);
  if (!report) return false;
  report->setFloorSnapshots(floorSnapshots);
  return report->writePdf(pdfPath, error, progress);
}

bool ProjectReport::writePdf(const QString& pdfPath, QString* error, const Progress& progress) const {
  AtomicFile file(pdfPath);
  if (!file.open()) {
    setError(error, file.errorString());
    return false;
  }
  if (!writePdf(file, error, progress)) return false;
  if (!file.commit()) {
    setError(error, file.errorString());
    return false;
  }
  return true;
}

bool ProjectReport::writePdf(AtomicFile& file, QString* error, const Progress& progress) const {
  if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
    setError(error, QStringLiteral("the report needs a QGuiApplication for its fonts"));
    return false;
  }
  const QString pdfPath = file.targetPath();
  QPdfWriter writer(file.device());
  writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF()));
  writer.setResolution(72);
  writer.setTitle(project_.scenario.name);
  writer.setCreator(QStringLiteral("Gigaplan"));
  const QRectF page(0, 0, writer.width(), writer.height());

  // Two layouts: the first finds the contents entries, the second reserves their lines.
  const QDate issued = QDate::currentDate();
  report::ReportBuilder first(*this, &writer, page, issued, {});
  first.build();
  report::ReportBuilder builder(*this, &writer, page, issued, first.contents());
  const std::vector<report::ReportPage> pages = builder.build();
  const int total = static_cast<int>(pages.size());

  QPainter painter;
  if (!painter.begin(&writer)) {
    setError(error, QStringLiteral("%1: cannot write the PDF").arg(pdfPath));
    return false;
  }
  painter.setRenderHint(QPainter::Antialiasing);
  for (int p = 0; p < total; ++p) {
    if (p > 0) writer.newPage();
    report::paintPage(painter, pages[static_cast<std::size_t>(p)], page, p + 1, total, project_.scenario.name,
                      formatDate(issued));
    if (progress && !progress(p + 1, total)) {
      painter.end();
      file.discard();
      setError(error, QStringLiteral("cancelled"));
      return false;
    }
  }
  if (!painter.end()) {
    setError(error, QStringLiteral("cannot write %1: the PDF could not be finished").arg(pdfPath));
    return false;
  }
  if (!file.prepare()) {
    setError(error, file.errorString());
    return false;
  }
  return true;
}

std::vector<BillOfMaterialsItem> ProjectReport::billOfMaterials() const {
  const OutputValues& site = siteOutputs();
  std::vector<BillOfMaterialsItem> items;
  auto engine = [&](const QString& group, const QString& item, OutputId id) {
    const OutputSpec& spec = outputSpec(id);
    items.push_back({group, item, valueOf(site, id), QString::fromLatin1(spec.unit), QString::fromLatin1(spec.path)});
  };

  // GPU systems by group (what each phase buys of one type): the GPUs, nodes and compute racks of
  // the group as they stand on the floor (the site's figures are the sums of these groups).
  const HardwareCatalog& catalog = HardwareCatalog::bundled();
  const std::vector<Phase> phases = PhasePlan::phasesOf(project_, *result_.resolved);
  const QString systemsGroup = QStringLiteral("GPU systems");
  const bool phased = !project_.phases.empty();
  if (result_.plan) {
    const PhasePlan& plan = *result_.plan;
    for (std::size_t g = 0; g < plan.groups.size() && g < plan.groupOutputs.size(); ++g) {
      const PhaseGroup& group = plan.groups[g];
      const OutputValues& outputs = plan.groupOutputs[g];
      const CatalogEntry* entry = catalog.system(group.systemType);
      const QString name =
          phased ? QStringLiteral("%1, %2").arg(entry ? entry->name : group.systemType, phases[group.phase].name)
                 : (entry ? entry->name : group.systemType);
      items.push_back({systemsGroup, name, valueOf(outputs, OutputId::clusterGpus), QStringLiteral("GPUs"),
                       QStringLiteral("cluster.gpus")});
      items.push_back({systemsGroup, name, valueOf(outputs, OutputId::clusterNodes), QStringLiteral("nodes"),
                       QStringLiteral("cluster.nodes")});
      items.push_back({systemsGroup, name, valueOf(outputs, OutputId::clusterComputeRacks), QStringLiteral("racks"),
                       QStringLiteral("cluster.computeRacks")});
    }
  }

  const QString racksGroup = QStringLiteral("Racks on the floor, by role");
  std::array<double, 5> byRole{};
  for (const Rack& rack : project_.layout.racks) byRole[static_cast<std::size_t>(rack.role)] += 1;
  static const char* roleNames[5] = {"compute", "leaf switches", "spine switches", "core switches", "CDUs"};
  for (std::size_t role = 0; role < byRole.size(); ++role)
    if (byRole[role] > 0 || role == 0)
      items.push_back({racksGroup, QString::fromLatin1(roleNames[role]), byRole[role], QStringLiteral("racks"),
                       QStringLiteral("layout")});
  items.push_back({racksGroup, QStringLiteral("all racks, CDUs included"),
                   static_cast<double>(project_.layout.racks.size()), QStringLiteral("racks"),
                   QStringLiteral("layout")});

  const QString fabric = QStringLiteral("Fabric switches and links");
  static const std::array<std::pair<OutputId, const char*>, 4> tiers = {
      {{OutputId::networkSwitchesTier1, "tier 1 (leaf)"},
       {OutputId::networkSwitchesTier2, "tier 2 (spine)"},
       {OutputId::networkSwitchesTier3, "tier 3 (core)"},
       {OutputId::networkSwitchesTier4, "tier 4"}}};
  for (std::size_t t = 0; t < tiers.size(); ++t)
    if (t < 2 || valueOf(site, tiers[t].first) > 0)
      engine(fabric, QString::fromLatin1(tiers[t].second), tiers[t].first);
  engine(fabric, QStringLiteral("all tiers"), OutputId::networkSwitches);
  engine(fabric, QStringLiteral("fabric links"), OutputId::networkLinks);

  const QString transceivers = QStringLiteral("Transceivers, by reach class");
  engine(transceivers, QStringLiteral("multimode"), OutputId::networkTransceiversMultimode);
  engine(transceivers, QStringLiteral("single-mode DR"), OutputId::networkTransceiversSinglemodeDr);
  engine(transceivers, QStringLiteral("single-mode FR"), OutputId::networkTransceiversSinglemodeFr);

  const QString cables = QStringLiteral("Cables");
  engine(cables, QStringLiteral("copper (DAC)"), OutputId::networkCablesCopper);
  engine(cables, QStringLiteral("active electrical (AEC)"), OutputId::networkCablesAec);
  engine(cables, QStringLiteral("optical"), OutputId::networkCablesFiber);
  engine(cables, QStringLiteral("optical cable length"), OutputId::networkFiberKm);

  const QString cooling = QStringLiteral("Cooling plant");
  engine(cooling, QStringLiteral("coolant distribution units"), OutputId::coolingCdus);
  engine(cooling, QStringLiteral("heat rejection"), OutputId::coolingHeatRejectionRt);
  engine(cooling, QStringLiteral("chillers or dry coolers, redundant included"), OutputId::coolingHeatRejectionUnits);
  engine(cooling, QStringLiteral("facility water loops"), OutputId::coolingWaterLoops);

  const QString electrical = QStringLiteral("Electrical plant");
  engine(electrical, QStringLiteral("utility feeds, redundant included"), OutputId::electricalUtilityFeeds);
  engine(electrical, QStringLiteral("MV switchgear line-ups"), OutputId::electricalSwitchgearLineups);
  engine(electrical, QStringLiteral("MV transformers"), OutputId::electricalTransformers);
  engine(electrical, QStringLiteral("transformer capacity"), OutputId::electricalTransformerMva);
  engine(electrical, QStringLiteral("UPS modules"), OutputId::electricalUpsModules);
  engine(electrical, QStringLiteral("UPS capacity"), OutputId::electricalUpsMw);
  engine(electrical, QStringLiteral("row busways"), OutputId::electricalBusways);
  engine(electrical, QStringLiteral("battery for the training swing"), OutputId::powerBatteryMwh);
  engine(electrical, QStringLiteral("power supplies and shelf rectifiers, redundant included"),
         OutputId::powerPowerSupplies);
  return items;
}

std::vector<ReportAssumption> ProjectReport::assumptions() const {
  const HardwareCatalog& catalog = HardwareCatalog::bundled();
  const ResolvedScenario& base = *result_.resolved;
  std::vector<ReportAssumption> list;
  std::set<InputId> listed;
  auto add = [&](const QString& group, InputId id, double value, const QString& source, const QString& confidence) {
    const InputSpec& spec = inputSpec(id);
    list.push_back({group, QString::fromLatin1(spec.path), inputValueText(id, value), QString::fromLatin1(spec.unit),
                    source, confidence});
    listed.insert(id);
  };
  auto addResolved = [&](const QString& group, const ResolvedScenario& resolved, InputId id) {
    const auto i = static_cast<std::size_t>(id);
    add(group, id, resolved.values[i], resolved.source[i], resolved.confidence[i]);
  };

  const QString set = QStringLiteral("Set in the project");
  const std::vector<Phase> phases = PhasePlan::phasesOf(project_, base);
  for (std::size_t k = 0; k < phases.size(); ++k)
    for (std::size_t s = 0; s < phases[k].systems.size(); ++s)
      list.push_back({set, QStringLiteral("phases[%1].systems[%2]").arg(k + 1).arg(s + 1),
                      formatCount(phases[k].systems[s].gpus), QStringLiteral("GPUs"),
                      QStringLiteral("%1 adds %2").arg(phases[k].name, phases[k].systems[s].systemType),
                      QStringLiteral("input")});
  for (auto it = project_.scenario.values.begin(); it != project_.scenario.values.end(); ++it) {
    if (!project_.phases.empty() && it.key() == InputId::clusterGpus) continue;  // the phases' systems count
    add(set, it.key(), it.value(), base.source[static_cast<std::size_t>(it.key())], QStringLiteral("input"));
  }
  for (const Phase& phase : project_.phases)
    for (auto it = phase.inputs.begin(); it != phase.inputs.end(); ++it)
      add(set, it.key(), it.value(), QStringLiteral("set by %1").arg(phase.name), QStringLiteral("input"));

  // The catalog values that matter most for each group, as it was bought.
  for (const PhaseGroup& group : PhasePlan::groupsOf(phases)) {
    ScenarioErrors errors;
    const auto resolved = PhasePlan::groupScenario(project_, group, group.phase).resolve(catalog, errors);
    if (!resolved) continue;
    const QString heading = project_.phases.empty()
                                ? QStringLiteral("Hardware: %1 (%2)").arg(resolved->systemName, group.systemType)
                                : QStringLiteral("Hardware: %1 (%2), %3")
                                      .arg(resolved->systemName, group.systemType, phases[group.phase].name);
    for (InputId id : {InputId::systemGpusPerNode, InputId::systemNodesPerRack, InputId::systemGpuTdpW,
                       InputId::systemMaxPowerWPerNode, InputId::systemRackSharedMaxPowerW,
                       InputId::systemLiquidFraction, InputId::systemRackMassKg, InputId::systemPriceUsdPerNode})
      addResolved(heading, *resolved, id);
  }
  const QString fabric =
      QStringLiteral("Fabric: %1 (%2) and optics").arg(base.switchName, project_.scenario.switchModel);
  for (InputId id : {InputId::networkSwitchRadix, InputId::networkSwitchPortSpeedGbps, InputId::networkSwitchPowerW,
                     InputId::networkSwitchPriceUsd, InputId::opticsCopperPriceUsdPer400G,
                     InputId::opticsAecPriceUsdPer400G, InputId::opticsMultimodePriceUsdPer400G,
                     InputId::opticsSinglemodeDrPriceUsdPer400G, InputId::opticsSinglemodeFrPriceUsdPer400G})
    addResolved(fabric, base, id);

  // The choices that decide how the figures are counted, whether or not the project sets them.
  const QString choices = QStringLiteral("Planning choices");
  for (InputId id : {InputId::powerProvisioningBasis, InputId::powerRackCapKw, InputId::electricalDistribution,
                     InputId::costAmortization, InputId::costCapitalRate, InputId::costNonEnergyOpexUsdPerMwYear,
                     InputId::reliabilityCheckpointIntervalMode, InputId::reliabilityHotSpareFraction,
                     InputId::reliabilityPlaneFailover, InputId::networkUplinkGbps, InputId::networkCoreLinkGbps,
                     InputId::networkPodGpus, InputId::networkExtraEndpoints})
    if (!listed.count(id)) addResolved(choices, base, id);

  const QString defaults = QStringLiteral("Key defaults");
  for (InputId id : {InputId::networkNicSpeedGbps,
                     InputId::networkOversubscriptionTier1,
                     InputId::powerAverageLoadFraction,
                     InputId::powerTrainingSwingFraction,
                     InputId::powerBatteryBufferMinutes,
                     InputId::electricalRedundancy,
                     InputId::facilityPueMode,
                     InputId::facilityPue,
                     InputId::coolingCduCapacityKw,
                     InputId::coolingWueLPerKwh,
                     InputId::costElectricityUsdPerKwh,
                     InputId::costElectricalUsdPerMw,
                     InputId::costCoolingUsdPerMw,
                     InputId::costBuildingUsdPerMw,
                     InputId::costStorageUsdPerGpu,
                     InputId::costItLifetimeYears,
                     InputId::costFacilityLifetimeYears,
                     InputId::costUtilization,
                     InputId::reliabilityGpuFailuresPerMillionHours,
                     InputId::reliabilityHostFailuresPerMillionHours,
                     InputId::reliabilityNetworkFailuresPerMillionHours,
                     InputId::reliabilityModelParametersBillions,
                     InputId::reliabilityCheckpointBytesPerParameter,
                     InputId::reliabilityCheckpointWriteGBpsPerGpu,
                     InputId::reliabilityRestartMinutes,
                     InputId::siteGridCarbonKgPerKwh,
                     InputId::siteOnsiteCarbonKgPerKwh,
                     InputId::scheduleCrews,
                     InputId::scheduleRacksPerCrewPerDay,
                     InputId::scheduleSiteReadyDays,
                     InputId::scheduleBringUpDays,
                     InputId::siteGridMw,
                     InputId::siteOnsiteGenerationMw})
    if (!listed.count(id)) addResolved(defaults, base, id);
  return list;
}

QString ProjectReport::billOfMaterialsCsv() const {
  QString csv = QStringLiteral("group,item,quantity,unit,from\n");
  for (const BillOfMaterialsItem& item : billOfMaterials())
    csv += QStringList{csvField(item.group), csvField(item.item), exactNumber(item.quantity), csvField(item.unit),
                       csvField(item.origin)}
               .join(QLatin1Char(',')) +
           QLatin1Char('\n');
  return csv;
}

QString ProjectReport::figuresCsv() const {
  QStringList header = {QStringLiteral("path"), QStringLiteral("unit"), QStringLiteral("meaning")};
  for (const PhaseResult& phase : plan().phases) header << csvField(phase.name);
  QString csv = header.join(QLatin1Char(',')) + QLatin1Char('\n');
  for (const OutputSpec& spec : outputSpecs()) {
    QStringList line = {QString::fromLatin1(spec.path), csvField(QString::fromLatin1(spec.unit)),
                        csvField(QString::fromLatin1(spec.meaning))};
    for (const PhaseResult& phase : plan().phases) line << exactNumber(phase.site[static_cast<std::size_t>(spec.id)]);
    csv += line.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return csv;
}

QJsonObject ProjectReport::scenarioJson(const Project& project) {
  QJsonObject json = project.scenario.toJson();
  if (!project.phases.empty()) json.insert(QStringLiteral("phases"), PhasePlan::toJson(project.phases));
  if (!project.tenants.empty()) json.insert(QStringLiteral("tenants"), TenantPlan::toJson(project.tenants));
  return json;
}

}  // namespace gigaplan
