#include "apdu/gp/install.h"

#include "apdu/command_apdu.h"
#include "base/error.h"
#include "gtest/gtest.h"
#include "tests/apdu/gp/scp03_vectors.h"

namespace jpki::apdu::gp {
namespace {

using testing::Hex;

const Bytes kElf = Hex("D392F00026");
const Bytes kModule = Hex("D392F0002601");
const Bytes kApp = Hex("D392F000260100000001");
const Bytes kSd = Hex("A000000151000000");

void RoundTrip(const absl::StatusOr<CommandApdu>& c, InstallType type) {
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->cla, 0x80);
  EXPECT_EQ(c->ins, 0xE6);
  EXPECT_EQ(c->p1, static_cast<uint8_t>(type));
  auto parsed = ParseInstall(*c);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->type, type);
  auto again = BuildInstall(*parsed);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *c);
}

TEST(InstallTest, EveryVariantHasTheSpecifiedLayoutAndRoundTrips) {
  auto load = BuildInstallForLoad(kElf, kSd, Hex("0102"), Hex("EF04C6020100"));
  EXPECT_EQ(HexEncode(load->data), "05d392f0002608a00000015100000002010206ef04c602010000");
  RoundTrip(load, InstallType::kForLoad);

  const Privileges priv = Privileges().Add(Privilege::kCardReset);
  auto params = ApplicationSpecificParameters(Hex("01"));
  ASSERT_TRUE(params.ok());
  auto ims = BuildInstallForInstall(kElf, kModule, kApp, priv, *params, true);
  EXPECT_EQ(HexEncode(ims->data),
            "05d392f0002606d392f00026010ad392f00026010000000103040000"
            "03c9010100");
  RoundTrip(ims, InstallType::kForInstallAndMakeSelectable);
  RoundTrip(BuildInstallForInstall(kElf, kModule, kApp, priv, *params, false, Hex("AABB")), InstallType::kForInstall);

  auto ms = BuildInstallForMakeSelectable(kApp, priv);
  EXPECT_EQ(HexEncode(ms->data),
            "00000ad392f0002601000000010304000000"
            "00");
  RoundTrip(ms, InstallType::kForMakeSelectable);

  auto perso = BuildInstallForPersonalization(kApp);
  EXPECT_EQ(HexEncode(perso->data),
            "00000ad392f0002601000000010000"
            "00");
  RoundTrip(perso, InstallType::kForPersonalization);

  auto ext = BuildInstallForExtradition(kSd, kApp);
  EXPECT_EQ(HexEncode(ext->data), "08a000000151000000000ad392f000260100000001000000");
  RoundTrip(ext, InstallType::kForExtradition);
}

TEST(InstallTest, BuildersRejectBadAids) {
  const Privileges none;
  EXPECT_EQ(GetErrorCode(BuildInstallForLoad(Hex("0102"), kSd).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(BuildInstallForInstall(kElf, Bytes(17, 1), kApp, none, {}, true).status()),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(BuildInstallForPersonalization({}).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(BuildInstallForExtradition({}, kApp).status()), ErrorCode::kInvalidArgument);
  EXPECT_EQ(GetErrorCode(BuildInstallForMakeSelectable(Hex("01"), none).status()), ErrorCode::kInvalidArgument);
}

TEST(InstallTest, CardSideRejectsMalformedCommands) {
  auto good = BuildInstallForPersonalization(kApp);
  ASSERT_TRUE(good.ok());
  CommandApdu c = *good;
  c.p1 = 0x40;  // unsupported variant
  EXPECT_EQ(GetErrorCode(ParseInstall(c).status()), ErrorCode::kMalformedInput);
  c = *good;
  c.p2 = 1;
  EXPECT_FALSE(ParseInstall(c).ok());
  c = *good;
  c.data.push_back(0);  // trailing
  EXPECT_FALSE(ParseInstall(c).ok());
  c = *good;
  c.data.pop_back();  // truncated
  EXPECT_FALSE(ParseInstall(c).ok());
  c = *good;
  c.data[0] = 1;  // a field that must be empty is not (and the lengths run off)
  EXPECT_FALSE(ParseInstall(c).ok());
  c = *good;
  c.data[2] = 0x30;  // AID length beyond the data
  EXPECT_FALSE(ParseInstall(c).ok());
  c = *good;
  c.cla = 0x00;
  EXPECT_FALSE(ParseInstall(c).ok());
  // Bad privileges (DAP without Security Domain).
  auto ims = BuildInstallForInstall(kElf, kModule, kApp, Privileges(0x400000), Hex("C900"), true);
  ASSERT_TRUE(ims.ok());
  EXPECT_FALSE(ParseInstall(*ims).ok());
}

}  // namespace
}  // namespace jpki::apdu::gp
