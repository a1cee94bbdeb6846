#include "sim/jpki_applet/card.h"

#include "apdu/jpki/jpki_files.h"
#include "apdu/status_words.h"

namespace jpki::sim::jpki_applet {

MyNumberCard::MyNumberCard(const Clock& clock, crypto::RandomSource& rng)
    : applet_(JpkiAppletOptions{Medium::kCard, 2048}, clock, rng) {}

absl::StatusOr<apdu::ResponseApdu> MyNumberCard::Transmit(const apdu::CommandApdu& command) {
  if ((command.cla & 0x03) != 0) return apdu::ResponseApdu{{}, 0x6881};  // the card has only the basic channel
  if (command.cla == 0x00 && command.ins == 0xA4 && command.p1 == 0x04) {
    if (!Equal(command.data, apdu::jpki_ap::kJpkiAid)) {
      selected_ = false;
      return apdu::ResponseApdu{{}, apdu::kSwFileNotFound};
    }
    selected_ = true;
    return applet_.Select(se::CommandContext{});
  }
  if (!selected_) return apdu::ResponseApdu{{}, apdu::kSwConditionsNotSatisfied};
  if (command.cla == 0x80 && command.ins == 0xE2) return applet_.Personalize(command, se::CommandContext{});
  return applet_.Process(command, se::CommandContext{});
}

}  // namespace jpki::sim::jpki_applet
