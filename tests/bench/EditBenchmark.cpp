// gigaplan-edit-bench: edits of the 1,000,000-GPU three-phase sample until its figures are
// updated from the floor, each against the engine-only evaluation of the same plan in the same
// run. Targets: a floor edit (one compute rack removed) under 100 ms; an input edit that lays the
// floor out anew and carries 1,000 hand edits over under 300 ms.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QUndoStack>
#include <algorithm>
#include <cstdio>

#include "BenchmarkReport.h"
#include "document/LayoutCommands.h"
#include "plan/PhasePlan.h"
#include "plan/ProjectEvaluation.h"

using namespace gigaplan;
using namespace gigaplan::bench;

namespace {

/// Best of `runs` of `work`, in milliseconds.
template <typename Work>
double bestMs(int runs, Work work) {
  double best = 1e18;
  for (int run = 0; run < runs; ++run) {
    QElapsedTimer timer;
    timer.start();
    work();
    best = std::min(best, millisecondsSince(timer));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const bool check = app.arguments().contains(QStringLiteral("--check"));
  auto project = millionGpuSampleOnFloor();
  if (!project) return 2;

  // Baseline: the same plan evaluated by the engine alone, with no floor.
  const double engineMs = bestMs(5, [&] {
    ScenarioErrors planErrors;
    if (!PhasePlan::evaluate(*project, planErrors)) std::abort();
  });

  // A floor edit: one compute rack removed, then the figures evaluated from the floor.
  const auto compute = std::find_if(project->layout.racks.begin(), project->layout.racks.end(),
                                    [](const Rack& rack) { return rack.role == RackRole::Compute; });
  const std::uint32_t computeId = compute->id;  // the racks move in memory as the edit is done and undone
  double gpusBefore = 0, gpusAfter = 0;
  const double floorEditMs = bestMs(5, [&] {
    QString error;
    auto remove = LayoutCommands::removeRacks(project->layout, {computeId}, &error);
    remove->redo();
    const ProjectResult result = evaluateProject(*project);
    gpusAfter = valueOf(result.evaluation.outputs, OutputId::clusterGpus);
    remove->undo();
  });
  gpusBefore = valueOf(evaluateProject(*project).evaluation.outputs, OutputId::clusterGpus);

  // An input that shapes the floor: 2:1 oversubscription at the leaves lays the floor out anew.
  Scenario edited = project->scenario;
  edited.values.insert(InputId::networkOversubscriptionTier1, 2.0);
  std::size_t racksAfter = 0;
  const double relayMs = bestMs(3, [&] {
    Project changed = *project;
    if (auto floor = floorForScenarioEdit(changed, edited)) changed.layout = std::move(floor->layout);
    changed.scenario = edited;
    racksAfter = changed.layout.racks.size();
    evaluateProject(changed);
  });

  // The same input edit on a floor with 1,000 hand edits (500 racks removed, 500 marked for
  // another tenant), which are carried over to the new floor. Marks for a tenant that rents by
  // hand are part of the generated floor already (they follow their tenant), so fewer are found.
  Project handEdited = *project;
  int made = 0;
  for (std::size_t i = 0; i < handEdited.layout.racks.size() && made < 1000; i += 7) {
    Rack& rack = handEdited.layout.racks[i];
    if (rack.role != RackRole::Compute) continue;
    if (made % 2 == 0)
      rack.units = 0;  // marked for removal below
    else
      rack.phase = 2;
    ++made;
  }
  std::erase_if(handEdited.layout.racks,
                [](const Rack& rack) { return rack.role == RackRole::Compute && rack.units == 0; });
  int found = 0, carried = 0, notKept = 0;
  const double relayHandEditsMs = bestMs(3, [&] {
    Project changed = handEdited;
    if (auto floor = floorForScenarioEdit(changed, edited)) {
      found = floor->handEdits;
      carried = floor->handEdits - static_cast<int>(floor->notKept.size());
      notKept = static_cast<int>(floor->notKept.size());
      changed.layout = std::move(floor->layout);
    }
    changed.scenario = edited;
    evaluateProject(changed);
  });

  std::printf("gigaplan-edit-bench: \"%s\", %zu racks, %.0f GPUs on the floor\n", qPrintable(project->scenario.name),
              project->layout.racks.size(), gpusBefore);
  std::printf("  engine-only evaluation of the plan %8.1f ms   (baseline)\n", engineMs);
  std::printf("  one rack removed, figures updated  %8.1f ms   target < 100 ms   %s  (%.0f GPUs after)\n", floorEditMs,
              verdict(floorEditMs < 100), gpusAfter);
  std::printf("    / baseline                       %8.1f x\n", floorEditMs / engineMs);
  std::printf("  input edit that lays it out anew   %8.1f ms   target < 300 ms   %s  (%zu racks after)\n", relayMs,
              verdict(relayMs < 300), racksAfter);
  std::printf("    / baseline                       %8.1f x\n", relayMs / engineMs);
  std::printf(
      "  the same with 1,000 hand edits     %8.1f ms   target < 300 ms   %s  (%d edits made, %d found, %d kept, %d no "
      "longer apply)\n",
      relayHandEditsMs, verdict(relayHandEditsMs < 300), made, found, carried, notKept);
  std::printf("    / baseline                       %8.1f x\n", relayHandEditsMs / engineMs);
  return check && !(floorEditMs < 100 && relayMs < 300 && relayHandEditsMs < 300) ? 1 : 0;
}
