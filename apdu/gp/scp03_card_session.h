#ifndef JPKICORE_APDU_GP_SCP03_CARD_SESSION_H_
#define JPKICORE_APDU_GP_SCP03_CARD_SESSION_H_

// Scp03CardSession: the on-card (Security Domain) end of an SCP03 session, for the SE simulator.
//
//   Scp03CardSession sd(config);                                   // one per Security Domain / logical channel
//   INITIALIZE UPDATE  -> ResponseApdu r = *sd.ProcessInitializeUpdate(cmd, sequence_counter);
//   EXTERNAL AUTHENTICATE -> ResponseApdu r = *sd.ProcessExternalAuthenticate(cmd);   // 9000 or 6982 / 6A86 / ...
//   then for each command with the SM bit: auto plain = sd.UnwrapCommand(cmd);
//       on error respond 6982 (the session is already closed); else process `plain` and send
//       *sd.WrapResponse(response).
//
// Protocol failures during the handshake are answered with status words (the card never returns an error status
// for them); a Status error from these methods is a programming or internal error.

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/gp/scp03_channel.h"
#include "apdu/gp/scp03_types.h"
#include "apdu/gp/secure_channel_commands.h"
#include "apdu/response_apdu.h"
#include "base/bytes.h"
#include "crypto/random.h"

namespace jpki::apdu::gp {

// Status words the card side answers with.
inline constexpr uint16_t kSwSecurityNotSatisfied = 0x6982;  // authentication failed / session closed
inline constexpr uint16_t kSwConditionsNotSatisfied = 0x6985;
inline constexpr uint16_t kSwWrongData = 0x6A80;
inline constexpr uint16_t kSwIncorrectP1P2 = 0x6A86;
inline constexpr uint16_t kSwReferencedDataNotFound = 0x6A88;
inline constexpr uint16_t kSwWrongLength = 0x6700;

struct Scp03CardConfig {
  Scp03Keys keys;    // the key set this Security Domain answers INITIALIZE UPDATE with
  Bytes kdd;         // 10 bytes of key diversification data
  uint8_t i = 0x70;  // i parameter: 0x70 S8 pseudo-random challenge with R-MAC/R-ENC; |0x01 for S16
  Bytes sd_aid;      // the Security Domain's AID, the context of the pseudo-random challenge
  crypto::RandomSource* random = nullptr;  // for random card challenges (i without 0x10); SystemRandom() if null
};

class Scp03CardSession {
 public:
  explicit Scp03CardSession(Scp03CardConfig config) : config_(std::move(config)) {}

  // ProcessInitializeUpdate answers INITIALIZE UPDATE: 6A88 for an unknown KVN, 6700 for a challenge of the wrong
  // size for the card's mode, otherwise the response with the card challenge (derived from `sequence_counter` and
  // the SD AID when i has 0x10, random otherwise) and the card cryptogram, SW 9000. Any previous session is closed.
  // The caller owns the sequence counter (Amendment D: incremented after each successful session opening).
  absl::StatusOr<ResponseApdu> ProcessInitializeUpdate(const CommandApdu& command, uint32_t sequence_counter);
  // ReplayInitializeUpdate is ProcessInitializeUpdate with a given card challenge, for replaying recorded
  // transcripts whose Security Domain AID is unknown; a real card derives or draws its challenge.
  absl::StatusOr<ResponseApdu> ReplayInitializeUpdate(const CommandApdu& command, uint32_t sequence_counter,
                                                      ByteView card_challenge);

  // ProcessExternalAuthenticate verifies the C-MAC and the host cryptogram: 9000 opens the session at the requested
  // level; a failure answers 6982 (6985 when no INITIALIZE UPDATE preceded it) and drops the handshake.
  absl::StatusOr<ResponseApdu> ProcessExternalAuthenticate(const CommandApdu& command);

  // UnwrapCommand verifies and decrypts a command of the open session. kBadSignature on a bad C-MAC or padding
  // (the session is then closed: answer 6982), kState when no session is open.
  absl::StatusOr<CommandApdu> UnwrapCommand(const CommandApdu& wrapped);
  // WrapResponse adds R-MAC / R-ENCRYPTION (per the level) to the response of the last unwrapped command.
  absl::StatusOr<ResponseApdu> WrapResponse(const ResponseApdu& plain);

  void Close();
  bool is_open() const { return authenticated_ && channel_.has_value() && !channel_->closed(); }
  std::optional<SecurityLevel> level() const;
  const Scp03CardConfig& config() const { return config_; }

 private:
  absl::StatusOr<ResponseApdu> InitializeUpdate(const CommandApdu& command, uint32_t sequence_counter,
                                                std::optional<ByteView> card_challenge);

  Scp03CardConfig config_;
  std::optional<Scp03Channel> channel_;
  Bytes expected_host_cryptogram_;  // set by INITIALIZE UPDATE, consumed by EXTERNAL AUTHENTICATE
  bool authenticated_ = false;
};

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_SCP03_CARD_SESSION_H_
