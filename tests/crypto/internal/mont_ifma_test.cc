// The AVX-512 IFMA engines' kernels (the shifting one and the two-phase one of ifma_split_amm.h on 256-bit vectors,
// ifma512_amm.h on 512-bit vectors) on their whole input range: "almost Montgomery" results lie in [0, 2n) and are
// fed back as inputs, so every kernel must accept operands up to 2n - 1, single and interleaved (mul2/sqr2), with
// outputs aliasing inputs. The two engines must agree bit for bit.
#include <botan/auto_rng.h>
#include <botan/numthry.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "crypto/arith_path.h"
#include "crypto/internal/limbs.h"
#include "crypto/internal/mont.h"
#include "tests/crypto/internal/arith_test_util.h"

namespace jpki::crypto::internal {
namespace {

using testing::FromLimbs;
using testing::RandomOddModulus;
using testing::ToLimbs;

class IfmaKernels : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!ArithPathSupported(ArithPath::kIfma)) GTEST_SKIP() << "no AVX-512 IFMA on this CPU";
  }
};

const MontEngine* const kEngines[] = {&IfmaEngine(), &Ifma512Engine()};

// Engine holds one modulus on an IFMA engine and converts plain values (< 2n) to and from its radix.
struct Engine {
  Engine(const MontEngine& engine, const Botan::BigInt& n_in, size_t min_bits = 0) : n(n_in) {
    n64 = (n.bits() + 63) / 64;
    auto nl = ToLimbs(n, n64);
    InitMontParams(engine, nl.data(), n64, n.bits(), std::max(min_bits, n.bits()), &m);
  }
  // Radix converts x (< 2n, so up to one 64-bit limb more than n) into the engine's radix.
  std::vector<Limb> Radix(const Botan::BigInt& x) const {
    auto xl = ToLimbs(x, n64 + 1);
    std::vector<Limb> out(kMaxLimbs);
    ToRadix(xl.data(), n64 + 1, 52, out.data(), m.limbs);
    return out;
  }
  // Plain returns the value of x (engine radix) as a number; the kernels compute a * b / R, hence RInverse.
  Botan::BigInt Plain(const std::vector<Limb>& x) const {
    std::vector<Limb> out(n64 + 1);
    FromRadix(x.data(), m.limbs, 52, out.data(), n64 + 1);
    return FromLimbs(out.data(), n64 + 1);
  }
  Botan::BigInt RInverse() const { return Botan::inverse_mod(Botan::BigInt::power_of_2(52 * m.limbs) % n, n); }
  Botan::BigInt n;
  size_t n64 = 0;
  MontParams m;
};

// Bit sizes that land on every IFMA limb count (12, 20, 32, 40, 64, 80) at both ends.
constexpr size_t kBits[] = {512, 622, 1000, 1038, 1536, 1662, 2048, 2078, 3072, 3326, 4096, 4158};

TEST_F(IfmaKernels, MulAndSqrAcceptOperandsUpToTwoN) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : kBits) {
    for (const MontEngine* engine : kEngines) {
      SCOPED_TRACE(::testing::Message() << bits << " bits, " << ArithPathName(engine->path));
      const Engine e(*engine, RandomOddModulus(rng, bits));
      const Botan::BigInt ri = e.RInverse();
      for (int iter = 0; iter < 8; ++iter) {
        // The extremes 2n - 1 and 0 first, then random values in [0, 2n).
        const Botan::BigInt a = iter == 0 ? 2 * e.n - 1 : Botan::BigInt::random_integer(rng, 0, 2 * e.n);
        const Botan::BigInt b = iter == 1 ? Botan::BigInt(0) : Botan::BigInt::random_integer(rng, 0, 2 * e.n);
        auto ar = e.Radix(a), br = e.Radix(b);
        std::vector<Limb> r(kMaxLimbs);
        e.m.engine->mul(r.data(), ar.data(), br.data(), e.m);
        Botan::BigInt got = e.Plain(r);
        EXPECT_LT(got, 2 * e.n);
        EXPECT_EQ(got % e.n, (a * b * ri) % e.n);
        e.m.engine->sqr(r.data(), ar.data(), e.m);
        got = e.Plain(r);
        EXPECT_LT(got, 2 * e.n);
        EXPECT_EQ(got % e.n, (a * a * ri) % e.n);
        e.m.engine->sqr(ar.data(), ar.data(), e.m);  // in place
        EXPECT_EQ(e.Plain(ar), got);
      }
    }
  }
}

TEST_F(IfmaKernels, InterleavedPairsMatchSingleOperations) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : kBits) {
    for (const MontEngine* engine : kEngines) {
      SCOPED_TRACE(::testing::Message() << bits << " bits, " << ArithPathName(engine->path));
      // Two moduli of different lengths sharing one limb count, as the CRT halves do.
      const Engine e0(*engine, RandomOddModulus(rng, bits), bits);
      const Engine e1(*engine, RandomOddModulus(rng, bits - 5), bits);
      ASSERT_EQ(e0.m.limbs, e1.m.limbs);
      for (int iter = 0; iter < 4; ++iter) {
        auto a0 = e0.Radix(Botan::BigInt::random_integer(rng, 0, 2 * e0.n));
        auto b0 = e0.Radix(Botan::BigInt::random_integer(rng, 0, 2 * e0.n));
        auto a1 = e1.Radix(Botan::BigInt::random_integer(rng, 0, 2 * e1.n));
        auto b1 = e1.Radix(Botan::BigInt::random_integer(rng, 0, 2 * e1.n));
        std::vector<Limb> want0(kMaxLimbs), want1(kMaxLimbs), got0(kMaxLimbs), got1(kMaxLimbs);
        e0.m.engine->mul(want0.data(), a0.data(), b0.data(), e0.m);
        e1.m.engine->mul(want1.data(), a1.data(), b1.data(), e1.m);
        e0.m.engine->mul2(got0.data(), a0.data(), b0.data(), e0.m, got1.data(), a1.data(), b1.data(), e1.m);
        EXPECT_EQ(e0.Plain(got0) % e0.n, e0.Plain(want0) % e0.n);
        EXPECT_EQ(e1.Plain(got1) % e1.n, e1.Plain(want1) % e1.n);
        e0.m.engine->sqr(want0.data(), a0.data(), e0.m);
        e1.m.engine->sqr(want1.data(), a1.data(), e1.m);
        e0.m.engine->sqr2(a0.data(), a0.data(), e0.m, a1.data(), a1.data(), e1.m);  // in place
        EXPECT_EQ(e0.Plain(a0) % e0.n, e0.Plain(want0) % e0.n);
        EXPECT_EQ(e1.Plain(a1) % e1.n, e1.Plain(want1) % e1.n);
      }
    }
  }
}

// AllOnesLimbs is the largest number of whole 52-bit limbs, each 2^52 - 1, below 2^(bits - 1) (so below any modulus
// of `bits` bits).
Botan::BigInt AllOnesLimbs(size_t bits) { return Botan::BigInt::power_of_2(52 * ((bits - 1) / 52)) - 1; }

// The 512-bit kernels compute the same sums as the 256-bit ones, with the same reduction multiples: the limbs they
// return are identical, not only congruent. Operands include all-ones limbs (2^52 - 1), which exercise the carries.
TEST_F(IfmaKernels, WideAndNarrowEnginesAgreeBitForBit) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : kBits) {
    SCOPED_TRACE(bits);
    const Botan::BigInt n = RandomOddModulus(rng, bits), n1 = RandomOddModulus(rng, bits - 5);
    const Engine narrow(IfmaEngine(), n, bits), wide(Ifma512Engine(), n, bits);
    const Engine narrow1(IfmaEngine(), n1, bits), wide1(Ifma512Engine(), n1, bits);
    for (int iter = 0; iter < 8; ++iter) {
      const Botan::BigInt a = iter == 0 ? 2 * n - 1 : Botan::BigInt::random_integer(rng, 0, 2 * n);
      const Botan::BigInt b = iter == 1 ? AllOnesLimbs(bits) : Botan::BigInt::random_integer(rng, 0, 2 * n);
      const Botan::BigInt c = Botan::BigInt::random_integer(rng, 0, 2 * n1);
      auto ar = narrow.Radix(a), br = narrow.Radix(b), cr = narrow1.Radix(c);
      std::vector<Limb> want(kMaxLimbs), got(kMaxLimbs), want1(kMaxLimbs), got1(kMaxLimbs);
      narrow.m.engine->mul(want.data(), ar.data(), br.data(), narrow.m);
      wide.m.engine->mul(got.data(), ar.data(), br.data(), wide.m);
      EXPECT_EQ(got, want);
      narrow.m.engine->sqr(want.data(), ar.data(), narrow.m);
      wide.m.engine->sqr(got.data(), ar.data(), wide.m);
      EXPECT_EQ(got, want);
      narrow.m.engine->mul2(want.data(), ar.data(), br.data(), narrow.m, want1.data(), cr.data(), ar.data(), narrow1.m);
      wide.m.engine->mul2(got.data(), ar.data(), br.data(), wide.m, got1.data(), cr.data(), ar.data(), wide1.m);
      EXPECT_EQ(got, want);
      EXPECT_EQ(got1, want1);
      narrow.m.engine->sqr2(want.data(), br.data(), narrow.m, want1.data(), cr.data(), narrow1.m);
      wide.m.engine->sqr2(got.data(), br.data(), wide.m, got1.data(), cr.data(), wide1.m);
      EXPECT_EQ(got, want);
      EXPECT_EQ(got1, want1);
    }
  }
}

// The kernels write exactly m.limbs limbs: a table row's neighbour must survive (the 512-bit kernel's last vector
// is partly outside the value at 20 limbs).
TEST_F(IfmaKernels, OutputsStayWithinTheirLimbs) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : kBits) {
    for (const MontEngine* engine : kEngines) {
      SCOPED_TRACE(::testing::Message() << bits << " bits, " << ArithPathName(engine->path));
      const Engine e(*engine, RandomOddModulus(rng, bits), bits);
      const size_t limbs = e.m.limbs;
      auto ar = e.Radix(Botan::BigInt::random_integer(rng, 0, 2 * e.n));
      constexpr Limb kGuard = 0x5a5a5a5a5a5a5a5a;
      std::vector<Limb> r(kMaxLimbs, kGuard), r1(kMaxLimbs, kGuard);
      e.m.engine->mul(r.data(), ar.data(), ar.data(), e.m);
      e.m.engine->sqr2(r1.data(), ar.data(), e.m, r1.data() + limbs + 1, ar.data(), e.m);
      for (size_t i = limbs; i < kMaxLimbs; ++i) EXPECT_EQ(r[i], kGuard) << i;
      EXPECT_EQ(r1[limbs], kGuard);
    }
  }
}

}  // namespace
}  // namespace jpki::crypto::internal
