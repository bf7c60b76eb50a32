#pragma once

#include <sys/mount.h>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

// Real files for the tests of saving: their bytes, and small file systems that fill up or turn
// read-only (tmpfs mounts, made when the tests run as root).

namespace gigaplan::test {

inline QByteArray contentOf(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

inline void put(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
    qFatal("cannot write %s", qPrintable(path));
}

/// Every entry of a folder, hidden ones (temporary files) included.
inline QStringList entriesOf(const QString& folder) {
  return QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

/// A tmpfs of `bytes` on a new folder, unmounted when it goes; mounted() is false unless root.
class SmallDisk {
 public:
  explicit SmallDisk(qint64 bytes) {
    if (::geteuid() != 0) return;
    const QByteArray options = "size=" + QByteArray::number(bytes);
    mounted_ = ::mount("tmpfs", QFile::encodeName(folder_.path()).constData(), "tmpfs", 0, options.constData()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(QFile::encodeName(folder_.path()).constData(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  bool mounted() const { return mounted_; }
  QString path(const QString& name) const { return folder_.filePath(name); }
  QString folder() const { return folder_.path(); }
  QStringList entries() const { return entriesOf(folder_.path()); }
  /// Fills what is left, so that the next write finds no room.
  void fill() const {
    QFile filler(path(QStringLiteral("filler")));
    if (!filler.open(QIODevice::WriteOnly)) qFatal("cannot fill the disk");
    const QByteArray block(4096, 'f');
    while (filler.write(block) == block.size() && filler.flush()) {
    }
  }
  bool remountReadOnly() const {
    return ::mount("tmpfs", QFile::encodeName(folder_.path()).constData(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) ==
           0;
  }

 private:
  QTemporaryDir folder_;
  bool mounted_ = false;
};

}  // namespace gigaplan::test
