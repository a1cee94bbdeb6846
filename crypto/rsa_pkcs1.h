#ifndef JPKICORE_CRYPTO_RSA_PKCS1_H_
#define JPKICORE_CRYPTO_RSA_PKCS1_H_

// RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2) with the SHA-2 family (SHA-224/256/384/512, SHA-512/224, SHA-512/256; SHA-1
// for legacy verification only).
//
// Signing takes a message, a digest, or a ready DigestInfo (what a JPKI applet's COMPUTE DIGITAL SIGNATURE
// receives). Signing with SHA-1 is impossible: the hash parameter is a SignatureHash, and a ready DigestInfo must be
// one of the three SHA-2 encodings. Every signature is verified with the public key before it is released (by the
// private primitive).
//
// Verification computes s^e mod n, encodes the block it expects for the given digest, and compares the two in
// constant time; the signature's own DigestInfo is never parsed, so BER tricks, garbage after the digest and
// "parameters absent" variants can never be accepted. SHA-1 verification needs Pkcs1VerifyOptions::allow_legacy_sha1.
// Every signature failure is the one uniform error (crypto/signature_error.h).

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/hash.h"
#include "crypto/rsa_key.h"

namespace jpki::crypto {

struct Pkcs1VerifyOptions {
  // allow_legacy_sha1 admits sha1WithRSAEncryption signatures (old documents); off by default because SHA-1
  // collisions are practical.
  bool allow_legacy_sha1 = false;
};

// RsaPkcs1Sign hashes `message` and signs it. Returns the k-byte signature (k = key.modulus_bytes()); on failure
// (kFaultDetected if the verify-after-sign check fails, kInternal if randomness fails) nothing is returned.
absl::StatusOr<Bytes> RsaPkcs1Sign(const RsaPrivateKey& key, SignatureHash hash, ByteView message);

// RsaPkcs1SignDigest signs a precomputed digest (kInvalidArgument unless it is DigestSize(hash) bytes).
absl::StatusOr<Bytes> RsaPkcs1SignDigest(const RsaPrivateKey& key, SignatureHash hash, ByteView digest);

// RsaPkcs1SignDigestInfo signs a ready DER DigestInfo, which must be exactly DigestInfoPrefix(h) || digest for h in
// a SHA-2 hash (kInvalidArgument otherwise; kPolicyViolation for a SHA-1 DigestInfo). Restricting the input keeps
// this from being a raw RSA signing oracle.
absl::StatusOr<Bytes> RsaPkcs1SignDigestInfo(const RsaPrivateKey& key, ByteView digest_info);

// DigestInfoHash identifies the SHA-2 hash of a well-formed DigestInfo (as RsaPkcs1SignDigestInfo accepts them).
absl::StatusOr<SignatureHash> DigestInfoHash(ByteView digest_info);

// RsaPkcs1Verify checks `signature` over `message`. OK, or the uniform signature error; kPolicyViolation for SHA-1
// without the legacy option.
absl::Status RsaPkcs1Verify(const RsaPublicKey& key, HashAlgorithm hash, ByteView message, ByteView signature,
                            const Pkcs1VerifyOptions& options = {});

// RsaPkcs1VerifyDigest checks `signature` over a precomputed digest (kInvalidArgument for a wrong digest size).
absl::Status RsaPkcs1VerifyDigest(const RsaPublicKey& key, HashAlgorithm hash, ByteView digest, ByteView signature,
                                  const Pkcs1VerifyOptions& options = {});

// RsaPkcs1VerifyDigestInfo checks `signature` against a complete DigestInfo T: the recovered block must equal
// 00 01 FF.. 00 T exactly. T is the caller's (trusted) expectation and is not interpreted.
absl::Status RsaPkcs1VerifyDigestInfo(const RsaPublicKey& key, ByteView digest_info, ByteView signature);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_RSA_PKCS1_H_
