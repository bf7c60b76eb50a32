// gigaplan: the desktop planning program.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>
#include <cstdio>

#include "MainWindow.h"
#include "VtkOpenGLWidget.h"

int main(int argc, char** argv) {
  gigaplan::VtkOpenGLWidget::prepareSurfaceFormat();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("Gigaplan"));
  QApplication::setOrganizationName(QStringLiteral("Gigaplan"));
  QApplication::setApplicationVersion(QStringLiteral(GIGAPLAN_VERSION));
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Plans GPU supercomputer build-outs."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                            QStringLiteral("Render the window to PNG after loading, then exit."),
                                            QStringLiteral("PNG"));
  parser.addOption(screenshotOption);
  parser.addPositionalArgument(
      QStringLiteral("scenario"),
      QStringLiteral("Project file, preset id or scenario file (default: the 1M-GPU sample)."));
  parser.process(app);

  const QString scenario = parser.positionalArguments().value(0, gigaplan::MainWindow::samplePreset());
  gigaplan::MainWindow window;
  QString error;
  if (!window.open(scenario, &error)) {
    std::fprintf(stderr, "error: %s\n", qPrintable(error));
    if (parser.isSet(screenshotOption)) return 2;
    QMessageBox::warning(nullptr, QStringLiteral("Gigaplan"), error);
  }
  window.show();
  if (parser.isSet(screenshotOption)) {
    const QString path = parser.value(screenshotOption);
    QTimer::singleShot(500, &window, [&window, path] {
      const bool saved = window.grab().save(path);
      if (!saved) std::fprintf(stderr, "error: cannot write %s\n", qPrintable(path));
      QApplication::exit(saved ? 0 : 2);
    });
  }
  return app.exec();
}
