#include "engine/InputSchema.h"

#include <QHash>
#include <algorithm>
#include <vector>

namespace gigaplan {

const std::array<InputSpec, kInputCount>& inputSpecs() {
  static const std::array<InputSpec, kInputCount> specs = {{
#define GIGAPLAN_INPUT_SPEC(id, path, unit, def, lo, hi, kind, meaning, source, confidence) \
  {InputId::id, path, unit, def, lo, hi, InputKind::kind, meaning, source, confidence},
      GIGAPLAN_INPUTS(GIGAPLAN_INPUT_SPEC)
#undef GIGAPLAN_INPUT_SPEC
  }};
  return specs;
}

std::optional<InputId> findInput(const QString& path) {
  static const QHash<QString, InputId> byPath = [] {
    QHash<QString, InputId> map;
    for (const InputSpec& spec : inputSpecs()) map.insert(QString::fromLatin1(spec.path), spec.id);
    return map;
  }();
  auto it = byPath.find(path);
  if (it == byPath.end()) return std::nullopt;
  return *it;
}

QStringList choiceNames(InputId id) {
  switch (id) {
    case InputId::networkTier1Reach:
    case InputId::networkTier2Reach:
    case InputId::networkTier3Reach:
      return {"copper", "aec", "multimode", "singlemodeDr", "singlemodeFr"};
    case InputId::electricalRedundancy:
      return {"N", "N+1", "2N", "4N/3", "catcher"};
    case InputId::powerProvisioningBasis:
      return {"vendorMaximum", "estimatedPeak", "rackCap"};
    case InputId::costAmortization:
      return {"costOfCapital", "straightLine"};
    case InputId::electricalDistribution:
      return {"ac", "dc800"};
    case InputId::facilityPueMode:
      return {"model", "fixed"};
    case InputId::reliabilityCheckpointIntervalMode:
      return {"optimal", "fixed"};
    case InputId::reliabilityPlaneFailover:
      return {"stop", "continue"};
    case InputId::electricalFeedRedundancy:
    case InputId::coolingHeatRejectionRedundancy:
      return {"N", "N+1", "2N"};
    case InputId::electricalSwitchgearRedundancy:
    case InputId::electricalBusRedundancy:
    case InputId::coolingLoopRedundancy:
      return {"N", "2N"};
    case InputId::coolingCduLoops:
      return {"perCdu", "sharedHeader"};
    default:
      return {};
  }
}

namespace {
int editDistance(const QString& a, const QString& b) {
  std::vector<int> previous(b.size() + 1), current(b.size() + 1);
  for (int j = 0; j <= b.size(); ++j) previous[j] = j;
  for (int i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (int j = 1; j <= b.size(); ++j) {
      const int substitution = previous[j - 1] + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}
}  // namespace

QString closestInputPath(const QString& path) {
  QString best;
  int bestDistance = std::max<int>(3, path.size() / 4) + 1;
  for (const InputSpec& spec : inputSpecs()) {
    const int distance = editDistance(path, QString::fromLatin1(spec.path));
    if (distance < bestDistance) {
      bestDistance = distance;
      best = QString::fromLatin1(spec.path);
    }
  }
  return best;
}

}  // namespace gigaplan
