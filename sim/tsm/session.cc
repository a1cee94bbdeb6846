#include "sim/tsm/session.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "apdu/gp/store_data.h"
#include "apdu/status_words.h"
#include "base/error.h"
#include "base/status_macros.h"

namespace jpki::sim::tsm {

absl::StatusOr<apdu::CommandApdu> StoreDataBlock(ByteView data, uint8_t block_number, bool last, bool expect_response) {
  apdu::gp::StoreDataOptions options;
  options.structure = apdu::gp::StoreDataStructure::kBerTlv;
  options.response_expected = expect_response;
  JPKI_ASSIGN_OR_RETURN(auto commands,
                        apdu::gp::BuildStoreDataCommands(data, options, apdu::kMaxShortNc, block_number));
  if (commands.size() != 1) return MakeError(ErrorCode::kInvalidArgument, "sim", "STORE DATA payload too long");
  apdu::CommandApdu command = std::move(commands[0]);
  if (!last) command.p1 &= 0x7F;
  if (expect_response) command.ne = apdu::kMaxExtendedNe;  // an SPKI does not fit a short response
  return command;
}

std::string SecurityLevelText(apdu::gp::SecurityLevel level) {
  const uint8_t bits = static_cast<uint8_t>(level);
  std::string names = "C-MAC";
  if (apdu::gp::HasCDec(level)) absl::StrAppend(&names, ", C-DECRYPTION");
  if (apdu::gp::HasRMac(level)) absl::StrAppend(&names, ", R-MAC");
  if (apdu::gp::HasREnc(level)) absl::StrAppend(&names, ", R-ENCRYPTION");
  return absl::StrFormat("%02X (%s)", bits, names);
}

absl::StatusOr<std::unique_ptr<TsmSession>> TsmSession::Open(apdu::Transport& se, ByteView sd_aid,
                                                             const apdu::gp::Scp03Keys& keys,
                                                             apdu::gp::SecurityLevel level, crypto::RandomSource& rng,
                                                             Transcript& transcript, std::string role) {
  auto wire = std::make_unique<TracingTransport>(se, transcript, role + " wire");
  std::unique_ptr<TsmSession> session(new TsmSession(transcript, role, std::move(wire)));
  const apdu::CommandApdu select{0x00, 0xA4, 0x04, 0x00, ToBytes(sd_aid), 256};
  JPKI_ASSIGN_OR_RETURN(apdu::ResponseApdu selected, session->wire_->Transmit(select));
  JPKI_RETURN_IF_ERROR(apdu::StatusFromSw(selected.sw, "sim", absl::StrCat(role, ": SELECT security domain")));
  auto scp03 = apdu::gp::Scp03Transport::Open(*session->wire_, keys, level, rng);
  if (!scp03.ok()) {
    return MakeError(GetErrorCode(scp03.status()), "sim",
                     absl::StrCat(role, ": SCP03 authentication failed: ", scp03.status().message()));
  }
  session->scp03_ = std::move(*scp03);
  session->plain_ = std::make_unique<TracingTransport>(*session->scp03_, transcript, role + " plain");
  transcript.Line(absl::StrCat(role, ": SCP03 session open with ", HexEncode(sd_aid), ", security level ",
                               SecurityLevelText(level)));
  return session;
}

absl::StatusOr<apdu::ResponseApdu> TsmSession::Send(const apdu::CommandApdu& command, const std::string& detail) {
  const std::string name = detail.empty() ? CommandName(command) : absl::StrCat(CommandName(command), " ", detail);
  auto response = plain_->Transmit(command);
  if (!response.ok()) {
    transcript_.Line(absl::StrCat(role_, ": ", name, " -> error: ", response.status().message()));
    return MakeError(GetErrorCode(response.status()), "sim",
                     absl::StrCat(role_, ": ", name, ": ", response.status().message()));
  }
  transcript_.LineCollapsed(absl::StrCat(role_, ": ", name, " -> ", apdu::DescribeStatusWord(response->sw)));
  if (!response->ok()) {
    return MakeError(ErrorCode::kState, "sim",
                     absl::StrCat(role_, ": ", name, " refused: ", apdu::DescribeStatusWord(response->sw)));
  }
  return response;
}

}  // namespace jpki::sim::tsm
