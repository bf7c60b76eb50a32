// gigaplan: the desktop planning program.
#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QMessageBox>
#include <cstdio>
#include <memory>

#include "FloorView.h"
#include "MainWindow.h"
#include "VtkOpenGLWidget.h"
#include "files/AtomicFile.h"

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
      QStringLiteral("Project file, preset id or scenario file (default: the last project, else the 1M-GPU sample)."));
  parser.process(app);

  const bool given = !parser.positionalArguments().isEmpty();
  const QString scenario = given ? parser.positionalArguments().first() : gigaplan::MainWindow::startupProject();
  gigaplan::MainWindow window;
  QString error;
  bool opened = window.open(scenario, &error);
  QString notOpened;  // why the file asked for did not open, said once the window is up
  if (!opened) {
    std::fprintf(stderr, "%s: %s\n", given ? "error" : "warning", qPrintable(error));
    if (given && parser.isSet(screenshotOption)) return 2;
    notOpened = error;
    // Start from the last project, else the sample, rather than an empty workspace.
    for (const QString& fallback : {gigaplan::MainWindow::startupProject(), gigaplan::MainWindow::samplePreset()}) {
      if (fallback == scenario) continue;
      QString fallbackError;
      if ((opened = window.open(fallback, &fallbackError))) break;
      std::fprintf(stderr, "warning: %s\n", qPrintable(fallbackError));
    }
  }
  if (!opened && parser.isSet(screenshotOption)) return 2;
  if (!notOpened.isEmpty() && !parser.isSet(screenshotOption))
    QMessageBox::warning(nullptr, QStringLiteral("Gigaplan"), notOpened);
  window.show();
  if (parser.isSet(screenshotOption)) {
    // Once the floor has drawn a frame and the figures are in, the window is what a user sees.
    const QString path = parser.value(screenshotOption);
    auto taken = std::make_shared<bool>(false);  // both signals share one shot
    auto shoot = [&window, path, taken] {
      if (*taken || window.document().isEvaluating()) return;
      *taken = true;
      // The labels the new figures changed ask for a new layout in events still queued: lay them
      // out first, as the window will be before anyone sees it.
      QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
      // Encoded in memory, then written whole like every other output.
      QByteArray png;
      QBuffer buffer(&png);
      QString error;
      const bool saved = buffer.open(QIODevice::WriteOnly) && window.grab().save(&buffer, "PNG") &&
                         gigaplan::writeFileAtomically(path, png, &error);
      if (!saved)
        std::fprintf(stderr, "error: %s\n",
                     qPrintable(error.isEmpty() ? QStringLiteral("cannot draw %1").arg(path) : error));
      QApplication::exit(saved ? 0 : 2);
    };
    QObject::connect(window.floor(), &gigaplan::FloorView::framePainted, &window, shoot, Qt::QueuedConnection);
    QObject::connect(&window.document(), &gigaplan::ProjectDocument::resultReady, &window, shoot, Qt::QueuedConnection);
  }
  return app.exec();
}
