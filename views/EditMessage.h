#pragma once

#include <QLabel>
#include <QString>

namespace gigaplan {

/// The red line under an editable table: why the last edit was refused, else why the figures
/// could not be worked out. A refusal stays until an edit is accepted; figures arriving meanwhile
/// do not wipe it.
class EditMessage : public QLabel {
 public:
  explicit EditMessage(QWidget* parent) : QLabel(parent) {
    setStyleSheet(QStringLiteral("color: #b00020"));
    setWordWrap(true);
    hide();
  }
  void refuse(const QString& message) {
    refusal_ = message;
    show(refusal_);
  }
  void accept() {
    refusal_.clear();
    show(evaluation_);
  }
  /// Why the figures failed (empty when they did not).
  void setEvaluationError(const QString& message) {
    evaluation_ = message;
    show(refusal_.isEmpty() ? evaluation_ : refusal_);
  }
  /// The message shown; empty when none is.
  QString shown() const { return isHidden() ? QString() : text(); }

 private:
  void show(const QString& message) {
    setText(message);
    setVisible(!message.isEmpty());
  }
  QString refusal_;
  QString evaluation_;
};

}  // namespace gigaplan
