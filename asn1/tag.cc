#include "asn1/tag.h"

#include "absl/strings/str_cat.h"

namespace jpki::asn1 {
namespace {

const char* UniversalName(uint32_t number) {
  switch (number) {
    case 1:
      return "BOOLEAN";
    case 2:
      return "INTEGER";
    case 3:
      return "BIT STRING";
    case 4:
      return "OCTET STRING";
    case 5:
      return "NULL";
    case 6:
      return "OBJECT IDENTIFIER";
    case 7:
      return "ObjectDescriptor";
    case 8:
      return "EXTERNAL";
    case 9:
      return "REAL";
    case 10:
      return "ENUMERATED";
    case 11:
      return "EMBEDDED PDV";
    case 12:
      return "UTF8String";
    case 13:
      return "RELATIVE-OID";
    case 16:
      return "SEQUENCE";
    case 17:
      return "SET";
    case 18:
      return "NumericString";
    case 19:
      return "PrintableString";
    case 20:
      return "TeletexString";
    case 21:
      return "VideotexString";
    case 22:
      return "IA5String";
    case 23:
      return "UTCTime";
    case 24:
      return "GeneralizedTime";
    case 25:
      return "GraphicString";
    case 26:
      return "VisibleString";
    case 27:
      return "GeneralString";
    case 28:
      return "UniversalString";
    case 30:
      return "BMPString";
    default:
      return nullptr;
  }
}

const char* ClassWord(TagClass c) {
  switch (c) {
    case TagClass::kUniversal:
      return "universal";
    case TagClass::kApplication:
      return "application";
    case TagClass::kContextSpecific:
      return "context";
    case TagClass::kPrivate:
      return "private";
  }
  return "?";
}

}  // namespace

std::string Tag::Name() const {
  switch (class_) {
    case TagClass::kUniversal: {
      const char* name = UniversalName(number_);
      return name != nullptr ? std::string(name) : absl::StrCat("UNIVERSAL ", number_);
    }
    case TagClass::kApplication:
      return absl::StrCat("[APPLICATION ", number_, "]");
    case TagClass::kContextSpecific:
      return absl::StrCat("[", number_, "]");
    case TagClass::kPrivate:
      return absl::StrCat("[PRIVATE ", number_, "]");
  }
  return "?";
}

std::string Tag::ToString() const {
  return absl::StrCat(Name(), " (", ClassWord(class_), " ", number_, constructed_ ? ", constructed)" : ")");
}

}  // namespace jpki::asn1
