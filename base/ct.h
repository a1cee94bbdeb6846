#ifndef JPKICORE_BASE_CT_H_
#define JPKICORE_BASE_CT_H_

// Constant-time vocabulary. Every helper here is branch-free and index-free on its arguments; compilers are kept from
// turning masks back into branches by ValueBarrier. CT_POISON/CT_UNPOISON mark secret memory for valgrind memcheck in
// the `ct` build (bazel test --config=ct), where a branch or a memory index that depends on poisoned bytes is
// reported as a use of undefined memory; in other builds they compile to nothing.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#if defined(JPKICORE_CT_VALGRIND)
#include <valgrind/memcheck.h>
#define CT_POISON(ptr, len) VALGRIND_MAKE_MEM_UNDEFINED((ptr), (len))
#define CT_UNPOISON(ptr, len) VALGRIND_MAKE_MEM_DEFINED((ptr), (len))
#else
#define CT_POISON(ptr, len) ((void)(ptr), (void)(len))
#define CT_UNPOISON(ptr, len) ((void)(ptr), (void)(len))
#endif

namespace jpki::ct {

// ValueBarrier hides `v` from the optimiser so that mask arithmetic on it is not rewritten into a branch.
template <typename T>
inline T ValueBarrier(T v) {
  static_assert(std::is_unsigned_v<T>);
#if defined(__GNUC__) || defined(__clang__)
  __asm__("" : "+r"(v));
#endif
  return v;
}

// Mask: all ones when the condition holds, all zeros otherwise.
template <typename T>
inline T MaskFromBit(T bit) {  // bit must be 0 or 1
  return static_cast<T>(static_cast<T>(0) - ValueBarrier(bit));
}

template <typename T>
inline T IsZero(T x) {  // all ones iff x == 0
  static_assert(std::is_unsigned_v<T>);
  constexpr int kTopBit = sizeof(T) * 8 - 1;
  // Casts after every step: narrow types promote to int, whose sign would leak into the shift.
  const T not_x = static_cast<T>(~x);
  const T x_minus_1 = static_cast<T>(x - 1);
  return MaskFromBit(static_cast<T>(static_cast<T>(not_x & x_minus_1) >> kTopBit));
}

template <typename T>
inline T IsNonZero(T x) {
  return static_cast<T>(~IsZero(x));
}

template <typename T>
inline T IsEqual(T a, T b) {
  return IsZero(static_cast<T>(a ^ b));
}

// IsLess: all ones iff a < b (unsigned).
template <typename T>
inline T IsLess(T a, T b) {
  static_assert(std::is_unsigned_v<T>);
  constexpr int kTopBit = sizeof(T) * 8 - 1;
  // The borrow of a - b, computed without a branch.
  const T not_a = static_cast<T>(~a);
  const T diff = static_cast<T>(a - b);
  const T borrow = static_cast<T>(static_cast<T>((not_a & b) | ((not_a | b) & diff)) >> kTopBit);
  return MaskFromBit(borrow);
}

// Select returns `a` where mask is all ones and `b` where it is all zeros.
template <typename T>
inline T Select(T mask, T a, T b) {
  const T m = ValueBarrier(mask);
  return static_cast<T>((m & a) | (static_cast<T>(~m) & b));
}

// ConditionalCopy copies `src` over `dst` where mask is all ones, touching every byte either way.
inline void ConditionalCopy(uint8_t mask, uint8_t* dst, const uint8_t* src, size_t len) {
  for (size_t i = 0; i < len; ++i) dst[i] = Select<uint8_t>(mask, src[i], dst[i]);
}

// Equal compares two equal-length buffers in constant time: all ones iff equal.
inline uint8_t Equal(const uint8_t* a, const uint8_t* b, size_t len) {
  uint8_t diff = 0;
  for (size_t i = 0; i < len; ++i) diff |= static_cast<uint8_t>(a[i] ^ b[i]);
  return IsZero<uint8_t>(diff);
}

// SecureZero overwrites memory in a way the compiler may not remove.
inline void SecureZero(void* ptr, size_t len) {
  volatile uint8_t* p = static_cast<volatile uint8_t*>(ptr);
  for (size_t i = 0; i < len; ++i) p[i] = 0;
#if defined(__GNUC__) || defined(__clang__)
  __asm__ __volatile__("" : : "r"(ptr) : "memory");
#endif
}

}  // namespace jpki::ct

#endif  // JPKICORE_BASE_CT_H_
