#include "ProjectTreeModel.h"

#include <QLocale>

#include "document/LayoutCommands.h"

namespace gigaplan {

namespace {
// An item's internal id: its index into the layout's vector, with the level in the low two bits.
constexpr quintptr kLevelBits = 2;
constexpr quintptr kLevelMask = (1u << kLevelBits) - 1;
}  // namespace

ProjectTreeModel::ProjectTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void ProjectTreeModel::setLayout(const SiteLayout* layout) {
  beginResetModel();
  layout_ = layout;
  rebuild();
  endResetModel();
}

void ProjectTreeModel::refresh() {
  beginResetModel();
  rebuild();
  endResetModel();
}

/// Hangs `child` (layout index `childIndex`) below `parents[parent]`. Items whose parent index is
/// out of range or itself unattached stay unattached (position -1) and out of the tree, so a
/// dangling index in a hand-edited file cannot crash the view.
bool ProjectTreeModel::attach(std::vector<Item>& parents, int parent, Item& child, int childIndex) {
  if (parent < 0 || parent >= static_cast<int>(parents.size()) || parents[parent].position < 0) return false;
  child.parent = parent;
  child.position = static_cast<int>(parents[parent].children.size());
  parents[parent].children.push_back(childIndex);
  return true;
}

void ProjectTreeModel::rebuild() {
  site_.clear();
  buildings_.clear();
  halls_.clear();
  rows_.clear();
  if (!layout_) return;
  site_.push_back({tr("Site"), 0, 0, {}, 0, 0.0});
  buildings_.resize(layout_->buildings.size());
  for (std::size_t b = 0; b < buildings_.size(); ++b) {
    buildings_[b].name = layout_->buildings[b].name;
    attach(site_, 0, buildings_[b], static_cast<int>(b));
  }
  halls_.resize(layout_->halls.size());
  for (std::size_t h = 0; h < halls_.size(); ++h) {
    halls_[h].name = layout_->halls[h].name;
    attach(buildings_, layout_->halls[h].building, halls_[h], static_cast<int>(h));
  }
  rows_.resize(layout_->rows.size());
  for (std::size_t r = 0; r < rows_.size(); ++r)
    if (attach(halls_, layout_->rows[r].hall, rows_[r], static_cast<int>(r)))
      rows_[r].name = tr("Row %1").arg(rows_[r].position + 1);
  addRacks();
}

/// Adds every rack to its row, hall, building and the site: one pass over the racks.
void ProjectTreeModel::addRacks() {
  for (const Rack& rack : layout_->racks) {
    if (rack.row < 0 || rack.row >= static_cast<int>(rows_.size()) || rows_[rack.row].position < 0) continue;
    Item& row = rows_[rack.row];
    Item& hall = halls_[row.parent];
    Item& building = buildings_[hall.parent];
    // CDU pumps are cooling plant, not IT load, as in LayoutMetrics.
    const double itKw = rack.role == RackRole::Cdu ? 0.0 : rack.powerKw;
    for (Item* item : {&row, &hall, &building, &site_.front()}) {
      ++item->racks;
      item->itKw += itKw;
    }
  }
}

LayoutSelection ProjectTreeModel::selectionAt(const QModelIndex& index) const {
  if (!index.isValid()) return {};
  const int i = layoutIndexOf(index);
  switch (levelOf(index)) {
    case Level::Site:
      return {};
    case Level::Building:
      return LayoutSelection::building(i);
    case Level::Hall:
      return LayoutSelection::hall(i);
    case Level::Row:
      return LayoutSelection::row(i);
  }
  return {};
}

QModelIndex ProjectTreeModel::indexOf(const LayoutSelection& selection) const {
  switch (selection.level) {
    case LayoutSelection::Level::None:
      return {};
    case LayoutSelection::Level::Building:
      return indexAt(Level::Building, selection.index);
    case LayoutSelection::Level::Hall:
      return indexAt(Level::Hall, selection.index);
    case LayoutSelection::Level::Row:
      return indexAt(Level::Row, selection.index);
    case LayoutSelection::Level::Racks: {
      if (!layout_ || selection.rackIds.empty()) return {};
      const int rack = LayoutCommands::rackIndex(*layout_, selection.rackIds.front());
      return rack < 0 ? QModelIndex() : indexAt(Level::Row, layout_->racks[static_cast<std::size_t>(rack)].row);
    }
  }
  return {};
}

QModelIndex ProjectTreeModel::index(int row, int column, const QModelIndex& parent) const {
  if (!hasIndex(row, column, parent)) return {};
  if (!parent.isValid()) return createIndex(row, column, static_cast<quintptr>(Level::Site));
  const auto childLevel = static_cast<Level>(static_cast<int>(levelOf(parent)) + 1);
  const auto childIndex = static_cast<quintptr>(itemAt(parent)->children[static_cast<std::size_t>(row)]);
  return createIndex(row, column, (childIndex << kLevelBits) | static_cast<quintptr>(childLevel));
}

QModelIndex ProjectTreeModel::parent(const QModelIndex& child) const {
  if (!child.isValid() || levelOf(child) == Level::Site) return {};
  const auto parentLevel = static_cast<Level>(static_cast<int>(levelOf(child)) - 1);
  return indexAt(parentLevel, itemAt(child)->parent);
}

int ProjectTreeModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) return static_cast<int>(site_.size());
  if (parent.column() != kNameColumn) return 0;
  return static_cast<int>(itemAt(parent)->children.size());
}

int ProjectTreeModel::columnCount(const QModelIndex&) const {
  return kColumnCount;
}

QVariant ProjectTreeModel::data(const QModelIndex& index, int role) const {
  const Item* item = itemAt(index);
  if (!item) return {};
  if (role == Qt::TextAlignmentRole && index.column() != kNameColumn)
    return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
  if (role == kValueRole && index.column() == kRacksColumn) return item->racks;
  if (role == kValueRole && index.column() == kItPowerColumn) return item->itKw / 1e3;
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case kNameColumn:
      return item->name;
    case kRacksColumn:
      return QLocale(QLocale::English).toString(item->racks);
    case kItPowerColumn:
      return QLocale(QLocale::English).toString(item->itKw / 1e3, 'f', 2);
  }
  return {};
}

QVariant ProjectTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case kNameColumn:
      return tr("Name");
    case kRacksColumn:
      return tr("Racks");
    case kItPowerColumn:
      return tr("IT power (MW)");
  }
  return {};
}

const std::vector<ProjectTreeModel::Item>& ProjectTreeModel::items(Level level) const {
  switch (level) {
    case Level::Site:
      return site_;
    case Level::Building:
      return buildings_;
    case Level::Hall:
      return halls_;
    case Level::Row:
      return rows_;
  }
  return site_;
}

const ProjectTreeModel::Item* ProjectTreeModel::itemAt(const QModelIndex& index) const {
  if (!index.isValid()) return nullptr;
  return &items(levelOf(index))[static_cast<std::size_t>(layoutIndexOf(index))];
}

QModelIndex ProjectTreeModel::indexAt(Level level, int layoutIndex) const {
  const std::vector<Item>& list = items(level);
  if (layoutIndex < 0 || layoutIndex >= static_cast<int>(list.size())) return {};
  const Item& item = list[static_cast<std::size_t>(layoutIndex)];
  if (item.position < 0) return {};
  return createIndex(item.position, kNameColumn,
                     (static_cast<quintptr>(layoutIndex) << kLevelBits) | static_cast<quintptr>(level));
}

ProjectTreeModel::Level ProjectTreeModel::levelOf(const QModelIndex& index) {
  return static_cast<Level>(index.internalId() & kLevelMask);
}

int ProjectTreeModel::layoutIndexOf(const QModelIndex& index) {
  return static_cast<int>(index.internalId() >> kLevelBits);
}

}  // namespace gigaplan
