#include "base/ct.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace jpki::ct {
namespace {

TEST(CtTest, Masks) {
  EXPECT_EQ(IsZero<uint32_t>(0), 0xffffffffu);
  EXPECT_EQ(IsZero<uint32_t>(1), 0u);
  EXPECT_EQ(IsZero<uint64_t>(0x8000000000000000ull), 0u);
  EXPECT_EQ(IsNonZero<uint8_t>(7), 0xff);
  EXPECT_EQ(IsEqual<uint16_t>(5, 5), 0xffff);
  EXPECT_EQ(IsEqual<uint16_t>(5, 6), 0);
}

TEST(CtTest, IsLessExhaustiveOnBytes) {
  for (unsigned a = 0; a < 256; ++a) {
    for (unsigned b = 0; b < 256; ++b) {
      EXPECT_EQ(IsLess<uint8_t>(a, b), a < b ? 0xff : 0x00) << a << " " << b;
    }
  }
  EXPECT_EQ(IsLess<uint64_t>(0, ~0ull), ~0ull);
  EXPECT_EQ(IsLess<uint64_t>(~0ull, 0), 0u);
}

TEST(CtTest, SelectAndCopy) {
  EXPECT_EQ(Select<uint32_t>(~0u, 1, 2), 1u);
  EXPECT_EQ(Select<uint32_t>(0u, 1, 2), 2u);
  uint8_t dst[3] = {1, 2, 3};
  const uint8_t src[3] = {7, 8, 9};
  ConditionalCopy(0x00, dst, src, 3);
  EXPECT_EQ(dst[0], 1);
  ConditionalCopy(0xff, dst, src, 3);
  EXPECT_EQ(dst[2], 9);
}

TEST(CtTest, EqualAndZero) {
  uint8_t a[4] = {1, 2, 3, 4};
  uint8_t b[4] = {1, 2, 3, 4};
  EXPECT_EQ(Equal(a, b, 4), 0xff);
  b[3] = 5;
  EXPECT_EQ(Equal(a, b, 4), 0x00);
  SecureZero(a, sizeof(a));
  for (uint8_t x : a) EXPECT_EQ(x, 0);
}

}  // namespace
}  // namespace jpki::ct
