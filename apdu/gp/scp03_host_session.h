#ifndef JPKICORE_APDU_GP_SCP03_HOST_SESSION_H_
#define JPKICORE_APDU_GP_SCP03_HOST_SESSION_H_

// Scp03HostSession: the off-card (TSM) end of an SCP03 session.
//
//   auto challenge = ...8 random bytes (16 for S16)...;
//   CommandApdu iu = *BuildInitializeUpdate(keys.kvn, challenge);              // send, get `iu_response`
//   auto session = Scp03HostSession::Create(keys, challenge, iu_response, SecurityLevel::kCMacCDecRMacREnc);
//   CommandApdu ea = *session->ExternalAuthenticate();                         // send, get `ea_response`
//   JPKI_RETURN_IF_ERROR(session->ConfirmExternalAuthenticate(ea_response));
//   CommandApdu wire = *session->Wrap(command);  ...  ResponseApdu plain = *session->Unwrap(response);
//
// Or let Scp03Transport (scp03_transport.h) do all of this over a Transport.

#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/gp/scp03_channel.h"
#include "apdu/gp/scp03_kdf.h"
#include "apdu/gp/scp03_types.h"
#include "apdu/gp/secure_channel_commands.h"
#include "apdu/response_apdu.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

struct Scp03HostOptions {
  // When set and the card uses a pseudo-random challenge (i bit 0x10), the card challenge is recomputed from the
  // sequence counter and this Security Domain AID and must match (an extra check; Amendment D does not require it).
  std::optional<Bytes> expected_sd_aid;
  // Leniency, off by default: accept R-ENCRYPTED responses padded with more than one block (see
  // Scp03Channel::AllowOverlongResponsePadding).
  bool allow_overlong_response_padding = false;
};

class Scp03HostSession {
 public:
  // Create checks the INITIALIZE UPDATE response (SW 9000, SCP03 layout, KVN equal to keys.kvn unless keys.kvn is 0,
  // mode matching the host challenge length), derives the session keys and verifies the card cryptogram in
  // constant time. A wrong cryptogram is kBadSignature; a non-9000 SW is kState; layout errors kMalformedInput.
  static absl::StatusOr<Scp03HostSession> Create(const Scp03Keys& keys, ByteView host_challenge,
                                                 const ResponseApdu& initialize_update_response, SecurityLevel level,
                                                 const Scp03HostOptions& options = {});

  Scp03HostSession(Scp03HostSession&&) noexcept = default;
  Scp03HostSession& operator=(Scp03HostSession&&) noexcept = default;

  // ExternalAuthenticate returns the C-MACed EXTERNAL AUTHENTICATE command (once; kState if called again).
  absl::StatusOr<CommandApdu> ExternalAuthenticate();
  // ConfirmExternalAuthenticate takes the card's answer: 9000 opens the session for Wrap/Unwrap; anything else
  // closes it (kState).
  absl::Status ConfirmExternalAuthenticate(const ResponseApdu& response);

  // Wrap protects a plain command at the session's level. Unwrap verifies (R-MAC) and decrypts (R-ENC) the response
  // to the last wrapped command; on any failure the session is closed (kBadSignature), and from then on every call
  // fails with kState.
  absl::StatusOr<CommandApdu> Wrap(const CommandApdu& plain);
  absl::StatusOr<ResponseApdu> Unwrap(const ResponseApdu& wrapped);

  // Close ends the session and wipes its keys.
  void Close() { channel_.Close(); }
  bool is_open() const { return authenticated_ && !channel_.closed(); }
  SecurityLevel level() const { return channel_.level(); }
  Scp03Mode mode() const { return channel_.mode(); }
  const InitializeUpdateResponse& card_info() const { return card_info_; }
  const Bytes& host_cryptogram() const { return host_cryptogram_; }

 private:
  Scp03HostSession(Scp03Channel channel, InitializeUpdateResponse card_info, Bytes host_cryptogram)
      : channel_(std::move(channel)), card_info_(std::move(card_info)), host_cryptogram_(std::move(host_cryptogram)) {}

  Scp03Channel channel_;
  InitializeUpdateResponse card_info_;
  Bytes host_cryptogram_;
  bool external_authenticate_sent_ = false;
  bool authenticated_ = false;
};

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_SCP03_HOST_SESSION_H_
