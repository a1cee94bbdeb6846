// Keys imported as id-RSASSA-PSS (RFC 4055 1.2, 3.1): PSS only, and within the parameters they carry.

#include <string>

#include "asn1/der_writer.h"
#include "asn1/oid.h"
#include "base/error.h"
#include "crypto/pss_params.h"
#include "crypto/random.h"
#include "crypto/rsa_batch_verify.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "crypto/rsa_pss.h"
#include "crypto/signature_error.h"
#include "crypto/signer.h"
#include "gtest/gtest.h"

namespace jpki::crypto {
namespace {

const RsaPrivateKey& PlainKey() {
  static const RsaPrivateKey* key = [] {
    auto rng = NewDeterministicRandom(4055);
    return new RsaPrivateKey(RsaPrivateKey::FromNumbers(GenerateRsaPrivateNumbers(2048, 65537, *rng).value()).value());
  }();
  return *key;
}

// PssAlgorithm writes AlgorithmIdentifier { id-RSASSA-PSS, params } (params absent when nullopt).
void PssAlgorithm(asn1::DerWriter& w, const std::optional<PssParams>& params) {
  w.AddSequence([&](asn1::DerWriter& alg) {
    alg.AddOid(asn1::Oid::Known(asn1::KnownOid::kRsassaPss));
    if (params.has_value()) alg.AddRaw(EncodePssParams(*params));
  });
}

Bytes PssSpki(const RsaPublicKey& key, const std::optional<PssParams>& params) {
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& spki) {
    PssAlgorithm(spki, params);
    spki.AddBitString(key.Pkcs1Der());
  });
  return w.Finish().value();
}

Bytes PssPkcs8(const RsaPrivateKey& key, const std::optional<PssParams>& params) {
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& info) {
    info.AddUint64(0);
    PssAlgorithm(info, params);
    info.AddOctetString(key.Pkcs1Der().view());
  });
  return w.Finish().value();
}

const PssParams kSha384Salt48{HashAlgorithm::kSha384, HashAlgorithm::kSha384, 48};

PssOptions Options(SignatureHash hash, size_t salt) {
  PssOptions options;
  options.hash = hash;
  options.salt_length = PssSaltLength::Fixed(salt);
  return options;
}

TEST(RsaPssKeyTest, SpkiWithParametersImportsRestrictedAndReserialisesIdentically) {
  const Bytes spki = PssSpki(PlainKey().public_key(), kSha384Salt48);
  auto key = RsaPublicKey::ParseSpkiDer(spki);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_TRUE(key->pss_only());
  ASSERT_TRUE(key->pss_restriction().has_value());
  EXPECT_EQ(*key->pss_restriction(), kSha384Salt48);
  EXPECT_EQ(key->min_pss_salt_length(), 48u);
  EXPECT_EQ(key->SpkiDer(), spki);
  EXPECT_TRUE(RsaPublicKey::Parse(AsBytes(key->SpkiPem())).value() == *key);
  // Same numbers, different algorithm: not the same key.
  EXPECT_FALSE(*key == PlainKey().public_key());
  EXPECT_EQ(key->Pkcs1Der(), PlainKey().public_key().Pkcs1Der());
}

TEST(RsaPssKeyTest, SpkiWithoutParametersIsPssOnlyButUnrestricted) {
  const Bytes spki = PssSpki(PlainKey().public_key(), std::nullopt);
  auto key = RsaPublicKey::ParseSpkiDer(spki);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_TRUE(key->pss_only());
  EXPECT_FALSE(key->pss_restriction().has_value());
  EXPECT_EQ(key->SpkiDer(), spki);
  const Bytes message = ToBytes(AsBytes("any PSS parameters"));
  const Bytes sig = RsaPssSign(PlainKey(), Options(SignatureHash::kSha512, 7), message).value();
  EXPECT_TRUE(RsaPssVerify(*key, Options(SignatureHash::kSha512, 7), message, sig).ok());
  EXPECT_EQ(GetErrorCode(key->CheckPkcs1Allowed()), ErrorCode::kPolicyViolation);
}

TEST(RsaPssKeyTest, SpkiRestrictedToSha1IsUnsupported) {
  auto key = RsaPublicKey::ParseSpkiDer(PssSpki(PlainKey().public_key(), PssParams{}));
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(GetErrorCode(key.status()), ErrorCode::kUnsupported);
}

TEST(RsaPssKeyTest, VerificationHonoursTheRestriction) {
  const RsaPublicKey key = RsaPublicKey::ParseSpkiDer(PssSpki(PlainKey().public_key(), kSha384Salt48)).value();
  const Bytes message = ToBytes(AsBytes("restricted"));
  const Bytes good = RsaPssSign(PlainKey(), Options(SignatureHash::kSha384, 48), message).value();
  const Bytes longer_salt = RsaPssSign(PlainKey(), Options(SignatureHash::kSha384, 60), message).value();
  const Bytes short_salt = RsaPssSign(PlainKey(), Options(SignatureHash::kSha384, 32), message).value();

  EXPECT_TRUE(RsaPssVerify(key, Options(SignatureHash::kSha384, 48), message, good).ok());
  EXPECT_TRUE(RsaPssVerify(key, Options(SignatureHash::kSha384, 60), message, longer_salt).ok());
  // Parameters outside the restriction are refused before any arithmetic.
  EXPECT_EQ(GetErrorCode(RsaPssVerify(key, Options(SignatureHash::kSha384, 32), message, short_salt)),
            ErrorCode::kPolicyViolation);
  EXPECT_EQ(GetErrorCode(RsaPssVerify(key, Options(SignatureHash::kSha256, 48), message, good)),
            ErrorCode::kPolicyViolation);
  PssOptions other_mgf = Options(SignatureHash::kSha384, 48);
  other_mgf.mgf1_hash = SignatureHash::kSha256;
  EXPECT_EQ(GetErrorCode(RsaPssVerify(key, other_mgf, message, good)), ErrorCode::kPolicyViolation);
  // "auto" salt: any length from the minimum up, so the 32-byte salt fails as a bad signature.
  PssOptions any_salt = Options(SignatureHash::kSha384, 0);
  any_salt.salt_length = PssSaltLength::Auto();
  EXPECT_TRUE(RsaPssVerify(key, any_salt, message, good).ok());
  EXPECT_TRUE(RsaPssVerify(key, any_salt, message, longer_salt).ok());
  EXPECT_TRUE(IsSignatureError(RsaPssVerify(key, any_salt, message, short_salt)));
  EXPECT_TRUE(RsaPssVerify(PlainKey().public_key(), any_salt, message, short_salt).ok());  // unrestricted twin
  // PKCS#1 v1.5 is refused outright, for a valid signature too.
  const Bytes pkcs1 = RsaPkcs1Sign(PlainKey(), SignatureHash::kSha384, message).value();
  EXPECT_EQ(GetErrorCode(RsaPkcs1Verify(key, HashAlgorithm::kSha384, message, pkcs1)), ErrorCode::kPolicyViolation);
  EXPECT_EQ(GetErrorCode(NewRsaPkcs1Verifier(key, SignatureHash::kSha384).status()), ErrorCode::kPolicyViolation);
  EXPECT_EQ(GetErrorCode(NewRsaPkcs1LegacySha1Verifier(key).status()), ErrorCode::kPolicyViolation);
  auto wrong_params = RsaPssParameters::Builder().SetHash(SignatureHash::kSha256).Build().value();
  EXPECT_EQ(GetErrorCode(NewRsaPssVerifier(key, wrong_params).status()), ErrorCode::kPolicyViolation);
  auto right_params = RsaPssParameters::Builder().SetHash(SignatureHash::kSha384).SetSaltLength(48).Build().value();
  auto verifier = NewRsaPssVerifier(key, right_params);
  ASSERT_TRUE(verifier.ok()) << verifier.status();
  EXPECT_TRUE((*verifier)->Verify(good, message).ok());
}

TEST(RsaPssKeyTest, BatchVerificationHonoursTheRestriction) {
  const RsaPublicKey key = RsaPublicKey::ParseSpkiDer(PssSpki(PlainKey().public_key(), kSha384Salt48)).value();
  const Bytes message = ToBytes(AsBytes("batch"));
  const Bytes pss = RsaPssSign(PlainKey(), Options(SignatureHash::kSha384, 48), message).value();
  const Bytes short_salt = RsaPssSign(PlainKey(), Options(SignatureHash::kSha384, 32), message).value();
  const Bytes pkcs1 = RsaPkcs1Sign(PlainKey(), SignatureHash::kSha384, message).value();
  PssOptions any_salt = Options(SignatureHash::kSha384, 0);
  any_salt.salt_length = PssSaltLength::Auto();
  RsaBatchVerifyItem items[4];
  for (RsaBatchVerifyItem& item : items) {
    item.key = &key;
    item.scheme = RsaSignatureScheme::kPss;
    item.pss = Options(SignatureHash::kSha384, 48);
    item.data = message;
    item.signature = pss;
  }
  items[1].scheme = RsaSignatureScheme::kPkcs1v15;
  items[1].hash = HashAlgorithm::kSha384;
  items[1].signature = pkcs1;
  items[2].pss = any_salt;
  items[2].signature = short_salt;
  items[3].pss = Options(SignatureHash::kSha384, 32);
  items[3].signature = short_salt;
  const std::vector<absl::Status> results = RsaBatchVerify(items);
  EXPECT_TRUE(results[0].ok()) << results[0];
  EXPECT_EQ(GetErrorCode(results[1]), ErrorCode::kPolicyViolation);
  EXPECT_TRUE(IsSignatureError(results[2])) << results[2];
  EXPECT_EQ(GetErrorCode(results[3]), ErrorCode::kPolicyViolation);
}

TEST(RsaPssKeyTest, Pkcs8PrivateKeySignsOnlyWithinItsRestriction) {
  const Bytes pkcs8 = PssPkcs8(PlainKey(), kSha384Salt48);
  auto key = RsaPrivateKey::ParsePkcs8Der(pkcs8);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_TRUE(key->public_key().pss_only());
  EXPECT_EQ(*key->public_key().pss_restriction(), kSha384Salt48);
  EXPECT_EQ(HexEncode(key->Pkcs8Der().view()), HexEncode(pkcs8));
  EXPECT_TRUE(RsaPrivateKey::Parse(key->Pkcs8Pem().view()).value().public_key() == key->public_key());
  // PKCS#1 has no algorithm field: the restriction does not survive it.
  EXPECT_FALSE(RsaPrivateKey::ParsePkcs1Der(key->Pkcs1Der().view()).value().public_key().pss_only());

  const Bytes message = ToBytes(AsBytes("sign within"));
  auto sig = RsaPssSign(*key, Options(SignatureHash::kSha384, 48), message);
  ASSERT_TRUE(sig.ok()) << sig.status();
  EXPECT_TRUE(RsaPssVerify(key->public_key(), Options(SignatureHash::kSha384, 48), message, *sig).ok());
  EXPECT_EQ(GetErrorCode(RsaPssSign(*key, Options(SignatureHash::kSha384, 47), message).status()),
            ErrorCode::kPolicyViolation);
  EXPECT_EQ(GetErrorCode(RsaPssSign(*key, Options(SignatureHash::kSha512, 64), message).status()),
            ErrorCode::kPolicyViolation);
  EXPECT_EQ(GetErrorCode(RsaPkcs1Sign(*key, SignatureHash::kSha384, message).status()), ErrorCode::kPolicyViolation);
  EXPECT_EQ(GetErrorCode(NewRsaPkcs1Signer(*key, SignatureHash::kSha384).status()), ErrorCode::kPolicyViolation);
  auto params = RsaPssParameters::Builder().SetHash(SignatureHash::kSha384).SetSaltLength(32).Build().value();
  EXPECT_EQ(GetErrorCode(NewRsaPssSigner(*key, params).status()), ErrorCode::kPolicyViolation);
}

TEST(RsaPssKeyTest, MalformedPssAlgorithmParametersAreRejectedWithOffsets) {
  Bytes spki = PssSpki(PlainKey().public_key(), kSha384Salt48);
  // The parameters start after 30 82 xx xx (SPKI), 30 xx (algorithm), 06 09 <9 bytes> (OID): offset 17.
  ASSERT_EQ(spki[17], 0x30);
  Bytes bad = spki;
  bad[17] = 0x31;  // a SET where RSASSA-PSS-params must be
  auto key = RsaPublicKey::ParseSpkiDer(bad);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(GetErrorCode(key.status()), ErrorCode::kMalformedInput);
  EXPECT_NE(std::string(key.status().message()).find("offset 17"), std::string::npos) << key.status();
}

}  // namespace
}  // namespace jpki::crypto
