// BER-TLV: whatever the strict parser accepts is minimal, so rebuilding it with the builder must give the input back
// byte for byte. The lenient options must never crash and every view must lie inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "apdu/ber_tlv.h"

namespace {

using jpki::apdu::BerTlvBuilder;
using jpki::apdu::TlvNode;

void Rebuild(const std::vector<TlvNode>& nodes, BerTlvBuilder& builder) {
  for (const TlvNode& node : nodes) {
    if (node.constructed) {
      builder.Open(node.tag);
      Rebuild(node.children, builder);
      builder.Close();
    } else {
      builder.Add(node.tag, node.value);
    }
  }
}

void CheckInside(const std::vector<TlvNode>& nodes, const uint8_t* begin, size_t size) {
  for (const TlvNode& node : nodes) {
    if (node.offset >= size) std::abort();
    if (node.value.data() < begin || node.value.data() + node.value.size() > begin + size) std::abort();
    CheckInside(node.children, begin, size);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jpki::apdu;
  const jpki::ByteView input(data, size);
  auto tree = ParseBerTlvTree(input);
  if (tree.ok()) {
    CheckInside(*tree, data, size);
    BerTlvBuilder builder;
    Rebuild(*tree, builder);
    auto rebuilt = builder.Finish();
    if (!rebuilt.ok() || !jpki::Equal(*rebuilt, input)) std::abort();
  }
  // Non-minimal lengths are a pure leniency: it only ever accepts more, with the same objects.
  BerTlvOptions nonminimal;
  nonminimal.allow_non_minimal_length = true;
  auto nonminimal_tree = ParseBerTlvTree(input, nonminimal);
  if (tree.ok() && (!nonminimal_tree.ok() || nonminimal_tree->size() != tree->size())) std::abort();
  if (nonminimal_tree.ok()) CheckInside(*nonminimal_tree, data, size);
  // Padding changes meaning (a leading FF is padding, not a private-class tag), so it is only checked for bounds.
  BerTlvOptions lax;
  lax.allow_padding = true;
  lax.allow_non_minimal_length = true;
  auto lax_tree = ParseBerTlvTree(input, lax);
  if (lax_tree.ok()) CheckInside(*lax_tree, data, size);
  auto header = ParseBerTlvHeader(input);
  if (tree.ok() && !tree->empty() && (!header.ok() || header->tag != (*tree)[0].tag)) std::abort();
  BerTlvReader reader(input, lax);
  while (!reader.AtEnd()) {
    auto tlv = reader.Next();
    if (!tlv.ok()) break;
    if (tlv->encoded.size() != tlv->header_size + tlv->value.size()) std::abort();
  }
  return 0;
}
