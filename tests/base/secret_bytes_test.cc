#include "base/secret_bytes.h"

#include <sstream>
#include <type_traits>

#include "gtest/gtest.h"

namespace jpki {
namespace {

static_assert(!std::is_copy_constructible_v<SecretBytes>);
static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);

TEST(SecretBytesTest, ComparesAndRedacts) {
  const Bytes key = {1, 2, 3, 4};
  SecretBytes secret(key);
  EXPECT_TRUE(secret.ConstantTimeEquals(key));
  EXPECT_FALSE(secret.ConstantTimeEquals(Bytes{1, 2, 3, 5}));
  EXPECT_FALSE(secret.ConstantTimeEquals(Bytes{1, 2, 3}));
  std::ostringstream os;
  os << secret;
  EXPECT_EQ(os.str(), "<redacted 4 bytes>");
}

TEST(SecretBytesTest, MoveLeavesSourceEmpty) {
  SecretBytes a(Bytes{9, 9});
  SecretBytes b = std::move(a);
  EXPECT_EQ(b.size(), 2u);
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): checking the moved-from state on purpose
  SecretBytes c = b.Clone();
  EXPECT_TRUE(c.ConstantTimeEquals(b.view()));
}

}  // namespace
}  // namespace jpki
