// What every gigaplan-cli subcommand shares: output streams, exit codes, error reporting,
// common options and argument parsing.
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>
#include <atomic>
#include <optional>
#include <vector>

#include "engine/Scenario.h"
#include "plan/PresetLibrary.h"

namespace gigaplan::cli {

constexpr int kExitMissed = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitCancelled = 130;

/// Set by Ctrl-C (SIGINT) once onInterrupt is installed; long commands poll it.
extern std::atomic<bool> cancelRequested;
extern "C" void onInterrupt(int);
/// Long work (sweeps, reports, what-if) ends on Ctrl-C, SIGTERM or SIGHUP through cancelRequested,
/// so that its outputs are discarded rather than left half-written.
void cancelOnSignals();

QTextStream& out();
QTextStream& err();

/// Prints every error as "error: field: problem" and returns kExitBadInput.
int reportErrors(const ScenarioErrors& errors);
int usageError(const QString& message);
/// Writes to the file atomically (all or nothing), or to stdout when the path is empty or "-".
/// Never over a project or one of the command's `inputs` (outputRefused).
bool writeOutput(const QString& path, const QByteArray& bytes, const QStringList& inputs = {});
/// Why an output may not go to `path`, or empty: it is a Gigaplan project (an output never
/// replaces one), or one of the command's `inputs`.
QString outputRefused(const QString& path, const QStringList& inputs = {});

/// Applies --set path=value settings; false (with errors) when one is bad.
bool applySettings(Scenario& scenario, const QStringList& settings, ScenarioErrors& errors);
/// Loads SCENARIO (preset or file), applies --set, resolves and checks it.
std::optional<ResolvedScenario> loadResolved(const QString& scenarioArgument, const QStringList& settings,
                                             ScenarioErrors& errors);

QCommandLineOption setOption();
QCommandLineOption outputOption();
QCommandLineOption formatOption(const QString& defaultFormat);

/// A column of a listing: its name (a JSON key and a CSV header) and whether it holds numbers.
struct ListingColumn {
  const char* name;
  bool number;
};
/// Rows of cells as an aligned table, CSV (quoted where a cell needs it) or a JSON object with
/// the rows as objects under `jsonKey` (numbers as numbers, empty cells as null) and `jsonExtra`'s
/// members beside them.
QByteArray formatListing(const std::vector<ListingColumn>& columns, const std::vector<QStringList>& rows,
                         const QString& format, const QString& jsonKey, const QJsonObject& jsonExtra = {});

/// Parses a subcommand's arguments. Returns the exit status when it is done already
/// (a usage error, or --help printed), nothing when it should run.
std::optional<int> parseSubcommand(QCommandLineParser& parser, const QStringList& arguments, const char* help);

}  // namespace gigaplan::cli
