#ifndef JPKICORE_TESTS_CRYPTO_INTERNAL_ARITH_TEST_UTIL_H_
#define JPKICORE_TESTS_CRYPTO_INTERNAL_ARITH_TEST_UTIL_H_

// Helpers for the arithmetic tests: conversions between Botan's BigInt and limb arrays, random odd moduli, and the
// list of paths this CPU supports.

#include <botan/bigint.h>
#include <botan/rng.h>

#include <vector>

#include "crypto/arith_path.h"
#include "crypto/internal/limbs.h"

namespace jpki::crypto::internal::testing {

inline std::vector<ArithPath> SupportedPaths() {
  std::vector<ArithPath> paths;
  for (ArithPath p : {ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
    if (ArithPathSupported(p)) paths.push_back(p);
  }
  return paths;
}

// RandomOddModulus draws an odd number of exactly `bits` bits.
inline Botan::BigInt RandomOddModulus(Botan::RandomNumberGenerator& rng, size_t bits) {
  Botan::BigInt n(rng, bits, /*set_high_bit=*/true);
  n.set_bit(0);
  return n;
}

inline std::vector<Limb> ToLimbs(const Botan::BigInt& v, size_t limbs) {
  std::vector<Limb> out(limbs, 0);
  for (size_t i = 0; i < limbs; ++i) out[i] = v.word_at(i);
  return out;
}

inline Botan::BigInt FromLimbs(const Limb* v, size_t limbs) {
  Botan::BigInt out;
  for (size_t i = limbs; i > 0; --i) {
    out <<= 64;
    out += Botan::BigInt(v[i - 1]);
  }
  return out;
}

}  // namespace jpki::crypto::internal::testing

#endif  // JPKICORE_TESTS_CRYPTO_INTERNAL_ARITH_TEST_UTIL_H_
