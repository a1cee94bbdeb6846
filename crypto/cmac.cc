#include "crypto/cmac.h"

#include <botan/block_cipher.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "base/botan_boundary.h"
#include "base/ct.h"
#include "base/error.h"

namespace jpki::crypto {
namespace {

constexpr char kModule[] = "cmac";

// Doubling in GF(2^128) with the SP 800-38B polynomial (Rb = 0x87), branch-free on the (secret) top bit.
AesBlock Double(const AesBlock& in) {
  AesBlock out;
  const uint8_t carry = static_cast<uint8_t>(in[0] >> 7);
  for (size_t i = 0; i + 1 < kAesBlockSize; ++i) out[i] = static_cast<uint8_t>((in[i] << 1) | (in[i + 1] >> 7));
  out[kAesBlockSize - 1] =
      static_cast<uint8_t>((in[kAesBlockSize - 1] << 1) ^ (ct::MaskFromBit<uint8_t>(carry) & 0x87));
  return out;
}

// XorBlock: dst ^= src over 16 bytes, as two 64-bit words (memcpy keeps it free of aliasing and alignment UB and
// lets the compiler emit two loads and XORs instead of sixteen byte operations).
inline void XorBlock(uint8_t* dst, const uint8_t* src) {
  uint64_t a[2], b[2];
  std::memcpy(a, dst, 16);
  std::memcpy(b, src, 16);
  a[0] ^= b[0];
  a[1] ^= b[1];
  std::memcpy(dst, a, 16);
}

}  // namespace

Cmac::Cmac(std::unique_ptr<Botan::BlockCipher> cipher, size_t key_size, const AesBlock& k1, const AesBlock& k2)
    : cipher_(std::move(cipher)), key_size_(key_size), k1_(k1), k2_(k2) {}

Cmac::Cmac(Cmac&& other) noexcept
    : cipher_(std::move(other.cipher_)), key_size_(other.key_size_), k1_(other.k1_), k2_(other.k2_) {
  ct::SecureZero(other.k1_.data(), kAesBlockSize);
  ct::SecureZero(other.k2_.data(), kAesBlockSize);
}

Cmac& Cmac::operator=(Cmac&& other) noexcept {
  if (this != &other) {
    cipher_ = std::move(other.cipher_);
    key_size_ = other.key_size_;
    k1_ = other.k1_;
    k2_ = other.k2_;
    ct::SecureZero(other.k1_.data(), kAesBlockSize);
    ct::SecureZero(other.k2_.data(), kAesBlockSize);
  }
  return *this;
}

Cmac::~Cmac() {
  ct::SecureZero(k1_.data(), kAesBlockSize);
  ct::SecureZero(k2_.data(), kAesBlockSize);
}

absl::StatusOr<Cmac> Cmac::Create(const SecretBytes& key) {
  const size_t n = key.size();
  if (n != 16 && n != 24 && n != 32) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "key must be 16, 24 or 32 bytes");
  }
  AesBlock l{};
  auto cipher = CallBotan(kModule, "key setup", [&] {
    auto c = Botan::BlockCipher::create_or_throw("AES-" + std::to_string(n * 8));
    c->set_key(key.data(), n);
    c->encrypt(l.data());  // L = AES(K, 0^128)
    return c;
  });
  if (!cipher.ok()) return cipher.status();
  AesBlock k1 = Double(l);
  AesBlock k2 = Double(k1);
  Cmac out(std::move(*cipher), n, k1, k2);
  ct::SecureZero(l.data(), kAesBlockSize);
  ct::SecureZero(k1.data(), kAesBlockSize);
  ct::SecureZero(k2.data(), kAesBlockSize);
  return out;
}

bool Cmac::EncryptInPlace(uint8_t* block) const {
  // encrypt_n throws only when no key is set, which Create rules out; the boundary is kept all the same.
  try {
    cipher_->encrypt_n(block, block, 1);
    return true;
  } catch (...) {
    return false;
  }
}

absl::StatusOr<AesBlock> Cmac::Mac(ByteView message) const {
  Stream stream = Begin();
  stream.Update(message);
  return stream.Final();
}

absl::StatusOr<AesBlock> Cmac::Mac(std::initializer_list<ByteView> parts) const {
  Stream stream = Begin();
  for (ByteView part : parts) stream.Update(part);
  return stream.Final();
}

absl::Status Cmac::Verify(std::initializer_list<ByteView> parts, ByteView tag) const {
  if (tag.empty() || tag.size() > kAesBlockSize) {
    return MakeError(ErrorCode::kInvalidArgument, kModule, "tag must be 1 to 16 bytes");
  }
  auto expected = Mac(parts);
  if (!expected.ok()) return expected.status();
  const bool match = ct::Equal(expected->data(), tag.data(), tag.size()) != 0;
  ct::SecureZero(expected->data(), kAesBlockSize);
  if (!match) return MakeError(ErrorCode::kBadSignature, kModule, "MAC does not verify");
  return absl::OkStatus();
}

Cmac::Stream::Stream(Stream&& other) noexcept
    : cmac_(other.cmac_),
      state_(other.state_),
      buffer_(other.buffer_),
      buffered_(other.buffered_),
      finished_(other.finished_),
      failed_(other.failed_) {
  ct::SecureZero(other.state_.data(), kAesBlockSize);
  ct::SecureZero(other.buffer_.data(), kAesBlockSize);
  other.finished_ = true;
}

Cmac::Stream::~Stream() {
  ct::SecureZero(state_.data(), kAesBlockSize);
  ct::SecureZero(buffer_.data(), kAesBlockSize);
}

void Cmac::Stream::Update(ByteView data) {
  if (finished_ || data.empty()) return;
  const uint8_t* p = data.data();
  size_t n = data.size();
  // Fill the held-back block first.
  if (buffered_ < kAesBlockSize) {
    const size_t take = std::min(n, kAesBlockSize - buffered_);
    std::memcpy(buffer_.data() + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
    if (n == 0) return;
  }
  // More data follows, so the held-back full block is not the last one: absorb it.
  XorBlock(state_.data(), buffer_.data());
  if (!cmac_->EncryptInPlace(state_.data())) failed_ = true;
  // Absorb whole blocks straight from the input, always keeping the final (possibly full) block back.
  while (n > kAesBlockSize) {
    XorBlock(state_.data(), p);
    if (!cmac_->EncryptInPlace(state_.data())) failed_ = true;
    p += kAesBlockSize;
    n -= kAesBlockSize;
  }
  std::memcpy(buffer_.data(), p, n);
  buffered_ = n;
}

absl::StatusOr<AesBlock> Cmac::Stream::Final() {
  if (finished_) return MakeError(ErrorCode::kState, kModule, "stream already finished");
  finished_ = true;
  if (buffered_ == kAesBlockSize) {
    XorBlock(state_.data(), buffer_.data());
    XorBlock(state_.data(), cmac_->k1_.data());
  } else {
    // Incomplete (or empty) last block: pad with 80 00.. and use K2.
    buffer_[buffered_] = 0x80;
    for (size_t i = buffered_ + 1; i < kAesBlockSize; ++i) buffer_[i] = 0;
    XorBlock(state_.data(), buffer_.data());
    XorBlock(state_.data(), cmac_->k2_.data());
  }
  if (!cmac_->EncryptInPlace(state_.data())) failed_ = true;
  if (failed_) return MakeError(ErrorCode::kInternal, kModule, "AES failed");
  AesBlock tag = state_;
  return tag;
}

}  // namespace jpki::crypto
