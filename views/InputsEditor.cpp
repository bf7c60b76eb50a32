#include "InputsEditor.h"

#include <QAction>
#include <QBoxLayout>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTreeView>

namespace gigaplan {

namespace {

/// The values a path can take when they form a closed list: a Choice input's names or the
/// catalog ids that fit a catalog choice. Empty for numbers.
QStringList choicesFor(const QString& path) {
  if (const auto id = findInput(path)) return choiceNames(*id);
  const HardwareCatalog& catalog = HardwareCatalog::bundled();
  if (path == QLatin1String(Scenario::kSystemTypePath)) return HardwareCatalog::ids(catalog.systems());
  if (path == QLatin1String(Scenario::kSwitchPath)) return HardwareCatalog::ids(catalog.switches());
  QStringList optics;
  for (const CatalogEntry& optic : catalog.optics())
    if (path == QStringLiteral("optics.%1.module").arg(HardwareCatalog::reachName(optic.reach))) optics << optic.id;
  return optics;
}

/// Value-column editors: a combo box for closed lists (picking an item commits at once), a line
/// edit holding the model's full-precision text for numbers.
class InputValueDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex& index) const override {
    const QStringList choices = choicesFor(index.data(InputsModel::PathRole).toString());
    if (choices.isEmpty()) return new QLineEdit(parent);
    auto* combo = new QComboBox(parent);
    combo->addItems(choices);
    connect(combo, &QComboBox::activated, this, &InputValueDelegate::commitAndClose);
    return combo;
  }

  void setEditorData(QWidget* editor, const QModelIndex& index) const override {
    const QString text = index.data(Qt::EditRole).toString();
    if (auto* combo = qobject_cast<QComboBox*>(editor))
      combo->setCurrentIndex(combo->findText(text));
    else if (auto* line = qobject_cast<QLineEdit*>(editor))
      line->setText(text);
  }

  void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override {
    if (auto* combo = qobject_cast<QComboBox*>(editor))
      model->setData(index, combo->currentText(), Qt::EditRole);
    else if (auto* line = qobject_cast<QLineEdit*>(editor))
      model->setData(index, line->text(), Qt::EditRole);
  }

 private:
  void commitAndClose() {
    auto* editor = qobject_cast<QWidget*>(sender());
    emit commitData(editor);
    emit closeEditor(editor);
  }
};

}  // namespace

InputsEditor::InputsEditor(QWidget* parent)
    : QWidget(parent),
      model_(new InputsModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      filter_(new QLineEdit(this)),
      tree_(new QTreeView(this)),
      resetButton_(new QPushButton(tr("Reset to default"), this)),
      resetAction_(new QAction(tr("Reset to default"), this)),
      error_(new QLabel(this)) {
  filter_->setObjectName(QStringLiteral("filter"));
  filter_->setPlaceholderText(tr("Filter inputs"));
  filter_->setClearButtonEnabled(true);
  resetButton_->setObjectName(QStringLiteral("resetButton"));
  error_->setObjectName(QStringLiteral("error"));
  error_->setStyleSheet(QStringLiteral("color: #c62828;"));
  error_->setWordWrap(true);
  error_->hide();

  setUpTree();

  auto* top = new QHBoxLayout;
  top->addWidget(filter_, 1);
  top->addWidget(resetButton_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(top);
  layout->addWidget(tree_, 1);
  layout->addWidget(error_);

  connect(filter_, &QLineEdit::textChanged, this, &InputsEditor::applyFilter);
  connect(model_, &InputsModel::editRequested, this, &InputsEditor::editRequested);
  connect(model_, &QAbstractItemModel::dataChanged, this, &InputsEditor::updateResetEnabled);
  auto reset = [this] {
    const QString path = resettablePath();
    if (!path.isEmpty()) emit resetRequested(path);
  };
  connect(resetButton_, &QPushButton::clicked, this, reset);
  connect(resetAction_, &QAction::triggered, this, reset);
  updateResetEnabled();
}

void InputsEditor::setUpTree() {
  // The tooltip of the Input column holds the meaning and the full path: what people search by.
  proxy_->setSourceModel(model_);
  proxy_->setFilterKeyColumn(InputsModel::InputColumn);
  proxy_->setFilterRole(Qt::ToolTipRole);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setRecursiveFilteringEnabled(true);

  tree_->setModel(proxy_);
  tree_->setItemDelegateForColumn(InputsModel::ValueColumn, new InputValueDelegate(tree_));
  tree_->setSelectionBehavior(QAbstractItemView::SelectRows);
  tree_->setSelectionMode(QAbstractItemView::SingleSelection);
  tree_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                         QAbstractItemView::SelectedClicked);
  tree_->setAlternatingRowColors(true);
  tree_->setUniformRowHeights(true);
  tree_->setContextMenuPolicy(Qt::CustomContextMenu);
  tree_->header()->setSectionResizeMode(InputsModel::InputColumn, QHeaderView::ResizeToContents);
  tree_->header()->setSectionResizeMode(InputsModel::ValueColumn, QHeaderView::ResizeToContents);
  tree_->header()->setSectionResizeMode(InputsModel::UnitColumn, QHeaderView::ResizeToContents);
  tree_->header()->setStretchLastSection(true);  // sources are long; they get what is left
  tree_->expandAll();

  connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this, &InputsEditor::updateResetEnabled);
  connect(tree_, &QWidget::customContextMenuRequested, this, &InputsEditor::showContextMenu);
  // A double click anywhere on an input's row edits its value, not just on the Value cell.
  connect(tree_, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
    if (index.column() != InputsModel::ValueColumn && index.data(InputsModel::PathRole).isValid())
      tree_->edit(index.siblingAtColumn(InputsModel::ValueColumn));
  });
}

void InputsEditor::showScenario(const Scenario& scenario, const ResolvedScenario& resolved) {
  model_->showScenario(scenario, resolved);
}

void InputsEditor::showError(const QString& message) {
  error_->setText(message);
  error_->setVisible(!message.isEmpty());
}

void InputsEditor::selectPath(const QString& path) {
  const QModelIndex source = model_->indexOfPath(path);
  if (!source.isValid()) return;
  if (!proxy_->mapFromSource(source).isValid()) filter_->clear();
  const QModelIndex index = proxy_->mapFromSource(source);
  tree_->setCurrentIndex(index);
  tree_->scrollTo(index);
}

QString InputsEditor::resettablePath() const {
  const QModelIndex current = tree_->currentIndex();
  return current.data(InputsModel::IsExplicitRole).toBool() ? current.data(InputsModel::PathRole).toString()
                                                            : QString();
}

void InputsEditor::updateResetEnabled() {
  const bool enabled = !resettablePath().isEmpty();
  resetButton_->setEnabled(enabled);
  resetAction_->setEnabled(enabled);
}

void InputsEditor::applyFilter(const QString& text) {
  proxy_->setFilterFixedString(text);
  // Rows the filter brings back arrive collapsed; matches are only useful when seen.
  tree_->expandAll();
  updateResetEnabled();
}

void InputsEditor::showContextMenu(const QPoint& position) {
  const QModelIndex index = tree_->indexAt(position);
  if (!index.data(InputsModel::PathRole).isValid()) return;
  tree_->setCurrentIndex(index);
  QMenu menu(this);
  menu.addAction(resetAction_);
  menu.exec(tree_->viewport()->mapToGlobal(position));
}

}  // namespace gigaplan
