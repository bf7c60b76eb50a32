#include "export/FabricSimulators.h"

#include <charconv>
#include <cmath>
#include <string>

#include "files/CsvText.h"
#include "layout/FloorPlaces.h"

namespace gigaplan {

namespace {

/// Nanoseconds light takes over a metre of fibre or copper (about 0.2 m per ns).
constexpr double kPropagationNsPerM = 5.0;

/// The fabric (from 1) each rack is on: a phased site's groups each have buildings of their own.
std::vector<int> fabricOfRacks(const Project& project, const ProjectResult& result) {
  const SiteLayout& layout = project.layout;
  std::vector<int> fabric(layout.racks.size(), 1);
  if (!result.plan || result.plan->groups.size() <= 1) return fabric;
  const std::vector<int> ofBuilding = groupsOfBuildings(layout, result.plan->groups);
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    const int hall = layout.rows[static_cast<std::size_t>(rack.row)].hall;
    const int building = layout.halls[static_cast<std::size_t>(hall)].building;
    fabric[i] = ofBuilding[static_cast<std::size_t>(building)] + 1;  // 0: a building of no group
  }
  return fabric;
}

/// Node ids of one fabric's GPUs and switches, per rack.
struct NodeIds {
  std::vector<std::int64_t> firstGpu;     ///< a compute rack's first GPU; -1 off the fabric
  std::vector<std::int64_t> firstSwitch;  ///< a network rack's first switch; -1 off the fabric
  std::vector<int> firstDevice;           ///< the number of a network rack's first switch
  int gpusPerNode = 1;
};

NodeIds nodeIds(const Project& project, const ProjectResult& result, const SimulatorFabric& fabric) {
  const SiteLayout& layout = project.layout;
  const std::vector<int> fabricOf = fabricOfRacks(project, result);
  NodeIds ids;
  ids.firstGpu.assign(layout.racks.size(), -1);
  ids.firstSwitch.assign(layout.racks.size(), -1);
  ids.firstDevice = FloorPlaces::firstSwitchNumbers(layout);
  ids.gpusPerNode = std::max(
      1, static_cast<int>(std::lround(valueOf(result.plan->groupInputs[static_cast<std::size_t>(fabric.fabric - 1)],
                                              InputId::systemGpusPerNode))));
  std::int64_t gpu = 0, sw = fabric.gpus + fabric.domains;
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    if (fabricOf[i] != fabric.fabric) continue;
    if (rack.role == RackRole::Compute) {
      ids.firstGpu[i] = gpu;
      gpu += static_cast<std::int64_t>(rack.units) * ids.gpusPerNode;
    } else if (rack.role != RackRole::Cdu && rack.units > 0) {
      ids.firstSwitch[i] = sw;
      sw += rack.units;
    }
  }
  return ids;
}

std::string gbpsText(double gbps) {
  char buffer[32];
  return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, gbps).ptr) + "Gbps";
}

std::string msText(double ns) {
  char buffer[48];
  return std::string(buffer,
                     std::to_chars(buffer, buffer + sizeof buffer, ns * 1e-6, std::chars_format::fixed, 9).ptr) +
         "ms";
}

/// The links of a fabric, one line each: every GPU to its scale-up switch, then the cable plan's.
bool writeLinks(const Project& project, const ProjectResult& result, const CablePlan& plan,
                const SimulatorFabric& fabric, std::string& buffer, const std::function<bool(const QByteArray&)>& write,
                const ExportProgress& progress) {
  const NodeIds ids = nodeIds(project, result, fabric);
  constexpr std::size_t kFlushAt = 4 << 20;
  auto flush = [&] {
    const bool ok = write(QByteArray::fromRawData(buffer.data(), static_cast<qsizetype>(buffer.size())));
    buffer.clear();
    return ok;
  };
  const std::string scaleUpTail = ' ' + gbpsText(fabric.scaleUpGbps) + ' ' + msText(fabric.scaleUpLinkNs) + " 0\n";
  for (std::int64_t gpu = 0; gpu < fabric.gpus; ++gpu) {
    appendWhole(buffer, gpu);
    buffer += ' ';
    appendWhole(buffer, fabric.gpus + gpu / fabric.gpusPerDomain);
    buffer += scaleUpTail;
    if (buffer.size() >= kFlushAt && !flush()) return false;
  }
  std::vector<std::string> tails(plan.spans().size());
  for (std::size_t s = 0; s < plan.spans().size(); ++s) {
    const CablePlan::Span& span = plan.spans()[s];
    if (span.fabric != fabric.fabric) continue;
    tails[s] = ' ' + gbpsText(fabric.tierGbps[static_cast<std::size_t>(span.links.tier)]) + ' ' +
               msText(span.links.lengthM * kPropagationNsPerM) + " 0\n";
  }
  const CablePlan::Span* first = plan.spans().data();
  const auto total = static_cast<double>(std::max<std::int64_t>(plan.linkCount(), 1));
  return plan.forEachLink([&](const CablePlan::Link& link) {
    if (link.span->fabric != fabric.fabric) return true;
    const auto a = static_cast<std::size_t>(link.a.rack);
    const auto z = static_cast<std::size_t>(link.z.rack);
    const std::int64_t from = ids.firstGpu[a] >= 0
                                  ? ids.firstGpu[a] + static_cast<std::int64_t>(link.a.device - 1) * ids.gpusPerNode +
                                        (link.a.port - 1) % ids.gpusPerNode
                                  : ids.firstSwitch[a] + (link.a.device - ids.firstDevice[a]);
    const std::int64_t to = ids.firstSwitch[z] + (link.z.device - ids.firstDevice[z]);
    appendWhole(buffer, from);
    buffer += ' ';
    appendWhole(buffer, to);
    buffer += tails[static_cast<std::size_t>(link.span - first)];
    if (buffer.size() >= kFlushAt && !flush()) return false;
    if (link.id % (1 << 16) == 0 && progress && !progress(static_cast<double>(link.id) / total)) return false;
    return true;
  }) && flush();
}

/// The switch node ids, scale-up switches first, on one line.
void appendSwitchIds(std::string& buffer, const SimulatorFabric& fabric) {
  for (std::int64_t id = fabric.gpus; id < fabric.nodes(); ++id) {
    if (id > fabric.gpus) buffer += ' ';
    appendWhole(buffer, id);
  }
  buffer += '\n';
}

}  // namespace

std::vector<SimulatorFabric> simulatorFabrics(const Project& project, const ProjectResult& result,
                                              const CablePlan& plan) {
  std::vector<SimulatorFabric> fabrics;
  if (!result.plan) return fabrics;
  const SiteLayout& layout = project.layout;
  const std::vector<int> fabricOf = fabricOfRacks(project, result);
  for (std::size_t g = 0; g < result.plan->groups.size(); ++g) {
    const InputValues& inputs = result.plan->groupInputs[g];
    const OutputValues& outputs = result.plan->groupOutputs[g];
    SimulatorFabric fabric;
    fabric.fabric = static_cast<int>(g) + 1;
    const auto gpusPerNode = static_cast<std::int64_t>(std::lround(valueOf(inputs, InputId::systemGpusPerNode)));
    for (std::size_t i = 0; i < layout.racks.size(); ++i) {
      const Rack& rack = layout.racks[i];
      if (fabricOf[i] != fabric.fabric) continue;
      if (rack.role == RackRole::Compute)
        fabric.gpus += rack.units * gpusPerNode;
      else if (rack.role != RackRole::Cdu)
        fabric.switches += rack.units;
    }
    if (fabric.gpus == 0) continue;
    fabric.gpusPerDomain =
        std::max(1, static_cast<int>(std::lround(std::min<double>(valueOf(inputs, InputId::systemGpusPerScaleUpDomain),
                                                                  static_cast<double>(fabric.gpus)))));
    fabric.domains = (fabric.gpus + fabric.gpusPerDomain - 1) / fabric.gpusPerDomain;
    for (const CablePlan::Span& span : plan.spans())
      if (span.fabric == fabric.fabric) fabric.fabricLinks += span.links.count;
    fabric.scaleUpGbps = valueOf(inputs, InputId::systemScaleUpBandwidthGBps) * 8.0;
    fabric.scaleUpStepNs = valueOf(inputs, InputId::networkScaleUpLatencyUs) * 1e3;
    fabric.fabricStepNs = valueOf(inputs, InputId::networkFabricLatencyUs) * 1e3;
    fabric.scaleUpLinkNs = fabric.scaleUpStepNs / 2.0;
    fabric.nicGbpsPerGpu = valueOf(inputs, InputId::networkNicsPerGpu) * valueOf(inputs, InputId::networkNicSpeedGbps);
    fabric.tierGbps = {valueOf(outputs, OutputId::networkLinkGbps), valueOf(outputs, OutputId::networkUplinkGbps),
                       valueOf(outputs, OutputId::networkCoreLinkGbps),
                       valueOf(outputs, OutputId::networkCoreLinkGbps)};
    fabrics.push_back(fabric);
  }
  return fabrics;
}

bool writeSimAiTopology(const Project& project, const ProjectResult& result, const CablePlan& plan,
                        const SimulatorFabric& fabric, const std::function<bool(const QByteArray&)>& write,
                        const ExportProgress& progress) {
  std::string buffer;
  const QString gpuType = result.plan->groups[static_cast<std::size_t>(fabric.fabric - 1)].systemType;
  for (std::int64_t value : {fabric.nodes(), static_cast<std::int64_t>(fabric.gpusPerDomain), fabric.domains,
                             fabric.switches, fabric.links()}) {
    appendWhole(buffer, value);
    buffer += ' ';
  }
  buffer += gpuType.isEmpty() ? std::string("GPU") : gpuType.toStdString();
  buffer += '\n';
  appendSwitchIds(buffer, fabric);
  return writeLinks(project, result, plan, fabric, buffer, write, progress);
}

QByteArray astraSimNetworkYaml(const SimulatorFabric& fabric) {
  auto number = [](double value) { return QByteArray::number(value, 'g', 10); };
  QByteArray yaml;
  yaml += "# ASTRA-sim analytical network: fabric " + QByteArray::number(fabric.fabric) + ", " +
          QByteArray::number(static_cast<qlonglong>(fabric.gpus)) + " NPUs (GPUs).\n";
  yaml += "# Dimension 1: the scale-up (NVLink) domain; dimension 2: the scale-out fabric.\n";
  yaml += "# Bandwidth per NPU and direction in GB/s; latency of one step in ns.\n";
  yaml += "topology: [ Switch, Switch ]\n";
  yaml += "npus_count: [ " + QByteArray::number(fabric.gpusPerDomain) + ", " +
          QByteArray::number(static_cast<qlonglong>(fabric.domains)) + " ]\n";
  yaml += "bandwidth: [ " + number(fabric.scaleUpGbps / 8.0) + ", " + number(fabric.nicGbpsPerGpu / 8.0) + " ]\n";
  yaml += "latency: [ " + number(fabric.scaleUpStepNs) + ", " + number(fabric.fabricStepNs) + " ]\n";
  return yaml;
}

bool writeAstraSimTopology(const Project& project, const ProjectResult& result, const CablePlan& plan,
                           const SimulatorFabric& fabric, const std::function<bool(const QByteArray&)>& write,
                           const ExportProgress& progress) {
  std::string buffer;
  appendWhole(buffer, fabric.nodes());
  buffer += ' ';
  appendWhole(buffer, fabric.domains + fabric.switches);
  buffer += ' ';
  appendWhole(buffer, fabric.links());
  buffer += '\n';
  appendSwitchIds(buffer, fabric);
  return writeLinks(project, result, plan, fabric, buffer, write, progress);
}

}  // namespace gigaplan
