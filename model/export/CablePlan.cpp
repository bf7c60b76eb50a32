#include "export/CablePlan.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>

#include "engine/FabricEstimator.h"
#include "engine/HardwareCatalog.h"
#include "files/AtomicFile.h"
#include "files/CsvText.h"
#include "layout/FloorPlaces.h"

namespace gigaplan {

QString mediumName(int reachClass) {
  static const char* names[] = {"DAC", "AEC", "multimode", "single-mode DR", "single-mode FR"};
  return QString::fromLatin1(names[std::clamp(reachClass, 0, 4)]);
}

namespace {

/// The length a cable of `lengthM` is bought in: the first stock length that reaches, else the
/// next 10 m (cut to order).
double stockLength(double lengthM, const std::vector<double>& stockLengthsM) {
  for (double stock : stockLengthsM)
    if (lengthM <= stock) return stock;
  return std::ceil(lengthM / 10.0) * 10.0;
}

/// What one device of a rack is called in its name: "node", "leaf", "spine", "core", "cdu".
QString deviceWord(RackRole role) {
  static const char* words[] = {"node", "leaf", "spine", "core", "cdu"};
  return QString::fromLatin1(words[static_cast<int>(role)]);
}

std::string csvBytes(const QString& text) {
  return csvField(text).toStdString();
}

}  // namespace

std::optional<CablePlan> CablePlan::of(const Project& project, const ProjectResult& result, QString* error,
                                       std::vector<double> stockLengthsM) {
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return std::optional<CablePlan>();
  };
  if (!result.plan) return fail(result.error.isEmpty() ? QStringLiteral("the project has no figures") : result.error);
  if (project.layout.racks.empty()) return fail(QStringLiteral("the project has no floor"));
  std::sort(stockLengthsM.begin(), stockLengthsM.end());
  const SiteLayout& layout = project.layout;
  const PhasePlan& plan = *result.plan;

  CablePlan cables;
  cables.layout_ = &layout;
  cables.stockLengthsM_ = std::move(stockLengthsM);
  const HardwareCatalog& catalog = HardwareCatalog::bundled();
  for (int r = 0; r < 5; ++r) {
    const QString chosen = project.scenario.opticModules[static_cast<std::size_t>(r)];
    const QString id = chosen.isEmpty() ? catalog.defaultOptic(static_cast<ReachClass>(r)) : chosen;
    const CatalogEntry* entry = catalog.optic(id);
    cables.partIds_[static_cast<std::size_t>(r)] = id;
    cables.partNames_[static_cast<std::size_t>(r)] = entry ? entry->name : id;
  }
  const std::array<double, 5> reachLimitM = LayoutEvaluation::reachLimits(project.scenario, catalog);

  const std::vector<int> firstSwitch = FloorPlaces::firstSwitchNumbers(layout);
  cables.racks_.resize(layout.racks.size());
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    RackInfo& info = cables.racks_[i];
    info.hall = layout.rows[static_cast<std::size_t>(rack.row)].hall;
    info.building = layout.halls[static_cast<std::size_t>(info.hall)].building;
    info.rowInHall = FloorPlaces::rowNumberInHall(layout, rack.row);
    info.slot = rack.slot + 1;
    info.role = rack.role;
    info.units = std::max<int>(rack.units, 1);
    info.firstDevice = rack.role == RackRole::Compute ? 1 : std::max(firstSwitch[i], 1);
  }

  for (GroupLinks& group : fabricLinks(project, result)) {
    const int fabric = static_cast<int>(group.group) + 1;
    const InputValues& inputs = plan.groupInputs[group.group];
    OutputValues outputs = plan.groupOutputs[group.group];
    const int planes = std::max(1, static_cast<int>(std::lround(valueOf(outputs, OutputId::networkPlanes))));

    // The figures these links give, by the rule the figures follow.
    const FabricCabling tally = FabricCabling::tally(group.pairs, reachLimitM);
    tally.applyTo(inputs, outputs);
    for (std::size_t t = 0; t < 4; ++t) cables.figures_.linksPerTier[t] += tally.tiers[t].links;
    cables.figures_.modules[2] += valueOf(outputs, OutputId::networkTransceiversMultimode);
    cables.figures_.modules[3] += valueOf(outputs, OutputId::networkTransceiversSinglemodeDr);
    cables.figures_.modules[4] += valueOf(outputs, OutputId::networkTransceiversSinglemodeFr);
    cables.figures_.copperCables += valueOf(outputs, OutputId::networkCablesCopper);
    cables.figures_.aecCables += valueOf(outputs, OutputId::networkCablesAec);
    cables.figures_.fiberCables += valueOf(outputs, OutputId::networkCablesFiber);
    cables.figures_.fiberKm += valueOf(outputs, OutputId::networkFiberKm);

    // Per tier and medium, each measured alone by the same rule (modules are counted per tier
    // and medium, so these add up to the figures).
    using namespace fabric_detail;
    auto in = [&](InputId id) -> const double& { return inputs[static_cast<std::size_t>(id)]; };
    const MediaShape<double> media = mediaShape<double>(in, valueOf(outputs, OutputId::networkLinkGbps),
                                                        valueOf(outputs, OutputId::networkUplinkGbps),
                                                        valueOf(outputs, OutputId::networkCoreLinkGbps));
    TierMedia tierMedia;
    for (std::size_t t = 0; t < 4; ++t) {
      const TierCabling& tc = tally.tiers[t];
      for (std::size_t m = 0; m < 5; ++m) {
        double links = tc.linksByReach[m];
        double lengthM = tc.lengthByReachM[m];
        if (m == 4) {
          links += tc.beyondReach;
          lengthM += tc.beyondLengthM;
        }
        if (links <= 0) continue;
        MediaTotals<double> alone;
        alone.add(static_cast<int>(t), static_cast<int>(m), links, lengthM, media, in);
        tierMedia.links[t][m] = links;
        tierMedia.lengthM[t][m] = lengthM;
        tierMedia.modules[t][m] = alone.modules[m];
        tierMedia.cables[t][m] = alone.cables[m];
      }
    }
    cables.tierMedia_.push_back(tierMedia);

    for (const RackPairLinks& pair : group.pairs) {
      const int reach = FabricCabling::reachClassOf(pair.lengthM, reachLimitM);
      Span span;
      span.fabric = fabric;
      span.links = pair;
      span.medium = reach >= 0 ? reach : 4;
      span.beyondReach = reach < 0;
      span.stockLengthM = stockLength(pair.lengthM, cables.stockLengthsM_);
      cables.spans_.push_back(span);
      cables.linkCount_ += pair.count;
      RackInfo& lower = cables.racks_[static_cast<std::size_t>(pair.a)];
      RackInfo& upper = cables.racks_[static_cast<std::size_t>(pair.b)];
      lower.upperEnds += pair.count;
      upper.lowerEnds += pair.count;
      lower.planes = upper.planes = planes;
      lower.longestM = std::max(lower.longestM, pair.lengthM);
      upper.longestM = std::max(upper.longestM, pair.lengthM);
    }
  }
  return cables;
}

bool CablePlan::forEachLink(const std::function<bool(const Link&)>& visit) const {
  // Ports are given in turn: per rack, the links to the tier above and those to the tier below.
  std::vector<std::int64_t> upNext(racks_.size(), 0), downNext(racks_.size(), 0);
  Link link;
  for (const Span& span : spans_) {
    link.span = &span;
    const auto a = static_cast<std::size_t>(span.links.a);
    const auto b = static_cast<std::size_t>(span.links.b);
    const RackInfo& lower = racks_[a];
    const RackInfo& upper = racks_[b];
    // A switch rack's ports to the tier above come after those to the tier below.
    const std::int64_t lowerDownPorts =
        lower.role == RackRole::Compute ? 0 : (lower.lowerEnds + lower.units - 1) / lower.units;
    // Links between the core switches of one rack go from one switch to another half the rack on.
    const int selfShift = a == b ? upper.units / 2 : 0;
    link.a.rack = span.links.a;
    link.z.rack = span.links.b;
    for (std::int64_t k = 0; k < span.links.count; ++k) {
      ++link.id;
      const std::int64_t up = upNext[a]++;
      link.a.device = lower.firstDevice + static_cast<int>(up % lower.units);
      link.a.port = static_cast<int>(lowerDownPorts + up / lower.units + 1);
      const std::int64_t down = downNext[b]++;
      link.z.device = upper.firstDevice + static_cast<int>((down + selfShift) % upper.units);
      link.z.port = static_cast<int>(down / upper.units + 1);
      link.plane = FloorPlaces::planeOfSwitch(link.z.device, upper.planes);
      if (!visit(link)) return false;
    }
  }
  return true;
}

QString CablePlan::rackName(int rack) const {
  const RackInfo& info = racks_[static_cast<std::size_t>(rack)];
  return QStringLiteral("%1 row %2 slot %3")
      .arg(layout_->halls[static_cast<std::size_t>(info.hall)].name)
      .arg(info.rowInHall)
      .arg(info.slot);
}

QString CablePlan::devicePrefix(int rack) const {
  const RackInfo& info = racks_[static_cast<std::size_t>(rack)];
  const QString& hall = layout_->halls[static_cast<std::size_t>(info.hall)].name;
  switch (info.role) {
    case RackRole::Compute:
    case RackRole::Cdu:
      return QStringLiteral("%1 %2 ").arg(rackName(rack), deviceWord(info.role));
    case RackRole::Leaf:
      return QStringLiteral("%1 row %2 leaf ").arg(hall).arg(info.rowInHall);
    case RackRole::Spine:
    case RackRole::Core:
      return QStringLiteral("%1 %2 ").arg(hall, deviceWord(info.role));
  }
  return {};
}

QString CablePlan::deviceName(const End& end) const {
  return devicePrefix(end.rack) + QString::number(end.device);
}

QString CablePlan::portName(const End& end, bool nic) {
  return (nic ? QStringLiteral("nic%1") : QStringLiteral("port%1")).arg(end.port);
}

std::pair<std::string, std::string> CablePlan::csvDeviceNameAround(int rack) const {
  // A name a CSV field must quote is quoted whole: the quote opens before the prefix and closes
  // after the number.
  const QString prefix = devicePrefix(rack);
  const QString field = csvField(prefix);
  if (field == prefix) return {prefix.toStdString(), {}};
  return {field.chopped(1).toStdString(), "\""};
}

bool CablePlan::isNicEnd(const End& end) const {
  return racks_[static_cast<std::size_t>(end.rack)].role == RackRole::Compute;
}

QStringList CablePlan::linkHeader() {
  return {QStringLiteral("link_id"),  QStringLiteral("fabric"),        QStringLiteral("tier"),
          QStringLiteral("plane"),    QStringLiteral("a_building"),    QStringLiteral("a_hall"),
          QStringLiteral("a_row"),    QStringLiteral("a_rack"),        QStringLiteral("a_device"),
          QStringLiteral("a_port"),   QStringLiteral("z_building"),    QStringLiteral("z_hall"),
          QStringLiteral("z_row"),    QStringLiteral("z_rack"),        QStringLiteral("z_device"),
          QStringLiteral("z_port"),   QStringLiteral("medium"),        QStringLiteral("part"),
          QStringLiteral("length_m"), QStringLiteral("stock_length_m")};
}

Sheet CablePlan::totalsSheet() const {
  Sheet sheet;
  sheet.name = QStringLiteral("totals");
  sheet.header = {QStringLiteral("what"),     QStringLiteral("tier"),           QStringLiteral("medium"),
                  QStringLiteral("part"),     QStringLiteral("stock_length_m"), QStringLiteral("links"),
                  QStringLiteral("length_m"), QStringLiteral("modules"),        QStringLiteral("cables"),
                  QStringLiteral("part_name")};
  const double blank = std::nan("");
  // By medium and the length cables are bought in.
  std::vector<std::array<double, 2>> byStock;  // links, metres, per (medium, stock length)
  std::vector<std::pair<int, double>> keys;
  for (const Span& span : spans_) {
    const std::pair<int, double> key{span.medium, span.stockLengthM};
    auto at = std::lower_bound(keys.begin(), keys.end(), key);
    const auto index = static_cast<std::size_t>(at - keys.begin());
    if (at == keys.end() || *at != key) {
      keys.insert(at, key);
      byStock.insert(byStock.begin() + static_cast<std::ptrdiff_t>(index), {0.0, 0.0});
    }
    byStock[index][0] += static_cast<double>(span.links.count);
    byStock[index][1] += static_cast<double>(span.links.count) * span.links.lengthM;
  }
  for (std::size_t k = 0; k < keys.size(); ++k)
    sheet.rows.push_back({QStringLiteral("by medium and stock length"), blank, mediumName(keys[k].first),
                          partIds_[static_cast<std::size_t>(keys[k].first)], keys[k].second, byStock[k][0],
                          byStock[k][1], blank, blank, partNames_[static_cast<std::size_t>(keys[k].first)]});
  // By tier and medium, with the modules and cables the figures count for them.
  for (std::size_t t = 0; t < 4; ++t)
    for (std::size_t m = 0; m < 5; ++m) {
      double links = 0, lengthM = 0, modules = 0, cableCount = 0;
      for (const TierMedia& fabric : tierMedia_) {
        links += fabric.links[t][m];
        lengthM += fabric.lengthM[t][m];
        modules += fabric.modules[t][m];
        cableCount += fabric.cables[t][m];
      }
      if (links <= 0) continue;
      sheet.rows.push_back({QStringLiteral("by tier and medium"), static_cast<double>(t + 1),
                            mediumName(static_cast<int>(m)), partIds_[m], blank, links, lengthM,
                            m >= 2 ? modules : blank, cableCount, partNames_[m]});
    }
  // The site's figures, as the links give them.
  auto figure = [&](const QString& what, double tier, const QString& medium, double links, double lengthM,
                    double modules, double cableCount) {
    sheet.rows.push_back({what, tier, medium, QString(), blank, links, lengthM, modules, cableCount, QString()});
  };
  for (std::size_t t = 0; t < 4; ++t)
    figure(QStringLiteral("links of tier %1 (%2)").arg(t + 1).arg(fabricTierName(static_cast<int>(t))),
           static_cast<double>(t + 1), QString(), figures_.linksPerTier[t], blank, blank, blank);
  for (int m = 2; m < 5; ++m)
    figure(QStringLiteral("transceiver modules, %1").arg(mediumName(m)), blank, mediumName(m), blank, blank,
           figures_.modules[static_cast<std::size_t>(m)], blank);
  figure(QStringLiteral("copper cables"), blank, mediumName(0), blank, blank, blank, figures_.copperCables);
  figure(QStringLiteral("active electrical cables"), blank, mediumName(1), blank, blank, blank, figures_.aecCables);
  figure(QStringLiteral("fibre cables"), blank, QString(), blank, figures_.fiberKm * 1e3, blank, figures_.fiberCables);
  return sheet;
}

Sheet CablePlan::racksSheet() const {
  Sheet sheet;
  sheet.name = QStringLiteral("racks");
  sheet.header = {QStringLiteral("rack_id"),  QStringLiteral("rack"),          QStringLiteral("building"),
                  QStringLiteral("hall"),     QStringLiteral("row"),           QStringLiteral("slot"),
                  QStringLiteral("role"),     QStringLiteral("devices"),       QStringLiteral("links_down"),
                  QStringLiteral("links_up"), QStringLiteral("longest_link_m")};
  for (std::size_t i = 0; i < racks_.size(); ++i) {
    const RackInfo& info = racks_[i];
    if (info.lowerEnds + info.upperEnds == 0) continue;
    sheet.rows.push_back({static_cast<double>(layout_->racks[i].id), rackName(static_cast<int>(i)),
                          layout_->buildings[static_cast<std::size_t>(info.building)].name,
                          layout_->halls[static_cast<std::size_t>(info.hall)].name, static_cast<double>(info.rowInHall),
                          static_cast<double>(info.slot), rackRoleName(info.role), static_cast<double>(info.units),
                          static_cast<double>(info.lowerEnds), static_cast<double>(info.upperEnds), info.longestM});
  }
  return sheet;
}

namespace {

QByteArray sheetCsv(const Sheet& sheet) {
  QString csv;
  QStringList header;
  for (const QString& name : sheet.header) header << csvField(name);
  csv += header.join(QLatin1Char(',')) + QLatin1Char('\n');
  for (const auto& row : sheet.rows) {
    QStringList line;
    for (const Sheet::Cell& cell : row) {
      if (const double* value = std::get_if<double>(&cell)) {
        line << shortestText(*value);
      } else {
        line << csvField(std::get<QString>(cell));
      }
    }
    csv += line.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return csv.toUtf8();
}

/// Reports progress every this many links.
constexpr std::int64_t kProgressEvery = 1 << 16;

}  // namespace

bool CablePlan::writeCsv(AtomicFile& links, AtomicFile& totals, AtomicFile& racks,
                         const ExportProgress& progress) const {
  // Each rack's place and each device's name are formatted once; a link only adds its numbers.
  struct RackText {
    std::string place;        ///< building,hall,row,slot
    std::string deviceOpen;   ///< the device's name up to its number (quoted when it must be)
    std::string deviceClose;  ///< what closes the name after the number
    std::string portPrefix;   ///< "nic" or "port"
  };
  std::vector<RackText> text(racks_.size());
  for (std::size_t i = 0; i < racks_.size(); ++i) {
    const RackInfo& info = racks_[i];
    if (info.lowerEnds + info.upperEnds == 0) continue;
    RackText& t = text[i];
    t.place = csvBytes(layout_->buildings[static_cast<std::size_t>(info.building)].name) + ',' +
              csvBytes(layout_->halls[static_cast<std::size_t>(info.hall)].name) + ',' +
              std::to_string(info.rowInHall) + ',' + std::to_string(info.slot);
    std::tie(t.deviceOpen, t.deviceClose) = csvDeviceNameAround(static_cast<int>(i));
    t.portPrefix = info.role == RackRole::Compute ? "nic" : "port";
  }
  std::vector<std::string> spanTail(spans_.size());
  for (std::size_t s = 0; s < spans_.size(); ++s) {
    const Span& span = spans_[s];
    std::string& tail = spanTail[s];
    tail =
        ',' + csvBytes(mediumName(span.medium)) + ',' + csvBytes(partIds_[static_cast<std::size_t>(span.medium)]) + ',';
    appendShortest(tail, span.links.lengthM);
    tail += ',';
    appendShortest(tail, span.stockLengthM);
    tail += '\n';
  }

  // Rows are formatted on a second thread while this one writes them out: formatting and the
  // writes overlap. At most kBuffers buffers of about kFlushAt bytes are in flight.
  constexpr std::size_t kFlushAt = 4 << 20;
  constexpr std::size_t kBuffers = 3;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::pair<std::string, std::int64_t>> ready;  // bytes and the last link id in them
  std::vector<std::string> spare;
  bool formatted = false, stop = false;
  for (std::size_t i = 0; i < kBuffers; ++i) spare.emplace_back().reserve(kFlushAt + 4096);

  auto takeSpare = [&](std::string& buffer) {  // false once the writer has stopped
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return stop || !spare.empty(); });
    if (stop) return false;
    buffer = std::move(spare.back());
    spare.pop_back();
    buffer.clear();
    return true;
  };
  auto hand = [&](std::string& buffer, std::int64_t lastId) {
    {
      const std::lock_guard lock(mutex);
      ready.emplace_back(std::move(buffer), lastId);
    }
    changed.notify_all();
  };
  std::thread formatter([&] {
    std::string buffer;
    if (!takeSpare(buffer)) return;
    buffer = linkHeader().join(QLatin1Char(',')).toStdString() + '\n';
    const Span* first = spans_.empty() ? nullptr : spans_.data();
    const bool complete = forEachLink([&](const Link& link) {
      const RackText& a = text[static_cast<std::size_t>(link.a.rack)];
      const RackText& z = text[static_cast<std::size_t>(link.z.rack)];
      // One end: building,hall,row,slot,device,port.
      auto appendEnd = [&buffer](const RackText& rack, const End& end) {
        buffer += rack.place;
        buffer += ',';
        buffer += rack.deviceOpen;
        appendWhole(buffer, end.device);
        buffer += rack.deviceClose;
        buffer += ',';
        buffer += rack.portPrefix;
        appendWhole(buffer, end.port);
      };
      appendWhole(buffer, link.id);
      buffer += ',';
      appendWhole(buffer, link.span->fabric);
      buffer += ',';
      appendWhole(buffer, link.span->links.tier + 1);
      buffer += ',';
      appendWhole(buffer, link.plane);
      buffer += ',';
      appendEnd(a, link.a);
      buffer += ',';
      appendEnd(z, link.z);
      buffer += spanTail[static_cast<std::size_t>(link.span - first)];
      if (buffer.size() < kFlushAt) return true;
      hand(buffer, link.id);
      return takeSpare(buffer);
    });
    if (complete) hand(buffer, linkCount_);
    {
      const std::lock_guard lock(mutex);
      formatted = true;
    }
    changed.notify_all();
  });

  const auto total = static_cast<double>(std::max<std::int64_t>(linkCount_, 1));
  bool ok = true;
  for (;;) {
    std::pair<std::string, std::int64_t> chunk;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return !ready.empty() || formatted; });
      if (ready.empty()) break;
      chunk = std::move(ready.front());
      ready.pop_front();
    }
    ok = links.write(QByteArray::fromRawData(chunk.first.data(), static_cast<qsizetype>(chunk.first.size()))) &&
         (!progress || progress(static_cast<double>(chunk.second) / total));
    {
      const std::lock_guard lock(mutex);
      spare.push_back(std::move(chunk.first));
      if (!ok) stop = true;
    }
    changed.notify_all();
    if (!ok) break;
  }
  formatter.join();
  if (!ok) return false;
  return totals.write(sheetCsv(totalsSheet())) && racks.write(sheetCsv(racksSheet()));
}

bool CablePlan::writeXlsx(AtomicFile& file, const ExportProgress& progress, QString* error) const {
  WorkbookStream workbook(file.temporaryPath());
  const QStringList header = linkHeader();
  int sheets = 0;
  const auto total = static_cast<double>(std::max<std::int64_t>(linkCount_, 1));
  bool cancelled = false;
  auto endPlace = [&](int column, const End& end) {
    const RackInfo& info = racks_[static_cast<std::size_t>(end.rack)];
    workbook.text(column, layout_->buildings[static_cast<std::size_t>(info.building)].name);
    workbook.text(column + 1, layout_->halls[static_cast<std::size_t>(info.hall)].name);
    workbook.number(column + 2, info.rowInHall);
    workbook.number(column + 3, info.slot);
    workbook.text(column + 4, deviceName(end));
    workbook.text(column + 5, portName(end, info.role == RackRole::Compute));
  };
  std::array<QByteArray, 5> medium, part;
  for (int m = 0; m < 5; ++m) {
    medium[static_cast<std::size_t>(m)] = mediumName(m).toUtf8();
    part[static_cast<std::size_t>(m)] = partIds_[static_cast<std::size_t>(m)].toUtf8();
  }
  const bool complete = forEachLink([&](const Link& link) {
    if (sheets == 0 || workbook.rows() >= WorkbookStream::kMaxRows) {
      ++sheets;
      if (!workbook.beginSheet(sheets == 1 ? QStringLiteral("links") : QStringLiteral("links %1").arg(sheets), header))
        return false;
    }
    const auto m = static_cast<std::size_t>(link.span->medium);
    workbook.number(0, static_cast<double>(link.id));
    workbook.number(1, link.span->fabric);
    workbook.number(2, link.span->links.tier + 1);
    workbook.number(3, link.plane);
    endPlace(4, link.a);
    endPlace(10, link.z);
    workbook.text(16, medium[m].constData());
    workbook.text(17, part[m].constData());
    workbook.number(18, link.span->links.lengthM);
    workbook.number(19, link.span->stockLengthM);
    workbook.endRow();
    if (link.id % kProgressEvery == 0 && progress && !progress(static_cast<double>(link.id) / total)) {
      cancelled = true;
      return false;
    }
    return true;
  });
  if (complete && sheets == 0) workbook.beginSheet(QStringLiteral("links"), header);
  if (complete)
    for (const Sheet& sheet : {totalsSheet(), racksSheet()}) {
      if (!workbook.beginSheet(sheet.name, sheet.header)) break;
      for (const auto& row : sheet.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) workbook.cell(static_cast<int>(c), row[c]);
        workbook.endRow();
      }
    }
  QString why;
  const bool closed = workbook.close(&why);
  if (!complete || !closed) {
    if (error) *error = cancelled ? QStringLiteral("cancelled") : why;
    return false;
  }
  return true;
}

}  // namespace gigaplan
