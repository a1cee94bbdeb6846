#ifndef JPKICORE_X509_NAME_H_
#define JPKICORE_X509_NAME_H_

// X.501 distinguished names as RFC 5280 4.1.2.4 profiles them: a SEQUENCE OF RelativeDistinguishedName, each a
// non-empty SET OF AttributeTypeAndValue. Parsing validates the string types (PrintableString charset, IA5 range,
// UTF-8 well-formedness, BMP/Universal lengths, ...); rendering follows RFC 4514; comparison follows RFC 5280 7.1.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "base/bytes.h"

namespace jpki::x509 {

// Universal tags of the string types a name attribute may use.
enum class StringType : uint8_t {
  kUtf8String = 0x0c,
  kNumericString = 0x12,
  kPrintableString = 0x13,
  kTeletexString = 0x14,  // T.61; validated only as bytes, rendered as Latin-1
  kIa5String = 0x16,
  kVisibleString = 0x1a,
  kUniversalString = 0x1c,  // UCS-4 big endian
  kBmpString = 0x1e,        // UCS-2 big endian
};

// IsStringTag reports whether `tag` (an identifier octet) is one of the StringType tags.
bool IsStringTag(uint8_t tag);

// ValidateString checks `content` against the character set of `type`. Fails with kMalformedInput.
absl::Status ValidateString(StringType type, ByteView content);

// StringToUtf8 converts a validated string of `type` to UTF-8 (BMP, Universal and Teletex/Latin-1 transcoded; the
// others copied).
std::string StringToUtf8(StringType type, ByteView content);

// AttributeTypeAndValue is one attribute of a name. Views point into the bytes the Name was parsed from.
struct AttributeTypeAndValue {
  ByteView type;       // the attribute type OID's content octets (compare with x509::oid constants)
  uint8_t value_tag;   // identifier octet of the value element (a StringType for every string attribute)
  ByteView value;      // content octets of the value element
  ByteView value_der;  // the whole value element (for RFC 4514 "#hex" rendering of non-string values)
  uint32_t rdn_index;  // which RDN (0-based, in encoding order) this attribute belongs to

  // is_string reports whether the value is one of the StringType types (then `value` passed ValidateString).
  bool is_string() const { return IsStringTag(value_tag); }
  // Utf8Value returns the value as UTF-8 for string values; empty for others.
  std::string Utf8Value() const;
};

// Name is a parsed distinguished name: a cheap value type of views into the DER it was parsed from, which must
// outlive it (a Certificate keeps both together).
class Name {
 public:
  Name() = default;

  // Parse decodes `der`, which must be exactly one Name element (SEQUENCE OF RDN, no trailing bytes). Every RDN
  // must be non-empty; the attributes of a multi-valued RDN must be in DER SET order; attribute values of string
  // types must be valid for their type; known DirectoryString attributes (CN, O, OU, L, ST, C, serialNumber, ...)
  // and emailAddress/DC must carry a string type. Fails with kMalformedInput and the byte offset relative to `der`.
  // `base_offset` is added to offsets in error messages (the position of `der` in a larger input).
  static absl::StatusOr<Name> Parse(ByteView der, size_t base_offset = 0);

  // der returns the whole Name element as parsed.
  ByteView der() const { return der_; }
  bool empty() const { return attributes_.empty(); }
  size_t rdn_count() const { return rdn_count_; }
  // attributes returns every attribute in encoding order (rdn_index tells their RDN).
  absl::Span<const AttributeTypeAndValue> attributes() const { return attributes_; }
  // rdn returns the attributes of RDN `index` (< rdn_count()).
  absl::Span<const AttributeTypeAndValue> rdn(size_t index) const;

  // Find returns the first attribute of type `oid` (content octets), or nullptr.
  const AttributeTypeAndValue* Find(ByteView oid) const;
  // CommonName returns the UTF-8 value of the last CN attribute, if any.
  std::optional<std::string> CommonName() const;

  // ToString renders the name per RFC 4514: RDNs in reverse encoding order separated by ",", the attributes of a
  // multi-valued RDN joined by "+", short names for known types (CN, C, O, OU, L, ST, STREET, DC, UID,
  // serialNumber, emailAddress, ...) and dotted OIDs otherwise; special characters escaped with "\" (",", "+", """,
  // "\", "<", ">", ";", a leading "#" or space, a trailing space, NUL as "\00"); non-string values as "#" and the
  // hex of their DER. Non-ASCII UTF-8 is kept as is.
  std::string ToString() const;

  // Equals compares per RFC 5280 7.1: same number of RDNs, each RDN the same set of attributes (any order); values
  // of PrintableString or UTF8String compare after folding ASCII case, trimming leading and trailing spaces and
  // collapsing inner runs of spaces (either type may match the other); every other value compares by tag and bytes.
  bool Equals(const Name& other) const;

  // ByteEquals compares the DER encodings exactly (what a chain builder can try first).
  bool ByteEquals(const Name& other) const { return Equal(der_, other.der_); }

 private:
  ByteView der_;
  uint32_t rdn_count_ = 0;
  absl::InlinedVector<AttributeTypeAndValue, 8> attributes_;
};

// NameAttribute is one attribute for building a name.
struct NameAttribute {
  Bytes type;  // OID content octets
  StringType string_type = StringType::kUtf8String;
  std::string value;  // in the encoding of `string_type` (UTF-8 for kUtf8String, ASCII for Printable/IA5, ...)
};

// NameBuilder assembles a Name's DER. Each Add starts a new single-valued RDN; AddToLastRdn makes it multi-valued.
class NameBuilder {
 public:
  NameBuilder& Add(ByteView type, StringType string_type, std::string_view value);
  // Shorthands: C as PrintableString; the others as UTF8String.
  NameBuilder& Country(std::string_view value);
  NameBuilder& Organization(std::string_view value);
  NameBuilder& OrganizationalUnit(std::string_view value);
  NameBuilder& CommonName(std::string_view value);
  NameBuilder& Locality(std::string_view value);
  NameBuilder& StateOrProvince(std::string_view value);
  // AddToLastRdn appends an attribute to the last RDN (the first call starts one).
  NameBuilder& AddToLastRdn(ByteView type, StringType string_type, std::string_view value);

  // Build encodes the name (multi-valued RDNs sorted into DER SET order). Fails if a value is not valid for its
  // string type.
  absl::StatusOr<Bytes> Build() const;

 private:
  std::vector<std::vector<NameAttribute>> rdns_;
};

// EncodeName re-encodes a parsed name from its attributes (used to check byte-identical round trips).
Bytes EncodeName(const Name& name);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_NAME_H_
