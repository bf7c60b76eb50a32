// gigaplan-cli optimize: the designs that meet a goal, and the trade-offs between them.
#include <unistd.h>

#include <QDir>
#include <QJsonDocument>

#include "CliSupport.h"
#include "ProjectSubcommands.h"
#include "cluster/ClusterRun.h"
#include "files/AtomicFile.h"
#include "optimize/ParetoFront.h"
#include "plan/ProjectEvaluation.h"
#include "storage/ProjectStore.h"

namespace gigaplan::cli {

namespace {

/// The front as a table for a person: a line per design, its choices then its objectives.
QString frontTable(const OptimizeSpec& spec, const SearchResult& result) {
  QString text = QStringLiteral("%1 designs screened in %2 generations, %3 evaluated on their floors; the front:\n")
                     .arg(result.screened)
                     .arg(result.generations)
                     .arg(result.finalists.size());
  int index = 0;
  for (const Finalist& design : result.front) {
    QStringList choices, objectives;
    for (std::size_t v = 0; v < spec.space.size(); ++v) {
      const QJsonValue value = spec.space[v].values[static_cast<std::size_t>(design.genes[v])];
      choices << QStringLiteral("%1=%2").arg(spec.space[v].path,
                                             value.isDouble() ? QString::number(value.toDouble()) : value.toString());
    }
    for (const Objective& objective : spec.objectives)
      objectives << QStringLiteral("%1 %2")
                        .arg(QString::fromLatin1(outputSpec(objective.output).path))
                        .arg(valueOf(design.figures, objective.output), 0, 'g', 6);
    text += QStringLiteral("%1. %2\n   %3%4\n")
                .arg(++index)
                .arg(choices.join(QLatin1Char(' ')), objectives.join(QStringLiteral(", ")),
                     design.problems.isEmpty()
                         ? QString()
                         : QStringLiteral("\n   breaks: ") + design.problems.join(QStringLiteral("; ")));
  }
  if (result.front.empty()) text += QStringLiteral("(none)\n");
  if (!spec.reference.isEmpty())
    text += QStringLiteral("Against %1: %2\n").arg(spec.reference, referenceVerdict(spec, result));
  return text;
}

}  // namespace

int runOptimize(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addPositionalArgument(QStringLiteral("spec"), QStringLiteral("The optimize spec (JSON)."));
  const QCommandLineOption saveOption(
      QStringLiteral("save-best"),
      QStringLiteral("Save the first N designs of the front as projects in the -o folder."), QStringLiteral("N"));
  const QCommandLineOption outOption({QStringLiteral("o"), QStringLiteral("output")},
                                     QStringLiteral("A folder for front.json, front.csv and the saved designs."),
                                     QStringLiteral("DIR"));
  const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("The search's seed, over the spec's."),
                                      QStringLiteral("N"));
  const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")},
                                       QStringLiteral("No progress on stderr."));
  parser.addOptions({formatOption(QStringLiteral("table")), outOption, saveOption, seedOption, quietOption});
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli optimize SPEC [--format table|json|csv] [-o DIR [--save-best N]] [--seed N]\n"
          "The designs that meet the spec's goal: an evolutionary search (NSGA-II) over its design space,\n"
          "screening designs through the batched engine and judging the best on their own floors, as the\n"
          "workspace would. Prints the Pareto front; with -o DIR writes front.json and front.csv there, and\n"
          "with --save-best N the first N designs as projects (design-1.gigaplan, ...). The same spec and\n"
          "seed give the same front. Under mpirun (or srun) the ranks share each generation's evaluations\n"
          "and rank 0 reports the same front. Ctrl-C cancels.\n"))
    return *done;
  if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("optimize takes one SPEC"));
  const QString format = parser.value(QStringLiteral("format"));
  if (format != QLatin1String("table") && format != QLatin1String("json") && format != QLatin1String("csv"))
    return usageError(QStringLiteral("--format: '%1' is not table, json or csv").arg(format));
  int saveBest = 0;
  if (parser.isSet(saveOption)) {
    bool ok = false;
    saveBest = parser.value(saveOption).toInt(&ok);
    if (!ok || saveBest < 1)
      return reportErrors({{QStringLiteral("--save-best"), QStringLiteral("must be 1 or more")}});
    if (!parser.isSet(outOption))
      return reportErrors({{QStringLiteral("--save-best"), QStringLiteral("name the folder with -o DIR")}});
  }
  ScenarioErrors errors;
  auto spec = OptimizeSpec::load(parser.positionalArguments().first(), errors);
  if (!spec) return reportErrors(errors);
  if (parser.isSet(seedOption)) {
    bool ok = false;
    spec->seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok) return reportErrors({{QStringLiteral("--seed"), QStringLiteral("must be a whole number")}});
  }
  const QString folder = parser.value(outOption);
  if (!folder.isEmpty() && !QDir(folder).exists() && !QDir().mkpath(folder))
    return reportErrors({{QStringLiteral("-o"), QStringLiteral("cannot make the folder %1").arg(folder)}});

  // Alone, or one rank of an MPI job: every rank searches alike, rank 0 reports.
  const ClusterRun& cluster = ClusterRun::join(nullptr, nullptr);
  cancelOnSignals();
  const bool showProgress = !parser.isSet(quietOption) && cluster.isRoot();
  const bool terminal = isatty(fileno(stderr));
  int shown = -1;
  QString lastStage;
  DesignScreen screen(*spec);
  const SearchResult result = optimize(
      *spec,
      [&](const QString& stage, double done) {
        const int percent = qRound(done * 100);
        if (showProgress && (stage != lastStage || (percent != shown && (terminal || percent / 10 != shown / 10)))) {
          if (terminal && !lastStage.isEmpty() && stage != lastStage) err() << "\n";
          lastStage = stage;
          shown = percent;
          err() << (terminal ? "\r" : "") << "optimize: " << stage << " " << percent << " %" << (terminal ? "" : "\n");
          err().flush();
        }
        return !cancelRequested.load();
      },
      cluster.evaluators(*spec, screen));
  if (showProgress && terminal) err() << "\n";
  if (!cluster.isRoot()) return result.cancelled ? kExitCancelled : 0;
  if (result.cancelled) {
    err() << "optimize: cancelled; nothing written\n";
    return kExitCancelled;
  }

  const QByteArray json = QJsonDocument(frontJson(*spec, result)).toJson(QJsonDocument::Indented);
  const QByteArray csv = frontCsv(*spec, result);
  if (!folder.isEmpty()) {
    std::vector<std::unique_ptr<AtomicFile>> files;
    auto prepare = [&](const QString& name, const QByteArray& bytes) {
      files.push_back(std::make_unique<AtomicFile>(QDir(folder).filePath(name)));
      return files.back()->open() && files.back()->write(bytes) && files.back()->prepare();
    };
    if (!prepare(QStringLiteral("front.json"), json) || !prepare(QStringLiteral("front.csv"), csv))
      return reportErrors({{QStringLiteral("-o"), files.back()->errorString()}});
    for (auto& file : files)
      if (!file->commit()) return reportErrors({{QStringLiteral("-o"), file->errorString()}});
    // The chosen designs as projects, each with the floor it was judged on.
    for (int i = 0; i < saveBest && i < static_cast<int>(result.front.size()); ++i) {
      Project project = spec->projectOf(result.front[static_cast<std::size_t>(i)].genes);
      project.scenario.name = QStringLiteral("%1, design %2 of the front").arg(spec->base.name).arg(i + 1);
      ScenarioErrors layoutErrors;
      auto layout = layOutProject(project, project.layout.hallTemplate, layoutErrors);
      if (!layout) return reportErrors(layoutErrors);
      project.layout = std::move(*layout);
      const QString path = QDir(folder).filePath(QStringLiteral("design-%1.gigaplan").arg(i + 1));
      QString error;
      if (!ProjectStore::save(project, path, &error)) return reportErrors({{QStringLiteral("--save-best"), error}});
    }
  }
  if (format == QLatin1String("json"))
    out() << json;
  else if (format == QLatin1String("csv"))
    out() << csv;
  else
    out() << frontTable(*spec, result);
  return 0;
}

}  // namespace gigaplan::cli
