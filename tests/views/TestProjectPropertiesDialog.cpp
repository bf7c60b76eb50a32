// File › Project Properties: the name and description a planner types become one undoable edit;
// a refused one is shown in the dialog, which stays open.
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>

#include "ProjectPropertiesDialog.h"
#include "document/ProjectDocument.h"

using namespace gigaplan;

class TestProjectPropertiesDialog : public QObject {
  Q_OBJECT
 private slots:
  void okSetsBothAsOneUndoableEdit() {
    ProjectDocument document;
    QString error;
    QVERIFY2(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error), qPrintable(error));
    const QString originalName = document.project().scenario.name;
    const QString originalDescription = document.project().scenario.description;
    ProjectPropertiesDialog dialog(document);
    QCOMPARE(dialog.nameEdit()->text(), originalName);  // starts from the project's own
    QCOMPARE(dialog.descriptionEdit()->toPlainText(), originalDescription);
    dialog.nameEdit()->setText(QStringLiteral("Memphis build-out"));
    dialog.descriptionEdit()->setPlainText(QStringLiteral("For the board, March.\nPower: 150 MW from TVA."));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(document.project().scenario.name, QStringLiteral("Memphis build-out"));
    QCOMPARE(document.project().scenario.description, QStringLiteral("For the board, March.\nPower: 150 MW from TVA."));
    QCOMPARE(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    QCOMPARE(document.project().scenario.name, originalName);
    QCOMPARE(document.project().scenario.description, originalDescription);
  }

  void aRefusedNameIsShownAndTheDialogStays() {
    ProjectDocument document;
    QString error;
    QVERIFY(document.newFromScenario(QStringLiteral("colossus-150k-h100"), &error));
    ProjectPropertiesDialog dialog(document);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.nameEdit()->setText(QStringLiteral("   "));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.problem(), QStringLiteral("name: empty: a project needs a name"));
    QCOMPARE(document.undoStack()->count(), 0);
    // Mended, it goes through and closes.
    dialog.nameEdit()->setText(QStringLiteral("Memphis"));
    dialog.accept();
    QVERIFY(!dialog.isVisible());
    QVERIFY(dialog.problem().isEmpty());
    QCOMPARE(document.project().scenario.name, QStringLiteral("Memphis"));
  }
};

QTEST_MAIN(TestProjectPropertiesDialog)
#include "TestProjectPropertiesDialog.moc"
