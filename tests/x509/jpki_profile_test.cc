#include "x509/jpki_profile.h"

#include <openssl/evp.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/x509/test_pki.h"
#include "x509/certificate.h"
#include "x509/oids.h"
#include "x509/path_validator.h"
#include "x509/trust_store.h"
#include "x509/verifier.h"

namespace jpki::x509 {
namespace {

using testing::CaSpec;
using testing::CertSpec;
using testing::MakeCert;
using testing::NameSpec;
using testing::TestKey;

constexpr char kData[] = "tests/data/jpki-myna/";
const NameSpec kSignCa = {{"C", "JP"},
                          {"O", "JPKI"},
                          {"OU", "JPKI for digital signature"},
                          {"OU", "Japan Agency for Local Authority Information Systems"}};

Certificate ReadCert(const std::string& name) {
  std::ifstream in(kData + name, std::ios::binary);
  Bytes der((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  absl::StatusOr<Certificate> c = Certificate::Parse(std::move(der));
  EXPECT_TRUE(c.ok()) << name << ": " << c.status();
  return *c;
}

Bytes Oid(const std::string& dotted) { return *oid::FromDotted(dotted); }

Classification ClassifyPolicy(const std::string& dotted, std::optional<std::string> token = std::nullopt,
                              const ProfileTable* table = nullptr) {
  const Bytes der = Oid(dotted);
  CertificateFacts facts;
  facts.policy_oids = {der};
  facts.token_label = std::move(token);
  ClassifyOptions options;
  options.table = table;
  return ClassifyFacts(facts, options);
}

TEST(JpkiProfileTest, BuiltInTableParses) {
  const ProfileTable& table = ProfileTable::BuiltIn();
  EXPECT_GE(table.entries().size(), 12u);
  EXPECT_TRUE(ProfileTable::Parse(kBuiltInProfileTable).ok());
}

TEST(JpkiProfileTest, RealJlisRootsAreCas) {
  for (const char* name : {"sign_ca_2015.der", "sign_ca_2023.der", "auth_ca_2015.der", "auth_ca_2023.der"}) {
    const Certificate c = ReadCert(name);
    const Classification cl = Classify(c);
    EXPECT_EQ(cl.kind, JpkiKind::kCa) << name;
    EXPECT_EQ(cl.Summary(), "ca") << name;
    EXPECT_FALSE(cl.test_hierarchy);
    const ProfileEntry* issuer = ProfileTable::BuiltIn().MatchIssuer(c.subject());
    ASSERT_NE(issuer, nullptr) << name;
    EXPECT_EQ(issuer->kind, std::string(name).rfind("sign", 0) == 0 ? JpkiKind::kSigning : JpkiKind::kAuthentication);
    EXPECT_TRUE(issuer->kind_confirmed);
    EXPECT_TRUE(ExtractHolderAttributes(c)->empty());
  }
}

TEST(JpkiProfileTest, JlisTrustStoreHasSameNamedGenerations) {
  TrustStore store;
  ASSERT_TRUE(store.AddJlisRoots(kData).ok());
  EXPECT_EQ(store.size(), 4u);
  EXPECT_EQ(store.FindBySubject(ReadCert("sign_ca_2023.der").subject()).size(), 2u);
  EXPECT_EQ(store.FindBySubject(ReadCert("auth_ca_2015.der").subject()).size(), 2u);
  EXPECT_FALSE(store.AddJlisRoots("/nonexistent").ok());
  // Each root validates as its own path at a time inside its validity, and the 2015 generation has expired.
  const Certificate old_root = ReadCert("sign_ca_2015.der");
  EXPECT_TRUE(
      ValidatePath(old_root, std::vector<Certificate>{}, store, {}, ValidationOptions::AtTime(1600000000)).ok());
  EXPECT_EQ(ValidatePath(old_root, std::vector<Certificate>{}, store, {}, ValidationOptions::AtTime(1800000000)).code,
            ValidationCode::kExpired);
}

TEST(JpkiProfileTest, TestHierarchyRefusedInProductionStore) {
  const Bytes root = MakeCert(CaSpec({{"C", "JP"}, {"O", "JPKI-TEST"}, {"CN", "signca-test"}}, TestKey(0)));
  TrustStore production;
  EXPECT_FALSE(production.AddEncoded(root).ok());
  TrustStoreOptions options;
  options.allow_test_hierarchy = true;
  TrustStore test(options);
  ASSERT_TRUE(test.AddEncoded(root).ok());
  EXPECT_TRUE(test.anchors()[0]->test_hierarchy);
}

TEST(JpkiProfileTest, PolicyClassification) {
  Classification c = ClassifyPolicy("1.2.392.200149.8.5.1.1.20");
  EXPECT_EQ(c.kind, JpkiKind::kSigning);
  EXPECT_TRUE(c.kind_confirmed);
  EXPECT_EQ(c.medium, JpkiMedium::kCard);
  EXPECT_FALSE(c.medium_confirmed);
  EXPECT_EQ(c.policy, "1.2.392.200149.8.5.1.1.20");

  c = ClassifyPolicy("1.2.392.200149.8.5.1.3.30");
  EXPECT_EQ(c.kind, JpkiKind::kAuthentication);
  EXPECT_EQ(c.Summary(), "authentication/card (provisional)");

  c = ClassifyPolicy("1.2.392.200149.8.5.1.1.40");
  EXPECT_EQ(c.kind, JpkiKind::kSigning);
  EXPECT_EQ(c.medium, JpkiMedium::kSmartphone);
  EXPECT_FALSE(c.kind_confirmed);

  // An unknown signing sub-policy is still signing (domain-research 2.3), medium unknown.
  c = ClassifyPolicy("1.2.392.200149.8.5.1.1.77");
  EXPECT_EQ(c.kind, JpkiKind::kSigning);
  EXPECT_EQ(c.medium, JpkiMedium::kUnknown);

  c = ClassifyPolicy("1.2.392.200149.8.5.1.0.20");
  EXPECT_TRUE(c.test_hierarchy);

  c = ClassifyPolicy("1.2.3.4");
  EXPECT_EQ(c.kind, JpkiKind::kNone);
  EXPECT_EQ(c.Summary(), "none");
}

TEST(JpkiProfileTest, TokenLabelDecidesMedium) {
  Classification c = ClassifyPolicy("1.2.392.200149.8.5.1.1.77", "JPKIAPGPSETOKEN");
  EXPECT_EQ(c.medium, JpkiMedium::kSmartphone);
  EXPECT_TRUE(c.medium_confirmed);
  c = ClassifyPolicy("1.2.392.200149.8.5.1.1.20", "JPKIAPICCTOKEN2");
  EXPECT_EQ(c.medium, JpkiMedium::kCard);
  EXPECT_TRUE(c.medium_confirmed);
}

TEST(JpkiProfileTest, RuntimeExtension) {
  ProfileTable table = ProfileTable::BuiltIn();
  ASSERT_TRUE(table
                  .AddEntries("# deployment file\n"
                              "policy | 1.2.392.200149.8.5.1.1.77 | signing | confirmed | smartphone | confirmed | "
                              "production | J-LIS profile v9 (example)\n")
                  .ok());
  Classification c = ClassifyPolicy("1.2.392.200149.8.5.1.1.77", std::nullopt, &table);
  EXPECT_EQ(c.medium, JpkiMedium::kSmartphone);
  EXPECT_TRUE(c.medium_confirmed);
  EXPECT_EQ(c.Summary(), "signing/smartphone");

  const std::string path = std::string(std::getenv("TEST_TMPDIR") ? std::getenv("TEST_TMPDIR") : "/tmp") + "/p.txt";
  std::ofstream(path) << "token | MYTOKEN | - | - | smartphone | provisional | production | test\n";
  ASSERT_TRUE(table.AddEntriesFromFile(path).ok());
  EXPECT_NE(table.MatchToken("MYTOKEN"), nullptr);
  EXPECT_FALSE(table.AddEntriesFromFile("/nonexistent/table.txt").ok());

  for (const char* bad : {"policy | 1.2.3 | signing", "policy | x.y | signing | confirmed | - | - | production | n",
                          "bogus | 1.2.3 | signing | confirmed | - | - | production | n",
                          "policy | 1.2.3 | flying | confirmed | - | - | production | n",
                          "policy | 1.2.3 | signing | maybe | - | - | production | n",
                          "policy | 1.2.3 | signing | confirmed | watch | - | production | n",
                          "policy | 1.2.3 | signing | confirmed | - | - | staging | n",
                          "issuer | CN | signing | confirmed | - | - | production | n"}) {
    const size_t before = table.entries().size();
    EXPECT_FALSE(table.AddEntries(bad).ok()) << bad;
    EXPECT_EQ(table.entries().size(), before);
  }
}

TEST(JpkiProfileTest, BirthDate) {
  absl::StatusOr<BirthDate> d = ParseBirthDate("419900102");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->era, 4);
  EXPECT_EQ(d->EraName(), "平成");
  EXPECT_EQ(d->Iso(), "1990-01-02");
  EXPECT_EQ(ParseBirthDate("400000000")->Iso(), "");
  EXPECT_EQ(ParseBirthDate("520190500")->Iso(), "2019-05");
  for (const char* bad : {"", "41990010", "4199001022", "41990a102", "419901301", "419900230", "420230229"}) {
    EXPECT_FALSE(ParseBirthDate(bad).ok()) << bad;
  }
  EXPECT_TRUE(ParseBirthDate("420240229").ok());
}

Bytes Tlv(uint8_t tag, const Bytes& content) {
  Bytes out = {tag};
  if (content.size() >= 128) out.push_back(0x81);
  out.push_back(static_cast<uint8_t>(content.size()));
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

// subjectAltName with otherName entries { type-id, [0] EXPLICIT UTF8String } (OpenSSL's config syntax would
// re-encode the UTF-8 as Latin-1).
CertSpec::Raw OtherNameSan(const std::vector<std::pair<std::string, std::string>>& entries) {
  Bytes names;
  for (const auto& [dotted, text] : entries) {
    Bytes body = Tlv(0x06, Oid(dotted));
    const Bytes value = Tlv(0xa0, Tlv(0x0c, Bytes(text.begin(), text.end())));
    body.insert(body.end(), value.begin(), value.end());
    const Bytes other = Tlv(0xa0, body);
    names.insert(names.end(), other.begin(), other.end());
  }
  return {"2.5.29.17", false, Tlv(0x30, names)};
}

// A JPKI-shaped signing certificate under a signing-CA-named test root, holder attributes in otherName entries.
struct SigningFixture {
  Bytes root, leaf;
  SigningFixture() {
    root = MakeCert(CaSpec(kSignCa, TestKey(0)));
    CertSpec spec;
    spec.subject = {{"C", "JP"}, {"L", "Tokyo"}, {"L", "Kiyose-shi"}, {"CN", "20XX0000000000000001A"}};
    spec.issuer = kSignCa;
    spec.key = TestKey(2);
    spec.issuer_key = TestKey(0);
    spec.serial = 5;
    spec.extensions = {{"keyUsage", "critical,digitalSignature,nonRepudiation"}};
    spec.raw_extensions = {testing::PoliciesExt({"1.2.392.200149.8.5.1.1.20"}, true),
                           OtherNameSan({{"1.2.392.200149.8.5.5.1", "山田 太郎"},
                                         {"1.2.392.200149.8.5.5.3", "1"},
                                         {"1.2.392.200149.8.5.5.4", "419900102"},
                                         {"1.2.392.200149.8.5.5.5", "東京都清瀬市1-2-3"}})};
    leaf = MakeCert(spec);
  }
};

TEST(JpkiProfileTest, HolderAttributes) {
  SigningFixture f;
  absl::StatusOr<Certificate> leaf = Certificate::ParseView(f.leaf);
  ASSERT_TRUE(leaf.ok()) << leaf.status();
  absl::StatusOr<HolderAttributes> h = ExtractHolderAttributes(*leaf);
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(h->name, "山田 太郎");
  EXPECT_EQ(h->gender, "1");
  EXPECT_EQ(h->GenderName(), "male");
  ASSERT_TRUE(h->birth_date.has_value());
  EXPECT_EQ(h->birth_date->Iso(), "1990-01-02");
  EXPECT_EQ(h->address, "東京都清瀬市1-2-3");
  EXPECT_FALSE(h->name_substitute.has_value());
  const Classification c = Classify(*leaf);
  EXPECT_EQ(c.kind, JpkiKind::kSigning);
  EXPECT_EQ(c.medium, JpkiMedium::kCard);
}

TEST(JpkiProfileTest, HolderAttributeMustBeUtf8String) {
  CertSpec spec;
  spec.key = TestKey(2);
  spec.extensions = {{"subjectAltName", "otherName:1.2.392.200149.8.5.5.1;IA5:abc"}};
  absl::StatusOr<Certificate> c = Certificate::ParseView(MakeCert(spec));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_FALSE(ExtractHolderAttributes(*c).ok());
  spec.extensions = {
      {"subjectAltName", "otherName:1.2.392.200149.8.5.5.1;UTF8:a,otherName:1.2.392.200149.8.5.5.1;UTF8:b"}};
  c = Certificate::ParseView(MakeCert(spec));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_FALSE(ExtractHolderAttributes(*c).ok());
}

Bytes SignSha256(EVP_PKEY* key, const std::string& message) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
  size_t len = 0;
  EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  Bytes sig(len);
  EVP_DigestSign(ctx, sig.data(), &len, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  EVP_MD_CTX_free(ctx);
  return sig;
}

TEST(VerifierTest, VerifySignatureEndToEnd) {
  SigningFixture f;
  TrustStore store;
  ASSERT_TRUE(store.AddEncoded(f.root).ok());
  absl::StatusOr<Certificate> leaf = Certificate::ParseView(f.leaf);
  ASSERT_TRUE(leaf.ok());
  const std::string message = "I agree to the terms.";
  Bytes sig = SignSha256(TestKey(2), message);

  VerifyRequest request;
  request.message = AsBytes(message);
  request.signature = sig;
  request.signer = &*leaf;
  request.trust_store = &store;
  request.time = 1800000000;
  VerifyResult r = VerifySignature(request);
  ASSERT_TRUE(r.ok()) << r.detail;
  EXPECT_EQ(r.classification.kind, JpkiKind::kSigning);
  EXPECT_EQ(r.holder.name, "山田 太郎");
  EXPECT_EQ(r.path.chain.size(), 2u);

  request.want_holder_attributes = false;
  EXPECT_FALSE(VerifySignature(request).holder.name.has_value());

  const std::string other = "I do not agree.";
  request.message = AsBytes(other);
  EXPECT_EQ(VerifySignature(request).code, ValidationCode::kBadSignature);

  request.message.reset();
  EXPECT_EQ(VerifySignature(request).code, ValidationCode::kMalformed);  // neither message nor digest

  request.purpose = Purpose::kAuthentication;
  request.message = AsBytes(message);
  EXPECT_TRUE(VerifySignature(request).ok());
  request.time = 2000000000;
  EXPECT_EQ(VerifySignature(request).code, ValidationCode::kExpired);
}

}  // namespace
}  // namespace jpki::x509
