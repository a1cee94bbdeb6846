#ifndef JPKICORE_X509_INTERNAL_ENCODE_UTIL_H_
#define JPKICORE_X509_INTERNAL_ENCODE_UTIL_H_

// Pieces of x509's encoders shared between files (defined in x509/general_name.cc).

namespace jpki::asn1 {
class DerWriter;
}  // namespace jpki::asn1

namespace jpki::x509 {
struct GeneralNameSpec;
}  // namespace jpki::x509

namespace jpki::x509::internal {

// WriteGeneralName appends one GeneralName element to `w`.
void WriteGeneralName(asn1::DerWriter& w, const GeneralNameSpec& name);

}  // namespace jpki::x509::internal

#endif  // JPKICORE_X509_INTERNAL_ENCODE_UTIL_H_
