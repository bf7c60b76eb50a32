#include "ProjectPropertiesDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "document/ProjectDocument.h"
#include "document/ScenarioCommands.h"

namespace gigaplan {

ProjectPropertiesDialog::ProjectPropertiesDialog(ProjectDocument& document, QWidget* parent)
    : QDialog(parent),
      document_(document),
      name_(new QLineEdit(this)),
      description_(new QPlainTextEdit(this)),
      problem_(new QLabel(this)) {
  setWindowTitle(tr("Project Properties"));
  const Scenario& scenario = document_.project().scenario;
  name_->setText(scenario.name);
  name_->setMaxLength(ScenarioCommands::kMaxNameChars);
  description_->setPlainText(scenario.description);
  description_->setPlaceholderText(tr("What the plan is for; shown on the report's title page."));
  problem_->setStyleSheet(QStringLiteral("color: #b00020"));
  problem_->setWordWrap(true);
  problem_->setVisible(false);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &ProjectPropertiesDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &ProjectPropertiesDialog::reject);
  auto* form = new QFormLayout;
  form->addRow(tr("&Name:"), name_);
  form->addRow(tr("&Description:"), description_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(problem_);
  layout->addWidget(buttons);
  resize(520, 320);
}

QString ProjectPropertiesDialog::problem() const {
  return problem_->isHidden() ? QString() : problem_->text();
}

void ProjectPropertiesDialog::accept() {
  QString error;
  if (!document_.setProperties(name_->text(), description_->toPlainText(), &error) && !error.isEmpty()) {
    problem_->setText(error);
    problem_->setVisible(true);
    return;
  }
  problem_->setVisible(false);
  QDialog::accept();
}

}  // namespace gigaplan
