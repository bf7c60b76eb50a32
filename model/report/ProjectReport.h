#pragma once

#include <QDate>
#include <QImage>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

#include "plan/Calibration.h"
#include "plan/PhasePlan.h"
#include "plan/Project.h"
#include "plan/ProjectEvaluation.h"

namespace gigaplan {

class AtomicFile;

/// One line of the bill of materials: what to buy or build, how many, and where the count comes from.
struct BillOfMaterialsItem {
  QString group;  ///< e.g. "Switches"
  QString item;   ///< e.g. "tier 1 (leaf)"
  double quantity = 0.0;
  QString unit;    ///< e.g. "switches"
  QString origin;  ///< the output path or "layout", so a reader can trace the number
};

/// One input the report lists as an assumption, with where its value comes from.
struct ReportAssumption {
  QString group;  ///< "Set in the project", "Hardware: <system>", "Key defaults"
  QString path;
  QString value;  ///< formatted; a choice input shows its name
  QString unit;
  QString source;
  QString confidence;
};

/// The PDF report of a project for executives, utilities and partners, and its CSV and JSON exports.
///
/// The project is evaluated once (the phase plan, the site after the last phase, the floor, the
/// calibration against published figures); the PDF, the bill of materials, the figures and the
/// scenario document are all written from that one evaluation, so they agree with each other.
/// A project without a layout is laid out with the default hall template first.
class ProjectReport {
 public:
  /// Called after each page is painted; returning false cancels the report and writes nothing.
  using Progress = std::function<bool(int donePages, int totalPages)>;

  /// Evaluates what the report shows. Nothing, with `error` naming the field and the problem, when
  /// the project does not evaluate or cannot be laid out.
  static std::optional<ProjectReport> prepare(const Project& project, QString* error);
  /// File › Export report: prepare and writePdf in one call. The desktop program passes a 3D
  /// view of the floor after each phase (the command line has no OpenGL; its report has the
  /// plans alone).
  static bool write(const Project& project, const QString& pdfPath, QString* error, const Progress& progress = {},
                    const std::vector<QImage>& floorSnapshots = {});

  /// 3D views of the floor, one per phase in phase order, shown under each phase's plan.
  void setFloorSnapshots(std::vector<QImage> snapshots) { floorSnapshots_ = std::move(snapshots); }
  const std::vector<QImage>& floorSnapshots() const { return floorSnapshots_; }

  /// Writes the A4 report atomically: a cancelled or failed report leaves no file (and an older file
  /// at the path untouched). Needs a QGuiApplication, for the fonts; any platform, offscreen included.
  bool writePdf(const QString& pdfPath, QString* error, const Progress& progress = {}) const;
  /// Writes the PDF into an opened file and prepares it (AtomicFile::prepare), leaving the commit
  /// to the caller: a command with several outputs commits them together.
  bool writePdf(AtomicFile& file, QString* error, const Progress& progress = {}) const;

  /// group,item,quantity,unit,origin: the report's bill of materials, one line per item.
  QString billOfMaterialsCsv() const;
  /// path,unit,meaning, then one column per phase: every output of the site after each phase.
  QString figuresCsv() const;
  /// The scenario document (Scenario::toJson) with the project's "phases" (PhasePlan::toJson),
  /// as `evaluate` and `phases` read it back.
  static QJsonObject scenarioJson(const Project& project);

  std::vector<BillOfMaterialsItem> billOfMaterials() const;
  std::vector<ReportAssumption> assumptions() const;

  const Project& project() const { return project_; }
  /// The evaluation everything is written from: the phase plan, the site's figures and its floor.
  const ProjectResult& result() const { return result_; }
  const PhasePlan& plan() const { return *result_.plan; }
  /// The whole site after the last phase: the figures of the executive summary and the bill of materials.
  const OutputValues& siteOutputs() const { return result_.evaluation.outputs; }
  const QList<CalibrationResult>& calibration() const { return calibration_; }
  /// GPUs in the racks marked for each tenant on the floor (TenantPlan::floorGpus: index 0 = no
  /// tenant, else 1 + the tenant's index), counted once; empty without tenants.
  const std::vector<double>& tenantFloorGpus() const { return tenantFloorGpus_; }
  /// The floor's failure analysis over kDefaultSimulatedYears site-years (as `failures` gives them).
  const std::optional<SimulatedYears>& simulatedYears() const { return simulatedYears_; }

  /// The report's number formats, one per kind of figure, so every page (and a test) writes a
  /// figure the same way: "1,000,000", "2,061.8 MW", "$62.55B" / "$456.7M" / "$2.13", "2025-09-09".
  static QString formatCount(double value);
  static QString formatMw(double mw);
  static QString formatUsd(double usd);
  static QString formatDate(const QDate& date);

 private:
  Project project_;
  ProjectResult result_;
  QList<CalibrationResult> calibration_;
  std::vector<double> tenantFloorGpus_;
  std::optional<SimulatedYears> simulatedYears_;
  std::vector<QImage> floorSnapshots_;
};

}  // namespace gigaplan
