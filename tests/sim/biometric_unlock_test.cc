#include "sim/jpki_applet/biometric_unlock.h"

#include "gtest/gtest.h"

namespace jpki::sim::jpki_applet {
namespace {

TEST(BiometricUnlock, NeedsPrimaryFirst) {
  ManualClock clock(1'700'000'000);
  BiometricUnlock unlock(clock);
  EXPECT_EQ(unlock.Decide(), BiometricDecision::kPrimaryRequired);
}

TEST(BiometricUnlock, AllowedWithinSeventyTwoHours) {
  ManualClock clock(1'700'000'000);
  BiometricUnlock unlock(clock);
  unlock.RecordPrimary();
  EXPECT_EQ(unlock.Decide(), BiometricDecision::kAllowed);
  clock.AdvanceSeconds(72 * kSecondsPerHour - 1);
  EXPECT_EQ(unlock.Decide(), BiometricDecision::kAllowed);
}

TEST(BiometricUnlock, ExpiresAtSeventyTwoHours) {
  ManualClock clock(1'700'000'000);
  BiometricUnlock unlock(clock);
  unlock.RecordPrimary();
  clock.AdvanceSeconds(72 * kSecondsPerHour);
  EXPECT_EQ(unlock.Decide(), BiometricDecision::kPrimaryRequired);
  clock.AdvanceSeconds(kSecondsPerHour);  // 73 hours: the demo's case
  EXPECT_EQ(unlock.Decide(), BiometricDecision::kPrimaryRequired);
  unlock.RecordPrimary();  // the primary given again restarts the window
  EXPECT_EQ(unlock.Decide(), BiometricDecision::kAllowed);
}

TEST(BiometricUnlock, ClockGoingBackwardsDoesNotExtend) {
  ManualClock clock(1'700'000'000);
  BiometricUnlock unlock(clock);
  unlock.RecordPrimary();
  clock.AdvanceSeconds(-10);
  EXPECT_EQ(unlock.Decide(), BiometricDecision::kPrimaryRequired);
}

TEST(BiometricUnlock, ForgetDropsPrimary) {
  ManualClock clock(1'700'000'000);
  BiometricUnlock unlock(clock);
  unlock.RecordPrimary();
  unlock.Forget();
  EXPECT_EQ(unlock.Decide(), BiometricDecision::kPrimaryRequired);
}

}  // namespace
}  // namespace jpki::sim::jpki_applet
