#include "apdu/response_apdu.h"

#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::apdu {
namespace {

TEST(ResponseApduTest, ParsesDataAndStatusWord) {
  const Bytes wire = {0x01, 0x02, 0x90, 0x00};
  auto r = ParseResponseApdu(wire);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->data, (Bytes{0x01, 0x02}));
  EXPECT_EQ(r->sw, 0x9000);
  EXPECT_TRUE(r->ok());
  EXPECT_EQ(r->sw1(), 0x90);
  EXPECT_EQ(r->sw2(), 0x00);
  EXPECT_EQ(EncodeResponseApdu(*r), wire);
}

TEST(ResponseApduTest, StatusOnly) {
  auto r = ParseResponseApdu(Bytes{0x63, 0xC2}).value();
  EXPECT_TRUE(r.data.empty());
  EXPECT_EQ(r.sw, 0x63C2);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(EncodeResponseApdu(r), (Bytes{0x63, 0xC2}));
}

TEST(ResponseApduTest, RejectsTooShortAndTooLong) {
  EXPECT_EQ(GetErrorCode(ParseResponseApdu(Bytes{}).status()), ErrorCode::kMalformedInput);
  EXPECT_FALSE(ParseResponseApdu(Bytes{0x90}).ok());
  Bytes max(kMaxResponseData + 2, 0x00);
  EXPECT_TRUE(ParseResponseApdu(max).ok());
  max.push_back(0x00);
  EXPECT_FALSE(ParseResponseApdu(max).ok());
}

TEST(ResponseApduTest, ViewIsZeroCopy) {
  const Bytes wire = {0xAA, 0xBB, 0x61, 0x10};
  auto v = ParseResponseApduView(wire).value();
  EXPECT_EQ(v.data.data(), wire.data());
  EXPECT_EQ(v.sw, 0x6110);
  EXPECT_EQ(v.ToResponse(), (ResponseApdu{{0xAA, 0xBB}, 0x6110}));
  Bytes out;
  EncodeResponseApduTo(v.data, v.sw, out);
  EXPECT_EQ(out, wire);
  EXPECT_EQ(MakeResponse(Bytes{1}, 0x9000), (ResponseApdu{{1}, 0x9000}));
}

}  // namespace
}  // namespace jpki::apdu
