// The whole `jpki demo` flow as the project's integration test: every step must behave, and a seeded run must be
// reproducible.
#include "sim/demo/demo.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace jpki::sim::demo {
namespace {

bool AnyLineContains(const TranscriptStep& step, const std::string& needle) {
  for (const std::string& line : step.lines) {
    if (line.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST(Demo, EveryStepBehaves) {
  DemoOptions options;
  options.seed = 42;
  const DemoResult result = RunDemo(options);
  ASSERT_TRUE(result.ok) << "step " << result.failed_step << ": " << result.error;
  const auto& steps = result.transcript.steps();
  ASSERT_EQ(steps.size(), static_cast<size_t>(kDemoSteps));
  for (const TranscriptStep& step : steps) EXPECT_TRUE(step.ok) << step.title;
  // 1: the card presents its label.
  EXPECT_TRUE(AnyLineContains(steps[0], "JPKIAPICCTOKEN2"));
  // 2: SCP03 at the full security level, SSD created with PUT KEY.
  EXPECT_TRUE(AnyLineContains(steps[1], "security level 33 (C-MAC, C-DECRYPTION, R-MAC, R-ENCRYPTION)"));
  EXPECT_TRUE(AnyLineContains(steps[1], "SEI-TSM: PUT KEY (SP key set, KVN 01, keys under the ISD DEK) -> 9000"));
  // 3: GP commands named as `jpki apdu decode` names them; keys generated on the SE.
  EXPECT_TRUE(AnyLineContains(steps[2], "INSTALL [for load] (JPKI package, SHA-256 of the load file) -> 9000"));
  EXPECT_TRUE(AnyLineContains(steps[2], "LOAD (load file block) -> 9000 success (x2)"));
  EXPECT_TRUE(
      AnyLineContains(steps[2], "INSTALL [for install and make selectable] (JPKI AP d392f000260100000001) -> 9000"));
  EXPECT_TRUE(AnyLineContains(steps[2], "INSTALL [for personalization] (JPKI AP) -> 9000"));
  EXPECT_TRUE(AnyLineContains(steps[2], "key pairs generated on the SE (RSA-2048/2048)"));
  // 4: the card proved the holder.
  EXPECT_TRUE(AnyLineContains(steps[3], "card proves the holder"));
  // 5: 63C2, smartphone, biometric, the 72-hour refusal, the unlisted app.
  EXPECT_TRUE(AnyLineContains(steps[4], "63C2"));
  EXPECT_TRUE(AnyLineContains(steps[4], "verifier: login ok, authentication/smartphone"));
  EXPECT_TRUE(AnyLineContains(steps[4], "verifier: biometric login ok"));
  EXPECT_TRUE(AnyLineContains(steps[4], "biometric login refused: primary_credential_required"));
  EXPECT_TRUE(AnyLineContains(steps[4], "com.example.unlisted refused"));
  // 6: holder attributes, smartphone and card told apart.
  EXPECT_TRUE(AnyLineContains(steps[5], "signing certificate before the password: refused"));
  EXPECT_TRUE(AnyLineContains(steps[5], "smartphone signature ok, signing/smartphone"));
  EXPECT_TRUE(AnyLineContains(steps[5], "birth=1990-01-02"));
  EXPECT_TRUE(AnyLineContains(steps[5], "card signature ok, signing/card"));
  // 7: revoked old phone, accepted new one.
  EXPECT_TRUE(AnyLineContains(steps[6], "old phone's signature rejected: revoked"));
  EXPECT_TRUE(AnyLineContains(steps[6], "new phone's signature ok, signing/smartphone"));
}

TEST(Demo, SeededRunsAreReproducibleAndTraceable) {
  DemoOptions options;
  options.seed = 7;
  options.trace = true;
  const DemoResult a = RunDemo(options);
  const DemoResult b = RunDemo(options);
  ASSERT_TRUE(a.ok) << a.error;
  ASSERT_TRUE(b.ok) << b.error;
  ASSERT_EQ(a.transcript.steps().size(), b.transcript.steps().size());
  for (size_t i = 0; i < a.transcript.steps().size(); ++i) {
    EXPECT_EQ(a.transcript.steps()[i].lines, b.transcript.steps()[i].lines) << "step " << i + 1;
    EXPECT_EQ(a.transcript.steps()[i].trace, b.transcript.steps()[i].trace) << "step " << i + 1;
  }
  // The trace shows the SP-TSM's commands both wrapped (CLA 84 on the wire) and in plain.
  bool wrapped = false, plain = false;
  for (const std::string& line : a.transcript.steps()[2].trace) {
    if (line.rfind("SP-TSM wire > 84e6", 0) == 0) wrapped = true;
    if (line.rfind("SP-TSM plain > 80e6", 0) == 0) plain = true;
  }
  EXPECT_TRUE(wrapped);
  EXPECT_TRUE(plain);
}

}  // namespace
}  // namespace jpki::sim::demo
