#include "apdu/ber_tlv.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/error.h"

namespace jpki::apdu {
namespace {

constexpr std::string_view kModule = "ber_tlv";

absl::Status Malformed(size_t offset, std::string_view message) {
  return MakeError(ErrorCode::kMalformedInput, kModule, absl::StrCat("offset ", offset, ": ", std::string(message)));
}

bool IsPadding(uint8_t b) { return b == 0x00 || b == 0xFF; }

// HeaderError describes a failed DecodeHeader; the Status is built only on this slow path.
struct HeaderError {
  const char* message = nullptr;
  size_t offset = 0;     // relative to the input given to DecodeHeader
  size_t available = 0;  // for "beyond the input": bytes present after the header
};

bool Fail(HeaderError& error, size_t offset, const char* message) {
  error.offset = offset;
  error.message = message;
  return false;
}

// DecodeHeader parses tag and length at `input[pos]` into `header` and returns true, or fills `error` and returns
// false. The declared length is checked against the bytes present only when `need_value` is set. It builds no
// Status, so the walk over valid card data costs no more than the byte reads.
inline bool DecodeHeader(ByteView input, size_t pos, const BerTlvOptions& options, bool need_value,
                         BerTlvHeader& header, HeaderError& error) {
  const size_t start = pos;
  // tag: first byte; if its low 5 bits are 11111, subsequent bytes with b8 = "more".
  if (pos >= input.size()) return Fail(error, pos, "missing tag");
  const uint8_t first = input[pos++];
  if (first == 0x00) return Fail(error, start, "tag 00 (padding not allowed here)");
  uint32_t tag = first;
  if ((first & 0x1F) == 0x1F) {
    size_t count = 1;
    while (true) {
      if (pos >= input.size()) return Fail(error, pos, "truncated multi-byte tag");
      const uint8_t b = input[pos++];
      if (count == 1 && b == 0x80) return Fail(error, pos - 1, "tag number with a leading zero (80)");
      tag = (tag << 8) | b;
      ++count;
      if ((b & 0x80) == 0) break;
      if (count >= kMaxBerTagBytes) return Fail(error, start, "tag longer than 3 bytes");
    }
  }
  header.tag = tag;
  header.constructed = (first & 0x20) != 0;
  // length: 00-7F short; 81..84 then 1..4 big-endian octets; 80 (indefinite) and 85+ rejected.
  if (pos >= input.size()) return Fail(error, pos, "missing length");
  const size_t length_offset = pos;
  const uint8_t l0 = input[pos++];
  size_t length = 0;
  if (l0 < 0x80) {
    length = l0;
  } else if (l0 == 0x80) {
    return Fail(error, length_offset, "indefinite length (80) is not allowed");
  } else {
    const size_t octets = l0 & 0x7F;
    if (octets > kMaxBerLengthOctets) return Fail(error, length_offset, "more than 4 length octets");
    if (input.size() - pos < octets) return Fail(error, length_offset, "truncated length");
    for (size_t i = 0; i < octets; ++i) length = (length << 8) | input[pos++];
    if (!options.allow_non_minimal_length) {
      const bool minimal = octets == 1 ? length >= 0x80 : (length >> (8 * (octets - 1))) != 0;
      if (!minimal) return Fail(error, length_offset, "non-minimal length");
    }
  }
  header.header_size = pos - start;
  header.length = length;
  if (need_value && input.size() - pos < length) {
    error.available = input.size() - pos;
    return Fail(error, length_offset, nullptr);
  }
  return true;
}

// ReadHeader is DecodeHeader with a Status: `base` is the offset of `input` in the outermost input.
absl::StatusOr<BerTlvHeader> ReadHeader(ByteView input, size_t pos, const BerTlvOptions& options, size_t base,
                                        bool need_value) {
  BerTlvHeader header;
  HeaderError error;
  if (DecodeHeader(input, pos, options, need_value, header, error)) return header;
  if (error.message != nullptr) return Malformed(base + error.offset, error.message);
  return Malformed(base + error.offset,
                   absl::StrCat("length ", header.length, " beyond the ", error.available, " bytes present"));
}

absl::Status ParseNodes(ByteView input, const BerTlvOptions& options, size_t base, int depth,
                        std::vector<TlvNode>& out) {
  BerTlvReader reader(input, options, base, depth);
  while (!reader.AtEnd()) {
    auto tlv = reader.Next();
    if (!tlv.ok()) return tlv.status();
    TlvNode node;
    node.tag = tlv->tag;
    node.constructed = tlv->constructed;
    node.value = tlv->value;
    node.offset = tlv->offset;
    if (tlv->constructed) {
      if (depth + 1 > options.max_depth) {
        return MakeError(ErrorCode::kResourceLimit, kModule,
                         absl::StrCat("offset ", tlv->value_offset(), ": nesting deeper than ", options.max_depth));
      }
      absl::Status status = ParseNodes(tlv->value, options, tlv->value_offset(), depth + 1, node.children);
      if (!status.ok()) return status;
    }
    out.push_back(std::move(node));
  }
  return absl::OkStatus();
}

}  // namespace

TagClass TagClassOf(uint32_t tag) {
  const uint8_t first = static_cast<uint8_t>(tag >> (8 * (TagSize(tag) - 1)));
  return static_cast<TagClass>(first >> 6);
}

bool IsConstructedTag(uint32_t tag) {
  const uint8_t first = static_cast<uint8_t>(tag >> (8 * (TagSize(tag) - 1)));
  return (first & 0x20) != 0;
}

size_t TagSize(uint32_t tag) {
  if (tag > 0xFFFFFF) return 4;
  if (tag > 0xFFFF) return 3;
  if (tag > 0xFF) return 2;
  return 1;
}

bool IsValidBerTag(uint32_t tag) {
  if (tag == 0) return false;
  const size_t size = TagSize(tag);
  if (size > kMaxBerTagBytes) return false;
  const uint8_t first = static_cast<uint8_t>(tag >> (8 * (size - 1)));
  const bool multi = (first & 0x1F) == 0x1F;
  if (size == 1) return !multi;
  if (!multi) return false;
  for (size_t i = 1; i < size; ++i) {
    const uint8_t b = static_cast<uint8_t>(tag >> (8 * (size - 1 - i)));
    const bool last = i == size - 1;
    if (i == 1 && b == 0x80) return false;
    if (last != ((b & 0x80) == 0)) return false;
  }
  return true;
}

void BerTlvReader::SkipPadding(size_t& pos) const {
  if (!options_.allow_padding) return;
  while (pos < input_.size() && IsPadding(input_[pos])) ++pos;
}

bool BerTlvReader::AtEnd() const {
  size_t pos = position_;
  SkipPadding(pos);
  return pos >= input_.size();
}

absl::StatusOr<TlvView> BerTlvReader::Next() {
  size_t pos = position_;
  SkipPadding(pos);
  if (depth_ > options_.max_depth) {
    return MakeError(ErrorCode::kResourceLimit, kModule,
                     absl::StrCat("offset ", base_offset_ + pos, ": nesting deeper than ", options_.max_depth));
  }
  BerTlvHeader header;
  HeaderError error;
  if (!DecodeHeader(input_, pos, options_, /*need_value=*/true, header, error)) {
    return ReadHeader(input_, pos, options_, base_offset_, /*need_value=*/true).status();
  }
  TlvView view;
  view.tag = header.tag;
  view.constructed = header.constructed;
  view.offset = base_offset_ + pos;
  view.header_size = header.header_size;
  view.value = input_.subspan(pos + header.header_size, header.length);
  view.encoded = input_.subspan(pos, header.total_size());
  position_ = pos + header.total_size();
  return view;
}

absl::StatusOr<BerTlvReader> BerTlvReader::Children(const TlvView& tlv) const {
  if (!tlv.constructed) {
    return Malformed(tlv.offset, absl::StrFormat("tag %X is primitive, it has no children", tlv.tag));
  }
  if (depth_ + 1 > options_.max_depth) {
    return MakeError(ErrorCode::kResourceLimit, kModule,
                     absl::StrCat("offset ", tlv.value_offset(), ": nesting deeper than ", options_.max_depth));
  }
  return BerTlvReader(tlv.value, options_, tlv.value_offset(), depth_ + 1);
}

absl::StatusOr<std::optional<TlvView>> BerTlvReader::Find(uint32_t tag) {
  while (!AtEnd()) {
    auto tlv = Next();
    if (!tlv.ok()) return tlv.status();
    if (tlv->tag == tag) return std::optional<TlvView>(*tlv);
  }
  return std::optional<TlvView>();
}

absl::StatusOr<BerTlvHeader> ParseBerTlvHeader(ByteView input, BerTlvOptions options) {
  return ReadHeader(input, 0, options, 0, /*need_value=*/false);
}

absl::StatusOr<TlvView> ParseOneTlv(ByteView input, BerTlvOptions options) {
  BerTlvReader reader(input, options);
  auto tlv = reader.Next();
  if (!tlv.ok()) return tlv.status();
  if (!reader.AtEnd()) return Malformed(reader.offset(), "trailing bytes after the object");
  return tlv;
}

const TlvNode* TlvNode::Find(uint32_t wanted) const { return FindTlv(children, wanted); }

const TlvNode* FindTlv(const std::vector<TlvNode>& nodes, uint32_t tag) {
  for (const TlvNode& node : nodes) {
    if (node.tag == tag) return &node;
  }
  return nullptr;
}

absl::StatusOr<std::vector<TlvNode>> ParseBerTlvTree(ByteView input, BerTlvOptions options) {
  std::vector<TlvNode> out;
  absl::Status status = ParseNodes(input, options, 0, 1, out);
  if (!status.ok()) return status;
  return out;
}

absl::Status AppendBerTag(uint32_t tag, Bytes& out) {
  if (!IsValidBerTag(tag)) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, absl::StrFormat("invalid tag %X", tag));
  }
  for (size_t i = TagSize(tag); i > 0; --i) out.push_back(static_cast<uint8_t>(tag >> (8 * (i - 1))));
  return absl::OkStatus();
}

size_t BerLengthSize(size_t length) {
  if (length < 0x80) return 1;
  size_t octets = 0;
  for (size_t v = length; v != 0; v >>= 8) ++octets;
  return 1 + octets;
}

void AppendBerLength(size_t length, Bytes& out) {
  if (length < 0x80) {
    out.push_back(static_cast<uint8_t>(length));
    return;
  }
  const size_t octets = BerLengthSize(length) - 1;
  out.push_back(static_cast<uint8_t>(0x80 | octets));
  for (size_t i = octets; i > 0; --i) out.push_back(static_cast<uint8_t>(length >> (8 * (i - 1))));
}

absl::StatusOr<Bytes> EncodeTlv(uint32_t tag, ByteView value) {
  Bytes out;
  out.reserve(TagSize(tag) + BerLengthSize(value.size()) + value.size());
  absl::Status status = AppendBerTag(tag, out);
  if (!status.ok()) return status;
  AppendBerLength(value.size(), out);
  Append(out, value);
  return out;
}

BerTlvBuilder& BerTlvBuilder::Add(uint32_t tag, ByteView value) {
  if (!status_.ok()) return *this;
  status_ = AppendBerTag(tag, out_);
  if (!status_.ok()) return *this;
  AppendBerLength(value.size(), out_);
  Append(out_, value);
  return *this;
}

BerTlvBuilder& BerTlvBuilder::AddRaw(ByteView encoded) {
  if (status_.ok()) Append(out_, encoded);
  return *this;
}

BerTlvBuilder& BerTlvBuilder::Open(uint32_t tag) {
  if (!status_.ok()) return *this;
  if (!IsValidBerTag(tag) || !IsConstructedTag(tag)) {
    status_ = MakeError(ErrorCode::kInvalidArgument, kModule, absl::StrFormat("tag %X is not a constructed tag", tag));
    return *this;
  }
  status_ = AppendBerTag(tag, out_);
  open_.push_back(out_.size());
  return *this;
}

BerTlvBuilder& BerTlvBuilder::Close() {
  if (!status_.ok()) return *this;
  if (open_.empty()) {
    status_ = MakeError(ErrorCode::kInvalidArgument, kModule, "Close without Open");
    return *this;
  }
  const size_t start = open_.back();
  open_.pop_back();
  // The length goes in front of the contents written since Open (deferred length prefix).
  Bytes length;
  AppendBerLength(out_.size() - start, length);
  out_.insert(out_.begin() + start, length.begin(), length.end());
  return *this;
}

absl::StatusOr<Bytes> BerTlvBuilder::Finish() {
  if (!status_.ok()) return status_;
  if (!open_.empty()) return MakeError(ErrorCode::kInvalidArgument, kModule, "constructed object left open");
  return std::move(out_);
}

}  // namespace jpki::apdu
