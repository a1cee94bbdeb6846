#include "crypto/hash.h"

#include "gtest/gtest.h"

namespace jpki::crypto {
namespace {

Bytes Hex(std::string_view hex) { return HexDecode(hex).value(); }

// FIPS 180-2 appendix examples: SHA of "abc".
TEST(HashTest, KnownAnswersForAbc) {
  const ByteView abc = AsBytes("abc");
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha1, abc).value()), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha256, abc).value()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha384, abc).value()),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha512, abc).value()),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423"
            "643ce80e2a9ac94fa54ca49f");
  // FIPS 180-4 example values for the rest of the family (also what `openssl dgst` prints).
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha224, abc).value()),
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha512_224, abc).value()),
            "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa");
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha512_256, abc).value()),
            "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23");
}

// 1000 bytes span several 128-byte blocks, so SHA-512/224's own class (crypto/internal/sha512_224.h) is exercised
// past the first compression and through padding that needs an extra block.
TEST(HashTest, Sha512_224MultiBlock) {
  const std::string a1000(1000, 'a');
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha512_224, AsBytes(a1000)).value()),
            "ffdfa284ae9e562222e2a37cd683823f7e669f3636477701f4ce9abe");
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha512_256, AsBytes(a1000)).value()),
            "40eb4a70d4d69815407a9e272f0101cd67e3d11262a4a0bfc087712749c7fb53");
  EXPECT_EQ(HexEncode(Hash(HashAlgorithm::kSha224, AsBytes(a1000)).value()),
            "4e8f0ce90b64661a2b5e84be6d93a7d9b76871062f1814433d04a03d");
}

TEST(HashTest, IncrementalMatchesOneShotAndResets) {
  for (HashAlgorithm h : kAllHashAlgorithms) {
    Bytes data(1000);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i * 7);
    auto hasher = Hasher::New(h);
    ASSERT_TRUE(hasher.ok());
    EXPECT_EQ(hasher->algorithm(), h);
    ASSERT_TRUE(hasher->Update(ByteView(data).subspan(0, 333)).ok());
    ASSERT_TRUE(hasher->Update(ByteView(data).subspan(333)).ok());
    const Bytes incremental = hasher->Finish().value();
    EXPECT_EQ(incremental, Hash(h, data).value());
    EXPECT_EQ(incremental.size(), DigestSize(h));
    // Finish resets: a second use hashes from scratch.
    ASSERT_TRUE(hasher->Update(data).ok());
    EXPECT_EQ(hasher->Finish().value(), incremental);
  }
}

TEST(HashTest, MovedFromHasherFailsCleanly) {
  auto hasher = Hasher::New(HashAlgorithm::kSha256).value();
  Hasher other = std::move(hasher);
  EXPECT_FALSE(hasher.Update(AsBytes("x")).ok());  // NOLINT(bugprone-use-after-move): the point of the test
  EXPECT_FALSE(hasher.Finish().ok());
  EXPECT_TRUE(other.Finish().ok());
}

TEST(HashTest, SizesNamesOids) {
  EXPECT_EQ(DigestSize(HashAlgorithm::kSha1), 20u);
  EXPECT_EQ(DigestSize(HashAlgorithm::kSha256), 32u);
  EXPECT_EQ(DigestSize(HashAlgorithm::kSha384), 48u);
  EXPECT_EQ(DigestSize(SignatureHash::kSha512), 64u);
  EXPECT_EQ(HashName(HashAlgorithm::kSha384), "sha384");
  EXPECT_EQ(HashFromName("SHA-256"), HashAlgorithm::kSha256);
  EXPECT_EQ(HashFromName("sha512"), HashAlgorithm::kSha512);
  EXPECT_EQ(HashFromName("sha1"), HashAlgorithm::kSha1);
  EXPECT_EQ(HashFromName("md5"), std::nullopt);
  EXPECT_EQ(HashFromName(""), std::nullopt);
  EXPECT_EQ(HashOid(HashAlgorithm::kSha256), "2.16.840.1.101.3.4.2.1");
  EXPECT_EQ(HashOid(HashAlgorithm::kSha1), "1.3.14.3.2.26");
  EXPECT_EQ(HexEncode(HashOidDer(HashAlgorithm::kSha512)), "608648016503040203");
  EXPECT_EQ(ToSignatureHash(HashAlgorithm::kSha1), std::nullopt);
  EXPECT_EQ(ToSignatureHash(HashAlgorithm::kSha384), SignatureHash::kSha384);
  EXPECT_EQ(ToHashAlgorithm(SignatureHash::kSha256), HashAlgorithm::kSha256);
  EXPECT_EQ(DigestSize(HashAlgorithm::kSha224), 28u);
  EXPECT_EQ(DigestSize(HashAlgorithm::kSha512_224), 28u);
  EXPECT_EQ(DigestSize(HashAlgorithm::kSha512_256), 32u);
  EXPECT_EQ(HashFromName("SHA-512/224"), HashAlgorithm::kSha512_224);
  EXPECT_EQ(HashFromName("sha512_256"), HashAlgorithm::kSha512_256);
  EXPECT_EQ(HashFromName("SHA224"), HashAlgorithm::kSha224);
  EXPECT_EQ(HashName(HashAlgorithm::kSha512_256), "sha512-256");
  EXPECT_EQ(HashOid(HashAlgorithm::kSha512_224), "2.16.840.1.101.3.4.2.5");
  for (HashAlgorithm h : kAllHashAlgorithms) {
    EXPECT_EQ(HashFromOidDer(HashOidDer(h)), h);
    EXPECT_EQ(HashFromName(HashName(h)), h);
    if (h != HashAlgorithm::kSha1) EXPECT_EQ(ToHashAlgorithm(*ToSignatureHash(h)), h);
  }
  EXPECT_EQ(HashFromOidDer(AsBytes("\x2a\x03")), std::nullopt);
}

// RFC 8017 section 9.2 note 1 lists these prefixes verbatim.
TEST(HashTest, DigestInfoPrefixesMatchRfc8017) {
  EXPECT_EQ(HexEncode(DigestInfoPrefix(HashAlgorithm::kSha1)), "3021300906052b0e03021a05000414");
  EXPECT_EQ(HexEncode(DigestInfoPrefix(HashAlgorithm::kSha256)), "3031300d060960864801650304020105000420");
  EXPECT_EQ(HexEncode(DigestInfoPrefix(HashAlgorithm::kSha384)), "3041300d060960864801650304020205000430");
  EXPECT_EQ(HexEncode(DigestInfoPrefix(HashAlgorithm::kSha512)), "3051300d060960864801650304020305000440");
  EXPECT_EQ(HexEncode(DigestInfoPrefix(HashAlgorithm::kSha224)), "302d300d06096086480165030402040500041c");
  EXPECT_EQ(HexEncode(DigestInfoPrefix(HashAlgorithm::kSha512_224)), "302d300d06096086480165030402050500041c");
  EXPECT_EQ(HexEncode(DigestInfoPrefix(HashAlgorithm::kSha512_256)), "3031300d060960864801650304020605000420");
  for (HashAlgorithm h : kAllHashAlgorithms) {
    const ByteView prefix = DigestInfoPrefix(h);
    // The outer SEQUENCE length covers everything after its two header bytes, including the digest.
    EXPECT_EQ(prefix[1], prefix.size() - 2 + DigestSize(h));
    EXPECT_EQ(prefix.back(), DigestSize(h));
  }
  (void)Hex;
}

}  // namespace
}  // namespace jpki::crypto
