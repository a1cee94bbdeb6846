#ifndef JPKICORE_ASN1_INTERNAL_HEADER_H_
#define JPKICORE_ASN1_INTERNAL_HEADER_H_

// The one place where DER identifier and length octets are decoded and checked (X.690 8.1.2, 8.1.3, 10.1): inline
// so that DerReader's hot path compiles to a few compares, with errors reported as a code plus position and turned
// into an absl::Status only on the (cold) error path by HeaderErrorStatus in der_reader.cc.

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"
#include "asn1/tag.h"

namespace jpki::asn1 {

// DecodedHeader is what DecodeHeader reports about one TLV header.
struct DecodedHeader {
  Tag tag;
  size_t header_len = 0;
  size_t contents_len = 0;
};

namespace internal {

enum class HeaderError : uint8_t {
  kOk = 0,
  kEmpty,
  kTruncatedTag,
  kNonMinimalTag,
  kTagTooLarge,
  kLowTagInHighForm,
  kEndOfContents,
  kConstructedPrimitiveType,
  kPrimitiveSequenceOrSet,
  kTruncatedLength,
  kIndefiniteLength,
  kTooManyLengthOctets,
  kLengthLeadingZero,
  kLengthLongFormBelow128,
  kLengthPastEnd,
};

// Universal tag numbers whose DER encoding must be primitive, as a bit set (see IsPrimitiveOnlyUniversal).
inline constexpr uint64_t kPrimitiveOnlyMask = [] {
  uint64_t mask = 0;
  for (uint32_t n = 0; n < 64; ++n) {
    if (IsPrimitiveOnlyUniversal(n)) mask |= uint64_t{1} << n;
  }
  return mask;
}();

// ParseHeader decodes the header at p[0..n). On success fills *out and returns kOk; otherwise returns the error and
// sets *error_pos to the index (relative to p) of the offending octet.
[[gnu::always_inline]] inline HeaderError ParseHeader(const uint8_t* p, size_t n, DecodedHeader* out,
                                                      size_t* error_pos) {
  *error_pos = 0;
  if (n == 0) return HeaderError::kEmpty;
  const uint8_t first = p[0];
  const auto tag_class = static_cast<TagClass>(first >> 6);
  const bool constructed = (first & 0x20) != 0;
  uint32_t number = first & 0x1F;
  size_t pos = 1;
  if (__builtin_expect(number == 0x1F, 0)) {
    // High-tag-number form (8.1.2.4): base 128, most significant first, no leading 0x80 (8.1.2.4.2 c), and only
    // for numbers >= 31.
    if (pos >= n) return HeaderError::kTruncatedTag;
    if (p[pos] == 0x80) {
      *error_pos = pos;
      return HeaderError::kNonMinimalTag;
    }
    number = 0;
    while (true) {
      if (pos >= n) {
        *error_pos = pos;
        return HeaderError::kTruncatedTag;
      }
      const uint8_t b = p[pos++];
      if (number > (kMaxTagNumber >> 7)) return HeaderError::kTagTooLarge;
      number = (number << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) break;
    }
    if (number > kMaxTagNumber) return HeaderError::kTagTooLarge;
    if (number < 31) return HeaderError::kLowTagInHighForm;
  }
  if (tag_class == TagClass::kUniversal) {
    if (number == 0) return HeaderError::kEndOfContents;
    if (constructed && number < 64 && ((kPrimitiveOnlyMask >> number) & 1)) {
      return HeaderError::kConstructedPrimitiveType;
    }
    if (!constructed && (number == 16 || number == 17)) return HeaderError::kPrimitiveSequenceOrSet;
  }
  if (pos >= n) {
    *error_pos = pos;
    return HeaderError::kTruncatedLength;
  }
  const size_t length_pos = pos;
  const uint8_t l0 = p[pos++];
  size_t length;
  if (__builtin_expect(l0 < 0x80, 1)) {
    length = l0;
  } else {
    *error_pos = length_pos;
    if (l0 == 0x80) return HeaderError::kIndefiniteLength;
    const size_t count = l0 & 0x7F;
    if (count > 4) return HeaderError::kTooManyLengthOctets;
    if (n - pos < count) return HeaderError::kTruncatedLength;
    if (p[pos] == 0) return HeaderError::kLengthLeadingZero;
    uint64_t value = 0;
    for (size_t i = 0; i < count; ++i) value = (value << 8) | p[pos + i];
    if (value < 0x80) return HeaderError::kLengthLongFormBelow128;
    pos += count;
    length = static_cast<size_t>(value);
  }
  if (length > n - pos) {
    *error_pos = length_pos;
    return HeaderError::kLengthPastEnd;
  }
  out->tag = Tag(tag_class, constructed, number);
  out->header_len = pos;
  out->contents_len = length;
  return HeaderError::kOk;
}

// HeaderErrorStatus builds the status for a ParseHeader failure (message names offset + error_pos).
absl::Status HeaderErrorStatus(HeaderError error, const uint8_t* p, size_t n, size_t offset, size_t error_pos);

}  // namespace internal
}  // namespace jpki::asn1

#endif  // JPKICORE_ASN1_INTERNAL_HEADER_H_
