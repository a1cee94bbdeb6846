#ifndef JPKICORE_SIM_JPKI_APPLET_CARD_H_
#define JPKICORE_SIM_JPKI_APPLET_CARD_H_

// MyNumberCard: the plastic card as a Transport: one JPKI applet behind SELECT by AID, personalised at the
// issuing office with STORE DATA before it is handed over (the first DF7F closes personalisation for good).

#include <memory>

#include "apdu/transport.h"
#include "sim/jpki_applet/jpki_applet.h"

namespace jpki::sim::jpki_applet {

class MyNumberCard : public apdu::Transport {
 public:
  // `clock` and `rng` must outlive the card.
  MyNumberCard(const Clock& clock, crypto::RandomSource& rng);
  absl::StatusOr<apdu::ResponseApdu> Transmit(const apdu::CommandApdu& command) override;
  const JpkiApplet& applet() const { return applet_; }

 private:
  JpkiApplet applet_;
  bool selected_ = false;
};

}  // namespace jpki::sim::jpki_applet

#endif  // JPKICORE_SIM_JPKI_APPLET_CARD_H_
