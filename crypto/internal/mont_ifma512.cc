// The AVX-512 IFMA engine for CPUs with 512-bit vector units (ArithPath::kIfma512): the 512-bit kernel of
// ifma512_amm.h at 20 limbs (RSA-2048's CRT halves, the hot path of RSA-2048 signing), and the 256-bit engine's
// kernels (mont_ifma.cc) at every other size. Both engines share the radix and MontParams, so a value may pass from
// one to the other.
#include <immintrin.h>

#include "crypto/internal/ifma512_amm.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto::internal {
namespace {

// Dispatch runs the 512-bit kernel where it measured faster than the 256-bit engine (mont_bench, pinned, Zen 5) and
// returns true, or returns false:
//
//   limbs  operation        512-bit  256-bit (ns)
//   20     mul, sqr         90       83-84      single operations stay on 256 bits
//          mul2, sqr2       116, 99  135, 111
//   32     mul, sqr         135, 132 169, 135
//          mul2, sqr2       244, 218 317, 253
//   40     mul, sqr         173, 168 270, 191
//          mul2, sqr2       2 x 173, 296 (475 interleaved: the two sets of accumulators spill)   494, 381
template <int K, bool kSquare>
JPKI_IFMA_TARGET bool Dispatch(Limb* const* r, const Limb* const* a, const Limb* const* b, const MontParams* const* m) {
  switch (m[0]->limbs) {
    case 20:
      if constexpr (K == 1) return false;
      Ifma512Amm<20, K, kSquare>::Run(r, a, b, m);
      return true;
    case 32:
      Ifma512Amm<32, K, kSquare>::Run(r, a, b, m);
      return true;
    case 40:
      if constexpr (K == 2 && !kSquare) {
        for (int k = 0; k < K; ++k) Ifma512Amm<40, 1, false>::Run(r + k, a + k, b + k, m + k);
      } else {
        Ifma512Amm<40, K, kSquare>::Run(r, a, b, m);
      }
      return true;
    default:
      return false;
  }
}

void Mul(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
  Limb* rs[1] = {r};
  const Limb* as[1] = {a};
  const Limb* bs[1] = {b};
  const MontParams* ms[1] = {&m};
  if (!Dispatch<1, false>(rs, as, bs, ms)) IfmaEngine().mul(r, a, b, m);
}

void Sqr(Limb* r, const Limb* a, const MontParams& m) {
  Limb* rs[1] = {r};
  const Limb* as[1] = {a};
  const MontParams* ms[1] = {&m};
  if (!Dispatch<1, true>(rs, as, as, ms)) IfmaEngine().sqr(r, a, m);
}

void Mul2(Limb* r0, const Limb* a0, const Limb* b0, const MontParams& m0, Limb* r1, const Limb* a1, const Limb* b1,
          const MontParams& m1) {
  Limb* rs[2] = {r0, r1};
  const Limb* as[2] = {a0, a1};
  const Limb* bs[2] = {b0, b1};
  const MontParams* ms[2] = {&m0, &m1};
  if (!Dispatch<2, false>(rs, as, bs, ms)) IfmaEngine().mul2(r0, a0, b0, m0, r1, a1, b1, m1);
}

void Sqr2(Limb* r0, const Limb* a0, const MontParams& m0, Limb* r1, const Limb* a1, const MontParams& m1) {
  Limb* rs[2] = {r0, r1};
  const Limb* as[2] = {a0, a1};
  const MontParams* ms[2] = {&m0, &m1};
  if (!Dispatch<2, true>(rs, as, as, ms)) IfmaEngine().sqr2(r0, a0, m0, r1, a1, m1);
}

// The window's kernels are called, not inlined as in mont_ifma.cc's Window2: inlined here, RSA-2048 signing took
// 182-186 us against 142-144 (A/B on Zen 5).
void Window2(Limb* acc0, const Limb* entry0, const MontParams& m0, Limb* acc1, const Limb* entry1, const MontParams& m1,
             unsigned squarings) {
  for (unsigned s = 0; s < squarings; ++s) Sqr2(acc0, acc0, m0, acc1, acc1, m1);
  Mul2(acc0, acc0, entry0, m0, acc1, acc1, entry1, m1);
}

size_t LimbsForBits(size_t bits) { return IfmaEngine().limbs_for_bits(bits); }

// LookupRows is mont_ifma.cc's LookupN on 512-bit vectors (L limbs per row: L / 8 whole vectors and, when L is not a
// multiple of 8, a 256-bit one for the last four limbs): every row loaded whole and unmasked, the selection a
// register-to-register masked move (mont_ifma.cc says why).
template <int L>
JPKI_IFMA_TARGET void LookupRows(const Limb* table, size_t entries, size_t stride, size_t index, Limb* out) {
  static_assert(L % 4 == 0);
  constexpr int kWhole = L / 8;
  constexpr bool kHalf = L % 8 != 0;
  __m512i acc[kWhole];
  for (int v = 0; v < kWhole; ++v) acc[v] = _mm512_setzero_si512();
  __m256i tail = _mm256_setzero_si256();
  const __m512i want = _mm512_set1_epi64(static_cast<long long>(index));
  __m512i pos = _mm512_setzero_si512();
  const __m512i one = _mm512_set1_epi64(1);
  for (size_t e = 0; e < entries; ++e) {
    const __mmask8 hit = _mm512_cmpeq_epi64_mask(pos, want);
    const Limb* row = table + e * stride;
    for (int v = 0; v < kWhole; ++v) {
      __m512i x = _mm512_loadu_si512(row + 8 * v);
      __asm__("" : "+v"(x));  // an opaque use: keeps the load apart from the masked move
      acc[v] = _mm512_mask_mov_epi64(acc[v], hit, x);
    }
    if constexpr (kHalf) {
      __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + 8 * kWhole));
      __asm__("" : "+v"(x));
      tail = _mm256_mask_mov_epi64(tail, hit, x);
    }
    pos = _mm512_add_epi64(pos, one);
  }
  for (int v = 0; v < kWhole; ++v) _mm512_storeu_si512(out + 8 * v, acc[v]);
  if constexpr (kHalf) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 8 * kWhole), tail);
}

void Lookup(const Limb* table, size_t entries, size_t stride, size_t limbs, size_t index, Limb* out) {
  switch (limbs) {
    case 20:
      return LookupRows<20>(table, entries, stride, index, out);
    case 32:
      return LookupRows<32>(table, entries, stride, index, out);
    case 40:
      return LookupRows<40>(table, entries, stride, index, out);
    default:
      return IfmaEngine().lookup(table, entries, stride, limbs, index, out);
  }
}

}  // namespace

const MontEngine& Ifma512Engine() {
  static const MontEngine engine = {
      ArithPath::kIfma512, 52, &LimbsForBits, &Mul, &Sqr, &Mul2, &Sqr2, &Window2, &Lookup};
  return engine;
}

}  // namespace jpki::crypto::internal
