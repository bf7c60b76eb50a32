#include "ScenarioFixtures.h"
#include "engine/ReliabilityEstimator.h"

using namespace gigaplan;
using namespace gigaplan::test;

class TestReliabilityEstimator : public QObject {
  Q_OBJECT
 private slots:
  void llama3Interruptions() {
    // The paper's job ran on all 16,384 GPUs (no spares held out):
    // 1e-6 x (12.62 x 16,384 + 19.97 x 2,048 + 1.648 x 16,384 + 2.967 x 16,384) per hour
    // = 0.323277 /h = 7.7586 per day (Llama 3: 419 in 54 days = 7.759); MTBI 3.0933 h.
    const OutputValues out = evaluatePreset("llama3-16k-h100", {{"reliability.hotSpareFraction", "0"}});
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityUnexpectedPerDay), 7.7586432, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityInterruptionsPerDay), 7.7586432 + 0.87, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityMtbiHours), 3.0933243585682613, 1e-9);
    QCOMPARE(at(out, OutputId::reliabilityJobGpus), 16384.0);
  }

  void sparesAreHeldOutOfTheJob() {
    // 1 % of 2,048 nodes = 20 spares (rounded); the job runs on 2,028 nodes and its rate falls with them.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    QCOMPARE(at(out, OutputId::reliabilityHotSpareNodes), 20.0);
    QCOMPARE(at(out, OutputId::reliabilityJobGpus), 2028.0 * 8);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityUnexpectedPerDay), 7.7586432 * 2028 / 2048, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityGoodputGpus),
                          at(out, OutputId::reliabilityJobGpus) * at(out, OutputId::reliabilityEttr), 1e-9);
  }

  void checkpointTimeFromStateAndBandwidth() {
    // 405e9 parameters x 14 bytes = 5.67 TB over 16,384 x 0.12207 GB/s = 2,000 GB/s: 2.835 s.
    const OutputValues out = evaluatePreset("llama3-16k-h100");
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityCheckpointStateTb), 5.67, 1e-12);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityCheckpointWriteMinutes), 5670.0 / 2000.0 / 60.0, 1e-12);
    // Llama 3 reports above 90 % effective training time on 16k GPUs; the defaults give it.
    QVERIFY(at(out, OutputId::reliabilityEttr) > 0.9);
    // A set write time overrides the estimate; half the bandwidth doubles the pause.
    QCOMPARE(at(evaluatePreset("llama3-16k-h100", {{"reliability.checkpointWriteMinutes", "1"}}),
                OutputId::reliabilityCheckpointWriteMinutes),
             1.0);
    GIGAPLAN_COMPARE_NEAR(
        at(evaluatePreset("llama3-16k-h100", {{"reliability.checkpointWriteGBpsPerGpu", "0.06103515625"}}),
           OutputId::reliabilityCheckpointWriteMinutes),
        2 * 5670.0 / 2000.0 / 60.0, 1e-12);
  }

  void checkpointIntervals() {
    // delta = 1 min, M = 3.0933 h: Young sqrt(2 delta M) = 19.2665 min; Daly 18.6056 min;
    // ETTR at Daly's interval with 10 min restarts, less the planned restarts: 0.84741.
    const OutputValues out = evaluatePreset(
        "llama3-16k-h100", {{"reliability.checkpointWriteMinutes", "1"}, {"reliability.hotSpareFraction", "0"}});
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityYoungIntervalMinutes), 19.2665233767847, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityDalyIntervalMinutes), 18.60562376569616, 1e-9);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityCheckpointIntervalMinutes), 18.60562376569616, 1e-9);
    // No spares: every node failure waits on its own repair (Poisson tail of 5.9 nodes above 0 spares).
    const double shortfall = at(out, OutputId::reliabilitySpareShortfallProbability);
    QVERIFY(shortfall > 0.99 && shortfall <= 1.0);
    const OutputValues withSpares = evaluatePreset("llama3-16k-h100", {{"reliability.checkpointWriteMinutes", "1"}});
    QVERIFY(at(withSpares, OutputId::reliabilitySpareShortfallProbability) < 1e-5);
    QVERIFY(at(withSpares, OutputId::reliabilityEttr) > at(out, OutputId::reliabilityEttr) + 0.05);
    // Without the wait, the spares' only effect is the smaller job: ETTR as before, 0.84741.
    const OutputValues noWait = evaluatePreset("llama3-16k-h100", {{"reliability.checkpointWriteMinutes", "1"},
                                                                   {"reliability.hotSpareFraction", "0"},
                                                                   {"reliability.noSpareRestartMinutes", "0"}});
    GIGAPLAN_COMPARE_NEAR(at(noWait, OutputId::reliabilityEttr), 0.8474071984723479, 1e-9);
  }

  void fixedCheckpointInterval() {
    // A fixed interval away from the optimum costs training time, either side of it.
    const OutputValues optimal = evaluatePreset("llama3-16k-h100", {{"reliability.checkpointWriteMinutes", "1"}});
    for (const char* minutes : {"5", "120"}) {
      const OutputValues fixed =
          evaluatePreset("llama3-16k-h100", {{"reliability.checkpointWriteMinutes", "1"},
                                             {"reliability.checkpointIntervalMode", "fixed"},
                                             {"reliability.checkpointIntervalMinutes", minutes}});
      QCOMPARE(at(fixed, OutputId::reliabilityCheckpointIntervalMinutes), QString::fromLatin1(minutes).toDouble());
      QVERIFY(at(fixed, OutputId::reliabilityEttr) < at(optimal, OutputId::reliabilityEttr));
    }
  }

  void poissonTailMatchesTheExactSum() {
    for (double mean : {0.3, 2.0, 5.944, 40.0}) {
      for (double spares : {0.0, 1.0, 5.0, 10.0, 60.0}) {
        double cdf = 0, term = std::exp(-mean);
        for (int n = 0; n <= static_cast<int>(spares); ++n) {
          cdf += term;
          term *= mean / (n + 1);
        }
        QVERIFY2(std::fabs(reliability_detail::poissonTailAbove(mean, spares) - (1.0 - cdf)) < 0.01,
                 qPrintable(QStringLiteral("mean %1 spares %2").arg(mean).arg(spares)));
      }
    }
  }

  void networkFailuresFollowPlanesAndLinks() {
    // Two planes: every NIC has two leaf links, twice the network failures; failover between
    // planes removes them.
    const OutputValues one = evaluatePreset("llama3-16k-h100", {{"reliability.hotSpareFraction", "0"}});
    const OutputValues two =
        evaluatePreset("llama3-16k-h100", {{"reliability.hotSpareFraction", "0"}, {"network.planes", "2"}});
    const double networkPerDay = 1.648e-6 * 16384 * 24;
    GIGAPLAN_COMPARE_NEAR(
        at(two, OutputId::reliabilityUnexpectedPerDay) - at(one, OutputId::reliabilityUnexpectedPerDay), networkPerDay,
        1e-9);
    const OutputValues failover = evaluatePreset(
        "llama3-16k-h100",
        {{"reliability.hotSpareFraction", "0"}, {"network.planes", "2"}, {"reliability.planeFailover", "continue"}});
    GIGAPLAN_COMPARE_NEAR(
        at(one, OutputId::reliabilityUnexpectedPerDay) - at(failover, OutputId::reliabilityUnexpectedPerDay),
        networkPerDay, 1e-9);
  }

  void dalyFallsBackToMtbiForSlowCheckpoints() {
    // A checkpoint longer than 2M: Daly's interval is M itself.
    const OutputValues out = evaluatePreset("gb200-nvl72-1m", {{"reliability.checkpointWriteMinutes", "30"}});
    QCOMPARE(at(out, OutputId::reliabilityCheckpointWriteMinutes), 30.0);
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
    // With 1 % spares none is ever short, so every restart takes the 10 minutes.
    QVERIFY(at(out, OutputId::reliabilitySpareShortfallProbability) < 1e-9);
    const double mttiH = 24.0 / at(out, OutputId::reliabilityInterruptionsPerDay);
    GIGAPLAN_COMPARE_NEAR(at(out, OutputId::reliabilityJobUptime), mttiH / (mttiH + 10.0 / 60.0), 1e-9);
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
