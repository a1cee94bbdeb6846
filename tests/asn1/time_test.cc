#include "asn1/time.h"

#include "gtest/gtest.h"
#include "tests/asn1/test_util.h"

namespace jpki::asn1 {
namespace {

TEST(CivilTime, KnownPoints) {
  auto epoch = CivilToUnix(CivilTime{});
  ASSERT_TRUE(epoch.ok());
  EXPECT_EQ(*epoch, 0);
  struct {
    CivilTime t;
    int64_t unix;
  } cases[] = {
      {{2015, 10, 20, 2, 40, 28}, 1445308828},
      {{2000, 2, 29, 0, 0, 0}, 951782400},
      {{1969, 12, 31, 23, 59, 59}, -1},
      {{1950, 1, 1, 0, 0, 0}, kUtcTimeMin},
      {{2049, 12, 31, 23, 59, 59}, kUtcTimeMax},
      {{0, 1, 1, 0, 0, 0}, kGeneralizedTimeMin},
      {{9999, 12, 31, 23, 59, 59}, kGeneralizedTimeMax},
      {{2038, 1, 19, 3, 14, 8}, 2147483648},
  };
  for (const auto& c : cases) {
    auto s = CivilToUnix(c.t);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(*s, c.unix) << c.t.year;
    EXPECT_EQ(UnixToCivil(c.unix), c.t) << c.unix;
  }
}

TEST(CivilTime, RoundTripsEveryDayOverCenturies) {
  for (int64_t day = -800000; day < 800000; day += 37) {
    const int64_t s = day * 86400 + (day % 86400 + 86400) % 86400;
    auto back = CivilToUnix(UnixToCivil(s));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, s);
  }
}

TEST(CivilTime, Validation) {
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2023));
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(2023, 4), 30);
  EXPECT_EQ(DaysInMonth(2023, 13), 0);
  EXPECT_FALSE(IsValidCivilTime({2023, 2, 29, 0, 0, 0}));
  EXPECT_FALSE(IsValidCivilTime({2023, 0, 1, 0, 0, 0}));
  EXPECT_FALSE(IsValidCivilTime({2023, 1, 0, 0, 0, 0}));
  EXPECT_FALSE(IsValidCivilTime({2023, 1, 1, 24, 0, 0}));
  EXPECT_FALSE(IsValidCivilTime({2023, 1, 1, 0, 60, 0}));
  EXPECT_FALSE(IsValidCivilTime({2023, 1, 1, 0, 0, 60}));
  EXPECT_FALSE(IsValidCivilTime({2023, 1, 1, -1, 0, 0}));
  EXPECT_EQ(GetErrorCode(CivilToUnix({2023, 2, 29, 0, 0, 0}).status()), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(CivilToUnix({2000000, 1, 1, 0, 0, 0}).ok());
}

TEST(UtcTime, ParseAndPivot) {
  auto a = ParseUtcTime(AsBytes("491231235959Z"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, kUtcTimeMax);
  auto b = ParseUtcTime(AsBytes("500101000000Z"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, kUtcTimeMin);
  auto c = ParseUtcTime(AsBytes("700101000000Z"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, 0);
  for (const char* bad : {"7001010000Z", "700101000000", "700101000000+0000", "700101000000z", "7001010000000Z",
                          "700230000000Z", "70010100000aZ", "-70101000000Z", " 70101000000Z"}) {
    EXPECT_MALFORMED(ParseUtcTime(AsBytes(bad)).status()) << bad;
  }
}

TEST(GeneralizedTime, Parse) {
  auto a = ParseGeneralizedTime(AsBytes("20500101000000Z"));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, 2524608000);
  auto b = ParseGeneralizedTime(AsBytes("99991231235959Z"));
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, kGeneralizedTimeMax);
  for (const char* bad : {"20500101000000", "20500101000000.0Z", "205001010000Z", "20500101000000+0900",
                          "20501301000000Z", "20500132000000Z", "2050010100000Z", "21000229000000Z"}) {
    EXPECT_MALFORMED(ParseGeneralizedTime(AsBytes(bad)).status()) << bad;
  }
}

TEST(Encode, UtcAndGeneralized) {
  auto u = EncodeUtcTime(1445308828);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(*u, "151020024028Z");
  auto u2 = EncodeUtcTime(kUtcTimeMin);
  ASSERT_TRUE(u2.ok());
  EXPECT_EQ(*u2, "500101000000Z");
  EXPECT_EQ(GetErrorCode(EncodeUtcTime(kUtcTimeMax + 1).status()), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(EncodeUtcTime(kUtcTimeMin - 1).ok());
  auto g = EncodeGeneralizedTime(kUtcTimeMax + 1);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(*g, "20500101000000Z");
  auto g0 = EncodeGeneralizedTime(kGeneralizedTimeMin);
  ASSERT_TRUE(g0.ok());
  EXPECT_EQ(*g0, "00000101000000Z");
  EXPECT_FALSE(EncodeGeneralizedTime(kGeneralizedTimeMax + 1).ok());
  EXPECT_FALSE(EncodeGeneralizedTime(kGeneralizedTimeMin - 1).ok());
  EXPECT_TRUE(UseUtcTime(0));
  EXPECT_FALSE(UseUtcTime(kUtcTimeMax + 1));
  EXPECT_FALSE(UseUtcTime(kUtcTimeMin - 1));
  // Round trips.
  for (int64_t s = kUtcTimeMin; s <= kUtcTimeMax; s += 86399 * 13) {
    auto text = EncodeUtcTime(s);
    ASSERT_TRUE(text.ok());
    auto back = ParseUtcTime(AsBytes(*text));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, s);
    auto gtext = EncodeGeneralizedTime(s);
    ASSERT_TRUE(gtext.ok());
    auto gback = ParseGeneralizedTime(AsBytes(*gtext));
    ASSERT_TRUE(gback.ok());
    EXPECT_EQ(*gback, s);
  }
}

TEST(Rfc3339, FormatAndParse) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(1445308828), "2015-10-20T02:40:28Z");
  EXPECT_EQ(FormatRfc3339(kGeneralizedTimeMax), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatRfc3339(kGeneralizedTimeMax + 1), "+10000-01-01T00:00:00Z");
  auto a = ParseRfc3339("2015-10-20T02:40:28Z");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, 1445308828);
  auto b = ParseRfc3339("2015-10-20T11:40:28+09:00");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, 1445308828);
  auto c = ParseRfc3339("2015-10-19t21:40:28.999-05:00");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, 1445308828);
  auto d = ParseRfc3339("2015-10-20T02:40:28z");
  ASSERT_TRUE(d.ok());
  for (const char* bad : {"", "2015-10-20", "2015-10-20T02:40:28", "2015-10-20 02:40:28Z", "2015-13-20T02:40:28Z",
                          "2015-02-29T00:00:00Z", "2015-10-20T02:40:28.Z", "2015-10-20T02:40:28+0900",
                          "2015-10-20T02:40:28Zjunk", "2015-10-20T02:40:28+24:00", "2015/10/20T02:40:28Z"}) {
    EXPECT_EQ(GetErrorCode(ParseRfc3339(bad).status()), ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace jpki::asn1
