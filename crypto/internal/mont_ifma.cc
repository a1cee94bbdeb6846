// The AVX-512 IFMA engine: radix 2^52 ("almost Montgomery" multiplication, results in [0, 2n) with R >= 4n), four
// limbs per 256-bit vector, with two kernels: the two-phase one of ifma_split_amm.h and the shifting one here. In the
// shifting kernel (Amm) each step broadcasts one limb of b, accumulates the low halves of a*b_i and of n*m (m
// chosen so that the lowest limb vanishes), shifts the accumulator down by one limb and adds the high halves, which
// belong one limb up. Lanes are 64 bits wide, so carries are left in the lanes until the end (at most 4*L products of
// < 2^52 each per lane: below 2^61 for L <= 80). mul2/sqr2 run two independent multiplications (the CRT halves) in
// one loop where that hides the latency of the per-step m computation, and one after the other where the two sets of
// registers do not fit (AmmDispatch).
//
// Compiled with function target attributes, not per-file -m flags: every translation unit is built with the same
// flags (fuzz/oss_fuzz_build.sh), and these functions only run when cpuid reports AVX-512 F, IFMA and VL.
#include <immintrin.h>

#include <initializer_list>

#include "base/ct.h"
#include "crypto/internal/ifma_split_amm.h"
#include "crypto/internal/modexp.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto::internal {
namespace {

template <int NV, int K>
JPKI_IFMA_TARGET inline void Amm(Limb* const* r, const Limb* const* a, const Limb* const* b,
                                 const MontParams* const* m) {
  constexpr int L = 4 * NV;
  __m256i acc[K][NV], va[K][NV], vn[K][NV], k0[K];
  const __m256i zero = _mm256_setzero_si256();
  JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
    for (int v = 0; v < NV; ++v) {
      va[k][v] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k] + 4 * v));
      vn[k][v] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(m[k]->n + 4 * v));
      acc[k][v] = zero;
    }
    k0[k] = _mm256_set1_epi64x(static_cast<long long>(m[k]->k0));
  }
  for (int i = 0; i < L; ++i) {
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      const __m256i bi = _mm256_set1_epi64x(static_cast<long long>(b[k][i]));
      // The lowest vector is on the critical path (m depends on its lane 0): its products with b_i are formed off
      // the chain and added (1 cycle) instead of multiply-accumulated into it (4 cycles).
      const __m256i lo0 = _mm256_madd52lo_epu64(zero, va[k][0], bi);
      const __m256i hi0 = _mm256_madd52hi_epu64(zero, va[k][0], bi);
      acc[k][0] = _mm256_add_epi64(acc[k][0], lo0);
      for (int v = 1; v < NV; ++v) acc[k][v] = _mm256_madd52lo_epu64(acc[k][v], va[k][v], bi);
      const __m256i low = _mm256_broadcastq_epi64(_mm256_castsi256_si128(acc[k][0]));
      const __m256i mv = _mm256_madd52lo_epu64(zero, low, k0[k]);
      const __m256i nhi0 = _mm256_madd52hi_epu64(zero, vn[k][0], mv);
      for (int v = 0; v < NV; ++v) acc[k][v] = _mm256_madd52lo_epu64(acc[k][v], vn[k][v], mv);
      const __m256i carry = _mm256_maskz_srli_epi64(1, acc[k][0], 52);
      for (int v = 0; v + 1 < NV; ++v) acc[k][v] = _mm256_alignr_epi64(acc[k][v + 1], acc[k][v], 1);
      acc[k][NV - 1] = _mm256_alignr_epi64(zero, acc[k][NV - 1], 1);
      acc[k][0] = _mm256_add_epi64(_mm256_add_epi64(acc[k][0], carry), _mm256_add_epi64(hi0, nhi0));
      for (int v = 1; v < NV; ++v) {
        acc[k][v] = _mm256_madd52hi_epu64(acc[k][v], va[k][v], bi);
        acc[k][v] = _mm256_madd52hi_epu64(acc[k][v], vn[k][v], mv);
      }
    }
  }
  JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) NormalizeIfma<NV>(acc[k], r[k]);
}

// AmmEarly is Amm with the products of a and b taken off the accumulators' dependency chains. In Amm each
// accumulator vector goes through four multiply-adds and a shift per step (lo(a b_i), lo(n m_i), shift, hi(a b_i),
// hi(n m_i)), four 4-cycle latencies in a row. Here hi(a b_i) + lo(a b_(i+1)) is formed in a separate sum from zero
// while m_i is being computed and joins the shifted accumulator in one addition, which leaves two multiply-adds on the
// chain. Same multiply-adds, same sums, bit-identical results. It needs NV more registers per operation: used for the
// RSA-2048 pair (176 -> 168 ns alone, 160 in the signing loop), while at 32 and 40 limbs it spills (622 against 387
// ns at 32).
template <int NV, int K>
JPKI_IFMA_INLINE void AmmEarly(Limb* const* r, const Limb* const* a, const Limb* const* b, const MontParams* const* m) {
  constexpr int L = 4 * NV;
  __m256i acc[K][NV], va[K][NV], vn[K][NV], k0[K], bi[K];
  const __m256i zero = _mm256_setzero_si256();
  JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
    bi[k] = _mm256_set1_epi64x(static_cast<long long>(b[k][0]));
    for (int v = 0; v < NV; ++v) {
      va[k][v] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a[k] + 4 * v));
      vn[k][v] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(m[k]->n + 4 * v));
      acc[k][v] = _mm256_madd52lo_epu64(zero, va[k][v], bi[k]);
    }
    k0[k] = _mm256_set1_epi64x(static_cast<long long>(m[k]->k0));
  }
  for (int i = 0; i < L; ++i) {
    JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) {
      const __m256i next = _mm256_set1_epi64x(i + 1 < L ? static_cast<long long>(b[k][i + 1]) : 0);
      const __m256i low = _mm256_broadcastq_epi64(_mm256_castsi256_si128(acc[k][0]));
      const __m256i mv = _mm256_madd52lo_epu64(zero, low, k0[k]);
      __m256i later[NV];
      for (int v = 0; v < NV; ++v) {
        later[v] = _mm256_madd52lo_epu64(_mm256_madd52hi_epu64(zero, va[k][v], bi[k]), va[k][v], next);
      }
      for (int v = 0; v < NV; ++v) acc[k][v] = _mm256_madd52lo_epu64(acc[k][v], vn[k][v], mv);
      for (int v = 0; v < NV; ++v) later[v] = _mm256_madd52hi_epu64(later[v], vn[k][v], mv);
      const __m256i carry = _mm256_maskz_srli_epi64(1, acc[k][0], 52);
      later[0] = _mm256_add_epi64(later[0], carry);
      for (int v = 0; v + 1 < NV; ++v) {
        acc[k][v] = _mm256_add_epi64(_mm256_alignr_epi64(acc[k][v + 1], acc[k][v], 1), later[v]);
      }
      acc[k][NV - 1] = _mm256_add_epi64(_mm256_alignr_epi64(zero, acc[k][NV - 1], 1), later[NV - 1]);
      bi[k] = next;
    }
  }
  JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) NormalizeIfma<NV>(acc[k], r[k]);
}

// Each (size, interleave, square) combination uses whichever kernel measured faster on AVX-512 IFMA hardware
// (bench/mont_bench): the shifting kernels (Amm, AmmEarly) interleave the product with the reduction, the two-phase
// kernel (ifma_split_amm.h) has a dedicated squaring and a scalar reduction chain but needs more registers, so it wins
// for squaring at 12 to 40 limbs and for single multiplication at 12 to 32 limbs. At 20 limbs the two-phase pair of
// multiplications is faster alone (163-169 against 176-180 ns for Amm) but made RSA-2048 signing 9% slower,
// presumably because its unrolled code beside the squaring's no longer fits the instruction caches of the
// exponentiation loop.
//
// OneAtATime runs the K operations one after another through the single-operation kernel. Interleaving two
// operations pays only while both sets of accumulators and operands fit the 32 vector registers: measured on Zen 4
// (pinned, pairs of operations), two split squarings at 32 limbs take 345 ns against 385 interleaved, at 40 limbs
// 474-545 against 607, and at 64 and 80 limbs the interleaved kernels spill so much that one at a time is 1.4 times
// faster (1454 against 2050 ns and 2476 against 3423 for squarings, about the same for products).
template <int K, class Kernel>
JPKI_IFMA_INLINE void OneAtATime(Limb* const* r, const Limb* const* a, const Limb* const* b, const MontParams* const* m,
                                 Kernel kernel) {
  JPKI_IFMA_UNROLL for (int k = 0; k < K; ++k) kernel(r + k, a + k, b + k, m + k);
}

template <int K, bool kSquare>
JPKI_IFMA_TARGET void AmmDispatch(Limb* const* r, const Limb* const* a, const Limb* const* b,
                                  const MontParams* const* m) {
  switch (m[0]->limbs) {
    case 12:
      if constexpr (K == 1 || kSquare) return IfmaSplitAmm<3, K, kSquare>::Run(r, a, b, m);
      return Amm<3, K>(r, a, b, m);
    case 20:
      if constexpr (K == 1 || kSquare) return IfmaSplitAmm<5, K, kSquare>::Run(r, a, b, m);
      return AmmEarly<5, K>(r, a, b, m);
    case 32:
      if constexpr (kSquare) return OneAtATime<K>(r, a, b, m, IfmaSplitAmm<8, 1, true>::Run);
      if constexpr (K == 1) {
        return IfmaSplitAmm<8, 1, false>::Run(r, a, b, m);
      }
      return Amm<8, K>(r, a, b, m);
    case 40:
      if constexpr (kSquare) return OneAtATime<K>(r, a, b, m, IfmaSplitAmm<10, 1, true>::Run);
      return Amm<10, K>(r, a, b, m);
    case 64:
      return OneAtATime<K>(r, a, b, m, Amm<16, 1>);
    case 80:
      return OneAtATime<K>(r, a, b, m, Amm<20, 1>);
    default:
      __builtin_trap();  // limbs_for_bits never returns another count
  }
}

void Mul(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
  Limb* rs[1] = {r};
  const Limb* as[1] = {a};
  const Limb* bs[1] = {b};
  const MontParams* ms[1] = {&m};
  AmmDispatch<1, false>(rs, as, bs, ms);
}

void Sqr(Limb* r, const Limb* a, const MontParams& m) {
  Limb* rs[1] = {r};
  const Limb* as[1] = {a};
  const MontParams* ms[1] = {&m};
  AmmDispatch<1, true>(rs, as, as, ms);
}

void Mul2(Limb* r0, const Limb* a0, const Limb* b0, const MontParams& m0, Limb* r1, const Limb* a1, const Limb* b1,
          const MontParams& m1) {
  Limb* rs[2] = {r0, r1};
  const Limb* as[2] = {a0, a1};
  const Limb* bs[2] = {b0, b1};
  const MontParams* ms[2] = {&m0, &m1};
  AmmDispatch<2, false>(rs, as, bs, ms);
}

void Sqr2(Limb* r0, const Limb* a0, const MontParams& m0, Limb* r1, const Limb* a1, const MontParams& m1) {
  Limb* rs[2] = {r0, r1};
  const Limb* as[2] = {a0, a1};
  const MontParams* ms[2] = {&m0, &m1};
  AmmDispatch<2, true>(rs, as, as, ms);
}

// At 20 limbs (RSA-2048's CRT halves) the window runs its kernels inline, in one function: no AmmDispatch and no
// pointer arrays around each operation (RSA-2048 signing about 1% faster), and the squaring and multiplication code
// keep one layout relative to each other. That layout matters, presumably because the 14 KB straight-line squaring
// fills much of the micro-op cache: with the two kernels as separate functions, builds that only moved them relative
// to each other measured from 203 to 299 us per RSA-2048 signature. Aligned to a cache line so that the window's
// layout within lines does not change with unrelated code before it: when the squaring loop's first instruction
// landed 16 bytes into a line, RSA-2048 signing took 216-220 us, against 203 us at offsets 0, 32 and 48.
JPKI_IFMA_TARGET __attribute__((aligned(64))) void Window2(Limb* acc0, const Limb* entry0, const MontParams& m0,
                                                           Limb* acc1, const Limb* entry1, const MontParams& m1,
                                                           unsigned squarings) {
  Limb* rs[2] = {acc0, acc1};
  const Limb* as[2] = {acc0, acc1};
  const Limb* bs[2] = {entry0, entry1};
  const MontParams* ms[2] = {&m0, &m1};
  if (m0.limbs == 20) {
    for (unsigned s = 0; s < squarings; ++s) IfmaSplitAmm<5, 2, true>::RunInline(rs, as, as, ms);
    return AmmEarly<5, 2>(rs, as, bs, ms);
  }
  for (unsigned s = 0; s < squarings; ++s) AmmDispatch<2, true>(rs, as, as, ms);
  AmmDispatch<2, false>(rs, as, bs, ms);
}

// LookupN reads every row of the table (NV vectors each) and keeps the one whose position equals `index` with a
// masked move: no branch and no address depends on the index. Every row is loaded whole and unmasked and the masked
// move is between registers, so the memory accesses are the same for every index. Left to itself, clang folds the
// load into the move, a merge-masked load that reads the rows it does not select with an all-zero mask, and no
// vendor documents that such a load still touches memory. The separate move cost nothing this machine could
// measure: RSA-2048 signing A/B minima of 202.2-203.7 us against 201.1-204.3 with the folded load, four rounds on
// Zen 4.
template <int NV>
JPKI_IFMA_TARGET inline void LookupN(const Limb* table, size_t entries, size_t stride, size_t index, Limb* out) {
  __m256i acc[NV];
  for (int v = 0; v < NV; ++v) acc[v] = _mm256_setzero_si256();
  const __m256i want = _mm256_set1_epi64x(static_cast<long long>(index));
  __m256i pos = _mm256_setzero_si256();
  const __m256i one = _mm256_set1_epi64x(1);
  for (size_t e = 0; e < entries; ++e) {
    const __mmask8 hit = _mm256_cmpeq_epi64_mask(pos, want);
    const Limb* row = table + e * stride;
    for (int v = 0; v < NV; ++v) {
      __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + 4 * v));
      __asm__("" : "+v"(x));  // an opaque use: keeps the load apart from the masked move
      acc[v] = _mm256_mask_mov_epi64(acc[v], hit, x);
    }
    pos = _mm256_add_epi64(pos, one);
  }
  for (int v = 0; v < NV; ++v) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 4 * v), acc[v]);
}

JPKI_IFMA_TARGET void Lookup(const Limb* table, size_t entries, size_t stride, size_t limbs, size_t index, Limb* out) {
  switch (limbs) {
    case 12:
      return LookupN<3>(table, entries, stride, index, out);
    case 20:
      return LookupN<5>(table, entries, stride, index, out);
    case 32:
      return LookupN<8>(table, entries, stride, index, out);
    case 40:
      return LookupN<10>(table, entries, stride, index, out);
    case 64:
      return LookupN<16>(table, entries, stride, index, out);
    case 80:
      return LookupN<20>(table, entries, stride, index, out);
    default:
      return CtTableLookup(table, entries, stride, limbs, index, out);
  }
}

size_t LimbsForBits(size_t bits) {
  // R = 2^(52 L) >= 4n keeps almost-Montgomery results below 2n.
  for (size_t limbs : {12, 20, 32, 40, 64, 80}) {
    if (52 * limbs >= bits + 2) return limbs;
  }
  return 0;
}

}  // namespace

const MontEngine& IfmaEngine() {
  static const MontEngine engine = {ArithPath::kIfma, 52, &LimbsForBits, &Mul, &Sqr, &Mul2, &Sqr2, &Window2, &Lookup};
  return engine;
}

}  // namespace jpki::crypto::internal
