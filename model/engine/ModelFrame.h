#pragma once

#include <array>
#include <cstddef>

#include "engine/InputSchema.h"
#include "engine/OutputSchema.h"

namespace gigaplan {

/// The inputs and outputs one evaluation works on, for one scenario (V = double) or a lane of
/// scenarios (V = Lanes). Estimators read inputs and earlier outputs, and write their outputs.
template <class V>
struct ModelFrame {
  const std::array<V, kInputCount>& inputs;
  std::array<V, kOutputCount>& outputs;

  const V& in(InputId id) const { return inputs[static_cast<std::size_t>(id)]; }
  V& out(OutputId id) { return outputs[static_cast<std::size_t>(id)]; }
  const V& out(OutputId id) const { return outputs[static_cast<std::size_t>(id)]; }
};

}  // namespace gigaplan
