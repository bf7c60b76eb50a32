#include "export/Spreadsheet.h"

#include <xlsxwriter.h>

#include <QFile>
#include <QTemporaryDir>
#include <cmath>

namespace gigaplan {

WorkbookStream::WorkbookStream(const QString& path) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = nullptr;
  workbook_ = workbook_new_opt(path.toLocal8Bit().constData(), &options);
  if (!workbook_) {
    error_ = QStringLiteral("the workbook cannot be made");
    return;
  }
  bold_ = workbook_add_format(workbook_);
  format_set_bold(bold_);
}

WorkbookStream::~WorkbookStream() {
  if (workbook_) workbook_close(workbook_);
}

bool WorkbookStream::beginSheet(const QString& name, const QStringList& header) {
  if (!workbook_) return false;
  sheet_ = workbook_add_worksheet(workbook_, name.left(31).toUtf8().constData());
  row_ = 0;
  if (!sheet_) {
    error_ = QStringLiteral("sheet '%1' cannot be added").arg(name);
    return false;
  }
  worksheet_freeze_panes(sheet_, 1, 0);
  for (int c = 0; c < header.size(); ++c)
    worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c), header[c].toUtf8().constData(), bold_);
  row_ = 1;
  return true;
}

void WorkbookStream::text(int column, const QString& text) {
  this->text(column, text.toUtf8().constData());
}

void WorkbookStream::text(int column, const char* utf8) {
  if (sheet_)
    worksheet_write_string(sheet_, static_cast<lxw_row_t>(row_), static_cast<lxw_col_t>(column), utf8, nullptr);
}

void WorkbookStream::number(int column, double value) {
  if (sheet_ && std::isfinite(value))
    worksheet_write_number(sheet_, static_cast<lxw_row_t>(row_), static_cast<lxw_col_t>(column), value, nullptr);
}

void WorkbookStream::cell(int column, const Sheet::Cell& cell) {
  if (const double* value = std::get_if<double>(&cell))
    number(column, *value);
  else
    text(column, std::get<QString>(cell));
}

void WorkbookStream::endRow() {
  ++row_;
}

bool WorkbookStream::close(QString* error) {
  if (!workbook_) {
    if (error) *error = error_;
    return false;
  }
  const lxw_error closed = workbook_close(workbook_);
  workbook_ = nullptr;
  if (closed != LXW_NO_ERROR) error_ = QStringLiteral("the workbook cannot be written: %1").arg(lxw_strerror(closed));
  if (!error_.isEmpty() && error) *error = error_;
  return error_.isEmpty();
}

QByteArray xlsxWorkbook(const std::vector<Sheet>& sheets, QString* error) {
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return QByteArray();
  };
  // libxlsxwriter writes to a path: a private folder, read back whole, so that the caller writes
  // the workbook to its destination all or nothing like every other output.
  QTemporaryDir dir;
  if (!dir.isValid()) return fail(QStringLiteral("no temporary folder for the workbook: %1").arg(dir.errorString()));
  const QString path = dir.filePath(QStringLiteral("workbook.xlsx"));
  WorkbookStream workbook(path);
  for (const Sheet& sheet : sheets) {
    if (!workbook.beginSheet(sheet.name, sheet.header)) break;
    for (const auto& row : sheet.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) workbook.cell(static_cast<int>(c), row[c]);
      workbook.endRow();
    }
  }
  QString why;
  if (!workbook.close(&why)) return fail(why);
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return fail(file.errorString());
  return file.readAll();
}

}  // namespace gigaplan
