#ifndef JPKICORE_CRYPTO_INTERNAL_IFMA_NORMALIZE_H_
#define JPKICORE_CRYPTO_INTERNAL_IFMA_NORMALIZE_H_

// Shared by the AVX-512 IFMA kernels (radix 2^52, four 64-bit lanes per 256-bit vector): the target attribute that
// enables the instructions per function (every translation unit is built with the same flags, see mont_ifma.cc), the
// unrolling of interleaved operations, and the final carry propagation of an accumulator.
#include <immintrin.h>

#include "crypto/internal/limbs.h"

// The tuning matters as much as the features: under the build's generic tuning the compiler splits every unaligned
// 256-bit load and store in two 128-bit halves plus an insert/extract (a workaround for CPUs a decade older than
// IFMA), which added 20 shuffles to the RSA-2048 CRT squaring, 31 to the multiplication, and doubled the table
// lookup's time. Every CPU with IFMA (Ice Lake and later, Zen 4 and later) loads unaligned vectors at full speed.
#if defined(__clang__)
#define JPKI_IFMA_FEATURES "avx512f,avx512ifma,avx512vl,bmi2,tune=icelake-server"
#else
#define JPKI_IFMA_FEATURES "avx512f,avx512ifma,avx512vl,bmi2"
#endif
#define JPKI_IFMA_TARGET __attribute__((target(JPKI_IFMA_FEATURES)))
#define JPKI_IFMA_INLINE inline __attribute__((always_inline, target(JPKI_IFMA_FEATURES)))
// Loops over the K interleaved operations must unroll, so that each operation's accumulators are distinct registers
// rather than an array indexed at run time (which the compiler keeps in memory).
#if defined(__clang__)
#define JPKI_IFMA_UNROLL _Pragma("clang loop unroll(full)")
#else
#define JPKI_IFMA_UNROLL _Pragma("GCC unroll 4")
#endif

namespace jpki::crypto::internal {

inline constexpr Limb kMask52 = (Limb{1} << 52) - 1;

// NormalizeIfma turns NV vectors of lanes (each below 2^62) into 52-bit limbs of the same value (known to be below
// 2^(52 * 4 NV)) and stores them. One vector pass moves every lane's excess up one limb (lanes are then below 2^53);
// the carries that remain (0 or 1 per lane, rippling through lanes equal to 2^52 - 1) are resolved at once by
// carry-lookahead on bit masks: with G the lanes >= 2^52 and P the lanes == 2^52 - 1, the lanes receiving a carry are
// ((G << 1) + P) ^ P. No branch and no address depends on the values.
template <int NV>
JPKI_IFMA_INLINE void NormalizeIfma(__m256i* acc, Limb* out) {
  const __m256i mask = _mm256_set1_epi64x(static_cast<long long>(kMask52));
  const __m256i zero = _mm256_setzero_si256();
  __m256i carry[NV];
  for (int v = 0; v < NV; ++v) {
    carry[v] = _mm256_srli_epi64(acc[v], 52);
    acc[v] = _mm256_and_si256(acc[v], mask);
  }
  acc[0] = _mm256_add_epi64(acc[0], _mm256_alignr_epi64(carry[0], zero, 3));
  for (int v = 1; v < NV; ++v) acc[v] = _mm256_add_epi64(acc[v], _mm256_alignr_epi64(carry[v], carry[v - 1], 3));
  unsigned __int128 g = 0, p = 0;
  for (int v = NV - 1; v >= 0; --v) {
    g = (g << 4) | _mm256_cmpgt_epu64_mask(acc[v], mask);
    p = (p << 4) | _mm256_cmpeq_epu64_mask(acc[v], mask);
  }
  const unsigned __int128 c = ((g << 1) + p) ^ p;
  const __m256i one = _mm256_set1_epi64x(1);
  for (int v = 0; v < NV; ++v) {
    const __mmask8 kv = static_cast<__mmask8>((c >> (4 * v)) & 0xf);
    const __m256i x = _mm256_and_si256(_mm256_mask_add_epi64(acc[v], kv, acc[v], one), mask);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 4 * v), x);
  }
}

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_IFMA_NORMALIZE_H_
