// SELECT, GET DATA, LOAD, DELETE, STORE DATA, PUT KEY and the registry types: builders, card-side parsers, and the
// negative cases.
#include "apdu/command_apdu.h"
#include "apdu/gp/delete.h"
#include "apdu/gp/get_data.h"
#include "apdu/gp/key_check_value.h"
#include "apdu/gp/load.h"
#include "apdu/gp/put_key.h"
#include "apdu/gp/registry_types.h"
#include "apdu/gp/select.h"
#include "apdu/gp/store_data.h"
#include "base/error.h"
#include "gtest/gtest.h"
#include "tests/apdu/gp/scp03_vectors.h"

namespace jpki::apdu::gp {
namespace {

using testing::Hex;

std::string Enc(const CommandApdu& c) { return HexEncode(*Encode(c)); }

TEST(SelectTest, BuildParseAndFci) {
  auto s = BuildSelect(Hex("A000000151000000"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Enc(*s), "00a4040008a00000015100000000");
  auto p = ParseSelect(*s);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(HexEncode(p->aid), "a000000151000000");
  EXPECT_FALSE(p->next_occurrence);
  auto isd = BuildSelect({}, true);
  ASSERT_TRUE(isd.ok());
  EXPECT_EQ(Enc(*isd), "00a4040200");
  EXPECT_TRUE(ParseSelect(*isd)->next_occurrence);
  EXPECT_FALSE(BuildSelect(Hex("0102")).ok());
  CommandApdu bad = *s;
  bad.p1 = 0x00;
  EXPECT_FALSE(ParseSelect(bad).ok());
  bad = *s;
  bad.cla = 0x80;
  EXPECT_FALSE(ParseSelect(bad).ok());
  bad = *s;
  bad.data.resize(3);
  EXPECT_FALSE(ParseSelect(bad).ok());

  Fci fci{Hex("A000000151000000"), Hex("9F6501FF")};
  auto enc = EncodeFci(fci);
  ASSERT_TRUE(enc.ok());
  EXPECT_EQ(HexEncode(*enc), "6f108408a000000151000000a5049f6501ff");
  auto back = ParseFci(*enc);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->aid, fci.aid);
  EXPECT_EQ(back->proprietary, fci.proprietary);
  EXPECT_FALSE(ParseFci(Hex("6f03a50100")).ok());  // no AID
  EXPECT_FALSE(ParseFci(Hex("7003840100")).ok());  // not 6F
}

TEST(GetDataTest, CommandsCplcKeyInfoCardData) {
  EXPECT_EQ(Enc(*BuildGetData(kTagCplc)), "80ca9f7f00");
  EXPECT_EQ(Enc(*BuildGetData(kTagCardData)), "80ca006600");  // the pysim case-2 command
  EXPECT_EQ(*ParseGetData(*BuildGetData(kTagKeyInformation)), 0x00E0);
  EXPECT_FALSE(ParseGetData(CommandApdu{0x80, 0xCA, 0, 0x66, Hex("01"), 256}).ok());

  Cplc c;
  c.ic_fabricator = 0x4790;
  c.ic_type = 0x5040;
  c.ic_serial_number = 0x12345678;
  c.ic_perso_equipment_id = 0xCAFEBABE;
  const Bytes enc = EncodeCplc(c);
  ASSERT_EQ(enc.size(), 45u);
  auto back = ParseCplc(enc);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->ic_fabricator, 0x4790);
  EXPECT_EQ(back->ic_serial_number, 0x12345678u);
  EXPECT_EQ(back->ic_perso_equipment_id, 0xCAFEBABEu);
  EXPECT_EQ(EncodeCplc(*ParseCplc(ByteView(enc).subspan(3))), enc);
  EXPECT_FALSE(ParseCplc(ByteView(enc).subspan(0, 44)).ok());
  Bytes bad = enc;
  bad[2] = 0x2B;
  EXPECT_FALSE(ParseCplc(bad).ok());

  // Key information: SCP03 key set 30 with three AES-128 keys, plus one extended entry.
  auto kit = ParseKeyInformationTemplate(Hex("E012C00401308810C00402308810C00403308810"));
  ASSERT_TRUE(kit.ok()) << kit.status();
  ASSERT_EQ(kit->size(), 3u);
  EXPECT_EQ((*kit)[2].key_id, 3);
  EXPECT_EQ((*kit)[2].kvn, 0x30);
  EXPECT_EQ((*kit)[2].components[0].type, 0x88);
  EXPECT_EQ((*kit)[2].components[0].length, 16);
  EXPECT_EQ(HexEncode(*EncodeKeyInformationTemplate(*kit)), "e012c00401308810c00402308810c00403308810");
  auto ext = ParseKeyInformationTemplate(Hex("E008C00601FFFF880020"));
  ASSERT_TRUE(ext.ok());
  EXPECT_EQ((*ext)[0].components[0].length, 32);
  for (const char* b : {"E003C00101", "E105C0030130FF", "E005C004013088", "E006C00401308801FF"}) {
    EXPECT_FALSE(ParseKeyInformationTemplate(Hex(b)).ok()) << b;
  }

  // Card recognition data with GP 2.3.1 and SCP03 i=70.
  auto cd = ParseCardData(
      Hex("6631732F06072A864886FC6B01600C060A2A864886FC6B02020301630906072A864886FC6B03640B06092A864886FC6B040370"));
  ASSERT_TRUE(cd.ok()) << cd.status();
  ASSERT_TRUE(cd->scp.has_value());
  EXPECT_EQ(*cd->scp, 0x03);
  EXPECT_EQ(*cd->scp_i, 0x70);
  EXPECT_FALSE(ParseCardData(Hex("65027300")).ok());
  EXPECT_FALSE(ParseCardData(Hex("66027400")).ok());
}

TEST(LoadTest, SplitsNumbersAndReassembles) {
  Bytes elf(1000);
  for (size_t i = 0; i < elf.size(); ++i) elf[i] = static_cast<uint8_t>(i * 7);
  auto block = EncodeLoadFileDataBlock(elf, {DapBlock{Hex("A000000151000000"), Bytes(64, 0x5A)}});
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(HexEncode(ByteView(*block).subspan(0, 4)), "e24c4f08");
  auto cmds = BuildLoadCommands(*block, 239);
  ASSERT_TRUE(cmds.ok());
  ASSERT_EQ(cmds->size(), (block->size() + 238) / 239);
  LoadAssembler assembler;
  for (size_t i = 0; i < cmds->size(); ++i) {
    const CommandApdu& c = (*cmds)[i];
    EXPECT_EQ(c.p2, i);
    EXPECT_EQ(c.p1, i + 1 == cmds->size() ? 0x80 : 0x00);
    EXPECT_LE(c.data.size(), 239u);
    EXPECT_FALSE(assembler.Finish().ok());
    auto parsed = ParseLoad(c);
    ASSERT_TRUE(parsed.ok());
    ASSERT_TRUE(assembler.Add(*parsed).ok());
  }
  auto result = assembler.Finish();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->load_file, elf);
  ASSERT_EQ(result->dap_blocks.size(), 1u);
  EXPECT_EQ(result->dap_blocks[0].signature, Bytes(64, 0x5A));
  EXPECT_FALSE(assembler.Add(*ParseLoad((*cmds)[0])).ok());  // after the last block

  // Out-of-order block, size limit, too many blocks, bad block size, malformed data block.
  LoadAssembler a2;
  EXPECT_FALSE(a2.Add(*ParseLoad((*cmds)[1])).ok());
  LoadAssembler small(100);
  EXPECT_EQ(GetErrorCode(small.Add(*ParseLoad((*cmds)[0]))), ErrorCode::kResourceLimit);
  EXPECT_FALSE(BuildLoadCommands(Bytes(257 * 10), 10).ok());
  EXPECT_FALSE(BuildLoadCommands(*block, 0).ok());
  EXPECT_FALSE(BuildLoadCommands(*block, 256).ok());
  LoadAssembler a3;
  ASSERT_TRUE(a3.Add(LoadCommand{true, 0, Hex("C40101C40101")}).ok());
  EXPECT_FALSE(a3.Finish().ok());
  LoadAssembler a4;
  ASSERT_TRUE(a4.Add(LoadCommand{true, 0, Hex("E2034F0100")}).ok());
  EXPECT_FALSE(a4.Finish().ok());
  EXPECT_FALSE(ParseLoad(CommandApdu{0x80, 0xE8, 0x01, 0, Hex("00"), 256}).ok());
  EXPECT_FALSE(ParseLoad(CommandApdu{0x80, 0xE8, 0x00, 0, {}, 256}).ok());
}

TEST(DeleteTest, ObjectsKeysAndTranscript) {
  // kaoh/globalplatform delete_application: 80 E4 00 80 0A 4F 08 A00100015141434C (the vector has no Le).
  auto d = BuildDeleteObject(Hex("A00100015141434C"), true);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Enc(*d), "80e400800a4f08a00100015141434c00");
  auto p = ParseDelete(*d);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->related_objects);
  EXPECT_EQ(HexEncode(p->aid), "a00100015141434c");
  auto k = BuildDeleteKey(1, 0x30);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(HexEncode(k->data), "d00101d20130");
  auto pk = ParseDelete(*k);
  ASSERT_TRUE(pk.ok());
  EXPECT_EQ(*pk->key_id, 1);
  EXPECT_EQ(*pk->kvn, 0x30);
  EXPECT_FALSE(BuildDeleteKey(std::nullopt, std::nullopt).ok());
  for (const char* bad :
       {"", "4f0101", "4f05a000000001d00101", "d0020101", "d00101d00102", "5c00", "4f05a000000001ff"}) {
    EXPECT_FALSE(ParseDelete(CommandApdu{0x80, 0xE4, 0x00, 0x00, Hex(bad), 256}).ok()) << bad;
  }
  EXPECT_FALSE(ParseDelete(CommandApdu{0x80, 0xE4, 0x00, 0x40, Hex("4f05a000000001"), 256}).ok());
}

TEST(StoreDataTest, BlocksFlagsAndDgis) {
  // The pysim GET EID command: 80 E2 91 00 06 BF3E035C015A 00.
  auto eid =
      BuildStoreDataCommands(Hex("BF3E035C015A"), {StoreDataEncryption::kNone, StoreDataStructure::kBerTlv, true}, 255);
  ASSERT_TRUE(eid.ok());
  ASSERT_EQ(eid->size(), 1u);
  EXPECT_EQ(Enc((*eid)[0]), "80e2910006bf3e035c015a00");

  auto dgi = EncodeDgi(Dgi{0x8F01, Bytes(300, 0x11)});
  ASSERT_TRUE(dgi.ok());
  EXPECT_EQ(HexEncode(ByteView(*dgi).subspan(0, 5)), "8f01ff012c");
  Bytes all = *dgi;
  Append(all, *EncodeDgi(Dgi{0x0101, Hex("AABB")}));
  auto cmds = BuildStoreDataCommands(all, {StoreDataEncryption::kEncrypted, StoreDataStructure::kDgi, false}, 200, 3);
  ASSERT_TRUE(cmds.ok());
  ASSERT_EQ(cmds->size(), 2u);
  Bytes joined;
  for (size_t i = 0; i < cmds->size(); ++i) {
    auto p = ParseStoreData((*cmds)[i]);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->block_number, 3 + i);
    EXPECT_EQ(p->last, i == 1);
    EXPECT_EQ(p->options.encryption, StoreDataEncryption::kEncrypted);
    EXPECT_EQ(p->options.structure, StoreDataStructure::kDgi);
    EXPECT_FALSE((*cmds)[i].ne.has_value());
    Append(joined, p->data);
  }
  auto dgis = ParseDgis(joined);
  ASSERT_TRUE(dgis.ok());
  ASSERT_EQ(dgis->size(), 2u);
  EXPECT_EQ((*dgis)[1], (Dgi{0x0101, Hex("AABB")}));
  for (const char* bad : {"01", "010105AA", "0101FF00", "0101FF0005AABB"})
    EXPECT_FALSE(ParseDgis(Hex(bad)).ok()) << bad;
  EXPECT_FALSE(BuildStoreDataCommands(Bytes(300), {}, 1, 0).ok());  // 300 blocks
  EXPECT_FALSE(BuildStoreDataCommands(Bytes(10), {}, 5, 255).ok());
  for (uint8_t p1 : {0x02, 0x04, 0x40, 0x18}) {
    EXPECT_FALSE(ParseStoreData(CommandApdu{0x80, 0xE2, p1, 0, Hex("00"), std::nullopt}).ok()) << int(p1);
  }
}

TEST(PutKeyTest, EncryptsUnderDekAndChecksKcvs) {
  const SecretBytes dek(Hex("202122232425262728292a2b2c2d2e2f"));
  const SecretBytes enc(Hex("404142434445464748494A4B4C4D4E4F"));
  const SecretBytes mac(Hex("404142434445464748494A4B4C4D4E4F5051525354555657"));
  const SecretBytes key3(Hex("404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F"));
  PutKeyRequest r;
  r.replace_kvn = 0x30;
  r.new_kvn = 0x31;
  r.first_key_id = 1;
  r.keys = {&enc, &mac, &key3};
  Bytes expected;
  auto cmd = BuildPutKey(r, dek, &expected);
  ASSERT_TRUE(cmd.ok()) << cmd.status();
  EXPECT_EQ(cmd->p1, 0x30);
  EXPECT_EQ(cmd->p2, 0x81);
  EXPECT_EQ(cmd->data[0], 0x31);
  EXPECT_EQ(HexEncode(ByteView(cmd->data).subspan(1, 3)), "881110");  // AES, Lv, clear length 16
  // The clear key never appears in the command.
  EXPECT_EQ(std::search(cmd->data.begin(), cmd->data.end(), enc.data(), enc.data() + 16), cmd->data.end());
  auto parsed = ParsePutKey(*cmd, dek);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->keys.size(), 3u);
  EXPECT_TRUE(parsed->keys[0].ConstantTimeEquals(enc.view()));
  EXPECT_TRUE(parsed->keys[1].ConstantTimeEquals(mac.view()));
  EXPECT_TRUE(parsed->keys[2].ConstantTimeEquals(key3.view()));
  EXPECT_EQ(EncodePutKeyResponse(*parsed), expected);
  EXPECT_TRUE(CheckPutKeyResponse(ResponseApdu{expected, 0x9000}, expected).ok());
  Bytes wrong = expected;
  wrong[1] ^= 1;
  EXPECT_EQ(GetErrorCode(CheckPutKeyResponse(ResponseApdu{wrong, 0x9000}, expected)), ErrorCode::kBadSignature);
  EXPECT_EQ(GetErrorCode(CheckPutKeyResponse(ResponseApdu{{}, 0x6A80}, expected)), ErrorCode::kState);
  // Published KCVs (GlobalPlatformPro): kcv_aes(404142..4F) = 504A77 is the static-DEK KCV of that vector.
  EXPECT_EQ(HexEncode(*AesKeyCheckValue(enc)), "504a77");
  // Wrong DEK: the KCV no longer matches.
  EXPECT_EQ(GetErrorCode(ParsePutKey(*cmd, SecretBytes(Bytes(16, 0))).status()), ErrorCode::kBadSignature);
  CommandApdu bad = *cmd;
  bad.data[1] = 0x80;
  EXPECT_EQ(GetErrorCode(ParsePutKey(bad, dek).status()), ErrorCode::kUnsupported);
  bad = *cmd;
  bad.data.resize(20);
  EXPECT_FALSE(ParsePutKey(bad, dek).ok());
  r.keys = {};
  EXPECT_FALSE(BuildPutKey(r, dek).ok());
  const SecretBytes short_key(Bytes(8, 1));
  r.keys = {&short_key};
  EXPECT_FALSE(BuildPutKey(r, dek).ok());
}

TEST(RegistryTypesTest, PrivilegesAndLifeCycles) {
  Privileges p;
  p.Add(Privilege::kSecurityDomain).Add(Privilege::kDelegatedManagement).Add(Privilege::kTrustedPath);
  EXPECT_EQ(HexEncode(p.Encode()), "a08000");
  EXPECT_EQ(HexEncode(p.Encode1()), "a0");
  EXPECT_EQ(p.Names(), "SecurityDomain, DelegatedManagement, TrustedPath");
  auto parsed = Privileges::Parse(Hex("C1C000"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->Has(Privilege::kMandatedDapVerification));
  EXPECT_TRUE(parsed->Has(Privilege::kAuthorizedManagement));
  EXPECT_FALSE(Privileges::Parse(Hex("40")).ok());      // DAP without SD
  EXPECT_FALSE(Privileges::Parse(Hex("810000")).ok());  // mandated DAP without DAP
  EXPECT_FALSE(Privileges::Parse(Hex("8000")).ok());
  EXPECT_EQ(CardLifeCycleName(0x0F), "SECURED");
  EXPECT_EQ(CardLifeCycleName(0x02), "unknown (02)");
  EXPECT_EQ(ApplicationLifeCycleName(0x87), "LOCKED");
  EXPECT_EQ(ApplicationLifeCycleName(0x0F), "application-specific (0F)");
  EXPECT_EQ(SecurityDomainLifeCycleName(0x0F), "PERSONALIZED");
  EXPECT_TRUE(CheckAid(Hex("A000000151"), "x").ok());
  EXPECT_FALSE(CheckAid(Hex("A0000001"), "x").ok());
}

}  // namespace
}  // namespace jpki::apdu::gp
