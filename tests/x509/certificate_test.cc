// Tests for x509/certificate.h: the real J-LIS CA certificates, certificates made by OpenSSL compared field by
// field, every parsing rule with a negative case, and DER mutations.

#include "x509/certificate.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <string>
#include <vector>

#include "asn1/der_reader.h"
#include "asn1/der_writer.h"
#include "base/error.h"
#include "gtest/gtest.h"
#include "tests/asn1/der_mutator.h"
#include "tests/x509/x509_test_util.h"
#include "x509/certificate_builder.h"
#include "x509/extension_encoders.h"
#include "x509/oids.h"
#include "x509/signed_data.h"

namespace jpki::x509 {
namespace {

using testing::ReadFile;
using testing::SharedKey;

struct JlisCase {
  const char* file;
  const char* serial;
  const char* subject;
  const char* sha256;
  int64_t not_before;
};

std::string Rfc3339(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

TEST(CertificateTest, ParsesAllFourJlisCaCertificates) {
  const JlisCase cases[] = {
      {"sign_ca_2015", "01",
       "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for digital signature,O=JPKI,C=JP",
       "19645405a1fe14377434bd55957628ac4038557c542403a2243f21c706fc9355", 0},
      {"sign_ca_2023", "067c6a21",
       "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for digital signature,O=JPKI,C=JP",
       "d227f6cde11d35c5252178f106f843d24651944975413b539fa2fb68dbfa365f", 0},
      {"auth_ca_2015", "01",
       "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for user authentication,O=JPKI,C=JP",
       "4dcfc4ca0aaf9fb2a3081b3f0c991c320b3acc008667a341eeaec5af1d58ca7d", 0},
      {"auth_ca_2023", "06d18006",
       "OU=Japan Agency for Local Authority Information Systems,OU=JPKI for user authentication,O=JPKI,C=JP",
       "64114f29620c24ed2631d46476a040e7ee740d956089c00b036a6a8118c322b5", 0},
  };
  for (const JlisCase& c : cases) {
    SCOPED_TRACE(c.file);
    Bytes der = ReadFile(std::string("tests/data/jpki-myna/") + c.file + ".der");
    absl::StatusOr<Certificate> cert = Certificate::Parse(der);
    ASSERT_TRUE(cert.ok()) << cert.status();
    EXPECT_EQ(cert->version(), Version::kV3);
    EXPECT_EQ(HexEncode(cert->serial()), c.serial);
    EXPECT_EQ(cert->subject().ToString(), c.subject);
    EXPECT_EQ(cert->issuer().ToString(), c.subject);
    EXPECT_TRUE(cert->IsSelfIssued());
    EXPECT_EQ(cert->signature_algorithm().kind, SignatureAlgorithmKind::kRsaPkcs1Sha256);
    EXPECT_EQ(cert->signature_algorithm().Name(), "sha256WithRSAEncryption");
    auto fp = cert->Sha256Fingerprint();
    EXPECT_EQ(HexEncode(ByteView(fp.data(), fp.size())), c.sha256);
    auto rsa = cert->RsaPublicKey();
    ASSERT_TRUE(rsa.ok()) << rsa.status();
    EXPECT_EQ(rsa->bits, 2048u);
    EXPECT_EQ(rsa->exponent_value, 65537u);
    ASSERT_TRUE(cert->key_usage().has_value());
    EXPECT_EQ(cert->key_usage()->Names(), (std::vector<std::string_view>{"keyCertSign", "cRLSign"}));
    EXPECT_TRUE(cert->extensions().Find(oid::kKeyUsage)->critical);
    ASSERT_TRUE(cert->basic_constraints().has_value());
    EXPECT_TRUE(cert->basic_constraints()->ca);
    EXPECT_FALSE(cert->basic_constraints()->path_len.has_value());
    EXPECT_TRUE(cert->extensions().Find(oid::kBasicConstraints)->critical);
    ASSERT_TRUE(cert->subject_key_id().has_value());
    EXPECT_EQ(cert->subject_key_id()->size(), 20u);
    EXPECT_FALSE(cert->authority_key_id().has_value());
    // The JPKI CRL distribution point is a directoryName naming the CA itself.
    ASSERT_TRUE(cert->crl_distribution_points().has_value());
    ASSERT_EQ(cert->crl_distribution_points()->size(), 1u);
    const DistributionPoint& dp = (*cert->crl_distribution_points())[0];
    ASSERT_TRUE(dp.name.has_value());
    ASSERT_EQ(dp.name->full_name.size(), 1u);
    EXPECT_EQ(dp.name->full_name[0].type, GeneralNameType::kDirectoryName);
    auto dp_name = Name::Parse(dp.name->full_name[0].value);
    ASSERT_TRUE(dp_name.ok());
    EXPECT_TRUE(dp_name->Equals(cert->subject()));
    // subjectAltName: a directoryName in Japanese.
    ASSERT_TRUE(cert->subject_alt_names().has_value());
    ASSERT_EQ(cert->subject_alt_names()->size(), 1u);
    auto san = Name::Parse((*cert->subject_alt_names())[0].value);
    ASSERT_TRUE(san.ok());
    EXPECT_NE(san->ToString().find("O=公的個人認証サービス"), std::string::npos) << san->ToString();
    // Self-signature verifies through VerifySignedData; a flipped bit does not.
    EXPECT_TRUE(
        VerifySignedData(cert->signature_algorithm(), cert->spki_der(), cert->tbs_der(), cert->signature()).ok());
    Bytes bad_sig = ToBytes(cert->signature());
    bad_sig[10] ^= 1;
    EXPECT_EQ(GetErrorCode(VerifySignedData(cert->signature_algorithm(), cert->spki_der(), cert->tbs_der(), bad_sig)),
              ErrorCode::kBadSignature);
    // Re-encoding reproduces the file.
    auto reencoded = ReencodeCertificate(*cert);
    ASSERT_TRUE(reencoded.ok()) << reencoded.status();
    EXPECT_EQ(*reencoded, der);
  }
  auto sign2023 = Certificate::Parse(ReadFile("tests/data/jpki-myna/sign_ca_2023.der"));
  ASSERT_TRUE(sign2023.ok());
  EXPECT_EQ(Rfc3339(sign2023->not_before()), "2023-07-16T00:50:27Z");
  EXPECT_EQ(Rfc3339(sign2023->not_after()), "2033-07-15T14:59:59Z");
}

TEST(CertificateTest, CopiesShareBytesAndOutliveTheOriginal) {
  Bytes der = ReadFile("tests/data/jpki-myna/sign_ca_2023.der");
  std::optional<Certificate> copy;
  {
    auto cert = Certificate::ParseView(der);
    ASSERT_TRUE(cert.ok());
    copy = *cert;
    EXPECT_EQ(copy->der().data(), cert->der().data());  // shared, not copied
  }
  der.assign(der.size(), 0);  // ParseView copied: the caller's buffer no longer matters
  EXPECT_EQ(HexEncode(copy->serial()), "067c6a21");
  EXPECT_EQ(copy->subject().CommonName(), std::nullopt);
}

// ---- OpenSSL-made certificates compared field by field --------------------------------------------------------

struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

void AddNameEntry(X509_NAME* name, const char* field, int type, const std::string& value, int set = 0) {
  ASSERT_EQ(X509_NAME_add_entry_by_txt(name, field, type, reinterpret_cast<const unsigned char*>(value.data()),
                                       static_cast<int>(value.size()), -1, set),
            1)
      << field;
}

void AddExt(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  ASSERT_NE(ext, nullptr) << value;
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

void AddRawExt(X509* cert, const char* dotted, bool critical, const Bytes& value) {
  ASN1_OBJECT* obj = OBJ_txt2obj(dotted, 1);
  ASN1_OCTET_STRING* os = ASN1_OCTET_STRING_new();
  ASN1_OCTET_STRING_set(os, value.data(), static_cast<int>(value.size()));
  X509_EXTENSION* ext = X509_EXTENSION_create_by_OBJ(nullptr, obj, critical ? 1 : 0, os);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  ASN1_OCTET_STRING_free(os);
  ASN1_OBJECT_free(obj);
}

// JpkiShapedCert builds, with OpenSSL, a certificate shaped like a JPKI signing certificate: holder attributes in
// subjectAltName otherName entries, critical keyUsage digitalSignature+nonRepudiation, certificatePolicies with a
// CPS URI, a directoryName CRL distribution point, AKI/SKI.
X509Ptr JpkiShapedCert(bool pss = false) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  BIGNUM* bn = nullptr;
  BN_hex2bn(&bn, "0123456789abcdef0123");
  ASN1_INTEGER* serial = BN_to_ASN1_INTEGER(bn, nullptr);
  X509_set_serialNumber(cert.get(), serial);
  ASN1_INTEGER_free(serial);
  BN_free(bn);
  X509_NAME* issuer = X509_NAME_new();
  AddNameEntry(issuer, "C", V_ASN1_PRINTABLESTRING, "JP");
  AddNameEntry(issuer, "O", V_ASN1_UTF8STRING, "JPKI");
  AddNameEntry(issuer, "OU", V_ASN1_UTF8STRING, "JPKI for digital signature");
  AddNameEntry(issuer, "OU", V_ASN1_UTF8STRING, "Japan Agency for Local Authority Information Systems");
  X509_set_issuer_name(cert.get(), issuer);
  X509_NAME* subject = X509_NAME_new();
  AddNameEntry(subject, "C", V_ASN1_PRINTABLESTRING, "JP");
  AddNameEntry(subject, "L", V_ASN1_UTF8STRING, "Tokyo-to");
  AddNameEntry(subject, "L", V_ASN1_UTF8STRING, "Chiyoda-ku");
  AddNameEntry(subject, "CN", V_ASN1_UTF8STRING, "202401010001A0000000001");
  X509_set_subject_name(cert.get(), subject);
  X509_NAME_free(issuer);
  X509_NAME_free(subject);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), 1735689600);  // 2025-01-01T00:00:00Z
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), 1893455999);   // 2029-12-31T23:59:59Z
  X509_set_pubkey(cert.get(), SharedKey(1));
  AddExt(cert.get(), cert.get(), NID_key_usage, "critical,digitalSignature,nonRepudiation");
  // subjectAltName with the holder attributes (OpenSSL's config syntax cannot say "UTF-8 input" inside a list).
  const uint8_t kIpv6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  AddRawExt(cert.get(), "2.5.29.17", false,
            EncodeAltNames({GeneralNameSpec::OtherNameUtf8(oid::kJpkiName, "公的 太郎"),
                            GeneralNameSpec::OtherNameUtf8(oid::kJpkiGender, "1"),
                            GeneralNameSpec::OtherNameUtf8(oid::kJpkiBirthDate, "419900102"),
                            GeneralNameSpec::OtherNameUtf8(oid::kJpkiAddress, "東京都千代田区永田町1-7-1"),
                            GeneralNameSpec::Dns("example.jp"), GeneralNameSpec::Ip(kIpv6),
                            GeneralNameSpec::Email("a@example.jp"), GeneralNameSpec::Uri("https://example.jp/x")}));
  AddExt(cert.get(), cert.get(), NID_subject_key_identifier, "hash");
  AddExt(cert.get(), cert.get(), NID_authority_key_identifier, "keyid:always");
  AddExt(cert.get(), cert.get(), NID_ext_key_usage, "clientAuth,emailProtection");
  AddExt(cert.get(), cert.get(), NID_info_access,
         "OCSP;URI:http://ocsp.example.jp/,caIssuers;URI:http://ca.example.jp/");
  // certificatePolicies 1.2.392.200149.8.5.1.1.20 with CPS http://www.jpki.go.jp/cps.html (built as DER).
  {
    asn1::DerWriter w;
    w.AddSequence([](asn1::DerWriter& s) {
      s.AddSequence([](asn1::DerWriter& pi) {
        pi.AddOid(*asn1::Oid::FromDotted("1.2.392.200149.8.5.1.1.20"));
        pi.AddSequence([](asn1::DerWriter& qs) {
          qs.AddSequence([](asn1::DerWriter& q) {
            q.AddOid(*asn1::Oid::FromDotted("1.3.6.1.5.5.7.2.1"));
            q.AddString(asn1::kIa5String, "http://www.jpki.go.jp/cps.html");
          });
        });
      });
    });
    AddRawExt(cert.get(), "2.5.29.32", true, *w.Finish());
  }
  // cRLDistributionPoints: fullName directoryName, as JPKI issues them.
  {
    asn1::DerWriter name;
    name.AddSequence([](asn1::DerWriter& n) {
      auto rdn = [&n](const char* dotted, asn1::Tag type, const char* value) {
        n.AddSetOf([&](asn1::DerWriter& set) {
          set.AddSequence([&](asn1::DerWriter& atv) {
            atv.AddOid(*asn1::Oid::FromDotted(dotted));
            atv.AddString(type, value);
          });
        });
      };
      rdn("2.5.4.6", asn1::kPrintableString, "JP");
      rdn("2.5.4.10", asn1::kUtf8String, "JPKI");
      rdn("2.5.4.11", asn1::kUtf8String, "JPKI for digital signature");
      rdn("2.5.4.11", asn1::kUtf8String, "CRL Distribution Points");
      rdn("2.5.4.11", asn1::kUtf8String, "Tokyo-to");
      rdn("2.5.4.3", asn1::kUtf8String, "Chiyoda-ku");
    });
    Bytes name_der = *name.Finish();
    std::vector<DistributionPointSpec> points(1);
    points[0].name = DistributionPointNameSpec{{GeneralNameSpec::Directory(name_der)}, std::nullopt};
    AddRawExt(cert.get(), "2.5.29.31", false, EncodeCrlDistributionPoints(points));
  }
  if (pss) {
    EVP_MD_CTX* md = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_DigestSignInit(md, &pctx, EVP_sha384(), nullptr, SharedKey(0));
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 48);
    EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha384());
    EXPECT_GT(X509_sign_ctx(cert.get(), md), 0);
    EVP_MD_CTX_free(md);
  } else {
    EXPECT_GT(X509_sign(cert.get(), SharedKey(0), EVP_sha256()), 0);
  }
  return cert;
}

int64_t OpenSslTime(const ASN1_TIME* t) {
  std::tm tm{};
  ASN1_TIME_to_tm(t, &tm);
  return static_cast<int64_t>(timegm(&tm));
}

std::string OpenSslName(const X509_NAME* name) {
  BIO* bio = BIO_new(BIO_s_mem());
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(len));
  BIO_free(bio);
  return out;
}

std::string OidText(const ASN1_OBJECT* obj) {
  char buf[128];
  OBJ_obj2txt(buf, sizeof(buf), obj, 1);
  return buf;
}

void CompareWithOpenSsl(X509* ossl, const Certificate& ours) {
  EXPECT_EQ(static_cast<int>(ours.version()), X509_get_version(ossl) + 1);
  BIGNUM* bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(ossl), nullptr);
  char* hex = BN_bn2hex(bn);
  std::string ours_hex = HexEncode(ours.serial());
  while (ours_hex.size() > 1 && ours_hex.rfind("00", 0) == 0) ours_hex.erase(0, 2);
  std::string theirs_hex = hex;
  for (char& c : theirs_hex) c = static_cast<char>(std::tolower(c));
  EXPECT_EQ(ours_hex, theirs_hex);
  OPENSSL_free(hex);
  BN_free(bn);
  EXPECT_EQ(ours.issuer().ToString(), OpenSslName(X509_get_issuer_name(ossl)));
  EXPECT_EQ(ours.subject().ToString(), OpenSslName(X509_get_subject_name(ossl)));
  EXPECT_EQ(ours.not_before(), OpenSslTime(X509_get0_notBefore(ossl)));
  EXPECT_EQ(ours.not_after(), OpenSslTime(X509_get0_notAfter(ossl)));
  unsigned char* spki = nullptr;
  int spki_len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(ossl), &spki);
  EXPECT_EQ(HexEncode(ours.spki_der()), HexEncode(ByteView(spki, static_cast<size_t>(spki_len))));
  OPENSSL_free(spki);
  const ASN1_BIT_STRING* sig = nullptr;
  const X509_ALGOR* alg = nullptr;
  X509_get0_signature(&sig, &alg, ossl);
  EXPECT_EQ(HexEncode(ours.signature()), HexEncode(ByteView(sig->data, static_cast<size_t>(sig->length))));
  EXPECT_EQ(oid::ToDotted(ours.signature_algorithm().oid), OidText(alg->algorithm));
  // Extensions: same count, order, OIDs, criticality and values.
  ASSERT_EQ(static_cast<int>(ours.extensions().size()), X509_get_ext_count(ossl));
  for (int i = 0; i < X509_get_ext_count(ossl); ++i) {
    X509_EXTENSION* e = X509_get_ext(ossl, i);
    const Extension& mine = ours.extensions().list()[static_cast<size_t>(i)];
    EXPECT_EQ(oid::ToDotted(mine.oid), OidText(X509_EXTENSION_get_object(e)));
    EXPECT_EQ(mine.critical, X509_EXTENSION_get_critical(e) == 1);
    const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(e);
    EXPECT_EQ(HexEncode(mine.value), HexEncode(ByteView(data->data, static_cast<size_t>(data->length))));
  }
  // Typed values against OpenSSL's decoders.
  const uint32_t ossl_ku = X509_get_key_usage(ossl);
  if (ours.key_usage()) {
    // OpenSSL: KU_DIGITAL_SIGNATURE 0x80 ... KU_CRL_SIGN 0x02, KU_DECIPHER_ONLY 0x8000.
    static constexpr uint32_t kOsslBits[] = {0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01, 0x8000};
    for (int bit = 0; bit < 9; ++bit) {
      EXPECT_EQ(ours.key_usage()->Has(static_cast<KeyUsageBit>(bit)), (ossl_ku & kOsslBits[bit]) != 0) << bit;
    }
  }
  const ASN1_OCTET_STRING* skid = X509_get0_subject_key_id(ossl);
  EXPECT_EQ(ours.subject_key_id().has_value(), skid != nullptr);
  if (skid)
    EXPECT_EQ(HexEncode(*ours.subject_key_id()), HexEncode(ByteView(skid->data, static_cast<size_t>(skid->length))));
  const ASN1_OCTET_STRING* akid = X509_get0_authority_key_id(ossl);
  EXPECT_EQ(ours.authority_key_id().has_value() && ours.authority_key_id()->key_id.has_value(), akid != nullptr);
  if (akid) {
    EXPECT_EQ(HexEncode(*ours.authority_key_id()->key_id),
              HexEncode(ByteView(akid->data, static_cast<size_t>(akid->length))));
  }
  GENERAL_NAMES* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(ossl, NID_subject_alt_name, nullptr, nullptr));
  EXPECT_EQ(ours.subject_alt_names().has_value(), sans != nullptr);
  if (sans) {
    ASSERT_EQ(static_cast<int>(ours.subject_alt_names()->size()), sk_GENERAL_NAME_num(sans));
    for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
      GENERAL_NAME* gn = sk_GENERAL_NAME_value(sans, i);
      const GeneralName& mine = (*ours.subject_alt_names())[static_cast<size_t>(i)];
      EXPECT_EQ(static_cast<int>(mine.type), gn->type);
      if (gn->type == GEN_OTHERNAME) {
        EXPECT_EQ(oid::ToDotted(mine.other_name_type_id), OidText(gn->d.otherName->type_id));
        const ASN1_TYPE* v = gn->d.otherName->value;
        ASSERT_EQ(v->type, V_ASN1_UTF8STRING);
        auto parsed = asn1::DerReader(mine.value).ReadString(asn1::kUtf8String);
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(std::string(*parsed), std::string(reinterpret_cast<const char*>(v->value.utf8string->data),
                                                    static_cast<size_t>(v->value.utf8string->length)));
      } else if (gn->type == GEN_DNS || gn->type == GEN_EMAIL || gn->type == GEN_URI) {
        EXPECT_EQ(std::string(mine.text()),
                  std::string(reinterpret_cast<const char*>(gn->d.ia5->data), static_cast<size_t>(gn->d.ia5->length)));
      } else if (gn->type == GEN_IPADD) {
        EXPECT_EQ(HexEncode(mine.value), HexEncode(ByteView(gn->d.ip->data, static_cast<size_t>(gn->d.ip->length))));
      }
    }
    GENERAL_NAMES_free(sans);
  }
  CERTIFICATEPOLICIES* policies =
      static_cast<CERTIFICATEPOLICIES*>(X509_get_ext_d2i(ossl, NID_certificate_policies, nullptr, nullptr));
  EXPECT_EQ(ours.certificate_policies().has_value(), policies != nullptr);
  if (policies) {
    ASSERT_EQ(static_cast<int>(ours.certificate_policies()->policies.size()), sk_POLICYINFO_num(policies));
    for (int i = 0; i < sk_POLICYINFO_num(policies); ++i) {
      POLICYINFO* pi = sk_POLICYINFO_value(policies, i);
      EXPECT_EQ(oid::ToDotted(ours.certificate_policies()->policies[static_cast<size_t>(i)].policy_id),
                OidText(pi->policyid));
    }
    CERTIFICATEPOLICIES_free(policies);
  }
  BASIC_CONSTRAINTS* bc =
      static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(ossl, NID_basic_constraints, nullptr, nullptr));
  EXPECT_EQ(ours.basic_constraints().has_value(), bc != nullptr);
  if (bc) {
    EXPECT_EQ(ours.basic_constraints()->ca, bc->ca != 0);
    EXPECT_EQ(ours.basic_constraints()->path_len.has_value(), bc->pathlen != nullptr);
    if (bc->pathlen) EXPECT_EQ(static_cast<long>(*ours.basic_constraints()->path_len), ASN1_INTEGER_get(bc->pathlen));
    BASIC_CONSTRAINTS_free(bc);
  }
}

TEST(CertificateTest, JpkiShapedOpenSslCertificateMatchesFieldByField) {
  X509Ptr ossl = JpkiShapedCert();
  Bytes der = testing::CertToDer(ossl.get());
  absl::StatusOr<Certificate> cert = Certificate::Parse(der);
  ASSERT_TRUE(cert.ok()) << cert.status();
  CompareWithOpenSsl(ossl.get(), *cert);
  EXPECT_EQ(cert->subject().ToString(), "CN=202401010001A0000000001,L=Chiyoda-ku,L=Tokyo-to,C=JP");
  EXPECT_EQ(cert->key_usage()->Names(), (std::vector<std::string_view>{"digitalSignature", "nonRepudiation"}));
  // Holder attributes as otherName entries.
  const auto& sans = *cert->subject_alt_names();
  ASSERT_GE(sans.size(), 4u);
  EXPECT_EQ(sans[0].type, GeneralNameType::kOtherName);
  EXPECT_TRUE(Equal(sans[0].other_name_type_id, oid::kJpkiName));
  EXPECT_EQ(sans[0].ToString(), "othername:1.2.392.200149.8.5.5.1:公的 太郎");
  EXPECT_EQ(sans[5].ToString(), "IP:2001:db8::1");
  // Policies with the CPS qualifier, critical.
  const auto& policy = cert->certificate_policies()->policies[0];
  EXPECT_EQ(oid::ToDotted(policy.policy_id), "1.2.392.200149.8.5.1.1.20");
  ASSERT_EQ(policy.qualifiers.size(), 1u);
  EXPECT_EQ(policy.qualifiers[0].kind, PolicyQualifierKind::kCps);
  EXPECT_EQ(policy.qualifiers[0].cps_uri, "http://www.jpki.go.jp/cps.html");
  EXPECT_TRUE(cert->extensions().Find(oid::kCertificatePolicies)->critical);
  // EKU, AIA.
  EXPECT_TRUE(cert->ext_key_usage()->Has(oid::kClientAuth));
  EXPECT_TRUE(cert->ext_key_usage()->Has(oid::kEmailProtection));
  ASSERT_EQ(cert->authority_info_access()->size(), 2u);
  EXPECT_TRUE(Equal((*cert->authority_info_access())[0].method, oid::kOcspAccess));
  EXPECT_EQ((*cert->authority_info_access())[1].location.text(), "http://ca.example.jp/");
  // CRL DP directoryName.
  const auto& dp = (*cert->crl_distribution_points())[0];
  auto dp_name = Name::Parse(dp.name->full_name[0].value);
  ASSERT_TRUE(dp_name.ok());
  EXPECT_EQ(dp_name->ToString(),
            "CN=Chiyoda-ku,OU=Tokyo-to,OU=CRL Distribution Points,OU=JPKI for digital signature,O=JPKI,C=JP");
  // Signature verifies with the issuer key; re-encoding is identical.
  EXPECT_TRUE(
      VerifySignedData(cert->signature_algorithm(), testing::SpkiOf(0), cert->tbs_der(), cert->signature()).ok());
  EXPECT_FALSE(
      VerifySignedData(cert->signature_algorithm(), testing::SpkiOf(1), cert->tbs_der(), cert->signature()).ok());
  auto re = ReencodeCertificate(*cert);
  ASSERT_TRUE(re.ok()) << re.status();
  EXPECT_EQ(*re, der);
}

TEST(CertificateTest, PssCertificateFromOpenSsl) {
  X509Ptr ossl = JpkiShapedCert(/*pss=*/true);
  Bytes der = testing::CertToDer(ossl.get());
  absl::StatusOr<Certificate> cert = Certificate::Parse(der);
  ASSERT_TRUE(cert.ok()) << cert.status();
  CompareWithOpenSsl(ossl.get(), *cert);
  const SignatureAlgorithm& alg = cert->signature_algorithm();
  EXPECT_EQ(alg.kind, SignatureAlgorithmKind::kRsaPss);
  EXPECT_EQ(alg.Name(), "rsassaPss");
  EXPECT_EQ(alg.pss.hash, HashAlgorithm::kSha384);
  EXPECT_EQ(alg.pss.mgf1_hash, HashAlgorithm::kSha384);
  EXPECT_EQ(alg.pss.salt_length, 48u);
  EXPECT_TRUE(VerifySignedData(alg, testing::SpkiOf(0), cert->tbs_der(), cert->signature()).ok());
  EXPECT_EQ(HexEncode(EncodeSignatureAlgorithm(alg)), HexEncode(alg.der));
  auto re = ReencodeCertificate(*cert);
  ASSERT_TRUE(re.ok());
  EXPECT_EQ(*re, der);
}

TEST(CertificateTest, V1CertificateFromOpenSsl) {
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 0);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
  X509_NAME* name = X509_NAME_new();
  AddNameEntry(name, "CN", MBSTRING_ASC, "v1 root");
  X509_set_issuer_name(cert.get(), name);
  X509_set_subject_name(cert.get(), name);
  X509_NAME_free(name);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()), 1600000000);
  ASN1_TIME_set(X509_getm_notAfter(cert.get()), 2600000000);  // 2052: GeneralizedTime
  X509_set_pubkey(cert.get(), SharedKey(0));
  ASSERT_GT(X509_sign(cert.get(), SharedKey(0), EVP_sha512()), 0);
  Bytes der = testing::CertToDer(cert.get());
  auto parsed = Certificate::Parse(der);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  CompareWithOpenSsl(cert.get(), *parsed);
  EXPECT_EQ(parsed->version(), Version::kV1);
  EXPECT_TRUE(parsed->extensions().empty());
  EXPECT_TRUE(parsed->not_after_generalized());
  EXPECT_FALSE(parsed->not_before_generalized());
  EXPECT_EQ(parsed->signature_algorithm().kind, SignatureAlgorithmKind::kRsaPkcs1Sha512);
  EXPECT_EQ(parsed->subject().CommonName(), "v1 root");
  EXPECT_TRUE(
      VerifySignedData(parsed->signature_algorithm(), parsed->spki_der(), parsed->tbs_der(), parsed->signature()).ok());
  EXPECT_EQ(*ReencodeCertificate(*parsed), der);
}

// ---- Negative cases: one per rule -----------------------------------------------------------------------------

// RawCert assembles Certificate DER from raw parts, so each rule can be broken on its own.
struct RawCert {
  Bytes version = {0xa0, 0x03, 0x02, 0x01, 0x02};
  Bytes serial = {0x02, 0x01, 0x01};
  Bytes inner_alg = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00};
  Bytes issuer = {0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x04, 'r', 'o', 'o', 't'};
  Bytes validity;  // filled in constructor
  Bytes subject = {0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x04, 'l', 'e', 'a', 'f'};
  Bytes spki = testing::SpkiOf(0);
  Bytes unique_ids;
  Bytes extensions;  // the [3] wrapper included
  Bytes outer_alg = inner_alg;
  Bytes signature = {0x03, 0x03, 0x00, 0xab, 0xcd};
  Bytes trailing;

  RawCert() {
    asn1::DerWriter w;
    w.AddSequence([](asn1::DerWriter& v) {
      v.AddUtcTime(1700000000);
      v.AddUtcTime(1900000000);
    });
    validity = *w.Finish();
    extensions = Ext({{0x30, 0x0c, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x04, 0x05, 0x30, 0x03, 0x01, 0x01, 0xff}});
  }
  static Bytes Ext(const std::vector<Bytes>& list) {
    asn1::DerWriter w;
    w.AddExplicit(3, [&](asn1::DerWriter& x) {
      x.AddSequence([&](asn1::DerWriter& s) {
        for (const Bytes& e : list) s.AddRaw(e);
      });
    });
    return *w.Finish();
  }
  Bytes Der() const {
    Bytes tbs_content;
    for (const Bytes* p :
         {&version, &serial, &inner_alg, &issuer, &validity, &subject, &spki, &unique_ids, &extensions}) {
      Append(tbs_content, *p);
    }
    asn1::DerWriter w;
    w.AddSequence([&](asn1::DerWriter& c) {
      c.AddPrimitive(asn1::kSequence, tbs_content);
      c.AddRaw(outer_alg);
      c.AddRaw(signature);
    });
    Bytes out = *w.Finish();
    Append(out, trailing);
    return out;
  }
};

void ExpectRejected(const RawCert& raw, const std::string& message_part, const ParseOptions& options = {}) {
  auto cert = Certificate::Parse(raw.Der(), options);
  ASSERT_FALSE(cert.ok()) << "accepted; expected: " << message_part;
  EXPECT_EQ(GetErrorCode(cert.status()), ErrorCode::kMalformedInput);
  EXPECT_NE(std::string(cert.status().message()).find(message_part), std::string::npos) << cert.status();
  EXPECT_NE(std::string(cert.status().message()).find("offset"), std::string::npos) << cert.status();
  EXPECT_EQ(std::string(cert.status().message()).rfind("x509: ", 0), 0u) << cert.status();
}

TEST(CertificateRulesTest, BaselineRawCertificateParses) {
  RawCert raw;
  auto cert = Certificate::Parse(raw.Der());
  ASSERT_TRUE(cert.ok()) << cert.status();
  EXPECT_EQ(*ReencodeCertificate(*cert), raw.Der());
}

TEST(CertificateRulesTest, TrailingDataRejected) {
  RawCert raw;
  raw.trailing = {0x00};
  ExpectRejected(raw, "trailing");
}

TEST(CertificateRulesTest, VersionRules) {
  RawCert v1_explicit;
  v1_explicit.version = {0xa0, 0x03, 0x02, 0x01, 0x00};
  v1_explicit.extensions.clear();
  ExpectRejected(v1_explicit, "v1 encoded explicitly");
  RawCert v4;
  v4.version = {0xa0, 0x03, 0x02, 0x01, 0x03};
  ExpectRejected(v4, "unknown certificate version");
  RawCert v1_with_extensions;
  v1_with_extensions.version.clear();
  ExpectRejected(v1_with_extensions, "not v3");
  RawCert v2_with_extensions;
  v2_with_extensions.version = {0xa0, 0x03, 0x02, 0x01, 0x01};
  ExpectRejected(v2_with_extensions, "not v3");
  RawCert v1_with_uid;
  v1_with_uid.version.clear();
  v1_with_uid.extensions.clear();
  v1_with_uid.unique_ids = {0x81, 0x02, 0x00, 0x01};
  ExpectRejected(v1_with_uid, "unique identifier in a v1");
  RawCert v2_with_uids;
  v2_with_uids.version = {0xa0, 0x03, 0x02, 0x01, 0x01};
  v2_with_uids.extensions.clear();
  v2_with_uids.unique_ids = {0x81, 0x02, 0x00, 0x01, 0x82, 0x02, 0x00, 0x02};
  auto v2 = Certificate::Parse(v2_with_uids.Der());
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_EQ(v2->version(), Version::kV2);
  EXPECT_EQ(HexEncode(*v2->issuer_unique_id()), "01");
  EXPECT_EQ(HexEncode(*v2->subject_unique_id()), "02");
  EXPECT_EQ(*ReencodeCertificate(*v2), v2_with_uids.Der());
}

TEST(CertificateRulesTest, SerialNumberRules) {
  RawCert negative;
  negative.serial = {0x02, 0x01, 0xff};
  ExpectRejected(negative, "not positive");
  RawCert zero;
  zero.serial = {0x02, 0x01, 0x00};
  ExpectRejected(zero, "not positive");
  RawCert too_long;
  too_long.serial = {0x02, 0x15, 0x01};
  too_long.serial.resize(2 + 21, 0x11);
  ExpectRejected(too_long, "longer than 20 octets");
  RawCert twenty;
  twenty.serial = {0x02, 0x14, 0x7f};
  twenty.serial.resize(2 + 20, 0x11);
  EXPECT_TRUE(Certificate::Parse(twenty.Der()).ok());
  RawCert non_minimal;
  non_minimal.serial = {0x02, 0x02, 0x00, 0x01};
  EXPECT_FALSE(Certificate::Parse(non_minimal.Der()).ok());
  // The named escape hatch for negative serials found in the wild.
  ParseOptions lenient;
  lenient.allow_negative_serial = true;
  auto accepted = Certificate::Parse(negative.Der(), lenient);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_TRUE(accepted->serial_negative());
  EXPECT_EQ(*ReencodeCertificate(*accepted), negative.Der());
  ExpectRejected(too_long, "longer than 20 octets", lenient);
}

TEST(CertificateRulesTest, SignatureAlgorithmsMustMatchByteForByte) {
  RawCert mismatch;
  mismatch.outer_alg = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c, 0x05, 0x00};
  ExpectRejected(mismatch, "differs from the outer");
  RawCert absent_params;  // same algorithm, NULL omitted in one of them
  absent_params.inner_alg = {0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b};
  ExpectRejected(absent_params, "differs from the outer");
  RawCert both_absent;
  both_absent.inner_alg = absent_params.inner_alg;
  both_absent.outer_alg = absent_params.inner_alg;
  ExpectRejected(both_absent, "NULL required");
  ParseOptions lenient;
  lenient.allow_missing_rsa_null_parameters = true;
  auto accepted = Certificate::Parse(both_absent.Der(), lenient);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(*ReencodeCertificate(*accepted), both_absent.Der());
  RawCert bad_params;
  bad_params.inner_alg = {0x30, 0x0e, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                          0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x04, 0x01, 0x00};
  bad_params.outer_alg = bad_params.inner_alg;
  ExpectRejected(bad_params, "not NULL");
  // An unknown algorithm (ecdsa-with-SHA256) parses; verification says unsupported.
  RawCert ecdsa;
  ecdsa.inner_alg = {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};
  ecdsa.outer_alg = ecdsa.inner_alg;
  auto unknown = Certificate::Parse(ecdsa.Der());
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_EQ(unknown->signature_algorithm().kind, SignatureAlgorithmKind::kUnknown);
  EXPECT_EQ(GetErrorCode(VerifySignedData(unknown->signature_algorithm(), unknown->spki_der(), unknown->tbs_der(),
                                          unknown->signature())),
            ErrorCode::kUnsupported);
  EXPECT_EQ(*ReencodeCertificate(*unknown), ecdsa.Der());
}

TEST(CertificateRulesTest, SignatureBitStringMustBeOctetAligned) {
  RawCert raw;
  raw.signature = {0x03, 0x03, 0x01, 0xab, 0xcc};
  ExpectRejected(raw, "unused bits");
}

TEST(CertificateRulesTest, TimeRules) {
  RawCert generalized_before_2050;
  asn1::DerWriter w;
  w.AddSequence([](asn1::DerWriter& v) {
    v.AddGeneralizedTime(1700000000);
    v.AddUtcTime(1900000000);
  });
  generalized_before_2050.validity = *w.Finish();
  ExpectRejected(generalized_before_2050, "GeneralizedTime used for a date before 2050");
  RawCert local_time;
  const char kLocal[] = "231114221320+0900";
  local_time.validity = {0x30, 0x22, 0x17, 0x11};
  local_time.validity.insert(local_time.validity.end(), kLocal, kLocal + 17);
  local_time.validity.insert(local_time.validity.end(), {0x17, 0x0d});
  const char kUtc[] = "300317175320Z";
  local_time.validity.insert(local_time.validity.end(), kUtc, kUtc + 13);
  EXPECT_FALSE(Certificate::Parse(local_time.Der()).ok());
}

TEST(CertificateRulesTest, ExtensionRules) {
  const Bytes bc = {0x30, 0x0c, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x04, 0x05, 0x30, 0x03, 0x01, 0x01, 0xff};
  RawCert duplicate;
  duplicate.extensions = RawCert::Ext({bc, bc});
  ExpectRejected(duplicate, "duplicate extension");
  RawCert empty;
  empty.extensions = {0xa3, 0x02, 0x30, 0x00};
  ExpectRejected(empty, "empty list");
  RawCert explicit_false;
  explicit_false.extensions = RawCert::Ext(
      {{0x30, 0x0f, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x01, 0x01, 0x00, 0x04, 0x05, 0x30, 0x03, 0x01, 0x01, 0xff}});
  ExpectRejected(explicit_false, "critical FALSE");
  RawCert malformed_known;  // basicConstraints whose value is not a SEQUENCE
  malformed_known.extensions = RawCert::Ext({{0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x13, 0x04, 0x03, 0x02, 0x01, 0x01}});
  ExpectRejected(malformed_known, "basicConstraints");
  // Unknown extensions are kept raw, critical or not.
  RawCert unknown;
  unknown.extensions =
      RawCert::Ext({{0x30, 0x0e, 0x06, 0x04, 0x2a, 0x03, 0x04, 0x05, 0x01, 0x01, 0xff, 0x04, 0x03, 0x02, 0x01, 0x05}});
  auto cert = Certificate::Parse(unknown.Der());
  ASSERT_TRUE(cert.ok()) << cert.status();
  ASSERT_EQ(cert->extensions().size(), 1u);
  EXPECT_TRUE(cert->extensions().list()[0].critical);
  EXPECT_EQ(oid::ToDotted(cert->extensions().list()[0].oid), "1.2.3.4.5");
  EXPECT_EQ(HexEncode(cert->extensions().list()[0].value), "020105");
  EXPECT_FALSE(IsKnownExtension(cert->extensions().list()[0].oid));
}

TEST(CertificateRulesTest, NameAndKeyRules) {
  RawCert bad_printable;
  bad_printable.issuer = {0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55,
                          0x04, 0x03, 0x13, 0x04, 'r',  '@',  'o',  't'};
  ExpectRejected(bad_printable, "issuer");
  RawCert empty_rdn;
  empty_rdn.subject = {0x30, 0x02, 0x31, 0x00};
  ExpectRejected(empty_rdn, "empty RDN");
  RawCert spki_unused_bits;
  spki_unused_bits.spki = {0x30, 0x0c, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x03, 0x01, 0x02, 0x02};
  ExpectRejected(spki_unused_bits, "unused bits");
  RawCert wrong_order;  // subject before issuer-like swap: validity where the issuer should be
  std::swap(wrong_order.issuer, wrong_order.validity);
  EXPECT_FALSE(Certificate::Parse(wrong_order.Der()).ok());
  RawCert missing_spki;
  missing_spki.spki.clear();
  EXPECT_FALSE(Certificate::Parse(missing_spki.Der()).ok());
}

TEST(CertificateRulesTest, EveryDerMutationIsRejectedOrReencodesIdentically) {
  Bytes der = ReadFile("tests/data/jpki-myna/auth_ca_2023.der");
  auto failures = asn1::testing::CheckMutations(der, [](ByteView in) -> absl::StatusOr<Bytes> {
    auto cert = Certificate::ParseView(in);
    if (!cert.ok()) return cert.status();
    return ReencodeCertificate(*cert);
  });
  std::string joined;
  for (const auto& f : failures) joined += f + "\n";
  EXPECT_TRUE(failures.empty()) << joined;
  X509Ptr ossl = JpkiShapedCert();
  Bytes jpki = testing::CertToDer(ossl.get());
  failures = asn1::testing::CheckMutations(jpki, [](ByteView in) -> absl::StatusOr<Bytes> {
    auto cert = Certificate::ParseView(in);
    if (!cert.ok()) return cert.status();
    return ReencodeCertificate(*cert);
  });
  joined.clear();
  for (const auto& f : failures) joined += f + "\n";
  EXPECT_TRUE(failures.empty()) << joined;
}

}  // namespace
}  // namespace jpki::x509
