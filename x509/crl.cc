#include "x509/crl.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "asn1/der_reader.h"
#include "asn1/oid.h"
#include "asn1/time.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "x509/internal/parse_util.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

// IndexRecord locates one revoked entry in the owned bytes, with the first eight serial octets inlined so that
// most comparisons during sorting and lookup touch only the index, not the CRL.
struct IndexRecord {
  uint64_t prefix;        // serial octets 0..7, big-endian, zero padded
  uint32_t entry_offset;  // offset of the entry's SEQUENCE
  uint8_t serial_len;     // serial INTEGER content length (1..20)
  uint8_t serial_delta;   // serial content offset minus entry_offset
  uint16_t unused;
};
static_assert(sizeof(IndexRecord) == 16, "index records stay 16 bytes");

uint64_t Prefix(ByteView serial) {
  uint64_t p = 0;
  for (size_t i = 0; i < 8; ++i) p = (p << 8) | (i < serial.size() ? serial[i] : 0);
  return p;
}

}  // namespace

struct Crl::Impl {
  Bytes owned;
  ByteView der, tbs, issuer_der, extensions_der, signature;
  int version = 1;
  SignatureAlgorithm signature_algorithm;
  Name issuer;
  int64_t this_update = 0;
  std::optional<int64_t> next_update;
  bool this_update_generalized = false, next_update_generalized = false;
  Extensions extensions;
  std::optional<ByteView> crl_number, delta_crl_indicator;
  std::optional<IssuingDistributionPoint> issuing_distribution_point;
  std::optional<AuthorityKeyIdentifier> authority_key_id;
  std::optional<std::vector<GeneralName>> issuer_alt_names;
  std::vector<IndexRecord> index;  // sorted by (serial length, serial octets)

  int Compare(const IndexRecord& a, const IndexRecord& b) const {
    if (a.serial_len != b.serial_len) return a.serial_len < b.serial_len ? -1 : 1;
    if (a.prefix != b.prefix) return a.prefix < b.prefix ? -1 : 1;
    if (a.serial_len <= 8) return 0;
    return std::memcmp(der.data() + a.entry_offset + a.serial_delta + 8,
                       der.data() + b.entry_offset + b.serial_delta + 8, a.serial_len - 8);
  }
  ByteView SerialOf(const IndexRecord& r) const { return der.subspan(r.entry_offset + r.serial_delta, r.serial_len); }
};

namespace {

using asn1::ContextSpecific;
using asn1::DerReader;
using internal::Malformed;

absl::StatusOr<int64_t> ReadRfc5280Time(DerReader& r, bool& generalized) {
  const size_t offset = r.offset();
  generalized = r.NextIs(asn1::kGeneralizedTime);
  JPKI_ASSIGN_OR_RETURN(int64_t t, r.ReadTime());
  if (generalized && asn1::UseUtcTime(t)) return Malformed("GeneralizedTime used for a date before 2050", offset);
  return t;
}

// ReadEntry reads one revokedCertificates entry:
//   SEQUENCE { userCertificate CertificateSerialNumber, revocationDate Time, crlEntryExtensions Extensions OPTIONAL }
absl::Status ReadEntry(DerReader& list, const CrlParseOptions& options, RevokedEntry& entry) {
  const size_t offset = list.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::Element element, list.ReadAnyElement());
  if (element.tag != asn1::kSequence) return Malformed("revoked entry is not a SEQUENCE", offset);
  entry.der = element.raw;
  DerReader r = element.reader();
  const size_t serial_offset = r.offset();
  JPKI_ASSIGN_OR_RETURN(entry.serial, r.ReadInteger());
  if (((entry.serial[0] & 0x80) != 0 || (entry.serial.size() == 1 && entry.serial[0] == 0)) &&
      !options.allow_negative_serial) {
    return Malformed("revoked serial number is not positive", serial_offset);
  }
  if (entry.serial.size() > 20) return Malformed("revoked serial number longer than 20 octets", serial_offset);
  bool generalized = false;
  JPKI_ASSIGN_OR_RETURN(entry.revocation_date, ReadRfc5280Time(r, generalized));
  entry.reason.reset();
  entry.invalidity_date.reset();
  entry.certificate_issuer.reset();
  entry.extensions_der = {};
  if (!r.empty()) {
    const size_t ext_list_offset = r.offset();
    JPKI_ASSIGN_OR_RETURN(asn1::Element ext_list, r.ReadAnyElement());
    if (ext_list.tag != asn1::kSequence) return Malformed("crlEntryExtensions is not a SEQUENCE", ext_list_offset);
    if (ext_list.contents.empty()) return Malformed("crlEntryExtensions is empty", ext_list_offset);
    entry.extensions_der = ext_list.raw;
    DerReader exts = ext_list.reader();
    absl::InlinedVector<ByteView, 4> seen;
    while (!exts.empty()) {
      const size_t ext_offset = exts.offset();
      // Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
      JPKI_ASSIGN_OR_RETURN(DerReader ext, exts.ReadSequence());
      JPKI_ASSIGN_OR_RETURN(asn1::Oid id, ext.ReadOid());
      if (ext.NextIs(asn1::kBoolean)) {
        const size_t bool_offset = ext.offset();
        JPKI_ASSIGN_OR_RETURN(bool critical, ext.ReadBoolean());
        if (!critical) return Malformed("entry extension: critical FALSE encoded", bool_offset);
      }
      JPKI_ASSIGN_OR_RETURN(ByteView value, ext.ReadOctetString());
      const size_t value_base = ext.offset() - value.size();  // the OCTET STRING was the last element read
      JPKI_RETURN_IF_ERROR(ext.ExpectEnd());
      for (ByteView s : seen) {
        if (Equal(s, id.der())) return Malformed("entry extension listed twice", ext_offset);
      }
      seen.push_back(id.der());
      if (Equal(id.der(), oid::kReasonCode)) {
        JPKI_ASSIGN_OR_RETURN(RevocationReason reason, ParseReasonCode(value, value_base));
        entry.reason = reason;
      } else if (Equal(id.der(), oid::kInvalidityDate)) {
        // InvalidityDate ::= GeneralizedTime
        DerReader v(value, value_base, 0);
        JPKI_ASSIGN_OR_RETURN(int64_t t, v.ReadGeneralizedTime());
        JPKI_RETURN_IF_ERROR(v.ExpectEnd());
        entry.invalidity_date = t;
      } else if (Equal(id.der(), oid::kCertificateIssuer)) {
        if (!options.allow_certificate_issuer_entries) {
          return Malformed("certificateIssuer entry extension (indirect CRL) not supported", ext_offset);
        }
        JPKI_RETURN_IF_ERROR(ParseGeneralNames(value, value_base).status());
        entry.certificate_issuer = value;
      }
    }
  }
  return r.ExpectEnd();
}

absl::Status DecodeCrlExtensions(Crl::Impl& c) {
  for (const Extension& e : c.extensions.list()) {
    const size_t base = static_cast<size_t>(e.value.data() - c.der.data());
    if (Equal(e.oid, oid::kCrlNumber)) {
      JPKI_ASSIGN_OR_RETURN(ByteView n, ParseCrlNumber(e.value, base));
      c.crl_number = n;
    } else if (Equal(e.oid, oid::kDeltaCrlIndicator)) {
      JPKI_ASSIGN_OR_RETURN(ByteView n, ParseCrlNumber(e.value, base));
      c.delta_crl_indicator = n;
    } else if (Equal(e.oid, oid::kIssuingDistributionPoint)) {
      JPKI_ASSIGN_OR_RETURN(IssuingDistributionPoint idp, ParseIssuingDistributionPoint(e.value, base));
      c.issuing_distribution_point = std::move(idp);
    } else if (Equal(e.oid, oid::kAuthorityKeyIdentifier)) {
      JPKI_ASSIGN_OR_RETURN(AuthorityKeyIdentifier aki, ParseAuthorityKeyIdentifier(e.value, base));
      c.authority_key_id = std::move(aki);
    } else if (Equal(e.oid, oid::kIssuerAltName)) {
      JPKI_ASSIGN_OR_RETURN(std::vector<GeneralName> names, ParseAltNames(e.value, base));
      c.issuer_alt_names = std::move(names);
    }
  }
  return absl::OkStatus();
}

// SortIndex orders the index by (serial length, serial octets): an LSD radix sort on the inlined eight-octet prefix
// and the length (nine linear passes, skipped when a pass would not move anything), then a comparison sort of the
// rare runs whose longer serials share length and prefix. Linear in the entry count, unlike std::sort's n log n,
// which dominated parsing a million-entry CRL issued out of order.
void SortIndex(Crl::Impl& c) {
  std::vector<IndexRecord>& v = c.index;
  std::vector<IndexRecord> tmp(v.size());
  for (int pass = 0; pass < 9; ++pass) {
    auto key = [pass](const IndexRecord& r) -> uint8_t {
      return pass < 8 ? static_cast<uint8_t>(r.prefix >> (8 * pass)) : r.serial_len;
    };
    size_t count[256] = {};
    for (const IndexRecord& r : v) ++count[key(r)];
    if (count[key(v[0])] == v.size()) continue;  // every record in one bucket: the pass is the identity
    size_t position = 0;
    for (size_t& n : count) {
      const size_t start = position;
      position += n;
      n = start;
    }
    for (const IndexRecord& r : v) tmp[count[key(r)]++] = r;
    v.swap(tmp);
  }
  for (size_t begin = 0; begin < v.size();) {
    size_t end = begin + 1;
    while (end < v.size() && v[end].serial_len == v[begin].serial_len && v[end].prefix == v[begin].prefix) ++end;
    if (end - begin > 1 && v[begin].serial_len > 8) {
      std::sort(v.begin() + static_cast<std::ptrdiff_t>(begin), v.begin() + static_cast<std::ptrdiff_t>(end),
                [&c](const IndexRecord& a, const IndexRecord& b) { return c.Compare(a, b) < 0; });
    }
    begin = end;
  }
}

absl::Status ParseInto(Crl::Impl& c, const CrlParseOptions& options) {
  if (c.der.size() > std::numeric_limits<uint32_t>::max()) {
    return MakeError(ErrorCode::kResourceLimit, "x509", "CRL larger than 4 GiB");
  }
  SignatureAlgorithmParseOptions alg_options;
  alg_options.allow_missing_rsa_null_parameters = options.allow_missing_rsa_null_parameters;
  DerReader input(c.der);
  // CertificateList ::= SEQUENCE { tbsCertList TBSCertList, signatureAlgorithm AlgorithmIdentifier,
  //   signatureValue BIT STRING }
  JPKI_ASSIGN_OR_RETURN(DerReader list, input.ReadSequence());
  JPKI_RETURN_IF_ERROR(input.ExpectEnd());
  const size_t tbs_offset = list.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::Element tbs_element, list.ReadAnyElement());
  if (tbs_element.tag != asn1::kSequence) return Malformed("TBSCertList is not a SEQUENCE", tbs_offset);
  c.tbs = tbs_element.raw;
  const size_t outer_alg_offset = list.offset();
  JPKI_ASSIGN_OR_RETURN(ByteView outer_alg, list.ReadRawElement(asn1::kSequence));
  const size_t sig_offset = list.offset();
  JPKI_ASSIGN_OR_RETURN(asn1::BitString signature, list.ReadBitString());
  if (!signature.IsOctetAligned()) return Malformed("signatureValue has unused bits", sig_offset);
  c.signature = signature.bytes;
  JPKI_RETURN_IF_ERROR(list.ExpectEnd());

  DerReader tbs = tbs_element.reader();
  // version Version OPTIONAL -- if present, MUST be v2
  const size_t version_offset = tbs.offset();
  if (tbs.NextIs(asn1::kInteger)) {
    JPKI_ASSIGN_OR_RETURN(uint64_t v, tbs.ReadUint64());
    if (v != 1) return Malformed("CRL version present but not v2", version_offset);
    c.version = 2;
  }
  // signature AlgorithmIdentifier (must equal the outer one byte for byte)
  const size_t inner_alg_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(ByteView inner_alg, tbs.ReadRawElement(asn1::kSequence));
  if (!Equal(inner_alg, outer_alg)) {
    return Malformed("TBS signature algorithm differs from the outer signatureAlgorithm", inner_alg_offset);
  }
  JPKI_ASSIGN_OR_RETURN(c.signature_algorithm, ParseSignatureAlgorithm(outer_alg, alg_options, outer_alg_offset));
  // issuer Name
  const size_t issuer_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(c.issuer_der, tbs.ReadRawElement(asn1::kSequence));
  {
    absl::StatusOr<Name> issuer = Name::Parse(c.issuer_der, issuer_offset);
    if (!issuer.ok()) return internal::WithContext(issuer.status(), "issuer");
    c.issuer = *std::move(issuer);
  }
  // thisUpdate Time, nextUpdate Time OPTIONAL
  JPKI_ASSIGN_OR_RETURN(c.this_update, ReadRfc5280Time(tbs, c.this_update_generalized));
  if (tbs.NextIs(asn1::kUtcTime) || tbs.NextIs(asn1::kGeneralizedTime)) {
    JPKI_ASSIGN_OR_RETURN(int64_t next, ReadRfc5280Time(tbs, c.next_update_generalized));
    c.next_update = next;
  }
  // revokedCertificates SEQUENCE OF SEQUENCE { ... } OPTIONAL
  bool entry_extensions = false;
  if (tbs.NextIs(asn1::kSequence)) {
    const size_t list_offset = tbs.offset();
    JPKI_ASSIGN_OR_RETURN(DerReader entries, tbs.ReadSequence());
    if (entries.empty()) return Malformed("empty revokedCertificates (DER omits the field)", list_offset);
    // Entries take at least 17 bytes (SEQUENCE, INTEGER, UTCTime), which bounds the reservation by the input.
    c.index.reserve(entries.size() / 17 + 1);
    RevokedEntry entry;
    bool sorted = true;
    while (!entries.empty()) {
      const size_t entry_offset = entries.offset();
      JPKI_RETURN_IF_ERROR(ReadEntry(entries, options, entry));
      if (!entry.extensions_der.empty()) entry_extensions = true;
      IndexRecord record;
      record.prefix = Prefix(entry.serial);
      record.entry_offset = static_cast<uint32_t>(entry_offset);
      record.serial_len = static_cast<uint8_t>(entry.serial.size());
      record.serial_delta = static_cast<uint8_t>(entry.serial.data() - c.der.data() - entry_offset);
      record.unused = 0;
      if (sorted && !c.index.empty() && c.Compare(c.index.back(), record) >= 0) sorted = false;
      c.index.push_back(record);
    }
    if (!sorted) {
      SortIndex(c);
      for (size_t i = 1; i < c.index.size(); ++i) {
        if (c.Compare(c.index[i - 1], c.index[i]) == 0) {
          return Malformed("serial number listed twice",
                           std::max(c.index[i - 1].entry_offset, c.index[i].entry_offset));
        }
      }
    }
  }
  // crlExtensions [0] EXPLICIT Extensions OPTIONAL
  const size_t ext_offset = tbs.offset();
  JPKI_ASSIGN_OR_RETURN(std::optional<DerReader> extensions, tbs.ReadOptionalElement(ContextSpecific(0, true)));
  if (extensions.has_value()) {
    const size_t list_offset = extensions->offset();
    JPKI_ASSIGN_OR_RETURN(c.extensions_der, extensions->ReadRawElement(asn1::kSequence));
    JPKI_RETURN_IF_ERROR(extensions->ExpectEnd());
    JPKI_ASSIGN_OR_RETURN(c.extensions, Extensions::Parse(c.extensions_der, list_offset));
    JPKI_RETURN_IF_ERROR(DecodeCrlExtensions(c));
  }
  JPKI_RETURN_IF_ERROR(tbs.ExpectEnd());
  if ((extensions.has_value() || entry_extensions) && c.version != 2) {
    return Malformed("extensions in a v1 CRL", ext_offset);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Crl> Crl::Parse(Bytes der, const CrlParseOptions& options) {
  auto impl = std::make_shared<Impl>();
  impl->owned = std::move(der);
  impl->der = impl->owned;
  absl::Status status = ParseInto(*impl, options);
  if (!status.ok()) return internal::WithContext(status, "crl");
  return Crl(std::move(impl));
}

absl::StatusOr<Crl> Crl::ParseView(ByteView der, const CrlParseOptions& options) {
  return Parse(ToBytes(der), options);
}

ByteView Crl::der() const { return impl_->der; }
ByteView Crl::tbs_der() const { return impl_->tbs; }
ByteView Crl::issuer_der() const { return impl_->issuer_der; }
ByteView Crl::extensions_der() const { return impl_->extensions_der; }
int Crl::version() const { return impl_->version; }
const SignatureAlgorithm& Crl::signature_algorithm() const { return impl_->signature_algorithm; }
const Name& Crl::issuer() const { return impl_->issuer; }
int64_t Crl::this_update() const { return impl_->this_update; }
std::optional<int64_t> Crl::next_update() const { return impl_->next_update; }
bool Crl::this_update_generalized() const { return impl_->this_update_generalized; }
bool Crl::next_update_generalized() const { return impl_->next_update_generalized; }
ByteView Crl::signature() const { return impl_->signature; }
const Extensions& Crl::extensions() const { return impl_->extensions; }
const std::optional<ByteView>& Crl::crl_number() const { return impl_->crl_number; }
const std::optional<ByteView>& Crl::delta_crl_indicator() const { return impl_->delta_crl_indicator; }
const std::optional<IssuingDistributionPoint>& Crl::issuing_distribution_point() const {
  return impl_->issuing_distribution_point;
}
const std::optional<AuthorityKeyIdentifier>& Crl::authority_key_id() const { return impl_->authority_key_id; }
const std::optional<std::vector<GeneralName>>& Crl::issuer_alt_names() const { return impl_->issuer_alt_names; }
size_t Crl::revoked_count() const { return impl_->index.size(); }

RevokedEntry Crl::revoked(size_t index) const {
  RevokedEntry entry;
  const IndexRecord& record = impl_->index[index];
  DerReader r(impl_->der.subspan(record.entry_offset), record.entry_offset, 0);
  // Validated during Parse; the options are the most lenient so re-reading cannot fail.
  CrlParseOptions lenient;
  lenient.allow_certificate_issuer_entries = true;
  lenient.allow_negative_serial = true;
  (void)ReadEntry(r, lenient, entry);
  return entry;
}

std::vector<RevokedEntry> Crl::RevokedInEncodingOrder() const {
  std::vector<uint32_t> order(impl_->index.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
  std::sort(order.begin(), order.end(),
            [this](uint32_t a, uint32_t b) { return impl_->index[a].entry_offset < impl_->index[b].entry_offset; });
  std::vector<RevokedEntry> out;
  out.reserve(order.size());
  for (uint32_t i : order) out.push_back(revoked(i));
  return out;
}

std::optional<RevokedEntry> Crl::FindRevoked(ByteView serial) const {
  if (serial.empty() || serial.size() > 20) return std::nullopt;
  const Impl& c = *impl_;
  const uint64_t prefix = Prefix(serial);
  const uint8_t len = static_cast<uint8_t>(serial.size());
  auto compare = [&](const IndexRecord& r) -> int {  // record vs key
    if (r.serial_len != len) return r.serial_len < len ? -1 : 1;
    if (r.prefix != prefix) return r.prefix < prefix ? -1 : 1;
    if (len <= 8) return 0;
    return std::memcmp(c.der.data() + r.entry_offset + r.serial_delta + 8, serial.data() + 8, len - 8);
  };
  size_t lo = 0, hi = c.index.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const int cmp = compare(c.index[mid]);
    if (cmp == 0) return revoked(mid);
    if (cmp < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return std::nullopt;
}

bool Crl::IsRevoked(ByteView serial) const {
  if (serial.empty() || serial.size() > 20) return false;
  const Impl& c = *impl_;
  const uint64_t prefix = Prefix(serial);
  const uint8_t len = static_cast<uint8_t>(serial.size());
  size_t lo = 0, hi = c.index.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const IndexRecord& r = c.index[mid];
    int cmp;
    if (r.serial_len != len) {
      cmp = r.serial_len < len ? -1 : 1;
    } else if (r.prefix != prefix) {
      cmp = r.prefix < prefix ? -1 : 1;
    } else {
      cmp = len <= 8 ? 0 : std::memcmp(c.der.data() + r.entry_offset + r.serial_delta + 8, serial.data() + 8, len - 8);
    }
    if (cmp == 0) return true;
    if (cmp < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return false;
}

}  // namespace jpki::x509
