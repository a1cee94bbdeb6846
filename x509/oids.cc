#include "x509/oids.h"

#include "asn1/oid.h"

namespace jpki::x509::oid {

std::string_view ShortName(ByteView oid) {
  const asn1::OidInfo* info = asn1::LookupOid(oid);
  if (info == nullptr) return {};
  return info->short_name.empty() ? info->name : info->short_name;
}

std::string ToDotted(ByteView oid) {
  absl::StatusOr<asn1::Oid> parsed = asn1::Oid::FromDer(oid);
  if (!parsed.ok()) return "<malformed oid>";
  return parsed->ToDotted();
}

std::string Display(ByteView oid) {
  std::string_view name = ShortName(oid);
  if (!name.empty()) return std::string(name);
  return ToDotted(oid);
}

absl::StatusOr<Bytes> FromDotted(std::string_view dotted) {
  absl::StatusOr<asn1::Oid> parsed = asn1::Oid::FromDotted(dotted);
  if (!parsed.ok()) return parsed.status();
  return ToBytes(parsed->der());
}

}  // namespace jpki::x509::oid
