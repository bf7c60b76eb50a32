#include <QTest>

#include "plan/Calibration.h"

using namespace gigaplan;

class TestCalibration : public QObject {
  Q_OBJECT
 private slots:
  void everyReferenceIsReproduced() {
    QString error;
    const QList<CalibrationReference> references = Calibration::bundled(&error);
    QVERIFY2(!references.isEmpty(), qPrintable(error));
    int passed = 0;
    for (const CalibrationReference& reference : references) {
      const CalibrationResult result = Calibration::run(reference);
      QVERIFY2(result.problem.isEmpty(), qPrintable(reference.id + QStringLiteral(": ") + result.problem));
      QVERIFY(reference.tolerance <= Calibration::maximumTolerance(reference.confidence) + 1e-12);
      // A miss needs its reason written into the reference.
      QVERIFY2(result.passed || reference.explanation.size() > 100,
               qPrintable(QStringLiteral("%1: model %2, expected %3")
                              .arg(reference.id)
                              .arg(result.modelValue)
                              .arg(reference.expected)));
      if (result.passed) ++passed;
    }
    QVERIFY2(passed >= 80, qPrintable(QString::number(passed)));
  }

  void aWideToleranceIsRefused() {
    QString error;
    const auto refused = Calibration::fromJson(
        R"({"references": [{"id": "wide", "confidence": "verified", "preset": "fat-tree-k64-2tier", "output": "network.switches", "expected": 96, "tolerance": 0.06}]})",
        &error);
    QVERIFY(!refused);
    QVERIFY2(error.contains(QStringLiteral("wide")) && error.contains(QStringLiteral("5 %")), qPrintable(error));
    QVERIFY(Calibration::fromJson(
        R"({"references": [{"id": "ok", "confidence": "secondary", "preset": "fat-tree-k64-2tier", "output": "network.switches", "expected": 96, "tolerance": 0.15}]})",
        nullptr));
  }

  void aWrongExpectationIsMissed() {
    const auto references = Calibration::fromJson(
        R"({"references": [{"id": "x", "preset": "fat-tree-k64-2tier", "output": "network.switches", "expected": 97, "tolerance": 0}]})",
        nullptr);
    QVERIFY(references);
    const CalibrationResult result = Calibration::run(references->first());
    QCOMPARE(result.modelValue, 96.0);
    QVERIFY(!result.passed);
  }

  void aReferenceToAnUnknownOutputIsReported() {
    const auto references = Calibration::fromJson(
        R"({"references": [{"id": "x", "preset": "fat-tree-k64-2tier", "output": "network.nothing", "expected": 1}]})",
        nullptr);
    const CalibrationResult result = Calibration::run(references->first());
    QVERIFY(!result.passed);
    QVERIFY(result.problem.contains(QStringLiteral("network.nothing")));
  }
};

QTEST_APPLESS_MAIN(TestCalibration)
#include "TestCalibration.moc"
