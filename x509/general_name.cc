#include "x509/general_name.h"

#include <cstdio>
#include <utility>

#include "asn1/der_reader.h"
#include "asn1/der_writer.h"
#include "asn1/oid.h"
#include "base/status_macros.h"
#include "x509/internal/encode_util.h"
#include "x509/internal/parse_util.h"
#include "x509/name.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

using internal::Malformed;

std::string FormatIp(ByteView ip) {
  std::string out;
  if (ip.size() == 4) {
    out = internal::Cat(int{ip[0]}, ".", int{ip[1]}, ".", int{ip[2]}, ".", int{ip[3]});
    return out;
  }
  // RFC 5952 text: lowercase hex groups, the longest run (>= 2) of zero groups shortened to "::".
  uint16_t groups[8];
  for (int i = 0; i < 8; ++i) groups[i] = static_cast<uint16_t>((ip[2 * i] << 8) | ip[2 * i + 1]);
  int best_start = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_len && j - i >= 2) best_start = i, best_len = j - i;
    i = j;
  }
  char buf[8];
  for (int i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out.push_back(':');
    std::snprintf(buf, sizeof(buf), "%x", groups[i]);
    out += buf;
  }
  return out;
}

}  // namespace

std::string_view GeneralNameTypeName(GeneralNameType type) {
  switch (type) {
    case GeneralNameType::kOtherName:
      return "otherName";
    case GeneralNameType::kRfc822Name:
      return "rfc822Name";
    case GeneralNameType::kDnsName:
      return "dNSName";
    case GeneralNameType::kX400Address:
      return "x400Address";
    case GeneralNameType::kDirectoryName:
      return "directoryName";
    case GeneralNameType::kEdiPartyName:
      return "ediPartyName";
    case GeneralNameType::kUri:
      return "uniformResourceIdentifier";
    case GeneralNameType::kIpAddress:
      return "iPAddress";
    case GeneralNameType::kRegisteredId:
      return "registeredID";
  }
  return "unknown";
}

std::string GeneralName::ToString() const {
  switch (type) {
    case GeneralNameType::kRfc822Name:
      return internal::Cat("email:", text());
    case GeneralNameType::kDnsName:
      return internal::Cat("DNS:", text());
    case GeneralNameType::kUri:
      return internal::Cat("URI:", text());
    case GeneralNameType::kIpAddress: {
      if (value.size() == 8 || value.size() == 32) {
        const size_t half = value.size() / 2;
        return internal::Cat("IP:", FormatIp(value.subspan(0, half)), "/", FormatIp(value.subspan(half)));
      }
      if (value.size() != 4 && value.size() != 16) return internal::Cat("IP:#", HexEncode(value));
      return internal::Cat("IP:", FormatIp(value));
    }
    case GeneralNameType::kDirectoryName: {
      absl::StatusOr<Name> name = Name::Parse(value);
      return internal::Cat("DirName:", name.ok() ? name->ToString() : "#" + HexEncode(value));
    }
    case GeneralNameType::kRegisteredId:
      return internal::Cat("RID:", oid::Display(value));
    case GeneralNameType::kOtherName: {
      std::string rendered = "#" + HexEncode(value);
      if (!value.empty() && IsStringTag(value[0])) {
        asn1::DerReader r(value);
        absl::StatusOr<asn1::Element> e = r.ReadAnyElement();
        if (e.ok()) rendered = StringToUtf8(static_cast<StringType>(value[0]), e->contents);
      }
      return internal::Cat("othername:", oid::ToDotted(other_name_type_id), ":", rendered);
    }
    case GeneralNameType::kX400Address:
      return internal::Cat("X400Name:#", HexEncode(value));
    case GeneralNameType::kEdiPartyName:
      return internal::Cat("EdiPartyName:#", HexEncode(value));
  }
  return {};
}

namespace {

absl::StatusOr<GeneralName> ReadGeneralName(asn1::DerReader& r, const GeneralNameParseOptions& options) {
  const size_t offset = r.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::Element e, r.ReadAnyElement());
  if (e.tag.tag_class() != asn1::TagClass::kContextSpecific || e.tag.number() > 8) {
    return Malformed("GeneralName: unknown CHOICE tag", offset);
  }
  GeneralName name;
  name.type = static_cast<GeneralNameType>(e.tag.number());
  name.der = e.raw;
  const bool want_constructed =
      name.type == GeneralNameType::kOtherName || name.type == GeneralNameType::kX400Address ||
      name.type == GeneralNameType::kDirectoryName || name.type == GeneralNameType::kEdiPartyName;
  if (e.tag.constructed() != want_constructed) return Malformed("GeneralName: wrong constructed bit", offset);
  asn1::DerReader in = e.reader();
  switch (name.type) {
    case GeneralNameType::kOtherName: {
      // OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY DEFINED BY type-id }
      JPKI_ASSIGN_OR_RETURN(asn1::Oid type_id, in.ReadOid());
      name.other_name_type_id = type_id.der();
      JPKI_ASSIGN_OR_RETURN(asn1::DerReader explicit_value, in.ReadElement(asn1::ContextSpecific(0, true)));
      JPKI_ASSIGN_OR_RETURN(asn1::Element value, explicit_value.ReadAnyElement());
      JPKI_RETURN_IF_ERROR(explicit_value.ExpectEnd());
      JPKI_RETURN_IF_ERROR(in.ExpectEnd());
      name.value = value.raw;
      if (value.tag.is_universal() && asn1::IsStringTag(value.tag)) {
        JPKI_RETURN_IF_ERROR(asn1::ValidateStringContents(value.tag, value.contents));
      }
      break;
    }
    case GeneralNameType::kRfc822Name:
    case GeneralNameType::kDnsName:
    case GeneralNameType::kUri: {
      absl::Status valid = asn1::ValidateStringContents(asn1::kIa5String, e.contents);
      if (!valid.ok()) return Malformed("GeneralName: invalid IA5String", offset);
      name.value = e.contents;
      break;
    }
    case GeneralNameType::kDirectoryName: {
      // directoryName [4] Name (EXPLICIT, since Name is a CHOICE)
      const size_t inner_offset = in.offset();
      JPKI_ASSIGN_OR_RETURN(ByteView inner, in.ReadRawElement(asn1::kSequence));
      JPKI_RETURN_IF_ERROR(in.ExpectEnd());
      JPKI_RETURN_IF_ERROR(Name::Parse(inner, inner_offset).status());
      name.value = inner;
      break;
    }
    case GeneralNameType::kIpAddress: {
      const size_t n = e.contents.size();
      const bool ok = options.ip_with_mask ? (n == 8 || n == 32) : (n == 4 || n == 16);
      if (!ok) return Malformed("GeneralName: iPAddress of wrong length", offset);
      name.value = e.contents;
      break;
    }
    case GeneralNameType::kRegisteredId: {
      JPKI_RETURN_IF_ERROR(asn1::Oid::FromDer(e.contents).status());
      name.value = e.contents;
      break;
    }
    case GeneralNameType::kX400Address:
    case GeneralNameType::kEdiPartyName:
      // Kept raw: jpkicore never matches these, and validation treats them as opaque.
      name.value = e.contents;
      break;
  }
  return name;
}

}  // namespace

absl::StatusOr<GeneralName> ParseGeneralName(ByteView der, const GeneralNameParseOptions& options, size_t base_offset) {
  asn1::DerReader r(der, base_offset, 0);
  JPKI_ASSIGN_OR_RETURN(GeneralName name, ReadGeneralName(r, options));
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  return name;
}

absl::StatusOr<std::vector<GeneralName>> ParseGeneralNamesContent(ByteView content, size_t base_offset,
                                                                  const GeneralNameParseOptions& options) {
  if (content.empty()) return Malformed("GeneralNames: empty", base_offset);
  std::vector<GeneralName> names;
  asn1::DerReader r(content, base_offset, 0);
  while (!r.empty()) {
    JPKI_ASSIGN_OR_RETURN(GeneralName name, ReadGeneralName(r, options));
    names.push_back(name);
  }
  return names;
}

absl::StatusOr<std::vector<GeneralName>> ParseGeneralNames(ByteView der, size_t base_offset) {
  // GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
  asn1::DerReader r(der, base_offset, 0);
  const size_t offset = r.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::Element seq, r.ReadAnyElement());
  if (seq.tag != asn1::kSequence) return Malformed("GeneralNames: not a SEQUENCE", offset);
  JPKI_RETURN_IF_ERROR(r.ExpectEnd());
  return ParseGeneralNamesContent(seq.contents, seq.contents_offset());
}

// ---- Encoding --------------------------------------------------------------------------------------------------

GeneralNameSpec GeneralNameSpec::Dns(std::string_view name) {
  return GeneralNameSpec{GeneralNameType::kDnsName, ToBytes(AsBytes(name)), {}};
}
GeneralNameSpec GeneralNameSpec::Email(std::string_view address) {
  return GeneralNameSpec{GeneralNameType::kRfc822Name, ToBytes(AsBytes(address)), {}};
}
GeneralNameSpec GeneralNameSpec::Uri(std::string_view uri) {
  return GeneralNameSpec{GeneralNameType::kUri, ToBytes(AsBytes(uri)), {}};
}
GeneralNameSpec GeneralNameSpec::Ip(ByteView address_octets) {
  return GeneralNameSpec{GeneralNameType::kIpAddress, ToBytes(address_octets), {}};
}
GeneralNameSpec GeneralNameSpec::Directory(ByteView name_der) {
  return GeneralNameSpec{GeneralNameType::kDirectoryName, ToBytes(name_der), {}};
}
GeneralNameSpec GeneralNameSpec::RegisteredId(ByteView oid) {
  return GeneralNameSpec{GeneralNameType::kRegisteredId, ToBytes(oid), {}};
}
GeneralNameSpec GeneralNameSpec::OtherNameUtf8(ByteView type_id, std::string_view utf8) {
  asn1::DerWriter w;
  w.AddString(asn1::kUtf8String, utf8);
  absl::StatusOr<Bytes> value = w.Finish();
  return GeneralNameSpec{GeneralNameType::kOtherName, value.ok() ? *std::move(value) : Bytes(), ToBytes(type_id)};
}
GeneralNameSpec GeneralNameSpec::OtherName(ByteView type_id, ByteView value_der) {
  return GeneralNameSpec{GeneralNameType::kOtherName, ToBytes(value_der), ToBytes(type_id)};
}
GeneralNameSpec GeneralNameSpec::From(const GeneralName& name) {
  return GeneralNameSpec{name.type, ToBytes(name.value), ToBytes(name.other_name_type_id)};
}

namespace internal {
void WriteGeneralName(asn1::DerWriter& w, const GeneralNameSpec& name) {
  const uint32_t n = static_cast<uint32_t>(name.type);
  switch (name.type) {
    case GeneralNameType::kOtherName:
      w.AddElement(asn1::ContextSpecific(0, true), [&](asn1::DerWriter& other) {
        other.AddPrimitive(asn1::kObjectIdentifier, name.other_name_type_id);
        other.AddExplicit(0, [&](asn1::DerWriter& v) { v.AddRaw(name.value); });
      });
      break;
    case GeneralNameType::kDirectoryName:
      w.AddExplicit(4, [&](asn1::DerWriter& v) { v.AddRaw(name.value); });
      break;
    case GeneralNameType::kX400Address:
    case GeneralNameType::kEdiPartyName:
      w.AddPrimitive(asn1::ContextSpecific(n, true), name.value);
      break;
    default:
      w.AddPrimitive(asn1::ContextSpecific(n, false), name.value);
      break;
  }
}
}  // namespace internal

Bytes EncodeGeneralName(const GeneralNameSpec& name) {
  asn1::DerWriter w;
  internal::WriteGeneralName(w, name);
  absl::StatusOr<Bytes> out = w.Finish();
  return out.ok() ? *std::move(out) : Bytes();
}

Bytes EncodeGeneralNames(const std::vector<GeneralNameSpec>& names) {
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& seq) {
    for (const GeneralNameSpec& name : names) internal::WriteGeneralName(seq, name);
  });
  absl::StatusOr<Bytes> out = w.Finish();
  return out.ok() ? *std::move(out) : Bytes();
}

}  // namespace jpki::x509
