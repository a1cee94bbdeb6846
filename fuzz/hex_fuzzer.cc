// HexDecode must never crash; whatever it accepts must re-encode to the same digits (modulo case and separators).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/bytes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto decoded = jpki::HexDecode(text);
  if (!decoded.ok()) return 0;
  auto again = jpki::HexDecode(jpki::HexEncode(*decoded));
  if (!again.ok() || *again != *decoded) std::abort();
  return 0;
}
