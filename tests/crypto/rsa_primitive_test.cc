// The raw RSA primitive on every supported arithmetic path against Botan's BigInt.
#include "crypto/rsa_primitive.h"

#include <botan/auto_rng.h>
#include <botan/bigint.h>
#include <botan/numthry.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "crypto/internal/rsa_state.h"

namespace jpki::crypto {
namespace {

Botan::BigInt Big(ByteView v) { return Botan::BigInt(v.data(), v.size()); }

Bytes Encode(const Botan::BigInt& v, size_t len) {
  Bytes out(len);
  v.binary_encode(out.data(), len);
  return out;
}

SecretBytes Secret(const Botan::BigInt& v) {
  Bytes b = Encode(v, v.bytes());
  return SecretBytes(b);
}

RsaPrivateNumbers Clone(const RsaPrivateNumbers& k) {
  RsaPrivateNumbers c;
  c.n = k.n;
  c.e = k.e;
  c.d = k.d.Clone();
  c.p = k.p.Clone();
  c.q = k.q.Clone();
  c.dp = k.dp.Clone();
  c.dq = k.dq.Clone();
  c.qinv = k.qinv.Clone();
  return c;
}

// Keys are generated once per size with a deterministic source (generation is slow in unoptimised builds).
const RsaPrivateNumbers& Key(size_t bits, uint64_t e = 65537) {
  static auto* keys = new std::map<std::pair<size_t, uint64_t>, RsaPrivateNumbers>();
  auto it = keys->find({bits, e});
  if (it == keys->end()) {
    auto rng = NewDeterministicRandom(bits * 7 + e);
    auto k = GenerateRsaPrivateNumbers(bits, e, *rng);
    EXPECT_TRUE(k.ok()) << k.status();
    it = keys->emplace(std::make_pair(bits, e), std::move(*k)).first;
  }
  return it->second;
}

std::vector<ArithPath> Paths() {
  std::vector<ArithPath> paths;
  for (ArithPath p : {ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
    if (ArithPathSupported(p)) paths.push_back(p);
  }
  return paths;
}

class RsaPrimitivePathTest : public ::testing::TestWithParam<std::tuple<ArithPath, size_t>> {
 protected:
  ArithPath path() const { return std::get<0>(GetParam()); }
  size_t bits() const { return std::get<1>(GetParam()); }
};

TEST_P(RsaPrimitivePathTest, PrivateAndPublicMatchBotan) {
  const RsaPrivateNumbers& k = Key(bits());
  auto priv = RsaPrivatePrimitive::Create(k, path());
  ASSERT_TRUE(priv.ok()) << priv.status();
  EXPECT_EQ((*priv)->path(), path());
  EXPECT_EQ((*priv)->modulus_bits(), bits());
  const size_t len = (*priv)->modulus_bytes();
  const Botan::BigInt n = Big(k.n), d = Big(k.d.view()), e = Big(k.e);
  Botan::AutoSeeded_RNG rng;
  std::vector<Botan::BigInt> inputs = {Botan::BigInt(0), Botan::BigInt(1), Botan::BigInt(2), n - 1};
  for (int i = 0; i < 6; ++i) inputs.push_back(Botan::BigInt::random_integer(rng, 0, n));
  for (const Botan::BigInt& x : inputs) {
    const Bytes in = Encode(x, len);
    Bytes sig(len), back(len);
    ASSERT_TRUE((*priv)->Apply(in, absl::MakeSpan(sig)).ok());
    // The non-CRT reference: x^d mod n.
    EXPECT_EQ(Big(sig), Botan::power_mod(x, d, n));
    ASSERT_TRUE((*priv)->public_primitive().Apply(sig, absl::MakeSpan(back)).ok());
    EXPECT_EQ(back, in);
    Bytes enc(len);
    ASSERT_TRUE((*priv)->public_primitive().Apply(in, absl::MakeSpan(enc)).ok());
    EXPECT_EQ(Big(enc), Botan::power_mod(x, e, n));
  }
}

TEST_P(RsaPrimitivePathTest, FaultInjectionIsDetected) {
  for (bool p_half : {true, false}) {
    auto priv = RsaPrivatePrimitive::Create(Key(bits()), path());
    ASSERT_TRUE(priv.ok());
    (*priv)->InjectFaultForTesting(p_half);
    Bytes in((*priv)->modulus_bytes(), 0x11), out((*priv)->modulus_bytes(), 0xaa);
    const absl::Status s = (*priv)->Apply(in, absl::MakeSpan(out));
    EXPECT_EQ(GetErrorCode(s), ErrorCode::kFaultDetected) << s;
    EXPECT_EQ(out, Bytes(out.size(), 0));
  }
}

INSTANTIATE_TEST_SUITE_P(PathsAndSizes, RsaPrimitivePathTest,
                         ::testing::Combine(::testing::ValuesIn(Paths()), ::testing::Values(1024, 2048, 3072, 4096)),
                         [](const ::testing::TestParamInfo<std::tuple<ArithPath, size_t>>& info) {
                           return std::string(ArithPathName(std::get<0>(info.param))) + "_" +
                                  std::to_string(std::get<1>(info.param));
                         });

TEST(RsaPrimitiveTest, AllPathsAgreeAndAutoWorks) {
  const RsaPrivateNumbers& k = Key(2048);
  Botan::AutoSeeded_RNG rng;
  const Bytes in = Encode(Botan::BigInt::random_integer(rng, 0, Big(k.n)), 256);
  Bytes expected;
  for (ArithPath p :
       {ArithPath::kAuto, ArithPath::kPortable, ArithPath::kMulx, ArithPath::kIfma, ArithPath::kIfma512}) {
    if (!ArithPathSupported(p)) continue;
    auto priv = RsaPrivatePrimitive::Create(k, p);
    ASSERT_TRUE(priv.ok());
    Bytes out(256);
    ASSERT_TRUE((*priv)->Apply(in, absl::MakeSpan(out)).ok());
    if (expected.empty()) expected = out;
    EXPECT_EQ(out, expected) << ArithPathName(p);
  }
  EXPECT_EQ(RsaPublicPrimitive::Create(k.n, k.e, ArithPath::kAuto).value()->path(), SelectedArithPath());
}

TEST(RsaPrimitiveTest, SmallPublicExponent) {
  const RsaPrivateNumbers& k = Key(1024, 3);
  for (ArithPath p : Paths()) {
    auto priv = RsaPrivatePrimitive::Create(k, p);
    ASSERT_TRUE(priv.ok()) << priv.status();
    Bytes in(128, 0x42), sig(128), back(128);
    in[0] = 0x01;
    ASSERT_TRUE((*priv)->Apply(in, absl::MakeSpan(sig)).ok());
    ASSERT_TRUE((*priv)->public_primitive().Apply(sig, absl::MakeSpan(back)).ok());
    EXPECT_EQ(back, in);
  }
}

// PaintStack fills kPainted bytes of stack below its caller with 0xa5. NonZeroAboveDeepest, called from the same
// function (so its frame covers the same bytes), finds the deepest byte touched since and counts the non-zero bytes
// in the kChecked bytes above it, after the kSkipped bytes at the very bottom: the frame of the memset that wiped
// (larger under ASan, whose memset is an interceptor).
constexpr size_t kPainted = 4 * 1024 * 1024;
constexpr size_t kSkipped = 8 * 1024, kChecked = 64 * 1024;

__attribute__((noinline)) void PaintStack() {
  volatile unsigned char region[kPainted];
  for (size_t i = 0; i < kPainted; ++i) region[i] = 0xa5;
}

__attribute__((noinline)) size_t NonZeroAboveDeepest() {
  volatile unsigned char region[kPainted];
  size_t deepest = 0;
  while (deepest < kPainted && region[deepest] == 0xa5) ++deepest;
  size_t non_zero = 0;
  for (size_t i = deepest + kSkipped; i < deepest + kSkipped + kChecked && i < kPainted; ++i) {
    non_zero += region[i] != 0 ? 1 : 0;
  }
  return non_zero;
}

TEST_P(RsaPrimitivePathTest, PrivateOperationLeavesNoStackBehind) {
  // The kernels keep copies of secret operands in their frames, the deepest of the operation. Apply wipes the stack
  // below its frame at its end, so the 64 KB above the deepest byte the operation touched must be zeros.
  auto priv = RsaPrivatePrimitive::Create(Key(bits()), path());
  ASSERT_TRUE(priv.ok());
  Bytes in(bits() / 8, 0x5a), out(bits() / 8);
  in[0] = 0;
  for (int call = 0; call < 2; ++call) {  // the first call also fills the blinding pool
    PaintStack();
    ASSERT_TRUE((*priv)->Apply(in, absl::MakeSpan(out)).ok());
    EXPECT_EQ(NonZeroAboveDeepest(), 0u) << "call " << call;
  }
}

TEST(RsaPrimitiveTest, BlindingRefreshAndDeterminism) {
  // Results do not depend on the blinding: 600 calls cross 18 refreshes (every 32 calls) and a refill of the pool
  // (every 16 refreshes), with two different random sources.
  auto priv = RsaPrivatePrimitive::Create(Key(1024));
  ASSERT_TRUE(priv.ok());
  auto rng = NewDeterministicRandom(5);
  Bytes in(128, 0x5a), first(128), out(128);
  in[0] = 0;
  ASSERT_TRUE((*priv)->Apply(in, absl::MakeSpan(first)).ok());
  for (int i = 0; i < 600; ++i) {
    ASSERT_TRUE((*priv)->Apply(in, absl::MakeSpan(out), i % 2 ? SystemRandom() : *rng).ok());
    EXPECT_EQ(out, first);
  }
}

TEST(RsaPrimitiveTest, BlindingPoolServesRefreshesUntilEmpty) {
  // The first call fills the pool and takes a pair; each refresh (every 32 calls) takes the next; an empty pool is
  // refilled with kBlindingPoolPairs new pairs.
  for (ArithPath p : Paths()) {
    SCOPED_TRACE(ArithPathName(p));
    auto priv = RsaPrivatePrimitive::Create(Key(1024), p);
    ASSERT_TRUE(priv.ok());
    const internal::RsaPrivateState& state = (*priv)->internal_state();
    constexpr size_t kPairs = internal::kBlindingPoolPairs;
    Bytes in(128, 0x21);
    Bytes out(128);
    in[0] = 0;
    auto apply = [&](size_t calls) {
      for (size_t i = 0; i < calls; ++i) {
        ASSERT_TRUE((*priv)->Apply(in, absl::MakeSpan(out)).ok());
      }
    };
    EXPECT_EQ(state.blind_pool_left, 0u);
    apply(1);
    EXPECT_EQ(state.blind_pool_left, kPairs - 1);
    apply(32);
    EXPECT_EQ(state.blind_pool_left, kPairs - 2);
    apply(32 * (kPairs - 2));
    EXPECT_EQ(state.blind_pool_left, 0u);
    apply(31);
    EXPECT_EQ(state.blind_pool_left, 0u);
    apply(1);  // call 1 + 32 * kPairs
    EXPECT_EQ(state.blind_pool_left, kPairs - 1);
  }
}

TEST(RsaPrimitiveTest, ConcurrentApply) {
  auto priv = RsaPrivatePrimitive::Create(Key(1024));
  ASSERT_TRUE(priv.ok());
  Bytes in(128, 0x33), expected(128);
  ASSERT_TRUE((*priv)->Apply(in, absl::MakeSpan(expected)).ok());
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        Bytes out(128);
        if (!(*priv)->Apply(in, absl::MakeSpan(out)).ok() || out != expected) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(RsaPrimitiveTest, RejectsBadInputs) {
  const RsaPrivateNumbers& k = Key(1024);
  auto priv = RsaPrivatePrimitive::Create(k);
  ASSERT_TRUE(priv.ok());
  const auto& pub = (*priv)->public_primitive();
  Bytes out(128, 0xaa);
  // in == n and in > n.
  EXPECT_EQ(GetErrorCode(pub.Apply(k.n, absl::MakeSpan(out))), ErrorCode::kBadSignature);
  EXPECT_EQ(out, Bytes(128, 0));
  EXPECT_EQ(GetErrorCode((*priv)->Apply(k.n, absl::MakeSpan(out))), ErrorCode::kInvalidArgument);
  Bytes ff(128, 0xff);
  EXPECT_EQ(GetErrorCode(pub.Apply(ff, absl::MakeSpan(out))), ErrorCode::kBadSignature);
  // Wrong lengths.
  Bytes short_in(127, 1), long_out(129);
  EXPECT_EQ(GetErrorCode(pub.Apply(short_in, absl::MakeSpan(out))), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(pub.Apply(Bytes(128, 1), absl::MakeSpan(long_out))), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode((*priv)->Apply(short_in, absl::MakeSpan(out))), ErrorCode::kInvalidArgument);
}

TEST(RsaPublicPrimitiveTest, RejectsBadKeys) {
  const RsaPrivateNumbers& k = Key(1024);
  const Botan::BigInt n = Big(k.n);
  auto invalid = [](ByteView n, ByteView e) {
    return GetErrorCode(RsaPublicPrimitive::Create(n, e).status()) == ErrorCode::kInvalidArgument;
  };
  EXPECT_TRUE(invalid(Encode(n + 1, 128), k.e));                              // even
  EXPECT_TRUE(invalid(Encode(Botan::BigInt::power_of_2(510) + 1, 64), k.e));  // 511 bits
  EXPECT_TRUE(invalid(Encode(Botan::BigInt::power_of_2(16384) + 1, 2049), k.e));
  EXPECT_TRUE(invalid(k.n, Bytes{0x01}));              // e = 1
  EXPECT_TRUE(invalid(k.n, Bytes{0x01, 0x00, 0x00}));  // even e
  EXPECT_TRUE(invalid(k.n, Bytes{}));                  // e = 0
  EXPECT_TRUE(invalid(k.n, k.n));                      // e = n (even? n is odd: e >= n)
  EXPECT_TRUE(invalid(k.n, Bytes(200, 0x01)));         // e longer than n
  // Leading zeros are allowed, and 512 and 16384 bits are accepted.
  Bytes padded(3, 0);
  padded.insert(padded.end(), k.n.begin(), k.n.end());
  auto p = RsaPublicPrimitive::Create(padded, k.e);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)->modulus_bytes(), 128u);
  EXPECT_TRUE(RsaPublicPrimitive::Create(Encode(Botan::BigInt::power_of_2(511) + 1, 64), Bytes{3}).ok());
}

TEST(RsaPublicPrimitiveTest, LargeModuliMatchBotan) {
  // Moduli above 4096 bits take the generic path (IFMA falls back to MULX); still exact.
  Botan::AutoSeeded_RNG rng;
  for (size_t bits : {4100, 8192, 16384}) {
    Botan::BigInt n(rng, bits, true);
    n.set_bit(0);
    const Botan::BigInt x = Botan::BigInt::random_integer(rng, 0, n);
    for (ArithPath p : Paths()) {
      auto pub = RsaPublicPrimitive::Create(Encode(n, bits / 8 + (bits % 8 != 0)), Bytes{0x01, 0x00, 0x01}, p);
      ASSERT_TRUE(pub.ok()) << pub.status();
      const size_t len = (*pub)->modulus_bytes();
      Bytes out(len);
      ASSERT_TRUE((*pub)->Apply(Encode(x, len), absl::MakeSpan(out)).ok());
      EXPECT_EQ(Big(out), Botan::power_mod(x, Botan::BigInt(65537), n)) << bits;
    }
  }
}

TEST(RsaPrivatePrimitiveTest, RejectsInconsistentKeys) {
  const RsaPrivateNumbers& k = Key(1024);
  const Botan::BigInt p = Big(k.p.view()), q = Big(k.q.view()), d = Big(k.d.view()), dp = Big(k.dp.view()),
                      dq = Big(k.dq.view()), qinv = Big(k.qinv.view());
  auto expect_invalid = [](const RsaPrivateNumbers& bad, const char* what) {
    EXPECT_EQ(GetErrorCode(RsaPrivatePrimitive::Create(bad).status()), ErrorCode::kInvalidArgument) << what;
  };
  {
    auto b = Clone(k);
    b.p = Secret(p + 2);
    expect_invalid(b, "p*q != n");
  }
  {
    auto b = Clone(k);
    b.q = k.p.Clone();
    expect_invalid(b, "p == q");
  }
  {
    auto b = Clone(k);
    b.dp = Secret(dp + 2);
    expect_invalid(b, "dp");
  }
  {
    auto b = Clone(k);
    b.dq = Secret(dq - 2);
    expect_invalid(b, "dq");
  }
  {
    auto b = Clone(k);
    b.qinv = Secret(qinv + 1);
    expect_invalid(b, "qinv");
  }
  {
    auto b = Clone(k);
    b.d = Secret(d + 2);
    expect_invalid(b, "d");
  }
  {
    auto b = Clone(k);
    b.e = Bytes{0x01, 0x00, 0x03};
    expect_invalid(b, "e");
  }
  {
    auto b = Clone(k);  // swapped primes without recomputing qinv
    b.p = k.q.Clone();
    b.q = k.p.Clone();
    expect_invalid(b, "swapped");
  }
  {
    auto b = Clone(k);
    b.d = SecretBytes();
    expect_invalid(b, "d = 0");
  }
  {
    // Unbalanced: n = p' * q' with a 300-bit and a 724-bit prime.
    Botan::AutoSeeded_RNG rng;
    const Botan::BigInt e(65537);
    const Botan::BigInt p1 = Botan::random_prime(rng, 300, e);
    const Botan::BigInt q1 = Botan::random_prime(rng, 724, e);
    const Botan::BigInt n1 = p1 * q1;
    const Botan::BigInt d1 = Botan::inverse_mod(e, Botan::lcm(p1 - 1, q1 - 1));
    RsaPrivateNumbers b;
    b.n = Encode(n1, n1.bytes());
    b.e = Bytes{0x01, 0x00, 0x01};
    b.d = Secret(d1);
    b.p = Secret(p1);
    b.q = Secret(q1);
    b.dp = Secret(d1 % (p1 - 1));
    b.dq = Secret(d1 % (q1 - 1));
    b.qinv = Secret(Botan::inverse_mod(q1, p1));
    expect_invalid(b, "unbalanced");
  }
  // The unmodified key (and the swapped primes with qinv recomputed) are accepted.
  EXPECT_TRUE(RsaPrivatePrimitive::Create(k).ok());
  auto swapped = Clone(k);
  swapped.p = k.q.Clone();
  swapped.q = k.p.Clone();
  swapped.dp = k.dq.Clone();
  swapped.dq = k.dp.Clone();
  swapped.qinv = Secret(Botan::inverse_mod(p, q));
  auto sw = RsaPrivatePrimitive::Create(swapped);
  ASSERT_TRUE(sw.ok()) << sw.status();
  Bytes in(128, 7), a(128), b(128);
  ASSERT_TRUE((*sw)->Apply(in, absl::MakeSpan(a)).ok());
  ASSERT_TRUE(RsaPrivatePrimitive::Create(k).value()->Apply(in, absl::MakeSpan(b)).ok());
  EXPECT_EQ(a, b);
}

TEST(GenerateRsaPrivateNumbersTest, GeneratesConsistentKeys) {
  auto rng = NewDeterministicRandom(99);
  for (size_t bits : {1024, 2048}) {
    auto k = GenerateRsaPrivateNumbers(bits, 65537, *rng);
    ASSERT_TRUE(k.ok()) << k.status();
    const Botan::BigInt n = Big(k->n), p = Big(k->p.view()), q = Big(k->q.view());
    EXPECT_EQ(n.bits(), bits);
    EXPECT_EQ(p * q, n);
    EXPECT_EQ(p.bits(), bits / 2);
    EXPECT_EQ(q.bits(), bits / 2);
    EXPECT_TRUE(Botan::is_prime(p, rng->botan_rng()));
    EXPECT_EQ(Big(k->e), Botan::BigInt(65537));
    EXPECT_TRUE(RsaPrivatePrimitive::Create(*k).ok());
  }
  // A different seed gives a different key; the same seed the same key.
  auto k1 = GenerateRsaPrivateNumbers(1024, 65537, *NewDeterministicRandom(1));
  auto k2 = GenerateRsaPrivateNumbers(1024, 65537, *NewDeterministicRandom(1));
  auto k3 = GenerateRsaPrivateNumbers(1024, 65537, *NewDeterministicRandom(2));
  EXPECT_EQ(k1->n, k2->n);
  EXPECT_NE(k1->n, k3->n);
}

TEST(GenerateRsaPrivateNumbersTest, RejectsBadParameters) {
  auto rng = NewDeterministicRandom(1);
  EXPECT_EQ(GetErrorCode(GenerateRsaPrivateNumbers(1536, 65537, *rng).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(GenerateRsaPrivateNumbers(512, 65537, *rng).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(GenerateRsaPrivateNumbers(2048, 65536, *rng).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(GenerateRsaPrivateNumbers(2048, 1, *rng).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(GenerateRsaPrivateNumbers(2048, uint64_t{1} << 33 | 1, *rng).status()),
            ErrorCode::kInvalidArgument);
}

TEST(ArithPathTest, Names) {
  EXPECT_STREQ(ArithPathName(ArithPath::kAuto), "auto");
  EXPECT_STREQ(ArithPathName(ArithPath::kPortable), "portable");
  EXPECT_STREQ(ArithPathName(ArithPath::kMulx), "mulx");
  EXPECT_STREQ(ArithPathName(ArithPath::kIfma), "ifma");
  EXPECT_STREQ(ArithPathName(ArithPath::kIfma512), "ifma512");
  EXPECT_TRUE(ArithPathSupported(ArithPath::kAuto));
}

}  // namespace
}  // namespace jpki::crypto
