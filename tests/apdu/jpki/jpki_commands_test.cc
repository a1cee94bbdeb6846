#include "apdu/jpki/jpki_commands.h"

#include "apdu/jpki/jpki_files.h"
#include "apdu/jpki/pin_rules.h"
#include "apdu/jpki/token_info.h"
#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::apdu::jpki_ap {
namespace {

std::string Wire(const CommandApdu& c) { return HexEncode(Encode(c).value()); }

// Exact bytes from shared/notes/domain-research.md §1.3.
TEST(JpkiCommandsTest, ExactBytes) {
  EXPECT_EQ(Wire(SelectJpkiAp()), "00a4040c0ad392f000260100000001");
  EXPECT_EQ(Wire(SelectEf(kEfSigningCertificate)), "00a4020c020001");
  EXPECT_EQ(Wire(SelectEf(kEfAuthenticationKey)), "00a4020c020017");
  EXPECT_EQ(Wire(ReadBinary(0, 256).value()), "00b0000000");
  EXPECT_EQ(Wire(ReadBinary(0x0123, 4).value()), "00b0012304");
  EXPECT_EQ(Wire(ReadBinary(0x100, 1000).value()),
            "00b00100"
            "0003e8");
  EXPECT_EQ(Wire(VerifyPin(PinKind::kAuthentication, "1234").value()),
            "00200080"
            "04"
            "31323334");
  EXPECT_EQ(Wire(VerifyPin(PinKind::kSigning, "ABC123").value()),
            "00200080"
            "06"
            "414243313233");
  EXPECT_EQ(Wire(VerifyRetryQuery()), "00200080");
  EXPECT_EQ(Wire(ChangeReferenceData(PinKind::kAuthentication, "9876").value()),
            "00240180"
            "04"
            "39383736");
  const Bytes digest_info = HexDecode("3031300d060960864801650304020105000420" + std::string(64, '0')).value();
  ASSERT_EQ(digest_info.size(), 51u);
  EXPECT_EQ(Wire(ComputeDigitalSignature(digest_info).value()),
            "802a0080"
            "33" +
                HexEncode(digest_info) + "00");
  EXPECT_EQ(Wire(LastCommandIndicator()), "80fc0000");
}

TEST(JpkiCommandsTest, Rejections) {
  EXPECT_EQ(GetErrorCode(ReadBinary(0x8000, 1).status()), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(ReadBinary(0, 0).ok());
  EXPECT_FALSE(ReadBinary(0, 65537).ok());
  EXPECT_FALSE(VerifyPin(PinKind::kAuthentication, "123").ok());
  EXPECT_FALSE(ChangeReferenceData(PinKind::kSigning, "abc123").ok());
  EXPECT_FALSE(ComputeDigitalSignature({}).ok());
  EXPECT_FALSE(ComputeDigitalSignature(Bytes(246, 1)).ok());
  EXPECT_TRUE(ComputeDigitalSignature(Bytes(245, 1)).ok());
}

TEST(PinRulesTest, AuthenticationPin) {
  EXPECT_TRUE(ValidatePin(PinKind::kAuthentication, "0000").ok());
  EXPECT_TRUE(ValidatePin(PinKind::kAuthentication, "9999").ok());
  for (const char* bad : {"", "123", "12345", "12a4", "12 4", "１２３４"}) {
    const absl::Status s = ValidatePin(PinKind::kAuthentication, bad);
    EXPECT_EQ(GetErrorCode(s), ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(std::string(s.message()).find(bad[0] ? bad : "\x01"), std::string::npos);
  }
  EXPECT_EQ(MaxTries(PinKind::kAuthentication), 3);
  EXPECT_EQ(PinEf(PinKind::kAuthentication), 0x0018);
  EXPECT_EQ(PinKindName(PinKind::kAuthentication), "authentication PIN");
}

TEST(PinRulesTest, SigningPassword) {
  EXPECT_TRUE(ValidatePin(PinKind::kSigning, "ABC123").ok());
  EXPECT_TRUE(ValidatePin(PinKind::kSigning, "A1B2C3D4E5F6G7H8").ok());
  EXPECT_TRUE(ValidatePin(PinKind::kSigning, "123456").ok());
  for (const char* bad : {"ABC12", "A1B2C3D4E5F6G7H8X", "abc123", "ABC-123", "ABC 123", ""}) {
    EXPECT_FALSE(ValidatePin(PinKind::kSigning, bad).ok()) << bad;
  }
  EXPECT_EQ(MaxTries(PinKind::kSigning), 5);
  EXPECT_EQ(PinEf(PinKind::kSigning), 0x001B);
}

TEST(TokenInfoTest, Labels) {
  for (TokenKind kind : {TokenKind::kCard, TokenKind::kLegacyCard, TokenKind::kAndroidGpSe, TokenKind::kIphone}) {
    Bytes label = TokenLabel(kind);
    ASSERT_EQ(label.size(), kTokenLabelSize);
    EXPECT_EQ(TokenKindFromLabel(TokenLabelFromInfo(label).value()), kind);
  }
  Bytes nul_padded(160, 0);
  const std::string android = "JPKIAPGPSETOKEN";
  std::copy(android.begin(), android.end(), nul_padded.begin());
  EXPECT_EQ(TokenKindFromLabel(TokenLabelFromInfo(nul_padded).value()), TokenKind::kAndroidGpSe);
  EXPECT_EQ(TokenKindFromLabel("JPKIAPICCTOKEN2"), TokenKind::kCard);
  EXPECT_EQ(TokenKindFromLabel("JPKIAPICCTOKEN"), TokenKind::kLegacyCard);
  EXPECT_EQ(TokenKindFromLabel("JPKIAPIOSTOKEN"), TokenKind::kIphone);
  EXPECT_EQ(TokenKindFromLabel("JPKIAPICCTOKEN3"), TokenKind::kUnknown);
  EXPECT_FALSE(TokenLabelFromInfo({}).ok());
  EXPECT_EQ(TokenKindName(TokenKind::kAndroidGpSe), "android_gp_se");
  EXPECT_EQ(TokenKindName(TokenKind::kCard), "card");
  EXPECT_EQ(TokenKindName(TokenKind::kUnknown), "unknown");
  EXPECT_EQ(EfName(kEfTokenInfo), "token info");
  EXPECT_FALSE(EfName(0x1234).has_value());
}

}  // namespace
}  // namespace jpki::apdu::jpki_ap
