#ifndef JPKICORE_CRYPTO_EMSA_PKCS1_H_
#define JPKICORE_CRYPTO_EMSA_PKCS1_H_

// EMSA-PKCS1-v1_5 (RFC 8017 section 9.2): the encoded message 00 01 FF..FF 00 || DigestInfo. Verification in
// jpkicore re-encodes this block from the expected digest and compares, so there is no decoder here on purpose.

#include <cstddef>

#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/hash.h"

namespace jpki::crypto {

// EncodeDigestInfo returns DigestInfo ::= SEQUENCE { AlgorithmIdentifier { hashOid, NULL }, OCTET STRING digest }.
// Fails with kInvalidArgument if `digest` is not DigestSize(hash) bytes.
absl::StatusOr<Bytes> EncodeDigestInfo(HashAlgorithm hash, ByteView digest);

// EmsaPkcs1Encode returns the em_len-byte block 00 01 PS 00 T with PS at least 8 bytes of FF (T is a DigestInfo, or
// any ready-made T the caller vouches for). Fails with kInvalidArgument ("intended encoded message length too short")
// if em_len < |T| + 11.
absl::StatusOr<Bytes> EmsaPkcs1Encode(ByteView t, size_t em_len);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_EMSA_PKCS1_H_
