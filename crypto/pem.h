#ifndef JPKICORE_CRYPTO_PEM_H_
#define JPKICORE_CRYPTO_PEM_H_

// PEM armour (RFC 7468, strict form) for keys and certificates: one "-----BEGIN LABEL-----" ... "-----END LABEL-----"
// block of base64 text. The decoded body is held in SecretBytes because the same code decodes private keys.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"

namespace jpki::crypto {

struct PemBlock {
  std::string label;  // "PRIVATE KEY", "PUBLIC KEY", ...
  SecretBytes body;   // the decoded DER
};

// LooksLikePem is true when `data`, after leading whitespace, starts with "-----BEGIN ". DER never does: its first
// byte is a tag such as 0x30.
bool LooksLikePem(ByteView data);

// PemDecode decodes the first PEM block of `data`. Text before the block must be whitespace; text after the END line
// is ignored (as openssl does). Fails with kMalformedInput naming the offset on: a missing or mismatched END line, a
// character outside the base64 alphabet, misplaced or excess '=' padding, a bit-length that is not whole bytes, or
// an empty body.
absl::StatusOr<PemBlock> PemDecode(ByteView data);

// PemEncode wraps `der` in a PEM block with `label`, base64 in 64-column lines, ending in a newline.
std::string PemEncode(ByteView der, std::string_view label);

// PemEncodeSecret is PemEncode for private keys: the text is returned in zeroizing storage.
SecretBytes PemEncodeSecret(ByteView der, std::string_view label);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_PEM_H_
