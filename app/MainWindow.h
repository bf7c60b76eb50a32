#pragma once

#include <QMainWindow>

#include "Scenario.h"

namespace gigaplan {

class FiguresPanel;

/// The desktop program's window: the scenario's figures for now.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);

  /// Loads a preset id or scenario file; false with `error` set when it cannot.
  bool openScenario(const QString& presetOrPath, QString* error);

 private:
  FiguresPanel* figures_ = nullptr;
};

}  // namespace gigaplan
