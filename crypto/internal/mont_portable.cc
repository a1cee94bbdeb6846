// The portable engine: radix 2^64 with unsigned __int128 products.
#include "crypto/internal/modexp.h"
#include "crypto/internal/mont.h"
#include "crypto/internal/mont64_shared.h"
#include "crypto/internal/mont_comba.h"
#include "crypto/internal/mont_karatsuba.h"

namespace jpki::crypto::internal {
namespace {

// Unrolled Comba kernels for the common sizes (the CRT halves and 2048-bit moduli), looped Comba for the rest.
struct Impl {
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
        return MontCombaLoop::Mul(r, a, b, m);
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
      case 48:
        return MontKaratsubaSqr<48, kStraightLineRedcAt48>::Sqr(r, a, m);
      case 64:
        return MontKaratsubaSqr<64, false>::Sqr(r, a, m);
      default:
        return MontCombaLoop::Sqr(r, a, m);
    }
  }
};

}  // namespace

const MontEngine& PortableEngine() {
  static const MontEngine engine = Radix64Engine<Impl>(ArithPath::kPortable);
  return engine;
}

}  // namespace jpki::crypto::internal
