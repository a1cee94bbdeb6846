#ifndef JPKICORE_X509_VERIFICATION_KEY_H_
#define JPKICORE_X509_VERIFICATION_KEY_H_

// VerificationKey: an issuer's RSA public key decoded once (modulus, exponent, Montgomery constants) and reused for
// every certificate and CRL signature it checks. Path validation checks several signatures per chain; decoding
// the SPKI and setting up the arithmetic each time would cost more than the signature check itself, so the trust
// store and CertificateSet keep one VerificationKey per certificate.

#include <cstddef>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/rsa_primitive.h"
#include "x509/certificate.h"
#include "x509/signature_algorithm.h"

namespace jpki::x509 {

// kMinRsaBits is the smallest modulus a VerificationKey accepts by default: RSA-2048, as JPKI uses, NIST SP
// 800-131A requires, and CA/Browser Forum baseline requirements demand.
inline constexpr size_t kMinRsaBits = 2048;

class VerificationKey {
 public:
  // FromCertificate decodes the certificate's subject public key. Fails with kUnsupported for a non-RSA key,
  // kMalformedInput for a malformed RSAPublicKey, kPolicyViolation when the modulus has fewer than `min_bits` bits
  // or a bit length that is not a multiple of 8 (such keys are a sign of a broken generator).
  static absl::StatusOr<std::shared_ptr<const VerificationKey>> FromCertificate(const Certificate& certificate,
                                                                                size_t min_bits = kMinRsaBits);

  // FromCertificateCached is FromCertificate through a process-wide cache keyed by the SubjectPublicKeyInfo bytes.
  // Setting up the Montgomery constants of a 2048-bit modulus costs far more than one signature check, and a
  // verifier meets the same CA keys over and over (every J-LIS leaf is signed by one of six CA keys). The cache
  // holds at most kKeyCacheCapacity keys (it is emptied when full) and is thread-safe; failures are not cached.
  static absl::StatusOr<std::shared_ptr<const VerificationKey>> FromCertificateCached(const Certificate& certificate,
                                                                                      size_t min_bits = kMinRsaBits);
  static constexpr size_t kKeyCacheCapacity = 256;
  // ClearCache empties the process-wide cache (tests, benchmarks of the cold path).
  static void ClearCache();

  size_t modulus_bits() const { return primitive_->modulus_bits(); }

  // Verify checks `signature` over `signed_data` under `algorithm` (PKCS#1 v1.5 with SHA-256/384/512, or RSASSA-PSS
  // with the parameters' hash, MGF1 hash and exact salt length). OK when valid; the uniform kBadSignature error when
  // not (wrong length included); kUnsupported for an algorithm outside that set.
  absl::Status Verify(const SignatureAlgorithm& algorithm, ByteView signed_data, ByteView signature) const;
  // VerifyDigest is Verify for a caller that already hashed the data with the algorithm's hash (what a JPKI
  // applet signs: the digest inside a DigestInfo). A digest of the wrong length is the uniform kBadSignature.
  absl::Status VerifyDigest(const SignatureAlgorithm& algorithm, ByteView digest, ByteView signature) const;

 private:
  explicit VerificationKey(std::unique_ptr<crypto::RsaPublicPrimitive> primitive) : primitive_(std::move(primitive)) {}
  std::unique_ptr<crypto::RsaPublicPrimitive> primitive_;
};

}  // namespace jpki::x509

#endif  // JPKICORE_X509_VERIFICATION_KEY_H_
