#ifndef JPKICORE_CRYPTO_INTERNAL_IFMA512_AMM_H_
#define JPKICORE_CRYPTO_INTERNAL_IFMA512_AMM_H_

// The two-phase "almost Montgomery" multiplication and squaring of ifma_split_amm.h on 512-bit vectors (eight 52-bit
// limbs each), for CPUs whose vector units are 512 bits wide: Zen 5 issues two 512-bit multiply-adds per cycle, as
// many as 256-bit ones, so each instruction does twice the work (Zen 4 splits 512-bit operations in two; it and
// Intel's cores, not measured here, keep mont_ifma.cc's 256-bit kernels). The algorithm is the same: the product
// accumulates whole vectors of copies of a shifted by 0..7 limbs, the reduction whole vectors of copies of n shifted
// the same way (MontParams::n_shifted8), and the chain from m_(i-1) to m_i runs in scalar registers. What changes
// with the width:
//
// - L (the limb count) need not fill the vectors: RSA-2048's CRT halves have 20 limbs in three vectors. Lanes past
//   limb L - 1 are zero in every operand, are never loaded or stored, and masks drop the products that would only
//   multiply zeros, so there are L reduction steps and R = 2^(52 L) as on the 256-bit path. Results are bit-identical.
// - The result, limbs L .. 2L - 1 of the accumulator, starts inside a vector and is moved down by L mod 8 lanes.
//
// Everything is unrolled at compile time: every operation, address and mask depends only on L, never on the values.
#include <immintrin.h>

#include <cstdint>
#include <utility>

#include "crypto/internal/ifma_normalize.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto::internal {

// NormalizeIfma512 is NormalizeIfma (ifma_normalize.h) for NV 512-bit vectors holding the L lowest limbs: the value
// is known to fit L limbs, and only those are stored.
template <int NV, int L>
JPKI_IFMA_INLINE void NormalizeIfma512(__m512i* acc, Limb* out) {
  static_assert(NV * 8 <= 64 && L <= 8 * NV && L > 8 * (NV - 1));
  const __m512i mask = _mm512_set1_epi64(static_cast<long long>(kMask52));
  const __m512i zero = _mm512_setzero_si512();
  __m512i carry[NV];
  for (int v = 0; v < NV; ++v) {
    carry[v] = _mm512_srli_epi64(acc[v], 52);
    acc[v] = _mm512_and_si512(acc[v], mask);
  }
  acc[0] = _mm512_add_epi64(acc[0], _mm512_alignr_epi64(carry[0], zero, 7));
  for (int v = 1; v < NV; ++v) acc[v] = _mm512_add_epi64(acc[v], _mm512_alignr_epi64(carry[v], carry[v - 1], 7));
  uint64_t g = 0, p = 0;
  for (int v = NV - 1; v >= 0; --v) {
    g = (g << 8) | _mm512_cmpgt_epu64_mask(acc[v], mask);
    p = (p << 8) | _mm512_cmpeq_epu64_mask(acc[v], mask);
  }
  const uint64_t c = ((g << 1) + p) ^ p;
  const __m512i one = _mm512_set1_epi64(1);
  for (int v = 0; v < NV; ++v) {
    const __mmask8 kv = static_cast<__mmask8>((c >> (8 * v)) & 0xff);
    const __m512i x = _mm512_and_si512(_mm512_mask_add_epi64(acc[v], kv, acc[v], one), mask);
    constexpr int kLast = L - 8 * (NV - 1);
    if (v + 1 < NV || kLast == 8) {
      _mm512_storeu_si512(out + 8 * v, x);
    } else if constexpr (kLast == 4) {
      // Not a masked store: the next operation loads it, and a masked store does not forward to a load.
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 8 * v), _mm512_castsi512_si256(x));
    } else {
      _mm512_mask_storeu_epi64(out + 8 * v, static_cast<__mmask8>((1u << kLast) - 1), x);
    }
  }
}

template <int L, int K, bool kSquare>
struct Ifma512Amm {
  static constexpr int NV = (L + 7) / 8;            // vectors per operand
  static constexpr int kTop = 2 * NV;               // accumulator vectors: limbs 0 .. 16 NV - 1 (>= 2L)
  static constexpr int kCopyStride = 8 * (NV + 1);  // limbs per shifted copy of a
  static_assert(L >= 9 && NV + 1 <= MontParams::kShifted8Vectors);

  using V = __m512i;

  struct Acc {
    V t[kTop];
  };

  // Lanes of vector W of the copy shifted up by `shift` limbs that hold a limb j of the operand with after < j < L
  // (j = 8W + lane - shift). ValidLanes (after = -1) are the lanes that can be non-zero; RowLanes are those a row i
  // must multiply: for a square only j > i (each off-diagonal product is summed once and doubled).
  static constexpr unsigned LanesAbove(int w, int shift, int after) {
    unsigned mask = 0;
    for (int l = 0; l < 8; ++l) {
      const int j = 8 * w + l - shift;
      if (j > after && j >= 0 && j < L) mask |= 1u << l;
    }
    return mask;
  }
  static constexpr unsigned ValidLanes(int w, int shift) { return LanesAbove(w, shift, -1); }
  static constexpr unsigned RowLanes(int w, int shift, int i) { return LanesAbove(w, shift, kSquare ? i : -1); }

  // MultiplyAdd adds the products of x and y in the lanes of kNeed. When kNeed is every lane that can be non-zero in
  // x (kValid), the others add zero and the multiply-add runs unmasked. A masked one is written as inline assembly:
  // from the merge-masked intrinsic clang 14 makes three instructions (see ifma_split_amm.h).
  template <unsigned kNeed, unsigned kValid, bool kHigh>
  static JPKI_IFMA_INLINE V MultiplyAdd(V acc, V x, V y) {
    if constexpr (kNeed == 0) {
      return acc;
    } else if constexpr (kNeed == kValid) {
      return kHigh ? _mm512_madd52hi_epu64(acc, x, y) : _mm512_madd52lo_epu64(acc, x, y);
    } else {
      const __mmask8 k = kNeed;
      if constexpr (kHigh) {
        __asm__("vpmadd52huq %[x], %[y], %[acc]%{%[k]%}" : [acc] "+v"(acc) : [x] "v"(x), [y] "v"(y), [k] "Yk"(k));
      } else {
        __asm__("vpmadd52luq %[x], %[y], %[acc]%{%[k]%}" : [acc] "+v"(acc) : [x] "v"(x), [y] "v"(y), [k] "Yk"(k));
      }
      return acc;
    }
  }

  // ---- Phase 1: product, column by column (see ifma_split_amm.h) ----

  struct Partial {
    V p[4];
  };

  // Vector w of the copy shifted by `shift` (0..8; copy 8 is copy 0 one vector up) in a table of shifted copies
  // `stride` limbs apart: the copies of a, or MontParams::n_shifted8.
  static JPKI_IFMA_INLINE V LoadShifted(const Limb* copies, int stride, int shift, int w) {
    if (shift == 8) {
      shift = 0;
      --w;
    }
    return _mm512_load_si512(copies + shift * stride + 8 * w);
  }

  static JPKI_IFMA_INLINE V Copy(const Limb* c, int shift, int w) { return LoadShifted(c, kCopyStride, shift, w); }

  // The terms of row i = 8u + s that land in column X = u + W.
  template <int U, int S, int W>
  static JPKI_IFMA_INLINE void ColumnRow(Partial& part, const Limb* c, const Limb* b) {
    constexpr int i = 8 * U + S;
    if constexpr (i < L) {
      constexpr unsigned lo_need = RowLanes(W, S, i), lo_valid = ValidLanes(W, S);
      constexpr unsigned hi_need = RowLanes(W, S + 1, i), hi_valid = ValidLanes(W, S + 1);
      if constexpr (lo_need != 0 || hi_need != 0) {
        const V bi = _mm512_set1_epi64(static_cast<long long>(b[i]));  // a square passes b = a
        if constexpr (lo_need != 0) {
          part.p[S & 1] = MultiplyAdd<lo_need, lo_valid, false>(part.p[S & 1], Copy(c, S, W), bi);
        }
        if constexpr (hi_need != 0) {
          part.p[2 + (S & 1)] = MultiplyAdd<hi_need, hi_valid, true>(part.p[2 + (S & 1)], Copy(c, S + 1, W), bi);
        }
      }
    }
  }

  template <int X, int U, int... S>
  static JPKI_IFMA_INLINE void ColumnTerms(Partial& part, const Limb* c, const Limb* b,
                                           std::integer_sequence<int, S...>) {
    constexpr int W = X - U;
    if constexpr (W >= 0 && W <= NV) (ColumnRow<U, S, W>(part, c, b), ...);
  }

  template <int X, int... U>
  static JPKI_IFMA_INLINE V Column(const Limb* c, const Limb* b, std::integer_sequence<int, U...>) {
    Partial part;
    for (int j = 0; j < 4; ++j) part.p[j] = _mm512_setzero_si512();
    (ColumnTerms<X, U>(part, c, b, std::make_integer_sequence<int, 8>{}), ...);
    return _mm512_add_epi64(_mm512_add_epi64(part.p[0], part.p[1]), _mm512_add_epi64(part.p[2], part.p[3]));
  }

  template <int X>
  static JPKI_IFMA_INLINE void AddColumn(Acc& acc, const Limb* c, const Limb* b) {
    const V sum = Column<X>(c, b, std::make_integer_sequence<int, NV>{});
    if constexpr (kSquare) {
      acc.t[X] = _mm512_add_epi64(acc.t[X], _mm512_add_epi64(sum, sum));
    } else {
      acc.t[X] = _mm512_add_epi64(acc.t[X], sum);
    }
  }

  // Columns 2 .. kTop-1 are spread over the reduction steps: column 2 + j follows step floor(j L / (kTop - 2)).
  // Step I reads limb I + 1, so column c must be complete before step 8c - 1; j L / (kTop - 2) < 8 (j + 2) - 1
  // holds because L <= 8 NV = 4 (kTop - 2) + 8.
  static constexpr int ColumnAfterStep(int step) {
    for (int j = 0; j < kTop - 2; ++j) {
      if (j * L / (kTop - 2) == step) return 2 + j;
    }
    return -1;
  }

  // ---- Phase 2: reduction ----
  //
  // The scalar chain of ifma_split_amm.h, with lo(m_i n_1) taken from t_i directly, as lo(t_i (k0 n_1 mod 2^52)),
  // beside m_i rather than after it: the chain from t_i to t_(i+1) is one imul, one widening multiply and one add.
  // (Also tried: reading limb i + 1 one step early and adding m_(i-1)'s terms in it in scalars, which shortens the
  // path through the vector unit. One squaring 87 -> 70 ns, but RSA-2048 signing 142 -> 166 us: in the pairs the
  // five more scalar operations per step cost more than the shorter path saves.)
  struct Chain {
    Limb base;  // limb i of the accumulator: all but hi(m_(i-1) n_0)
    Limb hi0;   // hi(m_(i-1) n_0)
    Limb k12;   // k0 * 2^12
    Limb kn12;  // (k0 n_1 mod 2^52) * 2^12
    Limb n0;
  };

  struct Operands {
    const Limb* copies;
    const Limb* b;
    const Limb* n_shifted;
  };

  template <int kLane>
  static JPKI_IFMA_INLINE Limb Lane(V v) {
    if constexpr (kLane == 0) {
      return static_cast<Limb>(_mm_cvtsi128_si64(_mm512_castsi512_si128(v)));
    } else {
      return static_cast<Limb>(_mm_cvtsi128_si64(_mm512_castsi512_si128(_mm512_alignr_epi64(v, v, kLane))));
    }
  }

  static JPKI_IFMA_INLINE V ShiftedN(const Limb* ns, int shift, int w) {
    return LoadShifted(ns, MontParams::kShifted8Stride, shift, w);
  }

  template <int u, int s, int W>
  static JPKI_IFMA_INLINE void ReduceTerm(Acc& acc, const Limb* ns, V qv) {
    if constexpr (ValidLanes(W, s) != 0) acc.t[u + W] = _mm512_madd52lo_epu64(acc.t[u + W], ShiftedN(ns, s, W), qv);
    if constexpr (ValidLanes(W, s + 1) != 0) {
      acc.t[u + W] = _mm512_madd52hi_epu64(acc.t[u + W], ShiftedN(ns, s + 1, W), qv);
    }
  }

  static JPKI_IFMA_INLINE void Pin(V& v) { __asm__ volatile("" : "+v"(v)); }

  template <int I, int... W>
  static JPKI_IFMA_INLINE void ReduceStep(Acc (&acc)[K], Chain (&ch)[K], const Operands (&ops)[K],
                                          std::integer_sequence<int, W...>) {
    constexpr int u = I / 8, s = I % 8;
    Limb q[K];
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      Chain& c = ch[k];
      const Limb t = c.base + c.hi0;
      const Limb q12 = t * c.k12;
      q[k] = q12 >> 12;
      const Limb lo1 = (t * c.kn12) >> 12;  // lo(m_i n_1)
      c.hi0 = static_cast<Limb>((static_cast<unsigned __int128>(q12) * c.n0) >> 64);
      const Limb carry = (t + kMask52) >> 52;
      if constexpr (I + 1 < L) {
        c.base = Lane<(I + 1) % 8>(acc[k].t[(I + 1) / 8]) + carry + lo1;
      } else {
        c.base = carry;  // the vectors hold everything else of limb L
      }
    }
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      const V qv = _mm512_set1_epi64(static_cast<long long>(q[k]));
      (ReduceTerm<u, s, W>(acc[k], ops[k].n_shifted, qv), ...);
    }
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k)(Pin(acc[k].t[u + W]), ...);
    if constexpr (ColumnAfterStep(I) >= 0) {
      JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) { AddColumn<ColumnAfterStep(I)>(acc[k], ops[k].copies, ops[k].b); }
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

  static JPKI_IFMA_INLINE V LoadOperand(const Limb* a, int v) {
    constexpr int kLast = L - 8 * (NV - 1);
    if (v + 1 < NV || kLast == 8) return _mm512_loadu_si512(a + 8 * v);
    if constexpr (kLast == 4)
      return _mm512_zextsi256_si512(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + 8 * v)));
    return _mm512_maskz_loadu_epi64(static_cast<__mmask8>((1u << kLast) - 1), a + 8 * v);
  }

  static JPKI_IFMA_INLINE void RunInline(Limb* const* r, const Limb* const* a, const Limb* const* b,
                                         const MontParams* const* m) {
    const V zero = _mm512_setzero_si512();
    alignas(64) Limb copies[K][8 * kCopyStride];
    Acc acc[K];
    Operands ops[K];
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      V x[NV];
      for (int v = 0; v < NV; ++v) x[v] = LoadOperand(a[k], v);
      Limb* c = copies[k];
      for (int w = 0; w <= NV; ++w) {
        const V hi = w < NV ? x[w] : zero;
        const V lo = w > 0 ? x[w - 1] : zero;
        _mm512_store_si512(c + 8 * w, hi);
        // _mm512_alignr_epi64 needs an immediate: one store per shift, written out.
        _mm512_store_si512(c + 1 * kCopyStride + 8 * w, _mm512_alignr_epi64(hi, lo, 7));
        _mm512_store_si512(c + 2 * kCopyStride + 8 * w, _mm512_alignr_epi64(hi, lo, 6));
        _mm512_store_si512(c + 3 * kCopyStride + 8 * w, _mm512_alignr_epi64(hi, lo, 5));
        _mm512_store_si512(c + 4 * kCopyStride + 8 * w, _mm512_alignr_epi64(hi, lo, 4));
        _mm512_store_si512(c + 5 * kCopyStride + 8 * w, _mm512_alignr_epi64(hi, lo, 3));
        _mm512_store_si512(c + 6 * kCopyStride + 8 * w, _mm512_alignr_epi64(hi, lo, 2));
        _mm512_store_si512(c + 7 * kCopyStride + 8 * w, _mm512_alignr_epi64(hi, lo, 1));
      }
      if constexpr (kSquare) {
        // The diagonal: a_j^2 has its low half at limb 2j and its high half at 2j + 1.
        const V even = _mm512_set_epi64(11, 3, 10, 2, 9, 1, 8, 0);
        const V odd = _mm512_set_epi64(15, 7, 14, 6, 13, 5, 12, 4);
        for (int v = 0; v < NV; ++v) {
          const V lo = _mm512_madd52lo_epu64(zero, x[v], x[v]);
          const V hi = _mm512_madd52hi_epu64(zero, x[v], x[v]);
          acc[k].t[2 * v] = _mm512_permutex2var_epi64(lo, even, hi);
          acc[k].t[2 * v + 1] = _mm512_permutex2var_epi64(lo, odd, hi);
        }
      } else {
        for (int v = 0; v < kTop; ++v) acc[k].t[v] = zero;
      }
      ops[k] = Operands{c, b[k], &m[k]->n_shifted8[0][0]};
      AddColumn<0>(acc[k], c, b[k]);
      AddColumn<1>(acc[k], c, b[k]);
    }
    Chain ch[K];
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      ch[k].base = Lane<0>(acc[k].t[0]);
      ch[k].hi0 = 0;
      ch[k].k12 = m[k]->k0 << 12;
      ch[k].kn12 = (m[k]->k0 * m[k]->n[1]) << 12;
      ch[k].n0 = m[k]->n[0];
    }
    ReduceSteps(acc, ch, ops, std::make_integer_sequence<int, L>{});
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      // Limbs L .. 2L - 1, moved down to lane 0, plus the carry into limb L.
      constexpr int kFirst = L / 8, kOffset = L % 8;
      V res[NV];
      for (int w = 0; w < NV; ++w) {
        if constexpr (kOffset == 0) {
          res[w] = acc[k].t[kFirst + w];
        } else {
          const V above = kFirst + w + 1 < kTop ? acc[k].t[kFirst + w + 1] : zero;
          res[w] = _mm512_alignr_epi64(above, acc[k].t[kFirst + w], kOffset);
        }
      }
      res[0] = _mm512_add_epi64(res[0], _mm512_maskz_set1_epi64(1, static_cast<long long>(ch[k].base)));
      NormalizeIfma512<NV, L>(res, r[k]);
    }
  }
};

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_IFMA512_AMM_H_
