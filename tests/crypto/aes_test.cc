#include "crypto/aes.h"

#include <string>

#include "base/bytes.h"
#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki::crypto {
namespace {

Bytes Hex(const std::string& hex) {
  auto b = HexDecode(hex);
  EXPECT_TRUE(b.ok()) << hex;
  return b.ok() ? *b : Bytes();
}

// FIPS-197 Appendix C example vectors (plaintext 00112233..ff).
TEST(AesTest, Fips197AllKeySizes) {
  const Bytes pt = Hex("00112233445566778899aabbccddeeff");
  const struct {
    const char* key;
    const char* ct;
  } cases[] = {
      {"000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a"},
      {"000102030405060708090a0b0c0d0e0f1011121314151617", "dda97ca4864cdfe06eaf70a0ec0d7191"},
      {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "8ea2b7ca516745bfeafc49904b496089"},
  };
  for (const auto& c : cases) {
    auto aes = Aes::Create(SecretBytes(Hex(c.key)));
    ASSERT_TRUE(aes.ok());
    EXPECT_EQ(aes->key_size(), Hex(c.key).size());
    auto ct = aes->EncryptBlock(pt);
    ASSERT_TRUE(ct.ok());
    EXPECT_EQ(HexEncode(*ct), c.ct);
    auto back = aes->DecryptBlock(*ct);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(HexEncode(*back), HexEncode(pt));
    Bytes two(32);
    ASSERT_TRUE(aes->EncryptBlocks(Hex("00112233445566778899aabbccddeeff"
                                       "00112233445566778899aabbccddeeff"),
                                   absl::MakeSpan(two))
                    .ok());
    EXPECT_EQ(HexEncode(two), std::string(c.ct) + c.ct);
    ASSERT_TRUE(aes->DecryptBlocks(two, absl::MakeSpan(two)).ok());
    EXPECT_EQ(HexEncode(ByteView(two).subspan(16)), HexEncode(pt));
  }
}

// NIST SP 800-38A F.2.1 / F.2.2: CBC-AES128.
TEST(AesTest, Sp80038aCbc) {
  auto aes = Aes::Create(SecretBytes(Hex("2b7e151628aed2a6abf7158809cf4f3c")));
  ASSERT_TRUE(aes.ok());
  const Bytes iv = Hex("000102030405060708090a0b0c0d0e0f");
  const Bytes pt = Hex(
      "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17"
      "ad2b417be66c3710");
  const std::string ct =
      "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09"
      "120eca307586e1a7";
  auto enc = aes->CbcEncrypt(iv, pt);
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(HexEncode(*enc), ct);
  auto dec = aes->CbcDecrypt(iv, *enc);
  ASSERT_TRUE(dec.ok());
  EXPECT_EQ(HexEncode(*dec), HexEncode(pt));
  // In place.
  Bytes buf = pt;
  ASSERT_TRUE(aes->CbcEncrypt(iv, buf, absl::MakeSpan(buf)).ok());
  EXPECT_EQ(HexEncode(buf), ct);
  ASSERT_TRUE(aes->CbcDecrypt(iv, buf, absl::MakeSpan(buf)).ok());
  EXPECT_EQ(HexEncode(buf), HexEncode(pt));
  // Empty input is fine.
  auto empty = aes->CbcEncrypt(iv, ByteView());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(AesTest, RejectsBadLengths) {
  for (size_t n : {0, 8, 15, 17, 20, 33}) {
    EXPECT_EQ(GetErrorCode(Aes::Create(SecretBytes(Bytes(n, 0))).status()), ErrorCode::kInvalidArgument) << n;
  }
  auto aes = Aes::Create(SecretBytes(Bytes(16, 0)));
  ASSERT_TRUE(aes.ok());
  EXPECT_EQ(GetErrorCode(aes->EncryptBlock(Bytes(15)).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(aes->DecryptBlock(Bytes(17)).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(aes->CbcEncrypt(Bytes(16), Bytes(17)).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(aes->CbcDecrypt(Bytes(15), Bytes(16)).status()), ErrorCode::kInvalidArgument);
  Bytes out(16);
  EXPECT_EQ(GetErrorCode(aes->EncryptBlocks(Bytes(32), absl::MakeSpan(out))), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(aes->DecryptBlocks(Bytes(8), absl::MakeSpan(out))), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace jpki::crypto
