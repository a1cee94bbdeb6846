#ifndef JPKICORE_APDU_GP_SELECT_H_
#define JPKICORE_APDU_GP_SELECT_H_

// SELECT by AID (ISO 7816-4 / GP CS 2.3.1 §11.9): 00 A4 04 P2 Lc AID 00, P2 00 first or only occurrence, 02 next
// occurrence; an empty AID selects the Issuer Security Domain. The FCI answered: 6F { 84 AID, A5 proprietary }.

#include <cstdint>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

inline constexpr uint8_t kInsSelect = 0xA4;

absl::StatusOr<CommandApdu> BuildSelect(ByteView aid, bool next_occurrence = false);

struct SelectCommand {
  Bytes aid;  // empty: the ISD
  bool next_occurrence = false;
};
// ParseSelect (card side): CLA of the interindustry class, INS A4, P1 04, P2 00/02, AID empty or 5..16 bytes.
absl::StatusOr<SelectCommand> ParseSelect(const CommandApdu& command);

struct Fci {
  Bytes aid;          // 84
  Bytes proprietary;  // contents of A5 (Security Domain Management Data, ...), may be empty
};
absl::StatusOr<Fci> ParseFci(ByteView data);
absl::StatusOr<Bytes> EncodeFci(const Fci& fci);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_SELECT_H_
