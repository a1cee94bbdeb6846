#include "apdu/gp/scp03_types.h"

#include <utility>

#include "base/error.h"

namespace jpki::apdu::gp {
namespace {

constexpr char kModule[] = "scp03";

struct LevelName {
  SecurityLevel level;
  std::string_view name;
};
constexpr LevelName kLevels[] = {
    {SecurityLevel::kCMac, "cmac"},
    {SecurityLevel::kCMacCDec, "cmac-cdec"},
    {SecurityLevel::kCMacRMac, "cmac-rmac"},
    {SecurityLevel::kCMacCDecRMac, "cmac-cdec-rmac"},
    {SecurityLevel::kCMacRMacREnc, "cmac-rmac-renc"},
    {SecurityLevel::kCMacCDecRMacREnc, "cmac-cdec-rmac-renc"},
};

bool IsAesKeySize(size_t n) { return n == 16 || n == 24 || n == 32; }

}  // namespace

absl::StatusOr<SecurityLevel> SecurityLevelFromByte(uint8_t p1) {
  for (const auto& l : kLevels) {
    if (static_cast<uint8_t>(l.level) == p1) return l.level;
  }
  return MakeError(ErrorCode::kInvalidArgument, kModule, "security level not allowed by Amendment D");
}

std::string_view SecurityLevelName(SecurityLevel level) {
  for (const auto& l : kLevels) {
    if (l.level == level) return l.name;
  }
  return "unknown";
}

absl::StatusOr<SecurityLevel> SecurityLevelFromName(std::string_view name) {
  for (const auto& l : kLevels) {
    if (l.name == name) return l.level;
  }
  return MakeError(ErrorCode::kInvalidArgument, kModule,
                   "unknown security level (cmac, cmac-cdec, cmac-rmac, cmac-cdec-rmac, cmac-rmac-renc, "
                   "cmac-cdec-rmac-renc)");
}

absl::StatusOr<Scp03Keys> Scp03Keys::Create(uint8_t kvn, SecretBytes enc, SecretBytes mac, SecretBytes dek) {
  if (!IsAesKeySize(enc.size()) || mac.size() != enc.size() || (!dek.empty() && dek.size() != enc.size())) {
    return MakeError(ErrorCode::kInvalidArgument, kModule,
                     "ENC, MAC and DEK must be AES keys of one size (16, 24, 32)");
  }
  Scp03Keys keys;
  keys.kvn = kvn;
  keys.enc = std::move(enc);
  keys.mac = std::move(mac);
  keys.dek = std::move(dek);
  return keys;
}

Scp03Keys Scp03Keys::Clone() const {
  Scp03Keys keys;
  keys.kvn = kvn;
  keys.enc = enc.Clone();
  keys.mac = mac.Clone();
  keys.dek = dek.Clone();
  return keys;
}

}  // namespace jpki::apdu::gp
