// Response APDU decode -> encode must reproduce the input; every status word must have a description.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "apdu/response_apdu.h"
#include "apdu/status_words.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jpki::apdu;
  const jpki::ByteView input(data, size);
  auto parsed = ParseResponseApdu(input);
  const bool should_parse = size >= 2 && size - 2 <= kMaxResponseData;
  if (parsed.ok() != should_parse) std::abort();
  if (!parsed.ok()) return 0;
  if (!jpki::Equal(EncodeResponseApdu(*parsed), input)) std::abort();
  auto view = ParseResponseApduView(input);
  if (!view.ok() || view->sw != parsed->sw || view->data.size() != parsed->data.size()) std::abort();
  if (DescribeStatusWord(parsed->sw).size() < 6) std::abort();
  if (TriesLeft(parsed->sw).has_value() != ((parsed->sw & 0xFFF0) == 0x63C0)) std::abort();
  if (StatusFromSw(parsed->sw, "fuzz", "X").ok() != (parsed->sw == 0x9000)) std::abort();
  return 0;
}
