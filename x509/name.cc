#include "x509/name.h"

#include <algorithm>
#include <utility>

#include "asn1/der_reader.h"
#include "asn1/der_writer.h"
#include "asn1/oid.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "x509/internal/parse_util.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

using internal::Malformed;

// AppendUtf8 encodes one code point (already validated to be a scalar value).
void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

bool IsScalar(uint32_t cp) { return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff); }

// Attribute types whose values are DirectoryString (or, for C/serialNumber/dnQualifier, PrintableString and for
// emailAddress/DC, IA5String): a non-string value under these types is malformed.
bool RequiresString(ByteView type) {
  static constexpr ByteView kTypes[] = {oid::kCommonName,      oid::kSurname,          oid::kSerialNumber,
                                        oid::kCountryName,     oid::kLocalityName,     oid::kStateOrProvinceName,
                                        oid::kStreetAddress,   oid::kOrganizationName, oid::kOrganizationalUnitName,
                                        oid::kTitle,           oid::kPostalCode,       oid::kName,
                                        oid::kGivenName,       oid::kInitials,         oid::kGenerationQualifier,
                                        oid::kDnQualifier,     oid::kPseudonym,        oid::kOrganizationIdentifier,
                                        oid::kDomainComponent, oid::kUserId,           oid::kEmailAddress};
  for (ByteView known : kTypes) {
    if (Equal(known, type)) return true;
  }
  return false;
}

// RFC 4514 section 3 keywords, plus the common names OpenSSL and Go print for the other attributes jpkicore meets.
std::string_view AttributeKeyword(ByteView type) {
  struct Entry {
    ByteView oid;
    std::string_view name;
  };
  static constexpr Entry kEntries[] = {
      {oid::kCommonName, "CN"},
      {oid::kCountryName, "C"},
      {oid::kLocalityName, "L"},
      {oid::kStateOrProvinceName, "ST"},
      {oid::kOrganizationName, "O"},
      {oid::kOrganizationalUnitName, "OU"},
      {oid::kStreetAddress, "STREET"},
      {oid::kDomainComponent, "DC"},
      {oid::kUserId, "UID"},
      {oid::kSerialNumber, "serialNumber"},
      {oid::kEmailAddress, "emailAddress"},
      {oid::kSurname, "SN"},
      {oid::kGivenName, "GN"},
      {oid::kTitle, "title"},
      {oid::kPostalCode, "postalCode"},
      {oid::kName, "name"},
      {oid::kInitials, "initials"},
      {oid::kGenerationQualifier, "generationQualifier"},
      {oid::kDnQualifier, "dnQualifier"},
      {oid::kPseudonym, "pseudonym"},
      {oid::kOrganizationIdentifier, "organizationIdentifier"},
  };
  for (const Entry& e : kEntries) {
    if (Equal(e.oid, type)) return e.name;
  }
  return {};
}

// EscapeValue applies RFC 4514 2.4 to a UTF-8 value.
void EscapeValue(std::string_view value, std::string& out) {
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const bool special = c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';' ||
                         (i == 0 && (c == '#' || c == ' ')) || (i + 1 == value.size() && c == ' ');
    if (c == '\0') {
      out += "\\00";
    } else if (special) {
      out.push_back('\\');
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
}

bool IsFoldable(uint8_t tag) {
  return tag == static_cast<uint8_t>(StringType::kPrintableString) ||
         tag == static_cast<uint8_t>(StringType::kUtf8String);
}

// Fold implements RFC 5280 7.1's comparison for PrintableString / UTF8String in the subset jpkicore applies: ASCII
// case folded, leading and trailing spaces removed, inner runs of spaces collapsed to one (RFC 4518 insignificant
// space handling). Non-ASCII characters compare exactly.
std::string Fold(ByteView value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (uint8_t c : value) {
    if (c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    if (c >= 'A' && c <= 'Z') c = static_cast<uint8_t>(c - 'A' + 'a');
    out.push_back(static_cast<char>(c));
  }
  return out;
}

bool AttributeEquals(const AttributeTypeAndValue& a, const AttributeTypeAndValue& b) {
  if (!Equal(a.type, b.type)) return false;
  if (IsFoldable(a.value_tag) && IsFoldable(b.value_tag)) {
    if (a.value_tag == b.value_tag && Equal(a.value, b.value)) return true;
    return Fold(a.value) == Fold(b.value);
  }
  return a.value_tag == b.value_tag && Equal(a.value, b.value);
}

}  // namespace

bool IsStringTag(uint8_t tag) {
  switch (static_cast<StringType>(tag)) {
    case StringType::kUtf8String:
    case StringType::kNumericString:
    case StringType::kPrintableString:
    case StringType::kTeletexString:
    case StringType::kIa5String:
    case StringType::kVisibleString:
    case StringType::kUniversalString:
    case StringType::kBmpString:
      return true;
  }
  return false;
}

absl::Status ValidateString(StringType type, ByteView content) {
  if (type == StringType::kUniversalString) {
    // UCS-4 big endian: whole code points, each a Unicode scalar value.
    if (content.size() % 4 != 0) return Malformed("UniversalString length not a multiple of 4", 0);
    for (size_t i = 0; i < content.size(); i += 4) {
      const uint32_t cp = (uint32_t{content[i]} << 24) | (uint32_t{content[i + 1]} << 16) |
                          (uint32_t{content[i + 2]} << 8) | content[i + 3];
      if (!IsScalar(cp)) return Malformed("UniversalString code point out of range", i);
    }
    return absl::OkStatus();
  }
  return asn1::ValidateStringContents(asn1::Tag::Universal(static_cast<uint8_t>(type)), content);
}

std::string StringToUtf8(StringType type, ByteView content) {
  std::string out;
  switch (type) {
    case StringType::kBmpString:
      for (size_t i = 0; i + 1 < content.size(); i += 2) AppendUtf8((uint32_t{content[i]} << 8) | content[i + 1], out);
      return out;
    case StringType::kUniversalString:
      for (size_t i = 0; i + 3 < content.size(); i += 4) {
        const uint32_t cp = (uint32_t{content[i]} << 24) | (uint32_t{content[i + 1]} << 16) |
                            (uint32_t{content[i + 2]} << 8) | content[i + 3];
        AppendUtf8(IsScalar(cp) ? cp : 0xfffd, out);
      }
      return out;
    case StringType::kTeletexString:
      // Read as ISO 8859-1, the common practice for T.61 in certificates.
      for (uint8_t c : content) AppendUtf8(c, out);
      return out;
    default:
      return std::string(reinterpret_cast<const char*>(content.data()), content.size());
  }
}

std::string AttributeTypeAndValue::Utf8Value() const {
  if (!is_string()) return {};
  return StringToUtf8(static_cast<StringType>(value_tag), value);
}

absl::StatusOr<Name> Name::Parse(ByteView der, size_t base_offset) {
  Name name;
  name.der_ = der;
  asn1::DerReader outer(der, base_offset, 0);
  // Name ::= CHOICE { rdnSequence RDNSequence }; RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
  JPKI_ASSIGN_OR_RETURN(asn1::DerReader rdns, outer.ReadSequence());
  JPKI_RETURN_IF_ERROR(outer.ExpectEnd());
  uint32_t rdn_index = 0;
  while (!rdns.empty()) {
    // RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
    const size_t set_offset = rdns.offset();
    JPKI_ASSIGN_OR_RETURN(asn1::Element set, rdns.ReadAnyElement());
    if (set.tag != asn1::kSet) return Malformed("name: RDN is not a SET", set_offset);
    if (set.contents.empty()) return Malformed("name: empty RDN", set_offset);
    asn1::DerReader atvs = set.reader();
    size_t count = 0;
    while (!atvs.empty()) {
      // AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }
      JPKI_ASSIGN_OR_RETURN(asn1::DerReader atv, atvs.ReadSequence());
      AttributeTypeAndValue attribute;
      JPKI_ASSIGN_OR_RETURN(asn1::Oid type, atv.ReadOid());
      attribute.type = type.der();
      const size_t value_offset = atv.offset();
      JPKI_ASSIGN_OR_RETURN(asn1::Element value, atv.ReadAnyElement());
      JPKI_RETURN_IF_ERROR(atv.ExpectEnd());
      attribute.value_tag = value.raw[0];
      attribute.value = value.contents;
      attribute.value_der = value.raw;
      attribute.rdn_index = rdn_index;
      // The identifier octet equals a StringType value only for a universal, primitive string element.
      if (attribute.is_string()) {
        absl::Status valid = ValidateString(static_cast<StringType>(attribute.value_tag), value.contents);
        if (!valid.ok()) return Malformed(internal::Cat("name: invalid string: ", valid.message()), value_offset);
      } else if (RequiresString(attribute.type)) {
        return Malformed("name: attribute value is not a string", value_offset);
      }
      name.attributes_.push_back(attribute);
      ++count;
    }
    if (count > 1) JPKI_RETURN_IF_ERROR(asn1::CheckDerSetOfOrder(set.contents, set.contents_offset()));
    ++rdn_index;
  }
  name.rdn_count_ = rdn_index;
  return name;
}

absl::Span<const AttributeTypeAndValue> Name::rdn(size_t index) const {
  size_t begin = 0;
  while (begin < attributes_.size() && attributes_[begin].rdn_index < index) ++begin;
  size_t end = begin;
  while (end < attributes_.size() && attributes_[end].rdn_index == index) ++end;
  return absl::MakeConstSpan(attributes_).subspan(begin, end - begin);
}

const AttributeTypeAndValue* Name::Find(ByteView oid) const {
  for (const AttributeTypeAndValue& a : attributes_) {
    if (Equal(a.type, oid)) return &a;
  }
  return nullptr;
}

std::optional<std::string> Name::CommonName() const {
  const AttributeTypeAndValue* found = nullptr;
  for (const AttributeTypeAndValue& a : attributes_) {
    if (Equal(a.type, oid::kCommonName)) found = &a;
  }
  if (found == nullptr) return std::nullopt;
  return found->Utf8Value();
}

std::string Name::ToString() const {
  std::string out;
  for (size_t r = rdn_count_; r-- > 0;) {
    if (r + 1 != rdn_count_) out.push_back(',');
    bool first = true;
    for (const AttributeTypeAndValue& a : rdn(r)) {
      if (!first) out.push_back('+');
      first = false;
      std::string_view keyword = AttributeKeyword(a.type);
      if (keyword.empty()) {
        out += oid::ToDotted(a.type);
      } else {
        out += keyword;
      }
      out.push_back('=');
      if (a.is_string()) {
        EscapeValue(a.Utf8Value(), out);
      } else {
        out.push_back('#');
        out += HexEncode(a.value_der);
      }
    }
  }
  return out;
}

bool Name::Equals(const Name& other) const {
  if (ByteEquals(other)) return true;
  if (rdn_count_ != other.rdn_count_ || attributes_.size() != other.attributes_.size()) return false;
  for (size_t r = 0; r < rdn_count_; ++r) {
    absl::Span<const AttributeTypeAndValue> mine = rdn(r);
    absl::Span<const AttributeTypeAndValue> theirs = other.rdn(r);
    if (mine.size() != theirs.size()) return false;
    if (mine.size() == 1) {
      if (!AttributeEquals(mine[0], theirs[0])) return false;
      continue;
    }
    // Multi-valued RDN: a set, so match each attribute with a distinct one of the other side.
    absl::InlinedVector<bool, 8> used(theirs.size(), false);
    for (const AttributeTypeAndValue& a : mine) {
      bool matched = false;
      for (size_t j = 0; j < theirs.size() && !matched; ++j) {
        if (!used[j] && AttributeEquals(a, theirs[j])) used[j] = matched = true;
      }
      if (!matched) return false;
    }
  }
  return true;
}

// ---- Building --------------------------------------------------------------------------------------------------

NameBuilder& NameBuilder::Add(ByteView type, StringType string_type, std::string_view value) {
  rdns_.emplace_back();
  rdns_.back().push_back(NameAttribute{ToBytes(type), string_type, std::string(value)});
  return *this;
}

NameBuilder& NameBuilder::AddToLastRdn(ByteView type, StringType string_type, std::string_view value) {
  if (rdns_.empty()) rdns_.emplace_back();
  rdns_.back().push_back(NameAttribute{ToBytes(type), string_type, std::string(value)});
  return *this;
}

NameBuilder& NameBuilder::Country(std::string_view v) {
  return Add(oid::kCountryName, StringType::kPrintableString, v);
}
NameBuilder& NameBuilder::Organization(std::string_view v) {
  return Add(oid::kOrganizationName, StringType::kUtf8String, v);
}
NameBuilder& NameBuilder::OrganizationalUnit(std::string_view v) {
  return Add(oid::kOrganizationalUnitName, StringType::kUtf8String, v);
}
NameBuilder& NameBuilder::CommonName(std::string_view v) { return Add(oid::kCommonName, StringType::kUtf8String, v); }
NameBuilder& NameBuilder::Locality(std::string_view v) { return Add(oid::kLocalityName, StringType::kUtf8String, v); }
NameBuilder& NameBuilder::StateOrProvince(std::string_view v) {
  return Add(oid::kStateOrProvinceName, StringType::kUtf8String, v);
}

absl::StatusOr<Bytes> NameBuilder::Build() const {
  asn1::DerWriter w;
  absl::Status error;
  w.AddSequence([&](asn1::DerWriter& seq) {
    for (const auto& rdn : rdns_) {
      seq.AddSetOf([&](asn1::DerWriter& set) {
        for (const NameAttribute& a : rdn) {
          set.AddSequence([&](asn1::DerWriter& atv) {
            atv.AddPrimitive(asn1::kObjectIdentifier, a.type);
            const asn1::Tag tag = asn1::Tag::Universal(static_cast<uint8_t>(a.string_type));
            if (a.string_type == StringType::kUniversalString || a.string_type == StringType::kTeletexString) {
              // Written as given (the caller supplies the encoded octets).
              absl::Status valid = ValidateString(a.string_type, AsBytes(a.value));
              if (!valid.ok() && error.ok()) error = valid;
              atv.AddPrimitive(tag, AsBytes(a.value));
            } else {
              atv.AddString(tag, a.value);
            }
          });
        }
      });
    }
  });
  if (!error.ok()) return error;
  return w.Finish();
}

Bytes EncodeName(const Name& name) {
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& seq) {
    for (size_t r = 0; r < name.rdn_count(); ++r) {
      seq.AddSetOf([&](asn1::DerWriter& set) {
        for (const AttributeTypeAndValue& a : name.rdn(r)) {
          set.AddSequence([&](asn1::DerWriter& atv) {
            atv.AddPrimitive(asn1::kObjectIdentifier, a.type);
            atv.AddRaw(a.value_der);
          });
        }
      });
    }
  });
  absl::StatusOr<Bytes> out = w.Finish();
  return out.ok() ? *std::move(out) : Bytes();
}

}  // namespace jpki::x509
