#ifndef JPKICORE_X509_GENERAL_NAME_H_
#define JPKICORE_X509_GENERAL_NAME_H_

// GeneralName and GeneralNames (RFC 5280 4.2.1.6): the alternative names of subjectAltName/issuerAltName, the
// locations of distribution points and access descriptions, the bases of name constraints.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::x509 {

// GeneralNameType is the context tag number of the CHOICE.
enum class GeneralNameType : uint8_t {
  kOtherName = 0,      // [0] OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }
  kRfc822Name = 1,     // [1] IA5String
  kDnsName = 2,        // [2] IA5String
  kX400Address = 3,    // [3] ORAddress (kept raw)
  kDirectoryName = 4,  // [4] EXPLICIT Name
  kEdiPartyName = 5,   // [5] EDIPartyName (kept raw)
  kUri = 6,            // [6] IA5String
  kIpAddress = 7,      // [7] OCTET STRING: 4 or 16 octets (SAN); 8 or 32 (address + mask) in name constraints
  kRegisteredId = 8,   // [8] OBJECT IDENTIFIER
};

// GeneralNameTypeName returns "otherName", "rfc822Name", "dNSName", "x400Address", "directoryName", "ediPartyName",
// "uniformResourceIdentifier", "iPAddress", "registeredID".
std::string_view GeneralNameTypeName(GeneralNameType type);

// GeneralName is one decoded name. Views point into the bytes it was parsed from.
struct GeneralName {
  GeneralNameType type = GeneralNameType::kDnsName;
  // value depends on type:
  //   kRfc822Name, kDnsName, kUri: the IA5String characters (validated < 0x80)
  //   kIpAddress: the address octets (4/16, or 8/32 with a mask inside name constraints)
  //   kDirectoryName: the whole inner Name element (parse it with Name::Parse)
  //   kRegisteredId: the OID content octets
  //   kOtherName: the whole value element inside [0] EXPLICIT (e.g. a UTF8String element)
  //   kX400Address, kEdiPartyName: the content octets of the [3]/[5] element
  ByteView value;
  ByteView other_name_type_id;  // kOtherName: the type-id OID's content octets
  ByteView der;                 // the whole GeneralName element

  // text returns `value` as characters for the IA5String types.
  std::string_view text() const { return std::string_view(reinterpret_cast<const char*>(value.data()), value.size()); }
  // ToString renders for display: "DNS:example.com", "email:a@b", "URI:...", "IP:192.0.2.1" / "IP:2001:db8::1"
  // (with "/mask" in name constraints), "DirName:<RFC 4514>", "othername:<oid>:<UTF-8 or #hex>", "RID:<oid>".
  std::string ToString() const;
};

struct GeneralNameParseOptions {
  // In name constraints an iPAddress carries address and mask (8 or 32 octets) instead of 4 or 16.
  bool ip_with_mask = false;
};

// ParseGeneralName decodes exactly one GeneralName element `der`. Fails with kMalformedInput: unknown tag, bad
// IA5String, IP address of the wrong length, a directoryName that is not a valid Name, an otherName without its
// [0] EXPLICIT value.
// `base_offset` (here and below) is added to offsets in error messages.
absl::StatusOr<GeneralName> ParseGeneralName(ByteView der, const GeneralNameParseOptions& options = {},
                                             size_t base_offset = 0);

// ParseGeneralNames decodes GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName (the whole SEQUENCE element).
absl::StatusOr<std::vector<GeneralName>> ParseGeneralNames(ByteView der, size_t base_offset = 0);

// ParseGeneralNamesContent decodes the GeneralName elements that fill `content` (for [n] IMPLICIT GeneralNames
// fields, whose content is the list without a SEQUENCE header). At least one is required.
absl::StatusOr<std::vector<GeneralName>> ParseGeneralNamesContent(ByteView content, size_t base_offset = 0,
                                                                  const GeneralNameParseOptions& options = {});

// GeneralNameBuilder values for encoders: an owned GeneralName description.
struct GeneralNameSpec {
  GeneralNameType type = GeneralNameType::kDnsName;
  Bytes value;  // as GeneralName::value (for kDirectoryName the Name DER; for kOtherName the value element)
  Bytes other_name_type_id;  // kOtherName only

  static GeneralNameSpec Dns(std::string_view name);
  static GeneralNameSpec Email(std::string_view address);
  static GeneralNameSpec Uri(std::string_view uri);
  static GeneralNameSpec Ip(ByteView address_octets);
  static GeneralNameSpec Directory(ByteView name_der);
  static GeneralNameSpec RegisteredId(ByteView oid);
  // OtherNameUtf8 is an otherName whose value is [0] EXPLICIT UTF8String (the JPKI holder attributes).
  static GeneralNameSpec OtherNameUtf8(ByteView type_id, std::string_view utf8);
  // OtherName with an arbitrary value element.
  static GeneralNameSpec OtherName(ByteView type_id, ByteView value_der);
  // From copies a parsed GeneralName.
  static GeneralNameSpec From(const GeneralName& name);
};

// EncodeGeneralName writes one GeneralName element.
Bytes EncodeGeneralName(const GeneralNameSpec& name);
// EncodeGeneralNames writes GeneralNames (a SEQUENCE).
Bytes EncodeGeneralNames(const std::vector<GeneralNameSpec>& names);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_GENERAL_NAME_H_
