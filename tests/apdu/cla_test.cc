#include "apdu/cla.h"

#include "apdu/chaining.h"
#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::apdu {
namespace {

TEST(ClaTest, FirstInterindustry) {
  auto c = DecodeCla(0x00).value();
  EXPECT_EQ(c, (ClassByte{false, 0, SecureMessaging::kNone, false}));
  c = DecodeCla(0x1F).value();
  EXPECT_EQ(c, (ClassByte{false, 3, SecureMessaging::kIsoHeaderAuthenticated, true}));
  EXPECT_EQ(DecodeCla(0x08).value().sm, SecureMessaging::kIsoHeaderNotAuthenticated);
  EXPECT_EQ(DecodeCla(0x0C).value().sm, SecureMessaging::kIsoHeaderAuthenticated);
}

TEST(ClaTest, GlobalPlatformProprietary) {
  auto c = DecodeCla(0x84).value();
  EXPECT_TRUE(c.proprietary);
  EXPECT_EQ(c.sm, SecureMessaging::kProprietary);
  EXPECT_EQ(c.channel, 0);
  EXPECT_TRUE(HasSecureMessaging(0x84));
  EXPECT_FALSE(HasSecureMessaging(0x80));
  c = DecodeCla(0xE3).value();  // GP further, SM, channel 7
  EXPECT_TRUE(c.proprietary);
  EXPECT_EQ(c.channel, 7);
  EXPECT_EQ(c.sm, SecureMessaging::kIsoHeaderNotAuthenticated);
}

TEST(ClaTest, FurtherInterindustryChannels) {
  for (uint8_t ch = 4; ch <= 19; ++ch) {
    auto cla = EncodeCla(ClassByte{false, ch, SecureMessaging::kNone, false}).value();
    EXPECT_EQ(cla, 0x40 + ch - 4);
    EXPECT_EQ(LogicalChannelOf(cla), ch);
  }
  EXPECT_EQ(EncodeCla(ClassByte{false, 19, SecureMessaging::kIsoHeaderNotAuthenticated, true}).value(), 0x7F);
}

TEST(ClaTest, EncodeDecodeRoundTripAllValidBytes) {
  int valid = 0;
  for (int b = 0; b < 256; ++b) {
    auto decoded = DecodeCla(static_cast<uint8_t>(b));
    if (!decoded.ok()) {
      EXPECT_EQ(GetErrorCode(decoded.status()), ErrorCode::kMalformedInput);
      continue;
    }
    ++valid;
    EXPECT_EQ(EncodeCla(*decoded).value(), b);
  }
  EXPECT_EQ(valid, 255 - 64);  // FF and the two reserved ranges 20-3F, A0-BF
}

TEST(ClaTest, RejectsImpossibleEncodings) {
  EXPECT_FALSE(DecodeCla(0xFF).ok());
  EXPECT_FALSE(DecodeCla(0x20).ok());
  EXPECT_EQ(GetErrorCode(EncodeCla(ClassByte{false, 20, SecureMessaging::kNone, false}).status()),
            ErrorCode::kInvalidArgument);
  EXPECT_FALSE(EncodeCla(ClassByte{false, 5, SecureMessaging::kProprietary, false}).ok());
  EXPECT_FALSE(EncodeCla(ClassByte{false, 5, SecureMessaging::kIsoHeaderAuthenticated, false}).ok());
}

TEST(ClaTest, WithLogicalChannelAndChaining) {
  EXPECT_EQ(WithLogicalChannel(0x00, 2).value(), 0x02);
  EXPECT_EQ(WithLogicalChannel(0x80, 5).value(), 0xC1);
  EXPECT_EQ(WithLogicalChannel(0x0C, 1).value(), 0x0D);
  EXPECT_FALSE(WithLogicalChannel(0x0C, 4).ok());
  EXPECT_FALSE(WithLogicalChannel(0xFF, 1).ok());
  EXPECT_EQ(WithChaining(0x80, true), 0x90);
  EXPECT_EQ(WithChaining(0x90, false), 0x80);
  EXPECT_EQ(LogicalChannelOf(0xFF), 0);
}

TEST(ChainingTest, SplitsLongDataSettingTheChainingBit) {
  CommandApdu c{0x80, 0xE2, 0x90, 0x00, Bytes(600, 0x5A), 256};
  auto parts = ChainCommand(c).value();
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].cla, 0x90);
  EXPECT_EQ(parts[1].cla, 0x90);
  EXPECT_EQ(parts[2].cla, 0x80);
  EXPECT_EQ(parts[0].data.size(), 255u);
  EXPECT_EQ(parts[1].data.size(), 255u);
  EXPECT_EQ(parts[2].data.size(), 90u);
  EXPECT_FALSE(parts[0].ne.has_value());
  EXPECT_EQ(parts[2].ne, 256u);
  Bytes joined;
  for (const auto& p : parts) Append(joined, p.data);
  EXPECT_EQ(joined, c.data);
}

TEST(ChainingTest, ShortCommandUnchangedAndErrors) {
  CommandApdu c{0x00, 0xD6, 0, 0, Bytes(10, 1), std::nullopt};
  auto parts = ChainCommand(c).value();
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0], c);
  EXPECT_EQ(ChainCommand(c, 3).value().size(), 4u);
  EXPECT_FALSE(ChainCommand(c, 0).ok());
  c.cla = 0x10;
  EXPECT_FALSE(ChainCommand(c).ok());
  c.cla = 0xFF;
  EXPECT_FALSE(ChainCommand(c).ok());
  c.cla = 0x00;
  c.ne = 0;
  EXPECT_FALSE(ChainCommand(c).ok());
}

}  // namespace
}  // namespace jpki::apdu
