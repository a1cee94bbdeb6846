// Montgomery arithmetic on every supported path against Botan's BigInt.
#include "crypto/internal/mont.h"

#include <botan/auto_rng.h>
#include <botan/numthry.h>
#include <gtest/gtest.h>

#include <string>

#include "crypto/internal/limbs.h"
#include "crypto/internal/modexp.h"
#include "tests/crypto/internal/arith_test_util.h"

namespace jpki::crypto::internal {
namespace {

using testing::FromLimbs;
using testing::RandomOddModulus;
using testing::SupportedPaths;
using testing::ToLimbs;

struct Fixture {
  Fixture(ArithPath path, const Botan::BigInt& n_in) : n(n_in) {
    bits = n.bits();
    n64 = (bits + 63) / 64;
    auto nl = ToLimbs(n, n64);
    InitMontParams(EngineFor(path, bits), nl.data(), n64, bits, bits, &m);
  }
  // Mont converts a < n into Montgomery form in the engine radix.
  std::vector<Limb> Mont(const Botan::BigInt& a) const {
    auto al = ToLimbs(a, n64);
    std::vector<Limb> out(kMaxLimbs);
    ToMont(m, al.data(), n64, out.data());
    return out;
  }
  Botan::BigInt Plain(const std::vector<Limb>& x) const {
    std::vector<Limb> out(n64);
    FromMont(m, x.data(), out.data());
    return FromLimbs(out.data(), n64);
  }
  Botan::BigInt n;
  size_t bits = 0, n64 = 0;
  MontParams m;
};

class MontPathTest : public ::testing::TestWithParam<ArithPath> {};

TEST_P(MontPathTest, MulAndSqrMatchBotan) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : {64, 130, 512, 1000, 1024, 1536, 2048, 2050, 3072, 4096, 4200, 8192}) {
    SCOPED_TRACE(bits);
    for (int iter = 0; iter < 4; ++iter) {
      Fixture f(GetParam(), RandomOddModulus(rng, bits));
      const Botan::BigInt a = Botan::BigInt::random_integer(rng, 0, f.n);
      const Botan::BigInt b = Botan::BigInt::random_integer(rng, 0, f.n);
      auto am = f.Mont(a), bm = f.Mont(b);
      std::vector<Limb> r(kMaxLimbs);
      f.m.engine->mul(r.data(), am.data(), bm.data(), f.m);
      EXPECT_EQ(f.Plain(r), (a * b) % f.n);
      f.m.engine->sqr(r.data(), am.data(), f.m);
      EXPECT_EQ(f.Plain(r), (a * a) % f.n);
      // Aliasing: r = r * r.
      f.m.engine->mul(am.data(), am.data(), am.data(), f.m);
      EXPECT_EQ(f.Plain(am), (a * a) % f.n);
      // Identities: mont(x, R^2) is x*R; mont(one, one) is one.
      f.m.engine->mul(r.data(), f.m.one, f.m.one, f.m);
      EXPECT_EQ(f.Plain(r), Botan::BigInt(1));
    }
  }
}

TEST_P(MontPathTest, KernelSizesWithEdgeValues) {
  // Every limb count the fixed-size and block kernels serve (8-limb multiples up to 64, their neighbours), with the
  // extreme operands 0, 1, n - 1 and all-ones limbs (below the all-ones modulus), and squaring in place.
  Botan::AutoSeeded_RNG rng;
  for (size_t limbs : {7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 40, 47, 48, 49, 56, 63, 64, 65}) {
    const size_t bits = 64 * limbs;
    SCOPED_TRACE(bits);
    for (const Botan::BigInt& n :
         {RandomOddModulus(rng, bits), Botan::BigInt::power_of_2(bits) - 1, Botan::BigInt::power_of_2(bits - 1) + 1}) {
      Fixture f(GetParam(), n);
      const Botan::BigInt all_ones_below = Botan::BigInt::power_of_2(bits - 1) - 1;
      for (const Botan::BigInt& a :
           {Botan::BigInt(0), Botan::BigInt(1), n - 1, all_ones_below, Botan::BigInt::random_integer(rng, 0, n)}) {
        const Botan::BigInt b = Botan::BigInt::random_integer(rng, 0, n);
        auto am = f.Mont(a), bm = f.Mont(b);
        std::vector<Limb> r(kMaxLimbs);
        f.m.engine->mul(r.data(), am.data(), bm.data(), f.m);
        EXPECT_EQ(f.Plain(r), (a * b) % n);
        f.m.engine->mul(r.data(), am.data(), am.data(), f.m);
        EXPECT_EQ(f.Plain(r), (a * a) % n);
        // Results of the 64-bit engines are fully reduced.
        if (f.m.engine->radix_bits == 64) EXPECT_LT(FromLimbs(r.data(), f.n64), n);
        f.m.engine->mul(bm.data(), am.data(), bm.data(), f.m);  // r aliases b
        EXPECT_EQ(f.Plain(bm), (a * b) % n);
        f.m.engine->sqr(am.data(), am.data(), f.m);  // r aliases a
        EXPECT_EQ(f.Plain(am), (a * a) % n);
        if (f.m.engine->radix_bits == 64) EXPECT_LT(FromLimbs(am.data(), f.n64), n);
      }
    }
  }
}

TEST_P(MontPathTest, SquareMatchesMultiplicationOnHalfPatterns) {
  // Squaring kernels that split the operand (Karatsuba at 64 limbs on the portable path) must handle a low half
  // above, below and equal to the high half, and the extremes; the multiplication kernel is the reference.
  Botan::AutoSeeded_RNG rng;
  for (size_t limbs : {8, 16, 24, 32, 48, 64}) {
    const size_t bits = 64 * limbs;
    SCOPED_TRACE(bits);
    Fixture f(GetParam(), RandomOddModulus(rng, bits));
    const size_t half = bits / 2;
    const Botan::BigInt low_ones = Botan::BigInt::power_of_2(half) - 1;
    const Botan::BigInt r = Botan::BigInt::random_integer(rng, 1, Botan::BigInt::power_of_2(half - 2));
    for (const Botan::BigInt& x : {Botan::BigInt(0), Botan::BigInt(1), f.n - 1, low_ones,  // a1 = 0
                                   (r << half) + r,                                        // a0 = a1
                                   (r << half) + low_ones,                                 // a0 > a1
                                   ((low_ones >> 2) << half) + r,                          // a0 < a1
                                   Botan::BigInt::random_integer(rng, 0, f.n)}) {
      ASSERT_LT(x, f.n);
      auto xl = ToLimbs(x, f.n64);
      std::vector<Limb> xe(kMaxLimbs), sq(kMaxLimbs), mu(kMaxLimbs);
      ToEngine(f.m, xl.data(), xe.data());
      f.m.engine->sqr(sq.data(), xe.data(), f.m);
      f.m.engine->mul(mu.data(), xe.data(), xe.data(), f.m);
      EXPECT_EQ(f.Plain(sq), f.Plain(mu));
    }
  }
}

TEST_P(MontPathTest, Mul2MatchesTwoMuls) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : {512, 1024, 1536, 2048}) {
    Fixture f0(GetParam(), RandomOddModulus(rng, bits)), f1(GetParam(), RandomOddModulus(rng, bits));
    ASSERT_EQ(f0.m.limbs, f1.m.limbs);
    const Botan::BigInt a0 = Botan::BigInt::random_integer(rng, 0, f0.n),
                        a1 = Botan::BigInt::random_integer(rng, 0, f1.n);
    auto x0 = f0.Mont(a0), x1 = f1.Mont(a1);
    std::vector<Limb> r0(kMaxLimbs), r1(kMaxLimbs);
    f0.m.engine->mul2(r0.data(), x0.data(), x1.data(), f0.m, r1.data(), x1.data(), x0.data(), f1.m);
    // r0 = a0 * (a1 mod n1 treated as a Montgomery value mod n0): compare with single muls instead of Botan.
    std::vector<Limb> s0(kMaxLimbs), s1(kMaxLimbs);
    f0.m.engine->mul(s0.data(), x0.data(), x1.data(), f0.m);
    f1.m.engine->mul(s1.data(), x1.data(), x0.data(), f1.m);
    EXPECT_EQ(f0.Plain(r0), f0.Plain(s0));
    EXPECT_EQ(f1.Plain(r1), f1.Plain(s1));
    f0.m.engine->sqr2(r0.data(), x0.data(), f0.m, r1.data(), x1.data(), f1.m);
    EXPECT_EQ(f0.Plain(r0), (a0 * a0) % f0.n);
    EXPECT_EQ(f1.Plain(r1), (a1 * a1) % f1.n);
  }
}

// window2 (one window of the CRT exponentiation) against Botan: acc^(2^squarings) * entry for each half, with
// squarings 0..5 (5 is the window that RSA signing uses from 1024-bit halves, 4 and 3 come from shorter exponents).
TEST_P(MontPathTest, Window2MatchesPowerTimesEntry) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : {512, 1024, 1536, 2048}) {
    SCOPED_TRACE(bits);
    Fixture f0(GetParam(), RandomOddModulus(rng, bits)), f1(GetParam(), RandomOddModulus(rng, bits - 3));
    ASSERT_EQ(f0.m.limbs, f1.m.limbs);
    for (unsigned squarings = 0; squarings <= 5; ++squarings) {
      const Botan::BigInt a0 = Botan::BigInt::random_integer(rng, 0, f0.n),
                          a1 = Botan::BigInt::random_integer(rng, 0, f1.n);
      const Botan::BigInt b0 = squarings == 1 ? f0.n - 1 : Botan::BigInt::random_integer(rng, 0, f0.n);
      const Botan::BigInt b1 = squarings == 2 ? f1.n - 1 : Botan::BigInt::random_integer(rng, 0, f1.n);
      auto acc0 = f0.Mont(a0), acc1 = f1.Mont(a1), e0 = f0.Mont(b0), e1 = f1.Mont(b1);
      f0.m.engine->window2(acc0.data(), e0.data(), f0.m, acc1.data(), e1.data(), f1.m, squarings);
      const Botan::BigInt power = Botan::BigInt::power_of_2(squarings);
      EXPECT_EQ(f0.Plain(acc0), Botan::power_mod(a0, power, f0.n) * b0 % f0.n) << squarings;
      EXPECT_EQ(f1.Plain(acc1), Botan::power_mod(a1, power, f1.n) * b1 % f1.n) << squarings;
    }
  }
}

TEST_P(MontPathTest, ModExpMatchesBotanPowerMod) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : {512, 1024, 1536, 2048, 3072, 4096}) {
    SCOPED_TRACE(bits);
    Fixture f(GetParam(), RandomOddModulus(rng, bits));
    const Botan::BigInt all_ones = (Botan::BigInt::power_of_2(bits - 1) - 1);
    for (const Botan::BigInt& base :
         {Botan::BigInt(0), Botan::BigInt(1), f.n - 1, all_ones, Botan::BigInt::random_integer(rng, 0, f.n)}) {
      const size_t exp_bits = bits / 2;
      const Botan::BigInt exp(rng, exp_bits);
      auto bm = f.Mont(base);
      auto el = ToLimbs(exp, (exp_bits + 63) / 64);
      std::vector<Limb> r(kMaxLimbs);
      ModExpSecret(f.m, bm.data(), el.data(), exp_bits, r.data());
      EXPECT_EQ(f.Plain(r), Botan::power_mod(base, exp, f.n));
      // Public exponents, including the dedicated 65537.
      for (uint64_t e : {uint64_t{3}, uint64_t{65537}, uint64_t{0x10003}, uint64_t{1}, uint64_t{0}}) {
        Limb el1[1] = {e};
        auto xl = ToLimbs(base, f.n64);
        std::vector<Limb> out(f.n64);
        ModExpPublic(f.m, xl.data(), el1, 1, out.data());
        EXPECT_EQ(FromLimbs(out.data(), f.n64), Botan::power_mod(base, Botan::BigInt(e), f.n)) << e;
      }
    }
  }
}

TEST_P(MontPathTest, EmptyExponentGivesOne) {
  // Regression (modexp_differential_fuzzer): exp_bits = 0 used to loop for ever.
  Botan::AutoSeeded_RNG rng;
  Fixture f(GetParam(), RandomOddModulus(rng, 88));
  auto bm = f.Mont(Botan::BigInt(12345));
  std::vector<Limb> r(kMaxLimbs), r1(kMaxLimbs);
  Limb no_exp[1] = {0};
  ModExpSecret(f.m, bm.data(), no_exp, 0, r.data());
  EXPECT_EQ(f.Plain(r), Botan::BigInt(1));
  ModExpSecret2(f.m, bm.data(), no_exp, r.data(), f.m, bm.data(), no_exp, r1.data(), 0);
  EXPECT_EQ(f.Plain(r), Botan::BigInt(1));
  EXPECT_EQ(f.Plain(r1), Botan::BigInt(1));
}

TEST_P(MontPathTest, EdgeModuli) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : {1024, 2048}) {
    // All-ones modulus 2^bits - 1 and the smallest odd modulus of that size.
    for (const Botan::BigInt& n : {Botan::BigInt::power_of_2(bits) - 1, Botan::BigInt::power_of_2(bits - 1) + 1}) {
      Fixture f(GetParam(), n);
      const Botan::BigInt a = n - 1;
      const Botan::BigInt exp(rng, 300);
      auto am = f.Mont(a);
      auto el = ToLimbs(exp, 5);
      std::vector<Limb> r(kMaxLimbs);
      ModExpSecret(f.m, am.data(), el.data(), 300, r.data());
      EXPECT_EQ(f.Plain(r), Botan::power_mod(a, exp, n));
    }
  }
}

TEST_P(MontPathTest, ToMontReducesWideInputs) {
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : {511, 1024, 1025}) {
    Fixture f(GetParam(), RandomOddModulus(rng, bits));
    const size_t wide = 2 * f.n64;
    const Botan::BigInt x(rng, 2 * bits);
    auto xl = ToLimbs(x, wide);
    std::vector<Limb> xm(kMaxLimbs);
    ToMont(f.m, xl.data(), wide, xm.data());
    EXPECT_EQ(f.Plain(xm), x % f.n);
  }
}

INSTANTIATE_TEST_SUITE_P(AllPaths, MontPathTest, ::testing::ValuesIn(SupportedPaths()),
                         [](const ::testing::TestParamInfo<ArithPath>& info) {
                           return std::string(ArithPathName(info.param));
                         });

TEST(PathsTest, ThisMachineSupportsAllPaths) {
  // The CI machines (AMD EPYC with BMI2, ADX and AVX-512 IFMA) must exercise every path; elsewhere this only logs.
  for (ArithPath p : {ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
    if (!ArithPathSupported(p)) GTEST_LOG_(WARNING) << ArithPathName(p) << " not supported on this CPU";
  }
  EXPECT_TRUE(ArithPathSupported(ArithPath::kPortable));
  EXPECT_NE(SelectedArithPath(), ArithPath::kAuto);
  EXPECT_EQ(ResolvePath(ArithPath::kMulx), ArithPath::kMulx);
}

TEST(PathsTest, IfmaFallsBackAboveItsKernels) {
  if (!ArithPathSupported(ArithPath::kIfma)) GTEST_SKIP();
  EXPECT_EQ(EngineFor(ArithPath::kIfma, 2048).path, ArithPath::kIfma);
  EXPECT_EQ(EngineFor(ArithPath::kIfma, 4096).path, ArithPath::kIfma);
  EXPECT_EQ(EngineFor(ArithPath::kIfma, 8192).path, ArithPath::kMulx);
  EXPECT_EQ(EngineFor(ArithPath::kIfma512, 2048).path, ArithPath::kIfma512);
  EXPECT_EQ(EngineFor(ArithPath::kIfma512, 8192).path, ArithPath::kMulx);
  EXPECT_EQ(EngineFor(ArithPath::kPortable, 2048).path, ArithPath::kPortable);
}

}  // namespace
}  // namespace jpki::crypto::internal
