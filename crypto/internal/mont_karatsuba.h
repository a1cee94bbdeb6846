#ifndef JPKICORE_CRYPTO_INTERNAL_MONT_KARATSUBA_H_
#define JPKICORE_CRYPTO_INTERNAL_MONT_KARATSUBA_H_

// Montgomery squaring for the portable engine at 48 and 64 limbs (RSA-3072/4096 verification): one level of
// Karatsuba for the square, from three straight-line Comba squares of half size, a^2 = a1^2 B^2H + (a0^2 + a1^2 -
// (a0 - a1)^2) B^H + a0^2, then a separate column-wise Montgomery reduction of the 2N-limb square. bench/mont_bench:
// Sqr/portable/3072 about 2.65 -> 2.4 us, Sqr/portable/4096 4.9 -> 4.5 us, against the interleaved looped Comba
// square. The reduction is straight-line at 48 limbs (3% faster than looped) and looped at 64, where straight-line
// code measured 7% slower (4.86 against 4.55 us). Constant time: |a0 - a1| is formed with masks, every loop bound and
// index depends only on the limb count.

#include <cstddef>
#include <utility>

#include "base/ct.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"
#include "crypto/internal/mont_comba.h"

namespace jpki::crypto::internal {

// Sanitizer builds (ASan + UBSan, shared with the fuzzers) take the looped reduction at 48 limbs too: with
// instrumentation the straight-line one takes minutes to compile (about 2.5 more for this file), and it indexes only
// fixed-size local arrays at compile-time offsets, which is all the sanitizers would check there. Both variants
// compute the same values and both are tested (mont_test in the default build and under the sanitizers, rsa_ct_test
// under memcheck).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JPKI_SANITIZER_BUILD 1
#endif
#endif
#if defined(JPKI_SANITIZER_BUILD)
inline constexpr bool kStraightLineRedcAt48 = false;
#else
inline constexpr bool kStraightLineRedcAt48 = true;
#endif
#undef JPKI_SANITIZER_BUILD

// kUnrolledRedc: reduce with straight-line code (MontComba<N>'s reduction columns) instead of the looped columns.
template <size_t N, bool kUnrolledRedc>
struct MontKaratsubaSqr {
  static_assert(N % 2 == 0, "Karatsuba splits the operand in halves");
  static constexpr size_t H = N / 2;
  using Half = MontComba<H>;

  // PlainSquare sets out[0..2H) = a[0..H)^2 with the Comba columns of MontComba<H> (no reduction).
  template <size_t... K>
  static inline __attribute__((always_inline)) void PlainSquare(Limb* out, const Limb* a, std::index_sequence<K...>) {
    Acc3 acc;
    ((Half::template SqrColumn<K>(acc, a, std::make_index_sequence<Half::SquarePairs(K)>{}), out[K] = acc.Shift()),
     ...);
  }

  static void Sqr(Limb* r, const Limb* a, const MontParams& m) {
    Limb t[2 * N + 1];  // the square, then the middle term added in
    Limb d[H], mid[2 * H + 1], p1[2 * H];
    // d = |a0 - a1|: subtract, then negate under the borrow's mask (two's complement: flip, add one).
    unsigned long long borrow = 0;
    for (size_t i = 0; i < H; ++i) d[i] = __builtin_subcll(a[i], a[H + i], borrow, &borrow);
    const Limb neg = ct::MaskFromBit<Limb>(borrow);
    unsigned long long carry = neg & 1;
    for (size_t i = 0; i < H; ++i) d[i] = __builtin_addcll(d[i] ^ neg, 0, carry, &carry);
    PlainSquare(t, a, std::make_index_sequence<2 * H>{});              // a0^2 at the bottom
    PlainSquare(t + 2 * H, a + H, std::make_index_sequence<2 * H>{});  // a1^2 at the top
    PlainSquare(p1, d, std::make_index_sequence<2 * H>{});
    // mid = a0^2 + a1^2 - (a0 - a1)^2 = 2 a0 a1 (non-negative, below 2^(128 H + 1)).
    carry = 0;
    for (size_t i = 0; i < 2 * H; ++i) mid[i] = __builtin_addcll(t[i], t[2 * H + i], carry, &carry);
    mid[2 * H] = carry;
    borrow = 0;
    for (size_t i = 0; i < 2 * H; ++i) mid[i] = __builtin_subcll(mid[i], p1[i], borrow, &borrow);
    mid[2 * H] -= borrow;
    // t += mid * B^H; the sum is a^2 < 2^(128 H * 2), so the carry out of the top limb is zero.
    carry = 0;
    for (size_t i = 0; i < 2 * H + 1; ++i) t[H + i] = __builtin_addcll(t[H + i], mid[i], carry, &carry);
    for (size_t i = 3 * H + 1; i < 2 * N; ++i) t[i] = __builtin_addcll(t[i], 0, carry, &carry);
    if constexpr (kUnrolledRedc) {
      Limb q[N], out[N];
      Acc3 acc;
      RedcColumns(acc, t, q, out, m, std::make_index_sequence<2 * N>{});
      FinalSubtract(r, out, m.n, N, acc.w0);
    } else {
      MontCombaLoop::Redc(r, t, m);
    }
  }

  template <size_t... K>
  static inline __attribute__((always_inline)) void RedcColumns(Acc3& acc, const Limb* t, Limb* q, Limb* out,
                                                                const MontParams& m, std::index_sequence<K...>) {
    // Column K of the reduction of t: t's limb K, then the reduction column of the interleaved kernel.
    ((acc.AddWide(t[K], 0), MontComba<N>::template ReduceColumn<K>(acc, q, out, m)), ...);
  }
};

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_MONT_KARATSUBA_H_
