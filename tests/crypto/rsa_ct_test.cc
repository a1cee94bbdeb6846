// The constant-time proof (run with bazel test --config=ct //tests/crypto:rsa_ct_test): every secret of the private
// key and the input representative are marked undefined for valgrind memcheck, the private operation runs on every
// path valgrind can execute, and only the final output is marked defined again. Memcheck reports any conditional
// jump or memory address computed from the poisoned bytes; the test binary then exits with valgrind's error code.
// Outside --config=ct the poisoning compiles to nothing and this is an ordinary functional test.
//
// The IFMA path cannot run under valgrind 3.19 (it does not implement AVX-512), so under valgrind it is skipped and
// its constant-time structure rests on the same code shape as the others (the vector kernels have no branches at
// all; the table lookup is the same masked scan).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "base/ct.h"
#include "crypto/internal/mont.h"
#include "crypto/internal/rsa_state.h"
#include "crypto/rsa_primitive.h"

#if defined(JPKICORE_CT_VALGRIND)
#include <valgrind/valgrind.h>
#define JPKI_RUNNING_ON_VALGRIND RUNNING_ON_VALGRIND
#else
#define JPKI_RUNNING_ON_VALGRIND 0
#endif

namespace jpki::crypto {
namespace {

void PoisonParams(internal::MontParams& m) {
  CT_POISON(&m.k0, sizeof(m.k0));
  CT_POISON(m.n, sizeof(m.n));
  CT_POISON(m.rr, sizeof(m.rr));
  CT_POISON(m.rrr, sizeof(m.rrr));
  CT_POISON(m.one, sizeof(m.one));
  CT_POISON(m.n64, sizeof(m.n64));
  CT_POISON(m.n_shifted, sizeof(m.n_shifted));
}

// PoisonPrivateKey marks p, q (and everything derived from them), dp, dq and qinv as secret. d itself is not kept
// by the primitive (only its CRT reductions are).
void PoisonPrivateKey(const RsaPrivatePrimitive& key) {
  auto& s = const_cast<internal::RsaPrivateState&>(key.internal_state());
  PoisonParams(s.mp);
  PoisonParams(s.mq);
  CT_POISON(s.dp, sizeof(s.dp));
  CT_POISON(s.dq, sizeof(s.dq));
  CT_POISON(s.qinv, sizeof(s.qinv));
}

std::vector<ArithPath> CtPaths() {
  std::vector<ArithPath> paths;
  for (ArithPath p : {ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
    if (!ArithPathSupported(p)) continue;
    const bool avx512 = p == ArithPath::kIfma || p == ArithPath::kIfma512;
    if (avx512 && JPKI_RUNNING_ON_VALGRIND) continue;  // valgrind 3.19 has no AVX-512
    paths.push_back(p);
  }
  return paths;
}

TEST(RsaConstantTimeTest, PrivateApplyWithPoisonedKeyAndInput) {
  auto rng = NewDeterministicRandom(2026);
  for (size_t bits : {1024, 2048}) {
    auto numbers = GenerateRsaPrivateNumbers(bits, 65537, *rng);
    ASSERT_TRUE(numbers.ok());
    for (ArithPath path : CtPaths()) {
      SCOPED_TRACE(std::string(ArithPathName(path)) + " " + std::to_string(bits));
      if (JPKI_RUNNING_ON_VALGRIND) std::fprintf(stderr, "ct: %s %zu\n", ArithPathName(path), bits);
      auto key = RsaPrivatePrimitive::Create(*numbers, path);
      ASSERT_TRUE(key.ok());
      const size_t len = (*key)->modulus_bytes();
      std::vector<uint8_t> in(len), out(len), expected(len);
      for (size_t i = 0; i < len; ++i) in[i] = static_cast<uint8_t>(i * 31 + 7);
      in[0] = 0;  // < n
      ASSERT_TRUE((*key)->Apply(in, absl::MakeSpan(expected)).ok());
      PoisonPrivateKey(**key);
      // Three calls: the first refreshes nothing, the blinding squarings run on poisoned-derived state.
      for (int call = 0; call < 3; ++call) {
        std::vector<uint8_t> secret_in = in;
        CT_POISON(secret_in.data(), secret_in.size());
        const absl::Status status = (*key)->Apply(secret_in, absl::MakeSpan(out), *rng);
        CT_UNPOISON(out.data(), out.size());
        ASSERT_TRUE(status.ok()) << status;
        EXPECT_EQ(out, expected);
      }
    }
  }
}

TEST(RsaConstantTimeTest, BlindingRefreshWithPoisonedKey) {
  // The first poisoned call refills the emptied blinding pool, whose inversion P^(p-2), P^(q-2) uses the poisoned
  // primes; 40 calls cross a refresh (every 32) that takes the next pair from the pool.
  auto rng = NewDeterministicRandom(7);
  auto numbers = GenerateRsaPrivateNumbers(1024, 65537, *rng);
  ASSERT_TRUE(numbers.ok());
  for (ArithPath path : CtPaths()) {
    auto key = RsaPrivatePrimitive::Create(*numbers, path);
    ASSERT_TRUE(key.ok());
    std::vector<uint8_t> in(128, 0x3c), out(128), expected(128);
    in[0] = 0;
    ASSERT_TRUE((*key)->Apply(in, absl::MakeSpan(expected)).ok());
    PoisonPrivateKey(**key);
    auto& state = const_cast<internal::RsaPrivateState&>((*key)->internal_state());
    state.blind_uses = -1;
    state.blind_pool_left = 0;
    for (int call = 0; call < 40; ++call) {
      ASSERT_TRUE((*key)->Apply(in, absl::MakeSpan(out), *rng).ok());
      CT_UNPOISON(out.data(), out.size());
      EXPECT_EQ(out, expected);
    }
  }
}

TEST(RsaConstantTimeTest, PublicApplyWithPoisonedInput) {
  // Verification is constant time in the signature too (it is also the verify-after-compute step).
  auto rng = NewDeterministicRandom(3);
  auto numbers = GenerateRsaPrivateNumbers(2048, 65537, *rng);
  ASSERT_TRUE(numbers.ok());
  for (ArithPath path : CtPaths()) {
    auto pub = RsaPublicPrimitive::Create(numbers->n, numbers->e, path);
    ASSERT_TRUE(pub.ok());
    std::vector<uint8_t> in(256, 0x5a), out(256);
    in[0] = 0;
    CT_POISON(in.data(), in.size());
    ASSERT_TRUE((*pub)->Apply(in, absl::MakeSpan(out)).ok());
    CT_UNPOISON(out.data(), out.size());
  }
}

TEST(RsaConstantTimeTest, MontgomeryKernelsWithPoisonedOperandsAndModulus) {
  // The kernels of moduli larger than the RSA-2048 halves (the loop, block and Karatsuba kernels of 48 and 64 limbs
  // serve the CRT halves of RSA-6144/8192, too slow to generate under valgrind), with the modulus and the operands
  // secret. The values are arbitrary: only the absence of secret-dependent branches and addresses is checked here
  // (mont_test checks the results).
  for (size_t limbs : {16, 24, 32, 40, 48, 64}) {
    for (ArithPath path : CtPaths()) {
      if (JPKI_RUNNING_ON_VALGRIND) std::fprintf(stderr, "ct kernels: %s %zu limbs\n", ArithPathName(path), limbs);
      const size_t bits = 64 * limbs;
      std::vector<internal::Limb> n(limbs);
      for (size_t i = 0; i < limbs; ++i) n[i] = 0x9e3779b97f4a7c15ull * (i + 1) ^ (0xd1b54a32d192ed03ull >> (i % 7));
      n[0] |= 1;
      n[limbs - 1] |= internal::Limb{1} << 63;
      internal::MontParams m;
      internal::InitMontParams(internal::EngineFor(path, bits), n.data(), limbs, bits, bits, &m);
      std::vector<internal::Limb> a64(limbs), a(internal::kMaxLimbs), b(internal::kMaxLimbs), r(internal::kMaxLimbs);
      for (size_t i = 0; i < limbs; ++i) a64[i] = n[i] >> 1 ^ (i * 0x5bd1e995);
      a64[limbs - 1] = n[limbs - 1] >> 2;  // < n
      internal::ToEngine(m, a64.data(), a.data());
      b = a;
      PoisonParams(m);
      CT_POISON(a.data(), a.size() * sizeof(internal::Limb));
      CT_POISON(b.data(), b.size() * sizeof(internal::Limb));
      m.engine->sqr(r.data(), a.data(), m);
      m.engine->mul(r.data(), r.data(), b.data(), m);
      m.engine->sqr2(a.data(), a.data(), m, b.data(), b.data(), m);
      CT_UNPOISON(r.data(), r.size() * sizeof(internal::Limb));
      CT_UNPOISON(a.data(), a.size() * sizeof(internal::Limb));
    }
  }
}

}  // namespace
}  // namespace jpki::crypto
