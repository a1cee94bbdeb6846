#ifndef JPKICORE_CRYPTO_RANDOM_H_
#define JPKICORE_CRYPTO_RANDOM_H_

// Randomness for jpkicore: blinding factors, challenges, key generation. The default source is the operating
// system's (through Botan's System_RNG); a deterministic source can be installed for reproducible simulations
// (`jpki demo --seed N`), never in production paths that do not ask for it explicitly.

#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/types/span.h"

namespace Botan {
class RandomNumberGenerator;
}  // namespace Botan

namespace jpki::crypto {

// RandomSource produces random bytes. Implementations are thread-safe.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Fill writes random bytes over all of `out`; fails only if the underlying source fails.
  [[nodiscard]] virtual absl::Status Fill(absl::Span<uint8_t> out) = 0;
  // botan_rng exposes the source to Botan APIs (prime generation, PSS salts); never null.
  virtual Botan::RandomNumberGenerator& botan_rng() = 0;
};

// SystemRandom returns the process-wide operating-system source.
RandomSource& SystemRandom();

// NewDeterministicRandom returns a reproducible source seeded from `seed` (HMAC_DRBG over SHA-256). For simulations
// and tests only: the output is predictable by anyone who knows the seed.
std::unique_ptr<RandomSource> NewDeterministicRandom(uint64_t seed);

// RandomBytes fills `out` from SystemRandom().
[[nodiscard]] absl::Status RandomBytes(absl::Span<uint8_t> out);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_RANDOM_H_
