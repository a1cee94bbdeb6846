#include "crypto/signature_error.h"

#include "base/error.h"

namespace jpki::crypto {

absl::Status SignatureError() { return MakeError(ErrorCode::kBadSignature, "rsa", "signature does not verify"); }

bool IsSignatureError(const absl::Status& status) {
  return GetErrorCode(status) == ErrorCode::kBadSignature && status.message() == kSignatureErrorMessage;
}

}  // namespace jpki::crypto
