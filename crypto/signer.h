#ifndef JPKICORE_CRYPTO_SIGNER_H_
#define JPKICORE_CRYPTO_SIGNER_H_

// Tink-style signature interfaces: a Signer signs bytes, a Verifier checks a signature over bytes. Concrete classes
// are hidden behind factories; parameters are immutable objects whose enums cannot express weak choices (no SHA-1
// signing, no SHA-1 PSS; legacy SHA-1 PKCS#1 verification has its own, explicitly named factory).
//
// An ExternalSigner is an RSA key that lives elsewhere (a JPKI applet in a Secure Element, an HSM) and signs a ready
// DigestInfo. NewExternalRsaPkcs1Signer makes it a Signer like any local key, and checks every signature it returns
// against the external key's public key before releasing it.
//
//   auto signer = NewRsaPkcs1Signer(private_key, SignatureHash::kSha256);
//   absl::StatusOr<Bytes> signature = (*signer)->Sign(message);
//   auto verifier = NewRsaPkcs1Verifier(public_key, SignatureHash::kSha256);
//   absl::Status ok = (*verifier)->Verify(*signature, message);

#include <cstddef>
#include <memory>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/hash.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pss.h"

namespace jpki::crypto {

// Signer signs data. Implementations are thread-safe.
class Signer {
 public:
  virtual ~Signer() = default;
  // Sign returns the signature over `data`, or an error (then nothing was released).
  virtual absl::StatusOr<Bytes> Sign(ByteView data) const = 0;
};

// Verifier checks signatures. Implementations are thread-safe.
class Verifier {
 public:
  virtual ~Verifier() = default;
  // Verify returns OK when `signature` is valid over `data`, otherwise the uniform signature error
  // (ErrorCode::kBadSignature, "rsa: signature does not verify").
  virtual absl::Status Verify(ByteView signature, ByteView data) const = 0;
};

// RsaPssParameters: immutable PSS parameters, made by Builder. Defaults: SHA-256, MGF1 with the same hash, salt
// length = hash length.
class RsaPssParameters {
 public:
  class Builder {
   public:
    Builder& SetHash(SignatureHash hash) {
      options_.hash = hash;
      return *this;
    }
    Builder& SetMgf1Hash(SignatureHash hash) {
      options_.mgf1_hash = hash;
      return *this;
    }
    Builder& SetSaltLength(size_t bytes) {
      options_.salt_length = PssSaltLength::Fixed(bytes);
      return *this;
    }
    // SetAutoSaltLength: verification accepts any salt length. Signers refuse parameters built this way.
    Builder& SetAutoSaltLength() {
      options_.salt_length = PssSaltLength::Auto();
      return *this;
    }
    // Build fails with kInvalidArgument for a fixed salt longer than 4096 bytes (no key is that large).
    absl::StatusOr<RsaPssParameters> Build() const;

   private:
    PssOptions options_;
  };

  SignatureHash hash() const { return options_.hash; }
  SignatureHash mgf1_hash() const { return options_.effective_mgf1_hash(); }
  PssSaltLength salt_length() const { return options_.effective_salt_length(); }
  const PssOptions& options() const { return options_; }

 private:
  explicit RsaPssParameters(PssOptions options) : options_(options) {}
  PssOptions options_;
};

// Local keys. A key restricted to RSASSA-PSS (imported as id-RSASSA-PSS, see crypto/rsa_key.h) gives no PKCS#1 v1.5
// signer or verifier, and a PSS one only for parameters its restriction allows (kPolicyViolation otherwise).
absl::StatusOr<std::unique_ptr<Signer>> NewRsaPkcs1Signer(const RsaPrivateKey& key, SignatureHash hash);
absl::StatusOr<std::unique_ptr<Signer>> NewRsaPssSigner(const RsaPrivateKey& key, const RsaPssParameters& params);
absl::StatusOr<std::unique_ptr<Verifier>> NewRsaPkcs1Verifier(const RsaPublicKey& key, SignatureHash hash);
absl::StatusOr<std::unique_ptr<Verifier>> NewRsaPssVerifier(const RsaPublicKey& key, const RsaPssParameters& params);

// NewRsaPkcs1LegacySha1Verifier verifies sha1WithRSAEncryption signatures: only for old data that cannot be re-signed.
absl::StatusOr<std::unique_ptr<Verifier>> NewRsaPkcs1LegacySha1Verifier(const RsaPublicKey& key);

// ExternalSigner is an RSA PKCS#1 v1.5 key held outside this process.
class ExternalSigner {
 public:
  virtual ~ExternalSigner() = default;
  // SignDigestInfo returns the raw k-byte RSASSA-PKCS1-v1_5 signature over a DER DigestInfo (the data of the JPKI
  // applet's COMPUTE DIGITAL SIGNATURE). May be called from several threads; implementations serialise as needed.
  virtual absl::StatusOr<Bytes> SignDigestInfo(ByteView digest_info) const = 0;
  // public_key is the key the signatures must verify under.
  virtual const RsaPublicKey& public_key() const = 0;
};

// NewExternalRsaPkcs1Signer adapts `external` to Signer for `hash`: Sign hashes the data, builds the DigestInfo,
// asks the external key, and verifies the answer against external->public_key(). A signature that does not verify
// (a faulty card, a swapped key, a tampered channel) fails with kFaultDetected and is not returned.
absl::StatusOr<std::unique_ptr<Signer>> NewExternalRsaPkcs1Signer(std::shared_ptr<const ExternalSigner> external,
                                                                  SignatureHash hash);

// NewLocalExternalSigner exposes a local private key through the ExternalSigner interface (what a simulated Secure
// Element does), signing only well-formed SHA-2 DigestInfos.
std::shared_ptr<const ExternalSigner> NewLocalExternalSigner(const RsaPrivateKey& key);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_SIGNER_H_
