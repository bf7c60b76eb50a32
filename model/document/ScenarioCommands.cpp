#include "document/ScenarioCommands.h"

#include <algorithm>
#include <optional>

namespace gigaplan::ScenarioCommands {

namespace {

/// QUndoCommand::id() of set commands; merging needs an id, and resets keep -1 so they never merge.
constexpr int kSetCommandId = 0x5e7;

std::unique_ptr<QUndoCommand> refuse(QString* error, const QString& message) {
  if (error) *error = message;
  return nullptr;
}

bool sameSettings(const Scenario& a, const Scenario& b) {
  return a.name == b.name && a.description == b.description && a.systemType == b.systemType &&
         a.switchModel == b.switchModel && a.opticModules == b.opticModules && a.values == b.values;
}

/// One undo step holding the whole scenario before and after the edit: a scenario is a few
/// strings and a small map, and restoring it whole cannot get out of step with Scenario::set.
class ScenarioEdit : public QUndoCommand {
 public:
  ScenarioEdit(Scenario& scenario, Scenario after, const QString& text, const QString& path, int id)
      : QUndoCommand(text), scenario_(scenario), before_(scenario), after_(std::move(after)), path_(path), id_(id) {}

  void redo() override { scenario_ = after_; }
  void undo() override { scenario_ = before_; }
  int id() const override { return id_; }

  /// Takes over a later set of the same path on the same scenario; setting the value back to
  /// where it started leaves nothing to undo, so the step is dropped.
  bool mergeWith(const QUndoCommand* other) override {
    const auto* later = dynamic_cast<const ScenarioEdit*>(other);
    if (!later || &later->scenario_ != &scenario_ || later->path_ != path_) return false;
    after_ = later->after_;
    setText(later->text());
    setObsolete(sameSettings(before_, after_));
    return true;
  }

 private:
  Scenario& scenario_;
  Scenario before_;
  Scenario after_;
  QString path_;
  int id_;
};

/// The command for an edit already applied to `after`, once `after` is known to resolve.
std::unique_ptr<QUndoCommand> checkedEdit(Scenario& scenario, Scenario after, ScenarioErrors& errors,
                                          const QString& text, const QString& path, int id, QString* error) {
  if (!errors.isEmpty()) return refuse(error, errors.first().text());  // the text itself is bad
  after.resolve(HardwareCatalog::bundled(), errors);
  if (!errors.isEmpty()) {
    // A scenario already broken elsewhere (say, a file from an older catalog) is repaired one
    // field at a time: refuse only an edit that is itself at fault.
    ScenarioErrors already;
    const bool brokenBefore = !scenario.resolve(HardwareCatalog::bundled(), already);
    const bool atFault =
        std::any_of(errors.begin(), errors.end(), [&](const ScenarioError& e) { return e.field == path; });
    if (!brokenBefore || atFault) return refuse(error, errors.first().text());
  }
  if (sameSettings(scenario, after)) return refuse(error, QString());
  if (error) error->clear();
  return std::make_unique<ScenarioEdit>(scenario, std::move(after), text, path, id);
}

std::optional<int> opticIndex(const QString& path) {
  for (int r = 0; r < 5; ++r)
    if (path == QStringLiteral("optics.%1.module").arg(HardwareCatalog::reachName(static_cast<ReachClass>(r))))
      return r;
  return std::nullopt;
}

}  // namespace

std::unique_ptr<QUndoCommand> set(Scenario& scenario, const QString& path, const QString& text, QString* error) {
  Scenario after = scenario;
  ScenarioErrors errors;
  after.set(path, text, errors);
  return checkedEdit(scenario, std::move(after), errors, QStringLiteral("Set %1 to %2").arg(path, text.trimmed()), path,
                     kSetCommandId, error);
}

std::unique_ptr<QUndoCommand> reset(Scenario& scenario, const QString& path, QString* error) {
  Scenario after = scenario;
  const Scenario defaults;
  if (path == QLatin1String(Scenario::kSystemTypePath)) {
    after.systemType = defaults.systemType;
  } else if (path == QLatin1String(Scenario::kSwitchPath)) {
    after.switchModel = defaults.switchModel;
  } else if (const auto optic = opticIndex(path)) {
    after.opticModules[static_cast<std::size_t>(*optic)].clear();
  } else if (const auto id = findInput(path)) {
    after.values.remove(*id);
  } else {
    const QString suggestion = closestInputPath(path);
    return refuse(error,
                  path + (suggestion.isEmpty() ? QStringLiteral(": unknown input")
                                               : QStringLiteral(": unknown input (did you mean %1?)").arg(suggestion)));
  }
  ScenarioErrors errors;
  return checkedEdit(scenario, std::move(after), errors, QStringLiteral("Reset %1 to default").arg(path), path, -1,
                     error);
}

ScenarioErrors checkProperties(const QString& name, const QString& description) {
  ScenarioErrors errors;
  const QString trimmedName = name.trimmed();
  const auto isControl = [](QChar c) { return c.category() == QChar::Other_Control; };
  if (trimmedName.isEmpty())
    errors.append({QStringLiteral("name"), QStringLiteral("empty: a project needs a name")});
  else if (trimmedName.size() > kMaxNameChars)
    errors.append({QStringLiteral("name"),
                   QStringLiteral("%1 characters; at most %2").arg(trimmedName.size()).arg(kMaxNameChars)});
  else if (std::any_of(trimmedName.begin(), trimmedName.end(), isControl))
    errors.append({QStringLiteral("name"), QStringLiteral("one line, without tabs or control characters")});
  const QString trimmedDescription = description.trimmed();
  if (trimmedDescription.size() > kMaxDescriptionChars)
    errors.append(
        {QStringLiteral("description"),
         QStringLiteral("%1 characters; at most %2").arg(trimmedDescription.size()).arg(kMaxDescriptionChars)});
  return errors;
}

std::unique_ptr<QUndoCommand> setProperties(Scenario& scenario, const QString& name, const QString& description,
                                            QString* error) {
  if (const ScenarioErrors errors = checkProperties(name, description); !errors.isEmpty())
    return refuse(error, errors.first().text());
  Scenario after = scenario;
  after.name = name.trimmed();
  after.description = description.trimmed();
  if (sameSettings(scenario, after)) return refuse(error, QString());
  if (error) error->clear();
  // Name and description do not take part in resolving, so the edit cannot break the scenario.
  return std::make_unique<ScenarioEdit>(scenario, std::move(after), QStringLiteral("Edit project properties"),
                                        QStringLiteral("name"), -1);
}

}  // namespace gigaplan::ScenarioCommands
