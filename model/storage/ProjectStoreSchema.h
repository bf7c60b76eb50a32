#pragma once

// Internal to gigaplan_storage: what writing, reading and checking a project file share, so that the three
// name every table, field and value the same way. Not installed, and free of SQLite.

#include <QByteArray>
#include <QDate>
#include <QString>
#include <optional>
#include <vector>

#include "plan/Project.h"
#include "storage/ProjectStore.h"

struct sqlite3;  // SQLite stays private to the storage layer: only its handle type is named here

namespace gigaplan::storage {

inline constexpr char kApplication[] = "gigaplan";
/// Written to the SQLite header too, so that tools like `file` can tell a project from other databases.
inline constexpr int kApplicationId = 0x47504c4e;  // "GPLN"
inline constexpr int kMaxRowsPerHall = 1'000;

/// What a measured value may be: a size is positive, a clearance or a capacity may be zero.
enum class Measure { Size, Clearance, Capacity, Coordinate };

struct TemplateCountField {
  const char* key;
  int HallTemplate::*member;
  int maximum;
};
inline constexpr TemplateCountField kTemplateCounts[] = {
    {"rows_per_hall", &HallTemplate::rowsPerHall, kMaxRowsPerHall},
    {"slots_per_row", &HallTemplate::slotsPerRow, ProjectStore::kMaxSlotsPerRow},
    {"halls_per_building", &HallTemplate::hallsPerBuilding, ProjectStore::kMaxHalls},
};

struct TemplateRealField {
  const char* key;
  double HallTemplate::*member;
  Measure measure;
};
inline constexpr TemplateRealField kTemplateReals[] = {
    {"rack_width_m", &HallTemplate::rackWidthM, Measure::Size},
    {"rack_depth_m", &HallTemplate::rackDepthM, Measure::Size},
    {"cold_aisle_m", &HallTemplate::coldAisleM, Measure::Clearance},
    {"hot_aisle_m", &HallTemplate::hotAisleM, Measure::Clearance},
    {"wall_clearance_m", &HallTemplate::wallClearanceM, Measure::Clearance},
    {"hall_power_limit_mw", &HallTemplate::hallPowerLimitMw, Measure::Capacity},
    {"hall_cooling_limit_mw", &HallTemplate::hallCoolingLimitMw, Measure::Capacity},
    {"floor_load_limit_kg_m2", &HallTemplate::floorLoadLimitKgM2, Measure::Capacity},
    {"electrical_room_depth_m", &HallTemplate::electricalRoomDepthM, Measure::Clearance},
    {"building_gap_m", &HallTemplate::buildingGapM, Measure::Clearance},
    {"cable_rise_m", &HallTemplate::cableRiseM, Measure::Clearance},
    {"cable_slack_fraction", &HallTemplate::cableSlackFraction, Measure::Capacity},
};

inline constexpr char kNameChoice[] = "name";
inline constexpr char kDescriptionChoice[] = "description";
inline constexpr char kNextRackIdKey[] = "next_rack_id";

/// The scenario_choice path of the optic module of a reach class: "optics.<reach>.module".
QString opticChoicePath(int reach);

/// Phase dates are stored as yyyy-MM-dd text: readable in any SQLite tool, and text order is date order.
QString isoDate(const QDate& date);
/// Invalid unless `text` is exactly the yyyy-MM-dd form `isoDate` writes (no time, no other spelling).
QDate parseIsoDate(const QString& text);
/// Names a row of the phase tables by its primary key, as in "phase_system (2, 0)".
QString phaseRowKey(qint64 phase, const QString& second);

/// Numbers in messages: values as stored (12 significant digits), counts with thousands separators.
QString formatNumber(double value);
QString formatCount(qint64 count);
/// Text from a damaged file can be any length; messages quote only its start.
QString shortened(const QString& text);
/// A path as the user's system spells it, for messages.
QString nativeName(const QString& path);

/// Why `mark` names no tenant of a project of `count` tenants (a rack's mark is 1 + the tenant's idx).
QString tenantMarkProblem(qint64 mark, std::size_t count);

/// A variant as the file keeps it: a scenario document (Scenario::toJson) with "phases" and "tenants".
QByteArray variantDocument(const Variant& variant);

/// What a variant document holds besides the variant's name.
struct VariantContent {
  Scenario scenario;
  std::vector<Phase> phases;
  std::vector<Tenant> tenants;
};
/// Reads a variant document through the same parsers and checks as a scenario file.
std::optional<VariantContent> parseVariantDocument(const QByteArray& json, ScenarioErrors& errors);

/// "-wal" or "-journal" when an SQLite write-ahead log with frames, or a hot rollback journal, lies beside
/// `path`: changes another SQLite program made (or began) that the file alone does not show. Empty when there is
/// none, or only an empty or foreign file of that name; `problem` says why when one is there but cannot be read
/// (the file must then be neither read nor saved without it).
QString liveSqliteCompanion(const QString& path, QString* problem);

/// SQLite's own write lock on an existing database file, held while it lives, so that other SQLite programs
/// cannot change the file while a save checks and replaces it. `problem` is set when the lock cannot be had
/// (another program keeps writing); a file that does not exist needs none.
class SqliteWriteLock {
 public:
  SqliteWriteLock(const QString& path, QString& problem);
  ~SqliteWriteLock();
  SqliteWriteLock(const SqliteWriteLock&) = delete;
  SqliteWriteLock& operator=(const SqliteWriteLock&) = delete;

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace gigaplan::storage
