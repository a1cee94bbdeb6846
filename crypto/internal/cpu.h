#ifndef JPKICORE_CRYPTO_INTERNAL_CPU_H_
#define JPKICORE_CRYPTO_INTERNAL_CPU_H_

// Run-time CPU feature detection (cpuid + xgetbv) for choosing an arithmetic path.

namespace jpki::crypto::internal {

struct CpuFeatures {
  bool bmi2 = false;
  bool adx = false;
  // AVX-512 F + IFMA + VL, and the OS saves the ZMM/opmask state.
  bool avx512ifma = false;
  // The 512-bit vector units are not split or fused halves: 512-bit multiply-adds issue at the 256-bit rate. Known
  // for AMD family 1Ah (Zen 5) and later; measured here, two 512-bit IFMA multiply-adds per cycle on Zen 5, like
  // 256-bit ones. Zen 4 (family 19h) runs each 512-bit operation as two 256-bit halves.
  bool full_width_avx512 = false;
};

// GetCpuFeatures returns the features of this CPU, detected once.
const CpuFeatures& GetCpuFeatures();

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_CPU_H_
