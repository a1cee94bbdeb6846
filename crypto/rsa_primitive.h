#ifndef JPKICORE_CRYPTO_RSA_PRIMITIVE_H_
#define JPKICORE_CRYPTO_RSA_PRIMITIVE_H_

// The raw RSA primitives (RFC 8017 RSAEP/RSAVP1 and RSADP/RSASP1) over jpkicore's own constant-time multi-precision
// arithmetic. No padding here: the key and signature layers (crypto/rsa_*.h) sit on top.
//
// Three implementations of the Montgomery arithmetic exist and produce identical results (crypto/arith_path.h):
// portable C++ (64-bit limbs), x86-64 MULX/ADCX/ADOX, and AVX-512 IFMA (52-bit limbs). ArithPath::kAuto picks the
// best one the CPU supports; the environment variable JPKICORE_ARITH=portable|mulx|ifma overrides kAuto.

#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"
#include "crypto/arith_path.h"
#include "crypto/random.h"

namespace jpki::crypto {

namespace internal {
class RsaPublicState;
class RsaPrivateState;
}  // namespace internal

// RsaPublicPrimitive computes RSAEP/RSAVP1 (x^e mod n) with precomputed Montgomery constants. Immutable and
// thread-safe after Create. e = 65537 takes a dedicated path (16 squarings and one multiplication).
class RsaPublicPrimitive {
 public:
  // Create takes n and e as big-endian magnitudes (leading zero bytes allowed). Fails with kInvalidArgument unless n
  // is odd with 512..16384 bits and e is odd with 3 <= e < n; kUnsupported if `path` cannot run on this CPU. Size
  // policy (2048+ bits) is the key layer's job.
  static absl::StatusOr<std::unique_ptr<RsaPublicPrimitive>> Create(ByteView n, ByteView e,
                                                                    ArithPath path = ArithPath::kAuto);
  ~RsaPublicPrimitive();
  RsaPublicPrimitive(const RsaPublicPrimitive&) = delete;
  RsaPublicPrimitive& operator=(const RsaPublicPrimitive&) = delete;

  size_t modulus_bits() const;
  size_t modulus_bytes() const;
  // path returns the concrete arithmetic path in use (never kAuto).
  ArithPath path() const;

  // Apply computes out = in^e mod n. `in` must have exactly modulus_bytes() bytes and be < n, and `out` must have
  // modulus_bytes() bytes; otherwise fails with kInvalidArgument (wrong lengths) or kBadSignature (in >= n, so that a
  // verifier can pass the error on unchanged) and leaves `out` zeroed. Constant time in `in`.
  [[nodiscard]] absl::Status Apply(ByteView in, absl::Span<uint8_t> out) const;

  // internal_state is for the private primitive and tests in crypto/internal; not a stable API.
  const internal::RsaPublicState& internal_state() const { return *state_; }

 private:
  explicit RsaPublicPrimitive(std::unique_ptr<internal::RsaPublicState> state);
  std::unique_ptr<internal::RsaPublicState> state_;
};

// RsaPrivateNumbers are the PKCS#1 RSAPrivateKey components as big-endian magnitudes.
struct RsaPrivateNumbers {
  Bytes n, e;
  SecretBytes d, p, q, dp, dq, qinv;
};

// RsaPrivatePrimitive computes RSADP/RSASP1 (x^d mod n) by CRT with Garner recombination, constant time in the key
// and in the input, with base blinding and verify-after-compute. Thread-safe after Create (the blinding state is
// internally locked).
class RsaPrivatePrimitive {
 public:
  // Create validates the key and precomputes the Montgomery constants. Fails with kInvalidArgument when the numbers
  // are inconsistent: p*q != n, p == q, p or q even or < 3, primes unbalanced (bit lengths differ by more than 16),
  // dp != d mod (p-1), dq != d mod (q-1), e*dp != 1 mod (p-1), e*dq != 1 mod (q-1) (the CRT form of
  // e*d = 1 mod lcm(p-1, q-1)), qinv*q != 1 mod p, d == 0 or d >= n; or with the public-key errors of
  // RsaPublicPrimitive::Create. The checks run on Botan's BigInt with ct_modulo (constant time in the values); only
  // the bit lengths of the components can leak, which the modulus size already reveals.
  static absl::StatusOr<std::unique_ptr<RsaPrivatePrimitive>> Create(const RsaPrivateNumbers& numbers,
                                                                     ArithPath path = ArithPath::kAuto);
  ~RsaPrivatePrimitive();
  RsaPrivatePrimitive(const RsaPrivatePrimitive&) = delete;
  RsaPrivatePrimitive& operator=(const RsaPrivatePrimitive&) = delete;

  const RsaPublicPrimitive& public_primitive() const;
  size_t modulus_bits() const { return public_primitive().modulus_bits(); }
  size_t modulus_bytes() const { return public_primitive().modulus_bytes(); }
  ArithPath path() const { return public_primitive().path(); }

  // Apply computes out = in^d mod n. `in` must have exactly modulus_bytes() bytes and be < n; `out` must have
  // modulus_bytes() bytes (else kInvalidArgument). The input is blinded with r^e for a random r (the pair r^e, r^-1
  // is updated by squaring on every call and replaced every 32 calls from a pool that `rng` refills 16 pairs at a
  // time), the two CRT halves run in lock-step through a constant-time fixed-window exponentiation, and the result is
  // checked with the public key before it is released: on mismatch the call fails with kFaultDetected and `out` is
  // zeroed. On any failure `out` is zeroed.
  [[nodiscard]] absl::Status Apply(ByteView in, absl::Span<uint8_t> out, RandomSource& rng = SystemRandom()) const;

  // InjectFaultForTesting makes every following Apply corrupt one CRT half (the p half when `corrupt_p_half`, else
  // the q half), to prove that the fault check catches it. Tests only.
  void InjectFaultForTesting(bool corrupt_p_half);

  // internal_state is for crypto/internal and its tests; not a stable API.
  const internal::RsaPrivateState& internal_state() const { return *state_; }

 private:
  explicit RsaPrivatePrimitive(std::unique_ptr<internal::RsaPrivateState> state);
  std::unique_ptr<internal::RsaPrivateState> state_;
};

// GenerateRsaPrivateNumbers generates a fresh key of `bits` in {1024 (tests only), 2048, 3072, 4096} with public
// exponent `e` (odd, 3 <= e < 2^32; 65537 is what jpkicore uses): two balanced primes from Botan's
// generate_rsa_prime, n with exactly `bits` bits, d = e^-1 mod lcm(p-1, q-1), and the CRT components.
// kInvalidArgument for other sizes or exponents; kInternal if the random source fails.
absl::StatusOr<RsaPrivateNumbers> GenerateRsaPrivateNumbers(size_t bits, uint64_t e, RandomSource& rng);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_RSA_PRIMITIVE_H_
