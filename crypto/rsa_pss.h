#ifndef JPKICORE_CRYPTO_RSA_PSS_H_
#define JPKICORE_CRYPTO_RSA_PSS_H_

// RSASSA-PSS (RFC 8017 section 8.1) with MGF1, any SHA-2 hash for both the message hash and MGF1 (they may differ).
// The salt length is explicit: by default it equals the hash length (RFC 8017 9.1 notes, and what JPKI profiles and
// most verifiers expect). Verification accepts a fixed salt length or, when asked, any salt length ("auto").

#include <cstddef>
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "crypto/rsa_key.h"

namespace jpki::crypto {

// PssSaltLength is either a fixed number of bytes or, for verification only, "auto".
class PssSaltLength {
 public:
  static PssSaltLength Fixed(size_t bytes) { return PssSaltLength(bytes); }
  static PssSaltLength Auto() { return PssSaltLength(std::nullopt); }
  bool is_auto() const { return !bytes_.has_value(); }
  // bytes is the fixed length (nullopt for auto).
  std::optional<size_t> bytes() const { return bytes_; }
  friend bool operator==(const PssSaltLength& a, const PssSaltLength& b) { return a.bytes_ == b.bytes_; }

 private:
  explicit PssSaltLength(std::optional<size_t> bytes) : bytes_(bytes) {}
  std::optional<size_t> bytes_;
};

// PssOptions: the hash, the MGF1 hash (nullopt = same as `hash`) and the salt length (nullopt = hash length).
struct PssOptions {
  SignatureHash hash = SignatureHash::kSha256;
  std::optional<SignatureHash> mgf1_hash;
  std::optional<PssSaltLength> salt_length;

  SignatureHash effective_mgf1_hash() const { return mgf1_hash.value_or(hash); }
  PssSaltLength effective_salt_length() const { return salt_length.value_or(PssSaltLength::Fixed(DigestSize(hash))); }
};

// RsaPssSign hashes `message` and signs it with a fresh salt from `salt_rng`. kInvalidArgument for an "auto" salt
// length or a salt that does not fit the modulus; kFaultDetected if verify-after-sign fails. Nothing is returned on
// failure.
absl::StatusOr<Bytes> RsaPssSign(const RsaPrivateKey& key, const PssOptions& options, ByteView message,
                                 RandomSource& salt_rng = SystemRandom());

// RsaPssSignDigest signs a precomputed message hash (DigestSize(options.hash) bytes).
absl::StatusOr<Bytes> RsaPssSignDigest(const RsaPrivateKey& key, const PssOptions& options, ByteView digest,
                                       RandomSource& salt_rng = SystemRandom());

// RsaPssVerify checks `signature` over `message`: OK or the uniform signature error.
absl::Status RsaPssVerify(const RsaPublicKey& key, const PssOptions& options, ByteView message, ByteView signature);

// RsaPssVerifyDigest checks `signature` over a precomputed message hash.
absl::Status RsaPssVerifyDigest(const RsaPublicKey& key, const PssOptions& options, ByteView digest,
                                ByteView signature);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_RSA_PSS_H_
