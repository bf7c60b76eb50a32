#pragma once

#include <QColor>

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

  static QColor roleColor(RackRole role);
  static QColor hallFloorColor();

 private:
  vtkActor* racks_ = nullptr;
  vtkActor* floors_ = nullptr;
};

}  // namespace gigaplan
