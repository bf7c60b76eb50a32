#pragma once

#include <vtkSmartPointer.h>

#include <QColor>
#include <QString>
#include <vector>

#include "FloorView.h"
#include "document/LayoutSelection.h"
#include "layout/FabricCabling.h"
#include "layout/SiteLayout.h"

class vtkActor;
class vtkRenderer;

namespace gigaplan {

class ProjectDocument;

/// What the 3D floor shows, built from the project: the colour of each rack with the legend that explains it, and
/// the actors of rows, racks, floors and the selection. FloorView decides when to build them and which to show
/// (level of detail, edits, camera); these only build. Each actor is one mesh of boxes with the colours baked in,
/// added to the renderer it is given.
namespace floorscene {

/// The colour of every rack and the legend that explains the colours, for one way of colouring.
struct Colouring {
  QString title;
  std::vector<FloorView::LegendEntry> legend;
  std::vector<QColor> colours;  ///< per rack of the layout; empty without a document
};
/// `failureComponent` is the component whose blast radius the Failure colouring shows.
Colouring colourRacks(FloorView::ColourBy colourBy, const ProjectDocument* document, int failureComponent = -1);

/// A hash of what a hall's actors show: the hall, the rack size, and each shown rack's place and colour. Actors
/// whose signature is unchanged need no rebuilding after an edit.
std::size_t hallSignature(const SiteLayout& layout, const Hall& hall, const std::vector<int>& racks,
                          const std::vector<QColor>& colours);

/// A hall seen from far: each row as one box spanning its shown racks (`racks`, indices into the layout's racks),
/// in their average colour.
vtkSmartPointer<vtkActor> rowBoxes(vtkRenderer* renderer, const SiteLayout& layout, const Hall& hall,
                                   const std::vector<int>& racks, const std::vector<QColor>& colours);
/// A hall seen from near: every shown rack as a box.
vtkSmartPointer<vtkActor> rackBoxes(vtkRenderer* renderer, const SiteLayout& layout, const std::vector<int>& racks,
                                    const std::vector<QColor>& colours);
/// Building footprints, hall floors and electrical rooms as thin slabs under the racks. With a phase shown
/// (`shownPhase` >= 0), a hall whose racks all come in a later phase is not built yet and has no floor.
vtkSmartPointer<vtkActor> floorSlabs(vtkRenderer* renderer, const SiteLayout& layout,
                                     const std::vector<std::vector<int>>& racksByHall, int shownPhase);

/// The colour a kind of plant unit is drawn in.
QColor plantColour(ComponentKind kind);
/// The MV switchgear, transformers, UPS modules and heat-rejection units of each electrical block,
/// in the electrical room of the block's first hall: one row per kind, each unit a box. With
/// `failureComponent` chosen (>= 0), that unit is drawn as down and the others of its group as
/// carrying its load. Halls not built by `shownPhase` (>= 0) have none.
std::vector<PlantBox> plantBoxes(const SiteLayout& layout, const SiteFailures* failures, int failureComponent,
                                 const std::vector<std::vector<int>>& racksByHall, int shownPhase);
vtkSmartPointer<vtkActor> plantActor(vtkRenderer* renderer, const std::vector<PlantBox>& boxes);

/// The names of the buildings and halls shown, buildings first (at their south edge), then halls
/// (at their centre). With a phase shown, halls not built yet have none.
std::vector<FloorName> floorNames(const SiteLayout& layout, const std::vector<std::vector<int>>& racksByHall,
                                  int shownPhase);

/// The selected racks, row, hall or building as a wireframe outline; null when nothing is selected. The
/// selection must be valid for the layout.
vtkSmartPointer<vtkActor> selectionOutline(vtkRenderer* renderer, const SiteLayout& layout,
                                           const LayoutSelection& selection);
/// One rack's fabric links as lines over the racks to each partner rack, coloured by tier.
vtkSmartPointer<vtkActor> linkLines(vtkRenderer* renderer, const SiteLayout& layout, int rack,
                                    const std::vector<RackLink>& links);

}  // namespace floorscene

}  // namespace gigaplan
