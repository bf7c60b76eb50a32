#include <QTest>
#include <algorithm>

#include "plan/PresetLibrary.h"
#include "plan/ProjectFindings.h"

using namespace gigaplan;

namespace {
Project sample() {
  ScenarioErrors errors;
  auto project = PresetLibrary::loadProject(QStringLiteral("colossus-to-1m"), errors);
  if (!project) qFatal("%s", qPrintable(errors.value(0).text()));
  project->layout = *layOutProject(*project, HallTemplate{}, errors);
  return *project;
}
}  // namespace

class TestProjectFindings : public QObject {
  Q_OBJECT
 private slots:
  void legalButBadIsAWarningNotABrokenLimit() {
    Project project = sample();
    ProjectFindings found = ProjectFindings::of(project, evaluateProject(project));
    QVERIFY(found.brokenLimits.empty());
    QCOMPARE(found.summary(), QStringLiteral("No limit broken, 2 warnings"));
    QCOMPARE(found.warnings[0].object, QStringLiteral("the tenants"));
    QCOMPARE(found.warnings[1].object, QStringLiteral("the site"));

    // The threshold is the planner's: at 10 % the site's effective training time passes.
    project.scenario.values.insert(InputId::reliabilityMinEttr, 0.1);
    found = ProjectFindings::of(project, evaluateProject(project));
    QCOMPARE(found.warnings.size(), std::size_t{1});

    // The last phase short of power: a warning naming the phase and the megawatts.
    project.phases.back().inputs.insert(InputId::siteGridMw, 1000.0);
    found = ProjectFindings::of(project, evaluateProject(project));
    QVERIFY(found.brokenLimits.empty());
    QCOMPARE(found.warnings.size(), std::size_t{2});
    QCOMPARE(found.warnings[0].object, project.phases.back().name);
    QVERIFY2(found.warnings[0].message.startsWith(QStringLiteral("needs ")), qPrintable(found.warnings[0].message));
  }

  void handEditsAReLayDroppedAreWarningsUntilDismissed() {
    Project project = sample();
    ScenarioErrors errors;
    // Remove the last hall's first row by hand, then halve the last phase: the hall is gone from
    // the floor laid out anew, so the edit no longer applies and is listed, not dropped silently.
    const int lastHall = static_cast<int>(project.layout.halls.size()) - 1;
    const QString hallName = project.layout.halls.back().name;
    const auto row = std::find_if(project.layout.rows.begin(), project.layout.rows.end(),
                                  [&](const Row& r) { return r.hall == lastHall; });
    const int rowIndex = static_cast<int>(row - project.layout.rows.begin());
    std::erase_if(project.layout.racks, [&](const Rack& rack) { return rack.row == rowIndex; });
    project.layout.rows.erase(row);
    for (Rack& rack : project.layout.racks)
      if (rack.row > rowIndex) --rack.row;
    Project planned = project;
    for (PhaseSystems& system : planned.phases.back().systems) system.gpus /= 2;
    const auto relaid = relayFloor(project, planned, errors);
    QVERIFY2(relaid, qPrintable(errors.value(0).text()));
    QVERIFY(!relaid->notKept.isEmpty());
    QCOMPARE(relaid->layout.droppedEdits, relaid->notKept);
    QVERIFY2(relaid->notKept.first().startsWith(hallName + QStringLiteral(" row 1")),
             qPrintable(relaid->notKept.first()));

    planned.layout = relaid->layout;
    const ProjectFindings found = ProjectFindings::of(planned, evaluateProject(planned));
    const auto listed = std::count_if(found.warnings.begin(), found.warnings.end(), [&](const auto& warning) {
      return warning.object == QStringLiteral("a hand edit") && warning.message.startsWith(relaid->notKept.first());
    });
    QCOMPARE(listed, 1);

    // A later re-lay keeps listing it beside what it drops itself.
    Project again = planned;
    again.phases.back().systems.front().gpus /= 2;
    const auto second = relayFloor(planned, again, errors);
    QVERIFY(second);
    QVERIFY(second->layout.droppedEdits.contains(relaid->notKept.first()));
  }

  void aTenantShortOfItsContractOnTheFloorIsAWarningAndTheSharesStillAddUp() {
    Project project = sample();
    // Two racks of the operator's own GB200 racks removed by hand: 144 GPUs are gone from the
    // floor, and the operator (whose racks they were) is short, not the partner.
    int removed = 0;
    std::erase_if(project.layout.racks, [&](const Rack& rack) {
      const bool partners = rack.role == RackRole::Compute && rack.tenant == 1 && rack.units == 18 && removed < 2;
      removed += partners;
      return partners;
    });
    QCOMPARE(removed, 2);
    const ProjectResult result = evaluateProject(project);
    QVERIFY2(result.tenants, qPrintable(result.tenantError));
    const ProjectFindings found = ProjectFindings::of(project, result);
    const auto shortage = std::find_if(found.warnings.begin(), found.warnings.end(),
                                       [&](const auto& w) { return w.object == project.tenants[0].name; });
    QVERIFY(shortage != found.warnings.end());
    QVERIFY2(shortage->message.contains(QStringLiteral("(144 short)")), qPrintable(shortage->message));
    // And the phase that bought them says its floor holds fewer than it buys.
    const auto phaseShort = std::find_if(found.warnings.begin(), found.warnings.end(),
                                         [&](const auto& w) { return w.object == project.phases.back().name; });
    QVERIFY(phaseShort != found.warnings.end());
    QCOMPARE(phaseShort->message, QStringLiteral("the floor holds 799,856 of the 800,000 GPUs it buys (144 short)"));
    // The operator's row is the site: the same GPUs, capex, TCO and facility power.
    const OutputValues& site = result.evaluation.outputs;
    const TenantFigures& whole = result.tenants->operatorTotal;
    QCOMPARE(whole.gpus, valueOf(site, OutputId::clusterGpus));
    QVERIFY(std::fabs(whole.capexUsd - valueOf(site, OutputId::costCapexUsd)) < 1e-9 * whole.capexUsd);
    QVERIFY(std::fabs(whole.costUsdPerYear - valueOf(site, OutputId::costTcoUsdPerYear)) < 1e-9 * whole.costUsdPerYear);
    QVERIFY(std::fabs(whole.facilityMw - valueOf(site, OutputId::powerFacilityMw)) < 1e-9 * whole.facilityMw);
  }

  void aRackCountedWithAnotherSystemGroupIsAWarning() {
    Project project = sample();
    // The first H100 rack set by hand to GB200: its building is measured as the H100 group's.
    const auto rack = std::find_if(project.layout.racks.begin(), project.layout.racks.end(),
                                   [](const Rack& r) { return r.role == RackRole::Compute; });
    const int gb200 = static_cast<int>(project.layout.systemTypes.indexOf(QStringLiteral("gb200-nvl72")));
    QVERIFY(gb200 >= 0 && rack->system != gb200);
    rack->system = static_cast<std::uint8_t>(gb200);
    const ProjectFindings found = ProjectFindings::of(project, evaluateProject(project));
    const auto stray = std::find_if(found.warnings.begin(), found.warnings.end(),
                                    [](const auto& w) { return w.object == QLatin1String("the floor"); });
    QVERIFY(stray != found.warnings.end());
    QVERIFY2(stray->message.startsWith(QStringLiteral("1 compute racks stand where another system group")) &&
                 stray->message.contains(QStringLiteral("rack %1, gb200-nvl72 in phase 1").arg(rack->id)),
             qPrintable(stray->message));
  }

  void aHallOverItsFeedIsABrokenLimit() {
    Project project = sample();
    project.layout.halls[0].powerLimitMw = 1.0;
    const ProjectFindings found = ProjectFindings::of(project, evaluateProject(project));
    QCOMPARE(found.brokenLimits.size(), std::size_t{1});
    QVERIFY2(found.brokenLimits[0].object.contains(project.layout.halls[0].name),
             qPrintable(found.brokenLimits[0].text()));
    QVERIFY(found.summary().startsWith(QStringLiteral("1 limit broken")));
  }
};

QTEST_APPLESS_MAIN(TestProjectFindings)
#include "TestProjectFindings.moc"
