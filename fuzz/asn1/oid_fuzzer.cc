// OIDs: DER contents -> dotted text -> DER must be the identity on every accepted input, and dotted text that parses
// must print back identically; the known-name table must only answer for its own bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "asn1/oid.h"
#include "base/bytes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using jpki::asn1::Oid;
  const jpki::ByteView input(data, size);
  auto oid = Oid::FromDer(input);
  if (oid.ok()) {
    const std::string dotted = oid->ToDotted();
    auto again = Oid::FromDotted(dotted);
    if (!again.ok() || !jpki::Equal(again->der(), input) || again->ToDotted() != dotted) std::abort();
    const jpki::asn1::OidInfo* info = jpki::asn1::LookupOid(input);
    if (info != nullptr && (!jpki::Equal(info->der, input) || info->dotted != dotted)) std::abort();
    if (oid->Owned() != *oid) std::abort();
  }
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto from_text = Oid::FromDotted(text);
  if (from_text.ok()) {
    if (from_text->ToDotted() != text) std::abort();
    auto from_der = Oid::FromDer(from_text->der());
    if (!from_der.ok() || *from_der != *from_text) std::abort();
  }
  return 0;
}
