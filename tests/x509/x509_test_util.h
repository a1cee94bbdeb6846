#ifndef JPKICORE_TESTS_X509_X509_TEST_UTIL_H_
#define JPKICORE_TESTS_X509_X509_TEST_UTIL_H_

// Helpers for the x509 parsing and encoding tests: a shared RSA key usable from OpenSSL and from jpkicore, files
// from tests/data, and small OpenSSL conveniences (tests only; library code never links OpenSSL).

#include <memory>
#include <string>

#include "base/bytes.h"
#include "crypto/rsa_key.h"

typedef struct evp_pkey_st EVP_PKEY;
typedef struct x509_st X509;
typedef struct X509_crl_st X509_CRL;

namespace jpki::x509::testing {

// SharedKey returns RSA-2048 key `index` (0..3) as an OpenSSL EVP_PKEY, generated once per process.
EVP_PKEY* SharedKey(int index = 0);
// SharedPrivateKey is the same key as a jpkicore RsaPrivateKey.
const crypto::RsaPrivateKey& SharedPrivateKey(int index = 0);
// SpkiOf is the DER SubjectPublicKeyInfo of SharedKey(index).
Bytes SpkiOf(int index = 0);

// ReadFile reads a test data file (path relative to the workspace root); aborts if missing.
Bytes ReadFile(const std::string& path);

// CertToDer / CrlToDer serialise OpenSSL objects (i2d); DerToCert / DerToCrl parse with d2i (nullptr on failure;
// the caller frees).
Bytes CertToDer(X509* cert);
Bytes CrlToDer(X509_CRL* crl);
X509* DerToCert(ByteView der);
X509_CRL* DerToCrl(ByteView der);

// OpenSslVerifies reports whether OpenSSL accepts the certificate's (or CRL's) signature under `key`.
bool OpenSslVerifies(ByteView cert_der, EVP_PKEY* key);
bool OpenSslVerifiesCrl(ByteView crl_der, EVP_PKEY* key);

}  // namespace jpki::x509::testing

#endif  // JPKICORE_TESTS_X509_X509_TEST_UTIL_H_
