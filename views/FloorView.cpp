#include "FloorView.h"

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCoordinate.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <QEventLoop>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QTimer>
#include <algorithm>
#include <cmath>

#include "FloorOverlay.h"
#include "FloorScene.h"
#include "document/LayoutCommands.h"
#include "document/ProjectDocument.h"
#include "layout/FabricCabling.h"
#include "layout/FloorPlaces.h"

namespace gigaplan {

namespace {

/// Where the camera looks from in 3D (not plan) views: south-south-east, about 50 degrees up.
constexpr double kViewFrom[3] = {0.3, -0.75, 1.0};

/// A hall is drawn rack by rack once one rack would be at least this many pixels wide.
constexpr double kDetailPixels = 5.0;
constexpr double kRackHeightM = RackPicker::kRackHeightM;

}  // namespace

FloorView::FloorView(QWidget* parent)
    : VtkOpenGLWidget(parent),
      legendOverlay_(new FloorOverlay(this, FloorOverlay::Kind::Legend)),
      scaleOverlay_(new FloorOverlay(this, FloorOverlay::Kind::ScaleBar)) {
  setMinimumSize(320, 240);
  setFocusPolicy(Qt::StrongFocus);
  setColourBy(ColourBy::Role);
}

FloorView::~FloorView() = default;

void FloorView::setDocument(ProjectDocument* document) {
  if (document_) disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  if (!document_) return;
  connect(document_, &ProjectDocument::projectReplaced, this, &FloorView::rebuildAll);
  connect(document_, &ProjectDocument::layoutChanged, this, &FloorView::updateScene);
  connect(document_, &ProjectDocument::selectionChanged, this, &FloorView::updateSelectionActors);
  connect(document_, &ProjectDocument::resultReady, this, [this] {
    // Cable classes, power paths, cooling loops, failures and fabric links come from the figures;
    // the rest from the layout alone.
    if (colourBy_ == ColourBy::CableClass || colourBy_ == ColourBy::PowerPath || colourBy_ == ColourBy::CoolingLoop ||
        colourBy_ == ColourBy::Failure) {
      updateScene();
    } else {
      updatePlant();
      updateColours();  // the legend names the plant once the figures have it
      legendOverlay_->refresh();
      updateSelectionActors();
    }
  });
  rebuildAll();
}

QString FloorView::colourByName(ColourBy colourBy) {
  switch (colourBy) {
    case ColourBy::Role:
      return tr("Rack role");
    case ColourBy::Power:
      return tr("Rack power");
    case ColourBy::Heat:
      return tr("Heat density");
    case ColourBy::System:
      return tr("System type");
    case ColourBy::Phase:
      return tr("Phase");
    case ColourBy::CableClass:
      return tr("Cable-length class");
    case ColourBy::Tenant:
      return tr("Tenant");
    case ColourBy::PowerPath:
      return tr("Power path");
    case ColourBy::CoolingLoop:
      return tr("Cooling loop");
    case ColourBy::Failure:
      return tr("Failure");
  }
  return {};
}

namespace {
/// The image cut to what differs from its background (the corner's colour), with a margin.
QImage croppedToContent(const QImage& image) {
  const QRgb background = image.pixel(0, 0);
  int left = image.width(), right = -1, top = image.height(), bottom = -1;
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x)
      if (image.pixel(x, y) != background) {
        left = std::min(left, x), right = std::max(right, x);
        top = std::min(top, y), bottom = std::max(bottom, y);
      }
  if (right < left) return image;
  const int margin = 12;
  return image.copy(QRect(QPoint(left, top), QPoint(right, bottom)).adjusted(-margin, -margin, margin, margin) &
                    image.rect());
}
}  // namespace

std::vector<QImage> FloorView::renderPhaseViews(ProjectDocument& document, const QSize& size, QString* error) {
  document.waitForResult();
  if (!document.result().plan) {
    if (error) *error = document.result().error;
    return {};
  }
  FloorView view;
  view.setAttribute(Qt::WA_DontShowOnScreen);
  view.resize(size);
  view.setDocument(&document);
  bool painted = false;
  QEventLoop loop;
  QObject::connect(&view, &FloorView::framePainted, &loop, [&] {
    painted = true;
    loop.quit();
  });
  QTimer::singleShot(20000, &loop, &QEventLoop::quit);
  view.show();
  loop.exec();
  std::vector<QImage> views;
  if (painted)
    views = view.phaseSnapshots(static_cast<int>(document.result().plan->phases.size()));
  else if (error)
    *error = QStringLiteral("the floor view drew no frame in 20 s");
  view.setDocument(nullptr);
  return views;
}

std::vector<QImage> FloorView::phaseSnapshots(int phases) {
  std::vector<QImage> snapshots;
  const int shown = shownPhase_;
  const ColourBy colouring = colourBy_;
  setColourBy(ColourBy::Role);  // as the report's caption says
  // Screen-sized names would print as specks; the plan above each view names the halls.
  namesShown_ = false;
  for (int k = 0; k < phases; ++k) {
    setShownPhase(phases == 1 ? -1 : k);
    frameSite();
    snapshots.push_back(croppedToContent(grabFramebuffer()));
  }
  namesShown_ = true;
  setShownPhase(shown);
  setColourBy(colouring);
  frameSite();
  return snapshots;
}

void FloorView::setColourBy(ColourBy colourBy) {
  colourBy_ = colourBy;
  updateScene();
}

void FloorView::setFailureComponent(int component) {
  failureComponent_ = component;
  if (colourBy_ == ColourBy::Failure) updateScene();
}

void FloorView::updatePlant() {
  if (plant_) renderer()->RemoveActor(plant_);
  plant_ = nullptr;
  plantBoxes_.clear();
  if (!document_) return;
  plantBoxes_ =
      floorscene::plantBoxes(document_->project().layout, document_->result().failures.get(),
                             colourBy_ == ColourBy::Failure ? failureComponent_ : -1, racksByHall_, shownPhase_);
  if (!plantBoxes_.empty()) plant_ = floorscene::plantActor(renderer(), plantBoxes_);
  update();
}

int FloorView::shownRacks() const {
  int racks = 0;
  for (const auto& hall : racksByHall_) racks += static_cast<int>(hall.size());
  return racks;
}

void FloorView::setShownPhase(int phase) {
  shownPhase_ = phase;
  updateScene();
}

QColor FloorView::rackColour(int rackIndex) const {
  return rackIndex >= 0 && static_cast<std::size_t>(rackIndex) < colours_.size()
             ? colours_[static_cast<std::size_t>(rackIndex)]
             : QColor();
}

void FloorView::rebuildAll() {
  for (HallScene& hall : halls_) {
    if (hall.racks) renderer()->RemoveActor(hall.racks);
    if (hall.rows) renderer()->RemoveActor(hall.rows);
  }
  halls_.clear();
  rackMeshBuilds_ = 0;
  updateScene();
  frameSite();
  frameOnFirstPaint_ = !isVisible();
}

void FloorView::updateColours() {
  floorscene::Colouring colouring = floorscene::colourRacks(colourBy_, document_, failureComponent_);
  legendTitle_ = std::move(colouring.title);
  legend_ = std::move(colouring.legend);
  colours_ = std::move(colouring.colours);
}

void FloorView::updateScene() {
  if (!document_) {
    updateColours();
    legendOverlay_->refresh();
    return;
  }
  const SiteLayout& layout = document_->project().layout;
  picker_ = std::make_unique<RackPicker>(layout);
  racksByHall_.assign(layout.halls.size(), {});
  for (std::size_t i = 0; i < layout.racks.size(); ++i)
    if (shownPhase_ < 0 || layout.racks[i].phase <= shownPhase_)
      racksByHall_[static_cast<std::size_t>(layout.rows[static_cast<std::size_t>(layout.racks[i].row)].hall)].push_back(
          static_cast<int>(i));
  updateColours();

  while (halls_.size() > layout.halls.size()) {
    if (halls_.back().racks) renderer()->RemoveActor(halls_.back().racks);
    if (halls_.back().rows) renderer()->RemoveActor(halls_.back().rows);
    halls_.pop_back();
  }
  halls_.resize(layout.halls.size());
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    const Hall& hall = layout.halls[h];
    const std::size_t signature = floorscene::hallSignature(layout, hall, racksByHall_[h], colours_);
    HallScene& scene = halls_[h];
    const double x1 = hall.xM + hall.widthM, y1 = hall.yM + hall.depthM;
    const double bounds[6] = {hall.xM, x1, hall.yM, y1, 0.0, kRackHeightM};
    std::copy(bounds, bounds + 6, scene.bounds);
    if (scene.rows && signature == scene.signature) continue;
    scene.signature = signature;
    scene.racksCurrent = false;
    // Far away, each row is one box spanning its racks, in their average colour.
    if (scene.rows) renderer()->RemoveActor(scene.rows);
    scene.rows = floorscene::rowBoxes(renderer(), layout, hall, racksByHall_[h], colours_);
    scene.rows->SetVisibility(false);
    if (scene.racks) scene.racks->SetVisibility(false);
  }

  // Building footprints, hall floors and electrical rooms under the racks, as built by the phase shown.
  if (floors_) renderer()->RemoveActor(floors_);
  floors_ = floorscene::floorSlabs(renderer(), layout, racksByHall_, shownPhase_);
  updatePlant();
  for (const auto& actor : nameActors_) renderer()->RemoveActor2D(actor);
  nameActors_.clear();
  names_ = floorscene::floorNames(layout, racksByHall_, shownPhase_);
  for (const floorscene::FloorName& name : names_) {
    auto actor = vtkSmartPointer<vtkTextActor>::New();
    actor->SetInput(name.text.toUtf8().constData());
    vtkTextProperty* text = actor->GetTextProperty();
    text->SetFontSize(static_cast<int>(kNameFontPx * devicePixelRatioF()));
    text->SetBold(true);
    text->SetColor(0.12, 0.12, 0.16);
    text->SetBackgroundColor(1.0, 1.0, 1.0);
    text->SetBackgroundOpacity(0.75);
    text->SetJustificationToCentered();
    text->SetVerticalJustificationToCentered();
    // Placed in world coordinates, VTK projects it each frame: moving the camera does not touch
    // the actor, which would rasterise its text again.
    actor->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    actor->GetPositionCoordinate()->SetValue(name.xM, name.yM, 0.0);
    actor->SetVisibility(false);
    renderer()->AddActor2D(actor);
    nameActors_.push_back(actor);
  }
  updateSelectionActors();
  legendOverlay_->refresh();
}

void FloorView::buildRackActor(std::size_t h) {
  HallScene& scene = halls_[h];
  if (scene.racks) renderer()->RemoveActor(scene.racks);
  scene.racks = floorscene::rackBoxes(renderer(), document_->project().layout, racksByHall_[h], colours_);
  scene.racksCurrent = true;
  ++rackMeshBuilds_;
}

void FloorView::updateLevelOfDetail() {
  if (!document_) return;
  vtkCamera* camera = renderer()->GetActiveCamera();
  double eye[3];
  camera->GetPosition(eye);
  const double viewportPixels = height() * devicePixelRatioF();
  const double halfAngle = camera->GetViewAngle() * M_PI / 360.0;
  const double rackWidthM = document_->project().layout.hallTemplate.rackWidthM;
  detailedHalls_ = 0;
  for (std::size_t h = 0; h < halls_.size(); ++h) {
    HallScene& scene = halls_[h];
    double pixelsPerMetre;
    if (camera->GetParallelProjection()) {
      pixelsPerMetre = viewportPixels / (2.0 * camera->GetParallelScale());
    } else {
      // The hall's nearest point to the eye decides: its racks are the largest on screen.
      double squared = 0;
      for (int a = 0; a < 3; ++a) {
        const double nearest = std::clamp(eye[a], scene.bounds[2 * a], scene.bounds[2 * a + 1]);
        squared += (eye[a] - nearest) * (eye[a] - nearest);
      }
      pixelsPerMetre = viewportPixels / (2.0 * std::max(1.0, std::sqrt(squared)) * std::tan(halfAngle));
    }
    const bool detailed = rackWidthM * pixelsPerMetre >= kDetailPixels && !racksByHall_[h].empty();
    if (detailed && !scene.racksCurrent) buildRackActor(h);
    if (scene.racks) scene.racks->SetVisibility(detailed);
    if (scene.rows) scene.rows->SetVisibility(!detailed);
    detailedHalls_ += detailed;
  }
}

void FloorView::placeNames() {
  // Each name at its point on the ground, unless it would overlap a name placed before it
  // (buildings come first) or fall outside the view. Sizes are estimated from the font: VTK
  // measures text only while rendering.
  shownNames_.clear();
  if (!namesShown_) {
    for (const auto& actor : nameActors_)
      if (actor->GetVisibility()) actor->SetVisibility(false);
    return;
  }
  const qreal ratio = devicePixelRatioF();
  const double charWidth = 0.62 * kNameFontPx * ratio, lineHeight = 1.5 * kNameFontPx * ratio;
  const double width = this->width() * ratio, height = this->height() * ratio;
  std::vector<QRectF> placed;
  for (std::size_t i = 0; i < names_.size() && i < nameActors_.size(); ++i) {
    const floorscene::FloorName& name = names_[i];
    renderer()->SetWorldPoint(name.xM, name.yM, 0.0, 1.0);
    renderer()->WorldToDisplay();
    double display[3];
    renderer()->GetDisplayPoint(display);
    const QRectF box(display[0] - charWidth * name.text.size() / 2 - 4, display[1] - lineHeight / 2,
                     charWidth * name.text.size() + 8, lineHeight);
    const bool inView = display[2] >= 0.0 && display[2] <= 1.0 && box.left() >= 0 && box.right() <= width &&
                        box.top() >= 0 && box.bottom() <= height;
    bool free = inView;
    for (const QRectF& other : placed) free = free && !other.intersects(box);
    // Only a change of visibility touches the actor.
    if (static_cast<bool>(nameActors_[i]->GetVisibility()) != free) nameActors_[i]->SetVisibility(free);
    if (!free) continue;
    placed.push_back(box);
    // In widget coordinates (top-left origin), for tests.
    shownNames_.push_back({name.text, QRectF(box.left() / ratio, (height - box.bottom()) / ratio, box.width() / ratio,
                                             box.height() / ratio)});
  }
}

void FloorView::paintGL() {
  if (frameOnFirstPaint_) frameSite();
  updateLevelOfDetail();
  renderer()->ResetCameraClippingRange();
  placeNames();
  VtkOpenGLWidget::paintGL();
  scaleOverlay_->refresh();
  emit framePainted();
}

void FloorView::resizeEvent(QResizeEvent* event) {
  VtkOpenGLWidget::resizeEvent(event);
  scaleOverlay_->refresh();
}

int FloorView::hallOfSelection() const {
  if (!document_) return -1;
  const SiteLayout& layout = document_->project().layout;
  const LayoutSelection& s = document_->selection();
  if (!s.isValidFor(layout)) return -1;
  switch (s.level) {
    case LayoutSelection::Level::Hall:
      return s.index;
    case LayoutSelection::Level::Row:
      return layout.rows[static_cast<std::size_t>(s.index)].hall;
    case LayoutSelection::Level::Racks: {
      const int rack = LayoutCommands::rackIndex(layout, s.rackIds.front());
      return rack < 0 ? -1
                      : layout.rows[static_cast<std::size_t>(layout.racks[static_cast<std::size_t>(rack)].row)].hall;
    }
    case LayoutSelection::Level::Building:
      for (std::size_t h = 0; h < layout.halls.size(); ++h)
        if (layout.halls[h].building == s.index) return static_cast<int>(h);
      return -1;
    case LayoutSelection::Level::None:
      return layout.halls.empty() ? -1 : 0;
  }
  return -1;
}

void FloorView::frameBounds(const double bounds[6], bool fromAbove) {
  frameOnFirstPaint_ = false;
  // The fit depends on the window's aspect: give VTK the widget's size now.
  const qreal ratio = devicePixelRatioF();
  renderWindow()->SetSize(static_cast<int>(width() * ratio), static_cast<int>(height() * ratio));
  vtkCamera* camera = renderer()->GetActiveCamera();
  const double cx = (bounds[0] + bounds[1]) / 2, cy = (bounds[2] + bounds[3]) / 2;
  const double span = std::max({bounds[1] - bounds[0], bounds[3] - bounds[2], 1.0});
  camera->SetFocalPoint(cx, cy, 0.0);
  if (fromAbove) {
    camera->SetPosition(cx, cy, span);
    camera->SetViewUp(0, 1, 0);
  } else {
    camera->SetPosition(cx + kViewFrom[0] * span, cy + kViewFrom[1] * span, kViewFrom[2] * span);
    camera->SetViewUp(0, 0, 1);
  }
  double fit[6];
  std::copy(bounds, bounds + 6, fit);
  renderer()->ResetCamera(fit);
  if (fromAbove) {
    // Fit the plan exactly, not the bounding sphere VTK fits.
    const double aspect = std::max(1.0, static_cast<double>(width())) / std::max(1, height());
    camera->SetParallelScale(0.52 * std::max(bounds[3] - bounds[2], (bounds[1] - bounds[0]) / aspect));
  } else {
    // VTK fits the bounding sphere, which leaves a wide margin around a flat site: move in
    // until the box's corners fill the view, less a margin.
    for (int pass = 0; pass < 3; ++pass) {
      double extent = 0;
      for (int corner = 0; corner < 8; ++corner) {
        renderer()->SetWorldPoint(bounds[corner & 1], bounds[2 + ((corner >> 1) & 1)], bounds[4 + (corner >> 2)], 1.0);
        renderer()->WorldToView();
        double view[3];
        renderer()->GetViewPoint(view);
        extent = std::max({extent, std::fabs(view[0]), std::fabs(view[1])});
      }
      if (extent > 0) camera->Dolly(0.92 / extent);
      renderer()->ResetCameraClippingRange(fit);
    }
  }
  update();
}

void FloorView::frameSite() {
  if (!document_ || document_->project().layout.halls.empty()) {
    renderer()->ResetCamera();
    update();
    return;
  }
  const SiteLayout& layout = document_->project().layout;
  double bounds[6] = {1e300, -1e300, 1e300, -1e300, 0.0, kRackHeightM};
  // The site as shown: after a phase, the buildings that have its racks.
  for (std::size_t h = 0; h < layout.halls.size(); ++h) {
    if (shownPhase_ >= 0 && h < racksByHall_.size() && racksByHall_[h].empty()) continue;
    const Hall& hall = layout.halls[h];
    const Building& b = layout.buildings[static_cast<std::size_t>(hall.building)];
    bounds[0] = std::min({bounds[0], b.xM, hall.xM});
    bounds[1] = std::max({bounds[1], b.xM + b.widthM, hall.xM + hall.widthM});
    bounds[2] = std::min({bounds[2], b.yM, hall.yM});
    bounds[3] = std::max({bounds[3], b.yM + b.depthM, hall.yM + hall.depthM});
  }
  if (bounds[0] > bounds[1]) return;
  frameBounds(bounds, planMode_);
}

void FloorView::frameBuilding() {
  const int hall = hallOfSelection();
  if (hall < 0) return frameSite();
  const SiteLayout& layout = document_->project().layout;
  const Building& b = layout.buildings[static_cast<std::size_t>(layout.halls[static_cast<std::size_t>(hall)].building)];
  const double bounds[6] = {b.xM, b.xM + b.widthM, b.yM, b.yM + b.depthM, 0.0, kRackHeightM};
  frameBounds(bounds, planMode_);
}

void FloorView::frameHall() {
  const int hall = hallOfSelection();
  if (hall < 0) return frameSite();
  frameBounds(halls_[static_cast<std::size_t>(hall)].bounds, planMode_);
}

void FloorView::zoomBy(double factor) {
  if (!(factor > 0)) return;
  vtkCamera* camera = renderer()->GetActiveCamera();
  if (camera->GetParallelProjection())
    camera->SetParallelScale(camera->GetParallelScale() / factor);
  else
    camera->Dolly(factor);
  renderer()->ResetCameraClippingRange();
  update();
}

void FloorView::setPlanMode(bool plan) {
  planMode_ = plan;
  vtkCamera* camera = renderer()->GetActiveCamera();
  camera->SetParallelProjection(plan);
  // Keep what is in view: the focal point stays, only the direction changes.
  double focal[3];
  camera->GetFocalPoint(focal);
  const double distance = camera->GetDistance();
  if (plan) {
    camera->SetPosition(focal[0], focal[1], focal[2] + distance);
    camera->SetViewUp(0, 1, 0);
    camera->SetParallelScale(distance * std::tan(camera->GetViewAngle() * M_PI / 360.0));
  } else {
    const double norm =
        std::sqrt(kViewFrom[0] * kViewFrom[0] + kViewFrom[1] * kViewFrom[1] + kViewFrom[2] * kViewFrom[2]);
    camera->SetPosition(focal[0] + kViewFrom[0] / norm * distance, focal[1] + kViewFrom[1] / norm * distance,
                        focal[2] + kViewFrom[2] / norm * distance);
    camera->SetViewUp(0, 0, 1);
  }
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
  const int rack = picker_->pick(origin, (far - origin).normalized());
  // A rack of a later phase than the one shown is not there to pick.
  const bool hidden = rack >= 0 && shownPhase_ >= 0 &&
                      document_->project().layout.racks[static_cast<std::size_t>(rack)].phase > shownPhase_;
  return hidden ? -1 : rack;
}

std::optional<Eigen::Vector2d> FloorView::floorPointAt(const QPointF& position) const {
  vtkRenderer* scene = renderer();
  const qreal ratio = devicePixelRatioF();
  const double x = position.x() * ratio, y = (height() - position.y()) * ratio;
  Eigen::Vector3d ends[2];
  for (int i = 0; i < 2; ++i) {
    scene->SetDisplayPoint(x, y, i);
    scene->DisplayToWorld();
    double world[4];
    scene->GetWorldPoint(world);
    ends[i] = Eigen::Vector3d(world[0], world[1], world[2]) / world[3];
  }
  const Eigen::Vector3d direction = ends[1] - ends[0];
  if (std::fabs(direction.z()) < 1e-12) return std::nullopt;
  const double t = -ends[0].z() / direction.z();
  if (t < 0) return std::nullopt;
  const Eigen::Vector3d hit = ends[0] + t * direction;
  return Eigen::Vector2d(hit.x(), hit.y());
}

double FloorView::metresPerPixel() const {
  vtkCamera* camera = renderer()->GetActiveCamera();
  if (height() <= 0) return 0;
  if (camera->GetParallelProjection()) return 2.0 * camera->GetParallelScale() / height();
  return 2.0 * camera->GetDistance() * std::tan(camera->GetViewAngle() * M_PI / 360.0) / height();
}

void FloorView::updateSelectionActors() {
  for (auto* actor : {&highlight_, &links_}) {
    if (*actor) renderer()->RemoveActor(*actor);
    *actor = nullptr;
  }
  linkLines_ = 0;
  update();
  if (!document_) return;
  const SiteLayout& layout = document_->project().layout;
  const LayoutSelection& selection = document_->selection();
  if (!selection.isValidFor(layout)) return;
  // Small extra actors, so selecting never rebuilds the meshes of the racks.
  highlight_ = floorscene::selectionOutline(renderer(), layout, selection);
  if (!highlight_) return;

  // One rack selected: its fabric links as lines over the racks, coloured by tier.
  const ProjectResult& result = document_->result();
  if (selection.level != LayoutSelection::Level::Racks || selection.rackIds.size() != 1 || !result.resolved ||
      !result.error.isEmpty())
    return;
  const int index = LayoutCommands::rackIndex(layout, selection.rackIds.front());
  const std::vector<RackLink> rackLinks = gigaplan::linksOfRack(document_->project(), result, index);
  if (rackLinks.empty()) return;
  links_ = floorscene::linkLines(renderer(), layout, index, rackLinks);
  linkLines_ = static_cast<int>(rackLinks.size());
}

bool FloorView::pressIsOnSelection(const QPointF& position) const {
  if (!document_) return false;
  const LayoutSelection& s = document_->selection();
  const SiteLayout& layout = document_->project().layout;
  const int rack = rackAt(position);
  switch (s.level) {
    case LayoutSelection::Level::Racks:
      return rack >= 0 && s.rackIds.size() == 1 && layout.racks[static_cast<std::size_t>(rack)].id == s.rackIds.front();
    case LayoutSelection::Level::Row:
      return rack >= 0 && layout.racks[static_cast<std::size_t>(rack)].row == s.index;
    case LayoutSelection::Level::Hall: {
      const auto point = floorPointAt(position);
      const Hall& hall = layout.halls[static_cast<std::size_t>(s.index)];
      return point && point->x() >= hall.xM && point->x() <= hall.xM + hall.widthM && point->y() >= hall.yM &&
             point->y() <= hall.yM + hall.depthM;
    }
    default:
      return false;
  }
}

void FloorView::selectAt(const QPointF& position, bool toggle) {
  if (!document_) return;
  const SiteLayout& layout = document_->project().layout;
  const int rack = rackAt(position);
  if (pickLevel_ == PickLevel::Hall) {
    // A hall is picked by its floor as well as by its racks.
    int hall =
        rack >= 0 ? layout.rows[static_cast<std::size_t>(layout.racks[static_cast<std::size_t>(rack)].row)].hall : -1;
    if (const auto point = floorPointAt(position); hall < 0 && point) {
      for (std::size_t h = 0; h < layout.halls.size(); ++h) {
        const Hall& candidate = layout.halls[h];
        if (point->x() >= candidate.xM && point->x() <= candidate.xM + candidate.widthM && point->y() >= candidate.yM &&
            point->y() <= candidate.yM + candidate.depthM)
          hall = static_cast<int>(h);
      }
    }
    document_->setSelection(hall >= 0 ? LayoutSelection::hall(hall) : LayoutSelection{});
    return;
  }
  if (rack < 0) {
    if (!toggle) document_->setSelection({});
    return;
  }
  const Rack& picked = layout.racks[static_cast<std::size_t>(rack)];
  if (pickLevel_ == PickLevel::Row) {
    document_->setSelection(LayoutSelection::row(picked.row));
    return;
  }
  std::vector<std::uint32_t> ids;
  if (toggle && document_->selection().level == LayoutSelection::Level::Racks) ids = document_->selection().rackIds;
  const auto found = std::find(ids.begin(), ids.end(), picked.id);
  if (found != ids.end())
    ids.erase(found);
  else
    ids.push_back(picked.id);
  document_->setSelection(LayoutSelection::racks(std::move(ids)));
}

void FloorView::finishMove(const QPointF& position) {
  const auto point = floorPointAt(position);
  if (!point || !pressFloor_) return;
  const Eigen::Vector2d delta = *point - *pressFloor_;
  SiteLayout& layout = document_->layoutForCommands();
  const HallTemplate& t = layout.hallTemplate;
  const LayoutSelection& s = document_->selection();
  QString error;
  std::unique_ptr<QUndoCommand> command;
  // Rows and halls snap to 10 cm, racks to slots.
  auto snap = [](double metres) { return std::round(metres * 10.0) / 10.0; };
  if (s.level == LayoutSelection::Level::Racks) {
    const int index = LayoutCommands::rackIndex(layout, s.rackIds.front());
    const Rack& rack = layout.racks[static_cast<std::size_t>(index)];
    const auto [row, slot] = picker_->slotAt(layout.rackXM(rack) + t.rackWidthM / 2 + delta.x(),
                                             layout.rackYM(rack) + t.rackDepthM / 2 + delta.y());
    if (row < 0)
      error = tr("rack %1: there is no row slot where it was dropped").arg(rack.id);
    else if (row != rack.row || slot != rack.slot)
      command = LayoutCommands::moveRack(layout, rack.id, row, slot, &error);
  } else if (s.level == LayoutSelection::Level::Row) {
    const Row& row = layout.rows[static_cast<std::size_t>(s.index)];
    const Hall& hall = layout.halls[static_cast<std::size_t>(row.hall)];
    const double x = snap(row.xM + delta.x()), y = snap(row.yM + delta.y());
    if (x < 0 || y < 0 || x + row.slotCount * t.rackWidthM > hall.widthM || y + t.rackDepthM > hall.depthM)
      error = tr("%1: would leave the hall").arg(FloorPlaces::rowName(layout, s.index));
    else
      command = LayoutCommands::moveRow(layout, s.index, x, y, &error);
  } else if (s.level == LayoutSelection::Level::Hall) {
    command = LayoutCommands::moveHall(layout, s.index, snap(delta.x()), snap(delta.y()), &error);
  }
  if (command)
    document_->pushLayoutCommand(std::move(command));
  else if (!error.isEmpty())
    emit editRefused(error);
  updateSelectionActors();  // the preview offset goes; the moved object draws where it landed
}

void FloorView::finishRectangle(const QPointF& position) {
  const auto a = floorPointAt(pressPosition_), b = floorPointAt(position);
  if (!a || !b || !picker_) return;
  std::vector<std::uint32_t> ids;
  for (int index : picker_->racksInRectangle(a->x(), a->y(), b->x(), b->y()))
    ids.push_back(document_->project().layout.racks[static_cast<std::size_t>(index)].id);
  document_->setSelection(LayoutSelection::racks(std::move(ids)));
}

void FloorView::removeSelection() {
  if (!document_) return;
  SiteLayout& layout = document_->layoutForCommands();
  const LayoutSelection s = document_->selection();
  QString error;
  std::unique_ptr<QUndoCommand> command;
  if (s.level == LayoutSelection::Level::Racks)
    command = LayoutCommands::removeRacks(layout, s.rackIds, &error);
  else if (s.level == LayoutSelection::Level::Row)
    command = LayoutCommands::removeRow(layout, s.index, &error);
  else if (s.level == LayoutSelection::Level::Hall)
    command = LayoutCommands::removeHall(layout, s.index, &error);
  else
    return;
  if (command)
    document_->pushLayoutCommand(std::move(command));
  else
    emit editRefused(error);
}

void FloorView::mousePressEvent(QMouseEvent* event) {
  pressPosition_ = event->position();
  gesture_ = Gesture::None;
  if (event->button() != Qt::LeftButton || !document_) {
    VtkOpenGLWidget::mousePressEvent(event);
    return;
  }
  if (event->modifiers() & Qt::ShiftModifier) {
    gesture_ = Gesture::Rectangle;
  } else if (pressIsOnSelection(event->position())) {
    gesture_ = Gesture::MoveSelection;
    pressFloor_ = floorPointAt(event->position());
  } else if (planMode_) {
    gesture_ = Gesture::PlanPan;
    pressFloor_ = floorPointAt(event->position());
  } else {
    gesture_ = Gesture::Orbit;
    VtkOpenGLWidget::mousePressEvent(event);
  }
}

void FloorView::mouseMoveEvent(QMouseEvent* event) {
  switch (gesture_) {
    case Gesture::None:
    case Gesture::Orbit:
      VtkOpenGLWidget::mouseMoveEvent(event);
      return;
    case Gesture::Rectangle: {
      auto* band = findChild<QRubberBand*>();
      if (!band) band = new QRubberBand(QRubberBand::Rectangle, this);
      band->setGeometry(QRectF(pressPosition_, event->position()).normalized().toRect());
      band->show();
      return;
    }
    case Gesture::MoveSelection: {
      // Preview: the outline follows the mouse; the layout changes on release.
      const auto point = floorPointAt(event->position());
      if (point && pressFloor_ && highlight_) {
        const Eigen::Vector2d delta = *point - *pressFloor_;
        highlight_->SetPosition(delta.x(), delta.y(), 0.0);
        update();
      }
      return;
    }
    case Gesture::PlanPan: {
      const auto point = floorPointAt(event->position());
      if (!point || !pressFloor_) return;
      // Shift the camera so the floor point grabbed stays under the mouse.
      const Eigen::Vector2d shift = *pressFloor_ - *point;
      vtkCamera* camera = renderer()->GetActiveCamera();
      double p[3], f[3];
      camera->GetPosition(p);
      camera->GetFocalPoint(f);
      camera->SetPosition(p[0] + shift.x(), p[1] + shift.y(), p[2]);
      camera->SetFocalPoint(f[0] + shift.x(), f[1] + shift.y(), f[2]);
      update();
      return;
    }
  }
}

void FloorView::mouseReleaseEvent(QMouseEvent* event) {
  const bool click = (event->position() - pressPosition_).manhattanLength() < 4;
  const bool toggle = event->modifiers() & Qt::ControlModifier;
  const Gesture gesture = gesture_;
  gesture_ = Gesture::None;
  if (event->button() != Qt::LeftButton || !document_) {
    VtkOpenGLWidget::mouseReleaseEvent(event);
    return;
  }
  switch (gesture) {
    case Gesture::Orbit:
      VtkOpenGLWidget::mouseReleaseEvent(event);
      if (click && measuring_)
        measureAt(event->position());
      else if (click)
        selectAt(event->position(), toggle);
      break;
    case Gesture::MoveSelection:
      if (click) {
        if (highlight_) highlight_->SetPosition(0, 0, 0);
        selectAt(event->position(), toggle);
      } else {
        finishMove(event->position());
      }
      break;
    case Gesture::Rectangle:
      if (auto* band = findChild<QRubberBand*>()) band->hide();
      if (click)
        selectAt(event->position(), true);
      else
        finishRectangle(event->position());
      break;
    case Gesture::PlanPan:
      if (click && measuring_)
        measureAt(event->position());
      else if (click)
        selectAt(event->position(), toggle);
      break;
    case Gesture::None:
      break;
  }
  update();
}

void FloorView::setMeasuring(bool on) {
  measuring_ = on;
  measureStart_.reset();
  if (measureLine_) {
    renderer()->RemoveActor(measureLine_);
    measureLine_ = nullptr;
  }
  if (on) emit measured(tr("Measure: click the first point on the floor"));
  update();
}

bool FloorView::measureAt(const QPointF& position) {
  const auto point = floorPointAt(position);
  if (!point || !document_) return false;
  if (!measureStart_) {
    measureStart_ = point;
    if (measureLine_) renderer()->RemoveActor(measureLine_);
    measureLine_ = nullptr;
    emit measured(
        tr("Measure: from %1 m, %2 m; click the second point").arg((*point)[0], 0, 'f', 1).arg((*point)[1], 0, 'f', 1));
    return true;
  }
  const Eigen::Vector2d from = *measureStart_, to = *point;
  measureStart_.reset();
  const double floorM = (to - from).norm();
  const double trayM =
      FabricCabling::trayLengthM(document_->project().layout.hallTemplate, to[0] - from[0], to[1] - from[1]);
  // A line over the floor between the two points.
  vtkNew<vtkPoints> ends;
  ends->InsertNextPoint(from[0], from[1], 0.4);
  ends->InsertNextPoint(to[0], to[1], 0.4);
  vtkNew<vtkCellArray> segment;
  const vtkIdType ids[2] = {0, 1};
  segment->InsertNextCell(2, ids);
  vtkNew<vtkPolyData> line;
  line->SetPoints(ends);
  line->SetLines(segment);
  vtkNew<vtkPolyDataMapper> mapper;
  mapper->SetInputData(line);
  if (measureLine_) renderer()->RemoveActor(measureLine_);
  measureLine_ = vtkSmartPointer<vtkActor>::New();
  measureLine_->SetMapper(mapper);
  measureLine_->GetProperty()->SetColor(0.05, 0.05, 0.05);
  measureLine_->GetProperty()->SetLineWidth(3.0);
  renderer()->AddActor(measureLine_);
  emit measured(tr("Measured: %1 m along the floor, %2 m as a cable in the trays (rise and slack included)")
                    .arg(floorM, 0, 'f', 1)
                    .arg(trayM, 0, 'f', 1));
  update();
  return true;
}

void FloorView::keyPressEvent(QKeyEvent* event) {
  if (document_ && (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace)) {
    removeSelection();
  } else if (document_ && event->key() == Qt::Key_Escape) {
    document_->setSelection({});
  } else {
    VtkOpenGLWidget::keyPressEvent(event);
  }
}

}  // namespace gigaplan
