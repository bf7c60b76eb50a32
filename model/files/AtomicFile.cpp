#include "files/AtomicFile.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <atomic>
#include <cerrno>
#include <climits>
#include <limits>

#include "files/FileProblem.h"

namespace gigaplan {

namespace {

constexpr char kTemporaryInfix[] = ".saving-";
constexpr int kMaxLinkHops = 40;  // as the kernel's own limit for path lookups

/// The temporary name's prefix for a target: `.<name>.saving-`, with the name cut so that the
/// whole temporary name (and its pid and count) stays within the file system's name limit.
QString temporaryPrefix(const QString& fileName) {
  constexpr qsizetype kRoomForInfixAndNumbers = 1 + sizeof kTemporaryInfix + 24;
  QString name = fileName;
  while (QFile::encodeName(name).size() > NAME_MAX - kRoomForInfixAndNumbers) name.chop(1);
  return QLatin1Char('.') + name + QLatin1String(kTemporaryInfix);
}

/// Temporary files of saves whose process died (a crash, a kill, a power cut) are never renamed;
/// the next save of the same target removes them. Names are `<prefix><pid>-<n>`; a living
/// process's files stay.
void removeAbandonedTemporaryFiles(const QDir& folder, const QString& prefix) {
  const QStringList entries =
      folder.entryList({prefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
  for (const QString& entry : entries) {
    bool isNumber = false;
    const qint64 pid = entry.mid(prefix.size()).section(QLatin1Char('-'), 0, 0).toLongLong(&isNumber);
    if (!isNumber || pid <= 0 || pid == ::getpid() || pid > std::numeric_limits<pid_t>::max()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
    ::unlink(QFile::encodeName(folder.filePath(entry)).constData());
  }
}

/// Writes all of `size` bytes at `offset`, or where the descriptor stands (a pipe, a device) when
/// `offset` is negative; the errno of the first failure, or 0.
int writeAll(int fd, const char* data, qint64 size, qint64 offset) {
  while (size > 0) {
    const auto count = static_cast<std::size_t>(size);
    const ssize_t written = offset < 0 ? ::write(fd, data, count) : ::pwrite(fd, data, count, offset);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return errno;
    if (written == 0) return ENOSPC;
    data += written;
    size -= written;
    if (offset >= 0) offset += written;
  }
  return 0;
}

}  // namespace

int ownDescriptor(const QString& path) {
  if (path == QLatin1String("/dev/stdout")) return STDOUT_FILENO;
  if (path == QLatin1String("/dev/stderr")) return STDERR_FILENO;
  for (const QLatin1String prefix : {QLatin1String("/dev/fd/"), QLatin1String("/proc/self/fd/")}) {
    if (!path.startsWith(prefix)) continue;
    bool ok = false;
    const int fd = path.mid(prefix.size()).toInt(&ok);
    return ok && fd >= 0 ? fd : -1;
  }
  return -1;
}

QString finalTarget(const QString& path, QString* error) {
  QString current = QFileInfo(path).absoluteFilePath();
  for (int hop = 0; hop < kMaxLinkHops; ++hop) {
    // The process's own descriptors are written where they stand (a shell's redirection).
    if (ownDescriptor(current) >= 0) return current;
    const QFileInfo info(current);
    if (!info.isSymLink()) return current;
    const QByteArray native = QFile::encodeName(current);
    QByteArray target(PATH_MAX, '\0');
    const ssize_t length = ::readlink(native.constData(), target.data(), static_cast<std::size_t>(target.size()));
    if (length < 0) {
      if (error) *error = fileProblem("cannot follow the link", current, errno);
      return {};
    }
    target.truncate(length);
    const QString text = QFile::decodeName(target);
    // As the kernel resolves it: a relative target from the link's own folder, and the target's
    // folder with its links and ".." resolved (not collapsed as text).
    const QString joined = QDir::isAbsolutePath(text) ? text : info.absolutePath() + QLatin1Char('/') + text;
    const qsizetype slash = joined.lastIndexOf(QLatin1Char('/'));
    const QString name = joined.mid(slash + 1);
    char resolved[PATH_MAX];
    const QByteArray folder = QFile::encodeName(slash > 0 ? joined.left(slash) : QStringLiteral("/"));
    const QString next = ::realpath(folder.constData(), resolved)
                             ? QFile::decodeName(resolved) + QLatin1Char('/') + name
                             : QDir::cleanPath(joined);
    current = name == QLatin1String("..") || name == QLatin1String(".") ? QDir::cleanPath(next) : next;
  }
  if (error) *error = fileProblem("cannot follow the links of", path, ELOOP);
  return {};
}

/// The temporary file as a device: writes are gathered into large blocks and written at their
/// offset, so that a writer may also seek back (a PDF's cross references); the first failure's
/// errno is kept.
class AtomicFile::Device : public QIODevice {
 public:
  Device(int fd, bool sequential) : fd_(fd), sequential_(sequential) {}
  int failure() const { return failure_; }
  /// Writes what is gathered; false after any failure.
  bool drain() {
    if (failure_ == 0 && !pending_.isEmpty())
      failure_ = writeAll(fd_, pending_.constData(), pending_.size(), sequential_ ? -1 : start_);
    start_ += pending_.size();
    pending_.clear();
    return failure_ == 0;
  }
  bool isSequential() const override { return sequential_; }
  qint64 size() const override { return std::max(end_, start_ + pending_.size()); }

 protected:
  qint64 readData(char*, qint64) override { return -1; }
  qint64 writeData(const char* data, qint64 size) override {
    if (failure_ != 0) return -1;
    const qint64 at = sequential_ ? start_ + pending_.size() : pos();
    if (at != start_ + pending_.size()) {
      if (!drain()) return -1;
      start_ = at;
    }
    end_ = std::max(end_, at + size);
    // A block as large as those gathered goes out as it is, without a copy.
    if (pending_.isEmpty() && size >= kBlockBytes) {
      failure_ = writeAll(fd_, data, size, sequential_ ? -1 : start_);
      start_ += size;
      return failure_ == 0 ? size : -1;
    }
    pending_.append(data, size);
    if (pending_.size() >= kBlockBytes && !drain()) return -1;
    return size;
  }

 private:
  static constexpr qsizetype kBlockBytes = 1 << 20;
  int fd_;
  bool sequential_;  ///< a pipe or a device: written in order, no seeking
  int failure_ = 0;
  QByteArray pending_;
  qint64 start_ = 0;  ///< where pending_ goes in the file
  qint64 end_ = 0;
};

AtomicFile::AtomicFile(const QString& path) : requested_(path) {}

AtomicFile::~AtomicFile() {
  discard();
}

bool AtomicFile::fail(const char* doing, const QString& path, int errorNumber) {
  if (error_.isEmpty()) error_ = fileProblem(doing, path, errorNumber);
  discard();
  return false;
}

bool AtomicFile::open() {
  if (requested_.isEmpty()) {
    error_ = QStringLiteral("no file name given");
    return false;
  }
  target_ = finalTarget(requested_, &error_);
  if (target_.isEmpty()) return false;
  if (const int own = ownDescriptor(target_); own >= 0) {
    direct_ = true;
    fd_ = ::fcntl(own, F_DUPFD_CLOEXEC, 3);
    if (fd_ < 0) return fail("cannot write", target_, errno);
    return true;
  }
  const QFileInfo target(target_);
  const QByteArray nativeTarget = QFile::encodeName(target_);
  struct stat existing {};
  if (::stat(nativeTarget.constData(), &existing) == 0) {
    if (S_ISDIR(existing.st_mode)) return fail("cannot write", target_, EISDIR);
    // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written as it is: it cannot be
    // replaced, and a reader may be waiting on it.
    if (!S_ISREG(existing.st_mode)) {
      direct_ = true;
      fd_ = ::open(nativeTarget.constData(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0) return fail("cannot write", target_, errno);
      return true;
    }
    // Root may write anything; a file with no write permission for anyone is meant to stay.
    if ((existing.st_mode & 0222) == 0) {
      error_ = QStringLiteral("cannot write %1: the file is read-only (mode %2); make it writable to replace it")
                   .arg(QDir::toNativeSeparators(target_))
                   .arg(existing.st_mode & 07777, 4, 8, QLatin1Char('0'));
      return false;
    }
    if (::access(nativeTarget.constData(), W_OK) != 0) return fail("cannot write", target_, errno);
    // A save replaces the file: its other names (hard links) would keep the old content.
    if (existing.st_nlink > 1) {
      error_ = QStringLiteral(
                   "cannot replace %1: it has %2 names (hard links), and the others would keep the old "
                   "content; save under another name")
                   .arg(QDir::toNativeSeparators(target_))
                   .arg(existing.st_nlink);
      return false;
    }
  } else if (errno != ENOENT) {
    return fail("cannot write", target_, errno);
  }
  const QDir folder = target.absoluteDir();
  const QString folderName = QDir::toNativeSeparators(folder.absolutePath());
  struct stat folderInfo {};
  if (::stat(QFile::encodeName(folder.absolutePath()).constData(), &folderInfo) != 0) {
    const int why = errno;
    error_ = why == ENOENT ? QStringLiteral("cannot write %1: the folder %2 does not exist")
                                 .arg(QDir::toNativeSeparators(target_), folderName)
                           : QStringLiteral("cannot write %1: %2 (the folder %3)")
                                 .arg(QDir::toNativeSeparators(target_), fileProblemText(why), folderName);
    return false;
  }
  if (!S_ISDIR(folderInfo.st_mode)) return fail("cannot write", target_, ENOTDIR);

  const QString prefix = temporaryPrefix(target.fileName());
  removeAbandonedTemporaryFiles(folder, prefix);
  static std::atomic<int> count{0};
  temporary_ = QFile::encodeName(folder.filePath(prefix + QStringLiteral("%1-%2").arg(::getpid()).arg(count++)));
  fd_ = ::open(temporary_.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd_ < 0) {
    const int why = errno;
    temporary_.clear();
    error_ = QStringLiteral("cannot write %1: %2 (creating a new file in %3)")
                 .arg(QDir::toNativeSeparators(target_), fileProblemText(why), folderName);
    return false;
  }
  return true;
}

QIODevice* AtomicFile::device() {
  if (fd_ < 0) return nullptr;
  if (!device_) {
    device_ = std::make_unique<Device>(fd_, direct_);
    device_->open(QIODevice::WriteOnly | QIODevice::Unbuffered);
  }
  return device_.get();
}

bool AtomicFile::write(const QByteArray& bytes) {
  QIODevice* out = device();
  if (out && out->write(bytes) == bytes.size()) return true;
  if (error_.isEmpty())
    error_ = fileProblem("cannot write", target_.isEmpty() ? requested_ : target_,
                         device_ && device_->failure() != 0 ? device_->failure() : EIO);
  return false;
}

QString AtomicFile::temporaryPath() const {
  return QFile::decodeName(temporary_);
}

bool AtomicFile::prepare() {
  if (fd_ < 0) {
    if (error_.isEmpty()) error_ = QStringLiteral("cannot write %1: the file was not opened").arg(requested_);
    return false;
  }
  if (prepared_) return true;
  if (device_ && !device_->drain()) return fail("cannot write", target_, device_->failure());
  if (!direct_) {
    if (::fsync(fd_) != 0) return fail("cannot write", target_, errno);
    struct stat previous {};
    if (::stat(QFile::encodeName(target_).constData(), &previous) == 0) {
      // The saved file is the same file to everyone else: its owner, group and permissions stay.
      struct stat written {};
      if (::fstat(fd_, &written) != 0) return fail("cannot write", target_, errno);
      if ((written.st_uid != previous.st_uid || written.st_gid != previous.st_gid) &&
          ::fchown(fd_, previous.st_uid, previous.st_gid) != 0)
        return fail("cannot keep the owner and group of", target_, errno);
      if (::fchmod(fd_, previous.st_mode & 07777) != 0) return fail("cannot keep the permissions of", target_, errno);
    }
  }
  prepared_ = true;
  return true;
}

bool AtomicFile::commit() {
  if (!prepare()) return false;
  const int fd = fd_;
  fd_ = -1;
  device_.reset();
  if (::close(fd) != 0) return fail("cannot write", target_, errno);
  if (direct_) return true;
  const QByteArray nativeTarget = QFile::encodeName(target_);
  if (::rename(temporary_.constData(), nativeTarget.constData()) != 0) return fail("cannot replace", target_, errno);
  temporary_.clear();
  const QByteArray folder = QFile::encodeName(QFileInfo(target_).absolutePath());
  const int directory = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  // Some file systems cannot flush a folder (EINVAL); there the rename is as durable as they make it.
  if (directory >= 0) {
    if (::fsync(directory) != 0 && errno != EINVAL)
      error_ = fileProblem("saved, but cannot flush the folder of", target_, errno);
    ::close(directory);
  }
  return error_.isEmpty();
}

void AtomicFile::discard() {
  if (device_) device_->close();
  device_.reset();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temporary_.isEmpty()) ::unlink(temporary_.constData());
  temporary_.clear();
}

bool writeFileAtomically(const QString& path, const QByteArray& bytes, QString* error) {
  AtomicFile file(path);
  if (file.open() && file.write(bytes) && file.commit()) return true;
  if (error) *error = file.errorString();
  return false;
}

qint64 freeBytesFor(const QString& path) {
  QString error;
  const QString target = finalTarget(path, &error);
  if (target.isEmpty()) return -1;
  struct statvfs info {};
  if (::statvfs(QFile::encodeName(QFileInfo(target).absolutePath()).constData(), &info) != 0) return -1;
  return static_cast<qint64>(info.f_bavail) * static_cast<qint64>(info.f_frsize);
}

}  // namespace gigaplan
