#ifndef JPKICORE_ASN1_DER_WRITER_H_
#define JPKICORE_ASN1_DER_WRITER_H_

// asn1::DerWriter: a DER builder in the CBB style. Constructed elements are written with deferred length prefixes:
// AddElement(tag, fill) writes the identifier octets and a one-octet length placeholder, calls `fill(*this)` to
// write the contents, then patches the length (moving the contents right when the long form is needed). The
// output is byte-exact DER: minimal lengths and integers, canonical BOOLEAN and BIT STRING, SET OF sorted
// (X.690 11.6).
//
// Errors are sticky: an Add* that cannot encode its argument (an invalid string, a bad unused-bit count...) records
// the first error and Finish() returns it (bytes written after an error are discarded). So builders can chain without
// checking each call:
//
//   DerWriter w;
//   w.AddSequence([&](DerWriter& seq) {
//     seq.AddOid(Oid::Known(KnownOid::kSha256WithRsaEncryption));
//     seq.AddNull();
//   });
//   absl::StatusOr<Bytes> der = w.Finish();

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "asn1/oid.h"
#include "asn1/tag.h"
#include "base/bytes.h"

namespace jpki::asn1 {

class DerWriter {
 public:
  DerWriter() = default;
  DerWriter(const DerWriter&) = delete;
  DerWriter& operator=(const DerWriter&) = delete;
  DerWriter(DerWriter&&) = default;
  DerWriter& operator=(DerWriter&&) = default;

  // ---- Constructed elements (deferred length) --------------------------------------------------------------

  // AddElement writes one TLV with `tag` whose contents are whatever `fill(DerWriter&)` adds. `tag` is normally
  // constructed; a primitive tag is allowed (the contents are then taken as written, e.g. OCTET STRING
  // encapsulating DER).
  template <typename Fill>
  DerWriter& AddElement(Tag tag, Fill&& fill) {
    const size_t mark = BeginElement(tag);
    std::forward<Fill>(fill)(*this);
    EndElement(mark);
    return *this;
  }
  // AddSequence: AddElement(kSequence, fill).
  template <typename Fill>
  DerWriter& AddSequence(Fill&& fill) {
    return AddElement(kSequence, std::forward<Fill>(fill));
  }
  // AddSet: a SET whose components the caller writes in DER order (by tag; X.690 10.3). For SET OF use AddSetOf.
  template <typename Fill>
  DerWriter& AddSet(Fill&& fill) {
    return AddElement(kSet, std::forward<Fill>(fill));
  }
  // AddSetOf: a SET OF; the elements written by `fill` are sorted into DER order (X.690 11.6) before the length is
  // patched. `tag` allows an IMPLICIT [n] SET OF.
  template <typename Fill>
  DerWriter& AddSetOf(Fill&& fill, Tag tag = kSet) {
    const size_t mark = BeginElement(tag);
    std::forward<Fill>(fill)(*this);
    SortLastElements(mark);
    EndElement(mark);
    return *this;
  }
  // AddExplicit: [number] EXPLICIT, i.e. AddElement(ContextSpecific(number, true), fill).
  template <typename Fill>
  DerWriter& AddExplicit(uint32_t number, Fill&& fill) {
    return AddElement(Tag::ContextSpecific(number, true), std::forward<Fill>(fill));
  }

  // ---- Pre-encoded and primitive elements --------------------------------------------------------------------

  // AddRaw appends already-encoded DER (one or more complete TLVs: the headers are checked with DecodeHeader,
  // contents are trusted). Use it for raw fields kept from a parse (RawTBSCertificate, RawIssuer).
  DerWriter& AddRaw(ByteView der);
  // AddPrimitive writes a TLV with `tag` and the given contents verbatim.
  DerWriter& AddPrimitive(Tag tag, ByteView contents);

  DerWriter& AddBoolean(bool value, Tag tag = kBoolean);
  // AddInt64 / AddUint64: minimal two's complement (AddUint64 adds 0x00 when the top bit is set).
  DerWriter& AddInt64(int64_t value, Tag tag = kInteger);
  DerWriter& AddUint64(uint64_t value, Tag tag = kInteger);
  // AddInteger writes two's complement contents as given; they must already be minimal (ValidateIntegerContents).
  DerWriter& AddInteger(ByteView twos_complement, Tag tag = kInteger);
  // AddPositiveInteger writes a non-negative integer from its big-endian magnitude: leading zero octets are
  // stripped and a 0x00 is prefixed when the top bit is set. An empty or all-zero magnitude encodes 0.
  DerWriter& AddPositiveInteger(ByteView magnitude, Tag tag = kInteger);
  DerWriter& AddEnumerated(uint64_t value, Tag tag = kEnumerated) { return AddUint64(value, tag); }
  DerWriter& AddNull(Tag tag = kNull);
  // AddOid writes an OBJECT IDENTIFIER; an empty Oid is an error.
  DerWriter& AddOid(const Oid& oid, Tag tag = kObjectIdentifier);
  // AddBitString writes `bytes` with `unused_bits` (0..7, 0 when bytes is empty); the unused bits must be zero.
  DerWriter& AddBitString(ByteView bytes, uint8_t unused_bits = 0, Tag tag = kBitString);
  // AddNamedBits writes a named-bit BIT STRING (KeyUsage) with the given bit positions set (bit 0 = most
  // significant bit of the first octet), trailing zero bits removed as X.690 11.2.2 requires. Positions < 256.
  DerWriter& AddNamedBits(absl::Span<const size_t> set_bits, Tag tag = kBitString);
  DerWriter& AddOctetString(ByteView bytes, Tag tag = kOctetString);
  // AddUtcTime / AddGeneralizedTime: RFC 5280 forms; out-of-range times are errors (see asn1/time.h).
  DerWriter& AddUtcTime(int64_t unix_seconds, Tag tag = kUtcTime);
  DerWriter& AddGeneralizedTime(int64_t unix_seconds, Tag tag = kGeneralizedTime);
  // AddTime: RFC 5280 Time, UTCTime through 2049 and GeneralizedTime from 2050.
  DerWriter& AddTime(int64_t unix_seconds);
  // AddString writes UTF-8 `text` as the string type `string_type` (an IsStringTag() tag), under `tag` (defaults
  // to `string_type`; pass a context tag for IMPLICIT). The text must satisfy the type's character set
  // (ValidateStringContents); for BMPString it is converted to UCS-2 (code points above U+FFFF are errors).
  DerWriter& AddString(Tag string_type, std::string_view text);
  DerWriter& AddString(Tag string_type, std::string_view text, Tag tag);

  // ---- State --------------------------------------------------------------------------------------------------

  // status is the first error so far (OK if none).
  const absl::Status& status() const { return status_; }
  bool ok() const { return status_.ok(); }
  // size is the number of bytes written so far (placeholders included).
  size_t size() const { return out_.size(); }
  // Finish returns the encoding and resets the writer. Fails with the sticky error, or when called inside fill.
  [[nodiscard]] absl::StatusOr<Bytes> Finish();

 private:
  size_t BeginElement(Tag tag);
  void EndElement(size_t mark);
  void SortLastElements(size_t mark);
  void SetError(absl::Status status);
  void AppendTag(Tag tag);
  void AppendLength(size_t length);

  Bytes out_;
  absl::Status status_;
  int open_ = 0;
};

// EncodeTag appends DER identifier octets for `tag`; EncodeLength the DER length octets for `length`.
void EncodeTag(Tag tag, Bytes& out);
void EncodeLength(size_t length, Bytes& out);

// CompareSetOfElements orders two DER encodings as X.690 11.6 requires for SET OF: as octet strings, the shorter
// one padded at its end with zero octets; returns <0, 0 or >0.
int CompareSetOfElements(ByteView a, ByteView b);
// SortDerSetOf sorts encodings into SET OF order (stable, so equal encodings keep their order).
void SortDerSetOf(std::vector<ByteView>& elements);
// CheckDerSetOfOrder checks that the contents of a SET OF (a concatenation of TLVs) are in DER order. Fails
// (kMalformedInput, with the offset relative to `set_contents` plus `base_offset`) on misordering or bad TLVs.
absl::Status CheckDerSetOfOrder(ByteView set_contents, size_t base_offset = 0);

}  // namespace jpki::asn1

#endif  // JPKICORE_ASN1_DER_WRITER_H_
