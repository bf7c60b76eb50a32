#include <QTest>

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
