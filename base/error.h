#ifndef JPKICORE_BASE_ERROR_H_
#define JPKICORE_BASE_ERROR_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace jpki {

// ErrorCode is the typed reason carried as a payload on every status jpkicore returns, so that callers (and the
// `jpki` command's exit codes) can branch without parsing messages. Values are stable: append only.
enum class ErrorCode : int {
  kOk = 0,
  kMalformedInput = 1,        // bytes that do not parse (non-DER, bad TLV, bad APDU, bad hex, bad PEM)
  kUnsupported = 2,           // well-formed but outside what jpkicore implements (algorithm, key size)
  kInvalidArgument = 3,       // a caller error (bad parameter, wrong length)
  kBadSignature = 4,          // a signature or MAC that does not verify (one uniform error, no detail)
  kPolicyViolation = 5,       // well-formed input rejected by a policy (key too small, SHA-1 without legacy option)
  kInternal = 6,              // a bug or an internal consistency check (e.g. verify-after-sign) failed
  kFaultDetected = 7,         // a computation fault was detected; nothing was released
  kNotFound = 8,              // a file, key, certificate or object is missing
  kState = 9,                 // an operation out of order (secure channel closed, PIN blocked, wrong life cycle)
  kCertificateRejected = 10,  // path validation failed; the x509 module refines with its own outcome enum
  kResourceLimit = 11,        // a size, depth or count limit was reached
};

// ErrorCodeName returns a stable snake_case name for `code` ("malformed_input", ...).
std::string_view ErrorCodeName(ErrorCode code);

// MakeError builds a status whose message is "<module>: <message>" with the canonical code that fits `code` and
// `code` attached as payload.
absl::Status MakeError(ErrorCode code, std::string_view module, std::string_view message);

// MessageAfterModule returns the message of `status` without the "<module>: " that MakeError put in front of it (the
// whole message when it does not start so), for callers that re-label another module's error with their own module
// or context. The view points into `status`, which must outlive it.
std::string_view MessageAfterModule(const absl::Status& status, std::string_view module);

// GetErrorCode returns the typed code of `status`: kOk for OK, the payload when present, kInternal otherwise.
ErrorCode GetErrorCode(const absl::Status& status);

}  // namespace jpki

#endif  // JPKICORE_BASE_ERROR_H_
