#ifndef JPKICORE_APDU_STATUS_WORDS_H_
#define JPKICORE_APDU_STATUS_WORDS_H_

// Status-word catalogue: ISO/IEC 7816-4 §5.6 (as tabulated by OpenSC iso7816.c), the GlobalPlatform additions
// (6310 more data for GET STATUS) and what the JPKI applet answers (63Cx tries left, 6984 blocked); see
// shared/notes/domain-research.md §1.4 and §5.3.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace jpki::apdu {

inline constexpr uint16_t kSwMoreDataGp = 0x6310;  // GET STATUS: more data available
inline constexpr uint16_t kSwEndOfFile = 0x6282;
inline constexpr uint16_t kSwWrongLength = 0x6700;
inline constexpr uint16_t kSwSecurityStatusNotSatisfied = 0x6982;
inline constexpr uint16_t kSwAuthenticationMethodBlocked = 0x6983;
inline constexpr uint16_t kSwReferenceDataNotUsable = 0x6984;
inline constexpr uint16_t kSwConditionsNotSatisfied = 0x6985;
inline constexpr uint16_t kSwNoCurrentEf = 0x6986;
inline constexpr uint16_t kSwWrongData = 0x6A80;
inline constexpr uint16_t kSwFunctionNotSupported = 0x6A81;
inline constexpr uint16_t kSwFileNotFound = 0x6A82;
inline constexpr uint16_t kSwIncorrectP1P2 = 0x6A86;
inline constexpr uint16_t kSwReferencedDataNotFound = 0x6A88;
inline constexpr uint16_t kSwWrongP1P2 = 0x6B00;
inline constexpr uint16_t kSwInsNotSupported = 0x6D00;
inline constexpr uint16_t kSwClaNotSupported = 0x6E00;
inline constexpr uint16_t kSwNoPreciseDiagnosis = 0x6F00;

// StatusWordMeaning returns the meaning without the hex ("success", "verification failed, 2 tries left",
// "wrong Le, 16 bytes available", "unknown status word"). Every value gets a text (class names for unknown ones).
std::string StatusWordMeaning(uint16_t sw);

// DescribeStatusWord returns "XXXX meaning" with upper-case hex, e.g. "9000 success",
// "63C2 verification failed, 2 tries left".
std::string DescribeStatusWord(uint16_t sw);

// TriesLeft returns x for 63Cx, nullopt otherwise.
std::optional<int> TriesLeft(uint16_t sw);

// IsSuccessSw: 9000. IsWarningSw: 62xx and 63xx (state may have changed; data may be valid). 61xx is neither: the
// driver resolves it (apdu/card_channel.h).
inline bool IsSuccessSw(uint16_t sw) { return sw == 0x9000; }
inline bool IsWarningSw(uint16_t sw) { return (sw >> 8) == 0x62 || (sw >> 8) == 0x63; }

// StatusFromSw returns OK for 9000 and otherwise an error "<module>: <what> failed: <DescribeStatusWord>" with a
// typed code: kNotFound (6A82, 6A88), kState (6982-6986, 63xx, 6999), kUnsupported (6A81, 6D00, 6E00, 68xx),
// kInvalidArgument (67xx, 6A80, 6A86, 6A87, 6B00, 6Cxx), kInternal otherwise.
absl::Status StatusFromSw(uint16_t sw, std::string_view module, std::string_view what);

}  // namespace jpki::apdu

#endif  // JPKICORE_APDU_STATUS_WORDS_H_
