#include "crypto/internal/cpu.h"

#include <cstdint>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace jpki::crypto::internal {
namespace {

CpuFeatures Detect() {
  CpuFeatures f;
#if defined(__x86_64__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_max(0, nullptr) < 7) return f;
  __cpuid_count(1, 0, eax, ebx, ecx, edx);
  const bool osxsave = (ecx >> 27) & 1;
  uint64_t xcr0 = 0;
  if (osxsave) {
    uint32_t lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    xcr0 = (static_cast<uint64_t>(hi) << 32) | lo;
  }
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  f.bmi2 = (ebx >> 8) & 1;
  f.adx = (ebx >> 19) & 1;
  const bool avx512f = (ebx >> 16) & 1;
  const bool avx512ifma = (ebx >> 21) & 1;
  const bool avx512vl = (ebx >> 31) & 1;
  // XMM, YMM, opmask, ZMM_Hi256 and Hi16_ZMM state enabled by the OS.
  const bool os_avx512 = (xcr0 & 0xe6) == 0xe6;
  // The IFMA kernels also use BMI2 (mulx) in their scalar chains; every CPU with IFMA has it.
  f.avx512ifma = avx512f && avx512ifma && avx512vl && os_avx512 && f.bmi2;
  unsigned max_leaf = 0, vendor_b = 0, vendor_c = 0, vendor_d = 0;
  __cpuid(0, max_leaf, vendor_b, vendor_c, vendor_d);
  const bool amd = vendor_b == 0x68747541 && vendor_d == 0x69746e65 && vendor_c == 0x444d4163;  // "AuthenticAMD"
  __cpuid(1, eax, ebx, ecx, edx);
  const unsigned family = ((eax >> 8) & 0xf) == 0xf ? 0xf + ((eax >> 20) & 0xff) : (eax >> 8) & 0xf;
  f.full_width_avx512 = f.avx512ifma && amd && family >= 0x1a;
#endif
  return f;
}

}  // namespace

const CpuFeatures& GetCpuFeatures() {
  static const CpuFeatures features = Detect();
  return features;
}

}  // namespace jpki::crypto::internal
