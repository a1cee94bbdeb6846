#include "asn1/der_tree.h"

#include <string>

#include "asn1/oid.h"
#include "gtest/gtest.h"
#include "tests/asn1/test_util.h"

namespace jpki::asn1 {
namespace {

using testing::H;

TEST(DerTree, ParsesStructure) {
  Bytes in = H("3010 a003 020102 0609 2a864886f70d01010b 0101ff");  // no: lengths computed below
  // SEQUENCE { [0] { INTEGER 2 }, OID, BOOLEAN } built by hand.
  in = H("3013 a003020102 06092a864886f70d01010b 0101ff");
  auto tree = DerTree::Parse(in);
  ASSERT_TRUE(tree.ok()) << tree.status();
  const auto& nodes = tree->nodes();
  ASSERT_EQ(nodes.size(), 5u);
  EXPECT_EQ(nodes[0].element.tag, kSequence);
  EXPECT_EQ(nodes[0].depth, 0u);
  EXPECT_EQ(nodes[0].child_count, 3u);
  EXPECT_EQ(nodes[0].subtree_end, 5u);
  EXPECT_EQ(nodes[1].element.tag, ContextSpecific(0, true));
  EXPECT_EQ(nodes[1].parent, 0);
  EXPECT_EQ(nodes[1].subtree_end, 3u);
  EXPECT_EQ(nodes[2].element.tag, kInteger);
  EXPECT_EQ(nodes[2].depth, 2u);
  EXPECT_EQ(nodes[2].element.offset, 4u);
  EXPECT_EQ(nodes[3].element.offset, 7u);
  EXPECT_EQ(nodes[4].element.offset, 18u);
  EXPECT_EQ(&tree->root(), &nodes[0]);
  EXPECT_EQ(tree->input().data(), in.data());
  auto again = tree->Encode();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, in);
}

TEST(DerTree, RejectsNonDer) {
  struct {
    const char* hex;
    size_t offset;
  } cases[] = {
      {"3080 020101 0000", 1},  // indefinite length
      {"3004 02020001", 4},     // non-minimal INTEGER
      {"3003 010101", 4},       // bad BOOLEAN
      {"3003 020101 00", 5},    // trailing byte
      {"3081 03 020101", 1},    // non-minimal length
      {"3003 030207", 2},       // BIT STRING element overruns? no: length 2 > remaining 1 at inner offset 3
      {"3004 03020701", 4},     // BIT STRING padding bits
      {"3002 0600", 4},         // empty OID
      {"300f 170d 3135313032303032343032385b", 4},  // UTCTime without Z
      {"3003 130140", 4},                           // PrintableString '@'
      {"3002 0501", 3},                             // NULL overruns
      {"3003 050100", 4},                           // NULL with contents
  };
  for (const auto& c : cases) {
    Bytes in = H(c.hex);
    auto tree = DerTree::Parse(in);
    EXPECT_FALSE(tree.ok()) << c.hex;
    EXPECT_EQ(GetErrorCode(tree.status()), ErrorCode::kMalformedInput) << c.hex;
  }
  EXPECT_MALFORMED_AT(DerTree::Parse(H("3004 02020001")).status(), 4);
  EXPECT_MALFORMED_AT(DerTree::Parse(H("3003 020101 00")).status(), 5);
  EXPECT_MALFORMED_AT(DerTree::Parse(H("3080 020101 0000")).status(), 1);
  EXPECT_MALFORMED(DerTree::Parse(ByteView()).status());
}

TEST(DerTree, DepthLimit) {
  // 65 nested SEQUENCEs; the outermost length (128) takes the long form 81 80.
  Bytes deep = {0x30, 0x00};
  for (int i = 1; i < 65; ++i) {
    Bytes outer = {0x30};
    if (deep.size() >= 0x80) outer.push_back(0x81);
    outer.push_back(static_cast<uint8_t>(deep.size()));
    Append(outer, deep);
    deep = outer;
  }
  EXPECT_EQ(GetErrorCode(DerTree::Parse(deep).status()), ErrorCode::kResourceLimit);
  Bytes ok(deep.begin() + 3, deep.end());  // 64 levels
  EXPECT_TRUE(DerTree::Parse(ok).ok());
  DerTreeOptions shallow;
  shallow.max_depth = 3;
  EXPECT_EQ(GetErrorCode(DerTree::Parse(H("3004 3002 3000"), shallow).status()), ErrorCode::kOk);
  EXPECT_EQ(GetErrorCode(DerTree::Parse(H("3006 3004 3002 3000"), shallow).status()), ErrorCode::kResourceLimit);
}

TEST(DerTree, ValidationCanBeTurnedOff) {
  Bytes in = H("3004 02020001");
  DerTreeOptions lax;
  lax.validate_primitives = false;
  auto tree = DerTree::Parse(in, lax);
  ASSERT_TRUE(tree.ok());
  auto again = tree->Encode();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, in);
}

TEST(DerTree, ValidatePrimitive) {
  Element e;
  e.tag = kEnumerated;
  Bytes bad = H("0000");
  e.contents = bad;
  e.offset = 40;
  e.header_len = 2;
  EXPECT_MALFORMED_AT(ValidatePrimitive(e), 42);
  e.tag = ContextSpecific(2);  // not universal: not checked
  EXPECT_TRUE(ValidatePrimitive(e).ok());
  e.tag = kGeneralizedTime;
  EXPECT_MALFORMED(ValidatePrimitive(e));
  e.tag = kBmpString;
  Bytes odd = H("00");
  e.contents = odd;
  EXPECT_MALFORMED(ValidatePrimitive(e));
}

TEST(DerTree, RealCertificatesRoundTrip) {
  for (const std::string& path : testing::CertificateFiles()) {
    Bytes der = testing::ReadTestFile(path);
    ASSERT_GT(der.size(), 1000u) << path;
    auto tree = DerTree::Parse(der);
    ASSERT_TRUE(tree.ok()) << path << ": " << tree.status();
    EXPECT_GT(tree->nodes().size(), 50u);
    auto again = tree->Encode();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, der) << path;
    // The signature algorithm inside the TBS is sha256WithRSAEncryption.
    bool found = false;
    for (const auto& node : tree->nodes()) {
      if (node.element.tag == kObjectIdentifier) {
        auto oid = Oid::FromDer(node.element.contents);
        ASSERT_TRUE(oid.ok());
        if (oid->Is(KnownOid::kSha256WithRsaEncryption)) found = true;
      }
    }
    EXPECT_TRUE(found) << path;
  }
}

}  // namespace
}  // namespace jpki::asn1
