#ifndef JPKICORE_APDU_CARD_CHANNEL_H_
#define JPKICORE_APDU_CARD_CHANNEL_H_

// CardChannel: the driver between host code (or a secure-channel wrapper) and a raw Transport. It hides the two
// transport-level status words of ISO/IEC 7816-4 §5.3.4 (and T=0, ISO 7816-3):
//
// * 61xx "xx more bytes available": sends GET RESPONSE (CLA 00 on the command's logical channel, INS C0,
//   P1 P2 00 00, Le xx, 00 = 256) and appends each response's data, until a status other than 61xx arrives; that
//   final SW is returned with all accumulated data. Bounded by `max_get_response_rounds` and `max_response_bytes`
//   (exceeding either is kResourceLimit, and nothing partial is returned).
// * 6Cxx "wrong Le, xx available": resends the same command once with Ne = xx (00 = 256). A second 6Cxx is
//   returned to the caller as is.
//
// Secure messaging (decision): put the SM wrapper ABOVE CardChannel. GET RESPONSE then never goes through the
// wrapper (it is not wrapped and carries no MAC), and the wrapper unwraps the reassembled response, which is what
// the card computed its R-MAC over. Commands whose CLA indicates secure messaging are NOT resent on 6Cxx: a resend
// would present the same C-MAC a second time while the card's MAC chaining / encryption counter state may already
// have moved, so the 6Cxx goes up to the wrapper (which, per GP, treats it as an error SW carrying no R-MAC).
// If a wrapper is nevertheless placed below CardChannel it must pass GET RESPONSE through unwrapped.

#include <cstddef>
#include <cstdint>

#include "absl/status/statusor.h"
#include "apdu/transport.h"

namespace jpki::apdu {

inline constexpr uint8_t kInsGetResponse = 0xC0;

struct CardChannelOptions {
  // Maximum number of GET RESPONSE commands for one command (256 × 256 bytes covers an extended response).
  int max_get_response_rounds = 256;
  // Maximum accumulated response data for one command.
  size_t max_response_bytes = kMaxResponseData;
  // Handle 6Cxx by resending (once). When false, 6Cxx is returned as is.
  bool resend_on_wrong_le = true;
};

// CardChannel is a Transport over `lower` (not owned; must outlive the channel).
class CardChannel : public Transport {
 public:
  explicit CardChannel(Transport& lower, CardChannelOptions options = {}) : lower_(lower), options_(options) {}

  // Transmit sends `command` and resolves 61xx / 6Cxx as described above. Errors: the lower transport's errors,
  // kResourceLimit when a limit is hit.
  absl::StatusOr<ResponseApdu> Transmit(const CommandApdu& command) override;

  // TransmitChained sends `command`, split by command chaining (CLA b5) into parts of at most `max_chunk` data bytes
  // when longer. Every part but the last must answer 9000 (else that response is returned and the chain stops);
  // the last part's response (after 61xx / 6Cxx handling) is returned.
  absl::StatusOr<ResponseApdu> TransmitChained(const CommandApdu& command, size_t max_chunk = kMaxShortNc);

  // GetResponseCount: total GET RESPONSE commands sent so far (for tests and diagnostics).
  size_t get_response_count() const { return get_response_count_; }

 private:
  absl::StatusOr<ResponseApdu> CollectGetResponse(uint8_t cla, ResponseApdu first);

  Transport& lower_;
  CardChannelOptions options_;
  size_t get_response_count_ = 0;
};

}  // namespace jpki::apdu

#endif  // JPKICORE_APDU_CARD_CHANNEL_H_
