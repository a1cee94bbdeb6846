#ifndef JPKICORE_CRYPTO_INTERNAL_IFMA_SPLIT_AMM_H_
#define JPKICORE_CRYPTO_INTERNAL_IFMA_SPLIT_AMM_H_

// "Almost Montgomery" multiplication and squaring with AVX-512 IFMA for moduli of up to 40 limbs of 52 bits, in two
// phases that keep the accumulator still instead of shifting it one limb per step (mont_ifma.cc uses it where it
// measured faster than the shifting kernel: squaring RSA-2048's CRT halves, and RSA-2048 verification):
//
// 1. Product. Row i = 4u + s of a*b adds a * b_i at limb offset i. With copies of a shifted up by s = 0..3 limbs, the
//    row's low halves land in accumulator vectors u..u+NV lane for lane, and its high halves (one limb further up) in
//    the same vectors through the copy shifted by s + 1. No lane shuffles in the loop, only multiply-adds. A square
//    sums each off-diagonal product once (a zero in b_i's lanes with j <= i drops them) and adds it twice to an
//    accumulator that starts from the diagonal.
// 2. Reduction. Step i chooses m_i so that limb i of T + sum m_j n 2^(52 j) vanishes mod 2^52 and adds m_i * n at
//    offset i, using copies of n shifted the same way (precomputed in MontParams::n_shifted). The chain from m_(i-1)
//    to m_i runs in scalar registers: lane i is read from the accumulator before m_(i-1) is added to it, and m_(i-1)'s
//    two contributions to limb i (lo(m n_1) and hi(m n_0)) and the carry out of limb i-1 are added in scalars. The
//    vector multiply-adds are off that chain.
//
// The phases overlap in the instruction stream: only the first two product columns precede the reduction, the others
// are issued between reduction steps, each before the step that first reads it. The scalar chain alone leaves the
// multiply-add ports idle between steps, and the columns fill them (measured on Zen 4, one operation at a time:
// squaring 104 -> 88 ns at 20 limbs, 177 -> 154 at 32, 239 -> 222 at 40; RSA-3072 signing 9% faster, RSA-2048 5%).
//
// The result (T + M n) / 2^(52 L) is below 2n for inputs below 2n and R = 2^(52 L) >= 4n, like the engine's other
// kernel. Lanes stay below 2^61 throughout (at most 4L products below 2^52 each and doubling), so carries wait until
// the final NormalizeIfma. Everything is unrolled at compile time: every operation, address and mask depends only on
// the limb count, never on the values.
#include <immintrin.h>

#include <utility>

#include "crypto/internal/ifma_normalize.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto::internal {

template <int NV, int K, bool kSquare>
struct IfmaSplitAmm {
  static constexpr int L = 4 * NV;
  static constexpr int kTop = 2 * NV;               // accumulator vectors: limbs 0 .. 2L-1
  static constexpr int kCopyStride = 4 * (NV + 1);  // limbs per shifted copy of a

  struct Acc {
    __m256i t[kTop];
  };

  // Lanes l of shifted-copy vector w (relative offset d = w - u) whose limb index j exceeds the row index i = 4u + s:
  // 4d + l > 2s + extra, where extra = 1 for the high halves (taken from the copy shifted one limb further).
  static constexpr unsigned OffDiagonalMask(int d, int s, int extra) {
    unsigned mask = 0;
    for (int l = 0; l < 4; ++l) {
      if (4 * d + l > 2 * s + extra) mask |= 1u << l;
    }
    return mask;
  }

  // MultiplyAdd adds the products of x and y in the lanes of kMask. From the merge-masked intrinsic clang 14 makes
  // three instructions (a register copy, an unmasked multiply-add and a blend), so a partial mask zeroes the
  // broadcast's dropped lanes and multiplies unmasked: two. For the low halves at 20 limbs (kAsmLow: RSA-2048's CRT
  // halves) it is one merge-masked instruction, written as inline assembly: RSA-2048 signing 202.6 -> 200.8 us (A/B
  // minima on Zen 4). Measured and not kept: the same for the high halves too (the pair of squarings 136 against 140 ns
  // alone, but signing 232 us), for the low halves at every size (RSA-4096 signing 1272 -> 1368 us), and with the
  // shifted copy as a memory operand (the pair of squarings 151 ns).
  static constexpr bool kAsmLow = NV == 5;

  template <unsigned kMask, bool kHigh>
  static JPKI_IFMA_INLINE __m256i MultiplyAdd(__m256i acc, __m256i x, __m256i y) {
    if constexpr (kMask == 0) {
      return acc;
    } else if constexpr (kMask == 0xf) {
      return kHigh ? _mm256_madd52hi_epu64(acc, x, y) : _mm256_madd52lo_epu64(acc, x, y);
    } else if constexpr (kAsmLow && !kHigh) {
      const __mmask8 k = kMask;
      __asm__("vpmadd52luq %[x], %[y], %[acc]%{%[k]%}" : [acc] "+v"(acc) : [x] "v"(x), [y] "v"(y), [k] "Yk"(k));
      return acc;
    } else {
      const __m256i ym = _mm256_maskz_mov_epi64(kMask, y);
      return kHigh ? _mm256_madd52hi_epu64(acc, x, ym) : _mm256_madd52lo_epu64(acc, x, ym);
    }
  }

  // ---- Phase 1: product ----
  //
  // Computed column by column (accumulator vector X at a time) so that no register holds a long dependency chain:
  // the terms of a column go to four partial sums, one per kind of term, which are added to the accumulator at the
  // end (AddColumn).

  struct Partial {
    __m256i p[4];
  };

  static JPKI_IFMA_INLINE __m256i Copy(const Limb* c, int copy, int w) {
    return _mm256_load_si256(reinterpret_cast<const __m256i*>(c + copy * kCopyStride + 4 * w));
  }

  static JPKI_IFMA_INLINE void StoreCopy(Limb* c, int copy, int w, __m256i v) {
    _mm256_store_si256(reinterpret_cast<__m256i*>(c + copy * kCopyStride + 4 * w), v);
  }

  // The terms of rows 4u..4u+3 that land in column X = u + W: low halves from copy s vector W, high halves from copy
  // s + 1 (copy 0 one vector down for s = 3).
  template <int X, int U>
  static JPKI_IFMA_INLINE void ColumnTerms(Partial& part, const Limb* c, const Limb* b) {
    constexpr int W = X - U;
    if constexpr (W >= 0 && W <= NV) {
      ColumnRow<U, 0, W>(part, c, b);
      ColumnRow<U, 1, W>(part, c, b);
      ColumnRow<U, 2, W>(part, c, b);
      ColumnRow<U, 3, W>(part, c, b);
    }
  }

  template <int U, int S, int W>
  static JPKI_IFMA_INLINE void ColumnRow(Partial& part, const Limb* c, const Limb* b) {
    constexpr unsigned lo_mask = kSquare ? OffDiagonalMask(W - U, S, 0) : 0xf;
    constexpr unsigned hi_mask = kSquare ? OffDiagonalMask(W - U, S, 1) : 0xf;
    constexpr bool has_lo = lo_mask != 0 && !(S == 0 && W == NV);  // copy 0 has no vector NV
    constexpr bool has_hi = hi_mask != 0 && (S < 3 || W >= 1);
    if constexpr (has_lo || has_hi) {
      const __m256i bi = _mm256_set1_epi64x(static_cast<long long>(b[4 * U + S]));  // a square passes b = a
      if constexpr (has_lo) part.p[S & 1] = MultiplyAdd<lo_mask, false>(part.p[S & 1], Copy(c, S, W), bi);
      if constexpr (has_hi) {
        const __m256i x = S < 3 ? Copy(c, S + 1, W) : Copy(c, 0, W - 1);
        part.p[2 + (S & 1)] = MultiplyAdd<hi_mask, true>(part.p[2 + (S & 1)], x, bi);
      }
    }
  }

  template <int X, int... U>
  static JPKI_IFMA_INLINE __m256i Column(const Limb* c, const Limb* b, std::integer_sequence<int, U...>) {
    Partial part;
    for (int j = 0; j < 4; ++j) part.p[j] = _mm256_setzero_si256();
    (ColumnTerms<X, U>(part, c, b), ...);
    return _mm256_add_epi64(_mm256_add_epi64(part.p[0], part.p[1]), _mm256_add_epi64(part.p[2], part.p[3]));
  }

  // AddColumn adds product column X to acc.t[X]: for a square twice the off-diagonal sum (the accumulator starts
  // from the diagonal). It takes the two pointers, not an Operands: passed as that struct, the 32-limb multiplication
  // measured 273 against 199 ns.
  template <int X>
  static JPKI_IFMA_INLINE void AddColumn(Acc& acc, const Limb* c, const Limb* b) {
    const __m256i sum = Column<X>(c, b, std::make_integer_sequence<int, NV>{});
    if constexpr (kSquare) {
      acc.t[X] = _mm256_add_epi64(acc.t[X], _mm256_add_epi64(sum, sum));
    } else {
      acc.t[X] = _mm256_add_epi64(acc.t[X], sum);
    }
  }

  // Columns 2 .. kTop-1 are spread over the reduction steps: column 2 + j follows step floor(j L / (kTop - 2)) <= 4j
  // (L / (kTop - 2) <= 4 for NV >= 2). Step I reads limb I + 1, so column c must be complete before step 4c - 1, here
  // 4j + 7: in time. Reduction terms already in a vector are no obstacle, the column is added to them.
  static constexpr int ColumnAfterStep(int step) {
    for (int j = 0; j < kTop - 2; ++j) {
      if (j * L / (kTop - 2) == step) {
        return 2 + j;
      }
    }
    return -1;
  }

  // ---- Phase 2: reduction ----

  // The chain is kept short (one imul, one widening multiply, one add from t_i to t_(i+1)): q is carried as
  // q12 = q * 2^12, which the 64-bit product t * (k0 * 2^12) gives without a mask, and whose products with n_0 and n_1
  // have hi(q n_0) = floor(q n_0 / 2^52) as their high word and lo(q n_1) * 2^12 as their low word. The carry out of
  // limb i needs no product at all: lo(q n_0) = -t mod 2^52 makes limb i a multiple of 2^52, so it carries
  // ceil(t / 2^52) (t < 2^62, no overflow). Everything but hi(q n_0) is summed into `base` off the chain.
  struct Chain {
    Limb base;  // limb i+1 of the accumulator as read before m_i is added, plus lo(m_i n_1) and the carry out of limb i
    Limb hi0;   // hi(m_i n_0), the last term of limb i+1
    Limb k12;   // k0 * 2^12
    Limb n0, n1;
  };

  struct Operands {
    const Limb* copies;
    const Limb* b;
    // Its own pointer, not MontParams: the copies' offsets from it fit the instructions' short displacement
    // (smaller code; RSA-3072 and 4096 signing about 1.5% faster, RSA-2048 unchanged).
    const Limb* n_shifted;
  };

  template <int I, int... W>
  static JPKI_IFMA_INLINE void ReduceStep(Acc (&acc)[K], Chain (&ch)[K], const Operands (&ops)[K],
                                          std::integer_sequence<int, W...>) {
    constexpr int u = I / 4, s = I % 4;
    Limb q[K];
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      const Limb t = ch[k].base + ch[k].hi0;
      const Limb q12 = t * ch[k].k12;
      q[k] = q12 >> 12;
      ch[k].hi0 = static_cast<Limb>((static_cast<unsigned __int128>(q12) * ch[k].n0) >> 64);
      const Limb carry = (t + kMask52) >> 52;
      if constexpr (I + 1 < L) {
        const Limb next = static_cast<Limb>(_mm256_extract_epi64(acc[k].t[(I + 1) / 4], (I + 1) % 4));
        ch[k].base = next + carry + ((q12 * ch[k].n1) >> 12);
      } else {
        ch[k].base = carry;  // the vectors hold everything else of limb L
      }
    }
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      const __m256i qv = _mm256_set1_epi64x(static_cast<long long>(q[k]));
      (ReduceTerm<u, s, W>(acc[k], ops[k].n_shifted, qv), ...);
    }
    // Keep the step's multiply-adds here in program order: left to itself the compiler groups them by accumulator
    // across steps, which puts each step's lane read (on the scalar chain) behind long multiply-add chains.
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k)(Pin(acc[k].t[u + W]), ...);
    if constexpr (ColumnAfterStep(I) >= 0) {
      JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) { AddColumn<ColumnAfterStep(I)>(acc[k], ops[k].copies, ops[k].b); }
    }
  }

  static JPKI_IFMA_INLINE void Pin(__m256i& v) { __asm__ volatile("" : "+v"(v)); }

  static JPKI_IFMA_INLINE __m256i ShiftedN(const Limb* ns, int copy, int w) {
    return _mm256_load_si256(reinterpret_cast<const __m256i*>(ns + copy * MontParams::kShiftedStride + 4 * w));
  }

  template <int u, int s, int W>
  static JPKI_IFMA_INLINE void ReduceTerm(Acc& acc, const Limb* ns, __m256i qv) {
    if constexpr (!(s == 0 && W == NV)) acc.t[u + W] = _mm256_madd52lo_epu64(acc.t[u + W], ShiftedN(ns, s, W), qv);
    if constexpr (s < 3) {
      acc.t[u + W] = _mm256_madd52hi_epu64(acc.t[u + W], ShiftedN(ns, s + 1, W), qv);
    } else if constexpr (W >= 1) {
      acc.t[u + W] = _mm256_madd52hi_epu64(acc.t[u + W], ShiftedN(ns, 0, W - 1), qv);
    }
  }

  template <int... I>
  static JPKI_IFMA_INLINE void ReduceSteps(Acc (&acc)[K], Chain (&ch)[K], const Operands (&ops)[K],
                                           std::integer_sequence<int, I...>) {
    (ReduceStep<I>(acc, ch, ops, std::make_integer_sequence<int, NV + 1>{}), ...);
  }

  // ---- Driver ----

  static JPKI_IFMA_TARGET void Run(Limb* const* r, const Limb* const* a, const Limb* const* b,
                                   const MontParams* const* m) {
    RunInline(r, a, b, m);
  }

  // The same, for inlining into a caller that runs it in a loop (mont_ifma.cc's Window2).
  static JPKI_IFMA_INLINE void RunInline(Limb* const* r, const Limb* const* a, const Limb* const* b,
                                         const MontParams* const* m) {
    const __m256i zero = _mm256_setzero_si256();
    alignas(32) Limb copies[K][4 * kCopyStride];
    Acc acc[K];
    Operands ops[K];
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      // Copy s, vector w, lane l holds a_k[4w + l - s] (zero outside 0..L-1).
      __m256i x[NV];
      for (int v = 0; v < NV; ++v) x[v] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k] + 4 * v));
      Limb* c = copies[k];
      for (int w = 0; w <= NV; ++w) {
        const __m256i hi = w < NV ? x[w] : zero;
        const __m256i lo = w > 0 ? x[w - 1] : zero;
        StoreCopy(c, 0, w, hi);
        StoreCopy(c, 1, w, _mm256_alignr_epi64(hi, lo, 3));
        StoreCopy(c, 2, w, _mm256_alignr_epi64(hi, lo, 2));
        StoreCopy(c, 3, w, _mm256_alignr_epi64(hi, lo, 1));
      }
      if constexpr (kSquare) {
        // The accumulator starts from the diagonal D of T = 2 X + D: a_j^2 has its low half at limb 2j and its high
        // half at 2j + 1.
        for (int v = 0; v < NV; ++v) {
          const __m256i lo = _mm256_madd52lo_epu64(zero, x[v], x[v]);
          const __m256i hi = _mm256_madd52hi_epu64(zero, x[v], x[v]);
          const __m256i even = _mm256_unpacklo_epi64(lo, hi);  // lo0 hi0 lo2 hi2
          const __m256i odd = _mm256_unpackhi_epi64(lo, hi);   // lo1 hi1 lo3 hi3
          acc[k].t[2 * v] = _mm256_permute2x128_si256(even, odd, 0x20);
          acc[k].t[2 * v + 1] = _mm256_permute2x128_si256(even, odd, 0x31);
        }
      } else {
        for (int v = 0; v < kTop; ++v) {
          acc[k].t[v] = zero;
        }
      }
      ops[k] = Operands{c, b[k], &m[k]->n_shifted[0][0]};
      AddColumn<0>(acc[k], c, b[k]);
      AddColumn<1>(acc[k], c, b[k]);
    }
    Chain ch[K];
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      ch[k].base = static_cast<Limb>(_mm256_extract_epi64(acc[k].t[0], 0));
      ch[k].hi0 = 0;
      ch[k].k12 = m[k]->k0 << 12;
      ch[k].n0 = m[k]->n[0];
      ch[k].n1 = m[k]->n[1];
    }
    ReduceSteps(acc, ch, ops, std::make_integer_sequence<int, L>{});
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      acc[k].t[NV] = _mm256_add_epi64(acc[k].t[NV], _mm256_maskz_set1_epi64(1, static_cast<long long>(ch[k].base)));
      NormalizeIfma<NV>(acc[k].t + NV, r[k]);
    }
  }
};

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_IFMA_SPLIT_AMM_H_
