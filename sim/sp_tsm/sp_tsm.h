#ifndef JPKICORE_SIM_SP_TSM_SP_TSM_H_
#define JPKICORE_SIM_SP_TSM_SP_TSM_H_

// The SP-TSM (Service Provider TSM, for J-LIS): through its own security domain over SCP03 it loads and installs
// the JPKI applet, personalises it (INSTALL [for personalization] + STORE DATA), has the applet generate its two
// key pairs (only the public keys come back, R-MACed), and later writes the issued certificates.

#include <string>

#include "absl/status/statusor.h"
#include "apdu/gp/scp03_types.h"
#include "apdu/transport.h"
#include "base/bytes.h"
#include "crypto/random.h"
#include "sim/transcript/transcript.h"
#include "x509/certificate.h"

namespace jpki::sim::sp_tsm {

inline constexpr uint8_t kJpkiPackageAid[] = {0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00};

struct GeneratedKeys {
  Bytes authentication_spki;
  Bytes signing_spki;
};

class SpTsm {
 public:
  SpTsm(ByteView ssd_aid, apdu::gp::Scp03Keys sp_keys, crypto::RandomSource& rng, Transcript& transcript)
      : ssd_aid_(ToBytes(ssd_aid)), sp_keys_(std::move(sp_keys)), rng_(rng), transcript_(transcript) {}

  // InstallApplet loads and installs the JPKI applet, sets the holder's PIN and password and generates the keys.
  // `se` is the wire towards the SE (the OTA path, or anything stacked on it).
  absl::StatusOr<GeneratedKeys> InstallApplet(apdu::Transport& se, std::string_view auth_pin,
                                              std::string_view signing_password);
  // WriteCertificates writes the four certificate EFs.
  absl::Status WriteCertificates(apdu::Transport& se, const x509::Certificate& signing,
                                 const x509::Certificate& signing_ca, const x509::Certificate& authentication,
                                 const x509::Certificate& authentication_ca);

 private:
  Bytes ssd_aid_;
  apdu::gp::Scp03Keys sp_keys_;
  crypto::RandomSource& rng_;
  Transcript& transcript_;
};

}  // namespace jpki::sim::sp_tsm

#endif  // JPKICORE_SIM_SP_TSM_SP_TSM_H_
