// Tests for x509/certificate_builder.h: build -> parse gives the same fields; OpenSSL accepts the encoding and
// the signature (d2i_X509 + X509_verify); Signer, PSS and ExternalSigner paths; builder errors.
#include "x509/certificate_builder.h"

#include <openssl/x509.h>

#include "base/error.h"
#include "crypto/signer.h"
#include "gtest/gtest.h"
#include "tests/x509/x509_test_util.h"
#include "x509/name.h"
#include "x509/oids.h"
#include "x509/signed_data.h"

namespace jpki::x509 {
namespace {

CertificateBuilder JpkiLeaf() {
  Bytes issuer =
      *NameBuilder().Country("JP").Organization("JPKI").OrganizationalUnit("JPKI for digital signature").Build();
  Bytes subject = *NameBuilder().Country("JP").Locality("Tokyo-to").CommonName("ID").Build();
  std::vector<PolicyInformationSpec> policies(1);
  policies[0].policy_id = *oid::FromDotted("1.2.392.200149.8.5.1.1.20");
  policies[0].qualifiers.push_back(PolicyQualifierSpec::Cps("http://www.jpki.go.jp/cps.html"));
  std::vector<DistributionPointSpec> dps(1);
  dps[0].name = DistributionPointNameSpec{{GeneralNameSpec::Directory(issuer)}, std::nullopt};
  CertificateBuilder b;
  b.SetSerialMagnitude(Bytes{0x80, 0x01})
      .SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256))
      .SetIssuer(issuer)
      .SetSubject(subject)
      .SetValidity(1735689600, 2556143999)  // to 2050-12-31: GeneralizedTime
      .SetSubjectPublicKeyInfo(testing::SpkiOf(1))
      .AddKeyUsage(KeyUsage{3})
      .AddExtKeyUsage({ToBytes(oid::kEmailProtection)})
      .AddCertificatePolicies(policies, true)
      .AddSubjectAltNames({GeneralNameSpec::OtherNameUtf8(oid::kJpkiName, "公的 太郎"),
                           GeneralNameSpec::OtherNameUtf8(oid::kJpkiAddress, "東京都")})
      .AddCrlDistributionPoints(dps)
      .AddAuthorityKeyIdentifier(Bytes{1, 2, 3})
      .AddSubjectKeyIdentifier(Bytes{4, 5, 6})
      .AddAuthorityInfoAccess({{ToBytes(oid::kCaIssuersAccess), GeneralNameSpec::Uri("http://ca/")}});
  return b;
}

TEST(CertificateBuilderTest, BuildParseSameFieldsAndOpenSslAccepts) {
  auto signer = crypto::NewRsaPkcs1Signer(testing::SharedPrivateKey(0), crypto::SignatureHash::kSha256);
  auto der = JpkiLeaf().Sign(**signer);
  ASSERT_TRUE(der.ok()) << der.status();
  EXPECT_TRUE(testing::OpenSslVerifies(*der, testing::SharedKey(0)));
  EXPECT_FALSE(testing::OpenSslVerifies(*der, testing::SharedKey(1)));
  auto cert = Certificate::Parse(*der);
  ASSERT_TRUE(cert.ok()) << cert.status();
  EXPECT_EQ(HexEncode(cert->serial()), "008001");
  EXPECT_EQ(cert->not_before(), 1735689600);
  EXPECT_EQ(cert->not_after(), 2556143999);
  EXPECT_TRUE(cert->not_after_generalized());
  EXPECT_EQ(cert->subject().ToString(), "CN=ID,L=Tokyo-to,C=JP");
  EXPECT_EQ(cert->key_usage()->bits, 3);
  EXPECT_TRUE(cert->extensions().Find(oid::kKeyUsage)->critical);
  EXPECT_TRUE(cert->extensions().Find(oid::kCertificatePolicies)->critical);
  EXPECT_FALSE(cert->extensions().Find(oid::kSubjectAltName)->critical);
  EXPECT_EQ((*cert->subject_alt_names())[1].ToString(), "othername:1.2.392.200149.8.5.5.5:東京都");
  EXPECT_EQ(HexEncode(*cert->authority_key_id()->key_id), "010203");
  EXPECT_EQ(HexEncode(*cert->subject_key_id()), "040506");
  EXPECT_TRUE(cert->ext_key_usage()->Has(oid::kEmailProtection));
  EXPECT_EQ((*cert->authority_info_access())[0].location.text(), "http://ca/");
  EXPECT_EQ(cert->spki_der(), testing::SpkiOf(1));
  EXPECT_TRUE(
      VerifySignedData(cert->signature_algorithm(), testing::SpkiOf(0), cert->tbs_der(), cert->signature()).ok());
  EXPECT_EQ(*ReencodeCertificate(*cert), *der);
}

TEST(CertificateBuilderTest, PssAndExternalSigner) {
  CertificateBuilder pss_builder = JpkiLeaf();
  pss_builder.SetSignatureAlgorithm(SignatureAlgorithm::RsaPss(HashAlgorithm::kSha256, 32));
  auto pss = crypto::NewRsaPssSigner(testing::SharedPrivateKey(0), *crypto::RsaPssParameters::Builder().Build());
  auto der = pss_builder.Sign(**pss);
  ASSERT_TRUE(der.ok()) << der.status();
  EXPECT_TRUE(testing::OpenSslVerifies(*der, testing::SharedKey(0)));
  auto cert = Certificate::Parse(*der);
  ASSERT_TRUE(cert.ok());
  EXPECT_EQ(cert->signature_algorithm().kind, SignatureAlgorithmKind::kRsaPss);

  // An external key (as the JPKI CA's HSM, or a Secure Element) signs a ready DigestInfo.
  auto external = crypto::NewLocalExternalSigner(testing::SharedPrivateKey(2));
  auto ext_der = JpkiLeaf().SignExternal(external);
  ASSERT_TRUE(ext_der.ok()) << ext_der.status();
  EXPECT_TRUE(testing::OpenSslVerifies(*ext_der, testing::SharedKey(2)));
  // External signing needs a PKCS#1 algorithm.
  EXPECT_EQ(GetErrorCode(pss_builder.SignExternal(external).status()), ErrorCode::kInvalidArgument);
}

TEST(CertificateBuilderTest, Errors) {
  CertificateBuilder empty;
  EXPECT_EQ(GetErrorCode(empty.BuildTbs().status()), ErrorCode::kInvalidArgument);
  CertificateBuilder v1 = JpkiLeaf();
  v1.SetVersion(Version::kV1);
  EXPECT_EQ(GetErrorCode(v1.BuildTbs().status()), ErrorCode::kInvalidArgument);  // extensions need v3
  CertificateBuilder dup = JpkiLeaf();
  dup.AddKeyUsage(KeyUsage{1});
  EXPECT_EQ(GetErrorCode(dup.BuildTbs().status()), ErrorCode::kInvalidArgument);
  CertificateBuilder uid;
  uid.SetVersion(Version::kV1)
      .SetSerialUint64(1)
      .SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256))
      .SetIssuer(Bytes{0x30, 0x00})
      .SetSubject(Bytes{0x30, 0x00})
      .SetValidity(0, 1)
      .SetSubjectPublicKeyInfo(testing::SpkiOf(0))
      .SetIssuerUniqueId(Bytes{1});
  EXPECT_EQ(GetErrorCode(uid.BuildTbs().status()), ErrorCode::kInvalidArgument);
  uid.SetVersion(Version::kV2);
  auto tbs = uid.BuildTbs();
  ASSERT_TRUE(tbs.ok());
  auto assembled = AssembleCertificate(*tbs, SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256), Bytes{1, 2});
  ASSERT_TRUE(assembled.ok());
  auto parsed = Certificate::Parse(*assembled);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->version(), Version::kV2);
  EXPECT_EQ(HexEncode(*parsed->issuer_unique_id()), "01");
}

}  // namespace
}  // namespace jpki::x509
