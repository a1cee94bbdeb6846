#include "apdu/status_words.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/error.h"

namespace jpki::apdu {
namespace {

struct Entry {
  uint16_t sw;
  const char* meaning;
};

// Exact values (ISO 7816-4 §5.6 tables 5-6; GP Card Spec 2.3.1 §11.1.3; Java Card ISO7816 constants).
constexpr Entry kExact[] = {
    {0x9000, "success"},
    {0x6200, "warning: no information given, state unchanged"},
    {0x6281, "warning: part of returned data may be corrupted"},
    {0x6282, "warning: end of file or record reached before reading Ne bytes"},
    {0x6283, "warning: selected file deactivated"},
    {0x6284, "warning: file control information not formatted"},
    {0x6285, "warning: selected file in termination state"},
    {0x6286, "warning: no input data available from a sensor"},
    {0x6300, "warning: verification failed (no information given)"},
    {0x6310, "more data available (GlobalPlatform GET STATUS)"},
    {0x6381, "warning: file filled up by the last write"},
    {0x6400, "execution error, state unchanged"},
    {0x6401, "execution error: immediate response required by the card"},
    {0x6500, "execution error, state changed"},
    {0x6581, "memory failure"},
    {0x6600, "security-related issue"},
    {0x6700, "wrong length"},
    {0x6800, "functions in CLA not supported"},
    {0x6881, "logical channel not supported"},
    {0x6882, "secure messaging not supported"},
    {0x6883, "last command of the chain expected"},
    {0x6884, "command chaining not supported"},
    {0x6900, "command not allowed"},
    {0x6981, "command incompatible with file structure"},
    {0x6982, "security status not satisfied"},
    {0x6983, "authentication method blocked"},
    {0x6984, "reference data not usable"},
    {0x6985, "conditions of use not satisfied"},
    {0x6986, "command not allowed (no current EF)"},
    {0x6987, "expected secure messaging data objects missing"},
    {0x6988, "incorrect secure messaging data objects"},
    {0x6999, "applet selection failed"},
    {0x6A80, "incorrect parameters in the data field"},
    {0x6A81, "function not supported"},
    {0x6A82, "file or application not found"},
    {0x6A83, "record not found"},
    {0x6A84, "not enough memory space in the file"},
    {0x6A85, "Nc inconsistent with TLV structure"},
    {0x6A86, "incorrect parameters P1-P2"},
    {0x6A87, "Nc inconsistent with parameters P1-P2"},
    {0x6A88, "referenced data or reference data not found"},
    {0x6A89, "file already exists"},
    {0x6A8A, "DF name already exists"},
    {0x6B00, "wrong parameters P1-P2"},
    {0x6D00, "instruction code not supported or invalid"},
    {0x6E00, "class not supported"},
    {0x6F00, "no precise diagnosis"},
};

}  // namespace

std::optional<int> TriesLeft(uint16_t sw) {
  if ((sw & 0xFFF0) == 0x63C0) return sw & 0x0F;
  return std::nullopt;
}

std::string StatusWordMeaning(uint16_t sw) {
  for (const Entry& entry : kExact) {
    if (entry.sw == sw) return entry.meaning;
  }
  const uint8_t sw1 = static_cast<uint8_t>(sw >> 8);
  const uint8_t sw2 = static_cast<uint8_t>(sw);
  if (auto tries = TriesLeft(sw)) {
    if (*tries == 0) return "verification failed, 0 tries left (blocked)";
    return absl::StrCat("verification failed, ", *tries, *tries == 1 ? " try left" : " tries left");
  }
  switch (sw1) {
    case 0x61:
      return sw2 == 0 ? "256 or more bytes available (GET RESPONSE)"
                      : absl::StrCat(sw2, sw2 == 1 ? " byte" : " bytes", " available (GET RESPONSE)");
    case 0x6C:
      return absl::StrCat("wrong Le, ", sw2 == 0 ? 256 : sw2, " bytes available");
    case 0x62:
      return "warning, state unchanged";
    case 0x63:
      return "warning, state changed";
    case 0x64:
      return "execution error, state unchanged";
    case 0x65:
      return "execution error, state changed";
    case 0x66:
      return "security-related issue";
    case 0x67:
      return "wrong length";
    case 0x68:
      return "functions in CLA not supported";
    case 0x69:
      return "command not allowed";
    case 0x6A:
      return "wrong parameters P1-P2";
    default:
      break;
  }
  if (sw1 >= 0x90 && sw1 <= 0x9F) return "application-specific status";
  return "unknown status word";
}

std::string DescribeStatusWord(uint16_t sw) { return absl::StrFormat("%04X %s", sw, StatusWordMeaning(sw)); }

absl::Status StatusFromSw(uint16_t sw, std::string_view module, std::string_view what) {
  if (sw == 0x9000) return absl::OkStatus();
  const uint8_t sw1 = static_cast<uint8_t>(sw >> 8);
  ErrorCode code = ErrorCode::kInternal;
  if (sw == 0x6A82 || sw == 0x6A88 || sw == 0x6A83) {
    code = ErrorCode::kNotFound;
  } else if ((sw >= 0x6982 && sw <= 0x6986) || sw1 == 0x63 || sw == 0x6999) {
    code = ErrorCode::kState;
  } else if (sw == 0x6A81 || sw == 0x6D00 || sw == 0x6E00 || sw1 == 0x68) {
    code = ErrorCode::kUnsupported;
  } else if (sw1 == 0x67 || sw == 0x6A80 || sw == 0x6A86 || sw == 0x6A87 || sw == 0x6B00 || sw1 == 0x6C) {
    code = ErrorCode::kInvalidArgument;
  }
  return MakeError(code, module, absl::StrCat(std::string(what), " failed: ", DescribeStatusWord(sw)));
}

}  // namespace jpki::apdu
