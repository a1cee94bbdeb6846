// Extension decoders: the first input byte picks a known extension type, the rest is its extnValue. A value the
// typed decoder accepts must re-encode to exactly itself. The whole input is also tried as an Extensions list and
// as a GeneralName.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "base/bytes.h"
#include "x509/extension_encoders.h"
#include "x509/extensions.h"
#include "x509/general_name.h"
#include "x509/oids.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jpki;
  if (size == 0) return 0;
  static constexpr ByteView kOids[] = {
      x509::oid::kBasicConstraints,
      x509::oid::kKeyUsage,
      x509::oid::kExtKeyUsage,
      x509::oid::kSubjectKeyIdentifier,
      x509::oid::kAuthorityKeyIdentifier,
      x509::oid::kSubjectAltName,
      x509::oid::kIssuerAltName,
      x509::oid::kCertificatePolicies,
      x509::oid::kPolicyMappings,
      x509::oid::kPolicyConstraints,
      x509::oid::kInhibitAnyPolicy,
      x509::oid::kNameConstraints,
      x509::oid::kCrlDistributionPoints,
      x509::oid::kAuthorityInfoAccess,
      x509::oid::kCrlNumber,
      x509::oid::kIssuingDistributionPoint,
      x509::oid::kReasonCode,
  };
  const ByteView value(data + 1, size - 1);
  x509::Extension extension{kOids[data[0] % (sizeof(kOids) / sizeof(kOids[0]))], false, value, {}};
  absl::StatusOr<Bytes> encoded = x509::ReencodeExtensionValue(extension);
  if (encoded.ok() && !Equal(*encoded, value)) std::abort();

  absl::StatusOr<x509::Extensions> list = x509::Extensions::Parse(value);
  if (list.ok()) {
    for (const x509::Extension& e : list->list()) {
      if (list->Find(e.oid) != &e) std::abort();  // no duplicates survive
      absl::StatusOr<Bytes> re = x509::ReencodeExtensionValue(e);
      if (re.ok() && !Equal(*re, e.value)) std::abort();
    }
  }
  for (bool mask : {false, true}) {
    x509::GeneralNameParseOptions options;
    options.ip_with_mask = mask;
    absl::StatusOr<x509::GeneralName> name = x509::ParseGeneralName(value, options);
    if (name.ok()) {
      if (!Equal(x509::EncodeGeneralName(x509::GeneralNameSpec::From(*name)), value)) std::abort();
      (void)name->ToString();
    }
  }
  return 0;
}
