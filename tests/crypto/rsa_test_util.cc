#include "tests/crypto/rsa_test_util.h"

#include <botan/bigint.h>
#include <botan/numthry.h>
#include <botan/reducer.h>

#include "base/error.h"

namespace jpki::crypto::testing {
namespace {

Botan::BigInt ToBig(ByteView v) { return Botan::BigInt(v.data(), v.size()); }
Bytes FromBig(const Botan::BigInt& x) {
  const auto v = Botan::BigInt::encode(x);
  return Bytes(v.begin(), v.end());
}

}  // namespace

absl::StatusOr<RsaPrivateNumbers> NumbersFromNed(ByteView n_bytes, ByteView e_bytes, ByteView d_bytes) {
  const Botan::BigInt n = ToBig(n_bytes), e = ToBig(e_bytes), d = ToBig(d_bytes);
  const Botan::BigInt k = d * e - 1;
  Botan::BigInt t = k;
  while (t.is_even()) t >>= 1;
  const Botan::BigInt one(1);
  const Botan::BigInt n_minus_1 = n - 1;
  for (uint32_t g = 2; g < 200; ++g) {
    Botan::BigInt x = Botan::power_mod(Botan::BigInt(g), t, n);
    for (Botan::BigInt s = t; s < k; s <<= 1) {
      const Botan::BigInt y = (x * x) % n;
      if (y == one && x != one && x != n_minus_1) {
        const Botan::BigInt p = Botan::gcd(x - 1, n);
        const Botan::BigInt q = n / p;
        RsaPrivateNumbers numbers;
        numbers.n = FromBig(n);
        numbers.e = FromBig(e);
        numbers.d = SecretBytes(FromBig(d));
        // Conventionally p > q.
        const Botan::BigInt& big = p > q ? p : q;
        const Botan::BigInt& small = p > q ? q : p;
        numbers.p = SecretBytes(FromBig(big));
        numbers.q = SecretBytes(FromBig(small));
        numbers.dp = SecretBytes(FromBig(d % (big - 1)));
        numbers.dq = SecretBytes(FromBig(d % (small - 1)));
        numbers.qinv = SecretBytes(FromBig(Botan::inverse_mod(small, big)));
        return numbers;
      }
      if (y == one) break;
      x = y;
    }
  }
  return MakeError(ErrorCode::kInternal, "test", "could not factor n from (e, d)");
}

absl::Status FixedRandom::Fill(absl::Span<uint8_t> out) {
  std::lock_guard<std::mutex> lock(mu_);
  if (bytes_.size() - pos_ < out.size()) return MakeError(ErrorCode::kInternal, "test", "fixed random exhausted");
  std::copy(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_),
            bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + out.size()), out.begin());
  pos_ += out.size();
  return absl::OkStatus();
}

}  // namespace jpki::crypto::testing
