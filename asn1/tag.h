#ifndef JPKICORE_ASN1_TAG_H_
#define JPKICORE_ASN1_TAG_H_

// asn1::Tag: the identifier octets of a DER element (X.690 8.1.2) as a value type. Decoding of tags (and lengths)
// happens in exactly one place, asn1/der_reader.cc's DecodeHeader; this header only names tags.

#include <cstdint>
#include <string>

namespace jpki::asn1 {

// TagClass is the two class bits of the identifier octet (X.690 8.1.2.2).
enum class TagClass : uint8_t {
  kUniversal = 0,
  kApplication = 1,
  kContextSpecific = 2,
  kPrivate = 3,
};

// kMaxTagNumber bounds high tag numbers: DER readers reject larger numbers (kResourceLimit) so that a tag always
// fits in uint32_t and at most five identifier octets.
inline constexpr uint32_t kMaxTagNumber = (1u << 28) - 1;

// Tag is a class, a constructed bit and a tag number. Two tags are equal when all three are equal; the constructed
// bit is part of the identity because DER fixes it for every type (a constructed OCTET STRING is a different tag).
class Tag {
 public:
  // Tag() is [UNIVERSAL 0] primitive, the reserved end-of-contents tag: never a valid DER element.
  constexpr Tag() = default;
  constexpr Tag(TagClass tag_class, bool constructed, uint32_t number)
      : class_(tag_class), constructed_(constructed), number_(number) {}

  // Universal(n, constructed) is [UNIVERSAL n].
  static constexpr Tag Universal(uint32_t number, bool constructed = false) {
    return Tag(TagClass::kUniversal, constructed, number);
  }
  // ContextSpecific(n, constructed) is [n]: use constructed = true for EXPLICIT tags and for IMPLICIT tags over
  // constructed types (SEQUENCE, SET), false for IMPLICIT tags over primitive types.
  static constexpr Tag ContextSpecific(uint32_t number, bool constructed = false) {
    return Tag(TagClass::kContextSpecific, constructed, number);
  }
  // Application(n, constructed) is [APPLICATION n].
  static constexpr Tag Application(uint32_t number, bool constructed = false) {
    return Tag(TagClass::kApplication, constructed, number);
  }
  // Private(n, constructed) is [PRIVATE n].
  static constexpr Tag Private(uint32_t number, bool constructed = false) {
    return Tag(TagClass::kPrivate, constructed, number);
  }

  constexpr TagClass tag_class() const { return class_; }
  constexpr bool constructed() const { return constructed_; }
  constexpr uint32_t number() const { return number_; }
  constexpr bool is_universal() const { return class_ == TagClass::kUniversal; }

  // WithConstructed returns the same class and number with the constructed bit set as given.
  constexpr Tag WithConstructed(bool constructed) const { return Tag(class_, constructed, number_); }

  // EncodedSize is the number of identifier octets DER uses for this tag (1 for numbers < 31).
  constexpr size_t EncodedSize() const {
    if (number_ < 31) return 1;
    size_t n = 1;
    for (uint32_t v = number_; v != 0; v >>= 7) ++n;
    return n;
  }

  // Name returns the ASN.1 type name for universal tags ("SEQUENCE", "INTEGER", ...) and "[n]",
  // "[APPLICATION n]", "[PRIVATE n]" otherwise. Unknown universal numbers give "UNIVERSAL n".
  std::string Name() const;
  // ToString is Name() plus the class/number and construction, e.g. "SEQUENCE (universal 16, constructed)".
  std::string ToString() const;

  friend constexpr bool operator==(Tag a, Tag b) {
    return a.class_ == b.class_ && a.constructed_ == b.constructed_ && a.number_ == b.number_;
  }
  friend constexpr bool operator!=(Tag a, Tag b) { return !(a == b); }

 private:
  TagClass class_ = TagClass::kUniversal;
  bool constructed_ = false;
  uint32_t number_ = 0;
};

// Universal tags as DER encodes them (strings and scalars primitive, SEQUENCE/SET constructed).
inline constexpr Tag kBoolean = Tag::Universal(1);
inline constexpr Tag kInteger = Tag::Universal(2);
inline constexpr Tag kBitString = Tag::Universal(3);
inline constexpr Tag kOctetString = Tag::Universal(4);
inline constexpr Tag kNull = Tag::Universal(5);
inline constexpr Tag kObjectIdentifier = Tag::Universal(6);
inline constexpr Tag kEnumerated = Tag::Universal(10);
inline constexpr Tag kUtf8String = Tag::Universal(12);
inline constexpr Tag kSequence = Tag::Universal(16, true);
inline constexpr Tag kSet = Tag::Universal(17, true);
inline constexpr Tag kNumericString = Tag::Universal(18);
inline constexpr Tag kPrintableString = Tag::Universal(19);
inline constexpr Tag kTeletexString = Tag::Universal(20);
inline constexpr Tag kIa5String = Tag::Universal(22);
inline constexpr Tag kUtcTime = Tag::Universal(23);
inline constexpr Tag kGeneralizedTime = Tag::Universal(24);
inline constexpr Tag kVisibleString = Tag::Universal(26);
inline constexpr Tag kUniversalString = Tag::Universal(28);
inline constexpr Tag kBmpString = Tag::Universal(30);

// ContextSpecific(n, constructed) is a shorthand for Tag::ContextSpecific.
constexpr Tag ContextSpecific(uint32_t number, bool constructed = false) {
  return Tag::ContextSpecific(number, constructed);
}

// IsStringTag is true for the universal character-string tags DerReader::ReadString accepts (UTF8String,
// NumericString, PrintableString, TeletexString, IA5String, VisibleString, BMPString), primitive form only.
constexpr bool IsStringTag(Tag tag) {
  return tag == kUtf8String || tag == kNumericString || tag == kPrintableString || tag == kTeletexString ||
         tag == kIa5String || tag == kVisibleString || tag == kBmpString;
}

// IsPrimitiveOnlyUniversal is true for universal tag numbers whose DER encoding must be primitive (everything but
// SEQUENCE, SET and the reserved/external/embedded-PDV types). A constructed form of these is rejected.
constexpr bool IsPrimitiveOnlyUniversal(uint32_t number) {
  switch (number) {
    case 1:
    case 2:
    case 3:
    case 4:
    case 5:
    case 6:
    case 9:
    case 10:
    case 12:
    case 13:
    case 14:
    case 18:
    case 19:
    case 20:
    case 21:
    case 22:
    case 23:
    case 24:
    case 25:
    case 26:
    case 27:
    case 28:
    case 30:
    case 31:
    case 32:
    case 33:
    case 34:
    case 35:
    case 36:
      return true;
    default:
      return false;
  }
}

}  // namespace jpki::asn1

#endif  // JPKICORE_ASN1_TAG_H_
