#include "sim/jpki_applet/pin.h"

#include "gtest/gtest.h"

namespace jpki::sim::jpki_applet {
namespace {

TEST(FormatAllows, AuthPinIsFourDigits) {
  EXPECT_TRUE(FormatAllows(PinFormat::kAuthPin, AsBytes("1234")));
  EXPECT_FALSE(FormatAllows(PinFormat::kAuthPin, AsBytes("123")));
  EXPECT_FALSE(FormatAllows(PinFormat::kAuthPin, AsBytes("12345")));
  EXPECT_FALSE(FormatAllows(PinFormat::kAuthPin, AsBytes("12a4")));
}

TEST(FormatAllows, SigningPasswordIsSixToSixteenUpperAlnum) {
  EXPECT_TRUE(FormatAllows(PinFormat::kSigningPassword, AsBytes("ABC123")));
  EXPECT_TRUE(FormatAllows(PinFormat::kSigningPassword, AsBytes("ABCDEFGHIJ123456")));
  EXPECT_FALSE(FormatAllows(PinFormat::kSigningPassword, AsBytes("ABC12")));
  EXPECT_FALSE(FormatAllows(PinFormat::kSigningPassword, AsBytes("ABCDEFGHIJ1234567")));
  EXPECT_FALSE(FormatAllows(PinFormat::kSigningPassword, AsBytes("abc123")));
}

TEST(FormatAllows, ScreenLockIsPrintable) {
  EXPECT_TRUE(FormatAllows(PinFormat::kScreenLock, AsBytes("pa$$w0rd")));
  EXPECT_FALSE(FormatAllows(PinFormat::kScreenLock, AsBytes("abc")));
  EXPECT_FALSE(FormatAllows(PinFormat::kScreenLock, AsBytes("with space")));
}

TEST(RetryPin, NotPersonalizedRefuses) {
  RetryPin pin(PinFormat::kAuthPin, 3);
  EXPECT_EQ(pin.Verify(AsBytes("1234")), VerifyOutcome::kNotPersonalized);
  EXPECT_FALSE(pin.verified());
}

TEST(RetryPin, SetRejectsBadFormat) {
  RetryPin pin(PinFormat::kAuthPin, 3);
  EXPECT_FALSE(pin.Set(AsBytes("12345")).ok());
  EXPECT_FALSE(pin.personalized());
}

TEST(RetryPin, WrongThenRightResetsCounter) {
  RetryPin pin(PinFormat::kAuthPin, 3);
  ASSERT_TRUE(pin.Set(AsBytes("1234")).ok());
  EXPECT_EQ(pin.Verify(AsBytes("0000")), VerifyOutcome::kWrong);
  EXPECT_EQ(pin.tries_left(), 2);
  EXPECT_FALSE(pin.verified());
  EXPECT_EQ(pin.Verify(AsBytes("1234")), VerifyOutcome::kVerified);
  EXPECT_EQ(pin.tries_left(), 3);
  EXPECT_TRUE(pin.verified());
  pin.ClearVerified();
  EXPECT_FALSE(pin.verified());
}

TEST(RetryPin, BlocksAfterMaxTriesAndStaysBlocked) {
  RetryPin pin(PinFormat::kAuthPin, 3);
  ASSERT_TRUE(pin.Set(AsBytes("1234")).ok());
  for (int expected_left = 2; expected_left >= 0; --expected_left) {
    EXPECT_EQ(pin.Verify(AsBytes("9999")), VerifyOutcome::kWrong);
    EXPECT_EQ(pin.tries_left(), expected_left);
  }
  EXPECT_TRUE(pin.blocked());
  // Even the right value is refused once blocked.
  EXPECT_EQ(pin.Verify(AsBytes("1234")), VerifyOutcome::kBlocked);
  EXPECT_FALSE(pin.verified());
}

TEST(RetryPin, BadFormatUsesNoTry) {
  RetryPin pin(PinFormat::kSigningPassword, 5);
  ASSERT_TRUE(pin.Set(AsBytes("ABC123")).ok());
  EXPECT_EQ(pin.Verify(AsBytes("abc")), VerifyOutcome::kBadFormat);
  EXPECT_EQ(pin.tries_left(), 5);
}

TEST(RetryPin, SetAfterBlockUnblocks) {
  RetryPin pin(PinFormat::kAuthPin, 1);
  ASSERT_TRUE(pin.Set(AsBytes("1234")).ok());
  EXPECT_EQ(pin.Verify(AsBytes("0000")), VerifyOutcome::kWrong);
  EXPECT_TRUE(pin.blocked());
  ASSERT_TRUE(pin.Set(AsBytes("5678")).ok());  // a reset at the municipal office
  EXPECT_EQ(pin.Verify(AsBytes("5678")), VerifyOutcome::kVerified);
}

}  // namespace
}  // namespace jpki::sim::jpki_applet
