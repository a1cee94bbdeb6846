#include "apdu/ber_tlv.h"

#include <string>

#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::apdu {
namespace {

Bytes Hex(const std::string& hex) { return HexDecode(hex).value(); }

// A SELECT response FCI as GlobalPlatform cards send it: 6F { 84 AID, A5 { 73 {...}, 9F65 01 FF } }.
const char kFci[] = "6f1a8408a000000151000000a50e730406022a869f6501ff9f6e0100";

TEST(BerTlvTest, ParsesFciTree) {
  const Bytes fci = Hex(kFci);
  auto tree = ParseBerTlvTree(fci).value();
  ASSERT_EQ(tree.size(), 1u);
  const TlvNode& root = tree[0];
  EXPECT_EQ(root.tag, 0x6Fu);
  EXPECT_TRUE(root.constructed);
  const TlvNode* aid = root.Find(0x84);
  ASSERT_NE(aid, nullptr);
  EXPECT_EQ(HexEncode(aid->value), "a000000151000000");
  EXPECT_EQ(aid->offset, 2u);
  const TlvNode* a5 = root.Find(0xA5);
  ASSERT_NE(a5, nullptr);
  ASSERT_EQ(a5->children.size(), 3u);
  EXPECT_EQ(a5->children[1].tag, 0x9F65u);
  EXPECT_EQ(HexEncode(a5->children[1].value), "ff");
  EXPECT_EQ(a5->children[2].tag, 0x9F6Eu);
  EXPECT_EQ(FindTlv(tree, 0x84), nullptr);  // only at this level
}

TEST(BerTlvTest, ReaderIsZeroCopyWithOffsets) {
  const Bytes fci = Hex(kFci);
  BerTlvReader reader(fci);
  auto root = reader.Next().value();
  EXPECT_EQ(root.encoded.data(), fci.data());
  EXPECT_EQ(root.header_size, 2u);
  EXPECT_TRUE(reader.AtEnd());
  auto children = reader.Children(root).value();
  auto found = children.Find(0xA5).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->offset, 12u);
  EXPECT_EQ(found->value.data(), fci.data() + 14);
  auto inner = children.Children(*found).value();
  auto nine = inner.Find(0x9F6E).value();
  ASSERT_TRUE(nine.has_value());
  EXPECT_EQ(nine->offset, 24u);
  EXPECT_FALSE(children.Find(0x84).value().has_value());  // already past it
  EXPECT_FALSE(reader.Children(*nine).ok());              // primitive
}

TEST(BerTlvTest, LengthForms) {
  Bytes value(300, 0x11);
  Bytes enc = EncodeTlv(0x04, value).value();
  EXPECT_EQ(HexEncode(ByteView(enc).subspan(0, 4)), "0482012c");
  EXPECT_EQ(ParseOneTlv(enc).value().value.size(), 300u);
  EXPECT_EQ(HexEncode(EncodeTlv(0x04, Bytes(0x80, 0)).value()).substr(0, 6), "048180");
  EXPECT_EQ(BerLengthSize(0x7F), 1u);
  EXPECT_EQ(BerLengthSize(0x80), 2u);
  EXPECT_EQ(BerLengthSize(0x100), 3u);
  EXPECT_EQ(BerLengthSize(0x10000), 4u);
  EXPECT_EQ(BerLengthSize(0x1000000), 5u);
  auto h = ParseBerTlvHeader(Hex("308204d2")).value();  // a certificate's first 4 bytes
  EXPECT_EQ(h.tag, 0x30u);
  EXPECT_TRUE(h.constructed);
  EXPECT_EQ(h.header_size, 4u);
  EXPECT_EQ(h.total_size(), 4u + 0x4d2);
  EXPECT_EQ(GetErrorCode(ParseBerTlvHeader(Hex("0484")).status()), ErrorCode::kMalformedInput);
  auto four = ParseBerTlvHeader(Hex("048401000000")).value();
  EXPECT_EQ(four.length, 0x01000000u);
}

TEST(BerTlvTest, RejectsMalformed) {
  struct Bad {
    const char* hex;
    const char* why;
  };
  const Bad kBad[] = {
      {"", "empty"},
      {"00", "tag 00"},
      {"9f", "truncated tag"},
      {"9f80", "leading-zero tag number"},
      {"9f818101", "tag longer than 3 bytes"},
      {"5f", "truncated multi-byte tag"},
      {"84", "missing length"},
      {"8480", "indefinite length"},
      {"848501000000000000", "5 length octets"},
      {"8481", "truncated length"},
      {"848105", "non-minimal 81"},
      {"84820005", "non-minimal 82"},
      {"8403a0", "value beyond input"},
      {"840100ff", "trailing byte"},
      {"6f03840101ff", "trailing in constructed"},
      {"6f03840201", "child beyond parent"},
  };
  for (const Bad& bad : kBad) {
    SCOPED_TRACE(bad.why);
    const Bytes input = Hex(bad.hex);
    auto tree = ParseBerTlvTree(input);
    auto one = ParseOneTlv(input);
    EXPECT_FALSE(tree.ok() && one.ok());
    if (!tree.ok()) {
      EXPECT_EQ(GetErrorCode(tree.status()), ErrorCode::kMalformedInput);
      EXPECT_NE(std::string(tree.status().message()).find("offset"), std::string::npos);
    }
  }
}

TEST(BerTlvTest, OptionsAreOffByDefault) {
  const Bytes padded = Hex("0000840101ffff840102ff");
  EXPECT_FALSE(ParseBerTlvTree(padded).ok());
  BerTlvOptions lax;
  lax.allow_padding = true;
  auto tree = ParseBerTlvTree(padded, lax).value();
  ASSERT_EQ(tree.size(), 2u);
  EXPECT_EQ(tree[0].offset, 2u);
  EXPECT_EQ(tree[1].offset, 7u);
  const Bytes nonminimal = Hex("84810101");
  EXPECT_FALSE(ParseOneTlv(nonminimal).ok());
  BerTlvOptions lax_len;
  lax_len.allow_non_minimal_length = true;
  EXPECT_EQ(ParseOneTlv(nonminimal, lax_len).value().value.size(), 1u);
}

TEST(BerTlvTest, PaddingOptionReadsLeadingFfAsPadding) {
  const Bytes input = HexDecode("ff812600").value();  // a 3-byte private tag FF8126, empty value
  auto strict = ParseOneTlv(input).value();
  EXPECT_EQ(strict.tag, 0xFF8126u);
  BerTlvOptions padding;
  padding.allow_padding = true;
  EXPECT_FALSE(ParseBerTlvTree(input, padding).ok());  // FF skipped, then 81 26 runs past the end
}

TEST(BerTlvTest, DepthLimit) {
  Bytes nested = Hex("8400");
  for (int i = 0; i < 20; ++i) nested = EncodeTlv(0xA5, nested).value();
  EXPECT_EQ(GetErrorCode(ParseBerTlvTree(nested).status()), ErrorCode::kResourceLimit);
  BerTlvOptions deep;
  deep.max_depth = 21;
  EXPECT_TRUE(ParseBerTlvTree(nested, deep).ok());
}

TEST(BerTlvTest, TagHelpers) {
  EXPECT_TRUE(IsValidBerTag(0x6F));
  EXPECT_TRUE(IsValidBerTag(0x9F7F));
  EXPECT_TRUE(IsValidBerTag(0xBF0C));
  EXPECT_TRUE(IsValidBerTag(0x9F8101));
  EXPECT_FALSE(IsValidBerTag(0));
  EXPECT_FALSE(IsValidBerTag(0x1F));        // needs a subsequent byte
  EXPECT_FALSE(IsValidBerTag(0x8481));      // first byte does not announce more
  EXPECT_FALSE(IsValidBerTag(0x9F81));      // last byte has b8 set
  EXPECT_FALSE(IsValidBerTag(0x9F8001));    // leading zero
  EXPECT_FALSE(IsValidBerTag(0x9F818101));  // 4 bytes
  EXPECT_EQ(TagClassOf(0x6F), TagClass::kApplication);
  EXPECT_EQ(TagClassOf(0x84), TagClass::kContextSpecific);
  EXPECT_EQ(TagClassOf(0xDF20), TagClass::kPrivate);
  EXPECT_EQ(TagClassOf(0x30), TagClass::kUniversal);
  EXPECT_TRUE(IsConstructedTag(0xBF0C));
  EXPECT_FALSE(IsConstructedTag(0x9F7F));
  EXPECT_EQ(TagSize(0x9F8101), 3u);
}

TEST(BerTlvTest, BuilderRebuildsFci) {
  BerTlvBuilder b;
  b.Open(0x6F).Add(0x84, Hex("a000000151000000")).Open(0xA5).Add(0x73, Hex("06022a86"));
  b.AddByte(0x9F65, 0xFF).Add(0x9F6E, Hex("00")).Close().Close();
  EXPECT_EQ(HexEncode(b.Finish().value()), kFci);
}

TEST(BerTlvTest, BuilderLongConstructedAndErrors) {
  BerTlvBuilder b;
  b.Open(0xE3).Add(0x4F, Bytes(200, 0xA0)).Close();
  Bytes out = b.Finish().value();
  EXPECT_EQ(HexEncode(ByteView(out).subspan(0, 6)), "e381cb4f81c8");
  auto tree = ParseBerTlvTree(out).value();
  EXPECT_EQ(tree[0].children[0].value.size(), 200u);

  BerTlvBuilder open;
  open.Open(0xE3);
  EXPECT_FALSE(open.Finish().ok());
  BerTlvBuilder close;
  close.Close();
  EXPECT_FALSE(close.Finish().ok());
  BerTlvBuilder bad_tag;
  bad_tag.Add(0x1F, {}).Add(0x84, {});
  EXPECT_EQ(GetErrorCode(bad_tag.Finish().status()), ErrorCode::kInvalidArgument);
  BerTlvBuilder primitive_open;
  primitive_open.Open(0x84);
  EXPECT_FALSE(primitive_open.Finish().ok());
  BerTlvBuilder raw;
  raw.AddRaw(Hex("840100"));
  EXPECT_EQ(HexEncode(raw.Finish().value()), "840100");
  EXPECT_FALSE(EncodeTlv(0, {}).ok());
}

TEST(BerTlvTest, CplcGetDataResponse) {
  // GET DATA 9F7F: 9F7F 2A <42 bytes of CPLC>.
  Bytes cplc = Hex("9f7f2a");
  for (int i = 0; i < 42; ++i) cplc.push_back(static_cast<uint8_t>(i));
  auto one = ParseOneTlv(cplc).value();
  EXPECT_EQ(one.tag, 0x9F7Fu);
  EXPECT_EQ(one.value.size(), 42u);
  EXPECT_EQ(one.value_offset(), 3u);
}

}  // namespace
}  // namespace jpki::apdu
