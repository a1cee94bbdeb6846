// CRL parse: no crash; an accepted CRL re-encodes to exactly the input; every listed serial is found by the index
// (IsRevoked and FindRevoked agree with the entry), and the index is sorted.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "x509/crl.h"
#include "x509/crl_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jpki;
  const ByteView input(data, size);
  for (bool lenient : {false, true}) {
    x509::CrlParseOptions options;
    options.allow_negative_serial = lenient;
    options.allow_certificate_issuer_entries = lenient;
    options.allow_missing_rsa_null_parameters = lenient;
    absl::StatusOr<x509::Crl> crl = x509::Crl::ParseView(input, options);
    if (!crl.ok()) {
      const ErrorCode code = GetErrorCode(crl.status());
      if (code != ErrorCode::kMalformedInput && code != ErrorCode::kResourceLimit) std::abort();
      if (std::string(crl.status().message()).rfind("x509: ", 0) != 0) std::abort();
      continue;
    }
    absl::StatusOr<Bytes> encoded = x509::ReencodeCrl(*crl);
    if (!encoded.ok() || !Equal(*encoded, input)) std::abort();
    for (size_t i = 0; i < crl->revoked_count(); ++i) {
      const x509::RevokedEntry entry = crl->revoked(i);
      if (!crl->IsRevoked(entry.serial)) std::abort();
      std::optional<x509::RevokedEntry> found = crl->FindRevoked(entry.serial);
      if (!found || found->der.data() != entry.der.data()) std::abort();
      if (i > 0) {
        const ByteView prev = crl->revoked(i - 1).serial;
        const bool ordered =
            prev.size() < entry.serial.size() ||
            (prev.size() == entry.serial.size() &&
             std::lexicographical_compare(prev.begin(), prev.end(), entry.serial.begin(), entry.serial.end()));
        if (!ordered) std::abort();
      }
    }
    (void)crl->issuer().ToString();
  }
  return 0;
}
