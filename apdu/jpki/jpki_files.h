#ifndef JPKICORE_APDU_JPKI_JPKI_FILES_H_
#define JPKICORE_APDU_JPKI_JPKI_FILES_H_

// The JPKI applet (公的個人認証AP): its AID, elementary files and key references, as used by every public client
// (OpenSC jpki.h / card-jpki.c, jpki/myna, soltia48/myna-card; shared/notes/domain-research.md §1.1-1.4). Shared by
// the host commands, the command-name catalogue and the card-side simulator.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jpki::apdu::jpki_ap {

// JPKI AP AID (DF name).
inline constexpr std::array<uint8_t, 10> kJpkiAid = {0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01};

// Elementary files (2-byte file IDs under the JPKI AP).
inline constexpr uint16_t kEfSigningCertificate = 0x0001;       // 署名用電子証明書 (read after password VERIFY)
inline constexpr uint16_t kEfSigningCaCertificate = 0x0002;     // CA above the signing certificate
inline constexpr uint16_t kEfTokenInfo = 0x0006;                // 160-byte CK_TOKEN_INFO; label = token type
inline constexpr uint16_t kEfCertificateAvailability = 0x0008;  // 3 bytes, 8F 8F 00 = both present
inline constexpr uint16_t kEfAuthenticationCertificate = 0x000A;  // 利用者証明用電子証明書
inline constexpr uint16_t kEfAuthenticationCaCertificate = 0x000B;
inline constexpr uint16_t kEfAuthenticationKey = 0x0017;  // 利用者証明用秘密鍵 (RSA-2048)
inline constexpr uint16_t kEfAuthenticationPin = 0x0018;  // 4-digit PIN
inline constexpr uint16_t kEfSigningKey = 0x001A;         // 署名用秘密鍵 (RSA-2048)
inline constexpr uint16_t kEfSigningPin = 0x001B;         // 6-16 character password

// Short EF identifiers of the key files for COMPUTE DIGITAL SIGNATURE P2 = 80 | SFI (reported by soltia48).
inline constexpr uint8_t kP2AuthenticationKeySfi = 0x97;
inline constexpr uint8_t kP2SigningKeySfi = 0x9A;
// P2 = 80: "the key / PIN of the currently selected EF".
inline constexpr uint8_t kP2SelectedReference = 0x80;

// Proprietary instructions.
inline constexpr uint8_t kClaProprietary = 0x80;
inline constexpr uint8_t kInsComputeDigitalSignature = 0x2A;  // with CLA 80
inline constexpr uint8_t kInsLastCommandIndicator = 0xFC;     // iPhone only, CLA 80

// Retry limits and PIN formats (OpenSC JPKI_AUTH_PIN_MAX_TRIES / JPKI_SIGN_PIN_MAX_TRIES).
inline constexpr int kAuthenticationPinMaxTries = 3;
inline constexpr int kSigningPasswordMaxTries = 5;

// EfName returns a short English name for a JPKI EF ("signing certificate", ...), nullopt if unknown.
inline std::optional<std::string_view> EfName(uint16_t fid) {
  switch (fid) {
    case kEfSigningCertificate:
      return "signing certificate";
    case kEfSigningCaCertificate:
      return "signing CA certificate";
    case kEfTokenInfo:
      return "token info";
    case kEfCertificateAvailability:
      return "certificate availability";
    case kEfAuthenticationCertificate:
      return "authentication certificate";
    case kEfAuthenticationCaCertificate:
      return "authentication CA certificate";
    case kEfAuthenticationKey:
      return "authentication private key";
    case kEfAuthenticationPin:
      return "authentication PIN";
    case kEfSigningKey:
      return "signing private key";
    case kEfSigningPin:
      return "signing password";
    default:
      return std::nullopt;
  }
}

}  // namespace jpki::apdu::jpki_ap

#endif  // JPKICORE_APDU_JPKI_JPKI_FILES_H_
