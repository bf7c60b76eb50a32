// Helper of the project-file tests: saves synthetic projects built from a preset.
//   ProjectSaveWorker write <path> a|b|large   saves one project and exits (0 on success)
//   ProjectSaveWorker loop <path>              prints "ready", then saves a and b alternately until killed
// Project a has 2,000 racks, b 6,000 and large 35,000; each has its own name and seeded rack values, so a reader
// can tell which one a file holds and whether it holds all of it.
#include <QCoreApplication>
#include <QStringList>
#include <cmath>
#include <cstdio>
#include <random>

#include "plan/PresetLibrary.h"
#include "storage/ProjectStore.h"

using namespace gigaplan;

namespace {

struct ProjectShape {
  const char* id;
  const char* name;
  int racks;
};
constexpr ProjectShape kVariants[] = {{"a", "Project A", 2'000}, {"b", "Project B", 6'000}, {"large", "Large", 35'000}};

Project buildProject(const ProjectShape& variant) {
  ScenarioErrors errors;
  std::optional<Scenario> scenario = PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors);
  if (!scenario) qFatal("preset gb200-nvl72-1m does not load");
  Project project{*scenario, {}, {}, {}, {}};
  project.scenario.name = QString::fromLatin1(variant.name);
  if (!project.scenario.set(QStringLiteral("cluster.gpus"), QJsonValue(variant.racks * 72.0), errors))
    qFatal("cluster.gpus: %s", qPrintable(errors.value(0).text()));

  SiteLayout& layout = project.layout;
  layout.systemTypes = {QStringLiteral("gb200-nvl72")};
  const HallTemplate& shape = layout.hallTemplate;
  const int rows = (variant.racks + shape.slotsPerRow - 1) / shape.slotsPerRow;
  const int halls = (rows + shape.rowsPerHall - 1) / shape.rowsPerHall;
  const int buildings = (halls + shape.hallsPerBuilding - 1) / shape.hallsPerBuilding;
  const double hallWidthM = 2 * shape.wallClearanceM + shape.slotsPerRow * shape.rackWidthM;
  const double rowPitchM = shape.rackDepthM + (shape.coldAisleM + shape.hotAisleM) / 2;
  const double hallDepthM = 2 * shape.wallClearanceM + shape.rowsPerHall * rowPitchM;
  for (int b = 0; b < buildings; ++b)
    layout.buildings.push_back({QStringLiteral("B%1").arg(b + 1), b * (hallWidthM + shape.buildingGapM), 0.0,
                                hallWidthM, shape.hallsPerBuilding * hallDepthM});
  for (int h = 0; h < halls; ++h) {
    const int building = h / shape.hallsPerBuilding;
    layout.halls.push_back({building, QStringLiteral("B%1 H%2").arg(building + 1).arg(h % shape.hallsPerBuilding + 1),
                            layout.buildings[building].xM, (h % shape.hallsPerBuilding) * hallDepthM, hallWidthM,
                            hallDepthM, shape.hallPowerLimitMw, shape.hallCoolingLimitMw, shape.floorLoadLimitKgM2});
  }
  for (int r = 0; r < rows; ++r)
    layout.rows.push_back(Row{r / shape.rowsPerHall, shape.wallClearanceM,
                              shape.wallClearanceM + (r % shape.rowsPerHall) * rowPitchM, shape.slotsPerRow});

  std::mt19937 random(static_cast<unsigned>(variant.racks));
  std::uniform_real_distribution<float> jitter(0.9f, 1.1f);
  for (int i = 0; i < variant.racks; ++i) {
    Rack rack;
    rack.id = static_cast<std::uint32_t>(i + 1);
    rack.row = i / shape.slotsPerRow;
    rack.slot = i % shape.slotsPerRow;
    // The last slots of every row hold the row's network racks and its CDU.
    rack.role = rack.slot == shape.slotsPerRow - 1   ? RackRole::Cdu
                : rack.slot == shape.slotsPerRow - 2 ? (rack.row % 2 ? RackRole::Core : RackRole::Spine)
                : rack.slot >= shape.slotsPerRow - 4 ? RackRole::Leaf
                                                     : RackRole::Compute;
    rack.phase = static_cast<std::uint8_t>(rack.row % 3);
    rack.units = rack.role == RackRole::Compute || rack.role == RackRole::Cdu ? 1 : 16;
    rack.powerKw = (rack.role == RackRole::Compute ? 132.0f : 20.0f) * jitter(random);
    rack.massKg = (rack.role == RackRole::Compute ? 1360.0f : 700.0f) * jitter(random);
    rack.tenant = static_cast<std::uint8_t>(rack.row % 3);  // none, the lab, or the operator's own use
    layout.racks.push_back(rack);
  }
  layout.nextRackId = static_cast<std::uint32_t>(variant.racks + 1);
  // Two tenants, so the fuzzed and killed saves cover the tenant tables too.
  Tenant lab;
  lab.name = QStringLiteral("Lab");
  lab.systemType = QStringLiteral("gb200-nvl72");
  lab.gpus = variant.racks * 72.0 / 4;
  lab.isolation = TenantIsolation::OwnHalls;
  lab.priceUsdPerGpuHour = 3.2;
  Tenant own;
  own.name = QStringLiteral("Own use");
  own.isolation = TenantIsolation::SharedFabric;
  project.tenants = {lab, own};
  return project;
}

const ProjectShape* findShape(const QString& id) {
  for (const ProjectShape& variant : kVariants)
    if (id == QLatin1String(variant.id)) return &variant;
  return nullptr;
}

bool save(const Project& project, const QString& path) {
  QString error;
  if (ProjectStore::save(project, path, &error)) return true;
  std::fprintf(stderr, "%s\n", qPrintable(error));
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication application(argc, argv);
  const QStringList arguments = application.arguments();
  if (arguments.size() == 4 && arguments[1] == QLatin1String("write")) {
    const ProjectShape* variant = findShape(arguments[3]);
    if (!variant) {
      std::fprintf(stderr, "unknown project '%s' (a, b or large)\n", qPrintable(arguments[3]));
      return 2;
    }
    return save(buildProject(*variant), arguments[2]) ? 0 : 1;
  }
  if (arguments.size() == 3 && arguments[1] == QLatin1String("loop")) {
    const Project projects[2] = {buildProject(kVariants[0]), buildProject(kVariants[1])};
    std::fputs("ready\n", stdout);
    std::fflush(stdout);
    for (std::size_t i = 0;; ++i)
      if (!save(projects[i % 2], arguments[2])) return 1;
  }
  std::fprintf(stderr, "usage: ProjectSaveWorker write <path> a|b|large | loop <path>\n");
  return 2;
}
