#pragma once

#include <QString>

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

}  // namespace FloorPlaces

}  // namespace gigaplan
