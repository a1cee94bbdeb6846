// Fuzzes the RSASSA-PSS-params decoder (crypto/pss_params.h) that key import and certificate parsing share.
// Invariants (abort on violation): nothing crashes; decoded parameters re-encode to bytes that decode to the same
// parameters; with NULL required in the hash identifiers, the re-encoding is the input itself (one DER encoding per
// value); the strict parse never accepts what the lenient one refuses.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.h"
#include "crypto/pss_params.h"

namespace {

void Check(bool condition) {
  if (!condition) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const jpki::ByteView input(data, size);
  const auto lenient = jpki::crypto::ParsePssParams(input);
  jpki::crypto::PssParamsParseOptions strict_options;
  strict_options.require_null_hash_parameters = true;
  const auto strict = jpki::crypto::ParsePssParams(input, 0, strict_options);
  if (strict.ok()) {
    Check(lenient.ok() && *lenient == *strict);
    Check(jpki::Equal(jpki::crypto::EncodePssParams(*strict), input));
  }
  if (lenient.ok()) {
    const auto again = jpki::crypto::ParsePssParams(jpki::crypto::EncodePssParams(*lenient), 0, strict_options);
    Check(again.ok() && *again == *lenient);
  }
  return 0;
}
