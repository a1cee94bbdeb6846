#ifndef JPKICORE_TESTS_X509_TEST_PKI_H_
#define JPKICORE_TESTS_X509_TEST_PKI_H_

// Test hierarchies built with OpenSSL libcrypto (tests only): RSA keys, certificates with arbitrary extensions and
// CRLs, returned as DER so that jpkicore parses them exactly as it would parse a file.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/bytes.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace jpki::x509::testing {

// TestKey returns RSA key number `index` (2048 bits unless `bits` says otherwise), generated once per process.
EVP_PKEY* TestKey(int index, int bits = 2048);

using NameSpec = std::vector<std::pair<std::string, std::string>>;  // {"C","JP"},{"O","JPKI"}, in encoding order

struct CertSpec {
  NameSpec subject = {{"CN", "leaf"}};
  NameSpec issuer;                  // empty: self-issued (issuer = subject)
  int64_t not_before = 1700000000;  // 2023-11-14
  int64_t not_after = 1900000000;   // 2030-03-17
  long serial = 1;
  EVP_PKEY* key = nullptr;         // subject key
  EVP_PKEY* issuer_key = nullptr;  // signing key (nullptr: self-signed with `key`)
  // Extensions in OpenSSL config syntax: {"basicConstraints", "critical,CA:TRUE"}, {"keyUsage", "keyCertSign"},
  // {"subjectKeyIdentifier", "hash"}, {"certificatePolicies", "1.2.3"}, {"nameConstraints", "permitted;DNS:a.com"}.
  // "authorityKeyIdentifier" needs issuer_cert_der.
  std::vector<std::pair<std::string, std::string>> extensions;
  // Raw extensions: OID dotted, critical, DER value.
  struct Raw {
    std::string oid;
    bool critical;
    Bytes value;
  };
  std::vector<Raw> raw_extensions;
  Bytes issuer_cert_der;  // for authorityKeyIdentifier=keyid
  std::string digest = "sha256";
  bool pss = false;
  bool corrupt_signature = false;
};

// MakeCert builds and signs a certificate; aborts the test on OpenSSL failure.
Bytes MakeCert(const CertSpec& spec);

struct CrlSpec {
  NameSpec issuer;
  EVP_PKEY* issuer_key = nullptr;
  int64_t this_update = 1700000000;
  int64_t next_update = 1900000000;
  std::vector<std::pair<long, int64_t>> revoked;                // serial, revocation date
  std::vector<std::pair<std::string, std::string>> extensions;  // e.g. {"issuingDistributionPoint", "..."}
  std::vector<CertSpec::Raw> raw_extensions;
  Bytes issuer_cert_der;
  bool corrupt_signature = false;
};
Bytes MakeCrl(const CrlSpec& spec);

// Raw certificatePolicies / policyMappings extensions from dotted OIDs (OpenSSL's config syntax cannot express
// every case).
CertSpec::Raw PoliciesExt(const std::vector<std::string>& oids, bool critical = false);
CertSpec::Raw MappingsExt(const std::vector<std::pair<std::string, std::string>>& mappings);

// Convenience: a CA certificate spec (basicConstraints CA, keyCertSign + cRLSign, SKI).
CertSpec CaSpec(NameSpec subject, EVP_PKEY* key, NameSpec issuer = {}, EVP_PKEY* issuer_key = nullptr);

}  // namespace jpki::x509::testing

#endif  // JPKICORE_TESTS_X509_TEST_PKI_H_
