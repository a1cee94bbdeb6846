#include "asn1/der_writer.h"

#include <string>
#include <vector>

#include "asn1/der_reader.h"
#include "asn1/time.h"
#include "gtest/gtest.h"
#include "tests/asn1/test_util.h"

namespace jpki::asn1 {
namespace {

using testing::H;

std::string Hex(DerWriter& w) {
  auto out = w.Finish();
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? HexEncode(*out) : "";
}

TEST(DerWriter, AlgorithmIdentifier) {
  DerWriter w;
  w.AddSequence([](DerWriter& seq) {
    seq.AddOid(Oid::Known(KnownOid::kSha256WithRsaEncryption));
    seq.AddNull();
  });
  EXPECT_EQ(Hex(w), "300d06092a864886f70d01010b0500");
}

TEST(DerWriter, DeferredLongFormLengths) {
  for (size_t n : {0u, 1u, 127u, 128u, 255u, 256u, 65535u, 65536u, 70000u}) {
    Bytes payload(n, 0xAB);
    DerWriter w;
    w.AddSequence([&](DerWriter& seq) {
      seq.AddElement(ContextSpecific(0, true), [&](DerWriter& c) { c.AddOctetString(payload); });
    });
    auto out = w.Finish();
    ASSERT_TRUE(out.ok());
    DerReader r(*out);
    auto seq = r.ReadSequence();
    ASSERT_TRUE(seq.ok()) << n;
    auto explicit0 = seq->ReadElement(ContextSpecific(0, true));
    ASSERT_TRUE(explicit0.ok());
    auto os = explicit0->ReadOctetString();
    ASSERT_TRUE(os.ok());
    EXPECT_TRUE(Equal(*os, payload));
    EXPECT_TRUE(r.ExpectEnd().ok());
  }
}

TEST(DerWriter, Integers) {
  struct {
    int64_t v;
    const char* hex;
  } signed_cases[] = {{0, "020100"},
                      {1, "020101"},
                      {127, "02017f"},
                      {128, "02020080"},
                      {-1, "0201ff"},
                      {-128, "020180"},
                      {-129, "0202ff7f"},
                      {256, "02020100"},
                      {INT64_MIN, "02088000000000000000"},
                      {INT64_MAX, "02087fffffffffffffff"}};
  for (const auto& c : signed_cases) {
    DerWriter w;
    w.AddInt64(c.v);
    EXPECT_EQ(Hex(w), c.hex) << c.v;
  }
  struct {
    uint64_t v;
    const char* hex;
  } unsigned_cases[] = {
      {0, "020100"}, {255, "020200ff"}, {65537, "0203010001"}, {~uint64_t{0}, "020900ffffffffffffffff"}};
  for (const auto& c : unsigned_cases) {
    DerWriter w;
    w.AddUint64(c.v);
    EXPECT_EQ(Hex(w), c.hex) << c.v;
  }
}

TEST(DerWriter, PositiveIntegerFromMagnitude) {
  struct {
    const char* magnitude;
    const char* hex;
  } cases[] = {{"", "020100"}, {"0000", "020100"}, {"80", "02020080"}, {"00007f", "02017f"}, {"ffee", "020300ffee"}};
  for (const auto& c : cases) {
    DerWriter w;
    w.AddPositiveInteger(H(c.magnitude));
    EXPECT_EQ(Hex(w), c.hex) << c.magnitude;
  }
  DerWriter implicit;
  implicit.AddPositiveInteger(H("01"), ContextSpecific(2));
  EXPECT_EQ(Hex(implicit), "820101");
}

TEST(DerWriter, IntegerBytesMustBeMinimal) {
  DerWriter ok;
  ok.AddInteger(H("ff7f"));
  EXPECT_EQ(Hex(ok), "0202ff7f");
  DerWriter bad;
  bad.AddInteger(H("0001"));
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(GetErrorCode(bad.Finish().status()), ErrorCode::kInvalidArgument);
  DerWriter empty;
  empty.AddInteger(ByteView());
  EXPECT_FALSE(empty.Finish().ok());
}

TEST(DerWriter, ScalarsAndStrings) {
  DerWriter w;
  w.AddBoolean(true).AddBoolean(false).AddNull().AddOctetString(H("0102")).AddEnumerated(3);
  w.AddString(kPrintableString, "JP").AddString(kUtf8String, "\xe5\x85\xac").AddString(kIa5String, "a@b");
  w.AddString(kBmpString, "A\xe5\x85\xac");
  w.AddString(kIa5String, "x", ContextSpecific(1));
  EXPECT_EQ(Hex(w),
            "0101ff010100050004020102"
            "0a0103"
            "13024a50"
            "0c03e585ac"
            "1603614062"
            "1e040041516c"
            "810178");
}

TEST(DerWriter, StringErrors) {
  for (auto [tag, text] : std::vector<std::pair<Tag, std::string>>{{kPrintableString, "a@b"},
                                                                   {kIa5String, "\xc3\xa9"},
                                                                   {kUtf8String, "\xc0\x80"},
                                                                   {kNumericString, "12a"},
                                                                   {kBmpString, "\xf0\x9f\x98\x80"},
                                                                   {kBmpString, "\xff"},
                                                                   {kOctetString, "x"}}) {
    DerWriter w;
    w.AddString(tag, text);
    EXPECT_FALSE(w.Finish().ok()) << tag.Name();
  }
}

TEST(DerWriter, BitStrings) {
  DerWriter w;
  w.AddBitString(H("abcd")).AddBitString(ByteView()).AddBitString(H("a0"), 5);
  EXPECT_EQ(Hex(w),
            "030300abcd"
            "030100"
            "030205a0");
  DerWriter bad_padding;
  bad_padding.AddBitString(H("a1"), 5);
  EXPECT_FALSE(bad_padding.Finish().ok());
  DerWriter bad_count;
  bad_count.AddBitString(H("00"), 8);
  EXPECT_FALSE(bad_count.Finish().ok());
  DerWriter bad_empty;
  bad_empty.AddBitString(ByteView(), 1);
  EXPECT_FALSE(bad_empty.Finish().ok());
}

TEST(DerWriter, NamedBitsAreMinimal) {
  struct {
    std::vector<size_t> bits;
    const char* hex;
  } cases[] = {
      {{0, 1}, "030206c0"},  // digitalSignature + nonRepudiation (JPKI signing certificate)
      {{5, 6}, "03020106"},  // keyCertSign + cRLSign
      {{0}, "03020780"},     // digitalSignature
      {{8}, "0303070080"},   // decipherOnly
      {{}, "030100"},        // no bits
      {{7}, "03020001"},
  };
  for (const auto& c : cases) {
    DerWriter w;
    w.AddNamedBits(c.bits);
    EXPECT_EQ(Hex(w), c.hex);
  }
  DerWriter too_big;
  too_big.AddNamedBits(std::vector<size_t>{256});
  EXPECT_FALSE(too_big.Finish().ok());
}

TEST(DerWriter, Times) {
  DerWriter w;
  w.AddTime(1445308828).AddTime(2524608000).AddUtcTime(0).AddGeneralizedTime(0);
  EXPECT_EQ(Hex(w),
            "170d3135313032303032343032385a"
            "180f32303530303130313030303030305a"
            "170d3730303130313030303030305a"
            "180f31393730303130313030303030305a");
  DerWriter bad;
  bad.AddUtcTime(2524608000);
  EXPECT_FALSE(bad.Finish().ok());
  DerWriter bad_g;
  bad_g.AddGeneralizedTime(kGeneralizedTimeMax + 1);
  EXPECT_FALSE(bad_g.Finish().ok());
}

TEST(DerWriter, HighTagsAndExplicit) {
  DerWriter w;
  w.AddExplicit(31, [](DerWriter& c) { c.AddNull(); });
  w.AddPrimitive(Tag::Application(200), H("01"));
  EXPECT_EQ(Hex(w),
            "bf1f020500"
            "5f814801"
            "01");
}

TEST(DerWriter, SetOfIsSorted) {
  DerWriter w;
  w.AddSetOf([](DerWriter& set) {
    set.AddString(kUtf8String, "b");
    set.AddInt64(300);
    set.AddString(kUtf8String, "a");
    set.AddBoolean(true);
  });
  EXPECT_EQ(Hex(w),
            "310d"
            "0101ff"
            "0202012c"
            "0c0161"
            "0c0162");
  // An implicitly tagged SET OF.
  DerWriter implicit;
  implicit.AddSetOf([](DerWriter& set) { set.AddInt64(2).AddInt64(1); }, ContextSpecific(0, true));
  EXPECT_EQ(Hex(implicit), "a006020101020102");
}

TEST(DerWriter, SetKeepsCallerOrder) {
  DerWriter w;
  w.AddSet([](DerWriter& set) { set.AddInt64(2).AddInt64(1); });
  EXPECT_EQ(Hex(w), "3106020102020101");
}

TEST(DerWriter, RawAndErrors) {
  DerWriter w;
  w.AddSequence([](DerWriter& seq) { seq.AddRaw(H("0500 020101")); });
  EXPECT_EQ(Hex(w), "30050500020101");
  DerWriter bad;
  bad.AddRaw(H("3080 0000"));
  EXPECT_FALSE(bad.Finish().ok());
  DerWriter truncated;
  truncated.AddRaw(H("0405 00"));
  EXPECT_FALSE(truncated.Finish().ok());
  DerWriter empty_oid;
  empty_oid.AddOid(Oid());
  EXPECT_FALSE(empty_oid.Finish().ok());
  // The first error sticks; Finish resets the writer.
  DerWriter w2;
  w2.AddInteger(ByteView()).AddNull();
  EXPECT_FALSE(w2.ok());
  EXPECT_FALSE(w2.Finish().ok());
  w2.AddNull();
  EXPECT_EQ(Hex(w2), "0500");
  EXPECT_EQ(w2.size(), 0u);
}

TEST(DerWriter, FinishInsideElementFails) {
  DerWriter w;
  absl::Status inner;
  w.AddSequence([&](DerWriter& seq) { inner = seq.Finish().status(); });
  EXPECT_FALSE(inner.ok());
  EXPECT_TRUE(w.Finish().ok());
}

TEST(SetOf, CompareAndCheck) {
  EXPECT_LT(CompareSetOfElements(H("0101"), H("0102")), 0);
  EXPECT_GT(CompareSetOfElements(H("0201"), H("0102")), 0);
  EXPECT_EQ(CompareSetOfElements(H("01"), H("0100")), 0);  // zero padding makes them equal
  EXPECT_LT(CompareSetOfElements(H("01"), H("0101")), 0);
  EXPECT_GT(CompareSetOfElements(H("0101"), H("01")), 0);
  EXPECT_EQ(CompareSetOfElements(ByteView(), ByteView()), 0);
  Bytes a = H("0c0162"), b = H("0c0161"), c = H("020101");
  std::vector<ByteView> items = {a, b, c};
  SortDerSetOf(items);
  EXPECT_EQ(HexEncode(items[0]), "020101");
  EXPECT_EQ(HexEncode(items[1]), "0c0161");
  EXPECT_EQ(HexEncode(items[2]), "0c0162");
  EXPECT_TRUE(CheckDerSetOfOrder(H("020101 0c0161 0c0161")).ok());
  EXPECT_MALFORMED_AT(CheckDerSetOfOrder(H("0c0162 0c0161"), 10), 13);
  EXPECT_MALFORMED(CheckDerSetOfOrder(H("0c05")));
}

TEST(Encoding, TagAndLength) {
  Bytes out;
  EncodeTag(ContextSpecific(0x3fff, true), out);
  EXPECT_EQ(HexEncode(out), "bfff7f");
  out.clear();
  EncodeLength(0x01000000, out);
  EXPECT_EQ(HexEncode(out), "8401000000");
}

}  // namespace
}  // namespace jpki::asn1
