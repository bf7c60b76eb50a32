#pragma once

#include <QString>
#include <cstdint>

namespace gigaplan {

/// How far a tenant's share of the cluster is kept apart from everyone else's.
enum class TenantIsolation : std::uint8_t {
  SharedFabric = 0,  ///< racks and every switch shared; kept apart by partitions of the fabric
  OwnLeaves = 1,     ///< whole rows with their leaf switches; spines and above shared
  OwnHalls = 2,      ///< whole halls with their leaf and spine switches (pods); core shared
  OwnPlane = 3,      ///< whole halls on a fabric of its own: no links to other tenants
};

/// An AI lab renting part of the cluster, or the operator's own share.
struct Tenant {
  QString name;
  QString systemType;  ///< the catalog system it rents; empty = any, taken in phase order
  double gpus = 0.0;   ///< 0 = the GPUs of the racks marked for it by hand on the floor
  TenantIsolation isolation = TenantIsolation::SharedFabric;
  double priceUsdPerGpuHour = 0.0;  ///< contract price per GPU-hour used; 0 for the operator's own use
  double utilization = 0.9;         ///< fraction of its GPU-hours the tenant uses (and pays for)
  bool byHand() const { return gpus == 0.0; }
  bool operator==(const Tenant&) const = default;
};

}  // namespace gigaplan
