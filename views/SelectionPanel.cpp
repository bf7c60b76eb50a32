#include "SelectionPanel.h"

#include <QHeaderView>
#include <array>

#include "document/LayoutCommands.h"
#include "document/ProjectDocument.h"
#include "layout/FabricCabling.h"
#include "layout/FloorPlaces.h"
#include "layout/LayoutMetrics.h"

namespace gigaplan {

namespace {
QString kw(double value) {
  return value >= 1000 ? QStringLiteral("%1 MW").arg(value / 1000, 0, 'f', 2)
                       : QStringLiteral("%1 kW").arg(value, 0, 'f', 1);
}
/// A row as the project tree names it (its number in its hall), with its index in the layout
/// that the command line's --move-row and friends take.
QString rowLabel(const SiteLayout& layout, int row) {
  return QObject::tr("%1 (index %2)").arg(FloorPlaces::rowNumberInHall(layout, row)).arg(row);
}
}  // namespace

SelectionPanel::SelectionPanel(QWidget* parent) : QTreeWidget(parent) {
  setColumnCount(2);
  setHeaderLabels({tr("Property"), tr("Value")});
  setRootIsDecorated(false);
  header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
}

void SelectionPanel::setDocument(ProjectDocument* document) {
  if (document_) disconnect(document_, nullptr, this, nullptr);
  document_ = document;
  if (!document_) return;
  for (auto signal : {&ProjectDocument::selectionChanged, &ProjectDocument::layoutChanged,
                      &ProjectDocument::resultReady, &ProjectDocument::projectReplaced})
    connect(document_, signal, this, &SelectionPanel::refresh);
  refresh();
}

QString SelectionPanel::property(const QString& name) const {
  const auto found = findItems(name, Qt::MatchExactly, 0);
  return found.isEmpty() ? QString() : found.first()->text(1);
}

void SelectionPanel::add(const QString& name, const QString& value) {
  new QTreeWidgetItem(this, {name, value});
}

void SelectionPanel::refresh() {
  clear();
  if (!document_) return;
  const SiteLayout& layout = document_->project().layout;
  const HallTemplate& t = layout.hallTemplate;
  const LayoutSelection& s = document_->selection();
  if (!s.isValidFor(layout)) return;
  auto hallName = [&](int row) {
    return layout.halls[static_cast<std::size_t>(layout.rows[static_cast<std::size_t>(row)].hall)].name;
  };
  switch (s.level) {
    case LayoutSelection::Level::None:
      add(tr("Selection"), tr("none: click a rack, or pick rows or halls in the Layout menu"));
      return;
    case LayoutSelection::Level::Racks: {
      if (s.rackIds.size() > 1) {
        double power = 0;
        for (std::uint32_t id : s.rackIds)
          if (const int i = LayoutCommands::rackIndex(layout, id); i >= 0)
            power += layout.racks[static_cast<std::size_t>(i)].powerKw;
        add(tr("Racks"), QString::number(s.rackIds.size()));
        add(tr("Power at full load"), kw(power));
        return;
      }
      const int index = LayoutCommands::rackIndex(layout, s.rackIds.front());
      if (index < 0) return;
      const Rack& rack = layout.racks[static_cast<std::size_t>(index)];
      add(tr("Rack"), QString::number(rack.id));
      add(tr("Role"), rackRoleName(rack.role));
      if (rack.role == RackRole::Compute)
        add(tr("System"), layout.systemTypes.value(rack.system));
      else if (rack.role != RackRole::Cdu)
        add(tr("Switches"), QString::number(rack.units));
      add(tr("Phase"), QString::number(rack.phase + 1));
      add(tr("Hall"), hallName(rack.row));
      add(tr("Row"), rowLabel(layout, rack.row));
      add(tr("Slot"), QString::number(rack.slot + 1));  // from 1, as rows are
      add(tr("Position"),
          QStringLiteral("%1 m, %2 m").arg(layout.rackXM(rack), 0, 'f', 1).arg(layout.rackYM(rack), 0, 'f', 1));
      add(tr("Power at full load"), kw(rack.powerKw));
      add(tr("Mass"), QStringLiteral("%1 kg").arg(rack.massKg, 0, 'f', 0));
      add(tr("Floor load"), QStringLiteral("%1 kg/m²").arg(LayoutMetrics::floorLoadKgM2(layout, rack), 0, 'f', 0));
      const ProjectResult& result = document_->result();
      if (result.resolved) {
        const auto links = gigaplan::linksOfRack(document_->project(), result, index);
        std::array<int, 4> perTier{};
        double longest = 0;
        for (const RackLink& link : links) {
          ++perTier[static_cast<std::size_t>(link.tier)];
          longest = std::max(longest, link.lengthM);
        }
        for (std::size_t tier = 0; tier < 4; ++tier)
          if (perTier[tier] > 0)
            add(tr("Racks linked, %1").arg(fabricTierName(static_cast<int>(tier))), QString::number(perTier[tier]));
        if (!links.empty()) add(tr("Longest link"), QStringLiteral("%1 m").arg(longest, 0, 'f', 1));
      }
      return;
    }
    case LayoutSelection::Level::Row: {
      const Row& row = layout.rows[static_cast<std::size_t>(s.index)];
      int racks = 0;
      double power = 0;
      for (const Rack& rack : layout.racks)
        if (rack.row == s.index) ++racks, power += rack.powerKw;
      add(tr("Row"), rowLabel(layout, s.index));
      add(tr("Hall"), hallName(s.index));
      add(tr("Racks"), tr("%1 in %2 slots").arg(racks).arg(row.slotCount));
      add(tr("Power at full load"), kw(power));
      add(tr("Position in hall"), QStringLiteral("%1 m, %2 m").arg(row.xM, 0, 'f', 1).arg(row.yM, 0, 'f', 1));
      add(tr("Length"), QStringLiteral("%1 m").arg(row.slotCount * t.rackWidthM, 0, 'f', 1));
      return;
    }
    case LayoutSelection::Level::Hall: {
      const Hall& hall = layout.halls[static_cast<std::size_t>(s.index)];
      const HallMetrics m = LayoutMetrics::measure(layout).halls[static_cast<std::size_t>(s.index)];
      add(tr("Hall"), hall.name);
      add(tr("Building"), layout.buildings[static_cast<std::size_t>(hall.building)].name);
      add(tr("Locked"), hall.locked ? tr("yes: a re-laid floor keeps it as it is") : tr("no"));
      add(tr("Size"), QStringLiteral("%1 m × %2 m").arg(hall.widthM, 0, 'f', 1).arg(hall.depthM, 0, 'f', 1));
      add(tr("Racks"), tr("%1 compute, %2 network, %3 CDU").arg(m.computeRacks).arg(m.networkRacks).arg(m.cdus));
      add(tr("IT power"), tr("%1 of %2 feed").arg(kw(m.itKw)).arg(kw(hall.powerLimitMw * 1000)));
      add(tr("Cooling limit"), kw(hall.coolingLimitMw * 1000));
      add(tr("Power density"), QStringLiteral("%1 kW/m²").arg(m.kwPerM2, 0, 'f', 2));
      add(tr("Heaviest floor load"),
          tr("%1 of %2 kg/m²").arg(m.maxFloorLoadKgM2, 0, 'f', 0).arg(hall.floorLoadLimitKgM2, 0, 'f', 0));
      return;
    }
    case LayoutSelection::Level::Building: {
      const Building& b = layout.buildings[static_cast<std::size_t>(s.index)];
      int halls = 0;
      for (const Hall& hall : layout.halls) halls += hall.building == s.index;
      add(tr("Building"), b.name);
      add(tr("Halls"), QString::number(halls));
      add(tr("Size"), QStringLiteral("%1 m × %2 m").arg(b.widthM, 0, 'f', 1).arg(b.depthM, 0, 'f', 1));
      return;
    }
  }
}

}  // namespace gigaplan
