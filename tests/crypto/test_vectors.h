#ifndef JPKICORE_TESTS_CRYPTO_TEST_VECTORS_H_
#define JPKICORE_TESTS_CRYPTO_TEST_VECTORS_H_

// Loaders for the public test suites the crypto tests read from the runfiles: Wycheproof JSON and NIST CAVP .rsp.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"
#include "crypto/hash.h"

namespace jpki::crypto::testing {

// ReadRunfile returns the contents of a workspace-relative path (tests run from the runfiles root); aborts the
// test with a clear message when missing.
std::string ReadRunfile(const std::string& path);

// Hex decodes hex that the suite guarantees valid (aborts otherwise).
Bytes Hex(const std::string& hex);

// WycheproofHash maps "SHA-256", "SHA-512/224" etc. to a HashAlgorithm; nullopt for hashes jpkicore does not
// implement (SHA-3, SHAKE).
std::optional<HashAlgorithm> WycheproofHash(const std::string& name);

// CavpRecord is one blank-line-separated record of a CAVP .rsp file, with the [section] values in force (such as
// "mod") and the last-seen header values ("n", "e", "d" set once for many records) merged in.
using CavpRecord = std::map<std::string, std::string>;

// ParseCavp splits a .rsp/.txt file into records that contain `required_key`; keys are case-sensitive as in the
// file; values are trimmed.
std::vector<CavpRecord> ParseCavp(const std::string& text, const std::string& required_key);

// CavpHash maps "SHA1", "SHA224", "SHA256", ... to a HashAlgorithm; nullopt for anything else.
std::optional<HashAlgorithm> CavpHash(const std::string& name);

}  // namespace jpki::crypto::testing

#endif  // JPKICORE_TESTS_CRYPTO_TEST_VECTORS_H_
