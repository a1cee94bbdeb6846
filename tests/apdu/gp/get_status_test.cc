#include "apdu/gp/get_status.h"

#include "apdu/command_apdu.h"
#include "base/error.h"
#include "gtest/gtest.h"
#include "tests/apdu/gp/scp03_vectors.h"

namespace jpki::apdu::gp {
namespace {

using testing::Hex;

std::string Enc(const absl::StatusOr<CommandApdu>& c) {
  EXPECT_TRUE(c.ok());
  return c.ok() ? HexEncode(*Encode(*c)) : "";
}

// The plain commands of the public transcripts (kaoh/globalplatform, pysim, Samsung).
TEST(GetStatusTest, BuildsTranscriptCommands) {
  GetStatusRequest r;
  r.scope = StatusScope::kApplications;
  EXPECT_EQ(Enc(BuildGetStatus(r)), "80f24002024f0000");
  r.scope = StatusScope::kLoadFiles;
  EXPECT_EQ(Enc(BuildGetStatus(r)), "80f22002024f0000");
  r.scope = StatusScope::kLoadFilesAndModules;
  EXPECT_EQ(Enc(BuildGetStatus(r)), "80f21002024f0000");
  r.scope = StatusScope::kIssuerSecurityDomain;
  EXPECT_EQ(Enc(BuildGetStatus(r)), "80f28002024f0000");
  r.scope = StatusScope::kLoadFiles;
  r.aid_prefix = Hex("1234");
  r.tag_list = Hex("4f9f70c5");
  auto c = BuildGetStatus(r);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(HexEncode(c->data), "4f0212345c044f9f70c5");
  r.format = StatusFormat::kLegacy;
  EXPECT_EQ(GetErrorCode(BuildGetStatus(r).status()), ErrorCode::kInvalidArgument);
}

TEST(GetStatusTest, CardSideParsesWhatTheHostBuilds) {
  for (auto scope : {StatusScope::kIssuerSecurityDomain, StatusScope::kApplications, StatusScope::kLoadFiles,
                     StatusScope::kLoadFilesAndModules}) {
    for (bool next : {false, true}) {
      GetStatusRequest r;
      r.scope = scope;
      r.next_occurrence = next;
      r.aid_prefix = Hex("A000000151");
      r.tag_list = Hex("4f9f70");
      auto c = BuildGetStatus(r);
      ASSERT_TRUE(c.ok());
      auto p = ParseGetStatus(*c);
      ASSERT_TRUE(p.ok()) << p.status();
      EXPECT_EQ(p->scope, scope);
      EXPECT_EQ(p->next_occurrence, next);
      EXPECT_EQ(p->aid_prefix, r.aid_prefix);
      EXPECT_EQ(p->tag_list, r.tag_list);
    }
  }
  CommandApdu bad{0x80, kInsGetStatus, 0x41, 0x02, Hex("4f00"), 256};
  EXPECT_FALSE(ParseGetStatus(bad).ok());  // unknown scope
  bad.p1 = 0x40;
  bad.p2 = 0x06;
  EXPECT_FALSE(ParseGetStatus(bad).ok());  // reserved bit
  bad.p2 = 0x02;
  bad.data = Hex("5c00");
  EXPECT_FALSE(ParseGetStatus(bad).ok());  // no 4F first
  bad.data = Hex("4f00ff");
  EXPECT_FALSE(ParseGetStatus(bad).ok());  // trailing
  bad.data = Hex("4f00");
  bad.ins = 0xF0;
  EXPECT_FALSE(ParseGetStatus(bad).ok());
}

TEST(GetStatusTest, ParsesKaohTlvResponse) {
  // kaoh/globalplatform get_status_aes_192: E3 { 4F A0000001515350, 9F70 01 }.
  auto entries = ParseGetStatusResponse(Hex("E30D4F07A00000015153509F700101"));
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(HexEncode((*entries)[0].aid), "a0000001515350");
  EXPECT_EQ((*entries)[0].life_cycle, 0x01);
  EXPECT_EQ(LoadFileLifeCycleName((*entries)[0].life_cycle), "LOADED");
}

TEST(GetStatusTest, TlvRoundTripAndStrictness) {
  RegistryEntry app;
  app.aid = Hex("D392F000260100000001");
  app.life_cycle = 0x07;
  app.privileges = Privileges().Add(Privilege::kCardReset);
  app.load_file_aid = Hex("D392F00026");
  app.associated_sd_aid = Hex("A000000151000000");
  RegistryEntry elf;
  elf.aid = Hex("D392F00026");
  elf.life_cycle = 0x01;
  elf.version = Hex("0100");
  elf.module_aids = {Hex("D392F0002601"), Hex("D392F0002602")};
  auto encoded = EncodeGetStatusResponse({app, elf});
  ASSERT_TRUE(encoded.ok());
  auto back = ParseGetStatusResponse(*encoded);
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0], app);
  EXPECT_EQ((*back)[1], elf);
  // Unknown tags inside E3 are skipped.
  EXPECT_TRUE(ParseGetStatusResponse(Hex("E3104F07A00000015153509F700101EA00")).ok() == false);  // length wrong
  EXPECT_TRUE(ParseGetStatusResponse(Hex("E30F4F07A00000015153509F700101EA00")).ok());
  // Errors: not E3, missing life cycle, duplicate AID, short AID, 2-byte life cycle, truncated, bad privileges.
  for (const char* bad :
       {"E40D4F07A00000015153509F700101", "E3094F07A0000001515350", "E3164F07A00000015153504F07A00000015153509F700101",
        "E3094F03A000009F700101", "E30E4F07A00000015153509F70020101", "E30D4F07A00000015153509F7001", "E3",
        "E3104F07A00000015153509F700101C50140"}) {
    EXPECT_EQ(GetErrorCode(ParseGetStatusResponse(Hex(bad)).status()), ErrorCode::kMalformedInput) << bad;
  }
  auto empty = ParseGetStatusResponse({});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

// Samsung/OpenSCP-Java answers GET STATUS in the legacy format (P2 00); these are its plain responses.
TEST(GetStatusTest, ParsesSamsungLegacyResponses) {
  auto elfs = ParseGetStatusLegacyResponse(Hex("08A00000015141434C010010A0000002202003010101000000000006010010A00000022"
                                               "02003010101000000000011010005A000000248"
                                               "0100"),
                                           StatusScope::kLoadFiles);
  ASSERT_TRUE(elfs.ok()) << elfs.status();
  ASSERT_EQ(elfs->size(), 4u);
  EXPECT_EQ(HexEncode((*elfs)[3].aid), "a000000248");
  EXPECT_FALSE((*elfs)[0].privileges.has_value());
  auto apps = ParseGetStatusLegacyResponse(Hex("0AA9A8A7A6A5A4A3A2A1A00F800AA0A1A2A3A4A5A6A7A8A9070009A00000015141434C0"
                                               "0070010A000000220200301030100000000001107"
                                               "0007A00000024804000700"),
                                           StatusScope::kApplications);
  ASSERT_TRUE(apps.ok()) << apps.status();
  ASSERT_EQ(apps->size(), 5u);
  EXPECT_EQ((*apps)[0].life_cycle, 0x0F);
  EXPECT_EQ(SecurityDomainLifeCycleName((*apps)[0].life_cycle), "PERSONALIZED");
  EXPECT_TRUE((*apps)[0].privileges->Has(Privilege::kSecurityDomain));
  auto isd = ParseGetStatusLegacyResponse(Hex("08A0000001510000000F9E"), StatusScope::kIssuerSecurityDomain);
  ASSERT_TRUE(isd.ok());
  EXPECT_EQ((*isd)[0].privileges->bits(), 0x9E0000u);
  // With modules: count and Lv(module AID).
  auto mods = ParseGetStatusLegacyResponse(Hex("05A00000000101000205A00000000105A000000002"),
                                           StatusScope::kLoadFilesAndModules);
  ASSERT_TRUE(mods.ok()) << mods.status();
  EXPECT_EQ((*mods)[0].module_aids.size(), 2u);
  for (const char* bad : {"05A000000001", "04A0000000010000", "05A00000000101000205A000000001"}) {
    EXPECT_FALSE(ParseGetStatusLegacyResponse(Hex(bad), StatusScope::kLoadFilesAndModules).ok()) << bad;
  }
}

}  // namespace
}  // namespace jpki::apdu::gp
