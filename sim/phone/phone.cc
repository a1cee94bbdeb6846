#include "sim/phone/phone.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "apdu/cla.h"
#include "apdu/status_words.h"
#include "base/error.h"
#include "base/status_macros.h"
#include "crypto/cmac.h"
#include "sim/jpki_applet/jpki_applet.h"
#include "sim/se/access_rules.h"
#include "sim/se/ara_m.h"

namespace jpki::sim::phone {
namespace {

// A logical channel opened through OMAPI.
class OmapiChannel : public apdu::Transport {
 public:
  OmapiChannel(apdu::Transport& se, uint8_t channel) : se_(se), channel_(channel) {}
  ~OmapiChannel() override {
    se_.Transmit(apdu::CommandApdu{0x00, 0x70, 0x80, channel_, {}, std::nullopt}).IgnoreError();
  }
  absl::StatusOr<apdu::ResponseApdu> Transmit(const apdu::CommandApdu& command) override {
    apdu::CommandApdu on_channel = command;
    JPKI_ASSIGN_OR_RETURN(on_channel.cla, apdu::WithLogicalChannel(command.cla, channel_));
    return se_.Transmit(on_channel);
  }

 private:
  apdu::Transport& se_;
  uint8_t channel_;
};

absl::StatusOr<uint8_t> OpenRawChannel(apdu::Transport& se) {
  JPKI_ASSIGN_OR_RETURN(apdu::ResponseApdu opened, se.Transmit(apdu::CommandApdu{0x00, 0x70, 0x00, 0x00, {}, 1}));
  JPKI_RETURN_IF_ERROR(apdu::StatusFromSw(opened.sw, "sim", "MANAGE CHANNEL"));
  if (opened.data.size() != 1) return MakeError(ErrorCode::kMalformedInput, "sim", "MANAGE CHANNEL: bad response");
  return opened.data[0];
}

}  // namespace

absl::StatusOr<Bytes> BiometricTee::Assert(ByteView challenge, bool finger_matches) const {
  if (!finger_matches) return MakeError(ErrorCode::kState, "sim", "biometric: no match");
  JPKI_ASSIGN_OR_RETURN(crypto::Cmac cmac, crypto::Cmac::Create(key_));
  const uint8_t sensor_class = jpki_applet::kBiometricClass3;
  JPKI_ASSIGN_OR_RETURN(crypto::AesBlock tag, cmac.Mac({challenge, ByteView(&sensor_class, 1)}));
  return Bytes(tag.begin(), tag.end());
}

Phone::Phone(std::string model, std::unique_ptr<se::SecureElement> se, SecretBytes biometric_key)
    : model_(std::move(model)), se_(std::move(se)), tee_(std::move(biometric_key)) {}

Phone::~Phone() = default;

absl::StatusOr<std::unique_ptr<apdu::Transport>> Phone::OpenChannel(const App& app, ByteView aid) {
  // The access-control enforcer reads the rules on a channel of its own.
  std::vector<se::AccessRule> rules;
  {
    JPKI_ASSIGN_OR_RETURN(uint8_t channel, OpenRawChannel(*se_));
    OmapiChannel ara(*se_, channel);
    const ByteView ara_aid(se::kAraMAid, sizeof(se::kAraMAid));
    JPKI_ASSIGN_OR_RETURN(apdu::ResponseApdu selected,
                          ara.Transmit(apdu::CommandApdu{0x00, 0xA4, 0x04, 0x00, ToBytes(ara_aid), std::nullopt}));
    JPKI_RETURN_IF_ERROR(apdu::StatusFromSw(selected.sw, "sim", "SELECT ARA-M"));
    JPKI_ASSIGN_OR_RETURN(apdu::ResponseApdu all, ara.Transmit(apdu::CommandApdu{0x80, 0xCA, 0xFF, 0x40, {}, 256}));
    JPKI_RETURN_IF_ERROR(apdu::StatusFromSw(all.sw, "sim", "GET DATA [All]"));
    JPKI_ASSIGN_OR_RETURN(rules, se::ParseAllRules(all.data));
  }
  if (se::Decide(rules, aid, app.certificate_hash) != se::AccessDecision::kAllowed) {
    return MakeError(ErrorCode::kPolicyViolation, "sim",
                     absl::StrCat("OMAPI: access denied to ", HexEncode(aid), " for ", app.package,
                                  " (no ARA-M rule allows its certificate hash)"));
  }
  JPKI_ASSIGN_OR_RETURN(uint8_t channel, OpenRawChannel(*se_));
  return std::unique_ptr<apdu::Transport>(std::make_unique<OmapiChannel>(*se_, channel));
}

}  // namespace jpki::sim::phone
