#ifndef JPKICORE_CRYPTO_CMAC_H_
#define JPKICORE_CRYPTO_CMAC_H_

// AES-CMAC (NIST SP 800-38B, RFC 4493) behind jpkicore's own interface. A Cmac is keyed once (cipher key schedule
// and the K1/K2 subkeys are computed at Create) and then reused for any number of messages; messages may be given
// as several parts, so callers MAC "prefix || header || data" without concatenating them first.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"
#include "crypto/aes.h"

namespace Botan {
class BlockCipher;
}  // namespace Botan

namespace jpki::crypto {

class Cmac {
 public:
  // Create keys AES-CMAC with a 16-, 24- or 32-byte key; kInvalidArgument for any other length.
  static absl::StatusOr<Cmac> Create(const SecretBytes& key);

  Cmac(Cmac&&) noexcept;
  Cmac& operator=(Cmac&&) noexcept;
  ~Cmac();  // wipes the subkeys; Botan wipes the key schedule

  size_t key_size() const { return key_size_; }

  // Mac returns the full 16-byte tag of `message`.
  absl::StatusOr<AesBlock> Mac(ByteView message) const;
  // Mac over the concatenation of `parts`, without copying them.
  absl::StatusOr<AesBlock> Mac(std::initializer_list<ByteView> parts) const;

  // Verify checks in constant time that `tag` (1..16 bytes, a possibly truncated tag) is the leading part of the
  // tag of the concatenated `parts`. Fails with kBadSignature, one uniform error, when it is not.
  [[nodiscard]] absl::Status Verify(std::initializer_list<ByteView> parts, ByteView tag) const;

  // Stream is an incremental computation: Update any number of times, then Final once. It borrows the Cmac, which
  // must outlive it. Move-only; its state is wiped on destruction.
  class Stream {
   public:
    Stream(Stream&&) noexcept;
    Stream& operator=(Stream&&) = delete;
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;
    ~Stream();

    void Update(ByteView data);
    // Final returns the tag; the stream may not be used afterwards (fails with kState if it is).
    absl::StatusOr<AesBlock> Final();

   private:
    friend class Cmac;
    explicit Stream(const Cmac* cmac) : cmac_(cmac) {}

    const Cmac* cmac_;
    AesBlock state_{};   // the CBC-MAC chaining value
    AesBlock buffer_{};  // the last, possibly partial, block: it is held back because it takes a subkey
    size_t buffered_ = 0;
    bool finished_ = false;
    bool failed_ = false;
  };
  // Begin starts an incremental computation.
  Stream Begin() const { return Stream(this); }

 private:
  Cmac(std::unique_ptr<Botan::BlockCipher> cipher, size_t key_size, const AesBlock& k1, const AesBlock& k2);
  bool EncryptInPlace(uint8_t* block) const;  // false if Botan failed (never once keyed)

  std::unique_ptr<Botan::BlockCipher> cipher_;
  size_t key_size_ = 0;
  AesBlock k1_{};
  AesBlock k2_{};
};

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_CMAC_H_
