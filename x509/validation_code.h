#ifndef JPKICORE_X509_VALIDATION_CODE_H_
#define JPKICORE_X509_VALIDATION_CODE_H_

// ValidationCode: the typed outcome of certificate path validation, one value per rejection code of
// `jpki x509 verify` (shared/spec/cli.md), plus kOk. A status carrying one is built by ValidationError, and the code
// is recovered with GetValidationCode, so callers (the CLI, the verifier, the demo) branch without parsing text.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace jpki::x509 {

// ValidationCode values are stable: append only. Names (ValidationCodeName) are the CLI's CODE words.
enum class ValidationCode : int {
  kOk = 0,
  kExpired,                     // a certificate's notAfter is before the validation time
  kNotYetValid,                 // a certificate's notBefore is after the validation time
  kRevoked,                     // a CRL from the issuer lists the certificate
  kBadSignature,                // a certificate's signature does not verify under its issuer's key
  kUnknownIssuer,               // no chain to a trust anchor could be built
  kNotACa,                      // an issuer is not a CA (basicConstraints absent / cA false, or no keyCertSign)
  kPathLengthExceeded,          // a pathLenConstraint or the maximum path length was exceeded
  kKeyUsage,                    // the leaf's keyUsage / extKeyUsage does not allow the requested purpose
  kUnhandledCriticalExtension,  // a critical extension the validator does not process
  kCrlExpired,                  // the only CRLs covering a certificate are past nextUpdate (or not yet valid)
  kCrlBadSignature,             // a CRL from the issuer does not verify (or its signer lacks cRLSign)
  kRevocationUnknown,           // CRLs were supplied but none valid covers the certificate
  kNameMismatch,                // subject/issuer chaining, name constraints or the expected peer name
  kPolicy,                      // certificate policy processing left no acceptable policy, or a profile rule
  kMalformed,                   // a certificate, CRL or extension that does not parse / is inconsistent
};

// ValidationCodeName returns the CLI word: "ok", "expired", "not_yet_valid", ..., "malformed".
std::string_view ValidationCodeName(ValidationCode code);

// ParseValidationCodeName is the inverse of ValidationCodeName; nullopt for an unknown word.
std::optional<ValidationCode> ParseValidationCodeName(std::string_view name);

// ValidationError builds the status for a rejection: ErrorCode kCertificateRejected (kMalformedInput for
// kMalformed), message "x509: <code>: <detail>", and `code` attached as a second payload.
absl::Status ValidationError(ValidationCode code, std::string_view detail);

// GetValidationCode returns the ValidationCode carried by `status`: kOk for OK, the payload when present,
// kBadSignature for an ErrorCode::kBadSignature status, and kMalformed for any other error (a status without the
// payload comes from a parser, not from path validation).
ValidationCode GetValidationCode(const absl::Status& status);

}  // namespace jpki::x509

#endif  // JPKICORE_X509_VALIDATION_CODE_H_
