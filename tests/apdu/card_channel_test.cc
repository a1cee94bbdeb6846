#include "apdu/card_channel.h"

#include "base/error.h"
#include "gtest/gtest.h"
#include "tests/apdu/scripted_transport.h"

namespace jpki::apdu {
namespace {

using testing::ScriptedTransport;

CommandApdu GetStatus() { return CommandApdu{0x80, 0xF2, 0x40, 0x02, {0x4F, 0x00}, 256}; }

TEST(CardChannelTest, PassesThroughOrdinaryResponses) {
  ScriptedTransport t;
  t.Expect("80f24002024f0000", "e3024f009000");
  CardChannel channel(t);
  auto r = channel.Transmit(GetStatus()).value();
  EXPECT_EQ(HexEncode(r.data), "e3024f00");
  EXPECT_EQ(r.sw, 0x9000);
  EXPECT_TRUE(t.done());
  EXPECT_EQ(channel.get_response_count(), 0u);
}

TEST(CardChannelTest, Accumulates61xxWithGetResponse) {
  ScriptedTransport t;
  t.Expect("00a4040008a000000151000000", "6104")
      .Expect("00c0000004",
              "01020304"
              "6102")
      .Expect("00c0000002",
              "0506"
              "9000");
  CardChannel channel(t);
  CommandApdu select{0x00, 0xA4, 0x04, 0x00, HexDecode("a000000151000000").value(), std::nullopt};
  auto r = channel.Transmit(select).value();
  EXPECT_EQ(HexEncode(r.data), "010203040506");
  EXPECT_EQ(r.sw, 0x9000);
  EXPECT_EQ(channel.get_response_count(), 2u);
  EXPECT_TRUE(t.done());
}

TEST(CardChannelTest, GetResponseOnTheCommandsLogicalChannelWithoutSm) {
  ScriptedTransport t;
  t.Expect("83ca9f7f00", "6100").Expect("03c0000000", "aa6a82");
  CardChannel channel(t);
  auto r = channel.Transmit(CommandApdu{0x83, 0xCA, 0x9F, 0x7F, {}, 256}).value();
  EXPECT_EQ(HexEncode(r.data), "aa");
  EXPECT_EQ(r.sw, 0x6A82);  // the final SW is whatever the last GET RESPONSE said
  ScriptedTransport t2;
  t2.Expect("c1ca006600", "6101").Expect("41c0000001", "009000");
  CardChannel channel2(t2);
  EXPECT_TRUE(channel2.Transmit(CommandApdu{0xC1, 0xCA, 0x00, 0x66, {}, 256}).ok());
}

TEST(CardChannelTest, ResendsOnceWith6Cxx) {
  ScriptedTransport t;
  t.Expect("00b0000000", "6c20").Expect("00b0000020", std::string(64, 'a') + "9000");
  CardChannel channel(t);
  auto r = channel.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 256}).value();
  EXPECT_EQ(r.data.size(), 32u);
  EXPECT_TRUE(r.ok());
  ScriptedTransport twice;
  twice.Expect("00b0000000", "6c20").Expect("00b0000020", "6c10");
  CardChannel channel2(twice);
  EXPECT_EQ(channel2.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 256}).value().sw, 0x6C10);
  EXPECT_TRUE(twice.done());
  ScriptedTransport zero;  // 6C00 means 256
  zero.Expect("00b0000010", "6c00").Expect("00b0000000", "9000");
  CardChannel channel3(zero);
  EXPECT_TRUE(channel3.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 16}).ok());
}

TEST(CardChannelTest, SixCxxThenSixOnexx) {
  ScriptedTransport t;
  t.Expect("00b0000001", "6c02").Expect("00b0000002", "6102").Expect("00c0000002", "beef9000");
  CardChannel channel(t);
  EXPECT_EQ(HexEncode(channel.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 1}).value().data), "beef");
}

TEST(CardChannelTest, NoResendForSecureMessagingCommands) {
  ScriptedTransport t;
  t.Expect("84f2400200", "6c10");
  CardChannel channel(t);
  EXPECT_EQ(channel.Transmit(CommandApdu{0x84, 0xF2, 0x40, 0x02, {}, 256}).value().sw, 0x6C10);
  EXPECT_TRUE(t.done());
  CardChannelOptions off;
  off.resend_on_wrong_le = false;
  ScriptedTransport t2;
  t2.Expect("00b0000000", "6c10");
  CardChannel channel2(t2, off);
  EXPECT_EQ(channel2.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 256}).value().sw, 0x6C10);
}

TEST(CardChannelTest, LimitsRoundsAndSize) {
  CardChannelOptions options;
  options.max_get_response_rounds = 2;
  ScriptedTransport t;
  t.Expect("00b0000000", "6101").Expect("00c0000001", "006101").Expect("00c0000001", "006101");
  CardChannel channel(t, options);
  EXPECT_EQ(GetErrorCode(channel.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 256}).status()), ErrorCode::kResourceLimit);
  CardChannelOptions small;
  small.max_response_bytes = 3;
  ScriptedTransport t2;
  t2.Expect("00b0000000", "01026102").Expect("00c0000002", "03049000");
  CardChannel channel2(t2, small);
  EXPECT_EQ(GetErrorCode(channel2.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 256}).status()),
            ErrorCode::kResourceLimit);
  ScriptedTransport t3;
  t3.Expect("00b0000000", "010203049000");
  CardChannel channel3(t3, small);
  EXPECT_FALSE(channel3.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 256}).ok());
}

TEST(CardChannelTest, TransmitChained) {
  ScriptedTransport t;
  t.Expect("90e2000003010203", "9000").Expect("80e2000002040500", "aa9000");
  CardChannel channel(t);
  CommandApdu store{0x80, 0xE2, 0x00, 0x00, {1, 2, 3, 4, 5}, 256};
  auto r = channel.TransmitChained(store, 3).value();
  EXPECT_EQ(HexEncode(r.data), "aa");
  ScriptedTransport stop;
  stop.Expect("90e2000003010203", "6a80");
  CardChannel channel2(stop);
  EXPECT_EQ(channel2.TransmitChained(store, 3).value().sw, 0x6A80);
  EXPECT_TRUE(stop.done());
}

class FakeRaw : public RawTransport {
 public:
  absl::StatusOr<Bytes> TransmitRaw(ByteView command) override {
    last = ToBytes(command);
    return reply;
  }
  Bytes last;
  Bytes reply;
};

TEST(RawTransportAdapterTest, EncodesAndParses) {
  FakeRaw raw;
  raw.reply = {0x01, 0x90, 0x00};
  RawTransportAdapter adapter(raw);
  auto r = adapter.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 1}).value();
  EXPECT_EQ(HexEncode(raw.last), "00b0000001");
  EXPECT_EQ(r.data, Bytes{0x01});
  raw.reply = {0x90};
  EXPECT_EQ(GetErrorCode(adapter.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 1}).status()), ErrorCode::kMalformedInput);
  RawTransportAdapter extended(raw, LengthForm::kExtended);
  raw.reply = {0x90, 0x00};
  EXPECT_TRUE(extended.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 1}).ok());
  EXPECT_EQ(HexEncode(raw.last), "00b00000000001");
  EXPECT_FALSE(adapter.Transmit(CommandApdu{0x00, 0xB0, 0, 0, {}, 0}).ok());
}

}  // namespace
}  // namespace jpki::apdu
