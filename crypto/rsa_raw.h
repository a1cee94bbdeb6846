#ifndef JPKICORE_CRYPTO_RSA_RAW_H_
#define JPKICORE_CRYPTO_RSA_RAW_H_

// The two raw operations the padding schemes share, with the error conventions of the signature layer: a public
// operation whose every failure is the uniform signature error, and a private operation that releases nothing on
// failure. Not padding-aware: callers pass complete encoded blocks.

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/rsa_key.h"

namespace jpki::crypto {

// RsaPublicOp returns s^e mod n as k bytes (k = key.modulus_bytes()). A signature that is not exactly k bytes or is
// >= n fails with the uniform signature error (RFC 8017 8.2.2 steps 1 and 2b).
absl::StatusOr<Bytes> RsaPublicOp(const RsaPublicKey& key, ByteView signature);

// RsaPrivateOp returns em^d mod n as k bytes; em must be k bytes and < n. Blinding randomness comes from
// SystemRandom(); the result has been checked with the public key. On failure nothing is returned.
absl::StatusOr<Bytes> RsaPrivateOp(const RsaPrivateKey& key, ByteView em);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_RSA_RAW_H_
