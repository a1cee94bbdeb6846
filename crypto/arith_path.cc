#include "crypto/arith_path.h"

#include <cstdlib>
#include <cstring>
#include <initializer_list>

#include "crypto/internal/cpu.h"

namespace jpki::crypto {
namespace {

ArithPath Detect() {
  const char* forced = std::getenv("JPKICORE_ARITH");
  if (forced != nullptr) {
    for (ArithPath p : {ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
      if (std::strcmp(forced, ArithPathName(p)) == 0 && ArithPathSupported(p)) return p;
    }
  }
  if (ArithPathSupported(ArithPath::kIfma)) {
    return internal::GetCpuFeatures().full_width_avx512 ? ArithPath::kIfma512 : ArithPath::kIfma;
  }
  if (ArithPathSupported(ArithPath::kMulx)) return ArithPath::kMulx;
  return ArithPath::kPortable;
}

}  // namespace

ArithPath SelectedArithPath() {
  static const ArithPath path = Detect();
  return path;
}

bool ArithPathSupported(ArithPath path) {
  const internal::CpuFeatures& f = internal::GetCpuFeatures();
  switch (path) {
    case ArithPath::kAuto:
    case ArithPath::kPortable:
      return true;
    case ArithPath::kMulx:
      return f.bmi2 && f.adx;
    case ArithPath::kIfma:
    case ArithPath::kIfma512:
      // The IFMA engine falls back to MULX for moduli beyond its kernels, so it needs both.
      return f.avx512ifma && f.bmi2 && f.adx;
  }
  return false;
}

const char* ArithPathName(ArithPath path) {
  switch (path) {
    case ArithPath::kAuto:
      return "auto";
    case ArithPath::kPortable:
      return "portable";
    case ArithPath::kMulx:
      return "mulx";
    case ArithPath::kIfma:
      return "ifma";
    case ArithPath::kIfma512:
      return "ifma512";
  }
  return "unknown";
}

}  // namespace jpki::crypto
