#pragma once

#include <QWidget>

#include "InputsModel.h"

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTreeView;

namespace gigaplan {

/// Edits a scenario's inputs and catalog choices: a filterable tree of every path with its value,
/// unit and source, a reset to the default, and the message of the last refused edit.
///
/// Like InputsModel it only asks: edits and resets go out as signals, and the owner of the
/// scenario answers with showScenario (or showError when it refuses the edit).
class InputsEditor : public QWidget {
  Q_OBJECT
 public:
  explicit InputsEditor(QWidget* parent = nullptr);

  InputsModel* model() const { return model_; }
  QTreeView* view() const { return tree_; }

 public slots:
  void showScenario(const Scenario& scenario, const ResolvedScenario& resolved);
  /// Shows why the last edit was refused, in red under the tree; an empty message hides it.
  void showError(const QString& message);
  /// Makes a path the current row and scrolls to it, clearing a filter that hides it.
  void selectPath(const QString& path);

 signals:
  void editRequested(const QString& path, const QString& text);
  void resetRequested(const QString& path);

 private:
  /// Filter, delegate, columns and the tree's own signals.
  void setUpTree();
  /// The current row's path when it is set explicitly (so a reset would change something).
  QString resettablePath() const;
  void updateResetEnabled();
  void applyFilter(const QString& text);
  void showContextMenu(const QPoint& position);

  InputsModel* model_;
  QSortFilterProxyModel* proxy_;
  QLineEdit* filter_;
  QTreeView* tree_;
  QPushButton* resetButton_;
  QAction* resetAction_;
  QLabel* error_;
};

}  // namespace gigaplan
