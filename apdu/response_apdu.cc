#include "apdu/response_apdu.h"

#include "absl/strings/str_cat.h"
#include "base/error.h"

namespace jpki::apdu {

absl::StatusOr<ResponseApduView> ParseResponseApduView(ByteView bytes) {
  if (bytes.size() < 2) {
    return MakeError(ErrorCode::kMalformedInput, "apdu",
                     absl::StrCat("offset ", bytes.size(), ": response APDU shorter than SW1 SW2"));
  }
  if (bytes.size() - 2 > kMaxResponseData) {
    return MakeError(ErrorCode::kMalformedInput, "apdu",
                     absl::StrCat("offset ", kMaxResponseData, ": response data longer than 65536 bytes"));
  }
  ResponseApduView view;
  view.data = bytes.subspan(0, bytes.size() - 2);
  view.sw = static_cast<uint16_t>((bytes[bytes.size() - 2] << 8) | bytes[bytes.size() - 1]);
  return view;
}

absl::StatusOr<ResponseApdu> ParseResponseApdu(ByteView bytes) {
  auto view = ParseResponseApduView(bytes);
  if (!view.ok()) return view.status();
  return view->ToResponse();
}

void EncodeResponseApduTo(ByteView data, uint16_t sw, Bytes& out) {
  out.reserve(out.size() + data.size() + 2);
  Append(out, data);
  out.push_back(static_cast<uint8_t>(sw >> 8));
  out.push_back(static_cast<uint8_t>(sw));
}

Bytes EncodeResponseApdu(const ResponseApdu& response) {
  Bytes out;
  EncodeResponseApduTo(response.data, response.sw, out);
  return out;
}

}  // namespace jpki::apdu
