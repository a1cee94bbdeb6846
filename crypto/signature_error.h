#ifndef JPKICORE_CRYPTO_SIGNATURE_ERROR_H_
#define JPKICORE_CRYPTO_SIGNATURE_ERROR_H_

// The one error every RSA signature check returns when a signature does not verify, whatever the reason (wrong
// length, out of range, bad padding, wrong digest), so that no caller and no attacker can tell failures apart.

#include "absl/status/status.h"

namespace jpki::crypto {

// kSignatureErrorMessage is the full message of SignatureError().
inline constexpr char kSignatureErrorMessage[] = "rsa: signature does not verify";

// SignatureError returns the uniform status: ErrorCode::kBadSignature, "rsa: signature does not verify".
absl::Status SignatureError();

// IsSignatureError is true iff `status` is exactly that error.
bool IsSignatureError(const absl::Status& status);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_SIGNATURE_ERROR_H_
