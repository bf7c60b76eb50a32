// gigaplan-cli: the planning engine from the command line.
// Exit status: 0 success, 1 a calibration reference missed, 2 bad input or usage, 130 cancelled.
#include <unistd.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QTextStream>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <memory>

#include "CliSupport.h"
#include "ProjectSubcommands.h"
#include "WhatIfSubcommands.h"
#include "cluster/ClusterRun.h"
#include "engine/Evaluator.h"
#include "engine/ResultFormat.h"
#include "engine/Scenario.h"
#include "engine/Sweep.h"
#include "files/AtomicFile.h"
#include "files/FileProblem.h"
#include "plan/Calibration.h"
#include "plan/PresetLibrary.h"

using namespace gigaplan;
using namespace gigaplan::cli;

namespace {

/// "3.2 GB", "640 MB": sizes in messages.
QString formatBytes(double bytes) {
  if (bytes >= 1e12) return QStringLiteral("%1 TB").arg(bytes / 1e12, 0, 'f', 1);
  if (bytes >= 1e9) return QStringLiteral("%1 GB").arg(bytes / 1e9, 0, 'f', 1);
  if (bytes >= 1e6) return QStringLiteral("%1 MB").arg(bytes / 1e6, 0, 'f', 1);
  return QStringLiteral("%1 kB").arg(bytes / 1e3, 0, 'f', 1);
}

int runPresets(const QStringList& arguments) {
  QCommandLineParser parser;
  if (const auto done = parseSubcommand(
          parser, arguments, "Usage: gigaplan-cli presets\nLists the bundled presets, one per line: id, then name.\n"))
    return *done;
  for (const PresetInfo& preset : PresetLibrary::list())
    out() << preset.id.leftJustified(22) << "  " << preset.name << "\n";
  return 0;
}

int runEvaluate(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addOption(setOption());
  parser.addOption(formatOption(QStringLiteral("json")));
  parser.addOption(outputOption());
  parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A preset id or a scenario JSON file."));
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli evaluate SCENARIO [--set path=value]... [--format json|table] [-o FILE]\n"
          "Evaluates a preset or scenario file; see 'gigaplan-cli schema' for every path.\n"))
    return *done;
  const QStringList positional = parser.positionalArguments();
  if (positional.size() != 1) return usageError(QStringLiteral("evaluate takes one SCENARIO (a preset id or a file)"));
  return evaluateSource(positional.first(), parser.values(QStringLiteral("set")),
                        parser.value(QStringLiteral("format")), parser.value(QStringLiteral("output")));
}

int runCalibrate(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addOption(formatOption(QStringLiteral("table")));
  if (const auto done =
          parseSubcommand(parser, arguments,
                          "Usage: gigaplan-cli calibrate [--format table|json]\n"
                          "Compares the model with published reference figures; exits 1 if any is missed.\n"))
    return *done;
  QString error;
  const QList<CalibrationReference> references = Calibration::bundled(&error);
  if (references.isEmpty()) return usageError(error);
  int missed = 0, explained = 0;
  QJsonArray json;
  QString table;
  QTextStream stream(&table);
  stream << QStringLiteral("%1 %2 %3 %4 %5\n")
                .arg(QStringLiteral("reference").leftJustified(38), QStringLiteral("expected").rightJustified(14),
                     QStringLiteral("model").rightJustified(14), QStringLiteral("error").rightJustified(9),
                     QStringLiteral("result"));
  for (const CalibrationReference& reference : references) {
    const CalibrationResult result = Calibration::run(reference);
    // A miss with a documented reason is shown as such and does not fail the run.
    const bool isExplained = !result.passed && result.problem.isEmpty() && !reference.explanation.isEmpty();
    if (isExplained)
      ++explained;
    else if (!result.passed)
      ++missed;
    const bool atLeast = reference.comparison == CalibrationReference::Comparison::AtLeast;
    const QString verdict = !result.problem.isEmpty() ? QStringLiteral("ERROR ") + result.problem
                            : result.passed           ? QStringLiteral("pass")
                            : isExplained             ? QStringLiteral("explained")
                                                      : QStringLiteral("MISS");
    const QString tolerance =
        atLeast ? QStringLiteral("(at least)") : QStringLiteral("(tol %1 %)").arg(reference.tolerance * 100, 0, 'g', 3);
    stream << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                  .arg(reference.id.leftJustified(38), formatQuantity(reference.expected).rightJustified(14),
                       formatQuantity(result.modelValue).rightJustified(14),
                       QStringLiteral("%1 %").arg(result.relativeError * 100, 0, 'f', 2).rightJustified(9), verdict,
                       tolerance);
    json.append(QJsonObject{{QStringLiteral("id"), reference.id},
                            {QStringLiteral("title"), reference.title},
                            {QStringLiteral("source"), reference.source},
                            {QStringLiteral("confidence"), reference.confidence},
                            {QStringLiteral("path"), reference.path},
                            {QStringLiteral("expected"), reference.expected},
                            {QStringLiteral("model"), result.modelValue},
                            {QStringLiteral("relativeError"), result.relativeError},
                            {QStringLiteral("tolerance"), reference.tolerance},
                            {QStringLiteral("passed"), result.passed},
                            {QStringLiteral("explanation"), reference.explanation},
                            {QStringLiteral("problem"), result.problem}});
  }
  stream << QStringLiteral("\n%1 of %2 references within tolerance")
                .arg(references.size() - missed - explained)
                .arg(references.size());
  if (explained > 0)
    stream << QStringLiteral("; %1 missed for the reason documented with it (--format json shows it)").arg(explained);
  stream << QStringLiteral("\n");
  stream.flush();
  if (parser.value(QStringLiteral("format")) == QLatin1String("json"))
    out() << QJsonDocument(QJsonObject{{QStringLiteral("references"), json}}).toJson();
  else
    out() << table;
  return missed == 0 ? 0 : kExitMissed;
}

/// Rows a sweep evaluates and writes at a time; parts of a sweep are whole blocks.
constexpr Eigen::Index kSweepBlock = 16384;

/// Joins CSV parts of one sweep into `path` (atomically): the first non-empty part's header once,
/// then every part's rows in order; false with `error` when a part is missing or has another header.
bool joinCsvParts(const QStringList& parts, const QString& path, QString* error) {
  AtomicFile joined(path);
  if (!joined.open()) {
    *error = joined.errorString();
    return false;
  }
  QByteArray header;
  for (const QString& part : parts) {
    QFile file(part);
    if (!file.open(QIODevice::ReadOnly)) {
      *error = QStringLiteral("%1: %2").arg(part, file.errorString());
      return false;
    }
    const QByteArray first = file.readLine();
    if (first.isEmpty()) continue;  // a part with no rows
    if (header.isEmpty()) {
      header = first;
      if (!joined.write(header)) break;
    } else if (first != header) {
      *error = QStringLiteral("%1: its columns differ from the first part's; not parts of one sweep").arg(part);
      return false;
    }
    while (!file.atEnd())
      if (!joined.write(file.read(4 << 20))) break;
  }
  if (!joined.commit()) {
    *error = joined.errorString();
    return false;
  }
  return true;
}

int runMerge(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addOption(outputOption());
  parser.addPositionalArgument(QStringLiteral("parts"),
                               QStringLiteral("The parts, in order (sweep --shard 1/N ... N/N)."),
                               QStringLiteral("PART..."));
  if (const auto done = parseSubcommand(parser, arguments,
                                        "Usage: gigaplan-cli merge PART... -o FILE\n"
                                        "Joins the parts of a sweep run as a job array (sweep --shard K/N) into the "
                                        "CSV file one run writes: one header, then every part's rows in order.\n"))
    return *done;
  const QStringList parts = parser.positionalArguments();
  const QString path = parser.value(outputOption());
  if (parts.isEmpty()) return usageError(QStringLiteral("merge takes the parts to join"));
  if (path.isEmpty() || path == QLatin1String("-")) return usageError(QStringLiteral("merge: name the file with -o"));
  if (const QString refused = outputRefused(path, parts); !refused.isEmpty())
    return reportErrors({{QStringLiteral("-o"), refused}});
  QString error;
  if (!joinCsvParts(parts, path, &error))
    return reportErrors({{QStringLiteral("merge"), error + QStringLiteral("; nothing written")}});
  return 0;
}

void appendNumber(QByteArray& line, double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  line.append(buffer, static_cast<int>(result.ptr - buffer));
}

int runSweep(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addOption(setOption());
  parser.addOption(outputOption());
  const QCommandLineOption varyOption(QStringLiteral("vary"), QStringLiteral("Grid axis (repeatable)."),
                                      QStringLiteral("path=from:to:steps"));
  const QCommandLineOption samplesOption(QStringLiteral("samples"), QStringLiteral("Monte Carlo samples."),
                                         QStringLiteral("N"));
  const QCommandLineOption uncertainOption(QStringLiteral("uncertain"),
                                           QStringLiteral("Uniform range of one input (repeatable); default: "
                                                          "ranges from each default's confidence."),
                                           QStringLiteral("path=low:high"));
  const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."),
                                      QStringLiteral("S"), QStringLiteral("1"));
  const QCommandLineOption outputsOption(QStringLiteral("outputs"),
                                         QStringLiteral("Comma-separated output paths (default: all)."),
                                         QStringLiteral("paths"));
  const QCommandLineOption quietOption(QStringLiteral("quiet"), QStringLiteral("No progress on standard error."));
  const QCommandLineOption shardOption(QStringLiteral("shard"),
                                       QStringLiteral("Only part K of N of the rows (1/4 ... 4/4), for job arrays: "
                                                      "`gigaplan-cli merge` joins the parts."),
                                       QStringLiteral("K/N"));
  parser.addOptions({varyOption, samplesOption, uncertainOption, seedOption, outputsOption, quietOption, shardOption});
  parser.addPositionalArgument(QStringLiteral("scenario"), QStringLiteral("A preset id or a scenario JSON file."));
  if (const auto done = parseSubcommand(
          parser, arguments,
          "Usage: gigaplan-cli sweep SCENARIO --vary path=from:to:steps [--vary ...] [--quiet] [-o FILE]\n"
          "       gigaplan-cli sweep SCENARIO --samples N [--uncertain path=low:high]... [--seed S] [--quiet] [-o "
          "FILE]\n"
          "Evaluates a grid or a Monte Carlo sample of scenarios in one batch and writes CSV:\n"
          "the varied inputs, then the outputs (--outputs a,b,... to choose). --shard K/N writes only the\n"
          "K-th of N parts of the rows (each a CSV with its header; `gigaplan-cli merge` joins them into\n"
          "the file one run writes). Under mpirun (or srun) the ranks share the rows and rank 0 writes -o FILE.\n"))
    return *done;
  const QStringList positional = parser.positionalArguments();
  if (positional.size() != 1) return usageError(QStringLiteral("sweep takes one SCENARIO (a preset id or a file)"));
  const bool grid = parser.isSet(varyOption);
  const bool monteCarlo = parser.isSet(samplesOption);
  if (grid == monteCarlo) return usageError(QStringLiteral("sweep needs either --vary or --samples"));

  ScenarioErrors errors;
  const auto resolved = loadResolved(positional.first(), parser.values(setOption()), errors);
  if (!resolved) return reportErrors(errors);

  std::vector<OutputId> columns;
  if (parser.isSet(outputsOption)) {
    for (const QString& path : parser.value(outputsOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
      const auto id = findOutput(path.trimmed());
      if (!id)
        errors.append({path.trimmed(), QStringLiteral("unknown output (see gigaplan-cli schema)")});
      else
        columns.push_back(*id);
    }
  } else {
    for (const OutputSpec& spec : outputSpecs()) columns.push_back(spec.id);
  }

  // The sweep runs in blocks: generate, evaluate, append CSV. Memory stays bounded at any size.
  QList<SweepAxis> axes;
  QList<UncertainInput> uncertain;
  Eigen::Index total = 0;
  quint64 seed = 1;
  if (grid) {
    double rows = 1;
    for (const QString& text : parser.values(varyOption)) {
      if (auto axis = parseSweepAxis(text, errors)) {
        // A second axis of one input would label rows with values that were not evaluated.
        if (std::any_of(axes.begin(), axes.end(), [&](const SweepAxis& other) { return other.input == axis->input; })) {
          errors.append({QStringLiteral("--vary"), QStringLiteral("%1 is varied twice; give each input one axis")
                                                       .arg(QString::fromLatin1(inputSpec(axis->input).path))});
          continue;
        }
        axes.append(*axis);
        rows *= axis->steps;
      }
    }
    if (rows > 1e9)
      errors.append({QStringLiteral("--vary"),
                     QStringLiteral("the grid has %1 rows; at most 1,000,000,000").arg(rows, 0, 'g', 4)});
    if (!errors.isEmpty()) return reportErrors(errors);
    total = gridSize(axes);
  } else {
    bool ok = false;
    total = parser.value(samplesOption).toLongLong(&ok);
    if (!ok || total < 1 || total > 1000000000)
      errors.append(
          {QStringLiteral("--samples"),
           QStringLiteral("'%1' must be a whole number from 1 to 1,000,000,000").arg(parser.value(samplesOption))});
    seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok)
      errors.append(
          {QStringLiteral("--seed"), QStringLiteral("'%1' is not a whole number").arg(parser.value(seedOption))});
    for (const QString& text : parser.values(uncertainOption))
      if (auto input = parseUncertainInput(text, errors)) uncertain.append(*input);
    if (!errors.isEmpty()) return reportErrors(errors);
    if (uncertain.isEmpty()) uncertain = uncertaintyFromConfidence(*resolved);
  }

  // The rows this process writes: all, one part of a job array (--shard K/N), or its rank's part
  // of an MPI job. Parts are whole blocks, so that each draws the same samples as one run would.
  const ClusterRun& cluster = ClusterRun::join(nullptr, nullptr);
  int shard = 0, shards = 1;
  if (parser.isSet(shardOption)) {
    const QStringList parts = parser.value(shardOption).split(QLatin1Char('/'));
    bool okK = false, okN = false;
    shard = parts.size() == 2 ? parts[0].toInt(&okK) - 1 : -1;
    shards = parts.size() == 2 ? parts[1].toInt(&okN) : 0;
    if (!okK || !okN || shards < 1 || shards > 100000 || shard < 0 || shard >= shards)
      return reportErrors(
          {{QStringLiteral("--shard"),
            QStringLiteral("'%1' is not K/N with 1 <= K <= N (such as 2/8)").arg(parser.value(shardOption))}});
    if (cluster.size() > 1)
      return reportErrors(
          {{QStringLiteral("--shard"), QStringLiteral("under mpirun the ranks share the rows already")}});
  } else if (cluster.size() > 1) {
    shard = cluster.rank();
    shards = cluster.size();
  }
  const Eigen::Index blocks = (total + kSweepBlock - 1) / kSweepBlock;
  const Eigen::Index firstRow = std::min(total, blocks * shard / shards * kSweepBlock);
  const Eigen::Index endRow = std::min(total, blocks * (shard + 1) / shards * kSweepBlock);

  QString outputPath = parser.value(outputOption());
  const QString finalPath = outputPath;
  if (cluster.size() > 1) {
    if (outputPath.isEmpty() || outputPath == QLatin1String("-"))
      return reportErrors({{QStringLiteral("-o"), QStringLiteral("under mpirun name the file the ranks write")}});
    outputPath = QStringLiteral("%1.part-%2").arg(outputPath).arg(cluster.rank() + 1);  // joined by rank 0 below
  }
  const bool toStdout = outputPath.isEmpty() || outputPath == QLatin1String("-");
  AtomicFile file(outputPath);
  if (!toStdout) {
    if (const QString refused = outputRefused(outputPath, {positional.first()}); !refused.isEmpty()) {
      err() << "error: -o: " << refused << "\n";
      return kExitBadInput;
    }
  }
  if (!toStdout && !file.open()) {
    err() << "error: " << file.errorString() << "\n";
    return kExitBadInput;
  }
  auto writeBytes = [&](const QByteArray& bytes) {
    if (toStdout)
      return std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout) ==
             static_cast<size_t>(bytes.size());
    return file.write(bytes);
  };

  const bool showProgress = !parser.isSet(quietOption) && cluster.isRoot();
  const bool terminal = isatty(fileno(stderr));
  cancelOnSignals();
  QElapsedTimer timer;
  timer.start();
  const QLocale locale(QLocale::English);
  auto progress = [&](Eigen::Index done) {
    if (!showProgress) return;
    const Eigen::Index rows = std::max<Eigen::Index>(endRow - firstRow, 1);
    err() << (terminal ? "\r" : "") << "sweep: evaluated " << locale.toString(static_cast<qlonglong>(done)) << " of "
          << locale.toString(static_cast<qlonglong>(endRow - firstRow)) << " scenarios ("
          << static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(rows)) << " %)"
          << (terminal ? "" : "\n");
    err().flush();
  };

  // A varied input is one column: an output of the same path (cluster.gpus) is not written again.
  QSet<QString> variedPaths;
  if (grid)
    for (const SweepAxis& axis : axes) variedPaths.insert(QString::fromLatin1(inputSpec(axis.input).path));
  else
    for (const UncertainInput& input : uncertain) variedPaths.insert(QString::fromLatin1(inputSpec(input.input).path));
  columns.erase(
      std::remove_if(columns.begin(), columns.end(),
                     [&](OutputId id) { return variedPaths.contains(QString::fromLatin1(outputSpec(id).path)); }),
      columns.end());
  std::vector<OutputId> wanted = columns;
  wanted.push_back(OutputId::networkFeasible);  // counted below, not printed
  const auto feasibleColumn = static_cast<Eigen::Index>(columns.size());
  SampleGenerator random(seed);
  // The samples of the rows before this part, drawn and left: each row takes one per input.
  if (!grid)
    random.discard(static_cast<unsigned long long>(firstRow) * static_cast<unsigned long long>(uncertain.size()));
  constexpr Eigen::Index kBlock = kSweepBlock;
  Eigen::Index infeasible = 0;
  bool headerWritten = false;
  bool failed = false;
  ScenarioMatrix outputs;
  QByteArray csv;
  for (Eigen::Index start = firstRow; start < endRow; start += kBlock) {
    if (cancelRequested.load()) break;
    const Eigen::Index rows = std::min(kBlock, endRow - start);
    const ScenarioBatch batch = grid ? gridBatch(resolved->values, axes, start, rows)
                                     : monteCarloBatch(resolved->values, uncertain, rows, random);
    BatchEvaluator().evaluate(batch, wanted, outputs, {}, &cancelRequested);
    if (cancelRequested.load()) break;
    infeasible += (outputs.col(feasibleColumn) < 0.5).count();
    csv.resize(0);  // keeps the buffer for the next block
    if (!headerWritten) {
      for (InputId id : batch.varied) csv.append(inputSpec(id).path).append(',');
      for (OutputId id : columns) csv.append(outputSpec(id).path).append(',');
      csv.back() = '\n';
      headerWritten = true;
    }
    for (Eigen::Index row = 0; row < rows; ++row) {
      for (Eigen::Index v = 0; v < batch.values.cols(); ++v) {
        appendNumber(csv, batch.values(row, v));
        csv.append(',');
      }
      for (Eigen::Index c = 0; c < feasibleColumn; ++c) {
        appendNumber(csv, outputs(row, c));
        csv.append(',');
      }
      csv.back() = '\n';
    }
    if (start == firstRow && !toStdout && !file.inPlace()) {
      // The first block tells the size of a row: a sweep that cannot fit is refused before it fills the disk.
      const double expected =
          static_cast<double>(csv.size()) / static_cast<double>(rows) * static_cast<double>(endRow - firstRow);
      const qint64 free = freeBytesFor(outputPath);
      if (free >= 0 && expected > static_cast<double>(free)) {
        err() << "error: -o: the sweep's CSV would take about " << formatBytes(expected) << ", but only "
              << formatBytes(static_cast<double>(free)) << " are free for " << file.targetPath()
              << "; nothing written\n";
        failed = true;
        break;
      }
    }
    if (!writeBytes(csv)) {
      if (toStdout) {
        err() << "\nerror: cannot write to standard output: " << fileProblemText(errno ? errno : EIO) << "\n";
      } else {
        file.commit();  // names the failed write's cause; the old file stays
        err() << "\nerror: " << file.errorString() << "; nothing written\n";
      }
      failed = true;
      break;
    }
    progress(start + rows - firstRow);
  }
  const bool cancelled = cancelRequested.load();
  bool written = !failed && !cancelled;
  if (written && !toStdout && !file.commit()) {
    err() << "error: " << file.errorString() << "; nothing written\n";
    written = false;
  }
  // An MPI job: each rank wrote its part; rank 0 joins them into the file one run writes.
  if (cluster.size() > 1) {
    const bool everyPart = cluster.everyRank(written);
    QStringList parts;
    for (int r = 0; r < cluster.size(); ++r) parts << QStringLiteral("%1.part-%2").arg(finalPath).arg(r + 1);
    if (!cluster.isRoot()) return everyPart ? 0 : (cancelled ? kExitCancelled : kExitBadInput);
    QString error;
    const bool joined = everyPart && joinCsvParts(parts, finalPath, &error);
    for (const QString& part : parts) QFile::remove(part);
    if (!joined) {
      if (!error.isEmpty()) err() << "error: " << error << "; nothing written\n";
      return cancelled ? kExitCancelled : kExitBadInput;
    }
  }
  if (cancelled) {
    err() << "\nsweep: cancelled" << (toStdout ? "" : ", nothing written") << "\n";
    return kExitCancelled;
  }
  if (failed || !written) return kExitBadInput;
  if (toStdout && std::fflush(stdout) != 0) {
    err() << "error: cannot write to standard output: " << fileProblemText(errno) << "\n";
    return kExitBadInput;
  }
  if (showProgress) {
    err() << (terminal ? "\n" : "") << "sweep: " << locale.toString(static_cast<qlonglong>(endRow - firstRow))
          << " scenarios in " << timer.elapsed() << " ms";
    if (infeasible > 0) err() << "; " << infeasible << " with a fabric the switch cannot build (network.feasible = 0)";
    err() << "\n";
    err().flush();
  }
  return 0;
}

int runSchema(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.addOption(formatOption(QStringLiteral("table")));
  if (const auto done =
          parseSubcommand(parser, arguments,
                          "Usage: gigaplan-cli schema [--format table|json]\nEvery scenario input and every "
                          "output, with unit and meaning.\n"))
    return *done;
  const HardwareCatalog& catalog = HardwareCatalog::bundled();
  QJsonArray inputs, outputs, selections;
  QString text;
  QTextStream stream(&text);
  QList<QPair<QString, QStringList>> choices = {
      {QString::fromLatin1(Scenario::kSystemTypePath), HardwareCatalog::ids(catalog.systems())},
      {QString::fromLatin1(Scenario::kSwitchPath), HardwareCatalog::ids(catalog.switches())}};
  for (int r = 0; r < 5; ++r) {
    const auto reach = static_cast<ReachClass>(r);
    QStringList ids;
    for (const CatalogEntry& entry : catalog.optics())
      if (entry.reach == reach) ids << entry.id;
    choices.append({QStringLiteral("optics.%1.module").arg(HardwareCatalog::reachName(reach)), ids});
  }
  stream << "Catalog choices (text):\n";
  for (const auto& [path, ids] : choices) {
    stream << "  " << path.leftJustified(36) << " " << ids.join(QStringLiteral(" | ")) << "\n";
    selections.append(
        QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("values"), QJsonArray::fromStringList(ids)}});
  }
  stream << "\nInputs (path, unit, default, range, meaning; source):\n";
  for (const InputSpec& spec : inputSpecs()) {
    const QString defaultText = std::isnan(spec.defaultValue) ? QStringLiteral("catalog")
                                : spec.kind == InputKind::Choice
                                    ? choiceNames(spec.id).value(static_cast<int>(spec.defaultValue))
                                    : formatQuantity(spec.defaultValue);
    const QString range = spec.kind == InputKind::Choice ? choiceNames(spec.id).join(QLatin1Char('|'))
                                                         : QStringLiteral("%1..%2").arg(formatQuantity(spec.minimum),
                                                                                        formatQuantity(spec.maximum));
    stream << "  " << QString::fromLatin1(spec.path).leftJustified(40) << " "
           << QString::fromLatin1(spec.unit).leftJustified(10) << " " << defaultText.rightJustified(10) << "  "
           << range.leftJustified(22) << " " << spec.meaning << "; " << spec.source << "\n";
    QJsonObject entry{{QStringLiteral("path"), QString::fromLatin1(spec.path)},
                      {QStringLiteral("unit"), QString::fromLatin1(spec.unit)},
                      {QStringLiteral("meaning"), QString::fromLatin1(spec.meaning)},
                      {QStringLiteral("source"), QString::fromLatin1(spec.source)},
                      {QStringLiteral("confidence"), QString::fromLatin1(spec.confidence)},
                      {QStringLiteral("minimum"), spec.minimum},
                      {QStringLiteral("maximum"), spec.maximum}};
    if (!std::isnan(spec.defaultValue)) entry.insert(QStringLiteral("default"), spec.defaultValue);
    if (spec.kind == InputKind::Choice)
      entry.insert(QStringLiteral("choices"), QJsonArray::fromStringList(choiceNames(spec.id)));
    inputs.append(entry);
  }
  stream << "\nOutputs (path, unit, meaning):\n";
  for (const OutputSpec& spec : outputSpecs()) {
    stream << "  " << QString::fromLatin1(spec.path).leftJustified(40) << " "
           << QString::fromLatin1(spec.unit).leftJustified(14) << " " << spec.meaning << "\n";
    outputs.append(QJsonObject{{QStringLiteral("path"), QString::fromLatin1(spec.path)},
                               {QStringLiteral("unit"), QString::fromLatin1(spec.unit)},
                               {QStringLiteral("meaning"), QString::fromLatin1(spec.meaning)}});
  }
  stream.flush();
  if (parser.value(QStringLiteral("format")) == QLatin1String("json"))
    out() << QJsonDocument(QJsonObject{{QStringLiteral("selections"), selections},
                                       {QStringLiteral("inputs"), inputs},
                                       {QStringLiteral("outputs"), outputs}})
                 .toJson();
  else
    out() << text;
  return 0;
}

const char* kUsage =
    "Usage: gigaplan-cli COMMAND [options]\n"
    "Plans GPU supercomputer build-outs: power, cooling, fabric, cost and reliability.\n"
    "\n"
    "Commands:\n"
    "  presets                     list the bundled presets, one per line, id first\n"
    "  evaluate SCENARIO           evaluate a preset, scenario file or project (--set path=value, --format "
    "json|table)\n"
    "  calibrate                   compare the model with published reference figures\n"
    "  sweep SCENARIO              batched grid (--vary) or Monte Carlo (--samples) evaluation to CSV\n"
    "  merge PART... -o FILE       join the parts of a sweep run as a job array (sweep --shard K/N)\n"
    "  schema                      every input and output with unit, default, range and source\n"
    "  new --preset NAME -o FILE   a project: the scenario and its generated floor layout\n"
    "  info FILE                   the site after every phase, what each phase adds, the floor and findings\n"
    "  edit FILE                   change inputs (--set), name, description and the layout; saved atomically\n"
    "  racks FILE                  every rack: id, building, hall, row, slot, role, system, GPUs, kW, phase, tenant\n"
    "  failures FILE               every failure domain worst first, availability, goodput (--years N)\n"
    "  export FILE --cables X.csv  the plan for other tools: cable plan (CSV, XLSX), glTF floor\n"
    "  phases PROJECT              the build-out phase by phase: dates, GPUs, power, capex (table, json, csv)\n"
    "  report PROJECT -o FILE.pdf  the PDF report (--bom-csv, --figures-csv, --scenario-json exports)\n"
    "  whatif SCENARIO             inputs that move TCO, MW and $/GPU-hour most; P10/P50/P90 bands\n"
    "  compare A [B]               every figure of variant B against A (--set-b path=value for B)\n"
    "  optimize SPEC               the Pareto front of designs that meet a goal (-o DIR --save-best N)\n"
    "\n"
    "Options:\n"
    "  -h, --help                  this help; COMMAND --help for a command's options\n"
    "  -v, --version               the version\n"
    "\n"
    "Exit status: 0 success, 1 a calibration reference missed, 2 bad input, 130 cancelled.\n";

}  // namespace

int main(int argc, char** argv) {
  // Under mpirun or srun every rank runs the same optimize; other commands run alone.
  if (gigaplan::ClusterRun::startedUnderMpi()) {
    if (argc < 2 || (qstrcmp(argv[1], "optimize") != 0 && qstrcmp(argv[1], "sweep") != 0)) {
      std::fprintf(stderr,
                   "error: only optimize and sweep run across the ranks of an MPI job; run other commands alone\n");
      return gigaplan::cli::kExitBadInput;
    }
    if (!gigaplan::ClusterRun::builtWithMpi()) {
      std::fprintf(stderr, "error: this gigaplan-cli was built without MPI (GIGAPLAN_MPI); run it alone\n");
      return gigaplan::cli::kExitBadInput;
    }
    gigaplan::ClusterRun::join(&argc, &argv);
  }
  // A report draws text into a PDF, which takes Qt's font database: a QGuiApplication, on no
  // display; its 3D views take the floor view's widgets and OpenGL on the X display.
  const bool report = argc > 1 && qstrcmp(argv[1], "report") == 0;
  bool plansOnly = !gigaplan::cli::canDraw3d();
  for (int i = 2; i < argc; ++i) plansOnly = plansOnly || qstrcmp(argv[i], "--no-3d") == 0;
  if (report && plansOnly) qputenv("QT_QPA_PLATFORM", "offscreen");
  if (report && !plansOnly) qputenv("QT_QPA_PLATFORM", "xcb;offscreen");  // a display that fails to answer: plans only
  const std::unique_ptr<QCoreApplication> app = !report     ? std::make_unique<QCoreApplication>(argc, argv)
                                                : plansOnly ? std::make_unique<QGuiApplication>(argc, argv)
                                                            : std::make_unique<QApplication>(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("gigaplan-cli"));
  QCoreApplication::setApplicationVersion(QStringLiteral(GIGAPLAN_VERSION));
  const QStringList arguments = QCoreApplication::arguments();
  if (arguments.size() < 2 || arguments[1] == QLatin1String("--help") || arguments[1] == QLatin1String("-h") ||
      arguments[1] == QLatin1String("help")) {
    out() << kUsage;
    return arguments.size() < 2 ? kExitBadInput : 0;
  }
  if (arguments[1] == QLatin1String("--version") || arguments[1] == QLatin1String("-v")) {
    out() << "gigaplan-cli " << GIGAPLAN_VERSION << "\n";
    return 0;
  }
  const QString command = arguments[1];
  QStringList rest = arguments;
  rest.removeAt(1);  // the parser expects the program name first
  try {
    if (command == QLatin1String("presets")) return runPresets(rest);
    if (command == QLatin1String("evaluate")) return runEvaluate(rest);
    if (command == QLatin1String("calibrate")) return runCalibrate(rest);
    if (command == QLatin1String("sweep")) return runSweep(rest);
    if (command == QLatin1String("merge")) return runMerge(rest);
    if (command == QLatin1String("schema")) return runSchema(rest);
    if (command == QLatin1String("new")) return runNew(rest);
    if (command == QLatin1String("info")) return runInfo(rest);
    if (command == QLatin1String("edit")) return runEdit(rest);
    if (command == QLatin1String("racks")) return runRacks(rest);
    if (command == QLatin1String("failures")) return runFailures(rest);
    if (command == QLatin1String("export")) return runExport(rest);
    if (command == QLatin1String("optimize")) return runOptimize(rest);
    if (command == QLatin1String("phases")) return runPhases(rest);
    if (command == QLatin1String("report")) return runReport(rest);
    if (command == QLatin1String("whatif")) return runWhatIf(rest);
    if (command == QLatin1String("compare")) return runCompare(rest);
  } catch (const std::exception& e) {
    err() << "error: " << e.what() << "\n";
    return kExitBadInput;
  }
  return usageError(QStringLiteral("unknown command '%1'").arg(command));
}
