#ifndef JPKICORE_SIM_PHONE_PHONE_H_
#define JPKICORE_SIM_PHONE_PHONE_H_

// The Android phone: its GP-SE, the over-the-air path the TSMs use to reach it, the OMAPI service through which apps
// open logical channels to SE applets, enforcing GlobalPlatform SE Access Control (the JPKI app whitelist: rules
// read from the SE's ARA-M with GET DATA [All] before every channel), and the Class 3 biometric TEE bound to the
// JPKI applet.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "apdu/transport.h"
#include "base/bytes.h"
#include "base/secret_bytes.h"
#include "sim/se/secure_element.h"

namespace jpki::sim::phone {

// An installed app, identified to access control by the SHA-256 of its signing certificate.
struct App {
  std::string package;
  Bytes certificate_hash;
};

// The biometric TEE: a Class 3 sensor whose matches are reported to the JPKI applet as AES-CMAC(key, challenge || 03)
// with a key bound to the applet at enrolment.
class BiometricTee {
 public:
  explicit BiometricTee(SecretBytes key) : key_(std::move(key)) {}
  const SecretBytes& binding_key() const { return key_; }
  // Assert returns the match assertion for `challenge` when the finger matches; an error otherwise.
  absl::StatusOr<Bytes> Assert(ByteView challenge, bool finger_matches) const;

 private:
  SecretBytes key_;
};

class Phone {
 public:
  Phone(std::string model, std::unique_ptr<se::SecureElement> se, SecretBytes biometric_key);
  ~Phone();

  const std::string& model() const { return model_; }
  se::SecureElement& se() { return *se_; }
  // Ota is the TSMs' path to the SE (the basic channel, through the phone's TSM agent).
  apdu::Transport& ota() { return *se_; }
  const BiometricTee& tee() const { return tee_; }

  // OpenChannel is OMAPI's openLogicalChannel for `app` and `aid`: reads the ARA-M rules, refuses an app the rules
  // do not allow (kPolicyViolation "access denied"), else opens a logical channel whose Transport puts the channel
  // number in every CLA and closes the channel when destroyed. The applet is not selected yet.
  absl::StatusOr<std::unique_ptr<apdu::Transport>> OpenChannel(const App& app, ByteView aid);

 private:
  std::string model_;
  std::unique_ptr<se::SecureElement> se_;
  BiometricTee tee_;
};

}  // namespace jpki::sim::phone

#endif  // JPKICORE_SIM_PHONE_PHONE_H_
