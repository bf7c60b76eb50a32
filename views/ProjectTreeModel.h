#pragma once

#include <QAbstractItemModel>
#include <QString>
#include <vector>

#include "document/LayoutSelection.h"
#include "layout/SiteLayout.h"

namespace gigaplan {

/// The site as a tree for the project panel: "Site", its buildings, their halls and the halls'
/// rows, each with the racks and the IT power below it.
///
/// Racks are not items: a 1M-GPU site has about 20,000 of them, which no one browses in a
/// tree; a rack selection shows as its row. Counts and power are gathered once per refresh, so
/// data() stays cheap while a view scrolls.
class ProjectTreeModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Column { kNameColumn, kRacksColumn, kItPowerColumn, kColumnCount };
  /// The unformatted number of a column (racks; IT power in MW), for sorting and tests.
  static constexpr int kValueRole = Qt::UserRole;

  explicit ProjectTreeModel(QObject* parent = nullptr);

  /// Shows a layout owned elsewhere, which must outlive the model or be replaced first;
  /// nullptr shows nothing.
  void setLayout(const SiteLayout* layout);
  const SiteLayout* layout() const { return layout_; }
  /// Rebuilds the tree after the layout changed (racks, rows or halls added, moved or removed).
  void refresh();

  /// What an item stands for: nothing for the site, else its building, hall or row.
  LayoutSelection selectionAt(const QModelIndex& index) const;
  /// The item of a selection (a rack selection: the row of its first rack); invalid when none.
  QModelIndex indexOf(const LayoutSelection& selection) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  enum class Level { Site, Building, Hall, Row };

  /// One tree item, copied from the layout on refresh so that the tree stays consistent even
  /// if the layout changes before the next refresh.
  struct Item {
    QString name;
    int parent = 0;             ///< layout index of the building or hall above (0 for the site)
    int position = -1;          ///< row under the parent; -1 when out of the tree
    std::vector<int> children;  ///< layout indices of the buildings, halls or rows below
    int racks = 0;
    double itKw = 0.0;
  };

  static bool attach(std::vector<Item>& parents, int parent, Item& child, int childIndex);
  void rebuild();
  void addRacks();
  const std::vector<Item>& items(Level level) const;
  const Item* itemAt(const QModelIndex& index) const;
  QModelIndex indexAt(Level level, int layoutIndex) const;
  static Level levelOf(const QModelIndex& index);
  static int layoutIndexOf(const QModelIndex& index);

  const SiteLayout* layout_ = nullptr;
  std::vector<Item> site_;  ///< one item when there is a layout, none without
  std::vector<Item> buildings_;
  std::vector<Item> halls_;
  std::vector<Item> rows_;
};

}  // namespace gigaplan
