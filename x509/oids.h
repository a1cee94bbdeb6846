#ifndef JPKICORE_X509_OIDS_H_
#define JPKICORE_X509_OIDS_H_

// Object identifiers X.509 uses, as DER content octets (what the parsers' `ByteView oid` fields hold, so a match is
// a byte comparison), and their short names for display. Values from RFC 5280, RFC 4519, RFC 4055, RFC 8017 and,
// for JPKI, the J-LIS arc 1.2.392.200149.8.5 (shared/notes/domain-research.md section 2).

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::x509::oid {

// Attribute types (RFC 4519, RFC 5280 appendix A).
inline constexpr uint8_t kCommonName[] = {0x55, 0x04, 0x03};              // 2.5.4.3 CN
inline constexpr uint8_t kSurname[] = {0x55, 0x04, 0x04};                 // 2.5.4.4 SN
inline constexpr uint8_t kSerialNumber[] = {0x55, 0x04, 0x05};            // 2.5.4.5 serialNumber
inline constexpr uint8_t kCountryName[] = {0x55, 0x04, 0x06};             // 2.5.4.6 C
inline constexpr uint8_t kLocalityName[] = {0x55, 0x04, 0x07};            // 2.5.4.7 L
inline constexpr uint8_t kStateOrProvinceName[] = {0x55, 0x04, 0x08};     // 2.5.4.8 ST
inline constexpr uint8_t kStreetAddress[] = {0x55, 0x04, 0x09};           // 2.5.4.9 street
inline constexpr uint8_t kOrganizationName[] = {0x55, 0x04, 0x0a};        // 2.5.4.10 O
inline constexpr uint8_t kOrganizationalUnitName[] = {0x55, 0x04, 0x0b};  // 2.5.4.11 OU
inline constexpr uint8_t kTitle[] = {0x55, 0x04, 0x0c};                   // 2.5.4.12 title
inline constexpr uint8_t kPostalCode[] = {0x55, 0x04, 0x11};              // 2.5.4.17 postalCode
inline constexpr uint8_t kName[] = {0x55, 0x04, 0x29};                    // 2.5.4.41 name
inline constexpr uint8_t kGivenName[] = {0x55, 0x04, 0x2a};               // 2.5.4.42 GN
inline constexpr uint8_t kInitials[] = {0x55, 0x04, 0x2b};                // 2.5.4.43 initials
inline constexpr uint8_t kGenerationQualifier[] = {0x55, 0x04, 0x2c};     // 2.5.4.44
inline constexpr uint8_t kDnQualifier[] = {0x55, 0x04, 0x2e};             // 2.5.4.46 dnQualifier
inline constexpr uint8_t kPseudonym[] = {0x55, 0x04, 0x41};               // 2.5.4.65 pseudonym
inline constexpr uint8_t kOrganizationIdentifier[] = {0x55, 0x04, 0x61};  // 2.5.4.97
inline constexpr uint8_t kDomainComponent[] = {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19};  // DC
inline constexpr uint8_t kUserId[] = {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01};           // UID
inline constexpr uint8_t kEmailAddress[] = {0x2a, 0x86, 0x48, 0x86, 0xf7,
                                            0x0d, 0x01, 0x09, 0x01};  // 1.2.840.113549.1.9.1

// Certificate extensions (RFC 5280 4.2).
inline constexpr uint8_t kSubjectDirectoryAttributes[] = {0x55, 0x1d, 0x09};
inline constexpr uint8_t kSubjectKeyIdentifier[] = {0x55, 0x1d, 0x0e};
inline constexpr uint8_t kKeyUsage[] = {0x55, 0x1d, 0x0f};
inline constexpr uint8_t kSubjectAltName[] = {0x55, 0x1d, 0x11};
inline constexpr uint8_t kIssuerAltName[] = {0x55, 0x1d, 0x12};
inline constexpr uint8_t kBasicConstraints[] = {0x55, 0x1d, 0x13};
inline constexpr uint8_t kNameConstraints[] = {0x55, 0x1d, 0x1e};
inline constexpr uint8_t kCrlDistributionPoints[] = {0x55, 0x1d, 0x1f};
inline constexpr uint8_t kCertificatePolicies[] = {0x55, 0x1d, 0x20};
inline constexpr uint8_t kPolicyMappings[] = {0x55, 0x1d, 0x21};
inline constexpr uint8_t kAuthorityKeyIdentifier[] = {0x55, 0x1d, 0x23};
inline constexpr uint8_t kPolicyConstraints[] = {0x55, 0x1d, 0x24};
inline constexpr uint8_t kExtKeyUsage[] = {0x55, 0x1d, 0x25};
inline constexpr uint8_t kFreshestCrl[] = {0x55, 0x1d, 0x2e};
inline constexpr uint8_t kInhibitAnyPolicy[] = {0x55, 0x1d, 0x36};
inline constexpr uint8_t kAuthorityInfoAccess[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01};
inline constexpr uint8_t kSubjectInfoAccess[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x0b};

// CRL and CRL entry extensions (RFC 5280 5.2, 5.3).
inline constexpr uint8_t kCrlNumber[] = {0x55, 0x1d, 0x14};
inline constexpr uint8_t kReasonCode[] = {0x55, 0x1d, 0x15};
inline constexpr uint8_t kInvalidityDate[] = {0x55, 0x1d, 0x18};
inline constexpr uint8_t kDeltaCrlIndicator[] = {0x55, 0x1d, 0x1b};
inline constexpr uint8_t kIssuingDistributionPoint[] = {0x55, 0x1d, 0x1c};
inline constexpr uint8_t kCertificateIssuer[] = {0x55, 0x1d, 0x1d};

// Policies, qualifiers, access methods, key purposes.
inline constexpr uint8_t kAnyPolicy[] = {0x55, 0x1d, 0x20, 0x00};                                    // 2.5.29.32.0
inline constexpr uint8_t kCpsQualifier[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x02, 0x01};         // id-qt-cps
inline constexpr uint8_t kUserNoticeQualifier[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x02, 0x02};  // id-qt-unotice
inline constexpr uint8_t kOcspAccess[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01};           // id-ad-ocsp
inline constexpr uint8_t kCaIssuersAccess[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02};      // id-ad-caIssuers
inline constexpr uint8_t kAnyExtendedKeyUsage[] = {0x55, 0x1d, 0x25, 0x00};
inline constexpr uint8_t kServerAuth[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01};
inline constexpr uint8_t kClientAuth[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02};
inline constexpr uint8_t kCodeSigning[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03};
inline constexpr uint8_t kEmailProtection[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04};
inline constexpr uint8_t kTimeStamping[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08};
inline constexpr uint8_t kOcspSigning[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09};

// Algorithms (RFC 8017, RFC 4055). Hash and MGF1 OIDs live with the hashes (crypto/hash.h, asn1::KnownOid).
inline constexpr uint8_t kRsaEncryption[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
inline constexpr uint8_t kRsaSsaPss[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a};
inline constexpr uint8_t kSha256WithRsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b};
inline constexpr uint8_t kSha384WithRsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c};
inline constexpr uint8_t kSha512WithRsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d};

// JPKI (J-LIS arc 1.2.392.200149.8.5): holder attributes in subjectAltName otherName entries (.5.x).
inline constexpr uint8_t kJpkiName[] = {0x2a, 0x83, 0x08, 0x8c, 0x9b, 0x55, 0x08, 0x05, 0x05, 0x01};
inline constexpr uint8_t kJpkiNameSubstitute[] = {0x2a, 0x83, 0x08, 0x8c, 0x9b, 0x55, 0x08, 0x05, 0x05, 0x02};
inline constexpr uint8_t kJpkiGender[] = {0x2a, 0x83, 0x08, 0x8c, 0x9b, 0x55, 0x08, 0x05, 0x05, 0x03};
inline constexpr uint8_t kJpkiBirthDate[] = {0x2a, 0x83, 0x08, 0x8c, 0x9b, 0x55, 0x08, 0x05, 0x05, 0x04};
inline constexpr uint8_t kJpkiAddress[] = {0x2a, 0x83, 0x08, 0x8c, 0x9b, 0x55, 0x08, 0x05, 0x05, 0x05};
inline constexpr uint8_t kJpkiAddressSubstitute[] = {0x2a, 0x83, 0x08, 0x8c, 0x9b, 0x55, 0x08, 0x05, 0x05, 0x06};

// ShortName returns the display name of a known OID ("CN", "basicConstraints", "sha256WithRSAEncryption",
// "anyPolicy", ...) or an empty view for an unknown one.
std::string_view ShortName(ByteView oid);

// ToDotted renders OID content octets as dotted decimal ("2.5.29.19"). Malformed content renders as
// "<malformed oid>"; parsers never hand such content out.
std::string ToDotted(ByteView oid);

// Display returns ShortName when known, otherwise ToDotted.
std::string Display(ByteView oid);

// FromDotted encodes a dotted decimal OID to content octets; fails for fewer than two arcs or a bad first arc.
absl::StatusOr<Bytes> FromDotted(std::string_view dotted);

}  // namespace jpki::x509::oid

#endif  // JPKICORE_X509_OIDS_H_
