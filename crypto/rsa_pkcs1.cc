#include "crypto/rsa_pkcs1.h"

#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/emsa_pkcs1.h"
#include "crypto/rsa_raw.h"
#include "crypto/signature_error.h"

namespace jpki::crypto {
namespace {

absl::Status CheckVerifyHash(HashAlgorithm hash, const Pkcs1VerifyOptions& options) {
  if (hash == HashAlgorithm::kSha1 && !options.allow_legacy_sha1) {
    return MakeError(ErrorCode::kPolicyViolation, "rsa", "SHA-1 signatures are refused without the legacy option");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<SignatureHash> DigestInfoHash(ByteView digest_info) {
  for (SignatureHash h : kAllSignatureHashes) {
    const ByteView prefix = DigestInfoPrefix(ToHashAlgorithm(h));
    if (digest_info.size() == prefix.size() + DigestSize(h) && Equal(digest_info.subspan(0, prefix.size()), prefix)) {
      return h;
    }
  }
  const ByteView sha1 = DigestInfoPrefix(HashAlgorithm::kSha1);
  if (digest_info.size() == sha1.size() + DigestSize(HashAlgorithm::kSha1) &&
      Equal(digest_info.subspan(0, sha1.size()), sha1)) {
    return MakeError(ErrorCode::kPolicyViolation, "rsa", "refusing to sign a SHA-1 DigestInfo");
  }
  return MakeError(ErrorCode::kInvalidArgument, "rsa",
                   "not a SHA-2 DigestInfo (" + std::to_string(digest_info.size()) + " bytes)");
}

absl::StatusOr<Bytes> RsaPkcs1SignDigestInfo(const RsaPrivateKey& key, ByteView digest_info) {
  JPKI_RETURN_IF_ERROR(key.public_key().CheckPkcs1Allowed());
  JPKI_RETURN_IF_ERROR(DigestInfoHash(digest_info).status());
  JPKI_ASSIGN_OR_RETURN(Bytes em, EmsaPkcs1Encode(digest_info, key.modulus_bytes()));
  return RsaPrivateOp(key, em);
}

absl::StatusOr<Bytes> RsaPkcs1SignDigest(const RsaPrivateKey& key, SignatureHash hash, ByteView digest) {
  JPKI_ASSIGN_OR_RETURN(Bytes digest_info, EncodeDigestInfo(ToHashAlgorithm(hash), digest));
  return RsaPkcs1SignDigestInfo(key, digest_info);
}

absl::StatusOr<Bytes> RsaPkcs1Sign(const RsaPrivateKey& key, SignatureHash hash, ByteView message) {
  JPKI_ASSIGN_OR_RETURN(Bytes digest, Hash(ToHashAlgorithm(hash), message));
  return RsaPkcs1SignDigest(key, hash, digest);
}

absl::Status RsaPkcs1VerifyDigestInfo(const RsaPublicKey& key, ByteView digest_info, ByteView signature) {
  JPKI_RETURN_IF_ERROR(key.CheckPkcs1Allowed());
  JPKI_ASSIGN_OR_RETURN(Bytes expected, EmsaPkcs1Encode(digest_info, key.modulus_bytes()));
  JPKI_ASSIGN_OR_RETURN(Bytes recovered, RsaPublicOp(key, signature));
  // Both blocks are k bytes (RsaPublicOp guarantees it), so the comparison covers every byte.
  if (ct::Equal(expected.data(), recovered.data(), expected.size()) == 0) return SignatureError();
  return absl::OkStatus();
}

absl::Status RsaPkcs1VerifyDigest(const RsaPublicKey& key, HashAlgorithm hash, ByteView digest, ByteView signature,
                                  const Pkcs1VerifyOptions& options) {
  JPKI_RETURN_IF_ERROR(CheckVerifyHash(hash, options));
  JPKI_ASSIGN_OR_RETURN(Bytes digest_info, EncodeDigestInfo(hash, digest));
  return RsaPkcs1VerifyDigestInfo(key, digest_info, signature);
}

absl::Status RsaPkcs1Verify(const RsaPublicKey& key, HashAlgorithm hash, ByteView message, ByteView signature,
                            const Pkcs1VerifyOptions& options) {
  JPKI_RETURN_IF_ERROR(CheckVerifyHash(hash, options));
  JPKI_ASSIGN_OR_RETURN(Bytes digest, Hash(hash, message));
  return RsaPkcs1VerifyDigest(key, hash, digest, signature, options);
}

}  // namespace jpki::crypto
