#ifndef JPKICORE_SIM_TRANSCRIPT_TRACING_TRANSPORT_H_
#define JPKICORE_SIM_TRANSCRIPT_TRACING_TRANSPORT_H_

// TracingTransport is a Transport decorator that records every command and response passing through it in the
// transcript (when tracing is on), labelled with who is talking and at which layer. Stacked below and above an
// SCP03 wrapper it shows each APDU both wrapped (what crosses the network) and unwrapped (what the TSM meant).

#include <string>

#include "apdu/transport.h"
#include "sim/transcript/transcript.h"

namespace jpki::sim {

class TracingTransport : public apdu::Transport {
 public:
  // `lower` and `transcript` must outlive this object.
  TracingTransport(apdu::Transport& lower, Transcript& transcript, std::string label)
      : lower_(lower), transcript_(transcript), label_(std::move(label)) {}

  absl::StatusOr<apdu::ResponseApdu> Transmit(const apdu::CommandApdu& command) override;

 private:
  apdu::Transport& lower_;
  Transcript& transcript_;
  std::string label_;
};

// DescribeForLog renders "INSTALL [for load] (80e60200...)" the way `jpki apdu decode` names the command.
std::string CommandName(const apdu::CommandApdu& command);

}  // namespace jpki::sim

#endif  // JPKICORE_SIM_TRANSCRIPT_TRACING_TRANSPORT_H_
