#include "tests/asn1/der_mutator.h"

#include <string>

#include "absl/strings/str_join.h"
#include "asn1/der_reader.h"
#include "asn1/der_tree.h"
#include "gtest/gtest.h"
#include "tests/asn1/test_util.h"

namespace jpki::asn1::testing {
namespace {

TEST(DerMutator, ProducesEveryKindPerElement) {
  Bytes in = H("3005 a003 020105");
  auto mutations = MutateDer(in);
  // 3 elements: truncate, extend, shrink, add-byte, non-minimal each; indefinite for the 2 constructed; + trailing.
  EXPECT_EQ(mutations.size(), 3u * 5 + 2 + 1);
  bool saw_indefinite = false;
  for (const auto& m : mutations) {
    EXPECT_NE(m.data, in) << m.Describe();
    if (m.kind == MutationKind::kIndefiniteLength && m.element_offset == 2) {
      EXPECT_EQ(HexEncode(m.data),
                "3007a080020105"
                "0000");
      saw_indefinite = true;
    }
    if (m.kind == MutationKind::kNonMinimalLength && m.element_offset == 4) {
      EXPECT_EQ(HexEncode(m.data), "3006a00402810105");
    }
  }
  EXPECT_TRUE(saw_indefinite);
  EXPECT_TRUE(MutateDer(H("3080 0000")).empty());  // not DER: nothing to mutate
  EXPECT_STREQ(MutationKindName(MutationKind::kTruncate), "truncate");
}

TEST(DerMutator, LongFormNonMinimal) {
  Bytes payload(200, 0x41);
  Bytes in = {0x04, 0x81, 200};
  Append(in, payload);
  for (const auto& m : MutateDer(in)) {
    if (m.kind == MutationKind::kNonMinimalLength) {
      EXPECT_EQ(HexEncode(ByteView(m.data).subspan(0, 4)), "048200c8");
    }
  }
}

TEST(DerMutator, DetectsALenientParser) {
  // A "parser" that accepts anything and echoes it must be caught on the must-reject mutations.
  Bytes in = H("3003 020101");
  auto failures = CheckMutations(in, [](ByteView data) -> absl::StatusOr<Bytes> { return ToBytes(data); });
  EXPECT_FALSE(failures.empty());
  // A parser that normalises (re-encodes differently) is caught too.
  auto failures2 = CheckMutations(in, [](ByteView) -> absl::StatusOr<Bytes> { return H("3003020101"); });
  EXPECT_FALSE(failures2.empty());
}

TEST(DerMutator, DerTreeSurvivesEveryMutationOfRealCertificates) {
  for (const std::string& path : CertificateFiles()) {
    Bytes der = ReadTestFile(path);
    const auto mutations = MutateDer(der);
    EXPECT_GT(mutations.size(), 300u) << path;
    auto failures = CheckMutations(der, DerTreeRoundTrip);
    EXPECT_TRUE(failures.empty()) << path << ":\n" << absl::StrJoin(failures, "\n");
  }
}

TEST(DerMutator, TypedReaderRejectsOrRoundTrips) {
  // A strict typed parser for the outer Certificate shape: SEQUENCE { tbs SEQUENCE, AlgorithmIdentifier,
  // BIT STRING }, re-encoded from the three raw pieces.
  auto parse = [](ByteView in) -> absl::StatusOr<Bytes> {
    DerReader r(in);
    auto cert = r.ReadSequence();
    if (!cert.ok()) return cert.status();
    if (auto s = r.ExpectEnd(); !s.ok()) return s;
    auto tbs = cert->ReadRawElement(kSequence);
    if (!tbs.ok()) return tbs.status();
    auto alg = cert->ReadRawElement(kSequence);
    if (!alg.ok()) return alg.status();
    auto sig = cert->ReadBitString();
    if (!sig.ok()) return sig.status();
    if (auto s = cert->ExpectEnd(); !s.ok()) return s;
    // Validate the whole thing as DER as well.
    auto tree = DerTree::Parse(in);
    if (!tree.ok()) return tree.status();
    DerWriter w;
    w.AddSequence([&](DerWriter& seq) { seq.AddRaw(*tbs).AddRaw(*alg).AddBitString(sig->bytes, sig->unused_bits); });
    return w.Finish();
  };
  for (const std::string& path : CertificateFiles()) {
    Bytes der = ReadTestFile(path);
    auto failures = CheckMutations(der, parse);
    EXPECT_TRUE(failures.empty()) << path << ":\n" << absl::StrJoin(failures, "\n");
  }
}

}  // namespace
}  // namespace jpki::asn1::testing
