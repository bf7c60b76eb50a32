#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

namespace gigaplan {

/// One point of a scatter chart: where it lies, the value its colour shows, and what hovering it says.
struct ScatterPoint {
  double x = 0, y = 0, colour = 0;
  QString tip;
  bool marked = false;  ///< drawn as a ring: a design that breaks its goal's constraints
};

/// Points against two axes, coloured along a third from blue (low) to red (high), painted to
/// read at any dock size. Hovering a point shows its tip; clicking it selects it.
class ScatterChart : public QWidget {
  Q_OBJECT

 public:
  explicit ScatterChart(QWidget* parent = nullptr);

  void setPoints(std::vector<ScatterPoint> points, const QString& xTitle, const QString& yTitle,
                 const QString& colourTitle);
  void clear();
  const std::vector<ScatterPoint>& points() const { return points_; }
  int selected() const { return selected_; }
  void select(int point);
  /// The point under `position` (widget coordinates), or -1.
  int pointAt(const QPointF& position) const;
  /// Where a point is drawn, in widget coordinates.
  QPointF positionOf(int point) const;

  QSize sizeHint() const override { return {420, 300}; }
  QSize minimumSizeHint() const override { return {220, 160}; }

 signals:
  void pointClicked(int point);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Axis {
    double low = 0, high = 1;
    std::vector<double> ticks;
  };
  QRectF plot() const;
  static Axis axisOf(const std::vector<double>& values);

  std::vector<ScatterPoint> points_;
  QString xTitle_, yTitle_, colourTitle_;
  Axis x_, y_;
  double colourLow_ = 0, colourHigh_ = 1;
  int selected_ = -1;
};

}  // namespace gigaplan
