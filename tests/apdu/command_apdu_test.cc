#include "apdu/command_apdu.h"

#include <optional>
#include <string>

#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::apdu {
namespace {

Bytes Hex(const std::string& hex) { return HexDecode(hex).value(); }
Bytes Filled(size_t n, uint8_t start = 0) {
  Bytes b(n);
  for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(start + i);
  return b;
}

struct FormCase {
  const char* label;
  size_t nc;
  std::optional<uint32_t> ne;
  ApduCase expected_case;
  std::string expected_body_prefix;  // hex of the length fields before data
  std::string expected_suffix;       // hex after data
};

// One row per wire form and each edge of the short/extended boundary (ISO 7816-4 §5.1).
const FormCase kForms[] = {
    {"case1", 0, std::nullopt, ApduCase::k1, "", ""},
    {"2S ne=1", 0, 1, ApduCase::k2S, "", "01"},
    {"2S ne=255", 0, 255, ApduCase::k2S, "", "ff"},
    {"2S ne=256", 0, 256, ApduCase::k2S, "", "00"},
    {"2E ne=257", 0, 257, ApduCase::k2E, "", "000101"},
    {"2E ne=65535", 0, 65535, ApduCase::k2E, "", "00ffff"},
    {"2E ne=65536", 0, 65536, ApduCase::k2E, "", "000000"},
    {"3S nc=1", 1, std::nullopt, ApduCase::k3S, "01", ""},
    {"3S nc=255", 255, std::nullopt, ApduCase::k3S, "ff", ""},
    {"3E nc=256", 256, std::nullopt, ApduCase::k3E, "000100", ""},
    {"3E nc=65535", 65535, std::nullopt, ApduCase::k3E, "00ffff", ""},
    {"4S nc=1 ne=1", 1, 1, ApduCase::k4S, "01", "01"},
    {"4S nc=255 ne=256", 255, 256, ApduCase::k4S, "ff", "00"},
    {"4E nc=255 ne=257", 255, 257, ApduCase::k4E, "0000ff", "0101"},
    {"4E nc=256 ne=1", 256, 1, ApduCase::k4E, "000100", "0001"},
    {"4E nc=256 ne=65536", 256, 65536, ApduCase::k4E, "000100", "0000"},
    {"4E nc=1 ne=65536", 1, 65536, ApduCase::k4E, "000001", "0000"},
};

TEST(CommandApduTest, AutoFormsAndRoundTrips) {
  for (const FormCase& row : kForms) {
    SCOPED_TRACE(row.label);
    CommandApdu command{0x00, 0xB0, 0x01, 0x02, Filled(row.nc), row.ne};
    auto apdu_case = CaseFor(command);
    ASSERT_TRUE(apdu_case.ok());
    EXPECT_EQ(*apdu_case, row.expected_case);
    auto wire = Encode(command);
    ASSERT_TRUE(wire.ok()) << wire.status();
    Bytes expected = Hex("00b00102" + row.expected_body_prefix);
    Append(expected, command.data);
    Append(expected, Hex(row.expected_suffix));
    EXPECT_EQ(*wire, expected);
    EXPECT_EQ(EncodedSize(command).value(), wire->size());
    auto parsed = ParseCommandApdu(*wire);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(parsed->apdu, command);
    EXPECT_EQ(parsed->apdu_case, row.expected_case);
    EXPECT_EQ(Encode(parsed->apdu, FormOf(parsed->apdu_case)).value(), *wire);
  }
}

TEST(CommandApduTest, ForcedExtendedForm) {
  CommandApdu c{0x00, 0xA4, 0x04, 0x00, Hex("a000000151000000"), 256};
  EXPECT_EQ(HexEncode(Encode(c, LengthForm::kExtended).value()),
            "00a40400000008a000000151000000"
            "0100");
  EXPECT_EQ(CaseFor(c, LengthForm::kExtended).value(), ApduCase::k4E);
  CommandApdu le_only{0x00, 0xB0, 0, 0, {}, 5};
  EXPECT_EQ(HexEncode(Encode(le_only, LengthForm::kExtended).value()), "00b00000000005");
  CommandApdu header_only{0x00, 0x70, 0, 0, {}, std::nullopt};
  EXPECT_EQ(CaseFor(header_only, LengthForm::kExtended).value(), ApduCase::k1);
}

TEST(CommandApduTest, ShortFormRefusesWhatDoesNotFit) {
  CommandApdu big_data{0x00, 0xD6, 0, 0, Filled(256), std::nullopt};
  EXPECT_EQ(GetErrorCode(Encode(big_data, LengthForm::kShort).status()), ErrorCode::kInvalidArgument);
  CommandApdu big_le{0x00, 0xB0, 0, 0, {}, 257};
  EXPECT_FALSE(Encode(big_le, LengthForm::kShort).ok());
  CommandApdu mixed_candidate{0x00, 0x2A, 0, 0, Filled(255), 257};  // myna would mix forms here
  EXPECT_EQ(CaseFor(mixed_candidate).value(), ApduCase::k4E);
}

TEST(CommandApduTest, RejectsInvalidLogicalLengths) {
  EXPECT_FALSE(Encode(CommandApdu{0, 0xB0, 0, 0, {}, 0}).ok());
  EXPECT_FALSE(Encode(CommandApdu{0, 0xB0, 0, 0, {}, 65537}).ok());
  EXPECT_FALSE(Encode(CommandApdu{0, 0xD6, 0, 0, Filled(65536), std::nullopt}).ok());
  Bytes out = {0xAA};
  EXPECT_FALSE(EncodeTo(CommandApdu{0, 0xB0, 0, 0, {}, 0}, LengthForm::kAuto, out).ok());
  EXPECT_EQ(out, Bytes{0xAA});
}

TEST(CommandApduTest, ParsesRealJpkiCommands) {
  auto select = ParseCommandApdu(Hex("00a4040c0ad392f000260100000001"));
  ASSERT_TRUE(select.ok());
  EXPECT_EQ(select->apdu_case, ApduCase::k3S);
  EXPECT_EQ(HexEncode(select->apdu.data), "d392f000260100000001");
  EXPECT_FALSE(select->apdu.ne.has_value());
  auto sign = ParseCommandApdu(Hex("802a00800301020300"));
  ASSERT_TRUE(sign.ok());
  EXPECT_EQ(sign->apdu_case, ApduCase::k4S);
  EXPECT_EQ(sign->apdu.ne, 256u);
  auto view = ParseCommandApduView(Hex("00b0000000"));
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->apdu_case, ApduCase::k2S);
  EXPECT_EQ(view->ne, 256u);
}

TEST(CommandApduTest, RejectsEveryMalformedLength) {
  struct Bad {
    const char* hex;
    const char* why;
  };
  const Bad kBad[] = {
      {"", "empty"},
      {"00a404", "short header"},
      {"00a404000000", "short Lc = 0 followed by one byte"},
      {"00a4040002a0", "short Lc beyond data"},
      {"00a40400ff00", "short Lc 255 with 1 byte"},
      {"00a4040001a00000", "short Lc with a two-byte Le (mixed)"},
      {"00a4040001a0000000", "trailing bytes after short Le"},
      {"00a40400000000a0", "extended Lc = 0 followed by data"},
      {"00a40400000002a0", "extended Lc beyond data"},
      {"00a40400000001a000", "extended Lc with one-byte Le (mixed)"},
      {"00a40400000001a0000000", "trailing after extended Le"},
      {"00b000000000", "extended Lc = 0 with a single byte after"},
      {"00b00000000000ff", "extended Lc = 0 then more"},
  };
  for (const Bad& bad : kBad) {
    SCOPED_TRACE(bad.why);
    auto parsed = ParseCommandApdu(Hex(bad.hex));
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(GetErrorCode(parsed.status()), ErrorCode::kMalformedInput);
    EXPECT_NE(std::string(parsed.status().message()).find("offset"), std::string::npos);
  }
}

TEST(CommandApduTest, ExtendedWithLargeDataAndNoLe) {
  CommandApdu c{0x80, 0xE8, 0x80, 0x01, Filled(1000, 7), std::nullopt};
  auto wire = Encode(c).value();
  EXPECT_EQ(wire.size(), 7u + 1000u);
  EXPECT_EQ(HexEncode(ByteView(wire).subspan(0, 7)),
            "80e88001"
            "0003e8");
  auto parsed = ParseCommandApdu(wire).value();
  EXPECT_EQ(parsed.apdu_case, ApduCase::k3E);
  EXPECT_EQ(parsed.apdu, c);
}

TEST(CommandApduTest, CaseNames) {
  EXPECT_EQ(ApduCaseName(ApduCase::k1), "1");
  EXPECT_EQ(ApduCaseName(ApduCase::k2S), "2S");
  EXPECT_EQ(ApduCaseName(ApduCase::k3S), "3S");
  EXPECT_EQ(ApduCaseName(ApduCase::k4S), "4S");
  EXPECT_EQ(ApduCaseName(ApduCase::k2E), "2E");
  EXPECT_EQ(ApduCaseName(ApduCase::k3E), "3E");
  EXPECT_EQ(ApduCaseName(ApduCase::k4E), "4E");
  EXPECT_TRUE(IsExtendedCase(ApduCase::k4E));
  EXPECT_FALSE(IsExtendedCase(ApduCase::k1));
  EXPECT_EQ(FormOf(ApduCase::k3E), LengthForm::kExtended);
  EXPECT_EQ(FormOf(ApduCase::k2S), LengthForm::kShort);
}

}  // namespace
}  // namespace jpki::apdu
