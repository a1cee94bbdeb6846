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
    for (ArithPath p : {ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma}) {
      if (std::strcmp(forced, ArithPathName(p)) == 0 && ArithPathSupported(p)) return p;
    }
  }
  if (ArithPathSupported(ArithPath::kIfma)) return ArithPath::kIfma;
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
  }
  return "unknown";
}

}  // namespace jpki::crypto
