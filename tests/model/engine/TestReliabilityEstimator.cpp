#include "ScenarioFixtures.h"
#include "engine/ReliabilityEstimator.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestReliabilityEstimator : public QObject {
  Q_OBJECT
 private slots:
  void llama3Interruptions() {
    // 1e-6 x (12.62 x 16,384 + 19.97 x 2,048 + 1.648 x 16,384 + 2.967 x 16,384) per hour
    // = 0.323277 /h = 7.7586 per day (Llama 3: 419 in 54 days = 7.759); MTBI 3.0933 h.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityUnexpectedPerDay), 7.7586432, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityInterruptionsPerDay), 7.7586432 + 0.87, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityMtbiHours), 3.0933243585682613, 1e-9);
  }

  void checkpointIntervals() {
    // delta = 1 min, M = 3.0933 h: Young sqrt(2 delta M) = 19.2665 min; Daly 18.6056 min;
    // ETTR at Daly's interval with 10 min restarts, less the planned restarts: 0.84741.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityYoungIntervalMinutes), 19.2665233767847, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityDalyIntervalMinutes), 18.60562376569616, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityEttr), 0.8474071984723479, 1e-9);
  }

  void dalyFallsBackToMtbiForSlowCheckpoints() {
    // A checkpoint longer than 2M: Daly's interval is M itself.
    const OutputValues out = evaluatePreset("gb200-nvl72-1m", {{"reliability.checkpointWriteMinutes", "30"}});
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityDalyIntervalMinutes),
                          at(out, OutputId::reliabilityMtbiHours) * 60, 1e-12);
  }

  void millionGpuJobBarelyProgresses() {
    // At 1M GPUs an interruption comes every few minutes; with 10-minute restarts a single
    // synchronous job spends nearly all its time restarting.
    const OutputValues out = evaluatePreset("gb200-nvl72-1m");
    QVERIFY(at(out, OutputId::reliabilityMtbiHours) < 0.1);
    QVERIFY(at(out, OutputId::reliabilityEttr) < 0.05);
    // Uptime is MTTI / (MTTI + MTTR): small, never below zero as the first-order 1 - rate x restart was.
    const double mttiH = 24.0 / at(out, OutputId::reliabilityInterruptionsPerDay);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityJobUptime), mttiH / (mttiH + 10.0 / 60.0), 1e-12);
    QVERIFY(at(out, OutputId::reliabilityJobUptime) > 0.0 && at(out, OutputId::reliabilityJobUptime) < 0.5);
    const OutputValues fastRestart = evaluatePreset(
        "gb200-nvl72-1m", {{"reliability.restartMinutes", "0.5"}, {"reliability.checkpointWriteMinutes", "0.05"}});
    QVERIFY(at(fastRestart, OutputId::reliabilityEttr) > 0.5);
  }

  void availabilityOfNodes() {
    // Node failures (GPU + host) x 24 h repair: (12.62 x 16,384 + 19.97 x 2,048) 1e-6 x 24 = 5.944 nodes.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    const double inRepair = (12.62 * 16384 + 19.97 * 2048) * 1e-6 * 24;
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityNodesInRepair), inRepair, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityGpuAvailability), 1 - inRepair / 2048, 1e-12);
  }
};

QTEST_APPLESS_MAIN(TestReliabilityEstimator)
#include "TestReliabilityEstimator.moc"
