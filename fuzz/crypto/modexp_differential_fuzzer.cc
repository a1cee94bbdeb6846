// Differential modular exponentiation: jpkicore's constant-time Montgomery exponentiation on every supported
// arithmetic path against Botan's BigInt power_mod, on fuzzed base, exponent and odd modulus. Aborts on any
// mismatch, or if the paths disagree with each other.
//
// Input: two bytes choosing the modulus length L (1..1021 bytes), L bytes of modulus (forced odd and >= 3), one
// byte of exponent length (1..256) and the exponent, then up to 2L bytes of base (reduced by ToMont's two-chunk
// reduction when it fits, else by Botan first).
#include <botan/bigint.h>
#include <botan/numthry.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "crypto/arith_path.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/modexp.h"
#include "crypto/internal/mont.h"

namespace {

using jpki::crypto::ArithPath;
using jpki::crypto::internal::Limb;

struct Reader {
  const uint8_t* data;
  size_t size;
  std::vector<uint8_t> Take(size_t n) {
    if (n > size) n = size;
    std::vector<uint8_t> out(data, data + n);
    data += n;
    size -= n;
    return out;
  }
  size_t Byte() {
    if (size == 0) return 0;
    --size;
    return *data++;
  }
};

std::vector<Limb> ToLimbs(const Botan::BigInt& v, size_t limbs) {
  std::vector<Limb> out(limbs, 0);
  for (size_t i = 0; i < limbs; ++i) out[i] = v.word_at(i);
  return out;
}

Botan::BigInt FromLimbs(const std::vector<Limb>& v) {
  Botan::BigInt out;
  for (size_t i = v.size(); i > 0; --i) {
    out <<= 64;
    out += Botan::BigInt(v[i - 1]);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Reader in{data, size};
  // Modulus: up to 4 * 255 = 1020 bytes (8160 bits), so the IFMA kernels and the generic fallback both get inputs.
  const size_t mod_len = 1 + in.Byte() * 4 / (1 + in.Byte() % 4);
  std::vector<uint8_t> mod_bytes = in.Take(mod_len);
  if (mod_bytes.empty()) return 0;
  const size_t exp_len = in.Byte() + 1;
  const std::vector<uint8_t> exp_bytes = in.Take(exp_len);
  const std::vector<uint8_t> base_bytes = in.Take(2 * mod_len);
  mod_bytes.back() |= 1;
  Botan::BigInt n(mod_bytes.data(), mod_bytes.size());
  if (n < 3) n = 3;
  const Botan::BigInt e(exp_bytes.data(), exp_bytes.size());
  const Botan::BigInt x(base_bytes.data(), base_bytes.size());
  const Botan::BigInt expected = Botan::power_mod(x % n, e, n);

  const size_t bits = n.bits();
  const size_t n64 = (bits + 63) / 64;
  const std::vector<Limb> nl = ToLimbs(n, n64);
  // All of x (up to twice the modulus length, which may carry leading zero bytes), not truncated.
  const size_t x64 = (x.bits() + 63) / 64 + 1;
  const std::vector<Limb> xl = ToLimbs(x, x64);
  const size_t exp_bits = 8 * exp_bytes.size();
  const std::vector<Limb> el = ToLimbs(e, (exp_bits + 63) / 64 + 1);
  for (ArithPath path : {ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
    if (!jpki::crypto::ArithPathSupported(path)) continue;
    auto m = std::make_unique<jpki::crypto::internal::MontParams>();
    jpki::crypto::internal::InitMontParams(jpki::crypto::internal::EngineFor(path, bits), nl.data(), n64, bits, bits,
                                           m.get());
    std::vector<Limb> xm(jpki::crypto::internal::kMaxLimbs), r(jpki::crypto::internal::kMaxLimbs), out(n64);
    // x may be up to twice the modulus length: ToMont reduces it.
    if (x.bits() <= 2 * static_cast<size_t>(m->engine->radix_bits) * m->limbs) {
      jpki::crypto::internal::ToMont(*m, xl.data(), x64, xm.data());
    } else {
      const std::vector<Limb> xr = ToLimbs(x % n, n64);
      jpki::crypto::internal::ToMont(*m, xr.data(), n64, xm.data());
    }
    jpki::crypto::internal::ModExpSecret(*m, xm.data(), el.data(), exp_bits, r.data());
    jpki::crypto::internal::FromMont(*m, r.data(), out.data());
    if (FromLimbs(out) != expected) {
      std::fprintf(stderr, "ModExpSecret mismatch on %s: %zu-bit modulus, %zu exponent bits\n",
                   jpki::crypto::ArithPathName(path), bits, exp_bits);
      std::abort();
    }
    // The public-exponent path on the reduced base.
    if (!exp_bytes.empty()) {
      const std::vector<Limb> xr = ToLimbs(x % n, n64);
      std::vector<Limb> pub(n64);
      jpki::crypto::internal::ModExpPublic(*m, xr.data(), el.data(), el.size(), pub.data());
      if (FromLimbs(pub) != expected) {
        std::fprintf(stderr, "ModExpPublic mismatch on %s: %zu-bit modulus, %zu exponent bits\n",
                     jpki::crypto::ArithPathName(path), bits, exp_bits);
        std::abort();
      }
    }
  }
  return 0;
}
