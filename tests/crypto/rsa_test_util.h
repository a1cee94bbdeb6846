#ifndef JPKICORE_TESTS_CRYPTO_RSA_TEST_UTIL_H_
#define JPKICORE_TESTS_CRYPTO_RSA_TEST_UTIL_H_

// Test helpers for RSA: private numbers from (n, e, d) by the standard factoring of ed - 1 (NIST SP 800-56B
// appendix C, with Botan's BigInt), and a RandomSource that replays fixed bytes (to inject a known PSS salt).

#include <botan/system_rng.h>

#include <mutex>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/random.h"
#include "crypto/rsa_primitive.h"

namespace jpki::crypto::testing {

// NumbersFromNed recovers p and q from n, e, d and returns the full CRT numbers.
absl::StatusOr<RsaPrivateNumbers> NumbersFromNed(ByteView n, ByteView e, ByteView d);

// FixedRandom returns the given bytes, in order, to Fill (and fails when they run out). botan_rng() is the system
// RNG (only Fill is meant to be deterministic).
class FixedRandom : public RandomSource {
 public:
  explicit FixedRandom(Bytes bytes) : bytes_(std::move(bytes)) {}
  absl::Status Fill(absl::Span<uint8_t> out) override;
  Botan::RandomNumberGenerator& botan_rng() override { return system_; }

 private:
  std::mutex mu_;
  Bytes bytes_;
  size_t pos_ = 0;
  Botan::System_RNG system_;
};

}  // namespace jpki::crypto::testing

#endif  // JPKICORE_TESTS_CRYPTO_RSA_TEST_UTIL_H_
