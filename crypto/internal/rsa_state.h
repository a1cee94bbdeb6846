#ifndef JPKICORE_CRYPTO_INTERNAL_RSA_STATE_H_
#define JPKICORE_CRYPTO_INTERNAL_RSA_STATE_H_

// The precomputed state behind RsaPublicPrimitive and RsaPrivatePrimitive (crypto/rsa_primitive.h). Exposed inside
// crypto/ so that the constant-time test can mark every secret field for valgrind.

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "crypto/arith_path.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto {
class RsaPublicPrimitive;
}  // namespace jpki::crypto

namespace jpki::crypto::internal {

// Pairs of blinding factors made by one refill of RsaPrivateState::blind_pool.
inline constexpr size_t kBlindingPoolPairs = 16;

class RsaPublicState {
 public:
  size_t bits = 0;
  size_t bytes = 0;
  ArithPath path = ArithPath::kPortable;
  MontParams mod;  // n on its engine
  Limb e[kMax64] = {};
  size_t e_limbs = 0;
};

class RsaPrivateState {
 public:
  ~RsaPrivateState();
  std::unique_ptr<RsaPublicPrimitive> pub;
  // Secret: the CRT moduli on one engine with one limb count, the CRT exponents, qinv (p's radix, < p).
  MontParams mp, mq;
  size_t exp_bits = 0;  // bits scanned in dp and dq: the larger prime's bit length
  Limb dp[kMax64] = {}, dq[kMax64] = {};
  Limb qinv[kMaxLimbs] = {};
  // Blinding pair in Montgomery form mod n (n's radix): A = r^e and Ai = r^-1 for a random r. Secret.
  mutable std::mutex blinding_mu;
  mutable Limb blind_a[kMaxLimbs] = {}, blind_ai[kMaxLimbs] = {};
  mutable int blind_uses = -1;  // < 0: not yet generated
  // Fresh pairs for the next refreshes, made kBlindingPoolPairs at a time (one inversion for all of them): pair k is
  // A at blind_pool[2 k limbs], Ai after it; pairs 0 .. blind_pool_left - 1 are unused. Secret.
  mutable std::vector<Limb> blind_pool;
  mutable size_t blind_pool_left = 0;
  std::atomic<int> fault{0};  // tests: 1 corrupts the p half, 2 the q half
};

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_RSA_STATE_H_
