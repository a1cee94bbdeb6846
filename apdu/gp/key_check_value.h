#ifndef JPKICORE_APDU_GP_KEY_CHECK_VALUE_H_
#define JPKICORE_APDU_GP_KEY_CHECK_VALUE_H_

// Key check values for AES keys (GP Card Specification 2.3.1 §11.8.2.3 / Amendment D): the first 3 bytes of the
// key's encryption of 16 bytes 01 (AES-CBC with a zero IV over one block, i.e. AES-ECB). Some vendors use 16 bytes
// 00 instead; that variant is offered separately.

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"

namespace jpki::apdu::gp {

inline constexpr size_t kKcvSize = 3;

// AesKeyCheckValue returns the 3-byte KCV of `key` (16, 24 or 32 bytes); kInvalidArgument otherwise.
absl::StatusOr<Bytes> AesKeyCheckValue(const SecretBytes& key);
// AesKeyCheckValueZeros is the 16 x 00 variant.
absl::StatusOr<Bytes> AesKeyCheckValueZeros(const SecretBytes& key);

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_KEY_CHECK_VALUE_H_
