#ifndef JPKICORE_APDU_GP_SCP03_TRANSPORT_H_
#define JPKICORE_APDU_GP_SCP03_TRANSPORT_H_

// Scp03Transport is a Transport decorator: Open runs INITIALIZE UPDATE and EXTERNAL AUTHENTICATE over `inner`, then
// every Transmit wraps the command, sends it, and verifies/decrypts the response. Place it ABOVE the 61xx/6Cxx
// driver (apdu/card_channel.h) so that it sees complete responses. Any unwrap failure closes the session; later
// Transmits fail with kState.

#include <memory>

#include "absl/status/statusor.h"
#include "apdu/gp/scp03_host_session.h"
#include "apdu/transport.h"
#include "crypto/random.h"

namespace jpki::apdu::gp {

class Scp03Transport : public Transport {
 public:
  // Open authenticates with `keys` at `level`. The host challenge comes from `random` (8 bytes, or 16 when `mode` is
  // S16). `inner` must outlive the returned transport. Errors: the inner transport's, the session's (see
  // Scp03HostSession::Create), kState when the card refuses a step.
  static absl::StatusOr<std::unique_ptr<Scp03Transport>> Open(Transport& inner, const Scp03Keys& keys,
                                                              SecurityLevel level, crypto::RandomSource& random,
                                                              Scp03Mode mode = Scp03Mode::kS8,
                                                              const Scp03HostOptions& options = {});

  absl::StatusOr<ResponseApdu> Transmit(const CommandApdu& command) override;

  Scp03HostSession& session() { return session_; }

 private:
  Scp03Transport(Transport& inner, Scp03HostSession session) : inner_(inner), session_(std::move(session)) {}

  Transport& inner_;
  Scp03HostSession session_;
};

}  // namespace jpki::apdu::gp

#endif  // JPKICORE_APDU_GP_SCP03_TRANSPORT_H_
