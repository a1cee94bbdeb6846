// SCP03 response unwrapping must never return data for a response the card did not produce. A fixed session (the
// public pysim AES-128 vector keys, level 33, and the Samsung AES-256 S16 keys) is opened between a host and a card
// session; the card wraps a response whose plain data comes from the input; then the host unwraps either that
// genuine response or the raw input bytes as a forged response. Invariants (abort on violation):
//   - the genuine response unwraps to exactly the plain data;
//   - a forged response is accepted only if it is byte-identical to the genuine one, or carries no data under an
//     unprotected (error) status word;
//   - after any failure the session is closed and every later call fails with kState.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "apdu/gp/scp03_card_session.h"
#include "apdu/gp/scp03_host_session.h"
#include "base/error.h"
#include "crypto/random.h"

namespace gp = jpki::apdu::gp;
using jpki::Bytes;
using jpki::ByteView;
using jpki::ErrorCode;
using jpki::GetErrorCode;
using jpki::SecretBytes;
using jpki::apdu::CommandApdu;
using jpki::apdu::ResponseApdu;

namespace {

gp::Scp03Keys MakeKeys(uint8_t fill, size_t n) {
  Bytes enc(n), mac(n), dek(n);
  for (size_t i = 0; i < n; ++i) {
    enc[i] = static_cast<uint8_t>(fill + i);
    mac[i] = static_cast<uint8_t>(fill + 0x10 + i);
    dek[i] = static_cast<uint8_t>(fill + 0x20 + i);
  }
  return std::move(*gp::Scp03Keys::Create(0x30, SecretBytes(enc), SecretBytes(mac), SecretBytes(dek)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  // Byte 0: mode (S8/S16), key size and level; byte 1: which response to unwrap; byte 2-3: status word.
  const uint8_t selector = data[0];
  const bool forged = (data[1] & 1) != 0;
  const uint16_t sw = static_cast<uint16_t>(data[1] << 8 | data[2]);
  const ByteView body(data + 3, size - 3);
  const bool s16 = (selector & 0x01) != 0;
  const size_t key_size = 16 + 8 * ((selector >> 1) % 3);
  static const uint8_t kLevels[] = {0x01, 0x03, 0x11, 0x13, 0x31, 0x33};
  const gp::SecurityLevel level = *gp::SecurityLevelFromByte(kLevels[(selector >> 3) % 6]);

  gp::Scp03CardSession card(gp::Scp03CardConfig{MakeKeys(0, key_size), Bytes(10, 0x5A),
                                                static_cast<uint8_t>(s16 ? 0x71 : 0x70),
                                                Bytes{0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00, 0x00}, nullptr});
  const Bytes host_challenge(s16 ? 16 : 8, 0x42);
  auto iu = card.ProcessInitializeUpdate(*gp::BuildInitializeUpdate(0x30, host_challenge), 1);
  if (!iu.ok()) std::abort();
  auto host = gp::Scp03HostSession::Create(MakeKeys(0, key_size), host_challenge, *iu, level);
  if (!host.ok()) std::abort();
  auto ea = host->ExternalAuthenticate();
  if (!ea.ok()) std::abort();
  auto ea_response = card.ProcessExternalAuthenticate(*ea);
  if (!ea_response.ok() || ea_response->sw != 0x9000) std::abort();
  if (!host->ConfirmExternalAuthenticate(ResponseApdu{{}, 0x9000}).ok()) std::abort();

  auto wire = host->Wrap(CommandApdu{0x80, 0xCA, 0x00, 0x66, Bytes(body.begin(), body.begin() + body.size() / 2), 256});
  if (!wire.ok()) std::abort();
  auto plain_cmd = card.UnwrapCommand(*wire);
  if (!plain_cmd.ok()) std::abort();
  const ResponseApdu plain{Bytes(body.begin(), body.end()), 0x9000};
  auto genuine = card.WrapResponse(plain);
  if (!genuine.ok()) return 0;  // too long to wrap

  if (!forged) {
    auto r = host->Unwrap(*genuine);
    if (!r.ok() || *r != plain) std::abort();
    return 0;
  }
  const ResponseApdu attempt{Bytes(body.begin(), body.end()), sw};
  auto r = host->Unwrap(attempt);
  if (r.ok()) {
    const bool identical = attempt == *genuine;
    const bool bare_error = attempt.data.empty() && !gp::IsScp03ProtectedSw(sw) && r->data.empty();
    const bool unprotected_level = !gp::HasRMac(level);  // without R-MAC nothing is authenticated: passed as is
    if (!identical && !bare_error && !(unprotected_level && *r == attempt)) std::abort();
    if (identical && *r != plain) std::abort();
  } else {
    if (host->is_open()) std::abort();
    if (GetErrorCode(host->Unwrap(*genuine).status()) != ErrorCode::kState) std::abort();
    if (GetErrorCode(host->Wrap(CommandApdu{0x80, 0xCA, 0, 0, {}, 256}).status()) != ErrorCode::kState) std::abort();
  }
  return 0;
}
