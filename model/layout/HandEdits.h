#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// The planner's edits of a floor, seen as the differences between the floor laid out from the
/// inputs (the generated floor) and the floor as it stands: halls and rows moved, rows added and
/// removed, racks removed, moved, added and marked (system, phase, tenant). Carried over to a floor
/// laid out anew, so that a re-lay keeps what the planner did where it still applies.
///
/// A place on a floor is a hall (by name), a row by its ordinal among the hall's rows as
/// generated (or the k-th row added to the hall by hand), and a slot.
class HandEdits {
 public:
  /// The edits that turn `generated` into `current`. Racks are matched by id (generation and
  /// edits keep ids), rows by the racks they hold, then by position.
  static HandEdits between(const SiteLayout& generated, const SiteLayout& current);

  bool isEmpty() const { return edits_.empty(); }
  int count() const { return static_cast<int>(edits_.size()); }
  /// The edits that touch none of `halls` (by name): those a re-lay replaces when they are locked.
  int countOutside(const QStringList& halls) const;

  /// Applies the edits to a floor laid out anew, in order: halls, rows, then racks. Returns the
  /// edits that no longer apply (their place is gone, or taken), each in words.
  QStringList applyTo(SiteLayout& layout) const;

  /// Puts the halls locked on `from` onto `to` exactly as they stand (place, rows, racks and their
  /// marks), in place of `to`'s halls of the same names or beside them; their racks get new ids.
  static void keepLockedHalls(const SiteLayout& from, SiteLayout& to);

  /// Every edit in words: "rack at B1-H2 row 3 slot 7 removed".
  QStringList descriptions() const;

 private:
  enum class Kind { MoveHall, MoveRow, AddRow, RemoveRow, RemoveRack, MoveRack, AddRack, MarkRack };
  /// A row of the generated floor (ordinal >= 0) or the k-th row added by hand (added = k).
  struct RowRef {
    QString hall;
    int ordinal = -1;
    int added = -1;
  };
  struct Edit {
    Kind kind = Kind::MoveHall;
    RowRef row;       ///< where (for hall edits: row.hall)
    int slot = -1;    ///< the rack's slot
    RowRef toRow;     ///< a moved rack's new row
    int toSlot = -1;  ///< a moved rack's new slot
    double xM = 0.0;  ///< hall: moved by; row: its new position in its hall
    double yM = 0.0;
    int slotCount = 0;   ///< an added row's slots
    Rack rack;           ///< an added or marked rack (system as an index into systemType)
    QString systemType;  ///< the added or marked rack's system
  };

  static QString placeText(const RowRef& row, int slot);
  QString describe(const Edit& edit) const;

  std::vector<Edit> edits_;
};

}  // namespace gigaplan
