#ifndef JPKICORE_TESTS_APDU_GP_SCP03_VECTORS_H_
#define JPKICORE_TESTS_APDU_GP_SCP03_VECTORS_H_

// Loads every public SCP03 transcript in tests/data/gp-scp03 into one normalised form.

#include <optional>
#include <string>
#include <vector>

#include "base/bytes.h"

namespace jpki::apdu::gp::testing {

struct VectorStep {
  std::string cmd_plain, cmd_wrapped;
  std::optional<std::string> rsp_wrapped, rsp_plain;
  uint16_t sw = 0x9000;
};

struct VectorSession {
  std::string id;
  std::string enc, mac, dek;
  std::string host_challenge;
  uint8_t level = 0;
  std::string iu_cmd, iu_rsp_data;  // response data without SW
  std::string ea_cmd;
  std::vector<VectorStep> steps;
  // Optional expectations.
  std::optional<std::string> s_enc, s_mac, s_rmac, host_cryptogram;
  std::optional<std::string> sd_aid;  // when the pseudo-random challenge can be recomputed
};

// LoadAllSessions reads gp-scp03 (15), gp-scp03-pysim (9) and gp-scp03-kaoh-globalplatform (5) sessions.
std::vector<VectorSession> LoadAllSessions();

Bytes Hex(const std::string& hex);
std::string Lower(std::string s);

}  // namespace jpki::apdu::gp::testing

#endif  // JPKICORE_TESTS_APDU_GP_SCP03_VECTORS_H_
