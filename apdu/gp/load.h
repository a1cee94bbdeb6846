#ifndef JPKICORE_APDU_GP_LOAD_H_
#define JPKICORE_APDU_GP_LOAD_H_

// LOAD (GP CS 2.3.1 §11.6): the Load File Data Block, split into blocks sent as 80 E8 P1 P2 Lc block 00 with
// P1 00 (more blocks) / 80 (last block) and P2 the block number 00..FF. The Load File Data Block is
//   [E2 { 4F Lv(SD AID), C3 Lv(DAP signature) }]...  C4 BER-length(Executable Load File, e.g. the CAP components)

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

inline constexpr uint8_t kInsLoad = 0xE8;

struct DapBlock {
  Bytes security_domain_aid;
  Bytes signature;
};

// EncodeLoadFileDataBlock returns the DAP blocks followed by C4 || length || load_file.
absl::StatusOr<Bytes> EncodeLoadFileDataBlock(ByteView load_file, const std::vector<DapBlock>& dap_blocks = {});

// BuildLoadCommands splits the Load File Data Block into LOAD commands of at most `block_size` data bytes (1..255;
// leave room for SCP03: 239 with C-DECRYPTION + S8 C-MAC, 247 with C-MAC only). kInvalidArgument for a bad block
// size or more than 256 blocks.
absl::StatusOr<std::vector<CommandApdu>> BuildLoadCommands(ByteView load_file_data_block, size_t block_size);

struct LoadCommand {
  bool last = false;
  uint8_t block_number = 0;
  Bytes block;
};
// ParseLoad (card side): CLA/INS, P1 00/80, non-empty data.
absl::StatusOr<LoadCommand> ParseLoad(const CommandApdu& command);

// LoadAssembler (card side) reassembles the blocks of one load: block numbers must run 0, 1, 2, ... without gaps;
// the total is bounded by `max_size`. Finish parses the Load File Data Block.
class LoadAssembler {
 public:
  explicit LoadAssembler(size_t max_size = 1 << 20) : max_size_(max_size) {}
  // Add appends one block; kMalformedInput on a sequence error or after the last block, kResourceLimit on size.
  [[nodiscard]] absl::Status Add(const LoadCommand& command);
  bool complete() const { return complete_; }
  struct Result {
    std::vector<DapBlock> dap_blocks;
    Bytes load_file;  // contents of C4
  };
  // Finish requires the last block and a well-formed Load File Data Block (DAP blocks, then exactly one C4).
  absl::StatusOr<Result> Finish() const;

 private:
  size_t max_size_;
  Bytes data_;
  int next_block_ = 0;
  bool complete_ = false;
};

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_LOAD_H_
