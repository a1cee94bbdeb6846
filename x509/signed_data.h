#ifndef JPKICORE_X509_SIGNED_DATA_H_
#define JPKICORE_X509_SIGNED_DATA_H_

// VerifySignedData maps an X.509 signature AlgorithmIdentifier to jpkicore's RSA verifiers: the one place where
// certificates, CRLs and the verifier check a signature over DER.

#include "absl/status/status.h"
#include "base/bytes.h"
#include "x509/signature_algorithm.h"

namespace jpki::x509 {

// VerifySignedData checks `signature` over `signed_data` (for a certificate: tbs_der()) with the public key in
// `spki` (a whole SubjectPublicKeyInfo element, rsaEncryption) under `algorithm`. Returns OK when valid;
// kBadSignature (one uniform error) when not; kUnsupported for kUnknown algorithms or non-RSA keys;
// kMalformedInput when `spki` does not parse; kPolicyViolation when the key is below crypto's minimum size.
// For RSASSA-PSS the salt length must match the parameters exactly.
absl::Status VerifySignedData(const SignatureAlgorithm& algorithm, ByteView spki, ByteView signed_data,
                              ByteView signature);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_SIGNED_DATA_H_
