#ifndef JPKICORE_APDU_CHAINING_H_
#define JPKICORE_APDU_CHAINING_H_

// Command chaining (ISO/IEC 7816-4 §5.3.3): data too long for one command is sent as a sequence of commands with
// the same header, CLA b5 (0x10) set on every command but the last. Only the last command carries Le.

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"

namespace jpki::apdu {

// ChainCommand splits `command` into commands of at most `max_chunk` data bytes (1..65535; 255 for the short form).
// A command that fits is returned alone and unchanged. Fails (kInvalidArgument) for max_chunk = 0, a CLA that
// cannot be decoded (FF, reserved) or that already has the chaining bit set, or an invalid Ne.
absl::StatusOr<std::vector<CommandApdu>> ChainCommand(const CommandApdu& command, size_t max_chunk = kMaxShortNc);

}  // namespace jpki::apdu

#endif  // JPKICORE_APDU_CHAINING_H_
