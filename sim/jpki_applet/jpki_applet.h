#ifndef JPKICORE_SIM_JPKI_APPLET_JPKI_APPLET_H_
#define JPKICORE_SIM_JPKI_APPLET_JPKI_APPLET_H_

// The card side of the JPKI applet (公的個人認証AP), as it runs on an Android phone's GP-SE (token label
// JPKIAPGPSETOKEN) and on the My Number Card (JPKIAPICCTOKEN2). It answers the public command set of
// shared/notes/domain-research.md section 1 (SELECT EF, READ BINARY, VERIFY with 63Cx / 6983, CHANGE REFERENCE
// DATA, COMPUTE DIGITAL SIGNATURE over a DigestInfo) with the real applet's EFs and access rules:
//   - EF 0001 (signing certificate) is readable only after the signing password;
//   - on the smartphone, EF 000A (authentication certificate) needs the authentication PIN (or the biometric unlock);
//   - the private keys are generated inside the applet and never leave it: only their public keys are returned.
//
// Smartphone-only extensions of the simulation (the public record does not document how the phone's biometric
// alternative reaches the SE; this is our model of it, with the rules the Digital Agency publishes):
//   - PUT DATA 00 DA 01 81 <screen-lock credential>: enrols the primary factor (needs the authentication PIN).
//   - PUT DATA 00 DA 01 82 <16-byte key>: binds the phone's Class 3 biometric TEE (needs the authentication PIN).
//   - VERIFY 00 20 00 81 <screen-lock credential>: the primary factor (5 tries).
//   - GET CHALLENGE 00 84 00 00 10, then VERIFY 00 20 00 82 <AES-CMAC(key, challenge || 03)>: a Class 3 biometric
//     match; accepted only while the primary is less than 72 hours old (else 6985), then the authentication key
//     may sign as after the PIN.
//
// Personalisation (STORE DATA forwarded by the security domain, BER-TLV objects; the simulation's own coding):
//   DF02 authentication PIN, DF03 signing password, DF10 FID(2) || offset(2) || bytes (write an EF),
//   DF20 FID(2) (generate the key pair of key EF 0017 or 001A; response: SubjectPublicKeyInfo DER),
//   DF7F (close personalisation: card only, where no TSM keeps a channel).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "apdu/command_apdu.h"
#include "apdu/response_apdu.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"
#include "crypto/random.h"
#include "crypto/rsa_key.h"
#include "sim/clock/clock.h"
#include "sim/jpki_applet/biometric_unlock.h"
#include "sim/jpki_applet/pin.h"
#include "sim/se/applet.h"

namespace jpki::sim::jpki_applet {

enum class Medium { kCard, kSmartphone };

// Simulation-specific instruction and reference values (see above).
inline constexpr uint8_t kInsPutData = 0xDA;
inline constexpr uint8_t kInsGetChallenge = 0x84;
inline constexpr uint8_t kP2ScreenLock = 0x81;
inline constexpr uint8_t kP2Biometric = 0x82;
inline constexpr uint8_t kBiometricClass3 = 0x03;
inline constexpr size_t kChallengeSize = 16;
inline constexpr int kScreenLockMaxTries = 5;

// Personalisation tags.
inline constexpr uint32_t kTagAuthPin = 0xDF02;
inline constexpr uint32_t kTagSigningPassword = 0xDF03;
inline constexpr uint32_t kTagWriteEf = 0xDF10;
inline constexpr uint32_t kTagGenerateKey = 0xDF20;
inline constexpr uint32_t kTagClosePersonalization = 0xDF7F;

struct JpkiAppletOptions {
  Medium medium = Medium::kSmartphone;
  size_t key_bits = 2048;
};

class JpkiApplet : public se::Applet {
 public:
  // `clock` and `rng` must outlive the applet.
  JpkiApplet(JpkiAppletOptions options, const Clock& clock, crypto::RandomSource& rng);

  apdu::ResponseApdu Select(const se::CommandContext& context) override;
  void Deselect() override;
  apdu::ResponseApdu Process(const apdu::CommandApdu& command, const se::CommandContext& context) override;
  apdu::ResponseApdu Personalize(const apdu::CommandApdu& store_data, const se::CommandContext& context) override;

  Medium medium() const { return options_.medium; }
  bool personalization_closed() const { return personalization_closed_; }
  // For tests: whether a key pair exists (the key itself is never exposed).
  bool HasKey(uint16_t fid) const;

 private:
  struct KeySlot {
    std::optional<crypto::RsaPrivateKey> key;
  };

  apdu::ResponseApdu SelectFile(const apdu::CommandApdu& command);
  apdu::ResponseApdu ReadBinary(const apdu::CommandApdu& command);
  apdu::ResponseApdu Verify(const apdu::CommandApdu& command);
  apdu::ResponseApdu ChangeReferenceData(const apdu::CommandApdu& command);
  apdu::ResponseApdu ComputeSignature(const apdu::CommandApdu& command);
  apdu::ResponseApdu GetChallenge(const apdu::CommandApdu& command);
  apdu::ResponseApdu PutData(const apdu::CommandApdu& command);
  apdu::ResponseApdu VerifyBiometric(ByteView assertion);

  uint16_t ReadAccess(uint16_t fid) const;  // 9000 or the refusing status word
  bool AuthKeyUnlocked() const;
  RetryPin* PinFor(uint16_t fid);
  void ClearSecurityState();
  void RefreshAvailability();
  absl::StatusOr<Bytes> GenerateKey(uint16_t fid);

  JpkiAppletOptions options_;
  crypto::RandomSource& rng_;
  std::map<uint16_t, Bytes> files_;
  KeySlot auth_key_;
  KeySlot signing_key_;
  RetryPin auth_pin_;
  RetryPin signing_password_;
  RetryPin screen_lock_;
  BiometricUnlock biometric_;
  std::optional<SecretBytes> biometric_key_;
  std::optional<Bytes> challenge_;
  bool biometric_verified_ = false;
  std::optional<uint16_t> current_ef_;
  bool personalization_closed_ = false;
};

}  // namespace jpki::sim::jpki_applet

#endif  // JPKICORE_SIM_JPKI_APPLET_JPKI_APPLET_H_
