#ifndef JPKICORE_SIM_DEMO_DEMO_H_
#define JPKICORE_SIM_DEMO_DEMO_H_

// `jpki demo`: the whole smartphone JPKI flow, every role in one process, talking only through APDUs, DER and
// signatures. Seven steps (issue 6): CA + card; SE + SEI-TSM; SP-TSM installs the applet; issuance; login (PIN,
// biometric, 72-hour rule, access control); document signature (smartphone and card); model change with
// revocation. Each step checks that things behaved as expected; the first deviation stops the run with an error
// naming the step. Faults can be injected to prove that each protection fails where it should.

#include <cstdint>
#include <optional>
#include <string>

#include "sim/transcript/transcript.h"

namespace jpki::sim::demo {

enum class Fault {
  kNone,
  kWrongScp03Key,       // the SEI-TSM holds a wrong ISD key: step 2 fails (card cryptogram)
  kTamperedApdu,        // a byte of the SP-TSM's first wrapped command is flipped in transit: step 3 fails (6982)
  kBlockedPin,          // the holder mistypes the PIN three times: step 5 fails (blocked)
  kRevokedCertificate,  // the phone's authentication certificate is revoked after issuance: step 5 fails (revoked)
  kExpiredCrl,          // the verifier's CRLs are not refreshed and expire: step 6 fails (crl_expired)
};

struct DemoOptions {
  std::optional<uint64_t> seed;  // reproducible run (deterministic random source, fixed start time)
  bool trace = false;            // record every APDU, wrapped and unwrapped
  Fault fault = Fault::kNone;
};

struct DemoResult {
  bool ok = false;
  int failed_step = 0;  // 0 when ok
  std::string error;
  Transcript transcript;
  double total_millis = 0;
};

DemoResult RunDemo(const DemoOptions& options);

inline constexpr int kDemoSteps = 7;

}  // namespace jpki::sim::demo

#endif  // JPKICORE_SIM_DEMO_DEMO_H_
