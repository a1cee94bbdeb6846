// X509Parse: parse a JPKI-shaped signing certificate (RSA-2048, ~1.3 KB: holder attributes in subjectAltName
// otherName entries, critical keyUsage and certificatePolicies with a CPS URI, a directoryName CRL distribution
// point, AKI/SKI) with jpkicore (Certificate::ParseView: copy into owned storage, full strict parse, every known
// extension decoded), OpenSSL (d2i_X509) and Botan (X509_Certificate from memory).
// CrlParse / CrlLookup: a CRL with 1,000,000 entries (random 9-byte serials in random order, every third entry with
// a reasonCode) parsed (jpkicore: one validating pass plus the sorted serial index; OpenSSL: d2i_X509_CRL) and
// looked up by serial (jpkicore: Crl::IsRevoked; OpenSSL: X509_CRL_get0_by_serial, its lazy sort done before
// timing), half hits and half misses.
#include <botan/data_src.h>
#include <botan/x509cert.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <vector>

#include "base/bytes.h"
#include "benchmark/benchmark.h"
#include "crypto/rsa_key.h"
#include "crypto/signer.h"
#include "x509/certificate.h"
#include "x509/certificate_builder.h"
#include "x509/crl.h"
#include "x509/crl_builder.h"
#include "x509/name.h"
#include "x509/oids.h"

namespace {

using jpki::Bytes;
using jpki::ByteView;
namespace x509 = jpki::x509;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "x509_bench: setup failed: %s\n", what);
    std::abort();
  }
}

// Keys: one RSA-2048 key made by OpenSSL, imported into jpkicore for the builders.
struct Keys {
  jpki::crypto::RsaPrivateKey ours;
  Bytes spki;
};

const Keys& BenchKeys() {
  static const Keys* keys = [] {
    EVP_PKEY* pkey = EVP_RSA_gen(2048);
    Check(pkey != nullptr, "EVP_RSA_gen");
    unsigned char* der = nullptr;
    int len = i2d_PrivateKey(pkey, &der);
    Check(len > 0, "i2d_PrivateKey");
    auto key = jpki::crypto::RsaPrivateKey::ParsePkcs1Der(ByteView(der, static_cast<size_t>(len)));
    OPENSSL_free(der);
    Check(key.ok(), "ParsePkcs1Der");
    Bytes spki = key->public_key().SpkiDer();
    auto* k = new Keys{*std::move(key), std::move(spki)};
    EVP_PKEY_free(pkey);
    return k;
  }();
  return *keys;
}

std::unique_ptr<jpki::crypto::Signer> BenchSigner() {
  auto signer = jpki::crypto::NewRsaPkcs1Signer(BenchKeys().ours, jpki::crypto::SignatureHash::kSha256);
  Check(signer.ok(), "signer");
  return *std::move(signer);
}

Bytes IssuerName() {
  return *x509::NameBuilder()
              .Country("JP")
              .Organization("JPKI")
              .OrganizationalUnit("JPKI for digital signature")
              .OrganizationalUnit("Japan Agency for Local Authority Information Systems")
              .Build();
}

const Bytes& JpkiSignCert() {
  static const Bytes* der = [] {
    Bytes subject = *x509::NameBuilder()
                         .Country("JP")
                         .Locality("Tokyo-to")
                         .Locality("Chiyoda-ku")
                         .CommonName("202401010001A0000000001")
                         .Build();
    Bytes dp_name = *x509::NameBuilder()
                         .Country("JP")
                         .Organization("JPKI")
                         .OrganizationalUnit("JPKI for digital signature")
                         .OrganizationalUnit("CRL Distribution Points")
                         .OrganizationalUnit("Tokyo-to")
                         .CommonName("Chiyoda-ku")
                         .Build();
    std::vector<x509::PolicyInformationSpec> policies(1);
    policies[0].policy_id = *x509::oid::FromDotted("1.2.392.200149.8.5.1.1.20");
    policies[0].qualifiers.push_back(x509::PolicyQualifierSpec::Cps("http://www.jpki.go.jp/cps.html"));
    std::vector<x509::DistributionPointSpec> dps(1);
    dps[0].name = x509::DistributionPointNameSpec{{x509::GeneralNameSpec::Directory(dp_name)}, std::nullopt};
    const uint8_t kKeyId[20] = {0xd2, 0x1e, 0xa5, 0x58, 0x95, 0x61, 0x7e, 0x93, 0xad, 0xbf,
                                0x96, 0x6b, 0x94, 0x1a, 0xb4, 0xed, 0xf6, 0x53, 0xf0, 0x8f};
    x509::CertificateBuilder b;
    b.SetSerialUint64(0x0123456789abcdefULL)
        .SetSignatureAlgorithm(x509::SignatureAlgorithm::RsaPkcs1(x509::HashAlgorithm::kSha256))
        .SetIssuer(IssuerName())
        .SetSubject(subject)
        .SetValidity(1735689600, 1897311599)
        .SetSubjectPublicKeyInfo(BenchKeys().spki)
        .AddKeyUsage(x509::KeyUsage{(1 << 0) | (1 << 1)})
        .AddCertificatePolicies(policies, true)
        .AddSubjectAltNames(
            {x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiName, "公的　太郎"),
             x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiNameSubstitute, "公的　太郎"),
             x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiGender, "1"),
             x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiBirthDate, "419900102"),
             x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiAddress, "東京都千代田区永田町一丁目七番一号"),
             x509::GeneralNameSpec::OtherNameUtf8(x509::oid::kJpkiAddressSubstitute,
                                                  "東京都千代田区永田町一丁目七番一号")})
        .AddCrlDistributionPoints(dps)
        .AddAuthorityKeyIdentifier(ByteView(kKeyId, 20))
        .AddSubjectKeyIdentifier(ByteView(kKeyId, 20));
    auto out = b.Sign(*BenchSigner());
    Check(out.ok(), "sign certificate");
    return new Bytes(*std::move(out));
  }();
  return *der;
}

constexpr size_t kCrlEntries = 1000000;

struct BigCrl {
  Bytes der;
  std::vector<Bytes> probes;  // half listed serials, half absent ones
};

const BigCrl& Crl1M() {
  static const BigCrl* crl = [] {
    std::mt19937_64 rng(2024);
    x509::CrlBuilder b;
    b.SetSignatureAlgorithm(x509::SignatureAlgorithm::RsaPkcs1(x509::HashAlgorithm::kSha256))
        .SetIssuer(IssuerName())
        .SetThisUpdate(1764115200)
        .SetNextUpdate(1764201600)
        .AddCrlNumber(1234);
    b.Reserve(kCrlEntries);
    auto* out = new BigCrl;
    for (size_t i = 0; i < kCrlEntries; ++i) {
      x509::RevokedEntrySpec e;
      e.serial.resize(9);
      const uint64_t r = rng();
      e.serial[0] = static_cast<uint8_t>(1 + (i & 0x3f));  // positive, minimal, and distinct per low bits
      for (int k = 0; k < 8; ++k) e.serial[1 + k] = static_cast<uint8_t>(r >> (8 * k));
      e.revocation_date = 1700000000 + static_cast<int64_t>(i);
      if (i % 3 == 0) e.reason = x509::RevocationReason::kKeyCompromise;
      if (i % 2000 == 0) {
        out->probes.push_back(e.serial);
        Bytes absent = e.serial;
        absent[0] = 0x7f;  // never generated
        out->probes.push_back(absent);
      }
      b.AddRevoked(std::move(e));
    }
    auto der = b.Sign(*BenchSigner());
    Check(der.ok(), "sign CRL");
    out->der = *std::move(der);
    return out;
  }();
  return *crl;
}

void X509ParseJpkicore(benchmark::State& state) {
  const Bytes& der = JpkiSignCert();
  for (auto _ : state) {
    auto cert = x509::Certificate::ParseView(der);
    if (!cert.ok()) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(cert);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(der.size()));
  state.counters["cert_bytes"] = static_cast<double>(der.size());
}

void X509ParseOpenssl(benchmark::State& state) {
  const Bytes& der = JpkiSignCert();
  for (auto _ : state) {
    const unsigned char* p = der.data();
    X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (cert == nullptr) state.SkipWithError("d2i_X509 failed");
    benchmark::DoNotOptimize(cert);
    X509_free(cert);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(der.size()));
}

void X509ParseBotan(benchmark::State& state) {
  const Bytes& der = JpkiSignCert();
  for (auto _ : state) {
    try {
      Botan::X509_Certificate cert(der.data(), der.size());
      benchmark::DoNotOptimize(cert);
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(der.size()));
}

void CrlParseJpkicore(benchmark::State& state) {
  const BigCrl& crl = Crl1M();
  for (auto _ : state) {
    auto parsed = x509::Crl::ParseView(crl.der);
    if (!parsed.ok() || parsed->revoked_count() != kCrlEntries) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kCrlEntries));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(crl.der.size()));
}

void CrlParseOpenssl(benchmark::State& state) {
  const BigCrl& crl = Crl1M();
  for (auto _ : state) {
    const unsigned char* p = crl.der.data();
    X509_CRL* parsed = d2i_X509_CRL(nullptr, &p, static_cast<long>(crl.der.size()));
    if (parsed == nullptr) state.SkipWithError("d2i_X509_CRL failed");
    benchmark::DoNotOptimize(parsed);
    X509_CRL_free(parsed);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kCrlEntries));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(crl.der.size()));
}

void CrlLookupJpkicore(benchmark::State& state) {
  const BigCrl& crl = Crl1M();
  auto parsed = x509::Crl::ParseView(crl.der);
  Check(parsed.ok(), "parse CRL");
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    hits += parsed->IsRevoked(crl.probes[i]);
    if (++i == crl.probes.size()) i = 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
}

void CrlLookupOpenssl(benchmark::State& state) {
  const BigCrl& crl = Crl1M();
  const unsigned char* p = crl.der.data();
  X509_CRL* parsed = d2i_X509_CRL(nullptr, &p, static_cast<long>(crl.der.size()));
  Check(parsed != nullptr, "d2i_X509_CRL");
  std::vector<ASN1_INTEGER*> probes;
  for (const Bytes& s : crl.probes) {
    const unsigned char* q = nullptr;
    Bytes der = {0x02, static_cast<uint8_t>(s.size())};
    jpki::Append(der, s);
    q = der.data();
    probes.push_back(d2i_ASN1_INTEGER(nullptr, &q, static_cast<long>(der.size())));
    Check(probes.back() != nullptr, "d2i_ASN1_INTEGER");
  }
  X509_REVOKED* revoked = nullptr;
  X509_CRL_get0_by_serial(parsed, &revoked, probes[0]);  // OpenSSL sorts the entries on the first lookup
  size_t i = 0, hits = 0;
  for (auto _ : state) {
    hits += X509_CRL_get0_by_serial(parsed, &revoked, probes[i]) == 1;
    if (++i == probes.size()) i = 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations());
  for (ASN1_INTEGER* a : probes) ASN1_INTEGER_free(a);
  X509_CRL_free(parsed);
}

BENCHMARK(X509ParseJpkicore)->Name("X509Parse/jpkicore/jpki_sign_cert");
BENCHMARK(X509ParseOpenssl)->Name("X509Parse/openssl/jpki_sign_cert");
BENCHMARK(X509ParseBotan)->Name("X509Parse/botan/jpki_sign_cert");
BENCHMARK(CrlParseJpkicore)->Name("CrlParse/jpkicore/1000000")->Unit(benchmark::kMillisecond);
BENCHMARK(CrlParseOpenssl)->Name("CrlParse/openssl/1000000")->Unit(benchmark::kMillisecond);
BENCHMARK(CrlLookupJpkicore)->Name("CrlLookup/jpkicore/1000000");
BENCHMARK(CrlLookupOpenssl)->Name("CrlLookup/openssl/1000000");

}  // namespace
