#pragma once

#include <QRectF>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

class QPainter;

namespace gigaplan::report {

// Page geometry in points (the writer's resolution is 72 dpi, so one unit is one point).
inline constexpr double kMarginPt = 48.0;
inline constexpr double kBodyTopPt = 64.0;
inline constexpr double kBodyBottomMarginPt = 56.0;

// ---------------------------------------------------------------------------------------------
// Page layout: blocks placed top to bottom, a new page when the next block does not fit.

using Paint = std::function<void(QPainter&, const QRectF&)>;

struct PlacedBlock {
  QRectF rect;
  Paint paint;
};

struct ReportPage {
  QString section;  ///< for the running header; empty on the title page
  std::vector<PlacedBlock> blocks;
};

struct ContentsEntry {
  QString title;
  int page = 0;
  int level = 1;
};

/// Lays blocks out down the page body and starts a new page when the next block does not fit.
/// Nothing is painted yet: once every page is known, each page can say "page N of M" and the
/// contents can give the page of each section.
class PageCursor {
 public:
  explicit PageCursor(const QRectF& body) : body_(body), y_(body.top()) {}

  void newPage(const QString& section) {
    pages_.push_back({section, {}});
    y_ = body_.top();
  }
  bool fits(double heightPt) const { return !pages_.empty() && y_ + heightPt <= body_.bottom() + 1e-6; }
  /// Places a block here, or at the top of the next page when it and `keepPt` below it (what must
  /// not be parted from it, e.g. a heading's first lines) do not fit on this one.
  void place(double heightPt, Paint paint, double keepPt = 0.0) {
    if (pages_.empty() || (!fits(heightPt + keepPt) && !atTop())) newPage(section());
    pages_.back().blocks.push_back({QRectF(body_.left(), y_, body_.width(), heightPt), std::move(paint)});
    y_ += heightPt;
  }
  /// Vertical space between blocks; none at the top of a page.
  void skip(double pt) {
    if (!atTop()) y_ = std::min(y_ + pt, body_.bottom());
  }
  bool atTop() const { return y_ <= body_.top() + 1e-6; }
  double remaining() const { return body_.bottom() - y_; }
  /// The height a page's body holds.
  double pageHeight() const { return body_.height(); }
  double width() const { return body_.width(); }
  int pageNumber() const { return static_cast<int>(pages_.size()); }
  QString section() const { return pages_.empty() ? QString() : pages_.back().section; }
  std::vector<ReportPage> takePages() { return std::move(pages_); }

 private:
  QRectF body_;
  double y_;
  std::vector<ReportPage> pages_;
};

// ---------------------------------------------------------------------------------------------
// Tables, placed by ReportBuilder::placeTable: split between rows over as many pages as they need.

struct TableColumn {
  QString header;
  double widthFraction;
  Qt::Alignment align = Qt::AlignLeft;
};

struct TableRow {
  QStringList cells;
  bool group = false;  ///< one cell spanning the table: a group title
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<TableRow> rows;
  double fontPt = 7.5;
};

inline constexpr double kCellPadXPt = 3.0;
inline constexpr double kCellPadYPt = 1.8;

/// The running header (project and section), the blocks, and the footer with the page number.
void paintPage(QPainter& painter, const ReportPage& page, const QRectF& pageRect, int number, int total,
               const QString& project, const QString& issued);

}  // namespace gigaplan::report
