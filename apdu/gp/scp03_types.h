#ifndef JPKICORE_APDU_GP_SCP03_TYPES_H_
#define JPKICORE_APDU_GP_SCP03_TYPES_H_

// SCP03 vocabulary (GlobalPlatform Card Specification 2.3.1 Amendment D): modes, security levels and static keys.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/secret_bytes.h"

namespace jpki::apdu::gp {

// Scp03Mode sets the size of the challenges, cryptograms and MACs: 8 bytes (S8) or 16 bytes (S16). The card
// announces it in bit b1 of the `i` parameter of its key information.
enum class Scp03Mode { kS8, kS16 };

// Scp03ChallengeSize returns 8 for S8 and 16 for S16.
inline constexpr size_t Scp03ChallengeSize(Scp03Mode mode) { return mode == Scp03Mode::kS16 ? 16 : 8; }

// SecurityLevel is P1 of EXTERNAL AUTHENTICATE. Only the combinations Amendment D allows exist: C-MAC is always on,
// C-DECRYPTION needs C-MAC, R-ENCRYPTION needs R-MAC (and, per Amendment D, C-DECRYPTION is independent of it).
enum class SecurityLevel : uint8_t {
  kCMac = 0x01,
  kCMacCDec = 0x03,
  kCMacRMac = 0x11,
  kCMacCDecRMac = 0x13,
  kCMacRMacREnc = 0x31,
  kCMacCDecRMacREnc = 0x33,
};

inline constexpr uint8_t kLevelCMacBit = 0x01;
inline constexpr uint8_t kLevelCDecBit = 0x02;
inline constexpr uint8_t kLevelRMacBit = 0x10;
inline constexpr uint8_t kLevelREncBit = 0x20;

inline constexpr bool HasCDec(SecurityLevel l) { return (static_cast<uint8_t>(l) & kLevelCDecBit) != 0; }
inline constexpr bool HasRMac(SecurityLevel l) { return (static_cast<uint8_t>(l) & kLevelRMacBit) != 0; }
inline constexpr bool HasREnc(SecurityLevel l) { return (static_cast<uint8_t>(l) & kLevelREncBit) != 0; }

// SecurityLevelFromByte accepts exactly the six allowed levels; kInvalidArgument otherwise.
absl::StatusOr<SecurityLevel> SecurityLevelFromByte(uint8_t p1);

// SecurityLevelName: "cmac", "cmac-cdec", "cmac-rmac", "cmac-cdec-rmac", "cmac-rmac-renc", "cmac-cdec-rmac-renc"
// (the names `jpki scp03 wrap --level` takes).
std::string_view SecurityLevelName(SecurityLevel level);
// SecurityLevelFromName is the inverse; kInvalidArgument for an unknown name.
absl::StatusOr<SecurityLevel> SecurityLevelFromName(std::string_view name);

// Scp03Keys is one static key set: ENC, MAC and DEK of the same AES size (16, 24 or 32 bytes), and its key version
// number. Move-only; the keys zeroize themselves.
struct Scp03Keys {
  uint8_t kvn = 0;
  SecretBytes enc;
  SecretBytes mac;
  SecretBytes dek;  // may be empty when only a session is opened (the DEK is used only by PUT KEY / STORE DATA)

  // Create checks that ENC and MAC (and DEK when given) are all 16, 24 or 32 bytes and of the same size.
  static absl::StatusOr<Scp03Keys> Create(uint8_t kvn, SecretBytes enc, SecretBytes mac, SecretBytes dek);
  Scp03Keys Clone() const;
};

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_SCP03_TYPES_H_
