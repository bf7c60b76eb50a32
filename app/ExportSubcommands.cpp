// gigaplan-cli export: the plan in the formats of the teams that build and run it.
#include "CliSupport.h"
#include "ProjectSubcommands.h"
#include "export/FloorGltf.h"

namespace gigaplan::cli {

int runExport(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A project file, preset id or scenario file."));
  const QCommandLineOption gltfOption(QStringLiteral("gltf"),
                                      QStringLiteral("The floor as glTF 2.0 binary: a node per hall, a child per row."),
                                      QStringLiteral("X.glb"));
  parser.addOptions({gltfOption, setOption()});
  if (const auto done = parseSubcommand(parser, arguments,
                                        "Usage: gigaplan-cli export FILE --gltf X.glb [--set path=value]...\n"
                                        "The floor of a project (or of a preset or scenario as `new` lays it out) "
                                        "for other tools: --gltf writes it as glTF 2.0 binary, halls, rows and "
                                        "racks with their names and colours by role. Each file is written whole "
                                        "or not at all.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("export takes one FILE"));
  if (!parser.isSet(gltfOption)) return usageError(QStringLiteral("export: name at least one output (--gltf X.glb)"));
  const QString gltf = parser.value(gltfOption);
  if (const QString refused = outputRefused(gltf, parser.positionalArguments()); !refused.isEmpty())
    return reportErrors({{QStringLiteral("--gltf"), refused}});
  ScenarioErrors errors;
  const auto project = projectOnFloor(parser.positionalArguments().first(), parser.values(setOption()), errors);
  if (!project) return errors.isEmpty() ? kExitBadInput : reportErrors(errors);
  QString error;
  if (!writeFloorGlb(project->layout, gltf, &error)) return reportErrors({{QStringLiteral("--gltf"), error}});
  out() << gltf << ": " << project->layout.halls.size() << " halls, " << project->layout.rows.size() << " rows, "
        << project->layout.racks.size() << " racks\n";
  return 0;
}

}  // namespace gigaplan::cli
