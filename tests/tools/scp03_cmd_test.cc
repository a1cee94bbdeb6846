// `jpki scp03 derive` / `jpki scp03 wrap` against every public SCP03 transcript.
#include <sstream>
#include <string>
#include <vector>

#include "apdu/gp/scp03_types.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/apdu/gp/scp03_vectors.h"
#include "tools/cli.h"

namespace jpki::cli {
namespace {

using apdu::gp::testing::Hex;
using apdu::gp::testing::Lower;

struct Result {
  int code;
  std::string out, err;
};

Result RunJpki(const std::vector<std::string>& argv) {
  std::istringstream in;
  std::ostringstream out, err;
  Io io{in, out, err};
  const int code = Dispatch(argv, io);
  return {code, out.str(), err.str()};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

TEST(Scp03CmdTest, DeriveAndWrapReproduceEveryTranscript) {
  int sessions = 0, derived = 0, lines_checked = 0;
  for (const auto& v : apdu::gp::testing::LoadAllSessions()) {
    SCOPED_TRACE(v.id);
    const Bytes rsp = Hex(v.iu_rsp_data);
    const bool s16 = (rsp[12] & 0x01) != 0;
    const size_t n = s16 ? 16 : 8;
    const std::string card_challenge = HexEncode(ByteView(rsp).subspan(13, n));
    const std::string card_cryptogram = HexEncode(ByteView(rsp).subspan(13 + n, n));
    std::vector<std::string> common = {
        "--key-enc",        v.enc,         "--key-mac", v.mac, "--host-challenge", v.host_challenge,
        "--card-challenge", card_challenge};
    if (s16) common.push_back("--s16");

    std::vector<std::string> derive = {"scp03", "derive"};
    derive.insert(derive.end(), common.begin(), common.end());
    Result d = RunJpki(derive);
    ASSERT_EQ(d.code, 0) << d.err;
    auto json = nlohmann::json::parse(d.out);
    EXPECT_EQ(json["card_cryptogram"], card_cryptogram);
    if (v.s_enc) {
      EXPECT_EQ(json["s_enc"], Lower(*v.s_enc));
      EXPECT_EQ(json["s_mac"], Lower(*v.s_mac));
      EXPECT_EQ(json["s_rmac"], Lower(*v.s_rmac));
    }
    if (v.host_cryptogram) EXPECT_EQ(json["host_cryptogram"], Lower(*v.host_cryptogram));
    // The host cryptogram is also inside the EXTERNAL AUTHENTICATE command.
    EXPECT_EQ(json["host_cryptogram"], Lower(v.ea_cmd.substr(10, 2 * n)));
    ++derived;

    std::vector<std::string> wrap = {"scp03", "wrap"};
    wrap.insert(wrap.end(), common.begin(), common.end());
    auto level = apdu::gp::SecurityLevelFromByte(v.level);
    ASSERT_TRUE(level.ok());
    wrap.push_back("--level");
    wrap.push_back(std::string(apdu::gp::SecurityLevelName(*level)));
    for (const auto& step : v.steps) wrap.push_back(step.cmd_plain);
    Result w = RunJpki(wrap);
    ASSERT_EQ(w.code, 0) << w.err;
    const auto lines = Lines(w.out);
    ASSERT_EQ(lines.size(), v.steps.size() + 1);
    EXPECT_EQ(lines[0], Lower(v.ea_cmd));
    for (size_t i = 0; i < v.steps.size(); ++i) EXPECT_EQ(lines[i + 1], Lower(v.steps[i].cmd_wrapped));
    lines_checked += static_cast<int>(lines.size());
    ++sessions;
  }
  EXPECT_EQ(sessions, 29);
  std::cout << "jpki scp03: " << derived << " derive and " << sessions << " wrap runs, " << lines_checked
            << " output lines matched\n";
}

TEST(Scp03CmdTest, SpecLevelNamesAreAccepted) {
  for (const char* level : {"cmac", "cmac-cdec", "cmac-cdec-rmac", "cmac-cdec-rmac-renc"}) {
    Result r = RunJpki({"scp03", "wrap", "--key-enc", "000102030405060708090a0b0c0d0e0f", "--key-mac",
                        "101112131415161718191a1b1c1d1e1f", "--host-challenge", "0001020304050607", "--card-challenge",
                        "0807060504030201", "--level", level, "80CA006600"});
    EXPECT_EQ(r.code, 0) << level << r.err;
    EXPECT_EQ(Lines(r.out).size(), 2u);
  }
}

TEST(Scp03CmdTest, BadInputExitsTwo) {
  const std::vector<std::string> base = {"--key-enc",        "000102030405060708090a0b0c0d0e0f",
                                         "--key-mac",        "101112131415161718191a1b1c1d1e1f",
                                         "--host-challenge", "0001020304050607"};
  auto with = [&](std::vector<std::string> head, std::vector<std::string> tail) {
    head.insert(head.end(), base.begin(), base.end());
    head.insert(head.end(), tail.begin(), tail.end());
    return RunJpki(head);
  };
  // Missing card challenge; bad hex; wrong challenge size; --s16 with 8-byte challenges; key sizes differ.
  EXPECT_EQ(with({"scp03", "derive"}, {}).code, 2);
  EXPECT_EQ(with({"scp03", "derive"}, {"--card-challenge", "zz"}).code, 2);
  EXPECT_EQ(with({"scp03", "derive"}, {"--card-challenge", "0102"}).code, 2);
  EXPECT_EQ(with({"scp03", "derive"}, {"--card-challenge", "0102030405060708", "--s16"}).code, 2);
  Result r = RunJpki({"scp03", "derive", "--key-enc", "00", "--key-mac", "101112131415161718191a1b1c1d1e1f",
                      "--host-challenge", "0001020304050607", "--card-challenge", "0001020304050607"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u);
  // Unknown level, missing level, malformed APDU (Lc beyond data), no partial output.
  EXPECT_EQ(with({"scp03", "wrap"}, {"--card-challenge", "0102030405060708", "--level", "rmac", "80CA006600"}).code, 2);
  EXPECT_EQ(with({"scp03", "wrap"}, {"--card-challenge", "0102030405060708", "80CA006600"}).code, 2);
  Result bad = with({"scp03", "wrap"}, {"--card-challenge", "0102030405060708", "--level", "cmac", "80CA00660500"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(bad.out.empty());
  // A command that already carries secure messaging cannot be wrapped again.
  EXPECT_EQ(with({"scp03", "wrap"}, {"--card-challenge", "0102030405060708", "--level", "cmac", "84CA006600"}).code, 2);
}

}  // namespace
}  // namespace jpki::cli
