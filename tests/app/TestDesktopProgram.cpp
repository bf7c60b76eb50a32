// Starts the gigaplan program as a user would and checks the window it renders.
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {
int runDesktop(const QStringList& arguments, QString* errorOutput = nullptr) {
  QProcess process;
  process.start(QStringLiteral(GIGAPLAN_DESKTOP_PATH), arguments);
  if (!process.waitForFinished(60000)) qFatal("gigaplan did not finish");
  if (errorOutput) *errorOutput = QString::fromUtf8(process.readAllStandardError());
  return process.exitCode();
}
}  // namespace

class TestDesktopProgram : public QObject {
  Q_OBJECT
 private slots:
  void screenshotOfTheSample() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("window.png"));
    QString errorOutput;
    QCOMPARE(runDesktop({QStringLiteral("--screenshot"), path}, &errorOutput), 0);
    // VTK names the object it warns about as "vtkClass (0x...)": the program printed no warning.
    static const QRegularExpression vtkMessage(QStringLiteral(R"(vtk\w+ \(0x[0-9a-fA-F]+\))"));
    QVERIFY2(!vtkMessage.match(errorOutput).hasMatch(), qPrintable(errorOutput));
    const QImage image(path);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800 && image.height() >= 600);
    // A window with text in it: many distinct colours, not one flat fill.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
      for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 10, qPrintable(QString::number(colours.size())));
  }

  void refusesAScenarioItCannotRead() {
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\x89PNG not a scenario");
    file.close();
    QString errorOutput;
    QCOMPARE(runDesktop({broken, QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("x.png"))}, &errorOutput),
             2);
    QVERIFY2(errorOutput.contains(QStringLiteral("not valid JSON")), qPrintable(errorOutput));
  }
};

QTEST_GUILESS_MAIN(TestDesktopProgram)
#include "TestDesktopProgram.moc"
