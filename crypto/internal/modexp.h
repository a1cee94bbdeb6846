#ifndef JPKICORE_CRYPTO_INTERNAL_MODEXP_H_
#define JPKICORE_CRYPTO_INTERNAL_MODEXP_H_

// Modular exponentiation over a MontParams' engine.

#include <cstddef>

#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"

namespace jpki::crypto::internal {

// WindowBits returns the fixed window width used for an exponent of `exp_bits` bits.
unsigned WindowBits(size_t exp_bits);

// CtTableLookup copies entry `index` of `table` (`entries` rows of `limbs` limbs, row stride `stride`) into out,
// reading every entry and selecting with masks: neither a branch nor a memory address depends on `index`.
void CtTableLookup(const Limb* table, size_t entries, size_t stride, size_t limbs, size_t index, Limb* out);

// ModExpSecret sets out = base^exp in Montgomery form (base in Montgomery form, engine radix, < 2n), scanning
// exactly `exp_bits` bits of exp (64-bit limbs, exp < 2^exp_bits) with a fixed window: the sequence of operations
// and every memory address depend only on exp_bits and the modulus size. Constant time in base, exp and the modulus.
// exp_bits = 0 gives 1 (Montgomery form).
void ModExpSecret(const MontParams& m, const Limb* base, const Limb* exp, size_t exp_bits, Limb* out);

// ModExpSecret2 runs two independent ModExpSecret in lock-step (both moduli have the same limb count); this is how
// the two CRT halves of an RSA private operation are computed.
void ModExpSecret2(const MontParams& m0, const Limb* base0, const Limb* exp0, Limb* out0, const MontParams& m1,
                   const Limb* base1, const Limb* exp1, Limb* out1, size_t exp_bits);

// ModExpPublic sets out64 = x^e mod n (x, out64 in 64-bit limbs, x < n; out64 fully reduced). e is public: the
// operation sequence follows its bits, constant time in x. e = 65537 takes 16 squarings and one multiplication.
void ModExpPublic(const MontParams& m, const Limb* x64, const Limb* e, size_t e_limbs, Limb* out64);

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_MODEXP_H_
