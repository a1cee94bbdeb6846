#include "sim/transcript/tracing_transport.h"

#include "absl/strings/str_cat.h"
#include "apdu/command_names.h"
#include "apdu/status_words.h"
#include "base/bytes.h"

namespace jpki::sim {

std::string CommandName(const apdu::CommandApdu& command) { return apdu::DescribeCommand(command).name; }

absl::StatusOr<apdu::ResponseApdu> TracingTransport::Transmit(const apdu::CommandApdu& command) {
  if (transcript_.tracing()) {
    auto encoded = apdu::Encode(command);
    transcript_.Trace(
        absl::StrCat(label_, " > ", encoded.ok() ? HexEncode(*encoded) : "(unencodable)", "  ", CommandName(command)));
  }
  auto response = lower_.Transmit(command);
  if (transcript_.tracing()) {
    if (response.ok()) {
      transcript_.Trace(absl::StrCat(label_, " < ", HexEncode(response->data), response->data.empty() ? "" : " ",
                                     apdu::DescribeStatusWord(response->sw)));
    } else {
      transcript_.Trace(absl::StrCat(label_, " < error: ", response.status().message()));
    }
  }
  return response;
}

}  // namespace jpki::sim
