#include "MainWindow.h"

#include <QDockWidget>
#include <QFile>
#include <QStatusBar>

#include "Evaluator.h"
#include "FiguresPanel.h"
#include "FloorView.h"
#include "LayoutEvaluation.h"
#include "LayoutGenerator.h"
#include "PresetLibrary.h"
#include "ProjectStore.h"

namespace gigaplan {

namespace {
bool isProjectFile(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) && file.read(16) == QByteArray("SQLite format 3\0", 16);
}
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), floor_(new FloorView(this)), figures_(new FiguresPanel(this)) {
  setCentralWidget(floor_);
  auto* dock = new QDockWidget(tr("Figures"), this);
  dock->setObjectName(QStringLiteral("figuresDock"));
  dock->setWidget(figures_);
  addDockWidget(Qt::RightDockWidgetArea, dock);
  connect(floor_, &FloorView::rackSelected, this, [this](std::uint32_t rackId) {
    static const char* roles[] = {"compute", "leaf", "spine", "core", "CDU"};
    for (const Rack& rack : project_.layout.racks) {
      if (rack.id != rackId) continue;
      const Row& row = project_.layout.rows[static_cast<std::size_t>(rack.row)];
      statusBar()->showMessage(tr("Rack %1: %2, hall %3, row %4, slot %5, %6 kW, %7 kg")
                                   .arg(rack.id)
                                   .arg(QString::fromLatin1(roles[static_cast<int>(rack.role)]))
                                   .arg(project_.layout.halls[static_cast<std::size_t>(row.hall)].name)
                                   .arg(rack.row)
                                   .arg(rack.slot)
                                   .arg(rack.powerKw, 0, 'f', 1)
                                   .arg(rack.massKg, 0, 'f', 0));
      return;
    }
    statusBar()->clearMessage();
  });
  resize(1400, 900);
  resizeDocks({dock}, {520}, Qt::Horizontal);
  setWindowTitle(tr("Gigaplan"));
}

bool MainWindow::open(const QString& fileOrPreset, QString* error) {
  ScenarioErrors errors;
  Project project;
  if (isProjectFile(fileOrPreset)) {
    auto opened = ProjectStore::open(fileOrPreset, error);
    if (!opened) return false;
    project = std::move(*opened);
  } else {
    auto scenario = PresetLibrary::loadPresetOrFile(fileOrPreset, errors);
    if (!scenario) {
      if (error) *error = errors.value(0).text();
      return false;
    }
    project.scenario = *scenario;
  }
  const auto resolved = project.scenario.resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) {
    if (error) *error = errors.value(0).text();
    return false;
  }
  const OutputValues outputs = evaluate(resolved->values);
  if (const auto problem = fabricProblem(resolved->values, outputs)) {
    if (error) *error = problem->text();
    return false;
  }
  if (project.layout.racks.empty()) {
    auto layout =
        LayoutGenerator::generate(resolved->values, outputs, project.scenario.systemType, HallTemplate{}, error);
    if (!layout) return false;
    project.layout = std::move(*layout);
  }
  const LayoutEvaluation evaluation = LayoutEvaluation::evaluate(
      resolved->values, project.layout, LayoutEvaluation::reachLimits(project.scenario, HardwareCatalog::bundled()));
  project_ = std::move(project);
  figures_->showResult(*resolved, evaluation.outputs);
  floor_->showLayout(project_.layout);
  setWindowTitle(tr("%1 - Gigaplan").arg(resolved->name));
  statusBar()->showMessage(tr("%1 on %2 - %3 racks in %4 halls, %5 findings")
                               .arg(resolved->systemName, resolved->switchName)
                               .arg(project_.layout.racks.size())
                               .arg(project_.layout.halls.size())
                               .arg(evaluation.findings().size()));
  return true;
}

}  // namespace gigaplan
