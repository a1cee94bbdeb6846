#ifndef JPKICORE_APDU_RESPONSE_APDU_H_
#define JPKICORE_APDU_RESPONSE_APDU_H_

// ISO/IEC 7816-4 §5.1 response APDUs: response data (0..65536 bytes) followed by the status word SW1 SW2.

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::apdu {

// Largest response data field (extended Ne = 65536).
inline constexpr size_t kMaxResponseData = 65536;

// Status words every module branches on (the full catalogue with names is apdu/status_words.h).
inline constexpr uint16_t kSwSuccess = 0x9000;

// ResponseApdu is an owning response: data and the status word (SW1 << 8 | SW2).
struct ResponseApdu {
  Bytes data;
  uint16_t sw = 0;

  uint8_t sw1() const { return static_cast<uint8_t>(sw >> 8); }
  uint8_t sw2() const { return static_cast<uint8_t>(sw); }
  // ok is true only for 9000.
  bool ok() const { return sw == kSwSuccess; }
  friend bool operator==(const ResponseApdu& a, const ResponseApdu& b) { return a.sw == b.sw && a.data == b.data; }
  friend bool operator!=(const ResponseApdu& a, const ResponseApdu& b) { return !(a == b); }
};

// ResponseApduView is a parsed response whose data points into the caller's buffer (zero copy).
struct ResponseApduView {
  ByteView data;
  uint16_t sw = 0;

  ResponseApdu ToResponse() const { return ResponseApdu{ToBytes(data), sw}; }
};

// ParseResponseApduView splits `bytes` into data and SW1 SW2 without copying. Fails (kMalformedInput) when fewer
// than 2 bytes are given or the data exceeds 65536 bytes.
absl::StatusOr<ResponseApduView> ParseResponseApduView(ByteView bytes);

// ParseResponseApdu is ParseResponseApduView followed by a copy.
absl::StatusOr<ResponseApdu> ParseResponseApdu(ByteView bytes);

// EncodeResponseApdu returns data || SW1 || SW2. (It does not limit the data size: a card-side simulator checks Ne.)
Bytes EncodeResponseApdu(const ResponseApdu& response);

// EncodeResponseApduTo appends data || SW1 || SW2 to `out`.
void EncodeResponseApduTo(ByteView data, uint16_t sw, Bytes& out);

// MakeResponse is a convenience for card-side code: a response with `data` and `sw`.
inline ResponseApdu MakeResponse(ByteView data, uint16_t sw) { return ResponseApdu{ToBytes(data), sw}; }

}  // namespace jpki::apdu

#endif  // JPKICORE_APDU_RESPONSE_APDU_H_
