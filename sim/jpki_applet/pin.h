#ifndef JPKICORE_SIM_JPKI_APPLET_PIN_H_
#define JPKICORE_SIM_JPKI_APPLET_PIN_H_

// The card side of the JPKI applet's reference data (the authentication PIN in EF 0018, the signing password in EF
// 001B, and the phone's screen-lock credential used as the primary factor of the biometric alternative): a secret
// with a retry counter, verified the way the real applet answers VERIFY (63Cx, then blocked for good).

#include <cstdint>

#include "absl/status/status.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"

namespace jpki::sim::jpki_applet {

enum class PinFormat {
  kAuthPin,          // exactly 4 digits (利用者証明用 PIN)
  kSigningPassword,  // 6..16 characters A-Z 0-9 (署名用パスワード)
  kScreenLock,       // 4..16 printable ASCII characters (the phone's screen-lock credential)
};

// FormatAllows says whether `value` has the shape `format` requires.
bool FormatAllows(PinFormat format, ByteView value);

enum class VerifyOutcome {
  kVerified,   // correct: counter reset to the maximum
  kWrong,      // wrong: one try used, tries_left() tells how many remain (0 = this try blocked it)
  kBlocked,    // blocked before this attempt: nothing compared
  kBadFormat,  // the candidate cannot be a valid value: refused without using a try
  kNotPersonalized,
};

class RetryPin {
 public:
  RetryPin(PinFormat format, int max_tries) : format_(format), max_tries_(max_tries), tries_left_(max_tries) {}

  // Set installs a new reference value (personalisation or CHANGE REFERENCE DATA), resets the counter and the
  // verified state. Fails on a value of the wrong format.
  absl::Status Set(ByteView value);

  // Verify compares `candidate` with the reference value in constant time. The counter is decremented before the
  // comparison and restored only on success, so cutting power mid-check never yields a free try.
  VerifyOutcome Verify(ByteView candidate);

  bool personalized() const { return !reference_.empty(); }
  bool blocked() const { return tries_left_ == 0; }
  bool verified() const { return verified_; }
  int tries_left() const { return tries_left_; }
  int max_tries() const { return max_tries_; }
  PinFormat format() const { return format_; }

  // ClearVerified drops the security state (new SELECT of the applet, a signature consumed it, ...).
  void ClearVerified() { verified_ = false; }

 private:
  PinFormat format_;
  int max_tries_;
  int tries_left_;
  bool verified_ = false;
  SecretBytes reference_;
};

}  // namespace jpki::sim::jpki_applet

#endif  // JPKICORE_SIM_JPKI_APPLET_PIN_H_
