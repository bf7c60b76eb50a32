#include "InputsModel.h"

#include <QFont>

#include "engine/ResultFormat.h"

namespace gigaplan {

namespace {

/// QModelIndex::internalId() of a section row; an input row stores its section's position plus one.
constexpr quintptr kSectionId = 0;

QString opticPath(int reach) {
  return QStringLiteral("optics.%1.module").arg(HardwareCatalog::reachName(static_cast<ReachClass>(reach)));
}

QString capitalized(const QString& word) {
  return word.left(1).toUpper() + word.mid(1);
}

}  // namespace

InputsModel::InputsModel(QObject* parent) : QAbstractItemModel(parent) {
  Section catalog{tr("Catalog"), {}};
  catalog.entries.append({QString::fromLatin1(Scenario::kSystemTypePath), std::nullopt});
  catalog.entries.append({QString::fromLatin1(Scenario::kSwitchPath), std::nullopt});
  for (int r = 0; r < 5; ++r) catalog.entries.append({opticPath(r), std::nullopt, r});
  sections_.append(catalog);
  QString group;
  for (const InputSpec& spec : inputSpecs()) {
    const QString path = QString::fromLatin1(spec.path);
    if (path.section(QLatin1Char('.'), 0, 0) != group) {
      group = path.section(QLatin1Char('.'), 0, 0);
      sections_.append({capitalized(group), {}});
    }
    sections_.last().entries.append({path, spec.id});
  }
  for (int s = 0; s < sections_.size(); ++s)
    for (int r = 0; r < sections_[s].entries.size(); ++r) positionByPath_.insert(sections_[s].entries[r].path, {s, r});
}

void InputsModel::showScenario(const Scenario& scenario, const ResolvedScenario& resolved) {
  // Only rows whose text changed are announced: a view refreshes the open editor of every
  // announced row, which would wipe what the planner is typing while figures arrive.
  auto shown = [this](const Entry& entry) {
    return displayValue(entry) + QChar(0) + sourceText(entry) + QChar(isExplicit(entry) ? '1' : '0');
  };
  std::vector<QString> before;
  for (const Section& section : sections_)
    for (const Entry& entry : section.entries) before.push_back(shown(entry));
  const bool first = !shownOnce_;
  shownOnce_ = true;
  scenario_ = scenario;
  resolved_ = resolved;
  std::size_t i = 0;
  for (int s = 0; s < sections_.size(); ++s) {
    const QModelIndex section = index(s, 0);
    for (int r = 0; r < sections_[s].entries.size(); ++r, ++i)
      if (first || shown(sections_[s].entries[r]) != before[i])
        emit dataChanged(index(r, 0, section), index(r, ColumnCount - 1, section));
  }
}

QModelIndex InputsModel::indexOfPath(const QString& path) const {
  const auto it = positionByPath_.find(path);
  if (it == positionByPath_.end()) return {};
  return index(it->second, InputColumn, index(it->first, 0));
}

QModelIndex InputsModel::index(int row, int column, const QModelIndex& parent) const {
  if (!hasIndex(row, column, parent)) return {};
  return parent.isValid() ? createIndex(row, column, static_cast<quintptr>(parent.row()) + 1)
                          : createIndex(row, column, kSectionId);
}

QModelIndex InputsModel::parent(const QModelIndex& child) const {
  if (!child.isValid() || child.internalId() == kSectionId) return {};
  return createIndex(static_cast<int>(child.internalId() - 1), 0, kSectionId);
}

int InputsModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) return sections_.size();
  if (parent.internalId() != kSectionId || parent.column() != 0) return 0;
  return sections_[parent.row()].entries.size();
}

int InputsModel::columnCount(const QModelIndex&) const {
  return ColumnCount;
}

const InputsModel::Entry* InputsModel::entryAt(const QModelIndex& index) const {
  if (!index.isValid() || index.internalId() == kSectionId) return nullptr;
  return &sections_[static_cast<int>(index.internalId() - 1)].entries[index.row()];
}

QVariant InputsModel::data(const QModelIndex& index, int role) const {
  const Entry* entry = entryAt(index);
  if (!entry) {
    const bool title = index.isValid() && index.column() == InputColumn && role == Qt::DisplayRole;
    return title ? QVariant(sections_[index.row()].title) : QVariant();
  }
  const int column = index.column();
  switch (role) {
    case PathRole:
      return entry->path;
    case IsExplicitRole:
      return isExplicit(*entry);
    case Qt::FontRole: {
      if (!isExplicit(*entry)) return {};
      QFont bold;
      bold.setBold(true);
      return bold;
    }
    case Qt::DisplayRole:
      if (column == InputColumn)
        // Below the group's section the group name is redundant; catalog paths span groups.
        return entry->input ? entry->path.section(QLatin1Char('.'), 1) : entry->path;
      if (column == ValueColumn) return displayValue(*entry);
      if (column == UnitColumn) return entry->input ? QString::fromLatin1(inputSpec(*entry->input).unit) : QString();
      return sourceText(*entry);
    case Qt::EditRole:
      return column == ValueColumn ? QVariant(editText(*entry)) : QVariant();
    case Qt::ToolTipRole:
      if (column == InputColumn) return tooltip(*entry);
      return column == SourceColumn ? QVariant(sourceText(*entry)) : QVariant();
    case Qt::TextAlignmentRole: {
      const bool number = entry->input && inputSpec(*entry->input).kind != InputKind::Choice;
      return column == ValueColumn && number ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    default:
      return {};
  }
}

bool InputsModel::isExplicit(const Entry& entry) const {
  if (!scenario_) return false;
  if (entry.input) return scenario_->values.contains(*entry.input);
  const Scenario defaults;
  if (entry.path == QLatin1String(Scenario::kSystemTypePath)) return scenario_->systemType != defaults.systemType;
  if (entry.path == QLatin1String(Scenario::kSwitchPath)) return scenario_->switchModel != defaults.switchModel;
  return !scenario_->opticModules[static_cast<std::size_t>(entry.opticReach)].isEmpty();
}

/// The catalog entry a choice row stands for; an optics row without a choice shows the default.
QString InputsModel::catalogId(const Entry& entry) const {
  if (!scenario_) return {};
  if (entry.path == QLatin1String(Scenario::kSystemTypePath)) return scenario_->systemType;
  if (entry.path == QLatin1String(Scenario::kSwitchPath)) return scenario_->switchModel;
  const QString chosen = scenario_->opticModules[static_cast<std::size_t>(entry.opticReach)];
  return chosen.isEmpty() ? HardwareCatalog::bundled().defaultOptic(static_cast<ReachClass>(entry.opticReach)) : chosen;
}

const CatalogEntry* InputsModel::catalogEntry(const Entry& entry) const {
  const HardwareCatalog& catalog = HardwareCatalog::bundled();
  if (entry.path == QLatin1String(Scenario::kSystemTypePath)) return catalog.system(catalogId(entry));
  if (entry.path == QLatin1String(Scenario::kSwitchPath)) return catalog.switchModel(catalogId(entry));
  return catalog.optic(catalogId(entry));
}

QString InputsModel::displayValue(const Entry& entry) const {
  if (!scenario_) return {};
  if (!entry.input) return catalogId(entry);
  const double value = valueOf(resolved_.values, *entry.input);
  if (inputSpec(*entry.input).kind == InputKind::Choice)
    return choiceNames(*entry.input).value(static_cast<int>(value));
  return formatQuantity(value);
}

/// What Scenario::set reads back to the same value: full precision, no thousands separators.
QString InputsModel::editText(const Entry& entry) const {
  if (!scenario_ || !entry.input) return catalogId(entry);
  if (inputSpec(*entry.input).kind == InputKind::Choice) return displayValue(entry);
  return QString::number(valueOf(resolved_.values, *entry.input), 'g', 12);
}

QString InputsModel::sourceText(const Entry& entry) const {
  if (!scenario_) return {};
  if (entry.input) {
    const auto i = static_cast<std::size_t>(*entry.input);
    const QString& source = resolved_.source[i];
    const QString& confidence = resolved_.confidence[i];
    // "input" is no trust level, and "estimate: ..." already says how far to trust it.
    if (confidence == QLatin1String("input") || source.startsWith(confidence)) return source;
    return QStringLiteral("%1 (%2)").arg(source, confidence);
  }
  const CatalogEntry* chosen = catalogEntry(entry);
  const QString name = chosen ? chosen->name : catalogId(entry);
  return isExplicit(entry) ? tr("%1 (set in scenario)").arg(name) : tr("%1 (default)").arg(name);
}

QString InputsModel::tooltip(const Entry& entry) const {
  QString meaning;
  if (entry.input) {
    meaning = QString::fromLatin1(inputSpec(*entry.input).meaning);
  } else if (entry.path == QLatin1String(Scenario::kSystemTypePath)) {
    meaning = tr("GPU system of the compute racks (catalog id)");
  } else if (entry.path == QLatin1String(Scenario::kSwitchPath)) {
    meaning = tr("scale-out fabric switch (catalog id)");
  } else {
    meaning = tr("module or cable for %1 links (catalog id)").arg(entry.path.section(QLatin1Char('.'), 1, 1));
  }
  return meaning + QLatin1Char('\n') + entry.path;
}

QVariant InputsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case InputColumn:
      return tr("Input");
    case ValueColumn:
      return tr("Value");
    case UnitColumn:
      return tr("Unit");
    case SourceColumn:
      return tr("Source");
    default:
      return {};
  }
}

Qt::ItemFlags InputsModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  if (!entryAt(index)) return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
  const Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
  return index.column() == ValueColumn ? flags | Qt::ItemIsEditable : flags;
}

bool InputsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  const Entry* entry = entryAt(index);
  if (!entry || index.column() != ValueColumn || role != Qt::EditRole) return false;
  // Closing an editor without a change must not pin a default as an explicit setting.
  const QString text = value.toString().trimmed();
  if (text != editText(*entry)) emit editRequested(entry->path, text);
  return true;
}

}  // namespace gigaplan
