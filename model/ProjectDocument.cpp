#include "ProjectDocument.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMetaObject>

#include "LayoutCommands.h"
#include "PresetLibrary.h"
#include "ProjectStore.h"
#include "ScenarioCommands.h"

namespace gigaplan {

/// Wraps a model command so that every redo and undo tells the document which part changed,
/// whether it runs from a new edit, the undo stack's undo/redo or a merge.
class ProjectDocument::DocumentCommand : public QUndoCommand {
 public:
  DocumentCommand(ProjectDocument& document, std::unique_ptr<QUndoCommand> inner, Part part)
      : QUndoCommand(inner->text()), document_(document), inner_(std::move(inner)), part_(part) {}
  void redo() override {
    inner_->redo();
    document_.partChanged(part_);
  }
  void undo() override {
    inner_->undo();
    document_.partChanged(part_);
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
  ProjectDocument& document_;
  std::unique_ptr<QUndoCommand> inner_;
  Part part_;
};

ProjectDocument::ProjectDocument(QObject* parent) : QObject(parent) {
  worker_.setMaxThreadCount(1);
  connect(&undo_, &QUndoStack::cleanChanged, this, [this] { emit modifiedChanged(isModified()); });
}

ProjectDocument::~ProjectDocument() {
  worker_.waitForDone();
}

QString ProjectDocument::displayName() const {
  if (!filePath_.isEmpty()) return QFileInfo(filePath_).fileName();
  return project_.scenario.name.isEmpty() ? tr("Untitled") : project_.scenario.name;
}

bool ProjectDocument::openFile(const QString& path, QString* error) {
  auto project = ProjectStore::open(path, error);
  if (!project) return false;
  replaceProject(std::move(*project), QFileInfo(path).absoluteFilePath(), false);
  return true;
}

bool ProjectDocument::newFromScenario(const QString& presetOrFile, QString* error) {
  ScenarioErrors errors;
  Project project;
  auto scenario = PresetLibrary::loadPresetOrFile(presetOrFile, errors);
  std::optional<SiteLayout> layout;
  if (scenario) layout = layOut(*scenario, HallTemplate{}, errors);
  if (!layout) {
    if (error) *error = errors.value(0).text();
    return false;
  }
  project.scenario = std::move(*scenario);
  project.layout = std::move(*layout);
  replaceProject(std::move(project), QString(), true);
  return true;
}

void ProjectDocument::replaceProject(Project project, const QString& filePath, bool unsavedNew) {
  // Commands on the stack refer to the old project: drop them before it goes.
  undo_.clear();
  project_ = std::move(project);
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

bool ProjectDocument::save(QString* error) {
  if (filePath_.isEmpty()) {
    if (error) *error = tr("the project has no file yet: use Save As");
    return false;
  }
  return saveAs(filePath_, error);
}

bool ProjectDocument::saveAs(const QString& path, QString* error) {
  if (!ProjectStore::save(project_, path, error)) return false;
  const QString absolute = QFileInfo(path).absoluteFilePath();
  if (filePath_ != absolute) {
    filePath_ = absolute;
    emit filePathChanged(filePath_);
  }
  unsavedNew_ = false;
  undo_.setClean();
  emit modifiedChanged(isModified());
  return true;
}

bool ProjectDocument::setInput(const QString& path, const QString& text, QString* error) {
  return push(ScenarioCommands::set(project_.scenario, path, text, error), Part::Scenario);
}

bool ProjectDocument::resetInput(const QString& path, QString* error) {
  return push(ScenarioCommands::reset(project_.scenario, path, error), Part::Scenario);
}

bool ProjectDocument::pushLayoutCommand(std::unique_ptr<QUndoCommand> command) {
  return push(std::move(command), Part::Layout);
}

bool ProjectDocument::regenerateLayout(QString* error) {
  ScenarioErrors errors;
  auto layout = layOut(project_.scenario, project_.layout.hallTemplate, errors);
  if (!layout) {
    if (error) *error = errors.value(0).text();
    return false;
  }
  return push(LayoutCommands::replaceLayout(project_.layout, std::move(*layout), tr("Regenerate layout")),
              Part::Layout);
}

bool ProjectDocument::push(std::unique_ptr<QUndoCommand> command, Part part) {
  if (!command) return false;
  // QUndoStack::push runs redo(), which reports the change through partChanged.
  undo_.push(new DocumentCommand(*this, std::move(command), part));
  return true;
}

void ProjectDocument::partChanged(Part part) {
  ++revision_;
  if (part == Part::Layout) {
    // Indices shift when halls, rows or racks come and go; a stale selection is dropped.
    const bool valid = [&] {
      const auto within = [](int i, std::size_t n) { return i >= 0 && static_cast<std::size_t>(i) < n; };
      switch (selection_.level) {
        case LayoutSelection::Level::None:
          return true;
        case LayoutSelection::Level::Building:
          return within(selection_.index, project_.layout.buildings.size());
        case LayoutSelection::Level::Hall:
          return within(selection_.index, project_.layout.halls.size());
        case LayoutSelection::Level::Row:
          return within(selection_.index, project_.layout.rows.size());
        case LayoutSelection::Level::Racks:
          for (std::uint32_t id : selection_.rackIds)
            if (LayoutCommands::rackIndex(project_.layout, id) < 0) return false;
          return true;
      }
      return false;
    }();
    emit layoutChanged();
    if (!valid) setSelection({});
  } else {
    emit scenarioChanged();
  }
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
  worker_.start([this, project = project_, revision = revision_] {
    ProjectResult result = evaluateProject(project);
    result.revision = revision;
    QMetaObject::invokeMethod(
        this, [this, result = std::move(result)]() mutable { finishEvaluation(std::move(result)); },
        Qt::QueuedConnection);
  });
}

void ProjectDocument::finishEvaluation(ProjectResult result) {
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
