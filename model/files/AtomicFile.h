#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <memory>

namespace gigaplan {

/// The descriptor `path` names when it is one of the process's own (/dev/stdout, /dev/stderr,
/// /dev/fd/N, /proc/self/fd/N): written where it stands, as the shell redirected it; else -1.
int ownDescriptor(const QString& path);

/// The file a save replaces: `path` with its symbolic links followed to the end of their chain
/// (relative links from their own folder), so that saving through links updates the file they
/// finally point at and keeps every link. Empty, with `error`, for a loop or a chain of over 40.
QString finalTarget(const QString& path, QString* error);

/// A file written whole or not at all: every output Gigaplan writes (projects, reports, exports,
/// sweeps) goes through one. Bytes go to a temporary file beside the final target; commit()
/// checks every write, syncs the file, gives it the owner, group and mode of the file it replaces,
/// renames it over the target and syncs the folder. On any failure the target is as it was, the
/// temporary file is gone and errorString() names the path and the cause (permission denied, the
/// file system is read-only, the disk is full, the name is too long). A target that is a device
/// or a pipe (/dev/null, /dev/stdout, a FIFO) is written in place, as it cannot be replaced.
class AtomicFile {
 public:
  explicit AtomicFile(const QString& path);
  ~AtomicFile();  ///< an uncommitted temporary file is removed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  /// Checks the target (its folder exists; it is not a folder; it is not read-only) and creates
  /// the temporary file. Temporaries that saves of the same target left when their process died
  /// are removed first.
  bool open();

  /// The temporary file as a device for streamed output (QPdfWriter, CSV rows). A failed write
  /// fails the device and commit().
  QIODevice* device();
  /// Writes and checks; false after the first failure.
  bool write(const QByteArray& bytes);
  /// The temporary file's path, for writers that open files by name (SQLite): write through
  /// either this or device(), not both.
  QString temporaryPath() const;
  /// The file that commit() replaces: the end of the link chain.
  QString targetPath() const { return target_; }
  /// Whether the target is written where it stands (a device, a pipe, a descriptor of the
  /// process) rather than replaced: its size is not the disk's concern.
  bool inPlace() const { return direct_; }

  /// Writes out what is gathered and syncs it, with the owner, group and mode of the file it will
  /// replace: what can fail, short of the rename. Several outputs of one command are prepared
  /// first and committed after, so that a full disk leaves all of them as they were.
  bool prepare();

  bool commit();
  /// Removes the temporary file; the target stays as it was.
  void discard();

  /// "cannot write /x/report.pdf: the disk is full"; empty while nothing failed.
  QString errorString() const { return error_; }

 private:
  class Device;
  bool fail(const char* doing, const QString& path, int errorNumber);

  QString requested_;
  QString target_;
  QByteArray temporary_;  ///< native path of the temporary file while it exists
  int fd_ = -1;
  bool direct_ = false;  ///< the target is a device or a pipe, written in place
  bool prepared_ = false;
  std::unique_ptr<Device> device_;
  QString error_;
};

/// Writes `bytes` to `path` whole or not at all (an AtomicFile); false with `error` naming the
/// path and the cause.
bool writeFileAtomically(const QString& path, const QByteArray& bytes, QString* error);

/// Bytes free for an unprivileged writer in the folder that would hold `path`; -1 when unknown.
qint64 freeBytesFor(const QString& path);

}  // namespace gigaplan
