#include "export/Spreadsheet.h"

#include <xlsxwriter.h>

#include <QFile>
#include <QTemporaryDir>
#include <cmath>

namespace gigaplan {

QByteArray xlsxWorkbook(const std::vector<Sheet>& sheets, QString* error) {
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return QByteArray();
  };
  // libxlsxwriter writes to a path: a private folder, read back whole, so that the caller writes
  // the workbook to its destination all or nothing like every other output.
  QTemporaryDir dir;
  if (!dir.isValid()) return fail(QStringLiteral("no temporary folder for the workbook: %1").arg(dir.errorString()));
  const QByteArray path = dir.filePath(QStringLiteral("workbook.xlsx")).toLocal8Bit();
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = nullptr;
  lxw_workbook* workbook = workbook_new_opt(path.constData(), &options);
  if (!workbook) return fail(QStringLiteral("the workbook cannot be made"));
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  for (const Sheet& sheet : sheets) {
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet.name.left(31).toUtf8().constData());
    if (!worksheet) {
      workbook_close(workbook);
      return fail(QStringLiteral("sheet '%1' cannot be added").arg(sheet.name));
    }
    for (int c = 0; c < sheet.header.size(); ++c)
      worksheet_write_string(worksheet, 0, static_cast<lxw_col_t>(c), sheet.header[c].toUtf8().constData(), bold);
    worksheet_freeze_panes(worksheet, 1, 0);
    for (std::size_t r = 0; r < sheet.rows.size(); ++r)
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        const auto column = static_cast<lxw_col_t>(c);
        const Sheet::Cell& cell = sheet.rows[r][c];
        if (const double* number = std::get_if<double>(&cell)) {
          if (std::isfinite(*number)) worksheet_write_number(worksheet, row, column, *number, nullptr);
        } else {
          worksheet_write_string(worksheet, row, column, std::get<QString>(cell).toUtf8().constData(), nullptr);
        }
      }
  }
  if (const lxw_error closed = workbook_close(workbook); closed != LXW_NO_ERROR)
    return fail(QStringLiteral("the workbook cannot be written: %1").arg(QString::fromLatin1(lxw_strerror(closed))));
  QFile file(QString::fromLocal8Bit(path));
  if (!file.open(QIODevice::ReadOnly)) return fail(file.errorString());
  return file.readAll();
}

}  // namespace gigaplan
