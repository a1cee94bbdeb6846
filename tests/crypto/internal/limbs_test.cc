#include "crypto/internal/limbs.h"

#include <gtest/gtest.h>

#include <vector>

#include "crypto/internal/modexp.h"

namespace jpki::crypto::internal {
namespace {

TEST(LimbsTest, BytesRoundTrip) {
  const std::vector<uint8_t> bytes = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09};
  Limb l[2];
  BytesToLimbs(bytes, l, 2);
  EXPECT_EQ(l[0], 0x0203040506070809u);
  EXPECT_EQ(l[1], 0x01u);
  std::vector<uint8_t> out(9);
  LimbsToBytes(l, 2, absl::MakeSpan(out));
  EXPECT_EQ(out, bytes);
}

TEST(LimbsTest, CompareAndSelect) {
  const Limb a[2] = {5, 1}, b[2] = {4, 2};
  EXPECT_EQ(LessMask(a, b, 2), ~Limb{0});
  EXPECT_EQ(LessMask(b, a, 2), Limb{0});
  EXPECT_EQ(LessMask(a, a, 2), Limb{0});
  EXPECT_EQ(EqualMask(a, a, 2), ~Limb{0});
  EXPECT_EQ(EqualMask(a, b, 2), Limb{0});
  Limb r[2];
  Select(~Limb{0}, r, a, b, 2);
  EXPECT_EQ(r[1], 1u);
  Select(0, r, a, b, 2);
  EXPECT_EQ(r[1], 2u);
}

TEST(LimbsTest, CondSubtractAndModArith) {
  const Limb m[1] = {97};
  Limb x[1] = {100};
  CondSubtract(x, m, 1);
  EXPECT_EQ(x[0], 3u);
  CondSubtract(x, m, 1);
  EXPECT_EQ(x[0], 3u);
  Limb y[1] = {5};
  CondSubtract(y, m, 1, 1);  // overflow bit set: 2^64 + 5 - 97
  EXPECT_EQ(y[0], Limb{5} - Limb{97});
  Limb r[1];
  const Limb a[1] = {90}, b[1] = {10};
  ModAdd(r, a, b, m, 1);
  EXPECT_EQ(r[0], 3u);
  ModSub(r, b, a, m, 1);
  EXPECT_EQ(r[0], 17u);
}

TEST(LimbsTest, MulPlainAndPowerOfTwo) {
  const Limb a[1] = {~Limb{0}}, b[1] = {~Limb{0}};
  Limb r[2];
  MulPlain(r, a, 1, b, 1);
  EXPECT_EQ(r[0], 1u);
  EXPECT_EQ(r[1], ~Limb{0} - 1);
  const Limb m[1] = {1000003};
  Limb p[1];
  PowerOfTwoMod(40, m, 1, 20, p);
  EXPECT_EQ(p[0], (Limb{1} << 40) % 1000003);
  EXPECT_EQ(NegInverse(m[0]) * m[0], ~Limb{0});
}

TEST(LimbsTest, RadixConversionRoundTrip) {
  const Limb x[3] = {0x123456789abcdef0u, 0x0fedcba987654321u, 0x55u};
  Limb r52[5], back[3];
  ToRadix(x, 3, 52, r52, 5);
  for (Limb l : r52) EXPECT_LT(l, Limb{1} << 52);
  FromRadix(r52, 5, 52, back, 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(back[i], x[i]);
}

TEST(LimbsTest, ExtractBits) {
  const Limb x[2] = {0xf000000000000001u, 0x5u};
  EXPECT_EQ(ExtractBits(x, 2, 0, 5), 1u);
  EXPECT_EQ(ExtractBits(x, 2, 62, 5), 0x17u);  // bits 62..66: 1,1 then 1,0,1
  EXPECT_EQ(ExtractBits(x, 2, 127, 5), 0u);
}

TEST(CtTableLookupTest, SelectsEveryEntry) {
  constexpr size_t kEntries = 32, kLimbs = 7, kStride = 8;
  std::vector<Limb> table(kEntries * kStride);
  for (size_t e = 0; e < kEntries; ++e) {
    for (size_t j = 0; j < kStride; ++j) table[e * kStride + j] = e * 1000 + j;
  }
  for (size_t idx = 0; idx < kEntries; ++idx) {
    Limb out[kLimbs];
    CtTableLookup(table.data(), kEntries, kStride, kLimbs, idx, out);
    for (size_t j = 0; j < kLimbs; ++j) EXPECT_EQ(out[j], idx * 1000 + j);
  }
  // An index outside the table selects nothing.
  Limb out[kLimbs];
  CtTableLookup(table.data(), kEntries, kStride, kLimbs, 40, out);
  for (Limb l : out) EXPECT_EQ(l, 0u);
}

TEST(WindowTest, Widths) {
  EXPECT_EQ(WindowBits(1024), 5u);
  EXPECT_EQ(WindowBits(200), 4u);
  EXPECT_EQ(WindowBits(17), 3u);
}

constexpr size_t kRegion = 8192;
// The top of the region (next to the caller's frame) holds WipeStackBelow's own frame while it runs: its return
// address, saved registers and, unoptimised or under ASan (redzones around the region), its locals and padding.
constexpr size_t kOwnFrame = 512;

// Paint and CountPattern have the same frame, so called from one function they see the same stack bytes: what one
// call leaves there, the next finds. CountPattern counts below the top kOwnFrame bytes.
__attribute__((noinline)) void Paint(unsigned char v) {
  volatile unsigned char region[kRegion];
  for (size_t i = 0; i < sizeof(region); ++i) region[i] = v;
}

__attribute__((noinline)) size_t CountPattern(unsigned char v) {
  volatile unsigned char region[kRegion];
  size_t n = 0;
  for (size_t i = 0; i < sizeof(region) - kOwnFrame; ++i) n += region[i] == v ? 1 : 0;
  return n;
}

TEST(WipeStackBelowTest, ZeroesWhatEarlierCallsLeftOnTheStack) {
  Paint(0xa5);
  if (CountPattern(0xa5) < kRegion / 2) GTEST_SKIP() << "this build does not reuse the frame";
  Paint(0xa5);
  WipeStackBelow(kRegion + kOwnFrame);  // with a margin for the frame at the top
  EXPECT_EQ(CountPattern(0xa5), 0u);
}

}  // namespace
}  // namespace jpki::crypto::internal
