#include "asn1/tag.h"

#include "gtest/gtest.h"

namespace jpki::asn1 {
namespace {

TEST(Tag, ConstantsAndHelpers) {
  EXPECT_EQ(kSequence.number(), 16u);
  EXPECT_TRUE(kSequence.constructed());
  EXPECT_TRUE(kSequence.is_universal());
  EXPECT_FALSE(kInteger.constructed());
  const Tag c0 = ContextSpecific(0, true);
  EXPECT_EQ(c0.tag_class(), TagClass::kContextSpecific);
  EXPECT_TRUE(c0.constructed());
  EXPECT_NE(c0, ContextSpecific(0, false));
  EXPECT_EQ(c0.WithConstructed(false), ContextSpecific(0));
  EXPECT_EQ(Tag::Application(3).tag_class(), TagClass::kApplication);
  EXPECT_EQ(Tag::Private(3).tag_class(), TagClass::kPrivate);
  EXPECT_EQ(Tag(), Tag::Universal(0));
}

TEST(Tag, EncodedSize) {
  EXPECT_EQ(kInteger.EncodedSize(), 1u);
  EXPECT_EQ(ContextSpecific(30).EncodedSize(), 1u);
  EXPECT_EQ(ContextSpecific(31).EncodedSize(), 2u);
  EXPECT_EQ(ContextSpecific(127).EncodedSize(), 2u);
  EXPECT_EQ(ContextSpecific(128).EncodedSize(), 3u);
  EXPECT_EQ(ContextSpecific(kMaxTagNumber).EncodedSize(), 5u);
}

TEST(Tag, Names) {
  EXPECT_EQ(kSequence.Name(), "SEQUENCE");
  EXPECT_EQ(kUtf8String.Name(), "UTF8String");
  EXPECT_EQ(Tag::Universal(29).Name(), "UNIVERSAL 29");
  EXPECT_EQ(ContextSpecific(3, true).Name(), "[3]");
  EXPECT_EQ(Tag::Application(2).Name(), "[APPLICATION 2]");
  EXPECT_EQ(Tag::Private(7).Name(), "[PRIVATE 7]");
  EXPECT_EQ(kSequence.ToString(), "SEQUENCE (universal 16, constructed)");
  EXPECT_EQ(kInteger.ToString(), "INTEGER (universal 2)");
  EXPECT_EQ(ContextSpecific(0, true).ToString(), "[0] (context 0, constructed)");
}

TEST(Tag, Classifiers) {
  EXPECT_TRUE(IsStringTag(kPrintableString));
  EXPECT_TRUE(IsStringTag(kBmpString));
  EXPECT_FALSE(IsStringTag(kOctetString));
  EXPECT_FALSE(IsStringTag(kPrintableString.WithConstructed(true)));
  EXPECT_TRUE(IsPrimitiveOnlyUniversal(2));
  EXPECT_TRUE(IsPrimitiveOnlyUniversal(4));
  EXPECT_FALSE(IsPrimitiveOnlyUniversal(16));
  EXPECT_FALSE(IsPrimitiveOnlyUniversal(17));
  EXPECT_FALSE(IsPrimitiveOnlyUniversal(8));  // EXTERNAL is constructed
}

}  // namespace
}  // namespace jpki::asn1
