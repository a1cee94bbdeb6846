#ifndef JPKICORE_SIM_TSM_SESSION_H_
#define JPKICORE_SIM_TSM_SESSION_H_

// A TSM's SCP03 session with one security domain of a remote SE, as a stack of Transports:
//   plain trace -> Scp03Transport (apdu/gp) -> wire trace -> [fault injector] -> the SE
// plus the helper every TSM step uses: send one command, name it as `jpki apdu decode` does, log the outcome, and
// turn any status word but 9000 into an error naming the command.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "apdu/gp/scp03_transport.h"
#include "apdu/gp/scp03_types.h"
#include "apdu/transport.h"
#include "base/bytes.h"
#include "crypto/random.h"
#include "sim/transcript/tracing_transport.h"
#include "sim/transcript/transcript.h"

namespace jpki::sim::tsm {

class TsmSession {
 public:
  // Open selects `sd_aid` over `se` and authenticates with `keys` at `level`. `role` labels the transcript lines.
  static absl::StatusOr<std::unique_ptr<TsmSession>> Open(apdu::Transport& se, ByteView sd_aid,
                                                          const apdu::gp::Scp03Keys& keys,
                                                          apdu::gp::SecurityLevel level, crypto::RandomSource& rng,
                                                          Transcript& transcript, std::string role);

  // Send transmits `command` inside the session and logs "<role>: <command name> [detail] -> <SW meaning>" (the
  // name as `jpki apdu decode` gives it; repeated identical lines are counted, not repeated).
  absl::StatusOr<apdu::ResponseApdu> Send(const apdu::CommandApdu& command, const std::string& detail = "");
  apdu::gp::SecurityLevel level() { return scp03_->session().level(); }

 private:
  TsmSession(Transcript& transcript, std::string role, std::unique_ptr<TracingTransport> wire)
      : transcript_(transcript), role_(std::move(role)), wire_(std::move(wire)) {}

  Transcript& transcript_;
  std::string role_;
  std::unique_ptr<TracingTransport> wire_;
  std::unique_ptr<apdu::gp::Scp03Transport> scp03_;
  std::unique_ptr<TracingTransport> plain_;
};

// StoreDataBlock builds one STORE DATA command (BER-TLV structure) with apdu/gp's builder: block `block_number`,
// the last-block bit only when `last`, and an extended Le when a response (a generated public key) is expected.
absl::StatusOr<apdu::CommandApdu> StoreDataBlock(ByteView data, uint8_t block_number, bool last, bool expect_response);

// SecurityLevelText: "33 (C-MAC, C-DECRYPTION, R-MAC, R-ENCRYPTION)".
std::string SecurityLevelText(apdu::gp::SecurityLevel level);

}  // namespace jpki::sim::tsm

#endif  // JPKICORE_SIM_TSM_SESSION_H_
