#ifndef JPKICORE_CRYPTO_INTERNAL_CPU_H_
#define JPKICORE_CRYPTO_INTERNAL_CPU_H_

// Run-time CPU feature detection (cpuid + xgetbv) for choosing an arithmetic path.

namespace jpki::crypto::internal {

struct CpuFeatures {
  bool bmi2 = false;
  bool adx = false;
  // AVX-512 F + IFMA + VL, and the OS saves the ZMM/opmask state.
  bool avx512ifma = false;
};

// GetCpuFeatures returns the features of this CPU, detected once.
const CpuFeatures& GetCpuFeatures();

}  // namespace jpki::crypto::internal

#endif  // JPKICORE_CRYPTO_INTERNAL_CPU_H_
