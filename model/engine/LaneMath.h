// The arithmetic the estimators are written in, for two value types: `double` (one scenario)
// and `Lanes` (kLaneWidth scenarios at once). Each estimator is a template over the value type,
// so the scalar and the batched paths share one set of formulas.
//
// With AVX2, Lanes is one 256-bit register of four doubles (GCC vector arithmetic, AVX
// intrinsics for rounding, comparison and blending, Eigen's vectorized exp and log): values stay
// in registers, which is what makes the batched path fast. Without AVX2, Lanes is a plain double
// and the batched path evaluates one scenario at a time.
#pragma once

#include <cmath>

#if defined(__AVX2__)
#include <immintrin.h>

#include <Eigen/Core>
#endif

namespace gigaplan {

// Lane helpers are tiny and called hundreds of times per evaluation: always inline them.
#define GIGAPLAN_LANE_INLINE inline __attribute__((always_inline))

template <class V>
V constant(double value);
template <>
GIGAPLAN_LANE_INLINE double constant<double>(double value) {
  return value;
}

// Scalar forms.
GIGAPLAN_LANE_INLINE double ceilOf(double x) {
  return std::ceil(x);
}
GIGAPLAN_LANE_INLINE double floorOf(double x) {
  return std::floor(x);
}
GIGAPLAN_LANE_INLINE double sqrtOf(double x) {
  return std::sqrt(x);
}
GIGAPLAN_LANE_INLINE double expOf(double x) {
  return std::exp(x);
}
GIGAPLAN_LANE_INLINE double logOf(double x) {
  return std::log(x);
}
GIGAPLAN_LANE_INLINE double maxOf(double a, double b) {
  return a > b ? a : b;
}
GIGAPLAN_LANE_INLINE double minOf(double a, double b) {
  return a < b ? a : b;
}
GIGAPLAN_LANE_INLINE double where(bool condition, double a, double b) {
  return condition ? a : b;
}
GIGAPLAN_LANE_INLINE bool less(double a, double b) {
  return a < b;
}
GIGAPLAN_LANE_INLINE bool lessEqual(double a, double b) {
  return a <= b;
}
GIGAPLAN_LANE_INLINE bool greater(double a, double b) {
  return a > b;
}
GIGAPLAN_LANE_INLINE bool greaterEqual(double a, double b) {
  return a >= b;
}
GIGAPLAN_LANE_INLINE bool equal(double a, double b) {
  return a == b;
}
GIGAPLAN_LANE_INLINE bool both(bool a, bool b) {
  return a && b;
}
GIGAPLAN_LANE_INLINE double log2Of(double x) {
  return std::log2(x);
}
/// True when the condition holds in every lane (for a scalar, when it holds).
GIGAPLAN_LANE_INLINE bool allOf(bool condition) {
  return condition;
}
/// True when the condition holds in some lane (for a scalar, when it holds).
GIGAPLAN_LANE_INLINE bool anyOf(bool condition) {
  return condition;
}

#if defined(__AVX2__)

inline constexpr int kLaneWidth = 4;
// The plain vector type: same register as __m256d without its may_alias attribute, which
// templates (std::array<Lanes, N>) would drop with a warning.
typedef double Lanes __attribute__((vector_size(32)));
/// Per lane all bits set (true) or clear (false), as AVX comparisons give and blends take.
using LaneMask = Lanes;

template <>
GIGAPLAN_LANE_INLINE Lanes constant<Lanes>(double value) {
  return _mm256_set1_pd(value);
}

GIGAPLAN_LANE_INLINE Lanes ceilOf(Lanes x) {
  return _mm256_ceil_pd(x);
}
GIGAPLAN_LANE_INLINE Lanes floorOf(Lanes x) {
  return _mm256_floor_pd(x);
}
GIGAPLAN_LANE_INLINE Lanes sqrtOf(Lanes x) {
  return _mm256_sqrt_pd(x);
}
GIGAPLAN_LANE_INLINE Lanes expOf(Lanes x) {
  return Eigen::internal::pexp(x);
}
GIGAPLAN_LANE_INLINE Lanes logOf(Lanes x) {
  return Eigen::internal::plog(x);
}
GIGAPLAN_LANE_INLINE Lanes log2Of(Lanes x) {
  return Eigen::internal::plog(x) * (1.0 / std::log(2.0));
}
GIGAPLAN_LANE_INLINE Lanes maxOf(Lanes a, Lanes b) {
  return _mm256_max_pd(a, b);
}
GIGAPLAN_LANE_INLINE Lanes maxOf(Lanes a, double b) {
  return _mm256_max_pd(a, _mm256_set1_pd(b));
}
GIGAPLAN_LANE_INLINE Lanes maxOf(double a, Lanes b) {
  return _mm256_max_pd(_mm256_set1_pd(a), b);
}
GIGAPLAN_LANE_INLINE Lanes minOf(Lanes a, Lanes b) {
  return _mm256_min_pd(a, b);
}
GIGAPLAN_LANE_INLINE Lanes minOf(Lanes a, double b) {
  return _mm256_min_pd(a, _mm256_set1_pd(b));
}
GIGAPLAN_LANE_INLINE Lanes minOf(double a, Lanes b) {
  return _mm256_min_pd(_mm256_set1_pd(a), b);
}

GIGAPLAN_LANE_INLINE LaneMask less(Lanes a, Lanes b) {
  return _mm256_cmp_pd(a, b, _CMP_LT_OQ);
}
GIGAPLAN_LANE_INLINE LaneMask lessEqual(Lanes a, Lanes b) {
  return _mm256_cmp_pd(a, b, _CMP_LE_OQ);
}
GIGAPLAN_LANE_INLINE LaneMask greater(Lanes a, Lanes b) {
  return _mm256_cmp_pd(a, b, _CMP_GT_OQ);
}
GIGAPLAN_LANE_INLINE LaneMask greaterEqual(Lanes a, Lanes b) {
  return _mm256_cmp_pd(a, b, _CMP_GE_OQ);
}
GIGAPLAN_LANE_INLINE LaneMask equal(Lanes a, Lanes b) {
  return _mm256_cmp_pd(a, b, _CMP_EQ_OQ);
}
GIGAPLAN_LANE_INLINE LaneMask less(Lanes a, double b) {
  return less(a, _mm256_set1_pd(b));
}
GIGAPLAN_LANE_INLINE LaneMask lessEqual(Lanes a, double b) {
  return lessEqual(a, _mm256_set1_pd(b));
}
GIGAPLAN_LANE_INLINE LaneMask greater(Lanes a, double b) {
  return greater(a, _mm256_set1_pd(b));
}
GIGAPLAN_LANE_INLINE LaneMask greaterEqual(Lanes a, double b) {
  return greaterEqual(a, _mm256_set1_pd(b));
}
GIGAPLAN_LANE_INLINE LaneMask equal(Lanes a, double b) {
  return equal(a, _mm256_set1_pd(b));
}
GIGAPLAN_LANE_INLINE LaneMask both(LaneMask a, LaneMask b) {
  return _mm256_and_pd(a, b);
}
GIGAPLAN_LANE_INLINE bool allOf(LaneMask mask) {
  return _mm256_movemask_pd(mask) == 0xF;
}
GIGAPLAN_LANE_INLINE bool anyOf(LaneMask mask) {
  return _mm256_movemask_pd(mask) != 0;
}

GIGAPLAN_LANE_INLINE Lanes where(LaneMask mask, Lanes a, Lanes b) {
  return _mm256_blendv_pd(b, a, mask);
}
GIGAPLAN_LANE_INLINE Lanes where(LaneMask mask, Lanes a, double b) {
  return where(mask, a, _mm256_set1_pd(b));
}
GIGAPLAN_LANE_INLINE Lanes where(LaneMask mask, double a, Lanes b) {
  return where(mask, _mm256_set1_pd(a), b);
}
GIGAPLAN_LANE_INLINE Lanes where(LaneMask mask, double a, double b) {
  return where(mask, _mm256_set1_pd(a), _mm256_set1_pd(b));
}

#else

inline constexpr int kLaneWidth = 1;
using Lanes = double;

#endif

}  // namespace gigaplan
