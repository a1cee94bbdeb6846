#include "apdu/jpki/pin_rules.h"

#include <cstdint>

#include "apdu/jpki/jpki_files.h"
#include "base/error.h"

namespace jpki::apdu::jpki_ap {

std::string_view PinKindName(PinKind kind) {
  return kind == PinKind::kAuthentication ? "authentication PIN" : "signing password";
}

int MaxTries(PinKind kind) {
  return kind == PinKind::kAuthentication ? kAuthenticationPinMaxTries : kSigningPasswordMaxTries;
}

uint16_t PinEf(PinKind kind) { return kind == PinKind::kAuthentication ? kEfAuthenticationPin : kEfSigningPin; }

absl::Status ValidatePin(PinKind kind, std::string_view pin) {
  if (kind == PinKind::kAuthentication) {
    if (pin.size() != 4)
      return MakeError(ErrorCode::kInvalidArgument, "jpki_ap", "authentication PIN must be 4 digits");
    for (char c : pin) {
      if (c < '0' || c > '9') {
        return MakeError(ErrorCode::kInvalidArgument, "jpki_ap", "authentication PIN must be 4 digits");
      }
    }
    return absl::OkStatus();
  }
  if (pin.size() < 6 || pin.size() > 16) {
    return MakeError(ErrorCode::kInvalidArgument, "jpki_ap", "signing password must be 6 to 16 characters");
  }
  for (char c : pin) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
      return MakeError(ErrorCode::kInvalidArgument, "jpki_ap",
                       "signing password may contain only upper-case letters A-Z and digits 0-9");
    }
  }
  return absl::OkStatus();
}

}  // namespace jpki::apdu::jpki_ap
