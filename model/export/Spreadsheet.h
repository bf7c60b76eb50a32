#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <variant>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace gigaplan {

/// A sheet of a workbook: a header row, then rows of text or numbers (a NaN number stays blank).
struct Sheet {
  using Cell = std::variant<QString, double>;
  QString name;  ///< at most 31 characters, as Excel allows
  QStringList header;
  std::vector<std::vector<Cell>> rows;
};

/// An Office Open XML workbook (.xlsx) written by libxlsxwriter row by row to a file, holding no
/// more than a row at a time (its constant-memory mode): sheets one after another, each with its
/// header bold and frozen, numbers as numbers.
class WorkbookStream {
 public:
  /// Rows a sheet holds, its header included, as Excel allows.
  static constexpr int kMaxRows = 1'048'576;

  explicit WorkbookStream(const QString& path);
  ~WorkbookStream();
  WorkbookStream(const WorkbookStream&) = delete;
  WorkbookStream& operator=(const WorkbookStream&) = delete;

  /// Starts a sheet (its name cut to Excel's 31 characters); false when it cannot be added.
  bool beginSheet(const QString& name, const QStringList& header);
  void text(int column, const QString& text);
  void text(int column, const char* utf8);
  void number(int column, double value);  ///< NaN stays blank
  void cell(int column, const Sheet::Cell& cell);
  void endRow();
  /// Rows of the current sheet so far, its header included.
  int rows() const { return row_; }

  /// Writes the workbook out; false with `error` naming the cause.
  bool close(QString* error);

 private:
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* bold_ = nullptr;
  int row_ = 0;
  QString error_;
};

/// The sheets as a workbook (WorkbookStream), in memory. Empty, with `error` set, when the
/// workbook cannot be made.
QByteArray xlsxWorkbook(const std::vector<Sheet>& sheets, QString* error);

}  // namespace gigaplan
