// Tests for x509/name.h: parsing rules, string validation, RFC 4514 rendering, RFC 5280 comparison, building.
#include "x509/name.h"

#include "asn1/der_writer.h"
#include "base/error.h"
#include "gtest/gtest.h"
#include "x509/oids.h"

namespace jpki::x509 {
namespace {

// NameOf encodes RDNs of (oid, tag, raw value) attributes without validating them (for negative cases).
struct Atv {
  ByteView oid;
  uint8_t tag;
  std::string value;
};
Bytes NameOf(const std::vector<std::vector<Atv>>& rdns, bool sort_sets = true) {
  asn1::DerWriter w;
  w.AddSequence([&](asn1::DerWriter& seq) {
    for (const auto& rdn : rdns) {
      auto fill = [&](asn1::DerWriter& set) {
        for (const Atv& a : rdn) {
          set.AddSequence([&](asn1::DerWriter& atv) {
            atv.AddPrimitive(asn1::kObjectIdentifier, a.oid);
            atv.AddPrimitive(asn1::Tag::Universal(a.tag), AsBytes(a.value));
          });
        }
      };
      if (sort_sets) {
        seq.AddSetOf(fill);
      } else {
        seq.AddSet(fill);
      }
    }
  });
  return *w.Finish();
}

TEST(NameTest, ParsesAndRendersRfc4514) {
  Bytes der = *NameBuilder()
                   .Country("JP")
                   .Organization("JPKI")
                   .OrganizationalUnit("a,b+c")
                   .CommonName(" #lead and trail ")
                   .Build();
  auto name = Name::Parse(der);
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(name->rdn_count(), 4u);
  EXPECT_EQ(name->ToString(), "CN=\\ #lead and trail\\ ,OU=a\\,b\\+c,O=JPKI,C=JP");
  EXPECT_EQ(name->CommonName(), " #lead and trail ");
  EXPECT_EQ(name->Find(oid::kCountryName)->value_tag, static_cast<uint8_t>(StringType::kPrintableString));
  EXPECT_EQ(EncodeName(*name), der);
}

TEST(NameTest, EscapesSpecialCharactersAndRendersUnknownTypes) {
  const uint8_t kUnknown[] = {0x2a, 0x03};  // 1.2.3
  Bytes der = NameOf({{{oid::kCommonName, 0x0c, std::string("q\"<>;\\x\0y", 9)}}, {{kUnknown, 0x02, "\x05"}}});
  auto name = Name::Parse(der);
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(name->ToString(), "1.2.3=#020105,CN=q\\\"\\<\\>\\;\\\\x\\00y");
}

TEST(NameTest, MultiValuedRdnsAndOrder) {
  Bytes der = *NameBuilder()
                   .Country("JP")
                   .CommonName("Taro")
                   .AddToLastRdn(oid::kSerialNumber, StringType::kPrintableString, "123")
                   .Build();
  auto name = Name::Parse(der);
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(name->rdn_count(), 2u);
  EXPECT_EQ(name->rdn(1).size(), 2u);
  const std::string rendered = name->ToString();
  EXPECT_TRUE(rendered == "CN=Taro+serialNumber=123,C=JP" || rendered == "serialNumber=123+CN=Taro,C=JP") << rendered;
  // A multi-valued RDN not in DER SET order is rejected.
  Bytes unsorted = NameOf({{{oid::kSerialNumber, 0x13, "123"}, {oid::kCommonName, 0x0c, "Taro"}}}, false);
  Bytes sorted = NameOf({{{oid::kSerialNumber, 0x13, "123"}, {oid::kCommonName, 0x0c, "Taro"}}}, true);
  EXPECT_TRUE(Name::Parse(sorted).ok());
  if (unsorted != sorted) EXPECT_FALSE(Name::Parse(unsorted).ok());
}

TEST(NameTest, ValidatesStringTypes) {
  EXPECT_FALSE(Name::Parse(NameOf({{{oid::kCommonName, 0x13, "a@b"}}})).ok());          // '@' not Printable
  EXPECT_FALSE(Name::Parse(NameOf({{{oid::kCommonName, 0x16, "caf\xc3\xa9"}}})).ok());  // IA5 > 0x7f
  EXPECT_FALSE(Name::Parse(NameOf({{{oid::kCommonName, 0x0c, "\xc0\xaf"}}})).ok());     // overlong UTF-8
  EXPECT_FALSE(Name::Parse(NameOf({{{oid::kCommonName, 0x1e, "abc"}}})).ok());          // odd BMP
  EXPECT_FALSE(Name::Parse(NameOf({{{oid::kCommonName, 0x1c, "abc"}}})).ok());          // UCS-4 length
  EXPECT_FALSE(Name::Parse(NameOf({{{oid::kCommonName, 0x12, "12a"}}})).ok());          // Numeric
  EXPECT_FALSE(Name::Parse(NameOf({{{oid::kCommonName, 0x02, "\x01"}}})).ok());         // CN must be a string
  const Bytes bmp_der = NameOf({{{oid::kCommonName, 0x1e, std::string("\x65\xe5\x67\x2c", 4)}}});
  auto bmp = Name::Parse(bmp_der);
  ASSERT_TRUE(bmp.ok());
  EXPECT_EQ(bmp->ToString(), "CN=日本");
  const Bytes ucs4_der = NameOf({{{oid::kCommonName, 0x1c, std::string("\0\0\x65\xe5", 4)}}});
  auto ucs4 = Name::Parse(ucs4_der);
  ASSERT_TRUE(ucs4.ok()) << ucs4.status();
  EXPECT_EQ(ucs4->ToString(), "CN=日");
  const Bytes teletex_der = NameOf({{{oid::kCommonName, 0x14, "caf\xe9"}}});
  auto teletex = Name::Parse(teletex_der);
  ASSERT_TRUE(teletex.ok());
  EXPECT_EQ(teletex->ToString(), "CN=café");
}

TEST(NameTest, StructuralRules) {
  EXPECT_FALSE(Name::Parse(Bytes{0x30, 0x02, 0x31, 0x00}).ok());  // empty RDN
  EXPECT_FALSE(Name::Parse(Bytes{0x31, 0x00}).ok());              // not a SEQUENCE
  const Bytes empty_der = {0x30, 0x00};                           // the empty name is valid
  auto empty = Name::Parse(empty_der);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(empty->ToString(), "");
  Bytes trailing = *NameBuilder().CommonName("x").Build();
  trailing.push_back(0);
  auto bad = Name::Parse(trailing, 100);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("offset 1"), std::string::npos) << bad.status();
  // An RDN that is a SEQUENCE instead of a SET, with the offset relative to the base.
  auto seq = Name::Parse(Bytes{0x30, 0x04, 0x30, 0x02, 0x05, 0x00}, 10);
  ASSERT_FALSE(seq.ok());
  EXPECT_NE(std::string(seq.status().message()).find("offset 12"), std::string::npos) << seq.status();
}

TEST(NameTest, Rfc5280Comparison) {
  const Bytes a_der = NameOf({{{oid::kCountryName, 0x13, "JP"}}, {{oid::kCommonName, 0x13, "Taro  Yamada"}}});
  auto a = Name::Parse(a_der);
  const Bytes b_der = NameOf({{{oid::kCountryName, 0x13, "jp"}}, {{oid::kCommonName, 0x0c, " taro yamada "}}});
  auto b = Name::Parse(b_der);
  const Bytes c_der = NameOf({{{oid::kCountryName, 0x13, "JP"}}, {{oid::kCommonName, 0x0c, "Taro Yamad"}}});
  auto c = Name::Parse(c_der);
  const Bytes ia5_der = NameOf({{{oid::kCountryName, 0x13, "JP"}}, {{oid::kCommonName, 0x16, "taro yamada"}}});
  auto ia5 = Name::Parse(ia5_der);
  const Bytes reordered_der = NameOf({{{oid::kCommonName, 0x13, "Taro  Yamada"}}, {{oid::kCountryName, 0x13, "JP"}}});
  auto reordered = Name::Parse(reordered_der);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok() && ia5.ok() && reordered.ok());
  EXPECT_TRUE(a->Equals(*b));
  EXPECT_TRUE(b->Equals(*a));
  EXPECT_FALSE(a->ByteEquals(*b));
  EXPECT_FALSE(a->Equals(*c));
  EXPECT_FALSE(a->Equals(*ia5));  // IA5String compares by bytes and type
  EXPECT_FALSE(a->Equals(*reordered));
  EXPECT_TRUE(a->Equals(*a));
  // Multi-valued RDNs compare as sets.
  const Bytes m1_der = NameOf({{{oid::kCommonName, 0x0c, "A"}, {oid::kSerialNumber, 0x13, "1"}}});
  auto m1 = Name::Parse(m1_der);
  const Bytes m2_der = NameOf({{{oid::kSerialNumber, 0x13, "1"}, {oid::kCommonName, 0x0c, "a"}}});
  auto m2 = Name::Parse(m2_der);
  ASSERT_TRUE(m1.ok() && m2.ok());
  EXPECT_TRUE(m1->Equals(*m2));
}

TEST(NameTest, BuilderRejectsInvalidValues) {
  EXPECT_FALSE(NameBuilder().Country("J@").Build().ok());
  EXPECT_FALSE(NameBuilder().Add(oid::kCommonName, StringType::kIa5String, "日本").Build().ok());
  auto bmp = NameBuilder().Add(oid::kCommonName, StringType::kBmpString, "日本").Build();
  ASSERT_TRUE(bmp.ok());
  EXPECT_EQ(Name::Parse(*bmp)->ToString(), "CN=日本");
}

TEST(StringTest, ValidateAndConvert) {
  EXPECT_TRUE(IsStringTag(0x0c));
  EXPECT_FALSE(IsStringTag(0x04));
  EXPECT_TRUE(ValidateString(StringType::kPrintableString, AsBytes("Az09 '()+,-./:=?")).ok());
  EXPECT_FALSE(ValidateString(StringType::kUniversalString, Bytes{0, 0, 0xd8, 0}).ok());  // surrogate
  EXPECT_EQ(StringToUtf8(StringType::kBmpString, Bytes{0x30, 0x42}), "あ");
}

}  // namespace
}  // namespace jpki::x509
