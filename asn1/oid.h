#ifndef JPKICORE_ASN1_OID_H_
#define JPKICORE_ASN1_OID_H_

// asn1::Oid: OBJECT IDENTIFIER values (X.690 8.19) as their DER contents octets, dotted-decimal text both ways, and
// a table of the names jpkicore knows (X.509, PKCS#1, NIST hashes, PKCS#9, the JPKI arc 1.2.392.200149) with a
// constant-time-per-length, allocation-free lookup by DER bytes (an open-addressed hash table built once).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::asn1 {

// KnownOid names every entry of the table; kUnknown for everything else. Values are stable: append only.
enum class KnownOid : uint16_t {
  kUnknown = 0,
  // X.520 / RFC 4519 attribute types (2.5.4.x) and friends used in names.
  kCommonName,              // 2.5.4.3 CN
  kSurname,                 // 2.5.4.4 SN
  kSerialNumber,            // 2.5.4.5
  kCountryName,             // 2.5.4.6 C
  kLocalityName,            // 2.5.4.7 L
  kStateOrProvinceName,     // 2.5.4.8 ST
  kStreetAddress,           // 2.5.4.9 STREET
  kOrganizationName,        // 2.5.4.10 O
  kOrganizationalUnitName,  // 2.5.4.11 OU
  kTitle,                   // 2.5.4.12
  kPostalCode,              // 2.5.4.17
  kName,                    // 2.5.4.41
  kGivenName,               // 2.5.4.42
  kInitials,                // 2.5.4.43
  kGenerationQualifier,     // 2.5.4.44
  kDnQualifier,             // 2.5.4.46
  kPseudonym,               // 2.5.4.65
  kUserId,                  // 0.9.2342.19200300.100.1.1 UID
  kDomainComponent,         // 0.9.2342.19200300.100.1.25 DC
  kEmailAddress,            // 1.2.840.113549.1.9.1 (PKCS#9)
  // X.509 extensions (RFC 5280 4.2, 5.2, 5.3).
  kSubjectDirectoryAttributes,  // 2.5.29.9
  kSubjectKeyIdentifier,        // 2.5.29.14
  kKeyUsage,                    // 2.5.29.15
  kPrivateKeyUsagePeriod,       // 2.5.29.16
  kSubjectAltName,              // 2.5.29.17
  kIssuerAltName,               // 2.5.29.18
  kBasicConstraints,            // 2.5.29.19
  kCrlNumber,                   // 2.5.29.20
  kCrlReason,                   // 2.5.29.21
  kInvalidityDate,              // 2.5.29.24
  kDeltaCrlIndicator,           // 2.5.29.27
  kIssuingDistributionPoint,    // 2.5.29.28
  kCertificateIssuer,           // 2.5.29.29
  kNameConstraints,             // 2.5.29.30
  kCrlDistributionPoints,       // 2.5.29.31
  kCertificatePolicies,         // 2.5.29.32
  kAnyPolicy,                   // 2.5.29.32.0
  kPolicyMappings,              // 2.5.29.33
  kAuthorityKeyIdentifier,      // 2.5.29.35
  kPolicyConstraints,           // 2.5.29.36
  kExtKeyUsage,                 // 2.5.29.37
  kAnyExtendedKeyUsage,         // 2.5.29.37.0
  kFreshestCrl,                 // 2.5.29.46
  kInhibitAnyPolicy,            // 2.5.29.54
  kAuthorityInfoAccess,         // 1.3.6.1.5.5.7.1.1
  kSubjectInfoAccess,           // 1.3.6.1.5.5.7.1.11
  kCpsQualifier,                // 1.3.6.1.5.5.7.2.1
  kUserNoticeQualifier,         // 1.3.6.1.5.5.7.2.2
  kServerAuth,                  // 1.3.6.1.5.5.7.3.1
  kClientAuth,                  // 1.3.6.1.5.5.7.3.2
  kCodeSigning,                 // 1.3.6.1.5.5.7.3.3
  kEmailProtection,             // 1.3.6.1.5.5.7.3.4
  kTimeStamping,                // 1.3.6.1.5.5.7.3.8
  kOcspSigning,                 // 1.3.6.1.5.5.7.3.9
  kOcsp,                        // 1.3.6.1.5.5.7.48.1
  kCaIssuers,                   // 1.3.6.1.5.5.7.48.2
  // PKCS#1 (RFC 8017 appendix C).
  kRsaEncryption,            // 1.2.840.113549.1.1.1
  kMd5WithRsaEncryption,     // 1.2.840.113549.1.1.4
  kSha1WithRsaEncryption,    // 1.2.840.113549.1.1.5
  kRsaesOaep,                // 1.2.840.113549.1.1.7
  kMgf1,                     // 1.2.840.113549.1.1.8
  kPSpecified,               // 1.2.840.113549.1.1.9
  kRsassaPss,                // 1.2.840.113549.1.1.10
  kSha256WithRsaEncryption,  // 1.2.840.113549.1.1.11
  kSha384WithRsaEncryption,  // 1.2.840.113549.1.1.12
  kSha512WithRsaEncryption,  // 1.2.840.113549.1.1.13
  kSha224WithRsaEncryption,  // 1.2.840.113549.1.1.14
  // Hash algorithms (OIW SHA-1, NIST CSOR 2.16.840.1.101.3.4.2.x).
  kSha1,        // 1.3.14.3.2.26
  kSha256,      // 2.16.840.1.101.3.4.2.1
  kSha384,      // 2.16.840.1.101.3.4.2.2
  kSha512,      // 2.16.840.1.101.3.4.2.3
  kSha224,      // 2.16.840.1.101.3.4.2.4
  kSha512_224,  // 2.16.840.1.101.3.4.2.5
  kSha512_256,  // 2.16.840.1.101.3.4.2.6
  kSha3_256,    // 2.16.840.1.101.3.4.2.8
  kSha3_384,    // 2.16.840.1.101.3.4.2.9
  kSha3_512,    // 2.16.840.1.101.3.4.2.10
  // PKCS#9 / PKCS#7 (CMS) attributes and content types.
  kPkcs7Data,        // 1.2.840.113549.1.7.1
  kPkcs7SignedData,  // 1.2.840.113549.1.7.2
  kContentType,      // 1.2.840.113549.1.9.3
  kMessageDigest,    // 1.2.840.113549.1.9.4
  kSigningTime,      // 1.2.840.113549.1.9.5
  // Elliptic curves (RFC 5480, RFC 5758), named so dumps of foreign certificates read well.
  kEcPublicKey,      // 1.2.840.10045.2.1
  kPrime256v1,       // 1.2.840.10045.3.1.7
  kEcdsaWithSha256,  // 1.2.840.10045.4.3.2
  kEcdsaWithSha384,  // 1.2.840.10045.4.3.3
  kSecp384r1,        // 1.3.132.0.34
  // JPKI (J-LIS) arc 1.2.392.200149; see shared/notes/domain-research.md section 2.
  kJpki,                   // 1.2.392.200149
  kJpkiPolicy,             // 1.2.392.200149.8.5.1 (certificate-policy arc)
  kJpkiPolicySign,         // 1.2.392.200149.8.5.1.1 (signing-certificate policy arc; sub-policies .1.x)
  kJpkiPolicySignClass20,  // 1.2.392.200149.8.5.1.1.20 jpki-cp-sign-class20
  kJpkiPolicyAuth,         // 1.2.392.200149.8.5.1.3 (authentication-certificate policy arc)
  kJpkiPolicyAuthClass30,  // 1.2.392.200149.8.5.1.3.30 jpki-cp-auth-class30
  kJpkiPolicyTestSign,     // 1.2.392.200149.8.5.1.0.20 (test cards)
  kJpkiPersonalData,       // 1.2.392.200149.8.5.5 (jpki-personalData arc, SAN otherName types)
  kJpkiName,               // 1.2.392.200149.8.5.5.1 氏名
  kJpkiNameSubstitute,     // 1.2.392.200149.8.5.5.2 name substitute characters
  kJpkiGender,             // 1.2.392.200149.8.5.5.3 性別
  kJpkiBirthDate,          // 1.2.392.200149.8.5.5.4 生年月日
  kJpkiAddress,            // 1.2.392.200149.8.5.5.5 住所
  kJpkiAddressSubstitute,  // 1.2.392.200149.8.5.5.6 address substitute characters
  kNumKnownOids,           // not an OID: the count
};

// OidInfo is one row of the known-name table. `der` points into static storage.
struct OidInfo {
  KnownOid id;
  std::string_view dotted;      // "1.2.840.113549.1.1.11"
  std::string_view name;        // "sha256WithRSAEncryption" (OpenSSL/RFC long names; "rsassaPss" for RSASSA-PSS)
  std::string_view short_name;  // RFC 4514 attribute keyword ("CN", "O", ...) or empty
  ByteView der;                 // contents octets (no tag, no length)
};

// Oid is an OBJECT IDENTIFIER held as its DER contents octets, either as a view into the caller's bytes (from
// FromDer / DerReader::ReadOid, valid only while those bytes live) or owned (from FromDotted, Owned, Known).
// Every Oid other than the default-constructed empty one is valid: non-empty, minimal arcs, every arc < 2^64.
class Oid {
 public:
  // Oid() is empty: der() is empty, ToDotted() is "", it equals no valid OID.
  Oid() = default;

  // FromDer validates `contents` (the octets after tag and length) and returns a view of them. Fails
  // (kMalformedInput) when empty, when an arc starts with 0x80 (non-minimal), when the last octet has bit 8 set
  // (truncated arc), and (kResourceLimit) when an arc exceeds 64 bits.
  static absl::StatusOr<Oid> FromDer(ByteView contents);
  // FromDotted parses "1.2.840.113549" (at least two arcs; first 0..2; second < 40 under 0 and 1; decimal arcs
  // without leading zeros or signs, each < 2^64) into an owned Oid. Fails with kMalformedInput otherwise.
  static absl::StatusOr<Oid> FromDotted(std::string_view dotted);
  // Known returns the table's OID for `id` (owned view of static storage). Empty Oid for kUnknown.
  static Oid Known(KnownOid id);

  // der returns the contents octets.
  ByteView der() const { return owned_.empty() ? view_ : ByteView(owned_); }
  bool empty() const { return der().empty(); }
  // Owned returns a copy that owns its bytes (safe to keep after the input is gone).
  Oid Owned() const;

  // ToDotted renders dotted-decimal text ("" for the empty Oid).
  std::string ToDotted() const;
  // known returns the table id (kUnknown when not in the table); allocation-free.
  KnownOid known() const;
  // info returns the table row or nullptr.
  const OidInfo* info() const;
  // Name returns the table name ("sha256WithRSAEncryption") or, for unknown OIDs, the dotted text.
  std::string Name() const;
  // Is compares with a known id without allocating.
  bool Is(KnownOid id) const { return known() == id; }
  // StartsWith is true when this OID lies under `arc` (or equals it); arcs are compared whole, not by bytes.
  bool StartsWith(const Oid& arc) const;

  friend bool operator==(const Oid& a, const Oid& b) { return Equal(a.der(), b.der()); }
  friend bool operator!=(const Oid& a, const Oid& b) { return !(a == b); }
  // Ordering by DER contents octets (useful for maps; not numeric arc order).
  friend bool operator<(const Oid& a, const Oid& b);

 private:
  explicit Oid(ByteView view) : view_(view) {}
  ByteView view_;
  Bytes owned_;
};

// LookupOid finds the table row for DER contents octets, or nullptr. Allocation-free, O(length).
const OidInfo* LookupOid(ByteView der);
// LookupOidByName finds a row by `name` or `short_name` (exact, case-sensitive), or nullptr.
const OidInfo* LookupOidByName(std::string_view name);
// GetOidInfo returns the row for `id` (nullptr for kUnknown / out of range).
const OidInfo* GetOidInfo(KnownOid id);
// KnownOidCount is the number of table rows.
size_t KnownOidCount();

// EncodeOidArcs appends the DER contents octets for `arcs` to `out`. Fails (kInvalidArgument) on fewer than two
// arcs, a first arc > 2, a second arc >= 40 under first arc 0 or 1, or 2.x with x + 80 overflowing 64 bits.
absl::Status EncodeOidArcs(absl::Span<const uint64_t> arcs, Bytes& out);

}  // namespace jpki::asn1

#endif  // JPKICORE_ASN1_OID_H_
