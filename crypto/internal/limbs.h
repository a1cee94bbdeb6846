#ifndef JPKICORE_CRYPTO_INTERNAL_LIMBS_H_
#define JPKICORE_CRYPTO_INTERNAL_LIMBS_H_

// Little-endian arrays of 64-bit limbs: the representation every arithmetic path converts from and to. Every function
// here is constant time in the limb values (loop bounds and indices depend only on lengths, which are public).

#include <cstddef>
#include <cstdint>

#include "absl/types/span.h"

namespace jpki::crypto::internal {

using Limb = uint64_t;

inline constexpr size_t kMaxModulusBits = 16384;
inline constexpr size_t kMax64 = kMaxModulusBits / 64;  // 64-bit limbs of the largest modulus
// Limbs of the largest modulus in any path's radix, padded: ceil((16384 + 2) / 52) rounded up to 4.
inline constexpr size_t kMaxLimbs = 320;

// BytesToLimbs reads big-endian `in` into `limbs` limbs (zero-extended); in.size() <= 8 * limbs.
void BytesToLimbs(absl::Span<const uint8_t> in, Limb* out, size_t limbs);

// LimbsToBytes writes the low out.size() bytes of the number big-endian.
void LimbsToBytes(const Limb* in, size_t limbs, absl::Span<uint8_t> out);

// Add sets r = a + b over n limbs and returns the carry (0 or 1). r may alias a or b.
Limb Add(Limb* r, const Limb* a, const Limb* b, size_t n);

// Sub sets r = a - b over n limbs and returns the borrow (0 or 1). r may alias a or b.
Limb Sub(Limb* r, const Limb* a, const Limb* b, size_t n);

// LessMask returns all ones iff a < b (n limbs each).
Limb LessMask(const Limb* a, const Limb* b, size_t n);

// EqualMask returns all ones iff a == b (n limbs each).
Limb EqualMask(const Limb* a, const Limb* b, size_t n);

// Select sets r = mask ? a : b (mask all ones or zero). r may alias a or b.
void Select(Limb mask, Limb* r, const Limb* a, const Limb* b, size_t n);

// CondSubtract sets a = a - m when `carry` (a one-bit overflow above a's n limbs) is set or a >= m; used to bring a
// value in [0, 2m) into [0, m).
void CondSubtract(Limb* a, const Limb* m, size_t n, Limb carry = 0);

// ModAdd sets r = (a + b) mod m and ModSub r = (a - b) mod m, for a, b < m.
void ModAdd(Limb* r, const Limb* a, const Limb* b, const Limb* m, size_t n);
void ModSub(Limb* r, const Limb* a, const Limb* b, const Limb* m, size_t n);

// MulPlain sets r (na + nb limbs) = a * b. r must not alias a or b.
void MulPlain(Limb* r, const Limb* a, size_t na, const Limb* b, size_t nb);

// PowerOfTwoMod sets out = 2^k mod m for an odd m of exactly `mbits` bits (n limbs) and k >= mbits - 1, by
// constant-time doublings.
void PowerOfTwoMod(size_t k, const Limb* m, size_t n, size_t mbits, Limb* out);

// NegInverse returns -x^-1 mod 2^64 for odd x.
Limb NegInverse(Limb x);

// BitLength returns the bit length of a public number.
size_t BitLength(const Limb* a, size_t n);

// ToRadix converts a number of n64 64-bit limbs into `limbs` limbs of `radix_bits` (52 or 64) bits; the number must
// fit. FromRadix converts back into n64 64-bit limbs (the number must fit; excess limbs are dropped).
void ToRadix(const Limb* in, size_t n64, int radix_bits, Limb* out, size_t limbs);
void FromRadix(const Limb* in, size_t limbs, int radix_bits, Limb* out, size_t n64);

// WipeLimbs zeroes n limbs of secret scratch in a way the compiler may not elide (memset, then a compiler barrier
// that makes the zeroed memory observable).
void WipeLimbs(Limb* p, size_t n);

// WipeStackBelow zeroes `bytes` of stack below its caller's frame, where the functions the caller called before it
// had their frames. The Montgomery kernels keep copies of their operands (secret on the private key's path) in their
// frames, and wiping those on every call would cost more than the copies save; the private operation calls this once
// at its end instead.
void WipeStackBelow(size_t bytes);

// ExtractBits returns bits [pos, pos + count) of a (count <= 8); bits beyond n limbs read as zero. Constant time in
// the values (pos is public). Inline: the exponentiations call it twice per window.
inline unsigned ExtractBits(const Limb* a, size_t n, size_t pos, unsigned count) {
  const size_t w = pos / 64, s = pos % 64;
  Limb v = w < n ? a[w] >> s : 0;
  if (s != 0 && w + 1 < n) v |= a[w + 1] << (64 - s);
  return static_cast<unsigned>(v & ((Limb{1} << count) - 1));
}

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_LIMBS_H_
