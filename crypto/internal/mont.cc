#include "crypto/internal/mont.h"

#include <cstdlib>
#include <cstring>

#include "crypto/internal/cpu.h"

namespace jpki::crypto::internal {

ArithPath ResolvePath(ArithPath path) {
  if (path != ArithPath::kAuto) return path;
  return SelectedArithPath();
}

const MontEngine& EngineFor(ArithPath path, size_t bits) {
  const bool ifma = path == ArithPath::kIfma || path == ArithPath::kIfma512;
  if (ifma && GetCpuFeatures().avx512ifma && IfmaEngine().limbs_for_bits(bits) != 0) {
    return path == ArithPath::kIfma512 ? Ifma512Engine() : IfmaEngine();
  }
  if ((ifma || path == ArithPath::kMulx) && GetCpuFeatures().bmi2 && GetCpuFeatures().adx) {
    return MulxEngine();
  }
  return PortableEngine();
}

namespace {

// FillShifted sets row s (0 <= s < shifts, `stride` limbs each) of `out` to n moved up by s limbs, zeros elsewhere.
void FillShifted(const Limb* n, size_t limbs, Limb* out, size_t shifts, size_t stride) {
  for (size_t s = 0; s < shifts; ++s) {
    for (size_t i = 0; i < stride; ++i) out[s * stride + i] = i >= s && i - s < limbs ? n[i - s] : 0;
  }
}

}  // namespace

void InitMontParams(const MontEngine& engine, const Limb* m, size_t n64, size_t bits, size_t min_bits,
                    MontParams* out) {
  out->engine = &engine;
  out->bits = bits;
  out->limbs64 = n64;
  out->limbs = engine.limbs_for_bits(min_bits > bits ? min_bits : bits);
  const int radix = engine.radix_bits;
  const Limb radix_mask = radix == 64 ? ~Limb{0} : (Limb{1} << radix) - 1;
  out->k0 = NegInverse(m[0]) & radix_mask;
  for (size_t i = 0; i < kMax64; ++i) out->n64[i] = i < n64 ? m[i] : 0;
  ToRadix(m, n64, radix, out->n, out->limbs);
  const bool shifted = radix == 52 && out->limbs <= MontParams::kMaxShiftedLimbs;
  FillShifted(out->n, shifted ? out->limbs : 0, &out->n_shifted[0][0], 4, MontParams::kShiftedStride);
  FillShifted(out->n, shifted ? out->limbs : 0, &out->n_shifted8[0][0], 8, MontParams::kShifted8Stride);
  const size_t r_bits = static_cast<size_t>(radix) * out->limbs;
  Limb tmp[kMax64];
  PowerOfTwoMod(r_bits, m, n64, bits, tmp);
  ToRadix(tmp, n64, radix, out->one, out->limbs);
  // R^2 mod n without r_bits more modular doublings: with r_bits = s 2^j, double R mod n on to R 2^s mod n, then
  // square j times in Montgomery form, each square taking R 2^t to R 2^(2t); the last gives R 2^(s 2^j) = R^2.
  size_t j = 0;
  while (j < 6 && ((r_bits >> j) & 1) == 0) ++j;
  const size_t s = r_bits >> j;
  for (size_t i = 0; i < s; ++i) ModAdd(tmp, tmp, tmp, m, n64);
  Limb x[kMaxLimbs];
  ToRadix(tmp, n64, radix, x, out->limbs);
  for (size_t i = 0; i < j; ++i) engine.mul(x, x, x, *out);
  FromEngine(*out, x, tmp);
  ToRadix(tmp, n64, radix, out->rr, out->limbs);
  // R^3 = mont(R^2, R^2); reduced fully because it is used with inputs up to R.
  Limb t[kMaxLimbs];
  engine.mul(t, out->rr, out->rr, *out);
  FromRadix(t, out->limbs, radix, tmp, n64);
  CondSubtract(tmp, m, n64);
  ToRadix(tmp, n64, radix, out->rrr, out->limbs);
}

// The conversions below run on secrets in the private operation (values mod p or q, from which p follows), so their
// stack temporaries are wiped before they return.

void ToMont(const MontParams& m, const Limb* x, size_t nx, Limb* out) {
  // x = x0 + x1 * R with x0, x1 < R: x*R = mont(x0, R^2) + mont(x1, R^3).
  const int radix = m.engine->radix_bits;
  Limb wide[2 * kMaxLimbs];
  ToRadix(x, nx, radix, wide, 2 * m.limbs);
  Limb a[kMaxLimbs], b[kMaxLimbs];
  m.engine->mul(a, wide, m.rr, m);
  m.engine->mul(b, wide + m.limbs, m.rrr, m);
  Limb a64[kMax64], b64[kMax64];
  FromEngine(m, a, a64);
  FromEngine(m, b, b64);
  ModAdd(a64, a64, b64, m.n64, m.limbs64);
  ToRadix(a64, m.limbs64, radix, out, m.limbs);
  WipeLimbs(wide, 2 * m.limbs);
  WipeLimbs(a, m.limbs);
  WipeLimbs(b, m.limbs);
  WipeLimbs(a64, m.limbs64);
  WipeLimbs(b64, m.limbs64);
}

void FromMont(const MontParams& m, const Limb* x, Limb* out64) {
  static constexpr Limb kOne[kMaxLimbs] = {1};  // the plain 1, in any radix
  Limb t[kMaxLimbs];
  m.engine->mul(t, x, kOne, m);
  FromEngine(m, t, out64);
  WipeLimbs(t, m.limbs);
}

void ToEngine(const MontParams& m, const Limb* x64, Limb* out) {
  ToRadix(x64, m.limbs64, m.engine->radix_bits, out, m.limbs);
}

void FromEngine(const MontParams& m, const Limb* x, Limb* out64) {
  // x < 2n may need one limb more than n.
  Limb t[kMax64 + 1];
  FromRadix(x, m.limbs, m.engine->radix_bits, t, m.limbs64 + 1);
  CondSubtract(t, m.n64, m.limbs64, t[m.limbs64]);
  for (size_t i = 0; i < m.limbs64; ++i) out64[i] = t[i];
  WipeLimbs(t, m.limbs64 + 1);
}

}  // namespace jpki::crypto::internal
