#ifndef JPKICORE_CRYPTO_INTERNAL_MONT_H_
#define JPKICORE_CRYPTO_INTERNAL_MONT_H_

// Montgomery arithmetic: one modulus's precomputed constants (MontParams) and the engines that multiply modulo it.
// Each engine (arithmetic path) has its own radix: 2^64 for portable and MULX, 2^52 for AVX-512 IFMA. Values handed
// to an engine are in its radix, zero-padded to MontParams::limbs.
//
// Engine contract, for R = 2^(radix * limbs): mul(a, b) = a * b / R mod n and sqr(a) = a * a / R mod n, for inputs
// a, b < 2n, or a < R and b < n. Results are < 2n (64-bit engines reduce fully, to < n; the IFMA engine keeps the
// "almost Montgomery" range [0, 2n), which MontParams guarantees is closed by choosing R >= 4n). Outputs may alias
// inputs. Everything is constant time in the values of the operands and of the modulus.

#include <cstddef>
#include <cstdint>

#include "crypto/arith_path.h"
#include "crypto/internal/limbs.h"

namespace jpki::crypto::internal {

struct MontEngine;

struct MontParams {
  const MontEngine* engine = nullptr;
  size_t bits = 0;     // bit length of n
  size_t limbs = 0;    // limbs in the engine's radix (R = 2^(radix * limbs))
  size_t limbs64 = 0;  // 64-bit limbs of n
  Limb k0 = 0;         // -n^-1 mod 2^radix
  alignas(64) Limb n[kMaxLimbs] = {};
  alignas(64) Limb rr[kMaxLimbs] = {};   // R^2 mod n
  alignas(64) Limb rrr[kMaxLimbs] = {};  // R^3 mod n
  alignas(64) Limb one[kMaxLimbs] = {};  // R mod n (Montgomery form of 1)
  alignas(64) Limb n64[kMax64] = {};     // n in 64-bit limbs
  // n_shifted[s] holds n moved up by s limbs (zeros below and above), on the IFMA engine for moduli of up to
  // kMaxShiftedLimbs limbs (zero otherwise): its two-phase kernel multiplies whole vectors of it instead of shifting
  // its accumulator (ifma_split_amm.h).
  static constexpr size_t kMaxShiftedLimbs = 40;
  static constexpr int kShiftedStride = kMaxShiftedLimbs + 4;
  alignas(64) Limb n_shifted[4][kShiftedStride] = {};
  // The same with eight shifts of whole 512-bit vectors, for the 512-bit kernel (ifma512_amm.h).
  static constexpr int kShifted8Vectors = 6;
  static constexpr int kShifted8Stride = 8 * kShifted8Vectors;
  alignas(64) Limb n_shifted8[8][kShifted8Stride] = {};
};

struct MontEngine {
  ArithPath path;
  int radix_bits;
  // limbs_for_bits returns the limb count for a modulus of `bits` bits, or 0 if the engine has no kernel that large.
  size_t (*limbs_for_bits)(size_t bits);
  void (*mul)(Limb* r, const Limb* a, const Limb* b, const MontParams& m);
  void (*sqr)(Limb* r, const Limb* a, const MontParams& m);
  // Two independent operations in lock-step (the CRT halves); both params have the same limb count.
  void (*mul2)(Limb* r0, const Limb* a0, const Limb* b0, const MontParams& m0, Limb* r1, const Limb* a1, const Limb* b1,
               const MontParams& m1);
  void (*sqr2)(Limb* r0, const Limb* a0, const MontParams& m0, Limb* r1, const Limb* a1, const MontParams& m1);
  // One window of the CRT exponentiation in lock-step: acc_k = acc_k^(2^squarings) * entry_k (Montgomery products).
  // Its own entry point so that an engine can run the window's operations back to back without a dispatch each.
  void (*window2)(Limb* acc0, const Limb* entry0, const MontParams& m0, Limb* acc1, const Limb* entry1,
                  const MontParams& m1, unsigned squarings);
  // Constant-time table lookup (see CtTableLookup in modexp.h), vectorised for the engine's instruction set.
  void (*lookup)(const Limb* table, size_t entries, size_t stride, size_t limbs, size_t index, Limb* out);
};

const MontEngine& PortableEngine();
const MontEngine& MulxEngine();  // only call when the CPU has BMI2 and ADX
const MontEngine& IfmaEngine();  // only call when the CPU has AVX-512 IFMA
// IfmaEngine with 512-bit kernels where it has them (RSA-2048's CRT halves); only call when the CPU has AVX-512 IFMA.
const MontEngine& Ifma512Engine();

// ResolvePath turns kAuto into the configured or best path; other values are returned unchanged.
ArithPath ResolvePath(ArithPath path);

// EngineFor returns the engine of `path` (already resolved and supported) for a modulus of `bits` bits; when that
// path has no kernel for the size (IFMA above 4096-bit moduli), the next slower supported path.
const MontEngine& EngineFor(ArithPath path, size_t bits);

// InitMontParams fills `out` for the odd modulus m (n64 64-bit limbs, exactly `bits` bits, bits >= 2) on `engine`.
// `min_bits` (>= bits) sizes R as if the modulus had that many bits, so that the two CRT halves share one limb count.
// Constant time in the value of m.
void InitMontParams(const MontEngine& engine, const Limb* m, size_t n64, size_t bits, size_t min_bits, MontParams* out);

// ToMont converts x (nx 64-bit limbs, x < R^2 in the engine's radix) into Montgomery form x*R mod n, in engine
// radix, < 2n. FromMont converts a Montgomery-form value back to 64-bit limbs, fully reduced (< n).
void ToMont(const MontParams& m, const Limb* x, size_t nx, Limb* out);
void FromMont(const MontParams& m, const Limb* x, Limb* out64);

// ToEngine / FromEngine convert plain values between 64-bit limbs and the engine radix (FromEngine reduces a value
// < 2n fully).
void ToEngine(const MontParams& m, const Limb* x64, Limb* out);
void FromEngine(const MontParams& m, const Limb* x, Limb* out64);

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_MONT_H_
