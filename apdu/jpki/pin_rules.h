#ifndef JPKICORE_APDU_JPKI_PIN_RULES_H_
#define JPKICORE_APDU_JPKI_PIN_RULES_H_

// JPKI PIN rules, checked on the host before anything is sent so that a typo never costs a try
// (OpenSC pkcs15-jpki.c jpki_pin_min/max; jpki/myna utils.rs; shared/notes/domain-research.md §1.4).

#include <string_view>

#include "absl/status/status.h"

namespace jpki::apdu::jpki_ap {

enum class PinKind {
  kAuthentication,  // 利用者証明用 PIN: exactly 4 digits, 3 tries, key reference EF 0018
  kSigning,         // 署名用 password: 6-16 of A-Z and 0-9, 5 tries, key reference EF 001B
};

// PinKindName: "authentication PIN" or "signing password".
std::string_view PinKindName(PinKind kind);

// MaxTries: 3 for the authentication PIN, 5 for the signing password.
int MaxTries(PinKind kind);

// PinEf: the key-reference EF to SELECT before VERIFY (0018 / 001B).
uint16_t PinEf(PinKind kind);

// ValidatePin returns OK when `pin` satisfies the rules of `kind`, else kInvalidArgument (the message never
// contains the PIN). Lower-case letters are rejected, not upper-cased: callers normalise user input themselves.
absl::Status ValidatePin(PinKind kind, std::string_view pin);

}  // namespace jpki::apdu::jpki_ap

#endif  // JPKICORE_APDU_JPKI_PIN_RULES_H_
