#ifndef JPKICORE_APDU_GP_DELETE_H_
#define JPKICORE_APDU_GP_DELETE_H_

// DELETE (GP CS 2.3.1 §11.2): 80 E4 00 P2 Lc data 00. P2 00 deletes the object; 80 also its related objects (a
// load file with its applications). Data: 4F Lv(AID) [B6 token-identifier ... / 9E token], or keys: D0 01 key id
// and/or D2 01 KVN.

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

inline constexpr uint8_t kInsDelete = 0xE4;

absl::StatusOr<CommandApdu> BuildDeleteObject(ByteView aid, bool related_objects = false, ByteView token = {});
// BuildDeleteKey: at least one of key id / KVN.
absl::StatusOr<CommandApdu> BuildDeleteKey(std::optional<uint8_t> key_id, std::optional<uint8_t> kvn);

struct DeleteCommand {
  bool related_objects = false;
  Bytes aid;                      // empty for a key deletion
  std::optional<uint8_t> key_id;  // D0
  std::optional<uint8_t> kvn;     // D2
  Bytes token;                    // 9E, when present
};
// ParseDelete (card side): either an AID (5..16 bytes) or key references, never both; no unknown tags.
absl::StatusOr<DeleteCommand> ParseDelete(const CommandApdu& command);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_DELETE_H_
