// The SP 800-108 KDF, key diversification (KDF3) and key check values against GlobalPlatformPro's published vectors,
// and the SCP03 vocabulary helpers.
#include "apdu/gp/scp03_kdf.h"

#include <fstream>
#include <sstream>

#include "apdu/gp/key_check_value.h"
#include "apdu/gp/key_diversifier.h"
#include "apdu/gp/scp03_types.h"
#include "base/error.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/apdu/gp/scp03_vectors.h"

namespace jpki::apdu::gp {
namespace {

using testing::Hex;
using testing::Lower;

nlohmann::json LoadKdf() {
  std::ifstream in("tests/data/gp-scp03/gp-kdf-globalplatformpro/kdf_vectors.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

std::string Kcv(const SecretBytes& key) { return HexEncode(*AesKeyCheckValue(key)); }

TEST(KeyDiversifierTest, Kdf3ExternalVector) {
  auto v = LoadKdf()["kdf3_external_vector"];
  Kdf3Diversifier kdf3;
  auto key = kdf3.Diversify(SecretBytes(Hex(v["master"])), KeyPurpose::kEnc, Hex(v["kdd"]));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(HexEncode(key->view()), Lower(v["expected_derived_enc"]));
}

TEST(KeyDiversifierTest, Kdf3KcvsForAllKeySizes) {
  auto v = LoadKdf()["kdf3_diversification_kcvs"];
  Kdf3Diversifier kdf3;
  int checked = 0;
  for (const char* size : {"AES128", "AES192", "AES256"}) {
    const auto& e = v[size];
    auto keys = kdf3.DiversifyKeySet(SecretBytes(Hex(e["master"])), Hex(v["kdd"]), 0x30);
    ASSERT_TRUE(keys.ok()) << size;
    EXPECT_EQ(Kcv(keys->enc), Lower(e["kcv_enc"])) << size;
    EXPECT_EQ(Kcv(keys->mac), Lower(e["kcv_mac"])) << size;
    EXPECT_EQ(Kcv(keys->dek), Lower(e["kcv_dek"])) << size;
    EXPECT_EQ(keys->kvn, 0x30);
    checked += 3;
  }
  EXPECT_EQ(checked, 9);
  EXPECT_EQ(GetErrorCode(kdf3.Diversify(SecretBytes(Bytes(16, 1)), KeyPurpose::kMac, Bytes(9)).status()),
            ErrorCode::kInvalidArgument);
  EXPECT_FALSE(kdf3.Diversify(SecretBytes(Bytes(15, 1)), KeyPurpose::kMac, Bytes(10)).ok());
  NoDiversifier none;
  auto same = none.DiversifyKeySet(SecretBytes(Bytes(16, 7)), Bytes(10), 1);
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->dek.ConstantTimeEquals(Bytes(16, 7)));
  EXPECT_FALSE(none.Diversify(SecretBytes(Bytes(3)), KeyPurpose::kEnc, {}).ok());
}

TEST(Scp03KdfTest, SessionKeyKcvsAndGenericKdf) {
  auto doc = LoadKdf();
  const auto& v = doc["scp03_session_keys_kcv"];
  const SecretBytes k(Hex(v["static_enc_mac_dek"]));
  auto prf = crypto::Cmac::Create(k);
  ASSERT_TRUE(prf.ok());
  const Bytes context = Hex(v["context"]);
  // GlobalPlatformPro derives with the 10-byte KDD as context here (not host||card challenge).
  auto s_enc = Scp03Kdf(*prf, Scp03Constant::kSEnc, 128, context);
  auto s_mac = Scp03Kdf(*prf, Scp03Constant::kSMac, 128, context);
  auto s_rmac = Scp03Kdf(*prf, Scp03Constant::kSRMac, 128, context);
  ASSERT_TRUE(s_enc.ok() && s_mac.ok() && s_rmac.ok());
  EXPECT_EQ(Kcv(*s_enc), Lower(v["kcv_s_enc"]));
  EXPECT_EQ(Kcv(*s_mac), Lower(v["kcv_s_mac"]));
  EXPECT_EQ(Kcv(*s_rmac), Lower(v["kcv_s_rmac"]));
  EXPECT_EQ(Kcv(k), Lower(v["kcv_dek_static"]));
  // Output length limits.
  EXPECT_FALSE(Scp03Kdf(*prf, Scp03Constant::kSEnc, 0, context).ok());
  EXPECT_FALSE(Scp03Kdf(*prf, Scp03Constant::kSEnc, 12, context).ok());
  EXPECT_FALSE(Scp03Kdf(*prf, Scp03Constant::kSEnc, 520, context).ok());
  EXPECT_FALSE(Scp03Kdf(*prf, Scp03Constant::kSEnc, 128, Bytes(1025)).ok());
  auto long_out = Scp03Kdf(*prf, Scp03Constant::kSEnc, 256, context);
  ASSERT_TRUE(long_out.ok());
  EXPECT_EQ(long_out->size(), 32u);
  // L is part of the derivation data, so a 256-bit output does not start with the 128-bit one.
  EXPECT_NE(HexEncode(long_out->view().subspan(0, 16)), HexEncode(s_enc->view()));
}

// The worked example of domain-research.md 4.2 (kaoh/globalplatform mutual_auth), card cryptogram included.
TEST(Scp03KdfTest, KaohWorkedExample) {
  auto keys = Scp03Keys::Create(0, SecretBytes(Hex("F995D0A069335C7DF42E590317FFEA6D")),
                                SecretBytes(Hex("58563362EC5A4541ABCD32B34B1EAE7D")), SecretBytes());
  ASSERT_TRUE(keys.ok());
  const Bytes host = Hex("9BD6BF878FB8E991"), card = Hex("3C80C2CC87EB3A35");
  auto sk = DeriveSessionKeys(*keys, host, card);
  ASSERT_TRUE(sk.ok());
  EXPECT_EQ(HexEncode(sk->s_enc.view()), "d83ee38c9954c8078987a5e9ee6ab13c");
  EXPECT_EQ(HexEncode(sk->s_mac.view()), "6ff37716e0413065e8dfd08bf1e9ec5e");
  EXPECT_EQ(HexEncode(sk->s_rmac.view()), "0254c786e57aca8982670c1c1a05ff12");
  auto mac = crypto::Cmac::Create(sk->s_mac);
  ASSERT_TRUE(mac.ok());
  EXPECT_EQ(HexEncode(*CardCryptogram(*mac, host, card)), "e4edba35e629c336");
  EXPECT_FALSE(CardCryptogram(*mac, host, Bytes(16)).ok());
  EXPECT_FALSE(DeriveSessionKeys(*keys, Bytes(7), Bytes(7)).ok());
  EXPECT_FALSE(PseudoRandomCardChallenge(keys->enc, Bytes(2), Hex("A000000151"), Scp03Mode::kS8).ok());
  EXPECT_FALSE(PseudoRandomCardChallenge(keys->enc, Bytes(3), Hex("A0"), Scp03Mode::kS8).ok());
}

TEST(Scp03TypesTest, LevelsAndKeys) {
  int allowed = 0;
  for (int b = 0; b < 256; ++b) {
    auto l = SecurityLevelFromByte(static_cast<uint8_t>(b));
    if (!l.ok()) continue;
    ++allowed;
    EXPECT_EQ(*SecurityLevelFromName(SecurityLevelName(*l)), *l);
  }
  EXPECT_EQ(allowed, 6);
  EXPECT_FALSE(SecurityLevelFromName("rmac").ok());
  EXPECT_FALSE(Scp03Keys::Create(1, SecretBytes(Bytes(16)), SecretBytes(Bytes(24)), SecretBytes()).ok());
  EXPECT_FALSE(Scp03Keys::Create(1, SecretBytes(Bytes(16)), SecretBytes(Bytes(16)), SecretBytes(Bytes(32))).ok());
  EXPECT_FALSE(Scp03Keys::Create(1, SecretBytes(Bytes(20)), SecretBytes(Bytes(20)), SecretBytes()).ok());
  auto k = Scp03Keys::Create(1, SecretBytes(Bytes(32, 1)), SecretBytes(Bytes(32, 2)), SecretBytes(Bytes(32, 3)));
  ASSERT_TRUE(k.ok());
  Scp03Keys c = k->Clone();
  EXPECT_TRUE(c.dek.ConstantTimeEquals(Bytes(32, 3)));
}

}  // namespace
}  // namespace jpki::apdu::gp
