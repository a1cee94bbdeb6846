// Runs every RSA case of the x509-limbo suites (tests/data/x509-limbo, both files) through ValidatePath with the
// case's expected result. A case is in scope when every certificate that must verify a signature has an RSA key
// and every signature that must be checked is an RSA one (decided with OpenSSL, independently of the code under
// test); ECDSA / Ed25519 chains are out of scope and counted separately. SERVER cases check the expected peer name
// (DNS or IP) with x509/host_name.h.
#include <arpa/inet.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "asn1/time.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "x509/certificate.h"
#include "x509/crl.h"
#include "x509/host_name.h"
#include "x509/oids.h"
#include "x509/path_validator.h"
#include "x509/trust_store.h"

namespace jpki::x509 {
namespace {

struct OsslInfo {
  bool rsa_key = false;
  bool rsa_signature = false;
  Bytes der;
};

OsslInfo Inspect(const std::string& pem) {
  OsslInfo info;
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (cert == nullptr) return info;
  EVP_PKEY* key = X509_get0_pubkey(cert);
  info.rsa_key = key != nullptr && (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA);
  const int sig_nid = X509_get_signature_nid(cert);
  info.rsa_signature = sig_nid == NID_sha256WithRSAEncryption || sig_nid == NID_sha384WithRSAEncryption ||
                       sig_nid == NID_sha512WithRSAEncryption || sig_nid == NID_rsassaPss;
  unsigned char* out = nullptr;
  const int len = i2d_X509(cert, &out);
  if (len > 0) info.der.assign(out, out + len);
  OPENSSL_free(out);
  X509_free(cert);
  return info;
}

struct Tally {
  int in_scope = 0, passed = 0, out_of_scope = 0;
  std::vector<std::string> failures;
};

bool RunCase(const nlohmann::json& tc, std::string* why) {
  ValidationOptions options = ValidationOptions::AtTime(1700000000);
  if (tc.contains("validation_time") && tc["validation_time"].is_string()) {
    absl::StatusOr<int64_t> t = asn1::ParseRfc3339(tc["validation_time"].get<std::string>());
    if (!t.ok()) {
      *why = "bad validation_time";
      return false;
    }
    options.time = *t;
  }
  if (tc.contains("max_chain_depth") && tc["max_chain_depth"].is_number()) {
    options.max_path_length = tc["max_chain_depth"].get<size_t>() + 2;
  }
  if (tc.contains("extended_key_usage") && tc["extended_key_usage"].is_array()) {
    for (const auto& eku : tc["extended_key_usage"]) {
      const std::string name = eku.get<std::string>();
      const uint8_t* oid = nullptr;
      size_t len = 0;
      if (name == "serverAuth") {
        oid = oid::kServerAuth;
        len = sizeof(oid::kServerAuth);
      } else if (name == "clientAuth") {
        oid = oid::kClientAuth;
        len = sizeof(oid::kClientAuth);
      }
      if (oid != nullptr) options.required_ext_key_usages.emplace_back(oid, oid + len);
    }
  }
  // Anchors are configuration, not input: admit the zero serial of real roots (Starfield G2 in online::fastly.com).
  TrustStoreOptions store_options;
  store_options.parse_options.allow_negative_serial = true;
  TrustStore store(store_options);
  for (const auto& pem : tc["trusted_certs"]) {
    absl::StatusOr<std::vector<Certificate>> certs =
        DecodeCertificates(AsBytes(pem.get<std::string>()), store_options.parse_options);
    if (!certs.ok()) continue;  // an anchor jpkicore cannot parse is not trusted
    for (const auto& c : *certs) (void)store.Add(c);
  }
  std::vector<Certificate> intermediates;
  for (const auto& pem : tc["untrusted_intermediates"]) {
    absl::StatusOr<std::vector<Certificate>> certs = DecodeCertificates(AsBytes(pem.get<std::string>()));
    if (certs.ok()) intermediates.insert(intermediates.end(), certs->begin(), certs->end());
  }
  std::vector<Crl> crls;
  if (tc.contains("crls") && tc["crls"].is_array()) {
    for (const auto& pem : tc["crls"]) {
      BIO* bio = BIO_new_mem_buf(pem.get<std::string>().data(), static_cast<int>(pem.get<std::string>().size()));
      X509_CRL* crl = PEM_read_bio_X509_CRL(bio, nullptr, nullptr, nullptr);
      BIO_free(bio);
      if (crl == nullptr) continue;
      unsigned char* out = nullptr;
      const int len = i2d_X509_CRL(crl, &out);
      Bytes der(out, out + len);
      OPENSSL_free(out);
      X509_CRL_free(crl);
      absl::StatusOr<Crl> parsed = Crl::Parse(std::move(der));
      if (parsed.ok()) crls.push_back(*std::move(parsed));
    }
  }
  absl::StatusOr<std::vector<Certificate>> leaf =
      DecodeCertificates(AsBytes(tc["peer_certificate"].get<std::string>()));
  if (!leaf.ok() || leaf->size() != 1) {
    *why = leaf.ok() ? "peer: not one certificate" : std::string(leaf.status().message());
    return false;
  }
  ValidationResult result = ValidatePath(leaf->front(), intermediates, store, crls, options);
  if (!result.ok()) {
    *why = std::string(ValidationCodeName(result.code)) + ": " + result.detail;
    return false;
  }
  if (tc.contains("expected_peer_name") && tc["expected_peer_name"].is_object()) {
    const std::string kind = tc["expected_peer_name"]["kind"].get<std::string>();
    const std::string value = tc["expected_peer_name"]["value"].get<std::string>();
    bool match = false;
    if (kind == "DNS") {
      match = MatchesDnsName(leaf->front(), value);
    } else if (kind == "IP") {
      unsigned char buf[16];
      if (inet_pton(AF_INET, value.c_str(), buf) == 1) {
        match = MatchesIpAddress(leaf->front(), ByteView(buf, 4));
      } else if (inet_pton(AF_INET6, value.c_str(), buf) == 1) {
        match = MatchesIpAddress(leaf->front(), ByteView(buf, 16));
      }
    }
    if (!match) {
      *why = "name_mismatch: peer name " + value;
      return false;
    }
  }
  *why = "ok";
  return true;
}

bool InScope(const nlohmann::json& tc) {
  for (const auto& pem : tc["trusted_certs"]) {
    if (!Inspect(pem.get<std::string>()).rsa_key) return false;
  }
  for (const auto& pem : tc["untrusted_intermediates"]) {
    const OsslInfo info = Inspect(pem.get<std::string>());
    if (!info.rsa_key || !info.rsa_signature) return false;
  }
  // The peer's own key is never used in path validation; only its signature must be RSA.
  return Inspect(tc["peer_certificate"].get<std::string>()).rsa_signature;
}

Tally RunFile(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  const nlohmann::json doc = nlohmann::json::parse(in);
  Tally tally;
  for (const auto& tc : doc["testcases"]) {
    const std::string id = tc["id"].get<std::string>();
    if (!InScope(tc)) {
      ++tally.out_of_scope;
      continue;
    }
    ++tally.in_scope;
    std::string why;
    const bool valid = RunCase(tc, &why);
    const bool expected = tc["expected_result"].get<std::string>() == "SUCCESS";
    if (valid == expected) {
      ++tally.passed;
      std::printf("  pass %-60s %s\n", id.c_str(), valid ? "SUCCESS" : why.c_str());
    } else {
      tally.failures.push_back(id + " (expected " + tc["expected_result"].get<std::string>() + ", got " + why + ")");
    }
  }
  std::printf("%s: %d RSA cases in scope, %d passed; %d out of scope (non-RSA keys or signatures)\n", path.c_str(),
              tally.in_scope, tally.passed, tally.out_of_scope);
  for (const auto& f : tally.failures) std::printf("  FAIL %s\n", f.c_str());
  return tally;
}

TEST(LimboTest, Upstream2023) {
  Tally t = RunFile("tests/data/x509-limbo/upstream-2023-12/limbo.json");
  EXPECT_GE(t.in_scope, 10);
  EXPECT_EQ(t.passed, t.in_scope);
}

TEST(LimboTest, Regenerated2026) {
  Tally t = RunFile("tests/data/x509-limbo/regenerated-2026-06/limbo.json");
  EXPECT_GE(t.in_scope, 10);
  EXPECT_EQ(t.passed, t.in_scope);
}

}  // namespace
}  // namespace jpki::x509
