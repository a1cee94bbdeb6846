#include "asn1/der_reader.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "asn1/internal/sv.h"
#include "asn1/time.h"
#include "base/error.h"

namespace jpki::asn1 {
namespace {

using internal::Absl;

// Error paths build strings; keep them out of line so the hot paths stay small.
[[gnu::cold, gnu::noinline]] absl::Status Malformed(std::string_view what, size_t offset) {
  return MakeError(ErrorCode::kMalformedInput, "asn1", absl::StrCat(Absl(what), " at offset ", offset));
}

[[gnu::cold, gnu::noinline]] absl::Status Limit(std::string_view what, size_t offset) {
  return MakeError(ErrorCode::kResourceLimit, "asn1", absl::StrCat(Absl(what), " at offset ", offset));
}

[[gnu::cold, gnu::noinline]] absl::Status WrongTag(Tag expected, Tag found, size_t offset) {
  return Malformed(absl::StrCat("expected ", expected.ToString(), ", found ", found.ToString()), offset);
}

[[gnu::cold, gnu::noinline]] absl::Status NotPrimitive(Tag tag, size_t offset) {
  return MakeError(ErrorCode::kInvalidArgument, "asn1",
                   absl::StrCat("a primitive tag is required, got ", tag.ToString(), " at offset ", offset));
}

// Rebuilds a status from a validator (whose message has no offset) with the absolute offset appended.
[[gnu::cold, gnu::noinline]] absl::Status AtOffset(const absl::Status& status, size_t offset) {
  return MakeError(GetErrorCode(status), "asn1",
                   absl::StrCat(Absl(MessageAfterModule(status, "asn1")), " at offset ", offset));
}

[[gnu::cold, gnu::noinline]] absl::Status Invalid(std::string_view what) {
  return MakeError(ErrorCode::kMalformedInput, "asn1", what);
}

bool IsPrintableChar(uint8_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case ' ':
    case '\'':
    case '(':
    case ')':
    case '+':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
      return true;
    default:
      return false;
  }
}

// ValidUtf8Prefix returns the index of the first byte that is not part of a well-formed UTF-8 sequence
// (Unicode 3.9 table 3-7: no overlongs, no surrogates, nothing above U+10FFFF), or size when all are valid.
size_t FirstBadUtf8(ByteView s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const uint8_t c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;  // continuation byte, overlong lead C0/C1, or F5..FF
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return n;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

// ---- Header errors (the rules themselves live in asn1/internal/header.h, ParseHeader). ---------------------------

namespace internal {

absl::Status HeaderErrorStatus(HeaderError error, const uint8_t* p, size_t n, size_t offset, size_t error_pos) {
  const size_t at = offset + error_pos;
  switch (error) {
    case HeaderError::kOk:
      return absl::OkStatus();
    case HeaderError::kEmpty:
      return Malformed("unexpected end of input (expected a tag)", at);
    case HeaderError::kTruncatedTag:
      return Malformed("truncated high tag number", at);
    case HeaderError::kNonMinimalTag:
      return Malformed("non-minimal high tag number (leading 0x80)", at);
    case HeaderError::kTagTooLarge:
      return Limit("tag number too large", at);
    case HeaderError::kLowTagInHighForm:
      return Malformed("high-tag-number form used for a tag number below 31", at);
    case HeaderError::kEndOfContents:
      return Malformed("end-of-contents tag (BER only)", at);
    case HeaderError::kConstructedPrimitiveType:
      return Malformed(absl::StrCat("constructed form of ", Tag::Universal(p[0] & 0x1F).Name(), " (not DER)"), at);
    case HeaderError::kPrimitiveSequenceOrSet:
      return Malformed(absl::StrCat("primitive form of ", Tag::Universal(p[0] & 0x1F, true).Name()), at);
    case HeaderError::kTruncatedLength:
      return Malformed("truncated length", at);
    case HeaderError::kIndefiniteLength:
      return Malformed("indefinite length (BER only)", at);
    case HeaderError::kTooManyLengthOctets:
      return Malformed("length with more than 4 length octets", at);
    case HeaderError::kLengthLeadingZero:
      return Malformed("non-minimal length (leading zero octet)", at);
    case HeaderError::kLengthLongFormBelow128:
      return Malformed("non-minimal length (long form for a length below 128)", at);
    case HeaderError::kLengthPastEnd:
      return Malformed("length exceeds the remaining input", at);
  }
  return Malformed("invalid header", at);
}

}  // namespace internal

absl::StatusOr<DecodedHeader> DecodeHeader(ByteView input, size_t offset) {
  DecodedHeader header;
  size_t error_pos;
  const internal::HeaderError error = internal::ParseHeader(input.data(), input.size(), &header, &error_pos);
  if (error != internal::HeaderError::kOk) {
    return internal::HeaderErrorStatus(error, input.data(), input.size(), offset, error_pos);
  }
  return header;
}

absl::Status DerReader::HeaderFailure(internal::HeaderError error, size_t error_pos) const {
  return internal::HeaderErrorStatus(error, data_.data(), data_.size(), offset_, error_pos);
}

absl::Status DerReader::DepthFailure() const {
  return Limit(absl::StrCat("nesting deeper than ", max_depth_, " levels"), offset_);
}

absl::Status DerReader::WrongTagFailure(Tag expected, Tag found) const { return WrongTag(expected, found, offset_); }

// ---- Validators. ---------------------------------------------------------------------------------------------

absl::Status ValidateIntegerContents(ByteView c) {
  if (c.empty()) return Invalid("asn1: empty INTEGER");
  if (c.size() > 1 && ((c[0] == 0x00 && (c[1] & 0x80) == 0) || (c[0] == 0xFF && (c[1] & 0x80) != 0))) {
    return Invalid("asn1: non-minimal INTEGER encoding");
  }
  return absl::OkStatus();
}

absl::Status ValidateBitStringContents(ByteView c) {
  if (c.empty()) return Invalid("asn1: BIT STRING without the unused-bits octet");
  const uint8_t unused = c[0];
  if (unused > 7) return Invalid("asn1: BIT STRING unused-bits count above 7");
  if (c.size() == 1 && unused != 0) return Invalid("asn1: empty BIT STRING with unused bits");
  if (unused != 0 && (c[c.size() - 1] & ((1u << unused) - 1)) != 0) {
    return Invalid("asn1: BIT STRING with non-zero padding bits");
  }
  return absl::OkStatus();
}

absl::Status ValidateStringContents(Tag string_type, ByteView c) {
  auto bad = [](std::string_view type, size_t at) {
    return Invalid(absl::StrCat("asn1: invalid character in ", Absl(type), " (contents byte ", at, ")"));
  };
  if (string_type == kPrintableString) {
    for (size_t i = 0; i < c.size(); ++i)
      if (!IsPrintableChar(c[i])) return bad("PrintableString", i);
  } else if (string_type == kIa5String) {
    for (size_t i = 0; i < c.size(); ++i)
      if (c[i] > 0x7F) return bad("IA5String", i);
  } else if (string_type == kVisibleString) {
    for (size_t i = 0; i < c.size(); ++i)
      if (c[i] < 0x20 || c[i] > 0x7E) return bad("VisibleString", i);
  } else if (string_type == kNumericString) {
    for (size_t i = 0; i < c.size(); ++i)
      if (c[i] != ' ' && (c[i] < '0' || c[i] > '9')) return bad("NumericString", i);
  } else if (string_type == kUtf8String) {
    const size_t at = FirstBadUtf8(c);
    if (at != c.size()) return Invalid(absl::StrCat("asn1: invalid UTF-8 in UTF8String (contents byte ", at, ")"));
  } else if (string_type == kTeletexString) {
    for (size_t i = 0; i < c.size(); ++i)
      if (c[i] == 0) return bad("TeletexString", i);
  } else if (string_type == kBmpString) {
    if (c.size() % 2 != 0) return Invalid("asn1: BMPString with an odd number of bytes");
    for (size_t i = 0; i < c.size(); i += 2) {
      const uint32_t unit = (uint32_t{c[i]} << 8) | c[i + 1];
      if (unit >= 0xD800 && unit <= 0xDFFF) return bad("BMPString (surrogate)", i);
      if (unit == 0xFFFE || unit == 0xFFFF) return bad("BMPString (non-character)", i);
    }
  } else {
    return MakeError(ErrorCode::kInvalidArgument, "asn1",
                     absl::StrCat(string_type.ToString(), " is not a supported string type"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> BmpToUtf8(ByteView c) {
  absl::Status status = ValidateStringContents(kBmpString, c);
  if (!status.ok()) return status;
  std::string out;
  out.reserve(c.size() * 3 / 2);
  for (size_t i = 0; i < c.size(); i += 2) AppendUtf8((uint32_t{c[i]} << 8) | c[i + 1], out);
  return out;
}

std::string AnyString::Utf8() const {
  if (tag == kBmpString) {
    auto text = BmpToUtf8(contents);
    return text.ok() ? *std::move(text) : std::string();
  }
  if (tag == kTeletexString) {
    std::string out;
    out.reserve(contents.size());
    for (uint8_t b : contents) AppendUtf8(b, out);
    return out;
  }
  return std::string(reinterpret_cast<const char*>(contents.data()), contents.size());
}

// ---- DerReader. ----------------------------------------------------------------------------------------------

absl::StatusOr<Tag> DerReader::PeekTag() const {
  DecodedHeader h;
  size_t error_pos;
  const internal::HeaderError error = internal::ParseHeader(data_.data(), data_.size(), &h, &error_pos);
  if (error != internal::HeaderError::kOk) return HeaderFailure(error, error_pos);
  return h.tag;
}

bool DerReader::NextIs(Tag tag) const {
  DecodedHeader h;
  size_t error_pos;
  return internal::ParseHeader(data_.data(), data_.size(), &h, &error_pos) == internal::HeaderError::kOk &&
         h.tag == tag;
}

absl::StatusOr<ByteView> DerReader::ReadRawElement(Tag tag) {
  DecodedHeader h;
  size_t error_pos;
  const internal::HeaderError error = internal::ParseHeader(data_.data(), data_.size(), &h, &error_pos);
  if (error != internal::HeaderError::kOk) return HeaderFailure(error, error_pos);
  if (depth_ >= max_depth_) return DepthFailure();
  if (h.tag != tag) return WrongTagFailure(tag, h.tag);
  const ByteView raw(data_.data(), h.header_len + h.contents_len);
  Advance(raw.size());
  return raw;
}

absl::StatusOr<std::optional<DerReader>> DerReader::ReadOptionalElement(Tag tag) {
  if (data_.empty()) return std::optional<DerReader>();
  auto header = DecodeHeader(data_, offset_);
  if (!header.ok()) return header.status();
  if (header->tag != tag) return std::optional<DerReader>();
  auto reader = ReadElement(tag);
  if (!reader.ok()) return reader.status();
  return std::optional<DerReader>(*reader);
}

absl::StatusOr<std::optional<ByteView>> DerReader::ReadOptionalRawElement(Tag tag) {
  if (data_.empty()) return std::optional<ByteView>();
  auto header = DecodeHeader(data_, offset_);
  if (!header.ok()) return header.status();
  if (header->tag != tag) return std::optional<ByteView>();
  auto raw = ReadRawElement(tag);
  if (!raw.ok()) return raw.status();
  return std::optional<ByteView>(*raw);
}

absl::Status DerReader::SkipElement(Tag tag) { return ReadRawElement(tag).status(); }

absl::Status DerReader::SkipAnyElement() { return ReadAnyElement().status(); }

absl::StatusOr<ByteView> DerReader::ReadPrimitive(Tag tag, size_t* contents_offset) {
  if (tag.constructed()) return NotPrimitive(tag, offset_);
  DecodedHeader h;
  size_t error_pos;
  const internal::HeaderError error = internal::ParseHeader(data_.data(), data_.size(), &h, &error_pos);
  if (error != internal::HeaderError::kOk) return HeaderFailure(error, error_pos);
  if (depth_ >= max_depth_) return DepthFailure();
  if (h.tag != tag) return WrongTagFailure(tag, h.tag);
  *contents_offset = offset_ + h.header_len;
  const ByteView contents(data_.data() + h.header_len, h.contents_len);
  Advance(h.header_len + h.contents_len);
  return contents;
}

absl::StatusOr<bool> DerReader::ReadBoolean(Tag tag) {
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadPrimitive(tag, &at);
  if (!c.ok()) return c.status();
  if (c->size() != 1 || ((*c)[0] != 0x00 && (*c)[0] != 0xFF)) {
    *this = saved;
    return Malformed("BOOLEAN must be one octet 00 or FF", at);
  }
  return (*c)[0] == 0xFF;
}

absl::StatusOr<ByteView> DerReader::ReadIntegerAt(Tag tag, size_t* contents_offset) {
  DerReader saved = *this;
  auto c = ReadPrimitive(tag, contents_offset);
  if (!c.ok()) return c.status();
  absl::Status status = ValidateIntegerContents(*c);
  if (!status.ok()) {
    *this = saved;
    return AtOffset(status, *contents_offset);
  }
  return c;
}

absl::StatusOr<ByteView> DerReader::ReadInteger(Tag tag) {
  size_t at = 0;
  return ReadIntegerAt(tag, &at);
}

absl::StatusOr<ByteView> DerReader::ReadNonNegativeIntegerBytes(Tag tag) {
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadIntegerAt(tag, &at);
  if (!c.ok()) return c.status();
  ByteView v = *c;
  if (v[0] & 0x80) {
    *this = saved;
    return Malformed("negative INTEGER where a non-negative one is required", at);
  }
  if (v[0] == 0) v.remove_prefix(1);
  return v;
}

absl::StatusOr<ByteView> DerReader::ReadPositiveIntegerBytes(Tag tag) {
  DerReader saved = *this;
  const size_t at = offset_;
  auto v = ReadNonNegativeIntegerBytes(tag);
  if (!v.ok()) return v.status();
  if (v->empty()) {
    *this = saved;
    return Malformed("zero INTEGER where a positive one is required", at);
  }
  return v;
}

absl::StatusOr<uint64_t> DerReader::ReadUint64(Tag tag) {
  DerReader saved = *this;
  const size_t at = offset_;
  auto v = ReadNonNegativeIntegerBytes(tag);
  if (!v.ok()) return v.status();
  if (v->size() > 8) {
    *this = saved;
    return Limit("INTEGER does not fit in 64 bits", at);
  }
  uint64_t value = 0;
  for (uint8_t b : *v) value = (value << 8) | b;
  return value;
}

absl::StatusOr<int64_t> DerReader::ReadInt64(Tag tag) {
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadIntegerAt(tag, &at);
  if (!c.ok()) return c.status();
  if (c->size() > 8) {
    *this = saved;
    return Limit("INTEGER does not fit in 64 bits", at);
  }
  uint64_t value = ((*c)[0] & 0x80) ? ~uint64_t{0} : 0;
  for (uint8_t b : *c) value = (value << 8) | b;
  return static_cast<int64_t>(value);
}

absl::Status DerReader::ReadNull(Tag tag) {
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadPrimitive(tag, &at);
  if (!c.ok()) return c.status();
  if (!c->empty()) {
    *this = saved;
    return Malformed("NULL with contents", at);
  }
  return absl::OkStatus();
}

absl::StatusOr<Oid> DerReader::ReadOid(Tag tag) {
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadPrimitive(tag, &at);
  if (!c.ok()) return c.status();
  auto oid = Oid::FromDer(*c);
  if (!oid.ok()) {
    *this = saved;
    return AtOffset(oid.status(), at);
  }
  return oid;
}

absl::StatusOr<BitString> DerReader::ReadBitString(Tag tag) {
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadPrimitive(tag, &at);
  if (!c.ok()) return c.status();
  absl::Status status = ValidateBitStringContents(*c);
  if (!status.ok()) {
    *this = saved;
    return AtOffset(status, at);
  }
  return BitString{c->subspan(1), (*c)[0]};
}

absl::StatusOr<ByteView> DerReader::ReadOctetString(Tag tag) {
  size_t at = 0;
  return ReadPrimitive(tag, &at);
}

absl::StatusOr<int64_t> DerReader::ReadUtcTime(Tag tag) {
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadPrimitive(tag, &at);
  if (!c.ok()) return c.status();
  auto t = ParseUtcTime(*c);
  if (!t.ok()) {
    *this = saved;
    return AtOffset(t.status(), at);
  }
  return t;
}

absl::StatusOr<int64_t> DerReader::ReadGeneralizedTime(Tag tag) {
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadPrimitive(tag, &at);
  if (!c.ok()) return c.status();
  auto t = ParseGeneralizedTime(*c);
  if (!t.ok()) {
    *this = saved;
    return AtOffset(t.status(), at);
  }
  return t;
}

absl::StatusOr<int64_t> DerReader::ReadTime() {
  auto tag = PeekTag();
  if (!tag.ok()) return tag.status();
  if (*tag == kUtcTime) return ReadUtcTime();
  if (*tag == kGeneralizedTime) return ReadGeneralizedTime();
  return Malformed(absl::StrCat("expected UTCTime or GeneralizedTime, found ", tag->ToString()), offset_);
}

absl::StatusOr<std::string_view> DerReader::ReadString(Tag tag) { return ReadString(tag, tag); }

absl::StatusOr<std::string_view> DerReader::ReadString(Tag tag, Tag string_type) {
  if (!IsStringTag(string_type) || string_type == kBmpString) {
    return MakeError(ErrorCode::kInvalidArgument, "asn1",
                     absl::StrCat("ReadString cannot return ", string_type.ToString(), " as a view"));
  }
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadPrimitive(tag, &at);
  if (!c.ok()) return c.status();
  absl::Status status = ValidateStringContents(string_type, *c);
  if (!status.ok()) {
    *this = saved;
    return AtOffset(status, at);
  }
  return std::string_view(reinterpret_cast<const char*>(c->data()), c->size());
}

absl::StatusOr<std::string> DerReader::ReadBmpString(Tag tag) {
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadPrimitive(tag, &at);
  if (!c.ok()) return c.status();
  auto text = BmpToUtf8(*c);
  if (!text.ok()) {
    *this = saved;
    return AtOffset(text.status(), at);
  }
  return text;
}

absl::StatusOr<AnyString> DerReader::ReadAnyString() {
  auto tag = PeekTag();
  if (!tag.ok()) return tag.status();
  if (!IsStringTag(*tag)) return Malformed(absl::StrCat("expected a string, found ", tag->ToString()), offset_);
  DerReader saved = *this;
  size_t at = 0;
  auto c = ReadPrimitive(*tag, &at);
  if (!c.ok()) return c.status();
  absl::Status status = ValidateStringContents(*tag, *c);
  if (!status.ok()) {
    *this = saved;
    return AtOffset(status, at);
  }
  return AnyString{*tag, *c};
}

absl::Status DerReader::ExpectEnd() const {
  if (!data_.empty()) return Malformed("trailing data", offset_);
  return absl::OkStatus();
}

}  // namespace jpki::asn1
