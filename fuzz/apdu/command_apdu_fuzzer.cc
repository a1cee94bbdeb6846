// Command APDU decode -> encode in the same length form must reproduce the input byte for byte; the owning and
// zero-copy parsers must agree; naming a parsed command must never fail.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "apdu/cla.h"
#include "apdu/command_apdu.h"
#include "apdu/command_names.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jpki::apdu;
  const jpki::ByteView input(data, size);
  auto view = ParseCommandApduView(input);
  auto owned = ParseCommandApdu(input);
  if (view.ok() != owned.ok()) std::abort();
  if (!view.ok()) return 0;
  const CommandApdu command = view->ToCommand();
  if (command != owned->apdu || view->apdu_case != owned->apdu_case) std::abort();
  auto again = Encode(command, FormOf(view->apdu_case));
  if (!again.ok() || !jpki::Equal(*again, input)) std::abort();
  auto apdu_case = CaseFor(command, FormOf(view->apdu_case));
  if (!apdu_case.ok() || *apdu_case != view->apdu_case) std::abort();
  // Auto form never mixes: what it produces must parse back to the same command.
  auto automatic = Encode(command);
  if (!automatic.ok()) std::abort();
  auto reparsed = ParseCommandApdu(*automatic);
  if (!reparsed.ok() || reparsed->apdu != command) std::abort();
  const CommandDescription description = DescribeCommand(*view);
  if (description.name.empty()) std::abort();
  auto cla = DecodeCla(command.cla);
  if (cla.ok()) {
    auto encoded = EncodeCla(*cla);
    if (!encoded.ok() || *encoded != command.cla) std::abort();
  }
  return 0;
}
