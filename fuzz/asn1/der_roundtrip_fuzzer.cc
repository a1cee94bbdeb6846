// DER round trip: whatever asn1::DerTree accepts must re-encode to exactly the input bytes (DER is canonical, so a
// strict parser plus a correct encoder is the identity on accepted inputs). Also: the top-level DerReader must
// agree with the tree about acceptance of the outer header.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "asn1/der_reader.h"
#include "asn1/der_tree.h"
#include "base/bytes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const jpki::ByteView input(data, size);
  auto tree = jpki::asn1::DerTree::Parse(input);
  if (!tree.ok()) return 0;
  auto encoded = tree->Encode();
  if (!encoded.ok() || !jpki::Equal(*encoded, input)) std::abort();
  // The tree's root must be what a plain reader sees, and nothing may follow it.
  jpki::asn1::DerReader reader(input);
  auto element = reader.ReadAnyElement();
  if (!element.ok() || !reader.empty() || element->raw.size() != size || element->tag != tree->root().element.tag) {
    std::abort();
  }
  return 0;
}
