#ifndef JPKICORE_X509_SIGNATURE_ALGORITHM_H_
#define JPKICORE_X509_SIGNATURE_ALGORITHM_H_

// Signature AlgorithmIdentifiers of certificates and CRLs (RFC 5280 4.1.1.2, RFC 4055): the RSA PKCS#1 v1.5
// algorithms with SHA-2 and RSASSA-PSS with explicit SHA-2 parameters. Anything else (ECDSA, SHA-1, MD5) parses as
// kUnknown with its OID kept, so a certificate carrying it still parses; verifying it fails with kUnsupported.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/hash.h"

namespace jpki::x509 {

// HashAlgorithm is a hash a signature algorithm names. Only SHA-2 is representable: SHA-1 signatures are kUnknown.
enum class HashAlgorithm : uint8_t { kSha256, kSha384, kSha512 };

// HashAlgorithmName returns "sha256", "sha384" or "sha512".
std::string_view HashAlgorithmName(HashAlgorithm hash);
// HashLength returns the digest length in bytes (32, 48, 64).
size_t HashLength(HashAlgorithm hash);
// ToCryptoHash maps a certificate's hash to the crypto module's signing hash (the same three SHA-2 functions).
crypto::SignatureHash ToCryptoHash(HashAlgorithm hash);

enum class SignatureAlgorithmKind : uint8_t {
  kUnknown,         // any other OID; `oid` and `parameters` hold what was there
  kRsaPkcs1Sha256,  // sha256WithRSAEncryption 1.2.840.113549.1.1.11
  kRsaPkcs1Sha384,  // sha384WithRSAEncryption 1.2.840.113549.1.1.12
  kRsaPkcs1Sha512,  // sha512WithRSAEncryption 1.2.840.113549.1.1.13
  kRsaPss,          // id-RSASSA-PSS 1.2.840.113549.1.1.10 with explicit parameters
};

// PssParameters are RSASSA-PSS-params (RFC 4055 3.1) restricted to what jpkicore accepts: hash and MGF1 hash are
// SHA-2, the trailer field is 1 (DER omits it, being the default), salt length explicit.
struct PssParameters {
  HashAlgorithm hash = HashAlgorithm::kSha256;
  HashAlgorithm mgf1_hash = HashAlgorithm::kSha256;
  uint32_t salt_length = 32;
};

// SignatureAlgorithm is one decoded AlgorithmIdentifier. The views point into the bytes it was parsed from.
struct SignatureAlgorithm {
  SignatureAlgorithmKind kind = SignatureAlgorithmKind::kUnknown;
  HashAlgorithm hash = HashAlgorithm::kSha256;  // meaningful unless kind == kUnknown (for PSS equals pss.hash)
  PssParameters pss;                            // meaningful when kind == kRsaPss
  ByteView oid;                                 // the algorithm OID's content octets
  ByteView parameters;                          // the full DER element of the parameters, empty when absent
  ByteView der;                                 // the whole AlgorithmIdentifier element

  // Name returns the OpenSSL/RFC name: "sha256WithRSAEncryption", "sha384WithRSAEncryption",
  // "sha512WithRSAEncryption", "rsassaPss", or the dotted OID for kUnknown.
  std::string Name() const;

  // Sha256WithRsa etc. build the canonical values (views into static storage), for builders.
  static SignatureAlgorithm RsaPkcs1(HashAlgorithm hash);
  static SignatureAlgorithm RsaPss(HashAlgorithm hash, uint32_t salt_length);
};

struct SignatureAlgorithmParseOptions {
  // RFC 4055 5 says parsers should accept sha*WithRSAEncryption with the parameters absent, but RFC 5280 / RFC 3279
  // and every CA emit NULL, and accepting both gives one certificate two encodings. Strict by default: NULL is
  // required; set this to accept absence (the raw bytes are kept, so re-encoding stays identical).
  bool allow_missing_rsa_null_parameters = false;
};

// ParseSignatureAlgorithm decodes `der`, which must be exactly one AlgorithmIdentifier element (no trailing bytes).
// The result views `der`. Fails with kMalformedInput for a malformed element, for RSA PKCS#1 OIDs whose parameters
// are not NULL, and for PSS parameters that are absent, use SHA-1 (explicitly or by default), use a mask generation
// function other than MGF1, or encode a default value. Unknown OIDs succeed as kUnknown.
absl::StatusOr<SignatureAlgorithm> ParseSignatureAlgorithm(ByteView der,
                                                           const SignatureAlgorithmParseOptions& options = {},
                                                           size_t base_offset = 0);

// EncodeSignatureAlgorithm writes the DER AlgorithmIdentifier from the decoded fields (not from `der`): NULL
// parameters for PKCS#1 (absent only when a parse with allow_missing_rsa_null_parameters left `parameters` empty);
// for PSS explicit hash, MGF1 and salt, with NULL parameters in the hash AlgorithmIdentifiers as OpenSSL, Go and
// BoringSSL write them (and as ParseSignatureAlgorithm requires). For kUnknown returns a copy of `der`.
Bytes EncodeSignatureAlgorithm(const SignatureAlgorithm& algorithm);

// DetachedSignatureAlgorithm copies only the decoded fields (kind, hash, pss) and leaves the views empty, so the copy
// may outlive the bytes `algorithm` was parsed from (the builders keep it beside the re-encoded DER).
SignatureAlgorithm DetachedSignatureAlgorithm(const SignatureAlgorithm& algorithm);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_SIGNATURE_ALGORITHM_H_
