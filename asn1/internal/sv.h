#ifndef JPKICORE_ASN1_INTERNAL_SV_H_
#define JPKICORE_ASN1_INTERNAL_SV_H_

// Debian's Abseil 20220623 keeps absl::string_view distinct from std::string_view; these convert at the edge.

#include <string_view>

#include "absl/strings/string_view.h"

namespace jpki::asn1::internal {

inline absl::string_view Absl(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view Std(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace jpki::asn1::internal

#endif  // JPKICORE_ASN1_INTERNAL_SV_H_
