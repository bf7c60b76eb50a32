#include "FloorView.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkLight.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <array>

#include "LayoutMetrics.h"
#include "RackPicker.h"

namespace gigaplan {

namespace {

/// Appends an axis-aligned box (six quads) with one colour to the mesh.
void addBox(vtkPoints* points, vtkCellArray* quads, vtkUnsignedCharArray* colours, double x0, double y0, double z0,
            double x1, double y1, double z1, const QColor& colour) {
  const vtkIdType first = points->GetNumberOfPoints();
  const double corners[8][3] = {{x0, y0, z0}, {x1, y0, z0}, {x1, y1, z0}, {x0, y1, z0},
                                {x0, y0, z1}, {x1, y0, z1}, {x1, y1, z1}, {x0, y1, z1}};
  for (const auto& corner : corners) points->InsertNextPoint(corner);
  static const int faces[6][4] = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {1, 2, 6, 5}, {2, 3, 7, 6}, {3, 0, 4, 7}};
  const unsigned char rgb[3] = {static_cast<unsigned char>(colour.red()), static_cast<unsigned char>(colour.green()),
                                static_cast<unsigned char>(colour.blue())};
  for (const auto& face : faces) {
    const vtkIdType ids[4] = {first + face[0], first + face[1], first + face[2], first + face[3]};
    quads->InsertNextCell(4, ids);
    colours->InsertNextTypedTuple(rgb);
  }
}

vtkActor* makeActor(vtkRenderer* renderer, vtkPolyData* mesh) {
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputData(mesh);
  mapper->SetScalarModeToUseCellData();
  auto* actor = vtkActor::New();
  actor->SetMapper(mapper);
  renderer->AddActor(actor);
  actor->Delete();  // the renderer holds it
  return actor;
}

}  // namespace

FloorView::FloorView(QWidget* parent) : VtkOpenGLWidget(parent) {
  setMinimumSize(320, 240);
}

FloorView::~FloorView() = default;

QColor FloorView::roleColor(RackRole role) {
  switch (role) {
    case RackRole::Compute:
      return QColor(46, 110, 190);
    case RackRole::Leaf:
      return QColor(240, 150, 40);
    case RackRole::Spine:
      return QColor(210, 60, 50);
    case RackRole::Core:
      return QColor(130, 70, 170);
    case RackRole::Cdu:
      return QColor(40, 160, 150);
  }
  return Qt::gray;
}

QColor FloorView::hallFloorColor() {
  return QColor(200, 200, 205);
}

void FloorView::showLayout(const SiteLayout& layout) {
  vtkRenderer* scene = renderer();
  if (racks_) scene->RemoveActor(racks_);
  if (floors_) scene->RemoveActor(floors_);

  const HallTemplate& t = layout.hallTemplate;
  vtkNew<vtkPoints> rackPoints;
  vtkNew<vtkCellArray> rackQuads;
  vtkNew<vtkUnsignedCharArray> rackColours;
  rackColours->SetNumberOfComponents(3);
  rackPoints->Allocate(static_cast<vtkIdType>(layout.racks.size() * 8));
  for (const Rack& rack : layout.racks) {
    const double x = layout.rackXM(rack), y = layout.rackYM(rack);
    // A hair narrower than the slot, so neighbouring racks read as separate boxes.
    addBox(rackPoints, rackQuads, rackColours, x + 0.02, y, 0.0, x + t.rackWidthM - 0.02, y + t.rackDepthM,
           RackPicker::kRackHeightM, roleColor(rack.role));
  }
  vtkNew<vtkPolyData> rackMesh;
  rackMesh->SetPoints(rackPoints);
  rackMesh->SetPolys(rackQuads);
  rackMesh->GetCellData()->SetScalars(rackColours);
  racks_ = makeActor(scene, rackMesh);

  // Hall floors and electrical rooms as thin slabs just below the racks.
  vtkNew<vtkPoints> floorPoints;
  vtkNew<vtkCellArray> floorQuads;
  vtkNew<vtkUnsignedCharArray> floorColours;
  floorColours->SetNumberOfComponents(3);
  const LayoutMetrics metrics = LayoutMetrics::measure(layout);
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    const Hall& hall = layout.halls[h];
    addBox(floorPoints, floorQuads, floorColours, hall.xM, hall.yM, -0.1, hall.xM + hall.widthM, hall.yM + hall.depthM,
           0.0, hallFloorColor());
    const HallMetrics& m = metrics.halls[h];
    addBox(floorPoints, floorQuads, floorColours, m.electricalRoomXM, m.electricalRoomYM, -0.1,
           m.electricalRoomXM + m.electricalRoomWidthM, m.electricalRoomYM + m.electricalRoomDepthM, 0.0,
           QColor(235, 215, 130));
  }
  vtkNew<vtkPolyData> floorMesh;
  floorMesh->SetPoints(floorPoints);
  floorMesh->SetPolys(floorQuads);
  floorMesh->GetCellData()->SetScalars(floorColours);
  floors_ = makeActor(scene, floorMesh);
  floors_->GetProperty()->SetAmbient(0.4);
  frameSite();
}

void FloorView::frameSite() {
  vtkRenderer* scene = renderer();
  vtkCamera* camera = scene->GetActiveCamera();
  double bounds[6];
  scene->ComputeVisiblePropBounds(bounds);
  const double cx = (bounds[0] + bounds[1]) / 2, cy = (bounds[2] + bounds[3]) / 2;
  const double span = std::max(bounds[1] - bounds[0], bounds[3] - bounds[2]);
  camera->SetFocalPoint(cx, cy, 0.0);
  camera->SetPosition(cx + 0.35 * span, cy - 0.9 * span, 0.8 * span);
  camera->SetViewUp(0, 0, 1);
  scene->ResetCamera();
  scene->ResetCameraClippingRange();
  update();
}

}  // namespace gigaplan
