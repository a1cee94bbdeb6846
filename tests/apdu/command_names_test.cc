#include "apdu/command_names.h"

#include <map>
#include <string>

#include "gtest/gtest.h"

namespace jpki::apdu {
namespace {

CommandDescription Describe(const std::string& hex) {
  auto parsed = ParseCommandApdu(HexDecode(hex).value());
  EXPECT_TRUE(parsed.ok()) << hex;
  return DescribeCommand(parsed->apdu);
}

std::map<std::string, std::string> Params(const CommandDescription& d) {
  return std::map<std::string, std::string>(d.parameters.begin(), d.parameters.end());
}

TEST(CommandNamesTest, JpkiCommands) {
  auto select = Describe("00a4040c0ad392f000260100000001");
  EXPECT_EQ(select.name, "SELECT by AID");
  EXPECT_TRUE(select.known);
  EXPECT_EQ(Params(select)["aid_name"], "JPKI AP");
  EXPECT_EQ(Params(select)["response"], "no response data");
  auto ef = Describe("00a4020c020018");
  EXPECT_EQ(ef.name, "SELECT EF under current DF");
  EXPECT_EQ(Params(ef)["file_id"], "0018");
  EXPECT_EQ(Params(ef)["jpki_file"], "authentication PIN");
  auto read = Describe("00b0012300");
  EXPECT_EQ(read.name, "READ BINARY");
  EXPECT_EQ(Params(read)["offset"], "291");
  auto sfi = Describe("00b0860000");
  EXPECT_EQ(Params(sfi)["sfi"], "06");
  EXPECT_EQ(Describe("002000800431323334").name, "VERIFY");
  EXPECT_EQ(Params(Describe("002000800431323334"))["mode"], "present PIN");
  EXPECT_EQ(Params(Describe("00200080"))["mode"], "retry counter query");
  EXPECT_EQ(Describe("0024018004313233ff").name, "CHANGE REFERENCE DATA");
  auto sign = Describe("802a00800301020300");
  EXPECT_EQ(sign.name, "COMPUTE DIGITAL SIGNATURE");
  EXPECT_EQ(Params(sign)["key"], "selected key EF");
  EXPECT_EQ(Params(Describe("802a009a0301020300"))["key"], "signing key (EF 001A)");
  EXPECT_EQ(Describe("80fc0000").name, "LAST COMMAND INDICATOR");
  EXPECT_EQ(Describe("00c0000010").name, "GET RESPONSE");
}

TEST(CommandNamesTest, GlobalPlatformInstallVariants) {
  const std::pair<const char*, const char*> kVariants[] = {
      {"80e60200", "INSTALL [for load]"},
      {"80e60400", "INSTALL [for install]"},
      {"80e60800", "INSTALL [for make selectable]"},
      {"80e60c00", "INSTALL [for install and make selectable]"},
      {"80e62000", "INSTALL [for personalization]"},
      {"80e61000", "INSTALL [for extradition]"},
      {"80e64000", "INSTALL [for registry update]"},
  };
  for (const auto& [hex, name] : kVariants) EXPECT_EQ(Describe(hex).name, name);
  // INSTALL [for personalization]: 00 00 Lv(AID) 00 00 00.
  auto perso = Describe(
      "80e62000"
      "10"
      "0000"
      "0ad392f000260100000001"
      "000000");
  EXPECT_EQ(Params(perso)["application_aid_name"], "JPKI AP");
}

TEST(CommandNamesTest, GlobalPlatformCommands) {
  EXPECT_EQ(Describe("8050000008"
                     "0102030405060708"
                     "00")
                .name,
            "INITIALIZE UPDATE");
  auto ext = Describe(
      "8482330010"
      "00112233445566778899aabbccddeeff");
  EXPECT_EQ(ext.name, "EXTERNAL AUTHENTICATE");
  EXPECT_EQ(Params(ext)["security_level"], "33 (C-MAC, C-DECRYPTION, R-MAC, R-ENCRYPTION)");
  EXPECT_EQ(Params(ext)["secure_messaging"], "proprietary (GlobalPlatform SCP)");
  auto status = Describe("80f24002024f0000");
  EXPECT_EQ(status.name, "GET STATUS");
  EXPECT_EQ(Params(status)["subset"], "applications and supplementary security domains");
  EXPECT_EQ(Params(Describe("80f2800200"))["subset"], "issuer security domain");
  EXPECT_EQ(Params(Describe("80f2200200"))["subset"], "executable load files");
  EXPECT_EQ(Params(Describe("80f2100300"))["occurrence"], "next");
  auto cplc = Describe("80ca9f7f00");
  EXPECT_EQ(cplc.name, "GET DATA");
  EXPECT_EQ(Params(cplc)["tag_name"], "CPLC");
  EXPECT_EQ(Params(Describe("80ca006600"))["tag_name"], "card data");
  EXPECT_EQ(Params(Describe("80ca00e000"))["tag_name"], "key information template");
  auto del = Describe("80e400800a4f08a000000151000000");
  EXPECT_EQ(del.name, "DELETE");
  EXPECT_EQ(Params(del)["aid_name"], "GlobalPlatform ISD");
  EXPECT_EQ(Params(del)["scope"], "object and related objects");
  auto load = Describe("80e8800302c400");
  EXPECT_EQ(load.name, "LOAD");
  EXPECT_EQ(Params(load)["block"], "last");
  EXPECT_EQ(Params(load)["block_number"], "3");
  auto store = Describe("80e2900102abcd");
  EXPECT_EQ(store.name, "STORE DATA");
  EXPECT_EQ(Params(store)["structure"], "BER-TLV");
  EXPECT_EQ(Params(store)["block"], "last");
  EXPECT_EQ(Describe("80d8018103aabbcc").name, "PUT KEY");
  EXPECT_EQ(Describe("80f0400709a00000015141434c00").name, "SET STATUS");
  EXPECT_EQ(Params(Describe("00a4040009a00000015141434c0000"))["aid_name"], "ARA-M");
}

TEST(CommandNamesTest, UnknownAndChannels) {
  auto unknown = Describe("00ee0000");
  EXPECT_EQ(unknown.name, "unknown command");
  EXPECT_FALSE(unknown.known);
  auto chan = Describe("13b0000000");
  EXPECT_EQ(Params(chan)["logical_channel"], "3");
  EXPECT_EQ(Params(chan)["chaining"], "more commands follow");
  EXPECT_EQ(Params(Describe("ffa40000"))["cla"], "invalid or reserved class byte");
  EXPECT_FALSE(KnownAidName(HexDecode("a0000001").value()).has_value());
  EXPECT_EQ(GetDataTagName(0x9F7F), "CPLC");
  EXPECT_FALSE(GetDataTagName(0x1234).has_value());
}

}  // namespace
}  // namespace jpki::apdu
