#include "sim/jpki_applet/pin.h"

#include "base/error.h"

namespace jpki::sim::jpki_applet {

bool FormatAllows(PinFormat format, ByteView value) {
  switch (format) {
    case PinFormat::kAuthPin:
      if (value.size() != 4) return false;
      for (uint8_t c : value) {
        if (c < '0' || c > '9') return false;
      }
      return true;
    case PinFormat::kSigningPassword:
      if (value.size() < 6 || value.size() > 16) return false;
      for (uint8_t c : value) {
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return false;
      }
      return true;
    case PinFormat::kScreenLock:
      if (value.size() < 4 || value.size() > 16) return false;
      for (uint8_t c : value) {
        if (c < 0x21 || c > 0x7E) return false;
      }
      return true;
  }
  return false;
}

absl::Status RetryPin::Set(ByteView value) {
  if (!FormatAllows(format_, value)) {
    return MakeError(ErrorCode::kInvalidArgument, "sim", "reference value has the wrong format");
  }
  reference_ = SecretBytes(value);
  tries_left_ = max_tries_;
  verified_ = false;
  return absl::OkStatus();
}

VerifyOutcome RetryPin::Verify(ByteView candidate) {
  verified_ = false;
  if (!personalized()) return VerifyOutcome::kNotPersonalized;
  if (blocked()) return VerifyOutcome::kBlocked;
  if (!FormatAllows(format_, candidate)) return VerifyOutcome::kBadFormat;
  --tries_left_;  // committed before the comparison (anti-tearing)
  if (!reference_.ConstantTimeEquals(candidate)) return VerifyOutcome::kWrong;
  tries_left_ = max_tries_;
  verified_ = true;
  return VerifyOutcome::kVerified;
}

}  // namespace jpki::sim::jpki_applet
