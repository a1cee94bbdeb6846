#include "base/botan_boundary.h"

#include <botan/exceptn.h>
#include <botan/hex.h>

#include "gtest/gtest.h"

namespace jpki {
namespace {

TEST(BotanBoundaryTest, ReturnsValue) {
  auto r = CallBotan("test", "hex", [] { return Botan::hex_decode("00ff").size(); });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 2u);
}

TEST(BotanBoundaryTest, TurnsExceptionIntoStatus) {
  auto r = CallBotan("test", "hex decode", [] { return Botan::hex_decode("zz").size(); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(GetErrorCode(r.status()), ErrorCode::kInternal);
  EXPECT_NE(r.status().message().find("test: hex decode failed"), absl::string_view::npos);
  absl::Status s = CallBotan("test", "throw", [] { throw Botan::Invalid_Argument("nope"); });
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace jpki
