#ifndef JPKICORE_CRYPTO_AES_H_
#define JPKICORE_CRYPTO_AES_H_

// AES-128/192/256 behind jpkicore's own small interface: single blocks (ECB, for SCP03 IVs and key check values) and
// CBC without padding (SCP03 C-DECRYPTION / R-ENCRYPTION, PUT KEY under the DEK). Botan does the block operations;
// an Aes object is keyed once and reused, so the key schedule is not recomputed per message.

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"

namespace Botan {
class BlockCipher;
}  // namespace Botan

namespace jpki::crypto {

inline constexpr size_t kAesBlockSize = 16;
using AesBlock = std::array<uint8_t, kAesBlockSize>;

// Aes is a keyed AES block cipher. Move-only; the key schedule lives in Botan's zeroizing storage and is wiped when
// the object is destroyed. All operations are const and may be called concurrently.
class Aes {
 public:
  // Create keys AES with a 16-, 24- or 32-byte key. Fails with kInvalidArgument for any other length.
  static absl::StatusOr<Aes> Create(const SecretBytes& key);

  Aes(Aes&&) noexcept;
  Aes& operator=(Aes&&) noexcept;
  ~Aes();

  // key_size is the key length in bytes (16, 24 or 32).
  size_t key_size() const { return key_size_; }

  // EncryptBlock / DecryptBlock transform one 16-byte block (ECB).
  absl::StatusOr<AesBlock> EncryptBlock(ByteView in) const;
  absl::StatusOr<AesBlock> DecryptBlock(ByteView in) const;
  // EncryptBlocks / DecryptBlocks transform consecutive blocks independently (ECB, parallel in hardware).
  // `in.size()` must be a multiple of 16 and equal to `out.size()`; `in` and `out` may be the same buffer.
  [[nodiscard]] absl::Status EncryptBlocks(ByteView in, absl::Span<uint8_t> out) const;
  [[nodiscard]] absl::Status DecryptBlocks(ByteView in, absl::Span<uint8_t> out) const;

  // CbcEncrypt / CbcDecrypt: AES-CBC without padding. `in.size()` must be a multiple of 16 and `out.size()` equal to
  // it (`in` and `out` may be the same buffer); `iv` is 16 bytes. Fail with kInvalidArgument on a bad length.
  [[nodiscard]] absl::Status CbcEncrypt(ByteView iv, ByteView in, absl::Span<uint8_t> out) const;
  [[nodiscard]] absl::Status CbcDecrypt(ByteView iv, ByteView in, absl::Span<uint8_t> out) const;
  // Allocating forms of the above.
  absl::StatusOr<Bytes> CbcEncrypt(ByteView iv, ByteView in) const;
  absl::StatusOr<Bytes> CbcDecrypt(ByteView iv, ByteView in) const;

 private:
  Aes(std::unique_ptr<Botan::BlockCipher> cipher, size_t key_size);

  std::unique_ptr<Botan::BlockCipher> cipher_;
  size_t key_size_ = 0;
};

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_AES_H_
