// The arithmetic the estimators are written in, for two value types: `double` (one scenario)
// and `Lanes` (kLaneWidth scenarios at once, vectorized by Eigen). Each estimator is a template
// over the value type, so the scalar and the batched paths share one set of formulas.
#pragma once

#include <Eigen/Core>

#include <cmath>

namespace gigaplan {

inline constexpr int kLaneWidth = 32;
using Lanes = Eigen::Array<double, kLaneWidth, 1>;

template <class V>
inline V constant(double value);
template <>
inline double constant<double>(double value) { return value; }
template <>
inline Lanes constant<Lanes>(double value) { return Lanes::Constant(value); }

// Scalar forms.
inline double ceilOf(double x) { return std::ceil(x); }
inline double floorOf(double x) { return std::floor(x); }
inline double sqrtOf(double x) { return std::sqrt(x); }
inline double expOf(double x) { return std::exp(x); }
inline double log2Of(double x) { return std::log2(x); }
inline double logOnePlusOf(double x) { return std::log(1.0 + x); }
inline double maxOf(double a, double b) { return a > b ? a : b; }
inline double minOf(double a, double b) { return a < b ? a : b; }
inline double where(bool condition, double a, double b) { return condition ? a : b; }

// Lane forms. Arguments are taken as `Lanes` so Eigen expressions convert on the way in.
inline Lanes ceilOf(const Lanes& x) { return x.ceil(); }
inline Lanes floorOf(const Lanes& x) { return x.floor(); }
inline Lanes sqrtOf(const Lanes& x) { return x.sqrt(); }
inline Lanes expOf(const Lanes& x) { return x.exp(); }
inline Lanes log2Of(const Lanes& x) { return x.log() * (1.0 / std::log(2.0)); }
inline Lanes logOnePlusOf(const Lanes& x) { return (1.0 + x).log(); }
inline Lanes maxOf(const Lanes& a, const Lanes& b) { return a.max(b); }
inline Lanes maxOf(const Lanes& a, double b) { return a.max(b); }
inline Lanes maxOf(double a, const Lanes& b) { return b.max(a); }
inline Lanes minOf(const Lanes& a, const Lanes& b) { return a.min(b); }
inline Lanes minOf(const Lanes& a, double b) { return a.min(b); }
inline Lanes minOf(double a, const Lanes& b) { return b.min(a); }

template <class Mask>
inline Lanes where(const Eigen::ArrayBase<Mask>& condition, const Lanes& a, const Lanes& b) {
  return condition.select(a, b);
}
template <class Mask>
inline Lanes where(const Eigen::ArrayBase<Mask>& condition, const Lanes& a, double b) {
  return condition.select(a, Lanes::Constant(b));
}
template <class Mask>
inline Lanes where(const Eigen::ArrayBase<Mask>& condition, double a, const Lanes& b) {
  return condition.select(Lanes::Constant(a), b);
}
template <class Mask>
inline Lanes where(const Eigen::ArrayBase<Mask>& condition, double a, double b) {
  return condition.select(Lanes::Constant(a), Lanes::Constant(b));
}

}  // namespace gigaplan
