#pragma once

#include <QSize>
#include <QString>
#include <QWidget>

class QPainter;
class QPaintEvent;

namespace gigaplan {

class FloorView;

/// The legend or the scale bar over the 3D view: a small widget that lets mouse events through.
/// Each repaints only when what it shows changes, because Qt composes every repainted widget
/// over the OpenGL view, which costs as much as a frame on a software renderer.
class FloorOverlay : public QWidget {
 public:
  enum class Kind { Legend, ScaleBar };
  FloorOverlay(FloorView* view, Kind kind);

  /// Takes the view's current legend or scale; repaints and re-places itself if it changed.
  void refresh();

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  QString scaleLabel() const;
  QSize contentSize() const;
  void paintLegend(QPainter& painter);
  void paintScaleBar(QPainter& painter);

  FloorView* view_;
  Kind kind_;
  QString content_;
  double metres_ = 0;
  int pixels_ = 0;
};

}  // namespace gigaplan
