#include "crypto/hash.h"

#include <botan/hash.h>

#include <cctype>
#include <string>

#include "base/botan_boundary.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/internal/sha512_224.h"

namespace jpki::crypto {
namespace {

constexpr std::string_view kModule = "hash";

struct HashInfo {
  const char* botan_name;
  const char* name;
  const char* oid;
  size_t digest_size;
  ByteView oid_der;
  ByteView digest_info_prefix;
};

// OID content octets (RFC 8017 appendix B.1; NIST's hashAlgs arc 2.16.840.1.101.3.4.2) and DigestInfo prefixes
// (RFC 8017 section 9.2, note 1).
constexpr uint8_t kSha1Oid[] = {0x2b, 0x0e, 0x03, 0x02, 0x1a};
constexpr uint8_t kSha256Oid[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
constexpr uint8_t kSha384Oid[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02};
constexpr uint8_t kSha512Oid[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03};
constexpr uint8_t kSha224Oid[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04};
constexpr uint8_t kSha512_224Oid[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x05};
constexpr uint8_t kSha512_256Oid[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x06};

constexpr uint8_t kSha1Prefix[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                   0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
constexpr uint8_t kSha256Prefix[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                     0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
constexpr uint8_t kSha384Prefix[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                     0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
constexpr uint8_t kSha512Prefix[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                     0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};
constexpr uint8_t kSha224Prefix[] = {0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                     0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04, 0x1c};
constexpr uint8_t kSha512_224Prefix[] = {0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                         0x65, 0x03, 0x04, 0x02, 0x05, 0x05, 0x00, 0x04, 0x1c};
constexpr uint8_t kSha512_256Prefix[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                         0x65, 0x03, 0x04, 0x02, 0x06, 0x05, 0x00, 0x04, 0x20};

// botan_name is empty for SHA-512/224, which Botan 2.19 lacks (crypto/internal/sha512_224.h supplies it).
const HashInfo& Info(HashAlgorithm hash) {
  static const HashInfo kSha1{"SHA-1", "sha1", "1.3.14.3.2.26", 20, kSha1Oid, kSha1Prefix};
  static const HashInfo kSha224{"SHA-224", "sha224", "2.16.840.1.101.3.4.2.4", 28, kSha224Oid, kSha224Prefix};
  static const HashInfo kSha256{"SHA-256", "sha256", "2.16.840.1.101.3.4.2.1", 32, kSha256Oid, kSha256Prefix};
  static const HashInfo kSha384{"SHA-384", "sha384", "2.16.840.1.101.3.4.2.2", 48, kSha384Oid, kSha384Prefix};
  static const HashInfo kSha512{"SHA-512", "sha512", "2.16.840.1.101.3.4.2.3", 64, kSha512Oid, kSha512Prefix};
  static const HashInfo kSha512_224{"", "sha512-224", "2.16.840.1.101.3.4.2.5", 28, kSha512_224Oid, kSha512_224Prefix};
  static const HashInfo kSha512_256{"SHA-512-256",  "sha512-256",     "2.16.840.1.101.3.4.2.6", 32,
                                    kSha512_256Oid, kSha512_256Prefix};
  switch (hash) {
    case HashAlgorithm::kSha1:
      return kSha1;
    case HashAlgorithm::kSha224:
      return kSha224;
    case HashAlgorithm::kSha256:
      return kSha256;
    case HashAlgorithm::kSha384:
      return kSha384;
    case HashAlgorithm::kSha512:
      return kSha512;
    case HashAlgorithm::kSha512_224:
      return kSha512_224;
    case HashAlgorithm::kSha512_256:
      return kSha512_256;
  }
  return kSha256;  // unreachable: the switch is exhaustive over a closed enum
}

// NormalizedName lower-cases `name` and drops the separators people write inside hash names.
std::string NormalizedName(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '/') {
      continue;
    }
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

HashAlgorithm ToHashAlgorithm(SignatureHash hash) {
  switch (hash) {
    case SignatureHash::kSha224:
      return HashAlgorithm::kSha224;
    case SignatureHash::kSha256:
      return HashAlgorithm::kSha256;
    case SignatureHash::kSha384:
      return HashAlgorithm::kSha384;
    case SignatureHash::kSha512:
      return HashAlgorithm::kSha512;
    case SignatureHash::kSha512_224:
      return HashAlgorithm::kSha512_224;
    case SignatureHash::kSha512_256:
      return HashAlgorithm::kSha512_256;
  }
  return HashAlgorithm::kSha256;  // unreachable
}

std::optional<SignatureHash> ToSignatureHash(HashAlgorithm hash) {
  for (SignatureHash h : kAllSignatureHashes) {
    if (ToHashAlgorithm(h) == hash) {
      return h;
    }
  }
  return std::nullopt;  // SHA-1
}

size_t DigestSize(HashAlgorithm hash) { return Info(hash).digest_size; }
std::string_view HashName(HashAlgorithm hash) { return Info(hash).name; }
std::string_view HashOid(HashAlgorithm hash) { return Info(hash).oid; }
ByteView HashOidDer(HashAlgorithm hash) { return Info(hash).oid_der; }
ByteView DigestInfoPrefix(HashAlgorithm hash) { return Info(hash).digest_info_prefix; }

std::optional<HashAlgorithm> HashFromName(std::string_view name) {
  const std::string wanted = NormalizedName(name);
  for (HashAlgorithm h : kAllHashAlgorithms) {
    if (wanted == NormalizedName(Info(h).name)) {
      return h;
    }
  }
  return std::nullopt;
}

std::optional<HashAlgorithm> HashFromOidDer(ByteView oid_der) {
  for (HashAlgorithm h : kAllHashAlgorithms) {
    if (Equal(oid_der, Info(h).oid_der)) {
      return h;
    }
  }
  return std::nullopt;
}

absl::StatusOr<Bytes> Hash(HashAlgorithm hash, ByteView data) {
  JPKI_ASSIGN_OR_RETURN(Hasher hasher, Hasher::New(hash));
  JPKI_RETURN_IF_ERROR(hasher.Update(data));
  return hasher.Finish();
}

Hasher::Hasher(HashAlgorithm hash, std::unique_ptr<Botan::HashFunction> impl)
    : algorithm_(hash), impl_(std::move(impl)) {}
Hasher::Hasher(Hasher&&) noexcept = default;
Hasher& Hasher::operator=(Hasher&&) noexcept = default;
Hasher::~Hasher() = default;

absl::StatusOr<Hasher> Hasher::New(HashAlgorithm hash) {
  JPKI_ASSIGN_OR_RETURN(std::unique_ptr<Botan::HashFunction> impl, CallBotan(kModule, "create hash", [&] {
                          if (hash == HashAlgorithm::kSha512_224) return internal::NewSha512_224();
                          return Botan::HashFunction::create_or_throw(Info(hash).botan_name);
                        }));
  return Hasher(hash, std::move(impl));
}

absl::Status Hasher::Update(ByteView data) {
  if (impl_ == nullptr) return MakeError(ErrorCode::kState, kModule, "hasher was moved from");
  return CallBotan(kModule, "update", [&] { impl_->update(data.data(), data.size()); });
}

absl::StatusOr<Bytes> Hasher::Finish() {
  if (impl_ == nullptr) return MakeError(ErrorCode::kState, kModule, "hasher was moved from");
  return CallBotan(kModule, "final", [&] {
    Bytes out(impl_->output_length());
    impl_->final(out.data());
    return out;
  });
}

}  // namespace jpki::crypto
