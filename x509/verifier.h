#ifndef JPKICORE_X509_VERIFIER_H_
#define JPKICORE_X509_VERIFIER_H_

// The verifier-facing call (署名検証者 / 利用者証明検証者, domain-research section 3.2): given a signature made by
// a JPKI card or smartphone, the signer's certificate, intermediates, the trust store, CRLs and a time, answer
// valid-or-why, and on success the certificate's classification and, for signing certificates, the holder's
// attributes. One call does, in order: the signature over the message (or digest) with the leaf's key, path
// validation for the expected purpose, classification, and holder attributes.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/types/span.h"
#include "base/bytes.h"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/jpki_profile.h"
#include "x509/path_validator.h"
#include "x509/signature_algorithm.h"
#include "x509/trust_store.h"
#include "x509/validation_code.h"

namespace jpki::x509 {

struct VerifyRequest {
  // Exactly one of `message` and `digest`: the signed bytes, or their hash under signature_algorithm's hash.
  std::optional<ByteView> message;
  std::optional<ByteView> digest;
  ByteView signature;
  // How the signature was made. JPKI applets sign a SHA-256 DigestInfo with PKCS#1 v1.5.
  SignatureAlgorithm signature_algorithm = SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256);
  const Certificate* signer = nullptr;
  absl::Span<const Certificate> intermediates;
  const TrustStore* trust_store = nullptr;
  absl::Span<const Crl> crls;  // empty: revocation not checked (VerifyResult::path.revocation_checked false)
  int64_t time = 0;            // Unix seconds: the signing time for a long-term signature, else now
  Purpose purpose = Purpose::kSigning;
  ClassifyOptions classify;  // table (built-in by default) and the token label if known
  // Extract holder attributes of a valid signing certificate (set false when the relying party does not need the
  // personal data, as domain-research 3.2 step 7 advises).
  bool want_holder_attributes = true;
};

struct VerifyResult {
  ValidationCode code = ValidationCode::kMalformed;  // kOk, or why not (kBadSignature for the message signature)
  std::string detail;
  ValidatedPath path;
  Classification classification;  // filled whenever the signer certificate was given
  HolderAttributes holder;        // filled for a valid signing certificate when asked for

  bool ok() const { return code == ValidationCode::kOk; }
};

// VerifySignature answers the request. Missing inputs (no signer, no trust store, neither or both of message and
// digest) give kMalformed. Never throws or aborts.
VerifyResult VerifySignature(const VerifyRequest& request);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_VERIFIER_H_
