#include "files/FileProblem.h"

#include <QDir>
#include <cerrno>
#include <cstring>

namespace gigaplan {

QString fileProblemText(int errorNumber) {
  switch (errorNumber) {
    case EACCES:
    case EPERM:
      return QStringLiteral("permission denied");
    case EROFS:
      return QStringLiteral("the file system is read-only");
    case ENOSPC:
      return QStringLiteral("the disk is full");
    case EDQUOT:
      return QStringLiteral("the disk quota is used up");
    case EFBIG:
      return QStringLiteral("the file would be larger than the file system allows");
    case ENAMETOOLONG:
      return QStringLiteral("the name is too long");
    case ENOENT:
      return QStringLiteral("no such file or folder");
    case ENOTDIR:
      return QStringLiteral("a part of the path is not a folder");
    case EISDIR:
      return QStringLiteral("it is a folder");
    case ELOOP:
      return QStringLiteral("too many symbolic links (a loop?)");
    case EIO:
      return QStringLiteral("the disk reported an input/output error");
    case EXDEV:
      return QStringLiteral("the temporary file and the target are on different file systems");
    case EBUSY:
      return QStringLiteral("the file is busy (in use as a mount point?)");
    case ETXTBSY:
      return QStringLiteral("the file is busy");
    case ENOMEM:
      return QStringLiteral("not enough memory");
    default:
      return QString::fromLocal8Bit(std::strerror(errorNumber));
  }
}

QString fileProblem(const char* doing, const QString& path, int errorNumber) {
  return QStringLiteral("%1 %2: %3")
      .arg(QString::fromLatin1(doing), QDir::toNativeSeparators(path), fileProblemText(errorNumber));
}

}  // namespace gigaplan
