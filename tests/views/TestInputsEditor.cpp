#include <QAbstractItemModelTester>
#include <QAbstractProxyModel>
#include <QComboBox>
#include <QFont>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

#include "InputsEditor.h"
#include "document/ScenarioCommands.h"
#include "plan/PresetLibrary.h"

using namespace gigaplan;

namespace {

Scenario preset() {
  ScenarioErrors errors;
  const auto scenario = PresetLibrary::load(QStringLiteral("gb200-nvl72-1m"), errors);
  if (!scenario) qFatal("preset gb200-nvl72-1m does not load");
  return *scenario;
}

ResolvedScenario resolve(const Scenario& scenario) {
  ScenarioErrors errors;
  const auto resolved = scenario.resolve(HardwareCatalog::bundled(), errors);
  if (!resolved) qFatal("scenario does not resolve: %s", qPrintable(errors.value(0).text()));
  return *resolved;
}

QModelIndex cell(const InputsModel& model, const char* path, int column) {
  return model.indexOfPath(QString::fromLatin1(path)).siblingAtColumn(column);
}

QString text(const InputsModel& model, const char* path, int column, int role = Qt::DisplayRole) {
  return cell(model, path, column).data(role).toString();
}

bool isBold(const InputsModel& model, const char* path) {
  return cell(model, path, InputsModel::ValueColumn).data(Qt::FontRole).value<QFont>().bold();
}

/// The rows a view shows: every input row under every section.
int visibleInputRows(const QAbstractItemModel& model) {
  int rows = 0;
  for (int s = 0; s < model.rowCount(); ++s) rows += model.rowCount(model.index(s, 0));
  return rows;
}

/// The value cell of a path as the editor's tree sees it (through its filter).
QModelIndex viewCell(const InputsEditor& editor, const char* path) {
  const auto* proxy = qobject_cast<QAbstractProxyModel*>(editor.view()->model());
  return proxy->mapFromSource(cell(*editor.model(), path, InputsModel::ValueColumn));
}

QWidget* createEditor(InputsEditor& editor, const char* path) {
  const QModelIndex index = viewCell(editor, path);
  QWidget* widget = editor.view()->itemDelegateForIndex(index)->createEditor(editor.view()->viewport(),
                                                                             QStyleOptionViewItem(), index);
  editor.view()->itemDelegateForIndex(index)->setEditorData(widget, index);
  return widget;
}

}  // namespace

class TestInputsEditor : public QObject {
  Q_OBJECT
 private slots:
  void modelKeepsItsShapeAcrossScenarios() {
    InputsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    Scenario scenario = preset();
    model.showScenario(scenario, resolve(scenario));
    QCOMPARE(text(model, "cluster.gpus", InputsModel::ValueColumn), QStringLiteral("1,000,000"));
    ScenarioErrors errors;
    QVERIFY(scenario.set(QStringLiteral("cluster.gpus"), QStringLiteral("500000"), errors));
    model.showScenario(scenario, resolve(scenario));
    QCOMPARE(text(model, "cluster.gpus", InputsModel::ValueColumn), QStringLiteral("500,000"));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserts.count(), 0);
    QVERIFY(!changes.isEmpty());
  }

  void showsEveryInputOnceWithItsUnit() {
    InputsModel model;
    const Scenario scenario = preset();
    model.showScenario(scenario, resolve(scenario));
    QStringList sections;
    QHash<QString, int> seen;
    for (int s = 0; s < model.rowCount(); ++s) {
      const QModelIndex section = model.index(s, 0);
      sections << section.data().toString();
      for (int r = 0; r < model.rowCount(section); ++r)
        ++seen[model.index(r, 0, section).data(InputsModel::PathRole).toString()];
    }
    QCOMPARE(sections, (QStringList{"Catalog", "Cluster", "System", "Network", "Optics", "Power", "Electrical",
                                    "Facility", "Cooling", "Cost", "Reliability", "Schedule", "Site", "Failures"}));
    QCOMPARE(seen.size(), static_cast<int>(kInputCount) + 7);
    for (const QString& path : Scenario::settablePaths()) QCOMPARE(seen.value(path), 1);
    for (const InputSpec& spec : inputSpecs())
      QCOMPARE(text(model, spec.path, InputsModel::UnitColumn), QString::fromLatin1(spec.unit));

    // Values as people read them, the text an editor starts from, and where each comes from.
    QCOMPARE(text(model, "cluster.gpus", InputsModel::InputColumn), QStringLiteral("gpus"));
    QCOMPARE(text(model, "optics.copper.powerWPer400G", InputsModel::InputColumn),
             QStringLiteral("copper.powerWPer400G"));
    QCOMPARE(text(model, "cluster.gpus", InputsModel::ValueColumn, Qt::EditRole), QStringLiteral("1000000"));
    QCOMPARE(text(model, "electrical.redundancy", InputsModel::ValueColumn), QStringLiteral("N+1"));
    QCOMPARE(text(model, "system.type", InputsModel::ValueColumn), QStringLiteral("gb200-nvl72"));
    QCOMPARE(text(model, "optics.copper.module", InputsModel::ValueColumn), QStringLiteral("dac-800g"));
    QCOMPARE(text(model, "system.nodesPerRack", InputsModel::ValueColumn), QStringLiteral("18"));
    QCOMPARE(text(model, "system.nodesPerRack", InputsModel::SourceColumn),
             QStringLiteral("NVIDIA GB200 NVL72: 18 compute trays per rack (verified)"));
    QCOMPARE(text(model, "network.tier1CableLengthM", InputsModel::SourceColumn), QStringLiteral("estimate"));
    QCOMPARE(text(model, "system.type", InputsModel::SourceColumn),
             QStringLiteral("GB200 NVL72 rack, 72 GPUs, liquid-cooled (set in scenario)"));
    QCOMPARE(text(model, "facility.pue", InputsModel::InputColumn, Qt::ToolTipRole),
             QStringLiteral("power usage effectiveness when facility.pueMode is fixed\nfacility.pue"));
  }

  void explicitInputsAreBold() {
    InputsModel model;
    const Scenario scenario = preset();
    model.showScenario(scenario, resolve(scenario));
    for (const char* path : {"cluster.gpus", "network.nicSpeedGbps", "system.type", "network.switch"}) {
      QVERIFY2(isBold(model, path), path);
      QVERIFY(cell(model, path, InputsModel::InputColumn).data(InputsModel::IsExplicitRole).toBool());
    }
    for (const char* path : {"facility.pue", "system.gpuTdpW", "optics.copper.module"}) {
      QVERIFY2(!isBold(model, path), path);
      QVERIFY(!cell(model, path, InputsModel::InputColumn).data(InputsModel::IsExplicitRole).toBool());
    }
  }

  void setDataOnlyAsks() {
    InputsModel model;
    const Scenario scenario = preset();
    model.showScenario(scenario, resolve(scenario));
    QSignalSpy edits(&model, &InputsModel::editRequested);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(cell(model, "facility.pue", InputsModel::ValueColumn), QStringLiteral("1.2")));
    QCOMPARE(edits.count(), 1);
    QCOMPARE(edits.at(0), (QVariantList{QStringLiteral("facility.pue"), QStringLiteral("1.2")}));
    QCOMPARE(changes.count(), 0);
    QCOMPARE(text(model, "facility.pue", InputsModel::ValueColumn), QStringLiteral("1.300"));
    // Closing an editor on the shown value asks for nothing; other columns are not editable.
    QVERIFY(model.setData(cell(model, "facility.pue", InputsModel::ValueColumn), QStringLiteral("1.3")));
    QVERIFY(!model.setData(cell(model, "facility.pue", InputsModel::UnitColumn), QStringLiteral("x")));
    QCOMPARE(edits.count(), 1);
    QVERIFY(!(model.flags(cell(model, "facility.pue", InputsModel::UnitColumn)) & Qt::ItemIsEditable));
    QVERIFY(model.flags(cell(model, "facility.pue", InputsModel::ValueColumn)) & Qt::ItemIsEditable);
  }

  void resetButtonFollowsTheCurrentInput() {
    InputsEditor editor;
    const Scenario scenario = preset();
    editor.showScenario(scenario, resolve(scenario));
    auto* reset = editor.findChild<QPushButton*>(QStringLiteral("resetButton"));
    QVERIFY(reset);
    QSignalSpy resets(&editor, &InputsEditor::resetRequested);
    editor.selectPath(QStringLiteral("facility.pue"));
    QVERIFY(!reset->isEnabled());
    editor.selectPath(QStringLiteral("cluster.gpus"));
    QVERIFY(reset->isEnabled());
    QTest::mouseClick(reset, Qt::LeftButton);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(resets.at(0).at(0).toString(), QStringLiteral("cluster.gpus"));
  }

  void filterNarrowsTheRows() {
    InputsEditor editor;
    const Scenario scenario = preset();
    editor.showScenario(scenario, resolve(scenario));
    const QAbstractItemModel& shown = *editor.view()->model();
    QCOMPARE(visibleInputRows(shown), static_cast<int>(kInputCount) + 7);
    QVERIFY(editor.view()->isExpanded(shown.index(0, 0)));

    editor.findChild<QLineEdit*>(QStringLiteral("filter"))->setText(QStringLiteral("PUE"));
    int expected = 0;
    for (const InputSpec& spec : inputSpecs())
      expected += QString::fromLatin1(spec.path).contains(QLatin1String("pue"), Qt::CaseInsensitive) ||
                  QString::fromLatin1(spec.meaning).contains(QLatin1String("pue"), Qt::CaseInsensitive);
    QVERIFY(expected >= 2);
    QCOMPARE(visibleInputRows(shown), expected);
    QCOMPARE(shown.rowCount(), 1);  // only the Facility section holds matches
    QVERIFY(editor.view()->isExpanded(shown.index(0, 0)));

    // Selecting a hidden input clears the filter rather than selecting nothing.
    editor.selectPath(QStringLiteral("cluster.gpus"));
    QCOMPARE(visibleInputRows(shown), static_cast<int>(kInputCount) + 7);
    QCOMPARE(editor.view()->currentIndex().data(InputsModel::PathRole).toString(), QStringLiteral("cluster.gpus"));
  }

  void closedListsGetComboBoxes() {
    InputsEditor editor;
    const Scenario scenario = preset();
    editor.showScenario(scenario, resolve(scenario));
    QSignalSpy edits(&editor, &InputsEditor::editRequested);

    auto* redundancy = qobject_cast<QComboBox*>(createEditor(editor, "electrical.redundancy"));
    QVERIFY(redundancy);
    QStringList items;
    for (int i = 0; i < redundancy->count(); ++i) items << redundancy->itemText(i);
    QCOMPARE(items, choiceNames(InputId::electricalRedundancy));
    QCOMPARE(redundancy->currentText(), QStringLiteral("N+1"));
    redundancy->setCurrentIndex(2);
    editor.view()
        ->itemDelegateForIndex(viewCell(editor, "electrical.redundancy"))
        ->setModelData(redundancy, editor.view()->model(), viewCell(editor, "electrical.redundancy"));
    QCOMPARE(edits.count(), 1);
    QCOMPARE(edits.at(0), (QVariantList{QStringLiteral("electrical.redundancy"), QStringLiteral("2N")}));

    auto* system = qobject_cast<QComboBox*>(createEditor(editor, "system.type"));
    QVERIFY(system);
    QCOMPARE(system->count(), HardwareCatalog::bundled().systems().size());
    QCOMPARE(system->currentText(), QStringLiteral("gb200-nvl72"));
    auto* multimode = qobject_cast<QComboBox*>(createEditor(editor, "optics.multimode.module"));
    QVERIFY(multimode);
    QCOMPARE(multimode->count(), 3);  // only the multimode modules
    QCOMPARE(multimode->currentText(), QStringLiteral("osfp-800g-2xsr4"));

    auto* gpus = qobject_cast<QLineEdit*>(createEditor(editor, "cluster.gpus"));
    QVERIFY(gpus);
    QCOMPARE(gpus->text(), QStringLiteral("1000000"));
  }

  void editRoundTripThroughCommands() {
    InputsEditor editor;
    Scenario scenario = preset();
    QUndoStack stack;
    // What the document owning the scenario does with the editor's requests.
    connect(&editor, &InputsEditor::editRequested, this, [&](const QString& path, const QString& value) {
      QString error;
      auto command = ScenarioCommands::set(scenario, path, value, &error);
      editor.showError(error);
      if (!command) return;
      stack.push(command.release());
      editor.showScenario(scenario, resolve(scenario));
    });
    editor.showScenario(scenario, resolve(scenario));
    const InputsModel& model = *editor.model();
    auto* error = editor.findChild<QLabel*>(QStringLiteral("error"));
    QVERIFY(error->isHidden());
    auto* reset = editor.findChild<QPushButton*>(QStringLiteral("resetButton"));
    editor.selectPath(QStringLiteral("facility.pue"));
    QVERIFY(!reset->isEnabled());

    editor.model()->setData(cell(model, "facility.pue", InputsModel::ValueColumn), QStringLiteral("1.25"));
    QCOMPARE(text(model, "facility.pue", InputsModel::ValueColumn), QStringLiteral("1.250"));
    QCOMPARE(text(model, "facility.pue", InputsModel::SourceColumn), QStringLiteral("set in scenario"));
    QVERIFY(isBold(model, "facility.pue"));
    QVERIFY(reset->isEnabled());  // the current input just became explicit

    editor.model()->setData(cell(model, "facility.pue", InputsModel::ValueColumn), QStringLiteral("0.5"));
    QVERIFY(!error->isHidden());
    QCOMPARE(error->text(), QStringLiteral("facility.pue: 0.5 ratio is out of range [1, 5]"));
    QCOMPARE(text(model, "facility.pue", InputsModel::ValueColumn), QStringLiteral("1.250"));

    editor.model()->setData(cell(model, "system.type", InputsModel::ValueColumn), QStringLiteral("gb300-nvl72"));
    QVERIFY(error->isHidden());
    QCOMPARE(text(model, "system.type", InputsModel::ValueColumn), QStringLiteral("gb300-nvl72"));
    QCOMPARE(stack.count(), 2);

    stack.undo();
    stack.undo();
    editor.showScenario(scenario, resolve(scenario));
    QCOMPARE(text(model, "facility.pue", InputsModel::ValueColumn), QStringLiteral("1.300"));
    QVERIFY(!isBold(model, "facility.pue"));
    QCOMPARE(text(model, "system.type", InputsModel::ValueColumn), QStringLiteral("gb200-nvl72"));
  }
};

QTEST_MAIN(TestInputsEditor)
#include "TestInputsEditor.moc"
