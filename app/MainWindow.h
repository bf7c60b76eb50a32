#pragma once

#include <QMainWindow>

#include "Project.h"

namespace gigaplan {

class FiguresPanel;
class FloorView;

/// The desktop program's window: the site in 3D in the centre, the figures in a dock.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);

  /// Opens a project file, or a preset id or scenario file (laid out anew); false with `error`
  /// set when it cannot.
  bool open(const QString& fileOrPreset, QString* error);

 private:
  Project project_;
  FloorView* floor_ = nullptr;
  FiguresPanel* figures_ = nullptr;
};

}  // namespace gigaplan
