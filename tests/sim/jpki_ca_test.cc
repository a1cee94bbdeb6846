#include "sim/jpki_ca/jpki_ca.h"

#include <memory>

#include "crypto/rsa_key.h"
#include "gtest/gtest.h"
#include "x509/jpki_profile.h"
#include "x509/path_validator.h"
#include "x509/trust_store.h"

namespace jpki::sim::ca {
namespace {

class JpkiCaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    clock_ = new ManualClock(1'775'000'000);
    rng_ = crypto::NewDeterministicRandom(99).release();
    ca_ = JpkiCa::Create(*clock_, *rng_)->release();
    key_ = new crypto::RsaPrivateKey(*crypto::RsaPrivateKey::Generate(2048, 65537, *rng_));
  }
  static void TearDownTestSuite() {
    delete key_;
    delete ca_;
    delete rng_;
    delete clock_;
  }

  x509::ValidationResult Validate(const x509::Certificate& leaf, x509::Purpose purpose, bool with_crls) {
    x509::TrustStore store;
    for (const auto& root : ca_->roots()) EXPECT_TRUE(store.Add(root).ok());
    std::vector<x509::Crl> crls;
    if (with_crls) crls = *ca_->PublishCrls();
    x509::ValidationOptions options;
    options.time = clock_->NowUnix();
    options.purpose = purpose;
    return x509::ValidatePath(leaf, ca_->intermediates(), store, crls, options);
  }

  static ManualClock* clock_;
  static crypto::RandomSource* rng_;
  static JpkiCa* ca_;
  static crypto::RsaPrivateKey* key_;
};

ManualClock* JpkiCaTest::clock_ = nullptr;
crypto::RandomSource* JpkiCaTest::rng_ = nullptr;
JpkiCa* JpkiCaTest::ca_ = nullptr;
crypto::RsaPrivateKey* JpkiCaTest::key_ = nullptr;

const HolderIdentity kHolder{"番号 太郎", "1", "419800305", "大阪府大阪市北区中之島1-3-20"};

TEST_F(JpkiCaTest, HierarchiesAreRootsAndIssuingCas) {
  ASSERT_EQ(ca_->roots().size(), 2u);
  ASSERT_EQ(ca_->intermediates().size(), 2u);
  for (const auto& root : ca_->roots()) {
    EXPECT_TRUE(root.IsSelfIssued());
    EXPECT_TRUE(root.basic_constraints()->ca);
  }
  EXPECT_EQ(ca_->intermediates()[0].basic_constraints()->path_len, 0u);
}

TEST_F(JpkiCaTest, SmartphoneSigningCertificateFollowsTheProfile) {
  auto certificate = ca_->IssueSigning(key_->public_key().SpkiDer(), kHolder, Medium::kSmartphone);
  ASSERT_TRUE(certificate.ok()) << certificate.status();
  EXPECT_TRUE(certificate->key_usage()->Has(x509::KeyUsageBit::kNonRepudiation));
  EXPECT_TRUE(certificate->key_usage()->Has(x509::KeyUsageBit::kDigitalSignature));
  const x509::Classification c = x509::Classify(*certificate);
  EXPECT_EQ(c.kind, x509::JpkiKind::kSigning);
  EXPECT_EQ(c.medium, x509::JpkiMedium::kSmartphone);
  auto holder = x509::ExtractHolderAttributes(*certificate);
  ASSERT_TRUE(holder.ok()) << holder.status();
  EXPECT_EQ(holder->name, kHolder.name);
  EXPECT_EQ(holder->address, kHolder.address);
  EXPECT_EQ(holder->birth_date->Iso(), "1980-03-05");
  EXPECT_EQ(holder->GenderName(), "male");
  EXPECT_TRUE(Validate(*certificate, x509::Purpose::kSigning, true).ok());
}

TEST_F(JpkiCaTest, AuthenticationCertificateHasNoPersonalData) {
  auto card = ca_->IssueAuthentication(key_->public_key().SpkiDer(), Medium::kCard);
  ASSERT_TRUE(card.ok());
  EXPECT_FALSE(card->subject_alt_names().has_value());
  EXPECT_TRUE(x509::ExtractHolderAttributes(*card)->empty());
  const x509::Classification c = x509::Classify(*card);
  EXPECT_EQ(c.kind, x509::JpkiKind::kAuthentication);
  EXPECT_EQ(c.medium, x509::JpkiMedium::kCard);
  // The smartphone authentication policy is the simulation's own: the built-in table cannot tell the medium,
  // the row the demo's verifier adds can.
  auto phone = ca_->IssueAuthentication(key_->public_key().SpkiDer(), Medium::kSmartphone);
  ASSERT_TRUE(phone.ok());
  EXPECT_EQ(x509::Classify(*phone).medium, x509::JpkiMedium::kUnknown);
  x509::ProfileTable table = x509::ProfileTable::BuiltIn();
  ASSERT_TRUE(table.AddEntries(kSmartphoneAuthProfileRow).ok());
  x509::ClassifyOptions options;
  options.table = &table;
  EXPECT_EQ(x509::Classify(*phone, options).medium, x509::JpkiMedium::kSmartphone);
  EXPECT_TRUE(Validate(*phone, x509::Purpose::kAuthentication, true).ok());
  EXPECT_FALSE(Validate(*phone, x509::Purpose::kSigning, false).ok());  // no nonRepudiation
}

TEST_F(JpkiCaTest, RevocationReachesTheCrl) {
  auto certificate = ca_->IssueSigning(key_->public_key().SpkiDer(), kHolder, Medium::kCard);
  ASSERT_TRUE(certificate.ok());
  ASSERT_TRUE(Validate(*certificate, x509::Purpose::kSigning, true).ok());
  ASSERT_TRUE(ca_->Revoke(*certificate, x509::RevocationReason::kAffiliationChanged).ok());
  const x509::ValidationResult result = Validate(*certificate, x509::Purpose::kSigning, true);
  EXPECT_EQ(result.code, x509::ValidationCode::kRevoked) << result.detail;
  auto crls = ca_->PublishCrls();
  ASSERT_TRUE(crls.ok());
  ASSERT_EQ(crls->size(), 4u);
  EXPECT_TRUE((*crls)[1].IsRevoked(certificate->serial()));
  ASSERT_TRUE((*crls)[1].next_update().has_value());
  EXPECT_EQ(*(*crls)[1].next_update() - (*crls)[1].this_update(), 24 * 3600 + 60);
}

TEST_F(JpkiCaTest, RefusesBadInput) {
  EXPECT_FALSE(ca_->IssueAuthentication(Bytes{0x30, 0x00}, Medium::kCard).ok());
  // A certificate from elsewhere (here: a root) cannot be revoked by an issuing CA.
  EXPECT_FALSE(ca_->Revoke(ca_->roots()[0], x509::RevocationReason::kUnspecified).ok());
}

}  // namespace
}  // namespace jpki::sim::ca
