#pragma once

// Internal to gigaplan_storage: SQLite as the project store drives it. Owning handles (and one for plain files),
// the text of SQLite's and the system's errors, and the statement wrappers that writing and reading go through;
// each wrapper keeps the first problem and stops there. Only the store's sources include this header, so SQLite
// stays private to the storage target.

#include <sqlite3.h>
#include <unistd.h>

#include <QSet>
#include <QString>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>

#include "storage/ProjectStoreSchema.h"

namespace gigaplan::storage {

struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;

struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

/// Closes a plain file descriptor at the end of its scope, whichever way the scope is left.
struct FileCloser {
  int fd;
  ~FileCloser() {
    if (fd >= 0) ::close(fd);
  }
};

/// An SQLite failure in words the user can act on, with SQLite's own detail.
inline QString sqliteProblem(sqlite3* db, int code) {
  const QString detail = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  switch (code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return QStringLiteral("the file is damaged (%1)").arg(detail);
    case SQLITE_FULL:
      return QStringLiteral("the disk is full (%1)").arg(detail);
    case SQLITE_NOMEM:
      return QStringLiteral("not enough memory (%1)").arg(detail);
    case SQLITE_IOERR:
      return QStringLiteral("input/output error (%1)").arg(detail);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return QStringLiteral("the file cannot be opened (%1)").arg(detail);
    default:
      return QStringLiteral("%1 (SQLite error %2)").arg(detail).arg(code);
  }
}

/// What failed, with the system's reason from errno.
inline QString systemProblem(const char* what) {
  return QStringLiteral("%1 (%2)").arg(QString::fromLatin1(what), QString::fromLocal8Bit(std::strerror(errno)));
}

/// Writes one new database; the first failure is kept as the problem and stops further work.
class DatabaseWriter {
 public:
  explicit DatabaseWriter(sqlite3* db) : db_(db) {}
  const QString& problem() const { return problem_; }

  bool execute(const char* sql) {
    if (!problem_.isEmpty()) return false;
    const int code = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    return code == SQLITE_OK || fail(code);
  }

  Statement prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (problem_.isEmpty()) {
      const int code = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
      if (code != SQLITE_OK) fail(code);
    }
    return Statement(statement);
  }

  /// Binds values by position (1-based, as SQLite counts) and runs one insert, leaving the statement ready for
  /// the next row.
  template <typename... Values>
  bool insert(sqlite3_stmt* statement, const Values&... values) {
    if (!problem_.isEmpty() || !statement) return false;
    int column = 0;
    const bool bound = (bind(statement, ++column, values) && ...);
    if (!bound) return false;
    const int code = sqlite3_step(statement);
    sqlite3_reset(statement);
    return code == SQLITE_DONE || fail(code);
  }

 private:
  bool fail(int code) {
    if (problem_.isEmpty()) problem_ = sqliteProblem(db_, code);
    return false;
  }
  bool check(int code) { return code == SQLITE_OK || fail(code); }
  bool bind(sqlite3_stmt* s, int column, const QString& value) {
    const QByteArray utf8 = value.toUtf8();
    return check(sqlite3_bind_text(s, column, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT));
  }
  bool bind(sqlite3_stmt* s, int column, const char* value) {
    return check(sqlite3_bind_text(s, column, value, -1, SQLITE_STATIC));
  }
  bool bind(sqlite3_stmt* s, int column, double value) { return check(sqlite3_bind_double(s, column, value)); }
  bool bind(sqlite3_stmt* s, int column, float value) { return bind(s, column, static_cast<double>(value)); }
  bool bind(sqlite3_stmt* s, int column, qint64 value) { return check(sqlite3_bind_int64(s, column, value)); }
  bool bind(sqlite3_stmt* s, int column, int value) { return check(sqlite3_bind_int64(s, column, value)); }
  bool bind(sqlite3_stmt* s, int column, std::uint32_t value) { return check(sqlite3_bind_int64(s, column, value)); }
  bool bind(sqlite3_stmt* s, int column, std::uint8_t value) { return check(sqlite3_bind_int64(s, column, value)); }

  sqlite3* db_;
  QString problem_;
};

/// The kind of an SQLite value, for messages about a value of the wrong type.
inline QString typeName(int type) {
  switch (type) {
    case SQLITE_INTEGER:
      return QStringLiteral("a whole number");
    case SQLITE_FLOAT:
      return QStringLiteral("a real number");
    case SQLITE_TEXT:
      return QStringLiteral("text");
    case SQLITE_BLOB:
      return QStringLiteral("binary data");
    default:
      return QStringLiteral("nothing (NULL)");
  }
}

/// Reads one result row, checking every value's type and range before converting it; the first problem names the
/// table, the row and the column.
class RowReader {
 public:
  RowReader(sqlite3_stmt* statement, const char* table, QString& problem)
      : statement_(statement), table_(table), problem_(problem) {}

  /// Names the row in messages: "hall 3", or "rack id 4012" with a label. Formatted only when a message needs it.
  void setKey(qint64 key, const char* label = "") {
    key_ = key;
    keyLabel_ = label;
  }
  /// Names the row of a keyed table: "scenario_input cluster.gpus".
  void setTextKey(const QString& key) { textKey_ = key; }

  /// The most bytes a text cell of a project may hold: a variant's scenario document, the largest.
  static constexpr int kMaxTextBytes = 4 * 1024 * 1024;

  bool text(int column, QString& value) {
    if (sqlite3_column_type(statement_, column) != SQLITE_TEXT) return wrongType(column, "text");
    // A hostile cell is refused by its size before it is converted (and so copied) at all.
    if (const int bytes = sqlite3_column_bytes(statement_, column); bytes > kMaxTextBytes)
      return fail(column, QStringLiteral("%1 bytes of text; a cell holds at most %2")
                              .arg(formatCount(bytes), formatCount(kMaxTextBytes)));
    const auto* utf8 = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    if (!utf8) return fail(column, QStringLiteral("cannot be read (out of memory)"));
    value = QString::fromUtf8(utf8, sqlite3_column_bytes(statement_, column));
    return true;
  }

  bool number(int column, double& value) {
    const int type = sqlite3_column_type(statement_, column);
    if (type != SQLITE_FLOAT && type != SQLITE_INTEGER) return wrongType(column, "a number");
    value = sqlite3_column_double(statement_, column);
    if (!std::isfinite(value))
      return fail(column, QStringLiteral("%1 is not a finite number").arg(formatNumber(value)));
    return true;
  }

  bool number(int column, float& value) {
    double wide = 0.0;
    if (!number(column, wide)) return false;
    if (std::fabs(wide) > std::numeric_limits<float>::max())
      return fail(column, QStringLiteral("%1 is too large").arg(formatNumber(wide)));
    value = static_cast<float>(wide);
    return true;
  }

  template <typename Integer>
  bool integer(int column, Integer& value) {
    if (sqlite3_column_type(statement_, column) != SQLITE_INTEGER) return wrongType(column, "a whole number");
    const qint64 wide = sqlite3_column_int64(statement_, column);
    if (wide < static_cast<qint64>(std::numeric_limits<Integer>::min()) ||
        wide > static_cast<qint64>(std::numeric_limits<Integer>::max()))
      return fail(column, QStringLiteral("%1 is out of range").arg(wide));
    value = static_cast<Integer>(wide);
    return true;
  }

  bool fail(int column, const QString& what) {
    if (!problem_.isEmpty()) return false;
    QString row = QString::fromLatin1(table_);
    if (!textKey_.isEmpty())
      row += QLatin1Char(' ') + textKey_.left(80);
    else if (key_)
      row += QLatin1Char(' ') + QString::fromLatin1(keyLabel_) + QString::number(*key_);
    problem_ = shortened(
        QStringLiteral("%1, %2: %3").arg(row, QString::fromUtf8(sqlite3_column_name(statement_, column)), what));
    return false;
  }

 private:
  bool wrongType(int column, const char* expected) {
    return fail(column, QStringLiteral("expected %1, found %2")
                            .arg(QString::fromLatin1(expected), typeName(sqlite3_column_type(statement_, column))));
  }

  sqlite3_stmt* statement_;
  const char* table_;
  QString& problem_;
  std::optional<qint64> key_;
  const char* keyLabel_ = "";
  QString textKey_;
};

/// Reads one database opened read-only; the first problem is kept and stops further reading.
class DatabaseReader {
 public:
  explicit DatabaseReader(sqlite3* db) : db_(db) {}
  QString& problem() { return problem_; }

  bool fail(const QString& problem) {
    if (problem_.isEmpty()) problem_ = shortened(problem);
    return false;
  }
  /// Past the header check, a plain SQL error (no such column, unsupported format) means a damaged file too.
  bool failSqlite(int code, const char* sql) {
    if ((code & 0xff) != SQLITE_ERROR) return fail(sqliteProblem(db_, code));
    const QString query = QString::fromLatin1(sql);
    const qsizetype from = query.indexOf(QLatin1String(" FROM "));
    const QString table = from < 0 ? query : query.mid(from + 6).section(QLatin1Char(' '), 0, 0);
    return fail(
        QStringLiteral("the file is damaged (%1, reading %2)").arg(QString::fromUtf8(sqlite3_errmsg(db_)), table));
  }

  Statement prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr);
    if (code != SQLITE_OK) failSqlite(code, sql);
    return Statement(statement);
  }

  /// Runs a query and calls `onRow(statement)` for each result row until it returns false.
  template <typename OnRow>
  bool forEachRow(const char* sql, OnRow onRow) {
    if (!problem_.isEmpty()) return false;
    const Statement statement = prepare(sql);
    if (!statement) return false;
    for (;;) {
      const int code = sqlite3_step(statement.get());
      if (code == SQLITE_DONE) return true;
      if (code != SQLITE_ROW) return failSqlite(code, sql);
      if (!onRow(statement.get())) return false;
    }
  }

  /// The one integer a query returns (a pragma, a count).
  std::optional<qint64> single(const char* sql) {
    std::optional<qint64> value;
    forEachRow(sql, [&](sqlite3_stmt* statement) {
      if (sqlite3_column_type(statement, 0) != SQLITE_INTEGER)
        return fail(QStringLiteral("%1 gave %2, not a whole number")
                        .arg(QString::fromLatin1(sql), typeName(sqlite3_column_type(statement, 0))));
      value = sqlite3_column_int64(statement, 0);
      return false;
    });
    if (!value && problem_.isEmpty()) fail(QStringLiteral("%1 gave no result").arg(QString::fromLatin1(sql)));
    return problem_.isEmpty() ? value : std::nullopt;
  }

  /// Rows in a table, checked against the project's limit before anything is reserved for them.
  std::optional<qint64> countRows(const char* table, qint64 limit, const char* whatPlural) {
    const QByteArray sql = QByteArray("SELECT COUNT(*) FROM ") + table;
    const std::optional<qint64> count = single(sql.constData());
    if (!count) return std::nullopt;
    if (*count > limit) {
      fail(QStringLiteral("table %1 has %2 rows; a project holds at most %3 %4")
               .arg(QString::fromLatin1(table), formatCount(*count), formatCount(limit),
                    QString::fromLatin1(whatPlural)));
      return std::nullopt;
    }
    return count;
  }

  /// Every table a schema version needs must be a real table: a view of the same name could run anything.
  bool requireTables(std::initializer_list<const char*> tables) {
    QSet<QString> present;
    forEachRow("SELECT name FROM sqlite_schema WHERE type = 'table'", [&](sqlite3_stmt* statement) {
      present.insert(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))));
      return true;
    });
    if (!problem_.isEmpty()) return false;
    for (const char* table : tables)
      if (!present.contains(QString::fromLatin1(table)))
        return fail(QStringLiteral("table %1 is missing").arg(QString::fromLatin1(table)));
    return true;
  }

 private:
  sqlite3* db_;
  QString problem_;
};

}  // namespace gigaplan::storage
