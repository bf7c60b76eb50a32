#pragma once

#include <QString>
#include <optional>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// Where new rows and racks go on a floor: the rules the desktop's Insert Row / Insert Rack and
/// the command line's --insert-row / --insert-rack share.
namespace LayoutPlacement {

/// A new row's position relative to its hall, in metres.
struct RowPlace {
  double xM = 0;
  double yM = 0;
};

/// Behind the hall's last row, one rack pitch (a rack and half of each aisle) further on, or at the
/// wall clearance in an empty hall. Nothing, with `error` naming the hall, when a row of the
/// template's width and depth would not fit inside the hall.
std::optional<RowPlace> nextRowPlace(const SiteLayout& layout, int hall, QString* error);

/// The row's first slot that holds no rack; nothing, with `error` naming the row, when it is full.
std::optional<int> firstFreeSlot(const SiteLayout& layout, int row, QString* error);

/// A new compute rack for a slot: a copy of the layout's first compute rack (system, power, mass,
/// phase), or a default rack when there is none. The id is left for the layout to give.
Rack newComputeRack(const SiteLayout& layout, int row, int slot);

}  // namespace LayoutPlacement

}  // namespace gigaplan
