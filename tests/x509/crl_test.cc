// Tests for x509/crl.h and x509/crl_builder.h: CRLs made by OpenSSL compared field by field, the serial index
// (sorted and unsorted input, large lists), every parsing rule with a negative case, DER mutations.

#include "x509/crl.h"

#include <openssl/bn.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <random>
#include <string>

#include "asn1/der_writer.h"
#include "base/error.h"
#include "crypto/signer.h"
#include "gtest/gtest.h"
#include "tests/asn1/der_mutator.h"
#include "tests/x509/x509_test_util.h"
#include "x509/crl_builder.h"
#include "x509/name.h"
#include "x509/oids.h"
#include "x509/signed_data.h"

namespace jpki::x509 {
namespace {

using testing::SharedKey;

int64_t OpenSslTime(const ASN1_TIME* t) {
  std::tm tm{};
  ASN1_TIME_to_tm(t, &tm);
  return static_cast<int64_t>(timegm(&tm));
}

Bytes IssuerName() {
  return *NameBuilder().Country("JP").Organization("JPKI").OrganizationalUnit("JPKI for digital signature").Build();
}

// OpenSslCrl builds a v2 CRL with OpenSSL: entries with reason codes and invalidity dates, cRLNumber, AKI.
Bytes OpenSslCrl(const std::vector<long>& serials) {
  X509_CRL* crl = X509_CRL_new();
  X509_CRL_set_version(crl, 1);
  Bytes issuer_der = IssuerName();
  const unsigned char* p = issuer_der.data();
  X509_NAME* issuer = d2i_X509_NAME(nullptr, &p, static_cast<long>(issuer_der.size()));
  X509_CRL_set_issuer_name(crl, issuer);
  X509_NAME_free(issuer);
  ASN1_TIME* t = ASN1_TIME_set(nullptr, 1764115200);  // 2025-11-26
  X509_CRL_set1_lastUpdate(crl, t);
  ASN1_TIME_set(t, 1764720000);
  X509_CRL_set1_nextUpdate(crl, t);
  ASN1_TIME_free(t);
  int i = 0;
  for (long serial : serials) {
    X509_REVOKED* r = X509_REVOKED_new();
    ASN1_INTEGER* s = ASN1_INTEGER_new();
    ASN1_INTEGER_set(s, serial);
    X509_REVOKED_set_serialNumber(r, s);
    ASN1_INTEGER_free(s);
    ASN1_TIME* when = ASN1_TIME_set(nullptr, 1764000000 + i * 60);
    X509_REVOKED_set_revocationDate(r, when);
    ASN1_TIME_free(when);
    if (i % 3 != 2) {
      ASN1_ENUMERATED* reason = ASN1_ENUMERATED_new();
      ASN1_ENUMERATED_set(reason, i % 3 == 0 ? 3 : 1);  // affiliationChanged / keyCompromise
      X509_REVOKED_add1_ext_i2d(r, NID_crl_reason, reason, 0, 0);
      ASN1_ENUMERATED_free(reason);
    }
    if (i % 4 == 1) {
      ASN1_GENERALIZEDTIME* inv = ASN1_GENERALIZEDTIME_set(nullptr, 1763000000);
      X509_REVOKED_add1_ext_i2d(r, NID_invalidity_date, inv, 0, 0);
      ASN1_GENERALIZEDTIME_free(inv);
    }
    X509_CRL_add0_revoked(crl, r);
    ++i;
  }
  ASN1_INTEGER* number = ASN1_INTEGER_new();
  ASN1_INTEGER_set(number, 4242);
  X509_CRL_add1_ext_i2d(crl, NID_crl_number, number, 0, 0);
  ASN1_INTEGER_free(number);
  AUTHORITY_KEYID* akid = AUTHORITY_KEYID_new();
  akid->keyid = ASN1_OCTET_STRING_new();
  const unsigned char kKeyId[] = {1, 2, 3, 4, 5};
  ASN1_OCTET_STRING_set(akid->keyid, kKeyId, sizeof(kKeyId));
  X509_CRL_add1_ext_i2d(crl, NID_authority_key_identifier, akid, 0, 0);
  AUTHORITY_KEYID_free(akid);
  // X509_CRL_sign sorts the entries by serial first (as OpenSSL always does when signing).
  EXPECT_GT(X509_CRL_sign(crl, SharedKey(0), EVP_sha256()), 0);
  Bytes der = testing::CrlToDer(crl);
  X509_CRL_free(crl);
  return der;
}

TEST(CrlTest, OpenSslCrlMatchesFieldByField) {
  std::vector<long> serials;
  for (long s = 1; s <= 40; ++s) serials.push_back(s * 7919 % 100003);
  Bytes der = OpenSslCrl(serials);
  auto crl = Crl::Parse(der);
  ASSERT_TRUE(crl.ok()) << crl.status();
  X509_CRL* ossl = testing::DerToCrl(der);
  ASSERT_NE(ossl, nullptr);
  EXPECT_EQ(crl->version(), 2);
  EXPECT_EQ(crl->this_update(), OpenSslTime(X509_CRL_get0_lastUpdate(ossl)));
  EXPECT_EQ(*crl->next_update(), OpenSslTime(X509_CRL_get0_nextUpdate(ossl)));
  EXPECT_EQ(crl->issuer().ToString(), "OU=JPKI for digital signature,O=JPKI,C=JP");
  EXPECT_EQ(HexEncode(*crl->crl_number()), "1092");  // 4242
  EXPECT_EQ(HexEncode(*crl->authority_key_id()->key_id), "0102030405");
  STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(ossl);
  ASSERT_EQ(static_cast<int>(crl->revoked_count()), sk_X509_REVOKED_num(revoked));
  std::vector<RevokedEntry> in_order = crl->RevokedInEncodingOrder();
  for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
    X509_REVOKED* r = sk_X509_REVOKED_value(revoked, i);
    const RevokedEntry& mine = in_order[static_cast<size_t>(i)];
    EXPECT_EQ(ASN1_INTEGER_get(X509_REVOKED_get0_serialNumber(r)),
              static_cast<long>(std::stoul(HexEncode(mine.serial), nullptr, 16)));
    EXPECT_EQ(mine.revocation_date, OpenSslTime(X509_REVOKED_get0_revocationDate(r)));
    ASN1_ENUMERATED* reason =
        static_cast<ASN1_ENUMERATED*>(X509_REVOKED_get_ext_d2i(r, NID_crl_reason, nullptr, nullptr));
    EXPECT_EQ(mine.reason.has_value(), reason != nullptr);
    if (reason) EXPECT_EQ(static_cast<long>(*mine.reason), ASN1_ENUMERATED_get(reason));
    ASN1_ENUMERATED_free(reason);
    ASN1_GENERALIZEDTIME* inv =
        static_cast<ASN1_GENERALIZEDTIME*>(X509_REVOKED_get_ext_d2i(r, NID_invalidity_date, nullptr, nullptr));
    EXPECT_EQ(mine.invalidity_date.has_value(), inv != nullptr);
    if (inv) EXPECT_EQ(*mine.invalidity_date, OpenSslTime(inv));
    ASN1_GENERALIZEDTIME_free(inv);
    // Lookups find every listed serial, with the same entry.
    auto found = crl->FindRevoked(mine.serial);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->revocation_date, mine.revocation_date);
    EXPECT_TRUE(crl->IsRevoked(mine.serial));
  }
  X509_CRL_free(ossl);
  const uint8_t kAbsent[] = {0x01, 0x86, 0xa4};  // 100004: beyond every serial
  EXPECT_FALSE(crl->IsRevoked(kAbsent));
  EXPECT_FALSE(crl->FindRevoked(kAbsent).has_value());
  EXPECT_FALSE(crl->IsRevoked({}));
  EXPECT_TRUE(VerifySignedData(crl->signature_algorithm(), testing::SpkiOf(0), crl->tbs_der(), crl->signature()).ok());
  auto re = ReencodeCrl(*crl);
  ASSERT_TRUE(re.ok()) << re.status();
  EXPECT_EQ(*re, der);
}

CrlBuilder BaseBuilder() {
  CrlBuilder b;
  b.SetSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256))
      .SetIssuer(IssuerName())
      .SetThisUpdate(1764115200)
      .SetNextUpdate(1764720000);
  return b;
}

absl::StatusOr<Bytes> SignedBy(const CrlBuilder& b, int key = 0) {
  auto signer = crypto::NewRsaPkcs1Signer(testing::SharedPrivateKey(key), crypto::SignatureHash::kSha256);
  if (!signer.ok()) return signer.status();
  return b.Sign(**signer);
}

TEST(CrlTest, UnsortedLargeCrlIsIndexedAndOpenSslAgrees) {
  CrlBuilder b = BaseBuilder();
  b.AddCrlNumber(7).AddAuthorityKeyIdentifier(Bytes{9, 9, 9});
  std::mt19937_64 rng(5);
  std::vector<Bytes> serials;
  for (int i = 0; i < 20000; ++i) {
    Bytes serial(1 + rng() % 19);
    for (auto& byte : serial) byte = static_cast<uint8_t>(rng());
    serial[0] = static_cast<uint8_t>(1 + serial[0] % 0x7f);  // positive, minimal
    serials.push_back(serial);
  }
  std::sort(serials.begin(), serials.end());
  serials.erase(std::unique(serials.begin(), serials.end()), serials.end());
  std::shuffle(serials.begin(), serials.end(), rng);
  b.Reserve(serials.size());
  for (const Bytes& s : serials) b.AddRevoked(s, 1764000000, RevocationReason::kSuperseded);
  auto der = SignedBy(b);
  ASSERT_TRUE(der.ok()) << der.status();
  EXPECT_TRUE(testing::OpenSslVerifiesCrl(*der, SharedKey(0)));
  auto crl = Crl::Parse(*der);
  ASSERT_TRUE(crl.ok()) << crl.status();
  ASSERT_EQ(crl->revoked_count(), serials.size());
  for (const Bytes& s : serials) {
    ASSERT_TRUE(crl->IsRevoked(s)) << HexEncode(s);
    EXPECT_EQ(crl->FindRevoked(s)->reason, RevocationReason::kSuperseded);
  }
  // Neighbours of listed serials are absent.
  for (size_t i = 0; i < 200; ++i) {
    Bytes s = serials[i];
    s.back() ^= 0x01;
    if (std::find(serials.begin(), serials.end(), s) == serials.end()) {
      EXPECT_FALSE(crl->IsRevoked(s));
    }
  }
  // The index order is (length, bytes).
  for (size_t i = 1; i < crl->revoked_count(); ++i) {
    const Bytes a = ToBytes(crl->revoked(i - 1).serial), c = ToBytes(crl->revoked(i).serial);
    EXPECT_TRUE(a.size() < c.size() || (a.size() == c.size() && a < c));
  }
  EXPECT_EQ(*ReencodeCrl(*crl), *der);
  EXPECT_EQ(*crl->crl_number(), Bytes{7});
}

TEST(CrlTest, EmptyV1CrlAndDeltaAndIdp) {
  CrlBuilder v1 = BaseBuilder();
  v1.SetVersion(1);
  auto der = SignedBy(v1);
  ASSERT_TRUE(der.ok());
  auto crl = Crl::Parse(*der);
  ASSERT_TRUE(crl.ok()) << crl.status();
  EXPECT_EQ(crl->version(), 1);
  EXPECT_EQ(crl->revoked_count(), 0u);
  EXPECT_FALSE(crl->IsRevoked(Bytes{1}));
  EXPECT_TRUE(testing::OpenSslVerifiesCrl(*der, SharedKey(0)));

  CrlBuilder delta = BaseBuilder();
  IssuingDistributionPointSpec idp;
  idp.name = DistributionPointNameSpec{{GeneralNameSpec::Directory(IssuerName())}, std::nullopt};
  idp.only_user_certs = true;
  idp.only_some_reasons = uint16_t{(1 << 1) | (1 << 3)};
  delta.AddCrlNumber(11).AddDeltaCrlIndicator(10).AddIssuingDistributionPoint(idp);
  RevokedEntrySpec entry;
  entry.serial = CrlBuilder::SerialContent(0x80);
  entry.revocation_date = 1764000000;
  entry.reason = RevocationReason::kCertificateHold;
  entry.invalidity_date = 1763000000;
  delta.AddRevoked(entry);
  der = SignedBy(delta);
  ASSERT_TRUE(der.ok());
  EXPECT_TRUE(testing::OpenSslVerifiesCrl(*der, SharedKey(0)));
  crl = Crl::Parse(*der);
  ASSERT_TRUE(crl.ok()) << crl.status();
  EXPECT_EQ(*crl->delta_crl_indicator(), Bytes{10});
  ASSERT_TRUE(crl->issuing_distribution_point().has_value());
  EXPECT_TRUE(crl->issuing_distribution_point()->only_user_certs);
  EXPECT_EQ(*crl->issuing_distribution_point()->only_some_reasons, (1 << 1) | (1 << 3));
  EXPECT_EQ(crl->issuing_distribution_point()->name->full_name[0].type, GeneralNameType::kDirectoryName);
  EXPECT_EQ(HexEncode(crl->revoked(0).serial), "0080");
  EXPECT_EQ(crl->revoked(0).reason, RevocationReason::kCertificateHold);
  EXPECT_EQ(*crl->revoked(0).invalidity_date, 1763000000);
  EXPECT_TRUE(crl->IsRevoked(Bytes{0x00, 0x80}));
  EXPECT_FALSE(crl->IsRevoked(Bytes{0x80}));  // not a minimal positive encoding: never listed
  EXPECT_EQ(*ReencodeCrl(*crl), *der);
}

TEST(CrlTest, ExternalSignerSignsCrl) {
  CrlBuilder b = BaseBuilder();
  b.AddRevoked(CrlBuilder::SerialContent(uint64_t{99}), 1764000000);
  auto der = b.SignExternal(crypto::NewLocalExternalSigner(testing::SharedPrivateKey(2)));
  ASSERT_TRUE(der.ok()) << der.status();
  EXPECT_TRUE(testing::OpenSslVerifiesCrl(*der, SharedKey(2)));
  auto crl = Crl::Parse(*der);
  ASSERT_TRUE(crl.ok());
  EXPECT_TRUE(crl->IsRevoked(Bytes{99}));
}

// ---- Rules ---------------------------------------------------------------------------------------------------

void ExpectRejected(const Bytes& der, const std::string& part, const CrlParseOptions& options = {}) {
  auto crl = Crl::Parse(der, options);
  ASSERT_FALSE(crl.ok()) << "accepted; expected " << part;
  EXPECT_EQ(GetErrorCode(crl.status()), ErrorCode::kMalformedInput);
  EXPECT_NE(std::string(crl.status().message()).find(part), std::string::npos) << crl.status();
  EXPECT_NE(std::string(crl.status().message()).find("offset"), std::string::npos) << crl.status();
}

// RawCrl assembles CertificateList DER from raw parts.
struct RawCrl {
  Bytes version = {0x02, 0x01, 0x01};
  Bytes alg = EncodeSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha256));
  Bytes outer_alg = alg;
  Bytes issuer = IssuerName();
  Bytes times;
  Bytes entries;  // whole revokedCertificates SEQUENCE
  Bytes extensions;
  Bytes trailing;
  RawCrl() {
    asn1::DerWriter w;
    w.AddUtcTime(1764115200);
    w.AddUtcTime(1764720000);
    times = *w.Finish();
  }
  static Bytes Entry(const Bytes& serial, const Bytes& extensions_der = {}) {
    asn1::DerWriter w;
    w.AddSequence([&](asn1::DerWriter& e) {
      e.AddInteger(serial);
      e.AddUtcTime(1764000000);
      if (!extensions_der.empty()) e.AddRaw(extensions_der);
    });
    return *w.Finish();
  }
  static Bytes List(const std::vector<Bytes>& list) {
    asn1::DerWriter w;
    w.AddSequence([&](asn1::DerWriter& s) {
      for (const Bytes& e : list) s.AddRaw(e);
    });
    return *w.Finish();
  }
  static Bytes Ext(const uint8_t* oid, size_t oid_len, const Bytes& value, bool critical = false) {
    asn1::DerWriter w;
    w.AddSequence([&](asn1::DerWriter& e) {
      e.AddPrimitive(asn1::kObjectIdentifier, ByteView(oid, oid_len));
      if (critical) e.AddBoolean(true);
      e.AddOctetString(value);
    });
    return *w.Finish();
  }
  Bytes Der() const {
    Bytes content;
    for (const Bytes* p : {&version, &alg, &issuer, &times, &entries, &extensions}) Append(content, *p);
    asn1::DerWriter w;
    w.AddSequence([&](asn1::DerWriter& c) {
      c.AddPrimitive(asn1::kSequence, content);
      c.AddRaw(outer_alg);
      c.AddBitString(Bytes{1, 2, 3});
    });
    Bytes out = *w.Finish();
    Append(out, trailing);
    return out;
  }
};

TEST(CrlRulesTest, Baseline) {
  RawCrl raw;
  raw.entries = RawCrl::List({RawCrl::Entry({0x05}), RawCrl::Entry({0x03})});
  auto crl = Crl::Parse(raw.Der());
  ASSERT_TRUE(crl.ok()) << crl.status();
  EXPECT_TRUE(crl->IsRevoked(Bytes{3}));
  EXPECT_TRUE(crl->IsRevoked(Bytes{5}));
  EXPECT_FALSE(crl->IsRevoked(Bytes{4}));
  EXPECT_EQ(*ReencodeCrl(*crl), raw.Der());
}

TEST(CrlRulesTest, Rejections) {
  RawCrl trailing;
  trailing.trailing = {0};
  ExpectRejected(trailing.Der(), "trailing");
  RawCrl v1_explicit;
  v1_explicit.version = {0x02, 0x01, 0x00};
  ExpectRejected(v1_explicit.Der(), "not v2");
  RawCrl v3;
  v3.version = {0x02, 0x01, 0x02};
  ExpectRejected(v3.Der(), "not v2");
  RawCrl mismatch;
  mismatch.outer_alg = EncodeSignatureAlgorithm(SignatureAlgorithm::RsaPkcs1(HashAlgorithm::kSha384));
  ExpectRejected(mismatch.Der(), "differs from the outer");
  RawCrl empty_list;
  empty_list.entries = {0x30, 0x00};
  ExpectRejected(empty_list.Der(), "empty revokedCertificates");
  RawCrl duplicate;
  duplicate.entries = RawCrl::List({RawCrl::Entry({0x05}), RawCrl::Entry({0x03}), RawCrl::Entry({0x05})});
  ExpectRejected(duplicate.Der(), "listed twice");
  RawCrl duplicate_sorted;
  duplicate_sorted.entries = RawCrl::List({RawCrl::Entry({0x03}), RawCrl::Entry({0x03})});
  ExpectRejected(duplicate_sorted.Der(), "listed twice");
  RawCrl negative;
  negative.entries = RawCrl::List({RawCrl::Entry({0x85})});
  ExpectRejected(negative.Der(), "not positive");
  CrlParseOptions lenient;
  lenient.allow_negative_serial = true;
  EXPECT_TRUE(Crl::Parse(negative.Der(), lenient).ok());
  RawCrl long_serial;
  long_serial.entries = RawCrl::List({RawCrl::Entry(Bytes(21, 0x11))});
  ExpectRejected(long_serial.Der(), "longer than 20");
  // Entry extensions.
  const Bytes reason7 = RawCrl::Ext(oid::kReasonCode, sizeof(oid::kReasonCode), {0x0a, 0x01, 0x07});
  RawCrl bad_reason;
  bad_reason.entries = RawCrl::List({RawCrl::Entry({0x01}, RawCrl::List({reason7}))});
  ExpectRejected(bad_reason.Der(), "reasonCode");
  const Bytes reason1 = RawCrl::Ext(oid::kReasonCode, sizeof(oid::kReasonCode), {0x0a, 0x01, 0x01});
  RawCrl dup_entry_ext;
  dup_entry_ext.entries = RawCrl::List({RawCrl::Entry({0x01}, RawCrl::List({reason1, reason1}))});
  ExpectRejected(dup_entry_ext.Der(), "listed twice");
  RawCrl empty_entry_ext;
  empty_entry_ext.entries = RawCrl::List({RawCrl::Entry({0x01}, {0x30, 0x00})});
  ExpectRejected(empty_entry_ext.Der(), "empty");
  const Bytes issuer_ext = RawCrl::Ext(oid::kCertificateIssuer, sizeof(oid::kCertificateIssuer),
                                       EncodeGeneralNames({GeneralNameSpec::Directory(IssuerName())}), true);
  RawCrl indirect;
  indirect.entries = RawCrl::List({RawCrl::Entry({0x01}, RawCrl::List({issuer_ext}))});
  ExpectRejected(indirect.Der(), "certificateIssuer");
  CrlParseOptions allow_indirect;
  allow_indirect.allow_certificate_issuer_entries = true;
  auto accepted = Crl::Parse(indirect.Der(), allow_indirect);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_TRUE(accepted->revoked(0).certificate_issuer.has_value());
  // Extensions need v2.
  RawCrl v1_with_entry_ext;
  v1_with_entry_ext.version.clear();
  v1_with_entry_ext.entries = RawCrl::List({RawCrl::Entry({0x01}, RawCrl::List({reason1}))});
  ExpectRejected(v1_with_entry_ext.Der(), "v1 CRL");
  RawCrl v1_with_crl_ext;
  v1_with_crl_ext.version.clear();
  {
    asn1::DerWriter w;
    w.AddExplicit(0, [&](asn1::DerWriter& x) {
      x.AddRaw(RawCrl::List({RawCrl::Ext(oid::kCrlNumber, sizeof(oid::kCrlNumber), {0x02, 0x01, 0x01})}));
    });
    v1_with_crl_ext.extensions = *w.Finish();
  }
  ExpectRejected(v1_with_crl_ext.Der(), "v1 CRL");
  RawCrl negative_number = v1_with_crl_ext;
  negative_number.version = {0x02, 0x01, 0x01};
  {
    asn1::DerWriter w;
    w.AddExplicit(0, [&](asn1::DerWriter& x) {
      x.AddRaw(RawCrl::List({RawCrl::Ext(oid::kCrlNumber, sizeof(oid::kCrlNumber), {0x02, 0x01, 0xff})}));
    });
    negative_number.extensions = *w.Finish();
  }
  ExpectRejected(negative_number.Der(), "negative");
  RawCrl generalized;
  {
    asn1::DerWriter w;
    w.AddGeneralizedTime(1764115200);
    generalized.times = *w.Finish();
  }
  ExpectRejected(generalized.Der(), "GeneralizedTime");
}

TEST(CrlRulesTest, EveryDerMutationIsRejectedOrReencodesIdentically) {
  CrlBuilder b = BaseBuilder();
  b.AddCrlNumber(3);
  b.AddRevoked(CrlBuilder::SerialContent(uint64_t{0x1234}), 1764000000, RevocationReason::kKeyCompromise);
  b.AddRevoked(CrlBuilder::SerialContent(uint64_t{0x12}), 1764000001);
  auto der = SignedBy(b);
  ASSERT_TRUE(der.ok());
  auto failures = asn1::testing::CheckMutations(*der, [](ByteView in) -> absl::StatusOr<Bytes> {
    auto crl = Crl::ParseView(in);
    if (!crl.ok()) return crl.status();
    return ReencodeCrl(*crl);
  });
  std::string joined;
  for (const auto& f : failures) joined += f + "\n";
  EXPECT_TRUE(failures.empty()) << joined;
}

}  // namespace
}  // namespace jpki::x509
