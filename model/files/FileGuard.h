#pragma once

#include <QByteArray>
#include <QString>
#include <functional>
#include <optional>

namespace gigaplan {

/// What a file on disk is, to tell whether another program changed it since it was read: its
/// identity (device, inode), size and modification time, and a SHA-256 of its content (with the
/// SQLite write-ahead log beside it, if any: changes another SQLite program made sit there).
struct FileStamp {
  quint64 device = 0;
  quint64 inode = 0;
  qint64 size = 0;
  qint64 modifiedNs = 0;
  QByteArray sha256;

  /// The stamp of the file `path` ends at (links followed); nothing, with `error`, when it
  /// cannot be read.
  static std::optional<FileStamp> of(const QString& path, QString* error);
  /// The stamp of the file open on `fd` (`target` names it, for its -wal and messages), read
  /// without closing it: closing any descriptor of a file drops every POSIX lock the process
  /// holds on it, SQLite's included.
  static std::optional<FileStamp> ofOpen(int fd, const QString& target, QString* error);

  /// The same file with the same content (a copy back in place or a touch is no change).
  bool sameContentAs(const FileStamp& other) const { return sha256 == other.sha256 && size == other.size; }
  bool sameFileAs(const FileStamp& other) const {
    return device == other.device && inode == other.inode && sameContentAs(other);
  }
  /// How `now` differs from this stamp, in words: "another program replaced it", "its content
  /// changed"; empty when it is the same file.
  QString changeTo(const FileStamp& now) const;
};

/// An advisory lock (flock) on a file, held while a program reads, edits and saves it, so that
/// two writers of one project take turns instead of one silently losing the other's change.
/// Locks are per process: a second lock of a file this process holds is granted at once.
class FileLock {
 public:
  /// Locks the file `path` ends at, waiting up to `timeoutMs` for another program's lock, and
  /// calling `waiting` once when it has to wait. A file that does not exist yet needs no lock
  /// (an empty lock is returned). Nothing, with `error`, on a timeout or a file that cannot be
  /// opened.
  static std::optional<FileLock> acquire(const QString& path, int timeoutMs, QString* error,
                                         const std::function<void()>& waiting = {});
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  FileLock() = default;
  void release();
  QString target_;
  int fd_ = -1;
};

}  // namespace gigaplan
