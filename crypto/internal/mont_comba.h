#ifndef JPKICORE_CRYPTO_INTERNAL_MONT_COMBA_H_
#define JPKICORE_CRYPTO_INTERNAL_MONT_COMBA_H_

// Montgomery multiplication and squaring in radix 2^64 by product scanning (Comba): each output column is summed
// into a three-limb accumulator, so consecutive products do not wait on a carry chain through memory, and the
// reduction is interleaved column by column (m_i chosen as each low column completes). With the limb count a
// compile-time constant every loop unrolls. Used by the portable engine; constant time (no data-dependent branch or
// index; the final subtraction is masked).

#include <cstddef>
#include <utility>

#include "base/ct.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"
#include "crypto/internal/mont64_shared.h"

namespace jpki::crypto::internal {

struct Acc3 {
  Limb w0 = 0, w1 = 0, w2 = 0;

  // AddWide adds hi:lo. The carry builtins compile to one add/adc/adc chain.
  inline __attribute__((always_inline)) void AddWide(Limb lo, Limb hi) {
    unsigned long long c0, c1;
    w0 = __builtin_addcll(w0, lo, 0, &c0);
    w1 = __builtin_addcll(w1, hi, c0, &c1);
    w2 += c1;
  }
  inline __attribute__((always_inline)) void MulAdd(Limb a, Limb b) {
    const unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
    AddWide(static_cast<Limb>(p), static_cast<Limb>(p >> 64));
  }
  // AddTwice adds 2*d (the off-diagonal sum of a square's column: each product is summed once, then doubled).
  inline __attribute__((always_inline)) void AddTwice(const Acc3& d) {
    unsigned long long c0, c1;
    w0 = __builtin_addcll(w0, d.w0, 0, &c0);
    w1 = __builtin_addcll(w1, d.w1, c0, &c1);
    w2 += d.w2 + c1;
    w0 = __builtin_addcll(w0, d.w0, 0, &c0);
    w1 = __builtin_addcll(w1, d.w1, c0, &c1);
    w2 += d.w2 + c1;
  }
  inline __attribute__((always_inline)) Limb Shift() {
    const Limb out = w0;
    w0 = w1;
    w1 = w2;
    w2 = 0;
    return out;
  }
};

#define JPKI_INLINE inline __attribute__((always_inline))

// MontComba<N>: straight-line code for N limbs, unrolled by fold expressions over index sequences (each column's
// bounds are compile-time constants).
template <size_t N>
struct MontComba {
  static constexpr size_t Lo(size_t k) { return k < N ? 0 : k - N + 1; }
  static constexpr size_t Hi(size_t k) { return k < N ? k : N - 1; }
  // The off-diagonal pairs of square column k: i in [Lo, ceil(k/2)) with i < k - i.
  static constexpr size_t SquarePairs(size_t k) { return (k / 2 + 1 > Lo(k)) ? (k + 1) / 2 - Lo(k) : 0; }

  // Column k of a * b.
  template <size_t K, size_t... I>
  static JPKI_INLINE void MulColumn(Acc3& acc, const Limb* a, const Limb* b, std::index_sequence<I...>) {
    (acc.MulAdd(a[Lo(K) + I], b[K - Lo(K) - I]), ...);
  }
  // Column k of a^2: pairs i < k - i twice (summed once, then doubled), the diagonal once.
  template <size_t K, size_t... I>
  static JPKI_INLINE void SqrColumn(Acc3& acc, const Limb* a, std::index_sequence<I...>) {
    if constexpr (sizeof...(I) != 0) {
      Acc3 d;
      (d.MulAdd(a[Lo(K) + I], a[K - Lo(K) - I]), ...);
      acc.AddTwice(d);
    }
    if constexpr (K % 2 == 0) acc.MulAdd(a[K / 2], a[K / 2]);
  }
  // The reduction's share of column k: sum of q_j * n_(k-j) over the q_j already known.
  template <size_t K, size_t... J>
  static JPKI_INLINE void RedColumn(Acc3& acc, const Limb* q, const Limb* n, std::index_sequence<J...>) {
    constexpr size_t lo = K < N ? 0 : K - N + 1;
    (acc.MulAdd(q[lo + J], n[K - lo - J]), ...);
  }

  template <bool kSquare, size_t K>
  static JPKI_INLINE void Step(Acc3& acc, const Limb* a, const Limb* b, Limb* q, Limb* out, const MontParams& m) {
    if constexpr (kSquare) {
      SqrColumn<K>(acc, a, std::make_index_sequence<SquarePairs(K)>{});
    } else {
      MulColumn<K>(acc, a, b, std::make_index_sequence<Hi(K) - Lo(K) + 1>{});
    }
    ReduceColumn<K>(acc, q, out, m);
  }

  // ReduceColumn adds the reduction's share of column k and retires the column: below N it chooses q_k so that the
  // column's low limb vanishes, from N on it emits output limb k - N.
  template <size_t K>
  static JPKI_INLINE void ReduceColumn(Acc3& acc, Limb* q, Limb* out, const MontParams& m) {
    if constexpr (K < N) {
      RedColumn<K>(acc, q, m.n, std::make_index_sequence<K>{});
      q[K] = acc.w0 * m.k0;
      acc.MulAdd(q[K], m.n[0]);
      acc.Shift();  // the low limb is now zero
    } else {
      RedColumn<K>(acc, q, m.n, std::make_index_sequence<N - (K - N + 1)>{});
      out[K - N] = acc.Shift();
    }
  }

  template <bool kSquare, size_t... K>
  static JPKI_INLINE void Steps(Acc3& acc, const Limb* a, const Limb* b, Limb* q, Limb* out, const MontParams& m,
                                std::index_sequence<K...>) {
    (Step<kSquare, K>(acc, a, b, q, out, m), ...);
  }

  template <bool kSquare>
  static JPKI_INLINE void Run(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
    Limb aa[N], bb[N], q[N], out[N];
    for (size_t i = 0; i < N; ++i) {
      aa[i] = a[i];
      bb[i] = b[i];
    }
    Acc3 acc;
    Steps<kSquare>(acc, aa, bb, q, out, m, std::make_index_sequence<2 * N>{});
    FinalSubtract(r, out, m.n, N, acc.w0);
  }

  static void Mul(Limb* r, const Limb* a, const Limb* b, const MontParams& m) { Run<false>(r, a, b, m); }
  static void Sqr(Limb* r, const Limb* a, const MontParams& m) { Run<true>(r, a, a, m); }
};

// MontCombaLoop: the same column order for any limb count, with loops instead of unrolling (larger moduli, where full
// unrolling would cost too much code). Loop bounds depend only on the limb count and the column index.
struct MontCombaLoop {
  // Dot adds x[lo..end) . y[k-lo], y[k-lo-1], ...: straight-line blocks of 8 products, then the remainder.
  static JPKI_INLINE void Dot(Acc3& acc, const Limb* x, const Limb* y, size_t lo, size_t end, size_t k) {
    size_t i = lo;
    for (; i + 8 <= end; i += 8) {
      const Limb* xi = x + i;
      const Limb* yi = y + (k - i);
      acc.MulAdd(xi[0], yi[0]);
      acc.MulAdd(xi[1], yi[-1]);
      acc.MulAdd(xi[2], yi[-2]);
      acc.MulAdd(xi[3], yi[-3]);
      acc.MulAdd(xi[4], yi[-4]);
      acc.MulAdd(xi[5], yi[-5]);
      acc.MulAdd(xi[6], yi[-6]);
      acc.MulAdd(xi[7], yi[-7]);
    }
    for (; i < end; ++i) acc.MulAdd(x[i], y[k - i]);
  }

  // ReduceColumn adds the reduction's share of column k (the q_j known so far times n) to acc and retires the
  // column: below n it chooses q_k so that the column's low limb vanishes, from n on it emits output limb k - n.
  static JPKI_INLINE void ReduceColumn(Acc3& acc, Limb* q, Limb* out, const Limb* mn, Limb k0, size_t n, size_t k) {
    if (k < n) {
      Dot(acc, q, mn, 0, k, k);
      q[k] = acc.w0 * k0;
      acc.MulAdd(q[k], mn[0]);
      acc.Shift();  // the low limb is now zero
    } else {
      Dot(acc, q, mn, k - n + 1, n, k);
      out[k - n] = acc.Shift();
    }
  }

  template <bool kSquare>
  static void Run(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
    const size_t n = m.limbs;
    const Limb* mn = m.n;
    const Limb k0 = m.k0;
    Limb aa[kMax64], bb[kMax64], q[kMax64], out[kMax64];
    for (size_t i = 0; i < n; ++i) {
      aa[i] = a[i];
      bb[i] = b[i];
    }
    Acc3 acc;
    for (size_t k = 0; k < 2 * n; ++k) {
      const size_t lo = k < n ? 0 : k - n + 1;
      const size_t hi = k < n ? k : n - 1;
      if constexpr (kSquare) {
        Acc3 d;
        Dot(d, aa, aa, lo, (k + 1) / 2, k);
        acc.AddTwice(d);
        if (k % 2 == 0) acc.MulAdd(aa[k / 2], aa[k / 2]);  // k is public
      } else {
        Dot(acc, aa, bb, lo, hi + 1, k);
      }
      ReduceColumn(acc, q, out, mn, k0, n, k);
    }
    FinalSubtract(r, out, mn, n, acc.w0);
  }

  static void Mul(Limb* r, const Limb* a, const Limb* b, const MontParams& m) { Run<false>(r, a, b, m); }
  static void Sqr(Limb* r, const Limb* a, const MontParams& m) { Run<true>(r, a, a, m); }

  // Redc sets r = t / R mod n for a 2n-limb t < n R (fully reduced, like Run): the reduction columns of Run with
  // the product columns replaced by the limbs of t.
  static void Redc(Limb* r, const Limb* t, const MontParams& m) {
    const size_t n = m.limbs;
    const Limb* mn = m.n;
    const Limb k0 = m.k0;
    Limb q[kMax64], out[kMax64];
    Acc3 acc;
    for (size_t k = 0; k < 2 * n; ++k) {
      acc.AddWide(t[k], 0);
      ReduceColumn(acc, q, out, mn, k0, n, k);
    }
    FinalSubtract(r, out, mn, n, acc.w0);
  }
};

#undef JPKI_INLINE

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_MONT_COMBA_H_
