#ifndef JPKICORE_CRYPTO_INTERNAL_SHA512_224_H_
#define JPKICORE_CRYPTO_INTERNAL_SHA512_224_H_

// SHA-512/224 (FIPS 180-4 sections 5.3.6.1 and 6.7), which Botan 2.19 does not provide: SHA-512's compression function
// from Botan with SHA-512/224's own initial value, truncated to 28 bytes. RSASSA-PSS test suites (Wycheproof) use it.

#include <memory>

namespace Botan {
class HashFunction;
}  // namespace Botan

namespace jpki::crypto::internal {

// NewSha512_224 returns a fresh SHA-512/224 in Botan's HashFunction interface.
std::unique_ptr<Botan::HashFunction> NewSha512_224();

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_SHA512_224_H_
