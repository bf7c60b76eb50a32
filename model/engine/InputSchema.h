#pragma once

#include <QString>
#include <QStringList>
#include <array>
#include <cstddef>
#include <limits>
#include <optional>

#include "engine/InputList.h"

namespace gigaplan {

/// Marks an input whose default comes from the selected hardware catalog entry.
inline constexpr double kFromCatalog = std::numeric_limits<double>::quiet_NaN();

enum class InputKind { Real, Count, Choice };

/// Identifies one scenario input; the order is the column order of batched evaluation.
enum class InputId : int {
#define GIGAPLAN_INPUT_ENUM(id, ...) id,
  GIGAPLAN_INPUTS(GIGAPLAN_INPUT_ENUM)
#undef GIGAPLAN_INPUT_ENUM
};

inline constexpr std::size_t kInputCount = 0
#define GIGAPLAN_INPUT_COUNT(...) +1
    GIGAPLAN_INPUTS(GIGAPLAN_INPUT_COUNT)
#undef GIGAPLAN_INPUT_COUNT
    ;

/// What an input means, its unit, allowed range and where its default comes from.
struct InputSpec {
  InputId id;
  const char* path;
  const char* unit;
  double defaultValue;  ///< kFromCatalog when the catalog supplies it
  double minimum;
  double maximum;
  InputKind kind;
  const char* meaning;
  const char* source;
  const char* confidence;
};

using InputValues = std::array<double, kInputCount>;

const std::array<InputSpec, kInputCount>& inputSpecs();
inline const InputSpec& inputSpec(InputId id) {
  return inputSpecs()[static_cast<std::size_t>(id)];
}
inline double valueOf(const InputValues& inputs, InputId id) {
  return inputs[static_cast<std::size_t>(id)];
}
std::optional<InputId> findInput(const QString& path);

/// Names of a Choice input's values, in index order; empty for other kinds.
QStringList choiceNames(InputId id);

/// The closest known input path, for "did you mean" messages; empty when nothing is close.
QString closestInputPath(const QString& path);

}  // namespace gigaplan
