// Runs the gigaplan-cli program as a user would and checks what it prints, writes and returns.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include "ScenarioFixtures.h"
#include "document/LayoutCommands.h"
#include "engine/ResultFormat.h"
#include "plan/PresetLibrary.h"
#include "plan/ProjectEvaluation.h"
#include "storage/ProjectStore.h"

using namespace gigaplan;
using namespace gigaplan::test;

namespace {
struct Run {
  int exitCode = -1;
  QString out;
  QString err;
};

/// A file of the given bytes in `dir`, as a user's own file would be.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
  const QString path = dir.filePath(name);
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
    qFatal("cannot write %s", qPrintable(path));
  return path;
}

/// An output's entry in `evaluate`'s JSON outputs, by its path "group.name": its value and unit.
QJsonObject outputEntry(const QJsonObject& outputs, const QString& path) {
  return outputs.value(path.section(QLatin1Char('.'), 0, 0))
      .toObject()
      .value(path.section(QLatin1Char('.'), 1))
      .toObject();
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  return file.readAll();
}

Run cli(const QStringList& arguments);

/// `gigaplan-cli new --preset PRESET -o path`: true when it made the project.
bool newProject(const QString& path, const char* preset) {
  const Run made =
      cli({QStringLiteral("new"), QStringLiteral("--preset"), QString::fromLatin1(preset), QStringLiteral("-o"), path});
  if (made.exitCode != 0) qWarning("new --preset %s: %s", preset, qPrintable(made.err));
  return made.exitCode == 0;
}

Run cli(const QStringList& arguments) {
  QProcess process;
  process.start(QStringLiteral(GIGAPLAN_CLI_PATH), arguments);
  if (!process.waitForFinished(120000)) qFatal("gigaplan-cli did not finish");
  return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
          QString::fromUtf8(process.readAllStandardError())};
}
}  // namespace

class TestCli : public QObject {
  Q_OBJECT
 private slots:
  void helpAndVersion() {
    const Run help = cli({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char* command : {"presets", "evaluate", "calibrate", "sweep", "schema", "info", "edit", "racks"})
      QVERIFY2(help.out.contains(QString::fromLatin1(command)), command);
    const Run version = cli({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith(QStringLiteral("gigaplan-cli ")));
    QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2);
  }

  void presetsOnePerLineNameFirst() {
    const Run run = cli({QStringLiteral("presets")});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), PresetLibrary::list().size());
    QVERIFY(lines.filter(QStringLiteral("1M")).size() >= 1);
    for (const QString& line : lines) {
      ScenarioErrors errors;
      QVERIFY2(PresetLibrary::load(line.section(QLatin1Char(' '), 0, 0), errors), qPrintable(line));
    }
  }

  void evaluateJsonHoldsEveryOutputWithUnits() {
    const Run run = cli({QStringLiteral("evaluate"), QStringLiteral("gb200-nvl72-1m"), QStringLiteral("--set"),
                         QStringLiteral("network.oversubscriptionTier1=2")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QJsonObject outputs = root.value(QStringLiteral("outputs")).toObject();
    // A preset is evaluated on the floor `new` lays out for it: one evaluation, as for a project.
    ScenarioErrors errors;
    auto project = PresetLibrary::loadProject(QStringLiteral("gb200-nvl72-1m"), errors);
    QVERIFY(project && project->scenario.set(QStringLiteral("network.oversubscriptionTier1"), QJsonValue(2), errors));
    project->layout = *layOutProject(*project, HallTemplate{}, errors);
    const OutputValues expected = gigaplan::evaluateProject(*project).evaluation.outputs;
    for (const OutputSpec& spec : outputSpecs()) {
      const QString path = QString::fromLatin1(spec.path);
      const QJsonObject entry = outputEntry(outputs, path);
      QCOMPARE(entry.value(QStringLiteral("unit")).toString(), QString::fromLatin1(spec.unit));
      QVERIFY2(
          near(entry.value(QStringLiteral("value")).toDouble(), expected[static_cast<std::size_t>(spec.id)], 1e-12),
          qPrintable(path));
    }
    const QJsonObject oversubscription = root.value(QStringLiteral("inputs"))
                                             .toObject()
                                             .value(QStringLiteral("network.oversubscriptionTier1"))
                                             .toObject();
    QCOMPARE(oversubscription.value(QStringLiteral("value")).toDouble(), 2.0);
    QCOMPARE(oversubscription.value(QStringLiteral("source")).toString(), QStringLiteral("set in scenario"));
  }

  void evaluateTableAndFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.txt"));
    const Run run = cli({QStringLiteral("evaluate"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--format"),
                         QStringLiteral("table"), QStringLiteral("-o"), path});
    QCOMPARE(run.exitCode, 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QStringLiteral("power.itMw")));
    QVERIFY(text.contains(QStringLiteral("network.bisectionPbps")));
  }

  void badInputExitsTwoAndWritesNothing_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("field");
    QTest::newRow("zero GPUs") << QStringList{"evaluate", "gb200-nvl72-1m", "--set", "cluster.gpus=0"}
                               << "cluster.gpus";
    QTest::newRow("NaN") << QStringList{"evaluate", "gb200-nvl72-1m", "--set", "facility.pue=nan"} << "facility.pue";
    QTest::newRow("PUE below 1") << QStringList{"evaluate", "gb200-nvl72-1m", "--set", "facility.pue=0.8"}
                                 << "facility.pue";
    QTest::newRow("unknown key") << QStringList{"evaluate", "gb200-nvl72-1m", "--set", "network.radix=64"}
                                 << "network.radix";
    QTest::newRow("fabric") << QStringList{"evaluate",         "gb200-nvl72-1m", "--set",
                                           "network.planes=1", "--set",          "network.tiers=2"}
                            << "network.tiers";
    QTest::newRow("no scenario") << QStringList{"evaluate", "no-such-preset"} << "no-such-preset";
    QTest::newRow("sweep axis") << QStringList{"sweep", "gb200-nvl72-1m", "--vary", "cluster.gpus=1:2"}
                                << "cluster.gpus";
    QTest::newRow("samples") << QStringList{"sweep", "gb200-nvl72-1m", "--samples", "-5"} << "--samples";
  }
  void badInputExitsTwoAndWritesNothing() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, field);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("result"));
    const Run run = cli(arguments + QStringList{QStringLiteral("-o"), path});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("error: ") + field), qPrintable(run.err));
    QVERIFY(!QFile::exists(path));
    QVERIFY(run.out.isEmpty());
  }

  void damagedScenarioFile() {
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("broken.json"), "{\"cluster\": {\"gpus\": 1000");
    const Run run = cli({QStringLiteral("evaluate"), path});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(QStringLiteral("not valid JSON")));
  }

  void calibratePasses() {
    const Run run = cli({QStringLiteral("calibrate")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("superpod-b200-64su/core")));
    QVERIFY(!run.out.contains(QStringLiteral("MISS")));
  }

  void sweepGridToCsv() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sweep.csv"));
    const Run run = cli({QStringLiteral("sweep"), QStringLiteral("gb200-nvl72-1m"), QStringLiteral("--vary"),
                         QStringLiteral("cluster.gpus=150000:1000000:5"), QStringLiteral("--vary"),
                         QStringLiteral("network.oversubscriptionTier1=1:2:2"), QStringLiteral("--outputs"),
                         QStringLiteral("power.itMw,network.switches"), QStringLiteral("-o"), path});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.err.contains(QStringLiteral("10 of 10 scenarios")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 11);
    QCOMPARE(lines[0], QStringLiteral("cluster.gpus,network.oversubscriptionTier1,power.itMw,network.switches"));
    const QStringList last = lines[10].split(QLatin1Char(','));
    QCOMPARE(last[0].toDouble(), 1e6);
    QCOMPARE(last[1].toDouble(), 2.0);
    // A sweep is the engine's fast path: its rows are engine estimates.
    const OutputValues expected = evaluatePreset("gb200-nvl72-1m", {{"network.oversubscriptionTier1", "2"}});
    QVERIFY(near(last[2].toDouble(), at(expected, OutputId::powerItMw), 1e-12));
    QCOMPARE(last[3].toDouble(), at(expected, OutputId::networkSwitches));
  }

  void racksFindsOnePlace() {
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.gigaplan"));
    QCOMPARE(cli({QStringLiteral("new"), QStringLiteral("--preset"), QStringLiteral("colossus-150k-h100"),
                  QStringLiteral("-o"), project})
                 .exitCode,
             0);
    const Run all = cli({QStringLiteral("racks"), project, QStringLiteral("--format"), QStringLiteral("csv")});
    const QStringList rows = all.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList some = rows[100].split(QLatin1Char(','));  // id, building, hall, hall_index, row, ...
    const Run row =
        cli({QStringLiteral("racks"), project, QStringLiteral("--find"), QStringLiteral("%1/%2").arg(some[2], some[4]),
             QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(row.exitCode, 0);
    const QStringList found = row.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(1);
    QVERIFY(!found.isEmpty());
    int expected = 0;
    for (const QString& line : rows.mid(1)) {
      const QStringList cells = line.split(QLatin1Char(','));
      expected += cells[2] == some[2] && cells[4] == some[4] ? 1 : 0;
    }
    QCOMPARE(found.size(), expected);
    const Run rack = cli({QStringLiteral("racks"), project, QStringLiteral("--find"), some[0]});
    QCOMPARE(rack.exitCode, 0);
    QCOMPARE(rack.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);  // header and the rack
    const Run nowhere = cli({QStringLiteral("racks"), project, QStringLiteral("--find"), QStringLiteral("nowhere")});
    QCOMPARE(nowhere.exitCode, 2);
    QVERIFY2(nowhere.err.contains(QStringLiteral("--find: 'nowhere': no building, hall, row")),
             qPrintable(nowhere.err));
  }

  void sweepColumnsReadAsWritten() {
    // A varied input that is also an output (cluster.gpus) is one column; grid points read back as
    // the planner would write them (1.13, not 1.1299999999999999).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sweep.csv"));
    const Run run =
        cli({QStringLiteral("sweep"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--vary"),
             QStringLiteral("cluster.gpus=150000:300000:2"), QStringLiteral("--vary"),
             QStringLiteral("facility.pue=1.1:1.37:28"), QStringLiteral("--outputs"),
             QStringLiteral("cluster.gpus,power.pue"), QStringLiteral("-o"), path, QStringLiteral("--quiet")});
    QCOMPARE(run.exitCode, 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines[0], QStringLiteral("cluster.gpus,facility.pue,power.pue"));
    QStringList pues;
    for (int i = 1; i <= 28; ++i) pues << lines[i].split(QLatin1Char(','))[1];
    QCOMPARE(pues.mid(0, 4), (QStringList{"1.1", "1.11", "1.12", "1.13"}));
    for (const QString& pue : pues) QVERIFY2(pue.size() <= 4, qPrintable(pue));
  }

  void sweepMonteCarlo() {
    const Run run = cli({QStringLiteral("sweep"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--samples"),
                         QStringLiteral("2000"), QStringLiteral("--outputs"), QStringLiteral("cost.tcoUsdPerYear")});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2001);
    QVERIFY(lines[0].endsWith(QStringLiteral(",cost.tcoUsdPerYear")));
    QSet<QString> distinct;
    for (int i = 1; i < lines.size(); ++i) distinct.insert(lines[i].section(QLatin1Char(','), -1));
    QVERIFY(distinct.size() > 1900);
  }

  void projectFromPresetToEditsAndBack() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    const Run created = cli({QStringLiteral("new"), QStringLiteral("--preset"), QStringLiteral("colossus-150k-h100"),
                             QStringLiteral("-o"), path});
    QCOMPARE(created.exitCode, 0);
    QVERIFY(created.out.contains(QStringLiteral(" CDUs in ")));

    const Run info = cli({QStringLiteral("info"), path});
    QCOMPARE(info.exitCode, 0);
    QVERIFY(info.out.contains(QStringLiteral("Colossus-like 150,000 Hopper GPUs")));
    QVERIFY(info.out.contains(QStringLiteral("150,000 GPUs")));
    // No limit broken; the 150k-GPU job's effective training time is under the 90 % threshold.
    QVERIFY2(info.out.contains(QStringLiteral("findings  No limit broken, 1 warning\n")), qPrintable(info.out));
    QVERIFY(info.out.contains(QStringLiteral("  warning: the site: effective training time")));

    // evaluate FILE: the engine's figures with the layout's media, and the layout's own figures.
    const Run evaluated = cli({QStringLiteral("evaluate"), path});
    QCOMPARE(evaluated.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(evaluated.out.toUtf8()).object();
    const QJsonObject layout = root.value(QStringLiteral("layout")).toObject();
    QCOMPARE(layout.value(QStringLiteral("computeRacks")).toInt(), 2344);  // 150,000 GPUs / 64 per rack
    QCOMPARE(layout.value(QStringLiteral("cabling")).toArray().size(), 4);
    const QJsonArray halls = layout.value(QStringLiteral("hallFigures")).toArray();
    QCOMPARE(halls.size(), layout.value(QStringLiteral("halls")).toInt());
    QVERIFY(halls.size() >= 4);
    for (const QJsonValue& hall : halls)
      QVERIFY(hall.toObject().value(QStringLiteral("itMw")).toDouble() <=
              hall.toObject().value(QStringLiteral("powerLimitMw")).toDouble());
    QVERIFY(layout.value(QStringLiteral("findings")).toArray().isEmpty());

    // A hall moved 5 km away: its uplinks are beyond reach, and the finding names them.
    const Run moved = cli({QStringLiteral("edit"), path, QStringLiteral("--move-hall"), QStringLiteral("1:5000:0"),
                           QStringLiteral("--set"), QStringLiteral("cost.electricityUsdPerKwh=0.05")});
    QCOMPARE(moved.exitCode, 0);
    const Run afterMove = cli({QStringLiteral("info"), path});
    QVERIFY2(afterMove.out.contains(QStringLiteral("beyond the 2000 m")), qPrintable(afterMove.out));
    const Run json = cli({QStringLiteral("evaluate"), path});
    const QJsonObject inputs =
        QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("inputs")).toObject();
    QCOMPARE(
        inputs.value(QStringLiteral("cost.electricityUsdPerKwh")).toObject().value(QStringLiteral("value")).toDouble(),
        0.05);

    // Insert Row and Insert Rack follow the desktop's rules: a row at the back of hall 0, then a
    // compute rack in its first slot.
    const Run inserted = cli({QStringLiteral("edit"), path, QStringLiteral("--insert-row"), QStringLiteral("0")});
    QCOMPARE(inserted.exitCode, 0);
    QVERIFY2(inserted.out.contains(QStringLiteral("(1 layout edits")), qPrintable(inserted.out));
    const int rows = QJsonDocument::fromJson(cli({QStringLiteral("evaluate"), path}).out.toUtf8())
                         .object()
                         .value(QStringLiteral("layout"))
                         .toObject()
                         .value(QStringLiteral("rows"))
                         .toInt();
    QVERIFY(rows > 0);
    const Run rackInserted =
        cli({QStringLiteral("edit"), path, QStringLiteral("--insert-rack"), QString::number(rows - 1)});
    QCOMPARE(rackInserted.exitCode, 0);
    const Run badRow = cli({QStringLiteral("edit"), path, QStringLiteral("--insert-rack"), QStringLiteral("999999")});
    QCOMPARE(badRow.exitCode, 2);
    QVERIFY2(badRow.err.contains(QStringLiteral("--insert-rack: row 999999: no such row")), qPrintable(badRow.err));

    // A bad edit changes nothing on disk.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    const Run bad = cli({QStringLiteral("edit"), path, QStringLiteral("--move-hall"), QStringLiteral("0:1:1"),
                         QStringLiteral("--remove-rack"), QStringLiteral("4000000000")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.contains(QStringLiteral("--remove-rack: rack 4000000000: no such rack")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
  }

  void editNamesAndDescribesTheProjectAndTheReportShowsIt() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(newProject(path, "colossus-150k-h100"));
    const Run named =
        cli({QStringLiteral("edit"), path, QStringLiteral("--name"), QStringLiteral("Memphis, hall A"),
             QStringLiteral("--description"), QStringLiteral("For the board, March.\nGrid power: 150 MW from TVA.")});
    QCOMPARE(named.exitCode, 0);
    QVERIFY2(named.out.contains(QStringLiteral("name and description set")), qPrintable(named.out));
    QVERIFY(cli({QStringLiteral("info"), path}).out.contains(QStringLiteral("Memphis, hall A")));

    // The report's title page reads them back, the description's lines as typed.
    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    const Run report = cli({QStringLiteral("report"), path, QStringLiteral("-o"), pdf, QStringLiteral("--no-3d"),
                            QStringLiteral("--quiet")});
    QCOMPARE(report.exitCode, 0);
    QProcess text;
    text.start(QStringLiteral("pdftotext"),
               {QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(30000));
    QStringList lines;
    for (const QString& line : QString::fromUtf8(text.readAllStandardOutput()).split(QLatin1Char('\n')))
      lines << line.trimmed();
    QVERIFY2(lines.contains(QStringLiteral("Memphis, hall A")), qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(lines.contains(QStringLiteral("For the board, March.")));
    QVERIFY(lines.contains(QStringLiteral("Grid power: 150 MW from TVA.")));

    // A name that is empty or too long, or a description too long, is named; nothing is saved.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    const Run empty = cli({QStringLiteral("edit"), path, QStringLiteral("--name"), QStringLiteral("  ")});
    QCOMPARE(empty.exitCode, 2);
    QVERIFY2(empty.err.contains(QStringLiteral("error: --name: empty")), qPrintable(empty.err));
    const Run tooLong = cli({QStringLiteral("edit"), path, QStringLiteral("--name"), QString(201, QLatin1Char('x')),
                             QStringLiteral("--description"), QString(2001, QLatin1Char('y')),
                             QStringLiteral("--remove-rack"), QStringLiteral("1")});
    QCOMPARE(tooLong.exitCode, 2);
    QVERIFY2(tooLong.err.contains(QStringLiteral("error: --name: 201 characters; at most 200")),
             qPrintable(tooLong.err));
    QVERIFY(tooLong.err.contains(QStringLiteral("error: --description: 2001 characters; at most 2000")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
  }

  void editAppliesLayoutEditsInTheOrderGiven() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(newProject(path, "colossus-to-1m"));
    QString error;
    const auto project = ProjectStore::open(path, &error);
    QVERIFY2(project, qPrintable(error));
    const Rack first = project->layout.racks[0];
    const Rack second = project->layout.racks[1];
    const QString slotOfFirst = QStringLiteral("%1:%2:%3").arg(second.id).arg(first.row).arg(first.slot + 1);
    // Moved into a slot that is still taken: refused, as the desktop would.
    const Run taken = cli({QStringLiteral("edit"), path, QStringLiteral("--move-rack"), slotOfFirst,
                           QStringLiteral("--remove-rack"), QString::number(first.id)});
    QCOMPARE(taken.exitCode, 2);
    QVERIFY2(taken.err.contains(QStringLiteral("already holds a rack")), qPrintable(taken.err));
    // Removed first, its slot is free for the move; the phase counts from 1, as the desktop's.
    const Run done = cli({QStringLiteral("edit"), path, QStringLiteral("--remove-rack"), QString::number(first.id),
                          QStringLiteral("--move-rack"), slotOfFirst, QStringLiteral("--set-rack-phase"),
                          QStringLiteral("%1:2").arg(second.id)});
    QCOMPARE(done.exitCode, 0);
    QVERIFY2(done.out.contains(QStringLiteral("(3 layout edits")), qPrintable(done.out));
    const auto edited = ProjectStore::open(path, &error);
    QVERIFY2(edited, qPrintable(error));
    QCOMPARE(LayoutCommands::rackIndex(edited->layout, first.id), -1);
    const Rack& moved =
        edited->layout.racks[static_cast<std::size_t>(LayoutCommands::rackIndex(edited->layout, second.id))];
    QCOMPARE(moved.row, first.row);
    QCOMPARE(moved.slot, first.slot);
    QCOMPARE(int(moved.phase), 1);  // the second phase
    const Run phaseZero =
        cli({QStringLiteral("edit"), path, QStringLiteral("--set-rack-phase"), QStringLiteral("%1:0").arg(second.id)});
    QCOMPARE(phaseZero.exitCode, 2);
    QVERIFY2(
        phaseZero.err.contains(QStringLiteral("--set-rack-phase: '%1:0': a rack id and a phase from 1").arg(second.id)),
        qPrintable(phaseZero.err));
    // Only the project's own phases: the sample has three.
    const Run phaseFour =
        cli({QStringLiteral("edit"), path, QStringLiteral("--set-rack-phase"), QStringLiteral("%1:4").arg(second.id)});
    QCOMPARE(phaseFour.exitCode, 2);
    QVERIFY2(phaseFour.err.contains(QStringLiteral("to 3, the project's phases")), qPrintable(phaseFour.err));
  }

  void anInputThatShapesTheFloorLaysItOutAnew() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(newProject(path, "colossus-150k-h100"));
    // An output of `evaluate`: outputs.<group>.<name>.value.
    const auto figure = [&](const char* output) {
      const QJsonObject root = QJsonDocument::fromJson(cli({QStringLiteral("evaluate"), path}).out.toUtf8()).object();
      return outputEntry(root.value(QStringLiteral("outputs")).toObject(), QString::fromLatin1(output))
          .value(QStringLiteral("value"))
          .toDouble();
    };
    const double racksBefore = figure("cluster.computeRacks");
    QCOMPARE(
        cli({QStringLiteral("edit"), path, QStringLiteral("--set"), QStringLiteral("cluster.gpus=75000")}).exitCode, 0);
    // The floor was laid out for 75,000 GPUs, and the figures count what stands on it.
    QCOMPARE(figure("cluster.gpus"), 75000.0);
    QVERIFY(figure("cluster.computeRacks") < racksBefore * 0.6);
    const Run racks = cli({QStringLiteral("racks"), path, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(racks.exitCode, 0);
    int compute = 0;
    const QJsonArray rackList =
        QJsonDocument::fromJson(racks.out.toUtf8()).object().value(QStringLiteral("racks")).toArray();
    for (const QJsonValue& rack : rackList)
      compute += rack.toObject().value(QStringLiteral("role")).toString() == QStringLiteral("compute");
    QCOMPARE(compute, static_cast<int>(figure("cluster.computeRacks")));

    // A phased project's GPUs come from its phases: cluster.gpus is refused, nothing saved.
    const QString phased = dir.filePath(QStringLiteral("phased.gigaplan"));
    QVERIFY(newProject(phased, "colossus-to-1m"));
    const Run refused =
        cli({QStringLiteral("edit"), phased, QStringLiteral("--set"), QStringLiteral("cluster.gpus=5")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("--set: cluster.gpus: a phased project's GPUs")),
             qPrintable(refused.err));
    // So are its systems, and an input its first phase sets: the base value would never be read.
    const Run unused = cli({QStringLiteral("edit"), phased, QStringLiteral("--set"), QStringLiteral("site.gridMw=100"),
                            QStringLiteral("--set"), QStringLiteral("system.type=dgx-b200")});
    QCOMPARE(unused.exitCode, 2);
    QVERIFY2(unused.err.contains(QStringLiteral("--set: site.gridMw: the first phase (")) &&
                 unused.err.contains(QStringLiteral("--set: system.type: a phased project's systems")),
             qPrintable(unused.err));
  }

  void rowsAndHallsAreNamedAsTheWorkspaceShowsThem() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(newProject(path, "colossus-150k-h100"));
    const QByteArray before = readAll(path);
    // A row as HALL/N, a hall by its name in any case; a place that is not there is named, nothing saved.
    const Run refused = cli({QStringLiteral("edit"), path, QStringLiteral("--remove-row"), QStringLiteral("B1-H1/2"),
                             QStringLiteral("--insert-rack"), QStringLiteral("B1-H1/99"), QStringLiteral("--lock-hall"),
                             QStringLiteral("B7-H1")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("--insert-rack: row 'B1-H1/99': hall B1-H1 has rows 1 to ")),
             qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QStringLiteral("--lock-hall: hall 'B7-H1': no hall of that name")),
             qPrintable(refused.err));
    QCOMPARE(readAll(path), before);

    // The last hall's third row removed by hand, then the GPUs halved: that hall is no longer on the
    // floor laid out anew, so the edit is listed by info until the planner dismisses it.
    const Run racks = cli({QStringLiteral("racks"), path, QStringLiteral("--format"), QStringLiteral("json")});
    const QJsonArray rackList =
        QJsonDocument::fromJson(racks.out.toUtf8()).object().value(QStringLiteral("racks")).toArray();
    const QString lastHall = rackList.last().toObject().value(QStringLiteral("hall")).toString();
    const QString row = lastHall + QStringLiteral("/3");
    QCOMPARE(cli({QStringLiteral("edit"), path, QStringLiteral("--remove-row"), row.toLower(),
                  QStringLiteral("--lock-hall"), QStringLiteral("b1-h1")})
                 .exitCode,
             0);
    const Run relaid =
        cli({QStringLiteral("edit"), path, QStringLiteral("--set"), QStringLiteral("cluster.gpus=75000")});
    QCOMPARE(relaid.exitCode, 0);
    const QString dropped = lastHall + QStringLiteral(" row 3 removed");
    QVERIFY2(relaid.err.contains(QStringLiteral("note: a hand edit no longer applies: ") + dropped),
             qPrintable(relaid.err));
    const QString listed = QStringLiteral("warning: a hand edit: ") + dropped;
    QVERIFY2(cli({QStringLiteral("info"), path}).out.contains(listed),
             qPrintable(cli({QStringLiteral("info"), path}).out));
    QCOMPARE(cli({QStringLiteral("edit"), path, QStringLiteral("--dismiss-dropped-edits")}).exitCode, 0);
    QVERIFY(!cli({QStringLiteral("info"), path}).out.contains(listed));
    const Run again = cli({QStringLiteral("edit"), path, QStringLiteral("--dismiss-dropped-edits")});
    QCOMPARE(again.exitCode, 2);
    QVERIFY2(again.err.contains(QStringLiteral("--dismiss-dropped-edits: no dropped hand edit is listed")),
             qPrintable(again.err));
  }

  void compareReadsEachSideOnItsFloorAsEvaluateDoes() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(newProject(path, "colossus-to-1m"));
    QCOMPARE(cli({QStringLiteral("edit"), path, QStringLiteral("--remove-rack"), QStringLiteral("100")}).exitCode, 0);
    const Run compared =
        cli({QStringLiteral("compare"), path, QStringLiteral("--set-b"), QStringLiteral("cost.utilization=0.9"),
             QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(compared.exitCode == 0, qPrintable(compared.err));
    const QJsonObject evaluated = QJsonDocument::fromJson(cli({QStringLiteral("evaluate"), path}).out.toUtf8())
                                      .object()
                                      .value(QStringLiteral("outputs"))
                                      .toObject();
    const auto evaluatedFigure = [&](const QString& figure) {
      return outputEntry(evaluated, figure).value(QStringLiteral("value")).toDouble();
    };
    int checked = 0;
    for (const QJsonValue& row :
         QJsonDocument::fromJson(compared.out.toUtf8()).object().value(QStringLiteral("figures")).toArray()) {
      const QString figure = row.toObject().value(QStringLiteral("path")).toString();
      if (figure != QLatin1String("cluster.gpus") && figure != QLatin1String("cost.capexUsd") &&
          figure != QLatin1String("power.facilityMw"))
        continue;
      QCOMPARE(row.toObject().value(QStringLiteral("a")).toDouble(), evaluatedFigure(figure));
      ++checked;
    }
    QCOMPARE(checked, 3);
  }

  void regeneratingReplacesHandEditsButKeepsLockedHalls() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(newProject(path, "colossus-150k-h100"));
    QString error;
    const auto generated = ProjectStore::open(path, &error);
    QVERIFY2(generated, qPrintable(error));
    const Rack& last = generated->layout.racks.back();
    // B1-H1 moved and locked; a rack of another hall removed.
    QCOMPARE(cli({QStringLiteral("edit"), path, QStringLiteral("--move-hall"), QStringLiteral("B1-H1:0:50"),
                  QStringLiteral("--lock-hall"), QStringLiteral("B1-H1"), QStringLiteral("--remove-rack"),
                  QString::number(last.id)})
                 .exitCode,
             0);
    const Run regenerated = cli({QStringLiteral("edit"), path, QStringLiteral("--regenerate-layout")});
    QCOMPARE(regenerated.exitCode, 0);
    // The removed rack is replaced; the locked hall's move is kept, so it is no edit replaced.
    QVERIFY2(regenerated.err.contains(QStringLiteral("1 hand edit replaced, locked halls kept as they are")),
             qPrintable(regenerated.err));
    const auto after = ProjectStore::open(path, &error);
    QVERIFY2(after, qPrintable(error));
    QCOMPARE(after->layout.racks.size(), generated->layout.racks.size());  // the removed rack is back
    const auto hall = std::find_if(after->layout.halls.begin(), after->layout.halls.end(),
                                   [](const Hall& h) { return h.name == QLatin1String("B1-H1"); });
    QVERIFY(hall != after->layout.halls.end());
    QVERIFY(hall->locked);
    QCOMPARE(hall->yM, generated->layout.halls[0].yM + 50);  // still where the planner put it
  }

  void aPhasedProjectKeepsItsPhasesAndListsThem() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("phased.gigaplan"));
    const Run created = cli({QStringLiteral("new"), QStringLiteral("--preset"), QStringLiteral("colossus-to-1m"),
                             QStringLiteral("-o"), path});
    QCOMPARE(created.exitCode, 0);
    QVERIFY2(created.out.contains(QStringLiteral("3 phases")), qPrintable(created.out));

    // The file's phases, as JSON: GPUs online grow to 1,000,000 and each phase adds capex.
    const Run json = cli({QStringLiteral("phases"), path, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray phases =
        QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("phases")).toArray();
    QCOMPARE(phases.size(), 3);
    QCOMPARE(phases[2].toObject().value(QStringLiteral("gpus_online")).toString(), QStringLiteral("1000000"));
    for (const QJsonValue& phase : phases) {
      const QJsonObject added = phase.toObject().value(QStringLiteral("added")).toObject();
      QVERIFY(added.value(QStringLiteral("cost.capexUsd")).toDouble() > 0);
    }
    // The same from the preset, as CSV: a header and one line per phase.
    const Run csv = cli({QStringLiteral("phases"), QStringLiteral("colossus-to-1m"), QStringLiteral("--format"),
                         QStringLiteral("csv")});
    QCOMPARE(csv.exitCode, 0);
    const QStringList lines = csv.out.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines[0].startsWith(QStringLiteral("phase,start,first_rack,training")));
    QVERIFY(lines[3].contains(QStringLiteral(",1000000,")));

    // A bad phase in a scenario file is named, and exits 2.
    const QString bad = writeFile(dir, QStringLiteral("bad.json"), R"({"system": {"type": "hgx-h100"},
      "phases": [{"name": "x", "start": "2025-13-01", "systems": [{"type": "hgx-h100", "gpus": 8}]}]})");
    const Run refused = cli({QStringLiteral("phases"), bad});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("phases[1].start")), qPrintable(refused.err));
  }

  void infoHeadlinesTheSiteAfterEveryPhaseAsEvaluateDoes() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("f.gigaplan"));
    QVERIFY(newProject(path, "colossus-to-1m"));
    const Run json = cli({QStringLiteral("info"), path, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject info = QJsonDocument::fromJson(json.out.toUtf8()).object();
    const Run evaluated = cli({QStringLiteral("evaluate"), path});
    QCOMPARE(evaluated.exitCode, 0);
    const QJsonObject outputs =
        QJsonDocument::fromJson(evaluated.out.toUtf8()).object().value(QStringLiteral("outputs")).toObject();
    const auto evaluateSays = [&](const char* path) {
      return outputEntry(outputs, QString::fromLatin1(path)).value(QStringLiteral("value")).toDouble(-1);
    };
    const QJsonObject site = info.value(QStringLiteral("site")).toObject();
    QCOMPARE(site.value(QStringLiteral("afterPhase")).toInt(), 3);
    const QJsonObject figures = site.value(QStringLiteral("figures")).toObject();
    for (const char* figure : {"cluster.gpus", "power.facilityMw", "cost.capexUsd", "cost.tcoUsdPerYear",
                               "cluster.racks", "cost.usdPerGpuHour"})
      QVERIFY2(figures.value(QString::fromLatin1(figure)).toDouble(-2) == evaluateSays(figure), figure);
    QCOMPARE(figures.value(QStringLiteral("cluster.gpus")).toDouble(), 1000000.0);  // not phase 1's 100,000

    // Then what each phase adds: 100,000 H100, 100,000 H200, 800,000 GB200.
    const QJsonArray phases = info.value(QStringLiteral("phases")).toArray();
    QCOMPARE(phases.size(), 3);
    const double gpusAdded[] = {100000, 100000, 800000};
    for (int k = 0; k < 3; ++k) {
      const QJsonObject phase = phases[k].toObject();
      QCOMPARE(phase.value(QStringLiteral("phase")).toInt(), k + 1);
      const QJsonObject added = phase.value(QStringLiteral("added")).toObject();
      QCOMPARE(added.value(QStringLiteral("cluster.gpus")).toDouble(), gpusAdded[k]);
      QVERIFY(added.value(QStringLiteral("power.facilityMw")).toDouble() > 0);
      QVERIFY(added.value(QStringLiteral("cost.capexUsd")).toDouble() > 0);
    }
    QCOMPARE(phases[2]
                 .toObject()
                 .value(QStringLiteral("systems"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("type"))
                 .toString(),
             QStringLiteral("gb200-nvl72"));
    QCOMPARE(info.value(QStringLiteral("project")).toString(), QStringLiteral("Colossus to 1M GPUs in three phases"));
    QVERIFY(info.value(QStringLiteral("layout")).toObject().value(QStringLiteral("findings")).toArray().isEmpty());

    // The table says the same, in evaluate's numbers, then one line per phase.
    const Run table = cli({QStringLiteral("info"), path});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains(QStringLiteral("GPUs      1,000,000 GPUs\n")), qPrintable(table.out));
    QVERIFY(table.out.contains(QStringLiteral("facility %1 MW").arg(formatQuantity(evaluateSays("power.facilityMw")))));
    QVERIFY(table.out.contains(QStringLiteral("capex %1 USD").arg(formatQuantity(evaluateSays("cost.capexUsd")))));
    QVERIFY(table.out.contains(QStringLiteral("phase 3   Phase 3: +800k GB200")));
    QVERIFY(table.out.contains(QStringLiteral("adds 800,000 GPUs of gb200-nvl72")));
    QVERIFY(table.out.indexOf(QStringLiteral("phase 1 ")) < table.out.indexOf(QStringLiteral("\nlayout ")));
    // Legal but bad: the operator's margin and the site's effective training time are warnings.
    QVERIFY2(table.out.contains(QStringLiteral("findings  No limit broken, 2 warnings\n")), qPrintable(table.out));
    QVERIFY(table.out.contains(QStringLiteral("  warning: the tenants: the operator's margin is negative: -$")));
    QCOMPARE(cli({QStringLiteral("info"), path, QStringLiteral("--format"), QStringLiteral("yaml")}).exitCode, 2);
  }

  void racksListsEveryRackWithTheIdsEditTakes() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("f.gigaplan"));
    QVERIFY(newProject(path, "colossus-to-1m"));
    QString error;
    const auto project = ProjectStore::open(path, &error);
    QVERIFY2(project, qPrintable(error));
    const SiteLayout& layout = project->layout;

    const QString csvPath = dir.filePath(QStringLiteral("racks.csv"));
    const Run csv = cli({QStringLiteral("racks"), path, QStringLiteral("--format"), QStringLiteral("csv"),
                         QStringLiteral("-o"), csvPath});
    QCOMPARE(csv.exitCode, 0);
    QFile file(csvPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.first(),
             QStringLiteral("id,building,hall,hall_index,row,row_index,slot,role,system,gpus,kw,phase,tenant"));
    QCOMPARE(lines.size() - 1, static_cast<qsizetype>(layout.racks.size()));

    // The JSON says the same, rack by rack.
    const Run json = cli({QStringLiteral("racks"), path, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray racks =
        QJsonDocument::fromJson(json.out.toUtf8()).object().value(QStringLiteral("racks")).toArray();
    QCOMPARE(racks.size(), static_cast<qsizetype>(layout.racks.size()));

    // Read back, each line is its rack: rows numbered in their hall from 1 as the project tree
    // does, halls and buildings by name, phases from 1, GPUs from the nodes the rack holds.
    std::map<int, int> rowsSoFar;
    std::vector<int> rowNumber;
    for (const Row& row : layout.rows) rowNumber.push_back(++rowsSoFar[row.hall]);
    const std::map<QString, double> gpusPerNode = {
        {QStringLiteral("hgx-h100-liquid"), 8}, {QStringLiteral("hgx-h200"), 8}, {QStringLiteral("gb200-nvl72"), 4}};
    std::vector<double> gpusOfPhase(3, 0.0);
    for (std::size_t i = 0; i < layout.racks.size(); ++i) {
      const Rack& rack = layout.racks[i];
      const QStringList cells = lines[static_cast<qsizetype>(i) + 1].split(QLatin1Char(','));
      QCOMPARE(cells.size(), 13);
      const Row& row = layout.rows[static_cast<std::size_t>(rack.row)];
      const Hall& hall = layout.halls[static_cast<std::size_t>(row.hall)];
      const QStringList expected = {QString::number(rack.id),
                                    layout.buildings[static_cast<std::size_t>(hall.building)].name,
                                    hall.name,
                                    QString::number(row.hall),
                                    QString::number(rowNumber[static_cast<std::size_t>(rack.row)]),
                                    QString::number(rack.row),
                                    QString::number(rack.slot + 1),  // slots count from 1
                                    rackRoleName(rack.role),
                                    rack.role == RackRole::Compute ? layout.systemTypes[rack.system] : QString(),
                                    rack.role == RackRole::Compute
                                        ? QString::number(rack.units * gpusPerNode.at(layout.systemTypes[rack.system]))
                                        : "0",
                                    QString::number(static_cast<double>(rack.powerKw), 'f', 1),
                                    QString::number(rack.phase + 1),
                                    rack.tenant > 0 ? project->tenants[rack.tenant - 1u].name : QString()};
      if (cells != expected) QFAIL(qPrintable(cells.join(QLatin1Char('|')) + " != " + expected.join(QLatin1Char('|'))));
      const QJsonObject object = racks[static_cast<qsizetype>(i)].toObject();
      QCOMPARE(object.value(QStringLiteral("id")).toDouble(), static_cast<double>(rack.id));
      QCOMPARE(object.value(QStringLiteral("hall")).toString(), cells[2]);
      QCOMPARE(object.value(QStringLiteral("row")).toDouble(), cells[4].toDouble());
      QCOMPARE(object.value(QStringLiteral("gpus")).toDouble(), cells[9].toDouble());
      QCOMPARE(object.value(QStringLiteral("tenant")).toString(), cells[12]);
      gpusOfPhase[rack.phase] += cells[9].toDouble();
    }
    // The racks hold each phase's GPUs exactly (the last rack of a build partly filled): 100,000
    // H100, 100,000 H200, 800,000 GB200, as the figures count them.
    const double added[] = {100000, 100000, 800000};
    for (int k = 0; k < 3; ++k) QCOMPARE(gpusOfPhase[k], added[k]);

    // The ids, row indices and slots are those edit takes: the first, a middle and the last rack
    // removed, and a rack moved into the slot the middle one left.
    const QStringList first = lines[1].split(QLatin1Char(','));
    const QStringList middle = lines[lines.size() / 2].split(QLatin1Char(','));
    const QStringList last = lines.last().split(QLatin1Char(','));
    const QStringList moved = lines[lines.size() / 2 + 1].split(QLatin1Char(','));
    const Run edited =
        cli({QStringLiteral("edit"), path, QStringLiteral("--remove-rack"), first[0], QStringLiteral("--remove-rack"),
             middle[0], QStringLiteral("--remove-rack"), last[0], QStringLiteral("--move-rack"),
             QStringLiteral("%1:%2:%3").arg(moved[0], middle[5], middle[6])});
    QVERIFY2(edited.exitCode == 0, qPrintable(edited.err));
    const Run after = cli({QStringLiteral("racks"), path, QStringLiteral("--format"), QStringLiteral("csv")});
    const QStringList afterLines = after.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(afterLines.size(), lines.size() - 3);
    for (const QString& line : afterLines) {
      const QString id = line.section(QLatin1Char(','), 0, 0);
      QVERIFY(id != first[0] && id != middle[0] && id != last[0]);
      if (id == moved[0]) QCOMPARE(line.section(QLatin1Char(','), 5, 6), middle[5] + QLatin1Char(',') + middle[6]);
    }
    const Run unknown = cli({QStringLiteral("edit"), path, QStringLiteral("--remove-rack"), last[0]});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral("rack %1: no such rack").arg(last[0])), qPrintable(unknown.err));

    // The table: a header and one line per rack.
    const Run table = cli({QStringLiteral("racks"), path});
    QCOMPARE(table.exitCode, 0);
    QCOMPARE(table.out.count(QLatin1Char('\n')), afterLines.size());
    QVERIFY(table.out.startsWith(QStringLiteral("   id  building")));
  }

  void evaluateGivesEachTenantsFigures() {
    // The sample: the operator trains on 600,000 GPUs, a partner rents 400,000 GB200 at $3.50.
    const Run json = cli({QStringLiteral("evaluate"), QStringLiteral("colossus-to-1m")});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject root = QJsonDocument::fromJson(json.out.toUtf8()).object();
    const QJsonArray tenants =
        root.value(QStringLiteral("tenants")).toObject().value(QStringLiteral("tenants")).toArray();
    QCOMPARE(tenants.size(), 2);
    const QJsonObject partner = tenants[1].toObject();
    QCOMPARE(partner.value(QStringLiteral("name")).toString(), QStringLiteral("Partner lab"));
    // 400,000 GPUs x 8,760 h x 0.9 x $3.50.
    QCOMPARE(partner.value(QStringLiteral("revenueUsdPerYear")).toDouble(), 11037600000.0);
    QVERIFY(partner.value(QStringLiteral("isolationSwitches")).toDouble() >= 0);
    QVERIFY(tenants[0].toObject().value(QStringLiteral("paybackYears")).isNull());  // own use never pays back
    // The site figures are those of every phase together, with the tenants' totals.
    const QJsonObject outputs = root.value(QStringLiteral("outputs")).toObject();
    QCOMPARE(outputs.value(QStringLiteral("cluster"))
                 .toObject()
                 .value(QStringLiteral("gpus"))
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toDouble(),
             1000000.0);
    QCOMPARE(outputs.value(QStringLiteral("tenants"))
                 .toObject()
                 .value(QStringLiteral("revenueUsdPerYear"))
                 .toObject()
                 .value(QStringLiteral("value"))
                 .toDouble(),
             11037600000.0);

    // A project file made from it keeps its tenants; the table lists them; a bad tenant is named.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rented.gigaplan"));
    QVERIFY(newProject(path, "colossus-to-1m"));
    const Run table = cli({QStringLiteral("evaluate"), path, QStringLiteral("--format"), QStringLiteral("table")});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains(QStringLiteral("Partner lab")), qPrintable(table.out.right(2000)));
    QVERIFY(table.out.contains(QStringLiteral("11,038 M")));
    // A rack is given to a tenant by hand; a tenant the project lacks is refused, the file untouched.
    QCOMPARE(cli({QStringLiteral("edit"), path, QStringLiteral("--set-rack-tenant"), QStringLiteral("1:2")}).exitCode,
             0);
    const Run noSuchTenant =
        cli({QStringLiteral("edit"), path, QStringLiteral("--set-rack-tenant"), QStringLiteral("1:3")});
    QCOMPARE(noSuchTenant.exitCode, 2);
    QVERIFY2(noSuchTenant.err.contains(QStringLiteral("a tenant from 0 (no tenant) to 2")),
             qPrintable(noSuchTenant.err));
    const QString bad = writeFile(dir, QStringLiteral("bad.json"), R"({"system": {"type": "hgx-h100"},
      "cluster": {"gpus": 1000}, "tenants": [{"name": "lab", "gpus": 2000}]})");
    const Run refused = cli({QStringLiteral("evaluate"), bad});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("tenants[1].gpus")), qPrintable(refused.err));
  }

  void failuresTableReportAndFiguresAgree() {
    // The sample in three phases: the failures listing, the figures and the report's section read
    // one analysis, so each number one of them gives, the others give too.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(newProject(path, "colossus-to-1m"));
    const Run listing = cli({QStringLiteral("failures"), path, QStringLiteral("--format"), QStringLiteral("json"),
                             QStringLiteral("--top"), QStringLiteral("5")});
    QCOMPARE(listing.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(listing.out.toUtf8()).object();
    const QJsonObject availability = json.value(QStringLiteral("availability")).toObject();
    const QJsonArray components = json.value(QStringLiteral("components")).toArray();
    QCOMPARE(components.size(), 5);
    const Run figures = cli({QStringLiteral("evaluate"), path, QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(figures.exitCode, 0);
    const QJsonObject outputs =
        QJsonDocument::fromJson(figures.out.toUtf8()).object().value(QStringLiteral("outputs")).toObject();
    // evaluate nests each figure under its group: "availability": {"site": {"value": ...}}.
    const auto figure = [&](const char* group, const char* name) {
      return outputs.value(QLatin1String(group))
          .toObject()
          .value(QLatin1String(name))
          .toObject()
          .value(QStringLiteral("value"))
          .toDouble();
    };
    QCOMPARE(figure("availability", "site"), availability.value(QStringLiteral("siteAvailability")).toDouble());
    QCOMPARE(figure("availability", "gpuHoursLostPerYear"),
             availability.value(QStringLiteral("gpuHoursLostPerYear")).toDouble());
    QCOMPARE(figure("availability", "worstSingleFailureGpus"),
             components.first().toObject().value(QStringLiteral("gpu_equivalent")).toDouble());
    QCOMPARE(figure("electrical", "blocks"), availability.value(QStringLiteral("electricalBlocks")).toDouble());
    QVERIFY(figure("electrical", "blocks") > 0);

    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    QCOMPARE(cli({QStringLiteral("report"), path, QStringLiteral("-o"), pdf, QStringLiteral("--no-3d"),
                  QStringLiteral("--quiet")})
                 .exitCode,
             0);
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(30000));
    const QString report = QString::fromUtf8(text.readAllStandardOutput());
    QVERIFY(report.contains(QStringLiteral("Failure domains and availability")));
    const QLocale english(QLocale::English);
    const auto shown = [&](double value) { return english.toString(value, 'f', 0); };
    // The closed form and the simulated years (the same draws: 1,000 years from seed 1).
    const QJsonObject simulated = availability.value(QStringLiteral("simulated")).toObject();
    for (const QString& number : {shown(availability.value(QStringLiteral("gpuHoursLostPerYear")).toDouble()),
                                  shown(simulated.value(QStringLiteral("meanGpuHoursLost")).toDouble()),
                                  shown(simulated.value(QStringLiteral("p90")).toDouble())})
      QVERIFY2(report.contains(number), qPrintable(number));
    // The worst single failures, by name.
    for (const QJsonValue& component : components) {
      const QString name = component.toObject().value(QStringLiteral("component")).toString();
      QVERIFY2(report.contains(name.left(30)), qPrintable(name));
    }
  }

  void reportWorkbooksHoldWhatTheCsvFilesHold() {
    // The bill of materials and the figures as XLSX beside their CSV: read back with Python's
    // zipfile, each workbook has a row per CSV line, and numbers stored as numbers.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.gigaplan"));
    QVERIFY(newProject(path, "superpod-h100-4su"));
    const QString bom = dir.filePath(QStringLiteral("bom.xlsx")),
                  figures = dir.filePath(QStringLiteral("figures.xlsx"));
    const QString bomCsv = dir.filePath(QStringLiteral("bom.csv")),
                  figuresCsv = dir.filePath(QStringLiteral("figures.csv"));
    const Run report = cli({QStringLiteral("report"), path, QStringLiteral("-o"), dir.filePath(QStringLiteral("r.pdf")),
                            QStringLiteral("--no-3d"), QStringLiteral("--quiet"), QStringLiteral("--bom-xlsx"), bom,
                            QStringLiteral("--figures-xlsx"), figures, QStringLiteral("--bom-csv"), bomCsv,
                            QStringLiteral("--figures-csv"), figuresCsv});
    QCOMPARE(report.exitCode, 0);
    const auto lines = [](const QString& file) {
      QFile f(file);
      return f.open(QIODevice::ReadOnly) ? static_cast<int>(f.readAll().trimmed().split('\n').size()) : -1;
    };
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, zipfile, re\n"
                                 "for f in sys.argv[1:]:\n"
                                 "  x = zipfile.ZipFile(f).read('xl/worksheets/sheet1.xml').decode()\n"
                                 "  print(len(re.findall(r'<row ', x)), len(re.findall(r'<c [^>]*><v>', x)))\n"),
                  bom, figures});
    QVERIFY(python.waitForFinished(30000));
    QCOMPARE(python.exitCode(), 0);
    const QStringList counts = QString::fromUtf8(python.readAllStandardOutput()).trimmed().split(QLatin1Char('\n'));
    QCOMPARE(counts.size(), 2);
    QCOMPARE(counts[0].section(QLatin1Char(' '), 0, 0).toInt(), lines(bomCsv));
    QCOMPARE(counts[1].section(QLatin1Char(' '), 0, 0).toInt(), lines(figuresCsv));
    // Quantities are numbers in the workbook, not text: a number cell a line at least.
    QVERIFY(counts[0].section(QLatin1Char(' '), 1, 1).toInt() >= lines(bomCsv) - 1);
  }

  void whatIfAndCompare() {
    const Run whatIf = cli({QStringLiteral("whatif"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--top"),
                            QStringLiteral("3"), QStringLiteral("--samples"), QStringLiteral("2000")});
    QCOMPARE(whatIf.exitCode, 0);
    QVERIFY(whatIf.out.contains(QStringLiteral("Tornado of cost.tcoUsdPerYear")));
    QVERIFY(whatIf.out.contains(QStringLiteral("P10")));
    const Run badFraction = cli({QStringLiteral("whatif"), QStringLiteral("colossus-150k-h100"),
                                 QStringLiteral("--fraction"), QStringLiteral("2")});
    QCOMPARE(badFraction.exitCode, 2);
    QVERIFY(badFraction.err.contains(QStringLiteral("--fraction")));

    // 2:1 at the leaves against non-blocking: B has the lower capex (better) and half the bisection (worse).
    const Run compared =
        cli({QStringLiteral("compare"), QStringLiteral("colossus-150k-h100"), QStringLiteral("--set-b"),
             QStringLiteral("network.oversubscriptionTier1=2"), QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(compared.exitCode, 0);
    const QJsonArray figures =
        QJsonDocument::fromJson(compared.out.toUtf8()).object().value(QStringLiteral("figures")).toArray();
    QCOMPARE(figures.size(), static_cast<qsizetype>(kOutputCount));
    for (const QJsonValue& figure : figures) {
      const QJsonObject row = figure.toObject();
      if (row.value(QStringLiteral("path")).toString() == QLatin1String("cost.capexUsd"))
        QCOMPARE(row.value(QStringLiteral("better")).toString(), QStringLiteral("B"));
      if (row.value(QStringLiteral("path")).toString() == QLatin1String("network.bisectionPerGpuGbps"))
        QCOMPARE(row.value(QStringLiteral("better")).toString(), QStringLiteral("A"));
    }
  }

  void reportWritesThePdfAndItsExports() {
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    const QString bom = dir.filePath(QStringLiteral("bom.csv"));
    const Run run = cli({QStringLiteral("report"), QStringLiteral("colossus-to-1m"), QStringLiteral("-o"), pdf,
                         QStringLiteral("--bom-csv"), bom});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(QStringLiteral("report: page 1 of ")), qPrintable(run.err));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    QFile csv(bom);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QVERIFY(csv.readLine().startsWith("group,item,quantity,unit,from"));

    // On an X display (the test command runs under xvfb-run) the floor after each of the three
    // phases is drawn in 3D: three images. With --no-3d, plans only.
    const auto imageLines = [](const QString& path) {
      QProcess list;
      list.start(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path});
      list.waitForFinished(30000);
      return QString::fromUtf8(list.readAllStandardOutput()).split(QLatin1Char('\n')).filter(QStringLiteral(" image "));
    };
    const auto images = [&](const QString& path) { return imageLines(path).size(); };
    if (run.err.contains(QStringLiteral("report: drawing the floor in 3D"))) {
      QCOMPARE(images(pdf), 3);
      // At print resolution: at least 200 pixels per inch at the size printed (pdfimages' x-ppi).
      for (const QString& line : imageLines(pdf)) {
        const QStringList fields = line.simplified().split(QLatin1Char(' '));
        QVERIFY2(fields.size() > 13 && fields[12].toInt() >= 200, qPrintable(line));
        // Each picture's caption is on its page.
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-f"), fields[0], QStringLiteral("-l"), fields[0],
                                                 QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        text.waitForFinished(30000);
        QVERIFY2(QString::fromUtf8(text.readAllStandardOutput()).contains(QStringLiteral("The same site in 3D")),
                 qPrintable(line));
      }
    } else
      QVERIFY2(qgetenv("DISPLAY").isEmpty(), "an X display is there, but the report drew no 3D view");
    const QString plans = dir.filePath(QStringLiteral("plans.pdf"));
    QCOMPARE(cli({QStringLiteral("report"), QStringLiteral("colossus-to-1m"), QStringLiteral("-o"), plans,
                  QStringLiteral("--no-3d")})
                 .exitCode,
             0);
    QCOMPARE(images(plans), 0);

    // An unknown preset is named, exits 2 and writes nothing.
    const QString none = dir.filePath(QStringLiteral("none.pdf"));
    const Run unknown = cli({QStringLiteral("report"), QStringLiteral("no-such-preset"), QStringLiteral("-o"), none});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral("no-such-preset")), qPrintable(unknown.err));
    QVERIFY(!QFile::exists(none));
  }

  void projectCommandsRefuseWhatIsNotAProject() {
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("notes.gigaplan"), "these are my notes, not a project");
    for (const char* command : {"info", "edit"}) {
      const Run run = cli({QString::fromLatin1(command), path});
      QCOMPARE(run.exitCode, 2);
      QVERIFY2(run.err.contains(QStringLiteral("not a Gigaplan project")), qPrintable(run.err));
    }
    const Run noOutput = cli({QStringLiteral("new"), QStringLiteral("--preset"), QStringLiteral("colossus-150k-h100")});
    QCOMPARE(noOutput.exitCode, 2);
  }

  void theReadmesCommandLinesRunAsWritten() {
    QFile readme(QStringLiteral(GIGAPLAN_README_PATH));
    QVERIFY(readme.open(QIODevice::ReadOnly | QIODevice::Text));
    const QString text = QString::fromUtf8(readme.readAll());
    const qsizetype from = text.indexOf(QStringLiteral("\n## Command line\n"));
    QVERIFY(from >= 0);
    const QString section = text.mid(from, text.indexOf(QStringLiteral("\n## "), from + 1) - from);
    // The section's commands, a trailing backslash continuing one on the next line.
    QStringList commands;
    QString pending;
    bool inBlock = false;
    for (const QString& line : section.split(QLatin1Char('\n'))) {
      if (line.startsWith(QStringLiteral("```"))) {
        inBlock = !inBlock;
        continue;
      }
      if (!inBlock) continue;
      if (!pending.isEmpty())
        pending += QLatin1Char('\n') + line;
      else if (line.startsWith(QStringLiteral("$B/gigaplan-cli ")))
        pending = line;
      else
        continue;
      if (!pending.endsWith(QLatin1Char('\\'))) {
        commands << pending;
        pending.clear();
      }
    }
    QVERIFY2(commands.size() >= 20, qPrintable(commands.join(QLatin1Char('\n'))));
    for (const char* documented : {"gigaplan-cli racks ", "--format json", "--name ", "--description "})
      QVERIFY2(!commands.filter(QString::fromLatin1(documented)).isEmpty(), documented);

    // Each runs in order in one folder, as a reader would type them, with B at the built program.
    QTemporaryDir dir;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("B"), QFileInfo(QStringLiteral(GIGAPLAN_CLI_PATH)).absolutePath());
    for (const QString& command : commands) {
      QProcess shell;
      shell.setWorkingDirectory(dir.path());
      shell.setProcessEnvironment(environment);
      shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
      QVERIFY2(shell.waitForFinished(300000), qPrintable(command));
      // calibrate says it exits 1 on a missed reference; the calibration test holds it to 0.
      const bool mayMiss = command.contains(QStringLiteral(" calibrate")) && command.contains(QStringLiteral("exit 1"));
      const int status = shell.exitStatus() == QProcess::NormalExit ? shell.exitCode() : -1;
      QVERIFY2(status == 0 || (mayMiss && status == 1),
               qPrintable(QStringLiteral("%1\nexits %2: %3")
                              .arg(command)
                              .arg(status)
                              .arg(QString::fromUtf8(shell.readAllStandardError()).right(2000))));
    }
    // What the commands wrote is there: the exports, the racks and a project with the name given.
    for (const char* written : {"grid.csv", "mc.csv", "plan.gigaplan", "racks.csv", "phases.csv", "report.pdf",
                                "bom.csv", "figures.csv", "plan.json", "result.json"})
      QVERIFY2(QFileInfo(dir.filePath(QString::fromLatin1(written))).size() > 0, written);
    QString error;
    const auto plan = ProjectStore::open(dir.filePath(QStringLiteral("plan.gigaplan")), &error);
    QVERIFY2(plan, qPrintable(error));
    QCOMPARE(plan->scenario.name, QStringLiteral("Abilene GB200 campus"));
  }

  void schemaDocumentsEveryInputAndOutput() {
    const Run run = cli({QStringLiteral("schema")});
    QCOMPARE(run.exitCode, 0);
    for (const InputSpec& spec : inputSpecs()) QVERIFY2(run.out.contains(QString::fromLatin1(spec.path)), spec.path);
    for (const OutputSpec& spec : outputSpecs()) QVERIFY2(run.out.contains(QString::fromLatin1(spec.path)), spec.path);
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
