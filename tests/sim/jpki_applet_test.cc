#include "sim/jpki_applet/jpki_applet.h"

#include <memory>

#include "apdu/ber_tlv.h"
#include "apdu/jpki/jpki_applet.h"
#include "apdu/jpki/jpki_files.h"
#include "apdu/jpki/token_info.h"
#include "crypto/cmac.h"
#include "crypto/emsa_pkcs1.h"
#include "crypto/hash.h"
#include "crypto/rsa_key.h"
#include "crypto/rsa_pkcs1.h"
#include "gtest/gtest.h"
#include "sim/jpki_applet/card.h"

namespace jpki::sim::jpki_applet {
namespace {

namespace ap = apdu::jpki_ap;
using apdu::CommandApdu;

Bytes Tlv(uint32_t tag, ByteView value) { return *apdu::EncodeTlv(tag, value); }
Bytes Fid(uint16_t fid) { return Bytes{static_cast<uint8_t>(fid >> 8), static_cast<uint8_t>(fid)}; }
Bytes DigestInfo(std::string_view text) {
  return *crypto::EncodeDigestInfo(crypto::HashAlgorithm::kSha256,
                                   *crypto::Hash(crypto::HashAlgorithm::kSha256, AsBytes(text)));
}

// A fake certificate EF content: a DER SEQUENCE the host client can size.
Bytes FakeCertificate(uint8_t fill) { return Tlv(0x30, Bytes(300, fill)); }

class JpkiAppletTest : public ::testing::Test {
 protected:
  JpkiAppletTest() : clock_(1'750'000'000), rng_(crypto::NewDeterministicRandom(11)) {}

  // Personalises an applet with PIN 1234, password ABC123, both keys and certificates; returns the auth SPKI.
  Bytes Personalize(se::Applet& applet) {
    const se::CommandContext scp{0, 0x33};
    Bytes spki;
    Bytes perso = Tlv(kTagAuthPin, AsBytes("1234"));
    Append(perso, Tlv(kTagSigningPassword, AsBytes("ABC123")));
    EXPECT_TRUE(applet.Personalize(CommandApdu{0x80, 0xE2, 0x90, 0, perso, std::nullopt}, scp).ok());
    auto generated =
        applet.Personalize(CommandApdu{0x80, 0xE2, 0x90, 1, Tlv(kTagGenerateKey, Fid(0x0017)), 65536}, scp);
    EXPECT_TRUE(generated.ok());
    spki = generated.data;
    EXPECT_TRUE(
        applet.Personalize(CommandApdu{0x80, 0xE2, 0x90, 2, Tlv(kTagGenerateKey, Fid(0x001A)), 65536}, scp).ok());
    for (uint16_t fid : {ap::kEfAuthenticationCertificate, ap::kEfSigningCertificate}) {
      Bytes cert = FakeCertificate(static_cast<uint8_t>(fid));
      Bytes write = Fid(fid);
      Append(write, Bytes{0, 0});
      Append(write, cert);
      EXPECT_TRUE(
          applet.Personalize(CommandApdu{0x80, 0xE2, 0x90, 3, Tlv(kTagWriteEf, write), std::nullopt}, scp).ok());
    }
    return spki;
  }

  ManualClock clock_;
  std::unique_ptr<crypto::RandomSource> rng_;
};

TEST_F(JpkiAppletTest, CardPinRulesAndSignature) {
  MyNumberCard card(clock_, *rng_);
  card.Transmit(CommandApdu{0x00, 0xA4, 0x04, 0x0C, ToBytes(ap::kJpkiAid), std::nullopt}).IgnoreError();
  // Personalisation through the card's own STORE DATA, before it is handed over.
  Bytes perso = Tlv(kTagAuthPin, AsBytes("1234"));
  Append(perso, Tlv(kTagSigningPassword, AsBytes("ABC123")));
  ASSERT_TRUE(card.Transmit(CommandApdu{0x80, 0xE2, 0x90, 0, perso, std::nullopt})->ok());
  auto generated = card.Transmit(CommandApdu{0x80, 0xE2, 0x90, 1, Tlv(kTagGenerateKey, Fid(0x0017)), 65536});
  ASSERT_TRUE(generated->ok());
  auto public_key = crypto::RsaPublicKey::ParseSpkiDer(generated->data);
  ASSERT_TRUE(public_key.ok()) << public_key.status();
  EXPECT_EQ(public_key->modulus_bits(), 2048u);
  ASSERT_TRUE(card.Transmit(CommandApdu{0x80, 0xE2, 0x90, 2, Tlv(kTagClosePersonalization, {}), std::nullopt})->ok());
  EXPECT_EQ(card.Transmit(CommandApdu{0x80, 0xE2, 0x90, 3, perso, std::nullopt})->sw, 0x6985);  // closed

  ap::JpkiApplet client(card);
  EXPECT_EQ(*client.GetTokenKind(), ap::TokenKind::kCard);
  // Signing before the PIN is refused.
  EXPECT_FALSE(client.Sign(ap::PinKind::kAuthentication, DigestInfo("challenge")).ok());
  auto wrong = client.VerifyPin(ap::PinKind::kAuthentication, "9999");
  ASSERT_TRUE(wrong.ok());
  EXPECT_FALSE(wrong->verified);
  EXPECT_EQ(wrong->tries_left, 2);  // 63C2
  EXPECT_EQ(*client.PinRetries(ap::PinKind::kAuthentication), 2);
  ASSERT_TRUE(client.VerifyPin(ap::PinKind::kAuthentication, "1234")->verified);
  const Bytes digest_info = DigestInfo("challenge");
  auto signature = client.Sign(ap::PinKind::kAuthentication, digest_info);
  ASSERT_TRUE(signature.ok()) << signature.status();
  EXPECT_TRUE(crypto::RsaPkcs1VerifyDigestInfo(*public_key, digest_info, *signature).ok());
  // Not a DigestInfo: refused (no raw RSA oracle).
  EXPECT_FALSE(client.Sign(ap::PinKind::kAuthentication, Bytes(40, 0x41)).ok());
  // The signing key was never generated.
  ASSERT_TRUE(client.VerifyPin(ap::PinKind::kSigning, "ABC123")->verified);
  EXPECT_FALSE(client.Sign(ap::PinKind::kSigning, digest_info).ok());
}

TEST_F(JpkiAppletTest, SmartphonePersonalizationNeedsEncryptedChannel) {
  JpkiApplet applet(JpkiAppletOptions{Medium::kSmartphone, 2048}, clock_, *rng_);
  const CommandApdu pin{0x80, 0xE2, 0x90, 0, Tlv(kTagAuthPin, AsBytes("1234")), std::nullopt};
  EXPECT_EQ(applet.Personalize(pin, {}).sw, 0x6982);
  EXPECT_EQ(applet.Personalize(pin, se::CommandContext{0, 0x01}).sw, 0x6982);  // C-MAC only
  EXPECT_EQ(applet.Personalize(pin, se::CommandContext{0, 0x03}).sw, 0x9000);
  // Unknown tags and malformed TLV are refused.
  EXPECT_EQ(applet
                .Personalize(CommandApdu{0x80, 0xE2, 0x90, 1, Tlv(0xDF55, Bytes{1}), std::nullopt},
                             se::CommandContext{0, 0x03})
                .sw,
            0x6A88);
  EXPECT_EQ(applet
                .Personalize(CommandApdu{0x80, 0xE2, 0x90, 1, Bytes{0xDF, 0x02, 0x09}, std::nullopt},
                             se::CommandContext{0, 0x03})
                .sw,
            0x6A80);
}

TEST_F(JpkiAppletTest, PinBlocksAfterThreeWrongTries) {
  JpkiApplet applet(JpkiAppletOptions{Medium::kCard, 2048}, clock_, *rng_);
  ASSERT_TRUE(
      applet.Personalize(CommandApdu{0x80, 0xE2, 0x90, 0, Tlv(kTagAuthPin, AsBytes("1234")), std::nullopt}, {}).ok());
  ASSERT_TRUE(applet.Select({}).ok());
  ASSERT_TRUE(applet.Process(CommandApdu{0x00, 0xA4, 0x02, 0x0C, Fid(0x0018), std::nullopt}, {}).ok());
  const CommandApdu wrong{0x00, 0x20, 0x00, 0x80, ToBytes(AsBytes("0000")), std::nullopt};
  EXPECT_EQ(applet.Process(wrong, {}).sw, 0x63C2);
  EXPECT_EQ(applet.Process(wrong, {}).sw, 0x63C1);
  EXPECT_EQ(applet.Process(wrong, {}).sw, 0x63C0);
  EXPECT_EQ(applet.Process(CommandApdu{0x00, 0x20, 0x00, 0x80, ToBytes(AsBytes("1234")), std::nullopt}, {}).sw, 0x6983);
  EXPECT_EQ(applet.Process(CommandApdu{0x00, 0x20, 0x00, 0x80, {}, std::nullopt}, {}).sw, 0x6983);
}

TEST_F(JpkiAppletTest, SmartphoneAccessRules) {
  JpkiApplet applet(JpkiAppletOptions{Medium::kSmartphone, 2048}, clock_, *rng_);
  Personalize(applet);
  ASSERT_TRUE(applet.Select({}).ok());
  auto read = [&](uint16_t fid) {
    applet.Process(CommandApdu{0x00, 0xA4, 0x02, 0x0C, Fid(fid), std::nullopt}, {});
    return applet.Process(CommandApdu{0x00, 0xB0, 0x00, 0x00, {}, 256}, {});
  };
  EXPECT_EQ(read(ap::kEfTokenInfo).sw, 0x6282);  // 160 bytes, fewer than Le: end of file reached first
  EXPECT_EQ(*ap::TokenLabelFromInfo(read(ap::kEfTokenInfo).data), "JPKIAPGPSETOKEN");
  EXPECT_EQ(read(ap::kEfCertificateAvailability).data, (Bytes{0x8F, 0x8F, 0x00}));
  // On the GP-SE even the authentication certificate needs the PIN; the signing certificate the password.
  EXPECT_EQ(read(ap::kEfAuthenticationCertificate).sw, 0x6982);
  EXPECT_EQ(read(ap::kEfSigningCertificate).sw, 0x6982);
  EXPECT_EQ(read(ap::kEfAuthenticationKey).sw, 0x6985);  // keys are never readable
  applet.Process(CommandApdu{0x00, 0xA4, 0x02, 0x0C, Fid(0x001B), std::nullopt}, {});
  EXPECT_EQ(applet.Process(CommandApdu{0x00, 0x20, 0x00, 0x80, ToBytes(AsBytes("ABC123")), std::nullopt}, {}).sw,
            0x9000);
  EXPECT_EQ(read(ap::kEfSigningCertificate).sw, 0x9000);
  EXPECT_EQ(read(ap::kEfAuthenticationCertificate).sw, 0x6982);
  // Re-selecting the applet drops the security state.
  ASSERT_TRUE(applet.Select({}).ok());
  EXPECT_EQ(read(ap::kEfSigningCertificate).sw, 0x6982);
}

TEST_F(JpkiAppletTest, BiometricUnlockExpiresAfter72Hours) {
  JpkiApplet applet(JpkiAppletOptions{Medium::kSmartphone, 2048}, clock_, *rng_);
  const Bytes spki = Personalize(applet);
  const auto public_key = *crypto::RsaPublicKey::ParseSpkiDer(spki);
  const SecretBytes bio_key(Bytes(16, 0x42));
  const auto cmac = *crypto::Cmac::Create(bio_key);
  auto assertion = [&](ByteView challenge) {
    const uint8_t cls = kBiometricClass3;
    auto tag = *cmac.Mac({challenge, ByteView(&cls, 1)});
    return Bytes(tag.begin(), tag.end());
  };
  auto biometric_login = [&]() {
    auto challenge = applet.Process(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 16}, {});
    EXPECT_EQ(challenge.sw, 0x9000);
    const uint16_t sw =
        applet.Process(CommandApdu{0x00, 0x20, 0x00, 0x82, assertion(challenge.data), std::nullopt}, {}).sw;
    if (sw != 0x9000) return sw;
    auto signature = applet.Process(CommandApdu{0x80, 0x2A, 0x00, 0x97, DigestInfo("nonce"), 256}, {});
    if (signature.sw == 0x9000) {
      EXPECT_TRUE(crypto::RsaPkcs1VerifyDigestInfo(public_key, DigestInfo("nonce"), signature.data).ok());
    }
    return signature.sw;
  };
  ASSERT_TRUE(applet.Select({}).ok());
  // Enrolment needs the PIN.
  EXPECT_EQ(applet.Process(CommandApdu{0x00, 0xDA, 0x01, 0x81, ToBytes(AsBytes("lock-2580")), std::nullopt}, {}).sw,
            0x6982);
  applet.Process(CommandApdu{0x00, 0xA4, 0x02, 0x0C, Fid(0x0018), std::nullopt}, {});
  ASSERT_EQ(applet.Process(CommandApdu{0x00, 0x20, 0x00, 0x80, ToBytes(AsBytes("1234")), std::nullopt}, {}).sw, 0x9000);
  ASSERT_EQ(applet.Process(CommandApdu{0x00, 0xDA, 0x01, 0x81, ToBytes(AsBytes("lock-2580")), std::nullopt}, {}).sw,
            0x9000);
  ASSERT_EQ(applet.Process(CommandApdu{0x00, 0xDA, 0x01, 0x82, ToBytes(bio_key.view()), std::nullopt}, {}).sw, 0x9000);
  ASSERT_TRUE(applet.Select({}).ok());  // a new session: PIN state gone
  // No primary yet: the biometric alone is refused.
  EXPECT_EQ(biometric_login(), 0x6985);
  EXPECT_EQ(applet.Process(CommandApdu{0x00, 0x20, 0x00, 0x81, ToBytes(AsBytes("wrong-pw")), std::nullopt}, {}).sw,
            0x63C4);
  ASSERT_EQ(applet.Process(CommandApdu{0x00, 0x20, 0x00, 0x81, ToBytes(AsBytes("lock-2580")), std::nullopt}, {}).sw,
            0x9000);
  EXPECT_EQ(biometric_login(), 0x9000);
  clock_.AdvanceSeconds(71 * kSecondsPerHour);
  ASSERT_TRUE(applet.Select({}).ok());
  EXPECT_EQ(biometric_login(), 0x9000);        // primary still fresh
  clock_.AdvanceSeconds(2 * kSecondsPerHour);  // 73 hours after the primary
  ASSERT_TRUE(applet.Select({}).ok());
  EXPECT_EQ(biometric_login(), 0x6985);
  // A wrong assertion (not from the bound TEE) is refused.
  auto challenge = applet.Process(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 16}, {});
  ASSERT_EQ(applet.Process(CommandApdu{0x00, 0x20, 0x00, 0x81, ToBytes(AsBytes("lock-2580")), std::nullopt}, {}).sw,
            0x9000);
  challenge = applet.Process(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 16}, {});
  Bytes forged = assertion(challenge.data);
  forged[0] ^= 1;
  EXPECT_EQ(applet.Process(CommandApdu{0x00, 0x20, 0x00, 0x82, forged, std::nullopt}, {}).sw, 0x6982);
  EXPECT_EQ(biometric_login(), 0x9000);  // primary given again
}

}  // namespace
}  // namespace jpki::sim::jpki_applet
