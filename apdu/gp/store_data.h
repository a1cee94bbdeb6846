#ifndef JPKICORE_APDU_GP_STORE_DATA_H_
#define JPKICORE_APDU_GP_STORE_DATA_H_

// STORE DATA (GP CS 2.3.1 §11.11): 80 E2 P1 P2 Lc data [00], personalisation data for the application an INSTALL
// [for personalization] designated (or the SD itself). P2 is the block number 00..FF; P1:
//   b8 (80) last block; b7-b6 encryption: 00 none indicated, 01 (20) application dependent, 11 (60) encrypted;
//   b5-b4 structure: 00 none indicated, 01 (08) DGI, 10 (10) BER-TLV; b1 (01) response data expected.
// DGI format: tag (2 bytes) || length (1 byte, or FF + 2 bytes from 255 on) || data.

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "base/bytes.h"

namespace jpki::apdu::gp {

inline constexpr uint8_t kInsStoreData = 0xE2;

enum class StoreDataEncryption : uint8_t { kNone = 0x00, kApplicationDependent = 0x20, kEncrypted = 0x60 };
enum class StoreDataStructure : uint8_t { kNone = 0x00, kDgi = 0x08, kBerTlv = 0x10 };

struct StoreDataOptions {
  StoreDataEncryption encryption = StoreDataEncryption::kNone;
  StoreDataStructure structure = StoreDataStructure::kDgi;
  bool response_expected = false;
};

// BuildStoreDataCommands splits `data` into blocks of at most `block_size` (1..255) bytes, numbered from
// `first_block`; only the final one carries the last-block bit. Le 00 when a response is expected. More than
// 256 blocks (or past block FF) is kInvalidArgument.
absl::StatusOr<std::vector<CommandApdu>> BuildStoreDataCommands(ByteView data, const StoreDataOptions& options,
                                                                size_t block_size, uint8_t first_block = 0);

struct StoreDataCommand {
  bool last = false;
  StoreDataOptions options;
  uint8_t block_number = 0;
  Bytes data;
};
// ParseStoreData (card side): CLA/INS, P1 reserved bits (b3-b2) and the RFU encryption value 10 rejected.
absl::StatusOr<StoreDataCommand> ParseStoreData(const CommandApdu& command);

// Data Grouping Identifiers.
struct Dgi {
  uint16_t tag = 0;
  Bytes data;
  friend bool operator==(const Dgi& a, const Dgi& b) { return a.tag == b.tag && a.data == b.data; }
};
absl::StatusOr<Bytes> EncodeDgi(const Dgi& dgi);  // data up to 65535 bytes
// ParseDgis parses a sequence of DGIs (kMalformedInput naming the offset on truncation).
absl::StatusOr<std::vector<Dgi>> ParseDgis(ByteView data);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_STORE_DATA_H_
