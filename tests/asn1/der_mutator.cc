#include "tests/asn1/der_mutator.h"

#include "absl/strings/str_cat.h"
#include "asn1/der_tree.h"
#include "asn1/der_writer.h"

namespace jpki::asn1::testing {
namespace {

// Re-encodes `tree` with node `target` altered as `kind` says; ancestors get correct (minimal) lengths over the
// altered bytes.
Bytes Encode(const DerTree& tree, size_t index, size_t target, MutationKind kind) {
  const DerNode& node = tree.nodes()[index];
  Bytes contents;
  if (node.element.tag.constructed()) {
    for (size_t child = index + 1; child < node.subtree_end; child = tree.nodes()[child].subtree_end) {
      Append(contents, Encode(tree, child, target, kind));
    }
  } else {
    contents = ToBytes(node.element.contents);
  }
  Bytes out;
  EncodeTag(node.element.tag, out);
  if (index != target) {
    EncodeLength(contents.size(), out);
    Append(out, contents);
    return out;
  }
  switch (kind) {
    case MutationKind::kExtendLength:
      EncodeLength(contents.size() + 1, out);
      Append(out, contents);
      break;
    case MutationKind::kShrinkLength:
      EncodeLength(contents.size() - 1, out);
      Append(out, contents);
      break;
    case MutationKind::kAddTrailingByte:
      contents.push_back(0x00);
      EncodeLength(contents.size(), out);
      Append(out, contents);
      break;
    case MutationKind::kIndefiniteLength:
      out.push_back(0x80);
      Append(out, contents);
      out.push_back(0x00);
      out.push_back(0x00);
      break;
    case MutationKind::kNonMinimalLength: {
      const size_t n = contents.size();
      if (n < 0x80) {
        out.push_back(0x81);
        out.push_back(static_cast<uint8_t>(n));
      } else {
        Bytes minimal;
        EncodeLength(n, minimal);  // 0x80|k followed by k octets
        out.push_back(static_cast<uint8_t>(minimal[0] + 1));
        out.push_back(0x00);
        out.insert(out.end(), minimal.begin() + 1, minimal.end());
      }
      Append(out, contents);
      break;
    }
    case MutationKind::kTruncate:
      break;  // handled by the caller
  }
  return out;
}

}  // namespace

const char* MutationKindName(MutationKind kind) {
  switch (kind) {
    case MutationKind::kTruncate:
      return "truncate";
    case MutationKind::kExtendLength:
      return "extend_length";
    case MutationKind::kShrinkLength:
      return "shrink_length";
    case MutationKind::kAddTrailingByte:
      return "add_trailing_byte";
    case MutationKind::kIndefiniteLength:
      return "indefinite_length";
    case MutationKind::kNonMinimalLength:
      return "non_minimal_length";
  }
  return "?";
}

std::string Mutation::Describe() const {
  return absl::StrCat(MutationKindName(kind), " of the element at offset ", element_offset);
}

std::vector<Mutation> MutateDer(ByteView valid_der) {
  std::vector<Mutation> out;
  auto tree = DerTree::Parse(valid_der);
  if (!tree.ok()) return out;
  for (size_t i = 0; i < tree->nodes().size(); ++i) {
    const Element& e = tree->nodes()[i].element;
    {
      Mutation m{MutationKind::kTruncate, e.offset, true, {}};
      const size_t cut = e.offset + e.header_len + e.contents.size() / 2;
      m.data.assign(valid_der.begin(), valid_der.begin() + static_cast<std::ptrdiff_t>(cut));
      out.push_back(std::move(m));
    }
    out.push_back({MutationKind::kExtendLength, e.offset, false, Encode(*tree, 0, i, MutationKind::kExtendLength)});
    if (!e.contents.empty()) {
      out.push_back({MutationKind::kShrinkLength, e.offset, false, Encode(*tree, 0, i, MutationKind::kShrinkLength)});
    }
    out.push_back(
        {MutationKind::kAddTrailingByte, e.offset, false, Encode(*tree, 0, i, MutationKind::kAddTrailingByte)});
    if (e.tag.constructed()) {
      out.push_back(
          {MutationKind::kIndefiniteLength, e.offset, true, Encode(*tree, 0, i, MutationKind::kIndefiniteLength)});
    }
    out.push_back(
        {MutationKind::kNonMinimalLength, e.offset, true, Encode(*tree, 0, i, MutationKind::kNonMinimalLength)});
  }
  Mutation trailing{MutationKind::kAddTrailingByte, valid_der.size(), true, ToBytes(valid_der)};
  trailing.data.push_back(0x00);
  out.push_back(std::move(trailing));
  return out;
}

std::vector<std::string> CheckMutations(ByteView valid_der, const ParseAndEncode& parse) {
  std::vector<std::string> failures;
  auto original = parse(valid_der);
  if (!original.ok()) {
    failures.push_back(absl::StrCat("the valid input is rejected: ", original.status().ToString()));
  } else if (!Equal(*original, valid_der)) {
    failures.push_back("the valid input does not re-encode identically");
  }
  for (const Mutation& m : MutateDer(valid_der)) {
    auto result = parse(m.data);
    if (!result.ok()) continue;
    if (m.must_reject) {
      failures.push_back(absl::StrCat(m.Describe(), ": accepted, must be rejected"));
    } else if (!Equal(*result, m.data)) {
      failures.push_back(absl::StrCat(m.Describe(), ": accepted but re-encodes differently"));
    }
  }
  return failures;
}

absl::StatusOr<Bytes> DerTreeRoundTrip(ByteView input) {
  auto tree = DerTree::Parse(input);
  if (!tree.ok()) return tree.status();
  return tree->Encode();
}

}  // namespace jpki::asn1::testing
