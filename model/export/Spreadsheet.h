#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <variant>
#include <vector>

namespace gigaplan {

/// A sheet of a workbook: a header row, then rows of text or numbers (a NaN number stays blank).
struct Sheet {
  using Cell = std::variant<QString, double>;
  QString name;  ///< at most 31 characters, as Excel allows
  QStringList header;
  std::vector<std::vector<Cell>> rows;
};

/// The sheets as an Office Open XML workbook (.xlsx), written by libxlsxwriter: the header bold and
/// frozen, numbers as numbers. Empty, with `error` set, when the workbook cannot be made.
QByteArray xlsxWorkbook(const std::vector<Sheet>& sheets, QString* error);

}  // namespace gigaplan
