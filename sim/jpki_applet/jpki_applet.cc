#include "sim/jpki_applet/jpki_applet.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>

#include "apdu/ber_tlv.h"
#include "apdu/jpki/jpki_files.h"
#include "apdu/jpki/token_info.h"
#include "apdu/status_words.h"
#include "base/error.h"
#include "crypto/cmac.h"
#include "crypto/rsa_pkcs1.h"

namespace jpki::sim::jpki_applet {
namespace {

namespace ap = apdu::jpki_ap;
using apdu::ResponseApdu;

constexpr size_t kTokenInfoSize = 160;
constexpr size_t kMaxEfSize = 0x7FFF;  // READ BINARY's 15-bit offset bounds every EF

ResponseApdu Sw(uint16_t sw) { return ResponseApdu{{}, sw}; }
ResponseApdu Data(Bytes data) { return ResponseApdu{std::move(data), apdu::kSwSuccess}; }

uint16_t TriesSw(int tries_left) { return static_cast<uint16_t>(0x63C0 | (tries_left & 0x0F)); }

uint16_t VerifySw(VerifyOutcome outcome, const RetryPin& pin) {
  switch (outcome) {
    case VerifyOutcome::kVerified:
      return apdu::kSwSuccess;
    case VerifyOutcome::kWrong:
      return TriesSw(pin.tries_left());
    case VerifyOutcome::kBlocked:
      return apdu::kSwAuthenticationMethodBlocked;
    case VerifyOutcome::kBadFormat:
      return apdu::kSwWrongData;
    case VerifyOutcome::kNotPersonalized:
      return apdu::kSwReferenceDataNotUsable;
  }
  return apdu::kSwNoPreciseDiagnosis;
}

bool IsDataEf(uint16_t fid) {
  return fid == ap::kEfSigningCertificate || fid == ap::kEfSigningCaCertificate || fid == ap::kEfTokenInfo ||
         fid == ap::kEfCertificateAvailability || fid == ap::kEfAuthenticationCertificate ||
         fid == ap::kEfAuthenticationCaCertificate;
}

bool IsKnownEf(uint16_t fid) {
  return IsDataEf(fid) || fid == ap::kEfAuthenticationKey || fid == ap::kEfAuthenticationPin ||
         fid == ap::kEfSigningKey || fid == ap::kEfSigningPin;
}

// Certificates the TSM or the issuing office may write; token info and availability are the applet's own.
bool IsWritableEf(uint16_t fid) {
  return fid == ap::kEfSigningCertificate || fid == ap::kEfSigningCaCertificate ||
         fid == ap::kEfAuthenticationCertificate || fid == ap::kEfAuthenticationCaCertificate;
}

Bytes TokenInfo(Medium medium) {
  // A serialised CK_TOKEN_INFO: label (32), manufacturerID (32), model (16), serialNumber (16), then ULONGs; only
  // the label matters to clients, the rest is blank-padded or zero.
  Bytes info(kTokenInfoSize, 0);
  std::fill(info.begin(), info.begin() + 96, ' ');
  const Bytes label = ap::TokenLabel(medium == Medium::kCard ? ap::TokenKind::kCard : ap::TokenKind::kAndroidGpSe);
  std::copy(label.begin(), label.end(), info.begin());
  static constexpr char kManufacturer[] = "jpkicore simulation";
  std::memcpy(info.data() + 32, kManufacturer, sizeof(kManufacturer) - 1);
  return info;
}

uint16_t Fid(ByteView bytes) { return static_cast<uint16_t>(bytes[0] << 8 | bytes[1]); }

}  // namespace

JpkiApplet::JpkiApplet(JpkiAppletOptions options, const Clock& clock, crypto::RandomSource& rng)
    : options_(options),
      rng_(rng),
      auth_pin_(PinFormat::kAuthPin, ap::kAuthenticationPinMaxTries),
      signing_password_(PinFormat::kSigningPassword, ap::kSigningPasswordMaxTries),
      screen_lock_(PinFormat::kScreenLock, kScreenLockMaxTries),
      biometric_(clock) {
  files_[ap::kEfTokenInfo] = TokenInfo(options_.medium);
  RefreshAvailability();
}

bool JpkiApplet::HasKey(uint16_t fid) const {
  if (fid == ap::kEfAuthenticationKey) return auth_key_.key.has_value();
  if (fid == ap::kEfSigningKey) return signing_key_.key.has_value();
  return false;
}

void JpkiApplet::ClearSecurityState() {
  auth_pin_.ClearVerified();
  signing_password_.ClearVerified();
  screen_lock_.ClearVerified();
  biometric_verified_ = false;
  challenge_.reset();
  current_ef_.reset();
}

void JpkiApplet::RefreshAvailability() {
  const auto present = [&](uint16_t fid) {
    auto it = files_.find(fid);
    return it != files_.end() && !it->second.empty() ? uint8_t{0x8F} : uint8_t{0x00};
  };
  files_[ap::kEfCertificateAvailability] =
      Bytes{present(ap::kEfSigningCertificate), present(ap::kEfAuthenticationCertificate), 0x00};
}

ResponseApdu JpkiApplet::Select(const se::CommandContext&) {
  ClearSecurityState();
  return Sw(apdu::kSwSuccess);
}

void JpkiApplet::Deselect() { ClearSecurityState(); }

ResponseApdu JpkiApplet::Process(const apdu::CommandApdu& command, const se::CommandContext&) {
  const bool iso = (command.cla & 0x80) == 0;
  if (iso && command.ins == 0xA4) return SelectFile(command);
  if (iso && command.ins == 0xB0) return ReadBinary(command);
  if (iso && command.ins == 0x20) return Verify(command);
  if (iso && command.ins == 0x24) return ChangeReferenceData(command);
  if (!iso && command.ins == ap::kInsComputeDigitalSignature) return ComputeSignature(command);
  if (options_.medium == Medium::kSmartphone) {
    if (iso && command.ins == kInsGetChallenge) return GetChallenge(command);
    if (iso && command.ins == kInsPutData) return PutData(command);
  }
  return Sw(apdu::kSwInsNotSupported);
}

ResponseApdu JpkiApplet::SelectFile(const apdu::CommandApdu& command) {
  // Only SELECT EF by file ID under the current DF (P1 = 02) is meaningful inside the applet.
  if (command.p1 != 0x02) return Sw(apdu::kSwIncorrectP1P2);
  if (command.data.size() != 2) return Sw(apdu::kSwWrongLength);
  const uint16_t fid = Fid(command.data);
  if (!IsKnownEf(fid)) return Sw(apdu::kSwFileNotFound);
  current_ef_ = fid;
  return Sw(apdu::kSwSuccess);
}

uint16_t JpkiApplet::ReadAccess(uint16_t fid) const {
  if (fid == ap::kEfSigningCertificate && !signing_password_.verified()) {
    return apdu::kSwSecurityStatusNotSatisfied;
  }
  if (fid == ap::kEfAuthenticationCertificate && options_.medium == Medium::kSmartphone && !AuthKeyUnlocked()) {
    return apdu::kSwSecurityStatusNotSatisfied;
  }
  return apdu::kSwSuccess;
}

ResponseApdu JpkiApplet::ReadBinary(const apdu::CommandApdu& command) {
  if ((command.p1 & 0x80) != 0) return Sw(apdu::kSwIncorrectP1P2);  // short-EF addressing is not offered
  if (!current_ef_.has_value()) return Sw(apdu::kSwNoCurrentEf);
  const uint16_t fid = *current_ef_;
  if (!IsDataEf(fid)) return Sw(apdu::kSwConditionsNotSatisfied);  // keys and PINs are never readable
  if (const uint16_t sw = ReadAccess(fid); sw != apdu::kSwSuccess) return Sw(sw);
  auto it = files_.find(fid);
  if (it == files_.end() || it->second.empty()) return Sw(apdu::kSwFileNotFound);
  const Bytes& content = it->second;
  const size_t offset = static_cast<size_t>(command.p1) << 8 | command.p2;
  if (offset > content.size()) return Sw(apdu::kSwWrongP1P2);
  const size_t want = command.ne.value_or(256);
  const size_t n = std::min(want, content.size() - offset);
  Bytes out(content.begin() + offset, content.begin() + offset + n);
  // ISO 7816-4: fewer bytes than Ne because the end of the file came first is a warning, not an error.
  return ResponseApdu{std::move(out), n < want ? apdu::kSwEndOfFile : apdu::kSwSuccess};
}

RetryPin* JpkiApplet::PinFor(uint16_t fid) {
  if (fid == ap::kEfAuthenticationPin) return &auth_pin_;
  if (fid == ap::kEfSigningPin) return &signing_password_;
  return nullptr;
}

ResponseApdu JpkiApplet::Verify(const apdu::CommandApdu& command) {
  if (command.p1 != 0x00) return Sw(apdu::kSwIncorrectP1P2);
  if (options_.medium == Medium::kSmartphone && command.p2 == kP2ScreenLock) {
    if (command.data.empty()) {
      return Sw(screen_lock_.blocked() ? apdu::kSwAuthenticationMethodBlocked : TriesSw(screen_lock_.tries_left()));
    }
    const VerifyOutcome outcome = screen_lock_.Verify(command.data);
    if (outcome == VerifyOutcome::kVerified) biometric_.RecordPrimary();
    return Sw(VerifySw(outcome, screen_lock_));
  }
  if (options_.medium == Medium::kSmartphone && command.p2 == kP2Biometric) return VerifyBiometric(command.data);
  if (command.p2 != ap::kP2SelectedReference) return Sw(apdu::kSwIncorrectP1P2);
  if (!current_ef_.has_value()) return Sw(apdu::kSwNoCurrentEf);
  RetryPin* pin = PinFor(*current_ef_);
  if (pin == nullptr) return Sw(apdu::kSwConditionsNotSatisfied);
  if (command.data.empty()) {  // the retry-counter query: uses no try
    if (!pin->personalized()) return Sw(apdu::kSwReferenceDataNotUsable);
    return Sw(pin->blocked() ? apdu::kSwAuthenticationMethodBlocked : TriesSw(pin->tries_left()));
  }
  return Sw(VerifySw(pin->Verify(command.data), *pin));
}

ResponseApdu JpkiApplet::VerifyBiometric(ByteView assertion) {
  biometric_verified_ = false;
  // The challenge is single use whatever happens next.
  std::optional<Bytes> challenge = std::move(challenge_);
  challenge_.reset();
  if (!biometric_key_.has_value()) return Sw(apdu::kSwReferenceDataNotUsable);
  if (biometric_.Decide() != BiometricDecision::kAllowed) return Sw(apdu::kSwConditionsNotSatisfied);
  if (!challenge.has_value()) return Sw(apdu::kSwConditionsNotSatisfied);
  if (assertion.size() != crypto::kAesBlockSize) return Sw(apdu::kSwWrongLength);
  auto cmac = crypto::Cmac::Create(*biometric_key_);
  if (!cmac.ok()) return Sw(apdu::kSwNoPreciseDiagnosis);
  const uint8_t biometric_class = kBiometricClass3;
  if (!cmac->Verify({*challenge, ByteView(&biometric_class, 1)}, assertion).ok()) {
    return Sw(apdu::kSwSecurityStatusNotSatisfied);
  }
  biometric_verified_ = true;
  return Sw(apdu::kSwSuccess);
}

bool JpkiApplet::AuthKeyUnlocked() const {
  if (auth_pin_.verified()) return true;
  // A biometric match counts only while the primary factor is still fresh (re-checked at use, not just at VERIFY).
  return biometric_verified_ && biometric_.Decide() == BiometricDecision::kAllowed;
}

ResponseApdu JpkiApplet::ChangeReferenceData(const apdu::CommandApdu& command) {
  if (command.p1 != 0x01 || command.p2 != ap::kP2SelectedReference) return Sw(apdu::kSwIncorrectP1P2);
  if (!current_ef_.has_value()) return Sw(apdu::kSwNoCurrentEf);
  RetryPin* pin = PinFor(*current_ef_);
  if (pin == nullptr) return Sw(apdu::kSwConditionsNotSatisfied);
  if (!pin->verified()) return Sw(apdu::kSwSecurityStatusNotSatisfied);
  if (!pin->Set(command.data).ok()) return Sw(apdu::kSwWrongData);
  return Sw(apdu::kSwSuccess);
}

ResponseApdu JpkiApplet::ComputeSignature(const apdu::CommandApdu& command) {
  if (command.p1 != 0x00) return Sw(apdu::kSwIncorrectP1P2);
  uint16_t key_fid = 0;
  if (command.p2 == ap::kP2SelectedReference) {
    if (!current_ef_.has_value()) return Sw(apdu::kSwNoCurrentEf);
    key_fid = *current_ef_;
  } else if (command.p2 == ap::kP2AuthenticationKeySfi) {
    key_fid = ap::kEfAuthenticationKey;
  } else if (command.p2 == ap::kP2SigningKeySfi) {
    key_fid = ap::kEfSigningKey;
  } else {
    return Sw(apdu::kSwIncorrectP1P2);
  }
  const KeySlot* slot = nullptr;
  if (key_fid == ap::kEfAuthenticationKey) {
    if (!AuthKeyUnlocked()) return Sw(apdu::kSwSecurityStatusNotSatisfied);
    slot = &auth_key_;
  } else if (key_fid == ap::kEfSigningKey) {
    if (!signing_password_.verified()) return Sw(apdu::kSwSecurityStatusNotSatisfied);
    slot = &signing_key_;
  } else {
    return Sw(apdu::kSwConditionsNotSatisfied);
  }
  if (!slot->key.has_value()) return Sw(apdu::kSwReferencedDataNotFound);
  // Only a SHA-2 DigestInfo is signed (never arbitrary data): the applet is not a raw RSA oracle. The private
  // operation is the library's hardened one (blinding, constant time, verify-after-sign).
  auto signature = crypto::RsaPkcs1SignDigestInfo(*slot->key, command.data);
  if (!signature.ok()) {
    const ErrorCode code = GetErrorCode(signature.status());
    const bool caller_fault = code == ErrorCode::kInvalidArgument || code == ErrorCode::kPolicyViolation;
    return Sw(caller_fault ? apdu::kSwWrongData : apdu::kSwNoPreciseDiagnosis);  // a fault releases nothing
  }
  return Data(std::move(*signature));
}

ResponseApdu JpkiApplet::GetChallenge(const apdu::CommandApdu& command) {
  if (command.p1 != 0 || command.p2 != 0) return Sw(apdu::kSwIncorrectP1P2);
  if (command.ne.value_or(0) != kChallengeSize) return Sw(static_cast<uint16_t>(0x6C00 | kChallengeSize));
  Bytes challenge(kChallengeSize);
  if (!rng_.Fill(absl::MakeSpan(challenge)).ok()) return Sw(apdu::kSwNoPreciseDiagnosis);
  challenge_ = challenge;
  return Data(std::move(challenge));
}

ResponseApdu JpkiApplet::PutData(const apdu::CommandApdu& command) {
  if (command.p1 != 0x01) return Sw(apdu::kSwIncorrectP1P2);
  // Enrolling the alternative to the PIN needs the PIN: only the holder can turn it on.
  if (!auth_pin_.verified()) return Sw(apdu::kSwSecurityStatusNotSatisfied);
  if (command.p2 == kP2ScreenLock) {
    if (!screen_lock_.Set(command.data).ok()) return Sw(apdu::kSwWrongData);
    biometric_.Forget();
    return Sw(apdu::kSwSuccess);
  }
  if (command.p2 == kP2Biometric) {
    if (command.data.size() != crypto::kAesBlockSize) return Sw(apdu::kSwWrongLength);
    biometric_key_ = SecretBytes(command.data);
    return Sw(apdu::kSwSuccess);
  }
  return Sw(apdu::kSwIncorrectP1P2);
}

absl::StatusOr<Bytes> JpkiApplet::GenerateKey(uint16_t fid) {
  KeySlot* slot = fid == ap::kEfAuthenticationKey ? &auth_key_ : fid == ap::kEfSigningKey ? &signing_key_ : nullptr;
  if (slot == nullptr) return MakeError(ErrorCode::kInvalidArgument, "sim", "not a key EF");
  auto key = crypto::RsaPrivateKey::Generate(options_.key_bits, 65537, rng_);
  if (!key.ok()) return key.status();
  slot->key = std::move(*key);
  // A new key invalidates the certificate issued for the old one.
  files_[fid == ap::kEfAuthenticationKey ? ap::kEfAuthenticationCertificate : ap::kEfSigningCertificate].clear();
  RefreshAvailability();
  return slot->key->public_key().SpkiDer();
}

ResponseApdu JpkiApplet::Personalize(const apdu::CommandApdu& store_data, const se::CommandContext& context) {
  if (personalization_closed_) return Sw(apdu::kSwConditionsNotSatisfied);
  // On the phone, personalisation arrives over the air: it must come through a secure channel that encrypts
  // commands (C-MAC + C-DECRYPTION), since it carries the PIN and password. (The card is personalised in the
  // issuing office, before it is closed, without one.)
  if (options_.medium == Medium::kSmartphone && (context.security_level & 0x03) != 0x03) {
    return Sw(apdu::kSwSecurityStatusNotSatisfied);
  }
  auto tree = apdu::ParseBerTlvTree(store_data.data);
  if (!tree.ok() || tree->empty()) return Sw(apdu::kSwWrongData);
  Bytes response;
  for (const apdu::TlvNode& node : *tree) {
    switch (node.tag) {
      case kTagAuthPin:
        if (!auth_pin_.Set(node.value).ok()) return Sw(apdu::kSwWrongData);
        break;
      case kTagSigningPassword:
        if (!signing_password_.Set(node.value).ok()) return Sw(apdu::kSwWrongData);
        break;
      case kTagWriteEf: {
        if (node.value.size() < 4) return Sw(apdu::kSwWrongData);
        const uint16_t fid = Fid(node.value);
        const size_t offset = Fid(node.value.subspan(2, 2));
        const ByteView chunk = node.value.subspan(4);
        if (!IsWritableEf(fid)) return Sw(apdu::kSwFileNotFound);
        Bytes& file = files_[fid];
        if (offset > file.size() || offset + chunk.size() > kMaxEfSize) return Sw(apdu::kSwWrongData);
        file.resize(offset);  // a write at offset 0 replaces the file
        Append(file, chunk);
        RefreshAvailability();
        break;
      }
      case kTagGenerateKey: {
        if (node.value.size() != 2) return Sw(apdu::kSwWrongData);
        auto spki = GenerateKey(Fid(node.value));
        if (!spki.ok()) return Sw(apdu::kSwWrongData);
        Append(response, *spki);
        break;
      }
      case kTagClosePersonalization:
        if (options_.medium != Medium::kCard) return Sw(apdu::kSwConditionsNotSatisfied);
        personalization_closed_ = true;
        break;
      default:
        return Sw(apdu::kSwReferencedDataNotFound);
    }
  }
  return Data(std::move(response));
}

}  // namespace jpki::sim::jpki_applet
