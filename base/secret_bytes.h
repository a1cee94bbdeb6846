#ifndef JPKICORE_BASE_SECRET_BYTES_H_
#define JPKICORE_BASE_SECRET_BYTES_H_

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "base/ct.h"

namespace jpki {

// SecretBytes owns secret material (keys, PINs, session keys). It is move-only, zeroizes its storage on destruction
// and on moves, compares only in constant time, and prints as "<redacted N bytes>". There is deliberately no
// operator== and no implicit conversion to ByteView: call view() where the secret must be used.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(size_t size) : data_(size, 0) {}
  explicit SecretBytes(ByteView bytes) : data_(bytes.begin(), bytes.end()) {}
  ~SecretBytes() { Wipe(); }

  SecretBytes(SecretBytes&& other) noexcept : data_(std::move(other.data_)) { other.data_.clear(); }
  SecretBytes& operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
      Wipe();
      data_ = std::move(other.data_);
      other.data_.clear();
    }
    return *this;
  }
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  // Clone makes an explicit copy; copies of secrets are never made implicitly.
  SecretBytes Clone() const { return SecretBytes(view()); }

  ByteView view() const { return ByteView(data_.data(), data_.size()); }
  uint8_t* data() { return data_.data(); }
  const uint8_t* data() const { return data_.data(); }
  size_t size() const { return data_.size(); }
  bool empty() const { return data_.empty(); }

  // ConstantTimeEquals compares with `other` without a data-dependent branch (the length is public).
  bool ConstantTimeEquals(ByteView other) const {
    if (other.size() != data_.size()) return false;
    return ct::Equal(data_.data(), other.data(), data_.size()) != 0;
  }

 private:
  void Wipe() {
    if (!data_.empty()) ct::SecureZero(data_.data(), data_.size());
    data_.clear();
  }

  std::vector<uint8_t> data_;
};

inline std::ostream& operator<<(std::ostream& os, const SecretBytes& secret) {
  return os << "<redacted " << secret.size() << " bytes>";
}

}  // namespace jpki

#endif  // JPKICORE_BASE_SECRET_BYTES_H_
