#include "base/bytes.h"

#include "base/error.h"

namespace jpki {
namespace {

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsSeparator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':'; }

}  // namespace

std::string HexEncode(ByteView data) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(data.size() * 2);
  for (uint8_t b : data) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  return out;
}

absl::StatusOr<Bytes> HexDecode(std::string_view hex) {
  size_t start = 0;
  if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) start = 2;
  Bytes out;
  out.reserve(hex.size() / 2);
  int pending = -1;
  for (size_t i = start; i < hex.size(); ++i) {
    const char c = hex[i];
    if (IsSeparator(c)) continue;
    const int value = HexDigitValue(c);
    if (value < 0) {
      return MakeError(ErrorCode::kMalformedInput, "hex", "invalid hex character at offset " + std::to_string(i));
    }
    if (pending < 0) {
      pending = value;
    } else {
      out.push_back(static_cast<uint8_t>((pending << 4) | value));
      pending = -1;
    }
  }
  if (pending >= 0) return MakeError(ErrorCode::kMalformedInput, "hex", "odd number of hex digits");
  return out;
}

}  // namespace jpki
