#ifndef JPKICORE_APDU_BER_TLV_H_
#define JPKICORE_APDU_BER_TLV_H_

// BER-TLV for card data (ISO/IEC 7816-4 §5.2, X.690 §8.1): FCI from SELECT, GET STATUS / GET DATA responses,
// STORE DATA, CPLC. Deliberately separate from the strict DER reader in asn1/: card data uses application and
// private tags (9F7F, BF0C), may pad between objects with 00 or FF, and some cards send non-minimal lengths; each
// leniency is a named option, off by default.
//
// Tags are carried as their encoded bytes packed big-endian in a uint32_t (6F, 9F7F, BF0C, 5F2D, 3-byte 9F8101...),
// which is how card specifications write them. At most 3 tag bytes (ISO 7816-4). Lengths are definite, at most 4
// length octets after the 8N byte (81..84); indefinite (80) is rejected.
//
// The reader is zero copy: every view points into the caller's buffer and must not outlive it. Errors are
// kMalformedInput "ber_tlv: offset N: ..." with N counted from the start of the outermost input (kResourceLimit for
// the depth limit).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::apdu {

inline constexpr size_t kMaxBerTagBytes = 3;
inline constexpr size_t kMaxBerLengthOctets = 4;

enum class TagClass { kUniversal, kApplication, kContextSpecific, kPrivate };

// TagClassOf / IsConstructedTag read b8-b7 and b6 of the tag's first byte.
TagClass TagClassOf(uint32_t tag);
bool IsConstructedTag(uint32_t tag);

// IsValidBerTag is true when `tag` is a well-formed packed tag of 1..3 bytes: a first byte whose low 5 bits are not
// 11111 stands alone; otherwise subsequent bytes have b8 set except the last, and the first subsequent byte is not
// 80 (X.690 §8.1.2.4.2 c). Tag 00 is not valid (it is padding / end-of-contents).
bool IsValidBerTag(uint32_t tag);

// TagSize returns the number of bytes of a packed tag (1..4; 1 for 0).
size_t TagSize(uint32_t tag);

struct BerTlvOptions {
  // Skip 00 and FF bytes between (and after) objects: some EFs and GP data objects are padded. With this option a
  // byte FF where a tag would start is padding, so private-class constructed tags FF xx cannot be read.
  bool allow_padding = false;
  // Accept length fields longer than necessary (81 05, 82 00 10): GlobalPlatformPro accepts them from real cards.
  bool allow_non_minimal_length = false;
  // Nesting limit for constructed objects (the outermost level is depth 1).
  int max_depth = 16;
};

// TlvView is one parsed object.
struct TlvView {
  uint32_t tag = 0;
  bool constructed = false;
  ByteView value;          // the contents (for constructed objects: the encoded children)
  ByteView encoded;        // tag || length || value, as in the input
  size_t offset = 0;       // offset of the tag byte in the outermost input
  size_t header_size = 0;  // tag + length bytes

  size_t value_offset() const { return offset + header_size; }
};

// BerTlvReader walks a sequence of objects. Read* advance only on success.
class BerTlvReader {
 public:
  // `base_offset` is the offset of `input` within the outermost input (for error messages); `depth` the nesting
  // level of the objects in `input` (1 for the outermost).
  explicit BerTlvReader(ByteView input, BerTlvOptions options = {}, size_t base_offset = 0, int depth = 1)
      : input_(input), options_(options), base_offset_(base_offset), depth_(depth) {}

  // AtEnd is true when nothing but (allowed) padding is left.
  bool AtEnd() const;

  // Next parses the next object (after padding when allowed). Fails at the end of input, on a bad tag, a bad length,
  // a length beyond the input, or beyond max_depth.
  absl::StatusOr<TlvView> Next();

  // Children returns a reader over the contents of constructed `tlv` (one level deeper). Fails for a primitive
  // object or when the depth limit would be exceeded.
  absl::StatusOr<BerTlvReader> Children(const TlvView& tlv) const;

  // Find returns the first object with `tag` at this level from the current position, nullopt when absent, an
  // error when the input is malformed before it is found. Advances past the object found (or to the end).
  absl::StatusOr<std::optional<TlvView>> Find(uint32_t tag);

  size_t position() const { return position_; }
  size_t offset() const { return base_offset_ + position_; }
  const BerTlvOptions& options() const { return options_; }

 private:
  void SkipPadding(size_t& pos) const;

  ByteView input_;
  BerTlvOptions options_;
  size_t base_offset_ = 0;
  int depth_ = 1;
  size_t position_ = 0;
};

// ParseBerTlvHeader parses one tag and length at the start of `input` (no value check beyond the bound): used by
// READ BINARY to learn a certificate's total length from its first bytes. Returns the view with `value` empty when
// `input` is shorter than the declared value; `header_size` and the declared length are then known via
// DeclaredLength. Prefer ParseOneTlv for complete objects.
struct BerTlvHeader {
  uint32_t tag = 0;
  bool constructed = false;
  size_t header_size = 0;
  size_t length = 0;  // declared value length
  size_t total_size() const { return header_size + length; }
};
absl::StatusOr<BerTlvHeader> ParseBerTlvHeader(ByteView input, BerTlvOptions options = {});

// ParseOneTlv parses exactly one object filling `input` (trailing padding allowed only with allow_padding).
absl::StatusOr<TlvView> ParseOneTlv(ByteView input, BerTlvOptions options = {});

// TlvNode is one object of a fully parsed tree: constructed objects have their children parsed (recursively, up to
// max_depth); views point into the input.
struct TlvNode {
  uint32_t tag = 0;
  bool constructed = false;
  ByteView value;
  size_t offset = 0;
  std::vector<TlvNode> children;

  // Find returns the first direct child with `tag`, or nullptr.
  const TlvNode* Find(uint32_t tag) const;
};

// ParseBerTlvTree parses a whole sequence of objects (for example a GET STATUS response, an FCI, CPLC) into trees.
absl::StatusOr<std::vector<TlvNode>> ParseBerTlvTree(ByteView input, BerTlvOptions options = {});

// FindTlv returns the first node in `nodes` with `tag` (this level only), or nullptr.
const TlvNode* FindTlv(const std::vector<TlvNode>& nodes, uint32_t tag);

// AppendBerTag appends a packed tag (kInvalidArgument unless IsValidBerTag).
absl::Status AppendBerTag(uint32_t tag, Bytes& out);
// AppendBerLength appends a minimal definite length (values above 0xFFFFFFFF cannot occur for in-memory data).
void AppendBerLength(size_t length, Bytes& out);
// BerLengthSize is the number of bytes AppendBerLength writes.
size_t BerLengthSize(size_t length);

// EncodeTlv returns tag || minimal length || value.
absl::StatusOr<Bytes> EncodeTlv(uint32_t tag, ByteView value);

// BerTlvBuilder builds nested BER-TLV with minimal lengths; constructed objects are opened and closed, and their
// lengths are written when closed. Errors (bad tag, unbalanced Close) are sticky and reported by Finish.
class BerTlvBuilder {
 public:
  // Add appends a complete object with `value` as contents (for a constructed tag, `value` must be encoded children).
  BerTlvBuilder& Add(uint32_t tag, ByteView value);
  // AddByte appends an object with a one-byte value.
  BerTlvBuilder& AddByte(uint32_t tag, uint8_t value) { return Add(tag, ByteView(&value, 1)); }
  // AddRaw appends bytes that are already encoded objects.
  BerTlvBuilder& AddRaw(ByteView encoded);
  // Open starts a constructed object; Close ends the innermost one.
  BerTlvBuilder& Open(uint32_t tag);
  BerTlvBuilder& Close();
  // Finish returns the encoding; fails if an error happened or an object is still open.
  absl::StatusOr<Bytes> Finish();

 private:
  Bytes out_;
  std::vector<size_t> open_;  // start offsets of the contents of open objects
  absl::Status status_;
};

}  // namespace jpki::apdu

#endif  // JPKICORE_APDU_BER_TLV_H_
