#include "tests/x509/x509_test_util.h"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>

namespace jpki::x509::testing {
namespace {

struct Keys {
  EVP_PKEY* openssl[4] = {};
  std::unique_ptr<crypto::RsaPrivateKey> ours[4];
};

Keys& AllKeys() {
  static Keys* keys = [] {
    auto* k = new Keys;
    for (int i = 0; i < 4; ++i) {
      k->openssl[i] = EVP_RSA_gen(2048);
      if (k->openssl[i] == nullptr) std::abort();
      unsigned char* der = nullptr;
      const int len = i2d_PrivateKey(k->openssl[i], &der);  // PKCS#1 RSAPrivateKey
      if (len <= 0) std::abort();
      auto parsed = crypto::RsaPrivateKey::ParsePkcs1Der(ByteView(der, static_cast<size_t>(len)));
      OPENSSL_free(der);
      if (!parsed.ok()) {
        std::cerr << parsed.status() << "\n";
        std::abort();
      }
      k->ours[i] = std::make_unique<crypto::RsaPrivateKey>(*std::move(parsed));
    }
    return k;
  }();
  return *keys;
}

}  // namespace

EVP_PKEY* SharedKey(int index) { return AllKeys().openssl[index]; }
const crypto::RsaPrivateKey& SharedPrivateKey(int index) { return *AllKeys().ours[index]; }

Bytes SpkiOf(int index) {
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(SharedKey(index), &der);
  if (len <= 0) std::abort();
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

Bytes ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "missing test file " << path << "\n";
    std::abort();
  }
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Bytes CertToDer(X509* cert) {
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert, &der);
  if (len <= 0) std::abort();
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

Bytes CrlToDer(X509_CRL* crl) {
  unsigned char* der = nullptr;
  const int len = i2d_X509_CRL(crl, &der);
  if (len <= 0) std::abort();
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

X509* DerToCert(ByteView der) {
  const unsigned char* p = der.data();
  return d2i_X509(nullptr, &p, static_cast<long>(der.size()));
}

X509_CRL* DerToCrl(ByteView der) {
  const unsigned char* p = der.data();
  return d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size()));
}

bool OpenSslVerifies(ByteView cert_der, EVP_PKEY* key) {
  X509* cert = DerToCert(cert_der);
  if (cert == nullptr) return false;
  const bool ok = X509_verify(cert, key) == 1;
  X509_free(cert);
  return ok;
}

bool OpenSslVerifiesCrl(ByteView crl_der, EVP_PKEY* key) {
  X509_CRL* crl = DerToCrl(crl_der);
  if (crl == nullptr) return false;
  const bool ok = X509_CRL_verify(crl, key) == 1;
  X509_CRL_free(crl);
  return ok;
}

}  // namespace jpki::x509::testing
