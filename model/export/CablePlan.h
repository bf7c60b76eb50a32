#pragma once

#include <QString>
#include <QStringList>
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "export/Spreadsheet.h"
#include "plan/ProjectEvaluation.h"

namespace gigaplan {

class AtomicFile;

/// Called now and then with the share of the work done (0 to 1); false cancels it.
using ExportProgress = std::function<bool(double done)>;

/// Lengths cables are bought in, in metres, shortest first: the lengths DAC and AEC cables are
/// stocked in (0.5 to 7 m) and the common lengths of factory-terminated fibre patch and trunk
/// cables (10 to 100 m); a link longer than the last is a cable cut to order in 10 m steps.
/// Overridable (gigaplan-cli export --cable-lengths).
inline const std::vector<double> kStockCableLengthsM = {0.5, 1,  1.5, 2,  2.5, 3,  5,  7,  10,
                                                        15,  20, 25,  30, 40,  50, 60, 75, 100};

/// The cable plan of the project's floor: every fabric link the figures count, one by one, with
/// both ends down to the device and port, its medium, part and routed length. Built from the same
/// links as the figures (fabricLinks: FabricCabling::rackPairs of each group of systems on its
/// buildings), so its counts per tier, modules and fibre length are the figures'.
///
/// Devices are named as the workspace names them: a compute rack's nodes "B1-H2 row 3 slot 7 node 2",
/// switches "B1-H2 row 3 leaf 4", "B1-H2 spine 12", "B1-H2 core 3" (leaves numbered along their
/// row, spines and cores along their hall, as the Failures dock does). Ports are given in turn: a
/// rack's links go to its devices one after another, each device's ports from 1 (a node's NIC
/// ports "nic1".., a switch's "port1"..; a switch's ports to the tier below first, then those to
/// the tier above).
class CablePlan {
 public:
  /// The plan of a project with figures and a floor; nothing, with `error`, otherwise.
  static std::optional<CablePlan> of(const Project& project, const ProjectResult& result, QString* error,
                                     std::vector<double> stockLengthsM = kStockCableLengthsM);

  /// One end of a link: a rack (index into the floor's racks), a device in it by the number in its
  /// name, and the port from 1.
  struct End {
    int rack = -1;
    int device = 0;
    int port = 0;
  };
  /// The links between two racks, all of one length, medium and part.
  struct Span {
    int fabric = 0;  ///< the group of systems, from 1 (a phased site has one fabric per group)
    RackPairLinks links;
    int medium = 0;             ///< ReachClass
    bool beyondReach = false;   ///< longer than the medium's reach (a finding of the floor)
    double stockLengthM = 0.0;  ///< the length the cable is bought in
  };
  struct Link {
    std::int64_t id = 0;  ///< from 1, in plan order
    int plane = 1;        ///< the plane of the upper end's switch
    End a;                ///< the lower end: a node's NIC (tier 1) or a switch
    End z;                ///< the upper end: a switch
    const Span* span = nullptr;
  };

  std::int64_t linkCount() const { return linkCount_; }
  const std::vector<Span>& spans() const { return spans_; }
  /// Calls `visit` for every link in plan order (fabric, tier, then floor order); stops and returns
  /// false as soon as it does.
  bool forEachLink(const std::function<bool(const Link&)>& visit) const;

  QString rackName(int rack) const;          ///< "B1-H2 row 3 slot 7"
  QString deviceName(const End& end) const;  ///< its prefix and its number
  /// A rack's device names up to their number: "B1-H2 row 3 slot 7 node ", "B1-H2 spine ".
  QString devicePrefix(int rack) const;
  static QString portName(const End& end, bool nic);
  /// The CSV field of a rack's device names split around the device's number (quoted as a whole
  /// when the name needs it), so that writers of millions of rows format each name once.
  std::pair<std::string, std::string> csvDeviceNameAround(int rack) const;
  bool isNicEnd(const End& end) const;  ///< a compute rack's node

  /// The figures the links give, fabric by fabric as the figures count them (FabricCabling and its
  /// media rule) and summed: links per tier, modules, cables and fibre length.
  struct Figures {
    std::array<double, 4> linksPerTier{};
    std::array<double, 5> modules{};  ///< transceiver modules by ReachClass (optical classes only)
    double copperCables = 0, aecCables = 0, fiberCables = 0, fiberKm = 0;
  };
  const Figures& figures() const { return figures_; }

  /// The sheets: every link; the totals per medium and length class, per tier and medium, and the
  /// figures above; every rack with links. Numbers as numbers.
  static QStringList linkHeader();
  Sheet totalsSheet() const;
  Sheet racksSheet() const;

  /// The links as CSV to `links`, the totals and racks to the other two: written through the
  /// files, which the caller prepares and commits. False when cancelled or a write fails.
  bool writeCsv(AtomicFile& links, AtomicFile& totals, AtomicFile& racks, const ExportProgress& progress) const;
  /// The workbook (sheets links, totals, racks; links beyond a sheet's million rows go on to
  /// "links 2" and on) to `file`'s temporary path; false with `error` when cancelled or it fails.
  bool writeXlsx(AtomicFile& file, const ExportProgress& progress, QString* error) const;

  /// What the plan knows of each rack of the floor (by index).
  struct RackInfo {
    int building = 0, hall = 0, rowInHall = 0, slot = 0;
    RackRole role = RackRole::Compute;
    int units = 0;
    int firstDevice = 1;  ///< a switch rack's first switch number; 1 for a compute rack's nodes
    int planes = 1;
    std::int64_t lowerEnds = 0;  ///< links whose upper end is here (ports to the tier below)
    std::int64_t upperEnds = 0;  ///< links whose lower end is here
    double longestM = 0.0;
  };
  const std::vector<RackInfo>& racks() const { return racks_; }

 private:
  const SiteLayout* layout_ = nullptr;
  std::vector<RackInfo> racks_;
  std::vector<Span> spans_;
  std::vector<double> stockLengthsM_;
  std::array<QString, 5> partIds_;    ///< the catalog part of each medium, by its id
  std::array<QString, 5> partNames_;  ///< and by its name
  std::int64_t linkCount_ = 0;
  Figures figures_;
  /// Per medium and stock length: links and length; per tier and medium: links, length, modules
  /// and cables, fabric by fabric.
  struct TierMedia {
    std::array<std::array<double, 5>, 4> links{}, lengthM{}, modules{}, cables{};
  };
  std::vector<TierMedia> tierMedia_;
};

/// The name of a reach class as a cable plan gives the medium: "DAC", "AEC", "multimode",
/// "single-mode DR", "single-mode FR".
QString mediumName(int reachClass);

}  // namespace gigaplan
