#ifndef JPKICORE_APDU_GP_SECURE_CHANNEL_COMMANDS_H_
#define JPKICORE_APDU_GP_SECURE_CHANNEL_COMMANDS_H_

// INITIALIZE UPDATE and EXTERNAL AUTHENTICATE for SCP03 (GP Card Specification 2.3.1 Amendment D,
// section 7): builders and parsers for both the host and the card side.
//
//   INITIALIZE UPDATE  80 50 KVN 00 Lc host-challenge(8|16) 00
//   response           KDD(10) KVN 03 i card-challenge(8|16) card-cryptogram(8|16) [sequence counter(3)] 9000
//   EXTERNAL AUTHENTICATE  84 82 level 00 Lc host-cryptogram(8|16) C-MAC(8|16)

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/gp/scp03_types.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

inline constexpr uint8_t kClaGp = 0x80;
inline constexpr uint8_t kInsInitializeUpdate = 0x50;
inline constexpr uint8_t kInsExternalAuthenticate = 0x82;
inline constexpr uint8_t kScp03Id = 0x03;
inline constexpr size_t kKddSize = 10;

// `i` parameter bits of SCP03 (Amendment D §5.1).
inline constexpr uint8_t kScp03IS16 = 0x01;                    // S16 mode
inline constexpr uint8_t kScp03IPseudoRandomChallenge = 0x10;  // card challenge derived, sequence counter sent
inline constexpr uint8_t kScp03IRMacSupported = 0x20;
inline constexpr uint8_t kScp03IREncSupported = 0x40;

// BuildInitializeUpdate: KVN 00 means "any key set"; the challenge is 8 bytes (S8) or 16 (S16).
absl::StatusOr<CommandApdu> BuildInitializeUpdate(uint8_t kvn, ByteView host_challenge);

// InitializeUpdateCommand is the card-side view of INITIALIZE UPDATE.
struct InitializeUpdateCommand {
  uint8_t kvn = 0;
  Bytes host_challenge;
};
// ParseInitializeUpdate checks CLA (80, any channel), INS 50, P2 00 and a challenge of 8 or 16 bytes;
// kMalformedInput otherwise.
absl::StatusOr<InitializeUpdateCommand> ParseInitializeUpdate(const CommandApdu& command);

// InitializeUpdateResponse is the response data of INITIALIZE UPDATE.
struct InitializeUpdateResponse {
  Bytes kdd;  // key diversification data, 10 bytes
  uint8_t kvn = 0;
  uint8_t scp_id = kScp03Id;
  uint8_t i = 0;
  Bytes card_challenge;                   // 8 or 16 bytes
  Bytes card_cryptogram;                  // 8 or 16 bytes
  std::optional<Bytes> sequence_counter;  // 3 bytes, present iff i has kScp03IPseudoRandomChallenge

  Scp03Mode mode() const { return (i & kScp03IS16) != 0 ? Scp03Mode::kS16 : Scp03Mode::kS8; }
};
// ParseInitializeUpdateResponse parses the response data (without SW). The mode comes from `i`; lengths must match
// it exactly. Fails with kMalformedInput (naming the offset) on any size mismatch, or kUnsupported when the SCP
// identifier is not 03.
absl::StatusOr<InitializeUpdateResponse> ParseInitializeUpdateResponse(ByteView data);
// EncodeInitializeUpdateResponse is the card-side inverse; kInvalidArgument when the fields are inconsistent.
absl::StatusOr<Bytes> EncodeInitializeUpdateResponse(const InitializeUpdateResponse& response);

// BuildExternalAuthenticatePlain returns EXTERNAL AUTHENTICATE before its C-MAC is added (CLA 80): the SCP03
// channel MACs it (Scp03Channel::MacExternalAuthenticate), which sets CLA 84.
CommandApdu BuildExternalAuthenticatePlain(SecurityLevel level, ByteView host_cryptogram);

// ExternalAuthenticateCommand is the card-side view after the C-MAC was verified and stripped.
struct ExternalAuthenticateCommand {
  SecurityLevel level = SecurityLevel::kCMac;
  Bytes host_cryptogram;
};
// ParseExternalAuthenticate parses the MAC-stripped command: INS 82, P1 an allowed level, P2 00, data the host
// cryptogram of `mode`'s size. kMalformedInput / kInvalidArgument (level) otherwise.
absl::StatusOr<ExternalAuthenticateCommand> ParseExternalAuthenticate(const CommandApdu& command, Scp03Mode mode);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_SECURE_CHANNEL_COMMANDS_H_
