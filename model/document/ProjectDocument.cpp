#include "document/ProjectDocument.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMetaObject>
#include <array>

#include "document/LayoutCommands.h"
#include "document/ScenarioCommands.h"
#include "plan/PresetLibrary.h"
#include "storage/ProjectStore.h"

namespace gigaplan {

/// Wraps a model command so that every redo and undo tells the document which part changed,
/// whether it runs from a new edit, the undo stack's undo/redo or a merge.
class ProjectDocument::DocumentCommand : public QUndoCommand {
 public:
  DocumentCommand(ProjectDocument& document, std::unique_ptr<QUndoCommand> inner, Part part, bool replacesLayout)
      : QUndoCommand(inner->text()),
        document_(document),
        inner_(std::move(inner)),
        part_(part),
        replacesLayout_(replacesLayout) {}
  void redo() override {
    run([this] { inner_->redo(); });
  }
  void undo() override {
    run([this] { inner_->undo(); });
  }
  int id() const override { return inner_->id(); }
  bool mergeWith(const QUndoCommand* other) override {
    const auto* wrapped = dynamic_cast<const DocumentCommand*>(other);
    if (!wrapped || wrapped->part_ != part_ || !inner_->mergeWith(wrapped->inner_.get())) return false;
    setText(inner_->text());
    setObsolete(inner_->isObsolete());  // an edit typed back to where it started leaves no step
    return true;
  }

 private:
  template <typename Step>
  void run(Step step) {
    const SiteLayout& layout = document_.project_.layout;
    const auto shape = [&] {
      return std::array<std::size_t, 3>{layout.buildings.size(), layout.halls.size(), layout.rows.size()};
    };
    const auto before = shape();
    step();
    document_.partChanged(part_, shape() != before, replacesLayout_);
  }

  ProjectDocument& document_;
  std::unique_ptr<QUndoCommand> inner_;
  Part part_;
  bool replacesLayout_;
};

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {
  worker_.setMaxThreadCount(1);
  connect(&undo_, &QUndoStack::cleanChanged, this, [this] { emit modifiedChanged(isModified()); });
  connect(&watcher_, &QFileSystemWatcher::fileChanged, this, [this] { checkFileOnDisk(); });
}

ProjectDocument::~ProjectDocument() {
  worker_.waitForDone();
}

QString ProjectDocument::displayName() const {
  if (!filePath_.isEmpty()) return QFileInfo(filePath_).fileName();
  return project_.scenario.name.isEmpty() ? tr("Untitled") : project_.scenario.name;
}

bool ProjectDocument::openFile(const QString& path, QString* error) {
  FileStamp stamp;
  auto project = ProjectStore::open(path, error, &stamp);
  if (!project) return false;
  replaceProject(std::move(*project), QFileInfo(path).absoluteFilePath(), false);
  stamp_ = stamp;
  watchFile();
  return true;
}

void ProjectDocument::watchFile() {
  if (!watcher_.files().isEmpty()) watcher_.removePaths(watcher_.files());
  // A save elsewhere renames a new file over this one, which ends the watch: watch the name again.
  if (!filePath_.isEmpty() && QFileInfo::exists(filePath_)) watcher_.addPath(filePath_);
}

void ProjectDocument::checkFileOnDisk() {
  watchFile();
  if (!stamp_ || filePath_.isEmpty()) return;
  QString error;
  const auto now = FileStamp::of(filePath_, &error);
  const QString change = now ? stamp_->changeTo(*now) : tr("another program removed it");
  if (change.isEmpty()) return;
  // One word per change, however many writes it took.
  if (now && announced_ && announced_->sameFileAs(*now)) return;
  announced_ = now;
  emit fileChangedOnDisk(change);
}

bool ProjectDocument::reloadFromDisk(QString* error) {
  if (filePath_.isEmpty()) {
    if (error) *error = tr("the project has no file yet");
    return false;
  }
  return openFile(filePath_, error);
}

bool ProjectDocument::newFromScenario(const QString& presetOrFile, QString* error) {
  ScenarioErrors errors;
  auto project = PresetLibrary::loadProject(presetOrFile, errors);
  std::optional<SiteLayout> layout;
  if (project) layout = layOutProject(*project, HallTemplate{}, errors);
  if (!layout) {
    if (error) *error = errors.value(0).text();
    return false;
  }
  project->layout = std::move(*layout);
  replaceProject(std::move(*project), QString(), true);
  return true;
}

void ProjectDocument::replaceProject(Project project, const QString& filePath, bool unsavedNew) {
  // Commands on the stack refer to the old project: drop them before it goes.
  undo_.clear();
  project_ = std::move(project);
  ++generation_;
  result_ = {};  // the figures of the project that was open
  stamp_.reset();
  announced_.reset();
  unsavedNew_ = unsavedNew;
  selection_ = {};
  if (filePath_ != filePath) {
    filePath_ = filePath;
    emit filePathChanged(filePath_);
  }
  ++revision_;
  emit projectReplaced();
  emit selectionChanged();
  emit modifiedChanged(isModified());
  scheduleEvaluation();
}

bool ProjectDocument::save(QString* error, bool* changedOnDisk) {
  if (filePath_.isEmpty()) {
    if (error) *error = tr("the project has no file yet: use Save As");
    return false;
  }
  return saveAs(filePath_, error, changedOnDisk);
}

bool ProjectDocument::saveAs(const QString& path, QString* error, bool* changedOnDisk) {
  return write(path, error, true, changedOnDisk);
}

bool ProjectDocument::overwriteOnDisk(QString* error) {
  if (filePath_.isEmpty()) return save(error);
  return write(filePath_, error, false, nullptr);
}

bool ProjectDocument::write(const QString& path, QString* error, bool checkDisk, bool* changedOnDisk) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  // Only the file this project was read from is checked: Save As over another file replaces it.
  ProjectStore::SaveCheck check;
  if (checkDisk && stamp_ && absolute == filePath_) check.expected = &*stamp_;
  if (changedOnDisk) *changedOnDisk = false;
  if (!ProjectStore::save(project_, path, error, &check)) {
    if (changedOnDisk) *changedOnDisk = check.changedOnDisk;
    return false;
  }
  stamp_ = check.written;
  announced_.reset();
  if (filePath_ != absolute) {
    filePath_ = absolute;
    emit filePathChanged(filePath_);
  }
  unsavedNew_ = false;
  undo_.setClean();
  watchFile();
  emit modifiedChanged(isModified());
  return true;
}

bool ProjectDocument::setInput(const QString& path, const QString& text, QString* error) {
  if (const QString refused = inputRefusedByProject(project_, path); !refused.isEmpty()) {
    if (error) *error = refused;
    return false;
  }
  Scenario edited = project_.scenario;
  if (auto probe = ScenarioCommands::set(edited, path, text, error)) {
    probe->redo();
    return pushScenarioEdit(ScenarioCommands::set(project_.scenario, path, text, error), std::move(edited));
  }
  return false;
}

bool ProjectDocument::resetInput(const QString& path, QString* error) {
  Scenario edited = project_.scenario;
  if (auto probe = ScenarioCommands::reset(edited, path, error)) {
    probe->redo();
    return pushScenarioEdit(ScenarioCommands::reset(project_.scenario, path, error), std::move(edited));
  }
  return false;
}

bool ProjectDocument::setProperties(const QString& name, const QString& description, QString* error) {
  return push(ScenarioCommands::setProperties(project_.scenario, name, description, error), Part::Scenario, false);
}

namespace {
/// Swaps a part of the project (its phases, its variants) between two whole states.
template <typename Value>
class ReplaceCommand : public QUndoCommand {
 public:
  ReplaceCommand(Value& value, Value after, const QString& text)
      : QUndoCommand(text), value_(value), before_(value), after_(std::move(after)) {}
  void redo() override { value_ = after_; }
  void undo() override { value_ = before_; }

 private:
  Value& value_;
  Value before_;
  Value after_;
};
/// Runs several commands as one step: redo in order, undo in reverse.
class StepsCommand : public QUndoCommand {
 public:
  explicit StepsCommand(const QString& text) : QUndoCommand(text) {}
  void add(std::unique_ptr<QUndoCommand> step) { steps_.push_back(std::move(step)); }
  void redo() override {
    for (auto& step : steps_) step->redo();
  }
  void undo() override {
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)->undo();
  }

 private:
  std::vector<std::unique_ptr<QUndoCommand>> steps_;
};
}  // namespace

bool ProjectDocument::pushScenarioEdit(std::unique_ptr<QUndoCommand> command, Scenario edited) {
  if (!command) return false;
  // An input that shapes the floor lays it out anew in the same undoable step, so the floor is
  // never out of date.
  auto after = floorForScenarioEdit(project_, edited);
  if (!after) return push(std::move(command), Part::Scenario, false);
  auto step = std::make_unique<StepsCommand>(command->text());
  step->add(std::move(command));
  step->add(LayoutCommands::replaceLayout(project_.layout, std::move(after->layout), QString()));
  const bool pushed = push(std::move(step), Part::ScenarioAndLayout, true);
  if (pushed) emit floorLaidOutAnew(after->handEdits, after->notKept);
  return pushed;
}

bool ProjectDocument::setPhases(std::vector<Phase> phases, QString* error) {
  if (const ScenarioErrors problems = PhasePlan::check(phases); !problems.isEmpty()) {
    if (error) *error = problems.first().text();
    return false;
  }
  if (phases == project_.phases) return false;
  // The floor follows the phases: their systems are laid out anew in the same step, so the 3D
  // view, the plan and the figures always show the same build-out.
  // The planner's hand edits of the floor are carried over where they still apply.
  Project planned = project_;
  planned.phases = phases;
  ScenarioErrors errors;
  auto relaid = relayFloor(project_, planned, errors);
  if (!relaid) {
    if (error) *error = errors.value(0).text();
    return false;
  }
  auto step = std::make_unique<StepsCommand>(tr("Edit phases"));
  step->add(std::make_unique<ReplaceCommand<std::vector<Phase>>>(project_.phases, std::move(phases), QString()));
  step->add(LayoutCommands::replaceLayout(project_.layout, std::move(relaid->layout), QString()));
  const bool pushed = push(std::move(step), Part::Layout, true);
  if (pushed) emit floorLaidOutAnew(relaid->handEdits, relaid->notKept);
  return pushed;
}

bool ProjectDocument::setTenants(std::vector<Tenant> tenants, QString* error) {
  if (const ScenarioErrors problems = TenantPlan::check(tenants); !problems.isEmpty()) {
    if (error) *error = problems.first().text();
    return false;
  }
  if (tenants == project_.tenants) return false;
  // The tenants' racks are marked anew in the same step, so the floor shows who holds what.
  // Marks made by hand follow their tenant: in place when the list keeps its length (an edit
  // of a tenant), else by name.
  SiteLayout layout = project_.layout;
  TenantPlan::carryMarks(project_.tenants, tenants, tenants.size() == project_.tenants.size(), layout);
  Project rented = project_;
  rented.tenants = tenants;
  rented.layout = layout;
  ScenarioErrors errors;
  const auto plan = PhasePlan::evaluate(rented, errors);
  if (plan && !TenantPlan::evaluate(rented, *plan, errors)) {
    if (error) *error = errors.value(0).text();
    return false;
  }
  if (plan) TenantPlan::assignRacks(rented, *plan, layout);
  auto step = std::make_unique<StepsCommand>(tr("Edit tenants"));
  step->add(std::make_unique<ReplaceCommand<std::vector<Tenant>>>(project_.tenants, std::move(tenants), QString()));
  step->add(LayoutCommands::replaceLayout(project_.layout, std::move(layout), QString()));
  return push(std::move(step), Part::ScenarioAndLayout, false);
}

bool ProjectDocument::addVariant(const QString& name, QString* error, int throughPhase) {
  if (name.trimmed().isEmpty() || name.trimmed().size() > 200) {
    if (error)
      *error = name.trimmed().isEmpty() ? tr("variant name: empty") : tr("variant name: at most 200 characters");
    return false;
  }
  if (throughPhase >= static_cast<int>(project_.phases.size())) {
    if (error)
      *error = tr("variant phase: the plan has %n phase(s)", nullptr, static_cast<int>(project_.phases.size()));
    return false;
  }
  Variant variant{name.trimmed(), project_.scenario, project_.phases, project_.tenants};
  if (throughPhase >= 0) variant.phases.resize(static_cast<std::size_t>(throughPhase) + 1);
  std::vector<Variant> after = project_.variants;
  after.push_back(std::move(variant));
  return push(std::make_unique<ReplaceCommand<std::vector<Variant>>>(project_.variants, std::move(after),
                                                                     tr("Keep variant %1").arg(name.trimmed())),
              Part::Scenario, false);
}

bool ProjectDocument::keepVariant(Variant variant, QString* error) {
  variant.name = variant.name.trimmed();
  if (variant.name.isEmpty() || variant.name.size() > 200) {
    if (error) *error = variant.name.isEmpty() ? tr("variant name: empty") : tr("variant name: at most 200 characters");
    return false;
  }
  std::vector<Variant> after = project_.variants;
  const QString name = variant.name;
  after.push_back(std::move(variant));
  return push(std::make_unique<ReplaceCommand<std::vector<Variant>>>(project_.variants, std::move(after),
                                                                     tr("Keep variant %1").arg(name)),
              Part::Scenario, false);
}

bool ProjectDocument::removeVariant(int variant) {
  if (variant < 0 || variant >= static_cast<int>(project_.variants.size())) return false;
  std::vector<Variant> after = project_.variants;
  const QString name = after[static_cast<std::size_t>(variant)].name;
  after.erase(after.begin() + variant);
  return push(std::make_unique<ReplaceCommand<std::vector<Variant>>>(project_.variants, std::move(after),
                                                                     tr("Remove variant %1").arg(name)),
              Part::Scenario, false);
}

bool ProjectDocument::renameVariant(int variant, const QString& name, QString* error) {
  if (variant < 0 || variant >= static_cast<int>(project_.variants.size())) {
    if (error) *error = tr("variant: no variant %1").arg(variant + 1);
    return false;
  }
  if (name.trimmed().isEmpty() || name.trimmed().size() > 200) {
    if (error)
      *error = name.trimmed().isEmpty() ? tr("variant name: empty") : tr("variant name: at most 200 characters");
    return false;
  }
  std::vector<Variant> after = project_.variants;
  if (after[static_cast<std::size_t>(variant)].name == name.trimmed()) return false;
  after[static_cast<std::size_t>(variant)].name = name.trimmed();
  return push(std::make_unique<ReplaceCommand<std::vector<Variant>>>(project_.variants, std::move(after),
                                                                     tr("Rename variant to %1").arg(name.trimmed())),
              Part::Scenario, false);
}

bool ProjectDocument::switchToVariant(int variant, QString* error) {
  if (variant < 0 || variant >= static_cast<int>(project_.variants.size())) {
    if (error) *error = tr("variant: no variant %1").arg(variant + 1);
    return false;
  }
  const Variant& chosen = project_.variants[static_cast<std::size_t>(variant)];
  Project switched = project_;
  switched.scenario = chosen.scenario;
  switched.phases = chosen.phases;
  switched.tenants = chosen.tenants;
  switched.variants[static_cast<std::size_t>(variant)] =
      Variant{tr("plan before %1").arg(chosen.name.left(180)), project_.scenario, project_.phases, project_.tenants};
  ScenarioErrors errors;
  auto layout = layOutProject(switched, project_.layout.hallTemplate, errors);
  if (!layout) {
    if (error) *error = tr("variant %1: %2").arg(chosen.name, errors.value(0).text());
    return false;
  }
  auto step = std::make_unique<StepsCommand>(tr("Switch to variant %1").arg(chosen.name));
  step->add(std::make_unique<ReplaceCommand<Scenario>>(project_.scenario, std::move(switched.scenario), QString()));
  step->add(
      std::make_unique<ReplaceCommand<std::vector<Phase>>>(project_.phases, std::move(switched.phases), QString()));
  step->add(
      std::make_unique<ReplaceCommand<std::vector<Tenant>>>(project_.tenants, std::move(switched.tenants), QString()));
  step->add(std::make_unique<ReplaceCommand<std::vector<Variant>>>(project_.variants, std::move(switched.variants),
                                                                   QString()));
  step->add(LayoutCommands::replaceLayout(project_.layout, std::move(*layout), QString()));
  return push(std::move(step), Part::ScenarioAndLayout, true);
}

std::optional<OutputValues> ProjectDocument::variantFigures(int variant, QString* error, int atPhase) const {
  if (variant < 0 || variant >= static_cast<int>(project_.variants.size())) return std::nullopt;
  ScenarioErrors errors;
  const auto other = variantProject(project_, project_.variants[static_cast<std::size_t>(variant)], errors);
  if (!other) {
    if (error) *error = errors.value(0).text();
    return std::nullopt;
  }
  const ProjectResult result = evaluateProject(*other);
  if (!result.plan) {
    if (error) *error = result.error;
    return std::nullopt;
  }
  // The site after its last phase carries its tenants' figures, as the plan's does.
  if (!result.tenantError.isEmpty() && error)
    *error = tr("variant's %1 (its tenants are left out)").arg(result.tenantError);
  const std::vector<PhaseResult>& phases = result.plan->phases;
  const std::size_t last = phases.size() - 1;
  return phases[atPhase < 0 ? last : std::min(last, static_cast<std::size_t>(atPhase))].site;
}

bool ProjectDocument::pushLayoutCommand(std::unique_ptr<QUndoCommand> command) {
  return push(std::move(command), Part::Layout, false);
}

bool ProjectDocument::regenerateLayout(QString* error, int* replacedEdits) {
  ScenarioErrors errors;
  auto relaid = regeneratedFloor(project_, errors);
  if (!relaid) {
    if (error) *error = errors.value(0).text();
    return false;
  }
  if (replacedEdits) *replacedEdits = relaid->handEdits;
  return push(LayoutCommands::replaceLayout(project_.layout, std::move(relaid->layout), tr("Regenerate layout")),
              Part::Layout, true);
}

bool ProjectDocument::push(std::unique_ptr<QUndoCommand> command, Part part, bool replacesLayout) {
  if (!command) return false;
  // QUndoStack::push runs redo(), which reports the change through partChanged.
  undo_.push(new DocumentCommand(*this, std::move(command), part, replacesLayout));
  return true;
}

void ProjectDocument::partChanged(Part part, bool indicesShifted, bool layoutReplaced) {
  ++revision_;
  if (part != Part::Scenario) {
    // The selection is settled before anyone hears of the change, so no view ever meets one
    // that names a removed object. Buildings, halls and rows are selected by index: when any
    // come or go, an index may name another object now. A replaced floor starts rack ids over.
    const bool byIndex = selection_.level != LayoutSelection::Level::Racks;
    const bool dropped = !selection_.isEmpty() &&
                         (layoutReplaced || (indicesShifted && byIndex) || !selection_.isValidFor(project_.layout));
    if (dropped) selection_ = {};
    emit layoutChanged();
    if (dropped) emit selectionChanged();
  }
  if (part != Part::Layout) emit scenarioChanged();
  scheduleEvaluation();
}

void ProjectDocument::setSelection(const LayoutSelection& selection) {
  if (selection == selection_) return;
  selection_ = selection;
  emit selectionChanged();
}

void ProjectDocument::scheduleEvaluation() {
  if (!evaluating_) startEvaluation();
  // Otherwise finishEvaluation sees the newer revision and starts again.
}

void ProjectDocument::startEvaluation() {
  evaluating_ = true;
  emit evaluatingChanged(true);
  // The worker gets its own copy: edits go on while it runs.
  worker_.start([this, project = project_, revision = revision_, generation = generation_] {
    ProjectResult result = evaluateProject(project);
    result.revision = revision;
    result.generation = generation;
    QMetaObject::invokeMethod(
        this, [this, result = std::move(result)]() mutable { finishEvaluation(std::move(result)); },
        Qt::QueuedConnection);
  });
}

void ProjectDocument::finishEvaluation(ProjectResult result) {
  if (result.generation != generation_) {
    startEvaluation();  // figures of a project no longer open: never shown
    return;
  }
  result_ = std::move(result);
  if (result_.revision != revision_) {
    startEvaluation();  // edits arrived meanwhile: show these figures, then catch up
  } else {
    evaluating_ = false;
    emit evaluatingChanged(false);
  }
  emit resultReady();
}

void ProjectDocument::waitForResult() {
  while (evaluating_ || result_.revision != revision_) {
    worker_.waitForDone();
    QCoreApplication::sendPostedEvents(this);
  }
}

}  // namespace gigaplan
