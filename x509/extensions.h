#ifndef JPKICORE_X509_EXTENSIONS_H_
#define JPKICORE_X509_EXTENSIONS_H_

// Certificate and CRL extensions (RFC 5280 4.2, 5.2, 5.3). Extensions::Parse splits the list, rejects duplicates
// and keeps every extension raw with its critical bit: whether an unknown critical extension is acceptable is for
// path validation to decide, not the parser. Typed decoders take an extension's extnValue content (the bytes inside
// the OCTET STRING) and return views into it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "base/bytes.h"
#include "x509/general_name.h"

namespace jpki::x509 {

// Extension is one raw extension. Views point into the bytes it was parsed from.
struct Extension {
  ByteView oid;    // extnID content octets
  bool critical;   // DER omits FALSE, so an explicit FALSE is rejected
  ByteView value;  // extnValue: the content of the OCTET STRING (the extension's own DER)
  ByteView der;    // the whole Extension element
};

// Extensions is the parsed `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`.
class Extensions {
 public:
  Extensions() = default;

  // Parse decodes `der`, the whole SEQUENCE element (for a certificate: the content of the [3] EXPLICIT wrapper).
  // Fails with kMalformedInput (and the offset relative to `der`) for an empty list, a malformed extension, an
  // explicit critical FALSE, or the same extnID twice. Views point into `der`.
  static absl::StatusOr<Extensions> Parse(ByteView der, size_t base_offset = 0);

  ByteView der() const { return der_; }
  size_t size() const { return list_.size(); }
  bool empty() const { return list_.empty(); }
  absl::Span<const Extension> list() const { return list_; }
  // Find returns the extension with this extnID (content octets), or nullptr.
  const Extension* Find(ByteView oid) const;

 private:
  ByteView der_;
  absl::InlinedVector<Extension, 12> list_;
};

// ---------------------------------------------------------------------------------------------------------------
// Typed values. Each Parse* function takes an extnValue (Extension::value) and fails with kMalformedInput when it
// is not exactly one well-formed DER value of the extension's syntax (trailing bytes included). `base_offset` is
// added to offsets in error messages (where `value` sits in the certificate).

// basicConstraints (2.5.29.19): BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
//   pathLenConstraint INTEGER (0..MAX) OPTIONAL }
struct BasicConstraints {
  bool ca = false;
  std::optional<uint32_t> path_len;  // values above 2^32-1 are rejected as unreasonable
};
absl::StatusOr<BasicConstraints> ParseBasicConstraints(ByteView value, size_t base_offset = 0);

// keyUsage (2.5.29.15): a named BIT STRING; bit n of the ASN.1 string is KeyUsageBit n.
enum class KeyUsageBit : uint8_t {
  kDigitalSignature = 0,
  kNonRepudiation = 1,  // contentCommitment in X.509 (2005) and later
  kKeyEncipherment = 2,
  kDataEncipherment = 3,
  kKeyAgreement = 4,
  kKeyCertSign = 5,
  kCrlSign = 6,
  kEncipherOnly = 7,
  kDecipherOnly = 8,
};
struct KeyUsage {
  uint16_t bits = 0;  // bit (1 << KeyUsageBit)
  bool Has(KeyUsageBit bit) const { return (bits >> static_cast<int>(bit)) & 1; }
  // Names returns the set bits' RFC 5280 names in bit order: "digitalSignature", "nonRepudiation",
  // "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly".
  std::vector<std::string_view> Names() const;
};
// ParseKeyUsage: a DER BIT STRING (unused bits zero, no trailing zero bits), at least one bit set, at most 9 bits.
absl::StatusOr<KeyUsage> ParseKeyUsage(ByteView value, size_t base_offset = 0);

// extKeyUsage (2.5.29.37): SEQUENCE SIZE (1..MAX) OF KeyPurposeId.
struct ExtKeyUsage {
  std::vector<ByteView> purposes;  // OID content octets
  bool Has(ByteView purpose) const;
};
absl::StatusOr<ExtKeyUsage> ParseExtKeyUsage(ByteView value, size_t base_offset = 0);

// Key identifiers. subjectKeyIdentifier (2.5.29.14) is an OCTET STRING; authorityKeyIdentifier (2.5.29.35) is
// SEQUENCE { keyIdentifier [0] OPTIONAL, authorityCertIssuer [1] GeneralNames OPTIONAL,
//   authorityCertSerialNumber [2] OPTIONAL } (issuer and serial both present or both absent).
absl::StatusOr<ByteView> ParseSubjectKeyIdentifier(ByteView value, size_t base_offset = 0);
struct AuthorityKeyIdentifier {
  std::optional<ByteView> key_id;
  std::vector<GeneralName> issuer;  // empty when absent
  std::optional<ByteView> serial;   // INTEGER content octets
};
absl::StatusOr<AuthorityKeyIdentifier> ParseAuthorityKeyIdentifier(ByteView value, size_t base_offset = 0);

// certificatePolicies (2.5.29.32).
enum class PolicyQualifierKind : uint8_t { kCps, kUserNotice, kOther };
struct PolicyQualifier {
  PolicyQualifierKind kind = PolicyQualifierKind::kOther;
  ByteView qualifier_id;     // OID content octets
  ByteView qualifier;        // the whole qualifier element (for kOther, or to re-encode)
  std::string_view cps_uri;  // kCps: the IA5String
  // kUserNotice: UserNotice ::= SEQUENCE { noticeRef NoticeReference OPTIONAL, explicitText DisplayText OPTIONAL }
  std::optional<ByteView> notice_ref_organization;  // the DisplayText element (whole)
  std::vector<ByteView> notice_numbers;             // INTEGER content octets
  std::optional<ByteView> explicit_text;            // the DisplayText element (whole: tag tells the string type)
};
struct PolicyInformation {
  ByteView policy_id;  // OID content octets
  std::vector<PolicyQualifier> qualifiers;
};
struct CertificatePolicies {
  std::vector<PolicyInformation> policies;  // no policy OID twice (RFC 5280 4.2.1.4)
  bool Has(ByteView policy_id) const;
};
absl::StatusOr<CertificatePolicies> ParseCertificatePolicies(ByteView value, size_t base_offset = 0);

// policyMappings (2.5.29.33): SEQUENCE SIZE (1..MAX) OF SEQUENCE { issuerDomainPolicy, subjectDomainPolicy }.
struct PolicyMapping {
  ByteView issuer_domain_policy;
  ByteView subject_domain_policy;
};
absl::StatusOr<std::vector<PolicyMapping>> ParsePolicyMappings(ByteView value, size_t base_offset = 0);

// policyConstraints (2.5.29.36): SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL,
//   inhibitPolicyMapping [1] SkipCerts OPTIONAL }, at least one present.
struct PolicyConstraints {
  std::optional<uint32_t> require_explicit_policy;
  std::optional<uint32_t> inhibit_policy_mapping;
};
absl::StatusOr<PolicyConstraints> ParsePolicyConstraints(ByteView value, size_t base_offset = 0);

// inhibitAnyPolicy (2.5.29.54): SkipCerts ::= INTEGER (0..MAX).
absl::StatusOr<uint32_t> ParseInhibitAnyPolicy(ByteView value, size_t base_offset = 0);

// nameConstraints (2.5.29.30): SEQUENCE { permittedSubtrees [0], excludedSubtrees [1] } (at least one), each
// GeneralSubtrees of GeneralSubtree { base, minimum [0] DEFAULT 0, maximum [1] OPTIONAL }. RFC 5280 says minimum
// MUST be zero and maximum absent; anything else is rejected. iPAddress bases carry address + mask.
struct NameConstraints {
  std::vector<GeneralName> permitted;
  std::vector<GeneralName> excluded;
};
absl::StatusOr<NameConstraints> ParseNameConstraints(ByteView value, size_t base_offset = 0);

// subjectAltName (2.5.29.17) / issuerAltName (2.5.29.18): GeneralNames.
absl::StatusOr<std::vector<GeneralName>> ParseAltNames(ByteView value, size_t base_offset = 0);

// cRLDistributionPoints (2.5.29.31) and freshestCRL: SEQUENCE SIZE (1..MAX) OF DistributionPoint ::= SEQUENCE {
//   distributionPoint [0] DistributionPointName OPTIONAL, reasons [1] ReasonFlags OPTIONAL,
//   cRLIssuer [2] GeneralNames OPTIONAL }; DistributionPointName ::= CHOICE { fullName [0] GeneralNames,
//   nameRelativeToCRLIssuer [1] RelativeDistinguishedName }. JPKI puts a directoryName in fullName.
struct DistributionPointName {
  std::vector<GeneralName> full_name;     // empty when the relative form is used
  std::optional<ByteView> relative_name;  // nameRelativeToCRLIssuer: the SET's content octets
};
struct DistributionPoint {
  std::optional<DistributionPointName> name;
  std::optional<uint16_t> reasons;  // ReasonFlags bits: bit n = (1 << n), n as in RFC 5280 (0 unused .. 8 aACompromise)
  std::vector<GeneralName> crl_issuer;
};
absl::StatusOr<std::vector<DistributionPoint>> ParseCrlDistributionPoints(ByteView value, size_t base_offset = 0);

// authorityInfoAccess (1.3.6.1.5.5.7.1.1) / subjectInfoAccess: SEQUENCE SIZE (1..MAX) OF AccessDescription.
struct AccessDescription {
  ByteView method;  // OID content octets (id-ad-ocsp, id-ad-caIssuers, ...)
  GeneralName location;
};
absl::StatusOr<std::vector<AccessDescription>> ParseInfoAccess(ByteView value, size_t base_offset = 0);

// CRL extensions. cRLNumber / deltaCRLIndicator: a non-negative INTEGER of at most 20 octets (content returned).
absl::StatusOr<ByteView> ParseCrlNumber(ByteView value, size_t base_offset = 0);

// issuingDistributionPoint (2.5.29.28): SEQUENCE { distributionPoint [0] OPTIONAL, onlyContainsUserCerts [1]
//   DEFAULT FALSE, onlyContainsCACerts [2] DEFAULT FALSE, onlySomeReasons [3] OPTIONAL, indirectCRL [4] DEFAULT
//   FALSE, onlyContainsAttributeCerts [5] DEFAULT FALSE } (at most one of the only* flags set).
struct IssuingDistributionPoint {
  std::optional<DistributionPointName> name;
  bool only_user_certs = false;
  bool only_ca_certs = false;
  std::optional<uint16_t> only_some_reasons;
  bool indirect_crl = false;
  bool only_attribute_certs = false;
};
absl::StatusOr<IssuingDistributionPoint> ParseIssuingDistributionPoint(ByteView value, size_t base_offset = 0);

// CRL entry reasonCode (2.5.29.21): CRLReason ::= ENUMERATED (values 0-6, 8-10; 7 is unused).
enum class RevocationReason : uint8_t {
  kUnspecified = 0,
  kKeyCompromise = 1,
  kCaCompromise = 2,
  kAffiliationChanged = 3,
  kSuperseded = 4,
  kCessationOfOperation = 5,
  kCertificateHold = 6,
  kRemoveFromCrl = 8,
  kPrivilegeWithdrawn = 9,
  kAaCompromise = 10,
};
// RevocationReasonName: "unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded",
// "cessationOfOperation", "certificateHold", "removeFromCRL", "privilegeWithdrawn", "aACompromise".
std::string_view RevocationReasonName(RevocationReason reason);
absl::StatusOr<RevocationReason> ParseReasonCode(ByteView value, size_t base_offset = 0);

// ExtensionName returns the display name of a known extension OID ("basicConstraints", "keyUsage",
// "subjectAltName", ...) or empty.
std::string_view ExtensionName(ByteView oid);

// IsKnownExtension reports whether Certificate::Parse decodes `oid` with a typed decoder above (and so rejects a
// certificate whose value does not decode). CRL extensions (cRLNumber, deltaCRLIndicator, issuingDistributionPoint,
// reasonCode, ...) are decoded by Crl::Parse instead and report false here.
bool IsKnownExtension(ByteView oid);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_EXTENSIONS_H_
