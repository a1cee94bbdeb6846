// Unit tests of the path-validation building blocks: validation codes, VerificationKey, name-constraint matchers,
// host-name matching and the policy-tree bound.
#include <string>
#include <vector>

#include "base/error.h"
#include "gtest/gtest.h"
#include "tests/x509/test_pki.h"
#include "x509/certificate.h"
#include "x509/host_name.h"
#include "x509/name.h"
#include "x509/name_constraints.h"
#include "x509/path_validator.h"
#include "x509/trust_store.h"
#include "x509/validation_code.h"
#include "x509/verification_key.h"

namespace jpki::x509 {
namespace {

using testing::CaSpec;
using testing::CertSpec;
using testing::MakeCert;
using testing::TestKey;

Certificate Parse(const Bytes& der) { return *Certificate::ParseView(der); }

TEST(ValidationCodeTest, NamesRoundTrip) {
  const std::vector<std::string> cli = {"expired",
                                        "not_yet_valid",
                                        "revoked",
                                        "bad_signature",
                                        "unknown_issuer",
                                        "not_a_ca",
                                        "path_length_exceeded",
                                        "key_usage",
                                        "unhandled_critical_extension",
                                        "crl_expired",
                                        "crl_bad_signature",
                                        "revocation_unknown",
                                        "name_mismatch",
                                        "policy",
                                        "malformed"};
  for (const std::string& name : cli) {
    std::optional<ValidationCode> code = ParseValidationCodeName(name);
    ASSERT_TRUE(code.has_value()) << name;
    EXPECT_EQ(ValidationCodeName(*code), name);
    const absl::Status status = ValidationError(*code, "detail");
    EXPECT_EQ(GetValidationCode(status), *code);
    EXPECT_EQ(status.message(), "x509: " + name + ": detail");
    EXPECT_EQ(GetErrorCode(status),
              *code == ValidationCode::kMalformed ? ErrorCode::kMalformedInput : ErrorCode::kCertificateRejected);
  }
  EXPECT_FALSE(ParseValidationCodeName("bogus").has_value());
  EXPECT_EQ(GetValidationCode(absl::OkStatus()), ValidationCode::kOk);
  EXPECT_EQ(GetValidationCode(MakeError(ErrorCode::kBadSignature, "rsa", "x")), ValidationCode::kBadSignature);
  EXPECT_EQ(GetValidationCode(MakeError(ErrorCode::kMalformedInput, "asn1", "x")), ValidationCode::kMalformed);
}

TEST(VerificationKeyTest, VerifiesAndRejects) {
  const Certificate root = Parse(MakeCert(CaSpec({{"CN", "R"}}, TestKey(0))));
  CertSpec leaf_spec;
  leaf_spec.issuer = {{"CN", "R"}};
  leaf_spec.key = TestKey(1);
  leaf_spec.issuer_key = TestKey(0);
  const Certificate leaf = Parse(MakeCert(leaf_spec));
  absl::StatusOr<std::shared_ptr<const VerificationKey>> key = VerificationKey::FromCertificate(root);
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ((*key)->modulus_bits(), 2048u);
  EXPECT_TRUE((*key)->Verify(leaf.signature_algorithm(), leaf.tbs_der(), leaf.signature()).ok());
  Bytes tbs = ToBytes(leaf.tbs_der());
  tbs[10] ^= 1;
  EXPECT_EQ(GetErrorCode((*key)->Verify(leaf.signature_algorithm(), tbs, leaf.signature())), ErrorCode::kBadSignature);
  const Bytes short_sig(leaf.signature().begin(), leaf.signature().end() - 1);
  EXPECT_EQ(GetErrorCode((*key)->Verify(leaf.signature_algorithm(), leaf.tbs_der(), short_sig)),
            ErrorCode::kBadSignature);
  EXPECT_EQ(GetErrorCode((*key)->VerifyDigest(leaf.signature_algorithm(), Bytes(31), leaf.signature())),
            ErrorCode::kBadSignature);
  SignatureAlgorithm unknown = leaf.signature_algorithm();
  unknown.kind = SignatureAlgorithmKind::kUnknown;
  EXPECT_EQ(GetErrorCode((*key)->Verify(unknown, leaf.tbs_der(), leaf.signature())), ErrorCode::kUnsupported);
  // A key below the minimum is a policy violation; a 1024-bit key passes with a lowered minimum.
  const Certificate weak = Parse(MakeCert(CaSpec({{"CN", "W"}}, TestKey(7, 1024))));
  EXPECT_EQ(GetErrorCode(VerificationKey::FromCertificate(weak).status()), ErrorCode::kPolicyViolation);
  EXPECT_TRUE(VerificationKey::FromCertificate(weak, 1024).ok());
}

TEST(VerificationKeyTest, Cache) {
  VerificationKey::ClearCache();
  const Certificate root = Parse(MakeCert(CaSpec({{"CN", "R"}}, TestKey(0))));
  auto a = VerificationKey::FromCertificateCached(root);
  auto b = VerificationKey::FromCertificateCached(root);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->get(), b->get());
  VerificationKey::ClearCache();
  auto c = VerificationKey::FromCertificateCached(root);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a->get(), c->get());
  // The size policy applies to cache hits too.
  const Certificate weak = Parse(MakeCert(CaSpec({{"CN", "W"}}, TestKey(7, 1024))));
  ASSERT_TRUE(VerificationKey::FromCertificateCached(weak, 1024).ok());
  EXPECT_FALSE(VerificationKey::FromCertificateCached(weak).ok());
}

TEST(NameConstraintMatchTest, Dns) {
  EXPECT_TRUE(DnsNameMatchesConstraint("example.com", "example.com"));
  EXPECT_TRUE(DnsNameMatchesConstraint("www.EXAMPLE.com", "example.com"));
  EXPECT_FALSE(DnsNameMatchesConstraint("badexample.com", "example.com"));
  EXPECT_FALSE(DnsNameMatchesConstraint("example.com", ".example.com"));
  EXPECT_TRUE(DnsNameMatchesConstraint("a.example.com", ".example.com"));
  EXPECT_TRUE(DnsNameMatchesConstraint("anything", ""));
}

TEST(NameConstraintMatchTest, EmailUriIp) {
  EXPECT_TRUE(EmailMatchesConstraint("a@example.com", "a@example.com"));
  EXPECT_FALSE(EmailMatchesConstraint("b@example.com", "a@example.com"));
  EXPECT_TRUE(EmailMatchesConstraint("b@Example.com", "example.com"));
  EXPECT_FALSE(EmailMatchesConstraint("b@mail.example.com", "example.com"));
  EXPECT_TRUE(EmailMatchesConstraint("b@mail.example.com", ".example.com"));
  EXPECT_FALSE(EmailMatchesConstraint("not-an-address", "example.com"));
  EXPECT_TRUE(UriMatchesConstraint("https://user@host.example.com:8443/p?q", ".example.com"));
  EXPECT_TRUE(UriMatchesConstraint("ldap://example.com/cn=x", "example.com"));
  EXPECT_FALSE(UriMatchesConstraint("urn:isbn:123", "example.com"));
  EXPECT_FALSE(UriMatchesConstraint("https://[2001:db8::1]/", "example.com"));
  const uint8_t addr[] = {192, 0, 2, 7};
  const uint8_t net[] = {192, 0, 2, 0, 255, 255, 255, 0};
  const uint8_t other[] = {198, 51, 100, 0, 255, 255, 255, 0};
  EXPECT_TRUE(IpMatchesConstraint(addr, net));
  EXPECT_FALSE(IpMatchesConstraint(addr, other));
  EXPECT_FALSE(IpMatchesConstraint(addr, ByteView(net, 4)));
}

TEST(NameConstraintMatchTest, DirectoryName) {
  const Certificate c = Parse(MakeCert(CaSpec({{"C", "JP"}, {"O", "Test"}, {"CN", "x"}}, TestKey(0))));
  const Certificate base = Parse(MakeCert(CaSpec({{"C", "JP"}, {"O", "TEST  "}}, TestKey(0))));
  const Certificate other = Parse(MakeCert(CaSpec({{"C", "JP"}, {"O", "Other"}}, TestKey(0))));
  EXPECT_TRUE(DirectoryNameWithin(c.subject(), base.subject()));  // case and spaces folded (RFC 5280 7.1)
  EXPECT_FALSE(DirectoryNameWithin(c.subject(), other.subject()));
  EXPECT_FALSE(DirectoryNameWithin(base.subject(), c.subject()));
}

TEST(HostNameTest, DnsAndIp) {
  CertSpec spec;
  spec.key = TestKey(0);
  spec.extensions = {{"subjectAltName", "DNS:www.example.com,DNS:*.example.org,DNS:*.com,IP:192.0.2.1"}};
  const Certificate c = Parse(MakeCert(spec));
  EXPECT_TRUE(MatchesDnsName(c, "www.example.com"));
  EXPECT_TRUE(MatchesDnsName(c, "WWW.Example.Com."));
  EXPECT_FALSE(MatchesDnsName(c, "example.com"));
  EXPECT_TRUE(MatchesDnsName(c, "a.example.org"));
  EXPECT_FALSE(MatchesDnsName(c, "a.b.example.org"));  // one label only
  EXPECT_FALSE(MatchesDnsName(c, "example.org"));
  EXPECT_FALSE(MatchesDnsName(c, "foo.com"));  // "*.com" is never honoured
  const uint8_t ip[] = {192, 0, 2, 1};
  const uint8_t other[] = {192, 0, 2, 2};
  EXPECT_TRUE(MatchesIpAddress(c, ip));
  EXPECT_FALSE(MatchesIpAddress(c, other));
  CertSpec no_san;
  no_san.key = TestKey(0);
  EXPECT_FALSE(MatchesDnsName(Parse(MakeCert(no_san)), "leaf"));
}

// The policy tree is bounded: many policies and mappings cannot make validation allocate without limit.
TEST(PolicyTreeTest, NodeBound) {
  std::vector<std::string> policies;
  std::vector<std::pair<std::string, std::string>> mappings;
  for (int i = 0; i < 40; ++i) policies.push_back("1.2.3." + std::to_string(i));
  for (int i = 0; i < 40; ++i) {
    for (int j = 0; j < 10; ++j) mappings.push_back({"1.2.3." + std::to_string(i), "1.2.4." + std::to_string(j)});
  }
  CertSpec root = CaSpec({{"CN", "R"}}, TestKey(0));
  CertSpec inter = CaSpec({{"CN", "I"}}, TestKey(1), {{"CN", "R"}}, TestKey(0));
  inter.raw_extensions = {testing::PoliciesExt(policies), testing::MappingsExt(mappings)};
  CertSpec leaf;
  leaf.subject = {{"CN", "L"}};
  leaf.issuer = {{"CN", "I"}};
  leaf.key = TestKey(2);
  leaf.issuer_key = TestKey(1);
  std::vector<std::string> leaf_policies;
  for (int j = 0; j < 10; ++j) leaf_policies.push_back("1.2.4." + std::to_string(j));
  leaf.raw_extensions = {testing::PoliciesExt(leaf_policies)};
  TrustStore store;
  ASSERT_TRUE(store.AddEncoded(MakeCert(root)).ok());
  std::vector<Certificate> inters = {Parse(MakeCert(inter))};
  ValidationOptions options = ValidationOptions::AtTime(1800000000);
  ValidationResult ok = ValidatePath(Parse(MakeCert(leaf)), inters, store, {}, options);
  EXPECT_TRUE(ok.ok()) << ok.detail;
  options.max_policy_nodes = 20;
  ValidationResult bounded = ValidatePath(Parse(MakeCert(leaf)), inters, store, {}, options);
  EXPECT_EQ(bounded.code, ValidationCode::kPolicy);
  EXPECT_NE(bounded.detail.find("policy tree exceeds"), std::string::npos) << bounded.detail;
}

}  // namespace
}  // namespace jpki::x509
