#pragma once

#include <vtkNew.h>
#include <vtkSmartPointer.h>

#include <QOpenGLWidget>

class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkRenderer;

namespace gigaplan {

/// A Qt 6 widget that shows a VTK render window. Debian's VTK Qt module is built for Qt 5, so
/// this bridge hands VTK the widget's OpenGL context: VTK renders into its own framebuffers and
/// the result is blitted into the widget's.
///
/// Call prepareSurfaceFormat() before the QApplication exists.
class VtkOpenGLWidget : public QOpenGLWidget {
  Q_OBJECT
 public:
  explicit VtkOpenGLWidget(QWidget* parent = nullptr);
  ~VtkOpenGLWidget() override;

  /// OpenGL 3.2 core with a depth buffer, as VTK 9.1 needs; shared contexts for floating docks.
  static void prepareSurfaceFormat();

  vtkRenderer* renderer() const;
  vtkGenericOpenGLRenderWindow* renderWindow() const;

 protected:
  void initializeGL() override;
  void resizeGL(int width, int height) override;
  void paintGL() override;
  // Mouse input drives VTK's trackball camera: left drag orbits, middle or shift-left drag pans,
  // right drag and the wheel zoom.
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  void releaseRenderWindow();
  /// Hands VTK the mouse position in device pixels, origin bottom left, with modifier keys.
  void forwardMouse(const QPointF& position, Qt::KeyboardModifiers modifiers, unsigned long vtkEvent);

  vtkSmartPointer<vtkGenericOpenGLRenderWindow> window_;
  vtkSmartPointer<vtkRenderer> renderer_;
  vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor_;
  unsigned long makeCurrentObserver_ = 0;
  unsigned long isCurrentObserver_ = 0;
};

}  // namespace gigaplan
