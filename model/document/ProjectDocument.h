#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QUndoStack>
#include <memory>
#include <optional>

#include "document/LayoutSelection.h"
#include "engine/Scenario.h"
#include "files/FileGuard.h"
#include "plan/ProjectEvaluation.h"

namespace gigaplan {

/// The project a planner has open: its data, file, undo history, selection and latest figures.
///
/// Every edit is a command on the undo stack; after each edit, undo or redo the document
/// re-evaluates the project on a worker thread (the window stays responsive) and announces the
/// figures. Edits made while an evaluation runs are evaluated once it ends, latest state only.
class ProjectDocument : public QObject {
  Q_OBJECT
 public:
  explicit ProjectDocument(QObject* parent = nullptr);
  ~ProjectDocument() override;

  /// Opens a project file. On failure returns false, sets `error` and keeps the current project.
  bool openFile(const QString& path, QString* error);
  /// A new, unsaved project from a preset id or a scenario file, laid out anew.
  bool newFromScenario(const QString& presetOrFile, QString* error);
  /// Writes the project to its file (saveAs for a new project); atomic, never half-written. When
  /// another program changed the file since it was opened or saved here, nothing is written and
  /// `changedOnDisk` is set: the planner chooses reloadFromDisk(), saveAs() or overwriteOnDisk().
  bool save(QString* error, bool* changedOnDisk = nullptr);
  bool saveAs(const QString& path, QString* error, bool* changedOnDisk = nullptr);
  /// Saves over the file even though another program changed it.
  bool overwriteOnDisk(QString* error);
  /// Opens the file again as it is on disk; the edits made here are dropped.
  bool reloadFromDisk(QString* error);

  const Project& project() const { return project_; }
  const QString& filePath() const { return filePath_; }
  /// The file's base name, or the scenario's name for a project never saved.
  QString displayName() const;
  bool isModified() const { return !undo_.isClean() || unsavedNew_; }
  QUndoStack* undoStack() { return &undo_; }

  /// Edits. Each checks first: a refused edit returns false with `error` naming the field or
  /// object and changes nothing.
  bool setInput(const QString& path, const QString& text, QString* error);
  bool resetInput(const QString& path, QString* error);
  /// Sets the project's name and description (ScenarioCommands::setProperties) as one undoable
  /// step; false with `error` naming the field when refused, or with `error` empty when nothing
  /// changes.
  bool setProperties(const QString& name, const QString& description, QString* error);
  /// Pushes a command made by LayoutCommands on layoutForCommands(); null (a refused edit) is
  /// reported as false.
  bool pushLayoutCommand(std::unique_ptr<QUndoCommand> command);
  /// The layout for building LayoutCommands; change it only through pushed commands.
  SiteLayout& layoutForCommands() { return project_.layout; }
  /// Replaces the build-out's phases (checked with PhasePlan::check first) and lays the floor out
  /// anew for them, in one undoable step.
  bool setPhases(std::vector<Phase> phases, QString* error);
  /// Replaces the tenants (checked first, and against the GPUs the plan has) and marks their
  /// racks on the floor anew, in one undoable step.
  bool setTenants(std::vector<Tenant> tenants, QString* error);
  /// Keeps the current scenario and phases as a named variant in the project (undoable). With
  /// `throughPhase` >= 0 the variant copies one phase: the plan up to and including it.
  bool addVariant(const QString& name, QString* error, int throughPhase = -1);
  /// Keeps another plan as a named variant of the project (undoable), such as a design the
  /// optimizer found; false with `error` when its name is empty or too long.
  bool keepVariant(Variant variant, QString* error);
  /// Removes a saved variant (undoable); false when there is no such variant.
  bool removeVariant(int variant);
  bool renameVariant(int variant, const QString& name, QString* error);
  /// Makes a variant the plan being edited, and keeps the plan it replaces as a variant in its
  /// place; the floor is laid out anew for it, all in one undoable step.
  bool switchToVariant(int variant, QString* error);
  /// The figures of a variant: its site after its last phase, or after phase `atPhase` (its
  /// last, when it has fewer).
  std::optional<OutputValues> variantFigures(int variant, QString* error, int atPhase = -1) const;
  /// Lays the floor out anew from the current inputs (one undoable step): hand edits are
  /// replaced (`replacedEdits` counts them), locked halls stay as they are.
  bool regenerateLayout(QString* error, int* replacedEdits = nullptr);

  /// The latest figures; their revision trails revision() while an evaluation is running.
  const ProjectResult& result() const { return result_; }
  std::uint64_t revision() const { return revision_; }
  bool isEvaluating() const { return evaluating_; }
  /// Blocks until the figures match the current revision (for tests and the command line).
  void waitForResult();

  const LayoutSelection& selection() const { return selection_; }
  void setSelection(const LayoutSelection& selection);

 signals:
  /// Another project was opened or created: views rebuild everything.
  void projectReplaced();
  /// The layout changed through an edit, undo or redo.
  void layoutChanged();
  /// An input or catalog choice changed through an edit, undo or redo.
  void scenarioChanged();
  /// An edit laid the floor out anew: `handEdits` edits of the old floor were carried over, but
  /// for those in `notKept`, which no longer apply.
  void floorLaidOutAnew(int handEdits, const QStringList& notKept);
  /// New figures are in result().
  void resultReady();
  void evaluatingChanged(bool evaluating);
  void selectionChanged();
  void modifiedChanged(bool modified);
  void filePathChanged(const QString& path);
  /// Another program changed the open project's file (`change` says how: "another program
  /// replaced it").
  void fileChangedOnDisk(const QString& change);

 private:
  enum class Part { Scenario, Layout, ScenarioAndLayout };
  class DocumentCommand;

  void replaceProject(Project project, const QString& filePath, bool unsavedNew);
  bool write(const QString& path, QString* error, bool checkDisk, bool* changedOnDisk);
  void watchFile();
  void checkFileOnDisk();
  bool push(std::unique_ptr<QUndoCommand> command, Part part, bool replacesLayout);
  /// Pushes an input edit; when the edited scenario lays out another floor, with the new floor.
  bool pushScenarioEdit(std::unique_ptr<QUndoCommand> command, Scenario edited);
  void partChanged(Part part, bool indicesShifted, bool layoutReplaced);
  void scheduleEvaluation();
  void startEvaluation();
  void finishEvaluation(ProjectResult result);

  Project project_;
  QString filePath_;
  std::optional<FileStamp> stamp_;      ///< the file as last read or written here
  std::optional<FileStamp> announced_;  ///< the last change told of (fileChangedOnDisk)
  QFileSystemWatcher watcher_;
  bool unsavedNew_ = false;
  QUndoStack undo_;
  LayoutSelection selection_;
  ProjectResult result_;
  std::uint64_t revision_ = 0;
  std::uint64_t generation_ = 0;  ///< counts the projects opened, to drop figures of an earlier one
  bool evaluating_ = false;
  QThreadPool worker_;
};

}  // namespace gigaplan
