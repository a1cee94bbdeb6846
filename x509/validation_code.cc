#include "x509/validation_code.h"

#include <array>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "base/error.h"

namespace jpki::x509 {
namespace {

constexpr char kPayloadUrl[] = "type.jpkicore/x509.ValidationCode";

constexpr std::array<std::pair<ValidationCode, std::string_view>, 16> kNames = {{
    {ValidationCode::kOk, "ok"},
    {ValidationCode::kExpired, "expired"},
    {ValidationCode::kNotYetValid, "not_yet_valid"},
    {ValidationCode::kRevoked, "revoked"},
    {ValidationCode::kBadSignature, "bad_signature"},
    {ValidationCode::kUnknownIssuer, "unknown_issuer"},
    {ValidationCode::kNotACa, "not_a_ca"},
    {ValidationCode::kPathLengthExceeded, "path_length_exceeded"},
    {ValidationCode::kKeyUsage, "key_usage"},
    {ValidationCode::kUnhandledCriticalExtension, "unhandled_critical_extension"},
    {ValidationCode::kCrlExpired, "crl_expired"},
    {ValidationCode::kCrlBadSignature, "crl_bad_signature"},
    {ValidationCode::kRevocationUnknown, "revocation_unknown"},
    {ValidationCode::kNameMismatch, "name_mismatch"},
    {ValidationCode::kPolicy, "policy"},
    {ValidationCode::kMalformed, "malformed"},
}};

}  // namespace

std::string_view ValidationCodeName(ValidationCode code) {
  for (const auto& [value, name] : kNames) {
    if (value == code) return name;
  }
  return "malformed";
}

std::optional<ValidationCode> ParseValidationCodeName(std::string_view name) {
  for (const auto& [value, word] : kNames) {
    if (word == name) return value;
  }
  return std::nullopt;
}

absl::Status ValidationError(ValidationCode code, std::string_view detail) {
  const ErrorCode error =
      code == ValidationCode::kMalformed ? ErrorCode::kMalformedInput : ErrorCode::kCertificateRejected;
  absl::Status status =
      MakeError(error, "x509", absl::StrCat(std::string(ValidationCodeName(code)), ": ", std::string(detail)));
  status.SetPayload(kPayloadUrl, absl::Cord(std::string(ValidationCodeName(code))));
  return status;
}

ValidationCode GetValidationCode(const absl::Status& status) {
  if (status.ok()) return ValidationCode::kOk;
  if (absl::optional<absl::Cord> payload = status.GetPayload(kPayloadUrl)) {
    if (std::optional<ValidationCode> code = ParseValidationCodeName(std::string(*payload))) return *code;
  }
  if (GetErrorCode(status) == ErrorCode::kBadSignature) return ValidationCode::kBadSignature;
  return ValidationCode::kMalformed;
}

}  // namespace jpki::x509
