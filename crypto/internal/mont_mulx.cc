// The MULX engine: radix 2^64, inner rows in x86-64 assembly with MULX (flag-free multiply) and the two independent
// carry chains ADCX (CF: low halves) and ADOX (OF: high halves). Loop control uses LEA and JRCXZ, which leave both
// flags intact. Only used when cpuid reports BMI2 and ADX.
#include "crypto/internal/modexp.h"
#include "crypto/internal/mont.h"
#include "crypto/internal/mont64_impl.h"

namespace jpki::crypto::internal {
namespace {

#if defined(__x86_64__)
// One MULX/ADCX/ADOX step: t[i] += lo(a[i] * b) (CF chain) + hi of the previous step (OF chain).
#define JPKI_MULX_STEP(i)      \
  "mulxq " #i                  \
  "*8(%[a]), %%rax, %%r11\n\t" \
  "movq " #i                   \
  "*8(%[t]), %%r8\n\t"         \
  "adcxq %%rax, %%r8\n\t"      \
  "adoxq %[hi], %%r8\n\t"      \
  "movq %%r8, " #i             \
  "*8(%[t])\n\t"               \
  "movq %%r11, %[hi]\n\t"
#endif

struct MulxRow {
#if defined(__x86_64__)
  // MulAdd8 sets t[0..8) += a[0..8) * b + hi and returns the carry limb, fully unrolled.
  static inline Limb MulAdd8(Limb* t, const Limb* a, Limb b, Limb hi) {
    __asm__ volatile(
        "xorl %%r10d, %%r10d\n\t" JPKI_MULX_STEP(0) JPKI_MULX_STEP(1) JPKI_MULX_STEP(2) JPKI_MULX_STEP(3)
            JPKI_MULX_STEP(4) JPKI_MULX_STEP(5) JPKI_MULX_STEP(6) JPKI_MULX_STEP(7)
        "adcxq %%r10, %[hi]\n\t"
        "adoxq %%r10, %[hi]\n\t"
        : [hi] "+r"(hi)
        : [a] "r"(a), [t] "r"(t), "d"(b)
        : "rax", "r8", "r10", "r11", "cc", "memory");
    return hi;
  }

  // MulAddLoop sets t[0..n) += a[0..n) * b + hi (n >= 1) and returns the carry limb.
  static inline Limb MulAddLoop(Limb* t, const Limb* a, Limb b, size_t n, Limb hi) {
    __asm__ volatile(
        "xorl %%r10d, %%r10d\n\t"
        "1:\n\t"
        "mulxq (%[a]), %%rax, %%r11\n\t"
        "movq (%[t]), %%r8\n\t"
        "adcxq %%rax, %%r8\n\t"
        "adoxq %[hi], %%r8\n\t"
        "movq %%r8, (%[t])\n\t"
        "movq %%r11, %[hi]\n\t"
        "leaq 8(%[a]), %[a]\n\t"
        "leaq 8(%[t]), %[t]\n\t"
        "leaq -1(%[n]), %[n]\n\t"
        "jrcxz 2f\n\t"
        "jmp 1b\n\t"
        "2:\n\t"
        "adcxq %%r10, %[hi]\n\t"
        "adoxq %%r10, %[hi]\n\t"
        : [a] "+r"(a), [t] "+r"(t), [n] "+c"(n), [hi] "+r"(hi)
        : "d"(b)
        : "rax", "r8", "r10", "r11", "cc", "memory");
    return hi;
  }
#endif

  // MulAdd sets t[0..n) += a[0..n) * b and returns the carry limb. The carry between 8-limb blocks travels in a
  // register (the partial sum below each block boundary fits, so no flag needs to survive between asm statements).
  template <size_t kN>
  static inline Limb MulAdd(Limb* t, const Limb* a, Limb b, size_t n) {
#if defined(__x86_64__)
    Limb hi = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) hi = MulAdd8(t + i, a + i, b, hi);
    if (i < n) hi = MulAddLoop(t + i, a + i, b, n - i, hi);
    return hi;
#else
    Limb carry = 0;
    for (size_t j = 0; j < n; ++j) {
      const unsigned __int128 p = static_cast<unsigned __int128>(a[j]) * b + t[j] + carry;
      t[j] = static_cast<Limb>(p);
      carry = static_cast<Limb>(p >> 64);
    }
    return carry;
#endif
  }
};

using Impl = Mont64<MulxRow>;

}  // namespace

const MontEngine& MulxEngine() {
  static const MontEngine engine = {ArithPath::kMulx, 64,          &Impl::LimbsForBits, &Impl::Mul,
                                    &Impl::Sqr,       &Impl::Mul2, &Impl::Sqr2,         &CtTableLookup};
  return engine;
}

}  // namespace jpki::crypto::internal
