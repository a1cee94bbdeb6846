#include "base/status_macros.h"

#include "base/error.h"
#include "gtest/gtest.h"

namespace jpki {
namespace {

absl::StatusOr<int> Half(int x) {
  if (x % 2 != 0) return MakeError(ErrorCode::kInvalidArgument, "test", "odd");
  return x / 2;
}

absl::StatusOr<int> Quarter(int x) {
  JPKI_ASSIGN_OR_RETURN(int half, Half(x));
  JPKI_ASSIGN_OR_RETURN(half, Half(half));
  return half;
}

absl::Status CheckEven(int x) {
  JPKI_RETURN_IF_ERROR(Half(x));
  JPKI_RETURN_IF_ERROR(absl::OkStatus());
  return absl::OkStatus();
}

TEST(StatusMacrosTest, PropagatesErrorsAndValues) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(GetErrorCode(Quarter(6).status()), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_FALSE(CheckEven(3).ok());
}

}  // namespace
}  // namespace jpki
