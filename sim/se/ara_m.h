#ifndef JPKICORE_SIM_SE_ARA_M_H_
#define JPKICORE_SIM_SE_ARA_M_H_

// The Access Rule Application Master (GP SEAC): the applet on the SE that holds the access rules and answers
// GET DATA [All] (80 CA FF 40 00) to the phone's access-control enforcer. Rules are added by STORE DATA
// (Command-Store-REF-AR-DO F0) forwarded by its security domain within a secure channel.

#include <vector>

#include "sim/se/access_rules.h"
#include "sim/se/applet.h"

namespace jpki::sim::se {

// AID of the ARA-M (GP SEAC v1.1).
inline constexpr uint8_t kAraMAid[] = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x41, 0x43, 0x4C, 0x00};

class AraM : public Applet {
 public:
  apdu::ResponseApdu Select(const CommandContext& context) override;
  void Deselect() override {}
  apdu::ResponseApdu Process(const apdu::CommandApdu& command, const CommandContext& context) override;
  apdu::ResponseApdu Personalize(const apdu::CommandApdu& store_data, const CommandContext& context) override;

  const std::vector<AccessRule>& rules() const { return rules_; }

 private:
  std::vector<AccessRule> rules_;
};

}  // namespace jpki::sim::se

#endif  // JPKICORE_SIM_SE_ARA_M_H_
