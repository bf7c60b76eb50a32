#include "export/NetBoxExport.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "engine/HardwareCatalog.h"
#include "files/CsvText.h"
#include "layout/FloorPalette.h"

namespace gigaplan::NetBoxExport {

namespace {

/// Who makes hardware the catalog does not name a maker for.
const QString kGenericMaker = QStringLiteral("Generic");

QString yamlText(const QString& text) {
  QString quoted = text;
  quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvLine(const QStringList& fields) {
  QStringList quoted;
  for (const QString& field : fields) quoted << csvField(field);
  return quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
}

/// A device type in the device-type library's YAML.
struct DeviceType {
  QString manufacturer, model, slug, comments;
  double uHeight = 1;
  QString interfaceType;
  QString interfacePrefix;  ///< "nic" or "port"
  int interfaces = 0;
  QString subdeviceRole;  ///< "parent" (a rack-scale system with bays), "child" (a tray in one), or none
  int deviceBays = 0;     ///< a parent's bays, "tray 1" ...

  QByteArray yaml() const {
    QString text;
    text += QStringLiteral("---\nmanufacturer: %1\nmodel: %2\nslug: %3\nu_height: %4\nis_full_depth: true\n")
                .arg(yamlText(manufacturer), yamlText(model), yamlText(slug), QString::number(uHeight));
    text += QStringLiteral("airflow: front-to-rear\ncomments: %1\n").arg(yamlText(comments));
    if (!subdeviceRole.isEmpty()) text += QStringLiteral("subdevice_role: %1\n").arg(subdeviceRole);
    if (deviceBays > 0) {
      text += QStringLiteral("device-bays:\n");
      for (int b = 1; b <= deviceBays; ++b) text += QStringLiteral("  - name: %1\n").arg(yamlText(trayBay(b)));
    }
    if (interfaces > 0) {
      text += QStringLiteral("interfaces:\n");
      for (int i = 1; i <= interfaces; ++i)
        text += QStringLiteral("  - name: %1%2\n    type: %3\n").arg(interfacePrefix).arg(i).arg(interfaceType);
    }
    return text.toUtf8();
  }
  QString path() const { return QStringLiteral("device-types/%1/%2.yaml").arg(manufacturer, slug); }
  static QString trayBay(int tray) { return QStringLiteral("tray %1").arg(tray); }
};

/// A rack-scale system: its scale-up domain spans the rack's nodes (GB200 NVL72: 72 GPUs in 18
/// trays). NetBox holds it as one device filling the rack, its trays in bays.
bool isRackScale(const CatalogEntry* system, int nodesPerRack) {
  if (!system || nodesPerRack <= 1) return false;
  const double domain = system->values.value(InputId::systemGpusPerScaleUpDomain).value;
  const double perNode = system->values.value(InputId::systemGpusPerNode).value;
  return perNode > 0 && domain >= perNode * nodesPerRack;
}

/// The height each of `count` devices takes when they share a rack evenly: whole units, at least 1.
int unitsEach(int count) {
  return std::max(1, NetBoxExport::kRackUnits / std::max(count, 1));
}

/// Each rack role's device role in NetBox, and its colour there (the floor's colours for roles).
QString roleName(RackRole role) {
  static const char* names[] = {"Compute node", "Leaf switch", "Spine switch", "Core switch",
                                "Coolant distribution unit"};
  return QString::fromLatin1(names[static_cast<int>(role)]);
}

QString roleColour(RackRole role) {
  const PaletteColour colour = rackRoleColour(role);
  return QStringLiteral("%1%2%3")
      .arg(colour.red, 2, 16, QLatin1Char('0'))
      .arg(colour.green, 2, 16, QLatin1Char('0'))
      .arg(colour.blue, 2, 16, QLatin1Char('0'));
}

}  // namespace

QString slugOf(const QString& text) {
  QString slug = text.toLower();
  slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]+")), QStringLiteral("-"));
  while (slug.startsWith(QLatin1Char('-'))) slug.remove(0, 1);
  while (slug.endsWith(QLatin1Char('-'))) slug.chop(1);
  return slug.left(100);
}

QString interfaceType(double gbps) {
  if (gbps == 100) return QStringLiteral("100gbase-x-qsfp28");
  if (gbps == 200) return QStringLiteral("200gbase-x-qsfp56");
  if (gbps == 400) return QStringLiteral("400gbase-x-osfp");
  if (gbps == 800) return QStringLiteral("800gbase-x-osfp");
  if (gbps == 1600) return QStringLiteral("1.6tbase-x-osfp1600");
  return QStringLiteral("other");
}

QString cableType(int reachClass) {
  switch (static_cast<ReachClass>(reachClass)) {
    case ReachClass::Copper:
      return QStringLiteral("dac-passive");
    case ReachClass::Aec:
      return QStringLiteral("dac-active");
    case ReachClass::Multimode:
      return QStringLiteral("mmf-om4");
    case ReachClass::SinglemodeDr:
    case ReachClass::SinglemodeFr:
      return QStringLiteral("smf-os2");
  }
  return QStringLiteral("other");
}

std::vector<std::pair<QString, QByteArray>> tables(const Project& project, const ProjectResult& result,
                                                   const CablePlan& plan) {
  const SiteLayout& layout = project.layout;
  const HardwareCatalog& catalog = HardwareCatalog::bundled();
  const std::vector<CablePlan::RackInfo>& racks = plan.racks();
  const QString site = project.scenario.name.isEmpty() ? QStringLiteral("Gigaplan site") : project.scenario.name;

  // The ports the plan uses: each system's nodes' NIC ports, the switches' ports.
  std::vector<int> nicPorts(layout.systemTypes.size(), 0);
  int switchPorts = 0;
  plan.forEachLink([&](const CablePlan::Link& link) {
    const Rack& lower = layout.racks[static_cast<std::size_t>(link.a.rack)];
    if (lower.role == RackRole::Compute) {
      int& most = nicPorts[std::min<std::size_t>(lower.system, nicPorts.size() - 1)];
      most = std::max(most, link.a.port);
    } else {
      switchPorts = std::max(switchPorts, link.a.port);
    }
    switchPorts = std::max(switchPorts, link.z.port);
    return true;
  });
  const OutputValues& site_outputs = result.evaluation.outputs;
  const QString portType = interfaceType(valueOf(site_outputs, OutputId::networkLinkGbps));

  // Device types: a node of each system on the floor (a tray, in a rack-scale system's bay), the
  // rack-scale systems, the switch, the CDU.
  std::vector<DeviceType> nodeTypes;
  std::vector<std::optional<DeviceType>> rackScaleTypes;
  std::vector<int> nodesPerRack(layout.systemTypes.size(), 1);
  for (const Rack& rack : layout.racks)
    if (rack.role == RackRole::Compute && rack.system < nodesPerRack.size())
      nodesPerRack[rack.system] = std::max<int>(nodesPerRack[rack.system], rack.units);
  for (std::size_t s = 0; s < nodesPerRack.size(); ++s) {
    const CatalogEntry* system = catalog.system(layout.systemTypes[static_cast<qsizetype>(s)]);
    DeviceType type;
    type.manufacturer = system && !system->manufacturer.isEmpty() ? system->manufacturer : kGenericMaker;
    type.model = (system ? system->name : layout.systemTypes[static_cast<qsizetype>(s)]) + QStringLiteral(", node");
    type.slug = slugOf(layout.systemTypes[static_cast<qsizetype>(s)] + QStringLiteral("-node"));
    type.uHeight = unitsEach(nodesPerRack[s]);
    // The NIC links of the system's own fabric (the first group of systems of its type).
    double linkGbps = valueOf(site_outputs, OutputId::networkLinkGbps);
    if (result.plan)
      for (std::size_t g = result.plan->groups.size(); g-- > 0;)
        if (result.plan->groups[g].systemType == layout.systemTypes[static_cast<qsizetype>(s)])
          linkGbps = valueOf(result.plan->groupOutputs[g], OutputId::networkLinkGbps);
    type.interfaceType = interfaceType(linkGbps);
    type.interfacePrefix = QStringLiteral("nic");
    type.interfaces = nicPorts[s];
    type.comments =
        QStringLiteral("One of the %1 nodes of a rack of this system, with its fabric NIC ports.").arg(nodesPerRack[s]);
    std::optional<DeviceType> whole;
    if (isRackScale(system, nodesPerRack[s])) {
      type.model = system->name + QStringLiteral(", compute tray");
      type.uHeight = 0;  // a tray sits in its system's bay, not in the rack's units
      type.subdeviceRole = QStringLiteral("child");
      whole = DeviceType{};
      whole->manufacturer = type.manufacturer;
      whole->model = system->name;
      whole->slug = slugOf(layout.systemTypes[static_cast<qsizetype>(s)]);
      whole->uHeight = NetBoxExport::kRackUnits;
      whole->subdeviceRole = QStringLiteral("parent");
      whole->deviceBays = nodesPerRack[s];
      whole->comments =
          QStringLiteral("The rack-scale system: %1 compute trays in bays, one scale-up domain.").arg(nodesPerRack[s]);
    }
    nodeTypes.push_back(type);
    rackScaleTypes.push_back(whole);
  }
  const CatalogEntry* switchEntry = catalog.switchModel(project.scenario.switchModel);
  int switchesPerRack = 1;
  for (const Rack& rack : layout.racks)
    if (rack.role != RackRole::Compute && rack.role != RackRole::Cdu)
      switchesPerRack = std::max<int>(switchesPerRack, rack.units);
  DeviceType switchType;
  switchType.manufacturer =
      switchEntry && !switchEntry->manufacturer.isEmpty() ? switchEntry->manufacturer : kGenericMaker;
  switchType.model = switchEntry ? switchEntry->name : project.scenario.switchModel;
  switchType.slug = slugOf(project.scenario.switchModel);
  switchType.uHeight = unitsEach(switchesPerRack);
  switchType.interfaceType = portType;
  switchType.interfacePrefix = QStringLiteral("port");
  switchType.interfaces =
      std::max(switchPorts, static_cast<int>(std::lround(valueOf(site_outputs, OutputId::networkEffectiveRadix))));
  switchType.comments = QStringLiteral("Fabric switch; ports at the fabric's link speed.");
  DeviceType cduType;
  cduType.manufacturer = kGenericMaker;
  cduType.model = QStringLiteral("Coolant distribution unit, in-row");
  cduType.slug = QStringLiteral("in-row-cdu");
  cduType.uHeight = NetBoxExport::kRackUnits;
  cduType.comments = QStringLiteral("An in-row CDU taking a rack position.");

  std::vector<std::pair<QString, QByteArray>> files;
  QSet<QString> makers;
  for (const DeviceType* type : {&switchType, &cduType}) makers << type->manufacturer;
  for (const DeviceType& type : nodeTypes) makers << type.manufacturer;
  QStringList makerList = makers.values();
  makerList.sort();
  QString manufacturers = csvLine({QStringLiteral("name"), QStringLiteral("slug")});
  for (const QString& maker : makerList) manufacturers += csvLine({maker, slugOf(maker)});
  files.emplace_back(QStringLiteral("manufacturers.csv"), manufacturers.toUtf8());
  QString roles = csvLine({QStringLiteral("name"), QStringLiteral("slug"), QStringLiteral("color")});
  for (RackRole role : {RackRole::Compute, RackRole::Leaf, RackRole::Spine, RackRole::Core, RackRole::Cdu})
    roles += csvLine({roleName(role), slugOf(roleName(role)), roleColour(role)});
  roles += csvLine(
      {QStringLiteral("Rack-scale system"), QStringLiteral("rack-scale-system"), roleColour(RackRole::Compute)});
  files.emplace_back(QStringLiteral("device-roles.csv"), roles.toUtf8());
  for (const DeviceType& type : nodeTypes) files.emplace_back(type.path(), type.yaml());
  for (const auto& type : rackScaleTypes)
    if (type) files.emplace_back(type->path(), type->yaml());
  files.emplace_back(switchType.path(), switchType.yaml());
  files.emplace_back(cduType.path(), cduType.yaml());

  files.emplace_back(QStringLiteral("sites.csv"),
                     (csvLine({QStringLiteral("name"), QStringLiteral("slug"), QStringLiteral("status")}) +
                      csvLine({site, slugOf(site), QStringLiteral("planned")}))
                         .toUtf8());
  QString locations = csvLine({QStringLiteral("name"), QStringLiteral("slug"), QStringLiteral("site"),
                               QStringLiteral("parent"), QStringLiteral("status")});
  for (const Building& building : layout.buildings)
    locations += csvLine({building.name, slugOf(building.name), site, QString(), QStringLiteral("planned")});
  for (const Hall& hall : layout.halls)
    locations += csvLine({hall.name, slugOf(hall.name), site,
                          layout.buildings[static_cast<std::size_t>(hall.building)].name, QStringLiteral("planned")});
  files.emplace_back(QStringLiteral("locations.csv"), locations.toUtf8());

  QString rackCsv = csvLine({QStringLiteral("name"), QStringLiteral("site"), QStringLiteral("location"),
                             QStringLiteral("status"), QStringLiteral("width"), QStringLiteral("u_height"),
                             QStringLiteral("facility_id"), QStringLiteral("description")});
  QString devices = csvLine({QStringLiteral("name"), QStringLiteral("role"), QStringLiteral("manufacturer"),
                             QStringLiteral("device_type"), QStringLiteral("site"), QStringLiteral("location"),
                             QStringLiteral("rack"), QStringLiteral("position"), QStringLiteral("face"),
                             QStringLiteral("status"), QStringLiteral("parent"), QStringLiteral("device_bay")});
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    const CablePlan::RackInfo& info = racks[i];
    const QString hall = layout.halls[static_cast<std::size_t>(info.hall)].name;
    const QString rackName = plan.rackName(static_cast<int>(i));
    rackCsv += csvLine({rackName, site, hall, QStringLiteral("planned"), QStringLiteral("19"),
                        QString::number(NetBoxExport::kRackUnits), QString::number(rack.id),
                        QStringLiteral("row %1, slot %2").arg(info.rowInHall).arg(info.slot)});
    const DeviceType& type = rack.role == RackRole::Compute
                                 ? nodeTypes[std::min<std::size_t>(rack.system, nodeTypes.size() - 1)]
                             : rack.role == RackRole::Cdu ? cduType
                                                          : switchType;
    const int count = rack.role == RackRole::Cdu ? 1 : rack.units;
    // A rack-scale system fills its rack; its trays go in its bays.
    const std::optional<DeviceType>* whole =
        rack.role == RackRole::Compute ? &rackScaleTypes[std::min<std::size_t>(rack.system, rackScaleTypes.size() - 1)]
                                       : nullptr;
    const QString system = plan.rackName(static_cast<int>(i)) + QStringLiteral(" system");
    if (whole && *whole)
      devices += csvLine({system, QStringLiteral("Rack-scale system"), (*whole)->manufacturer, (*whole)->model, site,
                          hall, rackName, QStringLiteral("1"), QStringLiteral("front"), QStringLiteral("planned"),
                          QString(), QString()});
    const int height = rack.role == RackRole::Cdu ? NetBoxExport::kRackUnits : unitsEach(count);
    for (int d = 0; d < count && (d + 1) * height <= NetBoxExport::kRackUnits; ++d) {
      const CablePlan::End end{static_cast<int>(i), info.firstDevice + d, 0};
      const bool inBay = whole && *whole && d < (*whole)->deviceBays;
      devices += csvLine({plan.deviceName(end), roleName(rack.role), type.manufacturer, type.model, site, hall,
                          rackName, inBay ? QString() : QString::number(1 + d * height),
                          inBay ? QString() : QStringLiteral("front"), QStringLiteral("planned"),
                          inBay ? system : QString(), inBay ? DeviceType::trayBay(d + 1) : QString()});
    }
  }
  files.emplace_back(QStringLiteral("racks.csv"), rackCsv.toUtf8());
  files.emplace_back(QStringLiteral("devices.csv"), devices.toUtf8());
  return files;
}

bool writeCables(const CablePlan& plan, const std::function<bool(const QByteArray&)>& write,
                 const ExportProgress& progress) {
  QByteArray buffer =
      csvLine({QStringLiteral("side_a_device"), QStringLiteral("side_a_type"), QStringLiteral("side_a_name"),
               QStringLiteral("side_b_device"), QStringLiteral("side_b_type"), QStringLiteral("side_b_name"),
               QStringLiteral("type"), QStringLiteral("status"), QStringLiteral("length"),
               QStringLiteral("length_unit"), QStringLiteral("label")})
          .toUtf8();
  // Each rack's device name up to its number, formatted once.
  std::vector<QByteArray> deviceOpen(plan.racks().size()), deviceClose(plan.racks().size());
  for (std::size_t i = 0; i < plan.racks().size(); ++i) {
    const auto [open, close] = plan.csvDeviceNameAround(static_cast<int>(i));
    deviceOpen[i] = QByteArray::fromStdString(open);
    deviceClose[i] = QByteArray::fromStdString(close);
  }
  std::array<QByteArray, 5> cable;
  for (int m = 0; m < 5; ++m) cable[static_cast<std::size_t>(m)] = cableType(m).toUtf8();
  const auto total = static_cast<double>(std::max<std::int64_t>(plan.linkCount(), 1));
  constexpr qsizetype kFlushAt = 4 << 20;
  return plan.forEachLink([&](const CablePlan::Link& link) {
    const auto a = static_cast<std::size_t>(link.a.rack);
    const auto z = static_cast<std::size_t>(link.z.rack);
    buffer += deviceOpen[a];
    buffer += QByteArray::number(link.a.device);
    buffer += deviceClose[a];
    buffer += plan.isNicEnd(link.a) ? ",dcim.interface,nic" : ",dcim.interface,port";
    buffer += QByteArray::number(link.a.port);
    buffer += ',';
    buffer += deviceOpen[z];
    buffer += QByteArray::number(link.z.device);
    buffer += deviceClose[z];
    buffer += ",dcim.interface,port";
    buffer += QByteArray::number(link.z.port);
    buffer += ',';
    buffer += cable[static_cast<std::size_t>(link.span->medium)];
    buffer += ",planned,";
    buffer += QByteArray::number(link.span->links.lengthM, 'f', 2);
    buffer += ",m,L";
    buffer += QByteArray::number(static_cast<qlonglong>(link.id));
    buffer += '\n';
    if (buffer.size() >= kFlushAt) {
      if (!write(buffer)) return false;
      buffer.clear();
    }
    if (link.id % (1 << 16) == 0 && progress && !progress(static_cast<double>(link.id) / total)) return false;
    return true;
  }) && write(buffer);
}

}  // namespace gigaplan::NetBoxExport
