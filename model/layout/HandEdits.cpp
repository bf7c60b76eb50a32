#include "layout/HandEdits.h"

#include <QHash>
#include <algorithm>
#include <map>
#include <unordered_map>

namespace gigaplan {

namespace {

/// Each row's ordinal among the rows of its hall, in the order of the floor's rows.
std::vector<int> rowOrdinals(const SiteLayout& layout) {
  std::vector<int> ordinal(layout.rows.size(), 0);
  std::vector<int> seen(layout.halls.size(), 0);
  for (std::size_t r = 0; r < layout.rows.size(); ++r)
    ordinal[r] = seen[static_cast<std::size_t>(layout.rows[r].hall)]++;
  return ordinal;
}

QString hallName(const SiteLayout& layout, int row) {
  return layout.halls[static_cast<std::size_t>(layout.rows[static_cast<std::size_t>(row)].hall)].name;
}

QString systemOf(const SiteLayout& layout, const Rack& rack) {
  return rack.role == RackRole::Compute ? layout.systemTypes.value(rack.system) : QString();
}

bool sameMarks(const SiteLayout& a, const Rack& x, const SiteLayout& b, const Rack& y) {
  return systemOf(a, x) == systemOf(b, y) && x.phase == y.phase && x.tenant == y.tenant && x.units == y.units &&
         x.powerKw == y.powerKw && x.massKg == y.massKg && x.role == y.role;
}

std::uint64_t slotKey(int row, int slot) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(row)) << 32) | static_cast<std::uint32_t>(slot);
}

}  // namespace

QString HandEdits::placeText(const RowRef& row, int slot) {
  const QString rowText = row.added >= 0 ? QStringLiteral("added row %1").arg(row.added + 1)
                                         : QStringLiteral("row %1").arg(row.ordinal + 1);
  return slot >= 0 ? QStringLiteral("%1 %2 slot %3").arg(row.hall, rowText).arg(slot + 1)  // slots count from 1
                   : QStringLiteral("%1 %2").arg(row.hall, rowText);
}

QString HandEdits::describe(const Edit& edit) const {
  switch (edit.kind) {
    case Kind::MoveHall:
      return QStringLiteral("hall %1 moved by %2 m, %3 m").arg(edit.row.hall).arg(edit.xM).arg(edit.yM);
    case Kind::MoveRow:
      return QStringLiteral("%1 moved").arg(placeText(edit.row, -1));
    case Kind::AddRow:
      return QStringLiteral("%1 added").arg(placeText(edit.row, -1));
    case Kind::RemoveRow:
      return QStringLiteral("%1 removed").arg(placeText(edit.row, -1));
    case Kind::RemoveRack:
      return QStringLiteral("rack at %1 removed").arg(placeText(edit.row, edit.slot));
    case Kind::MoveRack:
      return QStringLiteral("rack at %1 moved to %2")
          .arg(placeText(edit.row, edit.slot), placeText(edit.toRow, edit.toSlot));
    case Kind::AddRack:
      return QStringLiteral("%1 rack added at %2").arg(rackRoleName(edit.rack.role), placeText(edit.row, edit.slot));
    case Kind::MarkRack:
      return QStringLiteral("rack at %1 set to %2, phase %3, tenant %4")
          .arg(placeText(edit.row, edit.slot),
               edit.systemType.isEmpty() ? rackRoleName(edit.rack.role) : edit.systemType)
          .arg(edit.rack.phase + 1)
          .arg(edit.rack.tenant);
  }
  return {};
}

int HandEdits::countOutside(const QStringList& halls) const {
  return static_cast<int>(std::count_if(edits_.begin(), edits_.end(), [&](const Edit& edit) {
    return !halls.contains(edit.row.hall) && !halls.contains(edit.toRow.hall);
  }));
}

QStringList HandEdits::descriptions() const {
  QStringList texts;
  for (const Edit& edit : edits_) texts.append(describe(edit));
  return texts;
}

HandEdits HandEdits::between(const SiteLayout& generated, const SiteLayout& current) {
  HandEdits result;
  const SiteLayout& g = generated;
  const SiteLayout& c = current;

  // Halls by name: moved halls.
  QHash<QString, int> generatedHall;
  for (std::size_t h = 0; h < g.halls.size(); ++h) generatedHall.insert(g.halls[h].name, static_cast<int>(h));
  for (const Hall& hall : c.halls) {
    const auto at = generatedHall.constFind(hall.name);
    if (at == generatedHall.constEnd()) continue;
    const Hall& before = g.halls[static_cast<std::size_t>(*at)];
    if (hall.xM != before.xM || hall.yM != before.yM) {
      Edit edit;
      edit.kind = Kind::MoveHall;
      edit.row.hall = hall.name;
      edit.xM = hall.xM - before.xM;
      edit.yM = hall.yM - before.yM;
      result.edits_.push_back(edit);
    }
  }

  // Rows: a current row is the generated row most of its racks came from, else the generated row
  // of its hall at the same position, else a row added by hand.
  std::unordered_map<std::uint32_t, std::size_t> generatedRack;
  for (std::size_t i = 0; i < g.racks.size(); ++i) generatedRack.emplace(g.racks[i].id, i);
  std::vector<std::map<int, int>> votes(c.rows.size());
  for (const Rack& rack : c.racks)
    if (const auto at = generatedRack.find(rack.id); at != generatedRack.end())
      ++votes[static_cast<std::size_t>(rack.row)][g.racks[at->second].row];
  const std::vector<int> generatedOrdinal = rowOrdinals(g);
  std::vector<int> matchOf(c.rows.size(), -1);
  std::vector<bool> matched(g.rows.size(), false);
  for (std::size_t r = 0; r < c.rows.size(); ++r) {
    int best = -1, most = 0;
    for (const auto& [row, count] : votes[r])
      if (count > most && !matched[static_cast<std::size_t>(row)]) best = row, most = count;
    if (best >= 0 && hallName(g, best) == hallName(c, static_cast<int>(r))) {
      matchOf[r] = best;
      matched[static_cast<std::size_t>(best)] = true;
    }
  }
  for (std::size_t r = 0; r < c.rows.size(); ++r) {
    if (matchOf[r] >= 0) continue;
    const Row& row = c.rows[r];
    for (std::size_t s = 0; s < g.rows.size(); ++s)
      if (!matched[s] && g.rows[s].xM == row.xM && g.rows[s].yM == row.yM &&
          hallName(g, static_cast<int>(s)) == hallName(c, static_cast<int>(r))) {
        matchOf[r] = static_cast<int>(s);
        matched[s] = true;
        break;
      }
  }
  std::vector<RowRef> refOf(c.rows.size());
  QHash<QString, int> addedInHall;
  for (std::size_t r = 0; r < c.rows.size(); ++r) {
    const Row& row = c.rows[r];
    RowRef& ref = refOf[r];
    ref.hall = hallName(c, static_cast<int>(r));
    if (matchOf[r] >= 0) {
      const Row& before = g.rows[static_cast<std::size_t>(matchOf[r])];
      ref.ordinal = generatedOrdinal[static_cast<std::size_t>(matchOf[r])];
      if (row.xM != before.xM || row.yM != before.yM) {
        Edit edit;
        edit.kind = Kind::MoveRow;
        edit.row = ref;
        edit.xM = row.xM;
        edit.yM = row.yM;
        result.edits_.push_back(edit);
      }
    } else {
      ref.added = addedInHall[ref.hall]++;
      Edit edit;
      edit.kind = Kind::AddRow;
      edit.row = ref;
      edit.xM = row.xM;
      edit.yM = row.yM;
      edit.slotCount = row.slotCount;
      result.edits_.push_back(edit);
    }
  }
  std::vector<bool> rowRemoved(g.rows.size(), false);
  for (std::size_t s = 0; s < g.rows.size(); ++s) {
    if (matched[s] || !generatedHall.contains(hallName(g, static_cast<int>(s)))) continue;
    rowRemoved[s] = true;
    Edit edit;
    edit.kind = Kind::RemoveRow;
    edit.row = {hallName(g, static_cast<int>(s)), generatedOrdinal[s], -1};
    result.edits_.push_back(edit);
  }

  // Racks by id: removed, moved, added, marked.
  std::unordered_map<std::uint32_t, std::size_t> currentRack;
  for (std::size_t i = 0; i < c.racks.size(); ++i) currentRack.emplace(c.racks[i].id, i);
  for (const Rack& rack : g.racks) {
    if (currentRack.count(rack.id) || rowRemoved[static_cast<std::size_t>(rack.row)]) continue;
    Edit edit;
    edit.kind = Kind::RemoveRack;
    edit.row = {hallName(g, rack.row), generatedOrdinal[static_cast<std::size_t>(rack.row)], -1};
    edit.slot = rack.slot;
    edit.rack = rack;
    result.edits_.push_back(edit);
  }
  for (const Rack& rack : c.racks) {
    const RowRef& place = refOf[static_cast<std::size_t>(rack.row)];
    const auto at = generatedRack.find(rack.id);
    if (at == generatedRack.end()) {
      Edit edit;
      edit.kind = Kind::AddRack;
      edit.row = place;
      edit.slot = rack.slot;
      edit.rack = rack;
      edit.systemType = systemOf(c, rack);
      result.edits_.push_back(edit);
      continue;
    }
    const Rack& before = g.racks[at->second];
    const bool moved = matchOf[static_cast<std::size_t>(rack.row)] != before.row || rack.slot != before.slot;
    if (moved) {
      Edit edit;
      edit.kind = Kind::MoveRack;
      edit.row = {hallName(g, before.row), generatedOrdinal[static_cast<std::size_t>(before.row)], -1};
      edit.slot = before.slot;
      edit.toRow = place;
      edit.toSlot = rack.slot;
      edit.rack = before;
      result.edits_.push_back(edit);
    }
    if (!sameMarks(g, before, c, rack)) {
      Edit edit;
      edit.kind = Kind::MarkRack;
      edit.row = place;
      edit.slot = rack.slot;
      edit.rack = rack;
      edit.systemType = systemOf(c, rack);
      result.edits_.push_back(edit);
    }
  }
  // Apply in dependency order: halls, rows, then racks (removed before others move in).
  std::stable_sort(result.edits_.begin(), result.edits_.end(),
                   [](const Edit& a, const Edit& b) { return static_cast<int>(a.kind) < static_cast<int>(b.kind); });
  return result;
}

QStringList HandEdits::applyTo(SiteLayout& layout) const {
  QStringList unapplied;
  QHash<QString, int> hallOf;
  for (std::size_t h = 0; h < layout.halls.size(); ++h) hallOf.insert(layout.halls[h].name, static_cast<int>(h));
  // Rows of the new floor by (hall, ordinal), and rows added by (hall, k).
  std::map<std::pair<QString, int>, int> rowAt, addedRowAt;
  const std::vector<int> ordinals = rowOrdinals(layout);
  for (std::size_t r = 0; r < layout.rows.size(); ++r)
    rowAt[{hallName(layout, static_cast<int>(r)), ordinals[r]}] = static_cast<int>(r);
  const auto rowIndex = [&](const RowRef& ref) {
    const auto& table = ref.added >= 0 ? addedRowAt : rowAt;
    const auto at = table.find({ref.hall, ref.added >= 0 ? ref.added : ref.ordinal});
    return at == table.end() ? -1 : at->second;
  };
  std::unordered_map<std::uint64_t, std::size_t> rackAt;
  for (std::size_t i = 0; i < layout.racks.size(); ++i)
    rackAt.emplace(slotKey(layout.racks[i].row, layout.racks[i].slot), i);
  std::vector<bool> rackGone(layout.racks.size(), false), rowGone(layout.rows.size(), false);
  const auto systemIndex = [&layout](const QString& type) {
    if (type.isEmpty()) return std::uint8_t{0};
    if (!layout.systemTypes.contains(type)) layout.systemTypes.append(type);
    return static_cast<std::uint8_t>(layout.systemTypes.indexOf(type));
  };
  const auto slotFree = [&](int row, int slot) {
    return row >= 0 && slot >= 0 && slot < layout.rows[static_cast<std::size_t>(row)].slotCount &&
           !rackAt.count(slotKey(row, slot));
  };

  for (const Edit& edit : edits_) {
    const auto fail = [&] { unapplied.append(describe(edit)); };
    switch (edit.kind) {
      case Kind::MoveHall: {
        const auto hall = hallOf.constFind(edit.row.hall);
        if (hall == hallOf.constEnd()) {
          fail();
          break;
        }
        layout.halls[static_cast<std::size_t>(*hall)].xM += edit.xM;
        layout.halls[static_cast<std::size_t>(*hall)].yM += edit.yM;
        break;
      }
      case Kind::AddRow: {
        const auto hall = hallOf.constFind(edit.row.hall);
        if (hall == hallOf.constEnd()) {
          fail();
          break;
        }
        layout.rows.push_back(Row{*hall, edit.xM, edit.yM, edit.slotCount});
        rowGone.push_back(false);
        addedRowAt[{edit.row.hall, edit.row.added}] = static_cast<int>(layout.rows.size()) - 1;
        break;
      }
      case Kind::MoveRow: {
        const int row = rowIndex(edit.row);
        if (row < 0) {
          fail();
          break;
        }
        layout.rows[static_cast<std::size_t>(row)].xM = edit.xM;
        layout.rows[static_cast<std::size_t>(row)].yM = edit.yM;
        break;
      }
      case Kind::RemoveRow: {
        const int row = rowIndex(edit.row);
        if (row < 0) {
          fail();
          break;
        }
        rowGone[static_cast<std::size_t>(row)] = true;
        break;
      }
      case Kind::RemoveRack: {
        const int row = rowIndex(edit.row);
        const auto at = row < 0 ? rackAt.end() : rackAt.find(slotKey(row, edit.slot));
        if (at == rackAt.end() || layout.racks[at->second].role != edit.rack.role) {
          fail();
          break;
        }
        rackGone[at->second] = true;
        rackAt.erase(at);
        break;
      }
      case Kind::MoveRack: {
        const int from = rowIndex(edit.row), to = rowIndex(edit.toRow);
        const auto at = from < 0 ? rackAt.end() : rackAt.find(slotKey(from, edit.slot));
        if (at == rackAt.end() || layout.racks[at->second].role != edit.rack.role || !slotFree(to, edit.toSlot)) {
          fail();
          break;
        }
        const std::size_t index = at->second;
        rackAt.erase(at);
        layout.racks[index].row = to;
        layout.racks[index].slot = edit.toSlot;
        rackAt.emplace(slotKey(to, edit.toSlot), index);
        break;
      }
      case Kind::AddRack: {
        const int row = rowIndex(edit.row);
        if (!slotFree(row, edit.slot)) {
          fail();
          break;
        }
        Rack rack = edit.rack;
        rack.id = layout.nextRackId++;
        rack.row = row;
        rack.slot = edit.slot;
        rack.system = systemIndex(edit.systemType);
        layout.racks.push_back(rack);
        rackGone.push_back(false);
        rackAt.emplace(slotKey(row, edit.slot), layout.racks.size() - 1);
        break;
      }
      case Kind::MarkRack: {
        const int row = rowIndex(edit.row);
        const auto at = row < 0 ? rackAt.end() : rackAt.find(slotKey(row, edit.slot));
        if (at == rackAt.end() || layout.racks[at->second].role != edit.rack.role) {
          fail();
          break;
        }
        Rack& rack = layout.racks[at->second];
        rack.system = systemIndex(edit.systemType);
        rack.phase = edit.rack.phase;
        rack.tenant = edit.rack.tenant;
        rack.units = edit.rack.units;
        rack.powerKw = edit.rack.powerKw;
        rack.massKg = edit.rack.massKg;
        break;
      }
    }
  }

  // Removed rows take their racks; the rest are renumbered.
  std::vector<int> newRow(layout.rows.size(), -1);
  std::vector<Row> rows;
  for (std::size_t r = 0; r < layout.rows.size(); ++r)
    if (!rowGone[r]) {
      newRow[r] = static_cast<int>(rows.size());
      rows.push_back(layout.rows[r]);
    }
  std::vector<Rack> racks;
  racks.reserve(layout.racks.size());
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    Rack rack = layout.racks[i];
    if (rackGone[i] || newRow[static_cast<std::size_t>(rack.row)] < 0) continue;
    rack.row = newRow[static_cast<std::size_t>(rack.row)];
    racks.push_back(rack);
  }
  layout.rows = std::move(rows);
  layout.racks = std::move(racks);
  return unapplied;
}

void HandEdits::keepLockedHalls(const SiteLayout& from, SiteLayout& to) {
  std::vector<bool> rowGone(to.rows.size(), false);
  for (std::size_t h = 0; h < from.halls.size(); ++h) {
    const Hall& locked = from.halls[h];
    if (!locked.locked) continue;
    // Its building on the new floor: the one of the same name, else a copy of the old one.
    const Building& building = from.buildings[static_cast<std::size_t>(locked.building)];
    int buildingIndex = -1;
    for (std::size_t b = 0; b < to.buildings.size(); ++b)
      if (to.buildings[b].name == building.name) buildingIndex = static_cast<int>(b);
    if (buildingIndex < 0) {
      to.buildings.push_back(building);
      buildingIndex = static_cast<int>(to.buildings.size()) - 1;
    }
    int hall = -1;
    for (std::size_t i = 0; i < to.halls.size(); ++i)
      if (to.halls[i].name == locked.name) hall = static_cast<int>(i);
    if (hall < 0) {
      to.halls.push_back(locked);
      hall = static_cast<int>(to.halls.size()) - 1;
    }
    to.halls[static_cast<std::size_t>(hall)] = locked;
    to.halls[static_cast<std::size_t>(hall)].building = buildingIndex;
    for (std::size_t r = 0; r < to.rows.size(); ++r)
      if (to.rows[r].hall == hall) rowGone[r] = true;
    std::vector<int> newRow(from.rows.size(), -1);
    for (std::size_t r = 0; r < from.rows.size(); ++r) {
      if (from.rows[r].hall != static_cast<int>(h)) continue;
      Row row = from.rows[r];
      row.hall = hall;
      newRow[r] = static_cast<int>(to.rows.size());
      to.rows.push_back(row);
      rowGone.push_back(false);
    }
    for (const Rack& rack : from.racks) {
      if (newRow[static_cast<std::size_t>(rack.row)] < 0) continue;
      Rack copy = rack;
      copy.id = to.nextRackId++;
      copy.row = newRow[static_cast<std::size_t>(rack.row)];
      if (rack.role == RackRole::Compute) {
        const QString type = systemOf(from, rack);
        if (!to.systemTypes.contains(type)) to.systemTypes.append(type);
        copy.system = static_cast<std::uint8_t>(to.systemTypes.indexOf(type));
      }
      to.racks.push_back(copy);
    }
  }
  // The new floor's own rows of the locked halls go, with their racks.
  std::vector<int> renumbered(to.rows.size(), -1);
  std::vector<Row> rows;
  for (std::size_t r = 0; r < to.rows.size(); ++r)
    if (!rowGone[r]) {
      renumbered[r] = static_cast<int>(rows.size());
      rows.push_back(to.rows[r]);
    }
  std::vector<Rack> racks;
  racks.reserve(to.racks.size());
  for (Rack rack : to.racks) {
    if (renumbered[static_cast<std::size_t>(rack.row)] < 0) continue;
    rack.row = renumbered[static_cast<std::size_t>(rack.row)];
    racks.push_back(rack);
  }
  to.rows = std::move(rows);
  to.racks = std::move(racks);
}

}  // namespace gigaplan
