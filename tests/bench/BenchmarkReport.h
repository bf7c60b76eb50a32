// What the benchmark programs share: timing and how a target is reported.
#pragma once

#include <QElapsedTimer>

namespace gigaplan::bench {

inline double secondsSince(const QElapsedTimer& timer) {
  return static_cast<double>(timer.nsecsElapsed()) * 1e-9;
}
inline double millisecondsSince(const QElapsedTimer& timer) {
  return secondsSince(timer) * 1e3;
}
inline const char* verdict(bool met) {
  return met ? "met" : "MISSED";
}

}  // namespace gigaplan::bench
