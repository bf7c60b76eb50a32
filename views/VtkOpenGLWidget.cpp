#include "VtkOpenGLWidget.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkRenderer.h>

#include <QCoreApplication>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QOpenGLFunctions>
#include <QSurfaceFormat>
#include <QWheelEvent>

namespace gigaplan {

void VtkOpenGLWidget::prepareSurfaceFormat() {
  QSurfaceFormat format;
  format.setRenderableType(QSurfaceFormat::OpenGL);
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setDepthBufferSize(24);
  format.setStencilBufferSize(8);
  QSurfaceFormat::setDefaultFormat(format);
  QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
}

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent)
    : QOpenGLWidget(parent),
      window_(vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New()),
      renderer_(vtkSmartPointer<vtkRenderer>::New()),
      interactor_(vtkSmartPointer<vtkGenericRenderWindowInteractor>::New()) {
  window_->SetOwnContext(0);
  // VTK asks for 4x multisampling by default; on a software renderer that quadruples the cost
  // of every pixel drawn, the largest part of a frame with the 1M-GPU site in view.
  window_->SetMultiSamples(0);
  window_->AddRenderer(renderer_);
  // The generic interactor, not the X11 one vtkRenderWindowInteractor::New() gives here. It does
  // not render itself: the widget repaints through paintGL after each event.
  interactor_->SetRenderWindow(window_);
  interactor_->EnableRenderOff();
  vtkNew<vtkInteractorStyleTrackballCamera> style;
  interactor_->SetInteractorStyle(style);
  interactor_->Initialize();
  renderer_->SetBackground(0.96, 0.96, 0.97);
  renderer_->SetBackgroundAlpha(1.0);

  // VTK asks to make its context current: use QOpenGLContext::makeCurrent, never
  // QOpenGLWidget::makeCurrent, which would rebind the widget's framebuffer behind VTK's cached
  // state and turn every frame black.
  auto makeCurrent = vtkSmartPointer<vtkCallbackCommand>::New();
  makeCurrent->SetClientData(this);
  makeCurrent->SetCallback([](vtkObject*, unsigned long, void* clientData, void*) {
    auto* widget = static_cast<VtkOpenGLWidget*>(clientData);
    QOpenGLContext* context = widget->context();
    if (context && QOpenGLContext::currentContext() != context) context->makeCurrent(context->surface());
  });
  makeCurrentObserver_ = window_->AddObserver(vtkCommand::WindowMakeCurrentEvent, makeCurrent);
  auto isCurrent = vtkSmartPointer<vtkCallbackCommand>::New();
  isCurrent->SetClientData(this);
  isCurrent->SetCallback([](vtkObject*, unsigned long, void* clientData, void* callData) {
    auto* widget = static_cast<VtkOpenGLWidget*>(clientData);
    bool* answer = static_cast<bool*>(callData);
    if (answer) *answer = widget->context() && QOpenGLContext::currentContext() == widget->context();
  });
  isCurrentObserver_ = window_->AddObserver(vtkCommand::WindowIsCurrentEvent, isCurrent);
}

VtkOpenGLWidget::~VtkOpenGLWidget() {
  if (context()) disconnect(context(), &QOpenGLContext::aboutToBeDestroyed, this, nullptr);
  makeCurrent();
  releaseRenderWindow();
  doneCurrent();
  window_->RemoveObserver(makeCurrentObserver_);
  window_->RemoveObserver(isCurrentObserver_);
}

vtkRenderer* VtkOpenGLWidget::renderer() const {
  return renderer_;
}
vtkGenericOpenGLRenderWindow* VtkOpenGLWidget::renderWindow() const {
  return window_;
}

void VtkOpenGLWidget::releaseRenderWindow() {
  if (window_ && context()) window_->Finalize();
}

void VtkOpenGLWidget::initializeGL() {
  connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] { releaseRenderWindow(); });
  window_->SetReadyForRendering(true);
  window_->OpenGLInitContext();
}

void VtkOpenGLWidget::resizeGL(int width, int height) {
  const qreal ratio = devicePixelRatioF();
  window_->SetSize(static_cast<int>(width * ratio), static_cast<int>(height * ratio));
}

void VtkOpenGLWidget::paintGL() {
  const qreal ratio = devicePixelRatioF();
  const int w = static_cast<int>(width() * ratio), h = static_cast<int>(height() * ratio);
  window_->SetSize(w, h);
  window_->Render();
  // Blit VTK's display framebuffer into the widget's framebuffer.
  QOpenGLFunctions* gl = context()->functions();
  gl->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
  const GLenum colorAttachment = GL_COLOR_ATTACHMENT0;
  context()->extraFunctions()->glDrawBuffers(1, &colorAttachment);
  gl->glDisable(GL_SCISSOR_TEST);
  window_->BlitDisplayFramebuffer(0, 0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  // Opaque alpha, or grabFramebuffer() and the compositor see a transparent (black) frame.
  gl->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
  gl->glClearColor(0, 0, 0, 1);
  gl->glClear(GL_COLOR_BUFFER_BIT);
  gl->glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
}

void VtkOpenGLWidget::forwardMouse(const QPointF& position, Qt::KeyboardModifiers modifiers, unsigned long vtkEvent) {
  const qreal ratio = devicePixelRatioF();
  interactor_->SetEventInformationFlipY(static_cast<int>(position.x() * ratio), static_cast<int>(position.y() * ratio),
                                        modifiers.testFlag(Qt::ControlModifier) ? 1 : 0,
                                        modifiers.testFlag(Qt::ShiftModifier) ? 1 : 0);
  interactor_->InvokeEvent(vtkEvent, nullptr);
  update();
}

void VtkOpenGLWidget::mousePressEvent(QMouseEvent* event) {
  switch (event->button()) {
    case Qt::LeftButton:
      forwardMouse(event->position(), event->modifiers(), vtkCommand::LeftButtonPressEvent);
      break;
    case Qt::MiddleButton:
      forwardMouse(event->position(), event->modifiers(), vtkCommand::MiddleButtonPressEvent);
      break;
    case Qt::RightButton:
      forwardMouse(event->position(), event->modifiers(), vtkCommand::RightButtonPressEvent);
      break;
    default:
      break;
  }
}

void VtkOpenGLWidget::mouseReleaseEvent(QMouseEvent* event) {
  switch (event->button()) {
    case Qt::LeftButton:
      forwardMouse(event->position(), event->modifiers(), vtkCommand::LeftButtonReleaseEvent);
      break;
    case Qt::MiddleButton:
      forwardMouse(event->position(), event->modifiers(), vtkCommand::MiddleButtonReleaseEvent);
      break;
    case Qt::RightButton:
      forwardMouse(event->position(), event->modifiers(), vtkCommand::RightButtonReleaseEvent);
      break;
    default:
      break;
  }
}

void VtkOpenGLWidget::mouseMoveEvent(QMouseEvent* event) {
  forwardMouse(event->position(), event->modifiers(), vtkCommand::MouseMoveEvent);
}

void VtkOpenGLWidget::wheelEvent(QWheelEvent* event) {
  forwardMouse(event->position(), event->modifiers(),
               event->angleDelta().y() > 0 ? vtkCommand::MouseWheelForwardEvent : vtkCommand::MouseWheelBackwardEvent);
}

}  // namespace gigaplan
