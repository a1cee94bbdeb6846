#include "apdu/gp/load.h"

#include <algorithm>
#include <string>

#include "apdu/ber_tlv.h"
#include "apdu/gp/internal/command_util.h"
#include "apdu/gp/registry_types.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {

using internal::Invalid;
using internal::Malformed;

absl::StatusOr<Bytes> EncodeLoadFileDataBlock(ByteView load_file, const std::vector<DapBlock>& dap_blocks) {
  BerTlvBuilder b;
  for (const auto& dap : dap_blocks) {
    JPKI_RETURN_IF_ERROR(CheckAid(dap.security_domain_aid, "LOAD: DAP block SD AID"));
    b.Open(0xE2).Add(0x4F, dap.security_domain_aid).Add(0xC3, dap.signature).Close();
  }
  b.Add(0xC4, load_file);
  return b.Finish();
}

absl::StatusOr<std::vector<CommandApdu>> BuildLoadCommands(ByteView block, size_t block_size) {
  if (block_size == 0 || block_size > kMaxShortNc) return Invalid("LOAD: block size must be 1..255");
  if (block.empty()) return Invalid("LOAD: empty load file data block");
  const size_t count = (block.size() + block_size - 1) / block_size;
  if (count > 256) return Invalid("LOAD: more than 256 blocks; use a larger block size");
  std::vector<CommandApdu> out;
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const size_t off = i * block_size;
    const size_t n = std::min(block_size, block.size() - off);
    const bool last = i + 1 == count;
    out.push_back(CommandApdu{0x80, kInsLoad, static_cast<uint8_t>(last ? 0x80 : 0x00), static_cast<uint8_t>(i),
                              ToBytes(block.subspan(off, n)), 256});
  }
  return out;
}

absl::StatusOr<LoadCommand> ParseLoad(const CommandApdu& c) {
  JPKI_RETURN_IF_ERROR(internal::CheckCommand(c, kInsLoad, "LOAD"));
  if (c.p1 != 0x00 && c.p1 != 0x80) return Malformed("LOAD: P1 must be 00 or 80");
  if (c.data.empty()) return Malformed("LOAD: empty block");
  return LoadCommand{c.p1 == 0x80, c.p2, c.data};
}

absl::Status LoadAssembler::Add(const LoadCommand& command) {
  if (complete_) return Malformed("LOAD: block after the last block");
  if (command.block_number != next_block_ || next_block_ > 255) {
    return Malformed("LOAD: expected block " + std::to_string(next_block_) + ", got " +
                     std::to_string(command.block_number));
  }
  if (command.block.size() > max_size_ - data_.size()) {
    return MakeError(ErrorCode::kResourceLimit, "gp", "LOAD: load file exceeds the size limit");
  }
  Append(data_, command.block);
  ++next_block_;
  complete_ = command.last;
  return absl::OkStatus();
}

absl::StatusOr<LoadAssembler::Result> LoadAssembler::Finish() const {
  if (!complete_) return MakeError(ErrorCode::kState, "gp", "LOAD: the last block has not arrived");
  Result out;
  BerTlvReader reader(data_);
  bool have_c4 = false;
  while (!reader.AtEnd()) {
    JPKI_ASSIGN_OR_RETURN(TlvView tlv, reader.Next());
    if (have_c4) return Malformed("LOAD: data after C4 at offset " + std::to_string(tlv.offset));
    if (tlv.tag == 0xE2) {
      JPKI_ASSIGN_OR_RETURN(BerTlvReader dap, reader.Children(tlv));
      JPKI_ASSIGN_OR_RETURN(TlvView aid, dap.Next());
      JPKI_ASSIGN_OR_RETURN(TlvView sig, dap.Next());
      if (aid.tag != 0x4F || sig.tag != 0xC3 || !dap.AtEnd()) {
        return Malformed("LOAD: malformed DAP block at offset " + std::to_string(tlv.offset));
      }
      out.dap_blocks.push_back(DapBlock{ToBytes(aid.value), ToBytes(sig.value)});
    } else if (tlv.tag == 0xC4) {
      out.load_file = ToBytes(tlv.value);
      have_c4 = true;
    } else {
      return Malformed("LOAD: unexpected tag at offset " + std::to_string(tlv.offset));
    }
  }
  if (!have_c4) return Malformed("LOAD: no C4 load file");
  return out;
}

}  // namespace jpki::apdu::gp
