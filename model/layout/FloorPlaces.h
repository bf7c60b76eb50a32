#pragma once

#include <QString>
#include <optional>
#include <vector>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// Halls and rows named as the workspace names them, for messages and for the command line: a hall
/// by its name ("B1-H2"), a row by its hall and its number there counted from 1 in floor order, as
/// the project tree shows it ("B1-H2 row 3", typed as "B1-H2/3").
namespace FloorPlaces {

/// The row's number among its hall's rows, from 1; 0 when the row does not exist.
int rowNumberInHall(const SiteLayout& layout, int row);

/// "B1-H2 row 3", or "row 17" for a row that does not exist.
QString rowName(const SiteLayout& layout, int row);

/// The hall named `text` ("B1-H2", in any case), or the hall of that index ("4", as `racks`
/// prints in hall_index); -1 with `error` saying why when there is none.
int findHall(const SiteLayout& layout, const QString& text, QString* error);

/// The row given as HALL/N ("B1-H2/3": the hall's third row, as the workspace shows it) or by its
/// index on the floor ("117", as `racks` prints in row_index); -1 with `error` when none.
int findRow(const SiteLayout& layout, const QString& text, QString* error);

/// Each network rack's first switch number, as the workspace numbers switches: leaves from 1
/// along their row, spines and cores from 1 along their hall, in floor order (the racks' order),
/// a rack's switches one after another. 0 for compute racks and CDUs.
std::vector<int> firstSwitchNumbers(const SiteLayout& layout);

/// The fabric plane (from 1) of the switch numbered `n` (from 1): switches take the planes in turn.
inline int planeOfSwitch(int n, int planes) {
  return planes > 1 ? (n - 1) % planes + 1 : 1;
}

/// A place on the floor that Find names: a building, a hall, a row or a rack.
struct Place {
  enum class Kind { Building, Hall, Row, Rack };
  Kind kind = Kind::Building;
  int index = -1;  ///< building, hall or row index; for a rack, its index in layout.racks
};

/// The place `text` names, as a planner types it: a rack id ("4711" or "rack 4711"), a row as
/// HALL/N ("B1-H2/3"), a hall or a building by name (any case; "B1-H2", "Building 3"), else the
/// one building or hall whose name contains the text. Nothing, with `error` saying why, when none
/// or several match.
std::optional<Place> find(const SiteLayout& layout, const QString& text, QString* error);

/// Indices in layout.racks of the racks in a place.
std::vector<int> racksIn(const SiteLayout& layout, const Place& place);

}  // namespace FloorPlaces

}  // namespace gigaplan
