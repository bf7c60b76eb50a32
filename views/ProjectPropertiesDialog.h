#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace gigaplan {

class ProjectDocument;

/// File › Project Properties: the project's name and description. OK applies both as one
/// undoable edit through the document; a refused edit is shown in the dialog, which stays open.
class ProjectPropertiesDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ProjectPropertiesDialog(ProjectDocument& document, QWidget* parent = nullptr);

  QLineEdit* nameEdit() const { return name_; }
  QPlainTextEdit* descriptionEdit() const { return description_; }
  /// Why the last OK was refused (the field and the problem), empty otherwise.
  QString problem() const;

  void accept() override;

 private:
  ProjectDocument& document_;
  QLineEdit* name_ = nullptr;
  QPlainTextEdit* description_ = nullptr;
  QLabel* problem_ = nullptr;
};

}  // namespace gigaplan
