#include "apdu/gp/secure_channel_commands.h"

#include <string>

#include "base/error.h"

namespace jpki::apdu::gp {
namespace {

constexpr char kModule[] = "gp";

absl::Status Malformed(const std::string& message) { return MakeError(ErrorCode::kMalformedInput, kModule, message); }

bool IsGpClass(uint8_t cla) { return (cla & 0x80) != 0 && (cla & 0x40 ? (cla & 0x20) == 0 : (cla & 0x0C) == 0); }

}  // namespace

absl::StatusOr<CommandApdu> BuildInitializeUpdate(uint8_t kvn, ByteView host_challenge) {
  if (host_challenge.size() != 8 && host_challenge.size() != 16) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "host challenge must be 8 (S8) or 16 (S16) bytes");
  }
  return CommandApdu{kClaGp, kInsInitializeUpdate, kvn, 0x00, ToBytes(host_challenge), 256};
}

absl::StatusOr<InitializeUpdateCommand> ParseInitializeUpdate(const CommandApdu& command) {
  if (!IsGpClass(command.cla) || command.ins != kInsInitializeUpdate) return Malformed("not INITIALIZE UPDATE");
  if (command.p2 != 0x00) return Malformed("INITIALIZE UPDATE: P2 must be 00");
  if (command.data.size() != 8 && command.data.size() != 16) {
    return Malformed("INITIALIZE UPDATE: host challenge must be 8 or 16 bytes");
  }
  return InitializeUpdateCommand{command.p1, command.data};
}

absl::StatusOr<InitializeUpdateResponse> ParseInitializeUpdateResponse(ByteView data) {
  // KDD (10) || key information (3) must be there before the mode is known.
  if (data.size() < kKddSize + 3) {
    return Malformed("INITIALIZE UPDATE response: " + std::to_string(data.size()) + " bytes, too short at offset " +
                     std::to_string(data.size()));
  }
  InitializeUpdateResponse r;
  r.kdd.assign(data.begin(), data.begin() + kKddSize);
  r.kvn = data[10];
  r.scp_id = data[11];
  r.i = data[12];
  if (r.scp_id != kScp03Id) {
    return MakeError(ErrorCode::kUnsupported, kModule,
                     "INITIALIZE UPDATE response: secure channel protocol at offset 11 is not SCP03");
  }
  const size_t n = Scp03ChallengeSize(r.mode());
  const bool has_counter = (r.i & kScp03IPseudoRandomChallenge) != 0;
  const size_t expected = kKddSize + 3 + 2 * n + (has_counter ? 3 : 0);
  if (data.size() != expected) {
    return Malformed("INITIALIZE UPDATE response: expected " + std::to_string(expected) +
                     " bytes for i=" + std::to_string(r.i) + ", got " + std::to_string(data.size()) + " (offset " +
                     std::to_string(std::min(expected, data.size())) + ")");
  }
  size_t off = 13;
  r.card_challenge.assign(data.begin() + off, data.begin() + off + n);
  off += n;
  r.card_cryptogram.assign(data.begin() + off, data.begin() + off + n);
  off += n;
  if (has_counter) r.sequence_counter = Bytes(data.begin() + off, data.begin() + off + 3);
  return r;
}

absl::StatusOr<Bytes> EncodeInitializeUpdateResponse(const InitializeUpdateResponse& r) {
  const size_t n = Scp03ChallengeSize(r.mode());
  const bool has_counter = (r.i & kScp03IPseudoRandomChallenge) != 0;
  if (r.kdd.size() != kKddSize || r.card_challenge.size() != n || r.card_cryptogram.size() != n ||
      has_counter != r.sequence_counter.has_value() || (has_counter && r.sequence_counter->size() != 3)) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "INITIALIZE UPDATE response fields are inconsistent");
  }
  Bytes out = r.kdd;
  out.push_back(r.kvn);
  out.push_back(r.scp_id);
  out.push_back(r.i);
  Append(out, r.card_challenge);
  Append(out, r.card_cryptogram);
  if (has_counter) Append(out, *r.sequence_counter);
  return out;
}

CommandApdu BuildExternalAuthenticatePlain(SecurityLevel level, ByteView host_cryptogram) {
  return CommandApdu{kClaGp, kInsExternalAuthenticate, static_cast<uint8_t>(level),
                     0x00,   ToBytes(host_cryptogram), std::nullopt};
}

absl::StatusOr<ExternalAuthenticateCommand> ParseExternalAuthenticate(const CommandApdu& command, Scp03Mode mode) {
  if (command.ins != kInsExternalAuthenticate) return Malformed("not EXTERNAL AUTHENTICATE");
  if (command.p2 != 0x00) return Malformed("EXTERNAL AUTHENTICATE: P2 must be 00");
  if (command.data.size() != Scp03ChallengeSize(mode)) {
    return Malformed("EXTERNAL AUTHENTICATE: host cryptogram has the wrong length");
  }
  auto level = SecurityLevelFromByte(command.p1);
  if (!level.ok()) return level.status();
  return ExternalAuthenticateCommand{*level, command.data};
}

}  // namespace jpki::apdu::gp
