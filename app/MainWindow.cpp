#include "MainWindow.h"

#include <QStatusBar>

#include "Evaluator.h"
#include "FiguresPanel.h"
#include "PresetLibrary.h"

namespace gigaplan {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), figures_(new FiguresPanel(this)) {
  setCentralWidget(figures_);
  resize(1100, 800);
  setWindowTitle(tr("Gigaplan"));
}

bool MainWindow::openScenario(const QString& presetOrPath, QString* error) {
  ScenarioErrors errors;
  auto scenario = PresetLibrary::loadPresetOrFile(presetOrPath, errors);
  std::optional<ResolvedScenario> resolved;
  if (scenario) resolved = scenario->resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) {
    if (error) *error = errors.isEmpty() ? tr("cannot open %1").arg(presetOrPath) : errors.first().text();
    return false;
  }
  const OutputValues outputs = evaluate(resolved->values);
  figures_->showResult(*resolved, outputs);
  setWindowTitle(tr("%1 - Gigaplan").arg(resolved->name));
  statusBar()->showMessage(tr("%1 on %2").arg(resolved->systemName, resolved->switchName));
  return true;
}

}  // namespace gigaplan
