// Tests for x509/signature_algorithm.h and x509/signed_data.h.
#include "x509/signature_algorithm.h"

#include "base/error.h"
#include "crypto/signer.h"
#include "gtest/gtest.h"
#include "tests/x509/x509_test_util.h"
#include "x509/signed_data.h"

namespace jpki::x509 {
namespace {

Bytes H(const char* hex) { return *HexDecode(hex); }

TEST(SignatureAlgorithmTest, Pkcs1) {
  for (auto [hex, kind, name] : {std::tuple{"300d06092a864886f70d01010b0500", SignatureAlgorithmKind::kRsaPkcs1Sha256,
                                            "sha256WithRSAEncryption"},
                                 std::tuple{"300d06092a864886f70d01010c0500", SignatureAlgorithmKind::kRsaPkcs1Sha384,
                                            "sha384WithRSAEncryption"},
                                 std::tuple{"300d06092a864886f70d01010d0500", SignatureAlgorithmKind::kRsaPkcs1Sha512,
                                            "sha512WithRSAEncryption"}}) {
    Bytes der = H(hex);
    auto a = ParseSignatureAlgorithm(der);
    ASSERT_TRUE(a.ok()) << a.status();
    EXPECT_EQ(a->kind, kind);
    EXPECT_EQ(a->Name(), name);
    EXPECT_EQ(HexEncode(EncodeSignatureAlgorithm(*a)), hex);
  }
  EXPECT_EQ(HexEncode(EncodeSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha384))),
            "300d06092a864886f70d01010c0500");
  // Absent parameters: rejected unless the named option allows them (then re-encoded as absent).
  Bytes absent = H("300b06092a864886f70d01010b");
  EXPECT_FALSE(ParseSignatureAlgorithm(absent).ok());
  SignatureAlgorithmParseOptions lenient;
  lenient.allow_missing_rsa_null_parameters = true;
  auto a = ParseSignatureAlgorithm(absent, lenient);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(EncodeSignatureAlgorithm(*a), absent);
  EXPECT_FALSE(ParseSignatureAlgorithm(H("300f06092a864886f70d01010b04020000")).ok());  // not NULL
  EXPECT_FALSE(ParseSignatureAlgorithm(H("300d06092a864886f70d01010b050000")).ok());    // trailing
}

TEST(SignatureAlgorithmTest, PssExplicitParameters) {
  SignatureAlgorithm pss = SignatureAlgorithm::RsaPss(HashAlgorithm::kSha256, 32);
  Bytes der = EncodeSignatureAlgorithm(pss);
  // OpenSSL's encoding of RSASSA-PSS SHA-256, MGF1-SHA-256, salt 32.
  EXPECT_EQ(
      HexEncode(der),
      "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d0609608648"
      "0165030402010500a203020120");
  auto a = ParseSignatureAlgorithm(der);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->kind, SignatureAlgorithmKind::kRsaPss);
  EXPECT_EQ(a->pss.hash, HashAlgorithm::kSha256);
  EXPECT_EQ(a->pss.mgf1_hash, HashAlgorithm::kSha256);
  EXPECT_EQ(a->pss.salt_length, 32u);
  EXPECT_EQ(a->Name(), "rsassaPss");
  EXPECT_EQ(HashLength(a->hash), 32u);
  EXPECT_EQ(HashAlgorithmName(HashAlgorithm::kSha512), "sha512");
  // Salt 20 is the default and omitted.
  Bytes salt20 = EncodeSignatureAlgorithm(SignatureAlgorithm::RsaPss(HashAlgorithm::kSha256, 20));
  auto s20 = ParseSignatureAlgorithm(salt20);
  ASSERT_TRUE(s20.ok());
  EXPECT_EQ(s20->pss.salt_length, 20u);
  // Rejected: absent parameters, SHA-1 defaults, explicit default salt, trailer field, SHA-1 hash.
  EXPECT_FALSE(ParseSignatureAlgorithm(H("300b06092a864886f70d01010a")).ok());
  EXPECT_FALSE(ParseSignatureAlgorithm(H("300f06092a864886f70d01010a3002")).ok());
  EXPECT_FALSE(ParseSignatureAlgorithm(H("300d06092a864886f70d01010a3000")).ok());
  EXPECT_FALSE(
      ParseSignatureAlgorithm(
          H("304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d0"
            "6096086480165030402010500a203020114"))
          .ok());  // explicit salt 20
  EXPECT_FALSE(
      ParseSignatureAlgorithm(
          H("304606092a864886f70d01010a3039a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d0"
            "6096086480165030402010500a203020120a303020101"))
          .ok());  // trailerField
  EXPECT_FALSE(
      ParseSignatureAlgorithm(H("303d06092a864886f70d01010a3030a00b300906052b0e03021a0500a11c301a06092a864886f7"
                                "0d010108300d06096086480165030402010500a203020120"))
          .ok());  // SHA-1 hash
  // Errors from the shared RSASSA-PSS-params parser name the offset in the caller's input, with x509's prefix.
  auto salt_error = ParseSignatureAlgorithm(
      H("304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d0"
        "6096086480165030402010500a203020114"),
      {}, 100);
  ASSERT_FALSE(salt_error.ok());
  EXPECT_EQ(GetErrorCode(salt_error.status()), ErrorCode::kMalformedInput);
  EXPECT_EQ(std::string(salt_error.status().message()),
            "x509: signature algorithm: PSS parameters: salt length 20 encoded (DER omits the default) at offset 162");
  // SHA-2 hashes outside the certificate profile (here SHA-224) are refused by name.
  Bytes der224 = EncodeSignatureAlgorithm(SignatureAlgorithm::RsaPss(HashAlgorithm::kSha256, 28));
  for (size_t i = 0; i + 9 <= der224.size(); ++i) {
    if (der224[i] == 0x60 && der224[i + 8] == 0x01) der224[i + 8] = 0x04;  // sha256 -> sha224 (2.16.840.1.101.3.4.2.4)
  }
  auto refused = ParseSignatureAlgorithm(der224);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(std::string(refused.status().message()).find("sha224"), std::string::npos) << refused.status();
}

TEST(SignatureAlgorithmTest, UnknownAlgorithmsParse) {
  const Bytes ecdsa_der = H("300a06082a8648ce3d040302");
  auto ecdsa = ParseSignatureAlgorithm(ecdsa_der);
  ASSERT_TRUE(ecdsa.ok());
  EXPECT_EQ(ecdsa->kind, SignatureAlgorithmKind::kUnknown);
  EXPECT_FALSE(ecdsa->Name().empty());
  EXPECT_EQ(HexEncode(EncodeSignatureAlgorithm(*ecdsa)), "300a06082a8648ce3d040302");
  auto sha1 = ParseSignatureAlgorithm(H("300d06092a864886f70d0101050500"));
  ASSERT_TRUE(sha1.ok());
  EXPECT_EQ(sha1->kind, SignatureAlgorithmKind::kUnknown);
}

TEST(SignatureAlgorithmTest, DetachedKeepsDecodedFieldsAndDropsViews) {
  const Bytes der = EncodeSignatureAlgorithm(SignatureAlgorithm::RsaPss(HashAlgorithm::kSha384, 48));
  auto parsed = ParseSignatureAlgorithm(der);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const SignatureAlgorithm detached = DetachedSignatureAlgorithm(*parsed);
  EXPECT_EQ(detached.kind, SignatureAlgorithmKind::kRsaPss);
  EXPECT_EQ(detached.hash, HashAlgorithm::kSha384);
  EXPECT_EQ(detached.pss.salt_length, 48u);
  EXPECT_TRUE(detached.der.empty());
  EXPECT_TRUE(detached.oid.empty());
  EXPECT_TRUE(detached.parameters.empty());
  EXPECT_EQ(EncodeSignatureAlgorithm(detached), der);
  EXPECT_EQ(ToCryptoHash(detached.hash), crypto::SignatureHash::kSha384);
}

TEST(SignedDataTest, VerifiesPkcs1AndPssAndRejects) {
  const Bytes message = {1, 2, 3, 4, 5};
  const Bytes spki = testing::SpkiOf(0);
  auto pkcs1 = crypto::NewRsaPkcs1Signer(testing::SharedPrivateKey(0), crypto::SignatureHash::kSha384);
  Bytes sig = *(*pkcs1)->Sign(message);
  SignatureAlgorithm alg = SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha384);
  EXPECT_TRUE(VerifySignedData(alg, spki, message, sig).ok());
  EXPECT_EQ(GetErrorCode(VerifySignedData(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256), spki, message, sig)),
            ErrorCode::kBadSignature);
  EXPECT_EQ(GetErrorCode(VerifySignedData(alg, testing::SpkiOf(1), message, sig)), ErrorCode::kBadSignature);
  EXPECT_NE(GetErrorCode(VerifySignedData(alg, Bytes{0x30, 0x00}, message, sig)), ErrorCode::kOk);
  auto params = crypto::RsaPssParameters::Builder().SetHash(crypto::SignatureHash::kSha512).SetSaltLength(64).Build();
  auto pss = crypto::NewRsaPssSigner(testing::SharedPrivateKey(0), *params);
  Bytes pss_sig = *(*pss)->Sign(message);
  EXPECT_TRUE(VerifySignedData(SignatureAlgorithm::RsaPss(HashAlgorithm::kSha512, 64), spki, message, pss_sig).ok());
  EXPECT_FALSE(VerifySignedData(SignatureAlgorithm::RsaPss(HashAlgorithm::kSha512, 32), spki, message, pss_sig).ok());
}

}  // namespace
}  // namespace jpki::x509
