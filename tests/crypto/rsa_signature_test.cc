// PKCS#1 v1.5, PSS, the Tink-style signers, the external-signer adapter and batch verification.
#include <atomic>

#include "base/error.h"
#include "crypto/emsa_pkcs1.h"
#include "crypto/rsa_batch_verify.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "crypto/rsa_pss.h"
#include "crypto/signature_error.h"
#include "crypto/signer.h"
#include "gtest/gtest.h"
#include "tests/crypto/rsa_test_util.h"

namespace jpki::crypto {
namespace {

const RsaPrivateKey& Key2048() {
  static const RsaPrivateKey* key = [] {
    auto rng = NewDeterministicRandom(20480);
    return new RsaPrivateKey(RsaPrivateKey::Generate(2048, 65537, *rng).value());
  }();
  return *key;
}
const RsaPrivateKey& Key3072() {
  static const RsaPrivateKey* key = [] {
    auto rng = NewDeterministicRandom(30720);
    return new RsaPrivateKey(RsaPrivateKey::Generate(3072, 65537, *rng).value());
  }();
  return *key;
}

const SignatureHash kHashes[] = {SignatureHash::kSha256, SignatureHash::kSha384, SignatureHash::kSha512};

TEST(RsaPkcs1Test, MessageDigestAndDigestInfoSigningAgree) {
  const RsaPrivateKey& key = Key2048();
  const ByteView msg = AsBytes("JPKI signing test message");
  for (SignatureHash h : kHashes) {
    auto by_message = RsaPkcs1Sign(key, h, msg);
    ASSERT_TRUE(by_message.ok()) << by_message.status();
    EXPECT_EQ(by_message->size(), 256u);
    const Bytes digest = Hash(ToHashAlgorithm(h), msg).value();
    auto by_digest = RsaPkcs1SignDigest(key, h, digest);
    ASSERT_TRUE(by_digest.ok());
    const Bytes digest_info = EncodeDigestInfo(ToHashAlgorithm(h), digest).value();
    auto by_digest_info = RsaPkcs1SignDigestInfo(key, digest_info);
    ASSERT_TRUE(by_digest_info.ok());
    EXPECT_EQ(*by_message, *by_digest);  // deterministic
    EXPECT_EQ(*by_message, *by_digest_info);
    EXPECT_EQ(DigestInfoHash(digest_info).value(), h);
    EXPECT_TRUE(RsaPkcs1Verify(key.public_key(), ToHashAlgorithm(h), msg, *by_message).ok());
    EXPECT_TRUE(RsaPkcs1VerifyDigest(key.public_key(), ToHashAlgorithm(h), digest, *by_message).ok());
    EXPECT_TRUE(RsaPkcs1VerifyDigestInfo(key.public_key(), digest_info, *by_message).ok());
  }
}

TEST(RsaPkcs1Test, SigningRefusesAnythingButSha2DigestInfos) {
  const RsaPrivateKey& key = Key2048();
  const Bytes sha1_di = EncodeDigestInfo(HashAlgorithm::kSha1, Bytes(20, 1)).value();
  EXPECT_EQ(GetErrorCode(RsaPkcs1SignDigestInfo(key, sha1_di).status()), ErrorCode::kPolicyViolation);
  Bytes raw(200, 0x42);  // not a DigestInfo: would make the call a raw signing oracle
  EXPECT_EQ(GetErrorCode(RsaPkcs1SignDigestInfo(key, raw).status()), ErrorCode::kInvalidArgument);
  Bytes short_di = EncodeDigestInfo(HashAlgorithm::kSha256, Bytes(32, 1)).value();
  short_di.pop_back();
  EXPECT_EQ(GetErrorCode(RsaPkcs1SignDigestInfo(key, short_di).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(RsaPkcs1SignDigest(key, SignatureHash::kSha256, Bytes(31)).status()),
            ErrorCode::kInvalidArgument);
}

TEST(RsaPkcs1Test, VerificationFailuresAreUniform) {
  const RsaPrivateKey& key = Key2048();
  const RsaPublicKey& pub = key.public_key();
  const ByteView msg = AsBytes("message");
  const Bytes sig = RsaPkcs1Sign(key, SignatureHash::kSha256, msg).value();
  std::vector<Bytes> bad_signatures;
  Bytes flipped = sig;
  flipped[100] ^= 1;
  bad_signatures.push_back(flipped);
  bad_signatures.push_back(Bytes(sig.begin(), sig.end() - 1));  // short
  Bytes longer = sig;
  longer.insert(longer.begin(), 0);
  bad_signatures.push_back(longer);            // leading zero: not k bytes
  bad_signatures.push_back(ToBytes(pub.n()));  // s = n
  bad_signatures.push_back(Bytes(256, 0xff));  // s > n
  bad_signatures.push_back(Bytes(256, 0));     // s = 0
  bad_signatures.push_back(Bytes{});           // empty
  for (const Bytes& bad : bad_signatures) {
    EXPECT_TRUE(IsSignatureError(RsaPkcs1Verify(pub, HashAlgorithm::kSha256, msg, bad)));
  }
  EXPECT_TRUE(IsSignatureError(RsaPkcs1Verify(pub, HashAlgorithm::kSha256, AsBytes("other"), sig)));
  EXPECT_TRUE(IsSignatureError(RsaPkcs1Verify(pub, HashAlgorithm::kSha384, msg, sig)));
  EXPECT_TRUE(IsSignatureError(RsaPkcs1Verify(Key3072().public_key(), HashAlgorithm::kSha256, msg, sig)));
  EXPECT_EQ(SignatureError().message(), "rsa: signature does not verify");
}

TEST(RsaPkcs1Test, Sha1VerificationOnlyWithTheLegacyOption) {
  const RsaPrivateKey& key = Key2048();
  const ByteView msg = AsBytes("old document");
  // Make a SHA-1 signature the only way the API allows: raw private op over a hand-built block (test only).
  const Bytes digest = Hash(HashAlgorithm::kSha1, msg).value();
  const Bytes di = EncodeDigestInfo(HashAlgorithm::kSha1, digest).value();
  const Bytes em = EmsaPkcs1Encode(di, key.modulus_bytes()).value();
  Bytes sig(key.modulus_bytes());
  ASSERT_TRUE(key.primitive().Apply(em, absl::MakeSpan(sig)).ok());
  EXPECT_EQ(GetErrorCode(RsaPkcs1Verify(key.public_key(), HashAlgorithm::kSha1, msg, sig)),
            ErrorCode::kPolicyViolation);
  Pkcs1VerifyOptions legacy;
  legacy.allow_legacy_sha1 = true;
  EXPECT_TRUE(RsaPkcs1Verify(key.public_key(), HashAlgorithm::kSha1, msg, sig, legacy).ok());
  auto verifier = NewRsaPkcs1LegacySha1Verifier(key.public_key());
  ASSERT_TRUE(verifier.ok());
  EXPECT_TRUE((*verifier)->Verify(sig, msg).ok());
  EXPECT_TRUE(IsSignatureError((*verifier)->Verify(sig, AsBytes("x"))));
}

TEST(RsaPssTest, SignVerifyWithEveryHashAndSaltChoice) {
  const RsaPrivateKey& key = Key3072();
  const ByteView msg = AsBytes("PSS message");
  for (SignatureHash h : kHashes) {
    for (SignatureHash mgf : kHashes) {
      for (std::optional<size_t> salt :
           {std::optional<size_t>(), std::optional<size_t>(0), std::optional<size_t>(20), std::optional<size_t>(100)}) {
        PssOptions options;
        options.hash = h;
        options.mgf1_hash = mgf;
        if (salt) options.salt_length = PssSaltLength::Fixed(*salt);
        auto sig = RsaPssSign(key, options, msg);
        ASSERT_TRUE(sig.ok()) << sig.status();
        EXPECT_EQ(sig->size(), key.modulus_bytes());
        EXPECT_TRUE(RsaPssVerify(key.public_key(), options, msg, *sig).ok());
        PssOptions auto_salt = options;
        auto_salt.salt_length = PssSaltLength::Auto();
        EXPECT_TRUE(RsaPssVerify(key.public_key(), auto_salt, msg, *sig).ok());
        PssOptions wrong_salt = options;
        wrong_salt.salt_length = PssSaltLength::Fixed(salt.value_or(DigestSize(h)) + 1);
        EXPECT_TRUE(IsSignatureError(RsaPssVerify(key.public_key(), wrong_salt, msg, *sig)));
        EXPECT_TRUE(IsSignatureError(RsaPssVerify(key.public_key(), options, AsBytes("other"), *sig)));
      }
    }
  }
}

TEST(RsaPssTest, RandomisedAndDigestVariants) {
  const RsaPrivateKey& key = Key2048();
  PssOptions options;
  const ByteView msg = AsBytes("m");
  const Bytes a = RsaPssSign(key, options, msg).value();
  const Bytes b = RsaPssSign(key, options, msg).value();
  EXPECT_NE(a, b);  // fresh salt each time
  const Bytes digest = Hash(HashAlgorithm::kSha256, msg).value();
  const Bytes c = RsaPssSignDigest(key, options, digest).value();
  EXPECT_TRUE(RsaPssVerifyDigest(key.public_key(), options, digest, a).ok());
  EXPECT_TRUE(RsaPssVerify(key.public_key(), options, msg, c).ok());
  EXPECT_EQ(GetErrorCode(RsaPssVerifyDigest(key.public_key(), options, Bytes(31), a)), ErrorCode::kInvalidArgument);
  // A fixed salt source makes PSS reproducible (how the CAVP known answers run).
  testing::FixedRandom salt1(Bytes(32, 7)), salt2(Bytes(32, 7));
  EXPECT_EQ(RsaPssSign(key, options, msg, salt1).value(), RsaPssSign(key, options, msg, salt2).value());
}

TEST(RsaPssTest, RejectsAutoSaltForSigningAndOversizedSalts) {
  const RsaPrivateKey& key = Key2048();
  PssOptions options;
  options.salt_length = PssSaltLength::Auto();
  EXPECT_EQ(GetErrorCode(RsaPssSign(key, options, AsBytes("m")).status()), ErrorCode::kInvalidArgument);
  options.salt_length = PssSaltLength::Fixed(256 - 32 - 2 + 1);  // one more than fits emLen = 256
  EXPECT_EQ(GetErrorCode(RsaPssSign(key, options, AsBytes("m")).status()), ErrorCode::kInvalidArgument);
  options.salt_length = PssSaltLength::Fixed(256 - 32 - 2);  // the largest that fits
  auto sig = RsaPssSign(key, options, AsBytes("m"));
  ASSERT_TRUE(sig.ok()) << sig.status();
  EXPECT_TRUE(RsaPssVerify(key.public_key(), options, AsBytes("m"), *sig).ok());
  options.salt_length = PssSaltLength::Fixed(1u << 20);
  EXPECT_FALSE(RsaPssSign(key, options, AsBytes("m")).ok());
}

TEST(SignerTest, FactoriesSignAndVerify) {
  const RsaPrivateKey& key = Key2048();
  const ByteView data = AsBytes("data");
  for (SignatureHash h : kHashes) {
    auto signer = NewRsaPkcs1Signer(key, h);
    auto verifier = NewRsaPkcs1Verifier(key.public_key(), h);
    ASSERT_TRUE(signer.ok() && verifier.ok());
    const Bytes sig = (*signer)->Sign(data).value();
    EXPECT_TRUE((*verifier)->Verify(sig, data).ok());
    EXPECT_TRUE(IsSignatureError((*verifier)->Verify(sig, AsBytes("tampered"))));
    EXPECT_EQ(sig, RsaPkcs1Sign(key, h, data).value());
  }
  auto params = RsaPssParameters::Builder()
                    .SetHash(SignatureHash::kSha512)
                    .SetMgf1Hash(SignatureHash::kSha256)
                    .SetSaltLength(32)
                    .Build();
  ASSERT_TRUE(params.ok());
  EXPECT_EQ(params->hash(), SignatureHash::kSha512);
  EXPECT_EQ(params->mgf1_hash(), SignatureHash::kSha256);
  EXPECT_EQ(params->salt_length().bytes(), std::optional<size_t>(32));
  auto pss_signer = NewRsaPssSigner(key, *params);
  auto pss_verifier = NewRsaPssVerifier(key.public_key(), *params);
  ASSERT_TRUE(pss_signer.ok() && pss_verifier.ok());
  const Bytes pss_sig = (*pss_signer)->Sign(data).value();
  EXPECT_TRUE((*pss_verifier)->Verify(pss_sig, data).ok());
  auto auto_params = RsaPssParameters::Builder()
                         .SetHash(SignatureHash::kSha512)
                         .SetMgf1Hash(SignatureHash::kSha256)
                         .SetAutoSaltLength()
                         .Build()
                         .value();
  EXPECT_TRUE(NewRsaPssVerifier(key.public_key(), auto_params).value()->Verify(pss_sig, data).ok());
  EXPECT_EQ(GetErrorCode(NewRsaPssSigner(key, auto_params).status()), ErrorCode::kInvalidArgument);
  // Defaults: SHA-256, MGF1-SHA-256, salt 32.
  auto defaults = RsaPssParameters::Builder().Build().value();
  EXPECT_EQ(defaults.hash(), SignatureHash::kSha256);
  EXPECT_EQ(defaults.mgf1_hash(), SignatureHash::kSha256);
  EXPECT_EQ(defaults.salt_length().bytes(), std::optional<size_t>(32));
  EXPECT_FALSE(RsaPssParameters::Builder().SetSaltLength(5000).Build().ok());
  EXPECT_EQ(GetErrorCode(NewRsaPssSigner(key, RsaPssParameters::Builder().SetSaltLength(300).Build().value()).status()),
            ErrorCode::kInvalidArgument);
}

// An external signer whose answers can be corrupted, to prove the adapter checks before releasing.
class FlakyCard : public ExternalSigner {
 public:
  explicit FlakyCard(const RsaPrivateKey& key) : inner_(NewLocalExternalSigner(key)) {}
  absl::StatusOr<Bytes> SignDigestInfo(ByteView digest_info) const override {
    ++calls_;
    auto sig = inner_->SignDigestInfo(digest_info);
    if (sig.ok() && corrupt_) (*sig)[10] ^= 0x01;
    return sig;
  }
  const RsaPublicKey& public_key() const override { return inner_->public_key(); }
  void set_corrupt(bool corrupt) { corrupt_ = corrupt; }
  int calls() const { return calls_; }

 private:
  std::shared_ptr<const ExternalSigner> inner_;
  bool corrupt_ = false;
  mutable std::atomic<int> calls_{0};
};

TEST(ExternalSignerTest, AdapterSignsLikeALocalKeyAndCatchesFaults) {
  const RsaPrivateKey& key = Key2048();
  auto card = std::make_shared<FlakyCard>(key);
  auto signer = NewExternalRsaPkcs1Signer(card, SignatureHash::kSha256);
  ASSERT_TRUE(signer.ok());
  const ByteView data = AsBytes("signed on the SE");
  auto sig = (*signer)->Sign(data);
  ASSERT_TRUE(sig.ok()) << sig.status();
  EXPECT_EQ(*sig, RsaPkcs1Sign(key, SignatureHash::kSha256, data).value());
  card->set_corrupt(true);
  auto faulty = (*signer)->Sign(data);
  EXPECT_FALSE(faulty.ok());
  EXPECT_EQ(GetErrorCode(faulty.status()), ErrorCode::kFaultDetected);
  EXPECT_EQ(card->calls(), 2);
  EXPECT_FALSE(NewExternalRsaPkcs1Signer(nullptr, SignatureHash::kSha256).ok());
  // The local external signer refuses what RsaPkcs1SignDigestInfo refuses.
  auto local = NewLocalExternalSigner(key);
  EXPECT_FALSE(local->SignDigestInfo(Bytes(51, 0)).ok());
  EXPECT_TRUE(local->public_key() == key.public_key());
}

// A fault in one CRT half (the primitive's test hook) must surface as kFaultDetected from every signing API, with no
// signature released.
TEST(FaultTest, CorruptedCrtHalfReleasesNothing) {
  auto rng = NewDeterministicRandom(99);
  const RsaPrivateKey key = RsaPrivateKey::Generate(2048, 65537, *rng).value();
  ASSERT_TRUE(RsaPkcs1Sign(key, SignatureHash::kSha256, AsBytes("m")).ok());
  // The hook is deliberately not part of RsaPrivateKey's API; this test owns the key, so casting is safe here.
  const_cast<RsaPrivatePrimitive&>(key.primitive()).InjectFaultForTesting(/*corrupt_p_half=*/true);
  auto pkcs1 = RsaPkcs1Sign(key, SignatureHash::kSha256, AsBytes("m"));
  EXPECT_EQ(GetErrorCode(pkcs1.status()), ErrorCode::kFaultDetected) << pkcs1.status();
  auto pss = RsaPssSign(key, PssOptions(), AsBytes("m"));
  EXPECT_EQ(GetErrorCode(pss.status()), ErrorCode::kFaultDetected) << pss.status();
  auto signer = NewRsaPkcs1Signer(key, SignatureHash::kSha384).value();
  EXPECT_EQ(GetErrorCode(signer->Sign(AsBytes("m")).status()), ErrorCode::kFaultDetected);
  auto external = NewExternalRsaPkcs1Signer(NewLocalExternalSigner(key), SignatureHash::kSha256).value();
  EXPECT_FALSE(external->Sign(AsBytes("m")).ok());
}

TEST(BatchVerifyTest, PerItemResultsMatchSingleCalls) {
  const RsaPrivateKey& k2 = Key2048();
  const RsaPrivateKey& k3 = Key3072();
  const Bytes m1 = ToBytes(AsBytes("one")), m2 = ToBytes(AsBytes("two"));
  const Bytes s1 = RsaPkcs1Sign(k2, SignatureHash::kSha256, m1).value();
  const Bytes s2 = RsaPkcs1Sign(k3, SignatureHash::kSha512, m2).value();
  PssOptions pss;
  pss.hash = SignatureHash::kSha384;
  const Bytes s3 = RsaPssSign(k3, pss, m1).value();
  const Bytes d1 = Hash(HashAlgorithm::kSha256, m1).value();
  std::vector<RsaBatchVerifyItem> items(8);
  items[0] = {
      &k2.public_key(), RsaSignatureScheme::kPkcs1v15, HashAlgorithm::kSha256, {}, SignedInput::kMessage, m1, s1};
  items[1] = {
      &k3.public_key(), RsaSignatureScheme::kPkcs1v15, HashAlgorithm::kSha512, {}, SignedInput::kMessage, m2, s2};
  items[2] = {&k3.public_key(), RsaSignatureScheme::kPss, HashAlgorithm::kSha256, pss, SignedInput::kMessage, m1, s3};
  items[3] = {
      &k2.public_key(), RsaSignatureScheme::kPkcs1v15, HashAlgorithm::kSha256, {}, SignedInput::kDigest, d1, s1};
  items[4] = {
      &k2.public_key(), RsaSignatureScheme::kPkcs1v15, HashAlgorithm::kSha256, {}, SignedInput::kMessage, m2, s1};
  items[5] = {
      &k3.public_key(), RsaSignatureScheme::kPkcs1v15, HashAlgorithm::kSha256, {}, SignedInput::kMessage, m1, s1};
  items[6] = {nullptr, RsaSignatureScheme::kPkcs1v15, HashAlgorithm::kSha256, {}, SignedInput::kMessage, m1, s1};
  items[7] = {&k2.public_key(), RsaSignatureScheme::kPkcs1v15, HashAlgorithm::kSha1, {}, SignedInput::kMessage, m1, s1};
  const std::vector<absl::Status> results = RsaBatchVerify(items);
  ASSERT_EQ(results.size(), items.size());
  EXPECT_TRUE(results[0].ok()) << results[0];
  EXPECT_TRUE(results[1].ok()) << results[1];
  EXPECT_TRUE(results[2].ok()) << results[2];
  EXPECT_TRUE(results[3].ok()) << results[3];
  EXPECT_TRUE(IsSignatureError(results[4]));
  EXPECT_TRUE(IsSignatureError(results[5]));
  EXPECT_EQ(GetErrorCode(results[6]), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(results[7]), ErrorCode::kPolicyViolation);
  // Equivalence with the single-item functions, item by item.
  for (size_t i : {0, 1, 4, 5}) {
    EXPECT_EQ(results[i].ok(), RsaPkcs1Verify(*items[i].key, items[i].hash, items[i].data, items[i].signature).ok());
  }
  EXPECT_TRUE(RsaBatchVerify({}).empty());
}

}  // namespace
}  // namespace jpki::crypto
