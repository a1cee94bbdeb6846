#include "apdu/gp/store_data.h"

#include <algorithm>
#include <string>

#include "apdu/gp/internal/command_util.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {

using internal::Invalid;
using internal::Malformed;

absl::StatusOr<std::vector<CommandApdu>> BuildStoreDataCommands(ByteView data, const StoreDataOptions& options,
                                                                size_t block_size, uint8_t first_block) {
  if (block_size == 0 || block_size > kMaxShortNc) return Invalid("STORE DATA: block size must be 1..255");
  const size_t count = data.empty() ? 1 : (data.size() + block_size - 1) / block_size;
  if (first_block + count > 256) return Invalid("STORE DATA: more blocks than block numbers (256)");
  const uint8_t base =
      static_cast<uint8_t>(static_cast<uint8_t>(options.encryption) | static_cast<uint8_t>(options.structure) |
                           (options.response_expected ? 0x01 : 0x00));
  std::vector<CommandApdu> out;
  for (size_t i = 0; i < count; ++i) {
    const size_t off = i * block_size;
    const size_t n = std::min(block_size, data.size() - std::min(off, data.size()));
    const bool last = i + 1 == count;
    CommandApdu c{0x80,
                  kInsStoreData,
                  static_cast<uint8_t>(base | (last ? 0x80 : 0x00)),
                  static_cast<uint8_t>(first_block + i),
                  ToBytes(data.subspan(std::min(off, data.size()), n)),
                  std::nullopt};
    if (options.response_expected) c.ne = 256;
    out.push_back(std::move(c));
  }
  return out;
}

absl::StatusOr<StoreDataCommand> ParseStoreData(const CommandApdu& c) {
  JPKI_RETURN_IF_ERROR(internal::CheckCommand(c, kInsStoreData, "STORE DATA"));
  if ((c.p1 & 0x06) != 0) return Malformed("STORE DATA: reserved P1 bits set");
  const uint8_t enc = c.p1 & 0x60;
  const uint8_t structure = c.p1 & 0x18;
  if (enc == 0x40) return Malformed("STORE DATA: reserved encryption indicator");
  if (structure == 0x18) return Malformed("STORE DATA: reserved structure indicator");
  StoreDataCommand out;
  out.last = (c.p1 & 0x80) != 0;
  out.options.encryption = static_cast<StoreDataEncryption>(enc);
  out.options.structure = static_cast<StoreDataStructure>(structure);
  out.options.response_expected = (c.p1 & 0x01) != 0;
  out.block_number = c.p2;
  out.data = c.data;
  return out;
}

absl::StatusOr<Bytes> EncodeDgi(const Dgi& dgi) {
  if (dgi.data.size() > 0xFFFF) return Invalid("DGI: data longer than 65535 bytes");
  Bytes out = {static_cast<uint8_t>(dgi.tag >> 8), static_cast<uint8_t>(dgi.tag)};
  if (dgi.data.size() < 0xFF) {
    out.push_back(static_cast<uint8_t>(dgi.data.size()));
  } else {
    out.insert(out.end(), {0xFF, static_cast<uint8_t>(dgi.data.size() >> 8), static_cast<uint8_t>(dgi.data.size())});
  }
  Append(out, dgi.data);
  return out;
}

absl::StatusOr<std::vector<Dgi>> ParseDgis(ByteView data) {
  std::vector<Dgi> out;
  size_t pos = 0;
  while (pos < data.size()) {
    const std::string at = " at offset " + std::to_string(pos);
    if (data.size() - pos < 3) return Malformed("DGI: truncated header" + at);
    Dgi dgi;
    dgi.tag = static_cast<uint16_t>(data[pos] << 8 | data[pos + 1]);
    size_t len = data[pos + 2];
    pos += 3;
    if (len == 0xFF) {
      if (data.size() - pos < 2) return Malformed("DGI: truncated length" + at);
      len = static_cast<size_t>(data[pos] << 8 | data[pos + 1]);
      pos += 2;
      if (len < 0xFF) return Malformed("DGI: non-minimal length" + at);
    }
    if (data.size() - pos < len) return Malformed("DGI: data runs past the end" + at);
    dgi.data.assign(data.begin() + pos, data.begin() + pos + len);
    pos += len;
    out.push_back(std::move(dgi));
  }
  return out;
}

}  // namespace jpki::apdu::gp
