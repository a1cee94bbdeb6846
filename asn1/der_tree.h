#ifndef JPKICORE_ASN1_DER_TREE_H_
#define JPKICORE_ASN1_DER_TREE_H_

// asn1::DerTree: any DER input parsed into a generic tree, zero-copy (every node's views point into the input),
// with every universal primitive value checked by its type's DER rules, and re-encoded from the tree. For valid DER
// the re-encoding is byte-identical to the input; `jpki asn1 dump` and the round-trip fuzzer rely on that.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "asn1/der_reader.h"
#include "asn1/der_writer.h"
#include "base/bytes.h"

namespace jpki::asn1 {

struct DerTreeOptions {
  // max_depth bounds nesting as DerReader does (top-level element at level 1).
  uint32_t max_depth = kDefaultMaxDepth;
  // validate_primitives checks universal primitive contents (BOOLEAN, INTEGER, ENUMERATED, BIT STRING, NULL,
  // OBJECT IDENTIFIER, UTCTime, GeneralizedTime and the string types) by the same rules as DerReader's typed reads.
  bool validate_primitives = true;
};

// DerNode is one element of the tree. Nodes are stored in pre-order; the children of node i are the nodes
// i+1 ... subtree_end-1 at depth depth+1.
struct DerNode {
  Element element;      // tag, offsets, header length, contents and raw views
  uint32_t depth = 0;   // 0 for the top-level element
  int32_t parent = -1;  // index of the parent, -1 for the top level
  uint32_t child_count = 0;
  uint32_t subtree_end = 0;  // one past the index of the last descendant
};

class DerTree {
 public:
  // Parse reads exactly one DER element (and everything inside constructed elements, recursively) from `input`,
  // which must outlive the tree. Fails (with the byte offset) on any DER violation, on nesting beyond max_depth
  // and on trailing bytes after the element.
  static absl::StatusOr<DerTree> Parse(ByteView input, const DerTreeOptions& options = {});

  const std::vector<DerNode>& nodes() const { return nodes_; }
  const DerNode& root() const { return nodes_.front(); }
  ByteView input() const { return input_; }

  // Encode re-encodes the tree (tags, recomputed lengths, primitive contents) into DER.
  absl::StatusOr<Bytes> Encode() const;
  // EncodeTo appends node `index` and its subtree to `writer`.
  void EncodeTo(size_t index, DerWriter& writer) const;

 private:
  absl::Status ParseChildren(DerReader reader, int32_t parent, uint32_t depth, const DerTreeOptions& options);

  ByteView input_;
  std::vector<DerNode> nodes_;
};

// ValidatePrimitive checks the contents of a universal primitive element by its type's DER rules (see
// DerTreeOptions::validate_primitives); other tags pass. Errors name `element.contents_offset()`.
absl::Status ValidatePrimitive(const Element& element);

}  // namespace jpki::asn1

#endif  // JPKICORE_ASN1_DER_TREE_H_
