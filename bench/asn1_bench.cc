// asn1 benchmarks (shared/spec/bench.md): walking a real 1.3 KB certificate's DER tree and looking up OIDs by
// their DER bytes, jpkicore beside OpenSSL 3 and Botan 2.19 in one binary.
//
//   Asn1Walk/<impl>/cert        visit every TLV of the certificate, descending into constructed elements
//                               (jpkicore DerReader; OpenSSL ASN1_get_object; Botan BER_Decoder)
//   Asn1Walk/openssl/cert_d2i   the same walk with d2i_ASN1_TYPE per element (OpenSSL's typed decoder)
//   Asn1Tree/jpkicore/cert      asn1::DerTree::Parse (walk + every primitive validated) and nothing else
//   OidLookup/<impl>/cert_oids  name every OID of the certificate from an already decoded OID object
//                               (jpkicore LookupOid on DER bytes; OpenSSL OBJ_obj2nid; Botan OIDS::oid2str_or_empty)
//   OidDecodeLookup/<impl>/cert_oids  decode the OID from DER and name it
#include <botan/ber_dec.h>
#include <botan/oids.h>
#include <openssl/asn1.h>
#include <openssl/objects.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "asn1/der_reader.h"
#include "asn1/der_tree.h"
#include "asn1/oid.h"
#include "base/bytes.h"
#include "benchmark/benchmark.h"

namespace {

#include "bench/jpki_sign_ca_2023_der.inc"

const jpki::ByteView kCert(kJpkiSignCa2023Der, sizeof(kJpkiSignCa2023Der));

// ---- Walks. ---------------------------------------------------------------------------------------------------

size_t WalkJpkicore(jpki::asn1::DerReader reader) {
  size_t count = 0;
  while (!reader.empty()) {
    auto element = reader.ReadAnyElement();
    if (!element.ok()) return 0;
    ++count;
    if (element->tag.constructed()) count += WalkJpkicore(element->reader());
  }
  return count;
}

size_t WalkOpenssl(const unsigned char* p, long length) {
  size_t count = 0;
  const unsigned char* end = p + length;
  while (p < end) {
    long len = 0;
    int tag = 0, xclass = 0;
    const int ret = ASN1_get_object(&p, &len, &tag, &xclass, end - p);
    if (ret & 0x80) return 0;
    ++count;
    if (ret & V_ASN1_CONSTRUCTED) count += WalkOpenssl(p, len);
    p += len;
  }
  return count;
}

size_t WalkOpensslD2i(const unsigned char* p, long length) {
  size_t count = 0;
  const unsigned char* end = p + length;
  while (p < end) {
    const unsigned char* start = p;
    ASN1_TYPE* type = d2i_ASN1_TYPE(nullptr, &p, end - start);
    if (type == nullptr) return 0;
    ++count;
    if (type->type == V_ASN1_SEQUENCE || type->type == V_ASN1_SET) {
      const ASN1_STRING* s = type->value.sequence;
      // The ASN1_STRING holds the whole TLV; step over the header to recurse into the contents.
      const unsigned char* inner = ASN1_STRING_get0_data(s);
      long len = 0;
      int tag = 0, xclass = 0;
      ASN1_get_object(&inner, &len, &tag, &xclass, ASN1_STRING_length(s));
      count += WalkOpensslD2i(inner, len);
    } else if (type->type == V_ASN1_OTHER) {
      // Context-specific constructed ([0], [3]): re-read the header and recurse.
      const unsigned char* q = start;
      long len = 0;
      int tag = 0, xclass = 0;
      const int ret = ASN1_get_object(&q, &len, &tag, &xclass, end - start);
      if (ret & V_ASN1_CONSTRUCTED) count += WalkOpensslD2i(q, len);
    }
    ASN1_TYPE_free(type);
  }
  return count;
}

size_t WalkBotan(Botan::BER_Decoder& decoder) {
  size_t count = 0;
  while (decoder.more_items()) {
    Botan::BER_Object object = decoder.get_next_object();
    ++count;
    if (object.is_set() && (static_cast<uint32_t>(object.class_tag) & Botan::CONSTRUCTED)) {
      Botan::BER_Decoder inner(object.bits(), object.length());
      count += WalkBotan(inner);
    }
  }
  return count;
}

void BM_Asn1WalkJpkicore(benchmark::State& state) {
  for (auto _ : state) {
    size_t n = WalkJpkicore(jpki::asn1::DerReader(kCert));
    benchmark::DoNotOptimize(n);
    if (n == 0) state.SkipWithError("walk failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kCert.size()));
}

void BM_Asn1WalkOpenssl(benchmark::State& state) {
  for (auto _ : state) {
    size_t n = WalkOpenssl(kCert.data(), static_cast<long>(kCert.size()));
    benchmark::DoNotOptimize(n);
    if (n == 0) state.SkipWithError("walk failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kCert.size()));
}

void BM_Asn1WalkOpensslD2i(benchmark::State& state) {
  for (auto _ : state) {
    size_t n = WalkOpensslD2i(kCert.data(), static_cast<long>(kCert.size()));
    benchmark::DoNotOptimize(n);
    if (n == 0) state.SkipWithError("walk failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kCert.size()));
}

void BM_Asn1WalkBotan(benchmark::State& state) {
  for (auto _ : state) {
    size_t n = 0;
    try {
      Botan::BER_Decoder decoder(kCert.data(), kCert.size());
      n = WalkBotan(decoder);
    } catch (const std::exception&) {
      n = 0;
    }
    benchmark::DoNotOptimize(n);
    if (n == 0) state.SkipWithError("walk failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kCert.size()));
}

void BM_Asn1TreeJpkicore(benchmark::State& state) {
  for (auto _ : state) {
    auto tree = jpki::asn1::DerTree::Parse(kCert);
    if (!tree.ok()) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(tree);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(kCert.size()));
}

// ---- OID lookups. ---------------------------------------------------------------------------------------------

// The DER contents of every OID in the certificate (in order, with repeats, as a parser meets them).
std::vector<jpki::ByteView> CertOids() {
  std::vector<jpki::ByteView> out;
  auto tree = jpki::asn1::DerTree::Parse(kCert);
  if (!tree.ok()) return out;
  for (const auto& node : tree->nodes()) {
    if (node.element.tag == jpki::asn1::kObjectIdentifier) out.push_back(node.element.contents);
  }
  return out;
}

const std::vector<jpki::ByteView>& Oids() {
  static const auto* oids = new std::vector<jpki::ByteView>(CertOids());
  return *oids;
}

void BM_OidLookupJpkicore(benchmark::State& state) {
  const auto& oids = Oids();
  for (auto _ : state) {
    size_t named = 0;
    for (jpki::ByteView der : oids) named += jpki::asn1::LookupOid(der) != nullptr;
    benchmark::DoNotOptimize(named);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(oids.size()));
}

// Each OID as a full TLV (06 len contents): what d2i_ASN1_OBJECT and BER_Decoder take.
std::vector<std::vector<uint8_t>> OidTlvs() {
  std::vector<std::vector<uint8_t>> tlvs;
  for (jpki::ByteView der : Oids()) {
    std::vector<uint8_t> tlv = {0x06, static_cast<uint8_t>(der.size())};
    tlv.insert(tlv.end(), der.begin(), der.end());
    tlvs.push_back(tlv);
  }
  return tlvs;
}

std::vector<ASN1_OBJECT*> OpensslObjects() {
  std::vector<ASN1_OBJECT*> out;
  for (const auto& tlv : OidTlvs()) {
    const unsigned char* p = tlv.data();
    out.push_back(d2i_ASN1_OBJECT(nullptr, &p, static_cast<long>(tlv.size())));
  }
  return out;
}

void BM_OidLookupOpenssl(benchmark::State& state) {
  std::vector<ASN1_OBJECT*> objects = OpensslObjects();
  for (auto _ : state) {
    size_t named = 0;
    for (ASN1_OBJECT* obj : objects) named += OBJ_obj2nid(obj) != NID_undef;
    benchmark::DoNotOptimize(named);
  }
  for (ASN1_OBJECT* obj : objects) ASN1_OBJECT_free(obj);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(objects.size()));
}

std::vector<Botan::OID> BotanOids() {
  std::vector<Botan::OID> out;
  for (const auto& tlv : OidTlvs()) {
    Botan::OID oid;
    Botan::BER_Decoder(tlv).decode(oid);
    out.push_back(oid);
  }
  return out;
}

void BM_OidLookupBotan(benchmark::State& state) {
  const std::vector<Botan::OID> oids = BotanOids();
  for (auto _ : state) {
    size_t named = 0;
    for (const Botan::OID& oid : oids) named += !Botan::OIDS::oid2str_or_empty(oid).empty();
    benchmark::DoNotOptimize(named);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(oids.size()));
}

void BM_OidDecodeLookupJpkicore(benchmark::State& state) {
  const auto& oids = Oids();
  for (auto _ : state) {
    size_t named = 0;
    for (jpki::ByteView der : oids) {
      auto oid = jpki::asn1::Oid::FromDer(der);
      named += oid.ok() && oid->known() != jpki::asn1::KnownOid::kUnknown;
    }
    benchmark::DoNotOptimize(named);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(oids.size()));
}

void BM_OidDecodeLookupOpenssl(benchmark::State& state) {
  const auto oids = OidTlvs();
  for (auto _ : state) {
    size_t named = 0;
    for (const auto& tlv : oids) {
      const unsigned char* p = tlv.data();
      ASN1_OBJECT* obj = d2i_ASN1_OBJECT(nullptr, &p, static_cast<long>(tlv.size()));
      named += obj != nullptr && OBJ_obj2nid(obj) != NID_undef;
      ASN1_OBJECT_free(obj);
    }
    benchmark::DoNotOptimize(named);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(oids.size()));
}

void BM_OidDecodeLookupBotan(benchmark::State& state) {
  // Botan decodes OIDs through BER_Decoder from a TLV; the TLVs are built once outside the loop.
  const auto tlvs = OidTlvs();
  for (auto _ : state) {
    size_t named = 0;
    for (const auto& tlv : tlvs) {
      Botan::OID oid;
      Botan::BER_Decoder(tlv).decode(oid);
      named += !Botan::OIDS::oid2str_or_empty(oid).empty();
    }
    benchmark::DoNotOptimize(named);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(tlvs.size()));
}

BENCHMARK(BM_Asn1WalkJpkicore)->Name("Asn1Walk/jpkicore/cert");
BENCHMARK(BM_Asn1WalkOpenssl)->Name("Asn1Walk/openssl/cert");
BENCHMARK(BM_Asn1WalkOpensslD2i)->Name("Asn1Walk/openssl/cert_d2i");
BENCHMARK(BM_Asn1WalkBotan)->Name("Asn1Walk/botan/cert");
BENCHMARK(BM_Asn1TreeJpkicore)->Name("Asn1Tree/jpkicore/cert");
BENCHMARK(BM_OidLookupJpkicore)->Name("OidLookup/jpkicore/cert_oids");
BENCHMARK(BM_OidLookupOpenssl)->Name("OidLookup/openssl/cert_oids");
BENCHMARK(BM_OidLookupBotan)->Name("OidLookup/botan/cert_oids");
BENCHMARK(BM_OidDecodeLookupJpkicore)->Name("OidDecodeLookup/jpkicore/cert_oids");
BENCHMARK(BM_OidDecodeLookupOpenssl)->Name("OidDecodeLookup/openssl/cert_oids");
BENCHMARK(BM_OidDecodeLookupBotan)->Name("OidDecodeLookup/botan/cert_oids");

}  // namespace
