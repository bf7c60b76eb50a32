#include "layout/FloorPlaces.h"

namespace gigaplan::FloorPlaces {

namespace {

/// A whole number from 0, or -1.
int indexIn(const QString& text) {
  bool ok = false;
  const int value = text.trimmed().toInt(&ok);
  return ok && value >= 0 ? value : -1;
}

}  // namespace

int rowNumberInHall(const SiteLayout& layout, int row) {
  if (row < 0 || row >= static_cast<int>(layout.rows.size())) return 0;
  const int hall = layout.rows[static_cast<std::size_t>(row)].hall;
  int number = 0;
  for (int r = 0; r <= row; ++r)
    if (layout.rows[static_cast<std::size_t>(r)].hall == hall) ++number;
  return number;
}

QString rowName(const SiteLayout& layout, int row) {
  const int number = rowNumberInHall(layout, row);
  const int hall = number > 0 ? layout.rows[static_cast<std::size_t>(row)].hall : -1;
  if (hall < 0 || hall >= static_cast<int>(layout.halls.size())) return QStringLiteral("row %1").arg(row);
  return QStringLiteral("%1 row %2").arg(layout.halls[static_cast<std::size_t>(hall)].name).arg(number);
}

int findHall(const SiteLayout& layout, const QString& text, QString* error) {
  const QString name = text.trimmed();
  for (std::size_t h = 0; h < layout.halls.size(); ++h)
    if (layout.halls[h].name.compare(name, Qt::CaseInsensitive) == 0) return static_cast<int>(h);
  const int index = indexIn(name);
  if (index >= 0 && index < static_cast<int>(layout.halls.size())) return index;
  if (error) {
    *error =
        index >= 0
            ? QStringLiteral("hall %1: no such hall (the floor has %2, from 0)").arg(index).arg(layout.halls.size())
            : QStringLiteral("hall '%1': no hall of that name").arg(name);
  }
  return -1;
}

int findRow(const SiteLayout& layout, const QString& text, QString* error) {
  const QString place = text.trimmed();
  const qsizetype slash = place.lastIndexOf(QLatin1Char('/'));
  if (slash < 0) {
    const int index = indexIn(place);
    if (index >= 0 && index < static_cast<int>(layout.rows.size())) return index;
    if (error)
      *error = index >= 0
                   ? QStringLiteral("row %1: no such row (the floor has %2, from 0)").arg(index).arg(layout.rows.size())
                   : QStringLiteral("row '%1': not HALL/N (as B1-H2/3) or a row index").arg(place);
    return -1;
  }
  const int hall = findHall(layout, place.left(slash), error);
  if (hall < 0) return -1;
  const int wanted = indexIn(place.mid(slash + 1));
  int number = 0;
  for (std::size_t r = 0; r < layout.rows.size(); ++r)
    if (layout.rows[r].hall == hall && ++number == wanted) return static_cast<int>(r);
  if (error)
    *error = QStringLiteral("row '%1': hall %2 has rows 1 to %3")
                 .arg(place, layout.halls[static_cast<std::size_t>(hall)].name)
                 .arg(number);
  return -1;
}

std::optional<Place> find(const SiteLayout& layout, const QString& text, QString* error) {
  QString wanted = text.trimmed();
  if (wanted.startsWith(QLatin1String("rack "), Qt::CaseInsensitive)) wanted = wanted.mid(5).trimmed();
  auto fail = [&](const QString& why) -> std::optional<Place> {
    if (error) *error = why;
    return std::nullopt;
  };
  if (wanted.isEmpty()) return fail(QStringLiteral("find: nothing to find"));
  bool isNumber = false;
  const qulonglong id = wanted.toULongLong(&isNumber);
  if (isNumber) {
    for (std::size_t i = 0; i < layout.racks.size(); ++i)
      if (layout.racks[i].id == id) return Place{Place::Kind::Rack, static_cast<int>(i)};
    return fail(QStringLiteral("rack %1: no such rack").arg(id));
  }
  if (wanted.contains(QLatin1Char('/'))) {
    QString why;
    const int row = findRow(layout, wanted, &why);
    if (row < 0) return fail(why);
    return Place{Place::Kind::Row, row};
  }
  for (std::size_t h = 0; h < layout.halls.size(); ++h)
    if (layout.halls[h].name.compare(wanted, Qt::CaseInsensitive) == 0)
      return Place{Place::Kind::Hall, static_cast<int>(h)};
  for (std::size_t b = 0; b < layout.buildings.size(); ++b)
    if (layout.buildings[b].name.compare(wanted, Qt::CaseInsensitive) == 0)
      return Place{Place::Kind::Building, static_cast<int>(b)};
  // A part of a name, when it names one place.
  std::vector<Place> partly;
  QStringList names;
  for (std::size_t b = 0; b < layout.buildings.size(); ++b)
    if (layout.buildings[b].name.contains(wanted, Qt::CaseInsensitive)) {
      partly.push_back({Place::Kind::Building, static_cast<int>(b)});
      names << layout.buildings[b].name;
    }
  for (std::size_t h = 0; h < layout.halls.size(); ++h)
    if (layout.halls[h].name.contains(wanted, Qt::CaseInsensitive)) {
      partly.push_back({Place::Kind::Hall, static_cast<int>(h)});
      names << layout.halls[h].name;
    }
  if (partly.size() == 1) return partly.front();
  if (partly.empty())
    return fail(QStringLiteral("'%1': no building, hall, row (HALL/N) or rack id of that name").arg(wanted));
  return fail(QStringLiteral("'%1' is part of %2 names (%3%4): say which")
                  .arg(wanted)
                  .arg(partly.size())
                  .arg(names.mid(0, 4).join(QStringLiteral(", ")))
                  .arg(names.size() > 4 ? QStringLiteral(", ...") : QString()));
}

std::vector<int> racksIn(const SiteLayout& layout, const Place& place) {
  std::vector<int> found;
  if (place.kind == Place::Kind::Rack) {
    if (place.index >= 0 && place.index < static_cast<int>(layout.racks.size())) found.push_back(place.index);
    return found;
  }
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const int row = layout.racks[i].row;
    const int hall = layout.rows[static_cast<std::size_t>(row)].hall;
    const int building = layout.halls[static_cast<std::size_t>(hall)].building;
    const bool in = place.kind == Place::Kind::Row    ? row == place.index
                    : place.kind == Place::Kind::Hall ? hall == place.index
                                                      : building == place.index;
    if (in) found.push_back(static_cast<int>(i));
  }
  return found;
}

std::vector<int> firstSwitchNumbers(const SiteLayout& layout) {
  std::vector<int> first(layout.racks.size(), 0);
  std::vector<int> leavesOfRow(layout.rows.size(), 0), spinesOfHall(layout.halls.size(), 0),
      coresOfHall(layout.halls.size(), 0);
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    const auto row = static_cast<std::size_t>(rack.row);
    const auto hall = static_cast<std::size_t>(layout.rows[row].hall);
    int* seen = rack.role == RackRole::Leaf    ? &leavesOfRow[row]
                : rack.role == RackRole::Spine ? &spinesOfHall[hall]
                : rack.role == RackRole::Core  ? &coresOfHall[hall]
                                               : nullptr;
    if (!seen) continue;
    first[i] = *seen + 1;
    *seen += rack.units;
  }
  return first;
}

}  // namespace gigaplan::FloorPlaces
