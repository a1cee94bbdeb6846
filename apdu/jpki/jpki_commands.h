#ifndef JPKICORE_APDU_JPKI_JPKI_COMMANDS_H_
#define JPKICORE_APDU_JPKI_JPKI_COMMANDS_H_

// Builders for the JPKI applet's command APDUs, byte for byte as public clients send them
// (shared/notes/domain-research.md §1.3). PIN-carrying builders check the PIN rules first.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/jpki/pin_rules.h"
#include "base/bytes.h"

namespace jpki::apdu::jpki_ap {

// Largest READ BINARY offset (P1 b8 = 0 leaves 15 bits).
inline constexpr size_t kMaxReadBinaryOffset = 0x7FFF;
// Largest COMPUTE DIGITAL SIGNATURE input: k - 11 for RSA-2048 PKCS#1 v1.5.
inline constexpr size_t kMaxSignatureInput = 245;

// SelectJpkiAp: 00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01 (no FCI).
CommandApdu SelectJpkiAp();

// SelectEf: 00 A4 02 0C 02 <fid> (EF under the current DF, no FCI).
CommandApdu SelectEf(uint16_t fid);

// ReadBinary: 00 B0 <offset, 15 bits> Le. Fails (kInvalidArgument) for offset > 7FFF or ne outside 1..65536.
absl::StatusOr<CommandApdu> ReadBinary(size_t offset, uint32_t ne);

// VerifyPin: 00 20 00 80 Lc <PIN as ASCII>; checks ValidatePin first.
absl::StatusOr<CommandApdu> VerifyPin(PinKind kind, std::string_view pin);

// VerifyRetryQuery: 00 20 00 80 (case 1): answers 63Cx without consuming a try.
CommandApdu VerifyRetryQuery();

// ChangeReferenceData: 00 24 01 80 Lc <new PIN>; checks ValidatePin first (sent after a VERIFY of the old one).
absl::StatusOr<CommandApdu> ChangeReferenceData(PinKind kind, std::string_view new_pin);

// ComputeDigitalSignature: 80 2A 00 80 Lc <input> 00 (PKCS#1 v1.5 over `input`, normally a DER DigestInfo, with the
// currently selected key EF). Fails for an empty input or more than 245 bytes.
absl::StatusOr<CommandApdu> ComputeDigitalSignature(ByteView input);

// LastCommandIndicator: 80 FC 00 00 (iPhone only; cards answer 6700).
CommandApdu LastCommandIndicator();

}  // namespace jpki::apdu::jpki_ap

#endif  // JPKICORE_APDU_JPKI_JPKI_COMMANDS_H_
