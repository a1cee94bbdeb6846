#include "apdu/status_words.h"

#include <string>

#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::apdu {
namespace {

TEST(StatusWordsTest, NamesFromTheSpecAndResearch) {
  EXPECT_EQ(DescribeStatusWord(0x9000), "9000 success");
  EXPECT_EQ(DescribeStatusWord(0x63C2), "63C2 verification failed, 2 tries left");
  EXPECT_EQ(DescribeStatusWord(0x63C1), "63C1 verification failed, 1 try left");
  EXPECT_EQ(DescribeStatusWord(0x63C0), "63C0 verification failed, 0 tries left (blocked)");
  EXPECT_EQ(DescribeStatusWord(0x6983), "6983 authentication method blocked");
  EXPECT_EQ(DescribeStatusWord(0x6984), "6984 reference data not usable");
  EXPECT_EQ(DescribeStatusWord(0x6982), "6982 security status not satisfied");
  EXPECT_EQ(DescribeStatusWord(0x6A82), "6A82 file or application not found");
  EXPECT_EQ(DescribeStatusWord(0x6110), "6110 16 bytes available (GET RESPONSE)");
  EXPECT_EQ(DescribeStatusWord(0x6100), "6100 256 or more bytes available (GET RESPONSE)");
  EXPECT_EQ(DescribeStatusWord(0x6C20), "6C20 wrong Le, 32 bytes available");
  EXPECT_EQ(DescribeStatusWord(0x6310), "6310 more data available (GlobalPlatform GET STATUS)");
  EXPECT_EQ(StatusWordMeaning(0x6A86), "incorrect parameters P1-P2");
  EXPECT_EQ(StatusWordMeaning(0x6D00), "instruction code not supported or invalid");
  EXPECT_EQ(StatusWordMeaning(0x6E00), "class not supported");
  EXPECT_EQ(StatusWordMeaning(0x6282), "warning: end of file or record reached before reading Ne bytes");
}

TEST(StatusWordsTest, EveryValueHasAMeaning) {
  for (uint32_t sw = 0; sw <= 0xFFFF; ++sw) {
    EXPECT_FALSE(StatusWordMeaning(static_cast<uint16_t>(sw)).empty());
  }
  EXPECT_EQ(StatusWordMeaning(0x6A99), "wrong parameters P1-P2");
  EXPECT_EQ(StatusWordMeaning(0x9123), "application-specific status");
  EXPECT_EQ(StatusWordMeaning(0x1234), "unknown status word");
}

TEST(StatusWordsTest, TriesLeftAndClasses) {
  EXPECT_EQ(TriesLeft(0x63C5), 5);
  EXPECT_EQ(TriesLeft(0x63C0), 0);
  EXPECT_FALSE(TriesLeft(0x6300).has_value());
  EXPECT_FALSE(TriesLeft(0x9000).has_value());
  EXPECT_TRUE(IsSuccessSw(0x9000));
  EXPECT_FALSE(IsSuccessSw(0x6100));
  EXPECT_TRUE(IsWarningSw(0x6282));
  EXPECT_TRUE(IsWarningSw(0x63C1));
  EXPECT_FALSE(IsWarningSw(0x6982));
}

TEST(StatusWordsTest, StatusFromSwCodes) {
  EXPECT_TRUE(StatusFromSw(0x9000, "m", "X").ok());
  EXPECT_EQ(GetErrorCode(StatusFromSw(0x6A82, "m", "X")), ErrorCode::kNotFound);
  EXPECT_EQ(GetErrorCode(StatusFromSw(0x6982, "m", "X")), ErrorCode::kState);
  EXPECT_EQ(GetErrorCode(StatusFromSw(0x63C1, "m", "X")), ErrorCode::kState);
  EXPECT_EQ(GetErrorCode(StatusFromSw(0x6D00, "m", "X")), ErrorCode::kUnsupported);
  EXPECT_EQ(GetErrorCode(StatusFromSw(0x6700, "m", "X")), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(StatusFromSw(0x6F00, "m", "X")), ErrorCode::kInternal);
  const absl::Status s = StatusFromSw(0x6984, "jpki_ap", "VERIFY");
  EXPECT_EQ(std::string(s.message()), "jpki_ap: VERIFY failed: 6984 reference data not usable");
}

}  // namespace
}  // namespace jpki::apdu
