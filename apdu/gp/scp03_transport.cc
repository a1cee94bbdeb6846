#include "apdu/gp/scp03_transport.h"

#include <utility>

#include "apdu/gp/secure_channel_commands.h"
#include "base/status_macros.h"

namespace jpki::apdu::gp {

absl::StatusOr<std::unique_ptr<Scp03Transport>> Scp03Transport::Open(Transport& inner, const Scp03Keys& keys,
                                                                     SecurityLevel level, crypto::RandomSource& random,
                                                                     Scp03Mode mode, const Scp03HostOptions& options) {
  Bytes host_challenge(Scp03ChallengeSize(mode));
  JPKI_RETURN_IF_ERROR(random.Fill(absl::MakeSpan(host_challenge)));
  JPKI_ASSIGN_OR_RETURN(CommandApdu initialize_update, BuildInitializeUpdate(keys.kvn, host_challenge));
  JPKI_ASSIGN_OR_RETURN(ResponseApdu iu_response, inner.Transmit(initialize_update));
  JPKI_ASSIGN_OR_RETURN(Scp03HostSession session,
                        Scp03HostSession::Create(keys, host_challenge, iu_response, level, options));
  JPKI_ASSIGN_OR_RETURN(CommandApdu external_authenticate, session.ExternalAuthenticate());
  JPKI_ASSIGN_OR_RETURN(ResponseApdu ea_response, inner.Transmit(external_authenticate));
  JPKI_RETURN_IF_ERROR(session.ConfirmExternalAuthenticate(ea_response));
  return std::unique_ptr<Scp03Transport>(new Scp03Transport(inner, std::move(session)));
}

absl::StatusOr<ResponseApdu> Scp03Transport::Transmit(const CommandApdu& command) {
  JPKI_ASSIGN_OR_RETURN(CommandApdu wrapped, session_.Wrap(command));
  auto response = inner_.Transmit(wrapped);
  if (!response.ok()) {
    // The chaining value has advanced without a response to check: the session cannot continue.
    session_.Close();
    return response.status();
  }
  return session_.Unwrap(*response);
}

}  // namespace jpki::apdu::gp
