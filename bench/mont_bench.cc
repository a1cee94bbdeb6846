// Montgomery kernels of each arithmetic path in isolation (for profiling the RSA paths; no peer equivalent).
// Names: MontMul|MontSqr|MontMul2|MontSqr2/<path>/<modulus bits>.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "crypto/arith_path.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"

namespace jpki::bench {
namespace {

using crypto::ArithPath;
using crypto::internal::Limb;
using crypto::internal::MontParams;

std::unique_ptr<MontParams> Params(ArithPath path, size_t bits, Limb seed) {
  std::vector<Limb> n((bits + 63) / 64);
  for (size_t i = 0; i < n.size(); ++i) n[i] = 0x9e3779b97f4a7c15ull * (i + seed) ^ (0xbf58476d1ce4e5b9ull >> (i % 7));
  n[0] |= 1;
  n.back() |= Limb{1} << 63;
  auto m = std::make_unique<MontParams>();
  crypto::internal::InitMontParams(crypto::internal::EngineFor(path, bits), n.data(), n.size(), bits, bits, m.get());
  return m;
}

void Kernel(benchmark::State& state, ArithPath path, size_t bits, int kind) {
  auto m0 = Params(path, bits, 1), m1 = Params(path, bits, 2);
  std::vector<Limb> a(crypto::internal::kMaxLimbs), b(crypto::internal::kMaxLimbs);
  for (size_t i = 0; i < m0->limbs; ++i) {
    a[i] = m0->rr[i];
    b[i] = m1->rr[i];
  }
  const auto& e = *m0->engine;
  for (auto _ : state) {
    switch (kind) {
      case 0:
        e.mul(a.data(), a.data(), m0->rr, *m0);
        break;
      case 1:
        e.sqr(a.data(), a.data(), *m0);
        break;
      case 2:
        e.mul2(a.data(), a.data(), m0->rr, *m0, b.data(), b.data(), m1->rr, *m1);
        break;
      default:
        e.sqr2(a.data(), a.data(), *m0, b.data(), b.data(), *m1);
        break;
    }
  }
  benchmark::DoNotOptimize(a.data());
  state.SetItemsProcessed(state.iterations());
}

int Register() {
  const char* kinds[] = {"MontMul", "MontSqr", "MontMul2", "MontSqr2"};
  for (ArithPath p : {ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
    if (!crypto::ArithPathSupported(p)) continue;
    for (size_t bits : {1024, 1536, 2048, 3072, 4096}) {
      for (int k = 0; k < 4; ++k) {
        benchmark::RegisterBenchmark(
            (std::string(kinds[k]) + "/" + crypto::ArithPathName(p) + "/" + std::to_string(bits)).c_str(), Kernel, p,
            bits, k);
      }
    }
  }
  return 0;
}

const int kRegistered = Register();

}  // namespace
}  // namespace jpki::bench
