#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace gigaplan {

/// A published figure the model must reproduce: a preset, optional input changes, and the
/// output (or catalog input) compared with the expected value.
struct CalibrationReference {
  QString id;
  QString title;
  QString source;
  QString confidence;
  QString preset;
  QList<QPair<QString, QString>> settings;  ///< path, value: as `--set`
  QString path;                             ///< an output path, or an input path when checkInput
  bool checkInput = false;
  double expected = 0.0;
  double tolerance = 0.0;  ///< allowed relative error; 0 = exact
  enum class Comparison { Near, AtLeast } comparison = Comparison::Near;
  /// Why the model misses this figure, when it does for a reason documented with the reference
  /// (an inconsistent or differently scoped publication); empty for every other reference.
  QString explanation;
};

struct CalibrationResult {
  CalibrationReference reference;
  double modelValue = 0.0;
  double relativeError = 0.0;
  bool passed = false;
  QString problem;  ///< set when the reference could not be evaluated
};

/// The calibration cases shipped in resources/calibration/references.json.
class Calibration {
 public:
  static QList<CalibrationReference> bundled(QString* error = nullptr);
  /// Parses references; refuses a tolerance wider than its confidence allows (verified and
  /// derived 5 %, secondary 15 %).
  static std::optional<QList<CalibrationReference>> fromJson(const QByteArray& json, QString* error);
  static double maximumTolerance(const QString& confidence);
  static CalibrationResult run(const CalibrationReference& reference);
};

}  // namespace gigaplan
