#include "sim/verifier/verifier.h"

#include <memory>

#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "gtest/gtest.h"
#include "sim/jpki_ca/jpki_ca.h"

namespace jpki::sim::verifier {
namespace {

const ca::HolderIdentity kHolder{"検証 次郎", "1", "520010101", "北海道札幌市中央区北1条西2丁目"};

class VerifierTest : public ::testing::Test {
 protected:
  VerifierTest() : clock_(1'775'000'000), rng_(crypto::NewDeterministicRandom(5)) {
    ca_ = std::move(*ca::JpkiCa::Create(clock_, *rng_));
    key_ = std::make_unique<crypto::RsaPrivateKey>(*crypto::RsaPrivateKey::Generate(2048, 65537, *rng_));
    verifier_ = std::move(*Verifier::Create(ca_->roots(), ca_->intermediates(), ca::kSmartphoneAuthProfileRow, clock_));
    verifier_->SetCrls(*ca_->PublishCrls());
  }

  Bytes Sign(ByteView message) { return *crypto::RsaPkcs1Sign(*key_, crypto::SignatureHash::kSha256, message); }

  ManualClock clock_;
  std::unique_ptr<crypto::RandomSource> rng_;
  std::unique_ptr<ca::JpkiCa> ca_;
  std::unique_ptr<crypto::RsaPrivateKey> key_;
  std::unique_ptr<Verifier> verifier_;
};

TEST_F(VerifierTest, DocumentSignatureWithHolderAttributes) {
  auto cert = *ca_->IssueSigning(key_->public_key().SpkiDer(), kHolder, ca::Medium::kCard);
  const Bytes doc = ToBytes(AsBytes("document"));
  const Verdict verdict = verifier_->VerifyDocument(doc, Sign(doc), cert.der());
  ASSERT_TRUE(verdict.ok) << verdict.code << ": " << verdict.detail;
  EXPECT_EQ(verdict.classification.medium, x509::JpkiMedium::kCard);
  EXPECT_EQ(verdict.holder.name, kHolder.name);
  EXPECT_EQ(verdict.holder.birth_date->EraName(), "令和");
  EXPECT_EQ(verdict.detail, "chain valid, revocation checked");
}

TEST_F(VerifierTest, LoginTellsSmartphone) {
  auto cert = *ca_->IssueAuthentication(key_->public_key().SpkiDer(), ca::Medium::kSmartphone);
  const Bytes challenge = *verifier_->NewChallenge(*rng_);
  EXPECT_EQ(challenge.size(), 32u);
  const Verdict verdict = verifier_->VerifyLogin(challenge, Sign(challenge), cert.der());
  ASSERT_TRUE(verdict.ok) << verdict.code;
  EXPECT_EQ(verdict.classification.medium, x509::JpkiMedium::kSmartphone);
  EXPECT_TRUE(verdict.holder.empty());
}

TEST_F(VerifierTest, Rejections) {
  auto signing = *ca_->IssueSigning(key_->public_key().SpkiDer(), kHolder, ca::Medium::kSmartphone);
  auto auth = *ca_->IssueAuthentication(key_->public_key().SpkiDer(), ca::Medium::kSmartphone);
  const Bytes doc = ToBytes(AsBytes("document"));
  const Bytes signature = Sign(doc);
  // Another message.
  EXPECT_EQ(verifier_->VerifyDocument(AsBytes("other"), signature, signing.der()).code, "bad_signature");
  // An authentication certificate cannot sign documents (keyUsage lacks nonRepudiation).
  const Verdict wrong_kind = verifier_->VerifyDocument(doc, signature, auth.der());
  EXPECT_FALSE(wrong_kind.ok);
  EXPECT_EQ(wrong_kind.code, "key_usage");
  // A signing certificate is not a login certificate (kind check).
  EXPECT_EQ(verifier_->VerifyLogin(doc, signature, signing.der()).code, "policy");
  // Garbage certificate.
  EXPECT_EQ(verifier_->VerifyDocument(doc, signature, Bytes{0x30, 0x03, 0x02, 0x01, 0x01}).code, "malformed");
  // Revoked.
  ASSERT_TRUE(ca_->Revoke(signing, x509::RevocationReason::kKeyCompromise).ok());
  verifier_->SetCrls(*ca_->PublishCrls());
  EXPECT_EQ(verifier_->VerifyDocument(doc, signature, signing.der()).code, "revoked");
  // CRLs that were not refreshed expire.
  clock_.AdvanceSeconds(2 * kSecondsPerDay);
  EXPECT_EQ(verifier_->VerifyLogin(doc, signature, auth.der()).code, "crl_expired");
}

}  // namespace
}  // namespace jpki::sim::verifier
