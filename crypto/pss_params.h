#ifndef JPKICORE_CRYPTO_PSS_PARAMS_H_
#define JPKICORE_CRYPTO_PSS_PARAMS_H_

// RSASSA-PSS-params (RFC 8017 appendix A.2.3, RFC 4055 section 3.1), the parameters of an id-RSASSA-PSS
// AlgorithmIdentifier. In a signature's algorithm they say how the signature was made; in a key's algorithm
// (SubjectPublicKeyInfo, PKCS#8) they restrict the key: PSS only, with exactly these hashes and a salt at least
// salt_length bytes long (RFC 4055 3.1). One parser serves both crypto/ (keys) and x509/ (signature algorithms).

#include <cstddef>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/hash.h"

namespace jpki::crypto {

// kMaxPssSaltLength bounds the salt length a parameter block may state: a 16384-bit modulus (the key policy's
// ceiling) leaves less than 2048 bytes for it.
inline constexpr size_t kMaxPssSaltLength = 2048;

// PssParams holds the decoded fields, with the ASN.1 DEFAULTs applied (SHA-1, MGF1 with SHA-1, 20 bytes).
struct PssParams {
  HashAlgorithm hash = HashAlgorithm::kSha1;
  HashAlgorithm mgf1_hash = HashAlgorithm::kSha1;
  size_t salt_length = 20;

  friend bool operator==(const PssParams& a, const PssParams& b) {
    return a.hash == b.hash && a.mgf1_hash == b.mgf1_hash && a.salt_length == b.salt_length;
  }
  friend bool operator!=(const PssParams& a, const PssParams& b) { return !(a == b); }
};

struct PssParamsParseOptions {
  // RFC 4055 2.1 has parsers accept a hash AlgorithmIdentifier with NULL or with absent parameters. Keys follow it;
  // certificates (x509/) require NULL, which every encoder in use writes, so each signature algorithm has one
  // encoding.
  bool require_null_hash_parameters = false;
};

// ParsePssParams decodes `element`, the complete DER of one RSASSA-PSS-params SEQUENCE whose first byte sits at
// absolute offset `base_offset` of the caller's input (offsets in errors count from there). Fails with
// kMalformedInput, naming the offset, for anything that is not DER, for a DEFAULT value that is encoded (DER omits
// them: SHA-1, MGF1-SHA-1, salt length 20, trailer field 1), for a mask generation function other than MGF1, a
// trailer field other than 1, or a salt length above kMaxPssSaltLength; with kUnsupported for a hash jpkicore does
// not implement.
absl::StatusOr<PssParams> ParsePssParams(ByteView element, size_t base_offset = 0,
                                         const PssParamsParseOptions& options = {});

// EncodePssParams writes the DER SEQUENCE: DEFAULT values omitted, hash AlgorithmIdentifiers with NULL parameters
// (as OpenSSL, Go and BoringSSL write them). ParsePssParams(EncodePssParams(p)) == p for every p.
Bytes EncodePssParams(const PssParams& params);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_PSS_PARAMS_H_
