#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "layout/SiteLayout.h"

namespace gigaplan {

/// A colour as 8-bit red, green and blue, so the model names colours without Qt Gui.
struct PaletteColour {
  std::uint8_t red = 0;
  std::uint8_t green = 0;
  std::uint8_t blue = 0;
};

/// The colours of the floor's categories (phases, system types, tenants), in order. The 3D floor
/// and the report's floor plans both read them here, so a phase has one colour everywhere.
inline PaletteColour categoryColour(int index) {
  static constexpr std::array<PaletteColour, 10> kPalette{{{46, 110, 190},
                                                           {230, 120, 30},
                                                           {50, 160, 70},
                                                           {200, 50, 60},
                                                           {140, 90, 180},
                                                           {140, 90, 70},
                                                           {220, 110, 180},
                                                           {120, 120, 120},
                                                           {180, 180, 40},
                                                           {30, 170, 190}}};
  return kPalette[static_cast<std::size_t>(index < 0 ? 0 : index) % kPalette.size()];
}

/// The colour of each rack role, as the 3D floor and the exported glTF show it.
inline PaletteColour rackRoleColour(RackRole role) {
  switch (role) {
    case RackRole::Compute:
      return {46, 110, 190};
    case RackRole::Leaf:
      return {240, 150, 40};
    case RackRole::Spine:
      return {210, 60, 50};
    case RackRole::Core:
      return {130, 70, 170};
    case RackRole::Cdu:
      return {40, 160, 150};
  }
  return {160, 160, 160};
}

/// The areas under the racks, as the 3D floor and the report's plans show them. Electrical rooms
/// are sandstone, not yellow: the top of the power and heat ramp is yellow, and a room must not
/// read as a hot rack.
inline constexpr PaletteColour kBuildingAreaColour{170, 172, 180};
inline constexpr PaletteColour kHallFloorColour{205, 205, 210};
inline constexpr PaletteColour kElectricalRoomColour{196, 160, 128};

}  // namespace gigaplan
