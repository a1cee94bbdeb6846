#include "asn1/der_writer.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "asn1/der_reader.h"
#include "asn1/internal/sv.h"
#include "asn1/time.h"
#include "base/error.h"

namespace jpki::asn1 {
namespace {

absl::Status WriterError(std::string_view what) { return MakeError(ErrorCode::kInvalidArgument, "asn1", what); }

// Utf8ToBmp converts valid UTF-8 to UCS-2 big-endian; code points above U+FFFF do not fit a BMPString.
absl::Status Utf8ToBmp(std::string_view text, Bytes& out) {
  const ByteView s = AsBytes(text);
  absl::Status valid = ValidateStringContents(kUtf8String, s);
  if (!valid.ok()) return valid;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    const uint8_t c = s[i];
    if (c < 0x80) {
      cp = c;
      i += 1;
    } else if (c < 0xE0) {
      cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
      i += 2;
    } else if (c < 0xF0) {
      cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
      i += 3;
    } else {
      return WriterError("asn1: BMPString cannot hold code points above U+FFFF");
    }
    if (cp == 0xFFFE || cp == 0xFFFF) return WriterError("asn1: BMPString cannot hold U+FFFE/U+FFFF");
    out.push_back(static_cast<uint8_t>(cp >> 8));
    out.push_back(static_cast<uint8_t>(cp));
  }
  return absl::OkStatus();
}

}  // namespace

void EncodeTag(Tag tag, Bytes& out) {
  const uint8_t lead =
      static_cast<uint8_t>((static_cast<uint8_t>(tag.tag_class()) << 6) | (tag.constructed() ? 0x20 : 0x00));
  if (tag.number() < 31) {
    out.push_back(static_cast<uint8_t>(lead | tag.number()));
    return;
  }
  out.push_back(static_cast<uint8_t>(lead | 0x1F));
  uint8_t tmp[5];
  size_t n = 0;
  for (uint32_t v = tag.number(); v != 0; v >>= 7) tmp[n++] = static_cast<uint8_t>(v & 0x7F);
  while (n > 1) out.push_back(static_cast<uint8_t>(tmp[--n] | 0x80));
  out.push_back(tmp[0]);
}

void EncodeLength(size_t length, Bytes& out) {
  if (length < 0x80) {
    out.push_back(static_cast<uint8_t>(length));
    return;
  }
  size_t n = 0;
  for (size_t v = length; v != 0; v >>= 8) ++n;
  out.push_back(static_cast<uint8_t>(0x80 | n));
  for (size_t i = n; i > 0; --i) out.push_back(static_cast<uint8_t>(length >> (8 * (i - 1))));
}

void DerWriter::SetError(absl::Status status) {
  if (status_.ok()) status_ = std::move(status);
}

void DerWriter::AppendTag(Tag tag) {
  if (tag.number() > kMaxTagNumber) SetError(WriterError("asn1: tag number too large"));
  EncodeTag(tag, out_);
}

void DerWriter::AppendLength(size_t length) {
  if (length > 0xFFFFFFFFu) SetError(WriterError("asn1: element longer than 4 GiB"));
  EncodeLength(length, out_);
}

size_t DerWriter::BeginElement(Tag tag) {
  AppendTag(tag);
  out_.push_back(0);  // length placeholder, patched by EndElement
  ++open_;
  return out_.size() - 1;
}

void DerWriter::EndElement(size_t mark) {
  --open_;
  const size_t length = out_.size() - mark - 1;
  if (length < 0x80) {
    out_[mark] = static_cast<uint8_t>(length);
    return;
  }
  Bytes header;
  EncodeLength(length, header);
  if (length > 0xFFFFFFFFu) SetError(WriterError("asn1: element longer than 4 GiB"));
  // Make room for the extra length octets and move the contents right.
  out_.insert(out_.begin() + static_cast<std::ptrdiff_t>(mark) + 1, header.size() - 1, 0);
  std::memcpy(out_.data() + mark, header.data(), header.size());
}

void DerWriter::SortLastElements(size_t mark) {
  const size_t start = mark + 1;
  const ByteView contents(out_.data() + start, out_.size() - start);
  std::vector<ByteView> elements;
  size_t pos = 0;
  while (pos < contents.size()) {
    auto header = DecodeHeader(contents.subspan(pos), pos);
    if (!header.ok()) {
      SetError(WriterError(absl::StrCat("asn1: SET OF element is not DER: ", header.status().message())));
      return;
    }
    const size_t total = header->header_len + header->contents_len;
    elements.push_back(contents.subspan(pos, total));
    pos += total;
  }
  SortDerSetOf(elements);
  Bytes sorted;
  sorted.reserve(contents.size());
  for (ByteView e : elements) Append(sorted, e);
  std::memcpy(out_.data() + start, sorted.data(), sorted.size());
}

DerWriter& DerWriter::AddRaw(ByteView der) {
  size_t pos = 0;
  while (pos < der.size()) {
    auto header = DecodeHeader(der.subspan(pos), pos);
    if (!header.ok()) {
      SetError(WriterError(absl::StrCat("asn1: AddRaw input is not DER: ", header.status().message())));
      return *this;
    }
    pos += header->header_len + header->contents_len;
  }
  Append(out_, der);
  return *this;
}

DerWriter& DerWriter::AddPrimitive(Tag tag, ByteView contents) {
  AppendTag(tag);
  AppendLength(contents.size());
  Append(out_, contents);
  return *this;
}

DerWriter& DerWriter::AddBoolean(bool value, Tag tag) {
  const uint8_t b = value ? 0xFF : 0x00;
  return AddPrimitive(tag, ByteView(&b, 1));
}

DerWriter& DerWriter::AddInt64(int64_t value, Tag tag) {
  uint8_t buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<uint8_t>(static_cast<uint64_t>(value) >> (56 - 8 * i));
  size_t start = 0;
  // Drop redundant sign octets: the first nine bits must not be all equal.
  while (start < 7 &&
         ((buf[start] == 0x00 && !(buf[start + 1] & 0x80)) || (buf[start] == 0xFF && (buf[start + 1] & 0x80)))) {
    ++start;
  }
  return AddPrimitive(tag, ByteView(buf + start, 8 - start));
}

DerWriter& DerWriter::AddUint64(uint64_t value, Tag tag) {
  uint8_t buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<uint8_t>(value >> (56 - 8 * i));
  return AddPositiveInteger(ByteView(buf, 8), tag);
}

DerWriter& DerWriter::AddInteger(ByteView twos_complement, Tag tag) {
  absl::Status status = ValidateIntegerContents(twos_complement);
  if (!status.ok()) {
    SetError(WriterError(internal::Std(status.message())));
    return *this;
  }
  return AddPrimitive(tag, twos_complement);
}

DerWriter& DerWriter::AddPositiveInteger(ByteView magnitude, Tag tag) {
  while (!magnitude.empty() && magnitude[0] == 0) magnitude.remove_prefix(1);
  AppendTag(tag);
  if (magnitude.empty()) {
    out_.push_back(1);
    out_.push_back(0);
    return *this;
  }
  const bool pad = (magnitude[0] & 0x80) != 0;
  AppendLength(magnitude.size() + (pad ? 1 : 0));
  if (pad) out_.push_back(0);
  Append(out_, magnitude);
  return *this;
}

DerWriter& DerWriter::AddNull(Tag tag) { return AddPrimitive(tag, ByteView()); }

DerWriter& DerWriter::AddOid(const Oid& oid, Tag tag) {
  if (oid.empty()) {
    SetError(WriterError("asn1: empty OBJECT IDENTIFIER"));
    return *this;
  }
  return AddPrimitive(tag, oid.der());
}

DerWriter& DerWriter::AddBitString(ByteView bytes, uint8_t unused_bits, Tag tag) {
  if (unused_bits > 7 || (bytes.empty() && unused_bits != 0) ||
      (unused_bits != 0 && (bytes[bytes.size() - 1] & ((1u << unused_bits) - 1)) != 0)) {
    SetError(WriterError("asn1: invalid BIT STRING (unused bits)"));
    return *this;
  }
  AppendTag(tag);
  AppendLength(bytes.size() + 1);
  out_.push_back(unused_bits);
  Append(out_, bytes);
  return *this;
}

DerWriter& DerWriter::AddNamedBits(absl::Span<const size_t> set_bits, Tag tag) {
  size_t bit_count = 0;
  for (size_t bit : set_bits) {
    if (bit >= 256) {
      SetError(WriterError("asn1: named bit position too large"));
      return *this;
    }
    bit_count = std::max(bit_count, bit + 1);
  }
  Bytes bytes((bit_count + 7) / 8, 0);
  for (size_t bit : set_bits) bytes[bit / 8] |= static_cast<uint8_t>(0x80 >> (bit % 8));
  const uint8_t unused = static_cast<uint8_t>(bytes.size() * 8 - bit_count);
  return AddBitString(bytes, unused, tag);
}

DerWriter& DerWriter::AddOctetString(ByteView bytes, Tag tag) { return AddPrimitive(tag, bytes); }

DerWriter& DerWriter::AddUtcTime(int64_t unix_seconds, Tag tag) {
  auto text = EncodeUtcTime(unix_seconds);
  if (!text.ok()) {
    SetError(text.status());
    return *this;
  }
  return AddPrimitive(tag, AsBytes(*text));
}

DerWriter& DerWriter::AddGeneralizedTime(int64_t unix_seconds, Tag tag) {
  auto text = EncodeGeneralizedTime(unix_seconds);
  if (!text.ok()) {
    SetError(text.status());
    return *this;
  }
  return AddPrimitive(tag, AsBytes(*text));
}

DerWriter& DerWriter::AddTime(int64_t unix_seconds) {
  return UseUtcTime(unix_seconds) ? AddUtcTime(unix_seconds) : AddGeneralizedTime(unix_seconds);
}

DerWriter& DerWriter::AddString(Tag string_type, std::string_view text) {
  return AddString(string_type, text, string_type);
}

DerWriter& DerWriter::AddString(Tag string_type, std::string_view text, Tag tag) {
  if (!IsStringTag(string_type)) {
    SetError(WriterError(absl::StrCat("asn1: ", string_type.ToString(), " is not a string type")));
    return *this;
  }
  if (string_type == kBmpString) {
    Bytes ucs2;
    absl::Status status = Utf8ToBmp(text, ucs2);
    if (!status.ok()) {
      SetError(WriterError(internal::Std(status.message())));
      return *this;
    }
    return AddPrimitive(tag, ucs2);
  }
  absl::Status status = ValidateStringContents(string_type, AsBytes(text));
  if (!status.ok()) {
    SetError(WriterError(internal::Std(status.message())));
    return *this;
  }
  return AddPrimitive(tag, AsBytes(text));
}

absl::StatusOr<Bytes> DerWriter::Finish() {
  if (open_ != 0) return WriterError("asn1: Finish called inside an open element");
  absl::Status status = std::move(status_);
  status_ = absl::OkStatus();
  Bytes out = std::move(out_);
  out_.clear();
  if (!status.ok()) return status;
  return out;
}

int CompareSetOfElements(ByteView a, ByteView b) {
  const size_t n = std::min(a.size(), b.size());
  const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c < 0 ? -1 : 1;
  // Common prefix equal: the shorter is padded with zero octets (X.690 11.6).
  const ByteView& longer = a.size() > b.size() ? a : b;
  for (size_t i = n; i < longer.size(); ++i) {
    if (longer[i] != 0) return a.size() > b.size() ? 1 : -1;
  }
  return 0;
}

void SortDerSetOf(std::vector<ByteView>& elements) {
  std::stable_sort(elements.begin(), elements.end(),
                   [](ByteView a, ByteView b) { return CompareSetOfElements(a, b) < 0; });
}

absl::Status CheckDerSetOfOrder(ByteView set_contents, size_t base_offset) {
  size_t pos = 0;
  ByteView previous;
  while (pos < set_contents.size()) {
    auto header = DecodeHeader(set_contents.subspan(pos), base_offset + pos);
    if (!header.ok()) return header.status();
    const size_t total = header->header_len + header->contents_len;
    const ByteView current = set_contents.subspan(pos, total);
    if (!previous.empty() && CompareSetOfElements(previous, current) > 0) {
      return MakeError(ErrorCode::kMalformedInput, "asn1",
                       absl::StrCat("SET OF elements not in DER order at offset ", base_offset + pos));
    }
    previous = current;
    pos += total;
  }
  return absl::OkStatus();
}

}  // namespace jpki::asn1
