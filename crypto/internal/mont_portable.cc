// The portable engine: radix 2^64 with unsigned __int128 products.
#include "crypto/internal/modexp.h"
#include "crypto/internal/mont.h"
#include "crypto/internal/mont64_impl.h"

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

using Impl = Mont64<PortableRow>;

}  // namespace

const MontEngine& PortableEngine() {
  static const MontEngine engine = {ArithPath::kPortable, 64,          &Impl::LimbsForBits, &Impl::Mul,
                                    &Impl::Sqr,           &Impl::Mul2, &Impl::Sqr2,         &CtTableLookup};
  return engine;
}

}  // namespace jpki::crypto::internal
