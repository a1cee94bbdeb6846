#ifndef JPKICORE_APDU_JPKI_JPKI_APPLET_H_
#define JPKICORE_APDU_JPKI_JPKI_APPLET_H_

// JpkiApplet: the host-side client of the JPKI applet over any Transport (a card reader, an NFC link, the SE
// simulator, possibly through a CardChannel). It selects the JPKI AP once (lazily) and then SELECTs the EF each
// operation needs, in the order public clients use (SELECT PIN EF, VERIFY, SELECT key EF, COMPUTE DIGITAL
// SIGNATURE). The AP is not re-selected between operations because a re-SELECT may reset the verified state.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "apdu/jpki/pin_rules.h"
#include "apdu/jpki/token_info.h"
#include "apdu/transport.h"
#include "base/bytes.h"

namespace jpki::apdu::jpki_ap {

enum class CertificateKind {
  kSigning,           // EF 0001 (needs the signing password VERIFY first)
  kSigningCa,         // EF 0002
  kAuthentication,    // EF 000A (needs the authentication PIN on an Android GP-SE)
  kAuthenticationCa,  // EF 000B
};

// CertificateEf maps a kind to its EF.
uint16_t CertificateEf(CertificateKind kind);

struct JpkiAppletOptions {
  // Use extended-length READ BINARY (one command per certificate) when the reader and card support it.
  bool extended_length = false;
  // Bytes per READ BINARY (1..256 short; up to 32768 extended).
  size_t read_chunk = 256;
};

// PinStatus: the outcome of a VERIFY that reached the card.
struct PinStatus {
  bool verified = false;
  int tries_left = -1;   // from 63Cx; -1 when the card did not say
  bool blocked = false;  // 6983 / 6984, or 63C0
};

class JpkiApplet {
 public:
  // `transport` is not owned and must outlive the client.
  explicit JpkiApplet(Transport& transport, JpkiAppletOptions options = {})
      : transport_(transport), options_(options) {}

  // Select sends SELECT JPKI AP (00 A4 04 0C ...). Error: transport errors, or the SW as status (6A82 kNotFound).
  absl::Status Select();

  // ReadFile reads a transparent EF from offset 0: exactly `length` bytes (stops early only at end of file).
  absl::StatusOr<Bytes> ReadFile(uint16_t fid, size_t length);

  // ReadCertificate reads a certificate EF: the first chunk gives the DER header (strictly parsed: SEQUENCE, definite
  // minimal length), then READ BINARY continues at increasing offsets until the full DER length; trailing filler in
  // the EF is dropped. Fails on a header that is not a SEQUENCE, a length beyond 32768 bytes, an EF that ends early,
  // or any SW other than 9000 (6982: PIN needed first -> kState).
  absl::StatusOr<Bytes> ReadCertificate(CertificateKind kind);

  // VerifyPin checks the PIN rules (nothing is sent on failure: kInvalidArgument), SELECTs the PIN EF and sends
  // VERIFY. Returns the card's verdict as a PinStatus (a wrong PIN is a value, not an error).
  absl::StatusOr<PinStatus> VerifyPin(PinKind kind, std::string_view pin);

  // PinRetries SELECTs the PIN EF and sends the empty VERIFY: 63Cx -> x, 6983/6984 -> 0; 9000 (already verified)
  // -> MaxTries(kind).
  absl::StatusOr<int> PinRetries(PinKind kind);

  // ChangePin verifies `old_pin` and then sends CHANGE REFERENCE DATA with `new_pin`. Both are checked first. A
  // wrong old PIN is kState ("verification failed, N tries left").
  absl::Status ChangePin(PinKind kind, std::string_view old_pin, std::string_view new_pin);

  // Sign SELECTs the key EF for `kind` (0017 authentication / 001A signing) and sends COMPUTE DIGITAL SIGNATURE with
  // `digest_info` (1..245 bytes, normally a DER DigestInfo). The matching VerifyPin must have succeeded. Returns the
  // signature (256 bytes for RSA-2048); 6982 -> kState.
  absl::StatusOr<Bytes> Sign(PinKind kind, ByteView digest_info);

  // GetTokenKind reads the label of EF 0006 and tells a card from an Android GP-SE or an iPhone.
  absl::StatusOr<TokenKind> GetTokenKind();

 private:
  absl::Status EnsureSelected();
  absl::Status SelectFile(uint16_t fid);
  absl::StatusOr<ResponseApdu> Send(const CommandApdu& command);

  Transport& transport_;
  JpkiAppletOptions options_;
  bool selected_ = false;
};

}  // namespace jpki::apdu::jpki_ap

#endif  // JPKICORE_APDU_JPKI_JPKI_APPLET_H_
