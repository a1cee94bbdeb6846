#ifndef JPKICORE_APDU_COMMAND_APDU_H_
#define JPKICORE_APDU_COMMAND_APDU_H_

// ISO/IEC 7816-4 §5.1 command APDUs: the logical command (header, Nc data bytes, Ne expected bytes) kept separate
// from its wire form (short or extended length fields). Encoding never mixes short and extended fields; parsing
// rejects every malformed length.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::apdu {

// Limits of the two length forms (ISO 7816-4 §5.1, table 1).
inline constexpr size_t kMaxShortNc = 255;
inline constexpr uint32_t kMaxShortNe = 256;  // short Le 00
inline constexpr size_t kMaxExtendedNc = 65535;
inline constexpr uint32_t kMaxExtendedNe = 65536;  // extended Le 0000

// CommandApdu is the logical command. `ne` is the maximum number of response data bytes expected, 1..65536, or
// nullopt when the command carries no Le field. Ne = 256 goes on the wire as short `00`, 65536 as extended `0000`.
struct CommandApdu {
  uint8_t cla = 0;
  uint8_t ins = 0;
  uint8_t p1 = 0;
  uint8_t p2 = 0;
  Bytes data;                  // Nc = data.size(), 0..65535
  std::optional<uint32_t> ne;  // 1..65536, or nullopt for "no Le"

  size_t nc() const { return data.size(); }
  friend bool operator==(const CommandApdu& a, const CommandApdu& b) {
    return a.cla == b.cla && a.ins == b.ins && a.p1 == b.p1 && a.p2 == b.p2 && a.data == b.data && a.ne == b.ne;
  }
  friend bool operator!=(const CommandApdu& a, const CommandApdu& b) { return !(a == b); }
};

// ApduCase names the seven wire forms: case 1 (header only), 2 (Le), 3 (Lc data), 4 (Lc data Le), each of 2-4 in
// short (S) or extended (E) form.
enum class ApduCase { k1, k2S, k3S, k4S, k2E, k3E, k4E };

// ApduCaseName returns "1", "2S", "3S", "4S", "2E", "3E" or "4E".
std::string_view ApduCaseName(ApduCase apdu_case);

// IsExtendedCase is true for 2E, 3E and 4E.
bool IsExtendedCase(ApduCase apdu_case);

// LengthForm chooses the wire form when encoding. kAuto: short when Nc <= 255 and Ne <= 256, otherwise extended for
// both Lc and Le (never mixed). kShort fails when the command does not fit; kExtended forces extended fields (a
// command with neither data nor Le is case 1 in every form).
enum class LengthForm { kAuto, kShort, kExtended };

// CaseFor returns the case `command` takes when encoded in `form`, or an error when it cannot be encoded (Ne outside
// 1..65536, Nc > 65535, or too large for kShort).
absl::StatusOr<ApduCase> CaseFor(const CommandApdu& command, LengthForm form = LengthForm::kAuto);

// EncodedSize returns the number of bytes Encode produces for `command` in `form`, or an error as CaseFor.
absl::StatusOr<size_t> EncodedSize(const CommandApdu& command, LengthForm form = LengthForm::kAuto);

// Encode returns the wire bytes of `command` in `form`; errors as CaseFor (kInvalidArgument).
absl::StatusOr<Bytes> Encode(const CommandApdu& command, LengthForm form = LengthForm::kAuto);

// EncodeTo appends the wire bytes of `command` to `out` (no allocation when `out` has capacity). On error `out` is
// unchanged.
absl::Status EncodeTo(const CommandApdu& command, LengthForm form, Bytes& out);

// CommandApduView is a parsed command whose data points into the caller's buffer (zero copy): it must not outlive
// the bytes given to ParseCommandApduView.
struct CommandApduView {
  uint8_t cla = 0;
  uint8_t ins = 0;
  uint8_t p1 = 0;
  uint8_t p2 = 0;
  ByteView data;
  std::optional<uint32_t> ne;
  ApduCase apdu_case = ApduCase::k1;

  // ToCommand copies the view into an owning CommandApdu.
  CommandApdu ToCommand() const { return CommandApdu{cla, ins, p1, p2, ToBytes(data), ne}; }
};

// ParseCommandApduView parses one complete command APDU (exactly `bytes`, no trailing data) without copying. Fails
// with kMalformedInput naming the offset for: fewer than 4 bytes, Lc = 0 (short `00` followed by data, or extended
// `00 0000` followed by data), Lc beyond the data, trailing bytes after Le, and short/extended fields mixed.
absl::StatusOr<CommandApduView> ParseCommandApduView(ByteView bytes);

// ParsedCommandApdu is an owning parse result: the logical command and the wire case it arrived in.
struct ParsedCommandApdu {
  CommandApdu apdu;
  ApduCase apdu_case = ApduCase::k1;
};

// ParseCommandApdu is ParseCommandApduView followed by a copy; errors as ParseCommandApduView.
absl::StatusOr<ParsedCommandApdu> ParseCommandApdu(ByteView bytes);

// FormOf returns the LengthForm that re-encodes a command parsed in `apdu_case` to the same bytes (kShort for case 1
// and the short cases, kExtended for the extended ones).
LengthForm FormOf(ApduCase apdu_case);

}  // namespace jpki::apdu

#endif  // JPKICORE_APDU_COMMAND_APDU_H_
