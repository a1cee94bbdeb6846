#include "base/bytes.h"

#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki {
namespace {

TEST(HexTest, RoundTrip) {
  const Bytes data = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(HexEncode(data), "0001abff");
  auto decoded = HexDecode("0001ABff");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, data);
}

TEST(HexTest, IgnoresSeparatorsAndPrefix) {
  auto decoded = HexDecode("0x00 01:ab\nff");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, (Bytes{0x00, 0x01, 0xab, 0xff}));
}

TEST(HexTest, RejectsBadCharacterWithOffset) {
  auto decoded = HexDecode("00zz");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(GetErrorCode(decoded.status()), ErrorCode::kMalformedInput);
  EXPECT_NE(decoded.status().message().find("offset 2"), absl::string_view::npos);
}

TEST(HexTest, RejectsOddLength) { EXPECT_FALSE(HexDecode("abc").ok()); }

TEST(BytesTest, AsBytesAndAppend) {
  Bytes out = ToBytes(AsBytes("ab"));
  Append(out, AsBytes("c"));
  EXPECT_EQ(out, (Bytes{'a', 'b', 'c'}));
  EXPECT_TRUE(Equal(out, AsBytes("abc")));
  EXPECT_FALSE(Equal(out, AsBytes("abd")));
}

}  // namespace
}  // namespace jpki
