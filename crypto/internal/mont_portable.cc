// The portable engine: radix 2^64 with unsigned __int128 products.
#include "crypto/internal/modexp.h"
#include "crypto/internal/mont.h"
#include "crypto/internal/mont64_impl.h"
#include "crypto/internal/mont_comba.h"

namespace jpki::crypto::internal {
namespace {

struct PortableRow {
  // MulAdd sets t[0..n) += a[0..n) * b and returns the carry limb.
  // kN is the modulus size when known at compile time (the row length n may be shorter, in squaring).
  template <size_t kN>
  static inline Limb MulAdd(Limb* t, const Limb* a, Limb b, size_t n) {
    Limb carry = 0;
    for (size_t j = 0; j < n; ++j) {
      const unsigned __int128 p = static_cast<unsigned __int128>(a[j]) * b + t[j] + carry;
      t[j] = static_cast<Limb>(p);
      carry = static_cast<Limb>(p >> 64);
    }
    return carry;
  }
};

// Comba kernels for the common sizes, rows (Mont64) for the rest.
struct Impl {
  template <size_t kN>
  static bool Dispatch(size_t limbs) {
    return limbs == kN;
  }
  static void Mul(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
    switch (m.limbs) {
      case 8:
        return MontComba<8>::Mul(r, a, b, m);
      case 16:
        return MontComba<16>::Mul(r, a, b, m);
      case 24:
        return MontComba<24>::Mul(r, a, b, m);
      case 32:
        return MontComba<32>::Mul(r, a, b, m);
      default:
        return Mont64<PortableRow>::Mul(r, a, b, m);
    }
  }
  static void Sqr(Limb* r, const Limb* a, const MontParams& m) {
    switch (m.limbs) {
      case 8:
        return MontComba<8>::Sqr(r, a, m);
      case 16:
        return MontComba<16>::Sqr(r, a, m);
      case 24:
        return MontComba<24>::Sqr(r, a, m);
      case 32:
        return MontComba<32>::Sqr(r, a, m);
      default:
        return Mont64<PortableRow>::Sqr(r, a, m);
    }
  }
  static void Mul2(Limb* r0, const Limb* a0, const Limb* b0, const MontParams& m0, Limb* r1, const Limb* a1,
                   const Limb* b1, const MontParams& m1) {
    Mul(r0, a0, b0, m0);
    Mul(r1, a1, b1, m1);
  }
  static void Sqr2(Limb* r0, const Limb* a0, const MontParams& m0, Limb* r1, const Limb* a1, const MontParams& m1) {
    Sqr(r0, a0, m0);
    Sqr(r1, a1, m1);
  }
  static size_t LimbsForBits(size_t bits) { return Mont64<PortableRow>::LimbsForBits(bits); }
};

}  // namespace

const MontEngine& PortableEngine() {
  static const MontEngine engine = {ArithPath::kPortable, 64,          &Impl::LimbsForBits, &Impl::Mul,
                                    &Impl::Sqr,           &Impl::Mul2, &Impl::Sqr2,         &CtTableLookup};
  return engine;
}

}  // namespace jpki::crypto::internal
