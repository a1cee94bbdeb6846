#include "asn1/time.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "asn1/internal/sv.h"
#include "base/error.h"

namespace jpki::asn1 {
namespace {

using internal::Absl;

constexpr int64_t kMinYear = -1000000;
constexpr int64_t kMaxYear = 1000000;

[[gnu::cold, gnu::noinline]] absl::Status BadTime(std::string_view type, std::string_view what) {
  return MakeError(ErrorCode::kMalformedInput, "asn1", absl::StrCat("invalid ", Absl(type), ": ", Absl(what)));
}

// Days since 1970-01-01 of a proleptic Gregorian date (the well-known era-based algorithm: 400-year eras of
// 146097 days, years starting in March so the leap day is last).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (m + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

// Reads `count` ASCII digits at `p`; false if any is not a digit.
bool Digits(ByteView c, size_t pos, size_t count, int* out) {
  int v = 0;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t ch = c[pos + i];
    if (ch < '0' || ch > '9') return false;
    v = v * 10 + (ch - '0');
  }
  *out = v;
  return true;
}

// Parses the common tail "MMDDHHMMSSZ" at `pos` into t (year already set).
absl::StatusOr<int64_t> ParseTail(std::string_view type, ByteView c, size_t pos, CivilTime t) {
  if (!Digits(c, pos, 2, &t.month) || !Digits(c, pos + 2, 2, &t.day) || !Digits(c, pos + 4, 2, &t.hour) ||
      !Digits(c, pos + 6, 2, &t.minute) || !Digits(c, pos + 8, 2, &t.second)) {
    return BadTime(type, "non-digit character");
  }
  if (c[pos + 10] != 'Z') return BadTime(type, "must end in Z");
  if (!IsValidCivilTime(t)) return BadTime(type, "field out of range");
  return CivilToUnix(t);
}

}  // namespace

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

bool IsValidCivilTime(const CivilTime& t) {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= DaysInMonth(t.year, t.month) && t.hour >= 0 &&
         t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 && t.second <= 59;
}

absl::StatusOr<int64_t> CivilToUnix(const CivilTime& t) {
  if (t.year < kMinYear || t.year > kMaxYear || !IsValidCivilTime(t)) {
    return MakeError(ErrorCode::kInvalidArgument, "asn1", "invalid civil time");
  }
  return DaysFromCivil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

CivilTime UnixToCivil(int64_t s) {
  static const int64_t kMin = DaysFromCivil(kMinYear, 1, 1) * 86400;
  static const int64_t kMax = DaysFromCivil(kMaxYear, 12, 31) * 86400 + 86399;
  if (s < kMin) s = kMin;
  if (s > kMax) s = kMax;
  int64_t days = s / 86400;
  int64_t rem = s % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  CivilTime t;
  CivilFromDays(days, &t.year, &t.month, &t.day);
  t.hour = static_cast<int>(rem / 3600);
  t.minute = static_cast<int>(rem / 60 % 60);
  t.second = static_cast<int>(rem % 60);
  return t;
}

absl::StatusOr<int64_t> ParseUtcTime(ByteView c) {
  if (c.size() != 13) return BadTime("UTCTime", "must be YYMMDDHHMMSSZ (13 characters)");
  int yy;
  if (!Digits(c, 0, 2, &yy)) return BadTime("UTCTime", "non-digit character");
  CivilTime t;
  t.year = yy < 50 ? 2000 + yy : 1900 + yy;
  return ParseTail("UTCTime", c, 2, t);
}

absl::StatusOr<int64_t> ParseGeneralizedTime(ByteView c) {
  if (c.size() != 15) return BadTime("GeneralizedTime", "must be YYYYMMDDHHMMSSZ (15 characters)");
  int yyyy;
  if (!Digits(c, 0, 4, &yyyy)) return BadTime("GeneralizedTime", "non-digit character");
  CivilTime t;
  t.year = yyyy;
  return ParseTail("GeneralizedTime", c, 4, t);
}

absl::StatusOr<std::string> EncodeUtcTime(int64_t s) {
  if (s < kUtcTimeMin || s > kUtcTimeMax) {
    return MakeError(ErrorCode::kInvalidArgument, "asn1", "time outside UTCTime's range 1950..2049");
  }
  const CivilTime t = UnixToCivil(s);
  return absl::StrFormat("%02d%02d%02d%02d%02d%02dZ", static_cast<int>(t.year % 100), t.month, t.day, t.hour, t.minute,
                         t.second);
}

absl::StatusOr<std::string> EncodeGeneralizedTime(int64_t s) {
  if (s < kGeneralizedTimeMin || s > kGeneralizedTimeMax) {
    return MakeError(ErrorCode::kInvalidArgument, "asn1", "time outside GeneralizedTime's range 0000..9999");
  }
  const CivilTime t = UnixToCivil(s);
  return absl::StrFormat("%04d%02d%02d%02d%02d%02dZ", static_cast<int>(t.year), t.month, t.day, t.hour, t.minute,
                         t.second);
}

std::string FormatRfc3339(int64_t s) {
  const CivilTime t = UnixToCivil(s);
  if (t.year >= 0 && t.year <= 9999) {
    return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second);
  }
  return absl::StrFormat("%+05d-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute, t.second);
}

absl::StatusOr<int64_t> ParseRfc3339(std::string_view text) {
  auto bad = [&]() {
    return MakeError(ErrorCode::kInvalidArgument, "asn1",
                     absl::StrCat("invalid RFC 3339 time '", Absl(text), "' (want YYYY-MM-DDTHH:MM:SSZ)"));
  };
  const ByteView c = AsBytes(text);
  if (c.size() < 20) return bad();
  CivilTime t;
  int year;
  if (!Digits(c, 0, 4, &year) || c[4] != '-' || !Digits(c, 5, 2, &t.month) || c[7] != '-' || !Digits(c, 8, 2, &t.day) ||
      (c[10] != 'T' && c[10] != 't') || !Digits(c, 11, 2, &t.hour) || c[13] != ':' || !Digits(c, 14, 2, &t.minute) ||
      c[16] != ':' || !Digits(c, 17, 2, &t.second)) {
    return bad();
  }
  t.year = year;
  size_t pos = 19;
  if (c[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < c.size() && c[pos] >= '0' && c[pos] <= '9') ++pos;
    if (pos == start) return bad();
  }
  if (pos >= c.size()) return bad();
  int64_t offset = 0;
  if (c[pos] == 'Z' || c[pos] == 'z') {
    ++pos;
  } else if (c[pos] == '+' || c[pos] == '-') {
    int oh, om;
    if (c.size() - pos != 6 || !Digits(c, pos + 1, 2, &oh) || c[pos + 3] != ':' || !Digits(c, pos + 4, 2, &om) ||
        oh > 23 || om > 59) {
      return bad();
    }
    offset = (c[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != c.size() || !IsValidCivilTime(t)) return bad();
  auto s = CivilToUnix(t);
  if (!s.ok()) return bad();
  return *s - offset;
}

}  // namespace jpki::asn1
