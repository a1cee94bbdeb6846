#include "crypto/random.h"

#include <botan/hmac_drbg.h>
#include <botan/mac.h>
#include <botan/system_rng.h>

#include <mutex>

#include "base/botan_boundary.h"

namespace jpki::crypto {
namespace {

class SystemRandomSource final : public RandomSource {
 public:
  absl::Status Fill(absl::Span<uint8_t> out) override {
    return CallBotan("random", "system RNG", [&] { rng_.randomize(out.data(), out.size()); });
  }
  Botan::RandomNumberGenerator& botan_rng() override { return rng_; }

 private:
  Botan::System_RNG rng_;
};

class DeterministicRandomSource final : public RandomSource {
 public:
  explicit DeterministicRandomSource(uint64_t seed)
      : drbg_(Botan::MessageAuthenticationCode::create_or_throw("HMAC(SHA-256)")) {
    // HMAC_DRBG counts itself seeded only after security-level (256) bits of input, so the 64-bit seed is padded
    // with a fixed domain label to 32 bytes; the label adds no entropy, the seed is what makes runs differ.
    uint8_t seed_bytes[32] = "jpkicore deterministic rng";
    for (int i = 0; i < 8; ++i) seed_bytes[24 + i] = static_cast<uint8_t>(seed >> (56 - 8 * i));
    drbg_.initialize_with(seed_bytes, sizeof(seed_bytes));
  }
  absl::Status Fill(absl::Span<uint8_t> out) override {
    std::lock_guard<std::mutex> lock(mu_);
    return CallBotan("random", "deterministic RNG", [&] { drbg_.randomize(out.data(), out.size()); });
  }
  // Botan callers are serialised by the caller's own use; HMAC_DRBG itself is not thread-safe, so simulations that
  // share one source across threads must go through Fill.
  Botan::RandomNumberGenerator& botan_rng() override { return drbg_; }

 private:
  std::mutex mu_;
  Botan::HMAC_DRBG drbg_;
};

}  // namespace

RandomSource& SystemRandom() {
  static auto* source = new SystemRandomSource();
  return *source;
}

std::unique_ptr<RandomSource> NewDeterministicRandom(uint64_t seed) {
  return std::make_unique<DeterministicRandomSource>(seed);
}

absl::Status RandomBytes(absl::Span<uint8_t> out) { return SystemRandom().Fill(out); }

}  // namespace jpki::crypto
