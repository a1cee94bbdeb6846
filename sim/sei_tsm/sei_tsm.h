#ifndef JPKICORE_SIM_SEI_TSM_SEI_TSM_H_
#define JPKICORE_SIM_SEI_TSM_SEI_TSM_H_

// The SEI-TSM (Secure Element Issuer TSM): holds the ISD keys; over SCP03 it creates the service provider's
// supplementary security domain, hands the SP's keys to it (PUT KEY under the ISD's DEK), and stores the access
// rule that allow-lists the SP's app in the ARA-M.

#include "absl/status/status.h"
#include "apdu/gp/scp03_types.h"
#include "apdu/transport.h"
#include "base/bytes.h"
#include "crypto/random.h"
#include "sim/se/access_rules.h"
#include "sim/transcript/transcript.h"

namespace jpki::sim::sei_tsm {

// The GP security-domain package every SE carries (the AIDs GlobalPlatformPro uses).
inline constexpr uint8_t kSdPackageAid[] = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x53, 0x50};
inline constexpr uint8_t kSdModuleAid[] = {0xA0, 0x00, 0x00, 0x01, 0x51, 0x53, 0x50, 0x41};

class SeiTsm {
 public:
  SeiTsm(ByteView isd_aid, apdu::gp::Scp03Keys isd_keys, crypto::RandomSource& rng, Transcript& transcript)
      : isd_aid_(ToBytes(isd_aid)), isd_keys_(std::move(isd_keys)), rng_(rng), transcript_(transcript) {}

  // CreateServiceProviderDomain installs the SSD `ssd_aid` (Security Domain + Authorized Management), puts the SP's
  // key set in it, and stores `rule` in the ARA-M, all in one SCP03 session at C-MAC/C-DEC/R-MAC/R-ENC.
  absl::Status CreateServiceProviderDomain(apdu::Transport& se, ByteView ssd_aid, const apdu::gp::Scp03Keys& sp_keys,
                                           const se::AccessRule& rule);

 private:
  Bytes isd_aid_;
  apdu::gp::Scp03Keys isd_keys_;
  crypto::RandomSource& rng_;
  Transcript& transcript_;
};

}  // namespace jpki::sim::sei_tsm

#endif  // JPKICORE_SIM_SEI_TSM_SEI_TSM_H_
