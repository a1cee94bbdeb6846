#include "base/error.h"

#include "gtest/gtest.h"

namespace jpki {
namespace {

TEST(ErrorTest, CarriesTypedCodeAndModulePrefix) {
  absl::Status s = MakeError(ErrorCode::kBadSignature, "rsa", "signature does not verify");
  EXPECT_EQ(s.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(s.message(), "rsa: signature does not verify");
  EXPECT_EQ(GetErrorCode(s), ErrorCode::kBadSignature);
  EXPECT_EQ(ErrorCodeName(GetErrorCode(s)), "bad_signature");
}

TEST(ErrorTest, MessageAfterModuleDropsOnlyThatModulesPrefix) {
  const absl::Status s = MakeError(ErrorCode::kMalformedInput, "rsa", "PSS parameters: bad at offset 3");
  EXPECT_EQ(MessageAfterModule(s, "rsa"), "PSS parameters: bad at offset 3");
  EXPECT_EQ(MessageAfterModule(s, "asn1"), "rsa: PSS parameters: bad at offset 3");
  EXPECT_EQ(MessageAfterModule(s, "rs"), "rsa: PSS parameters: bad at offset 3");
  EXPECT_EQ(MessageAfterModule(absl::InternalError("rsa:"), "rsa"), "rsa:");
  EXPECT_EQ(MessageAfterModule(absl::OkStatus(), "rsa"), "");
}

TEST(ErrorTest, OkAndForeignStatuses) {
  EXPECT_TRUE(MakeError(ErrorCode::kOk, "x", "y").ok());
  EXPECT_EQ(GetErrorCode(absl::OkStatus()), ErrorCode::kOk);
  EXPECT_EQ(GetErrorCode(absl::InternalError("boom")), ErrorCode::kInternal);
}

TEST(ErrorTest, EveryCodeHasNameAndRoundTrips) {
  for (int i = 1; i <= static_cast<int>(ErrorCode::kResourceLimit); ++i) {
    const auto code = static_cast<ErrorCode>(i);
    EXPECT_NE(ErrorCodeName(code), "unknown");
    EXPECT_EQ(GetErrorCode(MakeError(code, "m", "x")), code);
  }
}

}  // namespace
}  // namespace jpki
