#ifndef JPKICORE_ASN1_TIME_H_
#define JPKICORE_ASN1_TIME_H_

// asn1 times: proleptic-Gregorian civil time <-> Unix seconds (UTC, no leap seconds), the two DER time types in the
// RFC 5280 4.1.2.5 profile (UTCTime "YYMMDDHHMMSSZ" with the 2050 pivot, GeneralizedTime "YYYYMMDDHHMMSSZ"), and
// RFC 3339 text ("2024-01-02T03:04:05Z"). All functions are pure and allocation-free except those returning
// std::string.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::asn1 {

// CivilTime is a UTC calendar time. Years 0..9999 are representable in GeneralizedTime; the arithmetic functions
// accept any year that keeps Unix seconds within int64.
struct CivilTime {
  int64_t year = 1970;
  int month = 1;   // 1..12
  int day = 1;     // 1..days in month
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59 (leap second 60 is not accepted: RFC 5280 times are UTC without leap seconds)

  friend bool operator==(const CivilTime& a, const CivilTime& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day && a.hour == b.hour && a.minute == b.minute &&
           a.second == b.second;
  }
};

// IsLeapYear: Gregorian rule.
constexpr bool IsLeapYear(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }
// DaysInMonth for month 1..12 (0 for other months).
int DaysInMonth(int64_t year, int month);
// IsValidCivilTime checks every field's range, including the day against the month and leap years.
bool IsValidCivilTime(const CivilTime& t);

// CivilToUnix converts a valid civil time (years -1'000'000..1'000'000) to seconds since 1970-01-01T00:00:00Z.
// Fails (kInvalidArgument) for invalid fields or years outside that range.
absl::StatusOr<int64_t> CivilToUnix(const CivilTime& t);
// UnixToCivil is the inverse of CivilToUnix for any int64 within the supported year range (clamped otherwise).
CivilTime UnixToCivil(int64_t unix_seconds);

// The Unix-second range each DER time type can represent (inclusive).
inline constexpr int64_t kUtcTimeMin = -631152000;            // 1950-01-01T00:00:00Z
inline constexpr int64_t kUtcTimeMax = 2524607999;            // 2049-12-31T23:59:59Z
inline constexpr int64_t kGeneralizedTimeMin = -62167219200;  // 0000-01-01T00:00:00Z
inline constexpr int64_t kGeneralizedTimeMax = 253402300799;  // 9999-12-31T23:59:59Z

// ParseUtcTime decodes UTCTime contents octets "YYMMDDHHMMSSZ" (exactly 13 characters, seconds present, 'Z', no
// offsets, valid calendar values). YY < 50 means 20YY, else 19YY (RFC 5280 4.1.2.5.1). Fails with kMalformedInput;
// the message has no offset (DerReader adds it).
absl::StatusOr<int64_t> ParseUtcTime(ByteView contents);
// ParseGeneralizedTime decodes "YYYYMMDDHHMMSSZ" (exactly 15 characters; no fractional seconds, no offsets).
absl::StatusOr<int64_t> ParseGeneralizedTime(ByteView contents);

// EncodeUtcTime renders "YYMMDDHHMMSSZ". Fails (kInvalidArgument) outside [kUtcTimeMin, kUtcTimeMax].
absl::StatusOr<std::string> EncodeUtcTime(int64_t unix_seconds);
// EncodeGeneralizedTime renders "YYYYMMDDHHMMSSZ". Fails outside [kGeneralizedTimeMin, kGeneralizedTimeMax].
absl::StatusOr<std::string> EncodeGeneralizedTime(int64_t unix_seconds);
// UseUtcTime: RFC 5280 4.1.2.5 says dates through 2049 are UTCTime and 2050 onwards GeneralizedTime.
constexpr bool UseUtcTime(int64_t unix_seconds) { return unix_seconds >= kUtcTimeMin && unix_seconds <= kUtcTimeMax; }

// FormatRfc3339 renders "YYYY-MM-DDTHH:MM:SSZ" (years outside 0..9999 are printed with a sign / more digits).
std::string FormatRfc3339(int64_t unix_seconds);
// ParseRfc3339 parses "YYYY-MM-DDTHH:MM:SSZ", also accepting lowercase 't'/'z', fractional seconds (truncated) and
// a numeric offset "+09:00" / "-05:00" (converted to UTC). Fails with kInvalidArgument otherwise. For `--at`
// style command-line input; certificates use the DER forms above.
absl::StatusOr<int64_t> ParseRfc3339(std::string_view text);

}  // namespace jpki::asn1

#endif  // JPKICORE_ASN1_TIME_H_
