#include "apdu/gp/scp03_card_session.h"

#include <utility>

#include "apdu/gp/scp03_kdf.h"
#include "base/ct.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/cmac.h"

namespace jpki::apdu::gp {
namespace {

constexpr char kModule[] = "scp03";

ResponseApdu Sw(uint16_t sw) { return ResponseApdu{Bytes(), sw}; }

}  // namespace

void Scp03CardSession::Close() {
  if (channel_) channel_->Close();
  channel_.reset();
  authenticated_ = false;
  expected_host_cryptogram_.clear();
}

std::optional<SecurityLevel> Scp03CardSession::level() const {
  if (!is_open()) return std::nullopt;
  return channel_->level();
}

absl::StatusOr<ResponseApdu> Scp03CardSession::ProcessInitializeUpdate(const CommandApdu& command,
                                                                       uint32_t sequence_counter) {
  return InitializeUpdate(command, sequence_counter, std::nullopt);
}

absl::StatusOr<ResponseApdu> Scp03CardSession::ReplayInitializeUpdate(const CommandApdu& command,
                                                                      uint32_t sequence_counter,
                                                                      ByteView card_challenge) {
  return InitializeUpdate(command, sequence_counter, card_challenge);
}

absl::StatusOr<ResponseApdu> Scp03CardSession::InitializeUpdate(const CommandApdu& command, uint32_t sequence_counter,
                                                                std::optional<ByteView> card_challenge) {
  Close();
  if (command.p2 != 0x00) return Sw(kSwIncorrectP1P2);
  auto parsed = ParseInitializeUpdate(command);
  if (!parsed.ok()) return Sw(command.ins == kInsInitializeUpdate ? kSwWrongLength : kSwWrongData);
  if (parsed->kvn != 0 && parsed->kvn != config_.keys.kvn) return Sw(kSwReferencedDataNotFound);
  const Scp03Mode mode = (config_.i & kScp03IS16) != 0 ? Scp03Mode::kS16 : Scp03Mode::kS8;
  const size_t n = Scp03ChallengeSize(mode);
  if (parsed->host_challenge.size() != n) return Sw(kSwWrongLength);

  InitializeUpdateResponse r;
  r.kdd = config_.kdd;
  r.kvn = config_.keys.kvn;
  r.scp_id = kScp03Id;
  r.i = config_.i;
  const Bytes counter = {static_cast<uint8_t>(sequence_counter >> 16), static_cast<uint8_t>(sequence_counter >> 8),
                         static_cast<uint8_t>(sequence_counter)};
  if ((config_.i & kScp03IPseudoRandomChallenge) != 0) r.sequence_counter = counter;
  if (card_challenge.has_value()) {
    if (card_challenge->size() != n) {
      return MakeError(ErrorCode::kInvalidArgument, kModule, "card challenge has the wrong size for the mode");
    }
    r.card_challenge = ToBytes(*card_challenge);
  } else if ((config_.i & kScp03IPseudoRandomChallenge) != 0) {
    JPKI_ASSIGN_OR_RETURN(r.card_challenge, PseudoRandomCardChallenge(config_.keys.enc, counter, config_.sd_aid, mode));
  } else {
    r.card_challenge.resize(n);
    crypto::RandomSource& rng = config_.random != nullptr ? *config_.random : crypto::SystemRandom();
    JPKI_RETURN_IF_ERROR(rng.Fill(absl::MakeSpan(r.card_challenge)));
  }
  JPKI_ASSIGN_OR_RETURN(Scp03SessionKeys keys,
                        DeriveSessionKeys(config_.keys, parsed->host_challenge, r.card_challenge));
  JPKI_ASSIGN_OR_RETURN(crypto::Cmac s_mac, crypto::Cmac::Create(keys.s_mac));
  JPKI_ASSIGN_OR_RETURN(r.card_cryptogram, CardCryptogram(s_mac, parsed->host_challenge, r.card_challenge));
  JPKI_ASSIGN_OR_RETURN(expected_host_cryptogram_, HostCryptogram(s_mac, parsed->host_challenge, r.card_challenge));
  JPKI_ASSIGN_OR_RETURN(Bytes data, EncodeInitializeUpdateResponse(r));
  // The level is not known until EXTERNAL AUTHENTICATE sets it.
  JPKI_ASSIGN_OR_RETURN(Scp03Channel channel, Scp03Channel::Create(keys, mode, SecurityLevel::kCMac));
  channel_.emplace(std::move(channel));
  return ResponseApdu{std::move(data), kSwSuccess};
}

absl::StatusOr<ResponseApdu> Scp03CardSession::ProcessExternalAuthenticate(const CommandApdu& command) {
  if (!channel_ || authenticated_ || expected_host_cryptogram_.empty()) {
    Close();
    return Sw(kSwConditionsNotSatisfied);
  }
  const Scp03Mode mode = channel_->mode();
  auto stripped = channel_->VerifyExternalAuthenticate(command);
  if (!stripped.ok()) {
    Close();
    return Sw(kSwSecurityNotSatisfied);
  }
  auto parsed = ParseExternalAuthenticate(*stripped, mode);
  if (!parsed.ok()) {
    Close();
    return Sw(GetErrorCode(parsed.status()) == ErrorCode::kInvalidArgument ? kSwIncorrectP1P2 : kSwWrongData);
  }
  if (HasRMac(parsed->level) && (config_.i & kScp03IRMacSupported) == 0) {
    Close();
    return Sw(kSwIncorrectP1P2);
  }
  if (HasREnc(parsed->level) && (config_.i & kScp03IREncSupported) == 0) {
    Close();
    return Sw(kSwIncorrectP1P2);
  }
  if (ct::Equal(expected_host_cryptogram_.data(), parsed->host_cryptogram.data(), expected_host_cryptogram_.size()) ==
      0) {
    Close();
    return Sw(kSwSecurityNotSatisfied);
  }
  JPKI_RETURN_IF_ERROR(channel_->SetLevel(parsed->level));
  expected_host_cryptogram_.clear();
  authenticated_ = true;
  return Sw(kSwSuccess);
}

absl::StatusOr<CommandApdu> Scp03CardSession::UnwrapCommand(const CommandApdu& wrapped) {
  if (!is_open()) return MakeError(ErrorCode::kState, kModule, "no open secure channel session");
  auto plain = channel_->UnwrapCommand(wrapped);
  if (!plain.ok()) Close();
  return plain;
}

absl::StatusOr<ResponseApdu> Scp03CardSession::WrapResponse(const ResponseApdu& plain) {
  if (!is_open()) return MakeError(ErrorCode::kState, kModule, "no open secure channel session");
  return channel_->WrapResponse(plain);
}

}  // namespace jpki::apdu::gp
