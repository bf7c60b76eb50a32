#pragma once

#include "engine/InputSchema.h"

namespace gigaplan {

/// The reach classes of fabric links, shortest first: each link takes the cheapest medium that
/// reaches (copper DAC, active electrical cable, multimode, single-mode DR, single-mode FR).
enum class ReachClass : int { Copper = 0, Aec = 1, Multimode = 2, SinglemodeDr = 3, SinglemodeFr = 4 };

/// Each reach class's inputs, in ReachClass order: what the chosen module or cable carries, and
/// its price and power per 400 Gb/s of link end.
inline constexpr InputId kMediaGbps[5] = {InputId::opticsCopperGbps, InputId::opticsAecGbps,
                                          InputId::opticsMultimodeGbps, InputId::opticsSinglemodeDrGbps,
                                          InputId::opticsSinglemodeFrGbps};
inline constexpr InputId kMediaPricePer400G[5] = {
    InputId::opticsCopperPriceUsdPer400G, InputId::opticsAecPriceUsdPer400G, InputId::opticsMultimodePriceUsdPer400G,
    InputId::opticsSinglemodeDrPriceUsdPer400G, InputId::opticsSinglemodeFrPriceUsdPer400G};
inline constexpr InputId kMediaPowerPer400G[5] = {
    InputId::opticsCopperPowerWPer400G, InputId::opticsAecPowerWPer400G, InputId::opticsMultimodePowerWPer400G,
    InputId::opticsSinglemodeDrPowerWPer400G, InputId::opticsSinglemodeFrPowerWPer400G};

}  // namespace gigaplan
