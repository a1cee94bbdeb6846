#ifndef JPKICORE_CRYPTO_INTERNAL_MONT_PAIRS_H_
#define JPKICORE_CRYPTO_INTERNAL_MONT_PAIRS_H_

// SequentialPairs gives an engine whose kernels work on one operation at a time (the 64-bit engines: their scalar
// kernels gain nothing from interleaving two) the engine's two-operation entry points, run one after the other.

#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto::internal {

template <class Impl>
struct SequentialPairs {
  static void Mul2(Limb* r0, const Limb* a0, const Limb* b0, const MontParams& m0, Limb* r1, const Limb* a1,
                   const Limb* b1, const MontParams& m1) {
    Impl::Mul(r0, a0, b0, m0);
    Impl::Mul(r1, a1, b1, m1);
  }
  static void Sqr2(Limb* r0, const Limb* a0, const MontParams& m0, Limb* r1, const Limb* a1, const MontParams& m1) {
    Impl::Sqr(r0, a0, m0);
    Impl::Sqr(r1, a1, m1);
  }
};

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_MONT_PAIRS_H_
