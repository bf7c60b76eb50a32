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

#include <QMouseEvent>
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

void FloorView::showLayout(const SiteLayout& shown) {
  vtkRenderer* scene = renderer();
  if (racks_) scene->RemoveActor(racks_);
  if (floors_) scene->RemoveActor(floors_);
  selectRack(-1);
  layout_ = shown;
  picker_ = std::make_unique<RackPicker>(layout_);
  const SiteLayout& layout = layout_;

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

void FloorView::viewFromAbove() {
  vtkRenderer* scene = renderer();
  vtkCamera* camera = scene->GetActiveCamera();
  double bounds[6];
  scene->ComputeVisiblePropBounds(bounds);
  const double cx = (bounds[0] + bounds[1]) / 2, cy = (bounds[2] + bounds[3]) / 2;
  camera->SetFocalPoint(cx, cy, 0.0);
  camera->SetPosition(cx, cy, std::max(bounds[1] - bounds[0], bounds[3] - bounds[2]));
  camera->SetViewUp(0, 1, 0);
  scene->ResetCamera();
  scene->ResetCameraClippingRange();
  update();
}

int FloorView::rackAt(const QPointF& position) const {
  if (!picker_) return -1;
  // The ray through the pixel: its points on the near and far clipping planes.
  vtkRenderer* scene = renderer();
  const qreal ratio = devicePixelRatioF();
  const double x = position.x() * ratio, y = (height() - position.y()) * ratio;
  double ends[2][3];
  for (int i = 0; i < 2; ++i) {
    scene->SetDisplayPoint(x, y, i);
    scene->DisplayToWorld();
    double world[4];
    scene->GetWorldPoint(world);
    for (int a = 0; a < 3; ++a) ends[i][a] = world[a] / world[3];
  }
  const Eigen::Vector3d origin(ends[0][0], ends[0][1], ends[0][2]);
  const Eigen::Vector3d far(ends[1][0], ends[1][1], ends[1][2]);
  return picker_->pick(origin, (far - origin).normalized());
}

void FloorView::selectRack(int index) {
  if (highlight_) {
    renderer()->RemoveActor(highlight_);
    highlight_ = nullptr;
  }
  selected_ = index >= 0 && index < static_cast<int>(layout_.racks.size()) ? index : -1;
  if (selected_ >= 0) {
    // A small extra actor, so selecting never rebuilds the mesh of every rack.
    const Rack& rack = layout_.racks[static_cast<std::size_t>(selected_)];
    const HallTemplate& t = layout_.hallTemplate;
    const double x = layout_.rackXM(rack), y = layout_.rackYM(rack), margin = 0.08;
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> quads;
    vtkNew<vtkUnsignedCharArray> colours;
    colours->SetNumberOfComponents(3);
    addBox(points, quads, colours, x - margin, y - margin, 0.0, x + t.rackWidthM + margin, y + t.rackDepthM + margin,
           RackPicker::kRackHeightM + margin, QColor(255, 220, 0));
    vtkNew<vtkPolyData> mesh;
    mesh->SetPoints(points);
    mesh->SetPolys(quads);
    mesh->GetCellData()->SetScalars(colours);
    highlight_ = makeActor(renderer(), mesh);
    highlight_->GetProperty()->SetRepresentationToWireframe();
    highlight_->GetProperty()->SetLineWidth(3.0);
    highlight_->GetProperty()->LightingOff();
  }
  update();
}

void FloorView::mousePressEvent(QMouseEvent* event) {
  pressPosition_ = event->position();
  VtkOpenGLWidget::mousePressEvent(event);
}

void FloorView::mouseReleaseEvent(QMouseEvent* event) {
  VtkOpenGLWidget::mouseReleaseEvent(event);
  // A click, not the end of a drag: select what is under the mouse.
  if (event->button() == Qt::LeftButton && (event->position() - pressPosition_).manhattanLength() < 4) {
    selectRack(rackAt(event->position()));
    emit rackSelected(selected_ >= 0 ? layout_.racks[static_cast<std::size_t>(selected_)].id : 0);
  }
}

}  // namespace gigaplan
