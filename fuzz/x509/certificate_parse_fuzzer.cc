// Certificate parse: no crash on any input; every certificate Certificate::Parse accepts re-encodes (from its
// decoded fields) to exactly the input bytes; every known extension's typed value re-encodes to its raw value; an
// error is always a malformed-input or resource-limit status naming the module.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "x509/certificate.h"
#include "x509/certificate_builder.h"
#include "x509/extension_encoders.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jpki;
  const ByteView input(data, size);
  for (bool lenient : {false, true}) {
    x509::ParseOptions options;
    options.allow_negative_serial = lenient;
    options.allow_missing_rsa_null_parameters = lenient;
    absl::StatusOr<x509::Certificate> cert = x509::Certificate::ParseView(input, options);
    if (!cert.ok()) {
      const ErrorCode code = GetErrorCode(cert.status());
      if (code != ErrorCode::kMalformedInput && code != ErrorCode::kResourceLimit) std::abort();
      if (std::string(cert.status().message()).rfind("x509: ", 0) != 0) std::abort();
      continue;
    }
    absl::StatusOr<Bytes> encoded = x509::ReencodeCertificate(*cert);
    if (!encoded.ok() || !Equal(*encoded, input)) std::abort();
    for (const x509::Extension& e : cert->extensions().list()) {
      absl::StatusOr<Bytes> value = x509::ReencodeExtensionValue(e);
      if (value.ok() ? !Equal(*value, e.value) : x509::IsKnownExtension(e.oid)) std::abort();
    }
    // Accessors and renderers must hold up on anything the parser accepted.
    (void)cert->issuer().ToString();
    (void)cert->subject().ToString();
    (void)cert->IsSelfIssued();
    (void)cert->RsaPublicKey();
    if (cert->subject_alt_names()) {
      for (const x509::GeneralName& n : *cert->subject_alt_names()) (void)n.ToString();
    }
    // The raw views point into the certificate's own copy of the input.
    const size_t tbs_offset = static_cast<size_t>(cert->tbs_der().data() - cert->der().data());
    if (!Equal(cert->der(), input) || !Equal(cert->tbs_der(), input.subspan(tbs_offset, cert->tbs_der().size()))) {
      std::abort();
    }
  }
  return 0;
}
