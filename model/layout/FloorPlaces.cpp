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

}  // namespace gigaplan::FloorPlaces
