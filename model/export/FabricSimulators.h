#pragma once

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <vector>

#include "export/CablePlan.h"

namespace gigaplan {

/// One fabric of the plan as a network simulator sees it: GPUs, one scale-up (NVLink) switch per
/// domain joining its GPUs, and the fabric's switches and links from the cable plan. Node ids:
/// GPUs first (rack by rack in floor order, node by node), then the scale-up switches, then the
/// fabric's switches (rack by rack, as numbered in the cable plan). A NIC port carries the traffic
/// of GPU ((port - 1) mod GPUs per node) of its node.
///
/// Link delays: a fabric link's is its routed length at 5 ns per metre (light in fibre and
/// copper covers about 0.2 m per ns); a GPU's link to its scale-up switch takes half the latency
/// of one step inside the domain (network.scaleUpLatencyUs: GPU to switch to GPU).
struct SimulatorFabric {
  int fabric = 0;  ///< from 1, as the cable plan numbers fabrics
  std::int64_t gpus = 0;
  int gpusPerDomain = 1;
  std::int64_t domains = 0;   ///< scale-up switches, one per domain
  std::int64_t switches = 0;  ///< the fabric's switches on the floor
  std::int64_t fabricLinks = 0;
  double scaleUpGbps = 0.0;    ///< per GPU, one direction
  double scaleUpLinkNs = 0.0;  ///< delay of a GPU's link to its scale-up switch
  double nicGbpsPerGpu = 0.0;
  double scaleUpStepNs = 0.0;    ///< network.scaleUpLatencyUs
  double fabricStepNs = 0.0;     ///< network.fabricLatencyUs
  std::vector<double> tierGbps;  ///< link speed of each tier

  std::int64_t nodes() const { return gpus + domains + switches; }
  std::int64_t links() const { return gpus + fabricLinks; }  ///< a scale-up link per GPU, and the fabric's
};

/// The plan's fabrics (one per group of systems with racks on the floor).
std::vector<SimulatorFabric> simulatorFabrics(const Project& project, const ProjectResult& result,
                                              const CablePlan& plan);

/// SimAI's topology text: "nodes gpus_per_server nvswitches switches links gpu_type", a line of the
/// switch node ids (scale-up switches first), then a line per link "src dst bandwidth delay
/// error_rate" ("400Gbps", "0.000140ms", 0). False when `write` fails or cancels.
bool writeSimAiTopology(const Project& project, const ProjectResult& result, const CablePlan& plan,
                        const SimulatorFabric& fabric, const std::function<bool(const QByteArray&)>& write,
                        const ExportProgress& progress);

/// ASTRA-sim's analytical network configuration (network.yml): two dimensions, the scale-up
/// domain and the fabric, each a switch, with their NPUs, bandwidth per NPU (GB/s) and latency (ns).
QByteArray astraSimNetworkYaml(const SimulatorFabric& fabric);

/// ASTRA-sim's ns-3 backend topology (topology.txt): "nodes switches links", the switch node ids,
/// then the links as SimAI's. False when `write` fails or cancels.
bool writeAstraSimTopology(const Project& project, const ProjectResult& result, const CablePlan& plan,
                           const SimulatorFabric& fabric, const std::function<bool(const QByteArray&)>& write,
                           const ExportProgress& progress);

}  // namespace gigaplan
