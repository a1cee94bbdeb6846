#include "crypto/aes.h"

#include <botan/block_cipher.h>

#include <cstring>
#include <string>
#include <utility>

#include "base/botan_boundary.h"
#include "base/error.h"

namespace jpki::crypto {
namespace {

constexpr char kModule[] = "aes";

absl::Status CheckBlocks(ByteView in, size_t out_size) {
  if (in.size() % kAesBlockSize != 0) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "input is not a whole number of 16-byte blocks");
  }
  if (out_size != in.size()) return MakeError(ErrorCode::kInvalidArgument, kModule, "output size differs from input");
  return absl::OkStatus();
}

absl::Status CheckIv(ByteView iv) {
  if (iv.size() != kAesBlockSize) return MakeError(ErrorCode::kInvalidArgument, kModule, "IV must be 16 bytes");
  return absl::OkStatus();
}

}  // namespace

Aes::Aes(std::unique_ptr<Botan::BlockCipher> cipher, size_t key_size)
    : cipher_(std::move(cipher)), key_size_(key_size) {}
Aes::Aes(Aes&&) noexcept = default;
Aes& Aes::operator=(Aes&&) noexcept = default;
Aes::~Aes() = default;  // Botan's key schedule is a secure_vector, wiped on destruction.

absl::StatusOr<Aes> Aes::Create(const SecretBytes& key) {
  const size_t n = key.size();
  if (n != 16 && n != 24 && n != 32) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "key must be 16, 24 or 32 bytes");
  }
  auto cipher = CallBotan(kModule, "key setup", [&] {
    auto c = Botan::BlockCipher::create_or_throw("AES-" + std::to_string(n * 8));
    c->set_key(key.data(), n);
    return c;
  });
  if (!cipher.ok()) return cipher.status();
  return Aes(std::move(*cipher), n);
}

absl::StatusOr<AesBlock> Aes::EncryptBlock(ByteView in) const {
  if (in.size() != kAesBlockSize) return MakeError(ErrorCode::kInvalidArgument, kModule, "block must be 16 bytes");
  AesBlock out;
  absl::Status s = CallBotan(kModule, "encrypt", [&] { cipher_->encrypt_n(in.data(), out.data(), 1); });
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<AesBlock> Aes::DecryptBlock(ByteView in) const {
  if (in.size() != kAesBlockSize) return MakeError(ErrorCode::kInvalidArgument, kModule, "block must be 16 bytes");
  AesBlock out;
  absl::Status s = CallBotan(kModule, "decrypt", [&] { cipher_->decrypt_n(in.data(), out.data(), 1); });
  if (!s.ok()) return s;
  return out;
}

absl::Status Aes::EncryptBlocks(ByteView in, absl::Span<uint8_t> out) const {
  absl::Status s = CheckBlocks(in, out.size());
  if (!s.ok()) return s;
  return CallBotan(kModule, "encrypt", [&] { cipher_->encrypt_n(in.data(), out.data(), in.size() / kAesBlockSize); });
}

absl::Status Aes::DecryptBlocks(ByteView in, absl::Span<uint8_t> out) const {
  absl::Status s = CheckBlocks(in, out.size());
  if (!s.ok()) return s;
  return CallBotan(kModule, "decrypt", [&] { cipher_->decrypt_n(in.data(), out.data(), in.size() / kAesBlockSize); });
}

absl::Status Aes::CbcEncrypt(ByteView iv, ByteView in, absl::Span<uint8_t> out) const {
  absl::Status s = CheckIv(iv);
  if (s.ok()) s = CheckBlocks(in, out.size());
  if (!s.ok()) return s;
  // CBC encryption is serial: each block is XORed with the previous ciphertext block, then encrypted in place.
  return CallBotan(kModule, "CBC encrypt", [&] {
    const uint8_t* chain = iv.data();
    for (size_t off = 0; off < in.size(); off += kAesBlockSize) {
      uint8_t block[kAesBlockSize];
      for (size_t i = 0; i < kAesBlockSize; ++i) block[i] = static_cast<uint8_t>(in[off + i] ^ chain[i]);
      cipher_->encrypt_n(block, out.data() + off, 1);
      chain = out.data() + off;
    }
  });
}

absl::Status Aes::CbcDecrypt(ByteView iv, ByteView in, absl::Span<uint8_t> out) const {
  absl::Status s = CheckIv(iv);
  if (s.ok()) s = CheckBlocks(in, out.size());
  if (!s.ok()) return s;
  if (in.empty()) return absl::OkStatus();
  // CBC decryption parallelises: decrypt every block at once (AES-NI pipelines them), then XOR with the previous
  // ciphertext. When decrypting in place the ciphertext would be overwritten, so work on a copy of it.
  Bytes cipher_copy;
  const uint8_t* ct = in.data();
  if (in.data() == out.data() || (out.data() < in.data() + in.size() && in.data() < out.data() + out.size())) {
    cipher_copy.assign(in.begin(), in.end());
    ct = cipher_copy.data();
  }
  return CallBotan(kModule, "CBC decrypt", [&] {
    cipher_->decrypt_n(ct, out.data(), in.size() / kAesBlockSize);
    for (size_t i = 0; i < kAesBlockSize; ++i) out[i] ^= iv[i];
    for (size_t i = kAesBlockSize; i < in.size(); ++i) out[i] ^= ct[i - kAesBlockSize];
  });
}

absl::StatusOr<Bytes> Aes::CbcEncrypt(ByteView iv, ByteView in) const {
  Bytes out(in.size());
  absl::Status s = CbcEncrypt(iv, in, absl::MakeSpan(out));
  if (!s.ok()) return s;
  return out;
}

absl::StatusOr<Bytes> Aes::CbcDecrypt(ByteView iv, ByteView in) const {
  Bytes out(in.size());
  absl::Status s = CbcDecrypt(iv, in, absl::MakeSpan(out));
  if (!s.ok()) return s;
  return out;
}

}  // namespace jpki::crypto
