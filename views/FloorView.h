#pragma once

#include <QColor>
#include <memory>

#include "RackPicker.h"
#include "SiteLayout.h"
#include "VtkOpenGLWidget.h"

class vtkActor;
class vtkPolyData;

namespace gigaplan {

/// The site in 3D: hall floors, electrical rooms and every rack as a box, coloured by role.
/// All racks are one mesh (one draw call), which renders a 1M-GPU site at interactive rates
/// on a software renderer.
class FloorView : public VtkOpenGLWidget {
  Q_OBJECT
 public:
  explicit FloorView(QWidget* parent = nullptr);
  ~FloorView() override;

  /// Rebuilds the scene from the layout and frames the whole site.
  void showLayout(const SiteLayout& layout);
  /// Looks at the site from the south-east, above, with all of it in view.
  void frameSite();

  /// Looks straight down on the whole site (plan view).
  void viewFromAbove();

  /// Index into the shown layout's racks of the rack under a widget position, or -1.
  int rackAt(const QPointF& position) const;
  /// Selects a rack (highlighted with an outline) by index; -1 clears the selection.
  void selectRack(int index);
  int selectedRack() const { return selected_; }

  static QColor roleColor(RackRole role);
  static QColor hallFloorColor();

 signals:
  /// A click selected a rack (its stable id), or cleared the selection (0).
  void rackSelected(std::uint32_t rackId);

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  SiteLayout layout_;
  std::unique_ptr<RackPicker> picker_;
  vtkActor* racks_ = nullptr;
  vtkActor* floors_ = nullptr;
  vtkActor* highlight_ = nullptr;
  int selected_ = -1;
  QPointF pressPosition_;
};

}  // namespace gigaplan
