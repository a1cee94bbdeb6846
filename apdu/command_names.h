#ifndef JPKICORE_APDU_COMMAND_NAMES_H_
#define JPKICORE_APDU_COMMAND_NAMES_H_

// Command-name catalogue: names ISO/IEC 7816-4, GlobalPlatform (Card Spec 2.3.1 §11) and JPKI applet commands and
// decodes their parameters, for `jpki apdu decode`, logs and simulators. Purely descriptive: it never rejects.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "apdu/command_apdu.h"
#include "base/bytes.h"

namespace jpki::apdu {

// CommandDescription is a command's name ("SELECT by AID", "INSTALL [for install and make selectable]",
// "COMPUTE DIGITAL SIGNATURE") and its decoded parameters as ordered (snake_case key, text) pairs, e.g.
// {"aid", "d392f000260100000001"}, {"aid_name", "JPKI AP"}, {"response", "no response data"}.
struct CommandDescription {
  std::string name;  // "unknown command" when not recognised
  bool known = false;
  std::vector<std::pair<std::string, std::string>> parameters;
};

// DescribeCommand names `command` and decodes its parameters.
CommandDescription DescribeCommand(const CommandApduView& command);
CommandDescription DescribeCommand(const CommandApdu& command);

// KnownAidName names well-known AIDs: "JPKI AP", "GlobalPlatform ISD", "ARA-M", the My Number card's other APs.
std::optional<std::string_view> KnownAidName(ByteView aid);

// GetDataTagName names GET DATA tags (P1P2): "CPLC", "card data", "key information template", ...
std::optional<std::string_view> GetDataTagName(uint16_t tag);

}  // namespace jpki::apdu

#endif  // JPKICORE_APDU_COMMAND_NAMES_H_
