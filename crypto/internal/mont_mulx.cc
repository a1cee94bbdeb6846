// The MULX engine: radix 2^64, Montgomery rows in x86-64 assembly with MULX (flag-free multiply) and the two
// independent carry chains ADCX (CF: low halves) and ADOX (OF: high halves). Each row runs over the whole operand in
// one asm statement (8 limbs per loop iteration, loop control by LEA and JRCXZ, which leave both flags intact), and a
// multiplication does the product row and the reduction row of one limb of b in a single statement, so no carry has
// to be materialised between blocks. Limb counts that are multiples of 8 (every RSA size) take these kernels; other
// sizes take the generic Mont64 rows. Only used when cpuid reports BMI2 and ADX.
#include "base/ct.h"
#include "crypto/internal/modexp.h"
#include "crypto/internal/mont.h"
#include "crypto/internal/mont64_impl.h"
#include "crypto/internal/mont64_shared.h"

namespace jpki::crypto::internal {
namespace {

#if defined(__x86_64__)
// One step of a row: t[j] += lo(a[j] * rdx) (CF chain) + the high half of the previous step (OF chain); the high half
// of this step goes to `hi_out` for the next step. Written with memory operands so the row never waits on a load into
// a named register.
#define JPKI_MULX_STEP(j, hi_in, hi_out)     \
  "mulxq " #j "*8(%[ap]), %%rax, %[" #hi_out \
  "]\n\t"                                    \
  "adcxq " #j                                \
  "*8(%[tp]), %%rax\n\t"                     \
  "adoxq %[" #hi_in                          \
  "], %%rax\n\t"                             \
  "movq %%rax, " #j "*8(%[tp])\n\t"

// A whole row, t[0..8*blocks) += a[0..8*blocks) * rdx, advancing tp and ap; on exit the carry limb is h1 plus CF plus
// OF. `L` is a unique numeric label pair prefix.
#define JPKI_MULX_ROW(loop, done) \
#loop ":\n\t" JPKI_MULX_STEP(0, h1, h0) JPKI_MULX_STEP(1, h0, h1) JPKI_MULX_STEP(2, h1, h0)                     \
      JPKI_MULX_STEP(3, h0, h1) JPKI_MULX_STEP(4, h1, h0) JPKI_MULX_STEP(5, h0, h1) JPKI_MULX_STEP(6, h1, h0)       \
          JPKI_MULX_STEP(7, h0, h1) "leaq 64(%[ap]), %[ap]\n\t"                                                     \
                                    "leaq 64(%[tp]), %[tp]\n\t"                                                     \
                                    "leaq -1(%[cnt]), %[cnt]\n\t"                                                   \
                                    "jrcxz " #done "f\n\t"                                                          \
                                    "jmp " #loop "b\n\t" #done ":\n\t"

// MulAddRow sets t[0..8*blocks) += a[0..8*blocks) * b (blocks >= 1) and returns the carry limb.
inline Limb MulAddRow(Limb* t, const Limb* a, Limb b, size_t blocks) {
  Limb h0, h1, z;
  __asm__ volatile(
      "xorl %k[h1], %k[h1]\n\t"
      "xorl %k[z], %k[z]\n\t" JPKI_MULX_ROW(1, 2) "adcxq %[z], %[h1]\n\t"
                                                  "adoxq %[z], %[h1]\n\t"
      : [tp] "+r"(t), [ap] "+r"(a), [cnt] "+c"(blocks), [h0] "=&r"(h0), [h1] "=&r"(h1), [z] "=&r"(z)
      : "d"(b)
      : "rax", "cc", "memory");
  return h1;
}

// MontRow is one step of the interleaved (CIOS) Montgomery multiplication: t[0..n+2) += a * b, then
// q = t[0] * k0 and t[0..n+2) += n * q, which zeroes t[0]. The carry of each row is added at t[n], t[n+1] (those limbs
// are small enough at this point of the algorithm that nothing carries further).
inline void MontRow(Limb* t, const Limb* a, Limb b, const Limb* n, Limb k0, size_t blocks) {
  Limb h0, h1, z, tp, ap, cnt;
  __asm__ volatile(
      "movq %[t], %[tp]\n\t"
      "movq %[a], %[ap]\n\t"
      "movq %[blocks], %[cnt]\n\t"
      "xorl %k[h1], %k[h1]\n\t"
      "xorl %k[z], %k[z]\n\t" JPKI_MULX_ROW(1, 2) "adcxq %[z], %[h1]\n\t"
                                                  "adoxq %[z], %[h1]\n\t"
                                                  "addq %[h1], (%[tp])\n\t"
                                                  "adcq $0, 8(%[tp])\n\t"
                                                  "movq (%[t]), %%rdx\n\t"
                                                  "imulq %[k0], %%rdx\n\t"
                                                  "movq %[t], %[tp]\n\t"
                                                  "movq %[n], %[ap]\n\t"
                                                  "movq %[blocks], %[cnt]\n\t"
                                                  "xorl %k[h1], %k[h1]\n\t"
                                                  "xorl %k[z], %k[z]\n\t" JPKI_MULX_ROW(3, 4) "adcxq %[z], %[h1]\n\t"
                                                                                              "adoxq %[z], %[h1]\n\t"
                                                                                              "addq %[h1], (%[tp])\n\t"
                                                                                              "adcq $0, 8(%[tp])\n\t"
      : [tp] "=&r"(tp), [ap] "=&r"(ap), [cnt] "=&c"(cnt), [h0] "=&r"(h0), [h1] "=&r"(h1), [z] "=&r"(z), "+d"(b)
      : [t] "r"(t), [a] "rm"(a), [n] "rm"(n), [k0] "rm"(k0), [blocks] "rm"(blocks)
      : "rax", "cc", "memory");
}
#endif

struct MulxRow {
  // MulAdd sets t[0..n) += a[0..n) * b and returns the carry limb (the generic Mont64 row, for sizes that are not a
  // multiple of 8).
  template <size_t kN>
  static inline Limb MulAdd(Limb* t, const Limb* a, Limb b, size_t n) {
    Limb carry = 0;
    size_t j = 0;
#if defined(__x86_64__)
    if (n >= 8) {
      carry = MulAddRow(t, a, b, n / 8);
      j = n / 8 * 8;
    }
#endif
    for (; j < n; ++j) {
      const unsigned __int128 p = static_cast<unsigned __int128>(a[j]) * b + t[j] + carry;
      t[j] = static_cast<Limb>(p);
      carry = static_cast<Limb>(p >> 64);
    }
    return carry;
  }
};

using Generic = Mont64<MulxRow>;

#if defined(__x86_64__)
// Kernels for limb counts that are multiples of 8 (the loop bounds depend only on the limb count).
void MulBlocks(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
  const size_t n = m.limbs, blocks = n / 8;
  Limb t[2 * kMax64 + 2];
  for (size_t i = 0; i < 2 * n + 2; ++i) t[i] = 0;
  for (size_t i = 0; i < n; ++i) MontRow(t + i, a, b[i], m.n, m.k0, blocks);
  FinalSubtract(r, t + n, m.n, n, t[2 * n]);
}

// Squaring: the products a_i a_j (i < j) with j in a later 8-limb block than i go through full-speed rows; the 28
// products inside each block are summed separately (short rows in C) so that every asm row is a multiple of 8 limbs.
// Then t = 2 * (rows + in-block) + diagonal, and n reduction rows.
void SqrBlocks(Limb* r, const Limb* a, const MontParams& m) {
  using u128 = unsigned __int128;
  const size_t n = m.limbs, blocks = n / 8;
  Limb t[2 * kMax64 + 2], u[2 * kMax64];
  for (size_t i = 0; i < 2 * n + 2; ++i) t[i] = 0;
  for (size_t i = 0; i < 2 * n; ++i) u[i] = 0;
  for (size_t i = 0; i + 8 < n; ++i) {
    const size_t next = (i / 8 + 1) * 8;  // first limb of the next block
    const Limb c = MulAddRow(t + i + next, a + next, a[i], blocks - i / 8 - 1);
    const u128 s = static_cast<u128>(t[i + n]) + c;
    t[i + n] = static_cast<Limb>(s);
    t[i + n + 1] += static_cast<Limb>(s >> 64);
  }
  for (size_t blk = 0; blk < n; blk += 8) {
    Limb* ub = u + 2 * blk;
    const Limb* ab = a + blk;
    for (size_t i = 0; i < 7; ++i) {
      Limb carry = 0;
      for (size_t j = i + 1; j < 8; ++j) {
        const u128 p = static_cast<u128>(ab[j]) * ab[i] + ub[i + j] + carry;
        ub[i + j] = static_cast<Limb>(p);
        carry = static_cast<Limb>(p >> 64);
      }
      ub[i + 8] = carry;
    }
  }
  // t = 2 * (t + u) + sum a_i^2 2^(128 i); the result is < 2^(128 n).
  unsigned long long c_add = 0;
  Limb shifted_out = 0, c_diag = 0;
  for (size_t i = 0; i < n; ++i) {
    const u128 sq = static_cast<u128>(a[i]) * a[i];
    const Limb v0 = __builtin_addcll(t[2 * i], u[2 * i], c_add, &c_add);
    const Limb v1 = __builtin_addcll(t[2 * i + 1], u[2 * i + 1], c_add, &c_add);
    const Limb d0 = (v0 << 1) | shifted_out;
    const Limb d1 = (v1 << 1) | (v0 >> 63);
    shifted_out = v1 >> 63;
    unsigned long long c;
    t[2 * i] = __builtin_addcll(d0, static_cast<Limb>(sq), c_diag, &c);
    t[2 * i + 1] = __builtin_addcll(d1, static_cast<Limb>(sq >> 64), c, &c);
    c_diag = c;
  }
  // Montgomery reduction of the 2n-limb square.
  Limb top = 0;
  for (size_t i = 0; i < n; ++i) {
    const Limb q = t[i] * m.k0;
    const Limb c = MulAddRow(t + i, m.n, q, blocks);
    const u128 s = static_cast<u128>(t[i + n]) + c + top;
    t[i + n] = static_cast<Limb>(s);
    top = static_cast<Limb>(s >> 64);
  }
  FinalSubtract(r, t + n, m.n, n, top);
}
#endif

struct Impl {
  static void Mul(Limb* r, const Limb* a, const Limb* b, const MontParams& m) {
#if defined(__x86_64__)
    if (m.limbs % 8 == 0) return MulBlocks(r, a, b, m);
#endif
    Generic::Mul(r, a, b, m);
  }
  static void Sqr(Limb* r, const Limb* a, const MontParams& m) {
#if defined(__x86_64__)
    if (m.limbs % 8 == 0) return SqrBlocks(r, a, m);
#endif
    Generic::Sqr(r, a, m);
  }
};

}  // namespace

const MontEngine& MulxEngine() {
  static const MontEngine engine = Radix64Engine<Impl>(ArithPath::kMulx);
  return engine;
}

}  // namespace jpki::crypto::internal
