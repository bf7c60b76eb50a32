#pragma once

#include <QColor>
#include <QList>
#include <QStringList>
#include <QWidget>
#include <vector>

namespace gigaplan {

/// One set of bars: a value per category, in one colour, named in the legend.
struct BarSet {
  QString name;
  QColor colour;
  QList<double> values;  ///< one per category, in the categories' order
};

/// Horizontal bars of a few sets against named categories, painted to read at any dock size:
/// the names get the room they need (wrapped onto two lines before they are shortened), and when
/// the rows would be too thin to read, the chart shows the first rows and says how many it left
/// out. Hovering a row shows its full name and values.
class HorizontalBarsChart : public QWidget {
  Q_OBJECT

 public:
  explicit HorizontalBarsChart(QWidget* parent = nullptr);

  /// Categories from the top down; `axisTitle` names the values' axis.
  void setBars(const QString& title, const QStringList& categories, const std::vector<BarSet>& sets,
               const QString& axisTitle);
  void clear();
  /// Whether the value axis runs as far below zero as above (a tornado's two sides); on by default.
  void setSymmetric(bool symmetric) { symmetric_ = symmetric; }
  /// Whether a row's sets lie end to end in one bar (a part in its group's colour, the other
  /// groups 0) rather than side by side.
  void setStacked(bool stacked) { stacked_ = stacked; }

  /// The names as painted at the widget's size, one per row shown (lines joined by a space).
  QStringList shownNames() const;
  /// Categories left out at this size for want of room.
  int hiddenCategories() const;
  QString title() const { return title_; }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  /// Where everything goes at the widget's size.
  struct Layout {
    QRectF titleBox, plot, legendBox;
    double labelWidth = 0;
    double rowHeight = 0;
    int rows = 0;                ///< categories shown
    std::vector<QString> names;  ///< as painted, lines separated by '\n'
    double low = 0, high = 1;    ///< the value axis
    std::vector<double> ticks;
    double x(double value) const { return plot.left() + (value - low) / (high - low) * plot.width(); }
  };
  Layout layout() const;

  QString title_;
  QStringList categories_;
  std::vector<BarSet> sets_;
  QString axisTitle_;
  bool symmetric_ = true;
  bool stacked_ = false;
};

}  // namespace gigaplan
