#ifndef JPKICORE_ASN1_DER_READER_H_
#define JPKICORE_ASN1_DER_READER_H_

// asn1::DerReader: a strict, zero-copy, allocation-free DER cursor in the CBS / cryptobyte style.
//
// A DerReader is a non-owning view of the caller's bytes plus two pieces of context: the absolute offset of its
// first byte within the original input (so every error names the byte offset where it happened), and the nesting
// depth (so hostile input cannot nest deeper than max_depth, 64 by default). Every Read* method is [[nodiscard]],
// advances only on success and leaves the reader untouched on failure. Everything returned (sub-readers, views,
// Oid, BitString, AnyString) points into the caller's bytes: keep them alive while the results are used.
//
// Tag and length octets are decoded in exactly one place (DecodeHeader in der_reader.cc), which applies all of
// DER's rules (X.690 10.1, 8.1.2, 8.1.3): no indefinite length, minimal definite lengths (short form below 128, no
// leading zero octets in the long form), at most 4 length octets, lengths within the input, minimal high-tag-number
// form used only for numbers >= 31, tag numbers <= kMaxTagNumber.
//
// Errors are absl::Status values with a typed ErrorCode payload (base/error.h): kMalformedInput for non-DER bytes,
// kResourceLimit for depth and size limits. Messages read "asn1: <what> at offset N".

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "asn1/internal/header.h"
#include "asn1/oid.h"
#include "asn1/tag.h"
#include "base/bytes.h"

namespace jpki::asn1 {

// kDefaultMaxDepth is the default nesting limit: a reader at depth 64 refuses to enter another element.
inline constexpr uint32_t kDefaultMaxDepth = 64;

// BitString is a validated BIT STRING: `bytes` (a view, without the unused-bits octet) and the number of unused
// bits in the last byte (0..7, always 0 when `bytes` is empty; the unused bits are zero as DER requires).
struct BitString {
  ByteView bytes;
  uint8_t unused_bits = 0;

  // bit_count is the number of meaningful bits.
  size_t bit_count() const { return bytes.size() * 8 - unused_bits; }
  // Bit returns bit `index` counting from the most significant bit of the first byte (named-bit order of X.680,
  // so KeyUsage digitalSignature is Bit(0)); false beyond bit_count().
  bool Bit(size_t index) const {
    if (index >= bit_count()) return false;
    return (bytes[index / 8] >> (7 - index % 8)) & 1;
  }
  // IsOctetAligned: no unused bits (what subjectPublicKey and signatureValue must be).
  bool IsOctetAligned() const { return unused_bits == 0; }
};

// AnyString is a validated character string of one of the IsStringTag() types: the tag and the raw contents
// octets (a view). Call Utf8() for text; it allocates, converting BMPString (UCS-2) and TeletexString (read as
// ISO 8859-1, the common practice) to UTF-8 and copying the others unchanged.
struct AnyString {
  Tag tag;
  ByteView contents;
  std::string Utf8() const;
};

class DerReader;

// Element is one decoded TLV: its tag, where it starts, its header (tag + length octets) length, its contents and
// the full raw encoding, all views into the input. `reader()` gives a sub-reader over the contents at depth + 1.
struct Element {
  Tag tag;
  size_t offset = 0;      // absolute offset of the first identifier octet
  size_t header_len = 0;  // identifier + length octets
  ByteView contents;      // the V of the TLV
  ByteView raw;           // T, L and V
  uint32_t depth = 0;     // depth of the contents (the parent's depth + 1)
  uint32_t max_depth = kDefaultMaxDepth;

  // contents_offset is the absolute offset of the first contents octet.
  size_t contents_offset() const { return offset + header_len; }
  // reader returns a DerReader over `contents` keeping absolute offsets and depth.
  DerReader reader() const;
};

class DerReader {
 public:
  // DerReader() is empty (offset 0, depth 0).
  DerReader() = default;
  // DerReader(input) reads `input` (not copied; must outlive the reader and all results) from offset 0, depth 0.
  explicit DerReader(ByteView input, uint32_t max_depth = kDefaultMaxDepth) : data_(input), max_depth_(max_depth) {}
  // DerReader(input, base_offset, depth, max_depth): a reader over a slice whose first byte is at absolute
  // `base_offset` of some larger input, already nested `depth` levels deep.
  DerReader(ByteView input, size_t base_offset, uint32_t depth, uint32_t max_depth = kDefaultMaxDepth)
      : data_(input), offset_(base_offset), depth_(depth), max_depth_(max_depth) {}

  // remaining returns the unread bytes; offset the absolute offset of the first unread byte.
  ByteView remaining() const { return data_; }
  size_t offset() const { return offset_; }
  bool empty() const { return data_.empty(); }
  size_t size() const { return data_.size(); }
  uint32_t depth() const { return depth_; }
  uint32_t max_depth() const { return max_depth_; }

  // ---- Generic elements -------------------------------------------------------------------------------------

  // PeekTag decodes the next element's header without advancing and returns its tag. Fails when the reader is
  // empty or the header (tag or length) is not DER.
  [[nodiscard]] absl::StatusOr<Tag> PeekTag() const;
  // NextIs is true when the next element's header is valid DER and its tag is `tag` (a cheap test for OPTIONAL
  // and DEFAULT fields; a malformed header gives false and will be reported by the following Read).
  [[nodiscard]] bool NextIs(Tag tag) const;

  // ReadAnyElement reads the next TLV whatever its tag. Fails when empty, on non-DER headers, and (kResourceLimit)
  // when the reader is already at max_depth (the element's contents would be deeper than allowed).
  [[nodiscard]] absl::StatusOr<Element> ReadAnyElement();
  // ReadElement reads the next TLV, which must carry `tag`, and returns a reader over its contents (depth + 1).
  [[nodiscard]] absl::StatusOr<DerReader> ReadElement(Tag tag);
  // ReadSequence / ReadSet: ReadElement(kSequence) / ReadElement(kSet). (SET OF ordering is not checked here; see
  // IsDerSetOfOrdered in asn1/der_writer.h.)
  [[nodiscard]] absl::StatusOr<DerReader> ReadSequence() { return ReadElement(kSequence); }
  [[nodiscard]] absl::StatusOr<DerReader> ReadSet() { return ReadElement(kSet); }
  // ReadRawElement reads the next TLV, which must carry `tag`, and returns its full encoding (tag, length and
  // contents): what x509 keeps as RawTBSCertificate, RawIssuer, RawSubjectPublicKeyInfo.
  [[nodiscard]] absl::StatusOr<ByteView> ReadRawElement(Tag tag);
  // ReadOptionalElement: when the next element carries `tag`, reads it like ReadElement; when the reader is empty
  // or the next tag differs, returns std::nullopt without advancing. A malformed next header is an error.
  [[nodiscard]] absl::StatusOr<std::optional<DerReader>> ReadOptionalElement(Tag tag);
  // ReadOptionalRawElement: as ReadOptionalElement, returning the full TLV bytes.
  [[nodiscard]] absl::StatusOr<std::optional<ByteView>> ReadOptionalRawElement(Tag tag);
  // SkipElement reads and discards one element carrying `tag`; SkipAnyElement one element with any tag.
  [[nodiscard]] absl::Status SkipElement(Tag tag);
  [[nodiscard]] absl::Status SkipAnyElement();

  // ---- Primitive types. The `tag` parameter allows IMPLICIT tagging ([n] IMPLICIT INTEGER etc.); it must be
  // primitive except where noted. ------------------------------------------------------------------------------

  // ReadBoolean: contents exactly one octet, 0x00 (false) or 0xFF (true) (X.690 11.1).
  [[nodiscard]] absl::StatusOr<bool> ReadBoolean(Tag tag = kBoolean);
  // ReadInteger returns the contents of an INTEGER: big-endian two's complement, non-empty and minimal (the first
  // nine bits are not all zero or all one; X.690 8.3.2). A view.
  [[nodiscard]] absl::StatusOr<ByteView> ReadInteger(Tag tag = kInteger);
  // ReadPositiveIntegerBytes reads an INTEGER that must be > 0 and returns its magnitude without the 0x00 sign
  // octet (so a 2048-bit modulus gives 256 bytes). Fails on negative values and on zero. A view.
  [[nodiscard]] absl::StatusOr<ByteView> ReadPositiveIntegerBytes(Tag tag = kInteger);
  // ReadNonNegativeIntegerBytes: like ReadPositiveIntegerBytes but zero is allowed (returned as an empty view).
  [[nodiscard]] absl::StatusOr<ByteView> ReadNonNegativeIntegerBytes(Tag tag = kInteger);
  // ReadUint64 reads an INTEGER in [0, 2^64); fails on negative values or larger ones.
  [[nodiscard]] absl::StatusOr<uint64_t> ReadUint64(Tag tag = kInteger);
  // ReadInt64 reads an INTEGER in [-2^63, 2^63).
  [[nodiscard]] absl::StatusOr<int64_t> ReadInt64(Tag tag = kInteger);
  // ReadEnumerated reads an ENUMERATED (same rules as INTEGER) in [0, 2^64).
  [[nodiscard]] absl::StatusOr<uint64_t> ReadEnumerated(Tag tag = kEnumerated) { return ReadUint64(tag); }
  // ReadNull: empty contents.
  [[nodiscard]] absl::Status ReadNull(Tag tag = kNull);
  // ReadOid reads an OBJECT IDENTIFIER (validated as Oid::FromDer: non-empty, minimal arcs, arcs < 2^64). A view.
  [[nodiscard]] absl::StatusOr<Oid> ReadOid(Tag tag = kObjectIdentifier);
  // ReadBitString: first contents octet is the unused-bit count 0..7, zero when there are no further octets, and
  // the unused bits of the last octet are zero (X.690 11.2.1). Primitive only.
  [[nodiscard]] absl::StatusOr<BitString> ReadBitString(Tag tag = kBitString);
  // ReadOctetString: primitive OCTET STRING contents (the constructed form is not DER). A view.
  [[nodiscard]] absl::StatusOr<ByteView> ReadOctetString(Tag tag = kOctetString);

  // ReadUtcTime / ReadGeneralizedTime: the RFC 5280 forms (see asn1/time.h), as Unix seconds.
  [[nodiscard]] absl::StatusOr<int64_t> ReadUtcTime(Tag tag = kUtcTime);
  [[nodiscard]] absl::StatusOr<int64_t> ReadGeneralizedTime(Tag tag = kGeneralizedTime);
  // ReadTime reads an RFC 5280 Time: CHOICE { UTCTime, GeneralizedTime }, as Unix seconds. It does not enforce
  // "UTCTime through 2049" (a profile rule for x509 to check if it wishes: use UseUtcTime from asn1/time.h).
  [[nodiscard]] absl::StatusOr<int64_t> ReadTime();

  // ReadString reads a character string carrying `tag`, which must be one of PrintableString, IA5String,
  // UTF8String, VisibleString, NumericString, TeletexString (BMPString: use ReadBmpString or ReadAnyString), and
  // returns its validated contents as a view (no copy):
  //   PrintableString  A-Z a-z 0-9 space ' ( ) + , - . / : = ?     NumericString  0-9 and space
  //   IA5String        0x00-0x7F                                   VisibleString  0x20-0x7E
  //   UTF8String       well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF)
  //   TeletexString    any octets but 0x00 (T.61 is not validated further; the view is the raw octets)
  // Implicitly tagged strings: pass the context tag as `tag` and the string type as `string_type`.
  [[nodiscard]] absl::StatusOr<std::string_view> ReadString(Tag tag);
  [[nodiscard]] absl::StatusOr<std::string_view> ReadString(Tag tag, Tag string_type);
  // ReadBmpString reads a BMPString (UCS-2 big-endian: even length, no surrogate code units) and returns it
  // converted to UTF-8 in an owned string (this one allocates).
  [[nodiscard]] absl::StatusOr<std::string> ReadBmpString(Tag tag = kBmpString);
  // ReadAnyString reads whichever IsStringTag() type comes next (DirectoryString, DisplayText) and validates it by
  // its type's rules. Fails when the next element is not such a string. No allocation.
  [[nodiscard]] absl::StatusOr<AnyString> ReadAnyString();

  // ExpectEnd succeeds when nothing is left; otherwise fails with "trailing data at offset N".
  [[nodiscard]] absl::Status ExpectEnd() const;

 private:
  // ReadPrimitive reads an element with `tag` and returns its contents, with the contents' absolute offset in
  // *contents_offset. Fails if `tag` is constructed.
  absl::StatusOr<ByteView> ReadPrimitive(Tag tag, size_t* contents_offset);
  absl::StatusOr<ByteView> ReadIntegerAt(Tag tag, size_t* contents_offset);
  // Advance consumes `n` bytes (n <= size()).
  void Advance(size_t n) {
    data_ = ByteView(data_.data() + n, data_.size() - n);
    offset_ += n;
  }
  // Cold error builders.
  absl::Status HeaderFailure(internal::HeaderError error, size_t error_pos) const;
  absl::Status DepthFailure() const;
  absl::Status WrongTagFailure(Tag expected, Tag found) const;

  ByteView data_;
  size_t offset_ = 0;
  uint32_t depth_ = 0;
  uint32_t max_depth_ = kDefaultMaxDepth;
};

inline DerReader Element::reader() const { return DerReader(contents, contents_offset(), depth, max_depth); }

// The hot paths are inline: a header decode (internal::ParseHeader), two compares and the views.
[[gnu::always_inline]] inline absl::StatusOr<Element> DerReader::ReadAnyElement() {
  DecodedHeader h;
  size_t error_pos;
  const internal::HeaderError error = internal::ParseHeader(data_.data(), data_.size(), &h, &error_pos);
  if (__builtin_expect(error != internal::HeaderError::kOk, 0)) return HeaderFailure(error, error_pos);
  if (__builtin_expect(depth_ >= max_depth_, 0)) return DepthFailure();
  // Built in place inside the StatusOr (named return value): no copy of the element on the hot path.
  absl::StatusOr<Element> result(absl::in_place);
  Element& element = *result;
  element.tag = h.tag;
  element.offset = offset_;
  element.header_len = h.header_len;
  element.raw = ByteView(data_.data(), h.header_len + h.contents_len);
  element.contents = ByteView(data_.data() + h.header_len, h.contents_len);
  element.depth = depth_ + 1;
  element.max_depth = max_depth_;
  Advance(h.header_len + h.contents_len);
  return result;
}

[[gnu::always_inline]] inline absl::StatusOr<DerReader> DerReader::ReadElement(Tag tag) {
  DecodedHeader h;
  size_t error_pos;
  const internal::HeaderError error = internal::ParseHeader(data_.data(), data_.size(), &h, &error_pos);
  if (__builtin_expect(error != internal::HeaderError::kOk, 0)) return HeaderFailure(error, error_pos);
  if (__builtin_expect(depth_ >= max_depth_, 0)) return DepthFailure();
  if (__builtin_expect(h.tag != tag, 0)) return WrongTagFailure(tag, h.tag);
  DerReader contents(ByteView(data_.data() + h.header_len, h.contents_len), offset_ + h.header_len, depth_ + 1,
                     max_depth_);
  Advance(h.header_len + h.contents_len);
  return contents;
}

// ---- Stand-alone validators, shared by the reader, the writer and the tree ---------------------------------

// ValidateStringContents checks `contents` against the rules of string type `string_type` (see ReadString).
// Returns the offset (relative to `contents`) of the first bad octet in the error message.
absl::Status ValidateStringContents(Tag string_type, ByteView contents);
// ValidateIntegerContents: non-empty and minimal two's complement.
absl::Status ValidateIntegerContents(ByteView contents);
// ValidateBitStringContents: the X.690 11.2 rules for the contents octets (including the unused-bits octet).
absl::Status ValidateBitStringContents(ByteView contents);
// BmpToUtf8 converts validated BMPString contents to UTF-8 (fails on odd length or surrogates).
absl::StatusOr<std::string> BmpToUtf8(ByteView contents);

// DecodedHeader (tag, header_len, contents_len) is defined in asn1/internal/header.h, which holds the inline
// decoder behind DecodeHeader and the reader's hot path.
// DecodeHeader is THE place where DER identifier and length octets are decoded and checked (see the top of this
// file). `input` starts at the identifier octet; `offset` is its absolute position for error messages. It checks
// that contents_len bytes follow the header within `input`.
absl::StatusOr<DecodedHeader> DecodeHeader(ByteView input, size_t offset);

}  // namespace jpki::asn1

#endif  // JPKICORE_ASN1_DER_READER_H_
