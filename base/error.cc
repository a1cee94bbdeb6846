#include "base/error.h"

#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace jpki {
namespace {

constexpr char kPayloadUrl[] = "type.jpkicore/ErrorCode";

absl::StatusCode CanonicalCode(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return absl::StatusCode::kOk;
    case ErrorCode::kMalformedInput:
    case ErrorCode::kInvalidArgument:
      return absl::StatusCode::kInvalidArgument;
    case ErrorCode::kUnsupported:
      return absl::StatusCode::kUnimplemented;
    case ErrorCode::kBadSignature:
    case ErrorCode::kCertificateRejected:
      return absl::StatusCode::kUnauthenticated;
    case ErrorCode::kPolicyViolation:
    case ErrorCode::kState:
      return absl::StatusCode::kFailedPrecondition;
    case ErrorCode::kInternal:
      return absl::StatusCode::kInternal;
    case ErrorCode::kFaultDetected:
      return absl::StatusCode::kDataLoss;
    case ErrorCode::kNotFound:
      return absl::StatusCode::kNotFound;
    case ErrorCode::kResourceLimit:
      return absl::StatusCode::kResourceExhausted;
  }
  return absl::StatusCode::kUnknown;
}

}  // namespace

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "ok";
    case ErrorCode::kMalformedInput:
      return "malformed_input";
    case ErrorCode::kUnsupported:
      return "unsupported";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kBadSignature:
      return "bad_signature";
    case ErrorCode::kPolicyViolation:
      return "policy_violation";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kFaultDetected:
      return "fault_detected";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kState:
      return "state";
    case ErrorCode::kCertificateRejected:
      return "certificate_rejected";
    case ErrorCode::kResourceLimit:
      return "resource_limit";
  }
  return "unknown";
}

absl::Status MakeError(ErrorCode code, std::string_view module, std::string_view message) {
  if (code == ErrorCode::kOk) return absl::OkStatus();
  absl::Status status(CanonicalCode(code), absl::StrCat(absl::string_view(module.data(), module.size()), ": ",
                                                        absl::string_view(message.data(), message.size())));
  status.SetPayload(kPayloadUrl, absl::Cord(absl::StrCat(static_cast<int>(code))));
  return status;
}

std::string_view MessageAfterModule(const absl::Status& status, std::string_view module) {
  const absl::string_view full = status.message();
  std::string_view message(full.data(), full.size());
  if (message.size() > module.size() + 1 && message.substr(0, module.size()) == module &&
      message.substr(module.size(), 2) == ": ") {
    message.remove_prefix(module.size() + 2);
  }
  return message;
}

ErrorCode GetErrorCode(const absl::Status& status) {
  if (status.ok()) return ErrorCode::kOk;
  std::optional<absl::Cord> payload;
  if (auto p = status.GetPayload(kPayloadUrl); p.has_value()) payload = *p;
  int value = 0;
  if (payload.has_value() && absl::SimpleAtoi(std::string(*payload), &value) && value > 0 &&
      value <= static_cast<int>(ErrorCode::kResourceLimit)) {
    return static_cast<ErrorCode>(value);
  }
  return ErrorCode::kInternal;
}

}  // namespace jpki
