#pragma once

namespace gigaplan {

/// The reach classes of fabric links, shortest first: each link takes the cheapest medium that
/// reaches (copper DAC, active electrical cable, multimode, single-mode DR, single-mode FR).
enum class ReachClass : int { Copper = 0, Aec = 1, Multimode = 2, SinglemodeDr = 3, SinglemodeFr = 4 };

}  // namespace gigaplan
