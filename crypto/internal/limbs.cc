#include "crypto/internal/limbs.h"

#include <cstring>

#include "base/ct.h"

namespace jpki::crypto::internal {

using u128 = unsigned __int128;

void BytesToLimbs(absl::Span<const uint8_t> in, Limb* out, size_t limbs) {
  for (size_t i = 0; i < limbs; ++i) out[i] = 0;
  const size_t len = in.size();
  for (size_t i = 0; i < len; ++i) {
    out[i / 8] |= static_cast<Limb>(in[len - 1 - i]) << (8 * (i % 8));
  }
}

void LimbsToBytes(const Limb* in, size_t limbs, absl::Span<uint8_t> out) {
  const size_t len = out.size();
  for (size_t i = 0; i < len; ++i) {
    const size_t limb = i / 8;
    out[len - 1 - i] = limb < limbs ? static_cast<uint8_t>(in[limb] >> (8 * (i % 8))) : 0;
  }
}

Limb Add(Limb* r, const Limb* a, const Limb* b, size_t n) {
  Limb carry = 0;
  for (size_t i = 0; i < n; ++i) {
    const u128 s = static_cast<u128>(a[i]) + b[i] + carry;
    r[i] = static_cast<Limb>(s);
    carry = static_cast<Limb>(s >> 64);
  }
  return carry;
}

Limb Sub(Limb* r, const Limb* a, const Limb* b, size_t n) {
  Limb borrow = 0;
  for (size_t i = 0; i < n; ++i) {
    const u128 d = static_cast<u128>(a[i]) - b[i] - borrow;
    r[i] = static_cast<Limb>(d);
    borrow = static_cast<Limb>(d >> 64) & 1;
  }
  return borrow;
}

Limb LessMask(const Limb* a, const Limb* b, size_t n) {
  Limb borrow = 0;
  for (size_t i = 0; i < n; ++i) {
    const u128 d = static_cast<u128>(a[i]) - b[i] - borrow;
    borrow = static_cast<Limb>(d >> 64) & 1;
  }
  return ct::MaskFromBit(borrow);
}

Limb EqualMask(const Limb* a, const Limb* b, size_t n) {
  Limb diff = 0;
  for (size_t i = 0; i < n; ++i) diff |= a[i] ^ b[i];
  return ct::IsZero(diff);
}

void Select(Limb mask, Limb* r, const Limb* a, const Limb* b, size_t n) {
  const Limb m = ct::ValueBarrier(mask);
  for (size_t i = 0; i < n; ++i) r[i] = (a[i] & m) | (b[i] & ~m);
}

void CondSubtract(Limb* a, const Limb* m, size_t n, Limb carry) {
  Limb borrow = 0;
  // t = a - m, computed limb by limb into a temporary-free form: a second pass selects.
  Limb t[kMaxLimbs];
  for (size_t i = 0; i < n; ++i) {
    const u128 d = static_cast<u128>(a[i]) - m[i] - borrow;
    t[i] = static_cast<Limb>(d);
    borrow = static_cast<Limb>(d >> 64) & 1;
  }
  // Keep a - m unless it borrowed without an overflow bit to absorb the borrow.
  const Limb keep_a = ct::MaskFromBit(borrow & (carry ^ 1));
  Select(keep_a, a, a, t, n);
}

void ModAdd(Limb* r, const Limb* a, const Limb* b, const Limb* m, size_t n) {
  const Limb carry = Add(r, a, b, n);
  CondSubtract(r, m, n, carry);
}

void ModSub(Limb* r, const Limb* a, const Limb* b, const Limb* m, size_t n) {
  const Limb borrow = Sub(r, a, b, n);
  Limb t[kMaxLimbs];
  Add(t, r, m, n);
  Select(ct::MaskFromBit(borrow), r, t, r, n);
}

void MulPlain(Limb* r, const Limb* a, size_t na, const Limb* b, size_t nb) {
  for (size_t i = 0; i < na + nb; ++i) r[i] = 0;
  for (size_t i = 0; i < na; ++i) {
    Limb carry = 0;
    for (size_t j = 0; j < nb; ++j) {
      const u128 p = static_cast<u128>(a[i]) * b[j] + r[i + j] + carry;
      r[i + j] = static_cast<Limb>(p);
      carry = static_cast<Limb>(p >> 64);
    }
    r[i + nb] = carry;
  }
}

void PowerOfTwoMod(size_t k, const Limb* m, size_t n, size_t mbits, Limb* out) {
  for (size_t i = 0; i < n; ++i) out[i] = 0;
  out[(mbits - 1) / 64] = Limb{1} << ((mbits - 1) % 64);  // 2^(mbits-1) < m
  for (size_t i = mbits - 1; i < k; ++i) {
    const Limb carry = Add(out, out, out, n);
    CondSubtract(out, m, n, carry);
  }
}

Limb NegInverse(Limb x) {
  // Newton iteration: y = x^-1 mod 2^(2^i); x*x = 1 mod 8 for odd x gives three correct bits to start.
  Limb y = x;
  for (int i = 0; i < 5; ++i) y *= 2 - x * y;
  return 0 - y;
}

size_t BitLength(const Limb* a, size_t n) {
  for (size_t i = n; i > 0; --i) {
    if (a[i - 1] != 0) return 64 * (i - 1) + (64 - static_cast<size_t>(__builtin_clzll(a[i - 1])));
  }
  return 0;
}

void ToRadix(const Limb* in, size_t n64, int radix_bits, Limb* out, size_t limbs) {
  if (radix_bits == 64) {
    for (size_t i = 0; i < limbs; ++i) out[i] = i < n64 ? in[i] : 0;
    return;
  }
  const Limb mask = (Limb{1} << radix_bits) - 1;
  for (size_t i = 0; i < limbs; ++i) {
    const size_t bit = i * static_cast<size_t>(radix_bits);
    const size_t w = bit / 64, s = bit % 64;
    Limb v = w < n64 ? in[w] >> s : 0;
    if (s != 0 && w + 1 < n64) v |= in[w + 1] << (64 - s);
    out[i] = v & mask;
  }
}

void FromRadix(const Limb* in, size_t limbs, int radix_bits, Limb* out, size_t n64) {
  if (radix_bits == 64) {
    for (size_t i = 0; i < n64; ++i) out[i] = i < limbs ? in[i] : 0;
    return;
  }
  for (size_t i = 0; i < n64; ++i) out[i] = 0;
  for (size_t i = 0; i < limbs; ++i) {
    const size_t bit = i * static_cast<size_t>(radix_bits);
    const size_t w = bit / 64, s = bit % 64;
    if (w < n64) out[w] |= in[i] << s;
    if (s != 0 && w + 1 < n64) out[w + 1] |= in[i] >> (64 - s);
  }
}

void WipeLimbs(Limb* p, size_t n) {
  std::memset(p, 0, n * sizeof(Limb));
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

// Not inlined: its frame must lie where the caller's callees had theirs. The region is allocated on the stack right
// below that frame (not over-aligned, which would leave a gap at the top).
__attribute__((noinline)) void WipeStackBelow(size_t bytes) {
  auto* region = static_cast<unsigned char*>(__builtin_alloca(bytes));
  std::memset(region, 0, bytes);
  __asm__ __volatile__("" : : "r"(region) : "memory");
}

}  // namespace jpki::crypto::internal
