// write_fuzz_seeds DIR: writes the seed corpora of fuzz/x509's parse fuzzers (certificates, CRLs, names, extension
// values) into DIR/<fuzzer>/, from the real J-LIS CA certificates and from certificates and CRLs built with
// jpkicore's builders covering every extension. Run from the workspace root; the output is committed.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "crypto/signer.h"
#include "tests/x509/x509_test_util.h"
#include "x509/certificate.h"
#include "x509/certificate_builder.h"
#include "x509/crl.h"
#include "x509/crl_builder.h"
#include "x509/name.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

std::string g_dir;

void Write(const std::string& fuzzer, const std::string& name, ByteView data) {
  std::ofstream(g_dir + "/" + fuzzer + "/" + name, std::ios::binary)
      .write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

int ExtensionIndex(ByteView oid) {
  const ByteView kOids[] = {oid::kBasicConstraints,
                            oid::kKeyUsage,
                            oid::kExtKeyUsage,
                            oid::kSubjectKeyIdentifier,
                            oid::kAuthorityKeyIdentifier,
                            oid::kSubjectAltName,
                            oid::kIssuerAltName,
                            oid::kCertificatePolicies,
                            oid::kPolicyMappings,
                            oid::kPolicyConstraints,
                            oid::kInhibitAnyPolicy,
                            oid::kNameConstraints,
                            oid::kCrlDistributionPoints,
                            oid::kAuthorityInfoAccess,
                            oid::kCrlNumber,
                            oid::kIssuingDistributionPoint,
                            oid::kReasonCode};
  for (int i = 0; i < 17; ++i) {
    if (Equal(kOids[i], oid)) return i;
  }
  return -1;
}

void CertSeeds(const std::string& name, const Bytes& der) {
  Write("certificate_parse_fuzzer", name, der);
  auto cert = Certificate::Parse(der);
  if (!cert.ok()) {
    std::cerr << name << ": " << cert.status() << "\n";
    std::exit(1);
  }
  Write("name_parse_fuzzer", name + "_issuer", cert->issuer_der());
  Write("name_parse_fuzzer", name + "_subject", cert->subject_der());
  Write("extensions_parse_fuzzer", name + "_list", [&] {
    Bytes b = {0};
    Append(b, cert->extensions_der());
    return b;
  }());
  int n = 0;
  for (const Extension& e : cert->extensions().list()) {
    const int index = ExtensionIndex(e.oid);
    if (index < 0) continue;
    Bytes seed = {static_cast<uint8_t>(index)};
    Append(seed, e.value);
    Write("extensions_parse_fuzzer", name + "_ext" + std::to_string(n++), seed);
  }
}

int Main() {
  for (const char* f : {"sign_ca_2015", "sign_ca_2023", "auth_ca_2015", "auth_ca_2023"}) {
    CertSeeds(std::string("jlis_") + f, testing::ReadFile(std::string("tests/data/jpki-myna/") + f + ".der"));
  }
  auto signer = crypto::NewRsaPkcs1Signer(testing::SharedPrivateKey(0), crypto::SignatureHash::kSha256);
  Bytes issuer = *NameBuilder()
                      .Country("JP")
                      .Organization("JPKI")
                      .OrganizationalUnit("JPKI for digital signature")
                      .OrganizationalUnit("Japan Agency for Local Authority Information Systems")
                      .Build();
  Bytes subject = *NameBuilder()
                       .Country("JP")
                       .Locality("Tokyo-to")
                       .Locality("Chiyoda-ku")
                       .CommonName("202401010001A0000000001")
                       .AddToLastRdn(oid::kSerialNumber, StringType::kPrintableString, "12345")
                       .Build();
  std::vector<PolicyInformationSpec> policies(2);
  policies[0].policy_id = *oid::FromDotted("1.2.392.200149.8.5.1.1.20");
  policies[0].qualifiers.push_back(PolicyQualifierSpec::Cps("http://www.jpki.go.jp/cps.html"));
  policies[1].policy_id = *oid::FromDotted("1.2.3.4");
  policies[1].qualifiers.push_back(PolicyQualifierSpec::UserNoticeText("notice"));
  std::vector<DistributionPointSpec> dps(1);
  dps[0].name = DistributionPointNameSpec{{GeneralNameSpec::Directory(issuer)}, std::nullopt};
  const uint8_t kIp[4] = {192, 0, 2, 1};
  const uint8_t kIpMask[8] = {10, 0, 0, 0, 255, 0, 0, 0};
  CertificateBuilder leaf;
  leaf.SetSerialUint64(0x0123456789abcdefULL)
      .SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256))
      .SetIssuer(issuer)
      .SetSubject(subject)
      .SetValidity(1735689600, 1893455999)
      .SetSubjectPublicKeyInfo(testing::SpkiOf(1))
      .AddKeyUsage(KeyUsage{3})
      .AddCertificatePolicies(policies, true)
      .AddSubjectAltNames({GeneralNameSpec::OtherNameUtf8(oid::kJpkiName, "公的 太郎"),
                           GeneralNameSpec::OtherNameUtf8(oid::kJpkiBirthDate, "419900102"),
                           GeneralNameSpec::OtherNameUtf8(oid::kJpkiAddress, "東京都千代田区"),
                           GeneralNameSpec::Dns("example.jp"), GeneralNameSpec::Ip(kIp),
                           GeneralNameSpec::Email("a@example.jp"), GeneralNameSpec::Uri("https://example.jp/"),
                           GeneralNameSpec::Directory(issuer), GeneralNameSpec::RegisteredId(oid::kJpkiName)})
      .AddCrlDistributionPoints(dps)
      .AddExtKeyUsage({ToBytes(oid::kClientAuth)})
      .AddAuthorityKeyIdentifier(Bytes{1, 2, 3, 4})
      .AddSubjectKeyIdentifier(Bytes{5, 6, 7, 8})
      .AddAuthorityInfoAccess({{ToBytes(oid::kOcspAccess), GeneralNameSpec::Uri("http://ocsp.example.jp/")}});
  CertSeeds("jpki_sign_leaf", *leaf.Sign(**signer));
  CertificateBuilder ca;
  ca.SetSerialUint64(2)
      .SetSignatureAlgorithm(SignatureAlgorithm::RsaPss(HashAlgorithm::kSha256, 32))
      .SetIssuer(issuer)
      .SetSubject(issuer)
      .SetValidity(1700000000, 2600000000)
      .SetSubjectPublicKeyInfo(testing::SpkiOf(0))
      .AddBasicConstraints(BasicConstraints{true, 2})
      .AddKeyUsage(KeyUsage{(1 << 5) | (1 << 6)})
      .AddNameConstraints({GeneralNameSpec::Dns(".example.jp"), GeneralNameSpec::Ip(kIpMask)},
                          {GeneralNameSpec::Email("bad@example.jp")})
      .AddPolicyMappings({{*oid::FromDotted("1.2.3.4"), *oid::FromDotted("1.2.3.5")}})
      .AddPolicyConstraints(PolicyConstraints{0, 1})
      .AddInhibitAnyPolicy(0)
      .AddIssuerAltNames({GeneralNameSpec::Uri("https://ca.example.jp/")});
  auto pss = crypto::NewRsaPssSigner(testing::SharedPrivateKey(0), *crypto::RsaPssParameters::Builder().Build());
  CertSeeds("pss_ca", *ca.Sign(**pss));
  CertificateBuilder v1;
  v1.SetVersion(Version::kV1)
      .SetSerialUint64(1)
      .SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha512))
      .SetIssuer(*NameBuilder().CommonName("v1").Build())
      .SetSubject(*NameBuilder().CommonName("v1").Build())
      .SetValidity(-700000000, 2600000000)
      .SetSubjectPublicKeyInfo(testing::SpkiOf(0));
  CertSeeds("v1", *v1.Sign(**signer));

  CrlBuilder crl;
  crl.SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256))
      .SetIssuer(issuer)
      .SetThisUpdate(1764115200)
      .SetNextUpdate(1764720000)
      .AddCrlNumber(12)
      .AddAuthorityKeyIdentifier(Bytes{1, 2, 3, 4});
  IssuingDistributionPointSpec idp;
  idp.name = DistributionPointNameSpec{{GeneralNameSpec::Directory(issuer)}, std::nullopt};
  idp.only_user_certs = true;
  crl.AddIssuingDistributionPoint(idp);
  for (uint64_t s : {0x1234ULL, 0x12ULL, 0x80ULL, 0xffffffffffULL}) {
    RevokedEntrySpec e;
    e.serial = CrlBuilder::SerialContent(s);
    e.revocation_date = 1764000000;
    if (s & 1) e.reason = RevocationReason::kKeyCompromise;
    if (s & 2) e.invalidity_date = 1763000000;
    crl.AddRevoked(e);
  }
  Bytes crl_der = *crl.Sign(**signer);
  Write("crl_parse_fuzzer", "jpki_crl", crl_der);
  auto parsed = Crl::Parse(crl_der);
  for (const Extension& e : parsed->extensions().list()) {
    const int index = ExtensionIndex(e.oid);
    Bytes seed = {static_cast<uint8_t>(index < 0 ? 0 : index)};
    Append(seed, e.value);
    Write("extensions_parse_fuzzer", "crl_ext_" + std::to_string(index), seed);
  }
  CrlBuilder empty;
  empty.SetVersion(1)
      .SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256))
      .SetIssuer(issuer)
      .SetThisUpdate(1764115200);
  Write("crl_parse_fuzzer", "v1_empty", *empty.Sign(**signer));
  CrlBuilder delta = crl;
  delta.AddDeltaCrlIndicator(11);
  Write("crl_parse_fuzzer", "delta", *delta.Sign(**signer));
  Write("name_parse_fuzzer", "bmp_teletex",
        *NameBuilder()
             .Add(oid::kCommonName, StringType::kBmpString, "日本")
             .Add(oid::kOrganizationName, StringType::kTeletexString, "caf\xe9")
             .Add(oid::kEmailAddress, StringType::kIa5String, "a@b")
             .Build());
  return 0;
}

}  // namespace
}  // namespace jpki::x509

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_fuzz_seeds DIR\n";
    return 2;
  }
  jpki::x509::g_dir = argv[1];
  return jpki::x509::Main();
}
