// `jpki apdu decode` per shared/spec/cli.md: fields, names, status words, JSON, and exit 2 on malformed input.
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tools/cli.h"

namespace jpki::cli {
namespace {

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result RunJpki(std::vector<std::string> argv) {
  std::istringstream in;
  std::ostringstream out, err;
  Io io{in, out, err};
  const int code = Dispatch(argv, io);
  return {code, out.str(), err.str()};
}

TEST(ApduCmdTest, DecodesSelectJpkiAp) {
  Result r = RunJpki({"apdu", "decode", "00A4040C0AD392F000260100000001"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("case: 3S\n"), std::string::npos);
  EXPECT_NE(r.out.find("cla: 00\n"), std::string::npos);
  EXPECT_NE(r.out.find("ins: a4\n"), std::string::npos);
  EXPECT_NE(r.out.find("p1: 04\n"), std::string::npos);
  EXPECT_NE(r.out.find("p2: 0c\n"), std::string::npos);
  EXPECT_NE(r.out.find("lc: 10\n"), std::string::npos);
  EXPECT_NE(r.out.find("data: d392f000260100000001\n"), std::string::npos);
  EXPECT_NE(r.out.find("le: none\n"), std::string::npos);
  EXPECT_NE(r.out.find("command: SELECT by AID\n"), std::string::npos);
  EXPECT_NE(r.out.find("aid_name: JPKI AP"), std::string::npos);
  EXPECT_TRUE(r.err.empty());
}

TEST(ApduCmdTest, AllSevenCases) {
  const std::pair<const char*, const char*> kCases[] = {
      {"00a40400", "1"},
      {"00b0000000", "2S"},
      {"00a4040002aabb", "3S"},
      {"802a00800301020300", "4S"},
      {"00b00000000101", "2E"},
      {"80e20000000002aabb", "3E"},
      {"80e20000000002aabb0000", "4E"},
  };
  for (const auto& [hex, apdu_case] : kCases) {
    Result r = RunJpki({"apdu", "decode", "--json", hex});
    ASSERT_EQ(r.code, 0) << hex << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["case"], apdu_case) << hex;
    EXPECT_EQ(j["type"], "command");
  }
  auto j = nlohmann::json::parse(RunJpki({"apdu", "decode", "--json", "80e20000000002aabb0000"}).out);
  EXPECT_EQ(j["lc"], 2);
  EXPECT_EQ(j["le"], 65536);
  EXPECT_EQ(j["data"], "aabb");
  EXPECT_EQ(j["name"], "STORE DATA");
  auto case1 = nlohmann::json::parse(RunJpki({"apdu", "decode", "--json", "00a40400"}).out);
  EXPECT_TRUE(case1["lc"].is_null());
  EXPECT_TRUE(case1["le"].is_null());
}

TEST(ApduCmdTest, NamesGlobalPlatformAndJpkiCommands) {
  Result install = RunJpki({"apdu", "decode", "80E60C00"});
  EXPECT_NE(install.out.find("command: INSTALL [for install and make selectable]"), std::string::npos);
  Result sign = RunJpki({"apdu", "decode", "--json", "802A00800330313200"});
  ASSERT_EQ(sign.code, 0) << sign.err;
  auto j = nlohmann::json::parse(sign.out);
  EXPECT_EQ(j["name"], "COMPUTE DIGITAL SIGNATURE");
  EXPECT_EQ(j["cla"], "80");
  EXPECT_EQ(j["ins"], "2a");
  EXPECT_EQ(j["le"], 256);
  EXPECT_EQ(j["parameters"]["key"], "selected key EF");
  Result spaced = RunJpki({"apdu", "decode", "80", "CA", "9F", "7F", "00"});
  EXPECT_NE(spaced.out.find("tag_name: CPLC"), std::string::npos);
}

TEST(ApduCmdTest, DecodesResponses) {
  Result r = RunJpki({"apdu", "decode", "--response", "63C2"});
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("sw: 63C2 verification failed, 2 tries left\n"), std::string::npos);
  Result ok = RunJpki({"apdu", "decode", "--response", "0102039000"});
  EXPECT_NE(ok.out.find("data: 010203\n"), std::string::npos);
  EXPECT_NE(ok.out.find("sw: 9000 success\n"), std::string::npos);
  auto j = nlohmann::json::parse(RunJpki({"apdu", "decode", "--response", "--json", "63C2"}).out);
  EXPECT_EQ(j["sw"], "63c2");
  EXPECT_EQ(j["status"], "verification failed, 2 tries left");
  EXPECT_EQ(j["description"], "63C2 verification failed, 2 tries left");
  EXPECT_EQ(j["tries_left"], 2);
  EXPECT_EQ(j["success"], false);
  auto s = nlohmann::json::parse(RunJpki({"apdu", "decode", "--json", "--response", "AB9000"}).out);
  EXPECT_EQ(s["data"], "ab");
  EXPECT_EQ(s["description"], "9000 success");
}

TEST(ApduCmdTest, MalformedInputExitsTwo) {
  const std::vector<std::vector<std::string>> kBad = {
      {"apdu", "decode", "zz"},
      {"apdu", "decode", "00a"},
      {"apdu", "decode", "00a404"},
      {"apdu", "decode", "00a4040002aa"},
      {"apdu", "decode", "00a4040001aa0000"},
      {"apdu", "decode", "00a40400000001aa00"},
      {"apdu", "decode", "00a404000000"},
      {"apdu", "decode", "--response", "90"},
      {"apdu", "decode"},
      {"apdu", "decode", "--bogus", "00a40400"},
  };
  for (const auto& argv : kBad) {
    Result r = RunJpki(argv);
    EXPECT_EQ(r.code, 2) << argv.back();
    EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
}

}  // namespace
}  // namespace jpki::cli
