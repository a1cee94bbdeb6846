#include "x509/path_validator.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/x509/test_pki.h"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/oids.h"
#include "x509/trust_store.h"

namespace jpki::x509 {
namespace {

using testing::CaSpec;
using testing::CertSpec;
using testing::CrlSpec;
using testing::MakeCert;
using testing::MakeCrl;
using testing::NameSpec;
using testing::TestKey;

constexpr int64_t kNow = 1800000000;  // 2027-01-15

const NameSpec kRootName = {{"C", "JP"}, {"O", "Test"}, {"CN", "Root"}};
const NameSpec kInterName = {{"C", "JP"}, {"O", "Test"}, {"CN", "Intermediate"}};
const NameSpec kLeafName = {{"C", "JP"}, {"O", "Test"}, {"CN", "Leaf"}};

Certificate Parse(const Bytes& der) {
  absl::StatusOr<Certificate> c = Certificate::ParseView(der);
  EXPECT_TRUE(c.ok()) << c.status();
  return *c;
}

Crl ParseCrl(const Bytes& der) {
  absl::StatusOr<Crl> c = Crl::ParseView(der);
  EXPECT_TRUE(c.ok()) << c.status();
  return *c;
}

struct Hierarchy {
  Bytes root, inter, leaf;
  CertSpec root_spec, inter_spec, leaf_spec;

  // Build produces root -> intermediate -> leaf after the caller tweaks the specs.
  void Build() {
    root = MakeCert(root_spec);
    inter_spec.issuer_cert_der = root;
    inter = MakeCert(inter_spec);
    leaf_spec.issuer_cert_der = inter;
    leaf = MakeCert(leaf_spec);
  }
};

Hierarchy DefaultHierarchy() {
  Hierarchy h;
  h.root_spec = CaSpec(kRootName, TestKey(0));
  h.inter_spec = CaSpec(kInterName, TestKey(1), kRootName, TestKey(0));
  h.inter_spec.extensions.push_back({"authorityKeyIdentifier", "keyid"});
  h.inter_spec.serial = 2;
  h.leaf_spec.subject = kLeafName;
  h.leaf_spec.issuer = kInterName;
  h.leaf_spec.key = TestKey(2);
  h.leaf_spec.issuer_key = TestKey(1);
  h.leaf_spec.serial = 3;
  h.leaf_spec.extensions = {{"basicConstraints", "critical,CA:FALSE"},
                            {"keyUsage", "critical,digitalSignature,nonRepudiation"},
                            {"authorityKeyIdentifier", "keyid"}};
  return h;
}

ValidationResult Validate(const Hierarchy& h, const std::vector<Bytes>& crls = {},
                          ValidationOptions options = ValidationOptions::AtTime(kNow)) {
  TrustStore store;
  EXPECT_TRUE(store.Add(Parse(h.root)).ok());
  std::vector<Certificate> inters = {Parse(h.inter)};
  std::vector<Crl> parsed_crls;
  for (const Bytes& c : crls) parsed_crls.push_back(ParseCrl(c));
  return ValidatePath(Parse(h.leaf), inters, store, parsed_crls, options);
}

TEST(PathValidatorTest, ValidChain) {
  Hierarchy h = DefaultHierarchy();
  h.Build();
  ValidationResult r = Validate(h);
  ASSERT_TRUE(r.ok()) << r.detail;
  ASSERT_EQ(r.path.chain.size(), 3u);
  EXPECT_EQ(r.path.chain[0].subject().CommonName(), "Leaf");
  EXPECT_EQ(r.path.chain[2].subject().CommonName(), "Root");
  EXPECT_FALSE(r.path.revocation_checked);
  EXPECT_TRUE(r.ToStatus().ok());
}

TEST(PathValidatorTest, Expired) {
  Hierarchy h = DefaultHierarchy();
  h.leaf_spec.not_after = kNow - 10;
  h.Build();
  ValidationResult r = Validate(h);
  EXPECT_EQ(r.code, ValidationCode::kExpired) << r.detail;
  EXPECT_EQ(GetValidationCode(r.ToStatus()), ValidationCode::kExpired);
}

TEST(PathValidatorTest, IntermediateNotYetValid) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.not_before = kNow + 100;
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kNotYetValid);
}

TEST(PathValidatorTest, BadSignature) {
  Hierarchy h = DefaultHierarchy();
  h.leaf_spec.corrupt_signature = true;
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kBadSignature);
}

TEST(PathValidatorTest, SignedByWrongKey) {
  Hierarchy h = DefaultHierarchy();
  h.leaf_spec.issuer_key = TestKey(3);
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kBadSignature);
}

TEST(PathValidatorTest, UnknownIssuer) {
  Hierarchy h = DefaultHierarchy();
  h.Build();
  TrustStore store;
  ASSERT_TRUE(store.Add(Parse(h.root)).ok());
  ValidationResult r =
      ValidatePath(Parse(h.leaf), std::vector<Certificate>{}, store, {}, ValidationOptions::AtTime(kNow));
  EXPECT_EQ(r.code, ValidationCode::kUnknownIssuer);
  EXPECT_NE(r.detail.find("Intermediate"), std::string::npos) << r.detail;
}

TEST(PathValidatorTest, IntermediateNotACa) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.extensions = {{"basicConstraints", "critical,CA:FALSE"},
                             {"keyUsage", "critical,keyCertSign"},
                             {"subjectKeyIdentifier", "hash"}};
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kNotACa);
}

TEST(PathValidatorTest, IntermediateWithoutBasicConstraints) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.extensions = {{"keyUsage", "critical,keyCertSign"}, {"subjectKeyIdentifier", "hash"}};
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kNotACa);
}

TEST(PathValidatorTest, IntermediateWithoutKeyCertSign) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.extensions = {
      {"basicConstraints", "critical,CA:TRUE"}, {"keyUsage", "critical,cRLSign"}, {"subjectKeyIdentifier", "hash"}};
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kKeyUsage);
}

TEST(PathValidatorTest, PathLengthExceeded) {
  Hierarchy h = DefaultHierarchy();
  h.root_spec.extensions[0] = {"basicConstraints", "critical,CA:TRUE,pathlen:0"};
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kPathLengthExceeded);
}

TEST(PathValidatorTest, RootPathLengthOneAllowsOneIntermediate) {
  Hierarchy h = DefaultHierarchy();
  h.root_spec.extensions[0] = {"basicConstraints", "critical,CA:TRUE,pathlen:1"};
  h.Build();
  EXPECT_TRUE(Validate(h).ok());
}

TEST(PathValidatorTest, PathLengthOnIntermediateAllowsLeaf) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.extensions[0] = {"basicConstraints", "critical,CA:TRUE,pathlen:0"};
  h.Build();
  EXPECT_TRUE(Validate(h).ok());
}

TEST(PathValidatorTest, MaxPathLengthOption) {
  Hierarchy h = DefaultHierarchy();
  h.Build();
  ValidationOptions options = ValidationOptions::AtTime(kNow);
  options.max_path_length = 2;
  EXPECT_EQ(Validate(h, {}, options).code, ValidationCode::kPathLengthExceeded);
}

TEST(PathValidatorTest, LeafPurpose) {
  Hierarchy h = DefaultHierarchy();
  h.leaf_spec.extensions[1] = {"keyUsage", "critical,digitalSignature"};
  h.Build();
  ValidationOptions options = ValidationOptions::AtTime(kNow);
  options.purpose = Purpose::kSigning;
  EXPECT_EQ(Validate(h, {}, options).code, ValidationCode::kKeyUsage);
  options.purpose = Purpose::kAuthentication;
  EXPECT_TRUE(Validate(h, {}, options).ok());
  options.purpose = Purpose::kAny;
  EXPECT_TRUE(Validate(h, {}, options).ok());
}

TEST(PathValidatorTest, SigningPurposeAccepted) {
  Hierarchy h = DefaultHierarchy();
  h.Build();
  ValidationOptions options = ValidationOptions::AtTime(kNow);
  options.purpose = Purpose::kSigning;
  EXPECT_TRUE(Validate(h, {}, options).ok());
  options.purpose = Purpose::kAuthentication;
  EXPECT_TRUE(Validate(h, {}, options).ok());  // digitalSignature is also set
}

TEST(PathValidatorTest, UnhandledCriticalExtension) {
  Hierarchy h = DefaultHierarchy();
  h.leaf_spec.raw_extensions.push_back({"1.2.3.4.5", true, {0x05, 0x00}});
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kUnhandledCriticalExtension);
}

TEST(PathValidatorTest, UnknownNonCriticalExtensionIgnored) {
  Hierarchy h = DefaultHierarchy();
  h.leaf_spec.raw_extensions.push_back({"1.2.3.4.5", false, {0x05, 0x00}});
  h.Build();
  EXPECT_TRUE(Validate(h).ok());
}

TEST(PathValidatorTest, ExtKeyUsageRequirement) {
  Hierarchy h = DefaultHierarchy();
  h.leaf_spec.extensions.push_back({"extendedKeyUsage", "clientAuth"});
  h.Build();
  ValidationOptions options = ValidationOptions::AtTime(kNow);
  options.required_ext_key_usages = {Bytes(std::begin(oid::kServerAuth), std::end(oid::kServerAuth))};
  EXPECT_EQ(Validate(h, {}, options).code, ValidationCode::kKeyUsage);
  options.required_ext_key_usages = {Bytes(std::begin(oid::kClientAuth), std::end(oid::kClientAuth))};
  EXPECT_TRUE(Validate(h, {}, options).ok());
}

TEST(PathValidatorTest, ExpiredRoot) {
  Hierarchy h = DefaultHierarchy();
  h.root_spec.not_after = kNow - 1;
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kExpired);
  // Validation at a time when the root was valid succeeds (old signatures under an expired J-LIS generation).
  EXPECT_TRUE(Validate(h, {}, ValidationOptions::AtTime(kNow - 1000)).ok());
}

// Three roots with one name (the J-LIS generations): the validator picks the one whose key signed the chain.
TEST(PathValidatorTest, ThreeSameNamedRootsChosenBySignature) {
  std::vector<Bytes> roots;
  for (int g = 0; g < 3; ++g) {
    CertSpec spec = CaSpec(kRootName, TestKey(10 + g));
    spec.serial = 100 + g;
    roots.push_back(MakeCert(spec));
  }
  TrustStore store;
  for (const Bytes& r : roots) ASSERT_TRUE(store.Add(Parse(r)).ok());
  ASSERT_EQ(store.size(), 3u);
  ASSERT_EQ(store.FindBySubject(Parse(roots[0]).subject()).size(), 3u);
  for (int g = 0; g < 3; ++g) {
    // Issued without AKI, so only the signature can tell the generations apart.
    CertSpec leaf;
    leaf.subject = kLeafName;
    leaf.issuer = kRootName;
    leaf.key = TestKey(2);
    leaf.issuer_key = TestKey(10 + g);
    leaf.extensions = {{"keyUsage", "critical,digitalSignature,nonRepudiation"}};
    ValidationResult r =
        ValidatePath(Parse(MakeCert(leaf)), std::vector<Certificate>{}, store, {}, ValidationOptions::AtTime(kNow));
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_TRUE(r.path.chain.back().SameBytes(Parse(roots[g]))) << "generation " << g;
    ASSERT_NE(r.path.anchor, nullptr);
  }
}

// Backtracking: two intermediates with the same name, the first one tried has the wrong key.
TEST(PathValidatorTest, BacktracksAcrossSameNamedIntermediates) {
  Hierarchy h = DefaultHierarchy();
  h.Build();
  CertSpec decoy_spec = CaSpec(kInterName, TestKey(4), kRootName, TestKey(0));
  decoy_spec.serial = 9;
  Bytes decoy = MakeCert(decoy_spec);
  TrustStore store;
  ASSERT_TRUE(store.Add(Parse(h.root)).ok());
  std::vector<Certificate> inters = {Parse(decoy), Parse(h.inter)};
  ValidationResult r = ValidatePath(Parse(h.leaf), inters, store, {}, ValidationOptions::AtTime(kNow));
  ASSERT_TRUE(r.ok()) << r.detail;
  EXPECT_TRUE(r.path.chain[1].SameBytes(Parse(h.inter)));
}

// Backtracking past a complete path that fails a later check: an expired intermediate and a valid one.
TEST(PathValidatorTest, BacktracksPastExpiredAlternative) {
  Hierarchy h = DefaultHierarchy();
  h.Build();
  CertSpec old_spec = h.inter_spec;
  old_spec.not_after = kNow - 5;
  old_spec.serial = 20;
  Bytes old_inter = MakeCert(old_spec);  // same key as the good intermediate
  TrustStore store;
  ASSERT_TRUE(store.Add(Parse(h.root)).ok());
  std::vector<Certificate> inters = {Parse(old_inter), Parse(h.inter)};
  ValidationResult r = ValidatePath(Parse(h.leaf), inters, store, {}, ValidationOptions::AtTime(kNow));
  ASSERT_TRUE(r.ok()) << r.detail;
  // With only the expired one, the error is the expiry, not unknown_issuer.
  std::vector<Certificate> only_old = {Parse(old_inter)};
  EXPECT_EQ(ValidatePath(Parse(h.leaf), only_old, store, {}, ValidationOptions::AtTime(kNow)).code,
            ValidationCode::kExpired);
}

// Loops: two cross-signed CAs and no anchor that ends the loop.
TEST(PathValidatorTest, LoopTerminates) {
  const NameSpec a = {{"CN", "A"}}, b = {{"CN", "B"}};
  Bytes a_by_b = MakeCert(CaSpec(a, TestKey(5), b, TestKey(6)));
  Bytes b_by_a = MakeCert(CaSpec(b, TestKey(6), a, TestKey(5)));
  CertSpec leaf;
  leaf.subject = kLeafName;
  leaf.issuer = a;
  leaf.key = TestKey(2);
  leaf.issuer_key = TestKey(5);
  TrustStore store;
  ASSERT_TRUE(store.Add(Parse(MakeCert(CaSpec(kRootName, TestKey(0))))).ok());
  std::vector<Certificate> inters = {Parse(a_by_b), Parse(b_by_a)};
  ValidationResult r = ValidatePath(Parse(MakeCert(leaf)), inters, store, {}, ValidationOptions::AtTime(kNow));
  EXPECT_EQ(r.code, ValidationCode::kUnknownIssuer) << r.detail;
}

TEST(PathValidatorTest, WeakIntermediateKeyRejected) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.key = TestKey(7, 1024);
  h.leaf_spec.issuer_key = TestKey(7, 1024);
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kPolicy);
}

TEST(PathValidatorTest, PssSignatures) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.pss = true;
  h.leaf_spec.pss = true;
  h.leaf_spec.digest = "sha384";
  h.Build();
  ValidationResult r = Validate(h);
  EXPECT_TRUE(r.ok()) << r.detail;
}

TEST(PathValidatorTest, Sha512) {
  Hierarchy h = DefaultHierarchy();
  h.leaf_spec.digest = "sha512";
  h.Build();
  EXPECT_TRUE(Validate(h).ok());
}

// ---- Name constraints ----

TEST(PathValidatorTest, NameConstraintsDirectoryName) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.extensions.push_back({"nameConstraints", "critical,permitted;dirName:dir_sect"});
  // OpenSSL's dirName needs a config section; use an excluded DNS constraint instead for the negative and a
  // raw encoding for the directoryName case below.
  h.inter_spec.extensions.pop_back();
  // permittedSubtrees [0] { GeneralSubtree { [4] { Name C=JP, O=Test } } }
  const Bytes name = {0x30, 0x1d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02, 'J', 'P', 0x31,
                      0x0e, 0x30, 0x0c, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c, 0x05, 'O',  't',  'h',  'e', 'r'};
  Bytes nc = {0x30, static_cast<uint8_t>(name.size() + 6), 0xa0, static_cast<uint8_t>(name.size() + 4),
              0x30, static_cast<uint8_t>(name.size() + 2), 0xa4, static_cast<uint8_t>(name.size())};
  nc.insert(nc.end(), name.begin(), name.end());
  h.inter_spec.raw_extensions.push_back({"2.5.29.30", true, nc});
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kNameMismatch);  // leaf is O=Test, not O=Other

  Hierarchy ok = DefaultHierarchy();
  Bytes ok_name = name;
  ok_name = {0x30, 0x1c, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03, 0x55, 0x04, 0x06, 0x13, 0x02, 'J', 'P',
             0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x0a, 0x0c, 0x04, 'T',  'e',  's', 't'};
  Bytes ok_nc = {0x30, static_cast<uint8_t>(ok_name.size() + 6), 0xa0, static_cast<uint8_t>(ok_name.size() + 4),
                 0x30, static_cast<uint8_t>(ok_name.size() + 2), 0xa4, static_cast<uint8_t>(ok_name.size())};
  ok_nc.insert(ok_nc.end(), ok_name.begin(), ok_name.end());
  ok.inter_spec.raw_extensions.push_back({"2.5.29.30", true, ok_nc});
  ok.Build();
  ValidationResult r = Validate(ok);
  EXPECT_TRUE(r.ok()) << r.detail;
}

TEST(PathValidatorTest, NameConstraintsDns) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.extensions.push_back({"nameConstraints", "critical,permitted;DNS:example.com"});
  h.leaf_spec.extensions.push_back({"subjectAltName", "DNS:www.example.com"});
  h.Build();
  EXPECT_TRUE(Validate(h).ok());

  Hierarchy bad = DefaultHierarchy();
  bad.inter_spec.extensions.push_back({"nameConstraints", "critical,permitted;DNS:example.com"});
  bad.leaf_spec.extensions.push_back({"subjectAltName", "DNS:www.example.org"});
  bad.Build();
  EXPECT_EQ(Validate(bad).code, ValidationCode::kNameMismatch);
}

TEST(PathValidatorTest, NameConstraintsExcludedEmailUriIp) {
  struct Case {
    std::string constraint, san;
    bool ok;
  } cases[] = {
      {"excluded;email:bad.example", "email:user@bad.example", false},
      {"excluded;email:bad.example", "email:user@good.example", true},
      {"permitted;URI:.example.com", "URI:https://a.example.com/x", true},
      {"permitted;URI:.example.com", "URI:https://example.org/x", false},
      {"permitted;IP:192.0.2.0/255.255.255.0", "IP:192.0.2.7", true},
      {"permitted;IP:192.0.2.0/255.255.255.0", "IP:198.51.100.1", false},
      {"excluded;IP:2001:db8::/ffff:ffff::", "IP:2001:db8::1", false},
  };
  for (const Case& c : cases) {
    Hierarchy h = DefaultHierarchy();
    h.inter_spec.extensions.push_back({"nameConstraints", "critical," + c.constraint});
    h.leaf_spec.extensions.push_back({"subjectAltName", c.san});
    h.Build();
    ValidationResult r = Validate(h);
    EXPECT_EQ(r.ok(), c.ok) << c.constraint << " " << c.san << ": " << r.detail;
    if (!c.ok) EXPECT_EQ(r.code, ValidationCode::kNameMismatch);
  }
}

// ---- Policies ----

ValidationOptions PolicyOptions(std::vector<std::string> initial, bool explicit_policy) {
  ValidationOptions options = ValidationOptions::AtTime(kNow);
  for (const auto& p : initial) options.initial_policy_set.push_back(*oid::FromDotted(p));
  options.initial_explicit_policy = explicit_policy;
  return options;
}

TEST(PathValidatorTest, PolicyMatch) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.raw_extensions.push_back(testing::PoliciesExt({"1.2.3.1"}));
  h.leaf_spec.raw_extensions.push_back(testing::PoliciesExt({"1.2.3.1"}));
  h.Build();
  ValidationResult r = Validate(h, {}, PolicyOptions({"1.2.3.1"}, true));
  ASSERT_TRUE(r.ok()) << r.detail;
  EXPECT_EQ(r.path.valid_policies, std::vector<std::string>{"1.2.3.1"});
  EXPECT_EQ(Validate(h, {}, PolicyOptions({"1.2.3.2"}, true)).code, ValidationCode::kPolicy);
  // Without an explicit policy requirement a mismatch is not an error.
  EXPECT_TRUE(Validate(h, {}, PolicyOptions({"1.2.3.2"}, false)).ok());
}

TEST(PathValidatorTest, PolicyMissingOnLeafWithRequireExplicit) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.raw_extensions.push_back(testing::PoliciesExt({"1.2.3.1"}));
  h.inter_spec.extensions.push_back({"policyConstraints", "critical,requireExplicitPolicy:0"});
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kPolicy);
}

TEST(PathValidatorTest, AnyPolicyAndInhibitAnyPolicy) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.raw_extensions.push_back(testing::PoliciesExt({"2.5.29.32.0"}));
  h.leaf_spec.raw_extensions.push_back(testing::PoliciesExt({"1.2.3.1"}));
  h.Build();
  EXPECT_TRUE(Validate(h, {}, PolicyOptions({"1.2.3.1"}, true)).ok());

  Hierarchy inhibited = DefaultHierarchy();
  inhibited.root_spec.extensions.push_back({"inhibitAnyPolicy", "critical,0"});
  inhibited.inter_spec.raw_extensions.push_back(testing::PoliciesExt({"2.5.29.32.0"}));
  inhibited.leaf_spec.raw_extensions.push_back(testing::PoliciesExt({"1.2.3.1"}));
  inhibited.Build();
  ValidationOptions options = PolicyOptions({"1.2.3.1"}, true);
  options.initial_any_policy_inhibit = true;
  EXPECT_EQ(Validate(inhibited, {}, options).code, ValidationCode::kPolicy);
}

TEST(PathValidatorTest, PolicyMapping) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.raw_extensions.push_back(testing::PoliciesExt({"1.2.3.1"}));
  h.inter_spec.raw_extensions.push_back(testing::MappingsExt({{"1.2.3.1", "1.2.3.9"}}));
  h.leaf_spec.raw_extensions.push_back(testing::PoliciesExt({"1.2.3.9"}));
  h.Build();
  ValidationResult r = Validate(h, {}, PolicyOptions({"1.2.3.1"}, true));
  ASSERT_TRUE(r.ok()) << r.detail;
  ValidationOptions inhibit = PolicyOptions({"1.2.3.1"}, true);
  inhibit.initial_policy_mapping_inhibit = true;
  EXPECT_EQ(Validate(h, {}, inhibit).code, ValidationCode::kPolicy);
}

TEST(PathValidatorTest, PolicyMappingFromAnyPolicyRejected) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.raw_extensions.push_back(testing::PoliciesExt({"1.2.3.1"}));
  h.inter_spec.raw_extensions.push_back(testing::MappingsExt({{"2.5.29.32.0", "1.2.3.9"}}));
  h.leaf_spec.raw_extensions.push_back(testing::PoliciesExt({"1.2.3.9"}));
  h.Build();
  EXPECT_EQ(Validate(h).code, ValidationCode::kPolicy);
}

// ---- CRLs ----

struct CrlFixture {
  Hierarchy h = DefaultHierarchy();
  CrlFixture() { h.Build(); }
  Bytes RootCrl(std::vector<std::pair<long, int64_t>> revoked = {}) const {
    CrlSpec spec;
    spec.issuer = kRootName;
    spec.issuer_key = TestKey(0);
    spec.revoked = std::move(revoked);
    return MakeCrl(spec);
  }
  Bytes InterCrl(std::vector<std::pair<long, int64_t>> revoked = {}) const {
    CrlSpec spec;
    spec.issuer = kInterName;
    spec.issuer_key = TestKey(1);
    spec.revoked = std::move(revoked);
    return MakeCrl(spec);
  }
};

TEST(PathValidatorTest, CrlNotRevoked) {
  CrlFixture f;
  ValidationResult r = Validate(f.h, {f.RootCrl(), f.InterCrl({{77, kNow - 100}})});
  ASSERT_TRUE(r.ok()) << r.detail;
  EXPECT_TRUE(r.path.revocation_checked);
}

TEST(PathValidatorTest, CrlRevokedLeaf) {
  CrlFixture f;
  ValidationResult r = Validate(f.h, {f.RootCrl(), f.InterCrl({{3, kNow - 100}})});
  EXPECT_EQ(r.code, ValidationCode::kRevoked) << r.detail;
  // A revocation after the validation time does not count.
  EXPECT_TRUE(Validate(f.h, {f.RootCrl(), f.InterCrl({{3, kNow + 100}})}).ok());
}

TEST(PathValidatorTest, CrlRevokedIntermediate) {
  CrlFixture f;
  EXPECT_EQ(Validate(f.h, {f.RootCrl({{2, kNow - 100}}), f.InterCrl()}).code, ValidationCode::kRevoked);
}

TEST(PathValidatorTest, CrlMissingCoverage) {
  CrlFixture f;
  EXPECT_EQ(Validate(f.h, {f.InterCrl()}).code, ValidationCode::kRevocationUnknown);
}

TEST(PathValidatorTest, CrlExpired) {
  CrlFixture f;
  CrlSpec spec;
  spec.issuer = kInterName;
  spec.issuer_key = TestKey(1);
  spec.this_update = kNow - 1000;
  spec.next_update = kNow - 10;
  EXPECT_EQ(Validate(f.h, {f.RootCrl(), MakeCrl(spec)}).code, ValidationCode::kCrlExpired);
}

TEST(PathValidatorTest, CrlBadSignature) {
  CrlFixture f;
  CrlSpec spec;
  spec.issuer = kInterName;
  spec.issuer_key = TestKey(1);
  spec.corrupt_signature = true;
  EXPECT_EQ(Validate(f.h, {f.RootCrl(), MakeCrl(spec)}).code, ValidationCode::kCrlBadSignature);
  spec.corrupt_signature = false;
  spec.issuer_key = TestKey(3);  // signed by someone else under the issuer's name
  EXPECT_EQ(Validate(f.h, {f.RootCrl(), MakeCrl(spec)}).code, ValidationCode::kCrlBadSignature);
}

TEST(PathValidatorTest, CrlIssuerWithoutCrlSign) {
  Hierarchy h = DefaultHierarchy();
  h.inter_spec.extensions[1] = {"keyUsage", "critical,keyCertSign"};
  h.Build();
  CrlFixture f;
  CrlSpec spec;
  spec.issuer = kInterName;
  spec.issuer_key = TestKey(1);
  EXPECT_EQ(Validate(h, {f.RootCrl(), MakeCrl(spec)}).code, ValidationCode::kCrlBadSignature);
}

TEST(PathValidatorTest, CrlDistributionPointScope) {
  // The leaf names a distribution point; a CRL whose IDP names another one does not cover it.
  Hierarchy h = DefaultHierarchy();
  h.leaf_spec.extensions.push_back({"crlDistributionPoints", "URI:http://crl.example/a.crl"});
  h.Build();
  CrlFixture f;
  CrlSpec other;
  other.issuer = kInterName;
  other.issuer_key = TestKey(1);
  other.extensions = {{"issuingDistributionPoint", "critical,fullname:URI:http://crl.example/b.crl"}};
  EXPECT_EQ(Validate(h, {f.RootCrl(), MakeCrl(other)}).code, ValidationCode::kRevocationUnknown);
  CrlSpec same = other;
  same.extensions = {{"issuingDistributionPoint", "critical,fullname:URI:http://crl.example/a.crl"}};
  same.revoked = {{3, kNow - 5}};
  ValidationResult same_result = Validate(h, {f.RootCrl(), MakeCrl(same)});
  EXPECT_EQ(same_result.code, ValidationCode::kRevoked) << same_result.detail;
  CrlSpec ca_only = other;
  ca_only.extensions = {{"issuingDistributionPoint", "critical,onlyCA:TRUE"}};
  EXPECT_EQ(Validate(h, {f.RootCrl(), MakeCrl(ca_only)}).code, ValidationCode::kRevocationUnknown);
}

TEST(PathValidatorTest, NameHelpers) {
  EXPECT_EQ(PurposeName(Purpose::kSigning), "signing");
  EXPECT_EQ(ParsePurpose("authentication"), Purpose::kAuthentication);
  EXPECT_EQ(ParsePurpose("bogus"), std::nullopt);
}

}  // namespace
}  // namespace jpki::x509
