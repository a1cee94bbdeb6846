#include "apdu/gp/scp03_host_session.h"

#include <utility>

#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/cmac.h"

namespace jpki::apdu::gp {
namespace {
constexpr char kModule[] = "scp03";
}  // namespace

absl::StatusOr<Scp03HostSession> Scp03HostSession::Create(const Scp03Keys& keys, ByteView host_challenge,
                                                          const ResponseApdu& initialize_update_response,
                                                          SecurityLevel level, const Scp03HostOptions& options) {
  if (host_challenge.size() != 8 && host_challenge.size() != 16) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "host challenge must be 8 (S8) or 16 (S16) bytes");
  }
  if (!initialize_update_response.ok()) {
    return MakeError(ErrorCode::kState, kModule, "INITIALIZE UPDATE was refused by the card");
  }
  JPKI_ASSIGN_OR_RETURN(InitializeUpdateResponse info, ParseInitializeUpdateResponse(initialize_update_response.data));
  if (Scp03ChallengeSize(info.mode()) != host_challenge.size()) {
    return MakeError(ErrorCode::kMalformedInput, kModule, "card answered in a different S8/S16 mode");
  }
  if (keys.kvn != 0 && info.kvn != keys.kvn) {
    return MakeError(ErrorCode::kMalformedInput, kModule, "card used a different key version number");
  }
  if (HasRMac(level) && (info.i & kScp03IRMacSupported) == 0) {
    return MakeError(ErrorCode::kUnsupported, kModule, "card does not support R-MAC");
  }
  if (HasREnc(level) && (info.i & kScp03IREncSupported) == 0) {
    return MakeError(ErrorCode::kUnsupported, kModule, "card does not support R-ENCRYPTION");
  }
  if (options.expected_sd_aid && info.sequence_counter) {
    JPKI_ASSIGN_OR_RETURN(Bytes expected, PseudoRandomCardChallenge(keys.enc, *info.sequence_counter,
                                                                    *options.expected_sd_aid, info.mode()));
    if (!Equal(expected, info.card_challenge)) {
      return MakeError(ErrorCode::kBadSignature, kModule, "card challenge is not the one the card's keys derive");
    }
  }
  JPKI_ASSIGN_OR_RETURN(Scp03SessionKeys session_keys, DeriveSessionKeys(keys, host_challenge, info.card_challenge));
  JPKI_ASSIGN_OR_RETURN(crypto::Cmac s_mac, crypto::Cmac::Create(session_keys.s_mac));
  JPKI_ASSIGN_OR_RETURN(Bytes card_cryptogram, CardCryptogram(s_mac, host_challenge, info.card_challenge));
  if (ct::Equal(card_cryptogram.data(), info.card_cryptogram.data(), card_cryptogram.size()) == 0) {
    return MakeError(ErrorCode::kBadSignature, kModule, "card cryptogram does not verify");
  }
  JPKI_ASSIGN_OR_RETURN(Bytes host_cryptogram, HostCryptogram(s_mac, host_challenge, info.card_challenge));
  JPKI_ASSIGN_OR_RETURN(Scp03Channel channel, Scp03Channel::Create(session_keys, info.mode(), level));
  channel.AllowOverlongResponsePadding(options.allow_overlong_response_padding);
  return Scp03HostSession(std::move(channel), std::move(info), std::move(host_cryptogram));
}

absl::StatusOr<CommandApdu> Scp03HostSession::ExternalAuthenticate() {
  if (external_authenticate_sent_) {
    return MakeError(ErrorCode::kState, kModule, "EXTERNAL AUTHENTICATE was already built");
  }
  external_authenticate_sent_ = true;
  return channel_.MacExternalAuthenticate(BuildExternalAuthenticatePlain(channel_.level(), host_cryptogram_));
}

absl::Status Scp03HostSession::ConfirmExternalAuthenticate(const ResponseApdu& response) {
  if (!external_authenticate_sent_ || authenticated_ || channel_.closed()) {
    return MakeError(ErrorCode::kState, kModule, "no EXTERNAL AUTHENTICATE awaits confirmation");
  }
  if (!response.ok() || !response.data.empty()) {
    channel_.Close();
    return MakeError(ErrorCode::kState, kModule, "card refused EXTERNAL AUTHENTICATE");
  }
  authenticated_ = true;
  return absl::OkStatus();
}

absl::StatusOr<CommandApdu> Scp03HostSession::Wrap(const CommandApdu& plain) {
  if (!authenticated_) return MakeError(ErrorCode::kState, kModule, "session is not authenticated");
  return channel_.WrapCommand(plain);
}

absl::StatusOr<ResponseApdu> Scp03HostSession::Unwrap(const ResponseApdu& wrapped) {
  if (!authenticated_) return MakeError(ErrorCode::kState, kModule, "session is not authenticated");
  return channel_.UnwrapResponse(wrapped);
}

}  // namespace jpki::apdu::gp
