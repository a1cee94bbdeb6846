#include "asn1/der_tree.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "asn1/internal/sv.h"
#include "asn1/time.h"
#include "base/error.h"

namespace jpki::asn1 {
namespace {

absl::Status WithOffset(const absl::Status& status, size_t offset) {
  return MakeError(GetErrorCode(status), "asn1",
                   absl::StrCat(internal::Absl(MessageAfterModule(status, "asn1")), " at offset ", offset));
}

}  // namespace

absl::Status ValidatePrimitive(const Element& element) {
  const Tag tag = element.tag;
  if (!tag.is_universal() || tag.constructed()) return absl::OkStatus();
  const ByteView c = element.contents;
  absl::Status status;
  switch (tag.number()) {
    case 1:  // BOOLEAN
      if (c.size() != 1 || (c[0] != 0x00 && c[0] != 0xFF)) {
        status = MakeError(ErrorCode::kMalformedInput, "asn1", "BOOLEAN must be one octet 00 or FF");
      }
      break;
    case 2:   // INTEGER
    case 10:  // ENUMERATED
      status = ValidateIntegerContents(c);
      break;
    case 3:
      status = ValidateBitStringContents(c);
      break;
    case 5:
      if (!c.empty()) status = MakeError(ErrorCode::kMalformedInput, "asn1", "NULL with contents");
      break;
    case 6:
      status = Oid::FromDer(c).status();
      break;
    case 23:
      status = ParseUtcTime(c).status();
      break;
    case 24:
      status = ParseGeneralizedTime(c).status();
      break;
    default:
      if (IsStringTag(tag)) status = ValidateStringContents(tag, c);
      break;
  }
  if (!status.ok()) return WithOffset(status, element.contents_offset());
  return absl::OkStatus();
}

absl::Status DerTree::ParseChildren(DerReader reader, int32_t parent, uint32_t depth, const DerTreeOptions& options) {
  while (!reader.empty()) {
    auto element = reader.ReadAnyElement();
    if (!element.ok()) return element.status();
    if (options.validate_primitives) {
      absl::Status status = ValidatePrimitive(*element);
      if (!status.ok()) return status;
    }
    const size_t index = nodes_.size();
    DerNode node;
    node.element = *element;
    node.depth = depth;
    node.parent = parent;
    nodes_.push_back(node);
    if (parent >= 0) ++nodes_[static_cast<size_t>(parent)].child_count;
    if (element->tag.constructed()) {
      absl::Status status = ParseChildren(element->reader(), static_cast<int32_t>(index), depth + 1, options);
      if (!status.ok()) return status;
    }
    nodes_[index].subtree_end = static_cast<uint32_t>(nodes_.size());
  }
  return absl::OkStatus();
}

absl::StatusOr<DerTree> DerTree::Parse(ByteView input, const DerTreeOptions& options) {
  DerTree tree;
  tree.input_ = input;
  DerReader reader(input, options.max_depth);
  auto top = reader.ReadAnyElement();
  if (!top.ok()) return top.status();
  absl::Status trailing = reader.ExpectEnd();
  if (!trailing.ok()) return trailing;
  // Re-parse the single top-level element through ParseChildren so that it becomes node 0.
  absl::Status status = tree.ParseChildren(DerReader(top->raw, 0, 0, options.max_depth), -1, 0, options);
  if (!status.ok()) return status;
  return tree;
}

void DerTree::EncodeTo(size_t index, DerWriter& writer) const {
  const DerNode& node = nodes_[index];
  if (!node.element.tag.constructed()) {
    writer.AddPrimitive(node.element.tag, node.element.contents);
    return;
  }
  writer.AddElement(node.element.tag, [&](DerWriter& w) {
    for (size_t child = index + 1; child < node.subtree_end; child = nodes_[child].subtree_end) EncodeTo(child, w);
  });
}

absl::StatusOr<Bytes> DerTree::Encode() const {
  DerWriter writer;
  if (!nodes_.empty()) EncodeTo(0, writer);
  return writer.Finish();
}

}  // namespace jpki::asn1
