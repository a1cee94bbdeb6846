#ifndef JPKICORE_CRYPTO_INTERNAL_MONT64_IMPL_H_
#define JPKICORE_CRYPTO_INTERNAL_MONT64_IMPL_H_

// Montgomery multiplication and dedicated squaring in radix 2^64, shared by the portable and MULX engines, which
// differ only in the inner row t[0..n) += a[0..n) * b (the `Row` policy). Operand-scanning multiplication with
// interleaved reduction (CIOS); squaring computes the upper triangle once, doubles it, adds the diagonal, then
// reduces (about n^2/2 fewer limb products than a multiplication). Loop bounds depend only on the limb count.

#include <cstddef>

#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto::internal {

template <class Row>
struct Mont64 {
  using u128 = unsigned __int128;

  static inline void AddAt(Limb* t, Limb c) {
    const u128 s = static_cast<u128>(t[0]) + c;
    t[0] = static_cast<Limb>(s);
    t[1] += static_cast<Limb>(s >> 64);
  }

  template <size_t kN>
  static void MulN(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
    const size_t n = kN != 0 ? kN : m.limbs;
    Limb t[2 * kMax64 + 2];
    for (size_t i = 0; i < 2 * n + 2; ++i) t[i] = 0;
    for (size_t i = 0; i < n; ++i) {
      AddAt(t + i + n, Row::template MulAdd<kN>(t + i, a, b[i], n));
      const Limb q = t[i] * m.k0;
      AddAt(t + i + n, Row::template MulAdd<kN>(t + i, m.n, q, n));
    }
    for (size_t i = 0; i < n; ++i) r[i] = t[n + i];
    CondSubtract(r, m.n, n, t[2 * n]);
  }

  template <size_t kN>
  static void SqrN(Limb* r, const Limb* a, const MontParams& m) {
    const size_t n = kN != 0 ? kN : m.limbs;
    Limb t[2 * kMax64 + 2];
    for (size_t i = 0; i < 2 * n + 2; ++i) t[i] = 0;
    // Upper triangle: sum over i < j of a_i a_j 2^(64(i+j)).
    for (size_t i = 0; i + 1 < n; ++i) {
      t[i + n] = Row::template MulAdd<kN>(t + 2 * i + 1, a + i + 1, a[i], n - i - 1);
    }
    // Double it and add the diagonal a_i^2 2^(128 i).
    Limb shifted_out = 0;
    for (size_t k = 0; k < 2 * n; ++k) {
      const Limb v = t[k];
      t[k] = (v << 1) | shifted_out;
      shifted_out = v >> 63;
    }
    Limb carry = 0;
    for (size_t i = 0; i < n; ++i) {
      const u128 sq = static_cast<u128>(a[i]) * a[i];
      u128 s = static_cast<u128>(t[2 * i]) + static_cast<Limb>(sq) + carry;
      t[2 * i] = static_cast<Limb>(s);
      s = static_cast<u128>(t[2 * i + 1]) + static_cast<Limb>(sq >> 64) + static_cast<Limb>(s >> 64);
      t[2 * i + 1] = static_cast<Limb>(s);
      carry = static_cast<Limb>(s >> 64);
    }
    // Montgomery reduction of the 2n-limb square.
    Limb top = 0;
    for (size_t i = 0; i < n; ++i) {
      const Limb q = t[i] * m.k0;
      const Limb c = Row::template MulAdd<kN>(t + i, m.n, q, n);
      const u128 s = static_cast<u128>(t[i + n]) + c + top;
      t[i + n] = static_cast<Limb>(s);
      top = static_cast<Limb>(s >> 64);
    }
    for (size_t i = 0; i < n; ++i) r[i] = t[n + i];
    CondSubtract(r, m.n, n, top);
  }

  // Fixed sizes (the CRT halves and moduli of 1024..4096-bit keys) get fully specialised loops.
  static void Mul(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
    switch (m.limbs) {
      case 8:
        return MulN<8>(r, a, b, m);
      case 16:
        return MulN<16>(r, a, b, m);
      case 24:
        return MulN<24>(r, a, b, m);
      case 32:
        return MulN<32>(r, a, b, m);
      case 48:
        return MulN<48>(r, a, b, m);
      case 64:
        return MulN<64>(r, a, b, m);
      default:
        return MulN<0>(r, a, b, m);
    }
  }

  static void Sqr(Limb* r, const Limb* a, const MontParams& m) {
    switch (m.limbs) {
      case 8:
        return SqrN<8>(r, a, m);
      case 16:
        return SqrN<16>(r, a, m);
      case 24:
        return SqrN<24>(r, a, m);
      case 32:
        return SqrN<32>(r, a, m);
      case 48:
        return SqrN<48>(r, a, m);
      case 64:
        return SqrN<64>(r, a, m);
      default:
        return SqrN<0>(r, a, m);
    }
  }
};

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_MONT64_IMPL_H_
