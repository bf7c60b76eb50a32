#include "FiguresPanel.h"

#include <QHeaderView>

#include "engine/ResultFormat.h"

namespace gigaplan {

FiguresPanel::FiguresPanel(QWidget* parent) : QTreeWidget(parent) {
  setColumnCount(3);
  setHeaderLabels({tr("Figure"), tr("Value"), tr("Unit")});
  setRootIsDecorated(true);
  setAlternatingRowColors(true);
  setUniformRowHeights(true);
  QTreeWidgetItem* section = nullptr;
  QString currentSection;
  for (const OutputSpec& spec : outputSpecs()) {
    const QString path = QString::fromLatin1(spec.path);
    const QString sectionName = path.section(QLatin1Char('.'), 0, 0);
    if (sectionName != currentSection) {
      section = new QTreeWidgetItem(this, {sectionName.left(1).toUpper() + sectionName.mid(1)});
      QFont bold = section->font(0);
      bold.setBold(true);
      section->setFont(0, bold);
      currentSection = sectionName;
    }
    auto* item =
        new QTreeWidgetItem(section, {QString::fromLatin1(spec.meaning), QString(), QString::fromLatin1(spec.unit)});
    item->setToolTip(0, path);
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    itemByOutput_.insert(static_cast<int>(spec.id), item);
  }
  expandAll();
  header()->setSectionResizeMode(0, QHeaderView::Stretch);
  header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  header()->setStretchLastSection(false);
}

void FiguresPanel::showResult(const ResolvedScenario&, const OutputValues& outputs) {
  for (const OutputSpec& spec : outputSpecs())
    itemByOutput_.value(static_cast<int>(spec.id))
        ->setText(1, formatQuantity(outputs[static_cast<std::size_t>(spec.id)]));
}

void FiguresPanel::setFilter(const QString& text) {
  const QString wanted = text.trimmed();
  for (int s = 0; s < topLevelItemCount(); ++s) {
    QTreeWidgetItem* section = topLevelItem(s);
    const bool sectionMatches = section->text(0).contains(wanted, Qt::CaseInsensitive);
    int shown = 0;
    for (int c = 0; c < section->childCount(); ++c) {
      QTreeWidgetItem* item = section->child(c);
      const bool match = wanted.isEmpty() || sectionMatches || item->text(0).contains(wanted, Qt::CaseInsensitive) ||
                         item->toolTip(0).contains(wanted, Qt::CaseInsensitive);
      item->setHidden(!match);
      shown += match ? 1 : 0;
    }
    section->setHidden(shown == 0);
  }
}

bool FiguresPanel::isShown(OutputId id) const {
  const QTreeWidgetItem* item = itemByOutput_.value(static_cast<int>(id));
  return item && !item->isHidden() && !item->parent()->isHidden();
}

void FiguresPanel::reveal(OutputId id) {
  QTreeWidgetItem* item = itemByOutput_.value(static_cast<int>(id));
  if (!item) return;
  if (!isShown(id)) {
    setFilter(QString());
    emit filterCleared();
  }
  setCurrentItem(item);
  scrollToItem(item, QAbstractItemView::PositionAtCenter);
}

QString FiguresPanel::displayedValue(OutputId id) const {
  const QTreeWidgetItem* item = itemByOutput_.value(static_cast<int>(id));
  return item ? item->text(1) : QString();
}

}  // namespace gigaplan
