#include "engine/OutputSchema.h"

#include <QHash>

namespace gigaplan {

const std::array<OutputSpec, kOutputCount>& outputSpecs() {
  static const std::array<OutputSpec, kOutputCount> specs = {{
#define GIGAPLAN_OUTPUT_SPEC(id, path, unit, meaning) {OutputId::id, path, unit, meaning},
      GIGAPLAN_OUTPUTS(GIGAPLAN_OUTPUT_SPEC)
#undef GIGAPLAN_OUTPUT_SPEC
  }};
  return specs;
}

std::optional<OutputId> findOutput(const QString& path) {
  static const QHash<QString, OutputId> byPath = [] {
    QHash<QString, OutputId> map;
    for (const OutputSpec& spec : outputSpecs()) map.insert(QString::fromLatin1(spec.path), spec.id);
    return map;
  }();
  auto it = byPath.find(path);
  if (it == byPath.end()) return std::nullopt;
  return *it;
}

}  // namespace gigaplan
