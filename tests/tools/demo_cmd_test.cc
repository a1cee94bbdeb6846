// `jpki demo` through the CLI dispatcher: text and JSON transcripts, exit codes, usage errors.
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/cli.h"

namespace jpki::cli {
namespace {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun Jpki(const std::vector<std::string>& argv) {
  std::istringstream in;
  std::ostringstream out, err;
  Io io{in, out, err};
  const int code = Dispatch(argv, io);
  return CliRun{code, out.str(), err.str()};
}

TEST(DemoCmd, JsonTranscript) {
  const CliRun run = Jpki({"demo", "--seed", "5", "--json"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  const auto json = nlohmann::json::parse(run.out);
  EXPECT_TRUE(json["ok"].get<bool>());
  EXPECT_EQ(json["seed"].get<uint64_t>(), 5u);
  ASSERT_EQ(json["steps"].size(), 7u);
  for (const auto& step : json["steps"]) {
    EXPECT_TRUE(step["ok"].get<bool>());
    EXPECT_FALSE(step["events"].empty());
    EXPECT_FALSE(step.contains("apdus"));  // no --trace
  }
  EXPECT_EQ(json["steps"][1]["facts"]["scp03_security_level"], "33");
  EXPECT_EQ(json["steps"][4]["facts"]["wrong_pin_sw"], "63C2");
  EXPECT_EQ(json["steps"][4]["facts"]["pin_login"], "smartphone");
  EXPECT_EQ(json["steps"][4]["facts"]["biometric_login_after_73_hours"], "primary_credential_required");
  EXPECT_EQ(json["steps"][4]["facts"]["unlisted_app"], "denied");
  EXPECT_EQ(json["steps"][5]["facts"]["smartphone_signature"], "smartphone");
  EXPECT_EQ(json["steps"][5]["facts"]["card_signature"], "card");
  EXPECT_EQ(json["steps"][6]["facts"]["old_phone_signature"], "revoked");
  EXPECT_EQ(json["steps"][6]["facts"]["new_phone_signature"], "ok");
  EXPECT_EQ(json["steps"][4]["events"][1].get<std::string>(),
            "holder types a wrong PIN: VERIFY -> 63C2 verification failed, 2 tries left");
}

TEST(DemoCmd, TextWithTrace) {
  const CliRun run = Jpki({"demo", "--seed", "5", "--trace"});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_NE(run.out.find("[1/7]"), std::string::npos);
  EXPECT_NE(run.out.find("[7/7]"), std::string::npos);
  EXPECT_NE(run.out.find("security level 33"), std::string::npos);
  EXPECT_NE(run.out.find("| SP-TSM wire > 84e6"), std::string::npos);
  EXPECT_NE(run.out.find("all 7 steps behaved as expected"), std::string::npos);
  EXPECT_TRUE(run.err.empty());
}

TEST(DemoCmd, InjectedFaultIsRejectedNamingTheStep) {
  const CliRun run = Jpki({"demo", "--seed", "5", "--fault", "tampered-apdu"});
  EXPECT_EQ(run.code, kExitRejected);
  EXPECT_EQ(run.err.rfind("rejected: step 3 (SP-TSM installs", 0), 0u) << run.err;
  EXPECT_NE(run.err.find("6982"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("[3/7]"), std::string::npos);
  EXPECT_EQ(run.out.find("[4/7]"), std::string::npos);
  EXPECT_EQ(Jpki({"demo", "--fault", "nonsense"}).code, kExitUsage);
}

TEST(DemoCmd, UsageErrors) {
  EXPECT_EQ(Jpki({"demo", "--seed", "abc"}).code, kExitUsage);
  EXPECT_EQ(Jpki({"demo", "--seed", "-1"}).code, kExitUsage);
  EXPECT_EQ(Jpki({"demo", "extra"}).code, kExitUsage);
  EXPECT_EQ(Jpki({"demo", "--bogus"}).code, kExitUsage);
  const CliRun help = Jpki({"demo", "--help"});
  EXPECT_EQ(help.code, kExitOk);
  EXPECT_NE(help.out.find("usage: jpki demo"), std::string::npos);
}

}  // namespace
}  // namespace jpki::cli
