#ifndef JPKICORE_TESTS_ASN1_DER_MUTATOR_H_
#define JPKICORE_TESTS_ASN1_DER_MUTATOR_H_

// Test helper (testonly): mutates valid DER element by element and checks that a parser either rejects each
// mutation or re-encodes it byte for byte. Any module's tests can use it on their own inputs:
//
//   auto failures = jpki::asn1::testing::CheckMutations(cert_der, [](ByteView in) -> absl::StatusOr<Bytes> {
//     JPKI_ASSIGN_OR_RETURN(auto cert, x509::Certificate::Parse(in));
//     return cert.Encode();
//   });
//   EXPECT_TRUE(failures.empty()) << absl::StrJoin(failures, "\n");
//
// Mutations, for every element of the input's DER tree (the enclosing lengths are fixed up unless noted, so
// the damage is local to the element):
//   kTruncate           the input cut in the middle of the element (lengths not fixed up)       must be rejected
//   kExtendLength       the element's length one larger than its contents                       reject or identical
//   kShrinkLength       the element's length one smaller (when non-zero)                        reject or identical
//   kAddTrailingByte    a 0x00 appended inside the element's contents                           reject or identical
//   kIndefiniteLength   the element in BER indefinite-length form (80 ... 00 00)                must be rejected
//   kNonMinimalLength   the element's length in a longer form than needed (81 xx / 82 00 xx)    must be rejected
// plus one kAddTrailingByte after the whole input (lengths not fixed up), which must be rejected.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace jpki::asn1::testing {

enum class MutationKind {
  kTruncate,
  kExtendLength,
  kShrinkLength,
  kAddTrailingByte,
  kIndefiniteLength,
  kNonMinimalLength,
};

// MutationKindName: "truncate", "extend_length", ...
const char* MutationKindName(MutationKind kind);

struct Mutation {
  MutationKind kind;
  size_t element_offset = 0;  // offset of the mutated element in the original input (input size for "after all")
  bool must_reject = false;   // true when no parser of DER may accept the result
  Bytes data;                 // the whole mutated input
  std::string Describe() const;
};

// MutateDer returns every mutation of `valid_der` (which must parse as asn1::DerTree; otherwise the result is
// empty).
std::vector<Mutation> MutateDer(ByteView valid_der);

// ParseAndEncode parses its input and returns its re-encoding, or an error when it rejects the input.
using ParseAndEncode = std::function<absl::StatusOr<Bytes>(ByteView)>;

// CheckMutations runs `parse` on every mutation of `valid_der` and returns one line per violation: an accepted
// mutation that must be rejected, or an accepted one whose re-encoding differs from the mutated bytes. It also
// checks that `valid_der` itself is accepted and re-encodes identically. Empty means all good.
std::vector<std::string> CheckMutations(ByteView valid_der, const ParseAndEncode& parse);

// DerTreeRoundTrip is a ParseAndEncode over asn1::DerTree (parse, then Encode).
absl::StatusOr<Bytes> DerTreeRoundTrip(ByteView input);

}  // namespace jpki::asn1::testing

#endif  // JPKICORE_TESTS_ASN1_DER_MUTATOR_H_
