#include "files/FileGuard.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QThread>
#include <cerrno>

#include "files/AtomicFile.h"
#include "files/FileProblem.h"

namespace gigaplan {

std::optional<FileStamp> FileStamp::of(const QString& path, QString* error) {
  const QString target = finalTarget(path, error);
  if (target.isEmpty()) return std::nullopt;
  const int fd = ::open(QFile::encodeName(target).constData(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (error) *error = fileProblem("cannot read", target, errno);
    return std::nullopt;
  }
  auto stamp = ofOpen(fd, target, error);
  ::close(fd);
  return stamp;
}

std::optional<FileStamp> FileStamp::ofOpen(int fd, const QString& target, QString* error) {
  FileStamp stamp;
  struct stat info {};
  QCryptographicHash hash(QCryptographicHash::Sha256);
  int failure = ::fstat(fd, &info) == 0 ? 0 : errno;
  if (failure == 0 && !S_ISREG(info.st_mode)) failure = EISDIR;
  QByteArray block(1 << 20, Qt::Uninitialized);
  // Read at offsets: the descriptor is the caller's, and stays where it was.
  for (off_t at = 0; failure == 0;) {
    const ssize_t got = ::pread(fd, block.data(), static_cast<std::size_t>(block.size()), at);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) failure = errno;
    if (got <= 0) break;
    hash.addData(QByteArrayView(block.constData(), got));
    at += got;
  }
  // Changes to an SQLite file may sit in a write-ahead log beside it: they change the file as
  // SQLite reads it.
  if (QFile wal(target + QStringLiteral("-wal")); failure == 0 && wal.open(QIODevice::ReadOnly)) {
    while (!wal.atEnd()) hash.addData(wal.read(1 << 20));
    stamp.size += wal.size();
  }
  if (failure != 0) {
    if (error) *error = fileProblem("cannot read", target, failure);
    return std::nullopt;
  }
  stamp.device = static_cast<quint64>(info.st_dev);
  stamp.inode = static_cast<quint64>(info.st_ino);
  stamp.size += static_cast<qint64>(info.st_size);
  stamp.modifiedNs = static_cast<qint64>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
  stamp.sha256 = hash.result();
  return stamp;
}

QString FileStamp::changeTo(const FileStamp& now) const {
  if (sameFileAs(now)) return {};
  if (sameContentAs(now)) return {};  // replaced by the same bytes (a copy back, a save of no change)
  if (device != now.device || inode != now.inode) return QStringLiteral("another program replaced it");
  return QStringLiteral("another program changed its content");
}

namespace {
/// The files this process holds locks on, with how many holders each has.
QMutex heldMutex;
QHash<QString, int>& heldLocks() {
  static QHash<QString, int> held;
  return held;
}
}  // namespace

std::optional<FileLock> FileLock::acquire(const QString& path, int timeoutMs, QString* error,
                                          const std::function<void()>& waiting) {
  const QString target = finalTarget(path, error);
  if (target.isEmpty()) return std::nullopt;
  FileLock lock;
  {
    const QMutexLocker locker(&heldMutex);
    if (auto held = heldLocks().find(target); held != heldLocks().end()) {
      ++held.value();
      lock.target_ = target;
      return lock;
    }
  }
  const QByteArray native = QFile::encodeName(target);
  QElapsedTimer timer;
  timer.start();
  bool announced = false;
  for (;;) {
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return lock;  // nothing on disk yet to protect
    if (fd < 0) {
      if (error) *error = fileProblem("cannot open", target, errno);
      return std::nullopt;
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      // A save renames a new file over the old: the lock must be on the file the path names now.
      struct stat locked {};
      struct stat named {};
      if (::fstat(fd, &locked) == 0 && ::stat(native.constData(), &named) == 0 && locked.st_dev == named.st_dev &&
          locked.st_ino == named.st_ino) {
        lock.fd_ = fd;
        lock.target_ = target;
        const QMutexLocker locker(&heldMutex);
        heldLocks().insert(target, 1);
        return lock;
      }
      ::close(fd);
      continue;
    }
    const int why = errno;
    ::close(fd);
    if (why != EWOULDBLOCK && why != EINTR) {
      if (error) *error = fileProblem("cannot lock", target, why);
      return std::nullopt;
    }
    if (timer.elapsed() >= timeoutMs) {
      if (error)
        *error = QStringLiteral("%1: another program has kept it locked for %2 s (it is saving or editing it)")
                     .arg(QDir::toNativeSeparators(target))
                     .arg(timeoutMs / 1000.0, 0, 'f', 0);
      return std::nullopt;
    }
    if (!announced && waiting) waiting();
    announced = true;
    QThread::msleep(20);
  }
}

FileLock::FileLock(FileLock&& other) noexcept : target_(std::move(other.target_)), fd_(other.fd_) {
  other.target_.clear();
  other.fd_ = -1;
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    release();
    target_ = std::move(other.target_);
    fd_ = other.fd_;
    other.target_.clear();
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  release();
}

void FileLock::release() {
  if (target_.isEmpty()) return;
  {
    const QMutexLocker locker(&heldMutex);
    auto held = heldLocks().find(target_);
    if (held != heldLocks().end() && --held.value() == 0) heldLocks().erase(held);
  }
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
  fd_ = -1;
  target_.clear();
}

}  // namespace gigaplan
