#include <limits>
#include <random>

#include "ScenarioFixtures.h"
#include "layout/LayoutGenerator.h"
#include "layout/RackPicker.h"

using namespace gigaplan;
using namespace gigaplan::test;

namespace {
/// Every rack tested: the reference the picker must agree with.
int pickByBruteForce(const SiteLayout& layout, const Eigen::Vector3d& origin, const Eigen::Vector3d& direction) {
  const HallTemplate& t = layout.hallTemplate;
  int best = -1;
  double bestT = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < layout.racks.size(); ++i) {
    const Rack& rack = layout.racks[i];
    const Eigen::Vector3d low(layout.rackXM(rack), layout.rackYM(rack), 0.0);
    const Eigen::Vector3d high = low + Eigen::Vector3d(t.rackWidthM, t.rackDepthM, RackPicker::kRackHeightM);
    double tEnter = 0, tExit = std::numeric_limits<double>::infinity();
    bool hit = true;
    for (int a = 0; a < 3 && hit; ++a) {
      if (std::fabs(direction[a]) < 1e-15) {
        hit = origin[a] >= low[a] && origin[a] <= high[a];
        continue;
      }
      double t0 = (low[a] - origin[a]) / direction[a], t1 = (high[a] - origin[a]) / direction[a];
      if (t0 > t1) std::swap(t0, t1);
      tEnter = std::max(tEnter, t0);
      tExit = std::min(tExit, t1);
      hit = tExit >= tEnter;
    }
    if (hit && tEnter < bestT) {
      bestT = tEnter;
      best = static_cast<int>(i);
    }
  }
  return best;
}

SiteLayout millionGpuLayout() {
  const InputValues inputs = presetInputs("gb200-nvl72-1m");
  QString error;
  return *LayoutGenerator::generate(inputs, evaluate(inputs), QStringLiteral("gb200-nvl72"), HallTemplate{}, &error);
}
}  // namespace

class TestRackPicker : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { layout_ = millionGpuLayout(); }

  void straightDownOntoAKnownRack() {
    RackPicker picker(layout_);
    const HallTemplate& t = layout_.hallTemplate;
    for (std::size_t i : {std::size_t(0), layout_.racks.size() / 2, layout_.racks.size() - 1}) {
      const Rack& rack = layout_.racks[i];
      const Eigen::Vector3d above(layout_.rackXM(rack) + t.rackWidthM / 2, layout_.rackYM(rack) + t.rackDepthM / 2,
                                  50.0);
      QCOMPARE(picker.pick(above, Eigen::Vector3d(0, 0, -1)), static_cast<int>(i));
    }
    // Between two rows, in the aisle: nothing.
    const Rack& rack = layout_.racks[0];
    QCOMPARE(picker.pick(Eigen::Vector3d(layout_.rackXM(rack) + 0.3, layout_.rackYM(rack) - 0.5, 50),
                         Eigen::Vector3d(0, 0, -1)),
             -1);
  }

  void obliqueRaysAgreeWithEveryRackTested() {
    RackPicker picker(layout_);
    std::mt19937_64 random(5);
    std::uniform_int_distribution<std::size_t> anyRack(0, layout_.racks.size() - 1);
    std::uniform_real_distribution<double> offset(-40.0, 40.0);
    int hits = 0;
    for (int i = 0; i < 200; ++i) {
      // From a camera above and beside a random rack, aimed at it: often another rack is in front.
      const Rack& target = layout_.racks[anyRack(random)];
      const Eigen::Vector3d aim(layout_.rackXM(target) + 0.3, layout_.rackYM(target) + 0.6, 1.0);
      const Eigen::Vector3d camera = aim + Eigen::Vector3d(offset(random), offset(random), 30.0);
      const Eigen::Vector3d direction = (aim - camera).normalized();
      const int picked = picker.pick(camera, direction);
      QCOMPARE(picked, pickByBruteForce(layout_, camera, direction));
      hits += picked >= 0;
    }
    QVERIFY(hits > 150);
  }

  void rectangleSelectsFootprints() {
    RackPicker picker(layout_);
    const Hall& hall = layout_.halls[3];
    const double x0 = hall.xM + 5, y0 = hall.yM + 10, x1 = hall.xM + 15, y1 = hall.yM + 20;
    const std::vector<int> found = picker.racksInRectangle(x1, y1, x0, y0);
    std::vector<int> expected;
    const HallTemplate& t = layout_.hallTemplate;
    for (std::size_t i = 0; i < layout_.racks.size(); ++i) {
      const Rack& rack = layout_.racks[i];
      const double rx = layout_.rackXM(rack), ry = layout_.rackYM(rack);
      if (rx <= x1 && rx + t.rackWidthM >= x0 && ry <= y1 && ry + t.rackDepthM >= y0)
        expected.push_back(static_cast<int>(i));
    }
    QVERIFY(expected.size() > 20);
    QCOMPARE(found, expected);
  }

 private:
  SiteLayout layout_;
};

QTEST_APPLESS_MAIN(TestRackPicker)
#include "TestRackPicker.moc"
