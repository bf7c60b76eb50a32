#include "CliSupport.h"

#include <QFileInfo>
#include <cerrno>
#include <csignal>
#include <cstdio>

#include "files/AtomicFile.h"
#include "files/FileProblem.h"
#include "storage/ProjectStore.h"

namespace gigaplan::cli {

std::atomic<bool> cancelRequested{false};
extern "C" void onInterrupt(int) {
  cancelRequested.store(true);
}

void cancelOnSignals() {
  // Ctrl-C, a kill and a closed terminal all end long work the same way: outputs discarded.
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, onInterrupt);
}

QTextStream& out() {
  static QTextStream stream(stdout);
  return stream;
}
QTextStream& err() {
  static QTextStream stream(stderr);
  return stream;
}

int reportErrors(const ScenarioErrors& errors) {
  for (const ScenarioError& error : errors) err() << "error: " << error.text() << "\n";
  err().flush();
  return kExitBadInput;
}

int usageError(const QString& message) {
  err() << "error: " << message << "\n"
        << "Run 'gigaplan-cli --help' for usage.\n";
  err().flush();
  return kExitBadInput;
}

QString outputRefused(const QString& path, const QStringList& inputs) {
  QString problem;
  const QString target = finalTarget(path, &problem);
  if (target.isEmpty()) return problem;
  for (const QString& input : inputs)
    if (!input.isEmpty() && QFileInfo::exists(input) && finalTarget(input, nullptr) == target)
      return QStringLiteral("%1 is the command's own input; nothing written").arg(path);
  if (QFileInfo(target).isFile() && ProjectStore::isProjectFile(target))
    return QStringLiteral("%1 is a Gigaplan project; an output never replaces one, nothing written").arg(path);
  return {};
}

/// Writes to the file atomically (all or nothing), or to stdout when the path is empty or "-".
bool writeOutput(const QString& path, const QByteArray& bytes, const QStringList& inputs) {
  if (path.isEmpty() || path == QLatin1String("-")) {
    out().flush();
    errno = 0;
    const bool written = std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout) ==
                             static_cast<size_t>(bytes.size()) &&
                         std::fflush(stdout) == 0;
    if (!written) err() << "error: cannot write to standard output: " << fileProblemText(errno ? errno : EIO) << "\n";
    return written;
  }
  if (const QString refused = outputRefused(path, inputs); !refused.isEmpty()) {
    err() << "error: -o: " << refused << "\n";
    return false;
  }
  QString error;
  if (!writeFileAtomically(path, bytes, &error)) {
    err() << "error: " << error << "\n";
    return false;
  }
  return true;
}

bool applySettings(Scenario& scenario, const QStringList& settings, ScenarioErrors& errors) {
  const int errorsBefore = errors.size();
  for (const QString& setting : settings) {
    const int equals = setting.indexOf(QLatin1Char('='));
    if (equals <= 0) {
      errors.append({setting, QStringLiteral("--set expects path=value")});
      continue;
    }
    scenario.set(setting.left(equals).trimmed(), setting.mid(equals + 1), errors);
  }
  return errors.size() == errorsBefore;
}

std::optional<ResolvedScenario> loadResolved(const QString& scenarioArgument, const QStringList& settings,
                                             ScenarioErrors& errors) {
  auto scenario = PresetLibrary::loadPresetOrFile(scenarioArgument, errors);
  if (!scenario || !applySettings(*scenario, settings, errors)) return std::nullopt;
  return scenario->resolve(HardwareCatalog::bundled(), errors);
}

QCommandLineOption setOption() {
  return {{QStringLiteral("s"), QStringLiteral("set")},
          QStringLiteral("Override one input (repeatable)."),
          QStringLiteral("path=value")};
}
QCommandLineOption outputOption() {
  return {{QStringLiteral("o"), QStringLiteral("output")},
          QStringLiteral("Write to FILE instead of standard output."),
          QStringLiteral("FILE")};
}
QCommandLineOption formatOption(const QString& defaultFormat) {
  return {{QStringLiteral("f"), QStringLiteral("format")},
          QStringLiteral("json or table (default %1).").arg(defaultFormat),
          QStringLiteral("format"),
          defaultFormat};
}

/// Parses a command's arguments. Returns the exit status when the command is done already
/// (a usage error, or --help printed), nothing when it should run.
std::optional<int> parseSubcommand(QCommandLineParser& parser, const QStringList& arguments, const char* help) {
  parser.addHelpOption();
  parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
  if (!parser.parse(arguments)) return usageError(parser.errorText());
  if (parser.isSet(QStringLiteral("help"))) {
    out() << help;
    return 0;
  }
  return std::nullopt;
}

}  // namespace gigaplan::cli
