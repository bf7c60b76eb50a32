#include <QTest>

#include "plan/Calibration.h"

using namespace gigaplan;

class TestCalibration : public QObject {
  Q_OBJECT
 private slots:
  void everyReferenceIsReproduced() {
    QString error;
    const QList<CalibrationReference> references = Calibration::bundled(&error);
    QVERIFY2(references.size() >= 40, qPrintable(error));
    for (const CalibrationReference& reference : references) {
      const CalibrationResult result = Calibration::run(reference);
      QVERIFY2(result.problem.isEmpty(), qPrintable(reference.id + QStringLiteral(": ") + result.problem));
      QVERIFY2(result.passed, qPrintable(QStringLiteral("%1: model %2, expected %3")
                                             .arg(reference.id)
                                             .arg(result.modelValue)
                                             .arg(reference.expected)));
    }
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
