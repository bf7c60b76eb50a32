#pragma once

#include <QByteArray>
#include <QString>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// The floor as glTF 2.0 binary (.glb), for facility designers' tools: one node per hall (named
/// as the workspace names it, with its building in its extras) holding the hall's floor slab, and
/// a child node per row ("B1-H2/3") holding its racks as boxes coloured by role, the racks' ids
/// in the row's extras. Metres, Y up: the floor's x stays x, its y runs along -z.
QByteArray floorGlb(const SiteLayout& layout);

/// Writes floorGlb to `path` whole or not at all; false with `error` set when it cannot.
bool writeFloorGlb(const SiteLayout& layout, const QString& path, QString* error);

}  // namespace gigaplan
