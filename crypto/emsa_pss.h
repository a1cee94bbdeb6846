#ifndef JPKICORE_CRYPTO_EMSA_PSS_H_
#define JPKICORE_CRYPTO_EMSA_PSS_H_

// EMSA-PSS with MGF1 (RFC 8017 sections 9.1 and B.2.1), on message hashes. The signature hash and the MGF1 hash
// may differ; both are SHA-2 (SignatureHash), so SHA-1 PSS is not representable.

#include <cstddef>
#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "crypto/hash.h"

namespace jpki::crypto {

// Mgf1 returns `length` bytes of MGF1(seed) with `hash`.
absl::StatusOr<Bytes> Mgf1(SignatureHash hash, ByteView seed, size_t length);

// EmsaPssEncode returns EM (ceil(em_bits/8) bytes) for the message hash `m_hash` and the given salt (its length is
// the salt length). em_bits is modBits - 1. Fails with kInvalidArgument if m_hash has the wrong size or the
// encoding does not fit (emLen < hLen + sLen + 2).
absl::StatusOr<Bytes> EmsaPssEncode(SignatureHash hash, SignatureHash mgf1_hash, ByteView m_hash, ByteView salt,
                                    size_t em_bits);

// EmsaPssVerify checks EM against `m_hash`. With `salt_length` set, the salt must have exactly that length; with
// nullopt ("auto"), the salt length is whatever the padding implies, from min_salt_length up (a key's RSASSA-PSS
// parameters set that minimum, RFC 4055 3.1). Returns OK or the one uniform signature error.
absl::Status EmsaPssVerify(SignatureHash hash, SignatureHash mgf1_hash, ByteView m_hash, ByteView em, size_t em_bits,
                           std::optional<size_t> salt_length, size_t min_salt_length = 0);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_EMSA_PSS_H_
