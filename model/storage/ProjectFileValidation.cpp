#include <QHash>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "plan/PhasePlan.h"
#include "plan/TenantPlan.h"
#include "storage/ProjectStore.h"
#include "storage/ProjectStoreSchema.h"

// The checks of a project's values that both saving and opening apply: `save` refuses a project that fails them
// and `open` rejects a file holding one. Problems are named by table, row and field as in the file. Free of
// SQLite: what is checked here is the project, whichever way it came.

namespace gigaplan::storage {

/// Why `mark` names no tenant of a project of `count` tenants (a rack's mark is 1 + the tenant's idx).
QString tenantMarkProblem(qint64 mark, std::size_t count) {
  if (count == 0) return QStringLiteral("%1 is not a tenant (the project has none)").arg(mark);
  return QStringLiteral("%1 is not a tenant (the project has %2: marks 1 to %2, one above their idx)")
      .arg(mark)
      .arg(count);
}

namespace {

/// Empty when `value` is acceptable for its kind of measure, else what is wrong with it.
QString measureProblem(double value, Measure measure) {
  if (!std::isfinite(value)) return QStringLiteral("%1 is not a finite number").arg(formatNumber(value));
  switch (measure) {
    case Measure::Size:
      if (value <= 0.0) return QStringLiteral("%1 is not a positive size").arg(formatNumber(value));
      break;
    case Measure::Clearance:
    case Measure::Capacity:
      if (value < 0.0) return QStringLiteral("%1 is negative").arg(formatNumber(value));
      break;
    case Measure::Coordinate:
      break;
  }
  if (measure != Measure::Capacity && std::fabs(value) > ProjectStore::kMaxDistanceM)
    return QStringLiteral("%1 m is beyond %2 km")
        .arg(formatNumber(value), formatCount(static_cast<qint64>(ProjectStore::kMaxDistanceM / 1000)));
  return {};
}

/// The first tenant whose isolation is none of TenantIsolation's values (only memory gone wrong makes one); such a
/// tenant has no name to write, so it is caught before anything names its isolation.
std::optional<std::size_t> tenantWithoutIsolation(const std::vector<Tenant>& tenants) {
  for (std::size_t i = 0; i < tenants.size(); ++i)
    if (tenants[i].isolation > TenantIsolation::OwnPlane) return i;
  return std::nullopt;
}

QString isolationValueProblem(const Tenant& tenant) {
  return QStringLiteral("%1 is not an isolation (0 to %2)")
      .arg(static_cast<int>(tenant.isolation))
      .arg(static_cast<int>(TenantIsolation::OwnPlane));
}

QString variantsProblem(const std::vector<Variant>& variants) {
  if (variants.size() > static_cast<std::size_t>(ProjectStore::kMaxVariants))
    return QStringLiteral("variant: %1 variants; a project keeps at most %2")
        .arg(variants.size())
        .arg(ProjectStore::kMaxVariants);
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const Variant& v = variants[i];
    const QString where = QStringLiteral("variant %1, ").arg(i);
    if (v.name.trimmed().isEmpty()) return where + QStringLiteral("name: empty");
    if (v.name.size() > ProjectStore::kMaxPhaseNameChars)
      return where + QStringLiteral("name: longer than %1 characters").arg(ProjectStore::kMaxPhaseNameChars);
    if (const auto t = tenantWithoutIsolation(v.tenants))
      return where + QStringLiteral("document: tenants[%1].isolation: ").arg(*t + 1) +
             isolationValueProblem(v.tenants[*t]);
    // What is saved must read back: the document goes through the parser a file's would.
    ScenarioErrors errors;
    if (!parseVariantDocument(variantDocument(v), errors))
      return where + QStringLiteral("document: ") + errors.value(0).text();
  }
  return {};
}

/// The first value of the phases that keeps them from being stored; empty when there is none.
QString phasesProblem(const std::vector<Phase>& phases) {
  if (phases.size() > ProjectStore::kMaxPhases)
    return QStringLiteral("phase: %1 phases; a project holds at most %2")
        .arg(formatCount(static_cast<qint64>(phases.size())), formatCount(ProjectStore::kMaxPhases));
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const Phase& phase = phases[i];
    const QString where = QStringLiteral("phase %1, ").arg(i);
    if (phase.name.isEmpty()) return where + QStringLiteral("name: empty");
    if (phase.name.size() > ProjectStore::kMaxPhaseNameChars)
      return where + QStringLiteral("name: %1 characters; a phase name has at most %2")
                         .arg(phase.name.size())
                         .arg(ProjectStore::kMaxPhaseNameChars);
    // Only dates that yyyy-MM-dd can hold (years 1 to 9999) survive the file.
    if (!phase.start.isValid() || !parseIsoDate(isoDate(phase.start)).isValid())
      return where + QStringLiteral("start_date: not a date from year 1 to 9999");
    if (i > 0 && phase.start < phases[i - 1].start)
      return where + QStringLiteral("start_date: %1 is before phase %2's %3 (phases are kept in date order)")
                         .arg(isoDate(phase.start))
                         .arg(i - 1)
                         .arg(isoDate(phases[i - 1].start));
    if (phase.systems.size() > ProjectStore::kMaxSystemsPerPhase)
      return QStringLiteral("phase_system: phase %1 adds %2 system types; a phase adds at most %3")
          .arg(i)
          .arg(phase.systems.size())
          .arg(ProjectStore::kMaxSystemsPerPhase);
    for (std::size_t seq = 0; seq < phase.systems.size(); ++seq) {
      const PhaseSystems& systems = phase.systems[seq];
      const QString row =
          QStringLiteral("phase_system %1, ").arg(phaseRowKey(static_cast<qint64>(i), QString::number(seq)));
      // Whether the id is in the catalog is for the scenario resolve to say, as for the scenario's own system type.
      if (systems.systemType.isEmpty()) return row + QStringLiteral("system_type: empty");
      if (!std::isfinite(systems.gpus))
        return row + QStringLiteral("gpus: %1 is not a finite number").arg(formatNumber(systems.gpus));
      if (systems.gpus <= 0.0) return row + QStringLiteral("gpus: %1 is not above 0").arg(formatNumber(systems.gpus));
      if (systems.gpus > ProjectStore::kMaxPhaseGpus)
        return row +
               QStringLiteral("gpus: %1 is above %2")
                   .arg(formatNumber(systems.gpus), formatCount(static_cast<qint64>(ProjectStore::kMaxPhaseGpus)));
    }
    for (auto it = phase.inputs.begin(); it != phase.inputs.end(); ++it) {
      const InputSpec& spec = inputSpec(it.key());
      const QString row = QStringLiteral("phase_input %1, value: ")
                              .arg(phaseRowKey(static_cast<qint64>(i), QString::fromLatin1(spec.path)));
      const double value = it.value();
      if (!std::isfinite(value)) return row + QStringLiteral("%1 is not a finite number").arg(formatNumber(value));
      if (value < spec.minimum || value > spec.maximum)
        return row + QStringLiteral("%1 %2 is out of range [%3, %4]")
                         .arg(formatNumber(value), QString::fromLatin1(spec.unit), formatNumber(spec.minimum),
                              formatNumber(spec.maximum));
      if (spec.kind != InputKind::Real && value != std::floor(value))
        return row + QStringLiteral("%1 is not a whole number").arg(formatNumber(value));
    }
  }
  return {};
}

/// The first problem of the project's tenants, named by table, row and field as in the file: "tenant 1, gpus:
/// must be from 1 to 10,000,000"; empty when there is none. The values are TenantPlan's to judge.
QString tenantsProblem(const std::vector<Tenant>& tenants) {
  if (tenants.size() > static_cast<std::size_t>(ProjectStore::kMaxTenants))
    return QStringLiteral("tenant: %1 tenants; a project holds at most %2")
        .arg(tenants.size())
        .arg(ProjectStore::kMaxTenants);
  if (const auto t = tenantWithoutIsolation(tenants))
    return QStringLiteral("tenant %1, isolation: ").arg(*t) + isolationValueProblem(tenants[*t]);
  const ScenarioErrors errors = TenantPlan::check(tenants);
  if (errors.isEmpty()) return {};
  const ScenarioError& first = errors.first();
  // TenantPlan names fields as the workspace numbers tenants, from 1 ("tenants[1].priceUsdPerGpuHour"); the
  // file has columns, and rows keyed from 0.
  static const QRegularExpression field(QStringLiteral("^tenants\\[(\\d+)\\]\\.(\\w+)$"));
  const QRegularExpressionMatch match = field.match(first.field);
  if (!match.hasMatch()) return QStringLiteral("tenant: ") + first.text();
  static const QHash<QString, QString> columns = {
      {QStringLiteral("system"), QStringLiteral("system_type")},
      {QStringLiteral("priceUsdPerGpuHour"), QStringLiteral("price_usd_per_gpu_hour")}};
  const QString key = match.captured(2);
  return QStringLiteral("tenant %1, %2: %3")
      .arg(QString::number(match.captured(1).toInt() - 1), columns.value(key, key), first.message);
}

}  // namespace

}  // namespace gigaplan::storage

namespace gigaplan {

QString ProjectStore::firstProblem(const Project& project) {
  // The file's names and spellings, for the messages below.
  using namespace storage;
  const Scenario& scenario = project.scenario;
  if (scenario.systemType.isEmpty()) return QStringLiteral("scenario_choice system.type: empty");
  if (scenario.switchModel.isEmpty()) return QStringLiteral("scenario_choice network.switch: empty");
  for (auto it = scenario.values.begin(); it != scenario.values.end(); ++it) {
    const InputSpec& spec = inputSpec(it.key());
    const QString where = QStringLiteral("scenario_input %1: ").arg(QString::fromLatin1(spec.path));
    if (!std::isfinite(it.value()))
      return where + QStringLiteral("%1 is not a finite number").arg(formatNumber(it.value()));
    const QStringList choices = choiceNames(it.key());
    if (spec.kind == InputKind::Choice &&
        (it.value() != std::floor(it.value()) || it.value() < 0 || it.value() >= choices.size()))
      return where + QStringLiteral("%1 is not a choice index (0 to %2: %3)")
                         .arg(formatNumber(it.value()))
                         .arg(choices.size() - 1)
                         .arg(choices.join(QStringLiteral(", ")));
  }

  const SiteLayout& layout = project.layout;
  for (const TemplateCountField& field : kTemplateCounts) {
    const int value = layout.hallTemplate.*field.member;
    if (value < 1 || value > field.maximum)
      return QStringLiteral("hall_template %1: %2 is not from 1 to %3")
          .arg(QString::fromLatin1(field.key))
          .arg(value)
          .arg(formatCount(field.maximum));
  }
  for (const TemplateRealField& field : kTemplateReals) {
    const QString problem = measureProblem(layout.hallTemplate.*field.member, field.measure);
    if (!problem.isEmpty()) return QStringLiteral("hall_template %1: %2").arg(QString::fromLatin1(field.key), problem);
  }

  if (layout.systemTypes.size() > kMaxSystemTypes)
    return QStringLiteral("system_type: %1 system types; a project holds at most %2")
        .arg(layout.systemTypes.size())
        .arg(kMaxSystemTypes);
  for (int i = 0; i < layout.systemTypes.size(); ++i)
    if (layout.systemTypes[i].isEmpty()) return QStringLiteral("system_type %1, id: empty").arg(i);

  auto tooMany = [](const char* table, std::size_t count, int limit, const char* whatPlural) {
    return QStringLiteral("%1: %2 %3; a project holds at most %4")
        .arg(QString::fromLatin1(table), formatCount(static_cast<qint64>(count)), QString::fromLatin1(whatPlural),
             formatCount(limit));
  };
  if (layout.buildings.size() > kMaxBuildings)
    return tooMany("building", layout.buildings.size(), kMaxBuildings, "buildings");
  if (layout.halls.size() > kMaxHalls) return tooMany("hall", layout.halls.size(), kMaxHalls, "halls");
  if (layout.rows.size() > kMaxRows) return tooMany("layout_row", layout.rows.size(), kMaxRows, "rows");
  if (layout.racks.size() > kMaxRacks) return tooMany("rack", layout.racks.size(), kMaxRacks, "racks");

  auto fieldProblem = [](const char* table, std::size_t index, const char* field, double value, Measure measure) {
    const QString problem = measureProblem(value, measure);
    if (problem.isEmpty()) return problem;
    return QStringLiteral("%1 %2, %3: %4")
        .arg(QString::fromLatin1(table))
        .arg(index)
        .arg(QString::fromLatin1(field), problem);
  };
  for (std::size_t i = 0; i < layout.buildings.size(); ++i) {
    const Building& b = layout.buildings[i];
    for (const QString& problem : {fieldProblem("building", i, "x_m", b.xM, Measure::Coordinate),
                                   fieldProblem("building", i, "y_m", b.yM, Measure::Coordinate),
                                   fieldProblem("building", i, "width_m", b.widthM, Measure::Size),
                                   fieldProblem("building", i, "depth_m", b.depthM, Measure::Size)})
      if (!problem.isEmpty()) return problem;
  }
  for (std::size_t i = 0; i < layout.halls.size(); ++i) {
    const Hall& h = layout.halls[i];
    if (h.building < 0 || static_cast<std::size_t>(h.building) >= layout.buildings.size())
      return QStringLiteral("hall %1, building: %2 is not a building (the project has %3)")
          .arg(i)
          .arg(h.building)
          .arg(layout.buildings.size());
    for (const QString& problem :
         {fieldProblem("hall", i, "x_m", h.xM, Measure::Coordinate),
          fieldProblem("hall", i, "y_m", h.yM, Measure::Coordinate),
          fieldProblem("hall", i, "width_m", h.widthM, Measure::Size),
          fieldProblem("hall", i, "depth_m", h.depthM, Measure::Size),
          fieldProblem("hall", i, "power_limit_mw", h.powerLimitMw, Measure::Capacity),
          fieldProblem("hall", i, "cooling_limit_mw", h.coolingLimitMw, Measure::Capacity),
          fieldProblem("hall", i, "floor_load_limit_kg_m2", h.floorLoadLimitKgM2, Measure::Capacity)})
      if (!problem.isEmpty()) return problem;
  }
  for (std::size_t i = 0; i < layout.rows.size(); ++i) {
    const Row& r = layout.rows[i];
    if (r.hall < 0 || static_cast<std::size_t>(r.hall) >= layout.halls.size())
      return QStringLiteral("layout_row %1, hall: %2 is not a hall (the project has %3)")
          .arg(i)
          .arg(r.hall)
          .arg(layout.halls.size());
    if (r.slotCount < 1 || r.slotCount > kMaxSlotsPerRow)
      return QStringLiteral("layout_row %1, slots: %2 is not from 1 to %3")
          .arg(i)
          .arg(r.slotCount)
          .arg(kMaxSlotsPerRow);
    for (const QString& problem : {fieldProblem("layout_row", i, "x_m", r.xM, Measure::Coordinate),
                                   fieldProblem("layout_row", i, "y_m", r.yM, Measure::Coordinate)})
      if (!problem.isEmpty()) return problem;
  }

  if (layout.nextRackId < 1) return QStringLiteral("meta next_rack_id: 0 is not a rack id (ids start at 1)");
  std::vector<std::uint32_t> ids;
  ids.reserve(layout.racks.size());
  for (const Rack& r : layout.racks) {
    const auto where = [&r] { return QStringLiteral("rack id %1, ").arg(r.id); };
    if (r.id < 1) return where() + QStringLiteral("id: 0 is not a rack id (ids start at 1)");
    if (r.id >= layout.nextRackId)
      return where() + QStringLiteral("id: not below meta next_rack_id %1").arg(layout.nextRackId);
    if (r.row < 0 || static_cast<std::size_t>(r.row) >= layout.rows.size())
      return where() +
             QStringLiteral("row: %1 is not a layout_row (the project has %2)").arg(r.row).arg(layout.rows.size());
    const int slotsInRow = layout.rows[static_cast<std::size_t>(r.row)].slotCount;
    if (r.slot < 0 || r.slot >= slotsInRow)
      return where() + QStringLiteral("slot: %1 is outside its row's %2 slots (0 to %3)")
                           .arg(r.slot)
                           .arg(slotsInRow)
                           .arg(slotsInRow - 1);
    if (static_cast<int>(r.role) > static_cast<int>(RackRole::Cdu))
      return where() + QStringLiteral("role: %1 is not a rack role (0 to %2)")
                           .arg(static_cast<int>(r.role))
                           .arg(static_cast<int>(RackRole::Cdu));
    // Network and CDU racks hold no system and may carry 0 even in a layout without system types.
    const bool noSystem = r.role != RackRole::Compute && r.system == 0;
    if (r.system >= layout.systemTypes.size() && !noSystem)
      return where() + QStringLiteral("system: %1 is not a system_type (the project has %2)")
                           .arg(r.system)
                           .arg(layout.systemTypes.size());
    if (r.tenant > project.tenants.size())
      return where() + QStringLiteral("tenant: ") + tenantMarkProblem(r.tenant, project.tenants.size());
    for (const auto& [field, value] : {std::pair{"power_kw", r.powerKw}, std::pair{"mass_kg", r.massKg}}) {
      const QString problem = measureProblem(value, Measure::Capacity);
      if (!problem.isEmpty()) return where() + QString::fromLatin1(field) + QStringLiteral(": ") + problem;
    }
    ids.push_back(r.id);
  }
  std::sort(ids.begin(), ids.end());
  const auto repeated = std::adjacent_find(ids.begin(), ids.end());
  if (repeated != ids.end()) return QStringLiteral("rack id %1 appears twice").arg(*repeated);
  if (const QString problem = phasesProblem(project.phases); !problem.isEmpty()) return problem;
  if (const QString problem = tenantsProblem(project.tenants); !problem.isEmpty()) return problem;
  return variantsProblem(project.variants);
}

}  // namespace gigaplan
