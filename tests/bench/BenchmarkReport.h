// What the benchmark programs share: the preset they measure, timing, how a target is reported.
#pragma once

#include <QElapsedTimer>
#include <cstdio>
#include <optional>
#include <utility>

#include "plan/PresetLibrary.h"
#include "plan/ProjectEvaluation.h"

namespace gigaplan::bench {

inline double secondsSince(const QElapsedTimer& timer) {
  return static_cast<double>(timer.nsecsElapsed()) * 1e-9;
}
inline double millisecondsSince(const QElapsedTimer& timer) {
  return secondsSince(timer) * 1e3;
}
inline const char* verdict(bool met) {
  return met ? "met" : "MISSED";
}

/// The 1,000,000-GPU preset every benchmark measures, resolved; prints the problem when it fails.
inline std::optional<std::pair<Scenario, ResolvedScenario>> millionGpuPreset() {
  ScenarioErrors errors;
  auto scenario = PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors);
  auto resolved = scenario ? scenario->resolve(HardwareCatalog::bundled(), errors) : std::nullopt;
  if (!resolved) {
    std::fprintf(stderr, "error: %s\n", qPrintable(errors.value(0).text()));
    return std::nullopt;
  }
  return std::make_pair(*scenario, *resolved);
}

/// The 1,000,000-GPU sample in three phases laid out on its floor, as `new` lays it out; prints
/// the problem when it fails.
inline std::optional<Project> millionGpuSampleOnFloor() {
  ScenarioErrors errors;
  auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
  auto layout = project ? layOutProject(*project, HallTemplate{}, errors) : std::nullopt;
  if (!layout) {
    std::fprintf(stderr, "error: %s\n", qPrintable(errors.value(0).text()));
    return std::nullopt;
  }
  project->layout = std::move(*layout);
  return project;
}

}  // namespace gigaplan::bench
