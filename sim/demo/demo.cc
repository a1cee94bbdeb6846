#include "sim/demo/demo.h"

#include <chrono>
#include <ctime>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "apdu/ber_tlv.h"
#include "apdu/jpki/jpki_applet.h"
#include "apdu/jpki/jpki_commands.h"
#include "apdu/jpki/jpki_files.h"
#include "apdu/jpki/token_info.h"
#include "apdu/status_words.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/emsa_pkcs1.h"
#include "crypto/hash.h"
#include "crypto/random.h"
#include "sim/clock/clock.h"
#include "sim/jpki_applet/card.h"
#include "sim/jpki_applet/jpki_applet.h"
#include "sim/jpki_ca/jpki_ca.h"
#include "sim/phone/phone.h"
#include "sim/se/ara_m.h"
#include "sim/se/secure_element.h"
#include "sim/sei_tsm/sei_tsm.h"
#include "sim/sp_tsm/sp_tsm.h"
#include "sim/transcript/tracing_transport.h"
#include "sim/verifier/verifier.h"

namespace jpki::sim::demo {
namespace {

namespace ap = apdu::jpki_ap;
using apdu::CommandApdu;

constexpr int64_t kSeededStart = 1775001600;  // 2026-04-01T00:00:00Z: a fixed start makes --seed runs identical
constexpr char kAuthPin[] = "1234";
constexpr char kSigningPassword[] = "MYNA2026";
constexpr char kScreenLock[] = "pixel-2580";
constexpr uint8_t kSsdAid[] = {0xA0, 0x00, 0x00, 0x09, 0x99, 0x4A, 0x50, 0x4B, 0x49, 0x53, 0x50};  // "JPKISP"

absl::Status Fail(std::string message) { return MakeError(ErrorCode::kState, "demo", message); }

Bytes DigestInfoOf(ByteView message) {
  auto digest = crypto::Hash(crypto::HashAlgorithm::kSha256, message);
  return *crypto::EncodeDigestInfo(crypto::HashAlgorithm::kSha256, *digest);
}

std::string Fingerprint(ByteView der) {
  auto digest = crypto::Hash(crypto::HashAlgorithm::kSha256, der);
  return digest.ok() ? HexEncode(ByteView(*digest).subspan(0, 8)) : "?";
}

// Tamper flips a bit in the data of the n-th command that passes (a man in the middle on the OTA path).
class Tamper : public apdu::Transport {
 public:
  Tamper(apdu::Transport& lower, int target) : lower_(lower), target_(target) {}
  absl::StatusOr<apdu::ResponseApdu> Transmit(const CommandApdu& command) override {
    CommandApdu copy = command;
    if (count_++ == target_ && !copy.data.empty()) copy.data[copy.data.size() / 2] ^= 0x01;
    return lower_.Transmit(copy);
  }

 private:
  apdu::Transport& lower_;
  int target_;
  int count_ = 0;
};

struct PhoneCredentials {
  std::unique_ptr<phone::Phone> phone;
  x509::Certificate signing;
  x509::Certificate authentication;
};

class DemoRun {
 public:
  DemoRun(const DemoOptions& options, Transcript& transcript)
      : options_(options),
        transcript_(transcript),
        rng_(crypto::NewDeterministicRandom(options.seed.value_or(0))),
        clock_(options.seed.has_value() ? kSeededStart : static_cast<int64_t>(std::time(nullptr))) {
    if (!options.seed.has_value()) {
      // Without --seed: a fresh seed from the system source.
      uint8_t seed[8];
      if (crypto::RandomBytes(absl::MakeSpan(seed)).ok()) {
        uint64_t value = 0;
        for (uint8_t b : seed) value = value << 8 | b;
        rng_ = crypto::NewDeterministicRandom(value);
      }
    }
  }

  absl::Status Step1();
  absl::Status Step2();
  absl::Status Step3();
  absl::Status Step4();
  absl::Status Step5();
  absl::Status Step6();
  absl::Status Step7();

 private:
  void Line(std::string line) { transcript_.Line(std::move(line)); }
  absl::StatusOr<std::unique_ptr<phone::Phone>> ManufacturePhone(const std::string& model);
  absl::Status ProvisionPhone(phone::Phone& phone, bool first);
  absl::StatusOr<PhoneCredentials> Issue(std::unique_ptr<phone::Phone> phone);
  absl::Status RefreshCrls();
  absl::StatusOr<verifier::Verdict> Login(phone::Phone& phone, const phone::App& app, bool biometric,
                                          bool give_primary);
  absl::StatusOr<verifier::Verdict> SignDocument(apdu::Transport& transport, ByteView document, bool show_refusal);
  apdu::gp::Scp03Keys RandomKeys(uint8_t kvn);

  const DemoOptions& options_;
  Transcript& transcript_;
  std::unique_ptr<crypto::RandomSource> rng_;
  ManualClock clock_;
  std::unique_ptr<ca::JpkiCa> ca_;
  ca::HolderIdentity holder_;
  std::unique_ptr<jpki_applet::MyNumberCard> card_;
  std::optional<x509::Certificate> card_signing_;
  std::unique_ptr<verifier::Verifier> verifier_;
  std::unique_ptr<phone::Phone> pending_phone_;
  std::optional<PhoneCredentials> old_phone_;
  std::optional<PhoneCredentials> new_phone_;
  phone::App mynaportal_;
  phone::App unlisted_;
  std::optional<apdu::gp::Scp03Keys> isd_keys_;
  std::optional<apdu::gp::Scp03Keys> sp_keys_;
  sp_tsm::GeneratedKeys generated_;
};

apdu::gp::Scp03Keys DemoRun::RandomKeys(uint8_t kvn) {
  SecretBytes enc(16), mac(16), dek(16);
  rng_->Fill(absl::MakeSpan(enc.data(), 16)).IgnoreError();
  rng_->Fill(absl::MakeSpan(mac.data(), 16)).IgnoreError();
  rng_->Fill(absl::MakeSpan(dek.data(), 16)).IgnoreError();
  return *apdu::gp::Scp03Keys::Create(kvn, std::move(enc), std::move(mac), std::move(dek));
}

absl::Status DemoRun::RefreshCrls() {
  JPKI_ASSIGN_OR_RETURN(auto crls, ca_->PublishCrls());
  verifier_->SetCrls(std::move(crls));
  return absl::OkStatus();
}

// Step 1: the CA and the holder's My Number Card (personalised at the municipal office, then closed).
absl::Status DemoRun::Step1() {
  JPKI_ASSIGN_OR_RETURN(ca_, ca::JpkiCa::Create(clock_, *rng_));
  for (const auto& root : ca_->roots()) Line(absl::StrCat("CA root:    ", root.subject().ToString()));
  for (const auto& ica : ca_->intermediates()) Line(absl::StrCat("CA issuing: ", ica.subject().ToString()));
  holder_ = ca::HolderIdentity{"公的 花子", "2", "419900102", "東京都千代田区永田町一丁目1番1号"};
  card_ = std::make_unique<jpki_applet::MyNumberCard>(clock_, *rng_);
  apdu::Transport& card = *card_;
  JPKI_RETURN_IF_ERROR(card.Transmit(ap::SelectJpkiAp()).status());
  auto store = [&](Bytes payload, bool response) -> absl::StatusOr<Bytes> {
    CommandApdu command{0x80, 0xE2, 0x90, 0x00, std::move(payload), std::nullopt};
    if (response) command.ne = 65536;
    JPKI_ASSIGN_OR_RETURN(apdu::ResponseApdu r, card.Transmit(command));
    JPKI_RETURN_IF_ERROR(apdu::StatusFromSw(r.sw, "demo", "card personalisation"));
    return r.data;
  };
  JPKI_ASSIGN_OR_RETURN(Bytes pins, apdu::EncodeTlv(jpki_applet::kTagAuthPin, AsBytes(kAuthPin)));
  JPKI_ASSIGN_OR_RETURN(Bytes password, apdu::EncodeTlv(jpki_applet::kTagSigningPassword, AsBytes(kSigningPassword)));
  Append(pins, password);
  JPKI_RETURN_IF_ERROR(store(pins, false).status());
  JPKI_ASSIGN_OR_RETURN(Bytes gen_auth, apdu::EncodeTlv(jpki_applet::kTagGenerateKey, Bytes{0x00, 0x17}));
  JPKI_ASSIGN_OR_RETURN(Bytes auth_spki, store(gen_auth, true));
  JPKI_ASSIGN_OR_RETURN(Bytes gen_sign, apdu::EncodeTlv(jpki_applet::kTagGenerateKey, Bytes{0x00, 0x1A}));
  JPKI_ASSIGN_OR_RETURN(Bytes sign_spki, store(gen_sign, true));
  JPKI_ASSIGN_OR_RETURN(x509::Certificate signing, ca_->IssueSigning(sign_spki, holder_, ca::Medium::kCard));
  JPKI_ASSIGN_OR_RETURN(x509::Certificate auth, ca_->IssueAuthentication(auth_spki, ca::Medium::kCard));
  for (auto [fid, der] :
       {std::pair<uint16_t, ByteView>{ap::kEfSigningCertificate, signing.der()},
        {ap::kEfSigningCaCertificate, ca_->issuing_certificate(ca::Hierarchy::kSigning).der()},
        {ap::kEfAuthenticationCertificate, auth.der()},
        {ap::kEfAuthenticationCaCertificate, ca_->issuing_certificate(ca::Hierarchy::kAuthentication).der()}}) {
    for (size_t offset = 0; offset < der.size(); offset += 200) {
      Bytes value{static_cast<uint8_t>(fid >> 8), static_cast<uint8_t>(fid), static_cast<uint8_t>(offset >> 8),
                  static_cast<uint8_t>(offset)};
      Append(value, der.subspan(offset, std::min<size_t>(200, der.size() - offset)));
      JPKI_ASSIGN_OR_RETURN(Bytes tlv, apdu::EncodeTlv(jpki_applet::kTagWriteEf, value));
      JPKI_RETURN_IF_ERROR(store(tlv, false).status());
    }
  }
  JPKI_ASSIGN_OR_RETURN(Bytes close, apdu::EncodeTlv(jpki_applet::kTagClosePersonalization, {}));
  JPKI_RETURN_IF_ERROR(store(close, false).status());
  card_signing_ = signing;
  ap::JpkiApplet client(card);
  JPKI_ASSIGN_OR_RETURN(ap::TokenKind kind, client.GetTokenKind());
  if (kind != ap::TokenKind::kCard) return Fail("the card does not present the JPKIAPICCTOKEN2 label");
  Line(absl::StrCat("My Number Card issued to ", holder_.name, ": token ", std::string(ap::TokenKindName(kind)),
                    " (JPKIAPICCTOKEN2), keys generated on the card"));
  Line(absl::StrCat("card signing certificate serial ", HexEncode(signing.serial()), ", authentication serial ",
                    HexEncode(auth.serial())));
  JPKI_ASSIGN_OR_RETURN(
      verifier_, verifier::Verifier::Create(ca_->roots(), ca_->intermediates(), ca::kSmartphoneAuthProfileRow, clock_));
  JPKI_RETURN_IF_ERROR(RefreshCrls());
  mynaportal_ = phone::App{"jp.go.digital.mynaportal",
                           *crypto::Hash(crypto::HashAlgorithm::kSha256, AsBytes("Mynaportal signing cert"))};
  unlisted_ = phone::App{"com.example.unlisted",
                         *crypto::Hash(crypto::HashAlgorithm::kSha256, AsBytes("unlisted app signing cert"))};
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<phone::Phone>> DemoRun::ManufacturePhone(const std::string& model) {
  se::SecureElementConfig config;
  isd_keys_ = RandomKeys(0x30);
  config.isd_keys = isd_keys_->Clone();
  config.kdd = Bytes(10);
  JPKI_RETURN_IF_ERROR(rng_->Fill(absl::MakeSpan(config.kdd)));
  auto se = std::make_unique<se::SecureElement>(std::move(config), *rng_);
  JPKI_RETURN_IF_ERROR(se->PreLoad(sei_tsm::kSdPackageAid, sei_tsm::kSdModuleAid, nullptr));
  JPKI_RETURN_IF_ERROR(se->PreInstall(Bytes{0xA0, 0x00, 0x00, 0x01, 0x51, 0x41, 0x43},
                                      ByteView(se::kAraMAid, sizeof(se::kAraMAid)),
                                      ByteView(se::kAraMAid, sizeof(se::kAraMAid)), std::make_unique<se::AraM>()));
  // The JPKI applet's code is in the SE's catalogue; LOAD brings the package into the registry.
  se->RegisterPackage(sp_tsm::kJpkiPackageAid, ap::kJpkiAid,
                      [this](ByteView) -> absl::StatusOr<std::unique_ptr<se::Applet>> {
                        return std::unique_ptr<se::Applet>(std::make_unique<jpki_applet::JpkiApplet>(
                            jpki_applet::JpkiAppletOptions{jpki_applet::Medium::kSmartphone, 2048}, clock_, *rng_));
                      });
  SecretBytes bio(16);
  JPKI_RETURN_IF_ERROR(rng_->Fill(absl::MakeSpan(bio.data(), bio.size())));
  Line(absl::StrCat("phone ", model, ": GP-SE manufactured, ISD ", HexEncode(se->registry().isd().aid),
                    " with an AES-128 SCP03 key set (KVN 30), card life cycle SECURED"));
  return std::make_unique<phone::Phone>(model, std::move(se), std::move(bio));
}

absl::Status DemoRun::ProvisionPhone(phone::Phone& phone, bool first) {
  // SEI-TSM: SP domain + the app whitelist.
  apdu::gp::Scp03Keys sei_keys = isd_keys_->Clone();
  if (first && options_.fault == Fault::kWrongScp03Key) {
    sei_keys = RandomKeys(0x30);  // not the key set the SE was personalised with
    Line("fault injected: the SEI-TSM uses a wrong ISD key set");
  }
  sei_tsm::SeiTsm sei(phone.se().registry().isd().aid, std::move(sei_keys), *rng_, transcript_);
  sp_keys_ = RandomKeys(0x01);
  TracingTransport ota(phone.ota(), transcript_, "OTA");
  JPKI_RETURN_IF_ERROR(sei.CreateServiceProviderDomain(
      phone.ota(), kSsdAid, *sp_keys_, se::AccessRule{ToBytes(ap::kJpkiAid), mynaportal_.certificate_hash, true}));
  const se::RegistryEntry* ssd = phone.se().registry().Find(kSsdAid);
  if (ssd == nullptr || ssd->kind != se::EntryKind::kSecurityDomain) return Fail("SP security domain missing");
  Line(absl::StrCat("SP security domain ", HexEncode(kSsdAid), " created and personalised with the SP's keys"));
  transcript_.Fact("scp03_security_level", "33");
  transcript_.Fact("sp_security_domain", HexEncode(kSsdAid));
  return absl::OkStatus();
}

absl::Status DemoRun::Step2() {
  JPKI_ASSIGN_OR_RETURN(pending_phone_, ManufacturePhone("Pixel (old)"));
  return ProvisionPhone(*pending_phone_, true);
}

absl::Status DemoRun::Step3() {
  sp_tsm::SpTsm sp(kSsdAid, sp_keys_->Clone(), *rng_, transcript_);
  std::unique_ptr<Tamper> tamper;
  apdu::Transport* path = &pending_phone_->ota();
  if (options_.fault == Fault::kTamperedApdu) {
    tamper = std::make_unique<Tamper>(*path, 3);  // SELECT, INITIALIZE UPDATE, EXTERNAL AUTHENTICATE, then this
    path = tamper.get();
    Line("fault injected: a bit of the SP-TSM's first wrapped command is flipped on the way");
  }
  JPKI_ASSIGN_OR_RETURN(generated_, sp.InstallApplet(*path, kAuthPin, kSigningPassword));
  JPKI_ASSIGN_OR_RETURN(auto auth_key, crypto::RsaPublicKey::ParseSpkiDer(generated_.authentication_spki));
  JPKI_ASSIGN_OR_RETURN(auto sign_key, crypto::RsaPublicKey::ParseSpkiDer(generated_.signing_spki));
  Line(absl::StrCat("key pairs generated on the SE (RSA-", auth_key.modulus_bits(), "/", sign_key.modulus_bits(),
                    "): authentication SPKI sha256 ", Fingerprint(generated_.authentication_spki),
                    ".., signing SPKI sha256 ", Fingerprint(generated_.signing_spki),
                    "..; only public keys left the SE"));
  transcript_.Fact("authentication_spki_sha256_prefix", Fingerprint(generated_.authentication_spki));
  transcript_.Fact("signing_spki_sha256_prefix", Fingerprint(generated_.signing_spki));
  return absl::OkStatus();
}

// Issuance: the card proves the holder, the CA issues the phone's certificates, the SP-TSM writes them.
absl::StatusOr<PhoneCredentials> DemoRun::Issue(std::unique_ptr<phone::Phone> phone) {
  JPKI_ASSIGN_OR_RETURN(Bytes challenge, verifier_->NewChallenge(*rng_));
  TracingTransport card_trace(*card_, transcript_, "card (NFC)");
  ap::JpkiApplet card(card_trace);
  JPKI_ASSIGN_OR_RETURN(ap::PinStatus pin, card.VerifyPin(ap::PinKind::kAuthentication, kAuthPin));
  if (!pin.verified) return Fail("the card refused the holder's PIN");
  JPKI_ASSIGN_OR_RETURN(Bytes card_signature, card.Sign(ap::PinKind::kAuthentication, DigestInfoOf(challenge)));
  JPKI_ASSIGN_OR_RETURN(Bytes card_auth, card.ReadCertificate(ap::CertificateKind::kAuthentication));
  const verifier::Verdict proof = verifier_->VerifyLogin(challenge, card_signature, card_auth);
  if (!proof.ok) return Fail(absl::StrCat("the card's proof of the holder was rejected: ", proof.code));
  Line(absl::StrCat("card proves the holder: challenge signed by its authentication key, CA validated it (",
                    proof.classification.Summary(), ")"));
  JPKI_ASSIGN_OR_RETURN(x509::Certificate signing,
                        ca_->IssueSigning(generated_.signing_spki, holder_, ca::Medium::kSmartphone));
  JPKI_ASSIGN_OR_RETURN(x509::Certificate authentication,
                        ca_->IssueAuthentication(generated_.authentication_spki, ca::Medium::kSmartphone));
  Line(absl::StrCat("CA issued smartphone signing certificate ", HexEncode(signing.serial()),
                    " and authentication certificate ", HexEncode(authentication.serial())));
  sp_tsm::SpTsm sp(kSsdAid, sp_keys_->Clone(), *rng_, transcript_);
  JPKI_RETURN_IF_ERROR(sp.WriteCertificates(phone->ota(), signing, ca_->issuing_certificate(ca::Hierarchy::kSigning),
                                            authentication, ca_->issuing_certificate(ca::Hierarchy::kAuthentication)));
  Line("SP-TSM wrote the four certificate EFs to the applet");
  return PhoneCredentials{std::move(phone), std::move(signing), std::move(authentication)};
}

absl::Status DemoRun::Step4() {
  JPKI_ASSIGN_OR_RETURN(auto issued, Issue(std::move(pending_phone_)));
  old_phone_ = std::move(issued);
  if (options_.fault == Fault::kRevokedCertificate) {
    JPKI_RETURN_IF_ERROR(ca_->Revoke(old_phone_->authentication, x509::RevocationReason::kKeyCompromise));
    Line("fault injected: the phone's authentication certificate is revoked right after issuance");
  }
  return RefreshCrls();
}

absl::StatusOr<verifier::Verdict> DemoRun::Login(phone::Phone& phone, const phone::App& app, bool biometric,
                                                 bool give_primary) {
  JPKI_ASSIGN_OR_RETURN(auto channel, phone.OpenChannel(app, ap::kJpkiAid));
  TracingTransport traced(*channel, transcript_, app.package);
  ap::JpkiApplet client(traced);
  JPKI_RETURN_IF_ERROR(client.Select());
  JPKI_ASSIGN_OR_RETURN(Bytes challenge, verifier_->NewChallenge(*rng_));
  if (!biometric) {
    JPKI_ASSIGN_OR_RETURN(ap::TokenKind kind, client.GetTokenKind());
    Line(absl::StrCat(app.package, ": token ", std::string(ap::TokenKindName(kind))));
    const int wrong_tries = options_.fault == Fault::kBlockedPin ? 3 : 1;
    for (int i = 0; i < wrong_tries; ++i) {
      JPKI_ASSIGN_OR_RETURN(ap::PinStatus wrong, client.VerifyPin(ap::PinKind::kAuthentication, "1111"));
      const uint16_t sw = static_cast<uint16_t>(0x63C0 | (wrong.tries_left & 0x0F));
      Line(absl::StrCat("holder types a wrong PIN: VERIFY -> ", apdu::DescribeStatusWord(sw)));
      if (i == 0) transcript_.Fact("wrong_pin_sw", absl::StrFormat("%04X", sw));
      if (wrong.verified) return Fail("a wrong PIN was accepted");
    }
    JPKI_ASSIGN_OR_RETURN(ap::PinStatus right, client.VerifyPin(ap::PinKind::kAuthentication, kAuthPin));
    if (!right.verified) {
      return Fail(absl::StrCat("the right PIN was refused: ", right.blocked ? "PIN blocked (6983)" : "wrong PIN"));
    }
    Line("holder types the PIN: VERIFY -> 9000 success");
  } else {
    if (give_primary) {
      JPKI_ASSIGN_OR_RETURN(auto r, traced.Transmit(CommandApdu{0x00, 0x20, 0x00, jpki_applet::kP2ScreenLock,
                                                                ToBytes(AsBytes(kScreenLock)), std::nullopt}));
      Line(absl::StrCat("holder unlocks the phone (primary credential): VERIFY -> ", apdu::DescribeStatusWord(r.sw)));
    }
    JPKI_ASSIGN_OR_RETURN(auto nonce, traced.Transmit(CommandApdu{0x00, 0x84, 0x00, 0x00, {}, 16}));
    JPKI_RETURN_IF_ERROR(apdu::StatusFromSw(nonce.sw, "demo", "GET CHALLENGE"));
    JPKI_ASSIGN_OR_RETURN(Bytes assertion, phone.tee().Assert(nonce.data, true));
    JPKI_ASSIGN_OR_RETURN(
        auto r, traced.Transmit(CommandApdu{0x00, 0x20, 0x00, jpki_applet::kP2Biometric, assertion, std::nullopt}));
    Line(absl::StrCat("Class 3 fingerprint match sent to the applet: VERIFY -> ", apdu::DescribeStatusWord(r.sw)));
    if (!r.ok()) {
      verifier::Verdict refused;
      refused.code = r.sw == apdu::kSwConditionsNotSatisfied ? "primary_credential_required" : "biometric_refused";
      return refused;
    }
  }
  JPKI_ASSIGN_OR_RETURN(Bytes signature, client.Sign(ap::PinKind::kAuthentication, DigestInfoOf(challenge)));
  JPKI_ASSIGN_OR_RETURN(Bytes certificate, client.ReadCertificate(ap::CertificateKind::kAuthentication));
  return verifier_->VerifyLogin(challenge, signature, certificate);
}

absl::Status DemoRun::Step5() {
  phone::Phone& phone = *old_phone_->phone;
  JPKI_ASSIGN_OR_RETURN(verifier::Verdict first, Login(phone, mynaportal_, false, false));
  if (!first.ok) return Fail(absl::StrCat("login rejected: ", first.code, ": ", first.detail));
  Line(absl::StrCat("verifier: login ok, ", first.classification.Summary(), " (", first.detail, ")"));
  if (first.classification.medium != x509::JpkiMedium::kSmartphone) return Fail("login not reported as smartphone");
  transcript_.Fact("pin_login", std::string(x509::JpkiMediumName(first.classification.medium)));
  // Turn on the biometric alternative: PIN, then the screen-lock credential and the TEE binding.
  {
    JPKI_ASSIGN_OR_RETURN(auto channel, phone.OpenChannel(mynaportal_, ap::kJpkiAid));
    ap::JpkiApplet client(*channel);
    JPKI_RETURN_IF_ERROR(client.Select());
    JPKI_ASSIGN_OR_RETURN(ap::PinStatus pin, client.VerifyPin(ap::PinKind::kAuthentication, kAuthPin));
    if (!pin.verified) return Fail("PIN refused while enrolling biometrics");
    for (auto [p2, data] : {std::pair<uint8_t, Bytes>{jpki_applet::kP2ScreenLock, ToBytes(AsBytes(kScreenLock))},
                            {jpki_applet::kP2Biometric, ToBytes(phone.tee().binding_key().view())}}) {
      JPKI_ASSIGN_OR_RETURN(auto r, channel->Transmit(CommandApdu{0x00, 0xDA, 0x01, p2, data, std::nullopt}));
      JPKI_RETURN_IF_ERROR(apdu::StatusFromSw(r.sw, "demo", "biometric enrolment"));
    }
    Line("biometric alternative enrolled (screen lock as primary, Class 3 fingerprint as secondary)");
  }
  JPKI_ASSIGN_OR_RETURN(verifier::Verdict second, Login(phone, mynaportal_, true, true));
  if (!second.ok) return Fail(absl::StrCat("biometric login rejected: ", second.code));
  Line(absl::StrCat("verifier: biometric login ok, ", second.classification.Summary()));
  transcript_.Fact("biometric_login", "ok");
  clock_.AdvanceSeconds(73 * kSecondsPerHour);
  JPKI_RETURN_IF_ERROR(RefreshCrls());
  Line("73 hours later (the CA has published fresh CRLs meanwhile)");
  JPKI_ASSIGN_OR_RETURN(verifier::Verdict stale, Login(phone, mynaportal_, true, false));
  if (stale.ok) return Fail("a biometric login 73 hours after the primary credential was accepted");
  Line(absl::StrCat("biometric login refused: ", stale.code, " (primary older than 72 hours)"));
  transcript_.Fact("biometric_login_after_73_hours", stale.code);
  JPKI_ASSIGN_OR_RETURN(verifier::Verdict again, Login(phone, mynaportal_, true, true));
  if (!again.ok) return Fail(absl::StrCat("login after the primary credential rejected: ", again.code));
  Line(absl::StrCat("with the primary credential given again: login ok, ", again.classification.Summary()));
  auto rogue = phone.OpenChannel(unlisted_, ap::kJpkiAid);
  if (rogue.ok()) return Fail("an app that is not allow-listed reached the JPKI applet");
  Line(absl::StrCat("app ", unlisted_.package, " refused: ", std::string(rogue.status().message())));
  transcript_.Fact("unlisted_app", "denied");
  return absl::OkStatus();
}

absl::StatusOr<verifier::Verdict> DemoRun::SignDocument(apdu::Transport& transport, ByteView document,
                                                        bool show_refusal) {
  TracingTransport traced(transport, transcript_, "signing app");
  ap::JpkiApplet client(traced);
  JPKI_RETURN_IF_ERROR(client.Select());
  if (show_refusal) {
    auto early = client.ReadCertificate(ap::CertificateKind::kSigning);
    if (early.ok()) return Fail("the signing certificate was readable before the password");
    Line(
        absl::StrCat("signing certificate before the password: refused (", std::string(early.status().message()), ")"));
  }
  JPKI_ASSIGN_OR_RETURN(ap::PinStatus password, client.VerifyPin(ap::PinKind::kSigning, kSigningPassword));
  if (!password.verified) return Fail("the signing password was refused");
  JPKI_ASSIGN_OR_RETURN(Bytes signature, client.Sign(ap::PinKind::kSigning, DigestInfoOf(document)));
  JPKI_ASSIGN_OR_RETURN(Bytes certificate, client.ReadCertificate(ap::CertificateKind::kSigning));
  return verifier_->VerifyDocument(document, signature, certificate);
}

std::string HolderText(const x509::HolderAttributes& holder) {
  return absl::StrCat("name=", holder.name.value_or("?"), " gender=", holder.GenderName(),
                      " birth=", holder.birth_date ? holder.birth_date->Iso() : "?",
                      " address=", holder.address.value_or("?"));
}

absl::Status DemoRun::Step6() {
  if (options_.fault == Fault::kExpiredCrl) {
    clock_.AdvanceSeconds(2 * kSecondsPerDay);
    Line("fault injected: two days pass and the verifier does not fetch new CRLs");
  }
  const Bytes document = ToBytes(AsBytes("申請書: 転入届 (jpkicore demo document)"));
  JPKI_ASSIGN_OR_RETURN(auto channel, old_phone_->phone->OpenChannel(mynaportal_, ap::kJpkiAid));
  JPKI_ASSIGN_OR_RETURN(verifier::Verdict phone, SignDocument(*channel, document, true));
  if (!phone.ok) return Fail(absl::StrCat("document signature rejected: ", phone.code, ": ", phone.detail));
  Line(absl::StrCat("verifier: smartphone signature ok, ", phone.classification.Summary(), ", holder ",
                    HolderText(phone.holder)));
  if (phone.classification.medium != x509::JpkiMedium::kSmartphone) return Fail("not reported as smartphone");
  transcript_.Fact("smartphone_signature", std::string(x509::JpkiMediumName(phone.classification.medium)));
  transcript_.Fact("holder_name", phone.holder.name.value_or(""));
  JPKI_ASSIGN_OR_RETURN(verifier::Verdict card, SignDocument(*card_, document, false));
  if (!card.ok) return Fail(absl::StrCat("card signature rejected: ", card.code));
  Line(absl::StrCat("verifier: card signature ok, ", card.classification.Summary(), ", holder ",
                    HolderText(card.holder)));
  if (card.classification.medium != x509::JpkiMedium::kCard) return Fail("the card not reported as card");
  transcript_.Fact("card_signature", std::string(x509::JpkiMediumName(card.classification.medium)));
  return absl::OkStatus();
}

absl::Status DemoRun::Step7() {
  JPKI_ASSIGN_OR_RETURN(pending_phone_, ManufacturePhone("Pixel (new)"));
  JPKI_RETURN_IF_ERROR(ProvisionPhone(*pending_phone_, false));
  sp_tsm::SpTsm sp(kSsdAid, sp_keys_->Clone(), *rng_, transcript_);
  JPKI_ASSIGN_OR_RETURN(generated_, sp.InstallApplet(pending_phone_->ota(), kAuthPin, kSigningPassword));
  JPKI_ASSIGN_OR_RETURN(auto issued, Issue(std::move(pending_phone_)));
  new_phone_ = std::move(issued);
  JPKI_RETURN_IF_ERROR(ca_->Revoke(old_phone_->signing, x509::RevocationReason::kSuperseded));
  JPKI_RETURN_IF_ERROR(ca_->Revoke(old_phone_->authentication, x509::RevocationReason::kSuperseded));
  JPKI_RETURN_IF_ERROR(RefreshCrls());
  Line(absl::StrCat("old phone's certificates ", HexEncode(old_phone_->signing.serial()), " and ",
                    HexEncode(old_phone_->authentication.serial()), " revoked (superseded); CRLs re-issued"));
  const Bytes document = ToBytes(AsBytes("申請書: 住所変更 (jpkicore demo document 2)"));
  JPKI_ASSIGN_OR_RETURN(auto old_channel, old_phone_->phone->OpenChannel(mynaportal_, ap::kJpkiAid));
  JPKI_ASSIGN_OR_RETURN(verifier::Verdict old_verdict, SignDocument(*old_channel, document, false));
  if (old_verdict.ok || old_verdict.code != "revoked") {
    return Fail(absl::StrCat("the old phone's signature was not rejected as revoked (", old_verdict.code, ")"));
  }
  Line(absl::StrCat("verifier: old phone's signature rejected: ", old_verdict.code));
  transcript_.Fact("old_phone_signature", old_verdict.code);
  JPKI_ASSIGN_OR_RETURN(auto new_channel, new_phone_->phone->OpenChannel(mynaportal_, ap::kJpkiAid));
  JPKI_ASSIGN_OR_RETURN(verifier::Verdict new_verdict, SignDocument(*new_channel, document, false));
  if (!new_verdict.ok) return Fail(absl::StrCat("the new phone's signature was rejected: ", new_verdict.code));
  Line(absl::StrCat("verifier: new phone's signature ok, ", new_verdict.classification.Summary()));
  transcript_.Fact("new_phone_signature", new_verdict.code);
  return absl::OkStatus();
}

}  // namespace

DemoResult RunDemo(const DemoOptions& options) {
  DemoResult result;
  result.transcript = Transcript(options.trace);
  DemoRun run(options, result.transcript);
  const std::vector<std::pair<std::string, std::function<absl::Status()>>> steps = {
      {"JPKI CA set-up; the holder's My Number Card issued", [&] { return run.Step1(); }},
      {"GP-SE manufactured; SEI-TSM opens SCP03 and creates the SP's security domain", [&] { return run.Step2(); }},
      {"SP-TSM installs and personalises the JPKI applet; keys generated on the SE", [&] { return run.Step3(); }},
      {"Issuance: the card proves the holder, the CA issues, the SP-TSM writes", [&] { return run.Step4(); }},
      {"Login: PIN, biometric, the 72-hour rule, access control", [&] { return run.Step5(); }},
      {"Document signature: smartphone and card", [&] { return run.Step6(); }},
      {"Model change: new phone, old certificates revoked", [&] { return run.Step7(); }},
  };
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < steps.size(); ++i) {
    TranscriptStep& step = result.transcript.BeginStep(static_cast<int>(i + 1), steps[i].first);
    const auto step_start = std::chrono::steady_clock::now();
    const absl::Status status = steps[i].second();
    TranscriptStep& done = *result.transcript.current();
    done.millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - step_start).count();
    (void)step;
    if (!status.ok()) {
      done.ok = false;
      done.error = std::string(status.message());
      result.failed_step = static_cast<int>(i + 1);
      result.error = done.error;
      break;
    }
  }
  result.total_millis = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  result.ok = result.failed_step == 0;
  return result;
}

}  // namespace jpki::sim::demo
