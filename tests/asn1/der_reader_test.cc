#include "asn1/der_reader.h"

#include <string>

#include "asn1/time.h"
#include "gtest/gtest.h"
#include "tests/asn1/test_util.h"

namespace jpki::asn1 {
namespace {

using testing::H;

// ---- Headers: tag and length rules (DecodeHeader). ---------------------------------------------------------

TEST(DecodeHeader, ShortAndLongForms) {
  Bytes in = H("0403 aabbcc");
  auto h = DecodeHeader(in, 0);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->tag, kOctetString);
  EXPECT_EQ(h->header_len, 2u);
  EXPECT_EQ(h->contents_len, 3u);

  Bytes long_form(3 + 200, 0);
  long_form[0] = 0x04;
  long_form[1] = 0x81;
  long_form[2] = 200;
  h = DecodeHeader(long_form, 0);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->header_len, 3u);
  EXPECT_EQ(h->contents_len, 200u);

  Bytes two(4 + 300, 0);
  two[0] = 0x04;
  two[1] = 0x82;
  two[2] = 0x01;
  two[3] = 0x2c;
  h = DecodeHeader(two, 0);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->contents_len, 300u);
}

TEST(DecodeHeader, RejectsIndefiniteLength) {
  EXPECT_MALFORMED_AT(DecodeHeader(H("3080 0500 0000"), 0).status(), 1);
  Bytes in = H("3080 0000");
  DerReader r(in);
  auto s = r.ReadAnyElement();
  EXPECT_MALFORMED_AT(s.status(), 1);
  EXPECT_NE(testing::ErrorText(s.status()).find("indefinite"), std::string::npos);
  EXPECT_EQ(r.offset(), 0u);  // not advanced
}

TEST(DecodeHeader, RejectsLongFormBelow128) {
  Bytes in = H("0481 05 0102030405");
  auto s = DecodeHeader(in, 10).status();
  EXPECT_MALFORMED_AT(s, 11);
  EXPECT_NE(testing::ErrorText(s).find("non-minimal length"), std::string::npos);
  Bytes in2(2 + 0x7f + 1, 0);
  in2[0] = 0x04;
  in2[1] = 0x81;
  in2[2] = 0x7f;
  EXPECT_MALFORMED(DecodeHeader(in2, 0).status());
}

TEST(DecodeHeader, RejectsLeadingZeroLengthOctets) {
  Bytes in(4 + 200, 0);
  in[0] = 0x04;
  in[1] = 0x82;
  in[2] = 0x00;
  in[3] = 200;
  auto s = DecodeHeader(in, 0).status();
  EXPECT_MALFORMED_AT(s, 1);
  EXPECT_NE(testing::ErrorText(s).find("leading zero"), std::string::npos);
}

TEST(DecodeHeader, RejectsMoreThanFourLengthOctets) {
  EXPECT_MALFORMED_AT(DecodeHeader(H("0485 0100000000"), 0).status(), 1);
  EXPECT_MALFORMED_AT(DecodeHeader(H("04ff"), 0).status(), 1);
}

TEST(DecodeHeader, RejectsLengthPastInput) {
  EXPECT_MALFORMED_AT(DecodeHeader(H("0405 0102"), 0).status(), 1);
  EXPECT_MALFORMED_AT(DecodeHeader(H("0484 7fffffff 00"), 0).status(), 1);
  EXPECT_MALFORMED(DecodeHeader(H("0482 01"), 0).status());  // truncated length octets
  EXPECT_MALFORMED(DecodeHeader(H("04"), 0).status());       // no length at all
  EXPECT_MALFORMED(DecodeHeader(ByteView(), 0).status());    // nothing
}

TEST(DecodeHeader, HighTagNumbers) {
  auto h = DecodeHeader(H("9f1f 00"), 0);  // [31] primitive
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->tag, Tag::ContextSpecific(31));
  EXPECT_EQ(h->header_len, 3u);
  h = DecodeHeader(H("bf8100 00"), 0);  // [128] constructed
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->tag, Tag::ContextSpecific(128, true));
  h = DecodeHeader(H("5f 8101 00"), 0);  // [APPLICATION 129]
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->tag, Tag::Application(129));
}

TEST(DecodeHeader, RejectsNonMinimalHighTag) {
  auto s = DecodeHeader(H("9f801f 00"), 0).status();  // leading 0x80
  EXPECT_MALFORMED_AT(s, 1);
  s = DecodeHeader(H("9f05 00"), 0).status();  // high-tag form for 5
  EXPECT_MALFORMED_AT(s, 0);
  EXPECT_NE(testing::ErrorText(s).find("below 31"), std::string::npos);
  EXPECT_MALFORMED(DecodeHeader(H("9f81"), 0).status());  // truncated
  EXPECT_MALFORMED(DecodeHeader(H("9f"), 0).status());
  s = DecodeHeader(H("9fffffffff7f 00"), 0).status();  // too large
  EXPECT_EQ(GetErrorCode(s), ErrorCode::kResourceLimit);
}

TEST(DecodeHeader, RejectsEndOfContentsAndWrongConstruction) {
  EXPECT_MALFORMED(DecodeHeader(H("0000"), 0).status());
  EXPECT_MALFORMED(DecodeHeader(H("2403 040100"), 0).status());  // constructed OCTET STRING
  EXPECT_MALFORMED(DecodeHeader(H("2300"), 0).status());         // constructed BIT STRING
  EXPECT_MALFORMED(DecodeHeader(H("2c00"), 0).status());         // constructed UTF8String
  EXPECT_MALFORMED(DecodeHeader(H("3300"), 0).status());         // constructed PrintableString
  EXPECT_MALFORMED(DecodeHeader(H("3e00"), 0).status());         // constructed BMPString
  EXPECT_MALFORMED(DecodeHeader(H("2200"), 0).status());         // constructed INTEGER
  EXPECT_MALFORMED(DecodeHeader(H("1000"), 0).status());         // primitive SEQUENCE
  EXPECT_MALFORMED(DecodeHeader(H("1100"), 0).status());         // primitive SET
  EXPECT_TRUE(DecodeHeader(H("a000"), 0).ok());                  // [0] constructed is fine
  EXPECT_TRUE(DecodeHeader(H("8000"), 0).ok());                  // [0] primitive is fine
}

// ---- Generic element reads. ----------------------------------------------------------------------------------

TEST(DerReader, ReadElementTracksOffsetsAndDepth) {
  Bytes in = H("3008 0201 05 3003 0101ff");
  DerReader r(in);
  EXPECT_EQ(r.depth(), 0u);
  auto seq = r.ReadElement(kSequence);
  ASSERT_TRUE(seq.ok());
  EXPECT_TRUE(r.empty());
  EXPECT_EQ(r.offset(), 10u);
  EXPECT_EQ(seq->offset(), 2u);
  EXPECT_EQ(seq->depth(), 1u);
  auto v = seq->ReadUint64();
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 5u);
  EXPECT_EQ(seq->offset(), 5u);
  auto inner = seq->ReadSequence();
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(inner->offset(), 7u);
  EXPECT_EQ(inner->depth(), 2u);
  // An error deep inside names the absolute offset.
  auto bad = inner->ReadInteger();
  EXPECT_MALFORMED_AT(bad.status(), 7);
  EXPECT_TRUE(seq->ExpectEnd().ok());
}

TEST(DerReader, ReadAnyElementViews) {
  Bytes in = H("a003 020107 0500");
  DerReader r(in);
  auto e = r.ReadAnyElement();
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->tag, ContextSpecific(0, true));
  EXPECT_EQ(e->offset, 0u);
  EXPECT_EQ(e->header_len, 2u);
  EXPECT_TRUE(Equal(e->contents, H("020107")));
  EXPECT_TRUE(Equal(e->raw, H("a003020107")));
  EXPECT_EQ(e->contents_offset(), 2u);
  DerReader inner = e->reader();
  EXPECT_EQ(inner.offset(), 2u);
  EXPECT_EQ(inner.depth(), 1u);
  auto n = inner.ReadInt64();
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 7);
  EXPECT_EQ(r.offset(), 5u);
  EXPECT_TRUE(r.ReadNull().ok());
  EXPECT_TRUE(r.empty());
  EXPECT_MALFORMED_AT(r.ReadAnyElement().status(), 7);  // end of input
}

TEST(DerReader, WrongTagDoesNotAdvance) {
  Bytes in = H("0201 01");
  DerReader r(in);
  auto s = r.ReadElement(kSequence);
  EXPECT_MALFORMED_AT(s.status(), 0);
  EXPECT_NE(testing::ErrorText(s.status()).find("expected SEQUENCE"), std::string::npos);
  EXPECT_EQ(r.offset(), 0u);
  EXPECT_EQ(r.size(), 3u);
  EXPECT_MALFORMED(r.ReadRawElement(kOctetString).status());
  EXPECT_EQ(r.offset(), 0u);
  EXPECT_TRUE(r.ReadInteger().ok());
}

TEST(DerReader, ReadRawElement) {
  Bytes in = H("3003 020101 0400");
  DerReader r(in);
  auto raw = r.ReadRawElement(kSequence);
  ASSERT_TRUE(raw.ok());
  EXPECT_TRUE(Equal(*raw, H("3003020101")));
  EXPECT_EQ(r.offset(), 5u);
  EXPECT_TRUE(r.SkipElement(kOctetString).ok());
  EXPECT_TRUE(r.empty());
}

TEST(DerReader, PeekTagAndNextIs) {
  Bytes in = H("a103 020101");
  DerReader r(in);
  auto tag = r.PeekTag();
  ASSERT_TRUE(tag.ok());
  EXPECT_EQ(*tag, ContextSpecific(1, true));
  EXPECT_TRUE(r.NextIs(ContextSpecific(1, true)));
  EXPECT_FALSE(r.NextIs(ContextSpecific(1, false)));
  EXPECT_FALSE(r.NextIs(ContextSpecific(0, true)));
  EXPECT_EQ(r.offset(), 0u);
  DerReader empty;
  EXPECT_FALSE(empty.NextIs(kSequence));
  EXPECT_MALFORMED(empty.PeekTag().status());
  Bytes bad = H("3080");
  EXPECT_FALSE(DerReader(bad).NextIs(kSequence));
  EXPECT_MALFORMED(DerReader(bad).PeekTag().status());
}

TEST(DerReader, OptionalElements) {
  Bytes in = H("a003 020102 0500");
  DerReader r(in);
  auto absent = r.ReadOptionalElement(ContextSpecific(3, true));
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
  EXPECT_EQ(r.offset(), 0u);
  auto present = r.ReadOptionalElement(ContextSpecific(0, true));
  ASSERT_TRUE(present.ok());
  ASSERT_TRUE(present->has_value());
  EXPECT_EQ((*present)->offset(), 2u);
  auto raw_absent = r.ReadOptionalRawElement(kBoolean);
  ASSERT_TRUE(raw_absent.ok());
  EXPECT_FALSE(raw_absent->has_value());
  auto raw = r.ReadOptionalRawElement(kNull);
  ASSERT_TRUE(raw.ok() && raw->has_value());
  EXPECT_TRUE(Equal(**raw, H("0500")));
  // At the end: absent, not an error.
  auto at_end = r.ReadOptionalElement(kSequence);
  ASSERT_TRUE(at_end.ok());
  EXPECT_FALSE(at_end->has_value());
  // A malformed header is an error, not "absent".
  Bytes bad = H("a080 0000");
  DerReader rb(bad);
  EXPECT_MALFORMED(rb.ReadOptionalElement(ContextSpecific(0, true)).status());
  EXPECT_MALFORMED(rb.ReadOptionalRawElement(ContextSpecific(0, true)).status());
}

TEST(DerReader, DepthLimit) {
  // 65 nested SEQUENCEs; the outermost length (128) takes the long form 81 80.
  Bytes deep = {0x30, 0x00};
  for (int i = 1; i < 65; ++i) {
    Bytes outer = {0x30};
    if (deep.size() >= 0x80) outer.push_back(0x81);
    outer.push_back(static_cast<uint8_t>(deep.size()));
    Append(outer, deep);
    deep = outer;
  }
  ASSERT_LT(deep.size(), 200u);
  DerReader r(deep);
  absl::Status status;
  DerReader cur = r;
  int levels = 0;
  while (true) {
    auto next = cur.ReadSequence();
    if (!next.ok()) {
      status = next.status();
      break;
    }
    cur = *next;
    ++levels;
  }
  EXPECT_EQ(levels, 64);
  EXPECT_EQ(GetErrorCode(status), ErrorCode::kResourceLimit);
  EXPECT_NE(testing::ErrorText(status).find("offset 129"), std::string::npos) << status;
  // A smaller custom limit.
  Bytes two = H("3002 3000");
  DerReader shallow(two, 1);
  auto outer = shallow.ReadSequence();
  ASSERT_TRUE(outer.ok());
  EXPECT_EQ(GetErrorCode(outer->ReadSequence().status()), ErrorCode::kResourceLimit);
}

TEST(DerReader, ExpectEndReportsTrailingData) {
  Bytes in = H("0500 00");
  DerReader r(in);
  ASSERT_TRUE(r.ReadNull().ok());
  EXPECT_MALFORMED_AT(r.ExpectEnd(), 2);
  EXPECT_NE(testing::ErrorText(r.ExpectEnd()).find("trailing"), std::string::npos);
}

TEST(DerReader, SliceConstructorKeepsAbsoluteOffsets) {
  Bytes in = H("0201 80");  // non-minimal? no: 0x80 alone is -128, fine; test offset base
  DerReader r(in, 100, 3);
  EXPECT_EQ(r.offset(), 100u);
  EXPECT_EQ(r.depth(), 3u);
  auto e = r.ReadAnyElement();
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->offset, 100u);
  EXPECT_EQ(e->depth, 4u);
}

// ---- BOOLEAN. ------------------------------------------------------------------------------------------------

TEST(ReadBoolean, Values) {
  Bytes in = H("0101ff 010100 8101ff");
  DerReader r(in);
  auto t = r.ReadBoolean();
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(*t);
  auto f = r.ReadBoolean();
  ASSERT_TRUE(f.ok());
  EXPECT_FALSE(*f);
  auto implicit = r.ReadBoolean(ContextSpecific(1));
  ASSERT_TRUE(implicit.ok());
  EXPECT_TRUE(*implicit);
}

TEST(ReadBoolean, RejectsNonCanonical) {
  for (const char* hex : {"010101", "01017f", "0100", "01020000", "0102ffff"}) {
    Bytes in = H(hex);
    DerReader r(in);
    EXPECT_MALFORMED_AT(r.ReadBoolean().status(), 2) << hex;
    EXPECT_EQ(r.offset(), 0u);
  }
}

TEST(ReadBoolean, WrongTag) {
  Bytes in = H("020100");
  DerReader r(in);
  EXPECT_MALFORMED_AT(r.ReadBoolean().status(), 0);
}

// ---- INTEGER. ------------------------------------------------------------------------------------------------

TEST(ReadInteger, ReturnsMinimalTwosComplement) {
  Bytes in = H("020100 02017f 02020080 0201ff 020180 0202ff7f");
  DerReader r(in);
  for (const char* want : {"00", "7f", "0080", "ff", "80", "ff7f"}) {
    auto v = r.ReadInteger();
    ASSERT_TRUE(v.ok()) << want;
    EXPECT_EQ(HexEncode(*v), want);
  }
  EXPECT_TRUE(r.empty());
}

TEST(ReadInteger, RejectsNonMinimalAndEmpty) {
  for (const char* hex : {"0200", "02020000", "0202007f", "0202ffff", "0202ff80", "020300007f"}) {
    Bytes in = H(hex);
    DerReader r(in);
    EXPECT_MALFORMED_AT(r.ReadInteger().status(), 2) << hex;
    EXPECT_EQ(r.offset(), 0u);
    DerReader r2(in);
    EXPECT_MALFORMED(r2.ReadUint64().status()) << hex;
    DerReader r3(in);
    EXPECT_MALFORMED(r3.ReadInt64().status()) << hex;
    DerReader r4(in);
    EXPECT_MALFORMED(r4.ReadPositiveIntegerBytes().status()) << hex;
  }
}

TEST(ReadInteger, WrongTag) {
  Bytes in = H("0a0101");
  DerReader r(in);
  EXPECT_MALFORMED_AT(r.ReadInteger().status(), 0);
  EXPECT_MALFORMED_AT(r.ReadUint64().status(), 0);
  EXPECT_MALFORMED_AT(r.ReadInt64().status(), 0);
  EXPECT_MALFORMED_AT(r.ReadPositiveIntegerBytes().status(), 0);
  EXPECT_MALFORMED_AT(r.ReadNonNegativeIntegerBytes().status(), 0);
  auto e = r.ReadEnumerated();
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(*e, 1u);
}

TEST(ReadUint64, Range) {
  Bytes in = H("020100 020900ffffffffffffffff 0209010000000000000000 0201ff");
  DerReader r(in);
  auto zero = r.ReadUint64();
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(*zero, 0u);
  auto max = r.ReadUint64();
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(*max, ~uint64_t{0});
  auto too_big = r.ReadUint64();
  EXPECT_EQ(GetErrorCode(too_big.status()), ErrorCode::kResourceLimit);
  ASSERT_TRUE(r.SkipAnyElement().ok());
  EXPECT_MALFORMED_AT(r.ReadUint64().status(), 27);  // negative
}

TEST(ReadInt64, Range) {
  Bytes in = H("02088000000000000000 02087fffffffffffffff 0201ff 020900ffffffffffffffff");
  DerReader r(in);
  auto min = r.ReadInt64();
  ASSERT_TRUE(min.ok());
  EXPECT_EQ(*min, INT64_MIN);
  auto max = r.ReadInt64();
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(*max, INT64_MAX);
  auto m1 = r.ReadInt64();
  ASSERT_TRUE(m1.ok());
  EXPECT_EQ(*m1, -1);
  EXPECT_EQ(GetErrorCode(r.ReadInt64().status()), ErrorCode::kResourceLimit);
}

TEST(ReadPositiveIntegerBytes, StripsSignOctetRejectsNegativeAndZero) {
  Bytes in = H("02020080 02017f 0201ff 020100");
  DerReader r(in);
  auto a = r.ReadPositiveIntegerBytes();
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(HexEncode(*a), "80");
  auto b = r.ReadPositiveIntegerBytes();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(HexEncode(*b), "7f");
  EXPECT_MALFORMED_AT(r.ReadPositiveIntegerBytes().status(), 9);
  EXPECT_MALFORMED_AT(r.ReadNonNegativeIntegerBytes().status(), 9);
  ASSERT_TRUE(r.SkipAnyElement().ok());
  EXPECT_MALFORMED_AT(r.ReadPositiveIntegerBytes().status(), 10);
  auto zero = r.ReadNonNegativeIntegerBytes();
  ASSERT_TRUE(zero.ok());
  EXPECT_TRUE(zero->empty());
}

TEST(ReadEnumerated, ValueAndWrongTag) {
  Bytes in = H("0a0102 020102 0a01ff");
  DerReader r(in);
  auto v = r.ReadEnumerated();
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 2u);
  EXPECT_MALFORMED_AT(r.ReadEnumerated().status(), 3);  // an INTEGER is not an ENUMERATED
  ASSERT_TRUE(r.SkipElement(kInteger).ok());
  EXPECT_MALFORMED_AT(r.ReadEnumerated().status(), 8);  // negative
}

// ---- NULL. ---------------------------------------------------------------------------------------------------

TEST(ReadNull, AcceptsEmptyRejectsContentsAndWrongTag) {
  Bytes ok = H("0500");
  DerReader r(ok);
  EXPECT_TRUE(r.ReadNull().ok());
  Bytes bad = H("050100");
  DerReader rb(bad);
  EXPECT_MALFORMED_AT(rb.ReadNull(), 2);
  EXPECT_EQ(rb.offset(), 0u);
  Bytes wrong = H("0400");
  DerReader rw(wrong);
  EXPECT_MALFORMED_AT(rw.ReadNull(), 0);
}

// ---- OBJECT IDENTIFIER. --------------------------------------------------------------------------------------

TEST(ReadOid, ReadsAView) {
  Bytes in = H("06092a864886f70d01010b");
  DerReader r(in);
  auto oid = r.ReadOid();
  ASSERT_TRUE(oid.ok());
  EXPECT_EQ(oid->ToDotted(), "1.2.840.113549.1.1.11");
  EXPECT_EQ(oid->known(), KnownOid::kSha256WithRsaEncryption);
  EXPECT_EQ(oid->der().data(), in.data() + 2);  // zero-copy
}

TEST(ReadOid, RejectsEmptyNonMinimalTruncated) {
  for (const char* hex : {"0600", "0602 8001", "0603 2a8001", "0602 2a86", "0601 80"}) {
    Bytes in = H(hex);
    DerReader r(in);
    EXPECT_MALFORMED_AT(r.ReadOid().status(), 2) << hex;
    EXPECT_EQ(r.offset(), 0u);
  }
  Bytes huge = H("060b 2a 82808080808080808000");  // arc of 71 bits
  DerReader r(huge);
  EXPECT_EQ(GetErrorCode(r.ReadOid().status()), ErrorCode::kResourceLimit);
}

TEST(ReadOid, WrongTag) {
  Bytes in = H("0d012a");  // RELATIVE-OID
  DerReader r(in);
  EXPECT_MALFORMED_AT(r.ReadOid().status(), 0);
}

// ---- BIT STRING. ---------------------------------------------------------------------------------------------

TEST(ReadBitString, Values) {
  Bytes in = H("030100 0302 05a0 03020680 0303 00abcd");
  DerReader r(in);
  auto empty = r.ReadBitString();
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->bit_count(), 0u);
  auto ku = r.ReadBitString();
  ASSERT_TRUE(ku.ok());
  EXPECT_EQ(ku->unused_bits, 5);
  EXPECT_EQ(ku->bit_count(), 3u);
  EXPECT_TRUE(ku->Bit(0));
  EXPECT_FALSE(ku->Bit(1));
  EXPECT_TRUE(ku->Bit(2));
  EXPECT_FALSE(ku->Bit(3));  // beyond bit_count
  EXPECT_FALSE(ku->IsOctetAligned());
  auto one = r.ReadBitString();
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->bit_count(), 2u);
  auto aligned = r.ReadBitString();
  ASSERT_TRUE(aligned.ok());
  EXPECT_TRUE(aligned->IsOctetAligned());
  EXPECT_EQ(HexEncode(aligned->bytes), "abcd");
}

TEST(ReadBitString, Rejects) {
  for (const char* hex : {"0300",         // no unused-bits octet
                          "030108",       // unused bits > 7 (and empty)
                          "03020800",     // unused bits > 7
                          "030107",       // unused bits with empty contents
                          "030205a1",     // non-zero padding bit
                          "03020181"}) {  // non-zero padding bit
    Bytes in = H(hex);
    DerReader r(in);
    EXPECT_MALFORMED_AT(r.ReadBitString().status(), 2) << hex;
    EXPECT_EQ(r.offset(), 0u);
  }
  EXPECT_MALFORMED(DerReader(H("2303 030100")).ReadBitString().status());  // constructed
}

TEST(ReadBitString, WrongTag) {
  Bytes in = H("040100");
  DerReader r(in);
  EXPECT_MALFORMED_AT(r.ReadBitString().status(), 0);
}

// ---- OCTET STRING. -------------------------------------------------------------------------------------------

TEST(ReadOctetString, ViewAndImplicitTag) {
  Bytes in = H("0403 010203 8001 ff");
  DerReader r(in);
  auto os = r.ReadOctetString();
  ASSERT_TRUE(os.ok());
  EXPECT_EQ(HexEncode(*os), "010203");
  EXPECT_EQ(os->data(), in.data() + 2);
  auto implicit = r.ReadOctetString(ContextSpecific(0));
  ASSERT_TRUE(implicit.ok());
  EXPECT_EQ(HexEncode(*implicit), "ff");
}

TEST(ReadOctetString, WrongTagAndConstructed) {
  Bytes in = H("030100");
  DerReader r(in);
  EXPECT_MALFORMED_AT(r.ReadOctetString().status(), 0);
  EXPECT_MALFORMED(DerReader(H("2403 040101")).ReadOctetString().status());
  // A constructed tag passed by the caller is a programming error.
  Bytes a0 = H("a000");
  DerReader ra(a0);
  EXPECT_EQ(GetErrorCode(ra.ReadOctetString(ContextSpecific(0, true)).status()), ErrorCode::kInvalidArgument);
}

// ---- Times. --------------------------------------------------------------------------------------------------

TEST(ReadTime, UtcAndGeneralized) {
  Bytes in =
      H("170d"
        "3135313032303032343032385a"  // 151020024028Z
        "180f"
        "32303530303130313030303030305a"  // 20500101000000Z
        "170d"
        "3439313233313233353935395a"  // 491231235959Z -> 2049
        "170d"
        "3530303130313030303030305a");  // 500101000000Z -> 1950
  DerReader r(in);
  auto a = r.ReadTime();
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, 1445308828);
  auto b = r.ReadTime();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b, 2524608000);
  auto c = r.ReadUtcTime();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, kUtcTimeMax);
  auto d = r.ReadUtcTime();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, kUtcTimeMin);
}

TEST(ReadTime, RejectsOutsideRfc5280Profile) {
  const char* bad_utc[] = {
      "3135313032303032343032",              // no Z, no seconds
      "313531303230303234305a",              // no seconds
      "3135313032303032343032382b30393030",  // +0900 offset
      "3135313032303032343032385a00",        // extra byte
      "3135313332303032343032385a",          // month 13
      "3135303233303032343032385a",          // Feb 30
      "3135313032303234343032385a",          // hour 24
      "3135313032303032363032385a",          // minute 60
      "3135313032303032343036305a",          // second 60
      "3135313032303032343032387a",          // lowercase z
      "31353130323030323430322e5a",          // non-digit
  };
  for (const char* hex : bad_utc) {
    Bytes contents = H(hex);
    Bytes in = {0x17, static_cast<uint8_t>(contents.size())};
    Append(in, contents);
    DerReader r(in);
    EXPECT_MALFORMED_AT(r.ReadTime().status(), 2) << hex;
    EXPECT_EQ(r.offset(), 0u);
  }
  const char* bad_gen[] = {
      "32303530303130313030303030302e355a",      // fractional seconds
      "323035303031303130303030305a",            // no seconds
      "32303530303130313030303030302b30393030",  // offset
      "3230353030323239303030303030 5a",         // 2050-02-29 (not leap)
  };
  for (const char* hex : bad_gen) {
    Bytes contents = H(hex);
    Bytes in = {0x18, static_cast<uint8_t>(contents.size())};
    Append(in, contents);
    DerReader r(in);
    EXPECT_MALFORMED_AT(r.ReadTime().status(), 2) << hex;
  }
  // 2000-02-29 is a leap day.
  Bytes leap =
      H("180f"
        "32303030303232393030303030305a");
  EXPECT_TRUE(DerReader(leap).ReadGeneralizedTime().ok());
}

TEST(ReadTime, WrongTag) {
  Bytes in = H("0403 313233");
  DerReader r(in);
  EXPECT_MALFORMED_AT(r.ReadTime().status(), 0);
  EXPECT_MALFORMED_AT(r.ReadUtcTime().status(), 0);
  EXPECT_MALFORMED_AT(r.ReadGeneralizedTime().status(), 0);
  Bytes gen =
      H("180f"
        "32303530303130313030303030305a");
  EXPECT_MALFORMED_AT(DerReader(gen).ReadUtcTime().status(), 0);
}

// ---- Strings. ------------------------------------------------------------------------------------------------

Bytes Tlv(uint8_t tag, ByteView contents) {
  Bytes out = {tag, static_cast<uint8_t>(contents.size())};
  Append(out, contents);
  return out;
}

TEST(ReadString, ValidatedViews) {
  struct Case {
    Tag tag;
    std::string text;
  } cases[] = {
      {kPrintableString, "JPKI for digital signature (2023) A-Z:=?+,./'"},
      {kIa5String, "user@example.jp\x01"},
      {kUtf8String, "\xe5\x85\xac\xe7\x9a\x84\xe5\x80\x8b\xe4\xba\xba\xe8\xaa\x8d\xe8\xa8\xbc \xf0\x9f\x98\x80"},
      {kVisibleString, "Visible ~"},
      {kNumericString, "0123 456"},
      {kTeletexString, "caf\xe9"},
  };
  for (const auto& c : cases) {
    Bytes in = Tlv(static_cast<uint8_t>(c.tag.number()), AsBytes(c.text));
    DerReader r(in);
    auto s = r.ReadString(c.tag);
    ASSERT_TRUE(s.ok()) << c.tag.Name() << ": " << s.status();
    EXPECT_EQ(*s, c.text);
    EXPECT_EQ(static_cast<const void*>(s->data()), static_cast<const void*>(in.data() + 2));
  }
}

TEST(ReadString, RejectsBadCharacters) {
  struct Case {
    Tag tag;
    const char* hex;
    size_t bad_at;
  } cases[] = {
      {kPrintableString, "41 2a", 3},      // '*'
      {kPrintableString, "41 40", 3},      // '@'
      {kPrintableString, "e3", 2},         // non-ASCII
      {kIa5String, "41 80", 3},            // high bit
      {kVisibleString, "41 0a", 3},        // control
      {kNumericString, "31 61", 3},        // letter
      {kUtf8String, "c0 80", 2},           // overlong NUL
      {kUtf8String, "e0 80 80", 2},        // overlong
      {kUtf8String, "ed a0 80", 2},        // surrogate U+D800
      {kUtf8String, "f4 90 80 80", 2},     // above U+10FFFF
      {kUtf8String, "41 e3 81", 3},        // truncated sequence
      {kUtf8String, "80", 2},              // lone continuation
      {kUtf8String, "f8 88 80 80 80", 2},  // 5-byte form
      {kTeletexString, "41 00", 3},        // NUL
  };
  for (const auto& c : cases) {
    Bytes in = Tlv(static_cast<uint8_t>(c.tag.number()), H(c.hex));
    DerReader r(in);
    auto s = r.ReadString(c.tag);
    EXPECT_MALFORMED_AT(s.status(), 2) << c.tag.Name() << " " << c.hex;
    EXPECT_NE(testing::ErrorText(s.status()).find("byte " + std::to_string(c.bad_at - 2)), std::string::npos)
        << s.status();
    EXPECT_EQ(r.offset(), 0u);
    DerReader r2(in);
    EXPECT_MALFORMED(r2.ReadAnyString().status());
  }
}

TEST(ReadString, WrongTagForEveryType) {
  for (Tag tag : {kPrintableString, kIa5String, kUtf8String, kVisibleString, kNumericString, kTeletexString}) {
    Bytes in = H("040141");
    DerReader r(in);
    EXPECT_MALFORMED_AT(r.ReadString(tag).status(), 0) << tag.Name();
  }
  Bytes utf8 = H("0c0141");
  EXPECT_MALFORMED_AT(DerReader(utf8).ReadString(kPrintableString).status(), 0);
  EXPECT_MALFORMED_AT(DerReader(utf8).ReadBmpString().status(), 0);
  EXPECT_MALFORMED_AT(DerReader(H("040141")).ReadAnyString().status(), 0);
  // Asking for a view of a BMPString or a non-string type is a caller error.
  Bytes bmp = H("1e020041");
  EXPECT_EQ(GetErrorCode(DerReader(bmp).ReadString(kBmpString).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(DerReader(bmp).ReadString(kInteger).status()), ErrorCode::kInvalidArgument);
}

TEST(ReadString, ConstructedStringsRejected) {
  for (const char* hex : {"3303 130141", "2c03 0c0141", "3603 160141", "3e04 1e020041"}) {
    Bytes in = H(hex);
    EXPECT_MALFORMED_AT(DerReader(in).ReadAnyString().status(), 0) << hex;
  }
}

TEST(ReadString, ImplicitlyTagged) {
  Bytes in = H("8103 612e6a");  // [1] IMPLICIT IA5String (rfc822Name)
  DerReader r(in);
  auto s = r.ReadString(ContextSpecific(1), kIa5String);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "a.j");
  Bytes bad = H("8101 80");
  EXPECT_MALFORMED_AT(DerReader(bad).ReadString(ContextSpecific(1), kIa5String).status(), 2);
}

TEST(ReadBmpString, ConvertsToUtf8) {
  Bytes in = H("1e08 0041 516c 7684 00e9");  // "A公的é"
  DerReader r(in);
  auto s = r.ReadBmpString();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, "A\xe5\x85\xac\xe7\x9a\x84\xc3\xa9");
}

TEST(ReadBmpString, Rejects) {
  for (const char* hex : {"1e03 004141", "1e02 d800", "1e02 dfff", "1e02 fffe"}) {
    Bytes in = H(hex);
    DerReader r(in);
    EXPECT_MALFORMED_AT(r.ReadBmpString().status(), 2) << hex;
    EXPECT_EQ(r.offset(), 0u);
  }
}

TEST(ReadAnyString, AllTypesAndUtf8) {
  Bytes in = H("1302 4a50 0c03 e585ac 1e02 0041 1404 636166e9 1601 41 1a01 41 1201 31");
  DerReader r(in);
  std::vector<std::string> texts;
  std::vector<Tag> tags;
  while (!r.empty()) {
    auto s = r.ReadAnyString();
    ASSERT_TRUE(s.ok()) << s.status();
    texts.push_back(s->Utf8());
    tags.push_back(s->tag);
  }
  EXPECT_EQ(texts, (std::vector<std::string>{"JP", "\xe5\x85\xac", "A", "caf\xc3\xa9", "A", "A", "1"}));
  EXPECT_EQ(tags[2], kBmpString);
  EXPECT_EQ(tags[3], kTeletexString);
}

// ---- Validators on their own. --------------------------------------------------------------------------------

TEST(Validators, Direct) {
  EXPECT_TRUE(ValidateIntegerContents(H("00")).ok());
  EXPECT_MALFORMED(ValidateIntegerContents(ByteView()));
  EXPECT_TRUE(ValidateBitStringContents(H("00")).ok());
  EXPECT_MALFORMED(ValidateBitStringContents(H("0101")));
  EXPECT_TRUE(ValidateStringContents(kUtf8String, AsBytes("ok")).ok());
  EXPECT_EQ(GetErrorCode(ValidateStringContents(kInteger, AsBytes("x"))), ErrorCode::kInvalidArgument);
  auto utf8 = BmpToUtf8(H("30423044"));
  ASSERT_TRUE(utf8.ok());
  EXPECT_EQ(*utf8, "\xe3\x81\x82\xe3\x81\x84");
  EXPECT_MALFORMED(BmpToUtf8(H("30")).status());
}

}  // namespace
}  // namespace jpki::asn1
