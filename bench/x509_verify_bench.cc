// X509VerifyChain: validate a 3-certificate RSA-2048 chain (root -> intermediate -> leaf) with a CRL from each CA,
// so revocation is checked for both certificates below the root. jpkicore's ValidatePath beside OpenSSL's
// X509_verify_cert (X509_STORE with the root and both CRLs, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL):
//   */preparsed   certificates and CRLs parsed once, only the validation is timed (OpenSSL: a fresh
//                 X509_STORE_CTX per call, as its documentation requires; jpkicore: the intermediates' keys decoded
//                 once in a CertificateSet, the trust anchor's in the TrustStore);
//   */from_bytes  the leaf, the intermediate and both CRLs are parsed from DER in every iteration and then
//                 validated (the root stays configured in the trust store for both). jpkicore takes the
//                 intermediate's decoded key from VerificationKey's process-wide cache, as a verifier that keeps
//                 meeting the same CA does; from_bytes_cold_key empties that cache in every iteration.
// Botan 2.19 runs beside them (x509_path_validate, Certificate_Store_In_Memory with the root and both CRLs,
// revocation required).
// The chain is JPKI-shaped: critical keyUsage, basicConstraints, SKI/AKI, a certificate policy.
#include <botan/certstor.h>
#include <botan/x509_crl.h>
#include <botan/x509cert.h>
#include <botan/x509path.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "benchmark/benchmark.h"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/path_validator.h"
#include "x509/trust_store.h"
#include "x509/verification_key.h"

namespace {

using jpki::Bytes;

constexpr int64_t kNow = 1800000000;  // 2027-01-15, inside every validity period below

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "x509_verify_bench: setup failed: %s\n", what);
    std::abort();
  }
}

X509_NAME* MakeName(const char* cn) {
  X509_NAME* name = X509_NAME_new();
  X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("JP"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("JPKI"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  return name;
}

Bytes ToDer(X509* cert) {
  unsigned char* out = nullptr;
  const int len = i2d_X509(cert, &out);
  Check(len > 0, "i2d_X509");
  Bytes der(out, out + len);
  OPENSSL_free(out);
  return der;
}

Bytes ToDer(X509_CRL* crl) {
  unsigned char* out = nullptr;
  const int len = i2d_X509_CRL(crl, &out);
  Check(len > 0, "i2d_X509_CRL");
  Bytes der(out, out + len);
  OPENSSL_free(out);
  return der;
}

X509* MakeCert(const char* subject, const char* issuer, EVP_PKEY* key, EVP_PKEY* issuer_key, X509* issuer_cert,
               long serial, const std::vector<std::pair<const char*, const char*>>& extensions) {
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
  X509_NAME* s = MakeName(subject);
  X509_NAME* i = MakeName(issuer);
  X509_set_subject_name(cert, s);
  X509_set_issuer_name(cert, i);
  X509_NAME_free(s);
  X509_NAME_free(i);
  ASN1_TIME_set(X509_getm_notBefore(cert), 1700000000);
  ASN1_TIME_set(X509_getm_notAfter(cert), 1900000000);
  X509_set_pubkey(cert, key);
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer_cert ? issuer_cert : cert, cert, nullptr, nullptr, 0);
  for (const auto& [name, value] : extensions) {
    X509_EXTENSION* ext = X509V3_EXT_nconf(nullptr, &ctx, name, value);
    Check(ext != nullptr, name);
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
  Check(X509_sign(cert, issuer_key, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

X509_CRL* MakeCrl(const char* issuer, EVP_PKEY* issuer_key, long revoked_serial) {
  X509_CRL* crl = X509_CRL_new();
  X509_CRL_set_version(crl, 1);
  X509_NAME* name = MakeName(issuer);
  X509_CRL_set_issuer_name(crl, name);
  X509_NAME_free(name);
  ASN1_TIME* t = ASN1_TIME_set(nullptr, 1790000000);
  ASN1_TIME* n = ASN1_TIME_set(nullptr, 1810000000);
  X509_CRL_set1_lastUpdate(crl, t);
  X509_CRL_set1_nextUpdate(crl, n);
  X509_REVOKED* r = X509_REVOKED_new();
  ASN1_INTEGER* serial = ASN1_INTEGER_new();
  ASN1_INTEGER_set(serial, revoked_serial);
  X509_REVOKED_set_serialNumber(r, serial);
  X509_REVOKED_set_revocationDate(r, t);
  X509_CRL_add0_revoked(crl, r);
  ASN1_INTEGER_free(serial);
  ASN1_TIME_free(t);
  ASN1_TIME_free(n);
  Check(X509_CRL_sign(crl, issuer_key, EVP_sha256()) > 0, "X509_CRL_sign");
  return crl;
}

// AddJpkiSigningPolicy adds certificatePolicies { 1.2.392.200149.8.5.1.1.20 } (OpenSSL's config syntax for
// policies needs a config database; the DER is short enough to write out).
void AddJpkiSigningPolicy(X509* cert) {
  static const unsigned char kPolicies[] = {0x30, 0x0f, 0x30, 0x0d, 0x06, 0x0b, 0x2a, 0x83, 0x08,
                                            0x8c, 0x9b, 0x55, 0x08, 0x05, 0x01, 0x01, 0x14};
  ASN1_OCTET_STRING* value = ASN1_OCTET_STRING_new();
  ASN1_OCTET_STRING_set(value, kPolicies, sizeof(kPolicies));
  X509_EXTENSION* ext = X509_EXTENSION_create_by_NID(nullptr, NID_certificate_policies, 0, value);
  Check(ext != nullptr && X509_add_ext(cert, ext, -1) == 1, "certificatePolicies");
  X509_EXTENSION_free(ext);
  ASN1_OCTET_STRING_free(value);
}

// Fixture holds the chain as DER and pre-parsed in both libraries.
struct Fixture {
  Bytes root_der, inter_der, leaf_der, root_crl_der, inter_crl_der;
  X509 *root, *inter, *leaf;
  X509_CRL *root_crl, *inter_crl;

  Fixture() {
    EVP_PKEY* root_key = EVP_RSA_gen(2048);
    EVP_PKEY* inter_key = EVP_RSA_gen(2048);
    EVP_PKEY* leaf_key = EVP_RSA_gen(2048);
    Check(root_key && inter_key && leaf_key, "EVP_RSA_gen");
    root = MakeCert("Root CA", "Root CA", root_key, root_key, nullptr, 1,
                    {{"basicConstraints", "critical,CA:TRUE"},
                     {"keyUsage", "critical,keyCertSign,cRLSign"},
                     {"subjectKeyIdentifier", "hash"}});
    inter = MakeCert("Intermediate CA", "Root CA", inter_key, root_key, root, 2,
                     {{"basicConstraints", "critical,CA:TRUE,pathlen:0"},
                      {"keyUsage", "critical,keyCertSign,cRLSign"},
                      {"subjectKeyIdentifier", "hash"},
                      {"authorityKeyIdentifier", "keyid"}});
    leaf = MakeCert("Leaf", "Intermediate CA", leaf_key, inter_key, inter, 3,
                    {{"basicConstraints", "critical,CA:FALSE"},
                     {"keyUsage", "critical,digitalSignature,nonRepudiation"},
                     {"authorityKeyIdentifier", "keyid"}});
    AddJpkiSigningPolicy(leaf);
    Check(X509_sign(leaf, inter_key, EVP_sha256()) > 0, "X509_sign");
    root_crl = MakeCrl("Root CA", root_key, 77);
    inter_crl = MakeCrl("Intermediate CA", inter_key, 78);
    root_der = ToDer(root);
    inter_der = ToDer(inter);
    leaf_der = ToDer(leaf);
    root_crl_der = ToDer(root_crl);
    inter_crl_der = ToDer(inter_crl);
  }
};

const Fixture& GetFixture() {
  static const Fixture* fixture = new Fixture;
  return *fixture;
}

jpki::x509::ValidationOptions Options() {
  jpki::x509::ValidationOptions options = jpki::x509::ValidationOptions::AtTime(kNow);
  options.purpose = jpki::x509::Purpose::kSigning;
  return options;
}

const jpki::x509::TrustStore& JpkicoreStore() {
  static const jpki::x509::TrustStore* store = [] {
    auto* s = new jpki::x509::TrustStore;
    Check(s->AddEncoded(GetFixture().root_der).ok(), "TrustStore::AddEncoded");
    return s;
  }();
  return *store;
}

void BM_JpkicorePreparsed(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const jpki::x509::TrustStore& store = JpkicoreStore();
  const jpki::x509::Certificate leaf = *jpki::x509::Certificate::ParseView(f.leaf_der);
  const jpki::x509::CertificateSet intermediates({*jpki::x509::Certificate::ParseView(f.inter_der)});
  const std::vector<jpki::x509::Crl> crls = {*jpki::x509::Crl::ParseView(f.root_crl_der),
                                             *jpki::x509::Crl::ParseView(f.inter_crl_der)};
  const jpki::x509::ValidationOptions options = Options();
  Check(jpki::x509::ValidatePath(leaf, intermediates, store, crls, options).ok(), "jpkicore validation");
  for (auto _ : state) {
    jpki::x509::ValidationResult r = jpki::x509::ValidatePath(leaf, intermediates, store, crls, options);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_JpkicoreFromBytes(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const jpki::x509::TrustStore& store = JpkicoreStore();
  const jpki::x509::ValidationOptions options = Options();
  for (auto _ : state) {
    absl::StatusOr<jpki::x509::Certificate> leaf = jpki::x509::Certificate::ParseView(f.leaf_der);
    const jpki::x509::CertificateSet intermediates({*jpki::x509::Certificate::ParseView(f.inter_der)});
    const std::vector<jpki::x509::Crl> crls = {*jpki::x509::Crl::ParseView(f.root_crl_der),
                                               *jpki::x509::Crl::ParseView(f.inter_crl_der)};
    jpki::x509::ValidationResult r = jpki::x509::ValidatePath(*leaf, intermediates, store, crls, options);
    if (!r.ok()) state.SkipWithError("jpkicore validation failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

X509_STORE* OpensslStore(X509* root, X509_CRL* root_crl, X509_CRL* inter_crl) {
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, root);
  X509_STORE_add_crl(store, root_crl);
  X509_STORE_add_crl(store, inter_crl);
  X509_STORE_set_flags(store, X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
  return store;
}

bool OpensslVerify(X509_STORE* store, X509* leaf, STACK_OF(X509) * untrusted) {
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf, untrusted);
  X509_STORE_CTX_set_time(ctx, 0, static_cast<time_t>(kNow));
  X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_ANY);
  const bool ok = X509_verify_cert(ctx) == 1;
  X509_STORE_CTX_free(ctx);
  return ok;
}

void BM_OpensslPreparsed(benchmark::State& state) {
  const Fixture& f = GetFixture();
  X509_STORE* store = OpensslStore(f.root, f.root_crl, f.inter_crl);
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  sk_X509_push(untrusted, f.inter);
  Check(OpensslVerify(store, f.leaf, untrusted), "OpenSSL validation");
  for (auto _ : state) benchmark::DoNotOptimize(OpensslVerify(store, f.leaf, untrusted));
  sk_X509_free(untrusted);
  X509_STORE_free(store);
  state.SetItemsProcessed(state.iterations());
}

void BM_OpensslFromBytes(benchmark::State& state) {
  const Fixture& f = GetFixture();
  for (auto _ : state) {
    const unsigned char* p = f.leaf_der.data();
    X509* leaf = d2i_X509(nullptr, &p, static_cast<long>(f.leaf_der.size()));
    p = f.inter_der.data();
    X509* inter = d2i_X509(nullptr, &p, static_cast<long>(f.inter_der.size()));
    p = f.root_crl_der.data();
    X509_CRL* root_crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(f.root_crl_der.size()));
    p = f.inter_crl_der.data();
    X509_CRL* inter_crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(f.inter_crl_der.size()));
    X509_STORE* store = OpensslStore(f.root, root_crl, inter_crl);
    STACK_OF(X509)* untrusted = sk_X509_new_null();
    sk_X509_push(untrusted, inter);
    if (!OpensslVerify(store, leaf, untrusted)) state.SkipWithError("OpenSSL validation failed");
    sk_X509_free(untrusted);
    X509_STORE_free(store);
    X509_CRL_free(root_crl);
    X509_CRL_free(inter_crl);
    X509_free(inter);
    X509_free(leaf);
  }
  state.SetItemsProcessed(state.iterations());
}

// The cold variant empties VerificationKey's process-wide cache first, so the intermediate's key is set up again in
// every iteration (what a verifier pays the first time it meets a CA key).
void BM_JpkicoreFromBytesCold(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const jpki::x509::TrustStore& store = JpkicoreStore();
  const jpki::x509::ValidationOptions options = Options();
  for (auto _ : state) {
    jpki::x509::VerificationKey::ClearCache();
    absl::StatusOr<jpki::x509::Certificate> leaf = jpki::x509::Certificate::ParseView(f.leaf_der);
    const jpki::x509::CertificateSet intermediates({*jpki::x509::Certificate::ParseView(f.inter_der)});
    const std::vector<jpki::x509::Crl> crls = {*jpki::x509::Crl::ParseView(f.root_crl_der),
                                               *jpki::x509::Crl::ParseView(f.inter_crl_der)};
    jpki::x509::ValidationResult r = jpki::x509::ValidatePath(*leaf, intermediates, store, crls, options);
    if (!r.ok()) state.SkipWithError("jpkicore validation failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

// Botan 2: x509_path_validate with the root and both CRLs in a Certificate_Store_In_Memory, revocation required.
bool BotanVerify(const std::vector<Botan::X509_Certificate>& chain, const Botan::Certificate_Store& store) {
  const Botan::Path_Validation_Restrictions restrictions(/*require_rev=*/true, /*minimum_key_strength=*/110);
  const Botan::Path_Validation_Result result =
      Botan::x509_path_validate(chain, restrictions, store, "", Botan::Usage_Type::UNSPECIFIED,
                                std::chrono::system_clock::from_time_t(static_cast<time_t>(kNow)));
  return result.successful_validation();
}

void BM_BotanPreparsed(benchmark::State& state) {
  const Fixture& f = GetFixture();
  Botan::Certificate_Store_In_Memory store;
  store.add_certificate(Botan::X509_Certificate(f.root_der.data(), f.root_der.size()));
  store.add_crl(Botan::X509_CRL(f.root_crl_der));
  store.add_crl(Botan::X509_CRL(f.inter_crl_der));
  const std::vector<Botan::X509_Certificate> chain = {Botan::X509_Certificate(f.leaf_der.data(), f.leaf_der.size()),
                                                      Botan::X509_Certificate(f.inter_der.data(), f.inter_der.size())};
  Check(BotanVerify(chain, store), "Botan validation");
  for (auto _ : state) benchmark::DoNotOptimize(BotanVerify(chain, store));
  state.SetItemsProcessed(state.iterations());
}

void BM_BotanFromBytes(benchmark::State& state) {
  const Fixture& f = GetFixture();
  const Botan::X509_Certificate root(f.root_der.data(), f.root_der.size());
  for (auto _ : state) {
    Botan::Certificate_Store_In_Memory store;
    store.add_certificate(root);
    store.add_crl(Botan::X509_CRL(f.root_crl_der));
    store.add_crl(Botan::X509_CRL(f.inter_crl_der));
    const std::vector<Botan::X509_Certificate> chain = {
        Botan::X509_Certificate(f.leaf_der.data(), f.leaf_der.size()),
        Botan::X509_Certificate(f.inter_der.data(), f.inter_der.size())};
    if (!BotanVerify(chain, store)) state.SkipWithError("Botan validation failed");
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_JpkicorePreparsed)->Name("X509VerifyChain/jpkicore/preparsed");
BENCHMARK(BM_OpensslPreparsed)->Name("X509VerifyChain/openssl/preparsed");
BENCHMARK(BM_JpkicoreFromBytes)->Name("X509VerifyChain/jpkicore/from_bytes");
BENCHMARK(BM_OpensslFromBytes)->Name("X509VerifyChain/openssl/from_bytes");
BENCHMARK(BM_BotanPreparsed)->Name("X509VerifyChain/botan/preparsed");
BENCHMARK(BM_BotanFromBytes)->Name("X509VerifyChain/botan/from_bytes");
BENCHMARK(BM_JpkicoreFromBytesCold)->Name("X509VerifyChain/jpkicore/from_bytes_cold_key");

}  // namespace
