#ifndef JPKICORE_APDU_GP_SCP03_CHANNEL_H_
#define JPKICORE_APDU_GP_SCP03_CHANNEL_H_

// Scp03Channel is the secure-messaging engine both ends of an SCP03 session share once the session keys exist
// (Amendment D §6.2.4-6.2.7). The host session (scp03_host_session.h) and the card session
// (scp03_card_session.h) are thin state machines around it, so the two sides are built from the same primitives.
//
// Rules it implements (verified against every public transcript in shared/testdata/gp-scp03*):
//  - C-MAC = CMAC(S-MAC, chaining value || CLA' INS P1 P2 Lc' || data'), CLA' with the SM bit set, Lc' counting the
//    MAC; the new chaining value is the full 16-byte CMAC; the first 8 (S8) or 16 (S16) bytes are appended. The Lc'
//    field is MACed in the form the command is encoded in (short unless Lc' > 255 or Ne > 256, as apdu::Encode).
//  - The encryption counter advances for EVERY command after EXTERNAL AUTHENTICATE, with or without data.
//  - C-DECRYPTION: data padded 80 00.., AES-CBC with S-ENC, IV = AES(S-ENC, counter); empty data is not encrypted.
//  - R-MAC = CMAC(S-RMAC, chaining value of the command || data' || SW1 SW2); error SWs (neither 9000 nor
//    62xx/63xx) carry neither data nor MAC.
//  - R-ENCRYPTION: IV = AES(S-ENC, 80 || counter[1..15]); verified (R-MAC) first, decrypted second.
//  - Any verification or format failure closes the channel: keys wiped, every later call fails with kState.

#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/gp/scp03_kdf.h"
#include "apdu/gp/scp03_types.h"
#include "apdu/response_apdu.h"
#include "base/error.h"
#include "crypto/aes.h"
#include "crypto/cmac.h"

namespace jpki::apdu::gp {

// IsScp03ProtectedSw: true for the status words a card MACs (9000, 62xx, 63xx); others carry no data and no R-MAC.
inline bool IsScp03ProtectedSw(uint16_t sw) { return sw == 0x9000 || (sw >> 8) == 0x62 || (sw >> 8) == 0x63; }

// WithSecureMessagingBit sets the SM indication in a class byte: b3 (04) in the first interindustry coding
// (80..83 -> 84..87), b6 (20) in the further one (C0..CF -> E0..EF).
inline uint8_t WithSecureMessagingBit(uint8_t cla) {
  return static_cast<uint8_t>(cla | ((cla & 0x40) != 0 ? 0x20 : 0x04));
}
inline uint8_t WithoutSecureMessagingBit(uint8_t cla) {
  return static_cast<uint8_t>(cla & ~((cla & 0x40) != 0 ? 0x20 : 0x04));
}

class Scp03Channel {
 public:
  // Create keys the channel from the session keys; the chaining value and counter start at zero.
  static absl::StatusOr<Scp03Channel> Create(const Scp03SessionKeys& keys, Scp03Mode mode, SecurityLevel level);

  Scp03Channel(Scp03Channel&&) noexcept = default;
  Scp03Channel& operator=(Scp03Channel&&) noexcept = default;

  Scp03Mode mode() const { return mode_; }
  SecurityLevel level() const { return level_; }
  size_t mac_size() const { return Scp03ChallengeSize(mode_); }
  bool closed() const { return closed_; }
  // AllowOverlongResponsePadding: a leniency, off by default. Some cards (Samsung OpenSCP's card emulation among the
  // public vectors) pad R-ENCRYPTED responses with more than one block of 80 00..; with this on, UnwrapResponse
  // accepts 80 followed by any number of zeros. Harmless to security (the R-MAC was verified first) but
  // non-conformant, hence opt-in.
  void AllowOverlongResponsePadding(bool allow) { allow_overlong_response_padding_ = allow; }
  // SetLevel fixes the level once EXTERNAL AUTHENTICATE has been verified (card side); kState after the first
  // wrapped or unwrapped command.
  [[nodiscard]] absl::Status SetLevel(SecurityLevel level);
  // Close wipes the session keys; every later call fails with kState.
  void Close();

  // Host side. MacExternalAuthenticate C-MACs the EXTERNAL AUTHENTICATE command (no encryption, counter untouched).
  absl::StatusOr<CommandApdu> MacExternalAuthenticate(const CommandApdu& plain);
  // WrapCommand advances the counter and protects `plain` at the session's level (C-MAC, plus C-DECRYPTION).
  // Fails (kInvalidArgument, channel left open) when the command already has the SM bit or is too long (Nc' > 65535).
  absl::StatusOr<CommandApdu> WrapCommand(const CommandApdu& plain);
  // UnwrapResponse verifies the R-MAC, then decrypts (R-ENCRYPTION) a response to the last wrapped command. Without
  // R-MAC in the level the response is returned as is. A wrong MAC is kBadSignature; a response too short for its
  // MAC, or with bad padding, is kBadSignature as well; the channel is closed on any failure.
  absl::StatusOr<ResponseApdu> UnwrapResponse(const ResponseApdu& wrapped);

  // Card side. VerifyExternalAuthenticate checks the C-MAC of the EXTERNAL AUTHENTICATE command and returns its
  // data without the MAC. UnwrapCommand advances the counter, verifies the C-MAC and decrypts; WrapResponse adds
  // R-MAC / R-ENCRYPTION to the response of the last unwrapped command. Failures close the channel (kBadSignature
  // for a MAC or padding failure).
  absl::StatusOr<CommandApdu> VerifyExternalAuthenticate(const CommandApdu& wrapped);
  absl::StatusOr<CommandApdu> UnwrapCommand(const CommandApdu& wrapped);
  absl::StatusOr<ResponseApdu> WrapResponse(const ResponseApdu& plain);

 private:
  Scp03Channel(crypto::Aes s_enc, crypto::Cmac s_mac, crypto::Cmac s_rmac, Scp03Mode mode, SecurityLevel level);

  absl::Status CheckOpen() const;
  absl::Status Fail(ErrorCode code, std::string_view message);  // closes and returns the error
  void AdvanceCounter();
  absl::StatusOr<crypto::AesBlock> CommandIv() const;
  absl::StatusOr<crypto::AesBlock> ResponseIv() const;
  absl::StatusOr<CommandApdu> Protect(const CommandApdu& plain, bool encrypt);
  absl::StatusOr<CommandApdu> Verify(const CommandApdu& wrapped, bool decrypt);

  std::optional<crypto::Aes> s_enc_;
  std::optional<crypto::Cmac> s_mac_;
  std::optional<crypto::Cmac> s_rmac_;
  Scp03Mode mode_;
  SecurityLevel level_;
  crypto::AesBlock chaining_{};
  crypto::AesBlock counter_{};
  bool closed_ = false;
  bool allow_overlong_response_padding_ = false;
};

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_SCP03_CHANNEL_H_
