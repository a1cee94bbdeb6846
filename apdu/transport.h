#ifndef JPKICORE_APDU_TRANSPORT_H_
#define JPKICORE_APDU_TRANSPORT_H_

// Transports: whatever moves one command APDU to a card (or simulator, or secure-channel wrapper) and brings back
// its response. Layers stack because every layer is itself a Transport:
//
//   JpkiApplet / GP host code
//        │ Transport
//   SCP03 wrapper (apdu/gp)          wraps each command, unwraps (verifies R-MAC of) each complete response
//        │ Transport
//   CardChannel (apdu/card_channel.h) 61xx → GET RESPONSE, 6Cxx → resend with the right Le
//        │ Transport
//   RawTransportAdapter → RawTransport (PC/SC, NFC, an in-process simulator)
//
// The driver sits BELOW secure messaging on purpose: 61xx/6Cxx are transport-level (ISO 7816-3 T=0 and
// ISO 7816-4 §5.3.4), so GET RESPONSE is never wrapped and the secure-channel layer sees one complete response
// (all data plus the final SW and R-MAC), which is what the card MACed. See card_channel.h for the details.

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/response_apdu.h"
#include "base/bytes.h"

namespace jpki::apdu {

// Transport exchanges one logical command for one response. An error status means the exchange itself failed
// (no card, I/O error, bad MAC in a wrapper); any status word, including errors, is a successful exchange.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual absl::StatusOr<ResponseApdu> Transmit(const CommandApdu& command) = 0;
};

// RawTransport exchanges wire bytes: one encoded command APDU for one encoded response APDU (data || SW1 SW2).
class RawTransport {
 public:
  virtual ~RawTransport() = default;
  virtual absl::StatusOr<Bytes> TransmitRaw(ByteView command) = 0;
};

// RawTransportAdapter is a Transport over a RawTransport: it encodes with `form` (kAuto by default) and parses the
// reply strictly (fewer than 2 bytes is kMalformedInput). It does not own `raw`.
class RawTransportAdapter : public Transport {
 public:
  explicit RawTransportAdapter(RawTransport& raw, LengthForm form = LengthForm::kAuto) : raw_(raw), form_(form) {}
  absl::StatusOr<ResponseApdu> Transmit(const CommandApdu& command) override;

 private:
  RawTransport& raw_;
  LengthForm form_;
};

}  // namespace jpki::apdu

#endif  // JPKICORE_APDU_TRANSPORT_H_
