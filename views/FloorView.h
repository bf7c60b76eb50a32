#pragma once

#include <vtkSmartPointer.h>

#include <Eigen/Core>
#include <QColor>
#include <QImage>
#include <QPointer>
#include <QRectF>
#include <memory>
#include <optional>
#include <vector>

#include "VtkOpenGLWidget.h"
#include "document/LayoutSelection.h"
#include "document/ProjectDocument.h"
#include "layout/RackPicker.h"
#include "layout/SiteLayout.h"

class vtkActor;
class vtkActor2D;
class vtkTextActor;

namespace gigaplan {

class FloorOverlay;

/// The site of a project in 3D: buildings, halls, rows and racks, with a legend and a scale bar.
///
/// Each hall is drawn by two actors: every rack as a box (near), or every row as one box (far);
/// before each frame a hall picks the one whose racks would be at least a few pixels wide, and
/// VTK culls halls outside the view. An edit rebuilds only the halls whose racks changed.
///
/// Mouse: left drag orbits (pans in plan mode), middle drag pans, wheel and right drag zoom; a
/// click selects the rack, row or hall under the mouse (by pick level); dragging the selection
/// moves it; shift-drag selects the racks in a rectangle; Delete removes the selection. Edits go
/// to the document as undoable commands.
namespace floorscene {
/// A name written over the floor, at a point on the ground (FloorScene's floorNames).
struct FloorName {
  QString text;
  double xM = 0.0;
  double yM = 0.0;
};
/// A unit of the power and cooling plant drawn in its block's electrical room (FloorScene's plantBoxes).
struct PlantBox {
  int component = -1;  ///< in the failure analysis
  double bounds[6] = {};
  QColor colour;
};
}  // namespace floorscene

class FloorView : public VtkOpenGLWidget {
  Q_OBJECT
 public:
  enum class ColourBy { Role, Power, Heat, System, Phase, CableClass, Tenant, PowerPath, CoolingLoop, Failure };
  enum class PickLevel { Rack, Row, Hall };
  struct LegendEntry {
    QColor colour;
    QString label;
  };

  explicit FloorView(QWidget* parent = nullptr);
  ~FloorView() override;

  /// Shows a document's project and follows its edits, figures and selection.
  void setDocument(ProjectDocument* document);
  ProjectDocument* document() const { return document_; }

  void setColourBy(ColourBy colourBy);
  ColourBy colourBy() const { return colourBy_; }
  /// The component of the failure analysis (ProjectResult::failures) whose blast radius the
  /// Failure colouring shows: what goes down, what slows, what its group carries; -1 for none.
  void setFailureComponent(int component);
  int failureComponent() const { return failureComponent_; }
  /// The plant units drawn in the electrical rooms, with their components and colours.
  const std::vector<floorscene::PlantBox>& plantBoxes() const { return plantBoxes_; }
  static QString colourByName(ColourBy colourBy);
  QString legendTitle() const { return legendTitle_; }
  const std::vector<LegendEntry>& legend() const { return legend_; }
  /// The colour a rack is drawn in now (index into the layout's racks).
  QColor rackColour(int rackIndex) const;

  /// Shows the site as it stands after a phase: racks of later phases are left out (-1 shows all).
  void setShownPhase(int phase);
  int shownPhase() const { return shownPhase_; }
  /// Racks on the floor as shown (all, or those up to the shown phase).
  int shownRacks() const;

  void setPickLevel(PickLevel level) { pickLevel_ = level; }
  PickLevel pickLevel() const { return pickLevel_; }

  /// Camera presets. Building and hall frame the selection's building or hall (the first one
  /// when nothing is selected).
  void frameSite();
  /// The site after each of `phases` phases, coloured by rack role and seen from the site
  /// camera, each image cut to its content (the report's 3D views); the view is then left as it
  /// was. The view must be shown.
  std::vector<QImage> phaseSnapshots(int phases);
  /// The report's 3D views, one per phase, drawn off screen at `size` pixels (print resolution
  /// whatever the window's size); empty, with `error` set, when no frame is drawn.
  static std::vector<QImage> renderPhaseViews(ProjectDocument& document, const QSize& size, QString* error);
  /// Pixels of the report's 3D views: wide enough for 200 pixels per inch across an A4 page's
  /// text width once cropped to the site.
  static QSize printSize() { return {2400, 1500}; }
  /// A building or hall name shown over the floor in the last frame, with its box on the widget.
  struct ShownName {
    QString text;
    QRectF box;
  };
  /// The names the last frame showed: those that fit the view without overlapping another.
  const std::vector<ShownName>& shownNames() const { return shownNames_; }
  void frameBuilding();
  void frameHall();
  /// Moves the camera towards what is in view (`factor` above 1) or away from it.
  void zoomBy(double factor);
  /// Plan mode looks straight down with a parallel projection; left drag pans.
  void setPlanMode(bool plan);
  bool planMode() const { return planMode_; }
  /// Measuring: each two clicks on the floor give the distance between them, straight along the
  /// floor and as a cable runs in the trays (FabricCabling::trayLengthM), said by `measured`.
  void setMeasuring(bool on);
  bool measuring() const { return measuring_; }
  /// A measuring click at a window point (as the mouse gives it); false off the floor.
  bool measureAt(const QPointF& position);

  /// Removes the selected racks, row or hall (one undoable edit).
  void removeSelection();

  /// Index into the shown layout's racks of the rack under a widget position, or -1.
  int rackAt(const QPointF& position) const;
  /// Where the line of sight through a widget position meets the floor (z = 0).
  std::optional<Eigen::Vector2d> floorPointAt(const QPointF& position) const;
  /// Metres one device-independent pixel spans at the camera's focal point (for the scale bar).
  double metresPerPixel() const;

  /// Halls drawn rack by rack in the last frame, and rack meshes built since the document was
  /// set: for tests and benchmarks of the level of detail and incremental edits.
  int detailedHallsInLastFrame() const { return detailedHalls_; }
  int rackMeshBuilds() const { return rackMeshBuilds_; }
  /// Racks the fabric-links overlay draws lines to (the selected rack's partners).
  int linkLinesShown() const { return linkLines_; }

 signals:
  /// An edit made with the mouse or keyboard was refused; the message names the object.
  void editRefused(const QString& message);
  /// What a measuring click found: the first point, or the distance to the second.
  void measured(const QString& text);
  /// A frame was drawn (benchmarks measure frame times with it).
  void framePainted();

 protected:
  void paintGL() override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  struct HallScene {
    vtkSmartPointer<vtkActor> racks;  ///< built on first need
    vtkSmartPointer<vtkActor> rows;
    std::size_t signature = 0;  ///< of the racks, rows, hall and colours the actors show
    bool racksCurrent = false;  ///< the rack actor matches the signature
    double bounds[6] = {0, 0, 0, 0, 0, 0};
  };
  enum class Gesture { None, Orbit, MoveSelection, Rectangle, PlanPan };

  void rebuildAll();
  void updateScene();
  /// The plant in the electrical rooms, from the figures' failure analysis.
  void updatePlant();
  void updateColours();
  void buildRackActor(std::size_t hall);
  void updateLevelOfDetail();
  void updateSelectionActors();
  void frameBounds(const double bounds[6], bool fromAbove);
  void selectAt(const QPointF& position, bool toggle);
  void finishMove(const QPointF& position);
  void finishRectangle(const QPointF& position);
  bool pressIsOnSelection(const QPointF& position) const;
  int hallOfSelection() const;

  QPointer<ProjectDocument> document_;
  std::unique_ptr<RackPicker> picker_;
  std::vector<std::vector<int>> racksByHall_;
  std::vector<HallScene> halls_;
  std::vector<QColor> colours_;  ///< per rack, in the current colouring
  vtkSmartPointer<vtkActor> floors_;
  vtkSmartPointer<vtkActor> plant_;  ///< switchgear, transformers, UPS and heat rejection in the electrical rooms
  std::vector<floorscene::PlantBox> plantBoxes_;
  std::vector<floorscene::FloorName> names_;  ///< building and hall names, in placement order
  std::vector<vtkSmartPointer<vtkTextActor>> nameActors_;
  std::vector<ShownName> shownNames_;
  bool namesShown_ = true;  ///< off for the report's views, whose plans name the halls legibly
  static constexpr double kNameFontPx = 13.0;
  void placeNames();
  vtkSmartPointer<vtkActor> highlight_;
  vtkSmartPointer<vtkActor> links_;
  ColourBy colourBy_ = ColourBy::Role;
  int failureComponent_ = -1;
  QString legendTitle_;
  std::vector<LegendEntry> legend_;
  PickLevel pickLevel_ = PickLevel::Rack;
  int shownPhase_ = -1;
  bool planMode_ = false;
  bool measuring_ = false;
  std::optional<Eigen::Vector2d> measureStart_;
  vtkSmartPointer<vtkActor> measureLine_;
  Gesture gesture_ = Gesture::None;
  QPointF pressPosition_;
  std::optional<Eigen::Vector2d> pressFloor_;
  int detailedHalls_ = 0;
  int rackMeshBuilds_ = 0;
  int linkLines_ = 0;
  bool frameOnFirstPaint_ = false;  ///< the window's final size is known only then
  FloorOverlay* legendOverlay_ = nullptr;
  FloorOverlay* scaleOverlay_ = nullptr;
};

}  // namespace gigaplan
