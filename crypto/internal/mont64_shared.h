#ifndef JPKICORE_CRYPTO_INTERNAL_MONT64_SHARED_H_
#define JPKICORE_CRYPTO_INTERNAL_MONT64_SHARED_H_

// What the two radix-2^64 engines (portable and MULX) share around their kernels: the limb count for a modulus, the
// final masked subtraction, the two-operation entry points, run one after the other (their scalar kernels gain
// nothing from interleaving two), and the engine table built from a kernel set.

#include <cstddef>

#include "base/ct.h"
#include "crypto/arith_path.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/modexp.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto::internal {

// Radix64LimbsForBits: 64-bit limbs for a modulus of `bits` bits, or 0 above the largest supported modulus.
inline size_t Radix64LimbsForBits(size_t bits) {
  const size_t limbs = (bits + 63) / 64;
  return limbs <= kMax64 ? limbs : 0;
}

// FinalSubtract sets r = out + carry 2^(64 n) reduced once by the modulus mn: r = out - mn unless that borrows past
// the carry limb. Fixed length and masked (constant time).
inline void FinalSubtract(Limb* r, const Limb* out, const Limb* mn, size_t n, Limb carry) {
  Limb t[kMax64];
  unsigned long long borrow = 0;
  for (size_t i = 0; i < n; ++i) t[i] = __builtin_subcll(out[i], mn[i], borrow, &borrow);
  const Limb keep_out = ct::MaskFromBit<Limb>(borrow & (carry ^ 1));
  for (size_t i = 0; i < n; ++i) r[i] = (out[i] & keep_out) | (t[i] & ~keep_out);
}

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
  static void Window2(Limb* acc0, const Limb* entry0, const MontParams& m0, Limb* acc1, const Limb* entry1,
                      const MontParams& m1, unsigned squarings) {
    for (unsigned s = 0; s < squarings; ++s) Impl::Sqr(acc0, acc0, m0);
    Impl::Mul(acc0, acc0, entry0, m0);
    for (unsigned s = 0; s < squarings; ++s) Impl::Sqr(acc1, acc1, m1);
    Impl::Mul(acc1, acc1, entry1, m1);
  }
};

// Radix64Engine is the engine of a kernel set Impl (static Mul and Sqr) in radix 2^64, with the generic masked table
// lookup.
template <class Impl>
MontEngine Radix64Engine(ArithPath path) {
  return MontEngine{path,
                    64,
                    &Radix64LimbsForBits,
                    &Impl::Mul,
                    &Impl::Sqr,
                    &SequentialPairs<Impl>::Mul2,
                    &SequentialPairs<Impl>::Sqr2,
                    &SequentialPairs<Impl>::Window2,
                    &CtTableLookup};
}

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_MONT64_SHARED_H_
