// DER tree walk: parse any input leniently (structure only), then run every typed DerReader method on every node.
// Nothing may crash; a failed read must leave the reader where it was; a successful one must consume exactly one
// element; and each typed reader must agree with asn1::ValidatePrimitive about which contents are valid.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "asn1/der_reader.h"
#include "asn1/der_tree.h"
#include "asn1/oid.h"
#include "asn1/time.h"
#include "base/bytes.h"

namespace {

using jpki::ByteView;
using namespace jpki::asn1;  // NOLINT: fuzzer brevity

void Check(bool condition) {
  if (!condition) std::abort();
}

// Runs `read` on a fresh reader over the element and checks the advance-only-on-success contract; returns ok().
template <typename Read>
bool Try(const Element& element, Read read) {
  DerReader reader(element.raw, element.offset, element.depth - 1);
  const auto result = read(reader);
  if (result.ok()) {
    Check(reader.empty() && reader.offset() == element.offset + element.raw.size());
  } else {
    Check(reader.offset() == element.offset && reader.size() == element.raw.size());
    Check(!std::string(result.message()).empty());
  }
  return result.ok();
}

template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& s) {
  return s.status();
}

void WalkTyped(const Element& e) {
  const Tag tag = e.tag;
  const Tag prim = tag.constructed() ? Tag() : tag;  // the IMPLICIT tag to try (primitive only)

  Try(e, [&](DerReader& r) { return StatusOf(r.ReadAnyElement()); });
  {
    DerReader peek(e.raw, e.offset, e.depth - 1);
    auto tag_seen = peek.PeekTag();
    Check(tag_seen.ok() && *tag_seen == e.tag && peek.offset() == e.offset && peek.NextIs(e.tag));
  }
  Try(e, [&](DerReader& r) { return r.SkipAnyElement(); });
  if (tag.constructed()) {
    Check(Try(e, [&](DerReader& r) { return StatusOf(r.ReadElement(tag)); }));
    Check(Try(e, [&](DerReader& r) { return StatusOf(r.ReadRawElement(tag)); }));
    Try(e, [&](DerReader& r) {
      auto opt = r.ReadOptionalElement(tag);
      if (opt.ok()) Check(opt->has_value());
      return StatusOf(opt);
    });
    return;
  }
  // Each primitive reader with the element's own tag (IMPLICIT) must agree with the universal validator applied to
  // the same contents.
  auto as = [&](Tag universal) {
    Element copy = e;
    copy.tag = universal;
    return ValidatePrimitive(copy).ok();
  };
  const bool boolean_ok = Try(e, [&](DerReader& r) { return StatusOf(r.ReadBoolean(prim)); });
  Check(boolean_ok == as(kBoolean));
  const bool integer_ok = Try(e, [&](DerReader& r) { return StatusOf(r.ReadInteger(prim)); });
  Check(integer_ok == as(kInteger));
  if (Try(e, [&](DerReader& r) { return StatusOf(r.ReadUint64(prim)); })) Check(integer_ok);
  if (Try(e, [&](DerReader& r) { return StatusOf(r.ReadInt64(prim)); })) Check(integer_ok);
  if (Try(e, [&](DerReader& r) { return StatusOf(r.ReadPositiveIntegerBytes(prim)); })) Check(integer_ok);
  if (Try(e, [&](DerReader& r) { return StatusOf(r.ReadNonNegativeIntegerBytes(prim)); })) Check(integer_ok);
  Check(Try(e, [&](DerReader& r) { return r.ReadNull(prim); }) == as(kNull));
  Check(Try(e, [&](DerReader& r) {
          auto oid = r.ReadOid(prim);
          if (oid.ok()) {
            const std::string dotted = oid->ToDotted();
            auto again = Oid::FromDotted(dotted);
            Check(again.ok() && *again == *oid);
            (void)oid->Name();
          }
          return StatusOf(oid);
        }) == as(kObjectIdentifier));
  Check(Try(e, [&](DerReader& r) {
          auto bits = r.ReadBitString(prim);
          if (bits.ok()) {
            for (size_t i = 0; i < bits->bit_count() + 9; ++i) (void)bits->Bit(i);
          }
          return StatusOf(bits);
        }) == as(kBitString));
  Check(Try(e, [&](DerReader& r) { return StatusOf(r.ReadOctetString(prim)); }));
  Check(Try(e, [&](DerReader& r) { return StatusOf(r.ReadUtcTime(prim)); }) == as(kUtcTime));
  Check(Try(e, [&](DerReader& r) { return StatusOf(r.ReadGeneralizedTime(prim)); }) == as(kGeneralizedTime));
  Try(e, [&](DerReader& r) {
    auto t = r.ReadTime();
    if (t.ok()) (void)FormatRfc3339(*t);
    return StatusOf(t);
  });
  for (Tag type : {kPrintableString, kIa5String, kUtf8String, kVisibleString, kNumericString, kTeletexString}) {
    Check(Try(e, [&](DerReader& r) { return StatusOf(r.ReadString(prim, type)); }) == as(type));
  }
  Check(Try(e, [&](DerReader& r) { return StatusOf(r.ReadBmpString(prim)); }) == as(kBmpString));
  Try(e, [&](DerReader& r) {
    auto s = r.ReadAnyString();
    if (s.ok()) (void)s->Utf8();
    return StatusOf(s);
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ByteView input(data, size);
  DerTreeOptions lenient;
  lenient.validate_primitives = false;
  auto tree = DerTree::Parse(input, lenient);
  if (tree.ok()) {
    for (const DerNode& node : tree->nodes()) WalkTyped(node.element);
    // The strict tree accepts a subset of the lenient one.
    auto strict = DerTree::Parse(input);
    if (strict.ok()) Check(strict->nodes().size() == tree->nodes().size());
    return 0;
  }
  Check(!DerTree::Parse(input).ok());
  // Not a single well-formed element: walk whatever prefix a reader accepts.
  DerReader reader(input);
  while (!reader.empty()) {
    auto element = reader.ReadAnyElement();
    if (!element.ok()) break;
    WalkTyped(*element);
  }
  return 0;
}
