#include "apdu/card_channel.h"

#include "absl/strings/str_cat.h"
#include "apdu/chaining.h"
#include "apdu/cla.h"
#include "base/error.h"
#include "base/status_macros.h"

namespace jpki::apdu {
namespace {

bool Is61xx(uint16_t sw) { return (sw >> 8) == 0x61; }
bool Is6Cxx(uint16_t sw) { return (sw >> 8) == 0x6C; }
uint32_t CountFromSw2(uint16_t sw) { return (sw & 0xFF) == 0 ? 256 : (sw & 0xFF); }

}  // namespace

absl::StatusOr<ResponseApdu> CardChannel::CollectGetResponse(uint8_t cla, ResponseApdu response) {
  // GET RESPONSE goes on the command's logical channel, interindustry, without SM or chaining.
  ClassByte get_response_cla;
  get_response_cla.channel = LogicalChannelOf(cla);
  JPKI_ASSIGN_OR_RETURN(const uint8_t gr_cla, EncodeCla(get_response_cla));
  int rounds = 0;
  while (Is61xx(response.sw)) {
    if (rounds >= options_.max_get_response_rounds) {
      return MakeError(ErrorCode::kResourceLimit, "apdu",
                       absl::StrCat("more than ", options_.max_get_response_rounds, " GET RESPONSE rounds"));
    }
    ++rounds;
    ++get_response_count_;
    CommandApdu get_response{gr_cla, kInsGetResponse, 0x00, 0x00, {}, CountFromSw2(response.sw)};
    JPKI_ASSIGN_OR_RETURN(ResponseApdu next, lower_.Transmit(get_response));
    if (response.data.size() + next.data.size() > options_.max_response_bytes) {
      return MakeError(ErrorCode::kResourceLimit, "apdu",
                       absl::StrCat("response data beyond ", options_.max_response_bytes, " bytes"));
    }
    Append(response.data, next.data);
    response.sw = next.sw;
  }
  return response;
}

absl::StatusOr<ResponseApdu> CardChannel::Transmit(const CommandApdu& command) {
  JPKI_ASSIGN_OR_RETURN(ResponseApdu response, lower_.Transmit(command));
  if (response.data.size() > options_.max_response_bytes) {
    return MakeError(ErrorCode::kResourceLimit, "apdu",
                     absl::StrCat("response data beyond ", options_.max_response_bytes, " bytes"));
  }
  if (Is6Cxx(response.sw) && options_.resend_on_wrong_le && !HasSecureMessaging(command.cla)) {
    CommandApdu again = command;
    again.ne = CountFromSw2(response.sw);
    JPKI_ASSIGN_OR_RETURN(response, lower_.Transmit(again));
    if (response.data.size() > options_.max_response_bytes) {
      return MakeError(ErrorCode::kResourceLimit, "apdu",
                       absl::StrCat("response data beyond ", options_.max_response_bytes, " bytes"));
    }
  }
  if (Is61xx(response.sw)) return CollectGetResponse(command.cla, std::move(response));
  return response;
}

absl::StatusOr<ResponseApdu> CardChannel::TransmitChained(const CommandApdu& command, size_t max_chunk) {
  JPKI_ASSIGN_OR_RETURN(std::vector<CommandApdu> parts, ChainCommand(command, max_chunk));
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    JPKI_ASSIGN_OR_RETURN(ResponseApdu response, lower_.Transmit(parts[i]));
    if (!response.ok()) return response;
  }
  return Transmit(parts.back());
}

}  // namespace jpki::apdu
