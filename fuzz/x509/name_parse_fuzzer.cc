// Name parse: no crash; an accepted name re-encodes from its attributes to exactly the input; rendering works; a
// name equals itself and its re-parse under RFC 5280 comparison.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.h"
#include "x509/name.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jpki;
  const ByteView input(data, size);
  absl::StatusOr<x509::Name> name = x509::Name::Parse(input);
  if (!name.ok()) return 0;
  const Bytes encoded = x509::EncodeName(*name);
  if (!Equal(encoded, input)) std::abort();
  if (!name->Equals(*name)) std::abort();
  absl::StatusOr<x509::Name> again = x509::Name::Parse(encoded);
  if (!again.ok() || !again->Equals(*name) || !name->Equals(*again)) std::abort();
  (void)name->ToString();
  (void)name->CommonName();
  size_t total = 0;
  for (size_t r = 0; r < name->rdn_count(); ++r) {
    const auto rdn = name->rdn(r);
    if (rdn.empty()) std::abort();
    total += rdn.size();
  }
  if (total != name->attributes().size()) std::abort();
  return 0;
}
