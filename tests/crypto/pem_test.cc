#include "crypto/pem.h"

#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::crypto {
namespace {

TEST(PemTest, RoundTripsEveryLengthModThree) {
  for (size_t n = 1; n < 200; ++n) {
    Bytes der(n);
    for (size_t i = 0; i < n; ++i) der[i] = static_cast<uint8_t>(i * 31 + n);
    const std::string pem = PemEncode(der, "PUBLIC KEY");
    EXPECT_TRUE(LooksLikePem(AsBytes(pem)));
    auto block = PemDecode(AsBytes(pem));
    ASSERT_TRUE(block.ok()) << block.status();
    EXPECT_EQ(block->label, "PUBLIC KEY");
    EXPECT_TRUE(block->body.ConstantTimeEquals(der));
    SecretBytes secret = PemEncodeSecret(der, "PRIVATE KEY");
    auto again = PemDecode(secret.view());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->label, "PRIVATE KEY");
  }
}

TEST(PemTest, LinesAre64Columns) {
  const Bytes der(100, 0xab);
  const std::string pem = PemEncode(der, "X");
  EXPECT_EQ(pem.substr(0, 17), "-----BEGIN X-----");
  const size_t first_nl = pem.find('\n');
  const size_t second_nl = pem.find('\n', first_nl + 1);
  EXPECT_EQ(second_nl - first_nl - 1, 64u);
  EXPECT_EQ(pem.back(), '\n');
}

TEST(PemTest, DetectsDer) {
  const uint8_t der[] = {0x30, 0x03, 0x02, 0x01, 0x01};
  EXPECT_FALSE(LooksLikePem(der));
  EXPECT_TRUE(LooksLikePem(AsBytes("\n \t-----BEGIN A-----")));
  EXPECT_FALSE(LooksLikePem(AsBytes("x-----BEGIN A-----")));
}

TEST(PemTest, AcceptsLeadingWhitespaceAndTrailingText) {
  auto block = PemDecode(AsBytes("\n\n-----BEGIN A-----\nAAEC\n-----END A-----\ntrailing junk"));
  ASSERT_TRUE(block.ok()) << block.status();
  EXPECT_EQ(HexEncode(block->body.view()), "000102");
}

TEST(PemTest, RejectsMalformed) {
  const char* bad[] = {
      "",
      "-----BEGIN A-----\nAAEC\n",                       // no END
      "-----BEGIN A-----\nAAEC\n-----END B-----\n",      // mismatched END
      "-----BEGIN A\nAAEC\n-----END A-----\n",           // unterminated BEGIN
      "-----BEGIN A-----\nAA*C\n-----END A-----\n",      // bad character
      "-----BEGIN A-----\nAAE\n-----END A-----\n",       // not a multiple of 4
      "-----BEGIN A-----\nAA=C\n-----END A-----\n",      // data after padding
      "-----BEGIN A-----\nA===\n-----END A-----\n",      // too much padding
      "-----BEGIN A-----\nAAF=\n-----END A-----\n",      // non-zero padding bits
      "-----BEGIN A-----\n\n-----END A-----\n",          // empty
      "junk-----BEGIN A-----\nAAEC\n-----END A-----\n",  // text before BEGIN
  };
  for (const char* text : bad) {
    auto block = PemDecode(AsBytes(text));
    EXPECT_FALSE(block.ok()) << text;
    if (!block.ok()) {
      EXPECT_EQ(GetErrorCode(block.status()), ErrorCode::kMalformedInput) << text;
      EXPECT_NE(block.status().message().find("offset"), std::string::npos) << block.status();
    }
  }
}

}  // namespace
}  // namespace jpki::crypto
