#include "apdu/transport.h"

#include "base/status_macros.h"

namespace jpki::apdu {

absl::StatusOr<ResponseApdu> RawTransportAdapter::Transmit(const CommandApdu& command) {
  JPKI_ASSIGN_OR_RETURN(Bytes wire, Encode(command, form_));
  JPKI_ASSIGN_OR_RETURN(Bytes reply, raw_.TransmitRaw(wire));
  return ParseResponseApdu(reply);
}

}  // namespace jpki::apdu
