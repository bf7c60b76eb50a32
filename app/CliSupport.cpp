#include "CliSupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

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

namespace gigaplan::cli {

QByteArray formatListing(const std::vector<ListingColumn>& columns, const std::vector<QStringList>& rows,
                         const QString& format, const QString& jsonKey, const QJsonObject& jsonExtra) {
  if (format == QLatin1String("json")) {
    QJsonArray objects;
    for (const QStringList& row : rows) {
      QJsonObject object;
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const QString& cell = row[static_cast<qsizetype>(c)];
        object.insert(QString::fromLatin1(columns[c].name), !columns[c].number ? QJsonValue(cell)
                                                            : cell.isEmpty()   ? QJsonValue()
                                                                               : QJsonValue(cell.toDouble()));
      }
      objects.append(object);
    }
    QJsonObject document = jsonExtra;
    document.insert(jsonKey, objects);
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
  }
  QStringList header;
  for (const ListingColumn& c : columns) header << QString::fromLatin1(c.name);
  if (format == QLatin1String("csv")) {
    QStringList lines{header.join(QLatin1Char(','))};
    for (QStringList row : rows) {
      for (QString& cell : row)
        if (cell.contains(QLatin1Char(',')) || cell.contains(QLatin1Char('"')) || cell.contains(QLatin1Char('\n')))
          cell =
              QLatin1Char('"') + QString(cell).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + QLatin1Char('"');
      lines << row.join(QLatin1Char(','));
    }
    return (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
  }
  std::vector<qsizetype> widths;
  for (const ListingColumn& c : columns) widths.push_back(static_cast<qsizetype>(std::strlen(c.name)));
  for (const QStringList& row : rows)
    for (std::size_t c = 0; c < widths.size(); ++c)
      widths[c] = std::max(widths[c], row[static_cast<qsizetype>(c)].size());
  const auto line = [&](const QStringList& cells) {
    QStringList justified;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const QString& cell = cells[static_cast<qsizetype>(c)];
      justified << (columns[c].number ? cell.rightJustified(widths[c]) : cell.leftJustified(widths[c]));
    }
    QString text = justified.join(QStringLiteral("  "));
    while (text.endsWith(QLatin1Char(' '))) text.chop(1);
    return text + QLatin1Char('\n');
  };
  QString text = line(header);
  for (const QStringList& row : rows) text += line(row);
  return text.toUtf8();
}

}  // namespace gigaplan::cli
