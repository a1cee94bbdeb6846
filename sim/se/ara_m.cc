#include "sim/se/ara_m.h"

#include <algorithm>
#include <utility>

#include "apdu/status_words.h"

namespace jpki::sim::se {

apdu::ResponseApdu AraM::Select(const CommandContext&) { return apdu::ResponseApdu{{}, apdu::kSwSuccess}; }

apdu::ResponseApdu AraM::Process(const apdu::CommandApdu& command, const CommandContext&) {
  if ((command.cla & 0x80) == 0 || command.ins != 0xCA) return apdu::ResponseApdu{{}, apdu::kSwInsNotSupported};
  if (command.p1 != 0xFF || command.p2 != 0x40) return apdu::ResponseApdu{{}, apdu::kSwReferencedDataNotFound};
  auto encoded = EncodeAllRules(rules_);
  if (!encoded.ok()) return apdu::ResponseApdu{{}, apdu::kSwNoPreciseDiagnosis};
  return apdu::ResponseApdu{std::move(*encoded), apdu::kSwSuccess};
}

apdu::ResponseApdu AraM::Personalize(const apdu::CommandApdu& store_data, const CommandContext& context) {
  // Rules change only inside a secure channel with command encryption (C-MAC + C-DECRYPTION at least).
  if ((context.security_level & 0x03) != 0x03) return apdu::ResponseApdu{{}, apdu::kSwSecurityStatusNotSatisfied};
  auto rule = ParseStoreCommand(store_data.data);
  if (!rule.ok()) return apdu::ResponseApdu{{}, apdu::kSwWrongData};
  // A rule for the same AID and app replaces the old one.
  rules_.erase(std::remove_if(
                   rules_.begin(), rules_.end(),
                   [&](const AccessRule& r) { return Equal(r.aid, rule->aid) && Equal(r.cert_hash, rule->cert_hash); }),
               rules_.end());
  rules_.push_back(std::move(*rule));
  return apdu::ResponseApdu{{}, apdu::kSwSuccess};
}

}  // namespace jpki::sim::se
