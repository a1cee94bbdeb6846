#include "apdu/jpki/jpki_commands.h"

#include "apdu/jpki/jpki_files.h"
#include "base/error.h"
#include "base/status_macros.h"

namespace jpki::apdu::jpki_ap {

CommandApdu SelectJpkiAp() {
  return CommandApdu{0x00, 0xA4, 0x04, 0x0C, Bytes(kJpkiAid.begin(), kJpkiAid.end()), std::nullopt};
}

CommandApdu SelectEf(uint16_t fid) {
  return CommandApdu{0x00,        0xA4, 0x02, 0x0C, Bytes{static_cast<uint8_t>(fid >> 8), static_cast<uint8_t>(fid)},
                     std::nullopt};
}

absl::StatusOr<CommandApdu> ReadBinary(size_t offset, uint32_t ne) {
  if (offset > kMaxReadBinaryOffset) {
    return MakeError(ErrorCode::kInvalidArgument, "jpki_ap", "READ BINARY offset beyond 7FFF");
  }
  if (ne == 0 || ne > kMaxExtendedNe) return MakeError(ErrorCode::kInvalidArgument, "jpki_ap", "Ne outside 1..65536");
  return CommandApdu{0x00, 0xB0, static_cast<uint8_t>(offset >> 8), static_cast<uint8_t>(offset), {}, ne};
}

absl::StatusOr<CommandApdu> VerifyPin(PinKind kind, std::string_view pin) {
  JPKI_RETURN_IF_ERROR(ValidatePin(kind, pin));
  return CommandApdu{0x00, 0x20, 0x00, kP2SelectedReference, ToBytes(AsBytes(pin)), std::nullopt};
}

CommandApdu VerifyRetryQuery() { return CommandApdu{0x00, 0x20, 0x00, kP2SelectedReference, {}, std::nullopt}; }

absl::StatusOr<CommandApdu> ChangeReferenceData(PinKind kind, std::string_view new_pin) {
  JPKI_RETURN_IF_ERROR(ValidatePin(kind, new_pin));
  return CommandApdu{0x00, 0x24, 0x01, kP2SelectedReference, ToBytes(AsBytes(new_pin)), std::nullopt};
}

absl::StatusOr<CommandApdu> ComputeDigitalSignature(ByteView input) {
  if (input.empty() || input.size() > kMaxSignatureInput) {
    return MakeError(ErrorCode::kInvalidArgument, "jpki_ap", "signature input must be 1 to 245 bytes");
  }
  return CommandApdu{kClaProprietary, kInsComputeDigitalSignature, 0x00, kP2SelectedReference, ToBytes(input), 256};
}

CommandApdu LastCommandIndicator() {
  return CommandApdu{kClaProprietary, kInsLastCommandIndicator, 0x00, 0x00, {}, std::nullopt};
}

}  // namespace jpki::apdu::jpki_ap
