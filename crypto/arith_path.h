#ifndef JPKICORE_CRYPTO_ARITH_PATH_H_
#define JPKICORE_CRYPTO_ARITH_PATH_H_

// The implementations of jpkicore's multi-precision arithmetic, chosen at run time from the CPU's features.

namespace jpki::crypto {

// ArithPath names an implementation of the multi-precision arithmetic: portable C++ (64-bit limbs), x86-64
// MULX/ADCX/ADOX (64-bit limbs), AVX-512 IFMA (52-bit limbs) on 256-bit vectors, and the same with 512-bit vectors
// where it has such kernels (for CPUs whose vector units are 512 bits wide). All produce identical results.
enum class ArithPath { kAuto, kPortable, kMulx, kIfma, kIfma512 };

// SelectedArithPath returns the concrete path kAuto resolves to in this process (never kAuto): JPKICORE_ARITH
// (portable|mulx|ifma|ifma512) when set to a supported path, otherwise the fastest path the CPU supports: ifma512 on
// CPUs known to run 512-bit multiply-adds at full rate (AMD Zen 5 and later), ifma on the others with AVX-512 IFMA.
ArithPath SelectedArithPath();

// ArithPathSupported reports whether `path` can run on this CPU (kAuto and kPortable always can).
bool ArithPathSupported(ArithPath path);

// ArithPathName returns "auto", "portable", "mulx", "ifma" or "ifma512".
const char* ArithPathName(ArithPath path);

}  // namespace jpki::crypto

#endif  // JPKICORE_CRYPTO_ARITH_PATH_H_
