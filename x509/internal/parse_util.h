#ifndef JPKICORE_X509_INTERNAL_PARSE_UTIL_H_
#define JPKICORE_X509_INTERNAL_PARSE_UTIL_H_

// Helpers shared by x509's parsers: error construction with byte offsets, and the "x509: " prefix applied once at
// each public entry point to errors that come up from asn1.

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "base/bytes.h"
#include "base/error.h"

namespace jpki::x509::internal {

// Cat concatenates std::string_view, absl::string_view, C strings, std::string and integers (absl::StrCat does not
// take std::string_view in Debian's Abseil).
inline void AppendPiece(std::string& out, std::string_view s) { out.append(s); }
inline void AppendPiece(std::string& out, absl::string_view s) { out.append(s.data(), s.size()); }
inline void AppendPiece(std::string& out, const char* s) { out.append(s); }
inline void AppendPiece(std::string& out, const std::string& s) { out.append(s); }
template <typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
void AppendPiece(std::string& out, T value) {
  out.append(std::to_string(value));
}
template <typename... Pieces>
std::string Cat(const Pieces&... pieces) {
  std::string out;
  (AppendPiece(out, pieces), ...);
  return out;
}

// Malformed builds "x509: <what> at offset N" with kMalformedInput.
inline absl::Status Malformed(std::string_view what, size_t offset) {
  return MakeError(ErrorCode::kMalformedInput, "x509", Cat(what, " at offset ", offset));
}

// WithContext prefixes an error's message with "x509: <context>: " (keeping its code), unless it already starts
// with "x509: ", in which case only the context is inserted after the prefix.
inline absl::Status WithContext(const absl::Status& status, std::string_view context) {
  if (status.ok()) return status;
  std::string_view message(status.message().data(), status.message().size());
  constexpr std::string_view kPrefix = "x509: ";
  if (message.substr(0, kPrefix.size()) == kPrefix) message.remove_prefix(kPrefix.size());
  return MakeError(GetErrorCode(status), "x509", Cat(context, ": ", message));
}

// OffsetIn is the position of `inner` within `outer` plus `base` (both views of one buffer).
inline size_t OffsetIn(ByteView outer, ByteView inner, size_t base) {
  return base + static_cast<size_t>(inner.data() - outer.data());
}

}  // namespace jpki::x509::internal

#endif  // JPKICORE_X509_INTERNAL_PARSE_UTIL_H_
