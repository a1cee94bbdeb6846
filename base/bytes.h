#ifndef JPKICORE_BASE_BYTES_H_
#define JPKICORE_BASE_BYTES_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace jpki {

// ByteView is a non-owning view of bytes; it never outlives the buffer it points into.
using ByteView = absl::Span<const uint8_t>;
// Bytes owns bytes. Binary data is never carried in std::string.
using Bytes = std::vector<uint8_t>;

// AsBytes views the characters of `text` as bytes (no copy).
inline ByteView AsBytes(std::string_view text) {
  return ByteView(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

// ToBytes copies `view` into owned storage.
inline Bytes ToBytes(ByteView view) { return Bytes(view.begin(), view.end()); }

// HexEncode renders bytes as lowercase hex without separators.
std::string HexEncode(ByteView data);

// HexDecode parses hex (either case). Whitespace, colons and a leading "0x" are ignored so that vectors copied from
// specifications parse as is. Fails with the offset of the first bad character, or on an odd digit count.
absl::StatusOr<Bytes> HexDecode(std::string_view hex);

// Equal compares two public byte strings (not constant time: use SecretBytes or ct::Equal for secrets).
inline bool Equal(ByteView a, ByteView b) { return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin()); }

// Append copies `tail` to the end of `out`.
inline void Append(Bytes& out, ByteView tail) { out.insert(out.end(), tail.begin(), tail.end()); }

}  // namespace jpki

#endif  // JPKICORE_BASE_BYTES_H_
