#pragma once

#include <QString>

namespace gigaplan {

/// A system error in the words a planner knows, with no trace of the system call behind it:
/// "permission denied", "the file system is read-only", "the disk is full", "the name is too
/// long", ...
QString fileProblemText(int errorNumber);

/// "<doing> <path>: <cause>", the cause from `errorNumber`: "cannot write /x/report.pdf: the disk
/// is full".
QString fileProblem(const char* doing, const QString& path, int errorNumber);

}  // namespace gigaplan
