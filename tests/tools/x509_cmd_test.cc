// Tests for `jpki x509 show` and `jpki crl show` (tools/x509_cmd.cc, tools/crl_cmd.cc) through Dispatch.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/signer.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/x509/x509_test_util.h"
#include "tools/cli.h"
#include "x509/certificate_builder.h"
#include "x509/crl_builder.h"
#include "x509/name.h"
#include "x509/oids.h"

namespace jpki::cli {
namespace {

struct CmdRun {
  int code;
  std::string out, err;
};

CmdRun RunCli(const std::vector<std::string>& argv, const std::string& stdin_data = "") {
  std::istringstream in(stdin_data);
  std::ostringstream out, err;
  Io io{in, out, err};
  const int code = Dispatch(argv, io);
  return {code, out.str(), err.str()};
}

std::string Write(const std::string& name, ByteView data) {
  const char* dir = std::getenv("TEST_TMPDIR");
  std::string path = std::string(dir ? dir : "/tmp") + "/" + name;
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data.data()), data.size());
  return path;
}

// JpkiSigningCert issues, with jpkicore's builder, a JPKI-shaped signing certificate with holder attributes.
Bytes JpkiSigningCert() {
  using namespace x509;
  Bytes issuer = *NameBuilder()
                      .Country("JP")
                      .Organization("JPKI")
                      .OrganizationalUnit("JPKI for digital signature")
                      .OrganizationalUnit("Japan Agency for Local Authority Information Systems")
                      .Build();
  Bytes subject = *NameBuilder().Country("JP").Locality("Tokyo-to").Locality("Chiyoda-ku").CommonName("ID1").Build();
  std::vector<PolicyInformationSpec> policies(1);
  policies[0].policy_id = *oid::FromDotted("1.2.392.200149.8.5.1.1.20");
  policies[0].qualifiers.push_back(PolicyQualifierSpec::Cps("http://www.jpki.go.jp/cps.html"));
  CertificateBuilder b;
  b.SetSerialUint64(0x1234)
      .SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256))
      .SetIssuer(issuer)
      .SetSubject(subject)
      .SetValidity(1735689600, 1893455999)
      .SetSubjectPublicKeyInfo(x509::testing::SpkiOf(1))
      .AddKeyUsage(KeyUsage{(1 << 0) | (1 << 1)})
      .AddCertificatePolicies(policies, true)
      .AddSubjectAltNames({GeneralNameSpec::OtherNameUtf8(oid::kJpkiName, "公的 太郎"),
                           GeneralNameSpec::OtherNameUtf8(oid::kJpkiGender, "1"),
                           GeneralNameSpec::OtherNameUtf8(oid::kJpkiBirthDate, "419900102"),
                           GeneralNameSpec::OtherNameUtf8(oid::kJpkiAddress, "東京都千代田区永田町1-7-1")})
      .AddSubjectKeyIdentifier(Bytes{1, 2, 3});
  auto signer = crypto::NewRsaPkcs1Signer(x509::testing::SharedPrivateKey(0), crypto::SignatureHash::kSha256);
  return *b.Sign(**signer);
}

TEST(X509ShowTest, JsonForRealJlisCa) {
  CmdRun r = RunCli({"x509", "show", "--json", "tests/data/jpki-myna/auth_ca_2015.pem"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["version"], 3);
  EXPECT_EQ(j["serial"], "01");
  EXPECT_EQ(j["signature_algorithm"], "sha256WithRSAEncryption");
  EXPECT_EQ(j["subject"],
            "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for user authentication,O=JPKI,C=JP");
  EXPECT_EQ(j["issuer"], j["subject"]);
  EXPECT_EQ(j["not_before"], "2015-10-20T03:08:13Z");
  EXPECT_EQ(j["not_after"], "2025-10-19T14:59:59Z");
  EXPECT_EQ(j["public_key"]["algorithm"], "rsaEncryption");
  EXPECT_EQ(j["public_key"]["bits"], 2048);
  EXPECT_EQ(j["public_key"]["exponent"], 65537);
  EXPECT_EQ(j["key_usage"], nlohmann::json::array({"keyCertSign", "cRLSign"}));
  EXPECT_EQ(j["basic_constraints"]["ca"], true);
  EXPECT_TRUE(j["basic_constraints"]["path_len"].is_null());
  EXPECT_EQ(j["sha256_fingerprint"], "4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d");
  ASSERT_EQ(j["extensions"].size(), 5u);
  EXPECT_EQ(j["extensions"][0]["oid"], "2.5.29.15");
  EXPECT_EQ(j["extensions"][0]["name"], "keyUsage");
  EXPECT_EQ(j["extensions"][0]["critical"], true);
  EXPECT_EQ(j["extensions"][4]["key_id"].get<std::string>().size(), 40u);
  EXPECT_EQ(j["jpki"]["kind"], "ca");
  EXPECT_EQ(j["subject_alt_names"].size(), 1u);
  EXPECT_EQ(j["policies"], nlohmann::json::array());
}

TEST(X509ShowTest, JsonForJpkiSigningCertificateWithHolderAttributes) {
  std::string path = Write("jpki_sign.der", JpkiSigningCert());
  CmdRun r = RunCli({"x509", "show", "--json", path});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["serial"], "1234");
  EXPECT_EQ(j["subject"], "CN=ID1,L=Chiyoda-ku,L=Tokyo-to,C=JP");
  EXPECT_EQ(j["key_usage"], nlohmann::json::array({"digitalSignature", "nonRepudiation"}));
  EXPECT_TRUE(j["basic_constraints"].is_null());
  EXPECT_EQ(j["policies"], nlohmann::json::array({"1.2.392.200149.8.5.1.1.20"}));
  EXPECT_EQ(j["subject_alt_names"][0], "othername:1.2.392.200149.8.5.5.1:公的 太郎");
  EXPECT_EQ(j["extensions"][1]["policies"][0]["qualifiers"][0]["cps"], "http://www.jpki.go.jp/cps.html");
  EXPECT_EQ(j["jpki"]["kind"], "signing");
  EXPECT_EQ(j["jpki"]["name"], "公的 太郎");
  EXPECT_EQ(j["jpki"]["birth_date"], "1990-01-02");
  EXPECT_EQ(j["jpki"]["gender"], "male");
  EXPECT_EQ(j["jpki"]["address"], "東京都千代田区永田町1-7-1");
  EXPECT_TRUE(j["jpki"]["name_kana"].is_null());
}

TEST(X509ShowTest, TextFromStdinPem) {
  std::string pem = PemEncode(JpkiSigningCert(), "CERTIFICATE");
  CmdRun r = RunCli({"x509", "show", "-"}, pem);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("serial: 1234\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("extension: keyUsage (critical): digitalSignature, nonRepudiation"), std::string::npos);
  EXPECT_NE(r.out.find("jpki_name: 公的 太郎"), std::string::npos);
}

TEST(X509ShowTest, ErrorsExitTwoWithOffset) {
  Bytes der = JpkiSigningCert();
  der.push_back(0);
  CmdRun trailing = RunCli({"x509", "show", Write("trailing.der", der)});
  EXPECT_EQ(trailing.code, 2);
  EXPECT_EQ(trailing.err.rfind("error: ", 0), 0u) << trailing.err;
  EXPECT_NE(trailing.err.find("offset"), std::string::npos) << trailing.err;
  EXPECT_EQ(RunCli({"x509", "show", "/nonexistent/file"}).code, 2);
  EXPECT_EQ(RunCli({"x509", "show"}).code, 2);
  EXPECT_EQ(RunCli({"x509", "show", "--bogus", "x"}).code, 2);
  EXPECT_EQ(RunCli({"x509", "show", "-"}, "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n").code, 2);
}

Bytes SampleCrl() {
  using namespace x509;
  CrlBuilder b;
  b.SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256))
      .SetIssuer(*NameBuilder().Country("JP").Organization("JPKI").Build())
      .SetThisUpdate(1764115200)
      .SetNextUpdate(1764720000)
      .AddCrlNumber(300);
  b.AddRevoked(CrlBuilder::SerialContent(uint64_t{0x1234}), 1764000000, RevocationReason::kAffiliationChanged);
  b.AddRevoked(CrlBuilder::SerialContent(uint64_t{0x99}), 1764000060);
  auto signer = crypto::NewRsaPkcs1Signer(x509::testing::SharedPrivateKey(0), crypto::SignatureHash::kSha256);
  return *b.Sign(**signer);
}

TEST(CrlShowTest, JsonListsEntries) {
  std::string path = Write("sample.crl", SampleCrl());
  CmdRun r = RunCli({"crl", "show", "--json", path});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["issuer"], "O=JPKI,C=JP");
  EXPECT_EQ(j["this_update"], "2025-11-26T00:00:00Z");
  EXPECT_EQ(j["next_update"], "2025-12-03T00:00:00Z");
  EXPECT_EQ(j["crl_number"], "012c");
  EXPECT_EQ(j["count"], 2);
  ASSERT_EQ(j["revoked"].size(), 2u);
  EXPECT_EQ(j["revoked"][0]["serial"], "1234");
  EXPECT_EQ(j["revoked"][0]["revocation_date"], "2025-11-24T16:00:00Z");
  EXPECT_EQ(j["revoked"][0]["reason"], "affiliationChanged");
  EXPECT_EQ(j["revoked"][1]["serial"], "99");
  EXPECT_TRUE(j["revoked"][1]["reason"].is_null());
}

TEST(CrlShowTest, TextAndErrors) {
  std::string pem = PemEncode(SampleCrl(), "X509 CRL");
  CmdRun r = RunCli({"crl", "show", "-"}, pem);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("issuer: O=JPKI,C=JP\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("count: 2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("crl_number: 012c\n"), std::string::npos) << r.out;
  Bytes bad = SampleCrl();
  bad[bad.size() / 2] ^= 0xff;
  CmdRun broken = RunCli({"crl", "show", Write("bad.crl", ByteView(bad).subspan(0, 100))});
  EXPECT_EQ(broken.code, 2);
  EXPECT_EQ(broken.err.rfind("error: x509: crl: ", 0), 0u) << broken.err;
  // A certificate is not a CRL.
  EXPECT_EQ(RunCli({"crl", "show", "tests/data/jpki-myna/sign_ca_2023.der"}).code, 2);
}

}  // namespace
}  // namespace jpki::cli
