#include "crypto/random.h"

#include <botan/rng.h>

#include <array>

#include "gtest/gtest.h"

namespace jpki::crypto {
namespace {

TEST(RandomTest, SystemSourceFillsAndDiffers) {
  std::array<uint8_t, 32> a{}, b{};
  ASSERT_TRUE(RandomBytes(absl::MakeSpan(a)).ok());
  ASSERT_TRUE(RandomBytes(absl::MakeSpan(b)).ok());
  EXPECT_NE(a, b);
}

TEST(RandomTest, DeterministicSourceIsReproducible) {
  auto r1 = NewDeterministicRandom(42);
  auto r2 = NewDeterministicRandom(42);
  auto r3 = NewDeterministicRandom(43);
  std::array<uint8_t, 32> a{}, b{}, c{};
  ASSERT_TRUE(r1->Fill(absl::MakeSpan(a)).ok());
  ASSERT_TRUE(r2->Fill(absl::MakeSpan(b)).ok());
  ASSERT_TRUE(r3->Fill(absl::MakeSpan(c)).ok());
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(r1->botan_rng().next_byte(), r2->botan_rng().next_byte());
}

}  // namespace
}  // namespace jpki::crypto
