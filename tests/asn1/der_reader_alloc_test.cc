// The reader's hot path must not allocate (x509 certificate parsing budget < 5 us): this binary replaces the global
// operator new with a counting one and walks real certificates with the typed readers.
#include <atomic>
#include <cstdlib>
#include <new>

#include "asn1/der_reader.h"
#include "asn1/oid.h"
#include "gtest/gtest.h"
#include "tests/asn1/test_util.h"

namespace {
std::atomic<size_t> g_allocations{0};
}  // namespace

void* operator new(size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace jpki::asn1 {
namespace {

// Walks a Certificate the way x509 will: RFC 5280 4.1 grammar, typed reads, raw views kept.
size_t ParseCertificateShape(ByteView der) {
  size_t fields = 0;
  DerReader input(der);
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
  auto cert = input.ReadSequence();
  if (!cert.ok() || !input.ExpectEnd().ok()) return 0;
  auto raw_tbs = DerReader(*cert).ReadRawElement(kSequence);
  auto tbs = cert->ReadSequence();
  if (!raw_tbs.ok() || !tbs.ok()) return 0;
  // version [0] EXPLICIT Version DEFAULT v1
  auto version = tbs->ReadOptionalElement(ContextSpecific(0, true));
  if (!version.ok() || !version->has_value() || !(*version)->ReadUint64().ok()) return 0;
  // serialNumber CertificateSerialNumber
  if (!tbs->ReadInteger().ok()) return 0;
  // signature AlgorithmIdentifier
  auto alg = tbs->ReadSequence();
  if (!alg.ok() || !alg->ReadOid().ok() || !alg->ReadNull().ok()) return 0;
  // issuer Name, validity, subject Name
  for (int name = 0; name < 2; ++name) {
    auto rdns = tbs->ReadSequence();
    if (!rdns.ok()) return 0;
    while (!rdns->empty()) {
      auto set = rdns->ReadSet();
      if (!set.ok()) return 0;
      auto atv = set->ReadSequence();
      if (!atv.ok()) return 0;
      auto type = atv->ReadOid();
      auto value = atv->ReadAnyString();
      if (!type.ok() || !value.ok() || type->known() == KnownOid::kUnknown) return 0;
      ++fields;
    }
    if (name == 0) {
      auto validity = tbs->ReadSequence();
      if (!validity.ok() || !validity->ReadTime().ok() || !validity->ReadTime().ok()) return 0;
    }
  }
  // subjectPublicKeyInfo
  auto spki = tbs->ReadSequence();
  if (!spki.ok() || !spki->ReadSequence().ok()) return 0;
  auto key_bits = spki->ReadBitString();
  if (!key_bits.ok()) return 0;
  DerReader rsa_key(key_bits->bytes);
  auto rsa = rsa_key.ReadSequence();
  if (!rsa.ok() || !rsa->ReadPositiveIntegerBytes().ok() || !rsa->ReadUint64().ok()) return 0;
  // extensions [3] EXPLICIT Extensions
  auto ext_wrapper = tbs->ReadOptionalElement(ContextSpecific(3, true));
  if (!ext_wrapper.ok() || !ext_wrapper->has_value()) return 0;
  auto exts = (*ext_wrapper)->ReadSequence();
  if (!exts.ok()) return 0;
  while (!exts->empty()) {
    auto ext = exts->ReadSequence();
    if (!ext.ok() || !ext->ReadOid().ok()) return 0;
    if (ext->NextIs(kBoolean) && !ext->ReadBoolean().ok()) return 0;
    if (!ext->ReadOctetString().ok()) return 0;
    ++fields;
  }
  if (!tbs->ExpectEnd().ok()) return 0;
  if (!cert->SkipElement(kSequence).ok() || !cert->ReadBitString().ok()) return 0;
  return fields;
}

TEST(DerReaderAllocations, CertificateWalkAllocatesNothing) {
  for (const std::string& path : testing::CertificateFiles()) {
    const Bytes der = testing::ReadTestFile(path);
    (void)LookupOid(der);  // build the OID table once, outside the measured region
    const size_t before = g_allocations.load();
    const size_t fields = ParseCertificateShape(der);
    const size_t after = g_allocations.load();
    EXPECT_GE(fields, 10u) << path;
    EXPECT_EQ(after - before, 0u) << path;
  }
}

}  // namespace
}  // namespace jpki::asn1
