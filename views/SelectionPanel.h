#pragma once

#include <QTreeWidget>

namespace gigaplan {

class ProjectDocument;

/// The properties of what is selected: a rack (role, system, position, power, fabric links),
/// a set of racks, a row, a hall (load against its limits) or a building.
class SelectionPanel : public QTreeWidget {
  Q_OBJECT
 public:
  explicit SelectionPanel(QWidget* parent = nullptr);

  void setDocument(ProjectDocument* document);
  /// The value shown for a property name (first column), empty when absent; for tests.
  QString property(const QString& name) const;

 private:
  void refresh();
  void add(const QString& name, const QString& value);

  ProjectDocument* document_ = nullptr;
};

}  // namespace gigaplan
