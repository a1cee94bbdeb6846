#ifndef JPKICORE_CRYPTO_HASH_H_
#define JPKICORE_CRYPTO_HASH_H_

// Hash functions used by RSA signatures (through Botan), their sizes, names, OIDs and the DER DigestInfo prefixes
// of RFC 8017 section 9.2, note 1.

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "base/bytes.h"

namespace Botan {
class HashFunction;
}  // namespace Botan

namespace jpki::crypto {

// HashAlgorithm names every hash jpkicore computes. SHA-1 exists only for legacy verification. JPKI itself uses
// SHA-256 (and SHA-384/512 in newer profiles); SHA-224, SHA-512/224 and SHA-512/256 complete the SHA-2 family for
// RSASSA-PSS and PKCS#1 peers that use them (RFC 8017 appendix B.1).
enum class HashAlgorithm { kSha1, kSha224, kSha256, kSha384, kSha512, kSha512_224, kSha512_256 };

// SignatureHash is the subset allowed for creating signatures (the SHA-2 family): SHA-1 is not representable here on
// purpose, so a signing API that takes a SignatureHash cannot be asked for a SHA-1 signature.
enum class SignatureHash { kSha224, kSha256, kSha384, kSha512, kSha512_224, kSha512_256 };

// kAllHashAlgorithms lists every HashAlgorithm, for lookups by name or OID.
inline constexpr HashAlgorithm kAllHashAlgorithms[] = {
    HashAlgorithm::kSha1,   HashAlgorithm::kSha224,     HashAlgorithm::kSha256,    HashAlgorithm::kSha384,
    HashAlgorithm::kSha512, HashAlgorithm::kSha512_224, HashAlgorithm::kSha512_256};

// kAllSignatureHashes lists every SignatureHash, for lookups by content (DigestInfo prefixes, OIDs).
inline constexpr SignatureHash kAllSignatureHashes[] = {SignatureHash::kSha224,     SignatureHash::kSha256,
                                                        SignatureHash::kSha384,     SignatureHash::kSha512,
                                                        SignatureHash::kSha512_224, SignatureHash::kSha512_256};

// ToHashAlgorithm widens a SignatureHash.
HashAlgorithm ToHashAlgorithm(SignatureHash hash);

// ToSignatureHash narrows `hash`; nullopt for SHA-1.
std::optional<SignatureHash> ToSignatureHash(HashAlgorithm hash);

// DigestSize is the output length in bytes (20, 28, 32, 48, 64).
size_t DigestSize(HashAlgorithm hash);
inline size_t DigestSize(SignatureHash hash) { return DigestSize(ToHashAlgorithm(hash)); }

// HashName is the lower-case name used on the command line ("sha1", "sha256", ..., "sha512-224").
std::string_view HashName(HashAlgorithm hash);

// HashFromName parses HashName's output, ignoring case and the separators '-', '_' and '/' ("SHA-256",
// "SHA-512/256" and "sha512_256" are accepted); nullopt if unknown.
std::optional<HashAlgorithm> HashFromName(std::string_view name);

// HashOid is the dotted OID of the hash (1.3.14.3.2.26, 2.16.840.1.101.3.4.2.{1..6}).
std::string_view HashOid(HashAlgorithm hash);

// HashOidDer is the DER content octets of the hash's OBJECT IDENTIFIER (without tag and length).
ByteView HashOidDer(HashAlgorithm hash);

// HashFromOidDer is HashOidDer's inverse; nullopt for any other OID.
std::optional<HashAlgorithm> HashFromOidDer(ByteView oid_der);

// DigestInfoPrefix is the DER of DigestInfo ::= SEQUENCE { AlgorithmIdentifier { oid, NULL }, OCTET STRING } up to
// and including the OCTET STRING's length octet: prefix || digest is the complete DigestInfo (RFC 8017 9.2 note 1).
ByteView DigestInfoPrefix(HashAlgorithm hash);

// Hash computes the digest of `data`. Fails only if Botan fails.
absl::StatusOr<Bytes> Hash(HashAlgorithm hash, ByteView data);

// Hasher computes a digest incrementally: New, any number of Update, then Finish (which resets it for reuse).
class Hasher {
 public:
  static absl::StatusOr<Hasher> New(HashAlgorithm hash);
  Hasher(Hasher&&) noexcept;
  Hasher& operator=(Hasher&&) noexcept;
  ~Hasher();

  absl::Status Update(ByteView data);
  absl::StatusOr<Bytes> Finish();
  HashAlgorithm algorithm() const { return algorithm_; }

 private:
  Hasher(HashAlgorithm hash, std::unique_ptr<Botan::HashFunction> impl);
  HashAlgorithm algorithm_;
  std::unique_ptr<Botan::HashFunction> impl_;
};

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_HASH_H_
