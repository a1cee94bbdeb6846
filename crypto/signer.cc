#include "crypto/signer.h"

#include <utility>

#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/emsa_pkcs1.h"
#include "crypto/rsa_pkcs1.h"

namespace jpki::crypto {
namespace {

class RsaPkcs1SignerImpl final : public Signer {
 public:
  RsaPkcs1SignerImpl(RsaPrivateKey key, SignatureHash hash) : key_(std::move(key)), hash_(hash) {}
  absl::StatusOr<Bytes> Sign(ByteView data) const override { return RsaPkcs1Sign(key_, hash_, data); }

 private:
  RsaPrivateKey key_;
  SignatureHash hash_;
};

class RsaPssSignerImpl final : public Signer {
 public:
  RsaPssSignerImpl(RsaPrivateKey key, PssOptions options) : key_(std::move(key)), options_(options) {}
  absl::StatusOr<Bytes> Sign(ByteView data) const override { return RsaPssSign(key_, options_, data); }

 private:
  RsaPrivateKey key_;
  PssOptions options_;
};

class RsaPkcs1VerifierImpl final : public Verifier {
 public:
  RsaPkcs1VerifierImpl(RsaPublicKey key, HashAlgorithm hash, Pkcs1VerifyOptions options)
      : key_(std::move(key)), hash_(hash), options_(options) {}
  absl::Status Verify(ByteView signature, ByteView data) const override {
    return RsaPkcs1Verify(key_, hash_, data, signature, options_);
  }

 private:
  RsaPublicKey key_;
  HashAlgorithm hash_;
  Pkcs1VerifyOptions options_;
};

class RsaPssVerifierImpl final : public Verifier {
 public:
  RsaPssVerifierImpl(RsaPublicKey key, PssOptions options) : key_(std::move(key)), options_(options) {}
  absl::Status Verify(ByteView signature, ByteView data) const override {
    return RsaPssVerify(key_, options_, data, signature);
  }

 private:
  RsaPublicKey key_;
  PssOptions options_;
};

class ExternalRsaPkcs1Signer final : public Signer {
 public:
  ExternalRsaPkcs1Signer(std::shared_ptr<const ExternalSigner> external, SignatureHash hash)
      : external_(std::move(external)), hash_(hash) {}
  absl::StatusOr<Bytes> Sign(ByteView data) const override {
    JPKI_ASSIGN_OR_RETURN(Bytes digest, Hash(ToHashAlgorithm(hash_), data));
    JPKI_ASSIGN_OR_RETURN(Bytes digest_info, EncodeDigestInfo(ToHashAlgorithm(hash_), digest));
    JPKI_ASSIGN_OR_RETURN(Bytes signature, external_->SignDigestInfo(digest_info));
    // Verify before release: a wrong answer from the card must never leave this adapter (Bellcore-style faults,
    // a mixed-up key slot, a tampered transport).
    if (!RsaPkcs1VerifyDigestInfo(external_->public_key(), digest_info, signature).ok()) {
      return MakeError(ErrorCode::kFaultDetected, "rsa",
                       "the external signer's signature does not verify under its public key");
    }
    return signature;
  }

 private:
  std::shared_ptr<const ExternalSigner> external_;
  SignatureHash hash_;
};

class LocalExternalSigner final : public ExternalSigner {
 public:
  explicit LocalExternalSigner(RsaPrivateKey key) : key_(std::move(key)) {}
  absl::StatusOr<Bytes> SignDigestInfo(ByteView digest_info) const override {
    return RsaPkcs1SignDigestInfo(key_, digest_info);
  }
  const RsaPublicKey& public_key() const override { return key_.public_key(); }

 private:
  RsaPrivateKey key_;
};

absl::Status CheckSignable(const PssOptions& options) {
  if (options.effective_salt_length().is_auto()) {
    return MakeError(ErrorCode::kInvalidArgument, "rsa", "a PSS signer needs a fixed salt length, not auto");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<RsaPssParameters> RsaPssParameters::Builder::Build() const {
  const PssSaltLength salt = options_.effective_salt_length();
  if (!salt.is_auto() && *salt.bytes() > 4096) {
    return MakeError(ErrorCode::kInvalidArgument, "rsa", "PSS salt length over 4096 bytes");
  }
  return RsaPssParameters(options_);
}

absl::StatusOr<std::unique_ptr<Signer>> NewRsaPkcs1Signer(const RsaPrivateKey& key, SignatureHash hash) {
  JPKI_RETURN_IF_ERROR(key.public_key().CheckPkcs1Allowed());
  return std::unique_ptr<Signer>(new RsaPkcs1SignerImpl(key, hash));
}

absl::StatusOr<std::unique_ptr<Signer>> NewRsaPssSigner(const RsaPrivateKey& key, const RsaPssParameters& params) {
  JPKI_RETURN_IF_ERROR(CheckSignable(params.options()));
  const PssSaltLength salt = params.salt_length();
  JPKI_RETURN_IF_ERROR(
      key.public_key().CheckPssAllowed(params.hash(), params.options().effective_mgf1_hash(), salt.bytes()));
  // The encoding must fit: emLen >= hLen + sLen + 2 with emLen = ceil((modBits - 1) / 8).
  const size_t em_len = (key.modulus_bits() - 1 + 7) / 8;
  if (em_len < DigestSize(params.hash()) + *salt.bytes() + 2) {
    return MakeError(ErrorCode::kInvalidArgument, "rsa", "PSS salt too long for this key");
  }
  return std::unique_ptr<Signer>(new RsaPssSignerImpl(key, params.options()));
}

absl::StatusOr<std::unique_ptr<Verifier>> NewRsaPkcs1Verifier(const RsaPublicKey& key, SignatureHash hash) {
  JPKI_RETURN_IF_ERROR(key.CheckPkcs1Allowed());
  return std::unique_ptr<Verifier>(new RsaPkcs1VerifierImpl(key, ToHashAlgorithm(hash), Pkcs1VerifyOptions()));
}

absl::StatusOr<std::unique_ptr<Verifier>> NewRsaPkcs1LegacySha1Verifier(const RsaPublicKey& key) {
  JPKI_RETURN_IF_ERROR(key.CheckPkcs1Allowed());
  Pkcs1VerifyOptions options;
  options.allow_legacy_sha1 = true;
  return std::unique_ptr<Verifier>(new RsaPkcs1VerifierImpl(key, HashAlgorithm::kSha1, options));
}

absl::StatusOr<std::unique_ptr<Verifier>> NewRsaPssVerifier(const RsaPublicKey& key, const RsaPssParameters& params) {
  const PssOptions& options = params.options();
  JPKI_RETURN_IF_ERROR(
      key.CheckPssAllowed(options.hash, options.effective_mgf1_hash(), options.effective_salt_length().bytes()));
  return std::unique_ptr<Verifier>(new RsaPssVerifierImpl(key, params.options()));
}

absl::StatusOr<std::unique_ptr<Signer>> NewExternalRsaPkcs1Signer(std::shared_ptr<const ExternalSigner> external,
                                                                  SignatureHash hash) {
  if (external == nullptr) return MakeError(ErrorCode::kInvalidArgument, "rsa", "external signer is null");
  return std::unique_ptr<Signer>(new ExternalRsaPkcs1Signer(std::move(external), hash));
}

std::shared_ptr<const ExternalSigner> NewLocalExternalSigner(const RsaPrivateKey& key) {
  return std::make_shared<LocalExternalSigner>(key);
}

}  // namespace jpki::crypto
