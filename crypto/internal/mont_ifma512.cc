// The AVX-512 IFMA engine for CPUs with 512-bit vector units (ArithPath::kIfma512): the 512-bit kernel of
// ifma512_amm.h at 20 limbs (RSA-2048's CRT halves, the hot path of RSA-2048 signing), and the 256-bit engine's
// kernels (mont_ifma.cc) at every other size. Both engines share the radix and MontParams, so a value may pass from
// one to the other.
#include <immintrin.h>

#include "crypto/internal/ifma512_amm.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto::internal {
namespace {

constexpr size_t kWideLimbs = 20;

void Mul(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
  if (m.limbs != kWideLimbs) return IfmaEngine().mul(r, a, b, m);
  Limb* rs[1] = {r};
  const Limb* as[1] = {a};
  const Limb* bs[1] = {b};
  const MontParams* ms[1] = {&m};
  Ifma512Amm<kWideLimbs, 1, false>::Run(rs, as, bs, ms);
}

void Sqr(Limb* r, const Limb* a, const MontParams& m) {
  if (m.limbs != kWideLimbs) return IfmaEngine().sqr(r, a, m);
  Limb* rs[1] = {r};
  const Limb* as[1] = {a};
  const MontParams* ms[1] = {&m};
  Ifma512Amm<kWideLimbs, 1, true>::Run(rs, as, as, ms);
}

void Mul2(Limb* r0, const Limb* a0, const Limb* b0, const MontParams& m0, Limb* r1, const Limb* a1, const Limb* b1,
          const MontParams& m1) {
  if (m0.limbs != kWideLimbs) return IfmaEngine().mul2(r0, a0, b0, m0, r1, a1, b1, m1);
  Limb* rs[2] = {r0, r1};
  const Limb* as[2] = {a0, a1};
  const Limb* bs[2] = {b0, b1};
  const MontParams* ms[2] = {&m0, &m1};
  Ifma512Amm<kWideLimbs, 2, false>::Run(rs, as, bs, ms);
}

void Sqr2(Limb* r0, const Limb* a0, const MontParams& m0, Limb* r1, const Limb* a1, const MontParams& m1) {
  if (m0.limbs != kWideLimbs) return IfmaEngine().sqr2(r0, a0, m0, r1, a1, m1);
  Limb* rs[2] = {r0, r1};
  const Limb* as[2] = {a0, a1};
  const MontParams* ms[2] = {&m0, &m1};
  Ifma512Amm<kWideLimbs, 2, true>::Run(rs, as, as, ms);
}

// The window's kernels are called, not inlined as in mont_ifma.cc's Window2: inlined here, RSA-2048 signing took
// 182-186 us against 142-144 (A/B on Zen 5).
void Window2(Limb* acc0, const Limb* entry0, const MontParams& m0, Limb* acc1, const Limb* entry1, const MontParams& m1,
             unsigned squarings) {
  if (m0.limbs != kWideLimbs) return IfmaEngine().window2(acc0, entry0, m0, acc1, entry1, m1, squarings);
  Limb* rs[2] = {acc0, acc1};
  const Limb* as[2] = {acc0, acc1};
  const Limb* bs[2] = {entry0, entry1};
  const MontParams* ms[2] = {&m0, &m1};
  for (unsigned s = 0; s < squarings; ++s) Ifma512Amm<kWideLimbs, 2, true>::Run(rs, as, as, ms);
  Ifma512Amm<kWideLimbs, 2, false>::Run(rs, as, bs, ms);
}

size_t LimbsForBits(size_t bits) { return IfmaEngine().limbs_for_bits(bits); }

void Lookup(const Limb* table, size_t entries, size_t stride, size_t limbs, size_t index, Limb* out) {
  IfmaEngine().lookup(table, entries, stride, limbs, index, out);
}

}  // namespace

const MontEngine& Ifma512Engine() {
  static const MontEngine engine = {
      ArithPath::kIfma512, 52, &LimbsForBits, &Mul, &Sqr, &Mul2, &Sqr2, &Window2, &Lookup};
  return engine;
}

}  // namespace jpki::crypto::internal
