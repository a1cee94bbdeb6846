#include "tests/x509/test_pki.h"

#include <openssl/asn1.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>

namespace jpki::x509::testing {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "test_pki: OpenSSL failed: %s\n", what);
    std::abort();
  }
}

X509_NAME* BuildName(const NameSpec& spec) {
  X509_NAME* name = X509_NAME_new();
  for (const auto& [type, value] : spec) {
    const int type_tag = type == "C" ? MBSTRING_ASC : MBSTRING_UTF8;
    Check(X509_NAME_add_entry_by_txt(name, type.c_str(), type_tag,
                                     reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0) == 1,
          "name entry");
  }
  return name;
}

ASN1_TIME* Time(int64_t t) { return ASN1_TIME_adj(nullptr, static_cast<time_t>(t), 0, 0); }

void AddRaw(const CertSpec::Raw& raw, X509* cert, X509_CRL* crl) {
  ASN1_OBJECT* obj = OBJ_txt2obj(raw.oid.c_str(), 1);
  ASN1_OCTET_STRING* value = ASN1_OCTET_STRING_new();
  ASN1_OCTET_STRING_set(value, raw.value.data(), static_cast<int>(raw.value.size()));
  X509_EXTENSION* ext = X509_EXTENSION_create_by_OBJ(nullptr, obj, raw.critical ? 1 : 0, value);
  Check(ext != nullptr, "raw extension");
  if (cert) X509_add_ext(cert, ext, -1);
  if (crl) X509_CRL_add_ext(crl, ext, -1);
  X509_EXTENSION_free(ext);
  ASN1_OCTET_STRING_free(value);
  ASN1_OBJECT_free(obj);
}

void Sign(EVP_PKEY* key, const std::string& digest, bool pss, X509* cert, X509_CRL* crl) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_PKEY_CTX* pctx = nullptr;
  Check(EVP_DigestSignInit(ctx, &pctx, EVP_get_digestbyname(digest.c_str()), nullptr, key) == 1, "sign init");
  if (pss) {
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
  }
  if (cert) Check(X509_sign_ctx(cert, ctx) > 0, "X509_sign_ctx");
  if (crl) Check(X509_CRL_sign_ctx(crl, ctx) > 0, "X509_CRL_sign_ctx");
  EVP_MD_CTX_free(ctx);
}

Bytes CorruptLastByte(Bytes der) {
  der.back() ^= 0x01;
  return der;
}

}  // namespace

EVP_PKEY* TestKey(int index, int bits) {
  static std::map<std::pair<int, int>, EVP_PKEY*>* keys = new std::map<std::pair<int, int>, EVP_PKEY*>;
  auto& slot = (*keys)[{index, bits}];
  if (slot == nullptr) {
    slot = EVP_RSA_gen(static_cast<unsigned>(bits));
    Check(slot != nullptr, "EVP_RSA_gen");
  }
  return slot;
}

Bytes MakeCert(const CertSpec& spec) {
  X509* cert = X509_new();
  Check(X509_set_version(cert, 2) == 1, "version");
  ASN1_INTEGER_set(X509_get_serialNumber(cert), spec.serial);
  X509_NAME* subject = BuildName(spec.subject);
  X509_NAME* issuer = BuildName(spec.issuer.empty() ? spec.subject : spec.issuer);
  X509_set_subject_name(cert, subject);
  X509_set_issuer_name(cert, issuer);
  ASN1_TIME* nb = Time(spec.not_before);
  ASN1_TIME* na = Time(spec.not_after);
  X509_set1_notBefore(cert, nb);
  X509_set1_notAfter(cert, na);
  Check(spec.key != nullptr, "key");
  X509_set_pubkey(cert, spec.key);

  X509* issuer_cert = nullptr;
  if (!spec.issuer_cert_der.empty()) {
    const unsigned char* p = spec.issuer_cert_der.data();
    issuer_cert = d2i_X509(nullptr, &p, static_cast<long>(spec.issuer_cert_der.size()));
  }
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer_cert ? issuer_cert : cert, cert, nullptr, nullptr, 0);
  for (const auto& [name, value] : spec.extensions) {
    X509_EXTENSION* ext = X509V3_EXT_nconf(nullptr, &ctx, name.c_str(), value.c_str());
    Check(ext != nullptr, name.c_str());
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
  }
  for (const auto& raw : spec.raw_extensions) AddRaw(raw, cert, nullptr);
  Sign(spec.issuer_key ? spec.issuer_key : spec.key, spec.digest, spec.pss, cert, nullptr);

  unsigned char* out = nullptr;
  const int len = i2d_X509(cert, &out);
  Check(len > 0, "i2d_X509");
  Bytes der(out, out + len);
  OPENSSL_free(out);
  X509_free(issuer_cert);
  ASN1_TIME_free(nb);
  ASN1_TIME_free(na);
  X509_NAME_free(subject);
  X509_NAME_free(issuer);
  X509_free(cert);
  return spec.corrupt_signature ? CorruptLastByte(std::move(der)) : der;
}

Bytes MakeCrl(const CrlSpec& spec) {
  X509_CRL* crl = X509_CRL_new();
  X509_CRL_set_version(crl, 1);
  X509_NAME* issuer = BuildName(spec.issuer);
  X509_CRL_set_issuer_name(crl, issuer);
  ASN1_TIME* tu = Time(spec.this_update);
  ASN1_TIME* nu = Time(spec.next_update);
  X509_CRL_set1_lastUpdate(crl, tu);
  X509_CRL_set1_nextUpdate(crl, nu);
  for (const auto& [serial, date] : spec.revoked) {
    X509_REVOKED* r = X509_REVOKED_new();
    ASN1_INTEGER* s = ASN1_INTEGER_new();
    ASN1_INTEGER_set(s, serial);
    X509_REVOKED_set_serialNumber(r, s);
    ASN1_TIME* d = Time(date);
    X509_REVOKED_set_revocationDate(r, d);
    X509_CRL_add0_revoked(crl, r);
    ASN1_INTEGER_free(s);
    ASN1_TIME_free(d);
  }
  X509* issuer_cert = nullptr;
  if (!spec.issuer_cert_der.empty()) {
    const unsigned char* p = spec.issuer_cert_der.data();
    issuer_cert = d2i_X509(nullptr, &p, static_cast<long>(spec.issuer_cert_der.size()));
  }
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer_cert, nullptr, nullptr, crl, 0);
  for (const auto& [name, value] : spec.extensions) {
    X509_EXTENSION* ext = X509V3_EXT_nconf(nullptr, &ctx, name.c_str(), value.c_str());
    Check(ext != nullptr, name.c_str());
    X509_CRL_add_ext(crl, ext, -1);
    X509_EXTENSION_free(ext);
  }
  for (const auto& raw : spec.raw_extensions) AddRaw(raw, nullptr, crl);
  X509_CRL_sort(crl);
  Sign(spec.issuer_key, "sha256", false, nullptr, crl);
  unsigned char* out = nullptr;
  const int len = i2d_X509_CRL(crl, &out);
  Check(len > 0, "i2d_X509_CRL");
  Bytes der(out, out + len);
  OPENSSL_free(out);
  X509_free(issuer_cert);
  ASN1_TIME_free(tu);
  ASN1_TIME_free(nu);
  X509_NAME_free(issuer);
  X509_CRL_free(crl);
  return spec.corrupt_signature ? CorruptLastByte(std::move(der)) : der;
}

namespace {

Bytes Tlv(uint8_t tag, const Bytes& content) {
  Bytes out = {tag};
  if (content.size() < 128) {
    out.push_back(static_cast<uint8_t>(content.size()));
  } else if (content.size() < 256) {
    out.push_back(0x81);
    out.push_back(static_cast<uint8_t>(content.size()));
  } else {
    out.push_back(0x82);
    out.push_back(static_cast<uint8_t>(content.size() >> 8));
    out.push_back(static_cast<uint8_t>(content.size()));
  }
  out.insert(out.end(), content.begin(), content.end());
  return out;
}

Bytes OidDer(const std::string& dotted) {
  ASN1_OBJECT* obj = OBJ_txt2obj(dotted.c_str(), 1);
  Check(obj != nullptr, "OBJ_txt2obj");
  unsigned char* out = nullptr;
  const int len = i2d_ASN1_OBJECT(obj, &out);
  Bytes der(out, out + len);
  OPENSSL_free(out);
  ASN1_OBJECT_free(obj);
  return der;
}

}  // namespace

CertSpec::Raw PoliciesExt(const std::vector<std::string>& oids, bool critical) {
  Bytes seq;
  for (const auto& o : oids) {
    const Bytes info = Tlv(0x30, OidDer(o));
    seq.insert(seq.end(), info.begin(), info.end());
  }
  return {"2.5.29.32", critical, Tlv(0x30, seq)};
}

CertSpec::Raw MappingsExt(const std::vector<std::pair<std::string, std::string>>& mappings) {
  Bytes seq;
  for (const auto& [from, to] : mappings) {
    Bytes pair = OidDer(from);
    const Bytes b = OidDer(to);
    pair.insert(pair.end(), b.begin(), b.end());
    const Bytes m = Tlv(0x30, pair);
    seq.insert(seq.end(), m.begin(), m.end());
  }
  return {"2.5.29.33", true, Tlv(0x30, seq)};
}

CertSpec CaSpec(NameSpec subject, EVP_PKEY* key, NameSpec issuer, EVP_PKEY* issuer_key) {
  CertSpec spec;
  spec.subject = std::move(subject);
  spec.issuer = std::move(issuer);
  spec.key = key;
  spec.issuer_key = issuer_key;
  spec.extensions = {{"basicConstraints", "critical,CA:TRUE"},
                     {"keyUsage", "critical,keyCertSign,cRLSign"},
                     {"subjectKeyIdentifier", "hash"}};
  return spec;
}

}  // namespace jpki::x509::testing
