#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

#include "export/CablePlan.h"

namespace gigaplan {

/// The exports asked for together; an empty path asks for none of that kind.
struct ExportRequest {
  /// The cable plan: X.csv (with X-totals.csv and X-racks.csv beside it) or X.xlsx (one workbook).
  QString cables;
  QString netbox;    ///< a folder: NetBox's bulk import (NetBoxExport)
  QString simai;     ///< SimAI's topology; a site of several fabrics gets X-fabric1.txt, X-fabric2.txt, ...
  QString astraSim;  ///< a folder: network.yml and topology.txt, in DIR/fabric-N/ for several fabrics
  QString gltf;      ///< the floor as glTF binary
  std::vector<double> stockLengthsM = kStockCableLengthsM;

  bool empty() const {
    return cables.isEmpty() && netbox.isEmpty() && simai.isEmpty() && astraSim.isEmpty() && gltf.isEmpty();
  }
};

struct ExportOutcome {
  QString field;  ///< what failed: "cables", "netbox", "simai", "astra-sim", "gltf"; empty when all were written
  QString error;  ///< why it failed (naming the file and the cause)
  bool cancelled = false;
  QStringList written;  ///< a line per output: where it went and what it holds
  bool ok() const { return field.isEmpty() && !cancelled; }
};

/// Writes every export of `request` from the project's evaluation: all of them whole, or none
/// (each file is prepared before any replaces its target; folders made for them are removed
/// again when they fail). `refuse(path)` says why an output may not go to `path` (the caller's
/// rule: a project, its own input), or nothing; a file named twice is refused here.
/// `progress(task, done)` hears of the long parts; false cancels.
ExportOutcome exportPlan(const Project& project, const ProjectResult& result, const ExportRequest& request,
                         const std::function<QString(const QString& path)>& refuse,
                         const std::function<bool(const QString& task, double done)>& progress);

/// "plan.csv" -> "plan-totals.csv": the cable plan's other tables beside its links.
QString cablePlanSibling(const QString& path, const QString& table);

}  // namespace gigaplan
