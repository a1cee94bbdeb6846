#ifndef JPKICORE_SIM_SE_APPLET_H_
#define JPKICORE_SIM_SE_APPLET_H_

// What a Secure Element (or a single-application card) needs from an applet. The SE owns selection, logical
// channels and secure messaging: an applet receives plain commands and is told under which SCP03 security level
// (if any) each arrived, the way a Java Card applet asks GPSystem.getSecureChannel().

#include <cstdint>
#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "apdu/command_apdu.h"
#include "apdu/response_apdu.h"
#include "base/bytes.h"

namespace jpki::sim::se {

struct CommandContext {
  uint8_t channel = 0;
  // The SCP03 security level (EXTERNAL AUTHENTICATE P1) of the channel the command arrived under, 0 if none.
  uint8_t security_level = 0;
};

class Applet {
 public:
  virtual ~Applet() = default;
  // Select is called when the applet is selected on a channel; a non-9000 status refuses the selection.
  virtual apdu::ResponseApdu Select(const CommandContext& context) = 0;
  // Deselect is called when another application is selected on the channel or the channel is closed.
  virtual void Deselect() = 0;
  // Process handles one command addressed to the selected applet (secure messaging already removed).
  virtual apdu::ResponseApdu Process(const apdu::CommandApdu& command, const CommandContext& context) = 0;
  // Personalize handles a STORE DATA command that the applet's security domain forwards after INSTALL [for
  // personalization]; the domain has verified (and decrypted) it within its own secure channel.
  virtual apdu::ResponseApdu Personalize(const apdu::CommandApdu& store_data, const CommandContext& context) = 0;
};

// AppletFactory creates an applet instance from the install parameters (the C9 value of INSTALL [for install]).
using AppletFactory = std::function<absl::StatusOr<std::unique_ptr<Applet>>(ByteView install_parameters)>;

}  // namespace jpki::sim::se

#endif  // JPKICORE_SIM_SE_APPLET_H_
