#ifndef JPKICORE_X509_CERTIFICATE_H_
#define JPKICORE_X509_CERTIFICATE_H_

// X.509 v1/v2/v3 certificates (RFC 5280 section 4), parsed strictly from DER.
//
// A Certificate owns its DER bytes (shared, immutable: copying or moving a Certificate is a reference-count
// operation) and hands out views into them, valid as long as any copy of the Certificate lives. Raw encodings are
// kept beside every decoded value (TBS, issuer, subject, SPKI, extensions) so that signatures are checked over the
// exact bytes and names can be compared byte for byte. Every extension jpkicore knows is decoded and validated at
// parse time (a malformed keyUsage fails the parse); unknown extensions are kept raw with their critical bit, and
// deciding whether an unknown critical extension is acceptable is path validation's job.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "x509/extensions.h"
#include "x509/general_name.h"
#include "x509/name.h"
#include "x509/signature_algorithm.h"

namespace jpki::x509 {

// ParseOptions holds the named leniencies, all off by default (strict RFC 5280 DER).
struct ParseOptions {
  // RFC 5280 4.1.2.2: the serial number MUST be positive. Some CAs issued negative (and zero) serials that are
  // still in use; set this to accept serials that are zero or negative (still at most 20 octets, still minimal DER).
  bool allow_negative_serial = false;
  // See SignatureAlgorithmParseOptions: accept sha*WithRSAEncryption AlgorithmIdentifiers without NULL parameters.
  bool allow_missing_rsa_null_parameters = false;
};

// Version is the certificate version as a number (1, 2 or 3). DER omits v1's explicit version field, so an explicit
// [0] INTEGER 0 is rejected.
enum class Version : uint8_t { kV1 = 1, kV2 = 2, kV3 = 3 };

// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }.
struct SubjectPublicKeyInfo {
  ByteView der;            // the whole SPKI element (what crypto/rsa_key.h parses)
  ByteView algorithm_oid;  // OID content octets (rsaEncryption for RSA)
  ByteView parameters;     // the whole parameters element, empty when absent
  ByteView key;            // subjectPublicKey bits (octet aligned; for RSA the RSAPublicKey DER)
};

// RsaPublicKeyInfo is what `jpki x509 show` reports: modulus and exponent as views, the modulus bit length.
struct RsaPublicKeyInfo {
  ByteView modulus;   // big-endian magnitude without leading zero octets
  ByteView exponent;  // big-endian magnitude without leading zero octets
  size_t bits = 0;
  uint64_t exponent_value = 0;  // 0 when the exponent does not fit 64 bits
};

class Certificate {
 public:
  // Parse decodes one DER certificate, taking ownership of `der`. Fails with kMalformedInput and a message naming
  // the byte offset ("x509: ... at offset N") when: the encoding is not DER, bytes follow the certificate, a field
  // is missing or of the wrong type, the version is not 1-3 or is encoded explicitly as v1, unique identifiers
  // appear in v1 or extensions outside v3, the serial is not positive (unless allowed) or longer than 20 octets,
  // the inner and outer signature AlgorithmIdentifiers differ by a single byte, a time is not an RFC 5280 time
  // (UTCTime through 2049, GeneralizedTime from 2050), a name is malformed, an extension appears twice, or a known
  // extension does not decode. Unknown signature algorithms parse (SignatureAlgorithmKind::kUnknown).
  static absl::StatusOr<Certificate> Parse(Bytes der, const ParseOptions& options = {});
  // ParseView is Parse for bytes the caller keeps: it copies `der` into the Certificate's own storage first.
  static absl::StatusOr<Certificate> ParseView(ByteView der, const ParseOptions& options = {});

  Certificate(const Certificate&) = default;
  Certificate(Certificate&&) noexcept = default;
  Certificate& operator=(const Certificate&) = default;
  Certificate& operator=(Certificate&&) noexcept = default;

  // ---- Raw encodings (views into the owned DER) ----
  ByteView der() const;
  ByteView tbs_der() const;  // the whole TBSCertificate element: what the signature covers
  ByteView issuer_der() const;
  ByteView subject_der() const;
  ByteView spki_der() const;
  // extensions_der is the Extensions SEQUENCE element inside [3] EXPLICIT; empty when absent.
  ByteView extensions_der() const;

  // ---- Decoded fields ----
  Version version() const;
  // serial is the INTEGER content octets (minimal two's complement, so it may start with 0x00).
  ByteView serial() const;
  bool serial_negative() const;
  // signature_algorithm is the outer AlgorithmIdentifier (byte-identical to the TBS one, checked at parse).
  const SignatureAlgorithm& signature_algorithm() const;
  const Name& issuer() const;
  const Name& subject() const;
  // Validity, as Unix seconds (UTC). not_after includes its last second (RFC 5280 4.1.2.5).
  int64_t not_before() const;
  int64_t not_after() const;
  // not_before_generalized / not_after_generalized: the field was a GeneralizedTime (needed to re-encode).
  bool not_before_generalized() const;
  bool not_after_generalized() const;
  const SubjectPublicKeyInfo& public_key() const;
  // RsaPublicKey decodes the SPKI as RSAPublicKey ::= SEQUENCE { modulus, publicExponent } when the algorithm is
  // rsaEncryption (parameters NULL). Fails with kUnsupported for other algorithms, kMalformedInput if malformed.
  absl::StatusOr<RsaPublicKeyInfo> RsaPublicKey() const;
  // Unique identifiers (v2/v3 only): the BIT STRING's bits.
  std::optional<ByteView> issuer_unique_id() const;
  std::optional<ByteView> subject_unique_id() const;
  // signature is the signatureValue bits (octet aligned).
  ByteView signature() const;

  // ---- Extensions: all of them raw, and the known ones decoded (absent when the certificate lacks them) ----
  const Extensions& extensions() const;
  const std::optional<BasicConstraints>& basic_constraints() const;
  const std::optional<KeyUsage>& key_usage() const;
  const std::optional<ExtKeyUsage>& ext_key_usage() const;
  const std::optional<ByteView>& subject_key_id() const;
  const std::optional<AuthorityKeyIdentifier>& authority_key_id() const;
  const std::optional<std::vector<GeneralName>>& subject_alt_names() const;
  const std::optional<std::vector<GeneralName>>& issuer_alt_names() const;
  const std::optional<CertificatePolicies>& certificate_policies() const;
  const std::optional<std::vector<PolicyMapping>>& policy_mappings() const;
  const std::optional<PolicyConstraints>& policy_constraints() const;
  const std::optional<uint32_t>& inhibit_any_policy() const;
  const std::optional<NameConstraints>& name_constraints() const;
  const std::optional<std::vector<DistributionPoint>>& crl_distribution_points() const;
  const std::optional<std::vector<AccessDescription>>& authority_info_access() const;

  // IsSelfIssued: issuer and subject names match (RFC 5280 7.1 comparison).
  bool IsSelfIssued() const;

  // Sha256Fingerprint is SHA-256 over der(), computed on each call (kept out of Parse, which stays fast).
  std::array<uint8_t, 32> Sha256Fingerprint() const;

  // SameBytes reports whether two certificates have identical DER.
  bool SameBytes(const Certificate& other) const { return Equal(der(), other.der()); }

  struct Impl;

 private:
  explicit Certificate(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace jpki::x509

#endif  // JPKICORE_X509_CERTIFICATE_H_
