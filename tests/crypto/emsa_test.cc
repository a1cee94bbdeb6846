#include "base/error.h"
#include "crypto/emsa_pkcs1.h"
#include "crypto/emsa_pss.h"
#include "crypto/signature_error.h"
#include "gtest/gtest.h"

namespace jpki::crypto {
namespace {

TEST(EmsaPkcs1Test, EncodesDigestInfoAndBlock) {
  const Bytes digest = Hash(HashAlgorithm::kSha256, AsBytes("abc")).value();
  const Bytes t = EncodeDigestInfo(HashAlgorithm::kSha256, digest).value();
  EXPECT_EQ(HexEncode(t), "3031300d060960864801650304020105000420" + HexEncode(digest));
  const Bytes em = EmsaPkcs1Encode(t, 256).value();
  ASSERT_EQ(em.size(), 256u);
  EXPECT_EQ(em[0], 0x00);
  EXPECT_EQ(em[1], 0x01);
  for (size_t i = 2; i < 256 - t.size() - 1; ++i) EXPECT_EQ(em[i], 0xff);
  EXPECT_EQ(em[256 - t.size() - 1], 0x00);
  EXPECT_TRUE(std::equal(t.begin(), t.end(), em.end() - static_cast<std::ptrdiff_t>(t.size())));
}

TEST(EmsaPkcs1Test, RejectsShortBlocksAndWrongDigestSizes) {
  const Bytes t(40, 1);
  EXPECT_TRUE(EmsaPkcs1Encode(t, 51).ok());  // exactly 8 bytes of FF
  auto too_short = EmsaPkcs1Encode(t, 50);
  ASSERT_FALSE(too_short.ok());
  EXPECT_EQ(GetErrorCode(too_short.status()), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(EncodeDigestInfo(HashAlgorithm::kSha384, Bytes(32)).ok());
  EXPECT_TRUE(EncodeDigestInfo(HashAlgorithm::kSha1, Bytes(20)).ok());
}

// MGF1-SHA-256 of the empty seed: its first block is SHA-256(00000000).
TEST(EmsaPssTest, Mgf1IsCounterModeHash) {
  const Bytes mask = Mgf1(SignatureHash::kSha256, {}, 40).value();
  const uint8_t c0[4] = {0, 0, 0, 0};
  const uint8_t c1[4] = {0, 0, 0, 1};
  Bytes expected = Hash(HashAlgorithm::kSha256, c0).value();
  Append(expected, Hash(HashAlgorithm::kSha256, c1).value());
  expected.resize(40);
  EXPECT_EQ(mask, expected);
}

TEST(EmsaPssTest, EncodeVerifyRoundTripForEveryShape) {
  const Bytes m_hash = Hash(HashAlgorithm::kSha384, AsBytes("message")).value();
  for (size_t em_bits : {2047u, 2048u - 8u, 3071u, 4095u, 2046u}) {
    for (size_t salt_len : {0u, 20u, 48u, 64u}) {
      const Bytes salt(salt_len, 0x5a);
      auto em = EmsaPssEncode(SignatureHash::kSha384, SignatureHash::kSha256, m_hash, salt, em_bits);
      ASSERT_TRUE(em.ok()) << em.status();
      EXPECT_EQ(em->size(), (em_bits + 7) / 8);
      EXPECT_TRUE(EmsaPssVerify(SignatureHash::kSha384, SignatureHash::kSha256, m_hash, *em, em_bits, salt_len).ok());
      EXPECT_TRUE(
          EmsaPssVerify(SignatureHash::kSha384, SignatureHash::kSha256, m_hash, *em, em_bits, std::nullopt).ok());
      // Wrong salt length, wrong MGF hash, wrong message hash, flipped bytes: the one uniform error.
      EXPECT_TRUE(IsSignatureError(
          EmsaPssVerify(SignatureHash::kSha384, SignatureHash::kSha256, m_hash, *em, em_bits, salt_len + 1)));
      EXPECT_TRUE(IsSignatureError(
          EmsaPssVerify(SignatureHash::kSha384, SignatureHash::kSha384, m_hash, *em, em_bits, std::nullopt)));
      Bytes other_hash = m_hash;
      other_hash[0] ^= 1;
      EXPECT_TRUE(IsSignatureError(
          EmsaPssVerify(SignatureHash::kSha384, SignatureHash::kSha256, other_hash, *em, em_bits, std::nullopt)));
      for (size_t i : {size_t{0}, em->size() / 2, em->size() - 1}) {
        Bytes bad = *em;
        bad[i] ^= 0x80;
        EXPECT_TRUE(IsSignatureError(
            EmsaPssVerify(SignatureHash::kSha384, SignatureHash::kSha256, m_hash, bad, em_bits, std::nullopt)));
      }
    }
  }
}

TEST(EmsaPssTest, RejectsOversizedSaltAndBadInputs) {
  const Bytes m_hash(32, 1);
  EXPECT_FALSE(EmsaPssEncode(SignatureHash::kSha256, SignatureHash::kSha256, m_hash, Bytes(300), 2047).ok());
  EXPECT_FALSE(EmsaPssEncode(SignatureHash::kSha256, SignatureHash::kSha256, Bytes(31), {}, 2047).ok());
  EXPECT_TRUE(IsSignatureError(
      EmsaPssVerify(SignatureHash::kSha256, SignatureHash::kSha256, m_hash, Bytes(10, 0xbc), 2047, std::nullopt)));
  EXPECT_TRUE(IsSignatureError(
      EmsaPssVerify(SignatureHash::kSha256, SignatureHash::kSha256, m_hash, Bytes(256, 0), 2047, std::nullopt)));
}

TEST(SignatureErrorTest, IsUniform) {
  const absl::Status s = SignatureError();
  EXPECT_EQ(s.message(), "rsa: signature does not verify");
  EXPECT_EQ(GetErrorCode(s), ErrorCode::kBadSignature);
  EXPECT_TRUE(IsSignatureError(s));
  EXPECT_FALSE(IsSignatureError(MakeError(ErrorCode::kBadSignature, "rsa", "other")));
  EXPECT_FALSE(IsSignatureError(absl::OkStatus()));
}

}  // namespace
}  // namespace jpki::crypto
