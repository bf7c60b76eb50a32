#pragma once

#include <QByteArray>
#include <QString>
#include <functional>
#include <utility>
#include <vector>

#include "export/CablePlan.h"

namespace gigaplan {

/// What NetBox imports in bulk, from the cable plan of the project's floor, in import order:
/// manufacturers.csv and device-roles.csv; device types as YAML in the community device-type
/// library's format (device-types/MANUFACTURER/SLUG.yaml: a node of each system, with its NIC
/// ports; a rack-scale system (NVL72) as a parent filling its rack with its trays in bays; the
/// switch with its ports; the CDU); then sites.csv (the project), locations.csv
/// (buildings, and halls inside them), racks.csv (named by hall, row and slot, the rack id as
/// facility id), devices.csv (nodes, switches and CDUs in their racks at their positions) and
/// cables.csv (every link of the cable plan by device and interface names).
///
/// Racks are 48 U (the height of the rack-scale systems' racks, ORv3 and MGX); a rack's nodes or
/// switches share it evenly from the bottom.
namespace NetBoxExport {

constexpr int kRackUnits = 48;

/// Every file but cables.csv: (path relative to the export folder, contents).
std::vector<std::pair<QString, QByteArray>> tables(const Project& project, const ProjectResult& result,
                                                   const CablePlan& plan);

/// cables.csv, streamed through `write`; false when a write fails or `progress` cancels.
bool writeCables(const CablePlan& plan, const std::function<bool(const QByteArray&)>& write,
                 const ExportProgress& progress);

/// NetBox's interface type for a port of `gbps` ("400gbase-x-osfp", ...; "other" when none fits).
QString interfaceType(double gbps);
/// NetBox's cable type for a medium (ReachClass): DAC passive, AEC active copper, OM4, OS2.
QString cableType(int reachClass);
/// A NetBox slug: lower case letters, digits, '-' and '_'.
QString slugOf(const QString& text);

}  // namespace NetBoxExport

}  // namespace gigaplan
