#include "report/ReportBuilder.h"

#include <QPainter>
#include <algorithm>

namespace gigaplan::report {

ReportBuilder::ReportBuilder(const ProjectReport& report, QPaintDevice* device, const QRectF& page, const QDate& issued,
                             const std::vector<ContentsEntry>& plannedContents)
    : report_(report),
      device_(device),
      issued_(issued),
      cursor_(QRectF(kMarginPt, kBodyTopPt, page.width() - 2 * kMarginPt,
                     page.height() - kBodyTopPt - kBodyBottomMarginPt)),
      plannedContents_(plannedContents),
      contents_(std::make_shared<std::vector<ContentsEntry>>()),
      metrics_(std::make_shared<LayoutMetrics>(report.result().evaluation.metrics)) {}

std::vector<ReportPage> ReportBuilder::build() {
  titlePage();
  contentsPage();
  executiveSummary();
  phasesSection();
  tenantsSection();
  failuresSection();
  floorPlans();
  variants();
  billOfMaterials();
  assumptions();
  calibration();
  allFigures();
  return cursor_.takePages();
}

// ---------------------------------------------------------------------------------------------
// Blocks.

void ReportBuilder::paragraph(const QString& text, double pointSize, const QColor& colour, double spaceAfter) {
  const QFont font = reportFont(pointSize);
  cursor_.place(textHeight(text, font, cursor_.width()), [=](QPainter& painter, const QRectF& rect) {
    painter.setPen(colour);
    drawWrappedText(painter, rect, text, font);
  });
  cursor_.skip(spaceAfter);
}

void ReportBuilder::bullet(const QString& text) {
  const QFont font = reportFont(9);
  const double indent = 12.0;
  cursor_.place(textHeight(text, font, cursor_.width() - indent), [=](QPainter& painter, const QRectF& rect) {
    painter.setFont(font);
    painter.setPen(kText);
    painter.drawText(QRectF(rect.left(), rect.top(), indent, 12), Qt::AlignLeft | Qt::AlignTop,
                     QStringLiteral("\u2022"));
    drawWrappedText(painter, rect.adjusted(indent, 0, 0, 0), text, font);
  });
  cursor_.skip(3);
}

void ReportBuilder::section(const QString& title) {
  cursor_.newPage(title);
  contents_->push_back({title, cursor_.pageNumber(), 1});
  const QFont font = reportFont(16, true);
  cursor_.place(30, [=](QPainter& painter, const QRectF& rect) {
    painter.setFont(font);
    painter.setPen(kAccent);
    painter.drawText(rect.adjusted(0, 0, 0, -8), Qt::AlignLeft | Qt::AlignVCenter, title);
    painter.setPen(QPen(kAccent, 1.0));
    painter.drawLine(QPointF(rect.left(), rect.bottom() - 4), QPointF(rect.right(), rect.bottom() - 4));
  });
  cursor_.skip(6);
}

void ReportBuilder::subsection(const QString& title, bool inContents, double keepPt) {
  const QFont font = reportFont(11, true);
  cursor_.skip(8);
  cursor_.place(
      textHeight(title, font, cursor_.width()) + 3,
      [=](QPainter& painter, const QRectF& rect) {
        painter.setPen(kAccent);
        drawWrappedText(painter, rect, title, font);
      },
      keepPt);
  if (inContents) contents_->push_back({title, cursor_.pageNumber(), 2});
  cursor_.skip(4);
}

void ReportBuilder::placeTable(const Table& table) {
  const QFont font = reportFont(table.fontPt);
  const QFont bold = reportFont(table.fontPt, true);
  std::vector<double> widths;
  for (const TableColumn& column : table.columns) widths.push_back(column.widthFraction * cursor_.width());
  auto cellHeight = [&](const QString& text, const QFont& cellFont, double width) {
    return textHeight(text, cellFont, width - 2 * kCellPadXPt);
  };
  auto rowHeight = [&](const TableRow& row, const QFont& rowFont) {
    if (row.group) return cellHeight(row.cells.value(0), bold, cursor_.width()) + 2 * kCellPadYPt + 2;
    double height = 0;
    for (std::size_t c = 0; c < widths.size(); ++c)
      height = std::max(height, cellHeight(row.cells.value(static_cast<int>(c)), rowFont, widths[c]));
    return height + 2 * kCellPadYPt;
  };
  const std::vector<TableColumn> columns = table.columns;
  auto paintCells = [widths, columns](QPainter& painter, const QRectF& rect, const QStringList& cells,
                                      const QFont& cellFont) {
    double x = rect.left();
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const QRectF cell(x + kCellPadXPt, rect.top() + kCellPadYPt, widths[c] - 2 * kCellPadXPt,
                        rect.height() - 2 * kCellPadYPt);
      drawWrappedText(painter, cell, cells.value(static_cast<int>(c)), cellFont, columns[c].align);
      x += widths[c];
    }
  };
  TableRow header;
  for (const TableColumn& column : table.columns) header.cells << column.header;
  const bool headed = std::any_of(table.columns.begin(), table.columns.end(),
                                  [](const TableColumn& column) { return !column.header.isEmpty(); });
  const double headerHeight = headed ? rowHeight(header, bold) + 1 : 0.0;
  const Paint paintHeader = [=](QPainter& painter, const QRectF& rect) {
    painter.setPen(kText);
    paintCells(painter, rect, header.cells, bold);
    painter.setPen(QPen(kText, 0.7));
    painter.drawLine(QPointF(rect.left(), rect.bottom() - 0.5), QPointF(rect.right(), rect.bottom() - 0.5));
  };

  std::vector<double> heights;
  for (const TableRow& row : table.rows) heights.push_back(rowHeight(row, font));
  // What is left of the table from each row on: a break never carries fewer than a few rows over,
  // and a table that fits a page is not split when a fresh page holds it whole.
  std::vector<double> tail(heights.size() + 1, 0.0);
  for (std::size_t r = heights.size(); r-- > 0;) tail[r] = tail[r + 1] + heights[r];
  constexpr std::size_t kRowsCarried = 4;
  if (!cursor_.atTop() && !cursor_.fits(headerHeight + tail[0]) && headerHeight + tail[0] <= cursor_.pageHeight() &&
      heights.size() <= 30)
    cursor_.newPage(cursor_.section());
  if (headed) cursor_.place(headerHeight, paintHeader, heights.empty() ? 0.0 : heights.front());
  int stripe = 0;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const TableRow& row = table.rows[r];
    // A group title stays with its first row.
    const double keep = row.group && r + 1 < heights.size() ? heights[r + 1] : 0.0;
    const bool fewLeft = heights.size() - r <= kRowsCarried && r >= kRowsCarried;
    if (!cursor_.fits(heights[r] + keep) || (fewLeft && !cursor_.fits(tail[r]))) {
      cursor_.newPage(cursor_.section());
      if (headed) cursor_.place(headerHeight, paintHeader);
    }
    if (row.group) {
      stripe = 0;
      cursor_.place(heights[r], [=](QPainter& painter, const QRectF& rect) {
        painter.fillRect(rect.adjusted(0, 1, 0, 0), kGroupFill);
        painter.setPen(kAccent);
        drawWrappedText(painter, rect.adjusted(kCellPadXPt, kCellPadYPt + 1, -kCellPadXPt, -kCellPadYPt),
                        row.cells.value(0), bold);
      });
      continue;
    }
    const bool striped = stripe++ % 2 == 1;
    cursor_.place(heights[r], [=](QPainter& painter, const QRectF& rect) {
      if (striped) painter.fillRect(rect, kStripe);
      painter.setPen(kText);
      paintCells(painter, rect, row.cells, font);
    });
  }
  cursor_.place(1, [](QPainter& painter, const QRectF& rect) {
    painter.setPen(QPen(kRule, 0.6));
    painter.drawLine(rect.topLeft(), rect.topRight());
  });
  cursor_.skip(8);
}

}  // namespace gigaplan::report
