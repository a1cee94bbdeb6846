#include "apdu/chaining.h"

#include <algorithm>
#include <string>

#include "apdu/cla.h"
#include "base/error.h"

namespace jpki::apdu {

absl::StatusOr<std::vector<CommandApdu>> ChainCommand(const CommandApdu& command, size_t max_chunk) {
  if (max_chunk == 0 || max_chunk > kMaxExtendedNc) {
    return MakeError(ErrorCode::kInvalidArgument, "apdu", "chaining chunk size outside 1..65535");
  }
  if (command.ne.has_value() && (*command.ne == 0 || *command.ne > kMaxExtendedNe)) {
    return MakeError(ErrorCode::kInvalidArgument, "apdu", "Ne outside 1..65536");
  }
  auto cla = DecodeCla(command.cla);
  if (!cla.ok()) return MakeError(ErrorCode::kInvalidArgument, "apdu", std::string(cla.status().message()));
  if (cla->chaining) return MakeError(ErrorCode::kInvalidArgument, "apdu", "command already has the chaining bit");
  std::vector<CommandApdu> out;
  if (command.data.size() <= max_chunk) {
    out.push_back(command);
    return out;
  }
  out.reserve((command.data.size() + max_chunk - 1) / max_chunk);
  for (size_t offset = 0; offset < command.data.size(); offset += max_chunk) {
    const size_t len = std::min(max_chunk, command.data.size() - offset);
    const bool last = offset + len == command.data.size();
    CommandApdu part;
    part.cla = WithChaining(command.cla, !last);
    part.ins = command.ins;
    part.p1 = command.p1;
    part.p2 = command.p2;
    part.data.assign(command.data.begin() + offset, command.data.begin() + offset + len);
    if (last) part.ne = command.ne;
    out.push_back(std::move(part));
  }
  return out;
}

}  // namespace jpki::apdu
