// Tests for x509/extensions.h and x509/extension_encoders.h: every typed decoder on valid DER (encode -> decode ->
// same value -> same bytes) and on each malformed form it must reject; Extensions list rules; GeneralName forms.
#include "x509/extensions.h"

#include "base/error.h"
#include "gtest/gtest.h"
#include "x509/extension_encoders.h"
#include "x509/general_name.h"
#include "x509/name.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

Bytes H(const char* hex) { return *HexDecode(hex); }

void ExpectRoundTrip(ByteView oid, const Bytes& value) {
  Extension e{oid, false, value, {}};
  auto re = ReencodeExtensionValue(e);
  ASSERT_TRUE(re.ok()) << re.status();
  EXPECT_EQ(HexEncode(*re), HexEncode(value));
}

TEST(ExtensionsTest, BasicConstraints) {
  auto ca = ParseBasicConstraints(H("30060101ff020103"));
  ASSERT_TRUE(ca.ok());
  EXPECT_TRUE(ca->ca);
  EXPECT_EQ(ca->path_len, 3u);
  auto leaf = ParseBasicConstraints(H("3000"));
  ASSERT_TRUE(leaf.ok());
  EXPECT_FALSE(leaf->ca);
  EXPECT_EQ(HexEncode(EncodeBasicConstraints(*ca)), "30060101ff020103");
  EXPECT_EQ(HexEncode(EncodeBasicConstraints(BasicConstraints{})), "3000");
  EXPECT_FALSE(ParseBasicConstraints(H("3003010100")).ok());              // explicit FALSE
  EXPECT_FALSE(ParseBasicConstraints(H("30060101ff0201ff")).ok());        // negative pathLen
  EXPECT_FALSE(ParseBasicConstraints(H("300001")).ok());                  // trailing
  EXPECT_FALSE(ParseBasicConstraints(H("30080101ff020401000000")).ok());  // 2^32: unreasonable
}

TEST(ExtensionsTest, KeyUsage) {
  auto ku = ParseKeyUsage(H("030206c0"));
  ASSERT_TRUE(ku.ok());
  EXPECT_EQ(ku->Names(), (std::vector<std::string_view>{"digitalSignature", "nonRepudiation"}));
  auto ca = ParseKeyUsage(H("03020106"));
  ASSERT_TRUE(ca.ok());
  EXPECT_TRUE(ca->Has(KeyUsageBit::kKeyCertSign));
  EXPECT_TRUE(ca->Has(KeyUsageBit::kCrlSign));
  EXPECT_FALSE(ca->Has(KeyUsageBit::kDigitalSignature));
  auto decipher = ParseKeyUsage(H("0303070080"));
  ASSERT_TRUE(decipher.ok());
  EXPECT_EQ(decipher->Names(), (std::vector<std::string_view>{"decipherOnly"}));
  EXPECT_EQ(HexEncode(EncodeKeyUsage(*ku)), "030206c0");
  EXPECT_EQ(HexEncode(EncodeKeyUsage(*decipher)), "0303070080");
  EXPECT_FALSE(ParseKeyUsage(H("030100")).ok());      // no bits
  EXPECT_FALSE(ParseKeyUsage(H("030205c0")).ok());    // trailing zero bits (DER)
  EXPECT_FALSE(ParseKeyUsage(H("0303060040")).ok());  // bit 9: unknown
  EXPECT_FALSE(ParseKeyUsage(H("030206c1")).ok());    // unused bit set
}

TEST(ExtensionsTest, ExtKeyUsageAndKeyIds) {
  Bytes eku = EncodeExtKeyUsage({ToBytes(oid::kServerAuth), ToBytes(oid::kClientAuth)});
  auto parsed = ParseExtKeyUsage(eku);
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->Has(oid::kClientAuth));
  EXPECT_FALSE(parsed->Has(oid::kCodeSigning));
  EXPECT_FALSE(ParseExtKeyUsage(H("3000")).ok());
  EXPECT_EQ(HexEncode(*ParseSubjectKeyIdentifier(H("0403010203"))), "010203");
  EXPECT_FALSE(ParseSubjectKeyIdentifier(H("0303000102")).ok());
  AuthorityKeyIdentifierSpec spec;
  spec.key_id = Bytes{1, 2};
  spec.issuer = {GeneralNameSpec::Dns("ca.example")};
  spec.serial = Bytes{0x05};
  Bytes aki = EncodeAuthorityKeyIdentifier(spec);
  auto a = ParseAuthorityKeyIdentifier(aki);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(HexEncode(*a->key_id), "0102");
  EXPECT_EQ(a->issuer[0].text(), "ca.example");
  EXPECT_EQ(HexEncode(*a->serial), "05");
  ExpectRoundTrip(oid::kAuthorityKeyIdentifier, aki);
  spec.serial.reset();
  EXPECT_FALSE(ParseAuthorityKeyIdentifier(EncodeAuthorityKeyIdentifier(spec)).ok());  // issuer without serial
}

TEST(ExtensionsTest, CertificatePoliciesWithQualifiers) {
  std::vector<PolicyInformationSpec> policies(2);
  policies[0].policy_id = *oid::FromDotted("1.2.392.200149.8.5.1.1.20");
  policies[0].qualifiers = {PolicyQualifierSpec::Cps("http://www.jpki.go.jp/cps.html"),
                            PolicyQualifierSpec::UserNoticeText("公的個人認証")};
  policies[1].policy_id = ToBytes(oid::kAnyPolicy);
  Bytes der = EncodeCertificatePolicies(policies);
  auto p = ParseCertificatePolicies(der);
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_EQ(p->policies.size(), 2u);
  EXPECT_EQ(p->policies[0].qualifiers[0].cps_uri, "http://www.jpki.go.jp/cps.html");
  EXPECT_EQ(p->policies[0].qualifiers[1].kind, PolicyQualifierKind::kUserNotice);
  EXPECT_TRUE(p->Has(oid::kAnyPolicy));
  ExpectRoundTrip(oid::kCertificatePolicies, der);
  // A notice reference with organization and numbers round-trips too.
  Bytes notice =
      H("3036303406082b060105050702023028301a0c0d4f7267616e697a6174696f6e3009020101020102020103"
        "0c0a4578706c69636974");
  Bytes wrapped = H("303e303c06032a0304");
  Append(wrapped, notice);
  // (length bytes above are computed for this exact content)
  auto with_ref = ParseCertificatePolicies(wrapped);
  if (with_ref.ok()) {
    EXPECT_EQ(with_ref->policies[0].qualifiers[0].notice_numbers.size(), 3u);
    ExpectRoundTrip(oid::kCertificatePolicies, wrapped);
  }
  policies[1].policy_id = policies[0].policy_id;
  EXPECT_FALSE(ParseCertificatePolicies(EncodeCertificatePolicies(policies)).ok());  // duplicate policy
  EXPECT_FALSE(ParseCertificatePolicies(H("3000")).ok());
  EXPECT_FALSE(ParseCertificatePolicies(H("3007300506032a03043000")).ok());  // empty qualifiers
}

TEST(ExtensionsTest, PolicyMappingsConstraintsInhibit) {
  Bytes maps = EncodePolicyMappings({{*oid::FromDotted("1.2.3"), *oid::FromDotted("1.2.4")}});
  auto m = ParsePolicyMappings(maps);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(oid::ToDotted((*m)[0].subject_domain_policy), "1.2.4");
  ExpectRoundTrip(oid::kPolicyMappings, maps);
  Bytes pc = EncodePolicyConstraints(PolicyConstraints{0, 2});
  EXPECT_EQ(HexEncode(pc), "3006800100810102");
  auto c = ParsePolicyConstraints(pc);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->require_explicit_policy, 0u);
  EXPECT_EQ(c->inhibit_policy_mapping, 2u);
  EXPECT_FALSE(ParsePolicyConstraints(H("3000")).ok());
  EXPECT_FALSE(ParsePolicyConstraints(H("3006810102800100")).ok());  // wrong order
  EXPECT_EQ(*ParseInhibitAnyPolicy(H("020101")), 1u);
  EXPECT_FALSE(ParseInhibitAnyPolicy(H("0201ff")).ok());
  EXPECT_EQ(HexEncode(EncodeInhibitAnyPolicy(5)), "020105");
}

TEST(ExtensionsTest, NameConstraints) {
  const uint8_t kNet[8] = {10, 0, 0, 0, 255, 0, 0, 0};
  Bytes nc = EncodeNameConstraints({GeneralNameSpec::Dns(".example.jp"), GeneralNameSpec::Ip(kNet)},
                                   {GeneralNameSpec::Email("x@example.jp")});
  auto n = ParseNameConstraints(nc);
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->permitted.size(), 2u);
  EXPECT_EQ(n->permitted[1].ToString(), "IP:10.0.0.0/255.0.0.0");
  EXPECT_EQ(n->excluded[0].ToString(), "email:x@example.jp");
  ExpectRoundTrip(oid::kNameConstraints, nc);
  EXPECT_FALSE(ParseNameConstraints(H("3000")).ok());
  // minimum present is rejected.
  EXPECT_FALSE(ParseNameConstraints(H("300ca00a300882036162638001 01")).ok());
  // A 4-octet iPAddress base (no mask) is rejected.
  EXPECT_FALSE(ParseNameConstraints(H("3008a0063004870400000000")).ok());
}

TEST(ExtensionsTest, AltNamesAllForms) {
  const uint8_t kV6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  Bytes dir = *NameBuilder().Country("JP").CommonName("x").Build();
  Bytes san = EncodeAltNames({GeneralNameSpec::OtherNameUtf8(oid::kJpkiName, "公的"), GeneralNameSpec::Email("a@b"),
                              GeneralNameSpec::Dns("example.jp"), GeneralNameSpec::Directory(dir),
                              GeneralNameSpec::Uri("https://x/"), GeneralNameSpec::Ip(kV6),
                              GeneralNameSpec::RegisteredId(oid::kJpkiName)});
  auto names = ParseAltNames(san);
  ASSERT_TRUE(names.ok()) << names.status();
  ASSERT_EQ(names->size(), 7u);
  EXPECT_EQ((*names)[0].ToString(), "othername:1.2.392.200149.8.5.5.1:公的");
  EXPECT_EQ((*names)[1].ToString(), "email:a@b");
  EXPECT_EQ((*names)[2].ToString(), "DNS:example.jp");
  EXPECT_EQ((*names)[3].ToString(), "DirName:CN=x,C=JP");
  EXPECT_EQ((*names)[4].ToString(), "URI:https://x/");
  EXPECT_EQ((*names)[5].ToString(), "IP:2001:db8::1");
  EXPECT_EQ((*names)[6].type, GeneralNameType::kRegisteredId);
  EXPECT_EQ(GeneralNameTypeName((*names)[5].type), "iPAddress");
  ExpectRoundTrip(oid::kSubjectAltName, san);
  EXPECT_FALSE(ParseAltNames(H("3000")).ok());                 // empty
  EXPECT_FALSE(ParseAltNames(H("3005870300000000")).ok());     // 3-octet IP
  EXPECT_FALSE(ParseAltNames(H("30038201ff")).ok());           // non-IA5 dNSName
  EXPECT_FALSE(ParseAltNames(H("3003890100")).ok());           // [9]: unknown CHOICE
  EXPECT_FALSE(ParseAltNames(H("3004a2020000")).ok());         // constructed dNSName
  EXPECT_FALSE(ParseAltNames(H("3007a005060155 0500")).ok());  // otherName without [0] value
}

TEST(ExtensionsTest, CrlDistributionPointsAndAia) {
  Bytes dir = *NameBuilder().Country("JP").Organization("JPKI").Build();
  std::vector<DistributionPointSpec> dps(2);
  dps[0].name = DistributionPointNameSpec{{GeneralNameSpec::Directory(dir)}, std::nullopt};
  dps[1].name = DistributionPointNameSpec{{GeneralNameSpec::Uri("http://crl.example/x.crl")}, std::nullopt};
  dps[1].reasons = uint16_t{(1 << 1) | (1 << 2)};
  dps[1].crl_issuer = {GeneralNameSpec::Directory(dir)};
  Bytes der = EncodeCrlDistributionPoints(dps);
  auto p = ParseCrlDistributionPoints(der);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ((*p)[0].name->full_name[0].type, GeneralNameType::kDirectoryName);
  EXPECT_EQ(*(*p)[1].reasons, (1 << 1) | (1 << 2));
  EXPECT_EQ((*p)[1].crl_issuer.size(), 1u);
  ExpectRoundTrip(oid::kCrlDistributionPoints, der);
  EXPECT_FALSE(ParseCrlDistributionPoints(H("30023000")).ok());  // neither name nor issuer
  Bytes aia = EncodeInfoAccess({{ToBytes(oid::kOcspAccess), GeneralNameSpec::Uri("http://ocsp/")},
                                {ToBytes(oid::kCaIssuersAccess), GeneralNameSpec::Uri("http://ca/")}});
  auto a = ParseInfoAccess(aia);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)[1].location.text(), "http://ca/");
  ExpectRoundTrip(oid::kAuthorityInfoAccess, aia);
  EXPECT_FALSE(ParseInfoAccess(H("3000")).ok());
}

TEST(ExtensionsTest, CrlExtensions) {
  EXPECT_EQ(HexEncode(*ParseCrlNumber(H("02020100"))), "0100");
  EXPECT_FALSE(ParseCrlNumber(H("0201ff")).ok());
  Bytes big = {0x02, 21, 0x01};
  big.resize(23, 0);
  EXPECT_FALSE(ParseCrlNumber(big).ok());
  EXPECT_EQ(HexEncode(CrlNumberContent(0x80)), "0080");
  EXPECT_EQ(*ParseReasonCode(H("0a0101")), RevocationReason::kKeyCompromise);
  EXPECT_FALSE(ParseReasonCode(H("0a0107")).ok());
  EXPECT_FALSE(ParseReasonCode(H("0a010b")).ok());
  EXPECT_EQ(RevocationReasonName(RevocationReason::kAffiliationChanged), "affiliationChanged");
  EXPECT_EQ(HexEncode(EncodeReasonCode(RevocationReason::kSuperseded)), "0a0104");
  IssuingDistributionPointSpec spec;
  spec.only_ca_certs = true;
  spec.indirect_crl = true;
  Bytes idp = EncodeIssuingDistributionPoint(spec);
  auto i = ParseIssuingDistributionPoint(idp);
  ASSERT_TRUE(i.ok()) << i.status();
  EXPECT_TRUE(i->only_ca_certs);
  EXPECT_TRUE(i->indirect_crl);
  ExpectRoundTrip(oid::kIssuingDistributionPoint, idp);
  EXPECT_FALSE(ParseIssuingDistributionPoint(H("3000")).ok());
  EXPECT_FALSE(ParseIssuingDistributionPoint(H("3003810100")).ok());        // explicit FALSE
  EXPECT_FALSE(ParseIssuingDistributionPoint(H("30068101ff8201ff")).ok());  // two only* flags
}

TEST(ExtensionsTest, ListRules) {
  auto list = Extensions::Parse(H("3014300d0603551d0f0101ff04030201063003060355"), 0);
  EXPECT_FALSE(list.ok());
  const Bytes one_der = H("3010300e0603551d0f0101ff040403020106");
  auto one = Extensions::Parse(one_der);
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->size(), 1u);
  EXPECT_TRUE(one->Find(oid::kKeyUsage)->critical);
  EXPECT_EQ(one->Find(oid::kBasicConstraints), nullptr);
  EXPECT_EQ(ExtensionName(oid::kKeyUsage), "keyUsage");
  EXPECT_TRUE(IsKnownExtension(oid::kKeyUsage));
  EXPECT_FALSE(Extensions::Parse(H("3000")).ok());
  EXPECT_FALSE(Extensions::Parse(H("3020300e0603551d0f0101ff040403020106300e0603551d0f0101ff040403020106")).ok());
  EXPECT_FALSE(Extensions::Parse(H("3011300f0603551d0f010100040403020106")).ok());  // explicit FALSE
  EXPECT_EQ(GetErrorCode(ReencodeExtensionValue(Extension{ByteView(oid::kFreshestCrl), false, {}, {}}).status()),
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace jpki::x509
