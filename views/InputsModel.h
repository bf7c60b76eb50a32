#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <optional>

#include "engine/Scenario.h"

namespace gigaplan {

/// Every scenario input and catalog choice as a two-level tree: sections ("Catalog", then one per
/// input group in InputList order) holding one row per path, with value, unit and source.
///
/// The model never changes a scenario: an edit in the Value column is announced with
/// editRequested, and the owner of the scenario (which checks and undoes edits) answers with
/// showScenario. The tree's shape follows the input schema only, so it is built once and
/// showScenario just refreshes values: expansion and selection in views survive every edit.
class InputsModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Column { InputColumn, ValueColumn, UnitColumn, SourceColumn, ColumnCount };
  enum Role {
    PathRole = Qt::UserRole + 1,  ///< the full path, e.g. "facility.pue" (QString); input rows only
    IsExplicitRole,               ///< set in the scenario rather than from catalog or default (bool)
  };

  explicit InputsModel(QObject* parent = nullptr);

  /// Shows a scenario and its resolution (values, sources); emits dataChanged, never a reset.
  void showScenario(const Scenario& scenario, const ResolvedScenario& resolved);
  /// The Input-column index of a path, or an invalid index for an unknown path.
  QModelIndex indexOfPath(const QString& path) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  /// Announces an edit of the Value column with editRequested and returns true; the model itself
  /// changes only when the owner calls showScenario. Text equal to the shown value is no edit.
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

 signals:
  void editRequested(const QString& path, const QString& text);

 private:
  /// One row under a section: an input, or a catalog choice when `input` is empty.
  struct Entry {
    QString path;
    std::optional<InputId> input;
    int opticReach = -1;  ///< the ReachClass of an optics module choice
  };
  struct Section {
    QString title;
    QList<Entry> entries;
  };

  const Entry* entryAt(const QModelIndex& index) const;
  bool isExplicit(const Entry& entry) const;
  QString catalogId(const Entry& entry) const;
  const CatalogEntry* catalogEntry(const Entry& entry) const;
  QString displayValue(const Entry& entry) const;
  QString editText(const Entry& entry) const;
  QString sourceText(const Entry& entry) const;
  QString tooltip(const Entry& entry) const;

  QList<Section> sections_;
  QHash<QString, QPair<int, int>> positionByPath_;  ///< section and row of each path
  std::optional<Scenario> scenario_;                ///< nothing until the first showScenario
  ResolvedScenario resolved_;
  bool shownOnce_ = false;  ///< before the first scenario every row is blank
};

}  // namespace gigaplan
