#ifndef JPKICORE_APDU_GP_INTERNAL_COMMAND_UTIL_H_
#define JPKICORE_APDU_GP_INTERNAL_COMMAND_UTIL_H_

// Helpers shared by the GlobalPlatform command builders and card-side parsers (package-private).

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "base/bytes.h"
#include "base/error.h"

namespace jpki::apdu::gp::internal {

inline absl::Status Malformed(const std::string& message) {
  return MakeError(ErrorCode::kMalformedInput, "gp", message);
}
inline absl::Status Invalid(const std::string& message) {
  return MakeError(ErrorCode::kInvalidArgument, "gp", message);
}

// IsPlainGpClass: a GP proprietary class byte (b8 set) without secure messaging, on any logical channel (80-83,
// C0-CF). Card-side parsers see commands after SCP03 unwrapping, so the SM bit is already cleared.
inline bool IsPlainGpClass(uint8_t cla) {
  if ((cla & 0x80) == 0 || cla == 0xFF) return false;
  return (cla & 0x40) != 0 ? (cla & 0x30) == 0 : (cla & 0x7C) == 0;
}

// CheckCommand verifies CLA (GP proprietary) and INS for the named command.
inline absl::Status CheckCommand(const CommandApdu& c, uint8_t ins, const char* name) {
  if (c.ins != ins) return Malformed(std::string("not ") + name);
  if (!IsPlainGpClass(c.cla)) return Malformed(std::string(name) + ": CLA is not a GlobalPlatform class");
  return absl::OkStatus();
}

// AppendLv appends a one-byte length and `value` (fails above 255 bytes).
inline absl::Status AppendLv(Bytes& out, ByteView value, const char* what) {
  if (value.size() > 255) return Invalid(std::string(what) + " longer than 255 bytes");
  out.push_back(static_cast<uint8_t>(value.size()));
  Append(out, value);
  return absl::OkStatus();
}

// LvReader reads one-byte-length-prefixed fields, naming offsets in errors.
class LvReader {
 public:
  LvReader(ByteView data, const char* command) : data_(data), command_(command) {}
  absl::StatusOr<Bytes> Read(const char* field) {
    if (pos_ >= data_.size()) {
      return Malformed(std::string(command_) + ": missing " + field + " at offset " + std::to_string(pos_));
    }
    const size_t len = data_[pos_];
    if (data_.size() - pos_ - 1 < len) {
      return Malformed(std::string(command_) + ": " + field + " length at offset " + std::to_string(pos_) +
                       " runs past the data");
    }
    Bytes out(data_.begin() + pos_ + 1, data_.begin() + pos_ + 1 + len);
    pos_ += 1 + len;
    return out;
  }
  absl::Status ExpectEnd() const {
    if (pos_ != data_.size()) {
      return Malformed(std::string(command_) + ": trailing data at offset " + std::to_string(pos_));
    }
    return absl::OkStatus();
  }

 private:
  ByteView data_;
  const char* command_;
  size_t pos_ = 0;
};

}  // namespace jpki::apdu::gp::internal

#endif  // JPKICORE_APDU_GP_INTERNAL_COMMAND_UTIL_H_
