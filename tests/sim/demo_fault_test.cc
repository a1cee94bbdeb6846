// Fault injection: each protection must stop the demo at the right step with the right error.
#include <string>

#include "gtest/gtest.h"
#include "sim/demo/demo.h"

namespace jpki::sim::demo {
namespace {

struct FaultCase {
  Fault fault;
  int step;
  const char* error;
};

class DemoFaultTest : public ::testing::TestWithParam<FaultCase> {};

TEST_P(DemoFaultTest, FailsAtTheRightStep) {
  DemoOptions options;
  options.seed = 3;
  options.fault = GetParam().fault;
  const DemoResult result = RunDemo(options);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.failed_step, GetParam().step) << result.error;
  EXPECT_NE(result.error.find(GetParam().error), std::string::npos) << result.error;
  ASSERT_EQ(result.transcript.steps().size(), static_cast<size_t>(GetParam().step));
  EXPECT_FALSE(result.transcript.steps().back().ok);
  for (int i = 0; i + 1 < GetParam().step; ++i) EXPECT_TRUE(result.transcript.steps()[i].ok);
}

INSTANTIATE_TEST_SUITE_P(Faults, DemoFaultTest,
                         ::testing::Values(FaultCase{Fault::kWrongScp03Key, 2, "SEI-TSM: SCP03 authentication failed"},
                                           FaultCase{Fault::kTamperedApdu, 3, "6982 security status not satisfied"},
                                           FaultCase{Fault::kBlockedPin, 5, "PIN blocked (6983)"},
                                           FaultCase{Fault::kRevokedCertificate, 5, "login rejected: revoked"},
                                           FaultCase{Fault::kExpiredCrl, 6,
                                                     "document signature rejected: crl_expired"}));

}  // namespace
}  // namespace jpki::sim::demo
