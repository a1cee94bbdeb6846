#ifndef JPKICORE_CRYPTO_RSA_BATCH_VERIFY_H_
#define JPKICORE_CRYPTO_RSA_BATCH_VERIFY_H_

// Batch verification: many RSA signatures (different keys, schemes and hashes) checked in one call, one status per
// item. The work is staged so that a multi-buffer implementation can replace the middle stage without changing the
// API: (1) hash every input, (2) run the public operations grouped by modulus size (one group = same-width
// arithmetic, which is what a multi-buffer kernel interleaves), (3) check every encoding.
//
//   std::vector<RsaBatchVerifyItem> items = ...;
//   std::vector<absl::Status> results = RsaBatchVerify(items);

#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "base/bytes.h"
#include "crypto/hash.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pss.h"

namespace jpki::crypto {

enum class RsaSignatureScheme { kPkcs1v15, kPss };
// SignedInput says whether `data` is the message itself or its precomputed digest.
enum class SignedInput { kMessage, kDigest };

struct RsaBatchVerifyItem {
  const RsaPublicKey* key = nullptr;  // not owned; must outlive the call
  RsaSignatureScheme scheme = RsaSignatureScheme::kPkcs1v15;
  HashAlgorithm hash = HashAlgorithm::kSha256;  // PKCS#1 v1.5 only (SHA-1 needs allow_legacy_sha1)
  PssOptions pss;                               // PSS only (its own hash, MGF1 hash and salt length)
  SignedInput input = SignedInput::kMessage;
  ByteView data;       // the message or the digest; not owned
  ByteView signature;  // not owned
};

struct RsaBatchVerifyOptions {
  bool allow_legacy_sha1 = false;  // as Pkcs1VerifyOptions::allow_legacy_sha1
};

// RsaBatchVerify returns, for each item in order, exactly what the single-item function would (RsaPkcs1Verify*,
// RsaPssVerify*): OK, the uniform signature error, kPolicyViolation for SHA-1 without the option, kInvalidArgument
// for a null key or a wrong digest size.
std::vector<absl::Status> RsaBatchVerify(absl::Span<const RsaBatchVerifyItem> items,
                                         const RsaBatchVerifyOptions& options = {});

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_RSA_BATCH_VERIFY_H_
